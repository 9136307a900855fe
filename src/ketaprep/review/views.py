"""What ``ketaprep review`` shows. Plain functions, no state.

Each view is a list of blocks: rich Texts with an indent. In a terminal they become
rich renderables (styled, wrapped, paged); in a pipe they are written as plain lines,
quickly, without rich's layout.

Everything a person wrote goes through ``user_text``: markup in it is shown as written
and control characters are made visible. Search matches are a style laid over that
Text, never markup put into it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from ketaprep.console import get_console, show_paged, user_text, visible
from ketaprep.dates import local_time, minute_stamp, short_weekday_date, weekday_date
from ketaprep.review import rows, scores, trends
from ketaprep.review.rows import FEWEST_COLUMNS, QUIET, match_pattern
from ketaprep.review.words import (
    PARTLY,
    Labels,
    crisis_shown_words,
    entry_title,
    excerpt,
)
from ketaprep.vocab import plural

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ketaprep.review.queries import (
        EntryPage,
        Query,
        TherapistNote,
        Win,
    )
    from ketaprep.review.scores import Series
    from ketaprep.review.trends import Counts, Point
    from ketaprep.store import Answer, Entry

Block = tuple[int, Text]  # an indent and a text (which may hold several lines)

HIGHLIGHT = "bold reverse"
KEYS_NOTE = "Arrow keys to move, Enter to open. Ctrl-C closes at any time."
STACKED_LINES = 2  # of the words, for each entry stacked
CHART_NOTE = "Ups and downs are part of healing. Your care team can help you make sense of them."


# --- small pieces --------------------------------------------------------------------------


def value_text(answer: Answer, labels: Labels) -> Text:
    """An answer as text; what a person wrote is user text, the rest is ketaprep's words.
    Options are the words the person saw (see ``words``)."""
    return Text(*rows.value_words(answer, labels))


def highlighted(text: Text, words: str) -> Text:
    pattern = match_pattern(words)
    if pattern is not None:
        text.highlight_regex(pattern, style=HIGHLIGHT)
    return text


def _text(words: str, style: str = "") -> Text:
    """ketaprep's own words (never markup: rich's Text does not parse it)."""
    return Text(words, style=style)


BLANK: Block = (0, Text())


# --- blocks out ------------------------------------------------------------------------------


def renderable(blocks: Sequence[Block]) -> RenderableType:
    """For a terminal: each block indented, wrapped by rich."""
    from rich.console import Group
    from rich.padding import Padding

    return Group(*(Padding(text, (0, 0, 0, indent)) if indent else text for indent, text in blocks))


def plain(blocks: Sequence[Block]) -> str:
    """For a pipe: the same lines, unstyled and unwrapped (what a person wrote is already
    made safe by ``user_text``)."""
    lines: list[str] = []
    for indent, text in blocks:
        pad = " " * indent
        lines.extend((pad + line).rstrip() for line in text.plain.split("\n"))
    return "\n".join(lines) + "\n"


def console_width() -> int:
    return get_console().width


def emit(blocks: list[Block]) -> None:
    """In a terminal: styled, wrapped and paged. Elsewhere: plain lines, written quickly."""
    console = get_console()
    if console.is_terminal:
        show_paged(renderable(blocks), console)
    else:
        console.file.write(plain(blocks))
        console.file.flush()


# --- one entry -----------------------------------------------------------------------------


def entry_card(entry: Entry, labels: Labels, words: str = "") -> list[Block]:
    about = f"id {entry.id}"
    if entry.is_draft:
        about += " · a draft, not finished"
    blocks: list[Block] = [(0, _text(entry_title(entry), "bold")), (0, _text(about, QUIET))]
    crisis = crisis_shown_words(entry)
    if crisis:
        blocks += [BLANK, (0, _text(crisis[0], "bold"))]
        blocks += [(2, user_text(line)) for line in crisis[1:]]
    if not entry.answers:
        blocks += [BLANK, (0, _text("No answers in this one yet.", QUIET))]
    for answer in entry.answers:
        blocks += [BLANK, (0, user_text(" ".join(answer.question.split()), style="bold"))]
        if answer.partial:
            blocks.append((2, _text(f"({PARTLY})", QUIET)))
        blocks.append((2, highlighted(value_text(answer, labels), words)))
    return blocks


# --- lists ---------------------------------------------------------------------------------


def entries_table(
    page: EntryPage, query: Query, width: int, labels: Labels | None = None
) -> list[Block]:
    """One line per entry, in columns, the words cut to fit ``width``."""
    if not page.total:
        return [(0, _text(rows.nothing_found(query)))]
    head = rows.table_head(page.kinds)
    room = width - len(head)
    if room < FEWEST_COLUMNS:
        return [*entries_stacked(page, width, labels), (0, _text(rows.shown_line(page), QUIET))]
    blocks: list[Block] = [(0, _text(head + "What you wrote"[:room], "bold"))]
    kind_width = rows.kind_width(page.kinds)
    for entry in page.entries:
        short_id, middle, words = rows.table_row(entry, kind_width, room, labels)
        line = _text(short_id, QUIET)
        line.append(middle)
        if entry.is_draft:
            line.append(rows.DRAFT, style=QUIET)
            words = words.removeprefix(rows.DRAFT)
        line.append(words)
        blocks.append((0, line))
    return [*blocks, BLANK, (0, _text(rows.shown_line(page), QUIET))]


def entries_stacked(page: EntryPage, width: int, labels: Labels | None = None) -> list[Block]:
    """For a narrow screen: each entry a few short lines (id and when; kind and session;
    the first words, cut after two lines), with a blank line after it."""
    blocks: list[Block] = []
    for entry in page.entries:
        about = visible(entry.kind) + (
            f", session {entry.session_number}" if entry.session_number else ""
        )
        blocks += [
            (0, _text(f"{entry.id[:8]}  {minute_stamp(entry.created)}", "bold")),
            (0, _text(about)),
        ]
        lines = list(_words(entry, labels).wrap(get_console(), max(width - 2, 10), overflow="fold"))
        if len(lines) > STACKED_LINES:
            lines = lines[:STACKED_LINES]
            lines[-1].truncate(max(width - 3, 9))
            lines[-1].rstrip()
            lines[-1].append("…")
        blocks += [*((2, line) for line in lines), BLANK]
    return blocks


def _words(entry: Entry, labels: Labels | None) -> Text:
    words = _text(rows.DRAFT, QUIET) if entry.is_draft else _text("")
    return words.append_text(user_text(excerpt(entry, labels)))


def search_results(page: EntryPage, query: Query, labels: Labels | None = None) -> list[Block]:
    """Each entry found, with the answers that hold the words, the words highlighted."""
    if not page.total:
        return [(0, _text(rows.nothing_found(query)))]
    blocks: list[Block] = []
    for entry in page.entries:
        title_words, short_id = rows.found_title(entry)
        title = _text(title_words, "bold")
        title.append(short_id, style=QUIET)
        blocks.append((0, title))
        shown = 0
        for question, text, style in rows.found_answers(entry, query.words, labels):
            blocks.append((2, _text(question, QUIET)))
            blocks.append((4, highlighted(_text(text, style), query.words)))
            shown += 1
        if not shown:
            blocks.append((4, highlighted(user_text(excerpt(entry, labels)), query.words)))
        blocks.append(BLANK)
    blocks.append((0, _text(rows.shown_line(page, "entry found", "entries found"), QUIET)))
    return blocks


def wins_view(found: Sequence[Win], total: int) -> list[Block]:
    if not found:
        return [
            (0, _text("No wins written yet. Each ketaprep checkin asks for one, however small.")),
            (0, _text("Getting through a hard day counts too.")),
        ]
    blocks: list[Block] = [
        (0, _text("Your wins, newest first", "bold")),
        (0, _text("Every one of these happened. Read them back whenever you need to.", QUIET)),
        BLANK,
    ]
    for win in found:
        line = _text(f"{short_weekday_date(local_time(win.created))}  ", QUIET)
        line.append_text(user_text(win.text))
        blocks.append((0, line))
    if len(found) < total:
        blocks += [BLANK, (0, _text(f"The newest {len(found):,} of {total:,} wins.", QUIET))]
    return blocks


# --- trends and the browser's first screen ---------------------------------------------------


def therapist_line(note: TherapistNote | None) -> Text | None:
    if note is None:
        return None
    line = _text("Your next check-in with your therapist: ")
    if note.day is not None:
        line.append(weekday_date(note.day) + " ")
    line.append("(you wrote “", style=QUIET)
    line.append_text(user_text(note.text))
    line.append(f"” on {short_weekday_date(note.written.date())})", style=QUIET)
    return line


def trends_view(
    found: Sequence[Point],
    counts: Counts,
    note: TherapistNote | None,
    width: int,
    plain: bool,
    scores_seen: Sequence[Series] = (),
) -> list[Block]:
    blocks: list[Block] = [
        (0, _text("How you have been over time", "bold")),
        (0, _text(f"{trends.counts_sentence(counts)} {trends.rhythm_sentence(counts)}")),
    ]
    therapist = therapist_line(note)
    if therapist is not None:
        blocks.append((0, therapist))
    blocks.append(BLANK)
    if not found:
        blocks.append(
            (0, _text(
                "Nothing to draw yet. The mood and anxiety scales you answer in prepare, "
                "journal and checkin will show here over time."
            ))
        )  # fmt: skip
    elif plain:
        blocks += [(0, _text(line)) for line in trends.plain_lines(found)]
    else:
        blocks.append((0, trends.chart(found, width)))
    blocks += scores.blocks(scores_seen, width, plain)
    if found or scores_seen:
        blocks.append((0, _text(CHART_NOTE, QUIET)))
    return blocks


def browser_heading(kept: dict[str, int], note: TherapistNote | None) -> list[Block]:
    sessions = plural(kept["sessions"], "session")
    entries = plural(kept["entries"], "entry", "entries")
    blocks: list[Block] = [
        (0, _text("Looking back", "bold")),
        (0, _text(f"Your journal holds {sessions} and {entries}.")),
    ]
    therapist = therapist_line(note)
    if therapist is not None:
        blocks.append((0, therapist))
    blocks.append((0, _text(KEYS_NOTE, QUIET)))
    return blocks
