"""The store: real SQLite files in the test's KETAPREP_HOME, no mocks."""

from __future__ import annotations

import datetime
import os
import sqlite3
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketaprep.answers import clean_value
from ketaprep.errors import KetaprepError, UsageError
from ketaprep.paths import CACHE_DIR, Paths
from ketaprep.store import (
    LATEST,
    Answer,
    AnswerValue,
    Entry,
    EntryFilter,
    Session,
    Store,
    open_store,
)
from ketaprep.store import search as store_search
from ketaprep.store.entries import new_entry_id

UTC = datetime.timezone.utc
SPECIAL_TEXTS = [
    "",
    "[bold red]not markup[/bold red]",
    "[link=file:///etc]click[/link]",
    "\x1b[2J\x1b[31mred",
    "שלום עולם, مرحبا بالعالم",
    "\u202eevil\u202c",
    "🌱🫶🏽 breathing 🌊",
    "tab\tnew\nline\r\nand NUL \x00 and DEL \x7f and C1 \x9b",
    "lone surrogate \udcff here",
    '"quoted" * AND OR NOT - ( ) ^ : NEAR(a b)',
    "%_\\ like wildcards",
]
texts = st.text(alphabet=st.characters(exclude_categories=()), max_size=300) | st.sampled_from(
    SPECIAL_TEXTS
)
values: st.SearchStrategy[AnswerValue] = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**18), max_value=10**18)
    | texts
    | st.lists(texts, max_size=6)
)
HYPOTHESIS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def store() -> Iterator[Store]:
    with open_store() as opened:
        yield opened


def at(day: int, hour: int = 12) -> datetime.datetime:
    return datetime.datetime(2026, 11, day, hour, tzinfo=UTC)


def make_entry(
    created: datetime.datetime,
    *,
    kind: str = "journal",
    session: int | None = None,
    finished: bool = True,
    text: str = "a quiet morning",
    entry_id: str | None = None,
) -> Entry:
    return Entry(
        id=entry_id or str(uuid.uuid4()),
        kind=kind,
        session_number=session,
        guide="integrating",
        created=created,
        updated=created,
        finished=created if finished else None,
        answers=(Answer("what", "long_text", "What came up?", text, created),),
    )


# --- sessions ----------------------------------------------------------------------------


def test_sessions_newest_date_first_and_numbers(store: Store) -> None:
    assert store.next_session_number() == 1
    assert store.sessions() == []
    first = store.add_session(1, datetime.date(2026, 11, 3), "first one")
    store.add_session(2, datetime.date(2026, 11, 20))
    store.add_session(5, datetime.date(2026, 11, 10))
    assert first == Session(1, datetime.date(2026, 11, 3), "first one")
    assert [s.number for s in store.sessions()] == [2, 5, 1]
    assert store.session(1) == first
    assert store.session(3) is None
    assert store.next_session_number() == 6


def test_a_taken_session_number_is_a_usage_error(store: Store) -> None:
    store.add_session(1, datetime.date(2026, 11, 3))
    with pytest.raises(UsageError, match="Session 1 is already in your journal"):
        store.add_session(1, datetime.date(2026, 12, 3))
    assert store.session(1) == Session(1, datetime.date(2026, 11, 3), None)


@pytest.mark.parametrize("number", [0, -1])
def test_a_session_number_starts_at_one(store: Store, number: int) -> None:
    with pytest.raises(UsageError):
        store.add_session(number, datetime.date(2026, 11, 3))


# --- entries and answers ---------------------------------------------------------------------


def test_answers_are_kept_in_the_order_first_given(store: Store) -> None:
    store.add_session(1, datetime.date(2026, 11, 3))
    entry = store.start_entry("journal", 1, "integrating")
    assert entry.is_draft and entry.session_number == 1 and entry.answers == ()
    store.save_answer(entry.id, "mood", "scale", "How is your mood?", 4)
    store.save_answer(entry.id, "came-up", "long_text", "What came up?", "the river")
    store.save_answer(entry.id, "intentions", "list", "Intentions?", ["rest", "call Sam"])
    store.save_answer(entry.id, "mood", "scale", "How is your mood now?", 6)

    kept = store.entry(entry.id)
    assert [a.item_id for a in kept.answers] == ["mood", "came-up", "intentions"]
    assert kept.value("mood") == 6
    assert kept.answers[0].question == "How is your mood now?"
    assert kept.value("intentions") == ["rest", "call Sam"]
    assert kept.value("missing") is None
    assert kept.updated >= kept.created
    assert kept.created.tzinfo is not None and kept.created.utcoffset() == datetime.timedelta(0)


