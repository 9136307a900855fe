"""What the journal keeps, as plain frozen records, and what a record may hold.

A session number counts a person's sessions, also those before they used ketaprep. A
new session's number is a whole number from 1 to ``MOST`` (9999: decades of weekly
sessions). Anything else is refused with one sentence wherever a number enters: an
option, an answers file, the prompt, an import. A journal that already holds a number
outside the range (made before the bound) keeps working: such a session can be read,
renumbered and deleted, and is never the "last".
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from ketaprep.answers import AnswerValue
from ketaprep.vocab import Kind, plural

FEWEST = 1
MOST = 9999


@dataclass(frozen=True)
class Session:
    number: int
    date: datetime.date
    note: str | None


@dataclass(frozen=True)
class Answer:
    item_id: str
    item_type: str
    question: str  # as it was asked, so old entries read right after the guides change
    value: AnswerValue
    answered_at: datetime.datetime
    # Started, not finished: the person stopped while still giving it (a draft's ticks
    # or lines so far). The walk offers it again as that question's starting point.
    partial: bool = False
    # The words shown for the options picked (option id -> label), as the person saw them.
    labels: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CrisisShown:
    """The crisis lines were shown during this entry: after which answer, by which rule."""

    item_id: str  # the question whose answer met the rule
    rule: str  # in a few words, like 'mood is 1 or less' or 'danger phrase "suicide"'
    shown_at: datetime.datetime


@dataclass(frozen=True)
class Entry:
    id: str
    kind: Kind
    session_number: int | None
    guide: str
    created: datetime.datetime
    updated: datetime.datetime
    finished: datetime.datetime | None
    answers: tuple[Answer, ...] = ()
    crisis_shown: tuple[CrisisShown, ...] = ()  # oldest first

    @property
    def is_draft(self) -> bool:
        return self.finished is None

    def value(self, item_id: str) -> AnswerValue:
        for answer in self.answers:
            if answer.item_id == item_id:
                return answer.value
        return None

    @property
    def given(self) -> tuple[Answer, ...]:
        """The answers given in full (not the one the person stopped in the middle of)."""
        return tuple(answer for answer in self.answers if not answer.partial)

    @property
    def started(self) -> tuple[Answer, ...]:
        """The answers begun but not finished (see ``Answer.partial``)."""
        return tuple(answer for answer in self.answers if answer.partial)


@dataclass(frozen=True)
class ImportResult:
    sessions_added: int = 0
    entries_added: int = 0
    entries_present: int = 0  # already in the store: left as they are
    # Sessions whose number was already taken with another date: (kept, date in the file).
    sessions_kept: tuple[tuple[Session, datetime.date], ...] = field(default=())


def value_problem(value: object) -> str | None:
    """Why ``value`` cannot be an answer, or None when it can."""
    if value is None or isinstance(value, (str, bool, int)):
        return None
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return None
    return "expected text, a whole number, yes/no or a list of texts"


def number_problem(value: object) -> str | None:
    """Why ``value`` cannot be a new session's number, as a sentence; None if it can."""
    if isinstance(value, int) and not isinstance(value, bool):
        if FEWEST <= value <= MOST:
            return None
        short = abs(value).bit_length() <= 64  # str() of a 5000-digit int would even fail
    else:
        short = isinstance(value, str) and len(value) <= 20
    beyond = f", not {value}" if short else ""
    return f"A session number is a whole number from {FEWEST} to {MOST}{beyond}."


def still_has_entries(number: int, count: int) -> str:
    """Why session ``number`` cannot be deleted, and what to do instead."""
    entries = plural(count, "entry", "entries")
    return (
        f"Session {number} has {entries}, so it was kept. "
        f"Delete {'it' if count == 1 else 'them'} first "
        f"(ketaprep review --session {number} lists them, ketaprep delete ID removes one), "
        "or give the session another number or day with ketaprep session change."
    )
