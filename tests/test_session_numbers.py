"""Session numbers stay from 1 to 9999 wherever they enter; a far one is asked about; a
journal holding one beyond the range (made before the bound) keeps working."""

from __future__ import annotations

import datetime
import json
import sqlite3
from pathlib import Path

import pytest

from asker_helpers import Person
from cli_helpers import ketaprep, said, write_answers
from ketaprep.errors import UsageError
from ketaprep.paths import get_paths
from ketaprep.store import MOST, number_problem, open_store
from ketaprep.walks.journal import run as run_journal
from ketaprep.walks.prepare import run as run_prepare
from ketaprep.walks.run import WalkOptions
from ketaprep.walks.sessions import FAR_JUMP, far_question, is_far, parse_number

pytestmark = pytest.mark.usefixtures("welcomed")

TODAY = datetime.date.today()
HUGE = 2**63
INTENTIONS = {"intentions": ["Rest"]}
ANSWERS = {"prepare": INTENTIONS, "journal": {"thoughts": "Quiet"}}
SENTENCE = "A session number is a whole number from 1 to 9999"


# --- the range ----------------------------------------------------------------------------


@pytest.mark.parametrize("good", [1, 2, 9999])
def test_numbers_in_range(good: int) -> None:
    assert number_problem(good) is None


@pytest.mark.parametrize(
    ("bad", "said_back"),
    [(0, ", not 0."), (-3, ", not -3."), (10000, ", not 10000."), (HUGE, f", not {HUGE}."),
     pytest.param(10**5000, ".", id="5000-digits"), (True, "."),
     ("three", ", not three."), (2.5, ".")],
)  # fmt: skip
def test_numbers_out_of_range_get_one_sentence(bad: object, said_back: str) -> None:
    assert number_problem(bad) == SENTENCE + said_back


def test_typed_numbers() -> None:
    assert parse_number(" 12 ") == 12
    assert parse_number("١٢") is None  # digits, but not ones the prompt asks for
    assert parse_number("²") is None and parse_number("1e3") is None and parse_number("") is None
    assert parse_number("9" * 5000) is None  # too long to read as a number at all
    assert parse_number("9" * 25) == 10**25 - 1  # read, to be refused with the range


def test_far_is_more_than_the_jump_past_the_last() -> None:
    assert not is_far(2 + FAR_JUMP, 2) and is_far(3 + FAR_JUMP, 2)
    assert is_far(99, 0)
    assert far_question(99, 2) == "Session 99 is 97 after your last one, session 2. Is 99 right?"
    assert "no sessions saved yet" in far_question(99, 0)


# --- the store ----------------------------------------------------------------------------


def plant_session(number: int, day: datetime.date = TODAY) -> None:
    """A session number an older ketaprep let in, written with raw SQL."""
    with open_store():
        pass
    conn = sqlite3.connect(get_paths().database)
    with conn:
        conn.execute("INSERT INTO sessions (number, date) VALUES (?, ?)", (number, day.isoformat()))
    conn.close()


@pytest.mark.parametrize("bad", [0, 10000, HUGE])
def test_the_store_adds_no_session_out_of_range(bad: int) -> None:
    with open_store() as store:
        with pytest.raises(UsageError, match=SENTENCE):
            store.add_session(bad, TODAY)
        with pytest.raises(UsageError, match=SENTENCE):
            store.import_records([store_session(bad)], [])
        assert store.sessions() == []


def store_session(number: int) -> object:
    from ketaprep.store import Session

    return Session(number, TODAY, None)


def test_numbers_beyond_sqlite_are_no_sessions() -> None:
    with open_store() as store:
        store.add_session(1, TODAY)
        for huge in (HUGE, -HUGE - 1, 10**30):
            assert store.session(huge) is None
            assert store.entries(session_number=huge) == []
            with pytest.raises(UsageError, match="There is no session"):
                store.start_entry("journal", huge)


def test_a_journal_holding_a_number_beyond_the_range_goes_on() -> None:
    plant_session(HUGE - 1)
    plant_session(99999)
    with open_store() as store:
        assert store.last_session_number() == 0
        assert store.next_session_number() == 1
        store.add_session(1, TODAY)
        assert store.next_session_number() == 2
        assert store.session(HUGE - 1) is not None


def test_when_the_last_number_is_taken_the_lowest_free_one_is_next() -> None:
    with open_store() as store:
        for number in (1, 2, 4, MOST):
            store.add_session(number, TODAY)
        assert store.next_session_number() == 3
    with open_store() as store:
        for number in (1, 2, 4):
            store.delete_session(number)
        assert store.next_session_number() == 1


# --- the command line and answers files ---------------------------------------------------