def test_a_partial_answer_is_kept_marked_and_replaced_by_the_whole_one(store: Store) -> None:
    entry = store.start_entry("journal")
    store.save_answer(entry.id, "mood", "scale", "Mood?", 4)
    store.save_answer(entry.id, "feelings", "list", "Feelings?", ["calm"], partial=True)
    store.save_answer(entry.id, "feelings", "list", "Feelings?", ["calm", "shaky"], partial=True)
    kept = store.entry(entry.id)
    assert [(a.item_id, a.partial) for a in kept.answers] == [("mood", False), ("feelings", True)]
    assert [a.item_id for a in kept.given] == ["mood"]
    assert [a.value for a in kept.started] == [["calm", "shaky"]]
    assert [e.id for e in store.search("shaky")] == [entry.id]  # found like any answer

    store.save_answer(entry.id, "feelings", "list", "Feelings?", ["calm", "shaky", "tired"])
    kept = store.entry(entry.id)
    assert kept.started == () and kept.value("feelings") == ["calm", "shaky", "tired"]
    assert [a.item_id for a in kept.answers] == ["mood", "feelings"]  # its place is kept


def test_forget_partial_removes_only_a_partial_answer(store: Store) -> None:
    entry = store.start_entry("prepare")
    store.save_answer(entry.id, "ready", "checklist", "Done?", ["ride"], partial=True)
    store.save_answer(entry.id, "mood", "scale", "Mood?", 6)
    store.forget_partial(entry.id, "ready")
    store.forget_partial(entry.id, "mood")  # a whole answer: kept
    assert [(a.item_id, a.value) for a in store.entry(entry.id).answers] == [("mood", 6)]


def test_the_labels_seen_are_kept_with_the_answer_and_searched(store: Store) -> None:
    entry = store.start_entry("prepare")
    shown = {"ride-home": "Someone will take me home", "water": "I know about water"}
    store.save_answer(entry.id, "ready", "checklist", "Done?", ["ride-home", "water"],
                      labels=shown)  # fmt: skip
    store.save_answer(entry.id, "note", "text", "Note?", "steady")
    ready, note = store.entry(entry.id).answers
    assert ready.value == ["ride-home", "water"] and ready.labels == shown
    assert note.labels == {}
    assert [e.id for e in store.search("take me home")] == [entry.id]
    [(_, rows)] = list(store.iter_rows(EntryFilter(include_drafts=True)))
    assert rows[0][5:] == (0, '{"ride-home": "Someone will take me home", '
                              '"water": "I know about water"}')  # fmt: skip
    assert rows[1][5:] == (0, None)


def test_each_save_is_committed_before_it_returns(store: Store) -> None:
    entry = store.start_entry("checkin")
    store.save_answer(entry.id, "mood", "scale", "Mood?", 3)
    # a second, independent connection sees it at once
    with open_store() as other:
        assert other.entry(entry.id).value("mood") == 3


def test_an_entry_id_is_a_random_uuid4() -> None:
    ids = {new_entry_id() for _ in range(200)}
    assert len(ids) == 200
    for entry_id in ids:
        parsed = uuid.UUID(entry_id)
        assert str(parsed) == entry_id  # the form str(uuid.uuid4()) has
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122


def _syncs_at_commits(statements: list[str]) -> list[str]:
    """The synchronous setting in force at each COMMIT of ``statements`` (FULL at first)."""
    setting, found = "FULL", []
    for statement in statements:
        if statement.startswith("PRAGMA synchronous ="):
            setting = statement.split("=")[1].strip()
        elif statement == "COMMIT":
            found.append(setting)
    return found


