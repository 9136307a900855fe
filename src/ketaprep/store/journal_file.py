"""The journal file around SQLite: the looks taken before opening it, its private modes,
and the sentence for each way it can fail.

A file that is damaged, another program's, or made by a newer ketaprep is refused with
a sentence and never changed: the looks before opening are read-only, and while no log
is waiting the file is read as immutable (no lock, no side file made).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ketaprep.errors import KetaprepError
from ketaprep.passphrase import unlock
from ketaprep.paths import make_private
from ketaprep.store.connection import BUSY_TIMEOUT_MS, connect, key_opens, log_waiting, sqlite3
from ketaprep.store.locked import SQLITE_MAGIC, looks_locked
from ketaprep.store.migrations import APPLICATION_ID, LATEST, ketaprep_made, tables, version

SIDE_FILE_SUFFIXES = ("-wal", "-shm", "-journal")
_PROBED_TABLES = frozenset({"sessions", "entries", "answers"})


def check_header(database: Path) -> tuple[int, bool]:
    """The file's size (0 if there is none yet), and whether it is locked with a
    passphrase, after checking it starts like a whole SQLite database or a locked one."""
    try:
        with database.open("rb") as file:
            header = file.read(100)
            size = os.fstat(file.fileno()).st_size
    except FileNotFoundError:
        return 0, False
    except IsADirectoryError:
        raise KetaprepError(
            f"{database} is a folder, but ketaprep keeps your journal in a file there. "
            "Move the folder aside, or set KETAPREP_HOME to another folder."
        ) from None
    except OSError as error:
        raise KetaprepError(
            f"Cannot read your journal {database}: {error.strerror or error}. "
            "Check the file's permissions."
        ) from None
    if header and not header.startswith(SQLITE_MAGIC):
        if looks_locked(header, size):
            return size, True
        raise damaged(database, "it is not a ketaprep database")
    if len(header) == 100 and _pages_missing(header, size) and not log_waiting(database):
        raise damaged(database, "the file is shorter than it says; it may have been cut off")
    return size, False


def _pages_missing(header: bytes, size: int) -> bool:
    """Whether the header counts more pages than the file holds (a cut-off copy)."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counted = header[24:28] == header[92:96]  # the count is valid only then
    return counted and pages * page_size > size


def inspect(database: Path) -> None:
    """Before opening the file for real, refuse one that is newer, another program's,
    or damaged where a quick look finds it; the look changes nothing."""
    try:
        probe = connect(database, read_only=True, immutable=not log_waiting(database))
    except sqlite3.Error as error:
        raise translate(database, error) from None
    try:
        look(database, probe)
    finally:
        probe.close()


def look(database: Path, conn: sqlite3.Connection) -> None:
    """``inspect``'s checks, on ``conn``: a locked journal has them on the connection
    it is opened with, before anything is written (a second one would derive its key
    again)."""
    with errors(database):
        done = version(conn)
        if done > LATEST:
            raise newer(database, done)
        owner = int(conn.execute("PRAGMA application_id").fetchone()[0])
        found = tables(conn)
        adopted = owner == 0 and ketaprep_made(done, found)
        if owner != APPLICATION_ID and not adopted:
            raise _not_ours(database, owner)
        for table in sorted(found & _PROBED_TABLES):
            _read_both_ends(conn, table)


def connect_journal(
    database: Path,
    locked: bool,
    *,
    read_only: bool = False,
    immutable: bool = False,
    timeout: float = BUSY_TIMEOUT_MS / 1000,
) -> sqlite3.Connection:
    """A connection to the journal; a locked one's with its passphrase, asked for once
    per run (``ketaprep.passphrase``). Errors come as sentences."""
    if not locked:
        try:
            return connect(database, read_only=read_only, immutable=immutable, timeout=timeout)
        except sqlite3.Error as error:
            raise translate(database, error) from None

    def opens(passphrase: str) -> sqlite3.Connection | None:
        try:
            conn = connect(
                database,
                read_only=read_only,
                immutable=immutable,
                timeout=timeout,
                passphrase=passphrase,
            )
        except sqlite3.Error as error:
            raise translate(database, error) from None
        try:
            with errors(database):
                if key_opens(conn):
                    return conn
        except BaseException:
            conn.close()
            raise
        conn.close()
        return None

    return unlock(database, opens)


def _read_both_ends(conn: sqlite3.Connection, table: str) -> None:
    """Read a table's first and last rows: its root page and both edges of its tree. A
    damaged page there is met here, in a time that does not grow with the journal."""
    for order in ("ASC", "DESC"):
        conn.execute(f"SELECT * FROM {table} ORDER BY rowid {order} LIMIT 1").fetchall()


def make_files_private(database: Path) -> list[Path]:
    """Take other people's access away from the database and its side files (the
    owner's own bits stay as the owner set them); the paths that changed."""
    changed = []
    for suffix in ("", *SIDE_FILE_SUFFIXES):
        path = Path(f"{database}{suffix}")
        try:
            if make_private(path):
                changed.append(path)
        except FileNotFoundError:
            pass
        except OSError as error:
            raise KetaprepError(
                f"Cannot make {path} private: {error.strerror or error}. Check who owns the file."
            ) from None
    return changed


# --- what went wrong, in a sentence --------------------------------------------------------


@contextmanager
def errors(database: Path) -> Iterator[None]:
    """SQLite's errors while using ``database`` as the sentence for each."""
    try:
        yield
    except sqlite3.DatabaseError as error:
        if isinstance(error, (sqlite3.IntegrityError, sqlite3.ProgrammingError)):
            raise  # a mistake in ketaprep's own code, not in the file
        raise translate(database, error) from None


def damaged(database: Path, detail: str) -> KetaprepError:
    return KetaprepError(
        f"Your journal {database} is damaged and cannot be read safely ({detail}). "
        "ketaprep has not changed it. Restore it from a backup, or move the file "
        "aside to start a fresh journal."
    )


def newer(database: Path, done: int) -> KetaprepError:
    return KetaprepError(
        f"Your journal {database} was made by a newer ketaprep (format {done}; "
        f"this one knows up to {LATEST}). It has not been changed. "
        "Please update ketaprep to open it."
    )


def _not_ours(database: Path, owner: int) -> KetaprepError:
    whose = f"its program number is {owner:#010x}" if owner else "its tables are not ketaprep's"
    return KetaprepError(
        f"The file {database} belongs to another program ({whose}), so ketaprep has "
        "not opened or changed it. Move it aside, or set KETAPREP_HOME to another "
        "folder for your journal."
    )


def translate(database: Path, error: sqlite3.Error) -> KetaprepError:
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    message = str(error)
    if primary in (11, 26) or "malformed" in message or "not a database" in message:
        return damaged(database, f"SQLite says: {message}")
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
    folder = database.parent
    if primary in (8, 14, 3, 23) or "readonly" in message or "unable to open" in message:
        where = (
            f"the folder {folder} cannot be written to"
            if not os.access(folder, os.W_OK)
            else f"SQLite says: {message}"
        )
        return KetaprepError(
            f"Cannot open your journal {database}: {where}. Check the folder's "
            "permissions, or set KETAPREP_HOME to a folder you can write to."
        )
    return KetaprepError(
        f"Cannot use your journal {database} (SQLite says: {message}). "
        "Nothing was changed by this error."
    )
