"""What the page for a therapist holds (``ketaprep export --for-therapist``): one session
on one or two printed pages, in the person's own voice.

It says what review's session overview gathers (review.queries.session_summary): any
crisis help shown, what the person wants to bring (their words in full), how each
intention went with their notes, mood and anxiety before and after, the check-ins and
wins since the session, each questionnaire's latest total and its change, and the
questions for the clinic. The words are built here once,
as plain text in a few simple parts; each format (html.py, markdown.py) only lays them
out and escapes them.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

from ketaprep import vocab
from ketaprep.dates import day_month_year, local_time, short_day_month
from ketaprep.errors import UsageError
from ketaprep.review.queries import SessionSummary, session_summary
from ketaprep.review.scores import read_series
from ketaprep.review.words import Labels, crisis_shown_words, scale_legend, scale_words, shown_value

if TYPE_CHECKING:
    from ketaprep.guides.questionnaire import Questionnaire
    from ketaprep.store import Entry, Store


@dataclass(frozen=True)
class Words:
    text: str
    quiet: bool = False  # ours, not the person's: shown lighter


@dataclass(frozen=True)
class Bullets:
    items: list[tuple[str, list[str]]]  # each line, and the lines under it


@dataclass(frozen=True)
class Table:
    head: Sequence[str]
    rows: Sequence[Sequence[str]]


Part = Union[Words, Bullets, Table]  # noqa: UP007 (a runtime alias on Python 3.10)


@dataclass(frozen=True)
class Section:
    heading: str
    parts: list[Part]
    alert: bool = False  # crisis help was shown: set apart


@dataclass(frozen=True)
class Sheet:
    title: str
    about: str
    sections: list[Section]
    closing: str


def chosen_session(store: Store, number: int | None, today: datetime.date | None = None) -> int:
    """``number``, or the latest session up to today; UsageError if there is none."""
    if number is not None:
        if store.session(number) is None:
            raise UsageError(f"There is no session {number} in your journal.")
        return number
    today = today or datetime.date.today()
    past = [session for session in store.sessions() if session.date <= today]
    if not past:
        raise UsageError(
            "There is no session up to today in your journal. Please say which one: --session N."
        )
    return max(past, key=lambda session: (session.date, session.number)).number


def sheet(
    store: Store,
    number: int,
    labels: Labels,
    today: datetime.date | None = None,
    questionnaires: Sequence[Questionnaire] = (),
) -> Sheet:
    """The page for session ``number``; ``questionnaires`` as installed now."""
    summary = session_summary(store, number, labels)
    session = summary.session
    measured = _measured(store, summary)
    sections = [
        _crisis(summary, measured),
        Section("What I want to bring", _to_bring(summary)),
        Section("How my intentions went", _intentions(summary, labels)),
        Section("How I felt, before and after", _before_and_after(summary, labels)),
        Section(_since_heading(summary), _checkins(summary, labels)),
        Section("My questionnaires", _scores(store, summary, questionnaires)),
        Section("My questions for the clinic", _questions(summary)),
    ]
    about = f"From my ketaprep journal, made on {day_month_year(today or datetime.date.today())}."
    if session.note:
        about += f" About this session: {session.note}"
    return Sheet(
        title=f"For my therapist: session {session.number}, {day_month_year(session.date)}",
        about=about,
        sections=[section for section in sections if section.parts],
        closing=_closing(summary),
    )


def _crisis(summary: SessionSummary, measured: Sequence[Entry] = ()) -> Section:
    seen = {entry.id: entry for entry in (*summary.entries, *summary.checkins, *measured)}
    items = [
        (f"{_entry_name(entry)}, {day_month_year(local_time(entry.created))}", shown[1:])
        for entry in sorted(seen.values(), key=lambda entry: entry.created)
        if (shown := crisis_shown_words(entry))
    ]
    if not items:
        return Section("Crisis help was shown", [])
    return Section("Crisis help was shown", [Bullets(items)], alert=True)


def _to_bring(summary: SessionSummary) -> list[Part]:
    lines: list[str] = []
    for journal in summary.journals:
        value = journal.value(vocab.TO_SHARE)
        lines += value if isinstance(value, list) else [value] if isinstance(value, str) else []
    lines = [line for line in lines if line.strip()]
    if not lines:
        return [Words("Nothing written down to bring this time.", quiet=True)]
    return [Bullets([(line, []) for line in lines])]


def _intentions(summary: SessionSummary, labels: Labels) -> list[Part]:
    if not summary.intentions:
        return [Words("No intentions were written down for this session.", quiet=True)]
    items = []
    for notes in summary.intentions:
        said = [_said(answer.value, shown_value(answer, labels)) for _, answer in notes.notes]
        said = [line for line in said if line] or ["Not written about yet."]
        items.append((notes.text or "(an intention no longer in the list)", said))
    return [Bullets(items)]


def _said(value: object, shown: object) -> str:
    if isinstance(shown, list):
        return "; ".join(str(line) for line in shown)
    return "" if value is None else str(shown)


def _before_and_after(summary: SessionSummary, labels: Labels) -> list[Part]:
    readings: list[tuple[str, Entry]] = []
    if summary.prepare is not None:
        readings.append((f"Before, {_short(summary.prepare)}", summary.prepare))
    readings += [(f"After, {_short(journal)}", journal) for journal in summary.journals]
    rows = [
        (name, *(_scale(entry, scale, labels) for _, entry in readings))
        for scale, name in vocab.SCALE_NAMES
    ]
    if all(cell == "-" for row in rows for cell in row[1:]):
        return [Words("No mood or anxiety was written down for this session.", quiet=True)]
    legends = [scale_legend(scale, name, labels) for scale, name in vocab.SCALE_NAMES]
    known = " ".join(legend for legend in legends if legend)
    parts: list[Part] = [Table(("", *(name for name, _ in readings)), rows)]
    return parts + [Words(known, quiet=True)] if known else parts


def _scale(entry: Entry, scale: str, labels: Labels) -> str:
    value = entry.value(scale)
    if isinstance(value, int) and not isinstance(value, bool):
        return scale_words(scale, value, labels)
    return "-"


def _since_heading(summary: SessionSummary) -> str:
    if summary.next_session is None:
        return "Check-ins and wins since the session"
    return f"Check-ins and wins until session {summary.next_session.number}"


def _checkins(summary: SessionSummary, labels: Labels) -> list[Part]:
    if not summary.checkins:
        return [Words("No check-ins in this time.", quiet=True)]
    rows = []
    for entry in summary.checkins:
        win = entry.value(vocab.WIN)
        rows.append(
            (
                _short(entry),
                _scale(entry, vocab.MOOD, labels),
                _scale(entry, vocab.ANXIETY, labels),
                win if isinstance(win, str) and win.strip() else "-",
            )
        )
    return [Table(("Day", "Mood", "Anxiety", "A win, however small"), rows)]


def _window_end(summary: SessionSummary) -> datetime.date | None:
    """The last day the page looks at: the day before the next session, if there is one."""
    if summary.next_session is None:
        return None
    return summary.next_session.date - datetime.timedelta(days=1)


def _measured(store: Store, summary: SessionSummary) -> list[Entry]:
    """The questionnaires taken from the session's day until the next session's."""
    return store.entries(kind=vocab.MEASURE, since=summary.session.date, until=_window_end(summary))


def _scores(
    store: Store, summary: SessionSummary, questionnaires: Sequence[Questionnaire]
) -> list[Part]:
    """Each questionnaire's latest total up to the next session, and how it moved."""
    rows = []
    for series in read_series(store, questionnaires, until=_window_end(summary)):
        low, high = series.span
        last = series.taken[-1]
        rows.append(
            (
                series.title,
                f"{last.total} ({low} to {high}), {day_month_year(last.at.date())}",
                last.band or "-",
                series.change() or "The first total.",
            )
        )
    if not rows:
        return []
    return [Table(("Questionnaire", "Latest", "What it said", "Since the time before"), rows)]


def _questions(summary: SessionSummary) -> list[Part]:
    if not summary.clinic_questions:
        return []
    return [Bullets([(question, []) for question in summary.clinic_questions])]


def _closing(summary: SessionSummary) -> str:
    closing = "Everything here is in my own words and numbers, as I wrote them."
    drafts = sum(entry.is_draft for entry in summary.entries)
    if drafts:
        verb = "is" if drafts == 1 else "are"
        closing += (
            f" {vocab.plural(drafts, 'entry', 'entries')} for this session {verb} not finished,"
            " so not on this page."
        )
    return closing


def _entry_name(entry: Entry) -> str:
    return vocab.kind_names(entry.kind).title


def _short(entry: Entry) -> str:
    return short_day_month(local_time(entry.created))