def test_an_empty_draft_waits_for_no_disk_sync_and_every_answer_does(store: Store) -> None:
    """The empty draft is committed without a sync (WAL): the first answer's, which
    syncs the whole log, puts both on the disk before it returns."""
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    entry = store.start_entry("checkin")
    store.save_answer(entry.id, "mood", "scale", "Mood?", 3)
    store.save_answer(entry.id, "note", "text", "Anything?", "a word", partial=True)
    store.finish_entry(entry.id)
    store._conn.set_trace_callback(None)
    syncs = _syncs_at_commits(statements)
    assert syncs[0] == "NORMAL" and len(syncs) >= 4
    assert set(syncs[1:]) == {"FULL"}
    assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL again
    with open_store() as other:  # committed all the same
        assert other.entry(entry.id).value("mood") == 3


def test_a_draft_refused_leaves_every_write_synced(store: Store) -> None:
    with pytest.raises(UsageError):
        store.start_entry("journal", 7)  # there is no session 7
    assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_saving_again_bumps_updated(store: Store) -> None:
    entry = store.start_entry("checkin")
    store.save_answer(entry.id, "mood", "scale", "Mood?", 3)
    first = store.entry(entry.id).updated
    store.save_answer(entry.id, "mood", "scale", "Mood?", 5)
    assert store.entry(entry.id).updated > first


def test_finish_entry_and_drafts(store: Store) -> None:
    journal = store.start_entry("journal")
    checkin = store.start_entry("checkin")
    prepare = store.start_entry("prepare")
    store.save_answer(journal.id, "a", "text", "A?", "later touched")
    assert [d.id for d in store.drafts()] == [journal.id, prepare.id, checkin.id]
    assert [d.id for d in store.drafts("checkin")] == [checkin.id]
    store.finish_entry(checkin.id)
    finished = store.entry(checkin.id).finished
    assert finished is not None
    store.finish_entry(checkin.id)  # finishing twice keeps the first time
    assert store.entry(checkin.id).finished == finished
    assert not store.entry(checkin.id).is_draft
    assert [d.id for d in store.drafts()] == [journal.id, prepare.id]
    assert [e.id for e in store.entries()] == [checkin.id]
    assert {e.id for e in store.entries(include_drafts=True)} == {
        journal.id,
        checkin.id,
        prepare.id,
    }


def test_discard_removes_a_draft_and_its_answers(store: Store) -> None:
    entry = store.start_entry("journal")
    store.save_answer(entry.id, "a", "text", "A?", "lighthouse")
    assert [e.id for e in store.search("lighthouse")] == [entry.id]
    store.discard_entry(entry.id)
    assert store.drafts() == []
    assert store.search("lighthouse") == []
    with pytest.raises(UsageError):
        store.entry(entry.id)


def test_a_finished_entry_is_never_discarded(store: Store) -> None:
    entry = store.start_entry("journal")
    store.finish_entry(entry.id)
    with pytest.raises(UsageError, match="Only drafts can be discarded"):
        store.discard_entry(entry.id)
    assert store.entry(entry.id).id == entry.id


def journal_bytes(home: Path) -> bytes:
    """Every byte of the journal on disk: the database and its side files."""
    return b"".join(path.read_bytes() for path in sorted(home.glob("ketaprep.db*")))


@pytest.mark.parametrize("finished", [True, False])
def test_a_deleted_entry_leaves_no_trace_in_the_files(
    store: Store, ketaprep_home: Path, finished: bool
) -> None:
    kept = store.start_entry("journal")
    store.save_answer(kept.id, "felt", "long_text", "What did you feel?", "calm harbour")
    store.finish_entry(kept.id)
    gone = store.start_entry("journal")
    store.save_answer(gone.id, "felt", "long_text", "What did you feel?", "zanzibarquokka")
    store.save_answer(gone.id, "tags", "list", "Tags?", ["quokkatag"])
    if finished:
        store.finish_entry(gone.id)
    assert b"zanzibarquokka" in journal_bytes(ketaprep_home)

    store.delete_entry(gone.id)

    with pytest.raises(UsageError, match="No entry has the id"):
        store.entry(gone.id)
    assert store.search("zanzibarquokka") == []
    assert [entry.id for entry in store.search("harbour")] == [kept.id]
    on_disk = journal_bytes(ketaprep_home)
    assert b"zanzibarquokka" not in on_disk
    assert b"quokkatag" not in on_disk
    assert b"calm harbour" in on_disk


