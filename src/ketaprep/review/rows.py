"""The words of review's list and search, line by line, without rich.

views.py styles these same pieces for a terminal; in a pipe they are written as they
are (``table_lines``, ``search_lines``), a line at a time while the entries are read,
so a journal of any size starts showing at once and never sits in memory whole. The
lines are those ``views.plain`` gives for the views, byte for byte.

What a person wrote is made visible first (``console.visible``): never markup, no
control characters.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TextIO

from ketaprep.console import visible
from ketaprep.dates import minute_stamp
from ketaprep.review.words import (
    Labels,
    entry_title,
    excerpt,
    first_words,
    scale_words,
    shown_value,
)
from ketaprep.vocab import plural

if TYPE_CHECKING:
    from ketaprep.review.queries import EntryPage, Query
    from ketaprep.store import Answer, Entry

QUIET = "dim"
FEWEST_COLUMNS = 20  # for the words in review's list; narrower, each entry is stacked
DRAFT = "(draft) "
ELLIPSIS = "…"
# rich's Text drops these where ketaprep's own words are appended (visible() has shown
# any in what a person wrote as escapes already).
_DROPPED = dict.fromkeys((0x07, 0x08, 0x0B, 0x0C, 0x0D))


# --- the pieces ------------------------------------------------------------------------------


def value_words(answer: Answer, labels: Labels) -> tuple[str, str]:
    """An answer as the words shown, and their style: what a person wrote made visible,
    the rest ketaprep's words. Options are the words the person saw (see ``words``)."""
    value = shown_value(answer, labels)
    if value is None:
        return "(skipped)", QUIET
    if isinstance(value, bool):
        return ("Yes" if value else "No"), ""
    if isinstance(value, int):
        scale = answer.item_type == "scale"
        return (scale_words(answer.item_id, value, labels) if scale else str(value)), ""
    if isinstance(value, list):
        if not value:
            return "(none)", QUIET
        return visible("\n".join(f"- {item}" for item in value)), ""
    if not value.strip():
        return "(left blank)", QUIET
    return visible(value), ""


@functools.lru_cache(maxsize=16)
def match_pattern(words: str) -> re.Pattern[str] | None:
    """Where the searched words are found: each word from the start of a word on."""
    parts = []
    for word in words.split():
        if any(char.isalnum() for char in word):
            parts.append(r"(?<!\w)" + re.escape(word) + r"\w*")
        else:
            parts.append(re.escape(word))
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def holds_every_word(text: str, words: str) -> bool:
    return all(pattern.search(text) for pattern in _each_word(words))


@functools.lru_cache(maxsize=16)
def _each_word(words: str) -> tuple[re.Pattern[str], ...]:
    return tuple(filter(None, map(match_pattern, words.split())))


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells with an ellipsis, as rich's
    ``Text.truncate(width, overflow="ellipsis")`` cuts it."""
    if text.isascii() and text.isprintable():  # one cell each: no need to ask rich
        return text if len(text) <= width else text[: width - 1] + ELLIPSIS
    from rich.cells import cell_len, set_cell_size

    return text if cell_len(text) <= width else set_cell_size(text, width - 1) + ELLIPSIS


def table_head(kinds: Iterable[str]) -> str:
    """The columns before the words; as wide as the widest kind among ``kinds``."""
    return f"{'Id':<8}  {'When':<16}  {'Kind':<{kind_width(kinds)}}  {'Session':>7}  "


def kind_width(kinds: Iterable[str]) -> int:
    return max([len("Kind"), *(len(kind) for kind in kinds)])


def table_row(entry: Entry, width: int, room: int, labels: Labels | None) -> tuple[str, str, str]:
    """One entry's row: its short id, the columns after it, and its first words (a draft's
    marked) cut to ``room``."""
    session = str(entry.session_number) if entry.session_number else ""
    middle = f"  {minute_stamp(entry.created)}  {visible(entry.kind):<{width}}  {session:>7}  "
    return (
        entry.id[:8].translate(_DROPPED),
        middle.translate(_DROPPED),
        row_words(entry, room, labels),
    )


def row_words(entry: Entry, room: int, labels: Labels | None) -> str:
    """An entry's first words (a draft's marked) cut to ``room``. A long text is read
    only as far as a row can show: the start of its words is cut where all of them
    would be, once it is wider than ``room`` without its last character (the only
    one that can differ: a word, or a pair of surrogates, cut in two)."""
    draft = DRAFT if entry.is_draft else ""
    start, whole = first_words(entry, labels, most=2 * room + 8)
    words = draft + visible(start)
    if not whole and _cells(words[:-1]) <= room:  # mostly spaces or marks: read it all
        words = draft + visible(excerpt(entry, labels))
    return fit(words, room)


def _cells(text: str) -> int:
    if text.isascii() and text.isprintable():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def shown_line(page: EntryPage, one: str = "entry", many: str = "entries") -> str:
    if page.shown >= page.total:
        return f"{plural(page.total, one, many)}. Read one in full with: ketaprep review show ID"
    return (
        f"The newest {page.shown:,} of {page.total:,} {many}. "
        "See them all with --limit 0, or narrow with --since, --kind or --tag."
    )


def nothing_found(query: Query) -> str:
    if any((query.session, query.kind, query.since, query.until, query.tag, query.words)):
        return "Nothing matches that. Try fewer words, or leave out a filter."
    return "Nothing written yet. Your entries from prepare, journal and checkin will show here."


def found_title(entry: Entry) -> tuple[str, str]:
    """A search result's title, and its short id after it."""
    return entry_title(entry).translate(_DROPPED), f"  id {entry.id[:8]}".translate(_DROPPED)


def found_answers(
    entry: Entry, words: str, labels: Labels | None
) -> Iterator[tuple[str, str, str]]:
    """The answers of ``entry`` that hold every one of ``words``: each one's question
    on one line, made visible, and its words with their style."""
    for answer in entry.answers:
        if answer.item_type == "scale" and not holds_every_word(str(answer.value), words):
            continue  # found by its number, as the search holds it: the guides are not read
        text, style = value_words(answer, {} if labels is None else labels)
        if holds_every_word(text, words):
            yield visible(" ".join(answer.question.split())), text, style


# --- the lines in a pipe -----------------------------------------------------------------------


def write(lines: Iterable[str], out: TextIO) -> None:
    """``lines`` as ``views.plain`` writes them: each row without the spaces at its end."""
    for line in lines:
        out.write("\n".join(row.rstrip() for row in line.split("\n")) + "\n")
    out.flush()


def table_lines(page: EntryPage, query: Query, room: int, labels: Labels | None) -> Iterator[str]:
    """``views.entries_table`` as plain lines, ``room`` columns left for the words
    (at least ``FEWEST_COLUMNS``)."""
    if not page.total:
        yield nothing_found(query)
        return
    head = table_head(page.kinds)
    yield head + "What you wrote"[:room]
    width = kind_width(page.kinds)
    for entry in page.entries:
        yield "".join(table_row(entry, width, room, labels))
    yield ""
    yield shown_line(page)


def search_lines(page: EntryPage, query: Query, labels: Labels | None) -> Iterator[str]:
    """``views.search_results`` as plain lines."""
    if not page.total:
        yield nothing_found(query)
        return
    for entry in page.entries:
        yield "".join(found_title(entry))
        shown = 0
        for question, text, _ in found_answers(entry, query.words, labels):
            yield "  " + question
            yield "\n".join("    " + line for line in text.split("\n"))
            shown += 1
        if not shown:
            yield "    " + visible(excerpt(entry, labels))
        yield ""
    yield shown_line(page, "entry found", "entries found")
