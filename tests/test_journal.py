"""The journal glue and the editor for long answers, with stand-ins for the person.

A ``Person`` (tests/asker_helpers.py) answers the glue's questions and the items; the
editor is a small script (tests/editor_helpers.py) that writes known text into the file
it is given.
"""

from __future__ import annotations

import datetime
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from rich.console import Console

from asker_helpers import Person
from cli_helpers import FIXED_DAY
from editor_helpers import editor_log, stand_in_editor
from ketaprep import console
from ketaprep.ask import PlainAsker, TerminalAsker
from ketaprep.ask.editor import (
    Answering,
    Owner,
    editor_command,
    editor_file,
    editor_name,
    left_behind,
    write_in_editor,
)
from ketaprep.ask.plain import EDITOR_WORD
from ketaprep.dates import local_time, weekday_date
from ketaprep.guides.load import load_guides
from ketaprep.guides.model import Item
from ketaprep.paths import get_paths
from ketaprep.store import Entry, Store, open_store
from ketaprep.walks.command import EDITOR_KEPT
from ketaprep.walks.journal import intention_items, intentions_of, run, waiting_session
from ketaprep.walks.run import WalkOptions

TODAY = FIXED_DAY
STORY = Item(id="story", type="long_text", prompt="Anything on your mind?")
STEP_4 = {
    "thoughts": "The garden at my grandmother's house.",
    "feelings": ["calm", "tender"],
    "realised": None,
    "body": "Warm hands",
    "patterns": None,
    "to-share": ["The garden"],
    "mood": 7,
    "anxiety": 3,
    "safe": "no",
    "tags": ["family"],
}

pytestmark = [pytest.mark.usefixtures("welcomed"), pytest.mark.fixed_day]


@pytest.fixture(autouse=True)
def no_editor_of_the_developer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)


def prepared(
    number: int, intentions: list[str], day: datetime.date = TODAY, *, finished: bool = True
) -> None:
    """A session got ready for, as ``prepare`` leaves it."""
    with open_store() as store:
        if store.session(number) is None:
            store.add_session(number, day)
        entry = store.start_entry("prepare", number, "preparing")
        store.save_answer(entry.id, "intentions", "list", "What to hold in mind?", intentions)
        if finished:
            store.finish_entry(entry.id)


def journal_entries(include_drafts: bool = True) -> list[Entry]:
    with open_store() as store:
        return store.entries(kind="journal", include_drafts=include_drafts)


def capture_console() -> io.StringIO:
    out = io.StringIO()
    console.set_console(Console(file=out, width=80), Console(file=out, width=80))
    return out


# --- the items made from the intentions --------------------------------------------


def test_each_intention_becomes_a_choice_and_a_note_that_quote_it() -> None:
    items = intention_items(["Be kind to myself", "Rest  \x1b[31mwell"])
    assert [(item.id, item.type) for item in items] == [
        ("intention-1", "choice"),
        ("intention-1-note", "text"),
        ("intention-2", "choice"),
        ("intention-2-note", "text"),
    ]
    assert items[0].prompt == 'How did it go with "Be kind to myself"?'
    assert items[1].prompt == 'Anything to add about "Be kind to myself"?'
    assert [option.id for option in items[0].options] == ["touched", "not-yet", "something-else"]
    assert "\x1b" not in items[2].prompt and "\\x1b[31mwell" in items[2].prompt
    assert not any(item.required for item in items)


def test_the_intentions_come_from_the_sessions_prepare() -> None:
    prepared(1, ["Rest"])
    prepared(2, ["Breathe", "Listen"], finished=False)
    with open_store() as store:
        store.add_session(3, TODAY)
        assert intentions_of(store, 1) == ["Rest"]
        assert intentions_of(store, 2) == ["Breathe", "Listen"]  # an unfinished prepare
        assert intentions_of(store, 3) is None


def test_the_session_waiting_is_the_newest_prepared_and_not_journalled() -> None:
    prepared(1, ["Rest"], TODAY - datetime.timedelta(days=14))
    prepared(2, ["Rest"], TODAY - datetime.timedelta(days=7))
    prepared(3, ["Rest"], TODAY + datetime.timedelta(days=7))  # still to come
    with open_store() as store:
        waiting = waiting_session(store)
        assert waiting is not None and waiting.number == 2
        entry = store.start_entry("journal", 2, "integrating")
        store.finish_entry(entry.id)
        waiting = waiting_session(store)
        assert waiting is not None and waiting.number == 1


