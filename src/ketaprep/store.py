"""The one place where what a person writes is kept: a private SQLite database.

Every answer is committed in its own transaction the moment it is given. The
database is WAL with ``synchronous=FULL``; writes take the write lock up front
(``BEGIN IMMEDIATE``) and wait for another ketaprep up to ``BUSY_TIMEOUT_MS``.
A database that is damaged, or was made by a newer ketaprep, is refused with a
sentence and never changed. Timestamps are stored as UTC ISO 8601 text, which
sorts in time order.
"""

from __future__ import annotations

import datetime
import functools
import json
import operator
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from json.decoder import scanstring as _scanstring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any, Union

from ketaprep.answers import AnswerValue, clean_value
from ketaprep.errors import KetaprepError, UsageError
from ketaprep.paths import Paths, ensure_private_dir, get_paths
from ketaprep.sessions import MOST, number_problem, still_has_entries
from ketaprep.text import clean_text
from ketaprep.vocab import TAGS

KINDS = ("prepare", "journal", "checkin", "plan")
BUSY_TIMEOUT_MS = 5000
SQLITE_BUSY = 5
SIDE_FILE_SUFFIXES = ("-wal", "-shm", "-journal")
MIN_ID_PREFIX = 4
# PRAGMA application_id of every ketaprep journal: "keta" in ASCII. A file with another
# id belongs to another program and is never opened (sqlite.org/fileformat.html#appid).
APPLICATION_ID = 0x6B657461
EXPORT_CACHE_KIB = 32 * 1024  # a bigger page cache while exporting: fewer reads

# None: use FTS5 when this SQLite has it. Tests set False to exercise the LIKE fallback.
USE_FTS5: bool | None = None

_SQLITE_MAGIC = b"SQLite format 3\x00"
_BATCH = 500  # ids per IN (...) query: well under SQLite's variable limit


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
    kind: str
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


def now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def timestamp_text(moment: datetime.datetime) -> str:
    """The one text form of a moment: UTC, microseconds, ``+00:00``. It sorts in time order."""
    if moment.tzinfo is None:
        raise ValueError("timestamps must carry a UTC offset")
    return moment.astimezone(datetime.timezone.utc).isoformat(timespec="microseconds")


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


def open_store(
    paths: Paths | None = None, *, full_check: bool = False, reading: bool = False
) -> Store:
    """Open (creating if needed) the journal at ``paths.database``.

    Every open runs checks whose cost does not grow with the journal (the file header,
    its owner program, the schema, the first and last rows of each table); damage SQLite
    meets later is refused with the same sentence. ``full_check`` adds SQLite's
    ``quick_check`` over the whole file (``where`` and ``import``).

    ``reading``: the command only reads. A journal, or its folder, that its owner made
    read-only is then opened read-only; a command that writes is refused with a
    sentence. Modes looser than private are tightened, and that is said once on stderr.
    """
    from ketaprep.paths import is_private, journal_access

    paths = paths or get_paths()
    locked = journal_access(paths.data_dir, paths.database)
    if locked and not reading:
        raise KetaprepError(
            f"Your journal {paths.database} is read-only ({locked}), so nothing can be "
            "saved. Reading it still works: ketaprep review, export and where. To write "
            "in it again, make it writable (chmod u+w)."
        )
    tightened = [] if is_private(paths.data_dir) else [paths.data_dir]
    try:
        ensure_private_dir(paths.data_dir)
    except KetaprepError as error:
        raise KetaprepError(
            f"{error.message} ketaprep keeps your journal there. Set KETAPREP_HOME "
            "to a folder you can write to, or fix the folder's permissions."
        ) from None
    try:
        store = Store(paths.database, full_check=full_check, read_only=locked is not None)
    except BaseException:
        _say_made_private(tightened)  # the folder was made private all the same
        raise
    _say_made_private([*tightened, *store.tightened])
    return store


def _say_made_private(paths: Sequence[Path]) -> None:
    """One line on stderr, the one time modes are tightened."""
    if paths:
        from ketaprep.console import get_err_console, user_text

        names = " and ".join(str(path) for path in paths)
        get_err_console().print(
            user_text(f"Only you can read {names} now; before, others on this computer could."),
            soft_wrap=True,
        )


