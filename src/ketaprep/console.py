"""The console in one place, the rule that what a person wrote is shown as text, and
showing a renderable: plainly, on stderr (``note``), or through the pager.

Rich honours NO_COLOR and TERM=dumb by itself; tests replace the console with
``set_console``.
"""

from __future__ import annotations

import builtins
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

from ketaprep.text import clean_text

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.pager import Pager
    from rich.text import Text

_console: Console | None = None
_err_console: Console | None = None
_console_set = False  # by set_console (tests): then that console shows everything

# C0 and C1 control characters except newline and tab, and the bidi controls
# that can make text on screen read differently from what is stored.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def get_console() -> Console:
    global _console
    if _console is None:
        from rich.console import Console

        _console = Console(highlight=False)
        _console.on_broken_pipe = reader_gone  # type: ignore[method-assign]
    return _console


def get_err_console() -> Console:
    global _err_console
    if _err_console is None:
        from rich.console import Console

        _err_console = Console(stderr=True, highlight=False)
    return _err_console


def reader_gone() -> NoReturn:
    """Output met a closed pipe: its reader stopped early (``| head -1``). That is no
    problem, as for export: what is left to write goes nowhere, and ketaprep exits 0
    without a word."""
    quiet = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(quiet, stream.fileno())
        except (OSError, ValueError, AttributeError):
            pass
    raise SystemExit(0)


def set_console(console: Console | None, err_console: Console | None = None) -> None:
    global _console, _err_console, _console_set
    _console = console
    _err_console = err_console
    _console_set = console is not None


def piped() -> bool:
    """Whether stdout goes to a pipe or a file, as rich would judge it: then there is
    nothing to style, and what is shown can be written without importing rich. Never
    while a console is set (tests), nor where rich would do something of its own."""
    if _console_set or os.name != "posix" or sys.stdout is None:
        return False
    if hasattr(builtins, "get_ipython"):  # rich's own sizes for notebooks
        return False
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "0"
    force = os.environ.get("FORCE_COLOR")
    if force is not None:
        return force == ""
    try:
        return not sys.stdout.isatty()
    except (AttributeError, ValueError):  # no isatty, or closed: no terminal
        return True


def in_terminal() -> bool:
    """Whether stdout is a terminal that rich would draw on by itself: then what is
    shown can be drawn without rich, as rich draws it (see ``screen_size``). Never
    while a console is set (tests), nor where rich is told what to judge."""
    if _console_set or os.name != "posix" or sys.stdout is None:
        return False
    if hasattr(builtins, "get_ipython") or "TTY_COMPATIBLE" in os.environ:
        return False
    if "FORCE_COLOR" in os.environ or getattr(sys.stdin, "__module__", "").startswith("idlelib"):
        return False
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def styles_shown() -> bool:
    """Whether rich would style a terminal: not when TERM says it cannot (NO_COLOR
    leaves bold, dim, italic and reverse, which are not colours)."""
    return os.environ.get("TERM", "").lower() not in ("dumb", "unknown")


def screen_size() -> tuple[int, int]:
    """The terminal's columns and rows as rich's console finds them: COLUMNS and LINES,
    else the size of the terminal ketaprep's streams are in, else 80 by 25 (always, for
    a terminal that says it is dumb)."""
    given = [os.environ.get(name) for name in ("COLUMNS", "LINES")]
    columns, rows = (int(size) if size is not None and size.isdigit() else None for size in given)
    if columns is not None and rows is not None:
        return columns, rows
    if os.environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return 80, 25
    width = height = 0
    for fileno in (0, 1, 2):
        try:
            width, height = os.get_terminal_size(fileno)
        except (AttributeError, ValueError, OSError):
            continue
        break
    return (width or 80) if columns is None else columns, (height or 25) if rows is None else rows


