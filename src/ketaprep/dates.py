"""Every day format ketaprep shows, and the dates a person types.

Shown (each name is one format; ``local_time`` first for a stored moment):

    weekday_date        Tuesday 1 December 2026   (year=False: Tuesday 1 December)
    short_weekday_date  Tue 1 Dec 2026
    day_month_year      1 December 2026
    short_day_month     1 Dec
    minute_stamp        2026-12-01 14:30          (a moment, in local time)
    clock_time          14:30

Typed: ``2026-12-01``, ``today``, ``friday``, ``last week``, ``3 days ago``.
Weekday names are ambiguous on their own, so the caller says which way to look:
``direction="past"`` (a journal, ``--since``) gives the last such day before today,
``direction="future"`` (the next session) gives the next such day after today.
``last friday`` and ``next friday`` say it themselves and ignore ``direction``.
"""

from __future__ import annotations

import datetime
import re
from typing import Literal

from ketaprep.errors import UsageError

Direction = Literal["past", "future"]

ACCEPTED_FORMS = (
    "a date like 2026-12-01, today, yesterday, tomorrow, a weekday such as friday "
    "(or last friday, next friday), last week, next week, 3 days ago, 2 weeks ago or in 3 days"
)

WEEKDAYS = {
    "monday": 0, "mon": 0,
    "tuesday": 1, "tue": 1, "tues": 1,
    "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip

_RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "last week": -7, "next week": 7}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_AGO = re.compile(r"(\d{1,4}|a|an|one) (day|days|week|weeks) ago")
_IN = re.compile(r"in (\d{1,4}|a|an|one) (day|days|week|weeks)")


def parse_date(
    text: str, *, direction: Direction = "past", today: datetime.date | None = None
) -> datetime.date:
    """The date ``text`` means, counted from ``today`` (the local date by default).

    Anything else is a UsageError that names the text and the forms accepted.
    """
    today = today or datetime.date.today()
    words = " ".join(text.lower().split())
    iso = _ISO.fullmatch(words)
    if iso:
        try:
            return datetime.date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            raise UsageError(
                f"{text.strip()} is not a day on the calendar. Please check the month and day."
            ) from None
    if words in _RELATIVE_DAYS:
        return _shift(today, _RELATIVE_DAYS[words], text)
    for pattern, sign in ((_AGO, -1), (_IN, 1)):
        match = pattern.fullmatch(words)
        if match:
            count = 1 if match[1] in ("a", "an", "one") else int(match[1])
            days = count * (7 if match[2].startswith("week") else 1)
            return _shift(today, sign * days, text)
    first, _, rest = words.partition(" ")
    if first in ("last", "next") and rest in WEEKDAYS:
        return _weekday(today, WEEKDAYS[rest], "past" if first == "last" else "future", text)
    if words in WEEKDAYS:
        return _weekday(today, WEEKDAYS[words], direction, text)
    raise UsageError(f'"{text.strip()}" is not a date ketaprep understands. Try {ACCEPTED_FORMS}.')


def _weekday(today: datetime.date, weekday: int, direction: Direction, text: str) -> datetime.date:
    """The nearest such weekday strictly before (past) or after (future) today."""
    if direction == "future":
        return _shift(today, (weekday - today.weekday() - 1) % 7 + 1, text)
    return _shift(today, -((today.weekday() - weekday - 1) % 7 + 1), text)


def _shift(today: datetime.date, days: int, text: str) -> datetime.date:
    try:
        return today + datetime.timedelta(days=days)
    except OverflowError:
        raise UsageError(f'"{text.strip()}" is too far away. Try {ACCEPTED_FORMS}.') from None


def weekday_date(day: datetime.date, *, year: bool = True) -> str:
    """``Tuesday 1 December 2026`` (``year=False``: ``Tuesday 1 December``)."""
    text = f"{day:%A} {day.day} {day:%B}"
    return f"{text} {day.year}" if year else text


def short_weekday_date(day: datetime.date) -> str:
    """``Tue 1 Dec 2026``."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def day_month_year(day: datetime.date) -> str:
    """``1 December 2026``."""
    return f"{day.day} {day:%B %Y}"


def short_day_month(day: datetime.date) -> str:
    """``1 Dec``."""
    return f"{day.day} {day:%b}"


def minute_stamp(moment: datetime.datetime) -> str:
    """``2026-12-01 14:30``, in local time."""
    return f"{local_time(moment):%Y-%m-%d %H:%M}"


def clock_time(moment: datetime.datetime) -> str:
    """``14:30``, as ``moment`` says it (``local_time`` first for a stored moment)."""
    return f"{moment.hour:02}:{moment.minute:02}"  # as %H:%M, without strftime


def local_time(moment: datetime.datetime) -> datetime.datetime:
    """``moment`` in the local time zone, for showing. A moment near the ends of the
    calendar (9999-12-31T23:59:59+00:00 is already the year 10000 in Kiritimati) is
    clamped to the first or last moment that can be shown, so no view fails on it."""
    try:
        return moment.astimezone()
    except (OverflowError, ValueError, OSError):
        pass
    zone = datetime.datetime.now().astimezone().tzinfo  # the offset in use today
    try:
        return moment.astimezone(zone)
    except (OverflowError, ValueError):
        edge = datetime.datetime.max if moment.year > 1 else datetime.datetime.min
        return edge.replace(tzinfo=zone)


def relative_day(day: datetime.date, today: datetime.date) -> str:
    """``day`` as counted from ``today``: "today", "yesterday", "9 days ago", "tomorrow",
    "on Friday" within the week to come, "on Friday 19 December" after it."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == -1:
        return "yesterday"
    if days < 0:
        return f"{-days} days ago"
    if days == 1:
        return "tomorrow"
    if days < 7:
        return f"on {day:%A}"
    return f"on {day:%A} {day.day} {day:%B}" + ("" if day.year == today.year else f" {day.year}")
