"""SIGTERM and SIGHUP (a closed terminal) stopping ketaprep the way Ctrl-C does.

Python's default for them ends the process at once, so no ``finally`` runs: a half
written export or an editor's file of what someone was writing would be left behind.
Inside ``like_ctrl_c()`` they raise ``Stopped`` (a KeyboardInterrupt) instead, so the
code that made something cleans it up and says its calm line.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class Stopped(KeyboardInterrupt):
    """A stop asked for by a signal; ``exit_code`` is 128 + its number, as shells report."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def exit_code(interrupt: KeyboardInterrupt) -> int:
    """130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP."""
    return interrupt.exit_code if isinstance(interrupt, Stopped) else 128 + signal.SIGINT


@contextmanager
def like_ctrl_c(*, ctrl_c: bool = True) -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise ``Stopped``, and so does Ctrl-C (SIGINT).
    ``ctrl_c=False``: Ctrl-C belongs to the program in front (the person's editor), so
    ketaprep must not stop, and kill it, mid-sentence; it is caught and does nothing. A
    handler, not SIG_IGN, so that program still starts with the default. Only the first
    stop raises: a second signal while the first is being handled must not cut the
    clean-up short."""
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        if stopping or (signum == signal.SIGINT and not ctrl_c):
            return
        stopping = True
        raise Stopped(signum)

    try:
        previous = {number: signal.signal(number, stop) for number in SIGNALS}
    except ValueError:  # not the main thread (never in ketaprep itself)
        yield
        return
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)


@contextmanager
def held() -> Iterator[None]:
    """Stop signals wait while inside (for a step that must not be cut in two, like
    making a file and remembering its name); they arrive the moment it ends."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
