"""What the terminal asker draws around a question without rich, where rich would draw
it the same way: its lines (``lines.terminal_text``), and the words of a question and of
its options wrapped between words as rich wraps them. In a terminal, a walk's first
question then comes without rich's import, which takes longer than all of that drawing.
Given a console of its own (the tests), or where rich would judge the terminal itself
(console.in_terminal), rich draws it all.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ketaprep.console import get_console, in_terminal, screen_size, styles_shown, visible
from ketaprep.lines import NARROWEST, Line, Lines, one_cell_each, terminal_text, wrap

if TYPE_CHECKING:
    from rich.console import Console


def by_itself(console: Console | None) -> bool:
    """Whether to draw without rich: no console of its own, and a terminal."""
    return console is None and in_terminal()


def drawn(console: Console | None, lines: Lines) -> int | None:
    """``lines`` drawn without rich, where rich would draw them the same way; the rows
    they took, or None: rich is to draw them."""
    if not by_itself(console):
        return None
    found = terminal_text(lines, width(console), styles_shown())
    if found is None:
        return None
    text, rows = found
    sys.stdout.write(text)
    sys.stdout.flush()
    return rows


def width(console: Console | None) -> int:
    """The screen's columns, as rich's console finds them."""
    return screen_size()[0] if by_itself(console) else (console or get_console()).width


def wrapped(console: Console | None, text: str, room: int) -> list[str]:
    """``text`` made visible and wrapped between words in ``room`` columns as rich wraps
    it (without rich for printable ASCII), each row without the spaces at its end."""
    shown = visible(text)
    if by_itself(console) and room >= NARROWEST and one_cell_each(shown):
        return [row.rstrip() for row in wrap(shown, room)]
    from rich.text import Text

    rows = Text(shown).wrap(console or get_console(), room)
    return [row.plain.rstrip() for row in rows]


def italic(text: str) -> Lines:
    """A line of help or of keys, in italics; what a clinic wrote made visible."""
    return Lines((Line(visible(text), "italic"),))
