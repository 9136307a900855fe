"""Reading a file a person points ketaprep at: a guide, an answers file, an import, the
settings. Only a regular file is read (a FIFO could hang, a device could read forever),
and only up to a size limit. Links are followed first, so a link to a file is fine.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

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

    # The pure-Python loader, as yaml.safe_load: libyaml refuses escapes such as "\ud800",
    # which the store then cleans.
    loader_class = _value_checking(yaml.SafeLoader)
    loader = None
    try:
        loader = loader_class(text)  # reading starts here: it checks the characters
        return loader.get_single_data()
    except _BadValue as bad:
        raise YamlProblem(
            f"has a value that cannot be read (line {bad.line}): {bad.what}"
        ) from None
    except yaml.YAMLError as error:
        if "nesting depth" in str(getattr(error, "problem", "")):
            raise YamlProblem("is nested too deeply to read") from None
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise YamlProblem(f"is not valid YAML{where}") from None
    except RecursionError:
        raise YamlProblem("is nested too deeply to read") from None
    finally:
        if loader is not None:
            loader.dispose()


class _BadValue(Exception):  # not a ValueError: the loader must not catch it again
    def __init__(self, line: int, what: str) -> None:
        super().__init__(line, what)
        self.line = line
        self.what = what


def _value_checking(base: Any) -> Any:
    class Loader(base):  # type: ignore[misc]
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