class Store:
    """Sessions and entries. Use as a context manager, or call ``close()``."""

    def __init__(
        self, database: Path, *, full_check: bool = False, read_only: bool = False
    ) -> None:
        self.path = database
        self.read_only = read_only
        self._wipe_pending = False  # words a part-answer dropped, wiped at the next whole write
        size = self._check_header()
        self._full_check = full_check
        old_umask = os.umask(0o077)  # the database and its side files: owner only
        try:
            if size:
                self._inspect()
            # Before SQLite opens it: the side files it makes take the file's mode.
            self.tightened = self._make_files_private()
            self._conn = self._connect()
            try:
                self._prepare()
            except BaseException:
                self._conn.close()
                raise
        finally:
            os.umask(old_umask)
        self.tightened += self._make_files_private()

    # --- opening -----------------------------------------------------------------

    def _check_header(self) -> int:
        """The file's size after checking it starts like an SQLite database whole
        (0 if there is none yet)."""
        try:
            with self.path.open("rb") as file:
                header = file.read(100)
                size = os.fstat(file.fileno()).st_size
        except FileNotFoundError:
            return 0
        except IsADirectoryError:
            raise KetaprepError(
                f"{self.path} is a folder, but ketaprep keeps your journal in a file there. "
                "Move the folder aside, or set KETAPREP_HOME to another folder."
            ) from None
        except OSError as error:
            raise KetaprepError(
                f"Cannot read your journal {self.path}: {error.strerror or error}. "
                "Check the file's permissions."
            ) from None
        if header and not header.startswith(_SQLITE_MAGIC):
            raise self._damaged("it is not a ketaprep database")
        if len(header) == 100 and _pages_missing(header, size) and not self._log_waiting():
            raise self._damaged("the file is shorter than it says; it may have been cut off")
        return size

    def _log_waiting(self) -> bool:
        """Whether a write-ahead log may hold changes not yet in the database file."""
        try:
            return Path(f"{self.path}-wal").stat().st_size > 0
        except OSError:
            return False

    def _connect(self) -> sqlite3.Connection:
        # Read-only: no writer can be at work (each refuses), so while no log is waiting
        # the file is read as immutable, leaving no side file in a folder kept read-only.
        target = str(self.path)
        if self.read_only:
            mode = "ro" if self._log_waiting() else "ro&immutable=1"
            target = f"{self.path.resolve().as_uri()}?mode={mode}"
        try:
            conn = sqlite3.connect(
                target,
                uri=self.read_only,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
            )
        except sqlite3.Error as error:
            raise self._translate(error) from None
        # Text that is not valid UTF-8 (written by another program) is read with U+FFFD
        # in place of the bad bytes, so no view can fail on it.
        conn.text_factory = _READ_TEXT
        return conn

    def _prepare(self) -> None:
        with self._errors():
            self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = self._user_version()
            if version > LATEST:
                raise self._newer(version)
            if self._full_check or (version < LATEST and not self.read_only):
                self._quick_check()
            if self.read_only:
                if version < LATEST:
                    raise KetaprepError(
                        f"Your journal {self.path} is read-only, and this ketaprep needs to "
                        "update its format once before reading it. Make it writable "
                        "(chmod u+w) and run ketaprep once; then it can be read-only again."
                    )
                self._conn.execute("PRAGMA query_only = ON")
                return
            use_wal(self._conn)
            self._conn.execute("PRAGMA synchronous = FULL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            # Text deleted or changed is overwritten in the file, not left in free space
            # (the default of many SQLite builds, not of all).
            self._conn.execute("PRAGMA secure_delete = ON")
            # SQLite's own temporary files (large sorts) could hold answer text: keep
            # them in memory, never in the system's temp folder.
            self._conn.execute("PRAGMA temp_store = MEMORY")
            migrate(self._conn)
            _notice_words_gone(self._conn)
            if fts5_enabled() and not self._has_search_index():
                with self._write() as conn:  # made while FTS5 was missing: build it now
                    _create_search_index(conn)

    def _inspect(self) -> None:
        """Before opening the file for real, refuse one that is newer, another program's,
        or damaged where a quick look finds it. The look is read-only, and while no log
        is waiting the file is read as immutable (no lock, no side file made): a refused
        file stays byte for byte as it was, with nothing new beside it."""
        mode = "ro" if self._log_waiting() else "ro&immutable=1"
        try:
            probe = sqlite3.connect(
                f"{self.path.resolve().as_uri()}?mode={mode}",
                uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
            )
        except sqlite3.Error as error:
            raise self._translate(error) from None
        probe.text_factory = _READ_TEXT
        try:
            with self._errors():
                version = int(probe.execute("PRAGMA user_version").fetchone()[0])
                if version > LATEST:
                    raise self._newer(version)
                owner = int(probe.execute("PRAGMA application_id").fetchone()[0])
                tables = _tables(probe)
                adopted = owner == 0 and _ketaprep_made(version, tables)
                if owner != APPLICATION_ID and not adopted:
                    raise self._not_ours(owner)
                for table in sorted(tables & _PROBED_TABLES):
                    _read_both_ends(probe, table)
        finally:
            probe.close()

    def _not_ours(self, owner: int) -> KetaprepError:
        whose = f"its program number is {owner:#010x}" if owner else "its tables are not ketaprep's"
        return KetaprepError(
            f"The file {self.path} belongs to another program ({whose}), so ketaprep has "
            "not opened or changed it. Move it aside, or set KETAPREP_HOME to another "
            "folder for your journal."
        )

    def _newer(self, version: int) -> KetaprepError:
        return KetaprepError(
            f"Your journal {self.path} was made by a newer ketaprep (format {version}; "
            f"this one knows up to {LATEST}). It has not been changed. "
            "Please update ketaprep to open it."
        )

    def _quick_check(self) -> None:
        rows = self._conn.execute("PRAGMA quick_check").fetchall()
        if [tuple(row) for row in rows] != [("ok",)]:
            raise self._damaged(f"SQLite's check found: {rows[0][0]}")

    def _make_files_private(self) -> list[Path]:
        """Take other people's access away from the database and its side files (the
        owner's own bits stay as the owner set them); the paths that changed."""
        from ketaprep.paths import make_private

        changed = []
        for suffix in ("", *SIDE_FILE_SUFFIXES):
            path = Path(f"{self.path}{suffix}")
            try:
                if make_private(path):
                    changed.append(path)
            except FileNotFoundError:
                pass
            except OSError as error:
                raise KetaprepError(
                    f"Cannot make {path} private: {error.strerror or error}. "
                    "Check who owns the file."
                ) from None
        return changed

    def close(self) -> None:
        try:
            if self._wipe_pending:
                self._wipe_pending = False
                self._leave_no_trace()
        finally:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- errors and transactions ---------------------------------------------------

    def _damaged(self, detail: str) -> KetaprepError:
        return KetaprepError(
            f"Your journal {self.path} is damaged and cannot be read safely ({detail}). "
            "ketaprep has not changed it. Restore it from a backup, or move the file "
            "aside to start a fresh journal."
        )

    def _translate(self, error: sqlite3.Error) -> KetaprepError:
        code = getattr(error, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        message = str(error)
        if primary in (11, 26) or "malformed" in message or "not a database" in message:
            return self._damaged(f"SQLite says: {message}")
        if primary in (5, 6) or "locked" in message:
            return KetaprepError(
                "Your journal is busy in another ketaprep window, so this last step was not "
                "saved. Everything before it is safe. Please try again in a moment."
            )
        if primary == 13 or "disk is full" in message:
            return KetaprepError(
                "The disk is full, so the last answer was not saved. Everything before it "
                "is safe. Free some space and try again."
            )
        folder = self.path.parent
        if primary in (8, 14, 3, 23) or "readonly" in message or "unable to open" in message:
            where = (
                f"the folder {folder} cannot be written to"
                if not os.access(folder, os.W_OK)
                else f"SQLite says: {message}"
            )
            return KetaprepError(
                f"Cannot open your journal {self.path}: {where}. Check the folder's "
                "permissions, or set KETAPREP_HOME to a folder you can write to."
            )
        return KetaprepError(
            f"Cannot use your journal {self.path} (SQLite says: {message}). "
            "Nothing was changed by this error."
        )

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.DatabaseError as error:
            if isinstance(error, (sqlite3.IntegrityError, sqlite3.ProgrammingError)):
                raise  # a mistake in ketaprep's own code, not in the file
            raise self._translate(error) from None

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
        with self._errors():
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                words_gone = _take_words_gone(self._conn)
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
        self._wipe_pending = self._wipe_pending or words_gone
        if wipe_now and self._wipe_pending:
            self._wipe_pending = False  # first: the wipe writes through here too
            self._leave_no_trace()

    def _user_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def _has_search_index(self) -> bool:
        row = self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'answers_fts'"
        ).fetchone()
        return row is not None

    # --- sessions ------------------------------------------------------------------

    def add_session(self, number: int, date: datetime.date, note: str | None = None) -> Session:
        problem = number_problem(number)
        if problem:
            raise UsageError(problem)
        note = _clean_note(note)
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
                "SELECT number, date, note FROM sessions WHERE number = ?", (_key(number),)
            ).fetchone()
        return _session(row) if row else None

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
            count = self._entries_of(conn, session.number)
            if count:
                raise UsageError(still_has_entries(session.number, count))
            conn.execute("DELETE FROM sessions WHERE number = ?", (session.number,))

    def session_entry_count(self, number: int) -> int:
        """How many entries belong to session ``number``, drafts too."""
        with self._errors():
            return self._entries_of(self._conn, _key(number))

    @staticmethod
    def _entries_of(conn: sqlite3.Connection, number: int) -> int:
        row = conn.execute("SELECT count(*) FROM entries WHERE session_number = ?", (number,))
        return int(row.fetchone()[0])

    def sessions(self) -> list[Session]:
        """Newest date first."""
        with self._errors():
            rows = self._conn.execute(
                "SELECT number, date, note FROM sessions ORDER BY date DESC, number DESC"
            ).fetchall()
        return [_session(row) for row in rows]

    def last_session_number(self) -> int:
        """The highest session number in range (see sessions.py); 0 if there is none.
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

    # --- entries -------------------------------------------------------------------

    def start_entry(self, kind: str, session_number: int | None = None, guide: str = "") -> Entry:
        """A new draft entry; answers are added with ``save_answer``."""
        if kind not in KINDS:
            raise UsageError(f"{kind} is not a kind of entry; ketaprep knows {', '.join(KINDS)}.")
        import uuid  # here, not at the top: importing it costs a few ms at every start

        guide = clean_text(guide)
        started = now()
        entry = Entry(str(uuid.uuid4()), kind, session_number, guide, started, started, None)
        with self._write() as conn:
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
                (entry_id, entry_id, item_id, item_type, question, _dump(value),
                 _search_text(value, labels), moment, int(partial), _dump_labels(labels)),
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

    def crisis_shown_by_entry(self, entry_filter: EntryFilter) -> dict[str, list[CrisisShown]]:
        """For the entries that pass ``entry_filter``: when the crisis lines were shown.
        Few entries have any, so all of them are read at once."""
        where, params = entry_filter.sql("e.")
        found: dict[str, list[CrisisShown]] = {}
        with self._errors():
            for entry_id, item_id, rule, shown_at in self._conn.execute(
                "SELECT c.entry_id, c.item_id, c.rule, c.shown_at FROM crisis_shown AS c"
                f" JOIN entries AS e ON e.id = c.entry_id{where} ORDER BY c.shown_at, c.id",
                params,
            ):
                found.setdefault(entry_id, []).append(CrisisShown(item_id, rule, _moment(shown_at)))
        return found

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

    def entry(self, entry_id: str) -> Entry:
        """An entry by its id, or by the first few characters of it (at least 4)."""
        wanted = clean_text(entry_id.strip().lower())
        if len(wanted) < MIN_ID_PREFIX:
            raise UsageError(
                f"Please give at least {MIN_ID_PREFIX} characters of the entry id, "
                f'not "{entry_id}".'
            )
        with self._errors():
            rows = self._conn.execute(
                f"{_ENTRY_SELECT} WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
                (wanted, wanted + "\uffff"),
            ).fetchall()
        exact = [row for row in rows if row[0] == wanted]
        if exact:
            rows = exact
        if not rows:
            raise UsageError(f'No entry has the id "{entry_id}". Check the id and try again.')
        if len(rows) > 1:
            raise UsageError(
                f'More than one entry starts with "{entry_id}". Please give more of the id.'
            )
        return self._with_answers(rows)[0]

    def entries(
        self,
        *,
        kind: str | None = None,
        session_number: int | None = None,
        since: datetime.date | None = None,
        until: datetime.date | None = None,
        limit: int | None = None,
        include_drafts: bool = False,
    ) -> list[Entry]:
        """Newest first. ``since`` and ``until`` are local dates, both included."""
        return list(
            self.iter_entries(
                kind=kind,
                session_number=session_number,
                since=since,
                until=until,
                limit=limit,
                include_drafts=include_drafts,
            )
        )

    def iter_entries(
        self,
        *,
        kind: str | None = None,
        session_number: int | None = None,
        no_session: bool = False,
        since: datetime.date | None = None,
        until: datetime.date | None = None,
        limit: int | None = None,
        include_drafts: bool = False,
        oldest_first: bool = False,
    ) -> Iterator[Entry]:
        """Like ``entries`` but loaded a batch at a time, from one consistent snapshot.
        ``no_session`` keeps only entries linked to no session."""
        where, params = EntryFilter(
            kind, session_number, no_session, since, until, include_drafts
        ).sql()
        order = "ASC" if oldest_first else "DESC"
        sql = f"{_ENTRY_SELECT}{where} ORDER BY created {order}, id {order}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(limit, 0))
        yield from self._stream(sql, params)

    def iter_rows(self, entry_filter: EntryFilter) -> Iterator[tuple[EntryRow, list[AnswerRow]]]:
        """Entries oldest first as stored text, for a fast export: timestamps in the UTC
        text form of ``timestamp_text``, each answer's value as JSON text.

        Two cursors walk entries and their answers in the same order; while they are
        open, both read the same snapshot.
        """
        where, params = entry_filter.sql("e.")
        order = "ORDER BY e.created, e.id"
        with self._errors():
            self._conn.execute(f"PRAGMA cache_size = -{EXPORT_CACHE_KIB}")
            entries = self._conn.execute(
                "SELECT e.id, e.kind, e.session_number, e.guide, e.created, e.updated,"
                f" e.finished FROM entries AS e{where} {order}",
                params,
            )
            # Each entry's few answers are put in order here: asking SQLite to order them
            # too would start a sort for every entry.
            answers = self._conn.execute(
                "SELECT e.id, a.position, a.item_id, a.item_type, a.question, a.value,"
                " a.answered_at, a.partial, a.labels FROM entries AS e CROSS JOIN answers AS a"
                f" ON a.entry_id = e.id{where} {order}",
                params,
            )
            try:
                pending = next(answers, None)
                for row in entries:
                    group = []
                    while pending is not None and pending[0] == row[0]:
                        group.append(pending)
                        pending = next(answers, None)
                    group.sort(key=_POSITION)
                    yield row, [answer[2:] for answer in group]
            finally:
                with _unless_closed():
                    entries.close()
                    answers.close()
                    self._conn.execute("PRAGMA cache_size = -2000")

    def sessions_within(
        self, since: datetime.date | None = None, until: datetime.date | None = None
    ) -> list[Session]:
        """Oldest first: sessions dated from ``since`` to ``until``, and the sessions of
        entries written in that time (a journal written after the last day still counts)."""
        first = since.isoformat() if since else "0000-00-00"
        last = until.isoformat() if until else "9999-99-99"
        with self._errors():
            rows = self._conn.execute(
                "SELECT number, date, note FROM sessions WHERE date BETWEEN ? AND ? OR number IN"
                " (SELECT session_number FROM entries WHERE created >= ? AND created < ?)"
                " ORDER BY date, number",
                (first, last, *_created_bounds(since, until)),
            ).fetchall()
        return [_session(row) for row in rows]

    def drafts(self, kind: str | None = None) -> list[Entry]:
        """Unfinished entries, the most recently touched first."""
        sql = f"{_ENTRY_SELECT} WHERE finished IS NULL"
        params: list[object] = []
        if kind is not None:
            sql += " AND kind = ?"
            params.append(kind)
        return list(self._stream(sql + " ORDER BY updated DESC, id DESC", params))

    def search(self, text: str, limit: int | None = None) -> list[Entry]:
        """Entries (drafts too) with an answer containing every word of ``text``, newest first.

        Words match from their start (``breath`` finds ``breathing``). Any text is safe:
        it is quoted, so FTS5 syntax in it is searched for as words.
        """
        words = clean_text(text).replace("\x00", " ").split()
        if not words:
            return []
        indexable = [word for word in words if any(char.isalnum() for char in word)]
        params: list[object]
        if fts5_enabled() and indexable and self._has_search_index():
            query = " ".join('"' + word.replace('"', '""') + '"*' for word in indexable)
            matching = (
                "SELECT entry_id FROM answers WHERE id IN"
                " (SELECT rowid FROM answers_fts WHERE answers_fts MATCH ?)"
            )
            params = [query]
        else:
            matching = "SELECT entry_id FROM answers WHERE " + " AND ".join(
                "text LIKE ? ESCAPE '\\'" for _ in words
            )
            params = [f"%{_escape_like(word)}%" for word in words]
        sql = f"{_ENTRY_SELECT} WHERE id IN ({matching}) ORDER BY created DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(limit, 0))
        return list(self._stream(sql, params))

    def counts(self) -> dict[str, int]:
        """How much is kept: sessions, entries (finished) and drafts."""
        with self._errors():
            sessions = self._conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
            drafts = self._conn.execute(
                "SELECT count(*) FROM entries WHERE finished IS NULL"
            ).fetchone()[0]
            everything = self._conn.execute("SELECT count(*) FROM entries").fetchone()[0]
        return {"sessions": sessions, "entries": everything - drafts, "drafts": drafts}

    # --- import (also the bulk path the benchmark fills big journals with) ----------

    def import_records(self, sessions: Iterable[Session], entries: Iterable[Entry]) -> ImportResult:
        """Add sessions and entries in one transaction: all of them, or none on error.

        An entry whose id is already kept is left as it is. A session whose number is
        already kept stays as it is, even if the date differs (reported in the result).
        Each entry's session must be kept already or be among ``sessions``.
        """
        added_sessions = added_entries = present = 0
        kept: list[tuple[Session, datetime.date]] = []
        with self._write() as conn:
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
                        (session.number, session.date.isoformat(), _clean_note(session.note)),
                    )
                    added_sessions += 1
                elif row[1] != session.date.isoformat():
                    kept.append((_session(row), session.date))
            for entry in entries:
                if conn.execute("SELECT 1 FROM entries WHERE id = ?", (entry.id,)).fetchone():
                    present += 1
                    continue
                self._require_session(conn, entry.session_number)
                _insert_entry(conn, entry)
                added_entries += 1
        return ImportResult(added_sessions, added_entries, present, tuple(kept))

    # --- reading helpers -------------------------------------------------------------

    def _require_entry(self, conn: sqlite3.Connection, entry_id: str) -> tuple[str, str | None]:
        row = conn.execute(
            "SELECT id, finished FROM entries WHERE id = ?", (clean_text(entry_id),)
        ).fetchone()
        if row is None:
            raise UsageError(f'No entry has the id "{entry_id}". Check the id and try again.')
        return (row[0], row[1])

    def _require_session(self, conn: sqlite3.Connection, number: int | None) -> None:
        if number is not None:
            self._the_session(conn, number)

    def _the_session(self, conn: sqlite3.Connection, number: int) -> Session:
        found = conn.execute(
            "SELECT number, date, note FROM sessions WHERE number = ?", (_key(number),)
        ).fetchone()
        if found is None:
            raise UsageError(f"There is no session {number} in your journal yet.")
        return _session(found)

    def _stream(self, sql: str, params: Sequence[object]) -> Iterator[Entry]:
        # While this cursor is open, every read on the connection sees the same snapshot.
        with self._errors():
            cursor = self._conn.execute(sql, params)
            try:
                while rows := cursor.fetchmany(_BATCH):
                    yield from self._with_answers(rows)
            finally:
                with _unless_closed():
                    cursor.close()

    def _with_answers(self, rows: Sequence[sqlite3.Row | tuple[object, ...]]) -> list[Entry]:
        ids = [str(row[0]) for row in rows]
        found: dict[str, list[list[Any]]] = {entry_id: [] for entry_id in ids}
        with self._errors():
            for start in range(0, len(ids), _BATCH):
                chunk = ids[start : start + _BATCH]
                marks = ",".join("?" * len(chunk))
                # Put in order here: an ORDER BY would make SQLite sort the whole rows.
                for entry_id, *answer in self._conn.execute(
                    "SELECT entry_id, position, item_id, item_type, question, value, answered_at,"
                    f" partial, labels FROM answers WHERE entry_id IN ({marks})",
                    chunk,
                ):
                    found[entry_id].append(answer)
        crises = self._crisis_shown(ids)
        entries = []
        for row in rows:
            answers = sorted(found[str(row[0])])
            entry = _entry(row, tuple(_answer(*answer[1:]) for answer in answers))
            shown = crises.get(entry.id)
            entries.append(replace(entry, crisis_shown=tuple(shown)) if shown else entry)
        return entries

    def _crisis_shown(self, ids: Sequence[str]) -> dict[str, list[CrisisShown]]:
        found: dict[str, list[CrisisShown]] = {}
        with self._errors():
            for start in range(0, len(ids), _BATCH):
                chunk = ids[start : start + _BATCH]
                marks = ",".join("?" * len(chunk))
                for entry_id, item_id, rule, shown_at in self._conn.execute(
                    "SELECT entry_id, item_id, rule, shown_at FROM crisis_shown"
                    f" WHERE entry_id IN ({marks}) ORDER BY shown_at, id",
                    chunk,
                ):
                    found.setdefault(entry_id, []).append(
                        CrisisShown(item_id, rule, _moment(shown_at))
                    )
        return found

    # --- review: a page of entries with the total, answers to chosen items -----------
    # (added for ``ketaprep review``)

    def find_entries(
        self,
        entry_filter: EntryFilter,
        *,
        words: str = "",
        tag: str | None = None,
        limit: int | None = None,
    ) -> tuple[list[Entry], int]:
        """Newest first: entries that pass ``entry_filter``, hold every word of ``words``
        in one answer (as ``search`` does) and have ``tag`` among their ``tags`` answer
        (ignoring case); and how many match in all. ``limit`` None: every one."""
        where, params = entry_filter.sql()
        conditions = [where.removeprefix(" WHERE ")] if where else []
        if words.split():
            matching, match_params = self._answers_holding(words)
            conditions.append(f"id IN (SELECT entry_id FROM answers WHERE id IN ({matching}))")
            params.extend(match_params)
        if tag is not None:
            tag = clean_text(tag)
            folded = self._fold(tag) or ""
            if folded.isascii():  # SQLite's own lower() folds ASCII, without a call into Python
                fold = "trim(ltrim(trim(lower(t.value)), '#@'))"
            else:
                self._conn.create_function("ketaprep_fold", 1, self._fold, deterministic=True)
                fold = "ketaprep_fold(t.value)"
            tagged = (
                "SELECT a.entry_id FROM answers AS a, json_each(a.value) AS t"
                f" WHERE a.item_id = '{TAGS}' AND {fold} = ?"
            )
            params.append(folded)
            if tag.split():
                matching, match_params = self._answers_holding(tag)
                tagged += f" AND a.id IN ({matching})"
                params.extend(match_params)
            conditions.append(f"id IN ({tagged})")
        where = " WHERE " + " AND ".join(conditions) if conditions else ""
        order = " ORDER BY created DESC, id DESC"
        if words.split() or tag is not None:
            # Every matching id in one query, so the search runs once for the count and
            # the page; then the page's entries by id.
            with self._errors():
                rows = self._conn.execute(f"SELECT id FROM entries{where}{order}", params)
                ids = [str(row[0]) for row in rows]
            page = ids if limit is None else ids[: max(limit, 0)]
            found: list[Entry] = []
            for start in range(0, len(page), _BATCH):
                chunk = page[start : start + _BATCH]
                marks = ",".join("?" * len(chunk))
                found += self._stream(f"{_ENTRY_SELECT} WHERE id IN ({marks}){order}", chunk)
            return found, len(ids)
        with self._errors():
            total = int(
                self._conn.execute(f"SELECT count(*) FROM entries{where}", params).fetchone()[0]
            )
        sql = f"{_ENTRY_SELECT}{where}{order}"
        if limit is not None:
            sql += " LIMIT ?"
            params = [*params, max(limit, 0)]
        return list(self._stream(sql, params)), total

    def entries_with(
        self,
        item_ids: Sequence[str],
        entry_filter: EntryFilter | None = None,
        *,
        newest_first: bool = False,
        limit: int | None = None,
    ) -> Iterator[Entry]:
        """Entries that answered any of ``item_ids``, each holding only those answers
        (None answers left out); oldest first unless ``newest_first``. Read as they are
        used, from one snapshot."""
        where, params = (entry_filter or EntryFilter()).sql("e.")
        marks = ",".join("?" * len(item_ids))
        where += " AND " if where else " WHERE "
        where += f"a.item_id IN ({marks}) AND a.value != 'null'"
        order = "DESC" if newest_first else "ASC"
        # CROSS JOIN keeps entries as the outer loop, read in order from an index; each
        # entry's answers are found through the (entry_id, item_id) key.
        sql = (
            "SELECT e.id, e.kind, e.session_number, e.guide, e.created, e.updated, e.finished,"
            " a.item_id, a.item_type, a.question, a.value, a.answered_at, a.partial, a.labels"
            f" FROM entries AS e CROSS JOIN answers AS a ON a.entry_id = e.id{where}"
            f" ORDER BY e.created {order}, e.id {order}, a.position"
        )
        if limit is not None and limit <= 0:
            return
        given = 0
        head: Sequence[object] | None = None
        answers: list[Answer] = []
        with self._errors():
            cursor = self._conn.execute(sql, [*params, *item_ids])
            try:
                for row in cursor:
                    if head is not None and row[0] != head[0]:
                        yield _entry(head, tuple(answers))
                        given += 1
                        if limit is not None and given >= limit:
                            return
                        head = None
                    if head is None:
                        head, answers = row[:7], []
                    answers.append(_answer(*row[7:]))
                if head is not None:
                    yield _entry(head, tuple(answers))
            finally:
                cursor.close()

    def session_kinds(self) -> dict[int, dict[str, int]]:
        """For each session with entries: how many finished entries of each kind it has."""
        kinds: dict[int, dict[str, int]] = {}
        with self._errors():
            for number, kind, count in self._conn.execute(
                "SELECT session_number, kind, count(*) FROM entries"
                " WHERE session_number IS NOT NULL AND finished IS NOT NULL"
                " GROUP BY session_number, kind"
            ):
                kinds.setdefault(int(number), {})[str(kind)] = int(count)
        return kinds

    def _answers_holding(self, text: str) -> tuple[str, list[object]]:
        """A query for the ids of answers holding every word of ``text`` (see ``search``)."""
        words = clean_text(text).replace("\x00", " ").split()
        indexable = [word for word in words if any(char.isalnum() for char in word)]
        if fts5_enabled() and indexable and self._has_search_index():
            query = " ".join('"' + word.replace('"', '""') + '"*' for word in indexable)
            return "SELECT rowid FROM answers_fts WHERE answers_fts MATCH ?", [query]
        likes = " AND ".join("text LIKE ? ESCAPE '\\'" for _ in words)
        return f"SELECT id FROM answers WHERE {likes}", [
            f"%{_escape_like(word)}%" for word in words
        ]

    @staticmethod
    def _fold(text: object) -> str | None:
        """Text for comparing tags: case folded, spaces and a leading # or @ trimmed."""
        return text.strip().lstrip("#@").strip().casefold() if isinstance(text, str) else None


