"""Change over time: the check-in scales as a series, a few counts, and a kind sentence
about the rhythm of check-ins. A text chart for the terminal, an SVG chart for HTML.

The same scales (``mood``, ``anxiety``) are asked before a session (prepare), after it
(journal) and between sessions (checkin), so one series shows all three.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from ketaprep import vocab
from ketaprep.dates import day_month_year, local_time, short_day_month
from ketaprep.store import EntryFilter

if TYPE_CHECKING:
    from rich.text import Text

    from ketaprep.store import Store

SCALES = vocab.SCALES
SCALE_TITLES = {
    vocab.MOOD: "Mood (0 very low, 10 very good)",
    vocab.ANXIETY: "Anxiety (0 calm, 10 very anxious)",
}
MARKS: dict[vocab.Kind, str] = {"prepare": "B", "journal": "A", "checkin": "c"}
MARK_STYLES: dict[vocab.Kind, str] = {
    "prepare": "bold cyan",
    "journal": "bold green",
    "checkin": "yellow",
}
LEGEND = "B before a session   A after a session   c check-in"
RHYTHM_DAYS = 14
SVG_MOST_POINTS = 200  # a page stays light and readable; the latest readings count most
LOW, HIGH = 0, 10


@dataclass(frozen=True)
class Point:
    """One entry's answers to the scales."""

    entry_id: str
    at: datetime.datetime  # local time
    kind: vocab.Kind
    session_number: int | None
    values: dict[str, int]

    def describe(self) -> str:
        """``3 March 2026, before session 4: mood 6, anxiety 3``."""
        where = vocab.kind_names(self.kind).phrase
        if self.session_number is not None and self.kind in vocab.AROUND_A_SESSION:
            where = where.replace("a session", f"session {self.session_number}")
        scales = ", ".join(f"{name} {self.values[name]}" for name in SCALES if name in self.values)
        return f"{day_month_year(self.at)}, {where}: {scales}"


@dataclass(frozen=True)
class Counts:
    sessions: int
    entries: int
    checkins: int
    recent_checkins: int  # in the last RHYTHM_DAYS days, today included
    days_in_a_row: int  # days with a check-in, in a row, up to today or yesterday


# --- from the store ------------------------------------------------------------------------


def points(
    store: Store,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    *,
    latest: int | None = None,
) -> list[Point]:
    """Finished entries' scale answers, oldest first: every one, or the ``latest`` few."""
    found = []
    for point in iter_points(store, since, until, newest_first=latest is not None):
        found.append(point)
        if latest is not None and len(found) >= latest:
            break
    return found[::-1] if latest is not None else found


def iter_points(
    store: Store,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    *,
    newest_first: bool = False,
) -> Iterator[Point]:
    entries = store.entries_with(
        SCALES, EntryFilter(since=since, until=until), newest_first=newest_first
    )
    for entry in entries:
        values = {
            answer.item_id: answer.value
            for answer in entry.answers
            if answer.item_id in SCALES  # not a questionnaire's total
            and isinstance(answer.value, int)
            and not isinstance(answer.value, bool)
        }
        if values:
            at = local_time(entry.created)
            yield Point(entry.id, at, entry.kind, entry.session_number, values)


def chart_room(width: int) -> int:
    """How many readings the text chart shows across ``width`` columns, at most."""
    return max(width - 5, 10)


def counts(store: Store, today: datetime.date | None = None) -> Counts:
    today = today or datetime.date.today()
    kept = store.counts()
    checkins = store.find_entries(EntryFilter(kind="checkin"), limit=0)[1]
    days: set[datetime.date] = set()
    recent = 0
    first_recent = today - datetime.timedelta(days=RHYTHM_DAYS - 1)
    for entry in store.iter_entries(kind="checkin"):
        day = local_time(entry.created).date()
        if day < first_recent:
            break
        if day <= today:
            recent += 1
            days.add(day)
    return Counts(kept["sessions"], kept["entries"], checkins, recent, days_in_a_row(days, today))


def days_in_a_row(days: set[datetime.date], today: datetime.date) -> int:
    """Days in a row with a check-in, ending today (or yesterday: today is not over)."""
    day = today if today in days else today - datetime.timedelta(days=1)
    run = 0
    while day in days:
        run += 1
        day -= datetime.timedelta(days=1)
    return run


# --- words ---------------------------------------------------------------------------------


