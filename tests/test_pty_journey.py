"""The journey walked by hand, at 80x24 and 40x24, drawn by pyte: what hurt, pinned."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from cli_helpers import prepare_from_file, write_answers
from ketaprep.dates import weekday_date
from ketaprep.paths import get_paths
from pty_helpers import CTRL_C, ENTER, SPACE, Terminal

pytestmark = pytest.mark.pty

CALM_CHECKIN = {"win": "I went outside", "mood": 5, "anxiety": 4, "safe": "no"}
TOMORROW = weekday_date(datetime.date.today() + datetime.timedelta(days=1))


def answered(screen: str, question: str) -> list[str]:
    """The rows of the (last) answered ``question``: its first row up to a blank one."""
    rows = screen.splitlines()
    at = max(number for number, row in enumerate(rows) if row.startswith(f"? {question[:25]}"))
    below = rows[at:]
    return below[: below.index("")] if "" in below else below


@pytest.mark.parametrize("columns", [80, 40])
def test_a_picked_option_is_said_whole_wrapped_between_words(
    ketaprep_home: Path, tmp_path: Path, columns: int
) -> None:
    """questionary cut the answered line at the screen's edge, mid-word ("2 December 2"
    then "026 (you wrote about it before)"), and left a wrapped option's second row
    under it."""
    prepare_from_file(tmp_path, {"session": 1, "date": "tomorrow", "intentions": ["Rest"]})
    with Terminal("journal", home=ketaprep_home, columns=columns) as term:
        term.wait_for("A session not in ketaprep yet")
        term.send(ENTER)
        screen = term.wait_for("(Y/n)")
        rows = answered(screen, "Which session would you like to write about?")
        assert all(len(row) <= columns and row.startswith(("? ", "  ")) for row in rows)
        assert " ".join(" ".join(rows).split()) == (
            f"? Which session would you like to write about? Session 1, {TOMORROW} "
            "(saved for a day still to come; you got ready for it)"
        )
        assert "   ready for it)" not in screen.splitlines()  # the option's own second row


@pytest.mark.parametrize("columns", [80, 40])
@pytest.mark.usefixtures("welcomed")
def test_a_scale_says_its_number_and_label_once_spaced(ketaprep_home: Path, columns: int) -> None:
    """It said "? How is your mood right now?  5  In between", cut at 40 columns."""
    with Terminal("prepare", home=ketaprep_home, columns=columns) as term:
        term.wait_for("read step 1")
        term.send("n")
        term.wait_for("Which session are you getting")
        term.send(ENTER)
        term.wait_for("Which session number is this? 1")
        term.send(ENTER)
        term.wait_for("I am not sure yet")
        term.send(ENTER)
        term.wait_for("○ I know what my clinic says about")
        term.send(ENTER)
        term.wait_for("Be kind to myself")
        term.send(SPACE, ENTER)
        term.wait_for("In your own words:")
        term.send(ENTER)
        term.wait_for("It is okay to cry")
        term.send(ENTER)
        term.wait_for("In your own words:")
        term.send(ENTER)
        term.wait_for("10  Very good")
        term.send("5", ENTER)
        screen = term.wait_for("10  Very anxious")
        rows = answered(screen, "How is your mood right now?")
        assert " ".join(" ".join(rows).split()) == "? How is your mood right now? 5 In between"
        assert rows[0].startswith("? How is your mood right now? 5 In")


@pytest.mark.parametrize("columns", [80, 40])
@pytest.mark.usefixtures("welcomed")
def test_a_message_wraps_between_words_and_its_path_is_whole(
    ketaprep_home: Path, tmp_path: Path, columns: int
) -> None:
    """remind's lines were left to the terminal, which cut words in two ("your calendar
    ap" / "p to add it"); a walk's closing "Kept privately on this computer in /tmp/" cut
    the path at the screen's edge."""
    with Terminal("remind", "--checkin-every", "7", home=ketaprep_home, columns=columns,
                  cwd=tmp_path) as term:  # fmt: skip
        screen = term.wait_for("in the background.")
        assert term.wait_exit() == 0
    said = " ".join(screen.split())
    for words in ("Open that file with your calendar app to add it:", 'It says only "ketaprep"'):
        assert words in said
    answers = write_answers(tmp_path, CALM_CHECKIN, "checkin.yaml")
    with Terminal("checkin", "--answers", str(answers), home=ketaprep_home,
                  columns=columns) as term:  # fmt: skip
        screen = term.wait_for("Saved: your check-in")
        assert term.wait_exit() == 0
    database = str(get_paths().database)
    assert len(database) > 40  # longer than the narrow screen
    assert database in "".join(screen.splitlines())


