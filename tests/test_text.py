"""Lone surrogates never reach the journal: ``clean_text`` at the store's boundary."""

from __future__ import annotations

import datetime
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_helpers import ketaprep, write_answers
from ketaprep.answers import clean_value
from ketaprep.console import user_text, visible
from ketaprep.paths import get_paths
from ketaprep.store import Answer, Entry, Session, Store, open_store
from ketaprep.text import clean_text

UTC = datetime.timezone.utc


def test_lone_surrogates_become_the_replacement_character() -> None:
    assert clean_text("a\ud800b\udcffc") == "a\ufffdb\ufffdc"
    assert clean_text("\ud83d\ude00 alone \ud83d") == "\U0001f600 alone \ufffd"
    assert clean_text("plain, 🌱 and \ufffd") == "plain, 🌱 and \ufffd"
    assert clean_value(["x\udcff", "y"]) == ["x\ufffd", "y"]
    assert clean_value(7) == 7 and clean_value(None) is None and clean_value(True) is True


def test_shown_text_never_holds_a_surrogate() -> None:
    assert visible("a\udcff\x1b") == "a\ufffd\\x1b"
    assert user_text("\ud800").plain == "\ufffd"


def test_every_text_entering_the_store_is_cleaned() -> None:
    with open_store() as store:
        store.add_session(1, datetime.date(2026, 11, 2), "note \udcff")
        entry = store.start_entry("journal", 1, "guide \ud800")
        store.save_answer(entry.id, "thoughts\udcff", "text", "Why \ud800?", "lone \udcff")
        store.save_answer(entry.id, "tags", "list", "Tags?", ["\udcfftag", "b"])
        kept = store.entry(entry.id)
        assert store.session(1) == Session(1, datetime.date(2026, 11, 2), "note \ufffd")
        assert kept.guide == "guide \ufffd"
        assert kept.answers[0].item_id == "thoughts\ufffd"
        assert kept.answers[0].question == "Why \ufffd?"
        assert kept.value("thoughts\ufffd") == "lone \ufffd"
        assert kept.value("tags") == ["\ufffdtag", "b"]
        assert [found.id for found in store.search("lone")] == [entry.id]
    stored = _raw_values()
    assert '"lone \ufffd"' in stored and '["\ufffdtag", "b"]' in stored
    assert not any("\\ud" in value for value in stored)


def test_imported_text_is_cleaned(store_with_import: Store) -> None:
    kept = store_with_import.entries()[0]
    assert kept.value("win") == "\ufffd won"
    assert kept.answers[0].question == "Win \ufffd?"
    assert store_with_import.session(2).note == "\ufffd"  # type: ignore[union-attr]


@pytest.fixture
def store_with_import() -> Iterator[Store]:
    moment = datetime.datetime(2026, 11, 3, 12, tzinfo=UTC)
    entry = Entry(
        "3f2b8c1e-5d4a-4f6b-9c2d-1a2b3c4d5e6f", "checkin", 2, "maintaining",
        moment, moment, moment, (Answer("win", "text", "Win \ud800?", "\udcff won", moment),),
    )  # fmt: skip
    with open_store() as store:
        store.import_records([Session(2, datetime.date(2026, 11, 2), "\ud800")], [entry])
        yield store


def test_an_answers_file_with_a_surrogate_escape_is_saved_clean(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, welcomed: Path
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        'session: 1\ndate: 2026-11-02\nintentions: ["Be \\ud800 kind", "Rest"]\n',
        encoding="utf-8",
    )
    result = ketaprep("journal", "--answers", str(write_answers(tmp_path, {
        "session": 1, "date": "2026-11-02", "thoughts": "quiet \udcff sea",
    }, "j.yaml")), monkeypatch=monkeypatch)  # fmt: skip
    assert result.exit_code == 0, result.output
    result = ketaprep("prepare", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert "Be \ufffd kind" in result.output  # on the card, and kept so
    listed = ketaprep("review", "--list", monkeypatch=monkeypatch)
    assert listed.exit_code == 0 and "Be \ufffd kind" in listed.output
    assert not any("\\ud" in value for value in _raw_values())
    assert '"quiet \ufffd sea"' in _raw_values()


def _raw_values() -> list[str]:
    conn = sqlite3.connect(get_paths().database)
    try:
        return [row[0] for row in conn.execute("SELECT value FROM answers")]
    finally:
        conn.close()


@pytest.mark.parametrize(
    "args",
    [
        ["review", "--tag", "\udcffx"],
        ["review", "--search", "\udcff"],
        ["review", "show", "\udcff\udcff\udcff\udcff"],
        ["review", "--kind", "\udcff"],
        ["session", "change", "1", "--date", "\udcff", "--yes"],
        ["export", "--since", "\udcff"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_words_on_the_command_line_under_a_c_locale(
    args: list[str], monkeypatch: pytest.MonkeyPatch, welcomed: Path
) -> None:
    """Under a C locale, bytes that are not UTF-8 reach argv as lone surrogates."""
    with open_store() as store:
        store.add_session(1, datetime.date(2026, 11, 2))
        entry = store.start_entry("checkin")
        store.save_answer(entry.id, "tags", "list", "Tags?", ["\ufffdx"])
        store.finish_entry(entry.id)
    result = ketaprep(*args, monkeypatch=monkeypatch)
    assert "Something went wrong" not in result.output, result.output
    result.output.encode("utf-8")
    assert result.exit_code in (0, 2)
