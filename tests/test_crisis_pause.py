"""The crisis pause's help made to fit the screen above its question (screens.py): on a
small terminal the roomiest layout that fits; read by ear (--plain) always whole; a
later alert never without its own words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rich.console import Console

from ketaprep.console import set_console
from ketaprep.guides.load import load_guides
from ketaprep.guides.safety import Alert
from ketaprep.walks.screens import again_help, alert_help

WORDS = "It sounds like things are very hard since your session, and that matters a lot."
ALERT = Alert(at_most=1, message=WORDS)
GO_ON = "Go on with my journal"


@pytest.fixture
def small_screen() -> Iterator[Console]:
    console = Console(width=40, height=14, force_terminal=True, color_system=None)
    set_console(console)
    yield console
    set_console(None)


def text(console: Console, shown: object) -> str:
    with console.capture() as captured:
        console.print(shown)
    return " ".join(captured.get().split())


def test_a_small_screen_gets_the_shortest_lines(small_screen: Console) -> None:
    said = text(small_screen, alert_help(load_guides(), ALERT, go_on=GO_ON))
    assert "United States · Call or text 988" in said
    assert "Suicide & Crisis Lifeline" not in said


def test_read_by_ear_the_pause_is_whole_whatever_the_window(small_screen: Console) -> None:
    said = text(small_screen, alert_help(load_guides(), ALERT, go_on=GO_ON, fit=False))
    assert WORDS in said
    assert "United States · Suicide & Crisis Lifeline: Call or text 988" in said
    assert "When you can, also tell your care team or clinic how you are." in said
    again = text(small_screen, again_help(load_guides(), ALERT, go_on=GO_ON, fit=False))
    assert WORDS in again and "Suicide & Crisis Lifeline" in again


def test_a_later_alert_keeps_its_own_words_on_the_smallest_screen(small_screen: Console) -> None:
    # The later help has no danger line above it: its words are the call to reach out.
    said = text(small_screen, again_help(load_guides(), ALERT, go_on=GO_ON))
    assert WORDS in said and "Call or text 988" in said