@pytest.mark.parametrize("columns", [80, 40])
def test_the_card_keeps_its_title_and_closing_words_whole(
    ketaprep_home: Path, tmp_path: Path, columns: int
) -> None:
    """At 40 columns the card's border cut "Session 1, Wednesday 2 December 202" and
    "read this before your session start"."""
    prepare_from_file(tmp_path, {"session": 1, "date": "tomorrow", "intentions": ["Rest"]})
    title = f"Session 1, {TOMORROW}"
    with Terminal("card", home=ketaprep_home, columns=columns, rows=40) as term:
        screen = term.wait_for("Rest")
        assert term.wait_exit() == 0
    rows = screen.splitlines()
    assert all(len(row) <= columns for row in rows)
    said = " ".join(" ".join(row.strip("│╭╮╰╯─ ") for row in rows).split())
    assert title in said
    assert "ead this before your session starts" in said
    if columns == 80:  # on the borders, where they fit
        assert any(row.startswith("╭") and title in row for row in rows)
        assert rows[-1].startswith("╰") and "read this before your session starts" in rows[-1]
    else:
        inside = [row for row in rows if row.startswith("│") and row.strip("│ ")]
        assert inside[0].startswith("│  Session 1,")  # the first line of the card


def test_resuming_past_the_intentions_does_not_ask_how_each_went(
    ketaprep_home: Path, tmp_path: Path
) -> None:
    """Carrying on after the intentions were answered said "For each one: how did it
    go?", then asked nothing about them."""
    prepare_from_file(tmp_path, {"session": 1, "date": "today", "intentions": ["Rest"]})
    with Terminal("journal", home=ketaprep_home) as term:
        screen = term.wait_for('How did it go with "Rest"?')
        assert "For each one: how did it go?" in screen
        term.send(ENTER)
        term.wait_for('Anything to add about "Rest"?')
        term.send(ENTER)
        term.wait_for("What thoughts have stayed with you")
        term.send(CTRL_C)
        assert term.wait_exit() == 130
    with Terminal("journal", home=ketaprep_home) as term:
        term.wait_for("Carry on where I stopped")
        term.send(ENTER)
        screen = term.wait_for("What thoughts have stayed with you")
        assert "• Rest" in screen  # what they chose, still there to read
        assert "For each one" not in screen


def test_a_card_longer_than_the_screen_is_paged_from_its_top(
    ketaprep_home: Path, tmp_path: Path
) -> None:
    """At 40x24 the card is taller than the screen: its title and intentions scrolled
    away before it could be read."""
    prepare_from_file(tmp_path, {"session": 1, "date": "tomorrow", "intentions": ["Rest"]})
    own_pager = {"PAGER": "", "MANPAGER": "", "LESS": ""}
    with Terminal("card", home=ketaprep_home, columns=40, env=own_pager) as term:
        screen = term.wait_for("Space: more, b: back, q: close")
        assert "Session 1," in screen and "• Rest" in screen
        term.send("q")
        assert term.wait_exit() == 0
    with Terminal("card", home=ketaprep_home, columns=80, env=own_pager) as term:
        screen = term.wait_for("read this before your session starts")
        assert term.wait_exit() == 0  # it fits: no pager
    assert "Space: more" not in screen
