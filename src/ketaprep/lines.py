"""Lines of text that can be written to a pipe without rich.

A ``Line`` is one paragraph: its text and style, the parts appended to it (each with its
own style), and how far the rows it wraps to are indented. ``rich_line`` makes it the
rich renderable it stands for (a Text, in a Padding when indented). ``pipe_text`` writes
lines as rich writes that renderable to a pipe (the same breaks, the same trailing
spaces), without importing rich, which takes longer than a crisis screen should. That
holds for printable ASCII; for any other text ``pipe_text`` gives None, and rich draws it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from rich.console import RenderableType

NARROWEST = 20  # columns: on a narrower screen, rich draws it
_WORD = re.compile(r"\s*\S+\s*")  # a word, with the spaces before it and after it
_ONE_CELL_EACH = re.compile(r"[ -~\n]*")  # printable ASCII, and line ends
_PRINTABLE = re.compile(r"[ -~]*")


class Line(NamedTuple):
    text: str  # already made visible (console.visible) where a person or a clinic wrote it
    style: str = ""  # the whole line's
    more: tuple[tuple[str, str], ...] = ()  # text appended, each with its own style
    indent: int = 0  # of every row, the wrapped ones too

    @property
    def plain(self) -> str:
        return self.text + "".join(text for text, _ in self.more)


BLANK = Line("")


def rich_line(line: Line) -> RenderableType:
    from rich.padding import Padding
    from rich.text import Text

    text = Text(line.text, style=line.style)
    for part, style in line.more:
        text.append(part, style or None)
    return Padding(text, (0, 0, 0, line.indent), expand=False) if line.indent else text


def printable(text: str) -> bool:
    """Printable ASCII only (one cell each), on one line."""
    return _PRINTABLE.fullmatch(text) is not None


def pipe_text(lines: Iterable[Line], width: int) -> str | None:
    """``lines`` as rich writes them to a pipe ``width`` columns wide; None when only
    rich can say (text other than printable ASCII, an empty indented line, a narrow
    screen)."""
    if width < NARROWEST:
        return None
    rows: list[str] = []
    for line in lines:
        text = line.plain
        if _ONE_CELL_EACH.fullmatch(text) is None or (line.indent and not text.strip()):
            return None
        rows += _rows(text, line.indent, width)
    return "".join(f"{row}\n" for row in rows)


def _rows(text: str, indent: int, width: int) -> list[str]:
    """An indented line is as wide as its longest row (if it fits), and every row of it
    is filled out to that width with spaces."""
    if not indent:
        return wrap(text, width)
    room = min(max(len(row) for row in text.split("\n")) + indent, width) - indent
    return [" " * indent + row.ljust(room) for row in wrap(text, room)]


def wrap(text: str, width: int) -> list[str]:
    """Rows of at most ``width`` characters: each paragraph of ``text`` broken before a
    word that would go past the edge; a word longer than a row is cut across rows. A
    row keeps the spaces after its last word, as long as they fit."""
    rows = []
    for paragraph in text.split("\n"):
        starts = _row_starts(paragraph, width)
        ends = [*starts, len(paragraph)]
        # Only spaces go past the edge: they are cut there.
        rows += [
            paragraph[start:end][:width] for start, end in zip([0, *starts], ends, strict=True)
        ]
    return rows


def _row_starts(paragraph: str, width: int) -> list[int]:
    """Where each row after the first begins."""
    starts: list[int] = []
    used = 0  # of the row so far, with the spaces after its last word
    for word in _WORD.finditer(paragraph):
        start, end = word.span()
        needed = len(word.group().rstrip())
        if used + needed <= width:
            used += end - start
        elif needed > width:
            pieces = range(start, end, width)
            starts += [piece for piece in pieces if piece]
            used = end - pieces[-1]
        elif used and start:
            starts.append(start)
            used = end - start
    return starts