def old_words_on_disk(home: Path, *words: str) -> list[str]:
    """Which of ``words`` are still anywhere in the journal's bytes, in any case (the
    search index keeps its words folded to lower case)."""
    on_disk = journal_bytes(home).lower()
    return [word for word in words if word.lower().encode() in on_disk]


@pytest.mark.parametrize("finished", [True, False])
def test_an_edited_answer_leaves_no_trace_of_its_old_words(
    store: Store, ketaprep_home: Path, finished: bool
) -> None:
    entry = store.start_entry("prepare")
    store.save_answer(entry.id, "intentions", "list", "Intentions?", ["Quokkaoldsecret"])
    store.save_answer(entry.id, "felt", "long_text", "Felt?", "the zanzibar harbour")
    if finished:
        store.finish_entry(entry.id)
    assert old_words_on_disk(ketaprep_home, "Quokkaoldsecret", "zanzibar") == [
        "Quokkaoldsecret",
        "zanzibar",
    ]

    store.save_answer(entry.id, "intentions", "list", "Intentions?", ["New"])
    store.save_answer(entry.id, "felt", "long_text", "Felt?", "the harbour")

    assert store.entry(entry.id).value("intentions") == ["New"]
    assert store.search("Quokkaoldsecret") == [] and store.search("zanzibar") == []
    assert [found.id for found in store.search("harbour")] == [entry.id]
    assert old_words_on_disk(ketaprep_home, "Quokkaoldsecret", "zanzibar") == []


def test_a_discarded_draft_leaves_no_trace(store: Store, ketaprep_home: Path) -> None:
    draft = store.start_entry("journal")
    store.save_answer(draft.id, "felt", "long_text", "Felt?", "quokkadraftword")
    store.discard_entry(draft.id)
    assert old_words_on_disk(ketaprep_home, "quokkadraftword") == []


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE answers SET value = '\"other\"', text = 'other'",
        "DELETE FROM answers",
        "DELETE FROM entries",
        "UPDATE sessions SET note = 'other'",
        "UPDATE sessions SET note = NULL",
        "DELETE FROM sessions",
    ],
)
def test_any_write_that_removes_words_wipes_them(
    store: Store, ketaprep_home: Path, change: str
) -> None:
    """The class, not the case: whatever a write does, words it removes are wiped."""
    store.add_session(1, datetime.date(2026, 11, 2), "quokkanote")
    entry = store.start_entry("journal")
    store.save_answer(entry.id, "felt", "long_text", "Felt?", "quokkaanswer")
    if change.startswith("DELETE FROM sessions"):
        store.delete_entry(entry.id)
    with store._write() as conn:
        conn.execute(change)
    gone = "quokkanote" if "sessions" in change else "quokkaanswer"
    assert old_words_on_disk(ketaprep_home, gone) == []


def test_an_answer_that_keeps_its_words_is_not_wiped_again(
    store: Store, ketaprep_home: Path
) -> None:
    """A list saved line by line as it grows keeps every earlier word: no wipe is needed,
    so the search index keeps its segments (a wipe merges them into one)."""
    entry = store.start_entry("prepare")
    store.save_answer(entry.id, "intentions", "list", "Intentions?", ["be kind"])
    store.save_answer(entry.id, "intentions", "list", "Intentions?", ["be kind", "breathe"])
    with store._write() as conn:
        segments = conn.execute("SELECT count(*) FROM answers_fts_data").fetchone()[0]
    store.save_answer(entry.id, "intentions", "list", "Intentions?", ["breathe"])
    with store._write() as conn:
        merged = conn.execute("SELECT count(*) FROM answers_fts_data").fetchone()[0]
    assert merged < segments
    assert [found.id for found in store.search("breathe")] == [entry.id]


