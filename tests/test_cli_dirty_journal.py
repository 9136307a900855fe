"""Every view and export over a journal that already holds what ketaprep no longer lets
in: lone surrogates (as the JSON escapes an older ketaprep stored, and as raw bytes
another program wrote), moments at both ends of the calendar, seen from the time zone
furthest ahead (Pacific/Kiritimati, UTC+14). Planted with raw SQL, as they would be
found in a journal made before the fixes; each view must show them, never fail.
"""

from __future__ import annotations

import datetime
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_helpers import ketaprep
from ketaprep.paths import get_paths
from ketaprep.store import open_store
from review_data import fill

pytestmark = pytest.mark.usefixtures("welcomed")

LAST_MOMENT = "9999-12-31T23:59:59.000000+00:00"
FIRST_MOMENT = "0001-01-01T00:00:00.000000+00:00"
BAD_BYTES = "CAST(X'EDA080' AS TEXT)"  # a surrogate written as UTF-8: not valid UTF-8


@pytest.fixture
def far_east(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Not monkeypatch.undo(): that would also drop KETAPREP_HOME, set by conftest.
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    yield
    os.environ.pop("TZ", None)
    time.tzset()


@pytest.fixture
def planted() -> dict[str, str]:
    """The review journal, then (raw SQL) surrogates and edge dates put into it."""
    made = fill()
    ids = {name: entry.id for name, entry in made.items()}
    conn = sqlite3.connect(get_paths().database)
    with conn:
        conn.execute(
            "UPDATE answers SET value = ? WHERE entry_id = ? AND item_id = 'thoughts'",
            ('"Quiet \\ud800 river, \\udcff lanternfish"', ids["journal1"]),
        )
        conn.execute(
            "UPDATE answers SET value = ? WHERE entry_id = ? AND item_id = 'tags'",
            ('["\\udcffriver", "hope"]', ids["journal1"]),
        )
        conn.execute(
            "UPDATE answers SET value = ? WHERE entry_id = ? AND item_id = 'win'",
            ('"a \\ud83d\\ude00 and a lone \\ud83d"', ids["checkin1"]),
        )
        conn.execute(
            f"UPDATE answers SET question = 'Mood ' || {BAD_BYTES} || '?', value = '\"' ||"
            f" {BAD_BYTES} || ' bytes\"' WHERE entry_id = ? AND item_id = 'intentions'",
            (ids["prepare1"],),
        )
        conn.execute(f"UPDATE sessions SET note = 'note ' || {BAD_BYTES} WHERE number = 1")
        conn.execute(
            f"UPDATE entries SET guide = 'guide' || {BAD_BYTES} WHERE id = ?", (ids["prepare2"],)
        )
        conn.execute("INSERT INTO sessions (number, date) VALUES (4, '0001-01-01')")
        conn.execute("INSERT INTO sessions (number, date) VALUES (5, '0001-01-01')")
        conn.execute("INSERT INTO sessions (number, date) VALUES (6, '9999-12-31')")
        conn.execute("UPDATE entries SET session_number = 6 WHERE id = ?", (ids["prepare2"],))
        for name, moment in (("checkin2", LAST_MOMENT), ("journal1b", FIRST_MOMENT)):
            conn.execute(
                "UPDATE entries SET created = ?, updated = ?, finished = ? WHERE id = ?",
                (moment, moment, moment, ids[name]),
            )
            conn.execute(
                "UPDATE answers SET answered_at = ? WHERE entry_id = ?", (moment, ids[name])
            )
    conn.close()
    return ids


VIEWS = [
    ["review"],
    ["review", "--list"],
    ["review", "--list", "--limit", "0"],
    ["review", "--session", "1"],
    ["review", "--session", "2"],
    ["review", "--session", "4"],
    ["review", "--session", "6"],
    ["review", "--kind", "journal"],
    ["review", "--search", "river"],
    ["review", "--search", "lanternfish"],
    ["review", "--tag", "hope"],
    ["review", "--trends"],
    ["review", "--wins"],
    ["review", "--since", "last week"],
    ["where"],
    ["export"],
    ["export", "--format", "markdown"],
    ["export", "--format", "html"],
    ["export", "--session", "1", "--format", "html"],
    ["export", "--session", "4", "--format", "markdown"],
    ["export", "--session", "6", "--format", "html"],
    ["export", "--since", "9999-12-30", "--format", "html"],
    ["export", "--until", "0001-01-01"],
]


def shown_whole(output: str) -> None:
    assert "Something went wrong" not in output
    assert "Traceback" not in output
    output.encode("utf-8")  # no lone surrogate left in it


@pytest.mark.usefixtures("far_east")
@pytest.mark.parametrize("args", VIEWS, ids=" ".join)
def test_every_view_shows_a_dirty_journal(
    planted: dict[str, str], args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = ketaprep(*args, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    shown_whole(result.output)
    if args[0] == "review" and len(args) > 1 and args[1] != "--trends":
        json_result = ketaprep(*args, "--json", monkeypatch=monkeypatch)
        assert json_result.exit_code == 0, json_result.output
        shown_whole(json_result.output)
        json.loads(json_result.stdout)


@pytest.mark.usefixtures("far_east")
def test_every_entry_reads_in_full(
    planted: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, entry_id in planted.items():
        for args in (["review", "show", entry_id], ["review", "show", entry_id, "--json"]):
            result = ketaprep(*args, monkeypatch=monkeypatch)
            assert result.exit_code == 0, (name, result.output)
            shown_whole(result.output)
    thoughts = ketaprep("review", "show", planted["journal1"], monkeypatch=monkeypatch).stdout
    assert "Quiet \ufffd river, \ufffd lanternfish" in " ".join(thoughts.split())
    win = ketaprep("review", "show", planted["checkin1"], monkeypatch=monkeypatch).stdout
    assert "a \U0001f600 and a lone \ufffd" in win  # a proper pair stays one character
    last = ketaprep("review", "show", planted["checkin2"], monkeypatch=monkeypatch).stdout
    assert "31 December 9999, 23:59" in last  # clamped: in Kiritimati it is already 10000


@pytest.mark.usefixtures("far_east")
def test_exports_carry_replacement_characters_and_import_again(
    planted: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for fmt in ("json", "markdown", "html"):
        target = tmp_path / f"journal.{fmt}"
        result = ketaprep("export", "--format", fmt, "-o", str(target), monkeypatch=monkeypatch)
        assert result.exit_code == 0, result.output
        text = target.read_bytes().decode("utf-8")  # strict: the file is valid UTF-8
        assert "lanternfish" in text and "\ufffd" in text
        assert "\\ud8" not in text.lower() and "\\udc" not in text.lower()
    document = json.loads((tmp_path / "journal.json").read_text(encoding="utf-8"))
    moments = {entry["id"]: entry["created"] for entry in document["entries"]}
    assert moments[planted["checkin2"]] == LAST_MOMENT  # the stored moment, not the clamp

    monkeypatch.setenv("KETAPREP_HOME", str(tmp_path / "fresh"))
    result = ketaprep("import", str(tmp_path / "journal.json"), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    with open_store() as store:
        thoughts = store.entry(planted["journal1"]).value("thoughts")
    assert thoughts == "Quiet \ufffd river, \ufffd lanternfish"


def test_the_store_reads_planted_text_clean(planted: dict[str, str]) -> None:
    with open_store() as store:
        assert store.entry(planted["journal1"]).value("tags") == ["\ufffdriver", "hope"]
        prepared = store.entry(planted["prepare1"])
        assert prepared.value("intentions") == "\ufffd\ufffd\ufffd bytes"
        assert prepared.answers[0].question == "Mood \ufffd\ufffd\ufffd?"
        assert store.session(1).note == "note \ufffd\ufffd\ufffd"  # type: ignore[union-attr]
        last = store.entry(planted["checkin2"]).created
    assert last == datetime.datetime(9999, 12, 31, 23, 59, 59, tzinfo=datetime.timezone.utc)


def test_a_kind_another_program_wrote_is_shown_without_its_escapes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A kind is let in only from KINDS, but a row another program wrote is shown by
    its text: made visible first, in every view, never a terminal escape."""
    made = fill()
    odd = "\x1b]0;owned\x07odd\x1b[2J"
    conn = sqlite3.connect(get_paths().database)
    with conn:
        conn.execute("UPDATE entries SET kind = ? WHERE id = ?", (odd, made["checkin1"].id))
    conn.close()
    for args in (
        ["review", "--list"],
        ["review", "--kind", odd],
        ["review", "show", made["checkin1"].id],
        ["review", "--search", "river"],
        ["review", "--session", "1"],
    ):
        result = ketaprep(*args, monkeypatch=monkeypatch)
        shown_whole(result.output)
        assert "\x1b" not in result.output and "\x07" not in result.output, args
