"""Reminders for the person's own calendar: one .ics file, written once.

No network and nothing left running: the calendar app does the reminding. Events are
at floating local times (7 in the evening stays 7 in the evening wherever the person
is). By default every event says only "ketaprep" and the command to run, so a calendar
seen by others tells them nothing; ``details`` says what each is for (which session,
which self-check).
"""

from __future__ import annotations

import datetime
import hashlib
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import icalendar

from ketaprep.ask.first import may_replace
from ketaprep.dates import clock_time, local_time, weekday_date
from ketaprep.errors import UsageError
from ketaprep.export.files import write_atomically
from ketaprep.guides.questionnaire import Questionnaire
from ketaprep.store import Session, Store, open_store
from ketaprep.vocab import MEASURE, plural

GET_READY_AT = datetime.time(19, 0)  # the evening before a session
WRITE_AT = datetime.time(10, 0)  # the morning after it
CHECKIN_AT = datetime.time(18, 0)
LENGTH = datetime.timedelta(minutes=15)
LONGEST_GAP = 60  # days between check-ins
PRIVATE_TITLE = "ketaprep"


@dataclass(frozen=True)
class Reminder:
    """One event: when, what it says, and (for check-ins) every how many days."""

    key: str  # what it is about; the event's id is made from it, so a new file updates
    purpose: str  # in the person's words, for the summary before they import it
    start: datetime.datetime  # floating local time
    title: str
    note: str
    every_days: int | None = None


def session_reminders(session: Session, now: datetime.datetime, *, details: bool) -> list[Reminder]:
    """ "Get ready" the evening before the session and "write about it" the day after,
    leaving out what is already past."""
    before = datetime.datetime.combine(session.date - datetime.timedelta(days=1), GET_READY_AT)
    after = datetime.datetime.combine(session.date + datetime.timedelta(days=1), WRITE_AT)
    number = session.number
    found = [
        Reminder(
            f"prepare-{number}-{session.date}",
            f"Get ready for session {number}",
            before,
            f"Get ready for session {number} tomorrow" if details else PRIVATE_TITLE,
            "Time to get ready: ketaprep prepare",
        ),
        Reminder(
            f"journal-{number}-{session.date}",
            f"Write about session {number}",
            after,
            f"Write about session {number}" if details else PRIVATE_TITLE,
            "Time to write about it: ketaprep journal",
        ),
    ]
    return [reminder for reminder in found if reminder.start > now]


def checkin_reminder(every_days: int, today: datetime.date, *, details: bool) -> Reminder:
    """A check-in every ``every_days`` days, starting that many days from today."""
    if not 1 <= every_days <= LONGEST_GAP:
        raise UsageError(
            f"--checkin-every takes a number of days from 1 to {LONGEST_GAP}, not {every_days}."
        )
    first = today + datetime.timedelta(days=every_days)
    return Reminder(
        f"checkin-every-{every_days}",
        "Check in",
        datetime.datetime.combine(first, CHECKIN_AT),
        "Check in with yourself" if details else PRIVATE_TITLE,
        "Time for a check-in: ketaprep checkin",
        every_days=every_days,
    )


def self_check_reminder(
    questionnaire: Questionnaire,
    last_taken: datetime.date | None,
    today: datetime.date,
    *,
    details: bool,
) -> Reminder:
    """A questionnaire as often as it suggests: first when it is next due (tomorrow if it
    is due already or was never taken), then every ``every_days`` days."""
    every = questionnaire.every_days or 0
    due = last_taken + datetime.timedelta(days=every) if last_taken else today
    first = max(due, today + datetime.timedelta(days=1))
    return Reminder(
        f"measure-{questionnaire.id}",
        f"Self-check, {questionnaire.title}",
        datetime.datetime.combine(first, CHECKIN_AT),
        f"Self-check: {questionnaire.title}" if details else PRIVATE_TITLE,
        f"Time for a self-check: ketaprep measure {questionnaire.id}",
        every_days=every,
    )


def last_taken(store: Store) -> dict[str, datetime.date]:
    """Each questionnaire's id, and the day it was last taken."""
    found: dict[str, datetime.date] = {}
    for entry in store.iter_entries(kind=MEASURE):  # finished ones, newest first
        found.setdefault(entry.guide, local_time(entry.created).date())
    return found


