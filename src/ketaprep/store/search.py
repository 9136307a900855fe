"""Which entries a query finds: the words an answer holds, and the filter on entries.

Words are found through SQLite's FTS5 index where this SQLite has FTS5 and the journal
has the index; a word matches from its start (``breath`` finds ``breathing``). A word
without a letter or digit (an emoji, ``%``) is not in the index; such words, and a
journal without the index, are found by ``LIKE`` anywhere in an answer. Any text is
safe: it is quoted or escaped, so FTS5 syntax or LIKE wildcards in it are searched for
as they are.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ketaprep.store.codec import session_key, timestamp_text
from ketaprep.store.connection import connect, sqlite3
from ketaprep.text import clean_text
from ketaprep.vocab import Kind

# None: use FTS5 when this SQLite has it. Tests set False to exercise the LIKE fallback.
USE_FTS5: bool | None = None


def fts5_enabled() -> bool:
    global USE_FTS5
    if USE_FTS5 is None:
        probe = connect(None)
        try:
            probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
            USE_FTS5 = True
        except sqlite3.OperationalError:
            USE_FTS5 = False
        finally:
            probe.close()
    return USE_FTS5


def answers_holding(text: str, *, indexed: bool) -> tuple[str, list[object]] | None:
    """A query for the ids of answers holding every word of ``text``, and its parameters;
    None when ``text`` has no words. ``indexed``: the journal has the FTS5 index."""
    words = clean_text(text).replace("\x00", " ").split()
    if not words:
        return None
    indexable = [word for word in words if any(char.isalnum() for char in word)]
    if indexable and indexed and fts5_enabled():
        query = " ".join('"' + word.replace('"', '""') + '"*' for word in indexable)
        return "SELECT rowid FROM answers_fts WHERE answers_fts MATCH ?", [query]
    likes = " AND ".join("text LIKE ? ESCAPE '\\'" for _ in words)
    return f"SELECT id FROM answers WHERE {likes}", [f"%{_escape_like(w)}%" for w in words]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def create_search_index(conn: sqlite3.Connection) -> None:
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


@dataclass(frozen=True)
class EntryFilter:
    """Which entries: every field narrows; ``since`` and ``until`` are local dates."""

    kind: Kind | None = None
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
            params.append(session_key(self.session_number))
        if self.no_session:
            where.append(f"{prefix}session_number IS NULL")
        if self.since is not None or self.until is not None:
            where.append(f"{prefix}created >= ? AND {prefix}created < ?")
            params.extend(created_bounds(self.since, self.until))
        if not self.include_drafts:
            where.append(f"{prefix}finished IS NOT NULL")
        return (" WHERE " + " AND ".join(where) if where else ""), params


def created_bounds(since: datetime.date | None, until: datetime.date | None) -> tuple[str, str]:
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
