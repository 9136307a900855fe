"""docs/cli.md is the real ``--help`` of every command, as scripts/cli_docs.py makes it."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cli_docs", ROOT / "scripts" / "cli_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_reference_names_every_command() -> None:
    lines = [" ".join(words) for words in _script().command_lines()]
    assert lines[0] == "" and {"prepare", "help-now", "session change", "guides check"} <= set(
        lines
    )


def test_the_reference_is_the_help_as_it_is_now() -> None:
    made = _script().reference()
    assert "\n## ketaprep session change\n" in made and "Usage: ketaprep review" in made
    written = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == made, "docs/cli.md is out of date: run python scripts/cli_docs.py"