@dataclass(frozen=True)
class EntryFilter:
    """Which entries: every field narrows; ``since`` and ``until`` are local dates."""

    kind: str | None = None
    session_number: int | None = None
    no_session: bool = False
    since: datetime.date | None = None
    until: datetime.date | None = None
    include_drafts: bool = False

    def sql(self, prefix: str = "") -> tuple[str, list[object]]:
        where: list[str] = []
        params: list[object] = []
        if self.kind is not None:
            where.append(f"{prefix}kind = ?")
            params.append(self.kind)
        if self.session_number is not None:
            where.append(f"{prefix}session_number = ?")
            params.append(_key(self.session_number))
        if self.no_session:
            where.append(f"{prefix}session_number IS NULL")
        if self.since is not None or self.until is not None:
            where.append(f"{prefix}created >= ? AND {prefix}created < ?")
            params.extend(_created_bounds(self.since, self.until))
        if not self.include_drafts:
            where.append(f"{prefix}finished IS NOT NULL")
        return (" WHERE " + " AND ".join(where) if where else ""), params


_POSITION = operator.itemgetter(1)  # of a row from iter_rows's answers query

# (id, kind, session_number, guide, created, updated, finished) and
# (item_id, item_type, question, value as JSON, answered_at, partial as 0 or 1,
# labels as JSON or None), as stored.
EntryRow = tuple[str, str, Union[int, None], str, str, str, Union[str, None]]  # noqa: UP007
AnswerRow = tuple[str, str, str, str, str, int, Union[str, None]]  # noqa: UP007


