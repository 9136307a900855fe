"""Narrow and wide screens in a real terminal, 80x24 and 40x24, drawn by pyte."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketaprep.paths import get_paths
from pty_helpers import DOWN, ENTER, SPACE, Terminal
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


HEALTH = "I talked about my health and my medicines with my care team."
MEDICINES = "I told my care team about every medicine and supplement I take."
RIDE = "Someone will take me home, and I will not drive until my clinic says I can."
ALCOHOL = "I know what my clinic says about alcohol and cannabis after the session."


def rows_after(screen: str, question: str) -> list[str]:
    """The rows below the (last) row that holds ``question``, up to a blank one."""
    rows = screen.splitlines()
    at = max(number for number, row in enumerate(rows) if question in row)
    below = rows[at + 1 :]
    return below[: below.index("")] if "" in below else below


@pytest.mark.parametrize("columns", [80, 40])
def test_checklist_options_wrap_between_words_and_ticks_come_back_a_line_each(
    ketaprep_home: Path, columns: int
) -> None:
    marker = get_paths().welcomed_marker
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.touch()
    with Terminal("prepare", home=ketaprep_home, columns=columns) as term:
        term.wait_for("read step 1")
        term.send("n")
        term.wait_for("Which session are you getting")
        term.send(ENTER)
        term.wait_for("Which session number is this? 1")
        term.send(ENTER)
        term.wait_for("I am not sure yet")
        term.send(ENTER)
        screen = term.wait_for("○ I know what my clinic says about")
        options = rows_after(screen, "Which of these have you done?")
        assert all(len(row) <= columns for row in options)
        assert all(row.startswith(("   ○ ", " » ○ ", "     ")) for row in options)
        said = " ".join(row[5:] for row in options)
        for label in (HEALTH, MEDICINES, RIDE, ALCOHOL):
            assert label in said  # whole, every word on one row
        term.send(SPACE, DOWN, SPACE)
        term.wait_for("● I told my care team")
        term.send(ENTER)
        screen = term.wait_for("hold in mind")
        echoed = rows_after(screen, "? Which of these have you done?")
        assert echoed[0].startswith("  • I talked about") and all(
            row.startswith(("  • ", "    ")) for row in echoed
        )
        assert " ".join(row[4:] for row in echoed) == f"{HEALTH} {MEDICINES}"
        assert ".," not in screen


KEYS = "Space: more, b: back, q: close"
OWN_PAGER = {"PAGER": "", "MANPAGER": "", "LESS": ""}  # ketaprep's own choice: less


def welcomed() -> None:
    marker = get_paths().welcomed_marker
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.touch()


@pytest.mark.parametrize("columns", [80, 40])
def test_an_error_wraps_between_words(ketaprep_home: Path, columns: int) -> None:
    welcomed()
    with Terminal("guide", "9", home=ketaprep_home, columns=columns) as term:
        screen = term.wait_for("maintaining).")
        assert term.wait_exit() == 2
    rows = screen.splitlines()
    assert rows[0].startswith("There is no step '9'")
    assert all(len(row) <= columns for row in rows)
    words = set(" ".join(rows).split())
    assert {"understanding,", "preparing,", "embracing,", "integrating,"} <= words
    if columns == 40:
        assert len(rows) > 2  # wrapped, at the spaces


@pytest.mark.parametrize("columns", [80, 40])
def test_the_pager_names_its_keys(ketaprep_home: Path, columns: int) -> None:
    welcomed()
    with Terminal("guide", "1", home=ketaprep_home, env=OWN_PAGER, columns=columns) as term:
        screen = term.wait_for(KEYS)
        assert screen.splitlines()[-1] == KEYS
        assert "Step 1: Understanding" in screen
        term.send("G")  # to the end
        term.wait_for("The end. b: back, q: close")
        term.send("q")
        assert term.wait_exit() == 0


@pytest.mark.parametrize(
    ("theirs", "shown", "first_row"),
    [
        ({"LESS": "-PsMy own prompt$"}, "My own prompt", "Step 1: Understanding ketamine's role"),
        ({"PAGER": "more"}, "--More--", "Space for more, q to close."),
    ],
)
def test_the_persons_own_pager_choices_keep_working(
    ketaprep_home: Path, theirs: dict[str, str], shown: str, first_row: str
) -> None:
    welcomed()
    env = {**OWN_PAGER, **theirs}
    with Terminal("guide", "1", home=ketaprep_home, env=env, columns=40) as term:
        screen = term.wait_for(shown)
        assert KEYS not in screen and screen.splitlines()[0] == first_row
        term.send("q")
        assert term.wait_exit() == 0


@pytest.mark.parametrize("columns", [80, 40])
def test_step_one_inside_prepare_is_paged(ketaprep_home: Path, columns: int) -> None:
    welcomed()
    with Terminal("prepare", home=ketaprep_home, env=OWN_PAGER, columns=columns) as term:
        term.wait_for("read step 1")
        term.send("y")
        screen = term.wait_for(KEYS)
        assert "Step 1: Understanding" in screen
        assert "Shall we start" not in screen  # the pager holds the screen
        term.send("q")
        term.wait_for("Shall we start getting ready")


def test_the_guide_table_at_80_columns(ketaprep_home: Path) -> None:
    welcomed()
    with Terminal("guide", home=ketaprep_home, env=OWN_PAGER) as term:
        screen = term.wait_for(KEYS)  # a row taller than the screen: paged
        assert "┃ Step ┃ Title" in screen and "│ faq  │ Questions for your" in screen
        term.send("G")
        term.wait_for("The end.")
        term.wait_for("Read one in full with: ketaprep guide 2")
        term.send("q")
        assert term.wait_exit() == 0


def test_the_guide_table_at_40_columns_stacks_each_step(ketaprep_home: Path) -> None:
    welcomed()
    with Terminal("guide", home=ketaprep_home, env=OWN_PAGER, columns=40) as term:
        screen = term.wait_for(KEYS)
        rows = screen.splitlines()
        assert rows[:3] == ["The five steps", "", "1    Understanding ketamine's role"]
        assert "     Walked by ketaprep guide 1" in rows
        assert "┃" not in screen and "│" not in screen
        term.send("G")
        screen = term.wait_for("The end.")
        assert "faq  Questions for your clinic" in screen
        assert "     Walked by ketaprep checkin" in screen.splitlines()
        term.send("q")
        assert term.wait_exit() == 0
