"""Lines written to a pipe without rich come out exactly as rich writes them."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from ketaprep.lines import BLANK, NARROWEST, Line, Lines, pipe_text, rich_line, terminal_text, wrap

WORDS = st.text(alphabet="abcdefghij-.:", min_size=1, max_size=30)
SPACES = st.sampled_from([" ", " ", " ", "  ", "   ", "\n", " \n", "\n\n"])
TEXTS = st.lists(st.tuples(WORDS, SPACES), max_size=25).map(
    lambda pairs: "".join(word + space for word, space in pairs)
)
STYLES = st.sampled_from(["", "bold", "dim", "bold underline"])
LINES = st.builds(
    Line,
    text=st.one_of(TEXTS, st.sampled_from(["", " ", "  a", "a  "])),
    style=STYLES,
    more=st.lists(st.tuples(TEXTS, STYLES), max_size=2).map(tuple),
    indent=st.sampled_from([0, 0, 2, 4]),
    bullet=st.just(""),
)


def as_rich_writes_it(lines: list[Line], width: int) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, height=25, highlight=False, force_terminal=False)
    for line in lines:
        console.print(rich_line(line))
    return out.getvalue()


@settings(max_examples=400, deadline=None)
@given(lines=st.lists(LINES, min_size=1, max_size=6), width=st.integers(NARROWEST, 120))
def test_plain_lines_are_what_rich_writes_to_a_pipe(lines: list[Line], width: int) -> None:
    written = pipe_text(lines, width)
    if written is None:  # an empty indented line: rich's to draw
        assert any(line.indent and not line.plain.strip() for line in lines)
    else:
        assert written == as_rich_writes_it(lines, width)


def test_a_long_line_wraps_between_words_and_keeps_its_spaces() -> None:
    assert wrap("one two three four", 9) == ["one two ", "three ", "four"]
    assert wrap("abcdefghijkl xy", 5) == ["abcde", "fghij", "kl xy"]
    line = Line("Call: ", "bold", (("988, any time of day", ""),), indent=2)
    assert pipe_text([line, BLANK], 20) == "  Call: 988, any    \n  time of day       \n\n"


def test_only_rich_can_say_what_is_not_printable_ascii() -> None:
    for text in ("café", "tab\there", "wide 漢字", "e\u0301"):
        assert pipe_text([Line(text)], 80) is None
    assert pipe_text([Line("fine")], NARROWEST - 1) is None
    assert pipe_text([Line("fine")], 80) == "fine\n"


# --- drawn in a terminal -------------------------------------------------------------------

DRAWN_STYLES = st.sampled_from(["", "", "bold", "dim", "italic", "bold italic", "reverse"])
DRAWN_LINES = st.builds(
    Line,
    text=st.one_of(TEXTS, st.sampled_from(["", " ", "  a", "a  "])),
    style=DRAWN_STYLES,
    more=st.lists(st.tuples(TEXTS, DRAWN_STYLES), max_size=2).map(tuple),
    indent=st.just(0),
    bullet=st.sampled_from(["", "", "", "  • ", "  - ", "  "]),
)


def as_rich_draws_it(lines: list[Line], width: int, styles: bool = True) -> str:
    """As rich's console draws ``lines`` in a terminal (styles: one that is not dumb)."""
    out = io.StringIO()
    console = Console(
        file=out, width=width, height=25, highlight=False, force_terminal=True,
        color_system="256" if styles else None,
    )  # fmt: skip
    console.print(Lines(lines))
    return out.getvalue()


@settings(max_examples=400, deadline=None)
@given(
    lines=st.lists(DRAWN_LINES, min_size=1, max_size=6),
    width=st.integers(NARROWEST, 120),
    styles=st.booleans(),
)
def test_lines_drawn_without_rich_are_what_rich_draws(
    lines: list[Line], width: int, styles: bool
) -> None:
    drawn = terminal_text(lines, width, styles)
    if drawn is None:  # a styled list's line, or one with no room beside its bullet
        assert any(
            line.bullet and (line.style or line.more or width - len(line.bullet) < NARROWEST)
            for line in lines
        )
        return
    text, rows = drawn
    assert text == as_rich_draws_it(lines, width, styles)
    assert rows == text.count("\n")


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, room=st.integers(NARROWEST, 120))
def test_words_wrapped_without_rich_are_rows_rich_makes(text: str, room: int) -> None:
    """What the terminal asker wraps a question and its options with (ask/drawn.py)."""
    console = Console(file=io.StringIO(), width=200, force_terminal=True)
    by_rich = [row.plain.rstrip() for row in Text(text).wrap(console, room)]
    assert [row.rstrip() for row in wrap(text, room)] == by_rich


def test_only_rich_draws_what_is_not_its_own_to_draw() -> None:
    assert terminal_text([Line("café")], 80) is None
    assert terminal_text([Line("fine", "cyan")], 80) is None  # a colour
    assert terminal_text([Line("fine", indent=2)], 80) is None
    assert terminal_text([Line("fine", bullet="  • ")], NARROWEST + 3) is None
    assert terminal_text([Line("fine")], NARROWEST - 1) is None
    assert terminal_text([Line("Fine", "bold"), BLANK], 80) == ("\x1b[1mFine\x1b[0m\n\n", 2)
    assert terminal_text([Line("Fine", "bold")], 80, styles=False) == ("Fine\n", 1)
