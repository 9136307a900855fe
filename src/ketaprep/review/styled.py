"""review's list and search in a terminal, without rich: the pieces of rows.py with
plain SGR styles (bold, dim, reverse), wrapped between words as rich wraps them, and
paged as ``console.show_paged`` pages (the same pager, keys line and LESS prompt).

rich's console, layout and pydoc's pager take longer to import than a page of rows
takes to show. What is drawn is what the rich views draw (views.py), cell for cell and
style for style (tests/test_review_styled.py). What a person wrote is made visible
first, as in a pipe; their text only ever goes between the styles, never into them.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TextIO

from ketaprep.console import KEYS_LINE_FOR, PAGER_KEYS, pager_keys, styles_shown, visible
from ketaprep.review import rows
from ketaprep.review.rows import QUIET, match_pattern
from ketaprep.review.words import Labels, excerpt

if TYPE_CHECKING:
    from ketaprep.review.page import EntryPage, Query

Span = tuple[str, str]  # words and their style: "" or names from SGR, with spaces
Block = tuple[int, list[Span]]  # an indent and the spans of a text (which may hold "\n")

HIGHLIGHT = "bold reverse"  # as views.HIGHLIGHT
SGR = {"bold": "1", "dim": "2", "reverse": "7"}  # in the order rich writes them
TAB_SIZE = 8
_WORD = re.compile(r"\s*\S+\s*")  # rich's: a word with the spaces around it
_SPACES_AT_END = re.compile(r"\s+$")
_OWN_ONE_CELL = dict.fromkeys(map(ord, "…·“”’"))  # one cell each, as rich measures them


# --- the views, as blocks of spans ---------------------------------------------------------


def table_blocks(
    page: EntryPage, query: Query, room: int, labels: Labels | None
) -> Iterator[Block]:
    """``views.entries_table`` at ``room`` columns for the words."""
    if not page.total:
        yield 0, [(rows.nothing_found(query), "")]
        return
    head = rows.table_head(page.kinds)
    yield 0, [(head + "What you wrote"[:room], "bold")]
    width = rows.kind_width(page.kinds)
    for entry in page.entries:
        # As the view's Text, whose style (its first part's) is under the whole row.
        yield 0, [("".join(rows.table_row(entry, width, room, labels)), QUIET)]
    yield 0, []
    yield 0, [(rows.shown_line(page), QUIET)]


def search_blocks(page: EntryPage, query: Query, labels: Labels | None) -> Iterator[Block]:
    """``views.search_results``: each entry found, the answers holding the words, the
    words highlighted."""
    if not page.total:
        yield 0, [(rows.nothing_found(query), "")]
        return
    for entry in page.entries:
        title, short_id = rows.found_title(entry)
        yield 0, [(title, "bold"), (short_id, f"bold {QUIET}")]  # the title's style under it
        shown = 0
        for question, text, style in rows.found_answers(entry, query.words, labels):
            yield 2, [(question, QUIET)]
            yield 4, highlighted(text, style, query.words)
            shown += 1
        if not shown:
            yield 4, highlighted(visible(excerpt(entry, labels)), "", query.words)
        yield 0, []
    yield 0, [(rows.shown_line(page, "entry found", "entries found"), QUIET)]


def highlighted(text: str, style: str, words: str) -> list[Span]:
    """``text`` in ``style``, with where ``words`` are found also in HIGHLIGHT."""
    pattern = match_pattern(words)
    spans: list[Span] = []
    at = 0
    for found in pattern.finditer(text) if pattern is not None else ():
        start, end = found.span()
        if end > start:
            spans += [(text[at:start], style), (text[start:end], f"{style} {HIGHLIGHT}")]
            at = end
    return [*spans, (text[at:], style)]


# --- wrapped as rich wraps a Text ------------------------------------------------------------


def lines_of(blocks: Iterable[Block], width: int) -> Iterator[list[Span]]:
    """Each block's lines at ``width`` columns, its indent before each."""
    for indent, spans in blocks:
        pad = [(" " * indent, "")] if indent else []
        for line in _split_lines(spans):
            for part in wrap(line, width - indent):
                yield pad + part


def _split_lines(spans: list[Span]) -> Iterator[list[Span]]:
    line: list[Span] = []
    for text, style in spans:
        first, *rest = text.split("\n")
        line.append((first, style))
        for piece in rest:
            yield line
            line = [(piece, style)]
    yield line


def wrap(line: list[Span], width: int) -> list[list[Span]]:
    """One line (no "\\n") as rich's ``Text.wrap`` lays it out: tabs expanded, broken
    between words, a word wider than ``width`` folded, spaces past the edge dropped."""
    if any("\t" in text for text, _ in line):
        line = _expanded(line)
    plain = "".join(text for text, _ in line)
    if len(plain) <= width and _cells(plain) <= width:  # (rich drops end spaces by length)
        return [line]
    parts: list[list[Span]] = []
    at = 0
    for end in [*_breaks(plain, width), len(plain)]:
        part = _crop(line, at, end)
        text = plain[at:end]
        if len(text) > width and (spaces := _SPACES_AT_END.search(text)):
            part = _crop(part, 0, len(text) - min(len(spaces[0]), len(text) - width))
        parts.append(_fit_cells(part, width))
        at = end
    return parts


