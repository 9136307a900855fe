"""``ketaprep export --format html``: one self-contained page, parsed back to check it."""

from __future__ import annotations

import datetime
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ketaprep.errors import UsageError
from ketaprep.export.command import export_command
from ketaprep.export.html import write_html
from ketaprep.export.markdown import write_markdown
from ketaprep.export.record import Selection
from ketaprep.paths import get_paths
from ketaprep.review.words import guide_labels
from ketaprep.store import open_store
from review_data import EVIL_SHOWN, fill, write

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p",
    "section", "article", "dl", "dt", "dd", "ul", "li", "span",
    "svg", "text", "line", "polyline", "circle", "rect", "g",
}  # fmt: skip
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class Page(HTMLParser):
    """The tags, attributes and text of a page, as a browser would read them."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.parts: list[str] = []
        self.in_style = False
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)
        self.in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if not self.in_style:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def page_of(selection: Selection | None = None) -> str:
    out = io.StringIO()
    with open_store() as store:
        write_html(store, out.write, selection or Selection(), guide_labels(None))
    return out.getvalue()


def test_the_page_is_self_contained_and_shows_what_was_written_as_text() -> None:
    made = fill()
    source = page_of()
    page = Page(source)
    assert set(page.tags) <= ALLOWED_TAGS, set(page.tags) - ALLOWED_TAGS
    assert "b" not in page.tags and "script" not in page.tags
    # Nothing to load from anywhere, and a policy that forbids it.
    names = {name for name, _ in page.attributes}
    assert not names & {"src", "href", "srcset", "action", "onload", "onclick"}
    assert ("content", "default-src 'none'; style-src 'unsafe-inline'") in page.attributes
    assert ("name", "viewport") in page.attributes
    # The person's markup and escape codes are text on the page, never tags or controls.
    assert EVIL_SHOWN in page.text
    assert page.text.count(EVIL_SHOWN) >= 5
    assert not CONTROLS.search(source)
    assert "<b>bold</b>" not in source and "&lt;b&gt;bold&lt;/b&gt;" in source
    assert "[link=file:///etc]" in page.text
    assert page.tags.count("article") == len(made)
    assert "Draft: not finished." in page.text


def test_the_page_holds_what_the_markdown_holds() -> None:
    fill()
    page = Page(page_of())
    markdown = io.StringIO()
    with open_store() as store:
        write_markdown(store, markdown.write)
        entries = store.entries(include_drafts=True)
    for entry in entries:
        for answer in entry.answers:
            assert answer.question in page.text
            if isinstance(answer.value, str) and answer.item_type != "checklist":
                first_line = answer.value.split("\n")[0].replace("\x1b", "\\x1b")
                assert first_line in page.text
    headings = re.findall(r"^## (Session \d+: .+)$", markdown.getvalue(), re.MULTILINE)
    assert headings and all(heading in page.text for heading in headings)
    assert "Between sessions" in page.text
    # Checklists show their labels, as the person saw them.
    assert "Is this treatment covered by my insurance?" in page.text
    assert "4 of 10" in page.text


def test_the_chart_is_inline_svg_with_a_title_for_each_mark() -> None:
    fill()
    page = Page(page_of())
    assert page.tags.count("svg") == 1
    assert "Mood and anxiety over time" in page.text
    assert ", before session 1: mood 4, anxiety 7" in page.text
    assert page.tags.count("polyline") == 2


def test_one_session_only() -> None:
    made = fill()
    page = Page(page_of(Selection(session=1)))
    assert "Session 1: " in page.text and "Session 2: " not in page.text
    assert "Between sessions" not in page.text
    assert page.tags.count("article") == 3
    # The chart holds session 1's readings (check-ins were written after session 2).
    assert "before session 1" in page.text and "before session 2" not in page.text
    assert made["checkin1"].id not in page.text


def test_an_empty_journal_and_a_quiet_time() -> None:
    page = Page(page_of())
    assert "Nothing was written in this time." in page.text
    assert "svg" not in page.tags
    fill()
    long_ago = datetime.date(2001, 1, 1)
    quiet = Page(page_of(Selection(since=long_ago, until=long_ago)))
    assert "Nothing was written in this time." in quiet.text


def test_text_that_cannot_be_utf8_still_makes_a_page(tmp_path: Path) -> None:
    with open_store() as store:
        store.add_session(1, datetime.date.today())
        write(store, "journal", 1, {"thoughts": "half \ud800 a pair \u202e reversed"})
    target = tmp_path / "page.html"
    line = export_command("html", output=target)
    assert line == f"Saved 1 entry to {target}. Only you can read it."
    source = target.read_text(encoding="utf-8")
    assert "half \ufffd a pair \\u202e reversed" in Page(source).text
    assert target.stat().st_mode & 0o777 == 0o600


def test_the_page_never_replaces_the_journal() -> None:
    fill()
    with pytest.raises(UsageError, match="your journal itself"):
        export_command("html", output=get_paths().database)
    with pytest.raises(UsageError, match="no session 7"):
        export_command("html", session=7)
    with pytest.raises(UsageError, match="swap them"):
        export_command("html", since="today", until="last week")
    with open_store() as store:  # the journal is unchanged
        assert store.counts()["entries"] == 6
