"""Export to JSON and Markdown, and import from JSON: real stores in temp folders."""

from __future__ import annotations

import copy
import datetime
import io
import json
import re
import signal
import stat
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketaprep.answers import AnswerValue, clean_value
from ketaprep.errors import KetaprepError, UsageError
from ketaprep.export.files import write_atomically
from ketaprep.export.json import write_json
from ketaprep.export.json_in import parse_export, read_export
from ketaprep.export.markdown import write_markdown
from ketaprep.export.record import Selection
from ketaprep.paths import Paths
from ketaprep.review.entry_json import dumps_line as _dumps
from ketaprep.review.entry_json import entry_to_json
from ketaprep.stopping import Stopped
from ketaprep.store import Answer, Entry, Session, Store, open_store
from ketaprep.text import clean_text

UTC = datetime.timezone.utc
MOMENT = datetime.datetime(2026, 12, 24, 9, 30, tzinfo=UTC)
EVERYTHING = Selection()
SPECIAL_TEXTS = [
    "[bold red]loud[/bold red] [link=file:///etc]x[/link]",
    "\x1b[2J\x1b]8;;http://x\x07",
    "\u202eevil\u2066 and \u2028 line",
    "C1 \x85\x9b and DEL \x7f",
    "lone \udcff surrogate",
    "🌱 שלום مرحبا",
    "# heading\n```\ncode\n```\n<script>alert(1)</script>\n---\n1. list\n> quote",
]
texts = st.text(alphabet=st.characters(exclude_categories=()), max_size=120) | st.sampled_from(
    SPECIAL_TEXTS
)
values: st.SearchStrategy[AnswerValue] = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**15), max_value=10**15)
    | texts
    | st.lists(texts, max_size=4)
)


@pytest.fixture
def store() -> Iterator[Store]:
    with open_store() as opened:
        yield opened


def fresh_store(folder: Path) -> Store:
    return open_store(Paths(folder, folder))


def json_text(store: Store, selection: Selection = EVERYTHING) -> str:
    out = io.StringIO()
    write_json(store, out.write, selection, exported_at=MOMENT)
    return out.getvalue()


def markdown_text(store: Store, selection: Selection = EVERYTHING) -> str:
    out = io.StringIO()
    write_markdown(store, out.write, selection)
    return out.getvalue()


def at(day: int, hour: int = 12) -> datetime.datetime:
    return datetime.datetime(2026, 11, day, hour, tzinfo=UTC)


def entry(
    created: datetime.datetime,
    answers: tuple[Answer, ...] = (),
    *,
    kind: str = "journal",
    session: int | None = None,
    finished: bool = True,
) -> Entry:
    return Entry(
        str(uuid.uuid4()),
        kind,
        session,
        "integrating",
        created,
        created,
        created if finished else None,
        answers,
    )


def filled(store: Store) -> list[Entry]:
    store.import_records(
        [
            Session(1, datetime.date(2026, 11, 2), "first, with Dr. Rivera"),
            Session(2, datetime.date(2026, 11, 16), None),
        ],
        made := [
            entry(at(1), (Answer("ready", "checklist", "Done?", ["ride", "meal"], at(1)),),
                  kind="prepare", session=1),
            entry(at(3), (Answer("came-up", "long_text", "What came up?", "the sea", at(3)),
                          Answer("mood", "scale", "Mood?", 6, at(3))), session=1),
            entry(at(10), (Answer("steady", "confirm", "Steady?", True, at(10)),),
                  kind="checkin"),
            entry(at(17), (Answer("came-up", "long_text", "What came up?", None, at(17)),),
                  session=2, finished=False),
        ],
    )  # fmt: skip
    return made


# --- JSON --------------------------------------------------------------------------------------


def test_the_json_document(store: Store) -> None:
    made = filled(store)
    text = json_text(store)
    document = json.loads(text)
    assert document["format"] == "ketaprep-export"
    assert document["version"] == 1
    assert document["exported_at"] == "2026-12-24T09:30:00.000000+00:00"
    assert document["sessions"] == [
        {"number": 1, "date": "2026-11-02", "note": "first, with Dr. Rivera"},
        {"number": 2, "date": "2026-11-16", "note": None},
    ]
    assert [e["id"] for e in document["entries"]] == [e.id for e in made]  # oldest first
    draft = document["entries"][3]
    assert draft["draft"] is True and draft["finished"] is None
    first = document["entries"][0]
    assert first["draft"] is False
    assert first["created"] == "2026-11-01T12:00:00.000000+00:00"
    assert first["answers"] == [
        {
            "item_id": "ready",
            "item_type": "checklist",
            "question": "Done?",
            "value": ["ride", "meal"],
            "answered_at": "2026-11-01T12:00:00.000000+00:00",
        }
    ]
    # one session or entry per line, each exactly as the object path writes it
    lines = text.splitlines()
    for index, kept in enumerate(store.entries(include_drafts=True)[::-1]):
        line = lines[lines.index('  "entries": [') + 1 + index].strip().rstrip(",")
        assert line == _dumps(entry_to_json(kept))


