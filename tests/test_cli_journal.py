"""``ketaprep journal`` through the command line: ``--answers`` files good and bad.

Runs through ``ketaprep.cli.main`` (the one exit point), so the exit codes and the
one-sentence errors are the real ones.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from cli_helpers import FIXED_DAY, ketaprep, said, write_answers
from ketaprep.guides.files import builtin_dir
from ketaprep.guides.load import load_guides
from ketaprep.store import Entry, open_store
from ketaprep.walks.journal import NO_TERMINAL

TODAY = FIXED_DAY
PREPARED = {"session": 3, "date": "today", "intentions": ["Be kind to myself", "Rest"], "mood": 4}
GOOD: dict[str, object] = {
    "intention-1": "touched",
    "intention-1-note": "Near the end, a little",
    "intention-2": "something-else",
    "thoughts": "The garden.\nMy sister's voice.",
    "feelings": ["calm", "tender"],
    "realised": "I am allowed to rest.",
    "body": "Warm hands",
    "patterns": "Feeling I must earn rest.",
    "to-share": ["The garden", "Earning rest"],
    "mood": 7,
    "anxiety": 3,
    "safe": "no",
    "tags": ["family", "rest"],
}

pytestmark = [pytest.mark.usefixtures("welcomed"), pytest.mark.fixed_day]


def journal_entries() -> list[Entry]:
    with open_store() as store:
        return store.entries(kind="journal", include_drafts=True)


@pytest.fixture
def session_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Session 3 got ready for today, through ``prepare --answers``."""
    path = write_answers(tmp_path, PREPARED, "prepare.yaml")
    result = ketaprep("prepare", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output


@pytest.mark.usefixtures("session_3")
def test_a_full_answers_file_saves_one_finished_entry_for_the_waiting_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = ketaprep("journal", "--answers", str(write_answers(tmp_path, GOOD)),
                      monkeypatch=monkeypatch)  # fmt: skip
    assert result.exit_code == 0, result.output
    [entry] = journal_entries()
    assert not entry.is_draft and entry.session_number == 3 and entry.guide == "integrating"
    saved = {answer.item_id: answer.value for answer in entry.answers}
    assert saved == {**GOOD, "intention-2-note": None}
    questions = {answer.item_id: answer.question for answer in entry.answers}
    assert questions["intention-2"] == 'How did it go with "Rest"?'
    assert questions["intention-1-note"] == 'Anything to add about "Be kind to myself"?'
    step = load_guides().step("4")
    assert all(questions[item.id] == item.prompt for item in step.items)

    out = said(result)
    assert "Looking back on session 3" in out
    assert "Before it, you chose to hold in mind: • Be kind to myself • Rest" in out
    assert step.reminders[0].text in out  # the guide's closing suggestion
    assert "Saved: your journal entry for session 3" in out
    assert "- The garden - Earning rest" in out
    assert "ketaprep journal --session 3" in out


@pytest.mark.usefixtures("session_3")
def test_a_second_entry_for_the_same_session_is_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ketaprep("journal", "--answers", str(write_answers(tmp_path, GOOD)), monkeypatch=monkeypatch)
    later = write_answers(tmp_path, {"session": 3, "mood": 8, "tags": ["later"]}, "b.yaml")
    result = ketaprep("journal", "--answers", str(later), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    newest, first = journal_entries()
    assert newest.id != first.id
    assert newest.session_number == first.session_number == 3
    assert newest.value("mood") == 8 and first.value("mood") == 7
    assert newest.value("thoughts") is None and newest.value("intention-1") is None


@pytest.mark.usefixtures("session_3")
@pytest.mark.parametrize(
    ("answers", "words"),
    [
        ({**GOOD, "colour": "blue"}, "'colour' is not a question here"),
        ({**GOOD, "intention-3": "touched"}, "'intention-3' is not a question here"),
        ({**GOOD, "intention-1": "yes"}, "'intention-1' must be one of touched, not-yet, "
                                         "something-else"),
        ({**GOOD, "mood": 11}, "'mood' must be a whole number from 0 to 10"),
        ({**GOOD, "feelings": {"a": 1}}, "'feelings' must be a list"),
        ({**GOOD, "session": "three"}, "'session' must be a whole number from 1 to 9999"),
        ({**GOOD, "date": "someday"}, "'date' must be a date like 2026-12-01, today or yesterday"),
    ],
)  # fmt: skip
def test_a_bad_answers_file_saves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: dict[str, object], words: str
) -> None:
    result = ketaprep("journal", "--answers", str(write_answers(tmp_path, answers)),
                      monkeypatch=monkeypatch)  # fmt: skip
    assert result.exit_code == 2
    assert words in said(result)
    assert "nothing was saved" in said(result)
    assert "Traceback" not in result.output
    assert journal_entries() == []


@pytest.mark.usefixtures("session_3")
def test_every_problem_is_named_in_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_answers(tmp_path, {"colour": "blue", "intention-2": "maybe", "anxiety": -1})
    result = ketaprep("journal", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert said(result) == (
        f"The answers file {path} cannot be used, so nothing was saved: 'colour' is not a "
        "question here; 'intention-2' must be one of touched, not-yet, something-else; "
        "'anxiety' must be a whole number from 0 to 10."
    )


def test_with_no_session_waiting_the_file_must_say_which(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_answers(tmp_path, {"mood": 5})
    result = ketaprep("journal", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "does not say which session it is about" in said(result)
    assert "nothing was saved" in said(result)
    with open_store() as store:
        assert store.sessions() == []


def test_a_session_not_in_ketaprep_is_added_from_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_answers(tmp_path, {"session": 5, "date": "2026-01-02", "mood": 6})
    result = ketaprep("journal", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert "You did not get ready for it with ketaprep" in said(result)
    with open_store() as store:
        session = store.session(5)
    assert session is not None and session.date == datetime.date(2026, 1, 2)
    [entry] = journal_entries()
    assert entry.session_number == 5 and entry.value("mood") == 6

    # No intentions there, so none can be answered.
    again = write_answers(tmp_path, {"session": 5, "intention-1": "touched"}, "b.yaml")
    refused = ketaprep("journal", "--answers", str(again), monkeypatch=monkeypatch)
    assert refused.exit_code == 2
    assert "'intention-1' is not a question here" in said(refused)


def test_a_date_alone_finds_that_days_session_or_adds_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store() as store:
        store.add_session(1, datetime.date(2026, 1, 5))
    path = write_answers(tmp_path, {"date": "2026-01-05", "mood": 2})
    assert ketaprep("journal", "--answers", str(path), monkeypatch=monkeypatch).exit_code == 0
    other = write_answers(tmp_path, {"date": "2026-01-12", "mood": 3}, "b.yaml")
    assert ketaprep("journal", "--answers", str(other), monkeypatch=monkeypatch).exit_code == 0
    by_session = {entry.session_number: entry.value("mood") for entry in journal_entries()}
    assert by_session == {1: 2, 2: 3}


def test_a_day_still_to_come_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    later = TODAY + datetime.timedelta(days=3)
    path = write_answers(tmp_path, {"session": 1, "date": later.isoformat()})
    result = ketaprep("journal", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "is still to come" in said(result)
    with open_store() as store:
        assert store.sessions() == []


@pytest.mark.usefixtures("session_3")
def test_options_choose_the_session_over_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_answers(tmp_path, {"session": 3, "mood": 1})
    result = ketaprep("journal", "--session", "4", "--date", "yesterday", "--answers", str(path),
                      monkeypatch=monkeypatch)  # fmt: skip
    assert result.exit_code == 0, result.output
    [entry] = journal_entries()
    assert entry.session_number == 4
    with open_store() as store:
        session = store.session(4)
    assert session is not None and session.date == TODAY - datetime.timedelta(days=1)

    clash = ketaprep("journal", "--session", "3", "--date", "2026-01-01", "--answers", str(path),
                     monkeypatch=monkeypatch)  # fmt: skip
    assert clash.exit_code == 2
    assert "Session 3 is saved for" in said(clash)


def test_no_terminal_and_no_answers_file(monkeypatch: pytest.MonkeyPatch) -> None:
    result = ketaprep("journal", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert said(result) == NO_TERMINAL
    assert "ketaprep journal --answers FILE" in NO_TERMINAL


def test_a_missing_answers_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = ketaprep("journal", "--answers", str(tmp_path / "nope.yaml"), monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "nope.yaml cannot be read: No such file or directory." in said(result)


@pytest.mark.usefixtures("session_3")
def test_an_alert_in_a_clinics_guide_shows_the_crisis_lines_and_keeps_the_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic = tmp_path / "clinic"
    clinic.mkdir()
    text = (Path(str(builtin_dir())) / "04-integrating.yaml").read_text(encoding="utf-8")
    alert = "    alert:\n      contains: [hopeless]\n      message: Thank you for telling me.\n"
    text = text.replace("    help: Skip anything you do not want to answer.\n",
                        "    help: Skip anything you do not want to answer.\n" + alert)  # fmt: skip
    (clinic / "04-integrating.yaml").write_text(text, encoding="utf-8")
    path = write_answers(tmp_path, {**GOOD, "thoughts": "I felt Hopeless for a while."})
    result = ketaprep("--guides", str(clinic), "journal", "--answers", str(path),
                      monkeypatch=monkeypatch)  # fmt: skip
    assert result.exit_code == 0, result.output
    out = said(result)
    assert "Thank you for telling me." in out
    assert "988" in out
    assert "tell your care team" in out
    assert out.index("Thank you for telling me.") < out.index("Saved: your journal entry")
    [entry] = journal_entries()
    assert entry.value("thoughts") == "I felt Hopeless for a while."


def test_the_answers_files_document_holds_working_examples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every ```yaml block in docs/answers-files.md headed by a command runs cleanly."""
    doc = Path(__file__).parents[1] / "docs" / "answers-files.md"
    blocks = doc.read_text(encoding="utf-8").split("```yaml\n")[1:]
    ran = []
    for number, block in enumerate(blocks):
        text = block.split("```", 1)[0]
        first = text.splitlines()[0]
        if not first.startswith("# ketaprep "):
            continue
        command = first.removeprefix("# ketaprep ").split("--answers")[0].split()  # measure NAME
        path = tmp_path / f"example-{number}.yaml"
        path.write_text(text, encoding="utf-8")
        result = ketaprep(*command, "--answers", str(path), monkeypatch=monkeypatch)
        assert result.exit_code == 0, f"{command} example {number}: {result.output}"
        ran.append(command[0])
    assert "prepare" in ran and "journal" in ran and "measure" in ran


# --- a note on after-effects, soon after a session ------------------------------------


@pytest.mark.parametrize(("days_ago", "shown"), [(0, True), (1, True), (2, False), (9, False)])
def test_a_journal_soon_after_a_session_opens_with_the_note_on_after_effects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, days_ago: int, shown: bool
) -> None:
    day = TODAY - datetime.timedelta(days=days_ago)
    path = write_answers(tmp_path, {"session": 5, "date": day.isoformat(), "mood": 6})
    result = ketaprep("journal", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    note = load_guides().step("4").soon_after
    out = said(result)
    for line in note:
        assert (line in out) == shown, line
    if shown:  # after the session's name, before the first words about it
        assert out.index("Looking back on session 5") < out.index(note[0])
        assert out.index(note[-1]) < out.index("so we begin with what came up")
    [entry] = journal_entries()
    assert entry.value("mood") == 6


@pytest.mark.usefixtures("session_3")
def test_the_note_is_plain_sentences_in_plain_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_answers(tmp_path, GOOD)
    result = ketaprep("--plain", "journal", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    first = load_guides().step("4").soon_after[0]
    [shown] = [line for line in result.output.splitlines() if first.split(".")[0] in line]
    assert shown.strip().startswith(first.split(".")[0])  # no bullet read out before it
    assert "•" not in result.output