# --- rows <-> objects ---------------------------------------------------------------------

_READ_TEXT = functools.partial(str, encoding="utf-8", errors="replace")
_ENTRY_SELECT = "SELECT id, kind, session_number, guide, created, updated, finished FROM entries"


def fts5_enabled() -> bool:
    global USE_FTS5
    if USE_FTS5 is None:
        probe = sqlite3.connect(":memory:")
        try:
            probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
            USE_FTS5 = True
        except sqlite3.OperationalError:
            USE_FTS5 = False
        finally:
            probe.close()
    return USE_FTS5


def _dump(value: AnswerValue) -> str:
    return json.dumps(clean_value(value), ensure_ascii=False)


def _load(value: str) -> AnswerValue:
    """An answer's JSON back as a value; most are text, read without the general parser.
    Cleaned too: a journal made before ``_dump`` cleaned may hold lone surrogates as
    JSON escapes."""
    if value.startswith('"'):
        text: str
        text, end = _scanstring(value, 1)
        if end == len(value):
            return clean_text(text)
    loaded: AnswerValue = json.loads(value)
    return clean_value(loaded)


def _search_text(value: AnswerValue, labels: Mapping[str, str] | None = None) -> str:
    return clean_text(flatten(value, labels))


def _dump_labels(labels: Mapping[str, str] | None) -> str | None:
    if not labels:
        return None
    return json.dumps({clean_text(key): clean_text(text) for key, text in labels.items()})


