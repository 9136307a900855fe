"""Narrow and wide screens in a real terminal, 80x24 and 40x24, drawn by pyte."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketaprep.paths import get_paths
from pty_helpers import Terminal
from review_data import fill

pytestmark = pytest.mark.pty

NO_PAGER = {"PAGER": "cat"}


@pytest.fixture
def journal() -> None:
    fill()
    get_paths().welcomed_marker.touch()


@pytest.mark.usefixtures("journal")
def test_review_list_at_80_columns_is_a_table(ketaprep_home: Path) -> None:
    with Terminal("review", "--list", "--limit", "3", home=ketaprep_home, env=NO_PAGER) as term:
        screen = term.wait_for("The newest 3 of 7 entries.")
        rows = screen.splitlines()
        assert rows[0].split() == ["Id", "When", "Kind", "Session", "What", "you", "wrote"]
        assert [row.split()[3] for row in rows[1:4]] == ["checkin", "checkin", "journal"]
        assert term.wait_exit() == 0


@pytest.mark.usefixtures("journal")
def test_review_list_at_40_columns_stacks_each_entry(ketaprep_home: Path) -> None:
    with Terminal(
        "review", "--list", "--limit", "3", home=ketaprep_home, env=NO_PAGER, columns=40
    ) as term:
        screen = term.wait_for("The newest 3 of 7 entries.")
        rows = screen.splitlines()
        assert "Id        When" not in screen
        assert max(len(row) for row in rows) <= 40
        at = rows.index("  walked to the river")
        assert rows[at - 1] == "checkin" and rows[at + 1] == ""
        at = rows.index("journal, session 2")
        assert rows[at + 1 : at + 3] == ["  (draft) half a thought lanternfish", ""]
        assert term.wait_exit() == 0
