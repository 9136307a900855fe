"""Lines written to a pipe without rich come out exactly as rich writes them."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from ketaprep.lines import BLANK, NARROWEST, Line, pipe_text, rich_line, wrap

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
