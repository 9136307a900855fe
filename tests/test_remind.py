"""`ketaprep remind`: the calendar file, read back with icalendar and checked against its
own RFC 5545 rules (required properties, properties allowed once, exclusive pairs)."""

from __future__ import annotations

import datetime

import icalendar
import pytest

from ketaprep.errors import UsageError
from ketaprep.remind import (
    calendar_text,
    checkin_reminder,
    next_session,
    session_reminders,
    summary_lines,
)
from ketaprep.store import Session

NOW = datetime.datetime(2026, 12, 1, 12, 0)
STAMP = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.timezone.utc)
SESSION = Session(3, datetime.date(2026, 12, 4), None)


def parsed(text: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar.from_ical(text)
    assert isinstance(calendar, icalendar.Calendar)
    return calendar


def rfc_problems(calendar: icalendar.Calendar) -> list[str]:
    """What breaks the rules icalendar knows for each component, as read back."""
    problems = []
    for part in calendar.walk():
        problems += [f"{part.name} {name}: {error}" for name, error in part.errors]
        problems += [f"{part.name} lacks {key}" for key in part.required if key not in part]
        for key in part.singletons:
            if isinstance(part.get(key), list):
                problems.append(f"{part.name} has {key} more than once")
        for pair in [part.exclusive] if part.exclusive else []:
            if all(key in part for key in pair):
                problems.append(f"{part.name} has all of {pair}")
    return problems


def events(calendar: icalendar.Calendar) -> list[icalendar.Event]:
    return list(calendar.walk("VEVENT"))


def test_a_session_ahead_gets_the_evening_before_and_the_morning_after() -> None:
    text = calendar_text(session_reminders(SESSION, NOW, details=False), STAMP)
    calendar = parsed(text)
    assert rfc_problems(calendar) == []
    starts = [event.decoded("dtstart") for event in events(calendar)]
    assert starts == [datetime.datetime(2026, 12, 3, 19, 0), datetime.datetime(2026, 12, 5, 10, 0)]
    # Floating local times: no zone, so 7 in the evening stays 7 in the evening.
    assert all(start.tzinfo is None for start in starts)
    assert [event.decoded("duration") for event in events(calendar)] == [
        datetime.timedelta(minutes=15)
    ] * 2
    assert text.count("\r\n") == len(text.splitlines())  # CRLF line ends, as RFC 5545 says


def test_events_say_nothing_private_unless_asked() -> None:
    private = parsed(calendar_text(session_reminders(SESSION, NOW, details=False), STAMP))
    for event in events(private):
        assert str(event["summary"]) == "ketaprep"
        assert "session" not in str(event["description"]).lower()
        alarm = next(iter(event.walk("VALARM")))
        assert str(alarm["description"]) == "ketaprep"
    told = parsed(calendar_text(session_reminders(SESSION, NOW, details=True), STAMP))
    assert [str(event["summary"]) for event in events(told)] == [
        "Get ready for session 3 tomorrow",
        "Write about session 3",
    ]


def test_each_event_reminds_at_its_start_and_does_not_mark_the_person_busy() -> None:
    calendar = parsed(calendar_text(session_reminders(SESSION, NOW, details=False), STAMP))
    for event in events(calendar):
        alarm = next(iter(event.walk("VALARM")))
        assert str(alarm["action"]) == "DISPLAY"
        assert alarm.decoded("trigger") == datetime.timedelta(0)
        assert str(event["transp"]) == "TRANSPARENT"


def test_what_is_already_past_is_left_out() -> None:
    evening_before = datetime.datetime(2026, 12, 3, 20, 0)
    left = session_reminders(SESSION, evening_before, details=False)
    assert [reminder.purpose for reminder in left] == ["Write about session 3"]
    assert session_reminders(SESSION, datetime.datetime(2026, 12, 6), details=False) == []


def test_the_same_reminders_keep_their_ids_so_a_new_file_updates_the_calendar() -> None:
    first = parsed(calendar_text(session_reminders(SESSION, NOW, details=False), STAMP))
    later = parsed(
        calendar_text(
            session_reminders(SESSION, NOW, details=True),
            STAMP + datetime.timedelta(days=1),
        )
    )
    assert [str(event["uid"]) for event in events(first)] == [
        str(event["uid"]) for event in events(later)
    ]
    assert len({str(event["uid"]) for event in events(first)}) == 2


def test_check_ins_repeat_every_n_days_from_n_days_ahead() -> None:
    reminder = checkin_reminder(7, NOW.date(), details=False)
    calendar = parsed(calendar_text([reminder], STAMP))
    assert rfc_problems(calendar) == []
    (event,) = events(calendar)
    assert event.decoded("dtstart") == datetime.datetime(2026, 12, 8, 18, 0)
    rule = event["rrule"]
    assert rule["FREQ"] == ["DAILY"] and rule["INTERVAL"] == [7]
    assert "UNTIL" not in rule and "COUNT" not in rule


@pytest.mark.parametrize("days", [0, -1, 61])
def test_a_check_in_gap_out_of_range_is_refused_with_a_sentence(days: int) -> None:
    with pytest.raises(UsageError, match="from 1 to 60"):
        checkin_reminder(days, NOW.date(), details=False)


def test_the_next_session_is_the_first_with_a_reminder_still_ahead() -> None:
    past = Session(1, datetime.date(2026, 11, 1), None)
    yesterday = Session(2, datetime.date(2026, 11, 30), None)
    later = Session(4, datetime.date(2026, 12, 20), None)
    assert next_session([past, later, SESSION], NOW) == SESSION
    # The morning after yesterday's session is past at noon; today's is still ahead.
    assert next_session([past, yesterday], NOW) is None
    assert next_session([past, yesterday], datetime.datetime(2026, 12, 1, 9, 0)) == yesterday
    assert next_session([], NOW) is None


def test_the_summary_says_each_event_and_its_time_in_words() -> None:
    reminders = session_reminders(SESSION, NOW, details=False)
    reminders.append(checkin_reminder(1, NOW.date(), details=False))
    assert summary_lines(reminders) == [
        "  - Get ready for session 3: Thursday 3 December 2026, 19:00",
        "  - Write about session 3: Saturday 5 December 2026, 10:00",
        "  - Check in: every day from Wednesday 2 December 2026, 18:00, with no end date",
    ]


def test_the_rule_check_itself_finds_a_broken_file() -> None:
    broken = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nDTSTART:soon\r\n"
        "DTEND:20261203T190000\r\nDURATION:PT15M\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    problems = rfc_problems(parsed(broken))
    assert any("DTSTART" in problem for problem in problems)
    assert "VEVENT lacks UID" in problems and "VEVENT lacks DTSTAMP" in problems
    assert any("all of" in problem for problem in problems)


def test_a_self_check_comes_when_it_is_next_due_and_then_as_often_as_it_suggests() -> None:
    from ketaprep.guides.load import load_questionnaires
    from ketaprep.remind import self_check_reminder

    low_mood = next(found for found in load_questionnaires() if found.id == "low-mood")
    assert low_mood.every_days == 14
    today = NOW.date()
    taken_3_days_ago = self_check_reminder(
        low_mood, today - datetime.timedelta(days=3), today, details=False
    )
    assert taken_3_days_ago.start == datetime.datetime(2026, 12, 12, 18, 0)
    assert taken_3_days_ago.every_days == 14
    assert taken_3_days_ago.title == "ketaprep"
    # Due already, or never taken: tomorrow, never a day gone by.
    for last in (today - datetime.timedelta(days=30), None):
        due = self_check_reminder(low_mood, last, today, details=True)
        assert due.start == datetime.datetime(2026, 12, 2, 18, 0)
        assert due.title == f"Self-check: {low_mood.title}"
        assert due.note == "Time for a self-check: ketaprep measure low-mood"
    calendar = parsed(calendar_text([taken_3_days_ago], STAMP))
    assert rfc_problems(calendar) == []
    (event,) = events(calendar)
    assert event["rrule"]["interval"] == [14]
