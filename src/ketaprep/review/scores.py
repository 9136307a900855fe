"""Questionnaire scores over time: each questionnaire's totals as a series, drawn as bars
in the terminal, as sentences in plain mode, and as an SVG chart with its bands shaded
behind the line for the HTML export.

A series is read from the store (the totals the walk saved, with the band words shown
then) and drawn with the questionnaire as it is now (its title, range and bands). A
questionnaire no longer installed is still listed, by its id, without bands.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from ketaprep.config import user_guides_dir
from ketaprep.dates import day_month_year, local_time, short_day_month
from ketaprep.errors import KetaprepError
from ketaprep.guides.questionnaire import (
    BAND,
    SUBSCALE_PREFIX,
    TOTAL,
    Band,
    Questionnaire,
    change_words,
)
from ketaprep.vocab import MEASURE

if TYPE_CHECKING:
    from pathlib import Path

    from rich.text import Text

    from ketaprep.store import Entry, Store

MOST_ROWS = 12  # the terminal shows the latest few times of each questionnaire
SVG_MOST_TIMES = 200
BAR_ROOM = 40  # columns for the longest bar, at most


@dataclass(frozen=True)
class Taken:
    """One time a questionnaire was taken in full."""

    entry_id: str
    at: datetime.datetime  # local time
    total: int
    band: str | None  # the band's words as shown that time
    subscales: dict[str, int]


@dataclass(frozen=True)
class Series:
    id: str
    title: str
    taken: tuple[Taken, ...]  # oldest first
    questionnaire: Questionnaire | None = None  # None: no longer installed

    @property
    def bands(self) -> tuple[Band, ...]:
        return self.questionnaire.bands if self.questionnaire else ()

    @property
    def span(self) -> tuple[int, int]:
        """The range of totals to draw: the questionnaire's, else what was scored."""
        if self.questionnaire is not None:
            return self.questionnaire.lowest, self.questionnaire.highest
        totals = [taken.total for taken in self.taken]
        return min(0, *totals), max(1, *totals)

    def change(self) -> str | None:
        """The latest total against the one before, in words."""
        if len(self.taken) < 2:
            return None
        before, last = self.taken[-2], self.taken[-1]
        return change_words(before.total, last.total, f"on {day_month_year(before.at.date())}")


def taken_from(entry: Entry) -> Taken | None:
    """What a finished questionnaire entry scored; None if it has no total (a skipped
    statement leaves none)."""
    total = entry.value(TOTAL)
    if not isinstance(total, int) or isinstance(total, bool):
        return None
    band = entry.value(BAND)
    subscales = {
        answer.item_id.removeprefix(SUBSCALE_PREFIX): answer.value
        for answer in entry.answers
        if answer.item_id.startswith(SUBSCALE_PREFIX)
        and isinstance(answer.value, int)
        and not isinstance(answer.value, bool)
    }
    shown = band if isinstance(band, str) else None
    return Taken(entry.id, local_time(entry.created), total, shown, subscales)


def installed(guides_dir: Path | None) -> tuple[Questionnaire, ...]:
    """The questionnaires as they are now: the person's, else the built-in ones (broken
    files must not keep anyone from their own totals), else none."""
    from ketaprep.guides.load import load_questionnaires  # yaml: only to read them

    try:
        return load_questionnaires(user_guides_dir(guides_dir))
    except KetaprepError:
        pass
    try:
        return load_questionnaires()
    except KetaprepError:
        return ()