def test_the_session_waiting_is_what_every_sessions_entries_say() -> None:
    """The store's query gives what reading every session and its entries gives: only
    finished entries count, a later day or a written-about session is passed over, and
    on one day the highest number comes first."""
    prepared(1, ["Rest"], TODAY - datetime.timedelta(days=3))
    prepared(2, ["Rest"], TODAY - datetime.timedelta(days=1), finished=False)  # a draft
    prepared(3, ["Rest"], TODAY - datetime.timedelta(days=1))
    prepared(4, ["Rest"], TODAY - datetime.timedelta(days=1))
    with open_store() as store:
        store.add_session(5, TODAY)  # nothing got ready for it
        draft = store.start_entry("journal", 4, "integrating")  # a journal not finished
        store.save_answer(draft.id, "settled", "text", "What settled?", "Some")

        def by_reading_everything() -> int | None:
            for session in store.sessions():
                finished = store.entries(session_number=session.number, include_drafts=False)
                kinds = {entry.kind for entry in finished}
                if session.date <= TODAY and "prepare" in kinds and "journal" not in kinds:
                    return session.number
            return None

        assert by_reading_everything() == 4 and _waiting_number(store) == 4
        store.finish_entry(draft.id)
        assert by_reading_everything() == 3 and _waiting_number(store) == 3
        for number in (3, 1):
            entry = store.start_entry("journal", number, "integrating")
            store.finish_entry(entry.id)
        assert by_reading_everything() is None and _waiting_number(store) is None


def _waiting_number(store: Store) -> int | None:
    waiting = waiting_session(store)
    return None if waiting is None else waiting.number


# --- a whole journal, with a stand-in person ------------------------------------------


def test_a_journal_starts_from_the_intentions_and_saves_every_answer() -> None:
    prepared(4, ["Be kind to myself", "[bold]Rest[/bold]"])
    answers = {"intention-1": "touched", "intention-1-note": "A little", "intention-2": "not-yet",
               **STEP_4}  # fmt: skip
    person = Person(answers)
    assert run(WalkOptions(), asker=person) == 0

    assert person.asked[0] == "intention-1"  # no session question: session 4 was waiting
    shown = person.seen_before["intention-1"]
    assert "Looking back on session 4" in shown
    assert "Before it, you chose to hold in mind: • Be kind to myself • [bold]Rest[/bold]" in shown
    assert person.prompts["intention-2"] == 'How did it go with "[bold]Rest[/bold]"?'

    [entry] = journal_entries()
    assert not entry.is_draft and entry.session_number == 4 and entry.guide == "integrating"
    step = load_guides().step("4")
    ids = ["intention-1", "intention-1-note", "intention-2", "intention-2-note"]
    assert [answer.item_id for answer in entry.answers] == ids + [i.id for i in step.items]
    saved = {answer.item_id: answer.value for answer in entry.answers}
    assert saved == {**answers, "intention-2-note": None}
    question = {answer.item_id: answer.question for answer in entry.answers}
    assert question["intention-1"] == 'How did it go with "Be kind to myself"?'

    printed = person.printed
    quiet = load_guides().step("4").reminders[0].text
    assert quiet in printed  # the guide's closing suggestion
    assert "Saved: your journal entry for session 4" in printed
    assert "To bring to your therapist or support group: - The garden" in printed
    assert "ketaprep review" in printed and "ketaprep checkin" in printed
    assert printed.index(quiet) < printed.index("Saved:")


def test_a_session_can_have_several_journal_entries() -> None:
    prepared(1, ["Rest"])
    assert run(WalkOptions(), asker=Person({"intention-1": "touched", **STEP_4})) == 0
    # Session 1 is not waiting any more: it is picked from the recent sessions.
    later = Person(
        {"session": "session-1", "written-before": "new", "intention-1": "something-else",
         "mood": 8}
    )  # fmt: skip
    assert run(WalkOptions(), asker=later) == 0
    assert later.asked[:3] == ["session", "written-before", "intention-1"]
    first, second = sorted(journal_entries(), key=lambda entry: entry.created)
    assert first.id != second.id
    assert first.session_number == second.session_number == 1
    assert first.value("intention-1") == "touched" and first.value("mood") == 7
    assert second.value("intention-1") == "something-else" and second.value("mood") == 8
    assert second.value("thoughts") is None  # each entry is its own, not a copy


