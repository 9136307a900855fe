"""Lines of text that can be written to a pipe, or drawn in a terminal, without rich.

A ``Line`` is one paragraph: its text and style, the parts appended to it (each with its
own style), and how far the rows it wraps to are indented. ``rich_line`` makes it the
rich renderable it stands for (a Text, in a Padding when indented). ``pipe_text`` writes
lines as rich writes that renderable to a pipe (the same breaks, the same trailing
spaces), without importing rich, which takes longer than a crisis screen should; and
``terminal_text`` as rich's console draws it in a terminal (each row's styled parts
between SGR codes), which takes less than rich's import before a walk's first question.
That holds for printable ASCII; for any other text they give None, and rich draws it.
``Lines`` is a few lines shown as one renderable: rich draws it too.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

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
    bullet: str = ""  # before the first row (a list's "  • "), as many spaces before the others

    @property
    def plain(self) -> str:
        return self.text + "".join(text for text, _ in self.more)


BLANK = Line("")
SGR = {"bold": "1", "dim": "2", "italic": "3", "reverse": "7"}  # in the order rich writes them


class Lines(tuple[Line, ...]):
    """Lines shown together (a heading, a help line), as one renderable: rich draws each
    as ``rich_line`` makes it; ``terminal_text`` draws them without rich."""

    __slots__ = ()

    def __rich_console__(self, console: Any, options: Any) -> Iterator[RenderableType]:
        yield from map(rich_line, self)


def rich_line(line: Line) -> RenderableType:
    from rich.padding import Padding
    from rich.text import Text

    if line.bullet:
        return _Listed(line)
    text = Text(line.text, style=line.style)
    for part, style in line.more:
        text.append(part, style or None)
    return Padding(text, (0, 0, 0, line.indent), expand=False) if line.indent else text


class _Listed:
    """A line with a bullet, as rich draws it: its rows wrapped beside the bullet, each
    without the spaces at its end (as walks.screens.bullets)."""

    def __init__(self, line: Line) -> None:
        self.line = line

    def __rich_console__(self, console: Any, options: Any) -> Iterator[RenderableType]:
        from rich.text import Text

        first = self.line.bullet
        text = Text(self.line.text, style=self.line.style)
        for index, row in enumerate(text.wrap(console, max(options.max_width - len(first), 1))):
            row.rstrip()
            yield Text.assemble(" " * len(first) if index else first, row)


def one_cell_each(text: str) -> bool:
    """Printable ASCII and line ends only: wrapped here as rich wraps it."""
    return _ONE_CELL_EACH.fullmatch(text) is not None


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
        if line.bullet:
            return None
        rows += _rows(text, line.indent, width)
    return "".join(f"{row}\n" for row in rows)


def terminal_text(lines: Iterable[Line], width: int, styles: bool = True) -> tuple[str, int] | None:
    """``lines`` as rich's console draws them in a terminal ``width`` columns wide, and the
    rows they take; None when only rich can say (what ``pipe_text`` leaves to it, an
    indented line, a style other than SGR's). ``styles``: False where rich styles
    nothing (a terminal that says it is dumb)."""
    if width < NARROWEST:
        return None
    out: list[str] = []
    for line in lines:
        parts = [(line.text, ""), *line.more]
        names = line.style.split()
        if line.indent or not one_cell_each(line.plain) or not _own_bullet(line.bullet):
            return None
        if any(name not in SGR for _, style in parts for name in [*names, *style.split()]):
            return None
        if line.bullet:  # unstyled, as every list of ketaprep's
            if line.style or line.more or width - len(line.bullet) < NARROWEST:
                return None
            rows = wrap(line.text, max(width - len(line.bullet), 1))
            pads = [line.bullet, *[" " * len(line.bullet)] * (len(rows) - 1)]
            out += [f"{pad}{row.rstrip()}\n" for pad, row in zip(pads, rows, strict=True)]
            continue
        for start, end in row_spans(line.plain, width):
            out.append(_styled_row(parts, names, start, end, styles) + "\n")
    return "".join(out), len(out)


def _own_bullet(bullet: str) -> bool:
    """A bullet of one cell a character: "•" where the terminal takes UTF-8."""
    if "•" not in bullet:
        return one_cell_each(bullet)
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    return encoding == "utf8" and one_cell_each(bullet.replace("•", "-"))


def _styled_row(
    parts: list[tuple[str, str]], names: list[str], start: int, end: int, styles: bool
) -> str:
    """The characters ``start`` to ``end`` of a line's parts, as rich writes a Text's
    segments: each styled part a segment of its own (the line's style under it), the
    unstyled ones after the line's text or one another in one; each between SGR codes."""
    segments: list[list[str]] = []  # [text, style]
    for text, style in parts:
        if segments and not style and not segments[-1][1]:
            segments[-1][0] += text
        elif text or not segments:
            segments.append([text, style])
    row, at = [], 0
    for text, style in segments:
        piece = text[max(start - at, 0) : max(end - at, 0)]
        at += len(text)
        wanted = {*names, *style.split()}
        codes = ";".join(code for name, code in SGR.items() if name in wanted)
        row.append(f"\x1b[{codes}m{piece}\x1b[0m" if codes and piece and styles else piece)
    return "".join(row)


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
    return [text[start:end] for start, end in row_spans(text, width)]


def row_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Where in ``text`` each row of ``wrap(text, width)`` begins and ends."""
    spans = []
    at = 0  # where the paragraph begins in ``text``
    for paragraph in text.split("\n"):
        starts = _row_starts(paragraph, width)
        ends = [*starts, len(paragraph)]
        # Only spaces go past the edge: they are cut there.
        spans += [
            (at + start, at + min(end, start + width))
            for start, end in zip([0, *starts], ends, strict=True)
        ]
        at += len(paragraph) + 1
    return spans


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
