"""review's list and search in a terminal, drawn without rich (review/styled.py): cell
for cell and style for style what the rich views draw, the same pager, and no rich."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from ketaprep.review import styled, views
from ketaprep.review.page import Query, stream
from ketaprep.store import open_store
from pty_helpers import Terminal
from review_data import EVIL, fill, write

pytestmark = pytest.mark.usefixtures("welcomed")

WIDE = "日本語で書いた長い文章です。" * 4
EMOJI = "🌊 the sea 🌊 " * 6
ODD = "tab\there, bell, \u2028 line sep, e\u0301 combining, \u202eflipped\t\tend"
LONG = "a-very-long-word-with-no-spaces-" * 5 + " then " + "words " * 30


def journal() -> None:
    fill()
    with open_store() as store:
        write(store, "checkin", None, {"win": WIDE + " river", "tags": ["Wide"]})
        write(store, "checkin", None, {"win": EMOJI, "tags": ["wide"]})
        write(store, "journal", None, {"thoughts": ODD + " river " + EVIL, "tags": ["wide"]})
        write(store, "journal", None, {"thoughts": LONG + " river", "feelings": ["a", "river"]})
        write(store, "journal", None, {"thoughts": "x" * 300 + " lanternfish"}, finish=False)


_SGR = re.compile(r"\x1b\[([0-9;]*)m")
_NAMES = {"1": "bold", "2": "dim", "7": "reverse"}


def cells(drawn: str) -> list[list[tuple[str, frozenset[str]]]]:
    """Each line as its characters with the styles they are drawn in; the unstyled
    spaces at its end left out (rich pads a line to the screen's edge)."""
    lines = []
    for line in drawn.split("\n"):
        styles: frozenset[str] = frozenset()
        at, out = 0, []
        for code in _SGR.finditer(line):
            out += [(char, styles) for char in line[at : code.start()]]
            parts = code[1].split(";")
            styles = frozenset() if parts in (["0"], [""]) else styles | {_NAMES[p] for p in parts}
            at = code.end()
        out += [(char, styles) for char in line[at:]]
        while out and out[-1] == (" ", frozenset()):
            out.pop()
        lines.append(out)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def rich_drawn(blocks: list[views.Block], width: int) -> str:
    console = Console(
        width=width, file=io.StringIO(), force_terminal=True, color_system="standard",
        highlight=False, legacy_windows=False,
    )  # fmt: skip
    console.print(views.renderable(blocks))
    return console.file.getvalue()  # type: ignore[attr-defined]


def ours_drawn(blocks: list[styled.Block], width: int) -> str:
    return "\n".join(styled.styled(line, True) for line in styled.lines_of(blocks, width))


@pytest.mark.parametrize("width", [66, 80, 97, 200])
@pytest.mark.parametrize(
    "query",
    [
        Query(),
        Query(limit=None),
        Query(limit=2),
        Query(tag="wide", limit=None),
        Query(words="river"),
        Query(words="the sea"),
        Query(words="lanternfish", limit=None),
        Query(words="alarm", tag="family"),
        Query(words="nothing-like-this"),
        Query(tag="nothing-like-this"),
    ],
    ids=repr,
)
def test_drawn_as_the_rich_views_draw(query: Query, width: int) -> None:
    journal()
    with open_store() as store:
        whole = stream(store, query)
        if query.words:
            theirs = views.search_results(whole, query)
            ours = list(styled.search_blocks(stream(store, query), query, None))
        else:
            theirs = views.entries_table(whole, query, width)
            room = width - len(styled.rows.table_head(whole.kinds))
            ours = list(styled.table_blocks(stream(store, query, rows=True), query, room, None))
    drawn = ours_drawn(ours, width)
    assert cells(drawn) == cells(rich_drawn(theirs, width))
    assert "\x1b[2J" not in drawn and "\x07" not in drawn  # what a person wrote is text
    assert any(styles for line in cells(drawn) for _, styles in line) == bool(whole.total)


@settings(max_examples=400, deadline=None)
@given(
    text=st.lists(
        st.one_of(
            st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=14),
            st.sampled_from(
                [" ", "  ", "\t", "日本語", "🌊", "e\u0301", "\u200b", "…", "ü", "x" * 30]
            ),
        ),
        max_size=30,
    ).map("".join),
    width=st.integers(10, 60),
)
def test_a_line_wraps_as_rich_wraps_it(text: str, width: int) -> None:
    console = Console(width=200, file=io.StringIO(), legacy_windows=False)
    theirs = [line.plain for line in Text(text).wrap(console, width)]
    assert ["".join(t for t, _ in line) for line in styled.wrap([(text, "")], width)] == theirs


def test_no_styles_where_the_terminal_says_it_is_dumb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    assert not styled.styles_shown()
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("NO_COLOR", "1")  # bold, dim and reverse are not colours: as rich
    assert styled.styles_shown()
    assert styled.styled([("x", "bold"), ("y", "")], False) == "xy"


# --- in a real terminal -------------------------------------------------------------------


@pytest.mark.pty
def test_a_long_search_goes_through_the_pager_and_a_short_list_does_not(
    ketaprep_home: Path,
) -> None:
    journal()
    with Terminal(
        "review", "--list", "--limit", "3", home=ketaprep_home, env={"PAGER": "false"}
    ) as term:
        screen = term.wait_for("The newest 3 of 12 entries.")
        assert screen.splitlines()[0].split()[:2] == ["Id", "When"]
        assert term.wait_exit() == 0
    env = {"PAGER": "less", "LESS": ""}
    with Terminal("review", "--search", "river", home=ketaprep_home, env=env) as term:
        screen = term.wait_for("b: back, q: close")  # less's prompt, from show_paged's LESS
        assert "river" in screen
        term.send("q")
        assert term.wait_exit() == 0


def test_a_list_in_a_terminal_imports_no_rich(ketaprep_home: Path) -> None:
    """Checked in a child whose stdout is a pseudo-terminal (stderr a pipe, for the
    import times), as tests/test_review_piped.py checks a pipe."""
    fill()  # printable ASCII: text of other widths has rich measure it (rich.cells)
    for args in (
        ["--list"],
        ["--search", "river", "--limit", "0"],
        ["--tag", "family", "--limit", "0"],
        ["--list", "--limit", "3"],
    ):
        leader, follower = os.openpty()
        os.set_blocking(leader, False)
        env = {
            "KETAPREP_HOME": str(ketaprep_home), "PATH": "/usr/bin:/bin", "PAGER": "cat",
            "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24",
            **{name: os.environ[name] for name in ("PYTHONPATH",) if name in os.environ},
        }  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "ketaprep", "review", *args],
            stdin=follower, stdout=follower, stderr=subprocess.PIPE, text=True, env=env,
            timeout=60, check=True,
        )  # fmt: skip
        os.close(follower)
        drawn = b""
        try:
            while chunk := os.read(leader, 1 << 16):
                drawn += chunk
        except OSError:
            pass
        os.close(leader)
        modules = {
            line.rsplit("|", 1)[1].strip()
            for line in done.stderr.splitlines()
            if line.startswith("import time:")
        }
        assert "ketaprep.review.styled" in modules  # the measurement works
        rich = sorted(name for name in modules if name.split(".")[0] == "rich")
        assert rich == [], args
        assert b"entr" in drawn