def test_journal_again_asks_to_change_the_one_written_or_write_a_new_one() -> None:
    prepared(1, ["Rest"])
    assert run(WalkOptions(), asker=Person({"intention-1": "touched", **STEP_4})) == 0
    [written] = journal_entries()
    again = Person({"session": "session-1", "mood": 8})  # enter: change the one written
    assert run(WalkOptions(), asker=again) == 0
    question = again.item("written-before")
    day = weekday_date(local_time(written.created).date())
    assert question.prompt == (
        f"You wrote about session 1 before, on {day}. What would you like to do?"
    )
    assert [option.label for option in question.options] == [
        "Change the one I wrote", "Write a new one"]  # fmt: skip
    assert again.defaults["written-before"] == "change"
    assert again.defaults["intention-1"] == "touched"  # its answers are filled in
    assert "Your answers are filled in: keep each one, or change it." in again.printed
    [changed] = journal_entries()  # the same entry, changed in place: no second one
    assert changed.id == written.id and not changed.is_draft
    assert changed.value("mood") == 8 and changed.value("intention-1") == "touched"
    assert changed.finished == written.finished
    assert [a.item_id for a in changed.answers] == [a.item_id for a in written.answers]


def test_journal_again_stopped_says_how_to_go_through_it_again(
    capsys: pytest.CaptureFixture[str],
) -> None:
    prepared(1, ["Rest"])
    assert run(WalkOptions(), asker=Person({"intention-1": "touched", **STEP_4})) == 0
    capsys.readouterr()
    stopped = Person({"session": "session-1", "mood": 2}, stop_at="anxiety")
    assert run(WalkOptions(), asker=stopped) == 130
    said = " ".join(capsys.readouterr().out.split())
    assert said == (
        "Stopped. Your answers for session 1 are saved as they are now. "
        "To go through them again: ketaprep journal --session 1"
    )
    [entry] = journal_entries()
    assert entry.value("mood") == 2 and not entry.is_draft  # kept as it is now


def test_the_recent_sessions_are_offered_with_what_was_done() -> None:
    prepared(1, ["Rest"], TODAY - datetime.timedelta(days=9))
    with open_store() as store:
        store.add_session(2, TODAY - datetime.timedelta(days=2))
        entry = store.start_entry("journal", 1, "integrating")
        store.finish_entry(entry.id)

    person = Person({"session": "session-2"})
    assert run(WalkOptions(), asker=person) == 0
    labels = [option.label for option in person.item("session").options]
    day_1 = TODAY - datetime.timedelta(days=9)
    day_text = f"{day_1:%A} {day_1.day} {day_1:%B %Y}"
    assert labels[0].startswith("Session 2, ")
    assert labels[1] == f"Session 1, {day_text} (you wrote about it before)"
    assert labels[-1] == "A session not in ketaprep yet"
    assert person.defaults["session"] == "session-2"
    assert "You did not get ready for it with ketaprep" in person.printed
    assert "intention-1" not in person.asked
    [entry] = [e for e in journal_entries() if e.session_number == 2]
    assert entry.value("mood") is None


def test_a_session_not_in_ketaprep_is_added_with_its_day_and_number() -> None:
    with open_store() as store:
        store.add_session(1, TODAY - datetime.timedelta(days=30))
    replies = {"day": ["next month", "tomorrow", "3 days ago"], "number": ["1", "2"]}
    person = Person({"session": "new", "mood": 5}, replies=replies)
    assert run(WalkOptions(), asker=person) == 0
    assert person.asked[:6] == ["session", "day", "day", "day", "number", "number"]
    assert person.hints[0].startswith('"next month" is not a day ketaprep understands.')
    assert "is still to come" in person.hints[1]
    assert person.hints[2].startswith("Session 1 is already saved")
    assert person.defaults["number"] == "2"
    with open_store() as store:
        session = store.session(2)
    assert session is not None and session.date == TODAY - datetime.timedelta(days=3)
    [entry] = journal_entries()
    assert entry.session_number == 2 and entry.value("mood") == 5