@pytest.mark.parametrize("then", ["whole answer", "close"])
def test_words_a_part_answer_drops_are_wiped_at_the_next_whole_write_or_close(
    ketaprep_home: Path, then: str
) -> None:
    """Not on every key (a whole-index merge per untick would lag the keys), but before
    the question is done or the journal is closed."""
    store = open_store()
    entry = store.start_entry("checkin")
    ticks = ["Quokkayoga", "Walk"]
    store.save_answer(entry.id, "practices", "checklist", "Done?", ticks, partial=True)
    store.save_answer(entry.id, "practices", "checklist", "Done?", ["Walk"], partial=True)
    if then == "whole answer":
        store.save_answer(entry.id, "practices", "checklist", "Done?", ["Walk"])
        assert old_words_on_disk(ketaprep_home, "Quokkayoga") == []
    store.close()
    assert old_words_on_disk(ketaprep_home, "Quokkayoga") == []


def test_deleting_an_unknown_entry_is_a_sentence(store: Store) -> None:
    with pytest.raises(UsageError, match='No entry has the id "nope"'):
        store.delete_entry("nope")


def test_mistakes_are_sentences(store: Store) -> None:
    with pytest.raises(UsageError, match="not a kind of entry"):
        store.start_entry("diary")
    with pytest.raises(UsageError, match="There is no session 3"):
        store.start_entry("journal", 3)
    with pytest.raises(UsageError, match="No entry has the id"):
        store.save_answer(str(uuid.uuid4()), "a", "text", "A?", "x")
    with pytest.raises(UsageError, match="No entry has the id"):
        store.finish_entry("nope-nope")
    entry = store.start_entry("journal")
    with pytest.raises(TypeError):
        store.save_answer(entry.id, "a", "text", "A?", 1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        store.save_answer(entry.id, "a", "list", "A?", ["ok", 3])  # type: ignore[list-item]
    assert store.entry(entry.id).answers == ()


def test_entry_by_unique_prefix(store: Store) -> None:
    one = make_entry(at(1), entry_id="abcd1111-0000-4000-8000-000000000000")
    two = make_entry(at(2), entry_id="abcd2222-0000-4000-8000-000000000000")
    store.import_records([], [one, two])
    assert store.entry("abcd1").id == one.id
    assert store.entry(" ABCD2222 ").id == two.id
    assert store.entry(one.id).answers == one.answers
    with pytest.raises(UsageError, match="More than one entry starts with"):
        store.entry("abcd")
    with pytest.raises(UsageError, match="at least 4 characters"):
        store.entry("abc")
    with pytest.raises(UsageError, match="No entry has the id"):
        store.entry("ffff")


def test_entries_filters_newest_first(store: Store) -> None:
    store.add_session(1, datetime.date(2026, 11, 2))
    store.add_session(2, datetime.date(2026, 11, 16))
    made = [
        make_entry(at(1), kind="prepare", session=1),
        make_entry(at(3), kind="journal", session=1),
        make_entry(at(10), kind="checkin"),
        make_entry(at(15), kind="prepare", session=2),
        make_entry(at(17), kind="journal", session=2, finished=False),
        make_entry(at(20), kind="checkin"),
    ]
    store.import_records([], made)

    def ids(entries: list[Entry]) -> list[int]:
        return [made.index(next(m for m in made if m.id == e.id)) for e in entries]

    assert ids(store.entries()) == [5, 3, 2, 1, 0]
    assert ids(store.entries(include_drafts=True)) == [5, 4, 3, 2, 1, 0]
    assert ids(store.entries(kind="journal", include_drafts=True)) == [4, 1]
    assert ids(store.entries(session_number=2)) == [3]
    assert ids(store.entries(since=datetime.date(2026, 11, 10))) == [5, 3, 2]
    assert ids(store.entries(until=datetime.date(2026, 11, 10))) == [2, 1, 0]
    assert ids(store.entries(since=at(3).date(), until=at(15).date())) == [3, 2, 1]
    assert ids(store.entries(limit=2)) == [5, 3]
    assert ids(store.entries(kind="checkin", limit=1)) == [5]


def test_since_and_until_are_local_days(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Pacific/Auckland")  # UTC+13 in November
    time.tzset()
    try:
        late = make_entry(datetime.datetime(2026, 11, 9, 23, 30, tzinfo=UTC))  # 10th, local
        store.import_records([], [late])
        assert store.entries(since=datetime.date(2026, 11, 10)) != []
        assert store.entries(until=datetime.date(2026, 11, 9)) == []
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


# --- search ----------------------------------------------------------------------------------


def test_search_finds_words_and_word_starts_newest_first(store: Store) -> None:
    older = make_entry(at(1), text="Breathing slowly by the river")
    newer = make_entry(at(5), text="The river was loud; I kept breathing")
    draft = make_entry(at(7), text="a draft about the river", finished=False)
    other = make_entry(at(9), text="nothing to see")
    store.import_records([], [older, newer, draft, other])
    assert [e.id for e in store.search("river")] == [draft.id, newer.id, older.id]
    assert [e.id for e in store.search("breath")] == [newer.id, older.id]
    assert [e.id for e in store.search("RIVER slowly")] == [older.id]
    assert [e.id for e in store.search("river", limit=1)] == [draft.id]
    assert store.search("   ") == []
    assert store.search("ocean") == []


def test_search_matches_lists_numbers_and_yes_no(store: Store) -> None:
    entry = store.start_entry("prepare")
    store.save_answer(entry.id, "intentions", "list", "Intentions?", ["rest well", "phone Ada"])
    store.save_answer(entry.id, "mood", "scale", "Mood?", 7)
    store.save_answer(entry.id, "driver", "confirm", "Someone to drive you home?", True)
    for words in ("Ada", "7", "yes"):
        assert [e.id for e in store.search(words)] == [entry.id], words


@pytest.mark.parametrize(
    "query", ['"', '""', "*", "AND", "-", "a AND", "OR -x", "NEAR(a b)", "(", "^x", "col:x", "'"]
)
def test_search_syntax_in_a_query_is_just_text(store: Store, query: str) -> None:
    entry = store.start_entry("journal")
    store.save_answer(entry.id, "a", "text", "A?", f"plain words and {query} inside")
    store.search(query)  # never a syntax error
    found = store.search(f"plain {query}")
    assert [e.id for e in found] == [entry.id]


@HYPOTHESIS
@given(query=texts)
def test_search_never_fails(store: Store, query: str) -> None:
    store.search(query)


def test_search_falls_back_to_like_without_fts5(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_search, "USE_FTS5", False)
    with open_store() as store:
        assert not _has_table(store, "answers_fts")
        entry = store.start_entry("journal")
        store.save_answer(entry.id, "a", "text", "A?", "100% sure_thing 🌊 Breathing")
        other = store.start_entry("journal")
        store.save_answer(other.id, "a", "text", "A?", "1000 surely")
        assert [e.id for e in store.search("breath")] == [entry.id]
        assert [e.id for e in store.search("0% sure_")] == [entry.id]
        assert [e.id for e in store.search("🌊")] == [entry.id]
        assert store.search('"') == []
    # FTS5 back: the index is built on open, including what was written without it
    monkeypatch.setattr(store_search, "USE_FTS5", None)
    with open_store() as store:
        assert _has_table(store, "answers_fts")
        assert [e.id for e in store.search("breathing")] == [entry.id]


def test_emoji_only_search_uses_like(store: Store) -> None:
    entry = store.start_entry("journal")
    store.save_answer(entry.id, "a", "text", "A?", "calm 🌊")
    assert [e.id for e in store.search("🌊")] == [entry.id]


def test_lists_and_search_read_indexes_not_every_row(store: Store) -> None:
    store.add_session(1, datetime.date(2026, 11, 2))
    store.import_records(
        [], [make_entry(at(day % 28 + 1), session=1 if day % 2 else None) for day in range(60)]
    )
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    store.entries(limit=10)
    store.entries(kind="journal", limit=10)
    store.entries(session_number=1, limit=10)
    store.drafts()
    store.search("quiet", limit=10)
    store.entry(store.entries(limit=1)[0].id[:8])
    store._conn.set_trace_callback(None)
    selects = [s for s in statements if s.startswith("SELECT") and "sqlite_master" not in s]
    assert len(selects) >= 10
    for sql in selects:
        plan = " | ".join(row[3] for row in store._conn.execute("EXPLAIN QUERY PLAN " + sql))
        for table in ("entries", "answers", "sessions"):
            assert f"SCAN {table} " not in plan + " " or f"SCAN {table} USING" in plan, (sql, plan)
        if "FROM entries WHERE" in sql and "ORDER BY created DESC" in sql and "IN (" not in sql:
            assert "TEMP B-TREE" not in plan, (sql, plan)


def _has_table(store: Store, name: str) -> bool:
    found = store._conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,))
    return found.fetchone() is not None


