"""``ketaprep prepare`` in a real terminal: real keys in, the screen a person sees out.

Then the store is opened to check it holds exactly what was typed.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from ketaprep.store import Entry, open_store
from pty_helpers import CARD_QUESTION, CTRL_C, DOWN, ENTER, SPACE, UP, Terminal, no_card_lines

pytestmark = pytest.mark.pty

# Moves the cursor, erases, or redraws: none of these belong in plain mode.
CURSOR_MOVES = re.compile(r"\x1b\[[0-9;?]*[ABCDEFGHJKSTfhlnsu]")


def the_entry() -> Entry:
    with open_store() as store:
        [entry] = store.entries(kind="prepare", include_drafts=True)
        return entry


def start_to_setting(term: Terminal) -> str:
    """From a first run up to where the session happens, choosing today as session 1."""
    term.wait_for("Welcome to ketaprep.")
    term.wait_for("read step 1")
    term.send("n")
    screen = term.wait_for("Which session are you getting ready for?")
    assert f"» Today, {datetime.date.today():%A}" in screen
    term.send(ENTER)
    term.wait_for("Which session number is this? 1")
    term.send(ENTER)
    term.wait_for("Where will this session happen?")
    return term.wait_for("I am not sure yet")  # the options are drawn


def start_to_checklist(term: Terminal) -> str:
    """Up to the step 2 checklist, the session at a clinic."""
    start_to_setting(term)
    term.send(ENTER)
    term.wait_for("Which of these have you done?")
    return term.wait_for("○ I know what my clinic says about alcohol")


def test_a_whole_prepare_with_real_keys(ketaprep_home: Path) -> None:
    with Terminal("prepare", home=ketaprep_home) as term:
        screen = start_to_setting(term)
        assert "Preparing for your session" in screen
        assert "» At a clinic" in screen
        term.send(ENTER)
        term.wait_for("Which of these have you done?")
        screen = term.wait_for("○ I know what my clinic says about alcohol")
        assert "? Where will this session happen? At a clinic" in screen
        assert "Tell your care team if you take benzodiazepines" in " ".join(screen.split())
        assert "○ I talked about my health and my medicines with my care team." in screen
        assert (
            "○ I know what my clinic says about alcohol and cannabis after the session." in screen
        )
        term.send(SPACE, DOWN, DOWN, DOWN, SPACE)
        screen = term.wait_for("● I cleared my day")
        assert "● I talked about my health" in screen
        assert "○ I told my care team" in screen
        term.send(ENTER)

        screen = term.wait_for("What would you like to hold in mind during this session?")
        # The checklist's closing lines name what was ticked, one to a line.
        assert "? Which of these have you done?\n  • I talked about my health" in screen
        assert "\n  • I cleared my day for the session" in screen
        assert "○ Be kind to myself" in screen
        term.send(DOWN, SPACE, ENTER)
        screen = term.wait_for_prompt("? In your own words:")
        asked = r"\? What would you like to hold in mind during this session\?\n  • \w"
        assert re.search(asked, screen)
        term.type("Rest [b]well[/b]")
        term.send(ENTER)
        term.wait_for_prompt("? Another one:")
        term.send(ENTER)

        # The card's own lines: an example picked, and one in their own words.
        screen = term.wait_for(CARD_QUESTION)
        assert "○ It is okay to cry" in screen
        term.send(SPACE, ENTER)
        term.wait_for(f"{CARD_QUESTION}\n  • It is okay to cry\nAdd your own too")
        term.type("Hum [i]our[/i] song")
        term.send(ENTER)
        term.wait_for("Hum [i]our[/i] song\n? Another one:")
        term.send(ENTER)

        screen = term.wait_for("How is your mood right now?")
        assert "»  5  In between" in screen
        term.send(UP, ENTER)
        term.wait_for("How anxious do you feel right now?")
        term.send(DOWN, DOWN, ENTER)

        screen = term.wait_for("Which questions would you like to ask your clinic?")
        assert "Questions for your clinic" in screen
        term.send(DOWN, DOWN, SPACE, ENTER)
        term.wait_for("Do you have any other questions for your clinic?")
        term.type("Can I bring music?")
        term.send(ENTER)
        term.wait_for_prompt("? Another one:")
        term.send(ENTER)

        screen = term.wait_for("Would you like a short breathing practice now?")
        for seen in (
            "What I hold in mind",
            "• Feel safe in my body",
            "• Rest [b]well[/b]",
            "To remember",
            "You are safe. Kind, trained people are close by.",
            f"Session 1, {datetime.date.today():%A}",
        ):
            assert seen in screen
        # Their own lines come first under "To remember", as typed (markup stays text).
        remember = screen[screen.index("To remember") :]
        assert remember.index("• It is okay to cry") < remember.index("• Hum [i]our[/i] song")
        assert remember.index("• Hum [i]our[/i] song") < remember.index("• Stay here")
        assert max(len(line) for line in screen.splitlines()) <= 80
        term.send("n")
        screen = term.wait_for("After your session: ketaprep journal")
        assert "Saved: your 9 answers for session 1" in screen
        assert "Ask your clinic how long to stay away from alcohol and cannabis after." in screen
        assert "  - Can I bring music?" in screen
        assert term.wait_exit() == 0
        assert "Traceback" not in term.all_output()

    entry = the_entry()
    assert not entry.is_draft
    assert entry.session_number == 1
    assert {answer.item_id: answer.value for answer in entry.answers} == {
        "setting": "clinic",
        "ready": ["health", "time"],
        "intentions": ["Feel safe in my body", "Rest [b]well[/b]"],
        "to-remember": ["It is okay to cry", "Hum [i]our[/i] song"],
        "mood": 4,
        "anxiety": 7,
        "clinic-questions": ["insurance"],
        "own-questions": ["Can I bring music?"],
        "breathe": False,
    }


def test_ctrl_c_keeps_the_answers_and_the_next_run_offers_to_resume(ketaprep_home: Path) -> None:
    with Terminal("prepare", home=ketaprep_home) as term:
        start_to_checklist(term)
        term.send(DOWN, SPACE, ENTER)
        term.wait_for("What would you like to hold in mind")
        term.send(SPACE, ENTER)
        term.wait_for_prompt("? In your own words:")
        term.send(ENTER)
        no_card_lines(term)
        term.wait_for("How is your mood right now?")
        term.send(CTRL_C)
        term.wait_for("Run ketaprep prepare to carry on")
        assert term.wait_exit() == 130
        # Wrapped between words by ketaprep, not cut at the 80th column by the terminal.
        assert term.screen_text().splitlines()[-2:] == [
            "Stopped. Your 3 answers are kept. Run ketaprep prepare to carry on where you",
            "stopped.",
        ]
        assert "Traceback" not in term.all_output()

    draft = the_entry()
    assert draft.is_draft
    assert [(a.item_id, a.value) for a in draft.answers] == [
        ("setting", "clinic"),
        ("ready", ["every-medicine"]),
        ("intentions", ["Be kind to myself"]),
        ("to-remember", []),  # passed by: kept as none, not counted as an answer
    ]

    with Terminal("prepare", home=ketaprep_home) as term:
        screen = term.wait_for("What would you like to do?")
        assert "You started getting ready for session 1" in screen
        assert "Your 3 answers are kept." in " ".join(screen.split())
        assert "» Carry on where I stopped" in screen
        assert "Let those answers go and start fresh" in screen
        term.send(ENTER)
        screen = term.wait_for("How is your mood right now?")
        assert "Which of these have you done?" not in screen
        term.send(ENTER)
        term.wait_for("How anxious")
        term.send(ENTER)
        term.wait_for("Which questions would you like to ask your clinic?")
        term.send(ENTER)
        term.wait_for("Do you have any other questions")
        term.send(ENTER)
        screen = term.wait_for("breathing practice")
        assert "• Be kind to myself" in screen
        term.send("y")
        term.wait_for("Breathe in   1")
        term.send(CTRL_C)  # stops the breathing only; the summary still follows
        term.wait_for("Stopped. That is fine.")
        term.wait_for("After your session: ketaprep journal")
        assert term.wait_exit() == 0

    entry = the_entry()
    assert entry.id == draft.id and not entry.is_draft
    assert entry.value("mood") == 5 and entry.value("anxiety") == 5
    assert entry.value("ready") == ["every-medicine"]
    assert entry.value("breathe") is True


@pytest.mark.parametrize(
    ("args", "env"),
    [(("--plain", "prepare"), {}), (("prepare",), {"TERM": "dumb"})],
    ids=["--plain", "TERM=dumb"],
)
def test_plain_mode_is_line_by_line(
    ketaprep_home: Path, args: tuple[str, ...], env: dict[str, str]
) -> None:
    with Terminal(*args, home=ketaprep_home, env=env) as term:
        term.wait_for("Type yes or no. Press enter for yes.")
        term.type("no")
        term.send(ENTER)
        screen = term.wait_for("Type the number of your choice. Press enter to keep 1.")
        assert f"  1. Today, {datetime.date.today():%A}" in screen
        assert "  3. Another day" in screen
        term.send(ENTER)
        term.wait_for("Press enter to keep: 1")
        term.send(ENTER)
        screen = term.wait_for("  4. I am not sure yet")
        assert "  2. At home, with a monitor who stays with me" in screen
        term.type("3")
        term.send(ENTER)
        screen = term.wait_for("Type the numbers of the ones that apply")
        assert "  5. Someone will take me home" in screen
        term.type("9")
        term.send(ENTER)
        term.wait_for("Please type numbers from 1 to 8. Press enter for none.")
        term.type("1 4")
        term.send(ENTER)
        screen = term.wait_for("An empty line finishes.")
        assert "  2. Feel safe in my body" in screen
        term.send(ENTER)
        term.wait_for("Please add at least one.")
        term.type("2")
        term.send(ENTER)
        term.wait_for("Added: Feel safe in my body")
        term.type("Sleep well")
        term.send(ENTER, ENTER)
        term.wait_for("3. Someone I trust is taking me home after")  # the card's own lines: none
        term.send(ENTER)
        term.wait_for("How is your mood right now?")
        term.type("11")
        term.send(ENTER)
        term.wait_for("Please type a whole number from 0 to 10.")
        term.type("3")
        term.send(ENTER)
        term.wait_for("How anxious")
        term.type("8")
        term.send(ENTER)
        term.wait_for("Which questions would you like to ask your clinic?")
        term.send(ENTER)
        term.wait_for("Do you have any other questions")
        term.send(ENTER)
        screen = term.wait_for("Would you like a short breathing practice now?")
        assert "Your card for Session 1" in screen
        assert "  - Sleep well" in screen
        assert "  - You are safe. Your clinician is with you on the call." in screen
        term.send(ENTER)
        term.wait_for("After your session: ketaprep journal")
        assert term.wait_exit() == 0
        output = term.all_output()
        assert not CURSOR_MOVES.search(output), CURSOR_MOVES.findall(output)[:5]
        if env.get("TERM") == "dumb":
            assert "\x1b" not in output

    entry = the_entry()
    assert entry.value("setting") == "online"
    assert entry.value("ready") == ["health", "time"]
    assert entry.value("intentions") == ["Feel safe in my body", "Sleep well"]
    assert entry.value("mood") == 3 and entry.value("anxiety") == 8
    assert entry.value("breathe") is False


def test_a_session_at_home_gets_a_card_without_trained_people_close_by(
    ketaprep_home: Path,
) -> None:
    with Terminal("prepare", home=ketaprep_home) as term:
        start_to_setting(term)
        term.send(DOWN, ENTER)
        term.wait_for("? Where will this session happen? At home, with a monitor who stays")
        term.wait_for("○ I know what my clinic says about alcohol")
        term.send(ENTER)
        term.wait_for("○ Be kind to myself")
        term.send(SPACE, ENTER)
        term.wait_for_prompt("? In your own words:")
        term.send(ENTER)
        no_card_lines(term)
        term.wait_for("»  5  In between")
        term.send(ENTER)
        term.wait_for("How anxious do you feel right now?")
        term.send(ENTER)
        term.wait_for("Which questions would you like to ask your clinic?")
        term.send(ENTER)
        term.wait_for("Do you have any other questions for your clinic?")
        term.send(ENTER)
        screen = term.wait_for("Would you like a short breathing practice now?")
        assert "• You are safe. The person with you is there to help." in screen
        assert "• Be kind to myself" in screen
        assert "trained people" not in screen and "on the call" not in screen
        term.send("n")
        term.wait_for("After your session: ketaprep journal")
        assert term.wait_exit() == 0
        assert "trained people are close by" not in term.all_output()

    entry = the_entry()
    assert not entry.is_draft and entry.value("setting") == "home"


def test_breathe_counts_and_stops_kindly_on_ctrl_c(ketaprep_home: Path) -> None:
    with Terminal(
        "breathe", "--rounds", "3", "--in", "1", "--out", "2", home=ketaprep_home
    ) as term:
        term.wait_for("Breathe in   1")
        term.wait_for("Breathe out  1")  # a second later: the one real wait
        term.send(CTRL_C)
        screen = term.wait_for("Stopped. That is fine.")
        assert "Traceback" not in screen
        assert term.wait_exit() == 0


def test_an_alert_in_a_clinics_guide_pauses_and_stopping_keeps_the_draft(
    ketaprep_home: Path, tmp_path: Path
) -> None:
    from test_cli_prepare import clinic_with_a_mood_alert

    clinic = clinic_with_a_mood_alert(tmp_path)
    with Terminal("--guides", str(clinic), "prepare", home=ketaprep_home) as term:
        start_to_checklist(term)
        term.send(ENTER)
        screen = term.wait_for("What would you like to hold in mind")
        # Nothing ticked is not "done": the closing line says so kindly.
        assert "? Which of these have you done? none yet" in screen
        assert "done?  done" not in screen and "done? done" not in screen
        term.send(SPACE, ENTER)
        term.wait_for_prompt("? In your own words:")
        term.send(ENTER)
        no_card_lines(term)
        term.wait_for("How is your mood right now?")
        term.send(UP, UP, UP, UP, UP, ENTER)
        screen = term.wait_for("Stop for now (my answers are kept)")
        for seen in (
            "That sounds like a very hard day.",
            "If you or someone else is in danger right now",
            "Call or text 988",
            "Call 116 123",
            "» Go on getting ready",
        ):
            assert seen in screen, screen
        term.send(DOWN, ENTER)
        term.wait_for("ketaprep prepare to finish.")
        assert term.wait_exit() == 0
        assert "Traceback" not in term.all_output()

    draft = the_entry()
    assert draft.is_draft and draft.value("mood") == 0 and draft.value("anxiety") is None