def test_the_first_journal_ever_asks_for_the_session() -> None:
    person = Person({}, replies={"day": ["today"], "number": ["1"]})
    assert run(WalkOptions(), asker=person) == 0
    assert person.asked[:2] == ["day", "number"]
    assert "No sessions are saved yet" in person.printed
    [entry] = journal_entries()
    assert entry.session_number == 1 and not entry.is_draft


def test_session_option_goes_straight_to_that_session() -> None:
    prepared(1, ["Rest"])
    prepared(2, ["Sleep"])
    person = Person({"intention-1": "touched"})
    assert run(WalkOptions(session=1), asker=person) == 0
    assert person.asked[0] == "intention-1"
    assert person.prompts["intention-1"] == 'How did it go with "Rest"?'
    [entry] = journal_entries()
    assert entry.session_number == 1


# --- Ctrl-C and resuming -------------------------------------------------------------------


def test_ctrl_c_keeps_a_draft_and_the_next_run_carries_on() -> None:
    prepared(2, ["Rest"])
    out = capture_console()
    person = Person({"intention-1": "touched", "intention-1-note": "Yes", **STEP_4},
                    stop_at="realised")  # fmt: skip
    assert run(WalkOptions(), asker=person) == 130
    assert [line.rstrip() for line in out.getvalue().strip().splitlines()] == [
        "Stopped. Your 4 answers are kept. Run ketaprep journal to carry on where you",
        "stopped.",
    ]  # wrapped between words at 80 columns
    [draft] = journal_entries()
    assert draft.is_draft and draft.session_number == 2
    assert [a.item_id for a in draft.answers] == [
        "intention-1", "intention-1-note", "thoughts", "feelings"
    ]  # fmt: skip

    resumed = Person({"resume": "resume", "realised": "I can rest", "mood": 6})
    assert run(WalkOptions(), asker=resumed) == 0
    assert resumed.asked[:2] == ["resume", "realised"]
    assert "You started writing about session 2" in resumed.printed
    assert "Your 4 answers are kept." in resumed.printed
    assert "• Rest" in resumed.seen_before["realised"]  # the intentions are shown again
    [entry] = journal_entries()
    assert entry.id == draft.id and not entry.is_draft
    assert entry.value("thoughts") == STEP_4["thoughts"]
    assert entry.value("realised") == "I can rest"


def test_going_through_a_draft_again_offers_its_answers() -> None:
    prepared(2, ["Rest"])
    capture_console()
    run(WalkOptions(), asker=Person({"intention-1": "not-yet", **STEP_4}, stop_at="mood"))
    again = Person({"resume": "again"})
    assert run(WalkOptions(), asker=again) == 0
    assert again.asked[1] == "intention-1"
    assert again.defaults["intention-1"] == "not-yet"
    assert again.defaults["feelings"] == ["calm", "tender"]
    [entry] = journal_entries()
    assert entry.value("intention-1") == "not-yet" and not entry.is_draft


def test_letting_a_draft_go_starts_a_new_entry() -> None:
    prepared(2, ["Rest"])
    capture_console()
    run(WalkOptions(), asker=Person({"intention-1": "touched"}, stop_at="thoughts"))
    [draft] = journal_entries()
    fresh = Person({"resume": "discard", "discard": True, "intention-1": "not-yet"})
    assert run(WalkOptions(), asker=fresh) == 0
    [entry] = journal_entries()
    assert entry.id != draft.id and entry.value("intention-1") == "not-yet"


def test_ctrl_c_before_the_first_answer_keeps_nothing() -> None:
    prepared(2, ["Rest"])
    out = capture_console()
    assert run(WalkOptions(), asker=Person({}, stop_at="intention-1")) == 130
    assert "nothing to keep" in out.getvalue()
    assert journal_entries() == []


def test_ctrl_c_while_picking_the_session_saves_no_session() -> None:
    out = capture_console()
    assert run(WalkOptions(), asker=Person({}, stop_at="day")) == 130
    assert "Nothing was saved yet" in out.getvalue()
    with open_store() as store:
        assert store.sessions() == []