def test_json_filters(store: Store) -> None:
    made = filled(store)

    def exported(selection: Selection) -> tuple[list[int], list[int]]:
        document = json.loads(json_text(store, selection))
        ids = [e.id for e in made]
        return (
            [s["number"] for s in document["sessions"]],
            [ids.index(e["id"]) for e in document["entries"]],
        )

    assert exported(Selection(session=1)) == ([1], [0, 1])
    assert exported(Selection(session=2)) == ([2], [3])
    assert exported(Selection(since=datetime.date(2026, 11, 10))) == ([2], [2, 3])
    assert exported(Selection(until=datetime.date(2026, 11, 3))) == ([1], [0, 1])
    # a session dated outside the days still comes with its entries written inside them
    assert exported(
        Selection(since=datetime.date(2026, 11, 3), until=datetime.date(2026, 11, 10))
    ) == ([1], [1, 2])
    assert exported(Selection(since=datetime.date(2027, 1, 1))) == ([], [])


def test_an_empty_journal_exports_an_empty_document(store: Store) -> None:
    document = json.loads(json_text(store))
    assert document["sessions"] == [] and document["entries"] == []


def test_json_has_no_raw_control_or_direction_characters(store: Store) -> None:
    made = entry(at(1), tuple(Answer(f"q{i}", "text", t, t, at(1)) for i, t in
                              enumerate(SPECIAL_TEXTS)))  # fmt: skip
    store.import_records([], [made])
    text = json_text(store)
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u202e\u2066\ud800-\udfff]", text)
    text.encode("utf-8")  # valid UTF-8: the store kept lone surrogates as U+FFFD
    answers = json.loads(text)["entries"][0]["answers"]
    assert [a["value"] for a in answers] == [clean_text(t) for t in SPECIAL_TEXTS]


# --- the round trip --------------------------------------------------------------------------