def _breaks(plain: str, width: int) -> list[int]:
    """Where rich's ``divide_line`` breaks ``plain`` (one cell a character here)."""
    if not _one_cell_each(plain):
        from rich._wrap import divide_line

        return divide_line(plain, width, fold=True)
    breaks: list[int] = []
    offset = 0
    for word in _WORD.finditer(plain):
        start, text = word.start(), word[0]
        length = len(text.rstrip())
        if width - offset >= length:
            offset += len(text)
        elif length > width:
            folded = [text[i : i + width] for i in range(0, len(text), width)]
            for number, piece in enumerate(folded, start=1):
                if start:
                    breaks.append(start)
                if number == len(folded):
                    offset = len(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = len(text)
    return breaks


def _expanded(line: list[Span]) -> list[Span]:
    """Each tab a space, then spaces up to the next stop, in its style (``expand_tabs``)."""
    out: list[Span] = []
    position = 0
    for text, style in line:
        pieces = text.split("\t")
        for number, piece in enumerate(pieces):
            if number == len(pieces) - 1:
                out.append((piece, style))
                position += _cells(piece)
                break
            position += _cells(piece) + 1
            pad = -position % TAB_SIZE
            out.append((piece + " " * (1 + pad), style))
            position += pad
    return out


def _crop(line: list[Span], start: int, end: int) -> list[Span]:
    """The characters ``start`` to ``end`` of ``line``, with their styles."""
    out: list[Span] = []
    at = 0
    for text, style in line:
        low, high = max(start - at, 0), min(end - at, len(text))
        if low < high:
            out.append((text[low:high], style))
        at += len(text)
    return out


def _fit_cells(line: list[Span], width: int) -> list[Span]:
    """``line`` cropped to ``width`` cells, as ``Text.truncate`` crops (overflow fold)."""
    plain = "".join(text for text, _ in line)
    if _cells(plain) <= width:
        return line
    if _one_cell_each(plain):
        return _crop(line, 0, width)
    from rich.cells import set_cell_size

    cropped = set_cell_size(plain, width)  # half a wide character becomes a space
    kept = len(cropped.rstrip(" ")) if not plain.startswith(cropped) else len(cropped)
    pad = cropped[kept:]
    return _crop(line, 0, kept) + ([(pad, line[-1][1])] if pad and line else [])


def _one_cell_each(text: str) -> bool:
    """Whether each character of ``text`` takes one cell (ASCII, and the few others of
    ketaprep's own words): then there is no need to ask rich."""
    return (text.isascii() or text.translate(_OWN_ONE_CELL).isascii()) and text.isprintable()


def _cells(text: str) -> int:
    if _one_cell_each(text):
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


# --- written, or through the pager -------------------------------------------------------------


def styled(line: list[Span], styles: bool) -> str:
    """A line with each styled span between SGR codes (when ``styles``), then a reset."""
    if not styles:
        return "".join(text for text, _ in line)
    out = []
    for text, style in line:
        names = style.split()
        codes = ";".join(code for name, code in SGR.items() if name in names)
        out.append(f"\x1b[{codes}m{text}\x1b[0m" if codes and text else text)
    return "".join(out)


def show(blocks: Iterable[Block], width: int, height: int, out: TextIO | None = None) -> None:
    """The lines of ``blocks``: written as they come while they fit the screen; once
    they fill it, all of them through the pager (as ``console.show_paged``)."""
    out = out or sys.stdout
    lines = lines_of(blocks, width)
    first: list[list[Span]] = []
    for line in lines:
        first.append(line)
        if len(first) >= height:  # the last row is for what comes after
            _page(first, lines, out)
            return
    styles = styles_shown()
    out.write("".join(styled(line, styles) + "\n" for line in first))
    out.flush()


def _page(first: list[list[Span]], rest: Iterable[list[Span]], out: TextIO) -> None:
    import shutil

    command = os.environ.get("MANPAGER") or os.environ.get("PAGER")
    command = command or ("less" if shutil.which("less") else "more")
    program = os.path.basename(command.split()[0]) if command.split() else ""
    styles = program == "less" and styles_shown()
    keys = [[(PAGER_KEYS, QUIET)]] if program in KEYS_LINE_FOR else []
    text = (styled(line, styles) + "\n" for part in (keys, first, rest) for line in part)
    with pager_keys(program):
        pipe_pager(text, out)


def pipe_pager(text: Iterable[str], out: TextIO) -> None:
    """``text`` through the pager pydoc would choose, as pydoc pages (a pager's own
    keys, Ctrl-C too, until it closes); pydoc itself only where it chooses otherwise."""
    command = os.environ.get("MANPAGER") or os.environ.get("PAGER")
    term = os.environ.get("TERM")
    if not (command and sys.stdin.isatty() and out.isatty()) or term in ("dumb", "emacs"):
        import pydoc

        pydoc.pager("".join(text))
        return
    import subprocess

    process = subprocess.Popen(
        command, shell=True, stdin=subprocess.PIPE, errors="backslashreplace"
    )
    try:
        with process.stdin as pipe:  # type: ignore[union-attr]
            try:
                for line in text:
                    pipe.write(line)
            except KeyboardInterrupt:
                pass  # what is not written is left: the pager still has the terminal
    except OSError:
        pass  # the person closed the pager before the end
    while True:
        try:
            process.wait()
            break
        except KeyboardInterrupt:
            pass  # as the pager itself ignores it
