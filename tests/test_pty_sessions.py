"""Session numbers and the ``session`` commands in a real terminal: a far number is
asked about before it is kept."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from ketaprep.store import open_store
from pty_helpers import BACKSPACE, CTRL_C, ENTER, Terminal

pytestmark = [pytest.mark.pty, pytest.mark.usefixtures("welcomed")]

FIRST_QUESTION = "? What thoughts have stayed with you since the session?"
FAR = "Session 500 is 498 after your last one, session 2. Is 500 right?"


def numbers() -> list[int]:
    with open_store() as store:
        return sorted(session.number for session in store.sessions())


@pytest.fixture
def session_two() -> None:
    with open_store() as store:
        store.add_session(2, datetime.date.today() - datetime.timedelta(days=7))


@pytest.mark.usefixtures("session_two")
def test_a_far_number_is_asked_about_and_no_means_type_it_again(ketaprep_home: Path) -> None:
    with Terminal("journal", "--session", "500", home=ketaprep_home) as term:
        screen = term.wait_for(FAR)
        assert "(y/N)" in screen
        term.send("n")
        term.wait_for("? Which session number is this? 3")  # the next one, offered
        term.send(ENTER)
        term.wait_for("Which day was the session?")
        term.type("yesterday")
        term.send(ENTER)
        term.wait_for("Looking back on session 3")
        term.wait_for(FIRST_QUESTION)
        term.send(CTRL_C)
        assert term.wait_exit() == 130
    assert numbers() == [2, 3]


@pytest.mark.usefixtures("session_two")
def test_a_far_number_is_kept_once_the_person_says_yes(ketaprep_home: Path) -> None:
    with Terminal("journal", "--session", "500", home=ketaprep_home) as term:
        term.wait_for(FAR)
        term.send("y")
        term.wait_for("Which day was the session?")
        term.type("yesterday")
        term.send(ENTER)
        term.wait_for("Looking back on session 500")
        term.wait_for(FIRST_QUESTION)
        term.send(CTRL_C)
        assert term.wait_exit() == 130
    assert numbers() == [2, 500]


@pytest.mark.usefixtures("session_two")
def test_a_far_number_typed_at_the_prompt_is_asked_about(ketaprep_home: Path) -> None:
    with Terminal("journal", "--date", "yesterday", home=ketaprep_home) as term:
        term.wait_for("? Which session number is this? 3")
        term.send(BACKSPACE)  # the offered 3 away
        term.type("500")
        term.send(ENTER)
        term.wait_for(FAR)
        term.send(ENTER)  # no, by default
        term.wait_for("Which session number is this? 3")
        term.send(CTRL_C)
        assert term.wait_exit() == 130
    assert numbers() == [2]


def test_journal_offers_the_session_still_to_come_and_adds_no_other(ketaprep_home: Path) -> None:
    today = datetime.date.today()
    tomorrow = today + datetime.timedelta(days=1)
    with open_store() as store:
        store.add_session(1, tomorrow)
        entry = store.start_entry("prepare", 1, "preparing")
        store.save_answer(entry.id, "intentions", "list", "What to hold in mind?", ["Rest"])
        store.finish_entry(entry.id)
    with Terminal("journal", home=ketaprep_home) as term:
        term.wait_for("A session not in ketaprep yet")
        screen = term.screen_text()
        assert f"» Session 1, {tomorrow:%A} {tomorrow.day} {tomorrow:%B %Y} (saved" in screen
        assert "No sessions are saved yet" not in screen
        term.send(ENTER)
        # Compared without spaces: where the line wraps depends on how long today's name is.
        screen = "".join(term.wait_for("(Y/n)").split())
        assert "adaystilltocome.Wasittoday," in screen
        term.send("y")
        term.wait_for('How did it go with "Rest"?')
        term.wait_for("Something else came up")  # the options under it are drawn
        moved = f"Session 1 is now saved for {today:%A} {today.day}"
        assert "".join(moved.split()) in "".join(term.screen_text().split())
        term.send(CTRL_C)
        assert term.wait_exit() == 130
    with open_store() as store:
        assert [(s.number, s.date) for s in store.sessions()] == [(1, today)]


# --- ketaprep session change / delete ask first ---------------------------------------------


@pytest.fixture
def session_one_with_an_entry() -> str:
    with open_store() as store:
        store.add_session(1, datetime.date(2026, 11, 2))
        entry = store.start_entry("journal", 1, "integrating")
        store.save_answer(entry.id, "thoughts", "long_text", "What came up?", "calm")
        store.finish_entry(entry.id)
        store.add_session(2, datetime.date(2026, 11, 16))
    return entry.id


CHANGE = "Session 1, Monday 2 November 2026 becomes session 4, Monday 2 November 2026."


@pytest.mark.usefixtures("session_one_with_an_entry")
@pytest.mark.parametrize(("keys", "code"), [(ENTER, 0), ("n", 0), (CTRL_C, 130)])
def test_session_change_asks_first_and_no_keeps_it(
    ketaprep_home: Path, keys: str, code: int
) -> None:
    with Terminal("session", "change", "1", "--number", "4", home=ketaprep_home) as term:
        screen = term.wait_for("Change it? (y/N)")
        assert f"{CHANGE} Its entry goes with it." in " ".join(screen.split())
        term.send(keys)
        term.wait_for("Stopped. Nothing was changed." if keys == CTRL_C else "Kept as it was.")
        assert term.wait_exit() == code
        assert "Traceback" not in term.all_output()
    assert numbers() == [1, 2]


def test_session_change_yes_moves_the_entries(
    ketaprep_home: Path, session_one_with_an_entry: str
) -> None:
    with Terminal("session", "change", "1", "--number", "4", home=ketaprep_home) as term:
        screen = term.wait_for("Change it? (y/N)")
        assert f"{CHANGE} Its entry goes with it." in " ".join(screen.split())
        term.send("y")
        term.wait_for("Changed. It is now session 4, Monday 2 November 2026.")
        assert term.wait_exit() == 0
    assert numbers() == [2, 4]
    with open_store() as store:
        assert store.entry(session_one_with_an_entry).session_number == 4


@pytest.mark.usefixtures("session_one_with_an_entry")
@pytest.mark.parametrize(("keys", "kept"), [(ENTER, True), (CTRL_C, True), ("y", False)])
def test_session_delete_asks_first(ketaprep_home: Path, keys: str, kept: bool) -> None:
    with Terminal("session", "delete", "2", home=ketaprep_home) as term:
        screen = term.wait_for("Delete this session? (y/N)")
        assert "Session 2, Monday 16 November 2026. Nothing is written for it." in screen
        term.send(keys)
        done = {ENTER: "Kept. Nothing was deleted.", CTRL_C: "Stopped. Nothing was deleted."}
        term.wait_for(done.get(keys, "Deleted session 2."))
        assert term.wait_exit() == (130 if keys == CTRL_C else 0)
    assert numbers() == ([1, 2] if kept else [1])