def test_export_import_export_gives_the_same_json(store: Store, tmp_path: Path) -> None:
    filled(store)
    first = json_text(store)
    sessions, entries = parse_export(json.loads(first))
    with fresh_store(tmp_path / "empty-home") as other:
        result = other.import_records(sessions, entries)
        assert (result.sessions_added, result.entries_added) == (2, 4)
        assert json_text(other) == first


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    answers=st.lists(st.tuples(texts, values), max_size=4),
    note=st.none() | texts,
    guide=st.text(max_size=20),
)
def test_round_trip_of_any_text(
    answers: list[tuple[str, AnswerValue]], note: str | None, guide: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        with fresh_store(Path(folder) / "a") as first:
            first.add_session(1, datetime.date(2026, 11, 2), note)
            made = first.start_entry("journal", 1, guide)
            for index, (question, value) in enumerate(answers):
                first.save_answer(made.id, f"item-{index}", "text", question, value)
            exported = json_text(first)
            kept = first.entry(made.id)
        with fresh_store(Path(folder) / "b") as second:
            second.import_records(*parse_export(json.loads(exported)))
            assert json_text(second) == exported
            again = second.entry(made.id)
    assert [a.value for a in again.answers] == [clean_value(value) for _, value in answers]
    assert again == kept


def test_a_one_megabyte_answer_round_trips(store: Store, tmp_path: Path) -> None:
    big = ("Line after line of it. ✍️\n" * 50_000)[: 1024 * 1024]
    made = store.start_entry("journal")
    store.save_answer(made.id, "long", "long_text", "Everything?", big)
    exported = json_text(store)
    with fresh_store(tmp_path / "other") as other:
        other.import_records(*parse_export(json.loads(exported)))
        assert other.entry(made.id).value("long") == big
        assert json_text(other) == exported


# --- import --------------------------------------------------------------------------------


def test_importing_twice_adds_nothing(store: Store) -> None:
    filled(store)
    sessions, entries = parse_export(json.loads(json_text(store)))
    result = store.import_records(sessions, entries)
    assert (result.sessions_added, result.entries_added, result.entries_present) == (0, 0, 4)
    assert result.sessions_kept == ()
    assert len(store.entries(include_drafts=True)) == 4


def test_a_session_number_with_another_date_keeps_the_journal(store: Store) -> None:
    store.add_session(1, datetime.date(2026, 11, 2), "mine")
    imported = entry(at(5), session=1)
    result = store.import_records([Session(1, datetime.date(2026, 11, 4), "theirs")], [imported])
    assert result.entries_added == 1
    assert result.sessions_kept == (
        (Session(1, datetime.date(2026, 11, 2), "mine"), datetime.date(2026, 11, 4)),
    )
    assert store.session(1) == Session(1, datetime.date(2026, 11, 2), "mine")
    assert store.entry(imported.id).session_number == 1


def good_document() -> dict[str, Any]:
    return {
        "format": "ketaprep-export",
        "version": 1,
        "exported_at": "2026-12-24T09:30:00.000000+00:00",
        "sessions": [{"number": 1, "date": "2026-11-02", "note": None}],
        "entries": [
            {
                "id": str(uuid.UUID(int=n, version=4)),
                "kind": "journal",
                "session_number": 1,
                "guide": "integrating",
                "created": "2026-11-03T10:00:00+00:00",
                "updated": "2026-11-03T10:05:00Z",
                "finished": None,
                "draft": True,
                "answers": [
                    {
                        "item_id": "a",
                        "item_type": "text",
                        "question": "What came up?",
                        "value": "waves",
                        "answered_at": "2026-11-03T12:00:00+02:00",
                    },
                    {
                        "item_id": "b",
                        "item_type": "list",
                        "question": "Intentions?",
                        "value": ["rest"],
                        "answered_at": "2026-11-03T10:01:00+00:00",
                    },
                ],
            }
            for n in range(4)
        ],
    }


def test_a_good_document_parses_with_times_in_utc() -> None:
    sessions, entries = parse_export(good_document())
    assert sessions == [Session(1, datetime.date(2026, 11, 2), None)]
    assert len(entries) == 4
    assert entries[0].answers[0].answered_at == datetime.datetime(2026, 11, 3, 10, tzinfo=UTC)
    assert entries[0].updated == datetime.datetime(2026, 11, 3, 10, 5, tzinfo=UTC)
    assert entries[0].is_draft


def _set(document: dict[str, Any], path: str, value: object) -> None:
    keys: list[str | int] = [int(k) if k.isdigit() else k for k in re.findall(r"\w+", path)]
    target: Any = document
    for key in keys[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[keys[-1]]
    else:
        target[keys[-1]] = value


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("version", "1", "version: expected a whole number from 1 up"),
        ("version", _DELETE, "version: is missing"),
        ("sessions", {}, "sessions: expected a list"),
        ("sessions[0].number", 0, "sessions[0].number: expected a whole number from 1 to 9999"),
        ("sessions[0].number", 10000, "sessions[0].number: expected a whole number from 1 to 9999"),
        ("sessions[0].number", 2**63, "sessions[0].number: expected a whole number from 1 to 9999"),
        ("sessions[0].number", True, "sessions[0].number: expected a whole number"),
        ("sessions[0].date", "2026-02-30", "sessions[0].date: expected a date like 2026-12-01"),
        ("sessions[0].note", 3, "sessions[0].note: expected text or null"),
        ("entries[3]", [], "entries[3]: expected an object with named fields"),
        ("entries[3].id", "not-a-uuid", "entries[3].id: expected an id like"),
        ("entries[2].id", str(uuid.UUID(int=1, version=4)), "entries[2].id: repeats the id of "
                                                            "entries[1]"),
        ("entries[1].kind", "diary", "entries[1].kind: expected one of prepare, journal, checkin"),
        ("entries[1].session_number", 9, "entries[1].session_number: session 9 is not among"),
        ("entries[1].guide", None, "entries[1].guide: expected text"),
        ("entries[1].created", "2026-11-03T10:00:00", "entries[1].created: expected a time "
                                                      "with its UTC offset"),
        ("entries[1].created", "yesterday", "entries[1].created: expected a time"),
        ("entries[1].finished", "2026-11-03T10:00:00+00:00", "entries[1].draft: does not agree"),
        ("entries[1].draft", "yes", "entries[1].draft: expected true or false"),
        ("entries[3].answers[0].value", 1.5, "entries[3].answers[0].value: expected text, a "
                                             "whole number, yes/no or a list of texts"),
        ("entries[3].answers[0].value", {"a": 1}, "entries[3].answers[0].value: expected text"),
        ("entries[3].answers[1].value", ["ok", 2], "entries[3].answers[1].value: expected text"),
        ("entries[3].answers[0].value", _DELETE, "entries[3].answers[0].value: is missing"),
        ("entries[0].answers[1].item_id", "a", "entries[0].answers[1].item_id: repeats the item"),
        ("entries[0].answers[1].item_id", "", "entries[0].answers[1].item_id: expected the id"),
        ("entries[0].answers", "none", "entries[0].answers: expected a list"),
        ("entries[0].answers[0].answered_at", 5, "entries[0].answers[0].answered_at: expected"),
    ],
)  # fmt: skip
def test_a_bad_document_names_what_and_where(
    tmp_path: Path, store: Store, path: str, value: object, message: str
) -> None:
    document = good_document()
    _set(document, path, value)
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(KetaprepError) as caught:
        read_export(file)
    assert message in caught.value.message
    assert str(file) in caught.value.message and "Nothing was imported" in caught.value.message
    # and nothing at all was written
    assert store.entries(include_drafts=True) == [] and store.sessions() == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a readable JSON file"),
        (b"{", "not a readable JSON file"),
        (b"\xff\xfe\x00junk", "not a readable JSON file"),
        (b"[" * 100_000 + b"]" * 100_000, "not a readable JSON file"),
        (b"[]", "is not a ketaprep export"),
        (b'{"format": "something-else"}', "is not a ketaprep export"),
        (b'{"format": "ketaprep-export", "version": 7}', "made by a newer ketaprep"),
    ],
)
def test_files_that_are_not_exports(tmp_path: Path, content: bytes, message: str) -> None:
    file = tmp_path / "odd.json"
    file.write_bytes(content)
    with pytest.raises(KetaprepError, match=message):
        read_export(file)


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="There is no file"):
        read_export(tmp_path / "nowhere.json")


