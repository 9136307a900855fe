"""Ctrl-C in the middle of a question, in a real terminal: every tick and every line
given so far is kept, and the next run goes on from them.

The walk saves an answer given in parts (a checklist ticked one by one, a list written
line by line) part by part, marked as not finished; "Carry on where I stopped" asks that
question again starting from what was given.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from cli_helpers import prepare_from_file
from ketaprep.store import Answer, Entry, open_store
from pty_helpers import CTRL_C, DOWN, ENTER, SPACE, Terminal, no_card_lines

pytestmark = pytest.mark.pty


def the_draft(kind: str) -> Entry:
    with open_store() as store:
        [entry] = store.entries(kind=kind, include_drafts=True)
    assert entry.is_draft
    return entry


def answer(entry: Entry, item_id: str) -> Answer:
    [found] = [each for each in entry.answers if each.item_id == item_id]
    return found


def flat(screen: str) -> str:
    """The screen's words on one line, so a sentence wrapped at 80 columns is found."""
    return " ".join(screen.split())


def stopped(term: Terminal) -> str:
    """After Ctrl-C: the exit code is 130, and the screen's last words are returned."""
    assert term.wait_exit() == 130
    said = flat(term.screen_text())
    assert said.endswith("to carry on where you stopped."), said
    assert "Traceback" not in term.all_output()
    return said


def to_the_intentions(term: Terminal) -> None:
    """A first prepare: today as session 1 at a clinic, one tick in the checklist, then on."""
    term.wait_for("read step 1")
    term.send("n")
    term.wait_for(f"» Today, {datetime.date.today():%A}")
    term.send(ENTER)
    term.wait_for("Which session number is this? 1")
    term.send(ENTER)
    term.wait_for("Where will this session happen?")
    term.wait_for("I am not sure yet")
    term.send(ENTER)
    term.wait_for("○ I talked about my health and my medicines with my care team.")
    term.send(SPACE)
    term.wait_for("● I talked about my health")
    term.send(ENTER)


def test_prepare_ctrl_c_at_another_one_keeps_the_ticks_and_lines(ketaprep_home: Path) -> None:
    with Terminal("prepare", home=ketaprep_home) as term:
        to_the_intentions(term)
        term.wait_for("○ Feel safe in my body")
        term.send(SPACE, DOWN, SPACE)
        term.wait_for("● Feel safe in my body")
        term.send(ENTER)
        term.wait_for_prompt("? In your own words:")
        term.type("Notice what my body feels")
        term.send(ENTER)
        term.wait_for_prompt("? Another one:")
        term.send(CTRL_C)
        assert "Stopped. Your 2 answers, and part of a third, are kept." in stopped(term)

    draft = the_draft("prepare")
    setting, ready, intentions = draft.answers
    assert (setting.item_id, setting.value) == ("setting", "clinic")
    assert (ready.item_id, ready.value, ready.partial) == ("ready", ["health"], False)
    assert intentions.item_id == "intentions" and intentions.partial
    assert intentions.value == ["Be kind to myself", "Feel safe in my body",
                                "Notice what my body feels"]  # fmt: skip

    with Terminal("prepare", home=ketaprep_home) as term:
        screen = term.wait_for("What would you like to do?")
        assert "Your 2 answers, and part of a third, are kept." in flat(screen)
        assert "They are kept" not in screen
        term.send(ENTER)  # carry on where I stopped
        screen = term.wait_for("● Notice what my body feels")
        for ticked in ("● Be kind to myself", "● Feel safe in my body"):
            assert ticked in screen
        assert "○ Let go of what I carry" in screen
        assert "Which of these have you done?" not in screen  # answered: not asked again
        term.send(ENTER)
        screen = term.wait_for_prompt("? Another one:")  # it goes on from the line already given
        assert "In your own words:" not in screen
        term.type("Breathe slowly")
        term.send(ENTER)
        term.wait_for_prompt("? Another one:")
        term.send(ENTER)
        no_card_lines(term)
        term.wait_for("How is your mood right now?")
        term.send(CTRL_C)
        assert "Stopped. Your 3 answers are kept." in stopped(term)

    intentions = answer(the_draft("prepare"), "intentions")
    assert not intentions.partial
    assert intentions.value == ["Be kind to myself", "Feel safe in my body",
                                "Notice what my body feels", "Breathe slowly"]  # fmt: skip


