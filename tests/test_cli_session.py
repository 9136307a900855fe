"""``ketaprep session list / change / delete``: the store's side, the commands through the
real entry point, and the question asked first (with a plain asker standing in)."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from cli_helpers import ketaprep, said
from ketaprep.ask import PlainAsker
from ketaprep.errors import UsageError
from ketaprep.store import Session, open_store
from ketaprep.walks.sessions import change, delete, session_day
from review_data import write
from test_store import journal_bytes

pytestmark = pytest.mark.usefixtures("welcomed")

DAY_1 = datetime.date(2026, 11, 2)
DAY_2 = datetime.date(2026, 11, 16)


@pytest.fixture
def two_sessions() -> dict[str, str]:
    """Session 1 with a prepare, a journal and a draft; session 2 with nothing written."""
    with open_store() as store:
        store.add_session(1, DAY_1, "a note")
        store.add_session(2, DAY_2)
        made = {
            "prepare": write(store, "prepare", 1, {"intentions": ["Rest"]}).id,
            "journal": write(store, "journal", 1, {"thoughts": "calm"}).id,
            "draft": write(store, "journal", 1, {"thoughts": "half"}, finish=False).id,
            "checkin": write(store, "checkin", None, {"win": "a walk"}).id,
        }
    return made


def sessions() -> list[Session]:
    with open_store() as store:
        return sorted(store.sessions(), key=lambda session: session.number)


def session_of(entry_id: str) -> int | None:
    with open_store() as store:
        return store.entry(entry_id).session_number


# --- the store ------------------------------------------------------------------------------


def test_a_new_number_takes_the_entries_with_it(two_sessions: dict[str, str]) -> None:
    with open_store() as store:
        moved = store.change_session(1, new_number=7)
        assert moved == Session(7, DAY_1, "a note")
        assert store.session(1) is None
        assert store.session_entry_count(7) == 3
    assert [session_of(two_sessions[name]) for name in ("prepare", "journal", "draft")] == [7] * 3
    assert session_of(two_sessions["checkin"]) is None


def test_a_new_number_and_day_at_once(two_sessions: dict[str, str]) -> None:
    with open_store() as store:
        store.change_session(2, new_number=3, new_date=DAY_1)
    assert sessions() == [Session(1, DAY_1, "a note"), Session(3, DAY_1, None)]


@pytest.mark.parametrize(
    ("new_number", "message"),
    [(2, "Session 2 is already in your journal (on 2026-11-16), so session 1 was not changed"),
     (0, "A session number is a whole number from 1 to 9999, not 0."),
     (2**63, "A session number is a whole number from 1 to 9999")],
)  # fmt: skip
def test_a_taken_or_bad_number_changes_nothing(
    two_sessions: dict[str, str], new_number: int, message: str, ketaprep_home: Path
) -> None:
    before = sessions()
    with open_store() as store, pytest.raises(UsageError, match=re.escape(message)):
        store.change_session(1, new_number=new_number)
    assert sessions() == before
    assert session_of(two_sessions["journal"]) == 1


def test_a_session_with_entries_is_not_deleted(two_sessions: dict[str, str]) -> None:
    with open_store() as store:
        with pytest.raises(UsageError, match="Session 1 has 3 entries, so it was kept"):
            store.delete_session(1)
        store.delete_session(2)
    assert [session.number for session in sessions()] == [1]


def test_a_day_must_not_be_two_days() -> None:
    today = datetime.date.today()
    assert session_day("2026-12-01") == datetime.date(2026, 12, 1)
    assert session_day("yesterday") == today - datetime.timedelta(days=1)
    assert session_day("next friday") > today
    with pytest.raises(UsageError, match='"friday" could be '):
        session_day("friday")
    with pytest.raises(UsageError, match="2026-02-30 is not a day on the calendar"):
        session_day("2026-02-30")


# --- the commands ---------------------------------------------------------------------------


def test_list_shows_every_session_with_what_is_written(
    two_sessions: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = ketaprep("session", "list", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["Session", "Day", "Entries"]
    assert lines[1].split() == ["2", "Monday", "16", "November", "2026", "none"]
    assert lines[2].split() == ["1", "Monday", "2", "November", "2026", "prepare", "1,",
                                "journal", "1,", "1", "draft"]  # fmt: skip
    assert "ketaprep session change N --number NEW --date DAY" in result.output


def test_list_of_no_sessions(monkeypatch: pytest.MonkeyPatch) -> None:
    result = ketaprep("session", "list", monkeypatch=monkeypatch)
    assert result.exit_code == 0
    assert said(result) == (
        "No sessions are saved yet. ketaprep prepare or ketaprep journal adds one."
    )


def test_change_with_yes(two_sessions: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    result = ketaprep(
        "session", "change", "1", "--number", "4", "--date", "2026-11-03", "--yes",
        monkeypatch=monkeypatch,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert said(result) == "Changed. It is now session 4, Tuesday 3 November 2026."
    assert session_of(two_sessions["prepare"]) == 4
    assert sessions()[-1] == Session(4, datetime.date(2026, 11, 3), "a note")


def test_delete_with_yes(two_sessions: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    result = ketaprep("session", "delete", "2", "--yes", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert said(result) == "Deleted session 2."
    assert [session.number for session in sessions()] == [1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["change", "1", "--number", "4"], "ketaprep session change asks before it changes "
         "anything, and there is no terminal to ask in. To change it without being asked, "
         "add --yes."),
        (["delete", "2"], "ketaprep session delete asks before it deletes anything, and there "
         "is no terminal to ask in. To delete it without being asked, add --yes."),
        (["delete", "1", "--yes"], "Session 1 has 3 entries, so it was kept. Delete them "
         "first (ketaprep review --session 1 lists them, ketaprep delete ID removes one), or "
         "give the session another number or day with ketaprep session change."),
        (["delete", "1"], "Session 1 has 3 entries, so it was kept."),
        (["change", "1", "--number", "2", "--yes"], "Session 2 is already in your journal (on "
         "Monday 16 November 2026), so session 1 was not changed. Please choose a number not "
         "taken (ketaprep session list shows them)."),
        (["change", "1", "--number", "10000", "--yes"],
         "A session number is a whole number from 1 to 9999, not 10000."),
        (["change", "1", "--number", str(2**63), "--yes"],
         f"A session number is a whole number from 1 to 9999, not {2**63}."),
        (["change", "1", "--date", "2026-13-01", "--yes"],
         "2026-13-01 is not a day on the calendar. Please check the month and day."),
        (["change", "1", "--date", "the day after", "--yes"],
         '"the day after" is not a date ketaprep understands.'),
        (["change", "1", "--date", "monday", "--yes"], '"monday" could be '),
        (["change", "1", "--yes"], "Please say what to change: a new number, a new day or "
         "both, like ketaprep session change 3 --number 4 --date 2026-12-01."),
        (["change", "9", "--number", "4", "--yes"], "There is no session 9 in your journal. "
         "ketaprep session list shows the sessions there are."),
        (["delete", str(2**63), "--yes"], f"There is no session {2**63} in your journal."),
        (["delete", "0", "--yes"], "There is no session 0 in your journal."),
    ],
)  # fmt: skip
def test_mistakes_are_one_sentence_and_change_nothing(
    two_sessions: dict[str, str],
    args: list[str],
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    ketaprep_home: Path,
) -> None:
    before = journal_bytes(ketaprep_home)
    result = ketaprep("session", *args, monkeypatch=monkeypatch)
    assert result.exit_code == 2, result.output
    assert said(result).startswith(message)
    assert "Something went wrong" not in result.output and "Traceback" not in result.output
    assert journal_bytes(ketaprep_home) == before


def test_nothing_to_change(two_sessions: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    result = ketaprep(
        "session", "change", "1", "--number", "1", "--date", "2026-11-02", monkeypatch=monkeypatch
    )
    assert result.exit_code == 0
    assert said(result) == "Session 1 is already on Monday 2 November 2026. Nothing changed."


# --- asking first -----------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "changed"), [("no", False), ("", False), ("yes", True)])
def test_change_shows_the_change_and_asks(
    two_sessions: dict[str, str], capsys: pytest.CaptureFixture[str], typed: str, changed: bool
) -> None:
    asker = PlainAsker(read=lambda _: typed)
    assert change(1, new_number=5, new_date=None, yes=False, plain=True, asker=asker) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert (
        "Session 1, Monday 2 November 2026 becomes session 5, Monday 2 November 2026. "
        "Its 3 entries go with it." in out
    )
    assert "Change it?" in out
    assert ("Kept as it was. Nothing was changed." in out) is not changed
    assert session_of(two_sessions["journal"]) == (5 if changed else 1)


@pytest.mark.parametrize(("typed", "deleted"), [("n", False), ("", False), ("y", True)])
def test_delete_shows_the_session_and_asks(
    two_sessions: dict[str, str], capsys: pytest.CaptureFixture[str], typed: str, deleted: bool
) -> None:
    asker = PlainAsker(read=lambda _: typed)
    assert delete(2, yes=False, plain=True, asker=asker) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Session 2, Monday 16 November 2026. Nothing is written for it." in out
    assert "Delete this session?" in out
    assert ("Deleted session 2." in out) is deleted
    assert ([s.number for s in sessions()] == [1]) is deleted


def test_ctrl_c_at_the_question_keeps_everything(
    two_sessions: dict[str, str], capsys: pytest.CaptureFixture[str], ketaprep_home: Path
) -> None:
    def interrupted(_: str) -> str:
        raise KeyboardInterrupt

    before = journal_bytes(ketaprep_home)
    asker = PlainAsker(read=interrupted)
    assert change(1, new_number=5, new_date=None, yes=False, plain=True, asker=asker) == 130
    assert delete(2, yes=False, plain=True, asker=asker) == 130
    out = capsys.readouterr().out
    assert "Stopped. Nothing was changed." in out and "Stopped. Nothing was deleted." in out
    assert journal_bytes(ketaprep_home) == before
