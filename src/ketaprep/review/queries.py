"""What ``ketaprep review`` looks back on: a page of entries (page.py), one session
gathered together, the wins, the next therapist check-in. Plain data from the store; what it
looks like is in views.py (and json.py for ``--json``).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ketaprep import vocab
from ketaprep.dates import local_time, parse_date
from ketaprep.errors import UsageError
from ketaprep.review.page import DEFAULT_LIMIT as DEFAULT_LIMIT
from ketaprep.review.page import MOST_SHOWN as MOST_SHOWN
from ketaprep.review.page import EntryPage as EntryPage
from ketaprep.review.page import Query as Query
from ketaprep.review.page import ReviewOptions as ReviewOptions
from ketaprep.review.page import find as find
from ketaprep.review.page import stream as stream
from ketaprep.review.words import Labels, shown_value
from ketaprep.store import Answer, Entry, EntryFilter, Session

if TYPE_CHECKING:
    from ketaprep.store import EntryFilter, Store

_INTENTION_ITEM = re.compile(r"intention-(\d+)(?:-note)?\Z")  # journal: how it went, a note


@dataclass(frozen=True)
class IntentionNotes:
    """One intention from prepare, and what each journal entry said about it."""

    number: int
    text: str | None  # None: a journal answer about an intention no longer in the list
    notes: list[tuple[Entry, Answer]]


@dataclass(frozen=True)
class SessionSummary:
    session: Session
    next_session: Session | None
    prepare: Entry | None  # the newest finished prepare
    journals: list[Entry]  # finished, oldest first
    intentions: list[IntentionNotes]
    clinic_questions: list[str]
    checkins: list[Entry]  # finished, from this session's day until the next session's
    entries: list[Entry]  # everything linked to the session, drafts too, oldest first

    @property
    def prepared(self) -> bool:
        return self.prepare is not None

    @property
    def journalled(self) -> bool:
        return bool(self.journals)


@dataclass(frozen=True)
class Win:
    entry_id: str
    created: datetime.datetime
    text: str


@dataclass(frozen=True)
class TherapistNote:
    """When the next therapist check-in is, in the person's words, and when they said so."""

    text: str
    written: datetime.datetime
    day: datetime.date | None  # the day it names, when it can be read as one


@dataclass(frozen=True)
class SessionLine:
    session: Session
    kinds: dict[vocab.Kind, int] = field(default_factory=dict)  # finished entries of each kind


# --- queries ---------------------------------------------------------------------------


def session_lines(store: Store) -> list[SessionLine]:
    """Every session, newest first, with how many entries of each kind it has."""
    kinds = store.session_kinds()
    return [SessionLine(session, kinds.get(session.number, {})) for session in store.sessions()]


def session_summary(store: Store, number: int, labels: Labels | None = None) -> SessionSummary:
    session = store.session(number)
    if session is None:
        raise UsageError(f"There is no session {number} in your journal.")
    later = sorted(
        (s for s in store.sessions() if (s.date, s.number) > (session.date, session.number)),
        key=lambda s: (s.date, s.number),
    )
    next_session = later[0] if later else None
    entries = list(
        store.iter_entries(session_number=number, include_drafts=True, oldest_first=True)
    )
    finished = [entry for entry in entries if not entry.is_draft]
    prepares = [entry for entry in finished if entry.kind == "prepare"]
    journals = [entry for entry in finished if entry.kind == "journal"]
    prepare = prepares[-1] if prepares else None
    until = None
    if next_session is not None:
        # the day before the next session (written so that 0001-01-01 cannot underflow)
        later_day = next_session.date > session.date
        until = next_session.date - datetime.timedelta(days=1) if later_day else session.date
    checkins = list(
        store.iter_entries(kind="checkin", since=session.date, until=until, oldest_first=True)
    )
    return SessionSummary(
        session=session,
        next_session=next_session,
        prepare=prepare,
        journals=journals,
        intentions=_intention_notes(prepare, journals),
        clinic_questions=_clinic_questions(prepare, {} if labels is None else labels),
        checkins=checkins,
        entries=entries,
    )


def _intention_notes(prepare: Entry | None, journals: list[Entry]) -> list[IntentionNotes]:
    value = prepare.value(vocab.INTENTIONS) if prepare else None
    intentions = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    notes: dict[int, list[tuple[Entry, Answer]]] = {}
    for journal in journals:
        for answer in journal.answers:
            match = _INTENTION_ITEM.match(answer.item_id)
            if match and answer.value not in (None, "", []):
                notes.setdefault(int(match[1]), []).append((journal, answer))
    found = [
        IntentionNotes(number, text, notes.get(number, []))
        for number, text in enumerate(intentions, start=1)
    ]
    found += [
        IntentionNotes(number, None, notes[number])
        for number in sorted(notes)
        if number > len(intentions)
    ]
    return found


def _clinic_questions(prepare: Entry | None, labels: Labels) -> list[str]:
    if prepare is None:
        return []
    questions: list[str] = []
    for answer in prepare.answers:
        if answer.item_id == vocab.CLINIC_QUESTIONS and isinstance(answer.value, list):
            shown = shown_value(answer, labels)
            questions += shown if isinstance(shown, list) else []
    own = prepare.value(vocab.OWN_QUESTIONS)
    if isinstance(own, list):
        questions += own
    elif isinstance(own, str) and own.strip():
        questions.append(own)
    return questions


def wins(store: Store, query: Query) -> tuple[list[Win], int]:
    """Check-in wins, newest first; and how many there are in all. A win the crisis help
    was shown after ("Nothing. I want to end my life") is not one to read back as a win
    ("Every one of these happened."): it stays in the entry, as written."""
    checkins = EntryFilter(kind="checkin", since=query.since, until=query.until)
    helped = {
        entry_id
        for entry_id, shown in store.crisis_shown_by_entry(checkins).items()
        if any(one.item_id == vocab.WIN for one in shown)
    }
    found = store.entries_with([vocab.WIN], checkins, newest_first=True)
    every = [
        Win(entry.id, entry.created, str(entry.answers[0].value))
        for entry in found
        if isinstance(entry.answers[0].value, str)
        and entry.answers[0].value.strip()
        and entry.id not in helped
    ]
    shown = every if query.limit is None else every[: query.limit]
    return shown, len(every)


def next_therapist(store: Store, today: datetime.date | None = None) -> TherapistNote | None:
    """The newest check-in's answer to when the next therapist check-in is; None when it
    names a day that has passed, or no check-in has said."""
    found = list(
        store.entries_with(
            [vocab.NEXT_THERAPIST], EntryFilter(kind="checkin"), newest_first=True, limit=1
        )
    )
    if not found or not isinstance(found[0].answers[0].value, str):
        return None
    entry, text = found[0], found[0].answers[0].value.strip()
    written = local_time(entry.created)
    day: datetime.date | None
    try:
        day = parse_date(text, direction="future", today=written.date())
    except UsageError:
        day = None
    if day is not None and day < (today or datetime.date.today()):
        return None
    return TherapistNote(text, written, day)
