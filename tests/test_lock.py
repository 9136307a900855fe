"""The journal locked with a passphrase (store.locking): nothing readable in its files,
everything kept, the passphrase changed or removed, migrations, the plan kept readable
for help-now, and a conversion refused or undone without loss."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ketaprep.errors import KetaprepError, UsageError
from ketaprep.paths import CACHE_DIR, get_paths
from ketaprep.store import LATEST, latest_answers, open_store
from ketaprep.store import locking as locking_module
from ketaprep.store.connection import connect
from ketaprep.store.locked import copy_path, is_locked, readable_plan
from ketaprep.store.locking import change_passphrase, lock_journal, remove_lock
from ketaprep.store.migrations import migrate
from lock_helpers import (
    AFTER,
    BEFORE,
    PASSPHRASE,
    fill_journal,
    forget_passphrases,
    kept,
    raw_bytes,
    use_passphrase_file,
    words_in,
)

PLAN = {"warning-signs": ["I stop answering messages"], "people": ["Sam: 555 0101"]}


def save_plan(answers: dict[str, list[str]] = PLAN) -> None:
    with open_store() as store:
        plan = store.start_entry("plan")
        for item_id, value in answers.items():
            store.save_answer(plan.id, item_id, "list", item_id, value)
        store.finish_entry(plan.id)


@pytest.fixture
def locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A journal with the BEFORE words, locked; the passphrase in a file."""
    fill_journal()
    use_passphrase_file(tmp_path, monkeypatch)
    lock_journal(get_paths(), PASSPHRASE, keep_plan=True)
    forget_passphrases()
    return get_paths().database


def test_the_words_are_in_a_plain_journal_s_bytes() -> None:
    """The check below can fail: before locking, the words are there to be found."""
    fill_journal()
    assert words_in(raw_bytes(get_paths().database), BEFORE) == list(BEFORE)


def test_after_locking_no_word_saved_before_or_after_is_in_the_files(locked: Path) -> None:
    assert is_locked(locked)
    assert words_in(raw_bytes(locked), BEFORE) == []
    with open_store() as store:  # open: the write-ahead log and its index are in use
        from lock_helpers import _fill

        _fill(store, AFTER + BEFORE[2:])
        assert Path(f"{locked}-wal").stat().st_size > 0
        assert Path(f"{locked}-shm").exists()
        assert words_in(raw_bytes(locked), AFTER + BEFORE) == []
        assert [entry.id for entry in store.search(AFTER[1])]  # the index holds them
    assert words_in(raw_bytes(locked), AFTER + BEFORE) == []
    leftovers = sorted(path.name for path in locked.parent.iterdir() if path.name != CACHE_DIR)
    assert leftovers == ["ketaprep.db", "safety-plan.json"]


def test_everything_kept_reads_back_the_same_after_locking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_journal()
    before = kept()
    use_passphrase_file(tmp_path, monkeypatch)
    lock_journal(get_paths(), PASSPHRASE, keep_plan=False)
    forget_passphrases()
    assert kept() == before
    with open_store(reading=True) as store:
        assert store.locked
        assert [entry.kind for entry in store.search(BEFORE[1])] == ["journal"]


