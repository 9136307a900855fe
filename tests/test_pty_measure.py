"""``ketaprep measure`` in a real terminal: a whole walk with real keys, the alert item
pausing with the crisis lines, and Ctrl-C then carrying on where it stopped.

Then the store is opened to check it holds exactly what was chosen.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ketaprep.guides.load import load_questionnaires
from ketaprep.store import Entry, open_store
from pty_helpers import CTRL_C, DOWN, ENTER, UP, Terminal

pytestmark = [pytest.mark.pty, pytest.mark.usefixtures("welcomed")]

*STATEMENTS, HARM = (item.prompt for item in load_questionnaires()[0].items)  # low-mood's
NOTE = "Is there anything you want to add about this time?"
CURSOR_MOVES = re.compile(r"\x1b\[[0-9;?]*[ABCDEFGHJKSTfhlnsu]")  # none belong in plain mode
FINISH_TEXT = "\x1b\r"  # Esc then Enter ends a long answer


def entries() -> list[Entry]:
    with open_store() as store:
        return store.entries(kind="measure", include_drafts=True)


def values(entry: Entry) -> dict[str, object]:
    return {answer.item_id: answer.value for answer in entry.answers}


def flat(screen: str) -> str:
    """The screen's words with its line wrapping undone."""
    return " ".join(screen.split())


def answer(term: Terminal, statement: str, downs: int) -> None:
    """Wait for ``statement``'s own question, then pick the answer ``downs`` below Never."""
    term.wait_for_options(statement)
    term.send(*([DOWN] * downs), ENTER)


def test_a_whole_walk_with_real_keys(ketaprep_home: Path) -> None:
    with Terminal("measure", "low-mood", home=ketaprep_home) as term:
        screen = term.wait_for_options(STATEMENTS[0])
        assert "Low mood and interest" in screen
        assert "A personal check-in, not a medical test." in screen
        assert "Written for ketaprep in its own words." in screen
        assert "Over the last two weeks, how often was this true for you?" in screen
        assert " » Never" in screen and "   Almost every day" in screen
        for statement, downs in zip(STATEMENTS, (2, 2, 1, 3, 2, 1), strict=True):
            answer(term, statement, downs)
        screen = term.wait_for("» Skip this question")  # no answer is chosen for them
        assert HARM in screen
        term.send(UP, UP, UP, UP)  # up from Skip, past the others, to Never
        term.wait_for(" » Never")
        term.send(ENTER)
        term.wait_for(NOTE)
        term.type("A long week [b]at work[/b]")
        term.send(FINISH_TEXT)
        screen = term.wait_for("See your totals over time: ketaprep review --trends")
        assert "Saved: your answers to Low mood and interest" in screen
        assert "  - 11, where totals go from 0 to 21." in screen
        assert "  - A fair amount of low mood lately." in screen
        assert "This is the first total." in screen
        assert "988" not in screen
        assert term.wait_exit() == 0
    [entry] = entries()
    assert not entry.is_draft
    assert values(entry) == {
        "enjoy": "2", "low": "2", "energy": "1", "sleep": "3", "harsh": "2", "focus": "1",
        "harm-thoughts": "0", "note": "A long week [b]at work[/b]", "total": 11,
        "band": "A fair amount of low mood lately.",
    }  # fmt: skip
    assert entry.crisis_shown == ()


