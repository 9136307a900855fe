"""`ketaprep remind` through the real entry point: which file, what it holds, what is said."""

from __future__ import annotations

import datetime
import os
import stat
from pathlib import Path

import icalendar
import pytest

from cli_helpers import ketaprep, said, write_answers
from test_cli_measure import LOW_MOOD

pytestmark = pytest.mark.usefixtures("welcomed")


def prepare_for(day: datetime.date, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = write_answers(tmp_path, {"intentions": ["Rest"], "date": day.isoformat()})
    assert ketaprep("prepare", "--answers", str(answers), monkeypatch=monkeypatch).exit_code == 0


def summaries(path: Path) -> list[str]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return [str(event["summary"]) for event in calendar.walk("VEVENT")]


def test_the_next_session_becomes_two_private_events_in_a_private_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare_for(datetime.date.today() + datetime.timedelta(days=3), tmp_path, monkeypatch)
    monkeypatch.chdir(tmp_path)
    result = ketaprep("remind", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    written = tmp_path / "ketaprep-reminders.ics"
    assert summaries(written) == ["ketaprep", "ketaprep"]
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    text = said(result)
    assert "Saved 2 reminders to ketaprep-reminders.ics." in text
    assert "Get ready for session 1:" in text and "Write about session 1:" in text
    assert "calendar app to add them:" in text
    assert 'Each one says only "ketaprep"' in text
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_details_and_check_ins_and_printing_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare_for(datetime.date.today() + datetime.timedelta(days=3), tmp_path, monkeypatch)
    result = ketaprep(
        "remind", "--details", "--checkin-every", "7", "-o", "-", monkeypatch=monkeypatch
    )
    assert result.exit_code == 0, result.output
    calendar = icalendar.Calendar.from_ical(result.stdout)
    assert [str(event["summary"]) for event in calendar.walk("VEVENT")] == [
        "Get ready for session 1 tomorrow",
        "Write about session 1",
        "Check in with yourself",
    ]


def test_only_check_ins_need_no_session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "mine.ics"
    result = ketaprep("remind", "--checkin-every", "3", "-o", str(target), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert summaries(target) == ["ketaprep"]
    assert "Saved 1 reminder to" in said(result) and "calendar app to add it:" in said(result)
    assert "every 3 days from" in said(result) and "with no end date" in said(result)
    assert 'It says only "ketaprep"' in said(result)


def test_nothing_ahead_is_said_plainly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prepare_for(datetime.date.today() - datetime.timedelta(days=5), tmp_path, monkeypatch)
    result = ketaprep("remind", "-o", str(tmp_path / "r.ics"), monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "There is no session ahead in your journal yet" in said(result)
    assert not (tmp_path / "r.ics").exists()
    past = ketaprep(
        "remind", "--session", "1", "-o", str(tmp_path / "r.ics"), monkeypatch=monkeypatch
    )
    assert past.exit_code == 2
    assert "Session 1 is past, so there is nothing to remind you of." in said(past)


def test_a_file_already_there_is_replaced_only_with_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.ics"
    target.write_text("my own notes", encoding="utf-8")
    kept = ketaprep("remind", "--checkin-every", "7", "-o", str(target), monkeypatch=monkeypatch)
    assert kept.exit_code == 2
    assert "To replace it, run ketaprep remind again with --force." in said(kept)
    assert target.read_text(encoding="utf-8") == "my own notes"
    forced = ketaprep(
        "remind", "--checkin-every", "7", "-o", str(target), "--force", monkeypatch=monkeypatch
    )
    assert forced.exit_code == 0, forced.output
    assert summaries(target) == ["ketaprep"]
    assert os.stat(target).st_mode & 0o077 == 0


def test_self_checks_follow_when_each_was_last_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = write_answers(tmp_path, LOW_MOOD)
    taken = ketaprep("measure", "low-mood", "--answers", str(answers), monkeypatch=monkeypatch)
    assert taken.exit_code == 0, taken.output
    result = ketaprep("remind", "--self-checks", "--details", "-o", "-", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    calendar = icalendar.Calendar.from_ical(result.stdout)
    found = {
        str(event["description"]): (event.decoded("dtstart").date(), event["rrule"]["interval"])
        for event in calendar.walk("VEVENT")
    }
    today = datetime.date.today()
    assert found == {
        # taken today: due again in 14 days
        "Time for a self-check: ketaprep measure low-mood": (
            today + datetime.timedelta(days=14),
            [14],
        ),
        # never taken: tomorrow, then every 28 days
        "Time for a self-check: ketaprep measure trauma-reminders": (
            today + datetime.timedelta(days=1),
            [28],
        ),
    }
