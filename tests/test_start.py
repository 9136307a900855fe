"""The commands that start early (start.py) say and do what the typer app says and does
for the same arguments, and every other form of them goes to the typer app."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import ketaprep
from ketaprep.cli import start
from ketaprep.guides.files import builtin_dir

SAFETY = (builtin_dir() / "safety.yaml").read_text(encoding="utf-8")


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    """A clinic's folder whose safety.yaml says one line in its own words."""
    folder = tmp_path / "clinic"
    folder.mkdir()
    words = "If you or someone else is in danger right now, call your local emergency number."
    (folder / "safety.yaml").write_text(
        SAFETY.replace(words, "Our clinic says to call your local emergency number now."),
        encoding="utf-8",
    )
    return folder


EARLY = [
    ["--version"],
    ["help-now"],
    ["help-now", "--region", "us"],
    ["help-now", "--region=uk-ie"],
    ["help-now", "--region", "zz"],
    ["--plain", "help-now"],
    ["--debug", "--plain", "help-now", "--region", "nz"],
    ["--guides", "{clinic}", "help-now"],
    ["--guides={clinic}", "guide"],
    ["--guides", "{missing}", "guide"],
    ["guide"],
    ["guide", "4"],
    ["guide", "faq"],
    ["guide", "9"],
    ["prepare"],  # no terminal here: both say so
    ["journal"],
    ["--plain", "--guides", "{clinic}", "journal"],
    ["checkin"],
]


@pytest.mark.parametrize("args", EARLY, ids=" ".join)
def test_an_early_command_does_what_the_typer_app_does(
    args: list[str], clinic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = [arg.format(clinic=clinic, missing=tmp_path / "missing") for arg in args]
    assert start.early_command(args) is not None
    done = {}
    for way in ("early", "typer"):
        monkeypatch.setenv("KETAPREP_HOME", str(tmp_path / way))  # each its own first run
        if way == "typer":
            monkeypatch.setattr(start, "early_command", lambda _: None)
        result = ketaprep(*args, monkeypatch=monkeypatch)
        done[way] = (result.exit_code, result.stdout, result.stderr)
    assert done["early"] == done["typer"]
    if args[-1] == "help-now" and str(clinic) in " ".join(args):
        assert done["early"][1].startswith("Our clinic says")
    assert done["early"][1] or done["early"][2]  # it said something


def test_the_guides_folder_comes_from_the_environment_too(
    clinic: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KETAPREP_GUIDES", str(clinic))
    result = ketaprep("help-now", monkeypatch=monkeypatch)
    assert result.exit_code == 0
    assert result.stdout.startswith("Our clinic says")


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--version", "guide"],
        ["help-now", "--help"],
        ["--help", "help-now"],
        ["help-now", "--region"],
        ["help-now", "--region="],
        ["help-now", "--region", "-x"],
        ["help-now", "--region", "us", "--region", "nz"],
        ["help-now", "us"],
        ["guide", "1", "2"],
        ["guide", "--plain"],
        ["--guides", "", "guide"],
        ["--guides", "guide"],
        ["--bogus", "guide"],
        ["review"],
        ["--plain"],
        ["prepare", "--session", "2"],
        ["journal", "--help"],
        ["prepare", "2"],
        ["checkin", "--answers"],
    ],
    ids=lambda args: " ".join(args) or "nothing",
)
def test_every_other_form_goes_to_the_typer_app(args: list[str]) -> None:
    assert start.early_command(args) is None
