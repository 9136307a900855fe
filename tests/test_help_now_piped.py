"""``help-now`` in a pipe is written without rich, and says byte for byte what rich says
there: for every region, with and without a plan, at any width."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import ketaprep, write_answers
from ketaprep.guides.load import load_guides
from ketaprep.walks import help_now

pytestmark = pytest.mark.usefixtures("welcomed")

PLAN = {
    "coping": ["Slow breathing", "A warm shower that lasts a long, long time, as long as I like"],
    "people": ["Sam: 555 0101", "Mum: [b]555 0102[/b]", "Jo \x1b[31m"],
    "clinic-after-hours": "555 0199 " * 12,
}
ACCENTED = {"people": ["José: 555 0101"], "coping": ["A walk to the café"]}
REGIONS = [None, *(region.id for region in load_guides().safety.regions)]


def make_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: dict[str, object]) -> None:
    path = write_answers(tmp_path, answers, "plan.yaml")
    assert ketaprep("plan", "--answers", str(path), monkeypatch=monkeypatch).exit_code == 0


def both_ways(monkeypatch: pytest.MonkeyPatch, *args: str, plain: bool = True) -> tuple[str, str]:
    """help-now's stdout as it comes (written plainly, unless ``plain`` is False), and
    drawn by rich."""
    with monkeypatch.context() as way:
        if plain:
            way.setattr(help_now, "_drawn", lambda *_: pytest.fail("drawn by rich"))
        plainly = ketaprep("help-now", *args, monkeypatch=monkeypatch)
    with monkeypatch.context() as rich_only:
        rich_only.setattr(help_now, "_written_plainly", lambda *_: False)
        drawn = ketaprep("help-now", *args, monkeypatch=monkeypatch)
    assert plainly.exit_code == drawn.exit_code == 0
    return plainly.stdout, drawn.stdout


@pytest.mark.parametrize("columns", ["80", "20", "37", "200"])
@pytest.mark.parametrize("plan", [None, PLAN], ids=["no plan", "a plan"])
def test_piped_help_now_is_what_rich_writes(
    plan: dict[str, object] | None,
    columns: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", columns)  # before any console is made
    if plan:
        make_plan(tmp_path, monkeypatch, plan)
    for region in REGIONS:
        plainly, drawn = both_ways(monkeypatch, *(["--region", region] if region else []))
        assert plainly == drawn
        assert "If you or someone else is in danger right now" in " ".join(plainly.split())


def test_text_only_rich_can_lay_out_is_left_to_rich(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_plan(tmp_path, monkeypatch, ACCENTED)
    plainly, drawn = both_ways(monkeypatch, "--region", "us", plain=False)
    assert plainly == drawn
    assert "  People you can ask: José: 555 0101\n" in plainly