def prepare_session(tmp_path: Path) -> None:
    """Session 2, today, with one intention: through ``prepare --answers``."""
    prepare_from_file(tmp_path, {"session": 2, "date": "today", "intentions": ["Rest"]})


def to_the_feelings(term: Terminal) -> None:
    term.wait_for('How did it go with "Rest"?')
    term.send(ENTER)
    term.wait_for('Anything to add about "Rest"?')
    term.send(ENTER)
    term.wait_for("What thoughts have stayed with you since the session?")
    term.type("Quiet.")
    term.send("\x1b", ENTER)


def test_journal_feelings_ticks_and_own_words_survive_two_stops(
    ketaprep_home: Path, tmp_path: Path
) -> None:
    prepare_session(tmp_path)
    with Terminal("journal", home=ketaprep_home) as term:
        to_the_feelings(term)
        term.wait_for("○ calm")
        term.send(SPACE, DOWN, SPACE)
        term.wait_for("● sad")
        term.send(CTRL_C)  # still in the ticks: each tick was kept as it was made
        assert "Stopped. Your 2 answers, and part of a third, are kept." in stopped(term)
    feelings = answer(the_draft("journal"), "feelings")
    assert feelings.partial and feelings.value == ["calm", "sad"]

    with Terminal("journal", home=ketaprep_home) as term:
        term.wait_for("What would you like to do?")
        term.send(ENTER)
        screen = term.wait_for("Which feelings came up?")
        assert "● calm" in screen and "● sad" in screen and "○ afraid" in screen
        term.send(DOWN, SPACE)  # sad taken back
        term.wait_for("○ sad")
        term.send(DOWN, DOWN, DOWN, SPACE, ENTER)  # relieved
        term.wait_for_prompt("? In your own words:")
        term.type("shaky")
        term.send(ENTER)
        term.wait_for_prompt("? Another one:")
        term.send(CTRL_C)
        assert "Stopped. Your 2 answers, and part of a third, are kept." in stopped(term)
    feelings = answer(the_draft("journal"), "feelings")
    assert feelings.partial and feelings.value == ["calm", "relieved", "shaky"]

    with Terminal("journal", home=ketaprep_home) as term:
        screen = term.wait_for("What would you like to do?")
        assert "Your 2 answers, and part of a third, are kept." in flat(screen)
        term.send(ENTER)
        screen = term.wait_for("● shaky")
        assert "● calm" in screen and "● relieved" in screen
        assert "What thoughts have stayed" not in screen
        term.send(ENTER)
        term.wait_for_prompt("? Another one:")
        term.send(ENTER)
        term.wait_for("Did you realise or understand anything new?")
        term.send(CTRL_C)
        stopped(term)
    feelings = answer(the_draft("journal"), "feelings")
    assert not feelings.partial and feelings.value == ["calm", "relieved", "shaky"]


