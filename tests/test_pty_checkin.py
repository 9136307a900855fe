"""``ketaprep checkin`` in a real terminal: real keys in, the screen a person sees out.

Then the store is opened to check it holds exactly what was typed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ketaprep.paths import get_paths
from ketaprep.store import Entry, open_store
from ketaprep.walks import checkin
from ketaprep.walks.checkin import FIRST_TIME, SPEC
from ketaprep.walks.run import WalkOptions
from ketaprep.walks.screens import AFTER_ALERT
from pty_helpers import CTRL_C, DOWN, ENTER, SPACE, UP, Terminal

pytestmark = [pytest.mark.pty, pytest.mark.usefixtures("welcomed")]

# Moves the cursor, erases, or redraws: none of these belong in plain mode.
CURSOR_MOVES = re.compile(r"\x1b\[[0-9;?]*[ABCDEFGHJKSTfhlnsu]")
STYLES = re.compile(r"\x1b\[([0-9;]*)m")
COLOUR_CODES = {*range(30, 50), *range(90, 98), *range(100, 108)}


def colours(output: str) -> list[str]:
    """The colour codes in ``output`` (bold and italic are not colour)."""
    codes = [code for found in STYLES.findall(output) for code in found.split(";") if code]
    return [code for code in codes if int(code) in COLOUR_CODES]


def entries() -> list[Entry]:
    with open_store() as store:
        return store.entries(kind="checkin", include_drafts=True)


def saved(entry: Entry) -> dict[str, object]:
    return {answer.item_id: answer.value for answer in entry.answers}


def set_region(region: str) -> None:
    config = get_paths().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f"region: {region}\n", encoding="utf-8")


def skip_to_win(term: Terminal) -> None:
    """Past the first four questions, answering none of them."""
    term.wait_for("Which of these have you done since your last check-in?")
    term.send(ENTER)
    term.wait_for("Is there anything else that helps you?")
    term.send(ENTER)
    term.wait_for_prompt("? In your own words:")
    term.send(ENTER)
    term.wait_for("Who did you talk to or spend time with?")
    term.send(ENTER)
    term.wait_for("When is your next check-in with your therapist?")
    term.send(ENTER)
    term.wait_for("What is one win since last time, however small?")


def test_a_whole_checkin_with_real_keys(ketaprep_home: Path) -> None:
    with Terminal("checkin", home=ketaprep_home) as term:
        screen = term.wait_for("Which of these have you done since your last check-in?")
        assert "Maintaining your progress" in screen
        assert "Tick any that fit. None is fine too." in screen
        for label in ("Meditation", "Yoga", "A walk", "Slow breathing", "Writing in my journal"):
            assert f"○ {label}" in screen
        term.send(SPACE, DOWN, DOWN, SPACE)
        screen = term.wait_for("● A walk")
        assert "● Meditation" in screen and "○ Yoga" in screen
        term.send(ENTER)

        screen = term.wait_for("Is there anything else that helps you?")
        assert "○ Time in nature" in screen
        term.send(DOWN, SPACE, ENTER)
        term.wait_for_prompt("? In your own words:")
        term.type("Music [i]loud[/i]")
        term.send(ENTER)
        term.wait_for_prompt("? Another one:")
        term.send(ENTER)

        term.wait_for("Who did you talk to or spend time with?")
        term.type("my sister")
        term.send(ENTER)
        term.wait_for("When is your next check-in with your therapist?")
        term.type("next friday")
        term.send(ENTER)
        term.wait_for("What is one win since last time, however small?")
        term.type("I cooked dinner")
        term.send(ENTER)

        screen = term.wait_for("How is your mood right now?")
        assert "»  5  In between" in screen
        term.send(DOWN, DOWN, ENTER)
        term.wait_for("How anxious do you feel right now?")
        term.send(DOWN, ENTER)
        screen = term.wait_for("» Skip this question")  # no answer is chosen for them
        assert "Are you having thoughts of harming yourself?" in screen
        assert "It is okay to answer honestly." in screen
        assert "   Yes" in screen and "   Not sure" in screen and "   No" in screen
        term.send(UP)
        term.wait_for("» No")
        term.send(ENTER)

        screen = term.wait_for("Come back whenever you like")
        for seen in (
            "Saved: your check-in for",
            "  - Meditation",
            "  - A walk",
            "  - Time in nature",
            "  - Music [i]loud[/i]",
            "  - I cooked dinner",
            "  - next friday",
            "Read your wins whenever you like: ketaprep review --wins",
            FIRST_TIME.split(" Come")[0],
        ):
            assert seen in screen
        assert "988" not in screen and AFTER_ALERT.split(".")[0] not in screen
        assert max(len(line) for line in screen.splitlines()) <= 80
        assert term.wait_exit() == 0
        assert "Traceback" not in term.all_output()

    [entry] = entries()
    assert not entry.is_draft and entry.session_number is None
    assert saved(entry) == {
        "practices": ["meditation", "walk"],
        "own-practices": ["Time in nature", "Music [i]loud[/i]"],
        "support": "my sister",
        "next-therapist": "next friday",
        "win": "I cooked dinner",
        "mood": 7,
        "anxiety": 6,
        "safe": "no",
    }


def test_a_yes_to_the_safety_question_shows_the_crisis_lines(ketaprep_home: Path) -> None:
    set_region("us")
    with Terminal("checkin", home=ketaprep_home) as term:
        skip_to_win(term)
        term.type("I called my friend")
        term.send(ENTER)
        term.wait_for("How is your mood right now?")
        term.send(ENTER)
        term.wait_for("How anxious do you feel right now?")
        term.send(ENTER)
        term.wait_for("» Skip this question")
        term.send(UP, UP, UP)
        term.wait_for("» Yes")
        term.send(ENTER)
        screen = term.wait_for("What would you like to do now?")
        for seen in (
            "Thank you for telling me. Sure or not, you do not have to face this",
            "If you or someone else is in danger right now",
            "Suicide & Crisis Lifeline: Call or text 988",
            "Crisis Text Line: Text HOME to 741741",
            "tell your care team or clinic how you are",
            "» Go on with my check-in",
            "Stop for now (my answers are kept)",
        ):
            assert seen in screen, screen
        assert "Samaritans" not in term.all_output()  # only the region in settings
        term.send(ENTER)
        screen = term.wait_for("Saved: your check-in for")
        assert term.wait_exit() == 0
        screen = " ".join(term.screen_text().split())
        assert AFTER_ALERT in screen
        # After the crisis lines: no cheerful closing words.
        assert "Read your wins" not in screen and "Come back whenever" not in screen

    [entry] = entries()
    assert not entry.is_draft
    assert entry.value("safe") == "yes" and entry.value("win") == "I called my friend"
    assert entry.value("mood") == 5


def test_with_no_region_every_regions_lines_fit_on_screen_at_the_pause(
    ketaprep_home: Path,
) -> None:
    """All regions (each its first line), the guide's longest alert words and the pause
    in 80x24: nothing that matters has scrolled away while the person decides."""
    with Terminal("checkin", home=ketaprep_home) as term:
        skip_to_win(term)
        term.send(ENTER)
        term.wait_for("How is your mood right now?")
        term.send(UP, UP, UP, UP, UP, ENTER)  # 0: the alert with the longest words
        screen = term.wait_for("Stop for now (my answers are kept)")
        for seen in (
            "It sounds like things are very hard right now.",
            "If you or someone else is in danger right now, call your local emergency number.",
            "United States · Suicide & Crisis Lifeline: Call or text 988",
            "United Kingdom and Ireland · Samaritans: Call 116 123",
            "European Union · Emergency: Call 112",
            "Canada · Suicide Crisis Helpline: Call or text 9-8-8",
            "Australia · Lifeline: Call 13 11 14",
            "New Zealand · Need to talk: Call or text 1737",
            "Anywhere else · Find a helpline: findahelpline.com",
            "tell your care team or clinic how you are",
            "What would you like to do now?",
        ):
            assert seen in screen, screen
        assert "not medical advice" not in term.all_output()  # that is for help-now
        term.send(ENTER)
        term.wait_for("How anxious do you feel right now?")
        term.send(CTRL_C)
        assert term.wait_exit() == 130


def test_stopping_after_a_low_mood_keeps_a_draft_and_resumes_later(ketaprep_home: Path) -> None:
    set_region("uk-ie")
    with Terminal("checkin", home=ketaprep_home) as term:
        skip_to_win(term)
        term.send(ENTER)
        term.wait_for("How is your mood right now?")
        term.send(UP, UP, UP, UP, UP, ENTER)
        screen = term.wait_for("What would you like to do now?")
        assert "It sounds like things are very hard right now." in screen
        assert "Samaritans: Call 116 123" in screen
        term.send(DOWN, ENTER)
        screen = term.wait_for("ketaprep checkin to finish.")
        assert " ".join(screen.split()).endswith(SPEC.stopped_for_now)
        assert term.wait_exit() == 0

    [draft] = entries()
    assert draft.is_draft
    assert draft.value("mood") == 0 and "anxiety" not in saved(draft)

    with Terminal("checkin", home=ketaprep_home) as term:
        screen = term.wait_for("What would you like to do?")
        said = " ".join(screen.split())
        assert "You started a check-in on" in said
        assert "Your 1 answer is kept." in said
        term.send(ENTER)
        screen = term.wait_for("How anxious do you feel right now?")
        assert "How is your mood" not in screen
        term.send(ENTER)
        term.wait_for("» Skip this question")
        term.send(UP)
        term.wait_for("» No")
        term.send(ENTER)
        term.wait_for("Saved: your check-in")
        assert term.wait_exit() == 0

    [entry] = entries()
    assert entry.id == draft.id and not entry.is_draft
    assert saved(entry) == {
        "practices": [], "own-practices": [], "support": None, "next-therapist": None,
        "win": None, "mood": 0, "anxiety": 5, "safe": "no",
    }  # fmt: skip


def test_ctrl_c_keeps_the_answers_and_the_next_run_carries_on(ketaprep_home: Path) -> None:
    with Terminal("checkin", home=ketaprep_home) as term:
        term.wait_for("Which of these have you done since your last check-in?")
        term.send(DOWN, SPACE, ENTER)
        term.wait_for("Is there anything else that helps you?")
        term.send(ENTER)
        term.wait_for_prompt("? In your own words:")
        term.send(ENTER)
        term.wait_for("Who did you talk to or spend time with?")
        term.send(CTRL_C)
        term.wait_for("Stopped. Your 1 answer is kept.")
        assert term.wait_exit() == 130
        # The runner's line, wrapped between words at 80 columns.
        assert term.screen_text().splitlines()[-2:] == [
            "Stopped. Your 1 answer is kept. Run ketaprep checkin to carry on where you",
            "stopped.",
        ]
        assert "Traceback" not in term.all_output()

    [draft] = entries()
    assert draft.is_draft and saved(draft) == {"practices": ["yoga"], "own-practices": []}


def test_the_rhythm_note_and_own_practices_after_several_checkins(
    ketaprep_home: Path, tmp_path: Path
) -> None:
    for number, own in enumerate((["Music"], [], [])):
        path = tmp_path / f"earlier-{number}.yaml"
        path.write_text(yaml.safe_dump({"win": f"win {number}", "own-practices": own}))
        assert checkin.run(WalkOptions(answers_file=path)) == 0

    with Terminal("checkin", home=ketaprep_home) as term:
        screen = term.wait_for("Which of these have you done since your last check-in?")
        assert "○ Music" in screen  # remembered from an earlier check-in
        term.send(UP, SPACE, ENTER)
        screen = term.wait_for("Is there anything else that helps you?", "○ Time in nature")
        assert "Music" not in screen.split("Is there anything else")[1]  # not offered twice
        term.send(ENTER)
        term.wait_for_prompt("? In your own words:")
        term.send(ENTER)
        term.wait_for("Who did you talk to or spend time with?")
        term.send(ENTER)
        term.wait_for("When is your next check-in with your therapist?")
        term.send(ENTER)
        term.wait_for("What is one win since last time, however small?")
        term.type("I asked for help")
        term.send(ENTER)
        term.wait_for("How is your mood right now?")
        term.send(ENTER)
        term.wait_for("How anxious do you feel right now?")
        term.send(ENTER)
        term.wait_for("Are you having thoughts of harming yourself?", "» Skip this question")
        term.send(ENTER)
        screen = term.wait_for("You have checked in 4 times in the last 14 days.")
        assert "  - Music" in screen
        assert FIRST_TIME.split(".")[0] not in screen
        assert term.wait_exit() == 0

    newest = entries()[0]
    assert newest.value("practices") == ["Music"] and newest.value("win") == "I asked for help"
    assert len(entries()) == 4


def test_plain_mode_reads_in_order_without_colour(ketaprep_home: Path) -> None:
    with Terminal("--plain", "checkin", home=ketaprep_home, env={"NO_COLOR": "1"}) as term:
        screen = term.wait_for("Type the numbers of the ones that apply")
        assert "  3. A walk" in screen
        term.type("1 3")
        term.send(ENTER)
        term.wait_for("An empty line finishes.")
        term.type("2")
        term.send(ENTER)
        term.wait_for("Added: Time in nature")
        term.send(ENTER)
        term.wait_for("Who did you talk to or spend time with?")
        term.type("my group")
        term.send(ENTER)
        term.wait_for("When is your next check-in with your therapist?")
        term.send(ENTER)
        term.wait_for("What is one win since last time, however small?")
        term.type("I went for a walk")
        term.send(ENTER)
        term.wait_for("How is your mood right now?")
        term.type("1")
        term.send(ENTER)
        screen = term.wait_for("Type the number of your choice. Press enter to keep 1.")
        assert "Call or text 988" in term.all_output()
        assert "1. Go on with my check-in" in screen
        term.send(ENTER)
        term.wait_for("How anxious do you feel right now?")
        term.type("4")
        term.send(ENTER)
        screen = term.wait_for("Press enter to skip this question.")
        assert "  1. Yes\n  2. Not sure\n  3. No" in screen
        term.type("3")
        term.send(ENTER)
        term.wait_for("Kept privately on this computer")
        assert term.wait_exit() == 0
        output = term.all_output()
        assert not CURSOR_MOVES.search(output)
        assert colours(output) == []

    [entry] = entries()
    assert saved(entry) == {
        "practices": ["meditation", "walk"],
        "own-practices": ["Time in nature"],
        "support": "my group",
        "next-therapist": None,
        "win": "I went for a walk",
        "mood": 1,
        "anxiety": 4,
        "safe": "no",
    }


def test_an_own_practice_with_a_bidi_override_is_drawn_as_an_escape(
    ketaprep_home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "earlier.yaml"
    path.write_text(yaml.safe_dump({"own-practices": ["\u202eevil walk"]}, allow_unicode=True))
    assert checkin.run(WalkOptions(answers_file=path)) == 0

    with Terminal("checkin", home=ketaprep_home) as term:
        screen = term.wait_for("Which of these have you done since your last check-in?")
        assert "○ \\u202eevil walk" in screen  # the option, drawn as text
        term.send(UP, SPACE, ENTER)
        term.wait_for("Is there anything else that helps you?")
        term.send(CTRL_C)
        term.wait_exit()
        assert "\u202e" not in term.all_output()
    assert entries()[0].value("practices") == ["\u202eevil walk"]  # kept as written