def next_session(sessions: Iterable[Session], now: datetime.datetime) -> Session | None:
    """The first session that still has a reminder ahead of ``now``."""
    ahead = [
        session
        for session in sessions
        if datetime.datetime.combine(session.date + datetime.timedelta(days=1), WRITE_AT) > now
    ]
    return min(ahead, key=lambda session: session.date, default=None)


def calendar_text(reminders: Sequence[Reminder], stamp: datetime.datetime) -> str:
    """The .ics file's text (RFC 5545), with a display alarm at the start of each event."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//ketaprep//remind//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for reminder in reminders:
        calendar.add_component(_event(reminder, stamp))
    calendar.validate()  # type: ignore[no-untyped-call]
    return str(calendar.to_ical(), "utf-8")


def _event(reminder: Reminder, stamp: datetime.datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{hashlib.sha256(reminder.key.encode()).hexdigest()[:24]}@ketaprep")
    event.add("dtstamp", stamp.astimezone(datetime.timezone.utc))
    event.add("dtstart", reminder.start)
    event.add("duration", LENGTH)
    event.add("summary", reminder.title)
    event.add("description", reminder.note)
    event.add("transp", "TRANSPARENT")  # a reminder does not make the person look busy
    if reminder.every_days:
        event.add("rrule", {"freq": "daily", "interval": reminder.every_days})
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", reminder.title)
    alarm.add("trigger", datetime.timedelta(0))
    event.add_component(alarm)
    return event


def summary_lines(reminders: Sequence[Reminder]) -> list[str]:
    """What the file holds, in words, for the person to check before importing it."""
    lines = []
    for reminder in reminders:
        when = f"{weekday_date(reminder.start)}, {clock_time(reminder.start)}"
        if reminder.every_days:
            days = "day" if reminder.every_days == 1 else f"{reminder.every_days} days"
            when = f"every {days} from {when}, with no end date"
        lines.append(f"  - {reminder.purpose}: {when}")
    return lines


def remind_command(
    session_number: int | None,
    every_days: int | None,
    output: Path,
    *,
    self_checks: Sequence[Questionnaire] = (),
    details: bool = False,
    force: bool = False,
    plain: bool = False,
) -> list[str]:
    """Run ``ketaprep remind``: the lines to show once the file is written."""
    now = datetime.datetime.now()
    reminders = _session_part(session_number, now, details=details)
    if every_days is not None:
        reminders.append(checkin_reminder(every_days, now.date(), details=details))
    reminders += _self_check_part(self_checks, now.date(), details=details)
    if not reminders:
        raise UsageError(
            "There is no session ahead in your journal yet (ketaprep prepare --date DAY adds "
            "one). For check-in reminders every 7 days, run: ketaprep remind --checkin-every 7"
        )
    text = calendar_text(reminders, datetime.datetime.now(datetime.timezone.utc))
    if str(output) == "-":
        sys.stdout.write(text)
        return []

    def produce(write: Callable[[str], object]) -> int:
        write(text)
        return len(reminders)

    written = write_atomically(
        output, produce, may_replace=may_replace("ketaprep remind", force=force, plain=plain)
    )
    if written is None:
        return [f"Kept {output} as it was. Nothing was written."]
    count = plural(len(reminders), "reminder")
    them, each = ("it", "It says") if len(reminders) == 1 else ("them", "Each one says")
    private = "" if details else f' {each} only "ketaprep" (--details says what it is for).'
    return [
        f"Saved {count} to {output}. Open that file with your calendar app to add {them}:",
        *summary_lines(reminders),
        f"Nothing is sent anywhere, and ketaprep does not run in the background.{private}",
    ]


def _self_check_part(
    questionnaires: Sequence[Questionnaire], today: datetime.date, *, details: bool
) -> list[Reminder]:
    if not questionnaires:
        return []
    with open_store(reading=True) as store:
        taken = last_taken(store)
    return [
        self_check_reminder(found, taken.get(found.id), today, details=details)
        for found in questionnaires
        if found.every_days
    ]


def _session_part(
    session_number: int | None, now: datetime.datetime, *, details: bool
) -> list[Reminder]:
    with open_store(reading=True) as store:
        sessions = store.sessions()
    if session_number is None:
        session = next_session(sessions, now)
        return session_reminders(session, now, details=details) if session else []
    session = next((found for found in sessions if found.number == session_number), None)
    if session is None:
        raise UsageError(f"There is no session {session_number} in your journal.")
    reminders = session_reminders(session, now, details=details)
    if not reminders:
        raise UsageError(f"Session {session_number} is past, so there is nothing to remind you of.")
    return reminders