@pytest.mark.parametrize(
    ("args", "env"),
    [(("--plain", "prepare"), {}), (("prepare",), {"TERM": "dumb"})],
    ids=["--plain", "TERM=dumb"],
)
def test_plain_ctrl_c_in_a_list_keeps_each_line(
    ketaprep_home: Path, args: tuple[str, ...], env: dict[str, str]
) -> None:
    with Terminal(*args, home=ketaprep_home, env=env) as term:
        term.wait_for("Type yes or no. Press enter for yes.")
        term.type("no")
        term.send(ENTER)
        term.wait_for("Type the number of your choice. Press enter to keep 1.")
        term.send(ENTER)
        term.wait_for("Press enter to keep: 1")
        term.send(ENTER)
        term.wait_for("  4. I am not sure yet")
        term.type("1")
        term.send(ENTER)
        term.wait_for("Type the numbers of the ones that apply")
        term.type("1")
        term.send(ENTER)
        term.wait_for("An empty line finishes.")
        term.type("1")
        term.send(ENTER)
        term.wait_for("Added: Be kind to myself")
        term.type("2")
        term.send(ENTER)
        term.wait_for("Added: Feel safe in my body")
        term.type("Notice what my body feels")
        term.send(ENTER)
        term.wait_for("> Notice what my body feels\n>")  # read and kept: asked for the next
        term.send(CTRL_C)
        assert "Stopped. Your 2 answers, and part of a third, are kept." in stopped(term)
    intentions = answer(the_draft("prepare"), "intentions")
    assert intentions.partial
    assert intentions.value == ["Be kind to myself", "Feel safe in my body",
                                "Notice what my body feels"]  # fmt: skip

    with Terminal(*args, home=ketaprep_home, env=env) as term:
        screen = term.wait_for("Type the number of your choice. Press enter to keep 1.")
        assert "Your 2 answers, and part of a third, are kept." in flat(screen)
        term.send(ENTER)  # carry on where I stopped
        screen = term.wait_for("Press enter to keep them, type c to write them again, or add")
        assert "Your answers so far:\n  - Be kind to myself\n  - Feel safe in my body\n" \
               "  - Notice what my body feels" in screen  # fmt: skip
        assert "Which of these have you done?" not in screen
        term.type("Breathe slowly")
        term.send(ENTER, ENTER)
        term.wait_for("3. Someone I trust is taking me home after")  # the card's own lines: none
        term.send(ENTER)
        term.wait_for("How is your mood right now?")
        term.send(CTRL_C)
        assert "Stopped. Your 3 answers are kept." in stopped(term)
        if env.get("TERM") == "dumb":
            assert "\x1b" not in term.all_output()
    intentions = answer(the_draft("prepare"), "intentions")
    assert not intentions.partial
    assert intentions.value == ["Be kind to myself", "Feel safe in my body",
                                "Notice what my body feels", "Breathe slowly"]  # fmt: skip


def test_journal_long_text_keeps_each_line_ended_with_enter(
    ketaprep_home: Path, tmp_path: Path
) -> None:
    prepare_session(tmp_path)
    env = {"EDITOR": "", "VISUAL": ""}
    with Terminal("journal", home=ketaprep_home, env=env) as term:
        term.wait_for('How did it go with "Rest"?')
        term.send(ENTER)
        term.wait_for('Anything to add about "Rest"?')
        term.send(ENTER)
        term.wait_for("What thoughts have stayed with you since the session?")
        term.type("The sea.")
        term.send(ENTER)
        term.type("My sister")
        term.send(ENTER)
        term.type("and half a")
        term.wait_for("My sister\n  and half a")
        term.send(CTRL_C)
        assert "Stopped. Your 1 answer, and part of a second, are kept." in stopped(term)
    thoughts = answer(the_draft("journal"), "thoughts")
    assert thoughts.partial and thoughts.value == "The sea.\nMy sister"

    with Terminal("journal", home=ketaprep_home, env=env) as term:
        term.wait_for("What would you like to do?")
        term.send(ENTER)
        screen = term.wait_for("What thoughts have stayed with you since the session?")
        assert "The sea." in screen and "My sister" in screen
        term.send(ENTER)
        term.type("Calm now.")
        term.send("\x1b", ENTER)
        term.wait_for("Which feelings came up?")
        term.send(CTRL_C)
        stopped(term)
    thoughts = answer(the_draft("journal"), "thoughts")
    assert not thoughts.partial and thoughts.value == "The sea.\nMy sister\nCalm now."


def test_a_danger_phrase_in_a_line_kept_at_ctrl_c_still_brings_the_crisis_lines(
    ketaprep_home: Path,
) -> None:
    """The list's check would have run when it was finished; a stop came first, so the
    line kept is checked on the way out, and the help is recorded with the draft."""
    with Terminal("prepare", home=ketaprep_home) as term:
        to_the_intentions(term)
        term.wait_for("○ Feel safe in my body")
        term.send(ENTER)
        term.wait_for_prompt("? In your own words:")
        term.type("I want to die")
        term.send(ENTER)
        term.wait_for_prompt("? Another one:")
        term.send(CTRL_C)
        said = stopped(term)
        assert "Some of what you wrote sounds like you may be in danger" in said
        assert "If you or someone else is in danger right now" in flat(term.all_output())
    draft = the_draft("prepare")
    assert answer(draft, "intentions").value == ["I want to die"]
    assert [(shown.item_id, shown.rule) for shown in draft.crisis_shown] == [
        ("intentions", 'danger phrase "want to die"')
    ]
