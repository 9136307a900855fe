"""The pages as Chromium prints them: how many sheets of A4, and that nothing on them
reaches out (no request but the page itself, no console error). A screenshot and the PDF
of each are kept (listed at the end of the run).

Needs Debian's ``chromium``: skipped without it, except in CI, which installs it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import time_machine

from chromium import Visit, chromium_or_skip, page_count, visit
from cli_helpers import ketaprep
from journey_data import OWN_LINE, SESSION_2, make_journey

pytestmark = pytest.mark.usefixtures("welcomed")

LATER = datetime.datetime.combine(SESSION_2 + datetime.timedelta(days=3), datetime.time(9))


def exported(folder: Path, monkeypatch: pytest.MonkeyPatch, name: str, *args: str) -> Path:
    make_journey(folder, monkeypatch)
    target = folder / name
    with time_machine.travel(LATER.astimezone(), tick=True):
        result = ketaprep("export", *args, "-o", str(target), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    return target


def kept(seen: Visit, page: Path, keep: Callable[[Path], Path]) -> None:
    keep(page.with_suffix(".png")).write_bytes(seen.screenshot)
    keep(page.with_suffix(".pdf")).write_bytes(seen.pdf)


def assert_nothing_reached_out(seen: Visit, page: Path) -> None:
    assert seen.requests == [page.resolve().as_uri()]
    assert seen.problems == []


def test_the_page_for_a_therapist_prints_on_one_or_two_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep_artefact: Callable[[Path], Path]
) -> None:
    page = exported(
        tmp_path, monkeypatch, "therapist-page.html", "--for-therapist", "--session", "1"
    )
    seen = visit(page)
    kept(seen, page, keep_artefact)
    assert 1 <= page_count(seen.pdf) <= 2
    assert_nothing_reached_out(seen, page)
    assert seen.screenshot.startswith(b"\x89PNG")


def test_the_whole_journal_prints_compactly_with_days_under_the_chart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep_artefact: Callable[[Path], Path]
) -> None:
    page = exported(tmp_path, monkeypatch, "journal.html", "--format", "html")
    seen = visit(page)
    kept(seen, page, keep_artefact)
    # Seven entries printed on eight pages before the print rules; now on half as many.
    assert page_count(seen.pdf) <= 4
    assert_nothing_reached_out(seen, page)
    assert f'<li class="text">{OWN_LINE}</li>' in page.read_text()  # the card is on it
    days = re.findall(r'text-anchor="middle" font-size="11">(\d+ \w{3})</text>', page.read_text())
    assert days[0] == "9 Feb" and days[-1] == "25 Feb" and len(set(days)) >= 4


def test_a_request_or_an_error_on_a_page_would_be_seen(tmp_path: Path) -> None:
    """The checks above can fail: a page that loads a picture is caught, and so is one
    whose policy refuses it."""
    missing = (tmp_path / "no-such-picture.png").as_uri()
    loads = tmp_path / "loads.html"
    loads.write_text(f'<!DOCTYPE html><p>hello</p><img src="{missing}">', encoding="utf-8")
    seen = visit(loads)
    assert missing in seen.requests
    assert any("ERR_FILE_NOT_FOUND" in problem for problem in seen.problems)
    refused = tmp_path / "refused.html"
    refused.write_text(
        '<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src '
        f'\'none\'"><img src="{missing}">',
        encoding="utf-8",
    )
    seen = visit(refused)
    assert missing in seen.requests  # asked for, then refused: a request is seen either way
    assert any("Content Security Policy" in problem for problem in seen.problems)


def test_without_chromium_the_page_tests_are_skipped_but_fail_in_ci(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nowhere to find a browser
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium is not installed"):
        chromium_or_skip()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run the page tests"):
        chromium_or_skip()
