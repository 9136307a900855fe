"""What YAML files became, kept: so a command that has read them before starts without
yaml. The guides (``load``) and the settings (``config``) are read this way.

Reading and checking the YAML takes longer than anything else help-now and guide do.
What a set of files became is kept twice: in this process (a command, or the tests,
never reads the same files twice) and in a file in the cache folder
(``paths.get_cache_dir``), written privately and at once.

A kept result is used only while its key still holds: ketaprep's version, the size and
time of change of every file it was built from and of the code that builds guides (this
package's modules). Anything else (a file changed, added or gone, a cache file that is
damaged, cut short, not private, of another format) means the files are read again and
the cache file is written anew. A file changed in the last few seconds is not kept at all:
its time of change is too coarse to tell a second change at once from the first.

What is kept must be made of dataclasses, tuples, dicts, text, numbers, True, False and
None: it is stored with ``marshal`` (the standard library's fastest to read back; a
dataclass is a list of its class's number and its values), behind a checksum.
"""

from __future__ import annotations

import dataclasses
import importlib
import marshal
import os
import stat
import sys
import time
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ketaprep import __version__
from ketaprep.errors import KetaprepError
from ketaprep.paths import ensure_private_dir, get_cache_dir

if TYPE_CHECKING:
    from ketaprep.guides.files import Traversable

T = TypeVar("T")
FORMAT = 1  # of the cache file: a change to how it is written bumps it
MAGIC = b"ketaprep cache\n"
SETTLED_NS = 3 * 10**9  # a file changed less long ago than this is not kept
LARGEST = 16 * 1024 * 1024  # a cache file bigger than this is not read

Stamp = tuple[str, int | None, int | None]  # path, size, time of change (ns)
Key = tuple[Any, ...]
_kept: dict[Key, Any] = {}  # in this process: key -> what was built
_code: tuple[Stamp, ...] | None = None


def cached(what: str, files: Iterable[Traversable], build: Callable[[], T]) -> T:
    """What ``build`` makes of ``files``: kept from before while they (and ketaprep) are
    as they were, else built now and kept. ``what`` names the cache file; a build that
    raises is never kept."""
    started = time.time_ns()
    stamps = tuple(_stamp(file) for file in files)
    key = (FORMAT, __version__, what, stamps, _code_stamps())
    if key in _kept:
        return _kept[key]  # type: ignore[no-any-return]
    file = get_cache_dir() / f"{what}.cache"
    found = _read(file, key)
    if found is not None:
        _kept[key] = found
        return found  # type: ignore[no-any-return]
    built = build()
    if all(_settled(stamp, started) for stamp in (*stamps, *_code_stamps())):
        _kept[key] = built
        _write(file, key, built)
    return built


def _stamp(file: Traversable) -> Stamp | None:
    """A file's path, size and time of change; a file inside a zipped wheel (ketaprep's
    own, so its version says it) has only its path; None for one that cannot be seen."""
    if not isinstance(file, Path):
        return (str(file), None, None)
    try:
        found = os.stat(file)
    except OSError:
        return None
    return (str(file), found.st_size, found.st_mtime_ns)


def _settled(stamp: Stamp | None, now: int) -> bool:
    """Whether what was built from the file may be kept: it was seen, and not changed
    just now."""
    return stamp is not None and (stamp[2] is None or now - stamp[2] >= SETTLED_NS)


def _code_stamps() -> tuple[Stamp, ...]:
    """This package's modules: a change to how guides are read reads them again."""
    global _code
    if _code is None:
        try:
            entries = sorted(os.scandir(Path(__file__).parent), key=lambda entry: entry.name)
            _code = tuple(
                (entry.name, *_size_and_time(entry))
                for entry in entries
                if entry.name.endswith(".py")
            )
        except OSError:  # inside a zip: its version says it
            _code = ()
    return _code


def _size_and_time(entry: os.DirEntry[str]) -> tuple[int, int]:
    found = entry.stat()
    return found.st_size, found.st_mtime_ns


# --- the cache file ------------------------------------------------------------------


