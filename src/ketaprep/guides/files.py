"""Finding and reading files: the guide files (built in, or a clinic's folder), and any
file a person points ketaprep at (an answers file, an import, the settings).

Only a regular file is read (a FIFO could hang, a device could read forever), and only
up to a size limit. Links are followed first, so a link to a file is fine.

The built-in guides are in the wheel as ``ketaprep/_guides``. hatchling's force-include
is not applied to editable installs, so those read the repository's ``guides/`` folder.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ketaprep.errors import KetaprepError

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable as Traversable
    else:
        from importlib.abc import Traversable as Traversable

MIB = 1024 * 1024
TEXT_LIMIT = 1 * MIB  # guides, answers files, settings: far bigger than any real one
IMPORT_LIMIT = 256 * MIB  # a JSON export: years of entries are a few MiB

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


class FileProblem(Exception):
    """Why a file was not read, to end a sentence that names it: "... is a folder"."""

    def __init__(self, reason: str, missing: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.missing = missing  # there is no such file


def read_small_file(path: Path, limit: int = TEXT_LIMIT) -> bytes:
    """The bytes of the regular file at ``path`` (links followed), at most ``limit`` of
    them; anything else is a FileProblem. O_NONBLOCK: opening a FIFO returns at once
    (and it is then refused) instead of waiting for a writer."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise FileProblem("cannot be read: No such file or directory", missing=True) from None
    except OSError as error:
        raise FileProblem(f"cannot be read: {error.strerror or error}") from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise FileProblem("cannot be read: Is a directory")
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "not a file")
            raise FileProblem(f"is {kind}, not a regular file")
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(descriptor, min(limit + 1 - size, MIB))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise FileProblem(f"cannot be read: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    if size > limit:
        raise FileProblem(f"is bigger than {limit // MIB} MiB, more than ketaprep reads")
    return b"".join(chunks)


class YamlProblem(Exception):
    """Why YAML text cannot be read, to end a sentence that names the file."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def load_yaml(text: str) -> Any:
    """``text`` read with safe YAML loading; any problem is a YamlProblem naming the line.

    Beyond YAML's own errors: a value that YAML knows but Python cannot hold, such as
    ``2026-02-30`` unquoted (a date off the calendar) or a number of 5000 digits (over
    Python's limit for reading numbers), and nesting too deep to read.
    """
    import yaml

    # libyaml reads ten times faster. Whatever it refuses is read again by the pure-Python
    # reader, as yaml.safe_load reads: it takes escapes such as "\ud800" (which the store
    # then cleans), and its words for a mistake are the ones ketaprep says. (libyaml also
    # takes a tab after "key:", which the pure reader refuses.)
    faster = getattr(yaml, "CSafeLoader", None)
    if faster is not None:
        try:
            return _load(text, faster)
        except UnicodeEncodeError:  # a lone surrogate in the text itself
            pass
        except yaml.YAMLError as error:
            if "nesting depth" in str(getattr(error, "problem", "")):  # libyaml's limit
                raise YamlProblem(TOO_DEEP) from None
    try:
        return _load(text, yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise YamlProblem(f"is not valid YAML{where}") from None


# Far deeper than any guide or answers file (they nest 7 deep). The pure-Python reader
# slows with each open bracket (5,000 took 3 to 10 seconds): it stops at this depth.
MOST_NESTING = 100
TOO_DEEP = "is nested too deeply to read"


def _load(text: str, base: Any) -> Any:
    loader = None
    try:
        loader = _value_checking(base)(text)  # reading starts here: it checks the characters
        node = loader.get_single_node()
        if node is None:
            return None
        if _depth(node) > MOST_NESTING:
            raise YamlProblem(TOO_DEEP)
        return loader.construct_document(node)
    except _BadValue as bad:
        raise YamlProblem(
            f"has a value that cannot be read (line {bad.line}): {bad.what}"
        ) from None
    except RecursionError:
        raise YamlProblem(TOO_DEEP) from None
    finally:
        if loader is not None:
            loader.dispose()


def _depth(node: Any) -> int:
    """How deep collections nest in a YAML node, counted without recursion."""
    deepest, below = 0, [(node, 1)]
    while below:
        node, depth = below.pop()
        deepest = max(deepest, depth)
        if isinstance(node.value, list):
            for child in node.value:
                below.extend(
                    (part, depth + 1) for part in (child if isinstance(child, tuple) else (child,))
                )
    return deepest


def dump_yaml(data: Any) -> str:
    """``data`` as YAML text, with its keys in their order and its letters as they are."""
    import yaml

    return str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


class _BadValue(Exception):  # not a ValueError: the loader must not catch it again
    def __init__(self, line: int, what: str) -> None:
        super().__init__(line, what)
        self.line = line
        self.what = what


def _value_checking(base: Any) -> Any:
    class Loader(base):  # type: ignore[misc]
        depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:  # the pure-Python reader's
            self.depth += 1
            try:
                if self.depth > MOST_NESTING:
                    raise YamlProblem(TOO_DEEP)
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            try:
                return super().construct_object(node, deep)
            except (ValueError, OverflowError) as error:
                raise _BadValue(node.start_mark.line + 1, _explain(node, error)) from None

    return Loader


def _explain(node: Any, error: Exception) -> str:
    value = str(getattr(node, "value", ""))
    if "digits" in str(error):
        return "a number too long to read (quote it to keep it as text)"
    if node.tag.endswith(":timestamp"):
        return f"{value} is not a day on the calendar"
    return f"{value[:40]} cannot be read as {node.tag.rsplit(':', 1)[-1]}"


# --- guide files -----------------------------------------------------------------

STEP_FILES = (
    "01-understanding.yaml",
    "02-preparing.yaml",
    "03-embracing.yaml",
    "04-integrating.yaml",
    "05-maintaining.yaml",
    "faq.yaml",
)
PLAN_FILE = "safety-plan.yaml"
SAFETY_FILE = "safety.yaml"
GUIDE_FILES = (*STEP_FILES, PLAN_FILE, SAFETY_FILE)
QUESTIONNAIRES = "questionnaires"  # the folder of questionnaire files in a guides folder
MOST_QUESTIONNAIRES = 50  # files in it: far more than any clinic uses


@dataclass(frozen=True)
class Source:
    """One guide file to read."""

    name: str  # one of GUIDE_FILES, or a questionnaire: "questionnaires/low-mood.yaml"
    file: Traversable
    shown_as: str  # the path printed in problems
    builtin: bool = False


def builtin_dir() -> Traversable:
    """The guides shipped in the wheel; an editable install reads the repo's ``guides/``."""
    package = Path(__file__).resolve().parents[1]  # ketaprep/guides/files.py -> ketaprep
    if (package / "_guides").is_dir():
        return package / "_guides"
    if package.is_dir():
        return package.parents[1] / "guides"  # src/ketaprep -> the repo
    # Inside a zip: only importlib.resources reads it (its import takes a while, so only
    # here).
    from importlib.resources import files

    return files("ketaprep") / "_guides"


def read_source(source: Source) -> bytes:
    """A guide file's bytes; a FileProblem or OSError says why not."""
    if isinstance(source.file, Path):
        return read_small_file(source.file)
    return source.file.read_bytes()  # inside a zipped wheel: ketaprep's own files


def builtin_sources() -> dict[str, Source]:
    folder = builtin_dir()
    return {
        name: Source(name, folder / name, str(folder / name), builtin=True) for name in GUIDE_FILES
    }


def folder_sources(folder: Path, names: set[str]) -> dict[str, Source]:
    """The known guide files among ``names`` in a clinic's ``folder``."""
    return {
        name: Source(name, folder / name, str(folder / name))
        for name in GUIDE_FILES
        if name in names
    }


def custom_sources(folder: Path) -> dict[str, Source]:
    """The known guide files in a clinic's folder; anything odd is one-sentence error."""
    names = listing(folder)
    unknown = sorted(name for name in names if looks_like_guide(name) and name not in GUIDE_FILES)
    if unknown:
        raise KetaprepError(
            f"The guides folder {folder} has files ketaprep does not know ({', '.join(unknown)}); "
            f"guide files are named {', '.join(GUIDE_FILES)}."
        )
    return folder_sources(folder, names)


def listing(folder: Path) -> set[str]:
    """The names in a guides folder; a missing or unreadable one is a KetaprepError."""
    try:
        return {entry.name for entry in folder.iterdir()}
    except FileNotFoundError:
        raise KetaprepError(f"The guides folder {folder} does not exist.") from None
    except NotADirectoryError:
        raise KetaprepError(f"{folder} is a file, not a folder of guides.") from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise KetaprepError(f"The guides folder {folder} cannot be read: {reason}.") from None


def looks_like_guide(name: str) -> bool:
    return name.endswith((".yaml", ".yml")) and not name.startswith(".")


def guide_files_in(folder: Path) -> list[str]:
    """The guide files ketaprep reads that ``folder`` holds, its questionnaires too."""
    names = listing(folder)
    return [name for name in GUIDE_FILES if name in names] + list(questionnaire_sources(folder))


def questionnaire_sources(folder: Traversable, *, builtin: bool = False) -> dict[str, Source]:
    """The files in ``folder``'s questionnaires folder, by name
    (``questionnaires/low-mood.yaml``), sorted; none when it has no such folder."""
    inside = folder / QUESTIONNAIRES
    if not inside.is_dir():
        return {}
    names = sorted(_names_in(inside))
    if len(names) > MOST_QUESTIONNAIRES:
        raise KetaprepError(
            f"The folder {inside} has {len(names)} files, more than the "
            f"{MOST_QUESTIONNAIRES} questionnaires ketaprep reads."
        )
    return {
        f"{QUESTIONNAIRES}/{name}": Source(
            f"{QUESTIONNAIRES}/{name}", inside / name, str(inside / name), builtin=builtin
        )
        for name in names
        if name.endswith(".yaml") and not name.startswith(".")
    }


def builtin_questionnaire_sources() -> dict[str, Source]:
    return questionnaire_sources(builtin_dir(), builtin=True)


def misnamed_questionnaires(folder: Path) -> list[str]:
    """Files in a clinic's questionnaires folder that look meant but are not read."""
    inside = folder / QUESTIONNAIRES
    if not inside.is_dir():
        return []
    return sorted(name for name in _names_in(inside) if name.endswith(".yml"))


def _names_in(folder: Traversable) -> set[str]:
    if isinstance(folder, Path):
        return listing(folder)
    return {entry.name for entry in folder.iterdir()}