def test_a_good_document_copy_is_untouched_by_parsing() -> None:
    document = good_document()
    before = copy.deepcopy(document)
    parse_export(document)
    assert document == before


# --- Markdown ------------------------------------------------------------------------------


def test_markdown_groups_by_session_and_marks_drafts(store: Store) -> None:
    filled(store)
    text = markdown_text(store)
    assert text.startswith("# My ketaprep journal\n")
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# My ketaprep journal",
        "## Session 1: 2 November 2026",
        "### Before a session: 1 November 2026, " + at(1).astimezone().strftime("%H:%M"),
        "### After a session: 3 November 2026, " + at(3).astimezone().strftime("%H:%M"),
        "## Session 2: 16 November 2026",
        "### After a session: 17 November 2026, " + at(17).astimezone().strftime("%H:%M"),
        "## Between sessions",
        "### Check-in: 10 November 2026, " + at(10).astimezone().strftime("%H:%M"),
    ]
    assert "> first, with Dr\\. Rivera" not in text and "> first, with Dr. Rivera" in text
    assert "*Draft: not finished.*" in text
    assert "**What came up?**\n\n> the sea\n" in text
    assert "**Mood?**\n\n> 6\n" in text
    assert "**Steady?**\n\n> Yes\n" in text
    assert "**Done?**\n\n> - ride\n> - meal\n" in text
    assert "*(skipped)*" in text


def test_markdown_filters(store: Store) -> None:
    filled(store)
    only_two = markdown_text(store, Selection(session=2))
    assert "## Session 2" in only_two and "## Session 1" not in only_two
    assert "Between sessions" not in only_two
    later = markdown_text(store, Selection(since=datetime.date(2026, 11, 9)))
    assert "Check-in" in later and "the sea" not in later
    assert "Nothing was written in this time." in markdown_text(
        store, Selection(since=datetime.date(2027, 1, 1))
    )