def times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def rhythm_sentence(counts: Counts) -> str:
    """How often check-ins happen, said kindly. Never a word about a gap."""
    if counts.recent_checkins:
        sentence = (
            f"You have checked in {times(counts.recent_checkins)} in the last {RHYTHM_DAYS} days."
        )
        if counts.days_in_a_row >= 2:
            sentence += f" That includes {counts.days_in_a_row} days in a row."
        return sentence
    if counts.checkins:
        return (
            f"You have checked in {times(counts.checkins)} in all. A check-in is here "
            "whenever you want one: ketaprep checkin"
        )
    return "Whenever you like, a check-in takes about two minutes: ketaprep checkin"


def counts_sentence(counts: Counts) -> str:
    sessions = vocab.plural(counts.sessions, "session")
    entries = vocab.plural(counts.entries, "entry", "entries")
    return f"Your journal holds {sessions} and {entries}."


def plain_lines(found: Sequence[Point]) -> list[str]:
    """The series as sentences, for screen readers and pipes."""
    return [point.describe() + "." for point in found]


# --- the terminal chart --------------------------------------------------------------------


def chart(found: Sequence[Point], width: int) -> Text:
    """Both scales as small grids of letters: a column per reading, the newest on the right."""
    from rich.text import Text

    text = Text()
    if not found:
        return text
    room = chart_room(width)
    step = 2 if len(found) * 2 <= room else 1
    shown = list(found[-(room // step) :])
    if len(shown) < len(found):
        text.append(f"The latest {vocab.plural(len(shown), 'reading')}.\n", style="dim")
    for scale in SCALES:
        text.append(SCALE_TITLES[scale] + "\n", style="bold")
        for level in range(HIGH, LOW - 1, -1):
            row = [" "] * (len(shown) * step)
            styles: list[tuple[int, str]] = []
            for index, point in enumerate(shown):
                if point.values.get(scale) == level:
                    row[index * step] = MARKS.get(point.kind, "?")
                    styles.append((index * step, MARK_STYLES.get(point.kind, "")))
            label = f"{level:>3} " if level % 5 == 0 else "    "
            text.append(label + "│", style="dim")
            line = Text("".join(row).rstrip())
            for column, style in styles:
                line.stylize(style, column, column + 1)
            text.append_text(line)
            text.append("\n")
        text.append("    └" + "─" * (len(shown) * step) + "\n", style="dim")
        text.append_text(_axis(shown, step))
    text.append(LEGEND if len(LEGEND) <= width else LEGEND.replace("   ", "\n"), style="dim")
    return text


def _axis(shown: Sequence[Point], step: int) -> Text:
    """Session numbers under the first reading of each session, then the first and last day."""
    from rich.text import Text

    numbers = [" "] * (len(shown) * step + 8)
    seen: set[int] = set()
    free_from = 0
    for index, point in enumerate(shown):
        number = point.session_number
        if number is None or number in seen or point.kind == "checkin":
            continue
        seen.add(number)
        label = f"s{number}"
        column = index * step
        if column >= free_from and column + len(label) <= len(numbers):
            numbers[column : column + len(label)] = list(label)
            free_from = column + len(label) + 1
    axis = Text("     " + "".join(numbers).rstrip() + "\n" if seen else "", style="dim")
    first, last = short_day_month(shown[0].at), short_day_month(shown[-1].at)
    gap = len(shown) * step - len(first) - len(last)
    days = f"{first}{' ' * gap}{last}" if gap >= 3 else f"{first} to {last}"  # not run together
    days = first if first == last else days  # one day: said once
    axis.append("     " + days + "\n\n", style="dim")
    return axis


# --- the SVG chart -------------------------------------------------------------------------

_PANEL_HEIGHT = 120
_PANEL_GAP = 48  # under a panel: its days, then the next panel's title
_CHARACTER = 6  # about how wide a character of an 11-unit label is
_LEFT, _RIGHT, _TOP = 36, 12, 28
_WIDTH = 640
_LINE_STYLES = {vocab.MOOD: "#1f5f99", vocab.ANXIETY: "#a4461b"}


def svg(found: Sequence[Point]) -> str:
    """An SVG of both scales over time, to put inline in a page. Every text is escaped."""
    shown = list(found[-SVG_MOST_POINTS:])
    height = _TOP + len(SCALES) * (_PANEL_HEIGHT + _PANEL_GAP) + 24
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" '
        'role="img" aria-labelledby="trend-title" class="trend" font-family="sans-serif">',
        '<title id="trend-title">Mood and anxiety over time, from your check-in scales</title>',
    ]
    if len(shown) < len(found):
        parts.append(
            f'<text x="{_LEFT}" y="14" font-size="11">'
            f"The latest {vocab.plural(len(shown), 'reading')}.</text>"
        )
    span = _WIDTH - _LEFT - _RIGHT
    for panel, scale in enumerate(SCALES):
        top = _TOP + panel * (_PANEL_HEIGHT + _PANEL_GAP)
        parts.append(
            f'<text x="{_LEFT}" y="{top - 8}" font-size="13" font-weight="bold">'
            f"{escape(SCALE_TITLES[scale])}</text>"
        )
        for level in (LOW, 5, HIGH):
            y = _y(level, top)
            parts.append(
                f'<line x1="{_LEFT}" y1="{y}" x2="{_WIDTH - _RIGHT}" y2="{y}" stroke="#d0d0d0"/>'
                f'<text x="{_LEFT - 6}" y="{y + 4}" text-anchor="end" font-size="11">{level}</text>'
            )
        xy = [
            (_x(index, len(shown), span), _y(point.values[scale], top), point)
            for index, point in enumerate(shown)
            if scale in point.values
        ]
        if len(xy) > 1:
            line = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in xy)
            dash = ' stroke-dasharray="5 3"' if scale == vocab.ANXIETY else ""
            parts.append(
                f'<polyline points="{line}" fill="none" stroke="{_LINE_STYLES[scale]}"'
                f' stroke-width="1.5"{dash}/>'
            )
        for x, y, point in xy:
            parts.append(_marker(x, y, point, _LINE_STYLES[scale]))
        parts.append(_svg_days(shown, span, top + _PANEL_HEIGHT))
    legend_y = height - 8
    parts.append(
        f'<g font-size="12"><circle cx="{_LEFT + 4}" cy="{legend_y - 4}" r="4" fill="#444"/>'
        f'<text x="{_LEFT + 12}" y="{legend_y}">before a session</text>'
        f'<rect x="{_LEFT + 136}" y="{legend_y - 8}" width="8" height="8" fill="#444"/>'
        f'<text x="{_LEFT + 148}" y="{legend_y}">after a session</text>'
        f'<circle cx="{_LEFT + 268}" cy="{legend_y - 4}" r="2.5" fill="#444"/>'
        f'<text x="{_LEFT + 276}" y="{legend_y}">check-in</text>'
        f'<line x1="{_LEFT + 360}" y1="{legend_y - 4}" x2="{_LEFT + 384}" y2="{legend_y - 4}"'
        f' stroke="{_LINE_STYLES[vocab.MOOD]}" stroke-width="1.5"/>'
        f'<text x="{_LEFT + 390}" y="{legend_y}">mood</text>'
        f'<line x1="{_LEFT + 440}" y1="{legend_y - 4}" x2="{_LEFT + 464}" y2="{legend_y - 4}"'
        f' stroke="{_LINE_STYLES[vocab.ANXIETY]}" stroke-width="1.5" stroke-dasharray="5 3"/>'
        f'<text x="{_LEFT + 470}" y="{legend_y}">anxiety</text></g>'
    )
    parts.append("</svg>")
    return "\n".join(parts)


def _svg_days(shown: Sequence[Point], span: int, bottom: int) -> str:
    """The days of the readings under a panel: the first and the last, and between them
    as many as fit without touching; one day is said once."""
    if not shown:
        return ""
    years = {point.at.year for point in shown}
    labels = [
        short_day_month(point.at) + (f" {point.at.year}" if len(years) > 1 else "")
        for point in shown
    ]
    room = (max(len(label) for label in labels) + 2) * _CHARACTER
    xs = [_x(index, len(shown), span) for index in range(len(shown))]
    chosen = [0]
    for index in range(1, len(shown)):
        if labels[index] == labels[chosen[-1]]:
            continue
        last = index == len(shown) - 1
        if last or (xs[index] - xs[chosen[-1]] >= room and xs[-1] - xs[index] >= room):
            chosen.append(index)
    return "".join(
        f'<line x1="{xs[index]:.1f}" y1="{bottom}" x2="{xs[index]:.1f}" y2="{bottom + 4}"'
        f' stroke="#888"/><text x="{xs[index]:.1f}" y="{bottom + 16}" text-anchor="middle"'
        f' font-size="11">{escape(labels[index])}</text>'
        for index in chosen
    )


def _x(index: int, count: int, span: int) -> float:
    return _LEFT + 8 + (span - 16) * (index / (count - 1) if count > 1 else 0.5)


def _y(value: int, top: int) -> float:
    return top + _PANEL_HEIGHT * (HIGH - value) / (HIGH - LOW)


def _marker(x: float, y: float, point: Point, colour: str) -> str:
    title = f"<title>{escape(point.describe())}</title>"
    if point.kind == "journal":
        return (
            f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}">'
            f"{title}</rect>"
        )
    radius = 4 if point.kind == "prepare" else 2.5
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="{colour}">{title}</circle>'
