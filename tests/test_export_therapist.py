"""``ketaprep export --for-therapist``: one session on a page or two, in the person's words.

The journal is made by the real walks (journey_data.py); the page is read back as a
browser would (HTML) and as text (Markdown).
"""

from __future__ import annotations

import datetime
import re
import stat
from pathlib import Path

import pytest
import time_machine

from cli_helpers import ketaprep, said
from journey_data import SESSION_2, TO_SHARE, WINS, make_journey
from ketaprep.store import open_store
from review_data import add_session, write
from test_export_html import ALLOWED_TAGS, Page

pytestmark = pytest.mark.usefixtures("welcomed")

AFTER_BOTH = datetime.datetime.combine(SESSION_2 + datetime.timedelta(days=3), datetime.time(9))
HEADINGS = [
    "Crisis help was shown",
    "What I want to bring",
    "How my intentions went",
    "How I felt, before and after",
    "Check-ins and wins until session 2",
    "My questions for the clinic",
]


@pytest.fixture
def journey(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_journey(tmp_path, monkeypatch)
    return tmp_path


def export(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    with time_machine.travel(AFTER_BOTH.astimezone(), tick=True):
        result = ketaprep("export", *args, monkeypatch=monkeypatch)
    return result.exit_code, result.output


def test_the_html_page_holds_the_session_in_the_persons_own_words(
    journey: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, source = export(monkeypatch, "--for-therapist", "--session", "1")
    assert code == 0, source
    page = Page(source)
    assert set(page.tags) <= ALLOWED_TAGS | {"table", "thead", "tbody", "tr", "th", "td"}
    assert "script" not in page.tags and "svg" not in page.tags
    assert ("content", "default-src 'none'; style-src 'unsafe-inline'") in page.attributes
    text = words(page)
    assert "For my therapist: session 1, 10 February 2026" in text
    # The sections, in this order; crisis help first because it was shown.
    places = [text.index(heading) for heading in HEADINGS]
    assert places == sorted(places)
    # What the person wants to bring, in full; their markup stays text.
    for line in TO_SHARE:
        assert line in text
    assert "&lt;b&gt;not bold&lt;/b&gt;" in source and "<b>" not in source
    # Each intention with how it went (the words the person picked) and their note.
    be_kind = text.index("Be kind to myself")
    assert text.index("I touched on it", be_kind) < text.index("I was softer with myself", be_kind)
    body = text.index("Notice what my body feels")
    assert text.index("Not yet", body) < text.index("My body felt far away", body)
    # Before and after, then the check-ins until the next session with their wins.
    assert "Before, 9 Feb After, 11 Feb Mood 4 of 10 6 of 10 Anxiety 7 of 10 3 of 10" in text
    rows = ("14 Feb 6 of 10 4 of 10", "18 Feb 3 of 10 6 of 10", "22 Feb 5 of 10 5 of 10")
    for row, win in zip(rows, WINS, strict=True):
        assert f"{row} {win}" in text
    assert "Check-in, 18 February 2026" in text
    assert 'after "Are you having thoughts of harming yourself?"' in text
    assert "Is this treatment covered by my insurance?" in text
    assert "Can I bring my own music to the session?" in text
    # Nothing of session 2.
    assert "Stay with the dark part" not in text and "Staying was easier." not in text


def test_the_markdown_page_holds_the_same_and_keeps_markup_as_text(
    journey: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, text = export(monkeypatch, "--for-therapist", "--session", "1", "--format", "markdown")
    assert code == 0, text
    assert text.startswith("# For my therapist: session 1, 10 February 2026\n")
    assert re.findall(r"^## (.+)$", text, re.MULTILINE) == HEADINGS
    assert f"- {TO_SHARE[0]}\n" in text
    assert "\\<b\\>not bold\\</b\\>" in text
    assert "- Be kind to myself\n  - I touched on it\n  - I was softer with myself" in text
    assert "| Mood | 4 of 10 | 6 of 10 |" in text
    assert f"| 14 Feb | 6 of 10 | 4 of 10 | {WINS[0]} |" in text
    assert "Staying was easier." not in text


def test_without_a_session_it_is_the_latest_up_to_today_and_goes_to_a_private_file(
    journey: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = journey / "for-my-therapist.html"
    code, output = export(monkeypatch, "--for-therapist", "-o", str(target))
    assert code == 0, output
    assert said_line(output) == (
        f"Saved the page for your therapist about session 2 to {target}. "
        "Only you can read it, until you share it."
    )
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    page = words(Page(target.read_text(encoding="utf-8")))
    assert "For my therapist: session 2, 24 February 2026" in page
    assert "Staying was easier." in page
    # No crisis help was shown for session 2, and no check-in after it: said plainly.
    assert "Crisis help" not in page
    assert "Check-ins and wins since the session No check-ins in this time." in page


def said_line(output: str) -> str:
    return " ".join(output.split())


def words(page: Page) -> str:
    """The page's text, each piece apart (table cells too), spaces made single."""
    return " ".join(" ".join(page.parts).split())


def test_a_session_with_little_written_says_so_and_names_a_draft(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_session(4, datetime.date(2026, 1, 5))
    with open_store() as store:
        write(store, "journal", 4, {"thoughts": "Only this so far"}, finish=False)
    code, text = export(monkeypatch, "--for-therapist", "--session", "4", "-f", "markdown")
    assert code == 0, text
    assert "## What I want to bring\n\n*Nothing written down to bring this time.*" in text
    assert "*No intentions were written down for this session.*" in text
    assert "*No mood or anxiety was written down for this session.*" in text
    assert "## Check-ins and wins since the session\n\n*No check-ins in this time.*" in text
    assert "My questions for the clinic" not in text  # none were asked: no empty heading
    assert "1 entry for this session is not finished, so not on this page." in said_line(text)
    assert "Only this so far" not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--for-therapist", "--format", "json"),
            "The page for your therapist comes as markdown or html, not JSON.",
        ),
        (
            ("--for-therapist", "--since", "monday"),
            "The page for your therapist is about one session: use --session N.",
        ),
        (("--for-therapist", "--session", "9"), "There is no session 9 in your journal."),
    ],
)
def test_what_the_page_cannot_be_is_one_sentence(
    journey: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], message: str
) -> None:
    code, output = export(monkeypatch, *args)
    assert code == 2
    assert message in said_line(output)
    assert "Traceback" not in output


def test_with_no_session_yet_it_asks_for_one(monkeypatch: pytest.MonkeyPatch) -> None:
    ketaprep("session", "add", "1", "2099-01-01", monkeypatch=monkeypatch)
    result = ketaprep("export", "--for-therapist", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert said(result).endswith(
        "There is no session up to today in your journal. Please say which one: --session N."
    )
