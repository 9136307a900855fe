"""The house rules, read from the code's own imports (at the top, inside functions and
under TYPE_CHECKING alike): no import cycle between modules or between packages, data
flowing one way, each heavy library in its own room, and short modules and functions.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import ketaprep

SRC = Path(ketaprep.__file__).parent
MOST_LINES = 450  # in a module
MOST_FUNCTION_LINES = 60
# library -> the modules that may import it (a name ending in "." is a whole package)
OWNERS = {
    "sqlite3": ("ketaprep.store.",),
    "sqlcipher3": ("ketaprep.store.",),
    "questionary": ("ketaprep.ask.terminal", "ketaprep.ask.keys"),
    "prompt_toolkit": ("ketaprep.ask.terminal", "ketaprep.ask.keys"),
    "yaml": ("ketaprep.guides.",),
}


@dataclass(frozen=True)
class Import:
    module: str  # the module that imports
    target: str  # what it imports: a ketaprep module, or a library's top name
    line: int


def _name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(path): path for path in sorted(SRC.rglob("*.py"))}


def _imports(module: str) -> Iterator[Import]:
    """Every import in ``module``: a ketaprep module as the most exact module named."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            names = [f"{base}.{alias.name}" for alias in node.names]
            names = [name if name in MODULES else base for name in names]
        else:
            continue
        for name in names:
            target = name if name in MODULES or name.startswith("ketaprep.") else name.split(".")[0]
            yield Import(module, target, node.lineno)


IMPORTS = [found for module in MODULES for found in _imports(module)]


def _package(module: str) -> str:
    """The room a module is in: its package under ketaprep, or itself at the top."""
    return ".".join(module.split(".")[:2])


def _cycles(edges: set[tuple[str, str]]) -> list[list[str]]:
    """The groups of nodes that reach each other (Tarjan's strongly connected parts)."""
    after: dict[str, set[str]] = {}
    for start, end in edges:
        after.setdefault(start, set()).add(end)
        after.setdefault(end, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for following in sorted(after[node]):
            if following not in index:
                visit(following)
                low[node] = min(low[node], low[following])
            elif following in stack:
                low[node] = min(low[node], index[following])
        if low[node] == index[node]:
            group = []
            while not group or group[-1] != node:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(after):
        if node not in index:
            visit(node)
    return found


def _ketaprep_edges(room: bool = False) -> set[tuple[str, str]]:
    edges = set()
    for found in IMPORTS:
        if found.target in MODULES:
            start, end = (found.module, found.target)
            if room:
                start, end = _package(start), _package(end)
            if start != end:
                edges.add((start, end))
    return edges


def test_the_imports_are_read() -> None:
    assert len(MODULES) > 60 and "ketaprep.store.database" in MODULES
    targets = {(found.module, found.target) for found in IMPORTS}
    assert ("ketaprep.cli", "ketaprep.cli.start") in targets  # from a package
    assert ("ketaprep.walks.help_now", "ketaprep.ask") in targets  # inside a function
    assert ("ketaprep.store.connection", "sqlcipher3") in targets  # a library
    assert _cycles({("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")}) == [["a", "b", "c"]]


def test_no_module_imports_itself_round_again() -> None:
    assert _cycles(_ketaprep_edges()) == []


def test_no_package_imports_itself_round_again() -> None:
    """guides -> walks -> store, store -> review and export: never back."""
    assert _cycles(_ketaprep_edges(room=True)) == []


@pytest.mark.parametrize(
    ("room", "not_from"),
    [
        ("ketaprep.store", {"guides", "walks", "review", "export", "ask", "cli", "config"}),
        ("ketaprep.guides", {"walks", "store", "review", "export", "ask", "cli", "config"}),
        ("ketaprep.review", {"walks", "export", "cli"}),
        ("ketaprep.export", {"walks", "cli"}),
        ("ketaprep.ask", {"walks", "review", "export", "cli"}),
    ],
)
def test_data_flows_one_way(room: str, not_from: set[str]) -> None:
    backwards = [
        f"{found.module}:{found.line} imports {found.target}"
        for found in IMPORTS
        if _package(found.module) == room
        and found.target.startswith("ketaprep.")
        and found.target.split(".")[1] in not_from
    ]
    assert backwards == []


@pytest.mark.parametrize("library", sorted(OWNERS))
def test_each_heavy_library_is_imported_in_its_own_room_only(library: str) -> None:
    users = {found.module for found in IMPORTS if found.target == library}
    assert users  # the measurement sees it
    owners = OWNERS[library]
    assert sorted(m for m in users if not any(m.startswith(o) or m == o for o in owners)) == []


def test_no_module_is_long() -> None:
    lengths = {
        name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in MODULES.items()
    }
    assert {name: count for name, count in lengths.items() if count > MOST_LINES} == {}


def test_no_function_is_long() -> None:
    long = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > MOST_FUNCTION_LINES:
                    long.append(f"{name}.{node.name}: {size} lines")
    assert long == []
