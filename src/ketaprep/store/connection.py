"""The one place where a connection to SQLite is opened, and where a key is given.

Every connection the store makes comes from ``connect``: the journal opened for work,
the read-only look before it, help-now's light read, a conversion's, and the small
in-memory ones (probing for FTS5, listing the latest schema).

``sqlite3`` here, and in every store module that imports it from here, is SQLCipher's
build of SQLite (the ``sqlcipher3`` wheel): the standard library's DB-API, with the
same classes and errors, able to open a journal locked with a passphrase. Plain
journals are opened with it too: it is as fast for them (bench/lock.py), and one SQLite
in the process means one set of file locks on the journal (two SQLite libraries in one
process do not see each other's POSIX locks, and closing a file in one drops the
other's). The type checker reads it as the standard ``sqlite3``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ketaprep.store.values import READ_TEXT

if TYPE_CHECKING:
    import sqlite3 as sqlite3
else:
    from sqlcipher3 import dbapi2 as sqlite3

BUSY_TIMEOUT_MS = 5000  # how long a write waits for another ketaprep's
SQLITE_BUSY = 5
SQLITE_NOTADB = 26


def connect(
    path: Path | None,
    *,
    read_only: bool = False,
    immutable: bool = False,
    timeout: float = BUSY_TIMEOUT_MS / 1000,
    passphrase: str | None = None,
) -> sqlite3.Connection:
    """A connection in autocommit mode (the store begins its own transactions).

    ``path`` None: a private in-memory database. ``read_only``: the file is opened
    read-only; ``immutable`` too reads it without locks or side files, for when no
    write-ahead log is waiting beside it. ``passphrase``: the key of a locked journal
    (whether it is the right one shows at the first read). Raises ``sqlite3.Error``.
    """
    if path is None:
        target, uri = ":memory:", False
    elif read_only:
        mode = "ro&immutable=1" if immutable else "ro"
        target, uri = f"{path.resolve().as_uri()}?mode={mode}", True
    else:
        target, uri = str(path), False
    conn = sqlite3.connect(target, uri=uri, timeout=timeout, isolation_level=None)
    conn.text_factory = READ_TEXT
    if passphrase is not None:
        give_key(conn, passphrase)
    return conn


def give_key(conn: sqlite3.Connection, passphrase: str) -> None:
    """Before the first read: SQLCipher 4's settings (PBKDF2-HMAC-SHA512, 256,000
    rounds, AES-256 with an HMAC on every page), kept whatever a later SQLCipher's
    defaults; the passphrase as hex, so no character of it is ever read as SQL."""
    _quiet()
    conn.execute("PRAGMA cipher_compatibility = 4")
    conn.execute(f"PRAGMA hexkey = '{passphrase.encode('utf-8').hex()}'")


def key_opens(conn: sqlite3.Connection) -> bool:
    """Whether the key given opens the file: its first page can be read."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorcode", 0) & 0xFF == SQLITE_NOTADB:
            return False
        raise
    return True


def _quiet() -> None:
    """SQLCipher logs a wrong key to stderr itself; ketaprep says it in a sentence."""
    global _quieted
    if not _quieted:
        conn = sqlite3.connect(":memory:")
        try:
            conn.execute("PRAGMA cipher_log_level = NONE")  # for the whole process
            # New files (a conversion's copy, attached) get SQLCipher 4's settings too.
            conn.execute("PRAGMA cipher_default_compatibility = 4")
        finally:
            conn.close()
        _quieted = True


_quieted = False


@contextmanager
def transaction(
    conn: sqlite3.Connection, begin: str = "BEGIN IMMEDIATE"
) -> Iterator[sqlite3.Connection]:
    """One transaction (the write lock first, by default): committed when the block
    ends, rolled back when it raises."""
    conn.execute(begin)
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def log_waiting(database: Path) -> bool:
    """Whether a write-ahead log may hold changes not yet in the database file."""
    try:
        return Path(f"{database}-wal").stat().st_size > 0
    except OSError:
        return False


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
