"""Safe at every step, from answers files: every alert rule of every walk shows the crisis
lines on stdout, keeps every answer and exits 0; the lines are shown once per walk; after
them the closing words leave out the cheerful lines; the self-harm question stores only
what was given.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from cli_helpers import ketaprep, said, write_answers
from ketaprep.guides import load_guides
from ketaprep.runner import AFTER_ALERT, LINES_AGAIN
from ketaprep.store import Entry, open_store

pytestmark = pytest.mark.usefixtures("welcomed")

DANGER_LINE = "If you or someone else is in danger right now"
JOURNAL_CALM: dict[str, object] = {"session": 1, "date": "today", "mood": 6, "anxiety": 3}
PREPARE_CALM: dict[str, object] = {"session": 1, "date": "today", "intentions": ["Rest"]}
CHECKIN_CALM: dict[str, object] = {"win": "I slept", "mood": 6}


def entries(kind: str) -> list[Entry]:
    with open_store() as store:
        return store.entries(kind=kind, include_drafts=True)


def run_walk(
    command: str, answers: dict[str, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """The walk from an answers file; its stdout, after checking it exited 0."""
    path = write_answers(tmp_path, answers, f"{command}.yaml")
    result = ketaprep(command, "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.split())


# Every alert rule in the built-in guides: the walk, an answer meeting it, the guide's words.
RULES = [
    ("prepare", {"mood": 1}, "It sounds like you feel very low right now."),
    ("prepare", {"mood": 0}, "Please call your clinic before the session"),
    ("journal", {"mood": 0}, "It sounds like things are very hard since your session."),
    ("journal", {"mood": 1}, "It sounds like things are very hard since your session."),
    ("journal", {"anxiety": 9}, "That sounds like a lot to hold."),
    ("journal", {"anxiety": 10}, "That sounds like a lot to hold."),
    ("journal", {"safe": "yes"}, "Thank you for telling me."),
    ("journal", {"safe": "not-sure"}, "Thank you for telling me."),
    ("checkin", {"mood": 1}, "It sounds like things are very hard right now."),
    ("checkin", {"safe": "yes"}, "Thank you for telling me."),
    ("checkin", {"safe": "Not sure"}, "Thank you for telling me."),  # a label works too
]
CALM = {"prepare": PREPARE_CALM, "journal": JOURNAL_CALM, "checkin": CHECKIN_CALM}


@pytest.mark.parametrize(("command", "meets", "words"), RULES)
def test_each_rule_shows_the_crisis_lines_keeps_the_answers_and_exits_0(
    command: str,
    meets: dict[str, object],
    words: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = run_walk(command, {**CALM[command], **meets}, tmp_path, monkeypatch)
    assert words in out
    assert out.count(DANGER_LINE) == 1
    assert "Call or text 988" in out and "Samaritans: Call 116 123" in out  # no region: all
    assert out.index(AFTER_ALERT) > out.index(DANGER_LINE)
    [entry] = entries(command)
    assert not entry.is_draft
    [(item_id, value)] = meets.items()
    expected = "not-sure" if value == "Not sure" else value
    assert entry.value(item_id) == expected


@pytest.mark.parametrize("command", ["prepare", "journal", "checkin"])
def test_calm_answers_show_no_crisis_lines(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run_walk(command, {**CALM[command], "safe": "no"} if command != "prepare" else
                   CALM[command], tmp_path, monkeypatch)  # fmt: skip
    assert DANGER_LINE not in out and "988" not in out and AFTER_ALERT not in out


def test_two_rules_in_one_walk_show_the_lines_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run_walk(
        "journal", {**JOURNAL_CALM, "mood": 0, "anxiety": 10, "safe": "yes"}, tmp_path, monkeypatch
    )
    assert out.count(DANGER_LINE) == 1 and out.count("Call or text 988") == 1
    # Each rule still says its own words; the later ones say where the lines are.
    for words in (
        "It sounds like things are very hard since your session.",
        "That sounds like a lot to hold.",
        "Thank you for telling me.",
    ):
        assert words in out
    assert out.count(LINES_AGAIN) == 2
    assert out.index(DANGER_LINE) < out.index("That sounds like a lot to hold.")


def test_after_an_alert_the_journal_closes_without_its_cheerful_reminders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reminders = load_guides().step("4").reminders
    assert "Notice your breath. Let what came up settle." in reminders
    calm = run_walk("journal", JOURNAL_CALM, tmp_path, monkeypatch)
    assert all(reminder in calm for reminder in reminders)

    alerted = run_walk("journal", {"session": 2, "date": "today", "mood": 0}, tmp_path,
                       monkeypatch)  # fmt: skip
    assert "Saved: your journal entry for session 2" in alerted
    assert not any(reminder in alerted for reminder in reminders)
    assert "ketaprep breathe" not in alerted


def test_after_an_alert_the_checkin_leaves_out_wins_and_the_rhythm_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calm = run_walk("checkin", CHECKIN_CALM, tmp_path, monkeypatch)
    assert "Read your wins" in calm and "Come back whenever you like" in calm
    alerted = run_walk("checkin", {**CHECKIN_CALM, "safe": "yes"}, tmp_path, monkeypatch)
    assert "Saved: your check-in" in alerted and AFTER_ALERT in alerted
    assert "Read your wins" not in alerted and "checked in twice" not in alerted


def test_after_an_alert_the_session_card_puts_help_first_and_drops_its_reminders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run_walk("prepare", {**PREPARE_CALM, "mood": 0}, tmp_path, monkeypatch)
    card = out[out.index(f"Session 1, {datetime.date.today():%A}") :]
    assert "Before this session, please call your clinic and tell them how you are." in card
    assert "For help right now: ketaprep help-now" in card
    assert card.index("call your clinic") < card.index("• Rest")
    assert "Let it come" not in out and "To remember" not in out


@pytest.mark.parametrize("command", ["journal", "checkin"])
def test_the_self_harm_question_left_out_stores_no_answer(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_walk(command, CALM[command], tmp_path, monkeypatch)
    [entry] = entries(command)
    assert entry.value("safe") is None  # never a "No" that was not given


@pytest.mark.parametrize(("written", "kept"), [(False, "no"), (True, "yes"), ("No", "no")])
def test_yes_and_no_in_an_answers_file_mean_the_options(
    written: object, kept: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_walk("checkin", {**CHECKIN_CALM, "safe": written}, tmp_path, monkeypatch)
    assert entries("checkin")[0].value("safe") == kept


def test_maybe_is_not_an_answer_to_the_self_harm_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_answers(tmp_path, {**CHECKIN_CALM, "safe": "perhaps"})
    result = ketaprep("checkin", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "'safe' must be one of yes, not-sure, no" in said(result)
    assert entries("checkin") == []


def test_an_old_yes_or_no_to_the_self_harm_question_still_reads_right(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Journals from before kept the question as a yes/no (confirm) answer."""
    question = "Are you having thoughts of harming yourself?"
    with open_store() as store:
        for value in (True, False):
            entry = store.start_entry("checkin", None, "maintaining")
            store.save_answer(entry.id, "safe", "confirm", question, value)
            store.finish_entry(entry.id)
        new = store.start_entry("checkin", None, "maintaining")
        store.save_answer(new.id, "safe", "choice", question, "not-sure")
        store.finish_entry(new.id)
    old_yes, old_no = entries("checkin")[1:][::-1]
    shown = ketaprep("review", "show", old_yes.id, monkeypatch=monkeypatch)
    assert shown.exit_code == 0 and f"{question}\n  Yes" in shown.output
    shown = ketaprep("review", "show", old_no.id, monkeypatch=monkeypatch)
    assert shown.exit_code == 0 and f"{question}\n  No" in shown.output
    shown = ketaprep("review", "show", new.id, monkeypatch=monkeypatch)
    assert shown.exit_code == 0 and f"{question}\n  Not sure" in shown.output
    markdown = ketaprep("export", "--format", "markdown", monkeypatch=monkeypatch).output
    assert markdown.count("> Yes\n") == 1 and markdown.count("> No\n") == 1
    html = ketaprep("export", "--format", "html", monkeypatch=monkeypatch).output
    assert html.count(">Yes<") == 1 and html.count(">No<") == 1