def pipe_width() -> int:
    """The width rich lays piped output out at: COLUMNS, else the terminal that
    ketaprep's own streams are in (a pipe's reader often is), else 80."""
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns) if columns.isascii() else 0
    for default, stream in enumerate((sys.__stdin__, sys.__stdout__, sys.__stderr__)):
        try:
            fileno = stream.fileno()  # type: ignore[union-attr]
        except Exception:
            fileno = default
        try:
            return os.get_terminal_size(fileno).columns or 80
        except (ValueError, OSError):
            pass
    return 80


def visible(text: str) -> str:
    r"""Show control characters as escapes (``\x1b``), so none reaches the terminal;
    lone surrogates, which no terminal or file can take, become U+FFFD."""
    return _UNSAFE.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"
        ),
        clean_text(text),
    )


def user_text(text: str, style: str = "") -> Text:
    """A rich Text of what a person wrote: never parsed as markup, controls made visible."""
    from rich.text import Text

    return Text(visible(text), style=style)


def show(renderable: RenderableType, *, soft_wrap: bool = False) -> None:
    get_console().print(renderable, soft_wrap=soft_wrap)


def note(sentence: str) -> None:
    """A sentence on stderr, so stdout stays clean for pipes. In a terminal it wraps
    between words at the screen's edge (the terminal itself would cut words in two);
    elsewhere it stays on one line, so a `FILE:LINE:` or a path reads and copies whole."""
    console = get_err_console()
    console.print(user_text(sentence), soft_wrap=not console.is_terminal)


def say(sentence: str) -> None:
    """A sentence on stdout that may hold a path: in a terminal it wraps between words
    (the terminal itself would cut words in two: "your calendar ap" / "p"), a path
    longer than the screen kept whole on its own line, to copy; elsewhere one line."""
    console = get_console()
    if not console.is_terminal:
        console.print(user_text(sentence), soft_wrap=True)
        return
    text = user_text(sentence)
    text.overflow = "ignore"
    console.print(text, crop=False)


def show_paged(
    renderable: RenderableType, console: Console | None = None, pager: Pager | None = None
) -> None:
    """Through the pager when in a terminal and longer than the screen; else plainly."""
    console = console or get_console()
    if not console.is_terminal:
        # Piped: plain lines, without the spaces rich pads them with.
        with console.capture() as captured:
            console.print(renderable)
        for line in captured.get().splitlines():
            console.out(line.rstrip(), highlight=False)
        return
    lines = console.render_lines(renderable, console.options, pad=False)
    if len(lines) < console.height:  # the last row is for what comes after
        console.print(renderable)
        return
    import shutil  # only to find a pager: help-now and piped output start without it

    command = os.environ.get("MANPAGER") or os.environ.get("PAGER")
    command = command or ("less" if shutil.which("less") else "more")  # as pydoc, which runs it
    program = os.path.basename(command.split()[0]) if command.split() else ""
    with pager_keys(program), console.pager(pager, styles=program == "less"):
        if program in KEYS_LINE_FOR:  # less says them in its prompt
            console.print(PAGER_KEYS, style="dim")
        console.print(renderable)


PAGER_KEYS = "Space for more, q to close."
KEYS_LINE_FOR = ("more", "most")  # pagers whose keys these are; others are the person's own
# less's prompt, naming the keys: "?e...:....": at the end, else. Then "$", where an
# option ends in LESS; ".", ":" and "%" are less's own, so written "\.", "\:".
LESS_PROMPT = r"-Ps?eThe end\. b\: back, q\: close:Space\: more, b\: back, q\: close.$"


@contextmanager
def pager_keys(program: str) -> Iterator[None]:
    """For less: bold and colour shown as such (-R), and a prompt naming its keys. The
    person's own LESS goes after, so each option they chose (their own prompt too) wins."""
    if program != "less":
        yield
        return
    theirs = os.environ.get("LESS")
    os.environ["LESS"] = f"-R {LESS_PROMPT} {theirs or ''}".rstrip()
    try:
        yield
    finally:
        if theirs is None:
            del os.environ["LESS"]
        else:
            os.environ["LESS"] = theirs
