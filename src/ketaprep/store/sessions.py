"""The Store's sessions: adding, renumbering, moving to another day, deleting, listing.

Entries point at a session by its number; a session is deleted only once no entry (a
draft too) belongs to it. Numbers are checked by ``records.number_problem``.
"""

from __future__ import annotations

import datetime

from ketaprep.errors import UsageError
from ketaprep.store.base import StoreBase
from ketaprep.store.codec import clean_note, session_from_row, session_key
from ketaprep.store.connection import sqlite3
from ketaprep.store.records import MOST, Session, number_problem, still_has_entries
from ketaprep.vocab import Kind


class Sessions(StoreBase):
    def add_session(self, number: int, date: datetime.date, note: str | None = None) -> Session:
        problem = number_problem(number)
        if problem:
            raise UsageError(problem)
        note = clean_note(note)
        with self._write() as conn:
            taken = conn.execute("SELECT date FROM sessions WHERE number = ?", (number,))
            row = taken.fetchone()
            if row is not None:
                raise UsageError(
                    f"Session {number} is already in your journal (on {row[0]}). "
                    "Please choose another number."
                )
            conn.execute(
                "INSERT INTO sessions (number, date, note) VALUES (?, ?, ?)",
                (number, date.isoformat(), note),
            )
        return Session(number, date, note)

    def session(self, number: int) -> Session | None:
        with self._errors():
            row = self._conn.execute(
                "SELECT number, date, note FROM sessions WHERE number = ?", (session_key(number),)
            ).fetchone()
        return session_from_row(row) if row else None

    def change_session(
        self, number: int, *, new_number: int | None = None, new_date: datetime.date | None = None
    ) -> Session:
        """Give session ``number`` another number, another day, or both, in one transaction;
        its entries go with it. A new number out of range or already taken is refused."""
        problem = None if new_number is None else number_problem(new_number)
        if problem:
            raise UsageError(problem)
        with self._write() as conn:
            session = self._the_session(conn, number)
            number_to = session.number if new_number is None else new_number
            date_to = new_date or session.date
            if number_to != session.number:
                _renumber(conn, session, number_to, date_to)
            else:
                conn.execute(
                    "UPDATE sessions SET date = ? WHERE number = ?",
                    (date_to.isoformat(), session.number),
                )
        return Session(number_to, date_to, session.note)

    def delete_session(self, number: int) -> None:
        """Delete session ``number``; refused while any entry (a draft too) belongs to it."""
        with self._write() as conn:
            session = self._the_session(conn, number)
            count = _entries_of(conn, session.number)
            if count:
                raise UsageError(still_has_entries(session.number, count))
            conn.execute("DELETE FROM sessions WHERE number = ?", (session.number,))

    def session_entry_count(self, number: int) -> int:
        """How many entries belong to session ``number``, drafts too."""
        with self._errors():
            return _entries_of(self._conn, session_key(number))

    def sessions(self) -> list[Session]:
        """Newest date first."""
        with self._errors():
            rows = self._conn.execute(
                "SELECT number, date, note FROM sessions ORDER BY date DESC, number DESC"
            ).fetchall()
        return [session_from_row(row) for row in rows]

    def newest_session_with(
        self, kind: Kind, without: Kind, up_to: datetime.date
    ) -> Session | None:
        """The newest session (in the order of ``sessions``) on or before ``up_to`` with a
        finished entry of ``kind`` and none of ``without``. It reads the sessions from the
        newest and each one's entries through their index, so it stops at the first that
        fits instead of counting every entry of the journal."""
        finished = (
            "SELECT 1 FROM entries AS e WHERE e.session_number = s.number"
            " AND e.kind = ? AND e.finished IS NOT NULL"
        )
        with self._errors():
            row = self._conn.execute(
                f"SELECT number, date, note FROM sessions AS s WHERE s.date <= ?"
                f" AND EXISTS ({finished}) AND NOT EXISTS ({finished})"
                " ORDER BY date DESC, number DESC LIMIT 1",
                (up_to.isoformat(), kind, without),
            ).fetchone()
        return None if row is None else session_from_row(row)

    def last_session_number(self) -> int:
        """The highest session number in range (see records.py); 0 if there is none.
        A number beyond the range, kept from before it existed, is never the last."""
        with self._errors():
            row = self._conn.execute(
                "SELECT max(number) FROM sessions WHERE number <= ?", (MOST,)
            ).fetchone()
        return int(row[0] or 0)

    def next_session_number(self) -> int:
        """The number to offer a new session: one after the last, else the lowest free."""
        last = self.last_session_number()
        if last < MOST:
            return last + 1
        with self._errors():
            row = self._conn.execute(
                "SELECT min(number + 1) FROM sessions WHERE number < ?"
                " AND number + 1 NOT IN (SELECT number FROM sessions)",
                (MOST,),
            ).fetchone()
            lowest = self._conn.execute("SELECT min(number) FROM sessions").fetchone()[0]
        if lowest is not None and lowest > 1:
            return 1
        if row[0] is None:
            raise UsageError(
                f"Every session number from 1 to {MOST} is taken. Delete or renumber a "
                "session first: see ketaprep session --help."
            )
        return int(row[0])


def _renumber(
    conn: sqlite3.Connection, session: Session, number_to: int, date_to: datetime.date
) -> None:
    """Give ``session`` the free number ``number_to`` (and the day ``date_to``)."""
    taken = conn.execute("SELECT date FROM sessions WHERE number = ?", (number_to,))
    row = taken.fetchone()
    if row is not None:
        raise UsageError(
            f"Session {number_to} is already in your journal (on {row[0]}), so "
            f"session {session.number} was not changed. Please choose a number "
            "not taken (ketaprep session list shows them)."
        )
    # Entries point at the number: make the new row, move them, drop the old.
    conn.execute(
        "INSERT INTO sessions (number, date, note) VALUES (?, ?, ?)",
        (number_to, date_to.isoformat(), session.note),
    )
    conn.execute(
        "UPDATE entries SET session_number = ? WHERE session_number = ?",
        (number_to, session.number),
    )
    conn.execute("DELETE FROM sessions WHERE number = ?", (session.number,))


def _entries_of(conn: sqlite3.Connection, number: int) -> int:
    row = conn.execute("SELECT count(*) FROM entries WHERE session_number = ?", (number,))
    return int(row.fetchone()[0])
