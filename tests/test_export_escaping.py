"""How the readable exports escape a person's words: text that needs no work is passed
through after one look, and that look never lets through anything the full cleaning
would change. The full cleaning is written out here, line by line, as its definition."""

from __future__ import annotations

import re
from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from ketaprep.console import visible
from ketaprep.export import html, markdown

# Every character either cleaning treats specially, next to plain ones.
TRICKY = st.sampled_from(
    [*"ab 1-+=.)9\n\r\t\\`*_[]<>#|~&\"'\x00\x1b\x7f\x85\x9f\xa0\u3000",
     *"\u2028\u2029\u202a\u202e\u2066\u2069\ud800\udfff", "\r\n", "12.", " - ", "é", "😀"]
)  # fmt: skip
TEXTS = st.lists(TRICKY, max_size=30).map("".join)


def clean(text: str) -> str:
    return visible(re.sub("\r\n|[\r\u2028\u2029]", "\n", text))


def escape_line(line: str) -> str:
    line = re.sub(r"([\\`*_\[\]<>#|~&])", r"\\\1", clean(line).replace("\n", " "))
    line = re.sub(r"^(\s*)([-+=])", r"\1\\\2", line)
    return re.sub(r"^(\s*\d+)([.)])", r"\1\\\2", line)


@settings(max_examples=500)
@given(TEXTS)
def test_markdown_escapes_every_line_as_the_full_cleaning_does(text: str) -> None:
    lines = [escape_line(line) for line in clean(text).split("\n")]
    assert markdown._escape(text) == escape_line(text)
    assert markdown._quote(text) == "\n".join(f"> {line}".rstrip() for line in lines) + "\n"
    first, *rest = lines
    assert markdown._bullet(text, "- ") == "\n".join(
        [f"- {first}".rstrip()] + [f"  {line}".rstrip() for line in rest]
    )
    assert markdown._lines(text, "> - ", ">   ") == "\n".join(
        [f"> - {first}".rstrip()] + [f">   {line}".rstrip() for line in rest]
    )


@settings(max_examples=500)
@given(TEXTS)
def test_html_escapes_as_the_full_cleaning_does(text: str) -> None:
    assert html.text(text) == escape(visible(text.replace("\r\n", "\n")))
