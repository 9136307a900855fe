"""What every part of the Store shares: the open connection, errors as sentences, one
write transaction, the wiping of removed words, and loading entries with their answers.

Every answer is committed in its own transaction the moment it is given. Writes take
the write lock up front (``BEGIN IMMEDIATE``) and wait for another ketaprep up to
``BUSY_TIMEOUT_MS``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from ketaprep.errors import KetaprepError, UsageError
from ketaprep.store.codec import (
    answer_from_row,
    entry_from_row,
    moment,
    session_from_row,
    session_key,
)
from ketaprep.store.connection import sqlite3, transaction
from ketaprep.store.journal_file import errors
from ketaprep.store.records import CrisisShown, Entry, Session

BATCH = 500  # ids per IN (...) query: well under SQLite's variable limit
ENTRY_SELECT = "SELECT id, kind, session_number, guide, created, updated, finished FROM entries"


class StoreBase:
    """The connection and the ways to use it; ``Store`` is made of this and its parts."""

    path: Path
    read_only: bool
    _conn: sqlite3.Connection
    _wipe_pending: bool  # words a part-answer dropped, wiped at the next whole write

    def _errors(self) -> AbstractContextManager[None]:
        return errors(self.path)

    @contextmanager
    def _write(self, *, wipe_now: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction: the write lock first, committed before returning.

        Whatever it changes, words it removed or replaced are then wiped from the file
        (``_leave_no_trace``): every path that edits or deletes text goes through here.
        ``wipe_now=False`` (a part-answer changing under the person's keys) puts the wipe
        off until the next other write, or ``close()``: a whole-index merge on every
        untick would lag the keys.
        """
        if self.read_only:
            raise KetaprepError(
                f"Your journal {self.path} is read-only, so this was not saved. "
                "Make it writable (chmod u+w) to write in it again."
            )
        with self._errors(), transaction(self._conn) as conn:
            yield conn
            words_gone = _take_words_gone(conn)
        self._wipe_pending = self._wipe_pending or words_gone
        if wipe_now and self._wipe_pending:
            self._wipe_pending = False  # first: the wipe writes through here too
            self._leave_no_trace()

    @contextmanager
    def _unsynced(self) -> Iterator[None]:
        """Writes committed without waiting for the disk, for what holds nothing of the
        person's yet (an empty draft): its commit is then on the disk with the next one
        (every other write waits for the disk, ``synchronous=FULL``), so the first answer
        is on the disk, with its entry, before it returns. Only in WAL mode, where a
        commit's sync writes out the whole log, every earlier commit with it; in a
        rollback journal, syncing less could damage the file at a power cut."""
        with self._errors():
            wal = self._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            if wal:
                self._conn.execute("PRAGMA synchronous = NORMAL")
        try:
            yield
        finally:
            if wal:
                with self._errors():
                    self._conn.execute("PRAGMA synchronous = FULL")

    def _leave_no_trace(self) -> None:
        """After answers were deleted or changed: secure_delete has overwritten their
        old text in the database; the words are also dropped from the search index (whose
        segments keep them until merged) and from the write-ahead log (old pages)."""
        if self._has_search_index():
            with self._write() as conn:
                conn.execute("INSERT INTO answers_fts (answers_fts) VALUES ('optimize')")
        with self._errors():
            # Busy readers can stop the log being emptied now; it is then emptied later,
            # when the last ketaprep closes the journal.
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def _has_search_index(self) -> bool:
        row = self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'answers_fts'"
        ).fetchone()
        return row is not None

    def _the_session(self, conn: sqlite3.Connection, number: int) -> Session:
        found = conn.execute(
            "SELECT number, date, note FROM sessions WHERE number = ?", (session_key(number),)
        ).fetchone()
        if found is None:
            raise UsageError(f"There is no session {number} in your journal yet.")
        return session_from_row(found)

    def _require_session(self, conn: sqlite3.Connection, number: int | None) -> None:
        if number is not None:
            self._the_session(conn, number)

    # --- entries with their answers, read a batch at a time ---------------------------

    def _stream(
        self,
        sql: str,
        params: Sequence[object],
        read: Callable[[Sequence[Any]], list[Entry]] | None = None,
    ) -> Iterator[Entry]:
        """The entries ``sql`` selects, each batch of rows made entries by ``read`` (by
        default with all their answers)."""
        # While this cursor is open, every read on the connection sees the same snapshot.
        read = read or self._with_answers
        with self._errors():
            cursor = self._conn.execute(sql, params)
            try:
                while rows := cursor.fetchmany(BATCH):
                    yield from read(rows)
            finally:
                with unless_closed():
                    cursor.close()

    def _with_answers(self, rows: Sequence[sqlite3.Row | tuple[object, ...]]) -> list[Entry]:
        ids = [str(row[0]) for row in rows]
        found: dict[str, list[tuple[Any, ...]]] = {entry_id: [] for entry_id in ids}
        with self._errors():
            for chunk, marks in batches(ids):
                # Put in order here: an ORDER BY would make SQLite sort the whole rows.
                for answer in self._conn.execute(
                    "SELECT entry_id, position, item_id, item_type, question, value, answered_at,"
                    f" partial, labels FROM answers WHERE entry_id IN ({marks})",
                    chunk,
                ):
                    found[answer[0]].append(answer)
        crises = self._crisis_shown(ids)
        entries = []
        for row in rows:
            answers = sorted(found[str(row[0])])  # one entry's: by position, then item id
            entry = entry_from_row(row, tuple([answer_from_row(*answer[2:]) for answer in answers]))
            shown = crises.get(entry.id)
            entries.append(replace(entry, crisis_shown=tuple(shown)) if shown else entry)
        return entries

    def _crisis_shown(self, ids: Sequence[str]) -> dict[str, list[CrisisShown]]:
        found: dict[str, list[CrisisShown]] = {}
        with self._errors():
            for chunk, marks in batches(ids):
                for entry_id, item_id, rule, shown_at in self._conn.execute(
                    "SELECT entry_id, item_id, rule, shown_at FROM crisis_shown"
                    f" WHERE entry_id IN ({marks}) ORDER BY shown_at, id",
                    chunk,
                ):
                    found.setdefault(entry_id, []).append(
                        CrisisShown(item_id, rule, moment(shown_at))
                    )
        return found


