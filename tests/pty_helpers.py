"""A real terminal for tests: the installed ``ketaprep`` in a pseudo-terminal, drawn by pyte.

    with Terminal("prepare", home=home) as term:
        term.wait_for("Which session")
        term.send(ENTER)
        assert "Today" in term.screen_text()

Every wait has a timeout of a few seconds and fails with the screen as it was, so a
test whose keys do not fit what is on screen fails instead of hanging.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

import pexpect
import pyte

KETAPREP = Path(sys.executable).parent / "ketaprep"

UP = "\x1b[A"
DOWN = "\x1b[B"
ENTER = "\r"
SPACE = " "
ESC = "\x1b"
BACKSPACE = "\x7f"
CTRL_C = "\x03"
CTRL_D = "\x04"

COLUMNS = 80
ROWS = 24


class Terminal:
    """``ketaprep ARGS...`` in an 80x24 pseudo-terminal with its own KETAPREP_HOME."""

    def __init__(
        self,
        *args: str,
        home: Path,
        env: Mapping[str, str] | None = None,
        term: str = "xterm-256color",
        columns: int = COLUMNS,
        rows: int = ROWS,
        cwd: Path | None = None,
    ) -> None:
        environment = dict(os.environ)
        environment.update(
            {
                "KETAPREP_HOME": str(home),
                "PROMPT_TOOLKIT_NO_CPR": "1",  # pyte does not answer cursor position requests
                "TERM": term,
                "COLUMNS": str(columns),
                "LINES": str(rows),
                "LANG": "C.UTF-8",
            }
        )
        environment.update(env or {})
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()  # everything the program wrote, for text that scrolled away
        self.child = pexpect.spawn(
            str(KETAPREP),
            list(args),
            env=environment,
            dimensions=(rows, columns),
            timeout=5,
            cwd=None if cwd is None else str(cwd),
        )
        self.exit_status: int | None = None

    def __enter__(self) -> Terminal:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)

    def send(self, *keys: str) -> None:
        for key in keys:
            self.child.send(key)

    def type(self, text: str) -> None:
        """Type text a key at a time, like a person (and like prompt_toolkit expects)."""
        for character in text:
            self.child.send(character)

    def screen_text(self) -> str:
        """What a person sees now: the 24 rows, trailing spaces removed."""
        self._pump(0)
        return "\n".join(line.rstrip() for line in self.screen.display).rstrip("\n")

    def all_output(self) -> str:
        """Everything written so far as text (escape sequences included)."""
        self._pump(0)
        return self.output.decode("utf-8", errors="replace")

    def wait_for(self, text: str, timeout: float = 5.0) -> str:
        """Wait until ``text`` is on the screen; return the screen."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen_text()
            if text in screen:
                return screen
            if time.monotonic() > deadline or not self._pump(0.05):
                if text in self.screen_text():
                    return self.screen_text()
                raise AssertionError(
                    f"{text!r} did not appear within {timeout} s. The screen:\n{screen}"
                )

    def wait_exit(self, timeout: float = 5.0) -> int:
        """Wait for the program to end; its exit code (or 128 + signal)."""
        deadline = time.monotonic() + timeout
        while self._pump(0.05):
            if time.monotonic() > deadline:
                raise AssertionError(f"ketaprep did not end. The screen:\n{self.screen_text()}")
        self.child.wait()
        status = self.child.exitstatus
        if status is None:
            status = 128 + (self.child.signalstatus or 0)
        self.exit_status = status
        return status

    def _pump(self, wait: float) -> bool:
        """Feed whatever the program wrote into the screen; False once it has ended."""
        try:
            while True:
                data = self.child.read_nonblocking(65536, timeout=wait)
                self.output += data
                self.stream.feed(data)
                wait = 0
        except pexpect.TIMEOUT:
            return True
        except pexpect.EOF:
            return False
