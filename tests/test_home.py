"""Plain ``ketaprep``: a home screen, not developer help (issue 14).

What comes next is worked out from what was kept (unit tests of ``home``, on journals
made of real records); the screen itself is run through ``cli.main`` with CliRunner, on
journals made by real ``--answers`` runs.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from cli_helpers import ketaprep, said, write_answers
from ketaprep.review.home import HELP_NOW, Home, Kept, Step, home, home_lines
from ketaprep.store import Answer, Entry, Session

TODAY = datetime.date(2026, 3, 12)  # a Thursday
NOON = datetime.time(12, 0)


def entry(
    kind: str, day: datetime.date, session: int | None = None, *, draft: bool = False
) -> Entry:
    moment = datetime.datetime.combine(day, NOON).astimezone()
    return Entry("e-" + kind, kind, session, "", moment, moment, None if draft else moment)


def kept(
    sessions: dict[int, datetime.date] | None = None,
    kinds: dict[int, dict[str, int]] | None = None,
    *,
    draft: Entry | None = None,
    last_checkin: datetime.date | None = None,
    last: Entry | None = None,
) -> Kept:
    days = sorted((sessions or {}).items(), key=lambda pair: pair[1], reverse=True)
    return Kept([Session(n, day, None) for n, day in days], kinds or {}, draft, last_checkin, last)


def says(found: Home) -> list[str]:
    return [f"{step.says}: ketaprep {step.command}" for step in found.steps]


def days(count: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=count)


# --- what comes next --------------------------------------------------------------------


def test_a_person_with_no_journal_is_told_how_to_begin() -> None:
    assert says(home(None, TODAY)) == [
        "To get ready for your first session: ketaprep prepare",
        "To read the five steps first: ketaprep guide",
    ]
    assert home(None, TODAY).last is None
    assert says(home(kept(), TODAY)) == says(home(None, TODAY))  # an empty journal too


def test_a_session_to_come_that_is_not_got_ready_for() -> None:
    found = home(kept({3: days(1)}, last_checkin=days(-9)), TODAY)
    assert says(found) == [
        "Your session 3 is tomorrow: ketaprep prepare",
        "Last check-in 9 days ago: ketaprep checkin",
    ]
    assert (
        says(home(kept({3: days(4)}), TODAY))[0] == "Your session 3 is on Monday: ketaprep prepare"
    )
    later = home(kept({3: days(8)}), TODAY)
    assert says(later)[0] == "Your session 3 is on Friday 20 March: ketaprep prepare"
    assert says(later)[-1] == "No check-in yet: ketaprep checkin"


def test_a_session_got_ready_for_then_its_journal() -> None:
    ready = home(kept({3: days(1)}, {3: {"prepare": 1}}), TODAY)
    assert says(ready)[0] == (
        "You are ready for session 3, tomorrow. To breathe slowly: ketaprep breathe"
    )
    today = home(kept({3: TODAY}, {3: {"prepare": 1}}), TODAY)
    assert says(today)[0] == "After your session 3 today: ketaprep journal"
    not_ready = home(kept({3: TODAY}), TODAY)
    assert says(not_ready)[0] == "Your session 3 is today: ketaprep prepare"
    yesterday = home(kept({3: days(-1)}, {3: {"prepare": 1}}), TODAY)
    assert says(yesterday)[0] == "Session 3 was yesterday: ketaprep journal"


def test_a_journal_written_or_long_ago_is_not_asked_for_again() -> None:
    written = home(kept({3: days(-1)}, {3: {"prepare": 1, "journal": 1}}), TODAY)
    long_ago = home(kept({3: days(-15)}, {3: {"prepare": 1}}), TODAY)
    for found in (written, long_ago):
        assert says(found)[0] == (
            "When you know the day of your next session, to get ready for it: ketaprep prepare"
        )
    two_weeks = home(kept({3: days(-14)}), TODAY)
    assert says(two_weeks)[0] == "Session 3 was 14 days ago: ketaprep journal"


def test_the_last_session_and_the_next_one_both_come() -> None:
    found = home(kept({2: days(-2), 3: days(5)}, {2: {"prepare": 1}}), TODAY)
    assert says(found)[:2] == [
        "Session 2 was 2 days ago: ketaprep journal",
        "Your session 3 is on Tuesday: ketaprep prepare",
    ]


def test_a_draft_comes_first_and_its_command_once() -> None:
    draft = entry("journal", days(-1), 2, draft=True)
    found = home(kept({2: days(-2)}, {2: {"prepare": 1}}, draft=draft), TODAY)
    assert says(found) == [
        "You stopped partway through writing about session 2, yesterday: ketaprep journal",
        "No check-in yet: ketaprep checkin",
    ]
    checkin = entry("checkin", TODAY, draft=True)
    found = home(kept(draft=checkin, last_checkin=days(-3)), TODAY)
    assert says(found)[0] == "You stopped partway through a check-in, today: ketaprep checkin"
    assert [step.command for step in found.steps] == ["checkin", "prepare"]
    noon = datetime.datetime.combine(TODAY, NOON).astimezone()
    measure = Entry("m", "measure", None, "low-mood", noon, noon, None)
    found = home(kept(draft=measure), TODAY)
    assert says(found)[0] == (
        "You stopped partway through the questionnaire low-mood, today: ketaprep measure low-mood"
    )


def test_the_last_thing_written() -> None:
    at = datetime.datetime.combine(days(-1), NOON).astimezone()

    def last(kind: str, session: int | None, **answers: str | list[str]) -> str | None:
        given = tuple(
            Answer(item_id, "list" if isinstance(value, list) else "long_text", "?", value, at)
            for item_id, value in answers.items()
        )
        written = Entry("e", kind, session, "", at, at, at, given)
        return home(kept({2: days(-2)}, last=written), TODAY).last

    assert last("journal", 2, thoughts="The garden.\nMy sister.") == (
        'Last written yesterday, after session 2: "The garden. My sister."'
    )
    assert last("journal", 2) == "Last written yesterday, after session 2"
    assert last("checkin", None, support="x" * 100) == (
        f'Last written yesterday, check-in: "{"x" * 59}…"'
    )
    # A safety plan's words are for a hard moment: not shown each time ketaprep opens.
    plan = last("plan", None, **{"warning-signs": ["I stop answering messages"]})
    assert plan == "Last written yesterday, your safety plan: ketaprep plan --show"


def test_lines_fit_and_a_command_is_never_split() -> None:
    screen = Home(
        [
            Step("You are ready for session 3, tomorrow. To breathe slowly", "breathe", "x"),
            Step("Session 2 was 3 days ago", "journal", "x"),
        ],
        'Last written today, a check-in: "' + "word " * 12 + '"',
    )
    lines = [line.plain for line in home_lines(screen, 40)]
    assert all(len(line) <= 40 and line == line.rstrip() for line in lines)
    assert "  To breathe slowly: ketaprep breathe" in lines
    assert lines.index("  Session 2 was 3 days ago:") + 1 == lines.index("    ketaprep journal")
    assert lines[-3:] == [HELP_NOW, "Every command, and what it does:", "ketaprep --help"]


# --- the screen, through cli.main -------------------------------------------------------


@pytest.fixture
def journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Session 2 three days ago, got ready for; a check-in; session 3 tomorrow."""
    runs = [
        ("prepare", {"session": 2, "date": "3 days ago", "intentions": ["Rest"]}),
        ("checkin", {"support": "my sister", "win": "I cooked a real dinner."}),
        ("prepare", {"session": 3, "date": "tomorrow", "intentions": ["Be kind to myself"]}),
    ]
    for number, (command, answers) in enumerate(runs):
        path = write_answers(tmp_path, answers, f"{number}.yaml")
        assert ketaprep(command, "--answers", str(path), monkeypatch=monkeypatch).exit_code == 0
    return tmp_path