# --- round trip -------------------------------------------------------------------------------


@HYPOTHESIS
@given(question=st.text(max_size=200), item_id=st.text(min_size=1, max_size=40), value=values)
def test_what_comes_out_is_what_went_in(
    store: Store, question: str, item_id: str, value: AnswerValue
) -> None:
    entry = store.start_entry("journal")
    store.save_answer(entry.id, item_id, "text", question, value)
    store.save_answer(entry.id, "second", "list", "Second?", ["after"])
    kept = store.entry(entry.id)
    assert kept.answers[0].item_id == item_id
    assert kept.answers[0].question == question
    assert kept.value(item_id) == clean_value(value)  # lone surrogates as U+FFFD
    assert type(kept.value(item_id)) is type(value)
    assert kept.value("second") == ["after"]


def test_a_one_megabyte_answer(store: Store) -> None:
    big = ("A long night of writing, line after line. 🌙\n" * 25_000)[: 1024 * 1024]
    entry = store.start_entry("journal")
    store.save_answer(entry.id, "long", "long_text", "Everything?", big)
    assert store.entry(entry.id).value("long") == big
    assert [e.id for e in store.search("writing")] == [entry.id]


# --- files, modes, migrations, damage ---------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_private_modes_whatever_the_umask(ketaprep_home: Path) -> None:
    old = os.umask(0o022)
    try:
        with open_store() as store:
            entry = store.start_entry("journal")
            store.save_answer(entry.id, "a", "text", "A?", "private")
            assert os.umask(0o022) == 0o022  # opening put the umask back
            database = ketaprep_home / "ketaprep.db"
            assert _mode(ketaprep_home) == 0o700
            assert _mode(database) == 0o600
            for suffix in ("-wal", "-shm"):
                side = Path(f"{database}{suffix}")
                assert side.exists(), suffix
                assert _mode(side) == 0o600, suffix
    finally:
        os.umask(old)