# --- the editor ----------------------------------------------------------------------


def test_the_editor_gets_what_was_typed_in_a_private_file_and_gives_back_the_text(
    tmp_path: Path,
) -> None:
    editor = stand_in_editor(tmp_path, "and a second line\n")
    edited = write_in_editor("first words", [str(editor)])
    assert edited.text == "first words\nand a second line"
    assert edited.thanks == "Thank you. What you wrote in editor.py is kept (2 lines)."
    [record] = editor_log(editor)
    assert record["before"] == "first words\n"
    assert record["mode"] == 0o600
    assert record["folder_mode"] == 0o700
    folder = Path(str(record["path"])).parent
    assert folder.parent == get_paths().editing_dir  # inside the ketaprep home, not $TMPDIR
    assert not folder.exists()  # removed afterwards
    assert list(get_paths().editing_dir.iterdir()) == []


OWNER = Owner("3f2b8c1e-5d4a-4f6b-9c2d-1a2b3c4d5e6f", "journal", None)


@pytest.mark.parametrize("answering", [Answering(OWNER, "story", "long_text", "Q?"), None])
def test_a_stop_in_the_editor_leaves_the_file_only_for_a_walk_to_keep(
    answering: Answering | None,
) -> None:
    with pytest.raises(KeyboardInterrupt):
        with editor_file("typed", answering) as path:
            path.write_text("typed, and more", encoding="utf-8")
            raise KeyboardInterrupt
    left = left_behind()
    if answering is None:
        assert left == []
    else:
        assert [(item.text, item.answering) for item in left] == [("typed, and more", answering)]
        left[0].remove()
        assert left_behind() == []
    assert list(get_paths().editing_dir.iterdir()) == []


def test_an_editor_folder_of_a_ketaprep_still_running_is_left_alone() -> None:
    """Another window's editor may still be open: its folder is not taken until it ends."""
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        root = get_paths().editing_dir
        root.mkdir(parents=True, mode=0o700)
        folder = root / f"{other.pid}-abc"
        folder.mkdir(mode=0o700)
        (folder / "answer.txt").write_text("still writing", encoding="utf-8")
        assert left_behind() == []
    finally:
        other.kill()
        other.wait()
    assert [left.text for left in left_behind()] == ["still writing"]


def test_text_left_with_a_danger_phrase_shows_the_crisis_lines_when_it_is_kept() -> None:
    with open_store() as store:
        draft = store.start_entry("journal")
    owner = Owner(draft.id, "journal", None)
    with pytest.raises(KeyboardInterrupt):
        with editor_file("", Answering(owner, "thoughts", "long_text", "Thoughts?")) as path:
            path.write_text("Some nights I want to die.\n", encoding="utf-8")
            raise KeyboardInterrupt
    out = capture_console()
    person = Person({}, stop_at="day")
    assert run(WalkOptions(), asker=person) == 130
    assert isinstance(person.console, Console) and isinstance(person.console.file, io.StringIO)
    shown = " ".join((person.console.file.getvalue() + out.getvalue()).split())
    assert EDITOR_KEPT in shown
    assert "Some of what you wrote sounds like you may be in danger" in shown
    with open_store() as store:
        kept = store.entry(draft.id)
    assert kept.value("thoughts") == "Some nights I want to die."
    assert [shown.item_id for shown in kept.crisis_shown] == ["thoughts"]
    assert left_behind() == []


