"""The console in one place, and the rule that what a person wrote is shown as text.

Rich honours NO_COLOR and TERM=dumb by itself; tests replace the console with
``set_console``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
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
    from ketaprep.text import clean_text

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