def batches(ids: Sequence[str]) -> Iterator[tuple[Sequence[str], str]]:
    """``ids`` a batch at a time, each with its ``?,?,...`` for an ``IN (...)``."""
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        yield chunk, ",".join("?" * len(chunk))


@contextmanager
def unless_closed() -> Iterator[None]:
    """For a reading generator's clean-up: when a stop (Ctrl-C, SIGTERM) left it unfinished,
    it may only be collected after its store was closed, which closed its cursors too."""
    try:
        yield
    except sqlite3.ProgrammingError:
        pass


# --- noticing words removed ------------------------------------------------------------------


def notice_words_gone(conn: sqlite3.Connection) -> None:
    """Temporary triggers (this connection only, nothing in the file) that note when a
    write removes words a person wrote: an answer or session note deleted, or changed so
    that its old text is not part of the new one (an answer growing line by line keeps
    all its words, and needs no wipe). ``_write`` reads the note before committing."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS words_gone (gone INTEGER)")
    note = "BEGIN INSERT INTO words_gone VALUES (1); END"
    for name, event, table, when in (
        ("answer_deleted", "DELETE", "answers", "old.text != ''"),
        ("answer_changed", "UPDATE", "answers", "instr(new.text, old.text) = 0"),
        ("note_deleted", "DELETE", "sessions", "old.note IS NOT NULL"),
        ("note_changed", "UPDATE", "sessions", "instr(coalesce(new.note, ''), old.note) = 0"),
    ):
        conn.execute(
            f"CREATE TEMP TRIGGER IF NOT EXISTS words_gone_{name} AFTER {event} ON main.{table}"
            f" WHEN {when} {note}"
        )


def _take_words_gone(conn: sqlite3.Connection) -> bool:
    """Whether this transaction removed words (see ``notice_words_gone``); resets it."""
    if conn.execute("SELECT 1 FROM temp.words_gone LIMIT 1").fetchone() is None:
        return False
    conn.execute("DELETE FROM temp.words_gone")
    return True