@pytest.mark.parametrize("command", ["prepare", "journal"])
@pytest.mark.parametrize("bad", ["0", "10000", str(HUGE), str(2**70)])
def test_session_options_out_of_range(
    command: str, bad: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = write_answers(tmp_path, {**ANSWERS[command], "date": "2026-11-02"})
    result = ketaprep(command, "--session", bad, "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 2, result.output
    assert said(result).startswith(SENTENCE)
    assert "Something went wrong" not in result.output
    with open_store() as store:
        assert store.sessions() == []


@pytest.mark.parametrize("command", ["prepare", "journal"])
@pytest.mark.parametrize("bad", [0, 10000, HUGE, 2**70, "three"])
def test_session_keys_out_of_range(
    command: str, bad: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = write_answers(tmp_path, {**ANSWERS[command], "session": bad, "date": "2026-11-02"})
    result = ketaprep(command, "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 2, result.output
    assert "'session' must be a whole number from 1 to 9999" in said(result)
    assert "Something went wrong" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["review", "--session", str(HUGE)],
        ["review", "--session", str(2**70), "--json"],
        ["export", "--session", str(HUGE)],
        ["export", "--session", str(2**70), "--format", "html"],
    ],
    ids=" ".join,
)
def test_views_of_a_session_beyond_sqlite(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    result = ketaprep(*args, monkeypatch=monkeypatch)
    assert result.exit_code == 2, result.output
    assert said(result) == f"There is no session {args[2]} in your journal."


@pytest.mark.parametrize("limit", ["-1", "100001", str(HUGE), str(2**70)])
def test_limit_out_of_range(limit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for args in (["review", "--limit", limit], ["review", "--list", "--limit", limit, "--json"]):
        result = ketaprep(*args, monkeypatch=monkeypatch)
        assert result.exit_code == 2, result.output
        assert said(result) == (
            "--limit is how many entries to show: 0 for all, or a number from 1 to 100000."
        )


def test_an_import_with_a_session_out_of_range(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    document = {"format": "ketaprep-export", "version": 1, "entries": [],
                "sessions": [{"number": HUGE, "date": "2026-11-02", "note": None}]}  # fmt: skip
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = ketaprep("import", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 1, result.output
    assert said(result) == (
        f"Cannot import {path}: sessions[0].number: expected a whole number from 1 to 9999. "
        "Nothing was imported."
    )


def test_prepare_and_journal_go_on_beside_a_session_beyond_the_range(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    plant_session(HUGE - 1, TODAY - datetime.timedelta(days=3))
    plant_session(2)
    path = write_answers(tmp_path, {**INTENTIONS, "date": "2026-12-31"})
    result = ketaprep("prepare", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert "for session 3," in said(result)
    listed = ketaprep("review", monkeypatch=monkeypatch)
    assert listed.exit_code == 0 and "Something went wrong" not in listed.output
    shown = ketaprep("review", "--session", str(HUGE - 1), monkeypatch=monkeypatch)
    assert shown.exit_code == 0 and f"Session {HUGE - 1}" in shown.output


# --- far numbers, asked about ----------------------------------------------------------


PREPARE = {"read-step-1": False, "session": "today", **INTENTIONS, "breathe": False}


def test_a_far_number_typed_is_asked_about_and_can_be_typed_again() -> None:
    with open_store() as store:
        store.add_session(2, TODAY - datetime.timedelta(days=7))
    typed = {"number": ["0", "10000", "99", "98", "3"], "far-number": [False, True]}
    person = Person(PREPARE, replies=typed)
    assert run_prepare(WalkOptions(), asker=person) == 0
    assert person.hints[:2] == [f"{SENTENCE}, not 0.", f"{SENTENCE}, not 10000."]
    numbers = [step for step in person.asked if step in ("number", "far-number")]
    assert numbers == ["number", "number", "number", "far-number", "number", "far-number"]
    assert person.prompts["far-number"] == far_question(98, 2)
    with open_store() as store:
        assert store.session(98) is not None and store.session(99) is None


def test_a_near_number_is_not_asked_about() -> None:
    person = Person(PREPARE, replies={"number": [str(FAR_JUMP)], "far-number": []})
    assert run_prepare(WalkOptions(), asker=person) == 0
    assert "far-number" not in person.asked


def test_a_far_session_option_is_asked_about_in_a_terminal() -> None:
    person = Person({"day": "yesterday"}, replies={"number": ["4"], "far-number": [False]})
    assert run_journal(WalkOptions(session=500), asker=person) == 0
    assert person.prompts["far-number"] == far_question(500, 0)
    with open_store() as store:
        assert [session.number for session in store.sessions()] == [4]
    kept = Person({"day": "yesterday"}, replies={"number": [], "far-number": [True]})
    assert run_journal(WalkOptions(session=600), asker=kept) == 0
    with open_store() as store:
        assert store.session(600) is not None


def test_a_far_number_from_a_file_is_kept_without_asking(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = write_answers(tmp_path, {"thoughts": "Quiet", "session": 700, "date": "2026-11-02"})
    result = ketaprep("journal", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    with open_store() as store:
        assert store.session(700) is not None


# --- a day to get ready for: within a year ------------------------------------------------


@pytest.mark.parametrize(("when", "kept"), [("in 300 days", True), ("in 400 days", False)])
def test_a_session_to_get_ready_for_is_within_a_year(
    when: str, kept: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = write_answers(tmp_path, INTENTIONS)
    by_option = ketaprep("prepare", "--date", when, "--answers", str(path), monkeypatch=monkeypatch)
    in_file = write_answers(tmp_path, {**INTENTIONS, "date": when}, "b.yaml")
    by_file = ketaprep("prepare", "--answers", str(in_file), monkeypatch=monkeypatch)
    if kept:
        assert (by_option.exit_code, by_file.exit_code) == (0, 0)
        return
    assert (by_option.exit_code, by_file.exit_code) == (2, 2)
    assert said(by_option).endswith(
        "is more than a year away. Please give the day of the session you are getting ready for."
    )
    assert "'date' must be a day within a year from today" in said(by_file)
    with open_store() as store:
        assert store.sessions() == []