@pytest.mark.usefixtures("welcomed")
def test_plain_ketaprep_shows_the_home_and_exits_0(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = ketaprep(monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "What comes next",
        "  Session 2 was 3 days ago: ketaprep journal",
        "  You are ready for session 3, tomorrow. To breathe slowly: ketaprep breathe",
        "  Last check-in today: ketaprep checkin",
        "",
        'Last written today, before session 3: "Be kind to myself"',
        "",
        "If you need help now: ketaprep help-now",
        "Every command, and what it does: ketaprep --help",
    ]
    assert "Usage" not in result.output


def test_the_first_run_shows_the_welcome_then_how_to_begin(
    monkeypatch: pytest.MonkeyPatch, ketaprep_home: Path
) -> None:
    result = ketaprep(monkeypatch=monkeypatch)
    assert result.exit_code == 0
    text = said(result)
    assert text.index("Welcome to ketaprep.") < text.index("What comes next")
    assert "To get ready for your first session: ketaprep prepare" in text
    assert not (ketaprep_home / "ketaprep.db").exists()  # looking made no journal


def test_help_is_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    result = ketaprep("--help", monkeypatch=monkeypatch)
    assert result.exit_code == 0
    assert result.output.splitlines()[0].endswith("ketaprep [OPTIONS] COMMAND [ARGS]...")
    for command in ("prepare", "journal", "checkin", "help-now", "review"):
        assert f" {command} " in result.output
    assert "What comes next" not in result.output


@pytest.mark.usefixtures("welcomed")
def test_a_journal_that_cannot_be_read_still_shows_where_help_is(
    monkeypatch: pytest.MonkeyPatch, ketaprep_home: Path
) -> None:
    ketaprep_home.mkdir(parents=True, exist_ok=True)
    (ketaprep_home / "ketaprep.db").write_bytes(b"not a journal at all" * 100)
    result = ketaprep(monkeypatch=monkeypatch)
    assert result.exit_code != 0
    assert result.output.startswith(HELP_NOW)
    assert "Traceback" not in result.output
    assert (ketaprep_home / "ketaprep.db").read_bytes() == b"not a journal at all" * 100
