"""The export formats' registry and the kinds' names: one table each, read everywhere."""

from __future__ import annotations

import pytest

from ketaprep import vocab
from ketaprep.errors import UsageError
from ketaprep.export import formats
from ketaprep.export.formats import Format
from ketaprep.export.html import write_html, write_therapist_html
from ketaprep.export.json import write_json
from ketaprep.export.markdown import write_markdown, write_therapist_markdown
from ketaprep.vocab import KINDS


def test_each_format_name_finds_its_writer() -> None:
    assert formats.names() == ("json", "markdown", "html")
    assert formats.writer("json") is write_json
    assert formats.writer("markdown") is write_markdown
    assert formats.writer("html") is write_html


def test_the_formats_that_read_also_write_the_page_for_a_therapist() -> None:
    assert formats.writer("html", therapist=True) is write_therapist_html
    assert formats.writer("markdown", therapist=True) is write_therapist_markdown
    assert formats.therapist_names() == ["markdown", "html"]
    with pytest.raises(UsageError) as refused:
        formats.writer("json", therapist=True)
    assert refused.value.message == (
        "The page for your therapist comes as markdown or html, not JSON."
    )


def test_an_unknown_format_is_one_sentence_naming_the_ones_there_are() -> None:
    with pytest.raises(UsageError) as refused:
        formats.writer("pdf")
    assert refused.value.message == (
        '"pdf" is not an export format. Please use json, markdown or html.'
    )


def test_the_help_groups_formats_of_one_purpose() -> None:
    assert formats.option_help() == "json (to import again), markdown or html (to read, print)."
    assert formats.titles() == "JSON, Markdown or HTML"


def test_a_format_added_to_the_table_is_offered_everywhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = Format("page", "a page", "to hand over", "ketaprep.export.html:write_html")
    monkeypatch.setattr(formats, "FORMATS", (*formats.FORMATS, page))
    assert formats.writer("page") is write_html
    assert formats.option_help().endswith("markdown or html (to read, print), page (to hand over).")
    assert formats.titles() == "JSON, Markdown, HTML or a page"
    with pytest.raises(UsageError, match="json, markdown, html or page"):
        formats.writer("pdf")


def test_every_kind_of_entry_has_its_names() -> None:
    assert set(vocab.KIND_NAMES) == set(KINDS)
    assert vocab.kind_names("checkin").title == "Check-in"
    assert vocab.kind_names("someday") == ("someday", "someday", "someday")