def _load_labels(text: str | None) -> dict[str, str]:
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


def _answer(
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
        _load(value),
        _moment(answered_at),
        partial=bool(partial),
        labels=_load_labels(labels),
    )


def _clean_note(note: str | None) -> str | None:
    return None if note is None else clean_text(note)


@contextmanager
def _unless_closed() -> Iterator[None]:
    """For a reading generator's clean-up: when a stop (Ctrl-C, SIGTERM) left it unfinished,
    it may only be collected after its store was closed, which closed its cursors too."""
    try:
        yield
    except sqlite3.ProgrammingError:
        pass


def _notice_words_gone(conn: sqlite3.Connection) -> None:
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
    """Whether this transaction removed words (see ``_notice_words_gone``); resets it."""
    if conn.execute("SELECT 1 FROM temp.words_gone LIMIT 1").fetchone() is None:
        return False
    conn.execute("DELETE FROM temp.words_gone")
    return True


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
             clean_text(answer.question), _dump(answer.value),
             _search_text(answer.value, answer.labels), timestamp_text(answer.answered_at),
             int(answer.partial), _dump_labels(answer.labels))
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


def _key(number: int) -> int:
    """A session number to look up: one SQLite cannot hold (beyond 64 bits) is no session's,
    so it becomes 0, which no session has."""
    return number if -(2**63) <= number < 2**63 else 0


