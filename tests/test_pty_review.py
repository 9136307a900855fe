"""``ketaprep review`` in a real terminal: the browser with real keys, the screen as drawn."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ketaprep.paths import get_paths
from pty_helpers import CTRL_C, DOWN, ENTER, UP, Terminal
from review_data import fill

pytestmark = pytest.mark.pty

HOME_MENU = "What would you like to look at?"
NO_PAGER = {"PAGER": "cat"}  # long views go straight to the screen


@pytest.fixture(autouse=True)
def journal() -> None:
    fill()
    get_paths().welcomed_marker.touch()


def pointed_at(term: Terminal) -> str:
    lines = [line for line in term.screen_text().splitlines() if line.startswith(" » ")]
    return lines[-1] if lines else ""


def choose(term: Terminal, label: str, *keys: str) -> str:
    """Press ``keys`` one at a time (each moves the pointer), check the pointer is on
    ``label``, press Enter."""
    for key in keys:
        before = pointed_at(term)
        term.send(key)
        deadline = time.monotonic() + 5
        while pointed_at(term) == before and time.monotonic() < deadline:
            time.sleep(0.02)
    screen = term.wait_for(f"» {label}")
    assert label in pointed_at(term), screen
    term.send(ENTER)
    return screen


def test_open_a_session_then_an_entry_then_go_back_and_quit(ketaprep_home: Path) -> None:
    with Terminal("review", home=ketaprep_home, env=NO_PAGER) as term:
        screen = term.wait_for(HOME_MENU)
        assert "Your journal holds 3 sessions and 6 entries." in screen
        assert "» Session 3 · " in screen and "nothing written yet" in screen
        assert "Session 2 · " in screen and "· prepared\n" in screen + "\n"
        choose(term, "Session 1 · ", DOWN, DOWN)
        screen = term.wait_for("Session 1: open an entry?")
        assert "Is this treatment covered by my insurance?" in screen
        assert "Entries for this session" in screen
        choose(term, "After · ", DOWN)
        screen = term.wait_for("Quiet river morning")
        assert "second line [red]alarm[/red] [link=file:///etc]x[/link] <b>bold</b>" in screen
        assert "\\x1b[2J" in screen
        term.wait_for("Session 1: open an entry?")
        choose(term, "Back to all sessions", DOWN, DOWN)  # from the entry just read
        term.wait_for(HOME_MENU)
        choose(term, "Quit", DOWN, DOWN, DOWN, DOWN, DOWN)  # from session 1, still pointed at
        assert term.wait_exit() == 0
        assert "Closed. Take care." in term.screen_text()
        raw = term.all_output()
    # What the person wrote never reached the terminal as a control sequence.
    assert "\x1b[2J" not in raw
    assert "\x1b]8;" not in raw


def test_search_highlights_the_words_and_opens_a_result(ketaprep_home: Path) -> None:
    with Terminal("review", home=ketaprep_home, env=NO_PAGER) as term:
        term.wait_for(HOME_MENU)
        choose(term, "Search what you wrote", DOWN, DOWN, DOWN, DOWN)
        term.wait_for("Search for:")
        term.type("river")
        term.send(ENTER)
        screen = term.wait_for("Open one of these?")
        assert "2 entries found." in screen
        assert "walked to the river" in screen
        assert reversed_words(term) >= {"river"}
        choose(term, "Check-in · ")
        term.wait_for("About win?", "About mood?")  # the entry, not the search's results
        choose(term, "Search again", DOWN, DOWN)
        term.wait_for("Search for:")
        term.send(ENTER)  # nothing typed: back to the start
        term.wait_for(HOME_MENU)
        term.send(CTRL_C)
        assert term.wait_exit() == 0
        assert "Closed. Take care." in term.screen_text()
        assert "Traceback" not in term.all_output()


def test_ctrl_c_in_a_session_closes_calmly(ketaprep_home: Path) -> None:
    with Terminal("review", home=ketaprep_home, env=NO_PAGER) as term:
        term.wait_for(HOME_MENU)
        choose(term, "Session 2 · ", DOWN)
        term.wait_for("Session 2: open an entry?")
        term.send(CTRL_C)
        assert term.wait_exit() == 0
        assert term.screen_text().endswith("Closed. Take care.")


def test_long_views_go_through_the_pager(ketaprep_home: Path) -> None:
    env = {"PAGER": "less", "LESS": ""}
    with Terminal("review", home=ketaprep_home, env=env) as term:
        term.wait_for(HOME_MENU)
        choose(term, "Session 1 · ", DOWN, DOWN)
        screen = term.wait_for("What you hoped for")
        assert "Session 1: open an entry?" not in screen  # the pager holds the screen
        term.send("q")
        term.wait_for("Session 1: open an entry?")
        term.send(CTRL_C)
        assert term.wait_exit() == 0


def test_wins_and_trends_from_the_browser(ketaprep_home: Path) -> None:
    # Tall enough for both charts and the menu drawn again under them (at 24 rows the
    # first chart has scrolled away by the time the menu is back).
    with Terminal("review", home=ketaprep_home, env=NO_PAGER, rows=60) as term:
        term.wait_for(HOME_MENU)
        choose(term, "Read your wins", UP, UP)
        screen = term.wait_for("Your wins, newest first")
        assert "walked to the river" in screen
        term.wait_for(HOME_MENU)
        choose(term, "See how you have been over time", UP)
        screen = term.wait_for("B before a session")
        assert "Mood (0 very low, 10 very good)" in screen
        assert "Anxiety (0 calm, 10 very anxious)" in screen
        term.send(CTRL_C)
        assert term.wait_exit() == 0


def test_plain_browser_for_screen_readers(ketaprep_home: Path) -> None:
    with Terminal("--plain", "review", home=ketaprep_home, env=NO_PAGER) as term:
        screen = term.wait_for("Type the number of your choice.")
        assert "  3. Session 1 · " in screen
        term.type("3")
        term.send(ENTER)
        term.wait_for("Session 1: open an entry?")
        term.wait_for("  4. Back to all sessions")  # the options come after the question
        assert "What you hoped for, and what you wrote after" in term.all_output()
        term.send(CTRL_C)
        assert term.wait_exit() == 0


def reversed_words(term: Terminal) -> set[str]:
    """The words drawn in reverse video (the search highlight) on the screen now."""
    term.screen_text()
    words: set[str] = set()
    for row in range(term.screen.lines):
        line = term.screen.buffer[row]
        word = ""
        for column in range(term.screen.columns):
            char = line[column]
            if char.reverse and char.data.strip():
                word += char.data
            elif word:
                words.add(word.lower())
                word = ""
        if word:
            words.add(word.lower())
    return words
