"""The store keeps each time crisis help was shown with its entry, and lets it go with it."""

from __future__ import annotations

import datetime
import sqlite3
from pathlib import Path

import pytest

from ketaprep.paths import Paths
from ketaprep.store import EntryFilter, Store, migrate, open_store


@pytest.fixture
def store(ketaprep_home: Path) -> Store:
    return open_store()


def crisis_rows(database: Path) -> int:
    conn = sqlite3.connect(database)
    try:
        return int(conn.execute("SELECT count(*) FROM crisis_shown").fetchone()[0])
    finally:
        conn.close()


def test_each_time_is_kept_in_order_and_read_with_the_entry(store: Store) -> None:
    entry = store.start_entry("checkin", None, "maintaining")
    store.save_answer(entry.id, "mood", "scale", "How is your mood?", 0)
    first = store.record_crisis_shown(entry.id, "mood", "mood is 1 or less")
    second = store.record_crisis_shown(entry.id, "win", 'danger phrase "suicide"')
    assert first.shown_at <= second.shown_at
    store.finish_entry(entry.id)
    assert store.entry(entry.id[:6]).crisis_shown == (first, second)
    assert store.entries()[0].crisis_shown == (first, second)
    assert store.crisis_shown_by_entry(EntryFilter()) == {entry.id: [first, second]}
    assert store.crisis_shown_by_entry(EntryFilter(kind="journal")) == {}
    other = store.start_entry("checkin", None, "maintaining")
    assert store.entry(other.id).crisis_shown == ()
    store.close()


def test_delete_and_discard_take_the_records_with_the_entry(store: Store) -> None:
    kept = store.start_entry("checkin", None, "maintaining")
    store.record_crisis_shown(kept.id, "safe", "safe is yes or not-sure")
    for delete in (store.delete_entry, store.discard_entry):
        entry = store.start_entry("checkin", None, "maintaining")
        store.save_answer(entry.id, "win", "text", "A win?", "I want to die")
        store.record_crisis_shown(entry.id, "win", 'danger phrase "want to die"')
        delete(entry.id)
    assert crisis_rows(store.path) == 1
    assert [each.item_id for each in store.entry(kept.id).crisis_shown] == ["safe"]
    store.close()


def test_a_journal_from_before_gains_the_table_and_keeps_its_entries(tmp_path: Path) -> None:
    home = tmp_path / "old"
    home.mkdir()
    conn = sqlite3.connect(home / "ketaprep.db", isolation_level=None)
    migrate(conn, target=3)
    moment = "2026-11-01T10:00:00.000000+00:00"
    conn.execute(
        "INSERT INTO entries VALUES ('3f2b8c1e-5d4a-4f6b-9c2d-1a2b3c4d5e6f', 'checkin', NULL,"
        " 'maintaining', ?, ?, ?)",
        (moment, moment, moment),
    )
    conn.close()
    with open_store(Paths(home, home)) as store:
        [entry] = store.entries()
        assert entry.crisis_shown == ()
        store.record_crisis_shown(entry.id, "mood", "mood is 1 or less")
        assert store.entry(entry.id).crisis_shown[0].shown_at > datetime.datetime(
            2026, 1, 1, tzinfo=datetime.timezone.utc
        )
