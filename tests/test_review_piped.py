"""``review``'s lists and searches in a pipe: written a line at a time as the entries are
read, without rich, and byte for byte what the rich views write there (``views.plain``);
the JSON page written an entry at a time is the whole document as ``dumps`` lays it out."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.text import Text

from cli_helpers import ketaprep
from ketaprep.review import command, rows
from ketaprep.review import json as review_json
from ketaprep.review.queries import EntryPage, Query, stream
from ketaprep.store import Entry, open_store
from review_data import EVIL, fill, write

pytestmark = pytest.mark.usefixtures("welcomed")

# Text whose terminal width is not its length, and text rich's Text changes.
WIDE = "日本語で書いた長い文章です。" * 4
EMOJI = "🌊 the sea 🌊 " * 6
ODD = "tab\there, bell\x07, return\r, \u2028 line sep, e\u0301 combining, \u202eflipped"


def journal() -> None:
    fill()
    with open_store() as store:
        write(store, "checkin", None, {"win": WIDE, "tags": ["Wide"]})
        write(store, "checkin", None, {"win": EMOJI, "tags": ["wide"]})
        write(store, "journal", None, {"thoughts": ODD + " " + EVIL, "tags": ["wide"]})
        write(store, "journal", None, {"thoughts": "x" * 300 + " lanternfish"}, finish=False)


def both_ways(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[str, str]:
    """review's stdout in a pipe as it comes (without rich), and drawn by the rich views."""
    with monkeypatch.context() as plainly:
        plainly.setattr(rows, "write", _counting(rows.write))
        written = ketaprep("review", *args, monkeypatch=monkeypatch)
    with monkeypatch.context() as rich_only:
        rich_only.setattr(command, "piped", lambda: False)
        drawn = ketaprep("review", *args, monkeypatch=monkeypatch)
    assert written.exit_code == drawn.exit_code == 0, written.output + drawn.output
    return written.stdout, drawn.stdout


WRITTEN: list[int] = []


def _counting(write_lines):  # type: ignore[no-untyped-def]
    def counted(lines, out):  # type: ignore[no-untyped-def]
        WRITTEN.append(1)
        write_lines(lines, out)

    return counted


@pytest.mark.parametrize("columns", ["80", "67", "66", "200"])
@pytest.mark.parametrize(
    "args",
    [
        ["--list"],
        ["--list", "--limit", "0"],
        ["--list", "--limit", "3"],
        ["--kind", "journal"],
        ["--tag", "wide", "--limit", "0"],
        ["--search", "river"],
        ["--search", "the sea"],
        ["--search", "lanternfish", "--limit", "0"],
        ["--search", "alarm", "--tag", "family"],
        ["--search", "nothing-like-this"],
        ["--tag", "nothing-like-this"],
    ],
    ids=" ".join,
)
def test_piped_lists_are_what_the_views_write(
    args: list[str], columns: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    journal()
    WRITTEN.clear()
    plainly, drawn = both_ways(monkeypatch, *args)
    assert WRITTEN == [1]  # the measurement works: the pipe writer wrote it
    assert plainly == drawn
    assert plainly.strip()


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(
        st.one_of(
            st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=12),
            st.sampled_from(["日本語", "🌊", "e\u0301", "\u200b", "…", "\t", "\x07", "ü"]),
        ),
        max_size=30,
    ).map("".join),
    width=st.integers(rows.FEWEST_COLUMNS, 70),
)
def test_words_are_cut_as_rich_cuts_them(text: str, width: int) -> None:
    """The one piece both ways share that rich would otherwise do: cutting to a width."""
    cut = Text(text)
    cut.truncate(width, overflow="ellipsis")
    assert rows.fit(Text(text).plain, width) == cut.plain


def test_a_screen_too_narrow_for_columns_is_left_to_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "65")
    journal()
    WRITTEN.clear()
    plainly, drawn = both_ways(monkeypatch, "--list")
    assert WRITTEN == []
    assert plainly == drawn


def test_rows_are_written_as_the_entries_are_read() -> None:
    """Each row is out before the next entry is asked for: a page is never held whole."""
    journal()
    out = io.StringIO()
    asked: list[int] = []

    def entries(found: Iterator[Entry]) -> Iterator[Entry]:
        for entry in found:
            asked.append(out.getvalue().count("\n"))
            yield entry

    with open_store() as store:
        page = stream(store, Query(limit=None))
        assert not isinstance(page.entries, list | tuple)
        watched = EntryPage(entries(iter(page.entries)), page.total, page.shown, page.kinds)
        rows.write(rows.table_lines(watched, Query(limit=None), 40, None), out)
    assert len(asked) == page.total > 5
    assert asked == list(range(1, page.total + 1))  # the head, then a row per entry


@pytest.mark.parametrize(
    "query", [Query(limit=None), Query(limit=2), Query(words="alarm"), Query(tag="nothing")]
)
def test_the_json_page_is_the_whole_document(query: Query, monkeypatch: pytest.MonkeyPatch) -> None:
    journal()
    with open_store() as store:
        page = stream(store, query)
        out = io.StringIO()
        monkeypatch.setattr(sys, "stdout", out)
        review_json.write_page(page, query)
        monkeypatch.undo()
        again = stream(store, query)
        entries = [review_json.entry_to_json(entry) for entry in again.entries]
    head = json.loads(out.getvalue())
    assert head["total"] == again.total and head["shown"] == len(entries)
    document = {k: v for k, v in head.items() if k not in ("format", "version")}
    assert out.getvalue() == review_json.dumps({**document, "entries": entries})


# --- no rich in a pipe (checked in a child, as tests/test_startup_imports.py does) --------


def imported(home: Path, *args: str, columns: str = "80") -> set[str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ketaprep", "review", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={"KETAPREP_HOME": str(home), "COLUMNS": columns, "PATH": "/usr/bin:/bin"},
    )
    assert done.stdout.strip()
    return {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


def _rich(modules: set[str]) -> list[str]:
    return sorted(name for name in modules if name == "rich" or name.startswith("rich."))


@pytest.mark.parametrize(
    "args",
    [
        ["--list"],
        ["--list", "--limit", "0"],
        ["--search", "river"],
        ["--tag", "family", "--limit", "0"],
        ["--search", "river", "--json"],
    ],
    ids=" ".join,
)
def test_a_piped_list_imports_no_rich(args: list[str], ketaprep_home: Path) -> None:
    fill()  # printable ASCII: text of other widths has rich measure it (rich.cells)
    modules = imported(ketaprep_home, *args)
    assert "ketaprep.review.command" in modules  # the measurement works
    assert _rich(modules) == []
    assert "yaml" not in modules and "questionary" not in modules


def test_the_measurement_sees_rich_when_rich_lays_it_out(ketaprep_home: Path) -> None:
    fill()
    assert "rich.text" in imported(ketaprep_home, "--list", columns="40")