def test_a_wrong_passphrase_opens_nothing_and_changes_nothing(
    locked: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = locked.read_bytes()
    use_passphrase_file(tmp_path, monkeypatch, "not the passphrase")
    with pytest.raises(KetaprepError, match="did not open your journal"):
        open_store()
    assert locked.read_bytes() == before
    assert not Path(f"{locked}-wal").exists()


def test_without_a_terminal_or_a_file_a_locked_journal_is_not_opened(
    locked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KETAPREP_PASSPHRASE_FILE")
    with pytest.raises(UsageError, match="no terminal to ask for its passphrase"):
        open_store(reading=True)


def test_a_changed_passphrase_opens_it_and_the_old_one_no_longer_does(
    locked: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = kept()
    forget_passphrases()
    change_passphrase(get_paths(), "another long passphrase")
    forget_passphrases()
    with pytest.raises(KetaprepError, match="did not open"):
        open_store()
    use_passphrase_file(tmp_path, monkeypatch, "another long passphrase")
    assert kept() == before
    assert words_in(raw_bytes(locked), BEFORE) == []


def test_removing_the_lock_gives_a_plain_journal_with_everything(locked: Path) -> None:
    before = kept()
    forget_passphrases()
    remove_lock(get_paths())
    assert locked.read_bytes().startswith(b"SQLite format 3\x00")
    assert not is_locked(locked)
    assert not readable_plan(locked).exists()
    forget_passphrases()
    os.environ.pop("KETAPREP_PASSPHRASE_FILE")
    assert kept() == before
    assert words_in(raw_bytes(locked), BEFORE) == list(BEFORE)


def test_a_locked_journal_of_an_older_format_is_brought_up_to_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = get_paths().database
    database.parent.mkdir(parents=True)
    conn = connect(database)
    migrate(conn, target=3)  # before crisis records, part-answers and labels
    conn.close()
    use_passphrase_file(tmp_path, monkeypatch)
    locking_module.convert(database, PASSPHRASE)
    forget_passphrases()
    with open_store() as store:
        assert store.locked
        entry = store.start_entry("journal")
        store.save_answer(entry.id, "a", "text", "A?", "kept", partial=True)
        store.record_crisis_shown(entry.id, "a", "a rule")
    conn = connect(database, passphrase=PASSPHRASE)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    conn.close()


def test_a_locked_journal_from_a_newer_ketaprep_is_refused_unchanged(locked: Path) -> None:
    conn = connect(locked, passphrase=PASSPHRASE)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    before = locked.read_bytes()
    with pytest.raises(KetaprepError, match="made by a newer ketaprep"):
        open_store()
    assert locked.read_bytes() == before


# --- the safety plan, for help-now ------------------------------------------------------


def test_help_now_reads_the_kept_plan_without_the_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_plan()
    use_passphrase_file(tmp_path, monkeypatch)
    lock_journal(get_paths(), PASSPHRASE, keep_plan=True)
    forget_passphrases()
    monkeypatch.delenv("KETAPREP_PASSPHRASE_FILE")
    database = get_paths().database
    assert latest_answers(database, "plan") == PLAN
    assert readable_plan(database).stat().st_mode & 0o777 == 0o600
    assert latest_answers(database, "journal") is None  # the rest is locked


def test_the_kept_plan_follows_a_new_plan_made_while_locked(locked: Path, tmp_path: Path) -> None:
    assert latest_answers(locked, "plan") == {}  # kept readable, none made yet
    save_plan({"coping": ["A warm shower"]})
    forget_passphrases()
    assert latest_answers(locked, "plan") == {"coping": ["A warm shower"]}


def test_a_plan_not_kept_readable_is_locked_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_plan()
    use_passphrase_file(tmp_path, monkeypatch)
    lock_journal(get_paths(), PASSPHRASE, keep_plan=False)
    database = get_paths().database
    assert not readable_plan(database).exists()
    assert words_in(raw_bytes(database), ("answering messages",)) == []
    forget_passphrases()
    assert latest_answers(database, "plan") is None  # help-now never asks
    with open_store(reading=True):  # this run has the passphrase now: the pause may read it
        pass
    assert latest_answers(database, "plan") == PLAN


# --- refused, stopped, or found wrong: the journal as it was ------------------------------

HOLDER = """
import sys, time
from ketaprep.store import open_store
with open_store() as store:
    print("open", flush=True)
    sys.stdin.readline()
"""


def test_a_journal_open_in_another_ketaprep_is_not_converted(
    locked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = kept()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        with pytest.raises(KetaprepError, match="open in another ketaprep window"):
            remove_lock(get_paths())
    finally:
        holder.communicate("\n", timeout=30)
    assert is_locked(locked)
    assert kept() == before


def test_a_copy_that_does_not_match_is_not_swapped_in(
    locked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = kept()
    real_copy = locking_module._copy

    def losing_a_row(held: object, copy: Path, new: str | None) -> None:
        real_copy(held, copy, new)  # type: ignore[arg-type]
        conn = connect(copy, passphrase=new)
        conn.execute("DELETE FROM crisis_shown")
        conn.close()

    monkeypatch.setattr(locking_module, "_copy", losing_a_row)
    with pytest.raises(KetaprepError, match="crisis_shown has another number of rows"):
        change_passphrase(get_paths(), "another long passphrase")
    assert not copy_path(locked).exists()
    forget_passphrases()
    assert kept() == before  # with the passphrase it had


def test_a_copy_left_by_a_stopped_lock_is_removed_at_the_next_open(locked: Path) -> None:
    copy_path(locked).write_bytes(b"half a copy")
    Path(f"{copy_path(locked)}-journal").write_bytes(b"its journal")
    with open_store():
        pass
    assert sorted(path.name for path in locked.parent.iterdir() if path.name != CACHE_DIR) == [
        "ketaprep.db",
        "safety-plan.json",
    ]


def test_a_plain_journal_drops_a_readable_plan_left_by_a_stopped_unlock() -> None:
    fill_journal()
    readable_plan(get_paths().database).write_text('{"answers": {}}', encoding="utf-8")
    with open_store():
        pass
    assert not readable_plan(get_paths().database).exists()


def test_a_file_of_zeros_is_damage_not_a_lock() -> None:
    database = get_paths().database
    database.parent.mkdir(parents=True)
    database.write_bytes(bytes(8192))
    assert not is_locked(database)
    with pytest.raises(KetaprepError, match="damaged"):
        open_store()


KILLED_WRITER = """
import os, signal
from ketaprep.store import open_store
store = open_store()
entry = store.start_entry("journal")
store.save_answer(entry.id, "thoughts", "text", "Q", "only-in-the-log pelican")
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_log_left_by_a_killed_ketaprep_is_locked_with_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_journal()
    database = get_paths().database
    done = subprocess.run([sys.executable, "-c", KILLED_WRITER], capture_output=True)
    assert done.returncode == -9
    assert b"pelican" in Path(f"{database}-wal").read_bytes()  # not in the file yet
    assert b"pelican" not in database.read_bytes()
    use_passphrase_file(tmp_path, monkeypatch)
    lock_journal(get_paths(), PASSPHRASE, keep_plan=False)
    assert words_in(raw_bytes(database), ("pelican", *BEFORE)) == []
    assert not Path(f"{database}-wal").exists()
    forget_passphrases()
    with open_store(reading=True) as store:
        assert [entry.value("thoughts") for entry in store.search("pelican")] == [
            "only-in-the-log pelican"
        ]


# --- the editor's file while locked: in memory ------------------------------------------


def test_while_locked_the_editor_writes_in_a_private_folder_in_memory(
    locked: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ketaprep import paths
    from ketaprep.ask.editor import editing_root, editor_file

    monkeypatch.setattr(paths, "MEMORY_ROOT", tmp_path / "shm")
    (tmp_path / "shm").mkdir()
    root = editing_root()
    assert root.parent == tmp_path / "shm" / f"ketaprep-{os.getuid()}"
    assert root.stat().st_mode & 0o777 == root.parent.stat().st_mode & 0o777 == 0o700
    with editor_file("kept in memory", None) as path:
        assert path.parent.parent == root
        assert path.read_text(encoding="utf-8") == "kept in memory\n"
    assert list((tmp_path / "shm").iterdir()) == []  # nothing left there
    assert not (get_paths().editing_dir).exists()


def test_a_plain_journal_s_editor_folder_stays_in_the_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ketaprep import paths
    from ketaprep.ask.editor import editing_root

    monkeypatch.setattr(paths, "MEMORY_ROOT", tmp_path / "shm")
    (tmp_path / "shm").mkdir()
    fill_journal()
    assert editing_root() == get_paths().editing_dir


def test_a_folder_in_memory_that_is_not_ours_is_not_used(
    locked: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ketaprep import paths
    from ketaprep.ask.editor import editing_root

    shm = tmp_path / "shm"
    shm.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (shm / f"ketaprep-{os.getuid()}").symlink_to(tmp_path / "elsewhere")
    monkeypatch.setattr(paths, "MEMORY_ROOT", shm)
    assert paths.memory_dir(get_paths().data_dir) is None
    assert editing_root() == get_paths().editing_dir  # private on disk rather than that