def read_series(
    store: Store,
    questionnaires: Sequence[Questionnaire],
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> list[Series]:
    """Every questionnaire taken in full at least once, oldest time first: the installed
    ones in their order, then any others by id."""
    found: dict[str, list[Taken]] = {}
    for entry in store.iter_entries(kind=MEASURE, since=since, until=until, oldest_first=True):
        taken = taken_from(entry)
        if taken is not None:
            found.setdefault(entry.guide, []).append(taken)
    known = {questionnaire.id: questionnaire for questionnaire in questionnaires}
    order = [q.id for q in questionnaires if q.id in found]
    order += sorted(name for name in found if name not in known)
    return [
        Series(
            name, known[name].title if name in known else name, tuple(found[name]), known.get(name)
        )
        for name in order
    ]


# --- words ---------------------------------------------------------------------------------


def heading(series: Series) -> str:
    low, high = series.span
    return f"{series.title} (totals {low} to {high})"


def latest_sentence(series: Series) -> str:
    """``Latest: 12 on 2 March 2026, some low mood lately. 3 points lower than ...``"""
    last = series.taken[-1]
    words = f" {last.band}" if last.band else ""
    said = f"Latest: {last.total} on {day_month_year(last.at.date())}.{words}"
    moved = series.change()
    return f"{said} {moved}" if moved else said


def plain_lines(found: Sequence[Series]) -> list[str]:
    """Every time each questionnaire was taken, as sentences."""
    lines: list[str] = []
    for series in found:
        lines.append(heading(series) + ":")
        for taken in series.taken:
            band = f" {taken.band}" if taken.band else ""
            lines.append(f"{day_month_year(taken.at.date())}: {taken.total}.{band}")
    return lines


def blocks(found: Sequence[Series], width: int, plain: bool) -> list[tuple[int, Text]]:
    """``review --trends``'s part for each questionnaire: a blank line, the bar chart (or
    sentences), then the latest total and its change since the time before."""
    from rich.text import Text

    shown: list[tuple[int, Text]] = []
    for series in found:
        shown.append((0, Text()))
        if plain:
            shown += [(0, Text(line)) for line in plain_lines([series])]
        else:
            shown.append((0, chart(series, width)))
        shown.append((0, Text(latest_sentence(series))))
    return shown


# --- the terminal chart --------------------------------------------------------------------


def chart(series: Series, width: int) -> Text:
    """The latest times as bars, one row each, with the band edges marked on an axis."""
    from rich.text import Text

    low, high = series.span
    room = max(min(BAR_ROOM, width - 16), 10)
    shown = series.taken[-MOST_ROWS:]
    text = Text()
    text.append(heading(series) + "\n", style="bold")
    if len(shown) < len(series.taken):
        text.append(f"The latest {len(shown)} of {len(series.taken)} times.\n", style="dim")
    for taken in shown:
        cells = _cells(taken.total, low, high, room)
        text.append(f"  {short_day_month(taken.at.date()):>6} {taken.total:>3} ", style="dim")
        text.append("█" * cells if cells else "▏", style="cyan")
        text.append("\n")
    text.append_text(_axis(series, low, high, room))
    return text


def _cells(total: int, low: int, high: int, room: int) -> int:
    return round((min(max(total, low), high) - low) / max(high - low, 1) * room)


def _axis(series: Series, low: int, high: int, room: int) -> Text:
    """``└────┴────┴───┘`` under the bars, a tick where each band starts, and the numbers."""
    from rich.text import Text

    line = ["─"] * (room + 1)
    numbers = [" "] * (room + 4)
    edges = [low, *(band.low for band in series.bands[1:]), high]
    free = 0
    for edge in edges:
        column = _cells(edge, low, high, room)
        line[column] = "┴" if edge not in (low, high) else line[column]
        label = str(edge)
        if column >= free and column + len(label) <= len(numbers):
            numbers[column : column + len(label)] = list(label)
            free = column + len(label) + 1
    text = Text(style="dim")
    text.append("             └" + "".join(line[1:-1]) + "┘\n")
    text.append("             " + "".join(numbers).rstrip() + "\n")
    return text


# --- the SVG chart -------------------------------------------------------------------------

_WIDTH, _HEIGHT = 640, 150
_LEFT, _RIGHT, _TOP = 36, 12, 24
_PANEL = _HEIGHT - _TOP - 22
_LINE = "#1f5f99"
_SHADES = ("#f2f2f2", "#e2e2e2")  # bands alternate, lightest at the bottom


def svg(series: Series, number: int = 0) -> str:
    """One questionnaire's totals over time, its bands as shaded ranges behind the line,
    to put inline in a page. Every text is escaped."""
    shown = series.taken[-SVG_MOST_TIMES:]
    low, high = series.span
    title_id = f"scores-title-{number}"
    title = f"{series.title}: totals over time"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {_HEIGHT}" role="img" '
        f'aria-labelledby="{title_id}" class="scores" font-family="sans-serif">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<text x="{_LEFT}" y="14" font-size="13" font-weight="bold">'
        f"{escape(heading(series))}</text>",
    ]
    for index, band in enumerate(series.bands):
        top, bottom = _y(min(band.high + 1, high), low, high), _y(band.low, low, high)
        parts.append(
            f'<rect x="{_LEFT}" y="{top:.1f}" width="{_WIDTH - _LEFT - _RIGHT}" '
            f'height="{bottom - top:.1f}" fill="{_SHADES[index % 2]}">'
            f"<title>{band.low} to {band.high}: {escape(band.words)}</title></rect>"
        )
    for edge in dict.fromkeys([low, *(band.low for band in series.bands), high]):
        y = _y(edge, low, high)
        parts.append(
            f'<text x="{_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{edge}</text>'
        )
    points = [
        (_x(index, len(shown)), _y(taken.total, low, high)) for index, taken in enumerate(shown)
    ]
    if len(points) > 1:
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{_LINE}" stroke-width="1.5"/>')
    for (x, y), taken in zip(points, shown, strict=True):
        said = f"{day_month_year(taken.at.date())}: {taken.total}. {taken.band or ''}".strip()
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{_LINE}">'
            f"<title>{escape(said)}</title></circle>"
        )
    first, last = (escape(short_day_month(taken.at)) for taken in (shown[0], shown[-1]))
    parts.append(
        f'<text x="{_LEFT}" y="{_HEIGHT - 4}" font-size="11">{first}</text>'
        f'<text x="{_WIDTH - _RIGHT}" y="{_HEIGHT - 4}" font-size="11" text-anchor="end">'
        f"{last}</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts)


def _x(index: int, count: int) -> float:
    span = _WIDTH - _LEFT - _RIGHT
    return _LEFT + 8 + (span - 16) * (index / (count - 1) if count > 1 else 0.5)


def _y(value: int, low: int, high: int) -> float:
    clamped = min(max(value, low), high)
    return _TOP + _PANEL * (high - clamped) / max(high - low, 1)
