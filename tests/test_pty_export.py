"""``ketaprep export -o FILE`` in a real terminal, when FILE is there already: it asks,
and keeps the file unless the person says yes."""

from __future__ import annotations

from pathlib import Path

import pytest

from pty_helpers import CTRL_C, ENTER, Terminal
from review_data import fill

pytestmark = [pytest.mark.pty, pytest.mark.usefixtures("welcomed")]

OLD = "the export from last week"


@pytest.fixture
def old_export(tmp_path: Path) -> Path:
    fill()
    target = tmp_path / "journal.md"
    target.write_text(OLD)
    return target


@pytest.mark.parametrize("plain", [False, True])
def test_yes_replaces_the_file(ketaprep_home: Path, old_export: Path, plain: bool) -> None:
    args = ["--plain"] if plain else []
    with Terminal(
        *args, "export", "-f", "markdown", "-o", "journal.md",
        home=ketaprep_home, cwd=old_export.parent,
    ) as term:  # fmt: skip
        term.wait_for("journal.md already exists. Replace it?")
        if plain:
            term.wait_for("Type yes or no. Press enter for no.")
            term.send("yes", ENTER)
        else:
            term.wait_for("(y/N)")
            term.send("y")
        term.wait_for("to journal.md. Only you can read it.")
        assert term.wait_exit() == 0
    assert old_export.read_text(encoding="utf-8").startswith("# My ketaprep journal")


@pytest.mark.parametrize("keys", [ENTER, "n", CTRL_C])
def test_anything_but_yes_keeps_the_file(ketaprep_home: Path, old_export: Path, keys: str) -> None:
    with Terminal("export", "-o", "journal.md", home=ketaprep_home, cwd=old_export.parent) as term:
        term.wait_for("journal.md already exists. Replace it? (y/N)")
        term.send(keys)
        if keys == CTRL_C:
            term.wait_for("Stopped. Nothing was written to journal.md; your journal is as it was.")
            assert term.wait_exit() == 130
        else:
            term.wait_for("Kept journal.md as it was. Nothing was written.")
            assert term.wait_exit() == 0
        assert "Traceback" not in term.all_output()
    assert old_export.read_text() == OLD
    assert [path.name for path in old_export.parent.glob(".*.tmp")] == []