def test_existing_loose_modes_are_tightened(ketaprep_home: Path) -> None:
    open_store().close()
    database = ketaprep_home / "ketaprep.db"
    database.chmod(0o644)
    ketaprep_home.chmod(0o755)
    open_store().close()
    assert _mode(database) == 0o600
    assert _mode(ketaprep_home) == 0o700


def test_wal_full_sync_foreign_keys_and_busy_timeout(store: Store) -> None:
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST


def test_a_newer_database_is_refused_and_left_alone(ketaprep_home: Path) -> None:
    open_store().close()
    database = ketaprep_home / "ketaprep.db"
    conn = sqlite3.connect(database)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.commit()
    conn.close()
    before = database.read_bytes()
    with pytest.raises(KetaprepError) as caught:
        open_store()
    message = caught.value.message
    assert str(database) in message
    assert "was made by a newer ketaprep" in message and "update ketaprep" in message
    assert database.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(ketaprep_home: Path) -> None:
    ketaprep_home.mkdir()
    database = ketaprep_home / "ketaprep.db"
    database.write_bytes(b"my notes, not a database\n" * 200)
    before = database.read_bytes()
    with pytest.raises(KetaprepError) as caught:
        open_store()
    message = caught.value.message
    assert str(database) in message and "damaged" in message
    assert "backup" in message and "move the file aside" in message
    assert database.read_bytes() == before
    assert sorted(p.name for p in ketaprep_home.iterdir() if p.name != CACHE_DIR) == ["ketaprep.db"]


def _damage_answers(database: Path, name: str = "answers") -> bytes:
    """Scribble over a table's (or index's) first page, keeping the file's first page."""
    conn = sqlite3.connect(database)
    root, page_size = conn.execute(
        "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master"
        " WHERE name = ?",
        (name,),
    ).fetchone()
    conn.close()
    data = bytearray(database.read_bytes())
    start = (root - 1) * page_size
    data[start : start + 64] = b"\xff" * 64
    database.write_bytes(bytes(data))
    return bytes(data)


