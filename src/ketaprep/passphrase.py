"""Reading the passphrase of a locked journal: hidden in a terminal, or from a file.

Never from a command-line argument or an environment variable's value: those can be
read by others on the same computer (``ps``, ``/proc``) and end up in shell history.
``KETAPREP_PASSPHRASE_FILE`` names a file instead, and only a file the person owns,
that nobody else can read (mode 0600), is used. It is read when it is named, and a
terminal is asked only when it is not.

A passphrase that opens the journal is kept in this process's memory, so one run asks
once however often it opens the journal; nothing is written anywhere.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ketaprep.console import get_err_console, user_text
from ketaprep.errors import KetaprepError, UsageError

FILE_VARIABLE = "KETAPREP_PASSPHRASE_FILE"
TRIES = 3
SHORTEST = 8
_LONGEST_FILE = 4096  # bytes: a passphrase, not a document

NOBODY_CAN_RECOVER = (
    "Nobody can recover a forgotten passphrase: not your clinic, and not ketaprep. "
    "Without it, your journal cannot be opened. Write it down and keep it somewhere "
    "safe, away from this computer."
)
NO_TERMINAL = (
    "Your journal is locked, and there is no terminal to ask for its passphrase in. "
    f"Run this in a terminal, or set {FILE_VARIABLE} to a private file (chmod 600) "
    "that holds it."
)
NOT_OPENED = (
    "That passphrase did not open your journal, so nothing was read or changed. "
    "If it is forgotten, the journal cannot be opened; ketaprep help-now still works."
)

T = TypeVar("T")
_known: dict[Path, str] = {}  # journal -> the passphrase that opened it in this run


def unlock(database: Path, opens: Callable[[str], T | None]) -> T:
    """What ``opens`` gives back for the journal's passphrase (None from it: that
    passphrase does not open the journal). The passphrase that worked before in this run
    is tried first; then the named file's, or the terminal's with ``TRIES`` tries."""
    key = database.resolve()
    known = _known.pop(key, None)
    if known is not None:
        opened = opens(known)
        if opened is not None:
            _known[key] = known
            return opened
    known, found = _asked(opens)
    _known[key] = known
    return found


def _asked(opens: Callable[[str], T | None]) -> tuple[str, T]:
    named = os.environ.get(FILE_VARIABLE)
    if named:
        passphrase = read_file(Path(named))
        opened = opens(passphrase)
        if opened is None:
            raise KetaprepError(
                f"The passphrase in {named} ({FILE_VARIABLE}) did not open your journal, "
                "so nothing was read or changed."
            )
        return passphrase, opened
    if not in_a_terminal():
        raise UsageError(NO_TERMINAL)
    for tried in range(TRIES):
        if tried:
            left = TRIES - tried
            say(
                "That passphrase did not open your journal. Please try again "
                f"({left} {'try' if left == 1 else 'tries'} left)."
            )
        passphrase = hidden("Passphrase for your journal: ")
        opened = opens(passphrase)
        if opened is not None:
            return passphrase, opened
    raise KetaprepError(NOT_OPENED)


def known(database: Path) -> str | None:
    """The passphrase that opened ``database`` in this run, if one did; never asks."""
    return _known.get(database.resolve())


def named_file() -> Path | None:
    """The passphrase file ``KETAPREP_PASSPHRASE_FILE`` names, if it names one."""
    named = os.environ.get(FILE_VARIABLE)
    return Path(named) if named else None


def remember(database: Path, passphrase: str | None) -> None:
    """After locking, a change or a removal: the passphrase now (None: no longer locked)."""
    key = database.resolve()
    if passphrase is None:
        _known.pop(key, None)
    else:
        _known[key] = passphrase


def new_passphrase(*, also_in_file: bool = True) -> str:
    """A new passphrase: from the named file (``also_in_file``), else typed twice at a
    hidden prompt, with ``TRIES`` tries to type one long enough and the same twice."""
    named = os.environ.get(FILE_VARIABLE)
    if named and also_in_file:
        return _long_enough(read_file(Path(named)), Path(named))
    if not in_a_terminal():
        raise UsageError(
            "A new passphrase is typed twice in a terminal, where it is not shown, and "
            "there is no terminal here. Run this in a terminal."
        )
    for _ in range(TRIES):
        first = hidden("New passphrase: ")
        if len(first) < SHORTEST:
            say(f"Please use at least {SHORTEST} characters. A few words you remember work well.")
            continue
        if hidden("The same passphrase again: ") == first:
            return first
        say("The two were not the same. Please type it again.")
    raise KetaprepError("No new passphrase was set, so your journal is as it was.")


def _long_enough(passphrase: str, path: Path) -> str:
    if len(passphrase) < SHORTEST:
        raise UsageError(
            f"The passphrase in {path} is shorter than {SHORTEST} characters. Please "
            "choose a longer one: a few words you will remember work well."
        )
    return passphrase


def read_file(path: Path) -> str:
    """The passphrase in ``path`` (one trailing line end taken off), if the file is the
    person's own and nobody else can read it; otherwise a sentence saying why not."""
    try:
        # O_NONBLOCK: a named pipe in its place fails the check below instead of hanging.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise UsageError(
            f"Cannot read the passphrase file {path} ({FILE_VARIABLE}): {error.strerror or error}."
        ) from None
    with os.fdopen(fd, "rb") as file:
        _check_private(path, os.fstat(fd))
        data = file.read(_LONGEST_FILE + 1)
    return _passphrase_in(path, data)


def _check_private(path: Path, found: os.stat_result) -> None:
    if not stat.S_ISREG(found.st_mode):
        raise UsageError(f"The passphrase file {path} ({FILE_VARIABLE}) is not a plain file.")
    if not hasattr(os, "getuid"):
        return  # Windows: no owner number or mode bits to check; its folders' rights hold
    if found.st_uid != os.getuid():
        raise UsageError(
            f"The passphrase file {path} belongs to another user, so ketaprep does not "
            "use it. Keep your passphrase in a file of your own (chmod 600)."
        )
    mode = stat.S_IMODE(found.st_mode)
    if mode & 0o077:
        raise UsageError(
            f"Others on this computer can read the passphrase file {path} (mode "
            f"{mode:04o}), so ketaprep does not use it. Make it private with chmod 600; "
            "if others may have read it, change your passphrase (ketaprep lock --change)."
        )


def _passphrase_in(path: Path, data: bytes) -> str:
    if len(data) > _LONGEST_FILE:
        raise UsageError(
            f"The passphrase file {path} is longer than a passphrase can be "
            f"({_LONGEST_FILE} bytes). It should hold the passphrase alone."
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"The passphrase file {path} is not UTF-8 text.") from None
    text = text.removesuffix("\n").removesuffix("\r")
    if not text or "\x00" in text:
        what = "is empty" if not text else "holds a NUL character"
        raise UsageError(f"The passphrase file {path} {what}. It should hold the passphrase.")
    return text


def in_a_terminal() -> bool:
    return sys.stdin.isatty()


def hidden(prompt: str) -> str:
    """One line typed at ``prompt`` in the terminal, not shown. Ctrl-C is
    KeyboardInterrupt, and the terminal shows typing again after it."""
    import getpass

    return getpass.getpass(prompt)


def say(line: str) -> None:
    get_err_console().print(user_text(line), soft_wrap=True)