def test_the_alert_item_pauses_with_the_crisis_lines(ketaprep_home: Path) -> None:
    with Terminal("measure", "low-mood", home=ketaprep_home) as term:
        for statement in STATEMENTS:
            answer(term, statement, 0)
        term.wait_for("» Skip this question")
        term.send(UP, UP)  # Many days
        term.wait_for(" » Many days")
        term.send(ENTER)
        screen = term.wait_for("What would you like to do now?")
        assert "Thoughts like these are hard to carry." in screen
        assert "988" in term.all_output() and "116 123" in term.all_output()
        assert "Go on with the questions" in screen
        assert "Stop for now (my answers are kept)" in screen
        term.send(DOWN, ENTER)
        screen = term.wait_for("Look after yourself first.")
        assert "When you are ready, run ketaprep measure low-mood to finish." in flat(screen)
        assert term.wait_exit() == 0
    [entry] = entries()
    assert entry.is_draft  # the note is still to come; every answer so far is kept
    assert values(entry)["harm-thoughts"] == "2"
    assert [shown.item_id for shown in entry.crisis_shown] == ["harm-thoughts"]


def test_ctrl_c_keeps_every_answer_and_the_next_run_carries_on(ketaprep_home: Path) -> None:
    with Terminal("measure", "low-mood", home=ketaprep_home) as term:
        answer(term, STATEMENTS[0], 3)
        answer(term, STATEMENTS[1], 1)
        term.wait_for_options(STATEMENTS[2])
        term.send(CTRL_C)
        screen = term.wait_for("Stopped.")
        assert "Your 2 answers are kept." in screen
        assert "Run ketaprep measure low-mood to carry on where you stopped." in flat(screen)
        assert term.wait_exit() == 130
    [draft] = entries()
    assert draft.is_draft and values(draft) == {"enjoy": "3", "low": "1"}

    with Terminal("measure", "low-mood", home=ketaprep_home) as term:
        screen = term.wait_for("» Carry on where I stopped")
        assert "You started Low mood and interest on " in screen
        assert "Your 2 answers are kept." in flat(screen)
        term.send(ENTER)
        screen = term.wait_for_options(STATEMENTS[2])
        assert STATEMENTS[0] not in screen.split("Carry on")[-1]  # not asked again
        for statement in STATEMENTS[2:]:
            answer(term, statement, 0)
        term.wait_for("» Skip this question")
        term.send(UP, UP, UP, UP, ENTER)
        term.wait_for(NOTE)
        term.send(FINISH_TEXT)
        screen = term.wait_for("See your totals over time: ketaprep review --trends")
        assert "  - 4, where totals go from 0 to 21." in screen
        assert term.wait_exit() == 0
    [entry] = entries()
    assert entry.id == draft.id and not entry.is_draft
    assert values(entry)["total"] == 4 and values(entry)["enjoy"] == "3"


def test_plain_mode_asks_line_by_line_with_numbered_answers(ketaprep_home: Path) -> None:
    with Terminal("--plain", "measure", "trauma-reminders", home=ketaprep_home) as term:
        screen = term.wait_for("Type the number of your choice.")
        assert "Memories of it came back when I did not want them." in screen
        assert "In the last month, how much did this trouble you?" in screen
        assert "  1. Not at all" in screen and "  5. Very much" in screen
        for number, prompt in enumerate(
            ("I had bad dreams about it.", "Something reminded me of it, and I felt very upset.",
             "My body reacted to reminders", "I kept away from people", "I felt far away",
             "I felt on guard, or jumpy.", "It was hard to sleep", "I had thoughts of harming"),
        ):  # fmt: skip
            term.type(str(number % 5 + 1))
            term.send(ENTER)
            term.wait_for(f"> {number % 5 + 1}\n\n{prompt}")
        term.wait_for("Press enter to skip this question.")
        term.send(ENTER)
        term.wait_for("An empty line finishes.")
        term.send(ENTER)
        screen = term.wait_for("See your totals over time")
        assert "You answered 8 of 9. A total needs every answer" in flat(screen)
        assert not CURSOR_MOVES.findall(term.all_output())  # line by line: nothing redrawn
        assert term.wait_exit() == 0
    [entry] = entries()
    assert [values(entry)[key] for key in ("memories", "dreams", "upset", "body")] == [
        "0", "1", "2", "3"
    ]  # fmt: skip
    assert "total" not in values(entry) and values(entry)["harm-thoughts"] is None
