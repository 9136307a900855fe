"""Long answers that are easy to finish, and scales that take a typed number, in a real
80x24 terminal (issue 14): ``ketaprep journal`` with real keys, the store read after."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cli_helpers import prepare_from_file
from editor_helpers import editor_log, stand_in_editor
from ketaprep.store import Entry, open_store
from pty_helpers import CTRL_C, ENTER, ESC, SPACE, Terminal

pytestmark = pytest.mark.pty

CTRL_E = "\x05"
THOUGHTS = "What thoughts have stayed with you since the session?"


def journal_draft() -> Entry:
    with open_store() as store:
        [draft] = store.entries(kind="journal", include_drafts=True)
    return draft


def to_the_thoughts(term: Terminal) -> str:
    term.wait_for('How did it go with "Rest"?')
    term.send(ENTER)
    term.wait_for('Anything to add about "Rest"?')
    term.send(ENTER)
    return term.wait_for(THOUGHTS)


def test_two_enters_finish_and_a_space_keeps_an_empty_line_inside(
    ketaprep_home: Path, tmp_path: Path
) -> None:
    prepare_from_file(tmp_path, {"session": 2, "date": "today", "intentions": ["Rest"]})
    editor = stand_in_editor(tmp_path, "unused\n", name="nano")
    with Terminal("journal", home=ketaprep_home, env={"EDITOR": str(editor), "VISUAL": ""}) as term:
        screen = " ".join(to_the_thoughts(term).split())
        assert (
            "Enter on an empty line finishes; for an empty line inside, type a space on it; "
            "Ctrl-E opens nano; Ctrl-B goes back." in screen
        )
        term.type("First part.")
        term.send(ENTER, SPACE, ENTER)
        term.type("Second part.")
        term.send(ENTER, ENTER)
        screen = term.wait_for("Which feelings came up?")
        assert "First part." in screen and "Second part." in screen
        term.send(ENTER)
        term.wait_for("In your own words:")
        term.send(ENTER)
        term.wait_for("understand anything new?")
        term.type("Esc still works.")
        term.send(ESC, ENTER)
        term.wait_for("things you felt in your body?")
        term.send(ENTER)  # nothing: one enter on the empty line finishes
        term.wait_for("coming up again and again")
        term.send(ENTER)
        term.wait_for("What would you like to bring")
        term.send(ENTER)
        screen = term.wait_for("How is your mood right now?")
        assert "or type the number, then enter; Ctrl-B goes back" in screen
        term.type("10")
        term.wait_for("» 10")
        term.send(ENTER)
        term.wait_for("How anxious do you feel right now?")
        term.type("3")
        term.wait_for("»  3")
        term.send(ENTER)
        term.wait_for("Are you having thoughts of harming yourself?")
        term.send(CTRL_C)
        term.wait_for("Run ketaprep journal to carry on")
        assert term.wait_exit() == 130
    draft = journal_draft()
    assert draft.value("thoughts") == "First part.\n\nSecond part."
    assert draft.value("realised") == "Esc still works."
    assert draft.value("body") is None
    assert (draft.value("mood"), draft.value("anxiety")) == (10, 3)
    assert editor_log(editor) == []


def test_the_editor_says_how_to_leave_it_before_it_opens(
    ketaprep_home: Path, tmp_path: Path
) -> None:
    prepare_from_file(tmp_path, {"session": 2, "date": "today", "intentions": ["Rest"]})
    editor = stand_in_editor(tmp_path, "From nano.\n", name="nano")
    with Terminal("journal", home=ketaprep_home, env={"EDITOR": str(editor), "VISUAL": ""}) as term:
        to_the_thoughts(term)
        term.type("Typed.")
        term.send(CTRL_E)
        screen = term.wait_for("What you wrote in nano is kept (2 lines).")
        assert screen.index("Opening nano: Ctrl-O then Enter saves, Ctrl-X leaves.") < (
            screen.index("What you wrote in nano is kept")
        )
        term.wait_for("Which feelings came up?")
        term.send(CTRL_C)
        assert term.wait_exit() == 130
    assert journal_draft().value("thoughts") == "Typed.\nFrom nano."


@pytest.mark.skipif(shutil.which("nano") is not None, reason="nano is installed here")
def test_no_editor_is_never_vi_and_says_how_to_set_one(ketaprep_home: Path, tmp_path: Path) -> None:
    prepare_from_file(tmp_path, {"session": 2, "date": "today", "intentions": ["Rest"]})
    env = {"EDITOR": "", "VISUAL": ""}  # this machine's PATH may well have vi: never used
    with Terminal("journal", home=ketaprep_home, env=env) as term:
        screen = to_the_thoughts(term)
        assert "Ctrl-E" not in screen
        term.type("My words")
        term.send(CTRL_E)
        screen = " ".join(term.wait_for("export EDITOR=micro").split())
        assert "No editor was found, so you are back at the question" in screen
        assert "install nano" in screen
        term.type(" stay.")  # back at the question, with what was typed
        term.wait_for("My words stay.")
        term.send(ENTER, ENTER)
        term.wait_for("Which feelings came up?")
        term.send(CTRL_C)
        assert term.wait_exit() == 130
    assert journal_draft().value("thoughts") == "My words stay."
