"""``ketaprep --help`` and ``--version`` stay fast: heavy modules load only in commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("yaml", "questionary", "prompt_toolkit", "sqlite3", "sqlcipher3", "rich.markdown")


def imported_modules(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return modules_in(done.stderr)


def modules_in(importtime: str) -> set[str]:
    # lines look like: "import time:   123 |   456 |     package.module"
    return {
        line.rsplit("|", 1)[1].strip()
        for line in importtime.splitlines()
        if line.startswith("import time:") and "|" in line
    }


@pytest.mark.parametrize(
    ("args", "seen"),
    [
        (("-m", "ketaprep", "--help"), "ketaprep.cli"),
        (("-m", "ketaprep", "--version"), "ketaprep.cli.start"),
        (("-c", "import ketaprep.cli"), "ketaprep.cli"),
    ],
)
def test_heavy_modules_are_not_imported(args: tuple[str, ...], seen: str) -> None:
    modules = imported_modules(*args)
    assert seen in modules  # the measurement works
    assert sorted(set(HEAVY) & modules) == []


@pytest.mark.parametrize(
    ("args", "seen"),
    [
        (("--version",), "ketaprep.cli.start"),
        (("help-now", "--region", "us"), "ketaprep.walks.help_now"),
        (("--plain", "help-now"), "ketaprep.walks.help_now"),
        (("guide", "4"), "ketaprep.walks.guide"),
    ],
)
def test_the_early_commands_start_without_typer(args: tuple[str, ...], seen: str) -> None:
    modules = imported_modules("-m", "ketaprep", *args)
    assert seen in modules  # the measurement works
    assert "typer" not in modules and "ketaprep.cli.root" not in modules


def test_any_other_form_of_them_goes_to_typer() -> None:
    modules = imported_modules("-m", "ketaprep", "help-now", "--help")
    assert "ketaprep.cli.root" in modules and "typer" in modules


def test_the_measurement_sees_a_heavy_import() -> None:
    assert "yaml" in imported_modules("-c", "import ketaprep.guides.schema")


@pytest.mark.parametrize("module", ["prepare", "journal", "checkin", "delete"])
def test_the_walks_import_no_yaml_before_their_first_question(module: str) -> None:
    """The dataclasses are enough until a guide is read: yaml comes with the reading."""
    modules = imported_modules("-c", f"import ketaprep.walks.{module}")
    assert f"ketaprep.walks.{module}" in modules  # the measurement works
    assert "yaml" not in modules


def test_help_now_with_a_region_set_imports_no_prompt_library(ketaprep_home: Path) -> None:
    """Crisis lines come fast: questionary is only for the one-time region question."""
    ketaprep_home.mkdir(parents=True, exist_ok=True)
    (ketaprep_home / "config.yaml").write_text("region: us\n", encoding="utf-8")
    modules = imported_modules("-m", "ketaprep", "help-now")
    assert "ketaprep.walks.help_now" in modules  # the measurement works
    assert not {"questionary", "prompt_toolkit", "ketaprep.ask", "ketaprep.walks.run"} & modules


def test_help_now_in_a_pipe_imports_no_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing to style in a pipe: the lines are written as rich would write them."""
    modules = imported_modules("-m", "ketaprep", "help-now")
    assert "ketaprep.walks.help_now" in modules  # the measurement works
    assert not {name for name in modules if name == "rich" or name.startswith("rich.")}
    monkeypatch.setenv("FORCE_COLOR", "1")  # as good as a terminal, for rich
    assert "rich.console" in imported_modules("-m", "ketaprep", "help-now")


def test_help_now_with_the_guides_kept_reads_only_the_crisis_lines() -> None:
    """Once safety.yaml is kept (guides/cache.py), help-now needs neither yaml nor the
    classes of the other guides, nor importlib.resources to find the built-in files."""
    imported_modules("-m", "ketaprep", "help-now")  # the first run keeps them
    modules = imported_modules("-m", "ketaprep", "help-now")
    assert "ketaprep.guides.safety" in modules  # the measurement works
    slow = {"yaml", "ketaprep.guides.schema", "ketaprep.guides.model"}
    slow |= {"ketaprep.guides.questionnaire", "importlib.resources"}
    assert sorted(slow & modules) == []


@pytest.mark.parametrize("walk", ["prepare", "journal", "checkin"])
def test_a_bare_walk_starts_without_typer(walk: str) -> None:
    """Its first question comes sooner (here, without a terminal, its sentence)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ketaprep", walk],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    modules = modules_in(done.stderr)
    assert done.returncode == 2 and "terminal" in done.stderr  # it ran
    assert f"ketaprep.walks.{walk}" in modules  # the measurement works
    assert "typer" not in modules and "ketaprep.cli.root" not in modules
