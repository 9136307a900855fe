"""A real terminal for tests: the installed ``ketaprep`` in a pseudo-terminal, drawn by pyte.

    with Terminal("prepare", home=home) as term:
        term.wait_for("Which session")
        term.send(ENTER)
        assert "Today" in term.screen_text()

A wait returns once every text it names is on the screen and ketaprep has stopped
drawing: it (and any program it started) is waiting for a key or for time to pass, and
nothing it wrote is still on the way. So the rest of that screen (a question's options,
a hint under them) is there too, and a ``not in`` check on it means something. Every
wait has a timeout of a few seconds and fails with the screen as it was, so a test whose
keys do not fit what is on screen fails instead of hanging. The timeout only tells a
hang from a slow start: it is long (PATIENCE), because a busy machine can take several
seconds to start a program, and a wait returns the moment its screen is there.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType

import pexpect
import pyte

KETAPREP = Path(sys.executable).parent / "ketaprep"
PATIENCE = 30.0  # seconds before a wait is taken for a hang (see above)

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
            timeout=PATIENCE,
            cwd=None if cwd is None else str(cwd),
        )
        # pexpect waits 50 ms before each key by default; every wait here is for the screen
        # that the next keys answer, so the keys can go as fast as a paste. Nor is there
        # anything to wait for when the pty is closed: the program has ended by then.
        self.child.delaybeforesend = None
        self.child.ptyproc.delayafterclose = 0
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

    def wait_for(self, *texts: str, timeout: float = PATIENCE) -> str:
        """Wait until every one of ``texts`` is on the screen and the screen has settled;
        return the screen."""
        assert texts, "wait for some text that only the awaited screen has"
        return self._wait(lambda screen: [text for text in texts if text not in screen], timeout)

    def wait_for_prompt(self, line: str, timeout: float = PATIENCE) -> str:
        """Wait until the cursor stands on a line that reads just ``line``: that question,
        waiting for its answer (the same words above, answered, do not count)."""

        def missing(screen: str) -> list[str]:
            at_cursor = self.screen.display[self.screen.cursor.y].rstrip()
            return [] if at_cursor == line else [f"{line} (where the cursor is)"]

        return self._wait(missing, timeout)

    def wait_for_options(self, question: str, timeout: float = PATIENCE) -> str:
        """Wait until ``question`` is asked with its options under it (a select's), its
        keys after it or above it: answered, the same words have no options below."""

        def missing(screen: str) -> list[str]:
            lines = screen.split("\n")
            asked = any(
                line.startswith(f"? {question}") and below.startswith(" ")
                for line, below in zip(lines, lines[1:], strict=False)
            )
            return [] if asked else [f"{question} with its options below"]

        return self._wait(missing, timeout)

    def _wait(self, missing: Callable[[str], list[str]], timeout: float) -> str:
        deadline = time.monotonic() + timeout
        wait = 0.0
        while True:
            alive = self._pump(wait)
            screen = self.screen_text()
            not_yet = missing(screen)
            if not not_yet and (not alive or self._settled()):
                return self.screen_text()
            if not alive or time.monotonic() > deadline:
                said = f"{not_yet!r} did not appear" if not_yet else "The screen did not settle"
                raise AssertionError(f"{said} within {timeout} s. The screen:\n{screen}")
            wait = 0.05 if not_yet else 0.01  # drawn: look again soon for the settling

    def wait_exit(self, timeout: float = PATIENCE) -> int:
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

    def _settled(self) -> bool:
        """Whether ketaprep has drawn all it will until a key comes (or time passes)."""
        running = _running_in_session(self.child.pid)
        if running is None:  # no /proc to ask: a tenth of a second of quiet will do
            quiet = 0.1
        elif running:
            return False
        else:  # waiting; what it wrote just before may still be passing through the pty
            quiet = 0.01
        written = len(self.output)
        self._pump(quiet)
        return len(self.output) == written

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


def _running_in_session(session: int) -> bool | None:
    """Whether a process of the terminal's session (ketaprep, or an editor it started)
    is running or about to; None where there is no /proc to ask."""
    proc = Path("/proc")
    if not (proc / str(session) / "task").is_dir():
        return None
    for pid in os.listdir(proc):
        if not pid.isdigit():
            continue
        try:  # a process may end at any moment while we look: then it is not running
            tasks = os.listdir(proc / pid / "task")
        except OSError:
            continue
        for task in tasks:
            try:
                fields = (proc / pid / "task" / task / "stat").read_bytes().rsplit(b")", 1)[1]
            except (OSError, IndexError):
                continue
            # After the name: state, parent, process group, session.
            state, _parent, _group, its_session = fields.split()[:4]
            if int(its_session) == session and state in (b"R", b"D"):
                return True
    return False


CARD_QUESTION = "Is there anything you want on your card, to remember?"


def no_card_lines(term: Terminal) -> None:
    """Pass prepare's question for the card's own lines: nothing picked, nothing typed."""
    term.wait_for(CARD_QUESTION)
    term.send(ENTER)
    term.wait_for(f"{CARD_QUESTION} none of these\nAdd your own too")
    term.send(ENTER)
