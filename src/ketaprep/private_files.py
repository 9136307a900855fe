"""Writing a file privately and at once: a temp file beside it, private to its owner,
renamed into place. A crash, Ctrl-C or a full disk leaves the old file or the new one,
never half of one, and no temp file behind. The exports, the reminders and the settings
file are written this way.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from ketaprep.errors import UsageError
from ketaprep.stopping import held

Write = Callable[[str], object]


class CannotWrite(Exception):
    """Nothing was written: ``reason`` in the system's words; ``folder`` when not even a
    temp file could be made there."""

    def __init__(self, reason: str, *, folder: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.folder = folder


def write_private_text(target: Path, text: str) -> None:
    """Replace ``target`` with ``text`` at once, readable by its owner only. A link at
    ``target`` is replaced by the file, never written through. CannotWrite if it fails."""
    replace_file(target, lambda write: (write(text), 0)[1], plain_files_only=False)


def write_private_bytes(target: Path, data: bytes) -> None:
    """As ``write_private_text``, for bytes."""
    _replace(target, lambda file: (file.write(data), 0)[1], plain_files_only=False)


def replace_file(
    target: Path, produce: Callable[[Write], int], *, plain_files_only: bool = True
) -> int:
    """``produce`` writes a private temp file beside ``target``, which is then renamed to
    it; returns what ``produce`` returns. CannotWrite, with the temp file gone, if the
    system refuses; with ``plain_files_only``, UsageError if anything but a plain file has
    been put at ``target`` meanwhile."""
    return _replace(
        target,
        lambda file: produce(lambda text: file.write(text.encode("utf-8"))),
        plain_files_only=plain_files_only,
    )


def _replace(target: Path, produce: Callable[[BinaryIO], int], *, plain_files_only: bool) -> int:
    folder = target.parent
    temp: Path | None = None
    try:
        with held():  # a stop in between would leave a temp file without a name to remove
            handle, name = _temp_file(folder, target.name)
            temp = Path(name)
        with os.fdopen(handle, "wb", buffering=1 << 20) as file:
            count = produce(file)
            file.flush()
            os.fsync(file.fileno())
        temp.chmod(0o600)
        if plain_files_only:
            existing_file(target)  # once more: something may have been put there meanwhile
        os.replace(temp, target)
    except OSError as error:
        raise CannotWrite(_reason(error)) from None
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)
    _sync_folder(folder)
    return count


def _temp_file(folder: Path, name: str) -> tuple[int, str]:
    try:
        return tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    except OSError as error:
        raise CannotWrite(_reason(error), folder=True) from None


def existing_file(target: Path) -> bool:
    """Whether ``target`` is a file already; UsageError if it is anything but a plain file
    (a folder, a link, a device, a named pipe), which is never written to or replaced."""
    try:
        found = target.lstat().st_mode
    except FileNotFoundError:
        return False
    except OSError as error:
        raise UsageError(f"Cannot write {target}: {_reason(error)}.") from None
    if stat.S_ISREG(found):
        return True
    if stat.S_ISDIR(found):
        raise UsageError(f"{target} is a folder. Please give a file name to write to.")
    if stat.S_ISLNK(found):
        raise UsageError(
            f"{target} is a link to somewhere else, and ketaprep never writes through a link; "
            "please give the name of a plain file."
        )
    kind = "a named pipe" if stat.S_ISFIFO(found) else "a device or a socket"
    raise UsageError(
        f"{target} is {kind}, not a plain file, so ketaprep will not write your journal "
        "there; please give a file name."
    )


def _sync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