def test_user_text_cannot_break_the_markdown(store: Store) -> None:
    nasty = SPECIAL_TEXTS[-1] + "\n[link](file:///etc) *bold* _it_ | table | &amp;\n===\n+ x"
    made = entry(
        at(2),
        (
            Answer("a", "long_text", "# Not a heading\nsecond line", nasty, at(2)),
            Answer("b", "list", "List?", ["# one", "two\n## three", "```"], at(2)),
            Answer("c", "text", "Escapes?", "".join(SPECIAL_TEXTS[1:5]), at(2)),
        ),
    )
    store.import_records([], [made])
    text = markdown_text(store)
    body = text.split("### ", 1)[1].split("\n", 1)[1]
    for line in body.splitlines():
        # every line is a quote, a bold question, a marker in italics or blank
        assert line == "" or line.startswith(("> ", "**", "*")) or line == ">", line
        assert not line.startswith("#"), line
    # every backtick, angle bracket, square bracket and star the person wrote is escaped
    for line in body.splitlines():
        content = re.sub(r"^(> - |>   |> |>$)", "", line)
        if re.fullmatch(r"\*\*.*\*\*", content):
            content = content[2:-2]
        for character in "`<>[]*_|&":
            assert not re.search(rf"(?<!\\){re.escape(character)}", content), (character, line)
    assert "**\\# Not a heading second line**" in text
    assert "> \\# heading" in text
    assert "> - \\# one" in text and ">   \\#\\# three" in text
    assert "> \\---\n" in text and "> \\===\n" in text and "> \\+ x\n" in text
    assert "> 1\\. list\n" in text
    # control and direction characters are shown as escapes (themselves escaped)
    assert "\x1b" not in text and "\x07" not in text and "> \\\\x1b\\[2J" in text
    assert "\u202e" not in text and "\\\\u202eevil" in text
    assert "\udcff" not in text and "lone \ufffd surrogate" in text


# --- writing files -------------------------------------------------------------------------


def agree(target: Path) -> bool:
    return True


def test_write_atomically_is_private_and_leaves_no_temp_file(tmp_path: Path) -> None:
    import os

    target = tmp_path / "out.json"
    target.write_text("the old export")
    old = os.umask(0o022)
    try:
        count = write_atomically(
            target, lambda write: (write("new "), write("content"), 7)[2], may_replace=agree
        )
    finally:
        os.umask(old)
    assert count == 7
    assert target.read_text() == "new content"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("the old export")

    def fails(write: Any) -> int:
        write("half")
        raise KetaprepError("stopped halfway")

    with pytest.raises(KetaprepError, match="stopped halfway"):
        write_atomically(target, fails, may_replace=agree)
    assert target.read_text() == "the old export"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_an_existing_file_is_replaced_only_when_agreed(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    asked: list[Path] = []

    def refuse(path: Path) -> bool:
        asked.append(path)
        return False

    assert write_atomically(target, lambda write: (write("first"), 1)[1], may_replace=refuse) == 1
    assert asked == []  # nothing there yet: nothing to ask
    assert (
        write_atomically(target, lambda write: (write("second"), 1)[1], may_replace=refuse) is None
    )
    assert asked == [target]
    assert target.read_text() == "first"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_a_link_put_at_the_target_while_writing_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("someone else's file")

    def plants_a_link(write: Any) -> int:
        write("the journal")
        target.symlink_to(elsewhere)
        return 1

    with pytest.raises(UsageError, match="is a link to somewhere else"):
        write_atomically(target, plants_a_link, may_replace=agree)
    assert target.is_symlink() and elsewhere.read_text() == "someone else's file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere.txt", "out.json"]


@pytest.mark.parametrize(
    "stop", [KeyboardInterrupt(), Stopped(signal.SIGTERM), Stopped(signal.SIGHUP)]
)
def test_a_stop_while_writing_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, stop: KeyboardInterrupt
) -> None:
    target = tmp_path / "out.json"
    target.write_text("the old export")

    def stopped(write: Any) -> int:
        write("half")
        raise stop

    with pytest.raises(KetaprepError) as raised:
        write_atomically(target, stopped, may_replace=agree)
    assert raised.value.message == (
        f"Stopped. Nothing was written to {target}; your journal is as it was."
    )
    assert raised.value.exit_code == 128 + (stop.signum if isinstance(stop, Stopped) else 2)
    assert target.read_text() == "the old export"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_write_atomically_refuses_folders(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is a folder"):
        write_atomically(tmp_path, lambda write: 0, may_replace=agree)
    with pytest.raises(UsageError, match="does not exist"):
        write_atomically(tmp_path / "missing" / "out.json", lambda write: 0, may_replace=agree)
