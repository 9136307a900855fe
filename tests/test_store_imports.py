"""The store's place in the flow: it imports nothing from the guides, the walks or the
views, and naming a record for a type costs no database library."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import ketaprep.store

STORE = Path(ketaprep.store.__file__).parent
# What the store may use besides itself: light modules that know nothing of guides.
ALLOWED = {"store", "answers", "errors", "paths", "text", "vocab", "console", "passphrase"}


def _ketaprep_imports(path: Path) -> set[str]:
    """The ketaprep modules ``path`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "ketaprep":
            found.update(f"ketaprep.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("ketaprep.")}


def test_the_store_imports_nothing_from_guides_walks_or_views() -> None:
    modules = sorted(STORE.glob("*.py"))
    assert len(modules) > 5  # the measurement sees the package
    beyond = {
        path.name: sorted(n for n in _ketaprep_imports(path) if n.split(".")[1] not in ALLOWED)
        for path in modules
    }
    assert {name: found for name, found in beyond.items() if found} == {}


def _sqlite3_after(code: str) -> bool:
    """Whether the store's SQLite (SQLCipher's build, see store/connection.py) is loaded."""
    done = subprocess.run(
        [sys.executable, "-c", f"import sys; {code}; print('sqlcipher3' in sys.modules)"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip() == "True"


def test_a_record_comes_without_sqlite3_and_the_store_with_it() -> None:
    assert _sqlite3_after("from ketaprep.store import Answer, Entry, Session") is False
    assert _sqlite3_after("from ketaprep.store import open_store") is True
