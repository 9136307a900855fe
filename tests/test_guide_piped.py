"""``ketaprep guide`` in a pipe is written without rich (walks/steps_text.py), and says
byte for byte what rich says there: the box table, or the steps stacked on a narrow
screen, at any width; text only rich can lay out is left to rich. A reader that stops
early (``| head -1``) ends it quietly, with exit code 0."""

from __future__ import annotations

import dataclasses
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from cli_helpers import ketaprep
from ketaprep.console import show_paged
from ketaprep.guides.load import load_guides
from ketaprep.walks import guide, screens, steps_text

pytestmark = pytest.mark.usefixtures("welcomed")


def drawn_by_rich(width: int, guides: object = None) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, highlight=False, force_terminal=False)
    show_paged(screens.steps_table(guides or load_guides(), width), console)  # type: ignore[arg-type]
    return out.getvalue()


@pytest.mark.parametrize("width", [*range(20, 101), 120, 160, 200])
def test_the_steps_are_written_as_rich_writes_them(width: int) -> None:
    written = steps_text.steps_text(load_guides(), width)
    assert written == drawn_by_rich(width)


def test_both_forms_are_met() -> None:
    """The widths above cover the stacked form and the box (the measurement works)."""
    assert steps_text.steps_text(load_guides(), 40).startswith("The five steps\n\n1    ")
    assert "┏" in (steps_text.steps_text(load_guides(), 80) or "")


@pytest.mark.parametrize("columns", ["40", "63", "64", "80", "131"])
def test_piped_guide_is_what_rich_writes(columns: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", columns)  # before any console is made
    with monkeypatch.context() as plainly:
        plainly.setattr(guide, "show_paged", lambda *_: pytest.fail("drawn by rich"))
        written = ketaprep("guide", monkeypatch=monkeypatch)
    with monkeypatch.context() as rich_only:
        rich_only.setattr(guide, "steps_text", lambda *_: None)
        drawn = ketaprep("guide", monkeypatch=monkeypatch)
    assert written.exit_code == drawn.exit_code == 0
    assert written.stdout == drawn.stdout
    assert "Read one in full with" in written.stdout


@pytest.mark.parametrize(
    "title",
    ["Préparer la séance", "Tab\there", "Two\nlines", "A" * 70, "Supercalifragilistic" * 2],
    ids=["accents", "a tab", "a line end", "a word wider than any column", "long words"],
)
@pytest.mark.parametrize("width", [30, 64, 80])
def test_text_only_rich_can_lay_out_is_left_to_rich(title: str, width: int) -> None:
    guides = load_guides()
    changed = [dataclasses.replace(guides.steps[0], title=title), *guides.steps[1:]]
    odd = dataclasses.replace(guides, steps=tuple(changed))
    written = steps_text.steps_text(odd, width)
    assert written is None or written == drawn_by_rich(width, odd)
    if not title.isascii() or not title.isprintable():
        assert written is None


def test_a_stdout_that_is_not_utf8_is_left_to_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    """rich draws the box in ASCII there."""
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="ascii"))
    assert steps_text.steps_text(load_guides(), 80) is None


def test_a_reader_that_stops_early_ends_guide_quietly(tmp_path: Path) -> None:
    """``ketaprep guide | head -1``: exit code 0 and nothing on stderr, as export."""
    env = {**os.environ, "COLUMNS": "80"}
    for args in (["guide"], ["guide", "2"], ["help-now"]):
        with subprocess.Popen(
            [sys.executable, "-m", "ketaprep", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=env,
        ) as process:
            assert process.stdout is not None and process.stderr is not None
            process.stdout.close()  # before it writes a line
            errors = process.stderr.read()
            assert process.wait(timeout=60) == 0, errors
            assert errors == b""