def _moment(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


def _session(row: Sequence[object]) -> Session:
    note = row[2]
    return Session(
        int(str(row[0])),
        datetime.date.fromisoformat(str(row[1])),
        None if note is None else str(note),
    )


def _entry(row: Sequence[object], answers: tuple[Answer, ...]) -> Entry:
    entry_id, kind, session_number, guide, created, updated, finished = row
    return Entry(
        id=str(entry_id),
        kind=str(kind),
        session_number=None if session_number is None else int(str(session_number)),
        guide=str(guide),
        created=_moment(str(created)),
        updated=_moment(str(updated)),
        finished=None if finished is None else _moment(str(finished)),
        answers=answers,
    )


def _created_bounds(since: datetime.date | None, until: datetime.date | None) -> tuple[str, str]:
    """Stored-text bounds [from, before) for entries created on the local days since..until."""
    first = _local_midnight(since, "") if since else ""
    after = ""
    if until and until < datetime.date.max:
        after = _local_midnight(until + datetime.timedelta(days=1), "\uffff")
    return first, after or "\uffff"


def _local_midnight(day: datetime.date, beyond: str) -> str:
    """The start of a local day as stored text (UTC); ``beyond`` for days time cannot reach."""
    try:
        return timestamp_text(datetime.datetime.combine(day, datetime.time()).astimezone())
    except (OverflowError, ValueError, OSError):
        return beyond


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# --- migrations: forward only, each a small step; user_version counts the steps done ------


def _create_tables(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE sessions ("
        " number INTEGER PRIMARY KEY CHECK (number > 0),"
        " date TEXT NOT NULL,"  # YYYY-MM-DD
        " note TEXT)"
    )
    conn.execute(
        "CREATE TABLE entries ("
        " id TEXT PRIMARY KEY NOT NULL,"  # a UUID
        " kind TEXT NOT NULL,"
        " session_number INTEGER REFERENCES sessions (number),"
        " guide TEXT NOT NULL,"
        " created TEXT NOT NULL,"  # UTC ISO 8601
        " updated TEXT NOT NULL,"
        " finished TEXT)"  # NULL: a draft
    )
    conn.execute(
        "CREATE TABLE answers ("
        " id INTEGER PRIMARY KEY,"  # stable rowid for the search index
        " entry_id TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,"
        " position INTEGER NOT NULL,"  # order first given
        " item_id TEXT NOT NULL,"
        " item_type TEXT NOT NULL,"
        " question TEXT NOT NULL,"  # as asked
        " value TEXT NOT NULL,"  # JSON
        " text TEXT NOT NULL,"  # the value flattened, for search
        " answered_at TEXT NOT NULL,"
        " UNIQUE (entry_id, item_id))"
    )


def _create_search_index(conn: sqlite3.Connection) -> None:
    """Full-text search over answers, kept in step by triggers. Skipped without FTS5."""
    if not fts5_enabled():
        return
    conn.execute(
        "CREATE VIRTUAL TABLE answers_fts USING fts5(text, content='answers',"
        " content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
    )
    conn.execute(
        "CREATE TRIGGER answers_fts_insert AFTER INSERT ON answers BEGIN"
        " INSERT INTO answers_fts (rowid, text) VALUES (new.id, new.text); END"
    )
    conn.execute(
        "CREATE TRIGGER answers_fts_delete AFTER DELETE ON answers BEGIN"
        " INSERT INTO answers_fts (answers_fts, rowid, text) VALUES ('delete', old.id, old.text);"
        " END"
    )
    conn.execute(
        "CREATE TRIGGER answers_fts_update AFTER UPDATE OF text ON answers BEGIN"
        " INSERT INTO answers_fts (answers_fts, rowid, text) VALUES ('delete', old.id, old.text);"
        " INSERT INTO answers_fts (rowid, text) VALUES (new.id, new.text); END"
    )
    conn.execute("INSERT INTO answers_fts (answers_fts) VALUES ('rebuild')")


def _create_listing_indexes(conn: sqlite3.Connection) -> None:
    """Newest-first lists read an index backwards instead of sorting every entry."""
    conn.execute("CREATE INDEX entries_by_created ON entries (created, id)")
    conn.execute("CREATE INDEX entries_by_kind ON entries (kind, created, id)")
    conn.execute("CREATE INDEX entries_by_session ON entries (session_number, created, id)")
    conn.execute("CREATE INDEX drafts_by_updated ON entries (updated, id) WHERE finished IS NULL")
    conn.execute("CREATE INDEX sessions_by_date ON sessions (date, number)")


def _create_crisis_shown(conn: sqlite3.Connection) -> None:
    """When the crisis lines were shown during an entry, and by which rule."""
    conn.execute(
        "CREATE TABLE crisis_shown ("
        " id INTEGER PRIMARY KEY,"
        " entry_id TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,"
        " item_id TEXT NOT NULL,"  # the question whose answer met the rule
        " rule TEXT NOT NULL,"  # in words
        " shown_at TEXT NOT NULL)"  # UTC ISO 8601
    )
    conn.execute("CREATE INDEX crisis_shown_by_entry ON crisis_shown (entry_id, shown_at)")


def _answers_may_be_partial(conn: sqlite3.Connection) -> None:
    """An answer begun but not finished (ticks and lines given before a stop) is kept."""
    conn.execute("ALTER TABLE answers ADD COLUMN partial INTEGER NOT NULL DEFAULT 0")


def _answers_keep_labels(conn: sqlite3.Connection) -> None:
    """The words shown for the options picked (JSON: option id -> label), kept with the
    answer, so it reads as the person saw it after the guides change. NULL: none kept."""
    conn.execute("ALTER TABLE answers ADD COLUMN labels TEXT")


def _mark_as_ketaprep(conn: sqlite3.Connection) -> None:
    """The file says it is a ketaprep journal; journals made before are adopted here."""
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _create_tables,
    _create_search_index,
    _create_listing_indexes,
    _create_crisis_shown,
    _answers_may_be_partial,
    _answers_keep_labels,
    _mark_as_ketaprep,
)
LATEST = len(MIGRATIONS)


def latest_answers(database: Path, kind: str) -> dict[str, AnswerValue] | None:
    """The answers of the newest finished entry of ``kind``, for help-now: read-only and
    light, without any check or migration. ``{}``: no such entry, or no journal yet.
    None: the journal is there but cannot be read now (damaged, locked, newer, not a
    database). Never creates, changes or locks the file."""
    try:
        with database.open("rb") as file:
            header = file.read(len(_SQLITE_MAGIC))
    except FileNotFoundError:
        return {}
    except OSError:
        return None
    if not header:
        return {}
    if header != _SQLITE_MAGIC:
        return None
    # With no write-ahead log beside it, nobody has the journal open and every write is
    # in the file itself: read it as immutable, so SQLite makes no -shm or -wal file.
    # Else another ketaprep has it open: read it through that log, read-only.
    live = Path(f"{database}-wal").exists()
    mode = "mode=ro" if live else "mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(
            f"{database.resolve().as_uri()}?{mode}", uri=True, timeout=0.5, isolation_level=None
        )
    except sqlite3.Error:
        return None
    try:
        if int(conn.execute("PRAGMA user_version").fetchone()[0]) > LATEST:
            return None
        row = conn.execute(
            "SELECT id FROM entries WHERE kind = ? AND finished IS NOT NULL"
            " ORDER BY created DESC, id DESC LIMIT 1",
            (kind,),
        ).fetchone()
        if row is None:
            return {}
        rows = conn.execute(
            "SELECT item_id, value FROM answers WHERE entry_id = ? ORDER BY position", (row[0],)
        ).fetchall()
        return {str(item_id): _load(str(value)) for item_id, value in rows}
    except (sqlite3.Error, ValueError):
        return None
    finally:
        conn.close()