def test_text_left_for_an_entry_deleted_since_goes_to_a_new_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cli_helpers import ketaprep, said, write_answers

    gone = Owner("3f2b8c1e-5d4a-4f6b-9c2d-1a2b3c4d5e6f", "checkin", 4)
    with pytest.raises(KeyboardInterrupt):
        with editor_file("", Answering(gone, "win", "text", "A win?")) as path:
            path.write_text("I called my sister\n", encoding="utf-8")
            raise KeyboardInterrupt
    with editor_file("", None) as path:  # no owner, and (not stopped) removed as it ends
        pass
    answers = write_answers(tmp_path, {"mood": 5, "anxiety": 4, "safe": False})
    result = ketaprep("checkin", "--answers", str(answers), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert EDITOR_KEPT in said(result)
    with open_store() as store:
        [kept] = store.drafts("checkin")
    assert kept.session_number is None and kept.value("win") == "I called my sister"
    assert list(get_paths().editing_dir.iterdir()) == []


@pytest.mark.parametrize(
    ("text", "append", "exit_code", "words"),
    [
        ("whatever", True, 1, "The editor editor.py stopped with a problem"),
        ("\n  \n", False, 0, "Nothing came back from editor.py"),
        (None, True, 0, "Nothing changed in editor.py"),
    ],
)
def test_a_failed_empty_or_unchanged_editor_gives_back_nothing(
    tmp_path: Path, text: str | None, append: bool, exit_code: int, words: str
) -> None:
    editor = stand_in_editor(tmp_path, text, append=append, exit_code=exit_code)
    edited = write_in_editor("typed", [str(editor)])
    assert edited.text is None
    assert edited.problem == f"{words}, so you are back at the question, with what you had typed."


def test_an_editor_that_cannot_start(tmp_path: Path) -> None:
    edited = write_in_editor("typed", [str(tmp_path / "no-such-editor")])
    assert edited.text is None
    assert edited.problem.startswith("The editor no-such-editor could not be started")


def test_debians_generic_editor_is_called_your_editor(tmp_path: Path) -> None:
    assert editor_name(["/usr/bin/editor"]) == "your editor"
    assert editor_name(["sensible-editor"]) == "your editor"
    assert editor_name(["/usr/bin/nano", "-w"]) == "nano"
    edited = write_in_editor("typed", [str(tmp_path / "editor")])  # not there
    assert edited.problem.startswith("Your editor could not be started, so you are back")


def test_which_editor(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("EDITOR", "nano -w")
    assert editor_command() == ["nano", "-w"]
    monkeypatch.setenv("VISUAL", "'my editor' --wait")
    assert editor_command() == ["my editor", "--wait"]
    monkeypatch.setenv("TERM", "dumb")  # VISUAL is for full-screen terminals
    assert editor_command() == ["nano", "-w"]
    monkeypatch.delenv("VISUAL")
    monkeypatch.delenv("EDITOR")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert editor_command() is None
    for name in ("vi", "vim", "editor"):  # never: a person new to vi cannot get out
        fallback = tmp_path / name
        fallback.write_text("#!/bin/sh\n", encoding="utf-8")
        fallback.chmod(0o700)
    assert editor_command() is None
    nano = tmp_path / "nano"
    nano.write_text("#!/bin/sh\n", encoding="utf-8")
    nano.chmod(0o700)
    assert editor_command() == [str(nano)]


def plain(*lines: str) -> tuple[PlainAsker, io.StringIO]:
    typed = list(lines)
    out = io.StringIO()

    def read(prompt: str) -> str:
        if not typed:
            raise EOFError
        return typed.pop(0)

    return PlainAsker(Console(file=out, width=80, color_system=None), read=read), out


def test_plain_long_text_in_the_editor(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    editor = stand_in_editor(tmp_path, "from the editor\n")
    monkeypatch.setenv("EDITOR", str(editor))
    asker, out = plain("typed first", EDITOR_WORD)
    assert asker.ask(STORY, None) == "typed first\nfrom the editor"
    assert f"Or type {EDITOR_WORD} to write it in editor.py." in out.getvalue()
    assert editor_log(editor)[0]["before"] == "typed first\n"


def test_plain_long_text_keeps_the_lines_when_the_editor_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("EDITOR", str(stand_in_editor(tmp_path, "lost", exit_code=3)))
    asker, out = plain("one", EDITOR_WORD, "two", "")
    assert asker.ask(STORY, None) == "one\ntwo"
    assert "stopped with a problem" in out.getvalue()


def test_plain_long_text_without_an_editor_says_how_to_set_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", "")
    asker, out = plain("typed", EDITOR_WORD, "more", "")
    assert asker.ask(STORY, None) == "typed\nmore"
    printed = " ".join(out.getvalue().split())
    assert EDITOR_WORD not in printed  # not offered
    assert "No editor was found, so you are back at the question" in printed
    assert "like this: export EDITOR=micro" in printed


@contextmanager
def keys(*presses: str) -> Iterator[TerminalAsker]:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with create_pipe_input() as pipe:
        pipe.send_text("".join(presses))
        with create_app_session(input=pipe, output=DummyOutput()):
            yield TerminalAsker(Console(file=io.StringIO(), width=80))


CTRL_E, ESC, ENTER = "\x05", "\x1b", "\r"


def test_terminal_ctrl_e_opens_the_editor(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    editor = stand_in_editor(tmp_path, "more\n")
    monkeypatch.setenv("EDITOR", str(editor))
    with keys("typed", CTRL_E) as asker:
        assert asker.ask(STORY, None) == "typed\nmore"
        assert isinstance(asker.console, Console) and isinstance(asker.console.file, io.StringIO)
        assert "What you wrote in editor.py is kept" in asker.console.file.getvalue()
    assert editor_log(editor)[0]["before"] == "typed\n"


def test_terminal_editor_failing_comes_back_with_the_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("EDITOR", str(stand_in_editor(tmp_path, None, exit_code=1)))
    with keys("typed", CTRL_E, " still here", ESC, ENTER) as asker:
        assert asker.ask(STORY, None) == "typed still here"
        assert isinstance(asker.console, Console) and isinstance(asker.console.file, io.StringIO)
        assert "stopped with a problem" in asker.console.file.getvalue()


def test_ctrl_c_while_the_editor_runs_is_the_editors(tmp_path: Path) -> None:
    """SIGINT during the editor does not stop ketaprep (or kill the editor)."""
    import signal

    script = tmp_path / "editor.sh"
    script.write_text(
        f'#!/bin/sh\nkill -INT {os.getpid()}\nsleep 0.2\necho kept >> "$1"\n',
        encoding="utf-8",
    )
    script.chmod(0o700)
    before = signal.getsignal(signal.SIGINT)
    edited = write_in_editor("typed", [str(script)])
    assert edited.text == "typed\nkept"
    assert signal.getsignal(signal.SIGINT) is before


# --- a session saved for a day still to come ---------------------------------------------


def test_only_a_session_to_come_is_offered_and_moved_to_today() -> None:
    tomorrow = TODAY + datetime.timedelta(days=1)
    prepared(1, ["Rest"], tomorrow)
    person = Person({"session": "session-1", "was-today": True, "intention-1": "touched"})
    assert run(WalkOptions(), asker=person) == 0
    labels = [option.label for option in person.item("session").options]
    day = f"{tomorrow:%A} {tomorrow.day} {tomorrow:%B %Y}"
    assert labels == [
        f"Session 1, {day} (saved for a day still to come; you got ready for it)",
        "A session not in ketaprep yet",
    ]
    assert person.defaults["session"] == "session-1"
    assert "No sessions are saved yet" not in person.printed
    assert f"Session 1 is saved for {day}, a day still to come. Was it today" in (
        " ".join(person.prompts["was-today"].split())
    )
    assert person.prompts["intention-1"] == 'How did it go with "Rest"?'
    with open_store() as store:
        assert [(s.number, s.date) for s in store.sessions()] == [(1, TODAY)]  # no second one
    [entry] = journal_entries()
    assert entry.session_number == 1


def test_a_session_to_come_that_was_on_another_day_moves_there() -> None:
    prepared(3, ["Sleep"], TODAY + datetime.timedelta(days=5))
    with open_store() as store:
        store.add_session(2, TODAY - datetime.timedelta(days=10))
        entry = store.start_entry("journal", 2, "integrating")
        store.finish_entry(entry.id)

    person = Person({"session": "session-3", "was-today": False, "day": "yesterday"})
    assert run(WalkOptions(), asker=person) == 0
    labels = [option.label for option in person.item("session").options]
    assert labels[0].startswith("Session 2, ") and "(you wrote about it before)" in labels[0]
    assert labels[1].startswith("Session 3, ") and "still to come" in labels[1]
    assert "day" in person.asked
    with open_store() as store:
        assert store.session(3).date == TODAY - datetime.timedelta(days=1)  # type: ignore[union-attr]
        assert len(store.sessions()) == 2
    assert {entry.session_number for entry in journal_entries()} == {2, 3}
