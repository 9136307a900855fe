"""The README's set-up command comes first, and its test command is the one CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def commands_in(heading: str) -> list[str]:
    """The shell commands (```sh blocks) of the README's section ``## heading``."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```(?:sh|bash)\n(.+?)\n```", section)


def test_the_setup_command_comes_first_and_makes_a_virtual_environment() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.index("## Set up") < readme.index("## Using it") < readme.index("## Developing")
    [setup] = commands_in("Set up")
    assert setup.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install .")
    assert setup.endswith("&& ketaprep")
    assert "pytest" not in setup


def test_the_test_command_is_under_developing_and_ci_runs_it() -> None:
    [test_command] = commands_in("Developing")
    assert "[test]" in test_command and "pytest" in test_command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f'step "{test_command}"' in ci
