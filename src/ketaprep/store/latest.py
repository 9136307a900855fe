"""help-now's light read of the journal: the answers of the newest finished entry of a
kind, read-only, without any check or migration, never asking for a passphrase.

It imports none of the rest of the store (no records, no Store), and SQLite only once a
journal is there to read, so the crisis lines wait for as little as can be.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ketaprep.answers import AnswerValue
from ketaprep.passphrase import known as known_passphrase
from ketaprep.store.locked import PLAN_KIND, SQLITE_MAGIC, is_locked, read_plan, readable_plan
from ketaprep.store.values import load_value

if TYPE_CHECKING:
    import sqlite3

    from ketaprep.vocab import Kind


def latest_answers(database: Path, kind: Kind) -> dict[str, AnswerValue] | None:
    """The answers of the newest finished entry of ``kind``. ``{}``: no such entry, or
    no journal yet. None: the journal is there but cannot be read now (damaged, newer,
    not a database, or locked: then a plan comes from the file kept readable for
    help-now, or from the passphrase this run was given). Never creates, changes or
    locks the file."""
    try:
        with database.open("rb") as file:
            header = file.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return {}
    except OSError:
        return None
    if not header:
        return {}
    passphrase = None
    if header != SQLITE_MAGIC:
        if not is_locked(database):
            return None
        if kind == PLAN_KIND and readable_plan(database).exists():
            return read_plan(database)
        passphrase = known_passphrase(database)
        if passphrase is None:
            return None
    return _read(database, kind, passphrase)


def _read(database: Path, kind: Kind, passphrase: str | None) -> dict[str, AnswerValue] | None:
    # SQLite (and the format's steps) only now: a journal is there to read.
    from ketaprep.store.connection import connect, sqlite3
    from ketaprep.store.migrations import LATEST, version

    # With no write-ahead log beside it, nobody has the journal open and every write is
    # in the file itself: read it as immutable, so SQLite makes no -shm or -wal file.
    # Else another ketaprep has it open: read it through that log, read-only.
    live = Path(f"{database}-wal").exists()
    try:
        conn = connect(
            database, read_only=True, immutable=not live, timeout=0.5, passphrase=passphrase
        )
    except sqlite3.Error:
        return None
    try:
        if version(conn) > LATEST:
            return None
        return newest_answers(conn, kind) or {}
    except (sqlite3.Error, ValueError):
        return None
    finally:
        conn.close()


def newest_answers(conn: sqlite3.Connection, kind: str) -> dict[str, AnswerValue] | None:
    """The answers of the newest finished entry of ``kind``; None: there is none."""
    row = conn.execute(
        "SELECT id FROM entries WHERE kind = ? AND finished IS NOT NULL"
        " ORDER BY created DESC, id DESC LIMIT 1",
        (kind,),
    ).fetchone()
    if row is None:
        return None
    rows = conn.execute(
        "SELECT item_id, value FROM answers WHERE entry_id = ? ORDER BY position", (row[0],)
    ).fetchall()
    return {str(item_id): load_value(str(value)) for item_id, value in rows}
