"""``ketaprep help-now`` in a real terminal: crisis first, and nothing that matters
scrolled away, at 80x24 and at 40x24, with and without the person's own plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import write_answers
from ketaprep.guides.load import load_guides
from ketaprep.paths import get_paths
from ketaprep.walks import plan
from ketaprep.walks.crisis_words import CARE_TEAM_LINE, PLAN_UNREADABLE
from ketaprep.walks.run import WalkOptions
from pty_helpers import DOWN, ENTER, Terminal

pytestmark = [pytest.mark.pty, pytest.mark.usefixtures("welcomed")]

DANGER = load_guides().safety.immediate_danger
US_DANGER = "If you or someone else is in danger right now, call 911."
TYPICAL_PLAN = {
    "warning-signs": ["I stop answering messages", "I cannot sleep"],
    "coping": ["Slow breathing", "A warm shower", "A walk outside"],
    "distractions": ["Coffee with a friend"],
    "people": ["Sam: 555 0101", "Mum: 555 0102"],
    "clinic-day": "555 0100",
    "clinic-after-hours": "555 0199",
    "therapist": "Dr Lee: 555 0123",
    "reasons": ["My dog", "My sister"],
}


def make_plan(tmp_path: Path) -> None:
    assert plan.run(WalkOptions(write_answers(tmp_path, TYPICAL_PLAN, "plan.yaml"))) == 0


def set_region(region: str) -> None:
    config = get_paths().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f"region: {region}\n", encoding="utf-8")


def rows(term: Terminal) -> list[str]:
    return term.screen_text().splitlines()


def flat(screen: str) -> str:
    return " ".join(screen.split())


def help_now_after_exit(home: Path, columns: int, *args: str) -> str:
    """The screen once help-now has ended, the danger line first on it."""
    with Terminal("help-now", *args, home=home, columns=columns) as term:
        assert term.wait_exit() == 0
        screen = term.screen_text()
        assert len(screen.splitlines()) < 24, screen  # a row is left for the shell's prompt
        return screen


# --- 80x24 -----------------------------------------------------------------------------


def test_the_first_time_the_region_is_asked_after_the_danger_line_and_kept(
    ketaprep_home: Path,
) -> None:
    with Terminal("help-now", home=ketaprep_home) as term:
        screen = term.wait_for("United Kingdom and Ireland")
        assert rows(term)[0] == DANGER  # the first help is on screen before any question
        assert "Where are you? ketaprep keeps it for next time." in screen
        for region in load_guides().safety.regions:
            assert region.name in screen
        term.send(DOWN, ENTER)
        screen = term.wait_for("ketaprep is not medical advice.")
        assert term.wait_exit() == 0
        screen = term.screen_text()
    assert rows(term)[0] == DANGER
    assert "Samaritans: Call 116 123" in screen and "988" not in screen
    assert CARE_TEAM_LINE in screen
    assert "ketaprep plan" in screen  # no plan yet: how to make one
    assert screen.rstrip().endswith("ask your care team.")  # the disclaimer is last
    assert get_paths().config_file.read_text(encoding="utf-8") == "region: uk-ie\n"
    # Asked once: next time the lines come at once, with the emergency number first.
    screen = help_now_after_exit(ketaprep_home, 80)
    assert screen.splitlines()[0] == (
        "If you or someone else is in danger right now, call 999 or 112."
    )
    assert "Where are you?" not in screen


def test_with_a_typical_plan_everything_fits_in_80x24(ketaprep_home: Path, tmp_path: Path) -> None:
    make_plan(tmp_path)
    set_region("us")
    screen = help_now_after_exit(ketaprep_home, 80)
    lines = screen.splitlines()
    assert lines[0] == US_DANGER
    plan_at = lines.index("From your safety plan")
    lifeline_at = lines.index("  Suicide & Crisis Lifeline: Call or text 988")
    assert 0 < plan_at < lifeline_at  # crisis first, then the plan, then the public lines
    assert "People you can ask: Sam: 555 0101; Mum: 555 0102" in screen
    assert "Your clinic after hours: 555 0199" in screen
    assert "First things to try: Slow breathing; A warm shower" in screen
    assert "A walk outside" not in screen  # the first two steps only
    assert "Text HOME to 741741" in screen and CARE_TEAM_LINE in screen
    assert screen.rstrip().endswith("ask your care team.")
    assert "ketaprep plan" not in screen


def test_a_typical_plan_and_the_first_region_question_fit_in_80x24(
    ketaprep_home: Path, tmp_path: Path
) -> None:
    make_plan(tmp_path)
    with Terminal("help-now", home=ketaprep_home) as term:
        screen = term.wait_for("New Zealand")
        assert rows(term)[0] == DANGER
        assert "People you can ask: Sam: 555 0101; Mum: 555 0102" in screen
        term.send(ENTER)
        term.wait_for("ketaprep is not medical advice")
        assert term.wait_exit() == 0
        screen = term.screen_text()
    assert rows(term)[0] == DANGER
    assert "Sam: 555 0101" in screen and "Call or text 988" in screen
    assert len(screen.splitlines()) < 24


# --- 40x24 -----------------------------------------------------------------------------


def test_at_40_columns_with_a_plan_the_danger_line_and_first_crisis_line_show(
    ketaprep_home: Path, tmp_path: Path
) -> None:
    make_plan(tmp_path)
    set_region("us")
    screen = help_now_after_exit(ketaprep_home, 40)
    assert flat(screen).startswith(US_DANGER)
    assert "Sam: 555 0101" in flat(screen)
    assert "Suicide & Crisis Lifeline: Call or text 988" in flat(screen)
    assert "ketaprep is not medical advice." in flat(screen)


def test_at_40_columns_without_a_plan_the_first_time(ketaprep_home: Path) -> None:
    with Terminal("help-now", home=ketaprep_home, columns=40) as term:
        term.wait_for("Anywhere else")
        assert flat(term.screen_text()).startswith(DANGER)
        term.send(ENTER)
        term.wait_for("not medical advice")
        assert term.wait_exit() == 0
        screen = term.screen_text()
    assert flat(screen).startswith(DANGER)
    assert "Suicide & Crisis Lifeline: Call or text 988" in flat(screen)
    assert len(screen.splitlines()) < 24


def test_at_40_columns_with_a_plan_the_first_time(ketaprep_home: Path, tmp_path: Path) -> None:
    make_plan(tmp_path)
    with Terminal("help-now", home=ketaprep_home, columns=40) as term:
        term.wait_for("Anywhere else")
        assert flat(term.screen_text()).startswith(DANGER)
        term.send(ENTER)
        term.wait_for("not medical advice")
        assert term.wait_exit() == 0
        screen = term.screen_text()
    assert flat(screen).startswith(DANGER)
    assert "Sam: 555 0101" in flat(screen)
    assert "Suicide & Crisis Lifeline: Call or text 988" in flat(screen)


# --- a journal that cannot be read ----------------------------------------------------


def test_a_damaged_journal_still_shows_every_public_line(ketaprep_home: Path) -> None:
    set_region("us")
    get_paths().database.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    screen = help_now_after_exit(ketaprep_home, 80)
    assert screen.splitlines()[0] == US_DANGER
    assert PLAN_UNREADABLE in screen
    assert "Call or text 988" in screen and screen.rstrip().endswith("ask your care team.")
