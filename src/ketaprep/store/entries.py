"""The Store's writing of entries: a draft begun, each answer kept as it is given, the
entry finished, the crisis lines noted, an entry deleted, and a whole import at once.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping

from ketaprep.answers import AnswerValue
from ketaprep.errors import UsageError
from ketaprep.store.base import StoreBase
from ketaprep.store.codec import (
    clean_note,
    dump_labels,
    now,
    search_text,
    session_from_row,
    timestamp_text,
)
from ketaprep.store.connection import sqlite3
from ketaprep.store.records import (
    CrisisShown,
    Entry,
    ImportResult,
    Session,
    number_problem,
    value_problem,
)
from ketaprep.store.values import dump_value
from ketaprep.text import clean_text
from ketaprep.vocab import KINDS, Kind


def new_entry_id() -> str:
    """A random id in the form of ``str(uuid.uuid4())``: 16 random bytes, the version
    (4) and the variant (RFC 4122) in their bits. Not through ``uuid``, whose import
    (and ``platform``'s, which it imports) costs a few ms before every walk's first
    question."""
    raw = bytearray(os.urandom(16))
    raw[6] = raw[6] & 0x0F | 0x40
    raw[8] = raw[8] & 0x3F | 0x80
    digits = raw.hex()
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


class Entries(StoreBase):
    def start_entry(self, kind: Kind, session_number: int | None = None, guide: str = "") -> Entry:
        """A new draft entry; answers are added with ``save_answer``."""
        if kind not in KINDS:
            raise UsageError(f"{kind} is not a kind of entry; ketaprep knows {', '.join(KINDS)}.")
        guide = clean_text(guide)
        started = now()
        entry = Entry(new_entry_id(), kind, session_number, guide, started, started, None)
        # Nothing of the person's is in it yet: the first answer's commit syncs it too.
        with self._unsynced(), self._write() as conn:
            self._require_session(conn, session_number)
            _insert_entry(conn, entry)
        return entry

    def save_answer(
        self,
        entry_id: str,
        item_id: str,
        item_type: str,
        question: str,
        value: AnswerValue,
        *,
        labels: Mapping[str, str] | None = None,
        partial: bool = False,
    ) -> None:
        """Keep one answer, committed before this returns.

        ``labels``: the words shown for the option ids in ``value``. ``partial``: what
        was given so far of an answer not finished yet (see ``Answer.partial``). Saving
        the same item again replaces its value (partial or not) and keeps its place.
        """
        problem = value_problem(value)
        if problem:
            raise TypeError(f"answer to {item_id}: {problem}, not {type(value).__name__}")
        item_id, item_type, question = map(clean_text, (item_id, item_type, question))
        moment = timestamp_text(now())
        with self._write(wipe_now=not partial) as conn:
            self._require_entry(conn, entry_id)
            conn.execute(
                "INSERT INTO answers (entry_id, position, item_id, item_type, question, value,"
                " text, answered_at, partial, labels)"
                " VALUES (?, (SELECT count(*) FROM answers WHERE entry_id = ?), ?, ?, ?, ?, ?, ?,"
                " ?, ?)"
                " ON CONFLICT (entry_id, item_id) DO UPDATE SET item_type = excluded.item_type,"
                " question = excluded.question, value = excluded.value, text = excluded.text,"
                " answered_at = excluded.answered_at, partial = excluded.partial,"
                " labels = excluded.labels",
                (entry_id, entry_id, item_id, item_type, question, dump_value(value),
                 search_text(value, labels), moment, int(partial), dump_labels(labels)),
            )  # fmt: skip
            conn.execute("UPDATE entries SET updated = ? WHERE id = ?", (moment, entry_id))

    def forget_partial(self, entry_id: str, item_id: str) -> None:
        """Remove an item's partial answer (its ticks were all taken back); a finished
        answer to it is kept."""
        with self._write(wipe_now=False) as conn:
            self._require_entry(conn, entry_id)
            conn.execute(
                "DELETE FROM answers WHERE entry_id = ? AND item_id = ? AND partial = 1",
                (entry_id, clean_text(item_id)),
            )

    def finish_entry(self, entry_id: str) -> None:
        """Mark an entry finished (no longer a draft). Finishing twice keeps the first time."""
        moment = timestamp_text(now())
        with self._write() as conn:
            self._require_entry(conn, entry_id)
            conn.execute(
                "UPDATE entries SET finished = coalesce(finished, ?), updated = ? WHERE id = ?",
                (moment, moment, entry_id),
            )

    def record_crisis_shown(self, entry_id: str, item_id: str, rule: str) -> CrisisShown:
        """Keep, with the entry, that the crisis lines were shown after ``item_id``."""
        shown = CrisisShown(clean_text(item_id), clean_text(rule), now())
        with self._write() as conn:
            found, _ = self._require_entry(conn, entry_id)
            _insert_crisis_shown(conn, found, [shown])
        return shown

    def discard_entry(self, entry_id: str) -> None:
        """Delete a draft and its answers. A finished entry is refused, never deleted here."""
        self._delete(entry_id, drafts_only=True)

    def delete_entry(self, entry_id: str) -> None:
        """Delete an entry, finished or not, with its answers, for good."""
        self._delete(entry_id)

    def _delete(self, entry_id: str, *, drafts_only: bool = False) -> None:
        with self._write() as conn:
            found, finished = self._require_entry(conn, entry_id)
            if drafts_only and finished is not None:
                raise UsageError(
                    f"Entry {entry_id} is finished, so it was kept. Only drafts can be discarded."
                )
            conn.execute("DELETE FROM entries WHERE id = ?", (found,))  # answers go with it

    def _require_entry(self, conn: sqlite3.Connection, entry_id: str) -> tuple[str, str | None]:
        row = conn.execute(
            "SELECT id, finished FROM entries WHERE id = ?", (clean_text(entry_id),)
        ).fetchone()
        if row is None:
            raise UsageError(f'No entry has the id "{entry_id}". Check the id and try again.')
        return (row[0], row[1])

    # --- import (also the bulk path the benchmark fills big journals with) ----------

    def import_records(self, sessions: Iterable[Session], entries: Iterable[Entry]) -> ImportResult:
        """Add sessions and entries in one transaction: all of them, or none on error.

        An entry whose id is already kept is left as it is. A session whose number is
        already kept stays as it is, even if the date differs (reported in the result).
        Each entry's session must be kept already or be among ``sessions``.
        """
        added_entries = present = 0
        with self._write() as conn:
            added_sessions, kept = _import_sessions(conn, sessions)
            for entry in entries:
                if conn.execute("SELECT 1 FROM entries WHERE id = ?", (entry.id,)).fetchone():
                    present += 1
                    continue
                self._require_session(conn, entry.session_number)
                _insert_entry(conn, entry)
                added_entries += 1
        return ImportResult(added_sessions, added_entries, present, tuple(kept))


def _import_sessions(
    conn: sqlite3.Connection, sessions: Iterable[Session]
) -> tuple[int, list[tuple[Session, datetime.date]]]:
    """Add the sessions not kept yet: how many, and those kept with another date."""
    added = 0
    kept: list[tuple[Session, datetime.date]] = []
    for session in sessions:
        problem = number_problem(session.number)
        if problem:
            raise UsageError(problem)
        row = conn.execute(
            "SELECT number, date, note FROM sessions WHERE number = ?", (session.number,)
        ).fetchone()
        if row is None:
            conn.execute(
                "INSERT INTO sessions (number, date, note) VALUES (?, ?, ?)",
                (session.number, session.date.isoformat(), clean_note(session.note)),
            )
            added += 1
        elif row[1] != session.date.isoformat():
            kept.append((session_from_row(row), session.date))
    return added, kept


def _insert_entry(conn: sqlite3.Connection, entry: Entry) -> None:
    conn.execute(
        "INSERT INTO entries (id, kind, session_number, guide, created, updated, finished)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            entry.id,
            entry.kind,
            entry.session_number,
            clean_text(entry.guide),
            timestamp_text(entry.created),
            timestamp_text(entry.updated),
            timestamp_text(entry.finished) if entry.finished else None,
        ),
    )
    conn.executemany(
        "INSERT INTO answers (entry_id, position, item_id, item_type, question, value, text,"
        " answered_at, partial, labels) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (entry.id, position, clean_text(answer.item_id), clean_text(answer.item_type),
             clean_text(answer.question), dump_value(answer.value),
             search_text(answer.value, answer.labels), timestamp_text(answer.answered_at),
             int(answer.partial), dump_labels(answer.labels))
            for position, answer in enumerate(entry.answers)
        ],
    )  # fmt: skip
    _insert_crisis_shown(conn, entry.id, entry.crisis_shown)


def _insert_crisis_shown(
    conn: sqlite3.Connection, entry_id: str, shown: Iterable[CrisisShown]
) -> None:
    conn.executemany(
        "INSERT INTO crisis_shown (entry_id, item_id, rule, shown_at) VALUES (?, ?, ?, ?)",
        [
            (entry_id, clean_text(each.item_id), clean_text(each.rule),
             timestamp_text(each.shown_at))
            for each in shown
        ],
    )  # fmt: skip
