"""Write docs/cli.md, the command reference, from the real ``--help`` of every command.

    python scripts/cli_docs.py          # write docs/cli.md
    python scripts/cli_docs.py --check  # exit 1 if docs/cli.md is out of date

Each command's help is what ``ketaprep ... --help`` prints in an 80-column terminal, run
in a throwaway KETAPREP_HOME. tests/test_cli_docs.py fails when the file is stale.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from ketaprep.cli import app

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "docs" / "cli.md"
COLUMNS = 80

HEAD = """# Command reference

Every command's `--help`, as ketaprep prints it. This page is made from the real help
by `python scripts/cli_docs.py` (tests/test_cli_docs.py fails when it is out of date),
so do not edit it by hand: change the help in `src/ketaprep/cli/` and run the script.
"""


def command_lines() -> Iterator[tuple[str, ...]]:
    """Every command's words after ``ketaprep``, in the order ``--help`` lists them."""
    yield from _below(typer.main.get_command(app), ())


def _below(command: Any, words: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """``command``'s words, then each of its commands' (a typer group is a click group)."""
    yield words
    if hasattr(command, "list_commands"):
        context = typer.Context(command)
        for name in command.list_commands(context):
            below = command.get_command(context, name)
            if below is not None and not below.hidden:
                yield from _below(below, (*words, name))


def help_text(words: tuple[str, ...], home: Path) -> str:
    """What ``ketaprep WORDS --help`` prints."""
    environment = {
        **os.environ,
        "KETAPREP_HOME": str(home),
        "COLUMNS": str(COLUMNS),
        "TERM": "dumb",
        "NO_COLOR": "1",
    }
    environment.pop("KETAPREP_GUIDES", None)
    done = subprocess.run(
        [sys.executable, "-m", "ketaprep", *words, "--help"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=True,
    )
    return done.stdout.replace("python -m ketaprep", "ketaprep")


def reference() -> str:
    """The whole of docs/cli.md."""
    parts = [HEAD]
    with tempfile.TemporaryDirectory() as home:
        for words in command_lines():
            title = " ".join(("ketaprep", *words))
            parts.append(f"\n## {title}\n\n```text\n{help_text(words, Path(home)).rstrip()}\n```\n")
    return "".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is stale")
    made = reference()
    if parser.parse_args().check:
        if REFERENCE.read_text(encoding="utf-8") != made:
            print(f"{REFERENCE} is out of date: run python scripts/cli_docs.py", file=sys.stderr)
            return 1
        return 0
    REFERENCE.write_text(made, encoding="utf-8")
    print(f"Wrote {REFERENCE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