def _read(file: Path, key: Key) -> Any:
    """What ``file`` keeps under ``key``; None when it has nothing usable."""
    try:
        data = _private_bytes(file)
        if data is None or not data.startswith(MAGIC):
            return None
        checksum, body = data[len(MAGIC) : len(MAGIC) + 4], data[len(MAGIC) + 4 :]
        if int.from_bytes(checksum, "big") != zlib.crc32(body):
            return None
        kept_key, classes, value = marshal.loads(body)
        if kept_key != key:
            return None
        return _rebuilt(value, [_class(*one) for one in classes])
    except Exception:  # damaged in any way: read the guides again
        return None


def _private_bytes(file: Path) -> bytes | None:
    """The bytes of ``file`` if it is a regular file of this user's that only they can
    change (nobody else's data is ever rebuilt into objects), else None."""
    try:
        # O_NONBLOCK: a named pipe put there is refused at once, not waited on.
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(file, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        found = os.fstat(descriptor)
        if not stat.S_ISREG(found.st_mode) or found.st_size > LARGEST:
            return None
        if found.st_mode & 0o077 or (hasattr(os, "getuid") and found.st_uid != os.getuid()):
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return handle.read(LARGEST + 1)
    finally:
        os.close(descriptor)


def _write(file: Path, key: Key, value: object) -> None:
    """Keep ``value`` under ``key`` in ``file``; when it cannot be, nothing is lost."""
    from ketaprep.private_files import CannotWrite, write_private_bytes  # only on a miss

    classes: dict[type, int] = {}
    try:
        plain: Any = _plain(value, classes)
        body = marshal.dumps((key, _classes(classes), plain))
    except (TypeError, ValueError):
        return  # not made of what this module stores
    data = MAGIC + zlib.crc32(body).to_bytes(4, "big") + body
    try:
        file.parent.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        ensure_private_dir(file.parent)
        write_private_bytes(file, data)
    except (KetaprepError, CannotWrite, OSError):
        pass


# --- objects as plain data, and back ------------------------------------------------------


def _plain(value: Any, classes: dict[type, int]) -> Any:
    """``value`` as what marshal stores: a dataclass as a list, its class's number first."""
    kind = type(value)
    if kind is tuple:
        return tuple(_plain(one, classes) for one in value)
    if kind is dict:
        return {key: _plain(one, classes) for key, one in value.items()}
    if kind in (str, int, float, bool) or value is None:
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        number = classes.setdefault(kind, len(classes))
        fields = dataclasses.fields(value)
        return [number, *(_plain(getattr(value, field.name), classes) for field in fields)]
    raise TypeError(f"a {kind.__name__} is not kept")


def _classes(classes: dict[type, int]) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Each class by its module, name and fields, in the order of their numbers."""
    return tuple(
        (kind.__module__, kind.__qualname__, tuple(f.name for f in dataclasses.fields(kind)))
        for kind in classes
    )


def _class(module: str, name: str, fields: tuple[str, ...]) -> tuple[type, tuple[str, ...]]:
    """The class kept as ``module``, ``name``; a ValueError if its fields have changed."""
    kind = getattr(sys.modules.get(module) or importlib.import_module(module), name)
    if tuple(f.name for f in dataclasses.fields(kind)) != fields:
        raise ValueError(f"{name} has changed")
    return kind, fields


def _rebuilt(value: Any, classes: list[tuple[type, tuple[str, ...]]]) -> Any:
    """The objects ``_plain`` made plain. Built as pickle builds them: their fields set
    as they were kept, without running ``__init__`` again."""
    kind = type(value)
    if kind is list:
        made_from, fields = classes[value[0]]
        made: Any = object.__new__(made_from)
        made.__dict__.update(
            zip(fields, [_rebuilt(one, classes) for one in value[1:]], strict=True)
        )
        return made
    if kind is tuple:
        return tuple([_rebuilt(one, classes) for one in value])
    if kind is dict:
        return {key: _rebuilt(one, classes) for key, one in value.items()}
    return value
