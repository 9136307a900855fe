"""The one place where what a person writes is kept: a private SQLite database.

``open_store`` opens the journal and gives a ``Store``. The database is WAL with
``synchronous=FULL``. A database that is damaged, another program's, or made by a newer
ketaprep is refused with a sentence and never changed (``journal_file``). The Store is
made of its parts: sessions, entries (writing), reading, and queries for review and
export, over what they share (``base``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ketaprep.answers import AnswerValue
from ketaprep.console import note
from ketaprep.errors import KetaprepError
from ketaprep.paths import Paths, ensure_private_dir, get_paths, is_private, journal_access
from ketaprep.store.base import notice_words_gone
from ketaprep.store.connection import BUSY_TIMEOUT_MS, log_waiting, sqlite3, use_wal
from ketaprep.store.entries import Entries
from ketaprep.store.journal_file import (
    check_header,
    connect_journal,
    damaged,
    inspect,
    look,
    make_files_private,
    newer,
)
from ketaprep.store.latest import newest_answers
from ketaprep.store.locked import (
    PLAN_KIND,
    forget_plan,
    readable_plan,
    remove_copy,
    write_plan,
)
from ketaprep.store.migrations import LATEST, migrate, version
from ketaprep.store.practices import newest_practices
from ketaprep.store.queries import Queries
from ketaprep.store.reading import Reading
from ketaprep.store.search import create_search_index, fts5_enabled
from ketaprep.store.sessions import Sessions


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
        names = " and ".join(str(path) for path in paths)
        note(f"Only you can read {names} now; before, others on this computer could.")


class Store(Sessions, Entries, Reading, Queries):
    """Sessions and entries. Use as a context manager, or call ``close()``."""

    def __init__(
        self, database: Path, *, full_check: bool = False, read_only: bool = False
    ) -> None:
        self.path = database
        self.read_only = read_only
        self._wipe_pending = False
        size, self.locked = check_header(database)
        self._full_check = full_check
        old_umask = os.umask(0o077)  # the database and its side files: owner only
        try:
            if size and not self.locked:
                inspect(database)
            # Before SQLite opens it: the side files it makes take the file's mode.
            self.tightened = make_files_private(database)
            self._conn = self._connect()
            try:
                if self.locked:
                    look(database, self._conn)
                self._prepare()
                if not self.read_only:
                    self._tidy()
            except BaseException:
                self._conn.close()
                raise
        finally:
            os.umask(old_umask)
        self.tightened += make_files_private(database)

    def _connect(self) -> sqlite3.Connection:
        # Read-only: no writer can be at work (each refuses), so while no log is waiting
        # the file is read as immutable, leaving no side file in a folder kept read-only.
        immutable = self.read_only and not log_waiting(self.path)
        return connect_journal(
            self.path, self.locked, read_only=self.read_only, immutable=immutable
        )

    def _tidy(self) -> None:
        """Remove what a stopped ``ketaprep lock`` may have left beside the journal: the
        copy it was writing (no conversion is under way while this one has the journal
        open), and for a plain journal, a readable plan that no lock needs."""
        remove_copy(self.path)
        if not self.locked:
            forget_plan(self.path)

    def _prepare(self) -> None:
        with self._errors():
            self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            done = version(self._conn)
            if done > LATEST:
                raise newer(self.path, done)
            if self._full_check or (done < LATEST and not self.read_only):
                self._quick_check()
            if self.read_only:
                if done < LATEST:
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
            notice_words_gone(self._conn)
            if fts5_enabled() and not self._has_search_index():
                with self._write() as conn:  # made while FTS5 was missing: build it now
                    create_search_index(conn)

    def _quick_check(self) -> None:
        rows = self._conn.execute("PRAGMA quick_check").fetchall()
        if [tuple(row) for row in rows] != [("ok",)]:
            raise damaged(self.path, f"SQLite's check found: {rows[0][0]}")

    def own_practices(self, most: int) -> list[str]:
        """The person's own practices named last in finished check-ins (at most ``most``),
        oldest first; read from their small table, whatever the journal's size."""
        with self._errors():
            return newest_practices(self._conn, most)

    def newest_answers(self, kind: str) -> dict[str, AnswerValue] | None:
        """The answers of the newest finished entry of ``kind``; None: there is none."""
        with self._errors():
            return newest_answers(self._conn, kind)

    def close(self) -> None:
        try:
            if self._wipe_pending:
                self._wipe_pending = False
                self._leave_no_trace()
            if self.locked and not self.read_only and readable_plan(self.path).exists():
                # The plan kept readable for help-now follows the newest finished plan.
                write_plan(self.path, newest_answers(self._conn, PLAN_KIND) or {})
        finally:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
