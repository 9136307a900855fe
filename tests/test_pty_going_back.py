"""Going back to the question before, in a real terminal at 80x24 and 40x24 (issue 14):
Ctrl-B in the terminal's prompts, ``back`` in --plain; the draft is changed in place, an
answer changed on the way back is shown as it is kept, and going back before the first
question is refused with a sentence. The store is read after."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import prepare_from_file
from ketaprep.ask.base import GOING_BACK
from ketaprep.ask.plain import BACK_HELP
from ketaprep.store import Entry, open_store
from pty_helpers import CTRL_C, ENTER, Terminal

pytestmark = [pytest.mark.pty, pytest.mark.usefixtures("welcomed")]

CTRL_B = "\x02"
SESSION_2 = {"session": 2, "date": "today", "intentions": ["Rest"]}


def the_draft(kind: str) -> Entry:
    with open_store() as store:
        [draft] = store.entries(kind=kind, include_drafts=True)
    return draft


@pytest.mark.parametrize("columns", [80, 40])
def test_ctrl_b_goes_back_and_the_draft_changes_in_place(
    ketaprep_home: Path, tmp_path: Path, columns: int
) -> None:
    prepare_from_file(tmp_path, SESSION_2)
    with Terminal(
        "journal", home=ketaprep_home, env={"EDITOR": "", "VISUAL": ""}, columns=columns
    ) as term:
        screen = term.wait_for('How did it go with "Rest"?')
        keys = "(arrow keys, then enter; Ctrl-B goes back)" if columns == 80 else "Ctrl-B goes"
        assert keys in screen
        term.send(CTRL_B)  # the first question: nothing before it
        screen = term.wait_for("This is the first question")
        assert GOING_BACK not in screen
        term.send(ENTER)
        screen = term.wait_for('Anything to add about "Rest"?')
        assert "Ctrl-B goes back." in screen
        term.type("Slept")
        term.send(ENTER)
        term.wait_for("stayed with you")
        term.type("First words.")
        term.send(ENTER, ENTER)
        term.wait_for("Which feelings came up?")
        term.send(CTRL_B)
        term.wait_for_prompt("> First words.")  # asked again, its answer in place
        term.type(" And more.")
        term.send(ENTER, ENTER)
        term.wait_for("> First words. And more.", "Which feelings came up?")  # and on again
        term.send(CTRL_C)
        assert term.wait_exit() == 130
    draft = the_draft("journal")
    ids = [answer.item_id for answer in draft.given]
    assert ids == ["intention-1", "intention-1-note", "thoughts"]  # each once, in its place
    assert draft.value("thoughts") == "First words. And more."
    assert draft.value("intention-1-note") == "Slept"


@pytest.mark.parametrize("columns", [80, 40])
def test_plain_back_goes_back_and_is_refused_before_the_first(
    ketaprep_home: Path, columns: int
) -> None:
    with Terminal("--plain", "checkin", home=ketaprep_home, columns=columns) as term:
        screen = term.wait_for("Press enter for none.")
        assert BACK_HELP in " ".join(screen.split())
        term.type("back")
        term.send(ENTER)
        term.wait_for("This is the first question")
        term.type("2")
        term.send(ENTER)
        term.wait_for("Is there anything else that helps you?")
        term.type("back")
        term.send(ENTER)
        screen = term.wait_for("Press enter to keep 2.")  # the first question, its answer
        assert GOING_BACK in screen
        term.type("1 2")
        term.send(ENTER)
        term.wait_for("> 1 2\n\nIs there anything else that helps you?")  # and on again
        term.send(ENTER)
        term.wait_for("Who did you talk to or spend time with?")
        term.send(CTRL_C)
        assert term.wait_exit() == 130
    draft = the_draft("checkin")
    assert [answer.item_id for answer in draft.given][:1] == ["practices"]
    assert draft.value("practices") == ["meditation", "yoga"]


@pytest.mark.parametrize("columns", [80, 40])
def test_an_answer_changed_on_the_way_back_is_shown_and_kept_as_changed(
    ketaprep_home: Path, tmp_path: Path, columns: int
) -> None:
    prepare_from_file(tmp_path, SESSION_2)
    with Terminal(
        "journal", home=ketaprep_home, env={"EDITOR": "", "VISUAL": ""}, columns=columns
    ) as term:
        term.wait_for("Rest")
        term.send(ENTER)
        term.wait_for("Anything to add")
        term.type("Slept")
        term.send(ENTER)
        term.wait_for("stayed with you")
        term.type("First line")
        term.send(ENTER)
        term.type("second")
        term.send(ENTER, ENTER)
        term.wait_for_options("Which feelings came up?")
        term.send(CTRL_B)  # back to the thoughts
        screen = term.wait_for_prompt("  second")
        assert GOING_BACK in screen  # said; the question left, and its help, erased
        assert "Which feelings" not in screen and "Pick some" not in screen
        term.send(ENTER)
        term.type("third")  # a line added
        term.send(CTRL_B)  # and back again, to the note
        screen = term.wait_for_prompt('? Anything to add about "Rest"? Slept')
        assert "third" not in screen  # left, not answered: not shown as if it were
        term.send(ENTER)  # on again: the thoughts as they were changed
        screen = term.wait_for_prompt("  third")
        assert screen.rstrip().endswith("> First line\n  second\n  third")
        term.send(ENTER, ENTER)
        term.wait_for_options("Which feelings came up?")
        term.send(CTRL_C)
        assert term.wait_exit() == 130
    draft = the_draft("journal")
    assert [(a.item_id, a.partial) for a in draft.answers] == [
        ("intention-1", False), ("intention-1-note", False), ("thoughts", False)]  # fmt: skip
    assert draft.value("thoughts") == "First line\nsecond\nthird"
