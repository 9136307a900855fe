"""The guide commands: guide, guides check, help-now, --guides, and the first-run intro."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from rich.pager import Pager
from typer.testing import CliRunner

from ketaprep.cli import app
from ketaprep.console import show_paged
from ketaprep.errors import UsageError
from ketaprep.guides.files import GUIDE_FILES
from ketaprep.guides.load import load_guides
from ketaprep.guides.model import Step
from ketaprep.walks import crisis_words, screens

runner = CliRunner()

BROKEN_STEP = """\
id: preparing
number: two
title: Preparing
summary: ''
body: Hello.
items:
  - {id: a, type: slider, prompt: How}
  - {id: intentions, type: list, prompt: Hopes}
  - {id: mood, type: scale, prompt: Mood, min: 0, max: 10}
  - {id: anxiety, type: scale, prompt: Anxiety, min: 0, max: 10}
"""


def words(text: str) -> str:
    """Text with its line breaks and runs of spaces made single spaces (stderr may wrap)."""
    return " ".join(text.split())


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real program, so exit codes and the error sentence come from main().

    COLUMNS is wide so that long temporary paths are not folded in the middle.
    """
    return subprocess.run(
        [sys.executable, "-m", "ketaprep", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "500", **(env or {})},
        timeout=60,
    )


pytestmark = pytest.mark.usefixtures("welcomed")  # most tests are not about the first run


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "02-preparing.yaml").write_text(BROKEN_STEP)
    (folder / "faq.yaml").write_text("- a list\n")
    return folder


# --- guide ------------------------------------------------------------------------


def test_guide_shows_every_step_in_a_table() -> None:
    result = runner.invoke(app, ["guide"])
    assert result.exit_code == 0, result.output
    for step in load_guides().steps:
        assert step.title.split()[0] in result.stdout
    assert "ketaprep prepare" in result.stdout
    assert "ketaprep guide 2" in result.stdout
    assert "\x1b[" not in result.stdout


@pytest.mark.parametrize("key", ["2", "preparing", "faq"])
def test_guide_step_shows_its_text(key: str) -> None:
    step = load_guides().step(key)
    result = runner.invoke(app, ["guide", key])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert step.title in lines[0]
    assert lines[1] == step.summary
    first_words = step.body.split("\n\n")[0].split()[:4]
    assert " ".join(first_words) in result.stdout
    assert all(line == line.rstrip() for line in lines)  # plain when piped: no padding
    assert "\x1b[" not in result.stdout


def test_unknown_step_is_a_usage_error() -> None:
    result = runner.invoke(app, ["guide", "9"])
    assert isinstance(result.exception, UsageError)
    done = run("guide", "9")
    assert done.returncode == 2
    assert words(done.stderr).startswith("There is no step '9'; choose one of: 1, 2, 3, 4, 5, faq")
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_guide_text_is_never_markup_or_escapes(tmp_path: Path) -> None:
    step = Step(
        id="x",
        number=1,
        title="[bold red]Title[/]",
        summary="Evil \x1b[2J summary",
        body="Body with [link=http://x]markup[/link] and \x1b]0;title\x07.",
    )
    console = Console(width=80, record=True, force_terminal=False)
    console.print(screens.step_page(step))
    text = console.export_text()
    assert "[bold red]Title[/]" in text
    assert "\\x1b[2J" in text and "\x1b" not in text
    assert "[link=http://x]markup[/link]" in text


class RecordingPager(Pager):
    def __init__(self) -> None:
        self.shown: list[str] = []

    def show(self, content: str) -> None:
        self.shown.append(content)


def test_long_steps_go_through_the_pager_in_a_terminal() -> None:
    step = load_guides().step("2")
    pager = RecordingPager()
    tall = Console(width=80, height=10, force_terminal=True, record=True)
    show_paged(screens.step_page(step), console=tall, pager=pager)
    assert len(pager.shown) == 1 and step.title in pager.shown[0]
    short = Console(width=80, height=500, force_terminal=True, record=True)
    show_paged(screens.step_page(step), console=short, pager=pager)
    assert len(pager.shown) == 1
    assert step.title in short.export_text()


# --- guides check -----------------------------------------------------------------


def test_guides_check_a_valid_folder(tmp_path: Path) -> None:
    folder = shutil.copytree(Path(load_guides().safety.source).parent, tmp_path / "ok")
    result = runner.invoke(app, ["guides", "check", str(folder)])
    assert result.exit_code == 0, result.output
    count = len(GUIDE_FILES) + len(list((folder / "questionnaires").glob("*.yaml")))
    assert count == len(GUIDE_FILES) + 2  # the guides and the two shipped questionnaires
    assert result.stdout == f"All {count} guide files in {folder} are valid.\n"


def test_guides_check_lists_every_problem(broken: Path) -> None:
    done = run("guides", "check", str(broken))
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"{broken / '02-preparing.yaml'}:2: 'number' must be a whole number, not text ('two')",
        f"{broken / '02-preparing.yaml'}:4: 'summary' is empty; it needs some text",
        f"{broken / '02-preparing.yaml'}:7: unknown item type 'slider'; use one of: "
        "checklist, text, long_text, list, scale, choice, confirm",
        f"{broken / 'faq.yaml'}:1: the top of the file must be keys (like 'id: ...'), not a list",
        f"Found 4 problems in {broken}. Nothing was changed.",
    ]
    assert done.stderr == ""


