"""``ketaprep export --format html``: one page to read on a phone or print. The same
record as the Markdown export, plus the trend chart as inline SVG; and, with
``--for-therapist``, the one-session page of therapist.py.

The page is self-contained and loads nothing: no scripts, no fonts, no images from
anywhere, and a Content-Security-Policy that forbids them. Everything a person wrote is
escaped with ``html.escape`` after control characters are made visible.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from ketaprep import vocab
from ketaprep.console import visible
from ketaprep.dates import clock_time, day_month_year
from ketaprep.export import therapist
from ketaprep.export.record import (
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
from ketaprep.review.scores import svg as score_svg
from ketaprep.review.trends import SVG_MOST_POINTS, Point, points, svg
from ketaprep.review.words import PARTLY, Labels, scale_words

if TYPE_CHECKING:
    from ketaprep.guides.card import Card
    from ketaprep.guides.questionnaire import Questionnaire
    from ketaprep.review.scores import Series
    from ketaprep.store import Session, Store

STYLE = """
:root { color-scheme: light; }
body { margin: 0; background: #fbfaf7; color: #1d1d1d;
  font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 42rem; margin: 0 auto; padding: 1rem 1.1rem 3rem; }
h1 { font-size: 1.6rem; margin: 0.6rem 0; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; padding-top: 0.6rem;
  border-top: 1px solid #d8d4cc; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 0.3rem; }
.about, .draft, .none { color: #5b5b5b; }
.draft { font-style: italic; }
.crisis { border-left: 3px solid #a33a3a; padding-left: 0.8rem; }
dl { margin: 0; }
dt { font-weight: 600; margin-top: 0.8rem; }
dd { margin: 0.2rem 0 0 0; padding-left: 0.8rem; border-left: 3px solid #d8d4cc; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
ul { margin: 0; padding-left: 1.2rem; }
.chart svg { width: 100%; height: auto; }
.card { border: 1px solid #8fb8bf; border-radius: 6px; padding: 0.2rem 0.9rem 0.6rem;
  margin: 0.8rem 0; }
.card h3 { margin-top: 0.5rem; }
.card p { margin: 0.5rem 0 0.2rem; }
table { border-collapse: collapse; margin: 0.3rem 0; }
th, td { text-align: left; vertical-align: top; padding: 0.15rem 0.9rem 0.15rem 0;
  border-bottom: 1px solid #e4e0d8; }
.sheet li { margin: 0.25rem 0; }
section.crisis h2 { border-top: 0; padding-top: 0; }
.sheet li ul { color: #3b3b3b; }
@media print {
  @page { size: A4; margin: 12mm 14mm; }
  body { background: #fff; font-size: 9.5pt; line-height: 1.3; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 15pt; margin: 0 0 0.3rem; }
  h2 { font-size: 12pt; margin: 0.9rem 0 0.2rem; padding-top: 0.3rem; }
  h3 { font-size: 10pt; margin: 0.7rem 0 0.15rem; }
  h2, h3 { break-after: avoid; }
  dl { display: grid; grid-template-columns: minmax(0, 9fr) minmax(0, 11fr); gap: 0.15rem 0.8rem; }
  dt { margin: 0; font-weight: 600; }
  dd { margin: 0; padding-left: 0.5rem; border-left-width: 2px; }
  dt, dd, li, .crisis { break-inside: avoid; }
  .chart, .card { break-inside: avoid; }
  .chart p { margin: 0.2rem 0; }
  .chart svg { width: auto; max-width: 100%; height: 7cm; }
  tr, .sheet li { break-inside: avoid; }
  main.sheet { font-size: 10.5pt; }
}
""".strip()

CSP = "default-src 'none'; style-src 'unsafe-inline'"
# One look finds the text ``text`` leaves as it is (most): no control, bidi control or
# lone surrogate to make visible (``visible``), no "\r", nothing ``escape`` changes.
_NEEDS_WORK = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff&<>\"']"
)


# --- the page ------------------------------------------------------------------------------


def text(words: str) -> str:
    """What a person wrote, safe inside HTML: controls visible, then escaped."""
    if not _NEEDS_WORK.search(words):
        return words
    return escape(visible(words.replace("\r\n", "\n")))


def write_html(
    store: Store,
    write: Write,
    selection: Selection,
    labels: Labels | None = None,
    today: datetime.date | None = None,
    questionnaires: Sequence[Questionnaire] = (),
    cards: CardOf | None = None,
) -> int:
    """Write the page; returns how many entries it holds."""
    shown: Labels = {} if labels is None else labels
    today = today or datetime.date.today()
    write(
        _head("My ketaprep journal") + "<main>\n<h1>My ketaprep journal</h1>\n"
        f'<p class="about">Exported on {day_month_year(today)}. This is private: it holds what you '
        "wrote. Entries marked &#8220;draft&#8221; were not finished.</p>\n"
    )
    sessions = sessions_in_order(store, selection)
    write(_chart(_points(store, selection, sessions)))
    for number, series in enumerate(scores_in(store, selection, questionnaires)):
        write(_scores_chart(series, number))
    page = Page(
        session=_session_html,
        card=_card_html,
        entry=lambda entry: entry_html(entry, shown),
        empty_session='<p class="none">Nothing written for this session yet.</p>\n',
        session_end="</section>\n",
        between='<section class="between">\n<h2>Between sessions</h2>\n',
        between_end="</section>\n",
        nothing='<p class="none">Nothing was written in this time.</p>\n',
    )
    count = write_record(store, write, selection, page, sessions, shown, cards)
    write("</main>\n</body>\n</html>\n")
    return count


def _head(title: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{text(title)}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n"
    )


def _session_html(session: Session) -> str:
    day = day_month_year(session.date)
    heading = f'<section class="session">\n<h2>Session {session.number}: {day}</h2>\n'
    return heading + (f'<p class="text">{text(session.note)}</p>\n' if session.note else "")


def _card_html(card: Card) -> str:
    parts = ['<div class="card">\n<h3>My card</h3>\n']
    for heading, lines in card.parts():
        if heading:
            items = "".join(f'<li class="text">{text(line)}</li>' for line in lines)
            parts.append(f"<p><strong>{text(heading)}</strong></p>\n<ul>{items}</ul>\n")
        else:  # the help after an alert
            parts.append(f"<p><strong>{text(lines[0])}</strong></p>\n")
            parts += [f"<p>{text(line)}</p>\n" for line in lines[1:]]
    return "".join(parts) + "</div>\n"


def entry_html(entry: Written, labels: Labels) -> str:
    created = entry.created
    parts = [f"{_heading(entry.kind, created.date())}, {clock_time(created)}</h3>\n"]
    if entry.draft:
        parts.append('<p class="draft">Draft: not finished.</p>\n')
    crisis = entry.crisis
    if crisis:
        shown = "".join(f'<li class="text">{text(line)}</li>' for line in crisis[1:])
        parts.append(
            f'<div class="crisis"><p><strong>{crisis[0]}</strong></p><ul>{shown}</ul></div>\n'
        )
    if not entry.answers:
        parts.append('<p class="none">No answers yet.</p>\n')
    else:
        parts.append("<dl>\n")
        for answer in entry.answers:
            parts.append(_question(answer.question))
            if answer.partial:
                parts.append(f'<p class="none">({PARTLY})</p>')
            parts.append(answer_html(answer, labels))
            parts.append("</dd>\n")
        parts.append("</dl>\n")
    parts.append("</article>\n")
    return "".join(parts)


# An export repeats the same few questions, kinds and days in entry after entry: each is
# written out once.
@functools.lru_cache(maxsize=1024)
def _heading(kind: str, day: datetime.date) -> str:
    return f"<article>\n<h3>{escape(vocab.kind_names(kind).title)}: {day_month_year(day)}"


@functools.lru_cache(maxsize=1024)
def _question(question: str) -> str:
    return f"<dt>{text(' '.join(question.split())) or '(no question)'}</dt>\n<dd>"


def answer_html(answer: Said, labels: Labels) -> str:
    value = answer.value
    if value is None:
        return '<span class="none">(skipped)</span>'
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int):
        scale = answer.item_type == "scale"
        return scale_words(answer.item_id, value, labels) if scale else str(value)
    if isinstance(value, list):
        if not value:
            return '<span class="none">(none)</span>'
        items = "".join(f'<li class="text">{text(item)}</li>' for item in value)
        return f"<ul>{items}</ul>"
    if not value.strip():
        return '<span class="none">(left blank)</span>'
    return f'<p class="text">{text(value)}</p>'


def _chart(found: list[Point]) -> str:
    if not found:
        return ""
    return (
        '<section class="chart">\n<h2>Mood and anxiety over time</h2>\n'
        "<p>Each mark is one answer to the scales: before a session, after it, "
        "or at a check-in.</p>\n"
        f"{svg(found)}\n</section>\n"
    )


def _scores_chart(series: Series, number: int) -> str:
    """A questionnaire's totals over time, its bands shaded behind them, with its credit
    line and the latest change."""
    credit = series.questionnaire.credit if series.questionnaire else ""
    change = series.change()
    bands = "".join(
        f"<li>{band.low} to {band.high}: {text(band.words)}</li>" for band in series.bands
    )
    return (
        f'<section class="chart">\n<h2>{text(series.title)}: totals over time</h2>\n'
        + (f'<p class="about">{text(credit)}</p>\n' if credit else "")
        + f"{score_svg(series, number)}\n"
        + (f"<p>{text(change)}</p>\n" if change else "")
        + (f'<p>The shaded bands, from the bottom:</p>\n<ul class="bands">{bands}</ul>\n'
           if bands else "")
        + "</section>\n"
    )  # fmt: skip


# --- the chart's readings -----------------------------------------------------------------


def _points(store: Store, selection: Selection, sessions: list[Session]) -> list[Point]:
    """The readings the chart shows: for one session, its own and the check-ins until the
    next session; otherwise every reading in the time chosen."""
    if selection.session is None:
        return points(store, selection.since, selection.until, latest=SVG_MOST_POINTS + 1)
    if not sessions:
        return []
    session = sessions[0]
    later = sorted(s.date for s in store.sessions() if s.date > session.date)
    found = points(store, selection.since, selection.until)
    return [
        point
        for point in found
        if point.session_number == session.number
        or (
            point.kind == "checkin"
            and point.at.date() >= session.date
            and (not later or point.at.date() < later[0])
        )
    ]


# --- the page for a therapist --------------------------------------------------------------


def write_therapist_html(
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
    write(_head(found.title) + '<main class="sheet">\n')
    write(f'<h1>{text(found.title)}</h1>\n<p class="about">{text(found.about)}</p>\n')
    for section in found.sections:
        marked = ' class="crisis"' if section.alert else ""
        write(f"<section{marked}>\n<h2>{text(section.heading)}</h2>\n")
        write("".join(_part_html(part) for part in section.parts))
        write("</section>\n")
    write(f'<p class="about">{text(found.closing)}</p>\n</main>\n</body>\n</html>\n')
    return 1


def _part_html(part: therapist.Part) -> str:
    if isinstance(part, therapist.Words):
        return f'<p class="{"none" if part.quiet else "text"}">{text(part.text)}</p>\n'
    if isinstance(part, therapist.Bullets):
        items = []
        for line, under in part.items:
            inner = "".join(f'<li class="text">{text(more)}</li>' for more in under)
            items.append(f'<li><span class="text">{text(line)}</span>')
            items.append(f"<ul>{inner}</ul></li>\n" if under else "</li>\n")
        return "<ul>\n" + "".join(items) + "</ul>\n"
    head = "".join(f"<th>{text(cell)}</th>" for cell in part.head)
    rows = "".join(
        "<tr>" + "".join(f'<td class="text">{text(cell)}</td>' for cell in row) + "</tr>\n"
        for row in part.rows
    )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n"
