"""Dates a person types, counted from a fixed day: Wednesday 2 December 2026."""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterator

import pytest

from ketaprep.dates import (
    ACCEPTED_FORMS,
    clock_time,
    day_month_year,
    local_time,
    minute_stamp,
    parse_date,
    short_day_month,
    short_weekday_date,
    weekday_date,
)
from ketaprep.errors import UsageError

TODAY = datetime.date(2026, 12, 2)  # a Wednesday


def day(text: str, direction: str = "past") -> datetime.date:
    return parse_date(text, direction=direction, today=TODAY)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", datetime.date(2026, 12, 1)),
        ("  2027-1-5 ", datetime.date(2027, 1, 5)),
        ("today", TODAY),
        ("Today", TODAY),
        ("yesterday", datetime.date(2026, 12, 1)),
        ("tomorrow", datetime.date(2026, 12, 3)),
        ("last week", datetime.date(2026, 11, 25)),
        ("LAST   week", datetime.date(2026, 11, 25)),
        ("next week", datetime.date(2026, 12, 9)),
        ("3 days ago", datetime.date(2026, 11, 29)),
        ("1 day ago", datetime.date(2026, 12, 1)),
        ("a day ago", datetime.date(2026, 12, 1)),
        ("2 weeks ago", datetime.date(2026, 11, 18)),
        ("in 3 days", datetime.date(2026, 12, 5)),
        ("0 days ago", TODAY),
    ],
)
def test_plain_forms(text: str, expected: datetime.date) -> None:
    assert day(text) == expected
    assert day(text, "future") == expected


@pytest.mark.parametrize(
    ("text", "past", "future"),
    [
        ("monday", datetime.date(2026, 11, 30), datetime.date(2026, 12, 7)),
        ("Tue", datetime.date(2026, 12, 1), datetime.date(2026, 12, 8)),
        # the same weekday as today means a week away, never today
        ("wednesday", datetime.date(2026, 11, 25), datetime.date(2026, 12, 9)),
        ("thu", datetime.date(2026, 11, 26), datetime.date(2026, 12, 3)),
        ("sunday", datetime.date(2026, 11, 29), datetime.date(2026, 12, 6)),
    ],
)
def test_weekdays_follow_the_direction(
    text: str, past: datetime.date, future: datetime.date
) -> None:
    assert day(text, "past") == past
    assert day(text, "future") == future


def test_last_and_next_weekday_ignore_the_direction() -> None:
    assert day("last friday", "future") == datetime.date(2026, 11, 27)
    assert day("next friday", "past") == datetime.date(2026, 12, 4)


def test_every_weekday_is_within_a_week() -> None:
    for name in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
        assert 1 <= (TODAY - day(name, "past")).days <= 7
        assert 1 <= (day(name, "future") - TODAY).days <= 7


def test_defaults_to_the_real_today() -> None:
    assert parse_date("today") == datetime.date.today()


@pytest.mark.parametrize(
    "text", ["", "soon", "next month", "12/01/2026", "2026-12", "3 days", "days ago", "-1 days ago"]
)
def test_a_bad_date_names_the_text_and_the_forms(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        day(text)
    assert f'"{text.strip()}"' in caught.value.message
    assert ACCEPTED_FORMS in caught.value.message
    assert caught.value.exit_code == 2


def test_a_date_that_is_not_on_the_calendar() -> None:
    with pytest.raises(UsageError, match="2026-02-30 is not a day on the calendar"):
        day("2026-02-30")


def test_too_far_away_is_a_sentence_not_a_crash() -> None:
    with pytest.raises(UsageError, match="too far away"):
        parse_date("9999 weeks ago", today=datetime.date(1, 1, 1))


# --- the ends of the calendar ---------------------------------------------------------------

UTC = datetime.timezone.utc


@pytest.mark.parametrize(
    ("text", "today"),
    [
        ("tomorrow", datetime.date.max),
        ("next week", datetime.date.max),
        ("friday", datetime.date.max),
        ("next monday", datetime.date.max),
        ("yesterday", datetime.date.min),
        ("last week", datetime.date.min),
        ("last sunday", datetime.date.min),
    ],
)
def test_a_day_beyond_the_calendar_is_a_sentence(text: str, today: datetime.date) -> None:
    direction = "past" if today == datetime.date.min else "future"
    with pytest.raises(UsageError, match="is too far away"):
        parse_date(text, direction=direction, today=today)  # type: ignore[arg-type]


@pytest.fixture
def far_east(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # UTC+14
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("far_east")
def test_local_time_clamps_at_the_ends_of_the_calendar() -> None:
    last = local_time(datetime.datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC))
    assert (last.year, last.month, last.day, last.hour, last.minute) == (9999, 12, 31, 23, 59)
    assert last.utcoffset() == datetime.timedelta(hours=14)
    first = local_time(datetime.datetime(1, 1, 1, tzinfo=UTC))
    assert first.date() == datetime.date(1, 1, 1) and first.hour == 14
    ordinary = datetime.datetime(2026, 12, 1, 10, tzinfo=UTC)
    assert local_time(ordinary) == ordinary and local_time(ordinary).hour == 0


@pytest.mark.usefixtures("far_east")
def test_local_time_clamps_the_first_moment_seen_from_the_west(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TZ", "<-11>11")  # always UTC-11: year 1 begins in year 0 there
    time.tzset()
    first = local_time(datetime.datetime(1, 1, 1, tzinfo=UTC))
    assert (first.year, first.month, first.day, first.hour) == (1, 1, 1, 0)


@pytest.mark.usefixtures("far_east")
def test_each_day_format_is_one_format() -> None:
    moment = datetime.datetime(2026, 12, 1, 9, 5, tzinfo=UTC)  # 23:05 in Kiritimati
    assert weekday_date(TODAY) == "Wednesday 2 December 2026"
    assert weekday_date(TODAY, year=False) == "Wednesday 2 December"
    assert short_weekday_date(TODAY) == "Wed 2 Dec 2026"
    assert day_month_year(TODAY) == "2 December 2026"
    assert short_day_month(TODAY) == "2 Dec"
    assert minute_stamp(moment) == "2026-12-01 23:05"
    assert clock_time(moment) == "09:05" and clock_time(local_time(moment)) == "23:05"
    assert weekday_date(local_time(moment)) == "Tuesday 1 December 2026"
