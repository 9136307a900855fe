"""The console in one place, the rule that what a person wrote is shown as text, and
showing a renderable: plainly, on stderr (``note``), or through the pager.

Rich honours NO_COLOR and TERM=dumb by itself; tests replace the console with
``set_console``.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ketaprep.text import clean_text

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.pager import Pager
    from rich.text import Text

_console: Console | None = None
_err_console: Console | None = None

# C0 and C1 control characters except newline and tab, and the bidi controls
# that can make text on screen read differently from what is stored.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def get_console() -> Console:
    global _console
    if _console is None:
        from rich.console import Console

        _console = Console(highlight=False)
    return _console


def get_err_console() -> Console:
    global _err_console
    if _err_console is None:
        from rich.console import Console

        _err_console = Console(stderr=True, highlight=False)
    return _err_console


def set_console(console: Console | None, err_console: Console | None = None) -> None:
    global _console, _err_console
    _console = console
    _err_console = err_console


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
