"""An export's file: written privately and at once (``ketaprep.private_files``), replacing
a file already there only once the person agrees, and stopped calmly by Ctrl-C.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ketaprep.errors import KetaprepError, UsageError
from ketaprep.private_files import CannotWrite, Write, existing_file, replace_file
from ketaprep.stopping import exit_code, like_ctrl_c


def write_atomically(
    target: Path, produce: Callable[[Write], int], *, may_replace: Callable[[Path], bool]
) -> int | None:
    """Write to a private temp file beside ``target``, then rename it into place.

    Only a plain file is ever replaced, and only once ``may_replace(target)`` agrees (None
    is returned when it does not). A link planted at ``target`` is refused, never followed:
    the rename replaces a name, not what a link points to. Ctrl-C, SIGTERM and SIGHUP stop
    it calmly, with nothing left behind but what was there before.
    """
    target = target.expanduser()
    folder = target.parent
    with like_ctrl_c():
        try:
            if existing_file(target) and not may_replace(target):
                return None
            if not folder.is_dir():
                raise UsageError(f"The folder {folder} does not exist. Please create it first.")
            return replace_file(target, produce)
        except CannotWrite as failed:
            if failed.folder:
                raise KetaprepError(f"Cannot write in {folder}: {failed.reason}.") from None
            raise KetaprepError(
                f"Cannot write {target}: {failed.reason}. Nothing was changed there."
            ) from None
        except KeyboardInterrupt as stop:
            raise KetaprepError(
                f"Stopped. Nothing was written to {target}; your journal is as it was.",
                exit_code=exit_code(stop),
            ) from None
