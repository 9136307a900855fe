"""The steps table of ``ketaprep guide`` as rich writes it to a pipe, without rich.

Piped, nothing is styled, and importing rich would take a third of the command's time.
So the same lines are laid out here as rich lays them (screens.steps_table, through
console.show_paged): the box table with rich's column widths, or on a narrow screen each
step stacked beside what to type; rich's wrapping (lines.wrap); the spaces at a line's
end cut. That holds for printable ASCII that fits its column without a word cut, in
UTF-8; for anything else ``steps_text`` gives None, and rich draws it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ketaprep.console import visible
from ketaprep.lines import NARROWEST, printable, wrap

if TYPE_CHECKING:
    from ketaprep.guides.model import Guides, Step

STEPS_TITLE = "The five steps"
STEPS_CAPTION = "Read one in full with: ketaprep guide 2 (or its name, like ketaprep guide faq)"
STACKED_BELOW = 64  # columns: on a narrower screen the steps table is stacked
HEADERS = ("Step", "Title", "What it is about", "Walked by")
PADDING = 2  # of every cell in the box, a space each side; stacked, two after what to type
_TOP, _HEAD, _UNDER_HEAD, _ROW, _BOTTOM = "┏━┳┓", "┃┃┃", "┡━╇┩", "│││", "└─┴┘"  # HEAVY_HEAD


def walked_by(step: Step) -> str:
    return step.walked_by or f"ketaprep guide {step.key}"


def steps_text(guides: Guides, width: int) -> str | None:
    """The steps table as rich writes it to a pipe ``width`` columns wide, or None when
    only rich can say."""
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower()
    rows = [
        (visible(step.key), visible(step.title), visible(step.summary), visible(walked_by(step)))
        for step in guides.steps
    ]
    texts = [text for row in rows for text in row]
    if width < NARROWEST or not encoding.startswith("utf") or not all(map(printable, texts)):
        return None
    lines = _stacked(rows, width) if width < STACKED_BELOW else _boxed(rows, width)
    return None if lines is None else "".join(f"{line.rstrip()}\n" for line in lines)


def _boxed(rows: Sequence[Sequence[str]], width: int) -> list[str] | None:
    """Rich's Table: title, box, caption; every cell padded one space each side."""
    table = [HEADERS, *rows]
    widths = _widths(table, width - (len(HEADERS) + 1), (PADDING,) * len(HEADERS))
    if widths is None:
        return None
    table_width = sum(widths) + len(HEADERS) + 1
    lines = wrap(STEPS_TITLE, table_width)
    lines.append(_rule(_TOP, widths))
    lines += _row(HEADERS, widths, _HEAD, header=True)
    lines.append(_rule(_UNDER_HEAD, widths))
    for row in rows:
        lines += _row(row, widths, _ROW)
    lines.append(_rule(_BOTTOM, widths))
    return lines + wrap(STEPS_CAPTION, table_width)


def _rule(box: str, widths: Sequence[int]) -> str:
    return box[0] + box[2].join(box[1] * each for each in widths) + box[3]


def _row(cells: Sequence[str], widths: Sequence[int], box: str, header: bool = False) -> list[str]:
    """One row of the box, as tall as its tallest cell: the others filled out below it
    (above it, in the header, which rich aligns to the bottom)."""
    wrapped = [wrap(cell, each - PADDING) for cell, each in zip(cells, widths, strict=True)]
    height = max(len(lines) for lines in wrapped)
    columns = []
    for lines, each in zip(wrapped, widths, strict=True):
        blank = [""] * (height - len(lines))
        lines = blank + lines if header else lines + blank
        columns.append([f" {line.ljust(each - PADDING)} " for line in lines])
    return [box[0] + box[1].join(parts) + box[2] for parts in zip(*columns, strict=True)]


def _stacked(rows: Sequence[Sequence[str]], width: int) -> list[str] | None:
    """Rich's grid of two columns, two spaces between (its padding collapsed to those):
    what to type, then the title, what it is about and what walks it, each step a few
    lines; a blank line between."""
    cells = [
        (key, f"{title}\n{summary}\nWalked by {walked}") for key, title, summary, walked in rows
    ]
    widths = _widths([*cells, ("", "")], width, (PADDING, 0))
    if widths is None:
        return None
    keys, about = widths
    lines = [*wrap(STEPS_TITLE, width), ""]
    for number, (key, text) in enumerate(cells):
        wrapped = wrap(text, about)
        lines.append(key.ljust(keys) + wrapped[0])
        lines += [" " * keys + row for row in wrapped[1:]]
        if number < len(cells) - 1:
            lines.append("")
    return [*lines, "", *wrap(STEPS_CAPTION, width)]


def _widths(table: Sequence[Sequence[str]], room: int, padding: Sequence[int]) -> list[int] | None:
    """Each column's width with its ``padding``, as rich's Table finds them: as wide as
    its longest line, then the widest columns that may wrap (all but the first) made
    narrower, in turn, until the table fits ``room``. None when it would not fit, or a
    word would be cut."""
    columns = list(zip(*table, strict=True))
    widths = [
        max(_longest(cell) for cell in column) + pad
        for column, pad in zip(columns, padding, strict=True)
    ]
    widths = _collapsed(widths, [index > 0 for index in range(len(columns))], room)
    if sum(widths) > room:
        return None
    for column, each, pad in zip(columns, widths, padding, strict=True):
        if any(len(word) > each - pad for cell in column for word in cell.split()):
            return None
    return widths


def _longest(cell: str) -> int:
    return max((len(line) for line in cell.splitlines()), default=0)


def _collapsed(widths: list[int], wrapable: list[bool], room: int) -> list[int]:
    """rich's Table._collapse_widths: the widest wrapable columns narrowed toward the next
    widest, shared out as rich's ratio_reduce does, until the total fits ``room``."""
    excess = sum(widths) - room
    while excess > 0:
        widest = max(each for each, may in zip(widths, wrapable, strict=True) if may)
        second = max(
            (each for each, may in zip(widths, wrapable, strict=True) if may and each != widest),
            default=0,
        )
        if widest == second:
            break
        shrink = [may and each == widest for each, may in zip(widths, wrapable, strict=True)]
        widths = _reduced(excess, shrink, min(excess, widest - second), widths)
        excess = sum(widths) - room
    return widths


def _reduced(total: int, shrink: list[bool], most: int, widths: list[int]) -> list[int]:
    """rich's ratio_reduce with ratios of 1 for the columns that shrink: ``total`` taken
    from them in equal shares (rounded as rich rounds), at most ``most`` from each."""
    left = sum(shrink)
    result = []
    for each, narrower in zip(widths, shrink, strict=True):
        if narrower and most:
            taken = min(most, round(total / left))
            result.append(each - taken)
            total -= taken
            left -= 1
        else:
            result.append(each)
    return result