def test_guides_check_a_missing_folder(tmp_path: Path) -> None:
    done = run("guides", "check", str(tmp_path / "nowhere"))
    assert done.returncode == 1
    assert words(done.stderr) == f"The guides folder {tmp_path / 'nowhere'} does not exist."


# --- --guides ---------------------------------------------------------------------


def test_a_clinic_folder_replaces_a_step(tmp_path: Path) -> None:
    folder = tmp_path / "clinic"
    folder.mkdir()
    (folder / "02-preparing.yaml").write_text(
        BROKEN_STEP.replace("two", "2").replace("''", "Our own words.").replace("slider", "text")
    )
    result = runner.invoke(app, ["--guides", str(folder), "guide", "2"])
    assert result.exit_code == 0, result.output
    assert "Our own words." in result.stdout
    result = runner.invoke(app, ["guide", "2"], env={"KETAPREP_GUIDES": str(folder)})
    assert "Our own words." in result.stdout


@pytest.mark.parametrize("how", ["option", "env"])
def test_broken_clinic_guides_are_refused(broken: Path, how: str) -> None:
    if how == "option":
        done = run("--guides", str(broken), "guide")
    else:
        done = run("guide", env={"KETAPREP_GUIDES": str(broken)})
    assert done.returncode == 1
    assert words(done.stderr).startswith(f"The guides in {broken} have 4 problems, so ketaprep")
    assert f"{broken / '02-preparing.yaml'}:2: 'number' must be" in words(done.stderr)
    assert "Traceback" not in done.stderr and done.stdout == ""


# --- help-now ---------------------------------------------------------------------


def test_help_now_shows_every_region() -> None:
    result = runner.invoke(app, ["help-now"])
    assert result.exit_code == 0, result.output
    safety = load_guides().safety
    assert result.stdout.splitlines()[0] == safety.immediate_danger
    for number in ("988", "116 123", "911", "999", "112"):
        assert number in result.stdout
    assert crisis_words.CARE_TEAM_LINE in result.stdout


def test_help_now_for_one_region() -> None:
    result = runner.invoke(app, ["help-now", "--region", "uk-ie"])
    assert result.exit_code == 0, result.output
    assert "116 123" in result.stdout and "988" not in result.stdout
    assert result.stdout.splitlines()[0] == load_guides().safety.region("uk-ie").danger
    assert result.stdout.splitlines()[0].endswith("call 999 or 112.")


def test_help_now_region_from_settings(ketaprep_home: Path) -> None:
    (ketaprep_home / "config.yaml").write_text("region: us\n")
    result = runner.invoke(app, ["help-now"])
    assert "988" in result.stdout and "116 123" not in result.stdout
    result = runner.invoke(app, ["help-now", "--region", "uk-ie"])  # the option wins
    assert "116 123" in result.stdout and "988" not in result.stdout


def test_help_now_unknown_region_names_the_choices_and_still_shows_lines() -> None:
    done = run("help-now", "--region", "mars")
    assert done.returncode == 2
    ids = ", ".join(load_guides().safety.region_ids())
    assert words(done.stderr) == (
        f"There is no region 'mars'; choose one of: {ids}. Every region is shown above."
    )
    assert "988" in done.stdout and "116 123" in done.stdout


def test_help_now_works_with_broken_clinic_guides(broken: Path) -> None:
    (broken / "safety.yaml").write_text("regions: [\n")
    done = run("--guides", str(broken), "help-now", "--region", "us")
    assert done.returncode == 0
    assert "988" in done.stdout
    assert done.stderr == (
        f"Your guides in {broken} have a problem, so these are ketaprep's own crisis lines.\n"
    )


def test_help_now_has_numbers_even_without_any_safety_file() -> None:
    console = Console(width=80, record=True)
    console.print(screens.crisis_lines(None))
    text = " ".join(console.export_text().split())
    for number in ("911", "999", "112", "988", "116 123"):
        assert number in text
    assert crisis_words.CARE_TEAM_LINE in text


# --- the first run ----------------------------------------------------------------


def test_the_intro_shows_once_on_stderr(welcomed: Path, ketaprep_home: Path) -> None:
    welcomed.unlink()
    ketaprep_home.rmdir()
    intro_start = load_guides().safety.intro.split("\n")[0]
    assert intro_start not in run("--help").stderr + run("--version").stderr
    assert intro_start not in run("guide", "--help").stderr
    assert intro_start not in run("help-now").stderr  # crisis lines come first, nothing else
    assert not welcomed.exists()
    first = run("guide", "2")
    assert first.returncode == 0
    assert first.stderr.startswith(intro_start)
    assert intro_start not in first.stdout
    assert stat.S_IMODE(welcomed.stat().st_mode) == 0o600
    assert stat.S_IMODE(ketaprep_home.stat().st_mode) == 0o700
    second = run("guide", "2")
    assert second.stderr == "" and second.stdout == first.stdout
