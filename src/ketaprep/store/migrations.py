"""The journal's format: an ordered list of small steps, forward only.

``PRAGMA user_version`` counts the steps done. Each step runs in its own transaction,
and the version is raised in that same transaction: a step is done whole, with its
number, or not at all. A new step goes at the end of ``MIGRATIONS``; a step already
released is never changed, since journals out there were made by it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from ketaprep.store.connection import connect, sqlite3, transaction
from ketaprep.store.practices import create_own_practices

# PRAGMA application_id of every ketaprep journal: "keta" in ASCII. A file with another
# id belongs to another program and is never opened (sqlite.org/fileformat.html#appid).
APPLICATION_ID = 0x6B657461


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
    # search (with records and dates) only to make a journal: help-now reads LATEST here.
    from ketaprep.store.search import create_search_index

    create_search_index(conn)


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
    _create_search_index,  # a no-op without FTS5: the store builds it once FTS5 is there
    _create_listing_indexes,
    _create_crisis_shown,
    _answers_may_be_partial,
    _answers_keep_labels,
    _mark_as_ketaprep,
    create_own_practices,  # filled from the check-ins already kept
)
LATEST = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> None:
    """Run the steps not yet done, each in its own transaction with its user_version."""
    while version(conn) < target:
        with transaction(conn):
            done = version(conn)  # another ketaprep may have migrated meanwhile
            if done < target:
                MIGRATIONS[done](conn)
                conn.execute(f"PRAGMA user_version = {done + 1}")


def version(conn: sqlite3.Connection) -> int:
    """How many steps the open journal has done."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return {str(row[0]) for row in rows}


def ketaprep_made(done: int, found: set[str]) -> bool:
    """A file without an application_id, made by a ketaprep from before it set one:
    some of its steps done, and no table another program added. (A blank file, made
    by nobody yet, counts too.)"""
    if done == 0:
        return not found
    return found <= _latest_tables()


@functools.cache
def _latest_tables() -> frozenset[str]:
    """The tables a journal made by this ketaprep has (its search index's among them)."""
    conn = connect(None)
    try:
        migrate(conn)
        return frozenset(tables(conn))
    finally:
        conn.close()
