"""Records to stored columns and back: moments, answer values, option words, rows.

Timestamps are stored as UTC ISO 8601 text, which sorts in time order. An answer's
value is stored as JSON, with a flattened copy of it as text for search. Everything
that enters is cleaned (``ketaprep.text``), and so is everything read back: a journal
made before the cleaning may hold lone surrogates.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping, Sequence
from typing import Union, cast

from ketaprep.answers import AnswerValue
from ketaprep.store.records import Answer, Entry, Session
from ketaprep.store.values import load_value
from ketaprep.text import clean_text
from ketaprep.vocab import Kind

# (id, kind, session_number, guide, created, updated, finished) and
# (item_id, item_type, question, value as JSON, answered_at, partial as 0 or 1,
# labels as JSON or None), as stored.
EntryRow = tuple[str, str, Union[int, None], str, str, str, Union[str, None]]  # noqa: UP007
AnswerRow = tuple[str, str, str, str, str, int, Union[str, None]]  # noqa: UP007


def now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def timestamp_text(moment: datetime.datetime) -> str:
    """The one text form of a moment: UTC, microseconds, ``+00:00``. It sorts in time order."""
    if moment.tzinfo is None:
        raise ValueError("timestamps must carry a UTC offset")
    return moment.astimezone(datetime.timezone.utc).isoformat(timespec="microseconds")


def moment(text: str) -> datetime.datetime:
    """A stored timestamp back as a moment."""
    return datetime.datetime.fromisoformat(text)


def flatten(value: AnswerValue, labels: Mapping[str, str] | None = None) -> str:
    """An answer as plain text for full-text search: options as the words shown."""
    names = labels or {}
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "\n".join(names.get(part, part) for part in value)
    if isinstance(value, str):
        return names.get(value, value)
    return str(value)


def search_text(value: AnswerValue, labels: Mapping[str, str] | None = None) -> str:
    """The text column of an answer: what search looks in."""
    return clean_text(flatten(value, labels))


def dump_labels(labels: Mapping[str, str] | None) -> str | None:
    if not labels:
        return None
    return json.dumps({clean_text(key): clean_text(text) for key, text in labels.items()})


def load_labels(text: str | None) -> dict[str, str]:
    """Stored labels back; anything not a mapping of texts (a hand-edited file) is none."""
    if not text:
        return {}
    try:
        loaded = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {
        clean_text(str(key)): clean_text(words)
        for key, words in loaded.items()
        if isinstance(words, str)
    }


def clean_note(note: str | None) -> str | None:
    return None if note is None else clean_text(note)


def session_key(number: int) -> int:
    """A session number to look up: one SQLite cannot hold (beyond 64 bits) is no session's,
    so it becomes 0, which no session has."""
    return number if -(2**63) <= number < 2**63 else 0


def answer_from_row(
    item_id: str,
    item_type: str,
    question: str,
    value: str,
    answered_at: str,
    partial: int | None,
    labels: str | None,
) -> Answer:
    """An answer from its stored columns."""
    return Answer(
        item_id,
        item_type,
        question,
        load_value(value),
        moment(answered_at),
        partial=bool(partial),
        labels=load_labels(labels),
    )


def session_from_row(row: Sequence[object]) -> Session:
    note = row[2]
    return Session(
        int(str(row[0])),
        datetime.date.fromisoformat(str(row[1])),
        None if note is None else str(note),
    )


def stored_kind(value: object) -> Kind:
    """A stored entry's kind. Only KINDS are let in (``start_entry``, an import); a kind
    written by another program is kept as its text, and shown by it."""
    return cast(Kind, str(value))


def entry_from_row(row: Sequence[object], answers: tuple[Answer, ...]) -> Entry:
    entry_id, kind, session_number, guide, created, updated, finished = row
    return Entry(
        id=str(entry_id),
        kind=stored_kind(kind),
        session_number=None if session_number is None else int(str(session_number)),
        guide=str(guide),
        created=moment(str(created)),
        updated=moment(str(updated)),
        finished=None if finished is None else moment(str(finished)),
        answers=answers,
    )
