"""The journal's format: a blank database migrated step by step ends with the schema a
fresh journal has, from whichever step it starts; each step is done whole with its
version, or not at all. Real SQLite files, no mocks."""

from __future__ import annotations

import datetime
import sqlite3
import uuid
from pathlib import Path

import pytest

from ketaprep.paths import Paths
from ketaprep.store import APPLICATION_ID, LATEST, Session, migrate, open_store
from ketaprep.store import migrations as store_migrations
from ketaprep.store.search import fts5_enabled

# What every journal holds once migrated, written down: a step changed by mistake (a
# column renamed, an index dropped) fails here even when old and new journals agree.
COLUMNS = {
    "sessions": ["number", "date", "note"],
    "entries": ["id", "kind", "session_number", "guide", "created", "updated", "finished"],
    "answers": [
        "id", "entry_id", "position", "item_id", "item_type", "question", "value", "text",
        "answered_at", "partial", "labels",
    ],
    "crisis_shown": ["id", "entry_id", "item_id", "rule", "shown_at"],
    "own_practices": ["entry_id", "position", "text", "created"],
}  # fmt: skip
INDEXES = {
    "entries_by_created": "entries",
    "entries_by_kind": "entries",
    "entries_by_session": "entries",
    "drafts_by_updated": "entries",
    "sessions_by_date": "sessions",
    "crisis_shown_by_entry": "crisis_shown",
    "own_practices_by_text": "own_practices",
}
SEARCH_TRIGGERS = {"answers_fts_insert", "answers_fts_delete", "answers_fts_update"}
PRACTICES_TRIGGERS = {
    f"own_practices_{name}"
    for name in (
        "answer_added",
        "answer_changed",
        "answer_deleted",
        "entry_changed",
        "entry_deleted",
    )
}


def _schema(database: Path) -> list[tuple[str, str, str, str]]:
    conn = sqlite3.connect(database)
    try:
        rows = conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
    finally:
        conn.close()
    return [tuple(row) for row in rows]


def _marks(database: Path) -> tuple[int, int]:
    """(user_version, application_id) of the file."""
    conn = sqlite3.connect(database)
    try:
        return tuple(  # type: ignore[return-value]
            conn.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("user_version", "application_id")
        )
    finally:
        conn.close()


def _fresh(tmp_path: Path) -> Path:
    home = tmp_path / "fresh"
    open_store(Paths(home, home)).close()
    return home / "ketaprep.db"


@pytest.mark.parametrize("done", range(LATEST), ids=lambda done: f"from-step-{done}")
def test_a_journal_left_at_any_step_migrates_to_the_fresh_schema(tmp_path: Path, done: int) -> None:
    """From a blank file (step 0) or a journal an older ketaprep left at ``done`` steps."""
    home = tmp_path / "old"
    home.mkdir()
    conn = sqlite3.connect(home / "ketaprep.db", isolation_level=None)
    migrate(conn, target=done)
    conn.close()
    assert _marks(home / "ketaprep.db")[0] == done
    open_store(Paths(home, home)).close()
    fresh = _fresh(tmp_path)
    assert _schema(home / "ketaprep.db") == _schema(fresh)
    assert _marks(home / "ketaprep.db") == _marks(fresh) == (LATEST, APPLICATION_ID)


def test_a_blank_database_migrated_has_the_tables_columns_and_indexes_written_down() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrate(conn)
    for table, columns in COLUMNS.items():
        found = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
        assert found == columns, table
    indexes = dict(
        conn.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        )
    )
    assert indexes == INDEXES
    triggers = {
        row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    assert triggers == PRACTICES_TRIGGERS | (SEARCH_TRIGGERS if fts5_enabled() else set())
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_a_step_that_fails_leaves_neither_its_change_nor_its_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def half_done(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x TEXT)")
        raise sqlite3.OperationalError("the disk went away")

    steps = (*store_migrations.MIGRATIONS, half_done)
    monkeypatch.setattr(store_migrations, "MIGRATIONS", steps)
    conn = sqlite3.connect(tmp_path / "steps.db", isolation_level=None)
    with pytest.raises(sqlite3.OperationalError, match="the disk went away"):
        migrate(conn, target=len(steps))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST  # the steps before
    assert not conn.in_transaction
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").fetchone()
    assert found is None
    conn.close()


def test_a_database_from_the_first_version_is_migrated(tmp_path: Path) -> None:
    old_home = tmp_path / "old"
    old_home.mkdir()
    conn = sqlite3.connect(old_home / "ketaprep.db", isolation_level=None)
    migrate(conn, target=1)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert not any("answers_fts" in row[1] for row in _schema(old_home / "ketaprep.db"))
    entry_id = str(uuid.uuid4())
    moment = "2026-11-01T10:00:00.000000+00:00"
    conn.execute("INSERT INTO sessions VALUES (1, '2026-11-01', 'kept from version 1')")
    conn.execute(
        "INSERT INTO entries VALUES (?, 'journal', 1, 'integrating', ?, ?, ?)",
        (entry_id, moment, moment, moment),
    )
    conn.execute(
        "INSERT INTO answers (entry_id, position, item_id, item_type, question, value, text,"
        " answered_at) VALUES (?, 0, 'a', 'text', 'What came up?', '\"a lantern\"',"
        " 'a lantern', ?)",
        (entry_id, moment),
    )
    conn.close()

    with open_store(Paths(old_home, old_home)) as store:
        assert store.session(1) == Session(1, datetime.date(2026, 11, 1), "kept from version 1")
        assert store.entry(entry_id).value("a") == "a lantern"
        assert [e.id for e in store.search("lantern")] == [entry_id]  # indexed on the way
    new_home = tmp_path / "new"
    open_store(Paths(new_home, new_home)).close()
    assert _schema(old_home / "ketaprep.db") == _schema(new_home / "ketaprep.db")
    for home in (old_home, new_home):
        conn = sqlite3.connect(home / "ketaprep.db")
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        conn.close()


def test_each_migration_step_is_its_own_version(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "steps.db", isolation_level=None)
    for version in range(1, LATEST + 1):
        migrate(conn, target=version)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == version
    migrate(conn)  # nothing left to do
    conn.close()