def use_wal(conn: sqlite3.Connection, wait_s: float = BUSY_TIMEOUT_MS / 1000) -> None:
    """Put the file in WAL mode (it stays so). Turning a new file to WAL needs it alone,
    and when two connections ask at the same moment SQLite answers "busy" at once, without
    its busy wait (that could deadlock); so wait and ask again here, as a write would."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            busy = getattr(error, "sqlite_errorcode", 0) & 0xFF == SQLITE_BUSY
            if not busy or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


# --- what a quick look at a file checks (Store._inspect) -------------------------------

_PROBED_TABLES = frozenset({"sessions", "entries", "answers"})


def _pages_missing(header: bytes, size: int) -> bool:
    """Whether the header counts more pages than the file holds (a cut-off copy)."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counted = header[24:28] == header[92:96]  # the count is valid only then
    return counted and pages * page_size > size


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return {str(row[0]) for row in rows}


@functools.cache
def _latest_tables() -> frozenset[str]:
    """The tables a journal made by this ketaprep has (its search index's among them)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn)
        return frozenset(_tables(conn))
    finally:
        conn.close()


def _ketaprep_made(version: int, tables: set[str]) -> bool:
    """A file without an application_id, made by a ketaprep from before it set one:
    some of its steps done, and no table another program added. (A blank file, made
    by nobody yet, counts too.)"""
    if version == 0:
        return not tables
    return tables <= _latest_tables()


def _read_both_ends(conn: sqlite3.Connection, table: str) -> None:
    """Read a table's first and last rows: its root page and both edges of its tree. A
    damaged page there is met here, in a time that does not grow with the journal."""
    for order in ("ASC", "DESC"):
        conn.execute(f"SELECT * FROM {table} ORDER BY rowid {order} LIMIT 1").fetchall()


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> None:
    """Run the steps not yet done, each in its own transaction with its user_version."""
    while _version(conn) < target:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = _version(conn)  # another ketaprep may have migrated meanwhile
            if version < target:
                MIGRATIONS[version](conn)
                conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def _version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


# --- where things are kept (``ketaprep where``) ----------------------------------------------


def where_lines(guides_dir: Path | None = None) -> Iterator[str]:
    """Lines naming the journal, settings and guides; the journal is opened last, so the
    places are shown even when it cannot be opened."""
    paths = get_paths()
    yield f"Journal:   {paths.database}"
    settings_note = "" if paths.config_file.exists() else " (not made yet)"
    yield f"Settings:  {paths.config_file}{settings_note}"
    if guides_dir is not None:
        yield f"Guides:    {guides_dir} (your folder)"
    else:
        yield f"Guides:    built in, from {_builtin_guides_dir()}"
    with open_store(paths, full_check=True, reading=True) as store:
        counts = store.counts()
    yield (
        f"Kept:      {_count(counts['sessions'], 'session')}, "
        f"{_count(counts['entries'], 'entry', 'entries')}, {_count(counts['drafts'], 'draft')}."
    )
    yield "To back up, copy the journal file while ketaprep is closed."


def _builtin_guides_dir() -> object:
    import ketaprep.guides.files

    builtin_dir = getattr(ketaprep.guides.files, "builtin_dir", None)
    if callable(builtin_dir):
        return builtin_dir()
    from importlib.resources import files

    packaged = files("ketaprep") / "_guides"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "guides"


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"
