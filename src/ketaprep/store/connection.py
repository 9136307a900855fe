"""The one place where a connection to SQLite is opened.

Every connection the store makes comes from ``connect``: the journal opened for work,
the read-only look before it, help-now's light read and the small in-memory ones
(probing for FTS5, listing the latest schema). A journal locked with a passphrase
will need its key given here, and only here.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from ketaprep.store.codec import READ_TEXT

BUSY_TIMEOUT_MS = 5000  # how long a write waits for another ketaprep's
SQLITE_BUSY = 5


def connect(
    path: Path | None,
    *,
    read_only: bool = False,
    immutable: bool = False,
    timeout: float = BUSY_TIMEOUT_MS / 1000,
) -> sqlite3.Connection:
    """A connection in autocommit mode (the store begins its own transactions).

    ``path`` None: a private in-memory database. ``read_only``: the file is opened
    read-only; ``immutable`` too reads it without locks or side files, for when no
    write-ahead log is waiting beside it. Raises ``sqlite3.Error``.
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
    return conn


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
