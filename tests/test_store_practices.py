"""The own practices table (store/practices.py) against the check-ins themselves: after
saves, going back, finishing, deleting, importing, locking, and for journals made
before the table, it names what a read of every check-in names. Real SQLite, no mocks."""

from __future__ import annotations

import datetime
import sqlite3
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketaprep.paths import Paths, get_paths
from ketaprep.store import Answer, Entry, EntryFilter, Store, migrate, open_store
from ketaprep.store.locking import lock_journal
from ketaprep.store.practices import create_own_practices
from lock_helpers import PASSPHRASE, forget_passphrases, use_passphrase_file

MOST = 10


def read_from_every_checkin(store: Store) -> list[str]:
    """What the table stands for, read the long way: the own practices of every finished
    check-in, oldest first; one named again moves to the newest; the newest MOST."""
    found: list[str] = []
    for entry in store.entries_with(["own-practices"], EntryFilter(kind="checkin")):
        value = entry.answers[0].value
        for text in (t.strip() for t in (value if isinstance(value, list) else [str(value)])):
            if text in found:
                found.remove(text)
            if text:
                found.append(text)
    return found[-MOST:]


def check_in(store: Store, own: object, *, finish: bool = True, kind: str = "checkin") -> str:
    entry = store.start_entry(kind)  # type: ignore[arg-type]
    store.save_answer(entry.id, "practices", "checklist", "Which?", ["walk"])
    store.save_answer(entry.id, "own-practices", "list", "Anything else?", own)  # type: ignore[arg-type]
    if finish:
        store.finish_entry(entry.id)
    return entry.id


def agrees(store: Store) -> list[str]:
    named = store.own_practices(MOST)
    assert named == read_from_every_checkin(store)
    return named


def test_saved_changed_finished_and_deleted_check_ins(ketaprep_home: Path) -> None:
    with open_store() as store:
        assert agrees(store) == []
        first = check_in(store, ["Music", " drawing ", ""])
        check_in(store, ["the long walk"], kind="journal")  # not a check-in
        draft = check_in(store, ["a draft's practice"], finish=False)
        assert agrees(store) == ["Music", "drawing"]
        second = check_in(store, ["music", "Music"])
        assert agrees(store) == ["drawing", "music", "Music"]
        store.finish_entry(draft)  # begun before the second: older
        assert agrees(store) == ["drawing", "a draft's practice", "music", "Music"]
        # Going back: the finished answer given again, changed.
        store.save_answer(second, "own-practices", "list", "Anything else?", ["bath"])
        assert agrees(store) == ["Music", "drawing", "a draft's practice", "bath"]
        store.forget_partial(second, "own-practices")  # not partial: kept
        store.delete_entry(first)
        assert agrees(store) == ["a draft's practice", "bath"]
        store.delete_entry(second)
        store.delete_entry(draft)
        assert agrees(store) == []
        assert store._conn.execute("SELECT count(*) FROM own_practices").fetchone()[0] == 0


def test_the_newest_ten_and_a_practice_named_again(ketaprep_home: Path) -> None:
    with open_store() as store:
        for number in range(14):
            check_in(store, [f"practice {number}", "every time"])
        check_in(store, ["practice 2"])
        named = agrees(store)
    assert len(named) == MOST
    assert named[-2:] == ["every time", "practice 2"]
    assert "practice 5" not in named and named[0] == "practice 6"


texts = st.text(alphabet=st.sampled_from(list("ab \t\u3000x")), max_size=4)
values = st.one_of(st.lists(texts, max_size=3), texts, st.none(), st.integers(0, 3), st.booleans())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(["add", "draft", "change", "finish", "delete"]), values),
        max_size=12,
    )
)
def test_any_sequence_of_writes(tmp_path_factory: pytest.TempPathFactory, steps: list) -> None:
    home = tmp_path_factory.mktemp("home")
    with open_store(Paths(home, home)) as store:
        made: list[str] = []
        for action, value in steps:
            if action in ("add", "draft") or not made:
                made.append(check_in(store, value, finish=action != "draft"))
            elif action == "change":
                store.save_answer(made[-1], "own-practices", "list", "Anything else?", value)
            elif action == "finish":
                store.finish_entry(made[0])
            else:
                store.delete_entry(made.pop(0))
            agrees(store)


def imported(own: list[str], minutes: int) -> Entry:
    moment = datetime.datetime(2026, 3, 1, tzinfo=datetime.timezone.utc)
    moment += datetime.timedelta(minutes=minutes)
    answers = (Answer("own-practices", "list", "Anything else?", own, moment),)
    return Entry(str(uuid.uuid4()), "checkin", None, "maintaining", moment, moment, moment,
                 answers)  # fmt: skip


def test_imported_check_ins_in_any_order(ketaprep_home: Path) -> None:
    with open_store() as store:
        check_in(store, ["today's"])
        store.import_records([], [imported(["later"], 10), imported(["earlier", "later"], 5)])
        assert agrees(store) == ["earlier", "later", "today's"]


def test_a_journal_made_before_the_table_is_filled_once(tmp_path: Path) -> None:
    home = tmp_path / "old"
    with open_store(Paths(home, home)) as store:
        check_in(store, ["Music", "bath"])
        check_in(store, ["bath"])
        check_in(store, "a text")
        check_in(store, ["a draft"], finish=False)
        check_in(store, ["edited by hand"])
        expected = read_from_every_checkin(store)[:-1]
    conn = sqlite3.connect(home / "ketaprep.db", isolation_level=None)
    steps = conn.execute("PRAGMA user_version").fetchone()[0]
    for (trigger,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'own_practices%'"
    ).fetchall():
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("DROP TABLE own_practices")  # as the step before left it
    conn.execute(f"PRAGMA user_version = {steps - 1}")
    # A value that is not JSON (changed by another program) names nothing, and fails nothing.
    conn.execute("UPDATE answers SET value = 'not JSON' WHERE value LIKE '%edited by hand%'")
    conn.close()
    with open_store(Paths(home, home)) as store:
        assert store.own_practices(MOST) == expected == ["Music", "bath", "a text"]
        assert store._conn.execute("PRAGMA user_version").fetchone()[0] == steps


def test_a_migration_from_a_blank_file_makes_the_same_table(tmp_path: Path) -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrate(conn)
    with pytest.raises(sqlite3.OperationalError, match="already exists"):
        create_own_practices(conn)
    conn.close()


def test_a_locked_journal_keeps_them(
    ketaprep_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store() as store:
        check_in(store, ["Music"])
    use_passphrase_file(tmp_path, monkeypatch)
    lock_journal(get_paths(), PASSPHRASE, keep_plan=False)
    forget_passphrases()
    with open_store() as store:
        assert store.locked
        check_in(store, ["bath"])
        assert agrees(store) == ["Music", "bath"]
