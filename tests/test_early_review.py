"""``review`` with its options starts before typer (cli/early_review.py), and says and does
what the typer app says and does for the same arguments; every other form goes to typer."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import ketaprep
from ketaprep.cli import start
from review_data import fill

pytestmark = pytest.mark.usefixtures("welcomed")

EARLY = [
    ["--list"],
    ["--list", "--limit", "2"],
    ["--list", "--limit=0", "--kind", "journal"],
    ["--limit", "3", "--limit", "1", "--list"],  # the last one counts, as in typer
    ["--search", "river"],
    ["--search=river quiet", "--json"],
    ["--tag", "family", "--limit", "0"],
    ["--session", "1"],
    ["--session", "1", "--json"],
    ["--session", "9"],
    ["--kind", "checkin", "--since", "last week"],
    ["--since", "2020-01-01", "--until", "2019-01-01"],
    ["--kind", "nonsense"],
    ["--limit", "100001", "--list"],
    ["--trends"],
    ["--wins", "--json"],
    ["--list", "--json", "--trends"],
    ["--search", "   "],
]


@pytest.mark.parametrize("args", EARLY, ids=" ".join)
def test_review_early_does_what_the_typer_app_does(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fill()
    assert start.early_command(["review", *args]) is not None
    done = {}
    for way in ("early", "typer"):
        if way == "typer":
            monkeypatch.setattr(start, "early_command", lambda _: None)
        result = ketaprep("review", *args, monkeypatch=monkeypatch)
        done[way] = (result.exit_code, result.stdout, result.stderr)
    assert done["early"] == done["typer"]
    assert done["early"][1] or done["early"][2]  # it said something


def test_the_first_run_is_welcomed_before_review_early(
    ketaprep_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (ketaprep_home / "welcomed").unlink()
    early = ketaprep("review", "--list", monkeypatch=monkeypatch)
    (ketaprep_home / "welcomed").unlink()
    monkeypatch.setattr(start, "early_command", lambda _: None)
    typer = ketaprep("review", "--list", monkeypatch=monkeypatch)
    assert (early.exit_code, early.stdout, early.stderr) == (
        typer.exit_code,
        typer.stdout,
        typer.stderr,
    )
    assert early.stderr.strip()  # the welcome, on stderr


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["show", "abcd"],
        ["--help"],
        ["--list", "--help"],
        ["--limit"],
        ["--limit", "-1"],
        ["--limit", "five"],
        ["--limit", "+5"],
        ["--limit", "٣"],  # a digit, but not one typer reads
        ["--search"],
        ["--search", ""],
        ["--search="],
        ["--search", "-x"],
        ["--list=yes"],
        ["--lis"],
        ["--no-list"],
        ["--", "--list"],
        ["--list", "extra"],
    ],
    ids=lambda args: " ".join(args) or "nothing",
)
def test_every_other_form_of_review_goes_to_the_typer_app(args: list[str]) -> None:
    assert start.early_command(["review", *args]) is None
