"""``ketaprep export --format markdown``: a record to read, print or share; and, with
``--for-therapist``, the one-session page of therapist.py.

What a person wrote can never become Markdown structure or markup: it is quoted, and
every character Markdown could read as either is escaped.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ketaprep import vocab
from ketaprep.console import visible
from ketaprep.dates import clock_time, day_month_year
from ketaprep.export import therapist
from ketaprep.export.record import (
    EVERYTHING,
    CardOf,
    Page,
    Said,
    Selection,
    Written,
    scores_in,
    sessions_in_order,
    write_record,
)
from ketaprep.private_files import Write
from ketaprep.review.words import PARTLY, Labels

if TYPE_CHECKING:
    from ketaprep.guides.card import Card
    from ketaprep.guides.questionnaire import Questionnaire
    from ketaprep.review.scores import Series
    from ketaprep.store import Session, Store

# Characters Markdown could read as structure or markup, escaped wherever they are,
# and line starts that would begin a list, a heading underline or a numbered list.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>#|~&])")
_MARKDOWN_LIST_MARK = re.compile(r"^(\s*)([-+=])")
_MARKDOWN_NUMBER_MARK = re.compile(r"^(\s*\d+)([.)])")
_MAY_BEGIN_MARK = re.compile(r"\s*[-+=\d]")  # where either of the two above could match
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029]")
# One look finds the text that needs neither cleaning (controls, line breaks other than
# "\n", lone surrogates: see ``visible``) nor inline escapes; most text needs neither.
_NEEDS_WORK = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
    "\\\\`*_\\[\\]<>#|~&]"
)


def write_markdown(
    store: Store,
    write: Write,
    selection: Selection = EVERYTHING,
    labels: Labels | None = None,
    questionnaires: Sequence[Questionnaire] = (),
    cards: CardOf | None = None,
) -> int:
    """A readable record, session by session, oldest first. Returns the entry count.
    Options are shown as the words the person saw (``labels``: the current guides');
    each questionnaire's totals over time come first."""
    shown: Labels = {} if labels is None else labels
    write("# My ketaprep journal\n\n")
    write(
        f"Exported on {day_month_year(datetime.date.today())}. This is private: it holds what you "
        'wrote. Entries marked "draft" were not finished.\n'
    )
    for series in scores_in(store, selection, questionnaires):
        write(_scores_markdown(series))
    page = Page(
        session=_session_markdown,
        card=_card_markdown,
        entry=_entry_markdown,
        empty_session="\nNothing written for this session yet.\n",
        session_end="",
        between="\n## Between sessions\n",
        between_end="",
        nothing="\nNothing was written in this time.\n",
    )
    sessions = sessions_in_order(store, selection)
    return write_record(store, write, selection, page, sessions, shown, cards)


def _scores_markdown(series: Series) -> str:
    """A questionnaire's totals as a table, then the latest change and its credit line."""
    low, high = series.span
    lines = [
        f"\n## {_escape(series.title)}: totals over time\n",
        f"\nTotals go from {low} to {high}.",
    ]
    if series.questionnaire is not None:
        lines.append(f" {_escape(series.questionnaire.credit)}")
    lines.append("\n\n| Day | Total | What it said |\n|---|---|---|\n")
    for taken in series.taken:
        said = _escape(taken.band or "")
        lines.append(f"| {day_month_year(taken.at.date())} | {taken.total} | {said} |\n")
    change = series.change()
    lines.append(f"\n{_escape(change)}\n" if change else "")
    return "".join(lines)


def _session_markdown(session: Session) -> str:
    heading = f"\n## Session {session.number}: {day_month_year(session.date)}\n"
    return heading + ("\n" + _quote(session.note) if session.note else "")


def _card_markdown(card: Card) -> str:
    parts = ["\n### My card\n"]
    for heading, lines in card.parts():
        if heading:
            parts.append(f"\n**{_escape(heading)}**\n\n")
            parts.append("".join(_bullet(text, "- ") + "\n" for text in lines))
        else:  # the help after an alert
            parts.append(f"\n**{_escape(lines[0])}**\n")
            parts += [f"\n{_escape(line)}\n" for line in lines[1:]]
    return "".join(parts)


def _entry_markdown(entry: Written) -> str:
    created = entry.created
    parts = [f"{_heading(entry.kind, created.date())}, {clock_time(created)}\n"]
    if entry.draft:
        parts.append("\n*Draft: not finished.*\n")
    crisis = entry.crisis
    if crisis:
        parts.append(f"\n**{crisis[0]}**\n\n")
        parts.append("".join(f"- {_escape(line)}\n" for line in crisis[1:]))
    if not entry.answers:
        parts.append("\n*No answers yet.*\n")
    for answer in entry.answers:
        parts.append(_question(answer.question))
        if answer.partial:
            parts.append(f"*({PARTLY})*\n\n")
        parts.append(_answer_markdown(answer))
    return "".join(parts)


# An export repeats the same few questions, kinds and days in entry after entry: each is
# written out once.
@functools.lru_cache(maxsize=1024)
def _heading(kind: str, day: datetime.date) -> str:
    return f"\n### {vocab.kind_names(kind).title}: {day_month_year(day)}"


@functools.lru_cache(maxsize=1024)
def _question(question: str) -> str:
    return f"\n**{_escape(' '.join(question.split())) or '(no question)'}**\n\n"


def _answer_markdown(answer: Said) -> str:
    value = answer.value
    if isinstance(value, str):
        return _quote(value) if value.strip() else "*(left blank)*\n"
    if value is None:
        return "*(skipped)*\n"
    if isinstance(value, bool):
        return "> Yes\n" if value else "> No\n"
    if isinstance(value, int):
        return f"> {value}\n"
    if not value:
        return "*(none)*\n"
    return "\n".join([_lines(item, "> - ", ">   ") for item in value]) + "\n"


def write_therapist_markdown(
    store: Store,
    write: Write,
    selection: Selection,
    labels: Labels | None = None,
    questionnaires: Sequence[Questionnaire] = (),
    cards: CardOf | None = None,  # the card is the person's, not for the therapist's page
) -> int:
    """The page of therapist.py for ``selection.session``; returns 1 (one session)."""
    number = therapist.chosen_session(store, selection.session)
    found = therapist.sheet(store, number, labels or {}, questionnaires=questionnaires)
    write(f"# {_escape(found.title)}\n\n{_escape(found.about)}\n")
    for section in found.sections:
        write(f"\n## {_escape(section.heading)}\n\n")
        write("\n".join(_part_markdown(part) for part in section.parts))
    write(f"\n---\n\n*{_escape(found.closing)}*\n")
    return 1


def _part_markdown(part: therapist.Part) -> str:
    if isinstance(part, therapist.Words):
        return f"*{_escape(part.text)}*\n" if part.quiet else _quote(part.text)
    if isinstance(part, therapist.Bullets):
        lines = []
        for line, under in part.items:
            lines.append(_bullet(line, "- "))
            lines += [_bullet(text, "  - ") for text in under]
        return "\n".join(lines) + "\n"
    rows = ["| " + " | ".join(_escape(cell) for cell in row) + " |" for row in part.rows]
    head = "| " + " | ".join(_escape(cell) for cell in part.head) + " |"
    return "\n".join([head, "|" + " --- |" * len(part.head), *rows]) + "\n"


def _bullet(text: str, mark: str) -> str:
    """A list item in the person's words: every line escaped, the later ones indented."""
    return _lines(text, mark, " " * len(mark))


def _quote(text: str) -> str:
    """Text as a block quote: every line quoted, so nothing in it can end the quote."""
    return _lines(text, "> ", "> ") + "\n"


def _clean(text: str) -> str:
    return visible(_LINE_BREAKS.sub("\n", text))


def _lines(text: str, first: str, later: str) -> str:
    """``text`` cleaned, each line escaped as ``_escape`` would and put after ``first``
    (the first line) or ``later``, with no spaces at its end."""
    if _NEEDS_WORK.search(text):
        text = _MARKDOWN_INLINE.sub(r"\\\1", _clean(text))  # no "\n" is ever escaped
    if "\n" not in text:  # most answers: one line, written without a list of lines
        return (first + _escape_marks(text)).rstrip()
    head, *rest = text.split("\n")
    lines = [(first + _escape_marks(head)).rstrip()]
    lines += [(later + _escape_marks(line)).rstrip() for line in rest]
    return "\n".join(lines)


def _escape(line: str) -> str:
    if _NEEDS_WORK.search(line):
        line = _MARKDOWN_INLINE.sub(r"\\\1", _clean(line))
    return _escape_marks(line.replace("\n", " "))


def _escape_marks(line: str) -> str:
    """A line that would begin a list, a heading underline or a numbered list, escaped."""
    if not _MAY_BEGIN_MARK.match(line):
        return line
    line = _MARKDOWN_LIST_MARK.sub(r"\1\\\2", line)
    return _MARKDOWN_NUMBER_MARK.sub(r"\1\\\2", line)
