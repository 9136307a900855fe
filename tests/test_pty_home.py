"""Plain ``ketaprep`` in a real 80x24 terminal: the home screen, and its steps as a
menu whose pick is run (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import prepare_from_file
from ketaprep.store import open_store
from pty_helpers import CTRL_C, DOWN, ENTER, Terminal

pytestmark = [pytest.mark.pty, pytest.mark.usefixtures("welcomed")]

MENU = "What would you like to do?"
TODAY_REST = {"session": 2, "date": "today", "intentions": ["Rest"]}


def test_the_menu_runs_the_step_picked(ketaprep_home: Path, tmp_path: Path) -> None:
    prepare_from_file(tmp_path, TODAY_REST)  # session 2, today, got ready for
    with Terminal(home=ketaprep_home) as term:
        screen = term.wait_for(MENU)
        lines = screen.splitlines()
        assert lines[0] == "What comes next"
        assert "  After your session 2 today: ketaprep journal" in lines
        assert "If you need help now: ketaprep help-now" in lines
        assert "» Write about session 2" in screen
        assert "  Nothing for now" in screen
        term.send(ENTER)
        term.wait_for('How did it go with "Rest"?')
        term.send(ENTER)
        term.wait_for('Anything to add about "Rest"?')
        term.send(CTRL_C)
        term.wait_for("Run ketaprep journal to carry on")
        assert term.wait_exit() == 130
    with open_store() as store:
        assert [entry.kind for entry in store.drafts()] == ["journal"]


def test_nothing_for_now_or_ctrl_c_ends_calmly(ketaprep_home: Path) -> None:
    with Terminal(home=ketaprep_home) as term:
        screen = term.wait_for(MENU)
        assert "To get ready for your first session: ketaprep prepare" in screen
        assert "» Get ready for a session" in screen
        term.send(DOWN, DOWN)
        term.wait_for("» Nothing for now")
        term.send(ENTER)
        assert term.wait_exit() == 0
        assert "Traceback" not in term.all_output()
    with Terminal(home=ketaprep_home) as term:
        term.wait_for(MENU)
        term.send(CTRL_C)
        assert term.wait_exit() == 0
        assert "Stopped" not in term.screen_text()
    assert not (ketaprep_home / "ketaprep.db").exists()


def test_plain_lists_the_commands_and_asks_nothing(ketaprep_home: Path, tmp_path: Path) -> None:
    prepare_from_file(tmp_path, TODAY_REST)
    with Terminal("--plain", home=ketaprep_home) as term:
        term.wait_for("Every command, and what it does: ketaprep --help")
        assert term.wait_exit() == 0
        screen = term.screen_text()
        assert "After your session 2 today: ketaprep journal" in screen
        assert MENU not in screen


def test_the_home_at_40_columns(ketaprep_home: Path, tmp_path: Path) -> None:
    prepare_from_file(tmp_path, TODAY_REST)
    with Terminal(home=ketaprep_home, columns=40) as term:
        screen = term.wait_for(MENU)
        lines = screen.splitlines()
        assert "  After your session 2 today:" in lines
        assert "    ketaprep journal" in lines
        term.send(CTRL_C)
        assert term.wait_exit() == 0
