"""Run ketaprep's real entry point, ``cli.main``, under typer's CliRunner.

Going through ``main`` (not the typer app) gives the real exit codes and the
one-sentence errors; CliRunner gives isolated streams and a stdin that is not
a terminal.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest
import typer
import yaml
from typer.testing import CliRunner, Result

# The day tests that count from "today" run on (conftest.on_a_fixed_day sets the clock):
# a run that goes over midnight would otherwise count from two different days.
FIXED_DAY = datetime.date(2026, 3, 12)

_passthrough = typer.Typer(add_completion=False)


@_passthrough.command(
    context_settings={
        "ignore_unknown_options": True,
        "allow_extra_args": True,
        "help_option_names": [],
    }
)
def _through_main(ctx: typer.Context) -> None:
    from ketaprep.cli import main

    sys.argv = ["ketaprep", *ctx.args]
    main()


def ketaprep(*args: str, monkeypatch: pytest.MonkeyPatch, input: str | None = None) -> Result:
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    return CliRunner().invoke(_passthrough, list(args), input=input)


def said(result: Result) -> str:
    """The output with its line wrapping undone."""
    return " ".join(result.output.split())


def write_answers(tmp_path: Path, answers: Mapping[str, object], name: str = "a.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(dict(answers), allow_unicode=True), encoding="utf-8")
    return path


def prepare_from_file(tmp_path: Path, answers: Mapping[str, object]) -> None:
    """A session got ready for, as ``ketaprep prepare --answers`` leaves it."""
    path = write_answers(tmp_path, answers, "prepare.yaml")
    with pytest.MonkeyPatch.context() as monkeypatch:
        result = ketaprep("prepare", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