def test_a_database_failing_its_check_is_refused(ketaprep_home: Path) -> None:
    with open_store() as store:
        entry = store.start_entry("journal")
        store.save_answer(entry.id, "a", "text", "A?", "written")
    database = ketaprep_home / "ketaprep.db"
    damaged = _damage_answers(database)
    with pytest.raises(KetaprepError) as caught:
        open_store()
    message = caught.value.message
    assert str(database) in message and "damaged" in message and "backup" in message
    assert database.read_bytes() == damaged


def test_damage_met_while_reading_is_refused_without_a_whole_file_check(
    ketaprep_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store() as store:
        for number in range(300):
            entry = store.start_entry("journal")
            store.save_answer(entry.id, "a", "long_text", "A?", f"{number} " + "words " * 80)
            store.finish_entry(entry.id)
    # A leaf of the answers table in the middle of its tree: no quick look reads it.
    database = ketaprep_home / "ketaprep.db"
    conn = sqlite3.connect(database)
    leaves = [row[0] for row in conn.execute(
        "SELECT pageno FROM dbstat WHERE name = 'answers' AND pagetype = 'leaf' ORDER BY path"
    )]  # fmt: skip
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(database.read_bytes())
    start = (leaves[len(leaves) // 2] - 1) * page_size
    data[start : start + 64] = b"\xff" * 64
    database.write_bytes(bytes(data))
    damaged = bytes(data)
    whole_file_checks = []
    real_check = Store._quick_check

    def counted(store: Store) -> None:
        whole_file_checks.append(store)
        real_check(store)

    monkeypatch.setattr(Store, "_quick_check", counted)
    with open_store() as store, pytest.raises(KetaprepError, match="is damaged"):
        store.entries()
    assert whole_file_checks == []  # opened without reading the whole file
    with pytest.raises(KetaprepError, match="is damaged"):
        open_store(full_check=True)
    assert len(whole_file_checks) == 1
    assert (ketaprep_home / "ketaprep.db").read_bytes() == damaged


@pytest.mark.parametrize("kind", ["prepare", "journal", "checkin"])
def test_no_walk_reads_the_whole_journal_before_its_first_question(
    kind: str, ketaprep_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from cli_helpers import ketaprep

    open_store().close()
    checks = []
    monkeypatch.setattr(Store, "_quick_check", lambda self: checks.append(self))
    answers = {"prepare": "intentions: [Rest]\n", "journal": "session: 1\n"}.get(kind, "")
    (tmp_path / "a.yaml").write_text(answers + "mood: 5\n")
    result = ketaprep(kind, "--answers", str(tmp_path / "a.yaml"), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert checks == []


def test_a_folder_where_the_file_should_be(ketaprep_home: Path) -> None:
    (ketaprep_home / "ketaprep.db").mkdir(parents=True)
    with pytest.raises(KetaprepError, match="is a folder"):
        open_store()


def test_a_home_that_cannot_be_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("KETAPREP_HOME", str(blocker / "home"))
    with pytest.raises(KetaprepError) as caught:
        open_store()
    assert str(blocker / "home") in caught.value.message
    assert "KETAPREP_HOME" in caught.value.message


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only folder")
def test_a_read_only_parent_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o500)
    monkeypatch.setenv("KETAPREP_HOME", str(parent / "home"))
    try:
        with pytest.raises(KetaprepError, match="Cannot use the folder"):
            open_store()
    finally:
        parent.chmod(0o700)


def test_a_newer_database_with_a_log_to_replay_is_left_alone(
    ketaprep_home: Path, tmp_path: Path
) -> None:
    import shutil

    open_store().close()
    database = ketaprep_home / "ketaprep.db"
    writer = sqlite3.connect(database, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute(f"PRAGMA user_version = {LATEST + 1}")
    writer.execute("INSERT INTO sessions VALUES (7, '2030-01-01', 'from the future')")
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("ketaprep.db", "ketaprep.db-wal"):  # as a crash would leave them
        shutil.copyfile(ketaprep_home / name, copy / name)
    writer.close()
    before = {name: (copy / name).read_bytes() for name in ("ketaprep.db", "ketaprep.db-wal")}
    assert len(before["ketaprep.db-wal"]) > 0
    with pytest.raises(KetaprepError, match="was made by a newer ketaprep"):
        open_store(Paths(copy, copy))
    assert {name: (copy / name).read_bytes() for name in before} == before
