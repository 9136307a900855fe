"""``ketaprep plan`` in a real terminal: made the first time, shown and changed the next,
kept as it is the time after; every version stays in the journal."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketaprep.store import Entry, open_store
from ketaprep.walks.plan_brief import read_brief
from pty_helpers import DOWN, ENTER, SPACE, Terminal

pytestmark = [pytest.mark.pty, pytest.mark.usefixtures("welcomed")]


def plans() -> list[Entry]:
    with open_store() as store:
        return store.entries(kind="plan", include_drafts=True)


def saved(entry: Entry) -> dict[str, object]:
    return {answer.item_id: answer.value for answer in entry.answers}


def own_words(term: Terminal, *lines: str, first: str = "? In your own words:") -> None:
    """Type each line at the prompt, then an empty line to finish the list. Once own
    words are among the answers (ticked again), even the first prompt is "Another one"."""
    for line in lines:
        term.wait_for_prompt(first if line == lines[0] else "? Another one:")
        term.type(line)
        term.send(ENTER)
    term.wait_for_prompt("? Another one:")
    term.send(ENTER)


def a_text(term: Terminal, prompt: str, typed: str = "") -> None:
    term.wait_for(prompt)
    term.type(typed)
    term.send(ENTER)


def test_a_plan_made_then_changed_then_kept(ketaprep_home: Path) -> None:
    with Terminal("plan", home=ketaprep_home) as term:
        screen = term.wait_for("○ I stay in bed all day")
        assert "What tells you that a hard time may be starting?" in screen
        assert "It is good to make the plan with your therapist" in screen  # the first time
        term.send(DOWN, SPACE, ENTER)  # I cannot sleep
        term.wait_for_prompt("? In your own words:")
        term.send(ENTER)
        term.wait_for("○ Music I like")
        term.send(SPACE, ENTER)  # Slow breathing
        own_words(term, "Hold something cold")
        term.wait_for("○ The library")
        term.send(ENTER)
        term.wait_for_prompt("? In your own words:")
        term.send(ENTER)
        term.wait_for('like "Sam: 555 0101"')
        for person in ("Sam: 555 0101", "Mum: 555 0102"):
            term.type(person)
            term.send(ENTER)
            term.wait_for_prompt("? Another one:")
        term.send(ENTER)
        a_text(term, "What is your clinic's phone number in the day?", "555 0100")
        a_text(term, "What number can you call at night or at the weekend?", "555 0199")
        a_text(term, "What is your therapist's name and number?")
        term.wait_for("Are there other services you can call?")
        term.send(ENTER)
        term.wait_for("○ Stay with someone I trust")
        term.send(ENTER)
        term.wait_for_prompt("? In your own words:")
        term.send(ENTER)
        term.wait_for("○ My pet")
        term.send(DOWN, SPACE, ENTER)
        own_words(term, "Seeing the sea again")
        screen = term.wait_for("Saved: your safety plan.")
        assert term.wait_exit() == 0
        screen = term.screen_text()
    assert "  - Sam: 555 0101" in screen and "  - Seeing the sea again" in screen
    assert "ketaprep help-now shows your people and first steps" in screen
    [first] = plans()
    assert saved(first) == {
        "warning-signs": ["I cannot sleep"],
        "coping": ["Slow breathing", "Hold something cold"],
        "distractions": [],
        "people": ["Sam: 555 0101", "Mum: 555 0102"],
        "clinic-day": "555 0100",
        "clinic-after-hours": "555 0199",
        "therapist": None,
        "services": [],
        "safer-space": [],
        "reasons": ["My pet", "Seeing the sea again"],
    }

    # The next time: the plan is shown, then changed with its answers filled in.
    with Terminal("plan", home=ketaprep_home) as term:
        screen = term.wait_for("Keep it as it is")
        assert "Your safety plan, from " in screen and "  - Mum: 555 0102" in screen
        term.send(ENTER)  # change it
        screen = term.wait_for("● I cannot sleep")
        assert "It is good to make the plan" not in term.all_output()
        term.send(ENTER)
        term.wait_for_prompt("? In your own words:")
        term.send(ENTER)
        term.wait_for("● Hold something cold")
        term.send(ENTER)
        term.wait_for_prompt("? Another one:")  # own words are among the answers
        term.send(ENTER)
        term.wait_for("○ The library")
        term.send(ENTER)
        term.wait_for_prompt("? In your own words:")
        term.send(ENTER)
        term.wait_for("● Mum: 555 0102")
        term.send(DOWN, SPACE, ENTER)  # Mum is taken off
        own_words(term, "Jo: 555 0177", first="? Another one:")
        for asked in (  # the clinic and the therapist: kept as they were
            "? What is your clinic's phone number in the day? 555 0100",
            "? What number can you call at night or at the weekend? 555 0199",
            "? What is your therapist's name and number?",
        ):
            term.wait_for(asked)
            term.send(ENTER)
        term.wait_for("Are there other services you can call?")
        term.send(ENTER)
        term.wait_for("○ Stay with someone I trust")
        term.send(ENTER)
        term.wait_for_prompt("? In your own words:")
        term.send(ENTER)
        term.wait_for("● Seeing the sea again")
        term.send(ENTER)
        term.wait_for_prompt("? Another one:")
        term.send(ENTER)
        term.wait_for("This is version 2; the earlier one is kept.")
        assert term.wait_exit() == 0
    newest, kept = plans()
    assert saved(kept) == saved(first)
    assert saved(newest) == {**saved(first), "people": ["Sam: 555 0101", "Jo: 555 0177"]}
    assert read_brief().people == ("Sam: 555 0101", "Jo: 555 0177")

    # And the time after: kept as it is, nothing new saved.
    with Terminal("plan", home=ketaprep_home) as term:
        term.wait_for("Keep it as it is")
        term.send(DOWN, ENTER)
        term.wait_for("Your plan stays as it is.")
        assert term.wait_exit() == 0
    assert len(plans()) == 2
