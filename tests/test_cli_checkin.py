"""``ketaprep checkin`` through the command line: answers files good and bad, no terminal,
and a clinic's guide whose alerts (one on every item type) stop for the crisis lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import ketaprep, said, write_answers
from ketaprep.paths import get_paths
from ketaprep.store import Entry, open_store
from ketaprep.walks.checkin import FIRST_TIME, NO_TERMINAL
from ketaprep.walks.screens import AFTER_ALERT

GOOD: dict[str, object] = {
    "practices": ["meditation", "walk"],
    "own-practices": ["Music", "[red]Drawing[/red]"],
    "support": "my group",
    "next-therapist": "2026-12-01",
    "win": "I went outside \x1b[31mtoday",
    "mood": 5,
    "anxiety": 4,
    "safe": "no",
}

pytestmark = pytest.mark.usefixtures("welcomed")


def checkins() -> list[Entry]:
    with open_store() as store:
        return store.entries(kind="checkin", include_drafts=True)


def saved(entry: Entry) -> dict[str, object]:
    return {answer.item_id: answer.value for answer in entry.answers}


def test_a_full_answers_file_saves_one_finished_checkin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = ketaprep("checkin", "--answers", str(write_answers(tmp_path, GOOD)),
                      monkeypatch=monkeypatch)  # fmt: skip
    assert result.exit_code == 0, result.output
    [entry] = checkins()
    assert not entry.is_draft and entry.session_number is None
    assert saved(entry) == GOOD
    out = said(result)
    assert "What helped: - Meditation - A walk - Music - [red]Drawing[/red]" in out
    assert "I went outside \\x1b[31mtoday" in out  # shown as typed, escapes made visible
    assert "\x1b" not in result.output
    assert "Your next check-in with your therapist: - 2026-12-01" in out
    assert "Read your wins whenever you like: ketaprep review --wins" in out
    assert out.endswith(FIRST_TIME)
    assert "988" not in out and AFTER_ALERT not in out


def test_earlier_own_practices_can_be_ticked_from_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_answers(tmp_path, {"practices": ["Music"]})
    refused = ketaprep("checkin", "--answers", str(path), monkeypatch=monkeypatch)
    assert refused.exit_code == 2
    assert "'practices' has 'Music', not among its options" in said(refused)
    assert checkins() == []

    first = ketaprep("checkin", "--answers", str(write_answers(tmp_path, GOOD, "g.yaml")),
                     monkeypatch=monkeypatch)  # fmt: skip
    assert first.exit_code == 0, first.output
    again = ketaprep("checkin", "--answers", str(path), monkeypatch=monkeypatch)
    assert again.exit_code == 0, again.output
    assert checkins()[0].value("practices") == ["Music"]
    assert "You have checked in twice in the last 14 days." in said(again)


def test_optional_answers_can_be_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_answers(tmp_path, {"win": "I slept well"})
    result = ketaprep("checkin", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    [entry] = checkins()
    # The safety question left out stores no answer: never a "No" that was not given.
    assert saved(entry) == {
        "practices": [], "own-practices": [], "support": None, "next-therapist": None,
        "win": "I slept well", "mood": None, "anxiety": None, "safe": None,
    }  # fmt: skip
    assert "988" not in result.output


def test_every_problem_is_named_in_one_sentence_and_nothing_is_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_answers(tmp_path, {**GOOD, "mood": 11, "safe": "perhaps", "sleep": 7})
    result = ketaprep("checkin", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert said(result) == (
        f"The answers file {path} cannot be used, so nothing was saved: 'sleep' is not a "
        "question here; 'mood' must be a whole number from 0 to 10; 'safe' must be one of "
        "yes, not-sure, no."
    )
    assert checkins() == []


def test_an_answers_file_that_is_not_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("win: [unclosed\n", encoding="utf-8")
    result = ketaprep("checkin", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "is not valid YAML" in said(result) and "Traceback" not in result.output
    assert checkins() == []


def test_no_terminal_and_no_answers_file(monkeypatch: pytest.MonkeyPatch) -> None:
    result = ketaprep("checkin", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert said(result) == NO_TERMINAL
    assert "check in from a file run ketaprep checkin --answers FILE" in NO_TERMINAL


def test_the_rhythm_note_after_several_checkins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_answers(tmp_path, GOOD)
    outputs = [
        said(ketaprep("checkin", "--answers", str(path), monkeypatch=monkeypatch)) for _ in range(4)
    ]
    assert outputs[0].endswith(FIRST_TIME)
    assert outputs[1].endswith("You have checked in twice in the last 14 days.")
    assert outputs[3].endswith("You have checked in 4 times in the last 14 days.")
    assert len(checkins()) == 4


# --- alerts on every item type, in a clinic's own guide ------------------------------------

CLINIC_GUIDE = """\
id: maintaining
number: 5
title: Between sessions
summary: A short check-in.
body: A check-in from the clinic.
leaves_out: [practices, own-practices, win, next-therapist, anxiety]
items:
  - id: done
    type: checklist
    prompt: What did you do?
    options:
      - {id: walk, label: A walk}
      - {id: nothing, label: Nothing at all}
    alert: {any_of: [nothing], message: Alert on done.}
  - id: word
    type: text
    prompt: One word for today?
    alert: {contains: [hopeless], message: Alert on word.}
  - id: story
    type: long_text
    prompt: Anything on your mind?
    alert: {contains: [hurt myself], message: Alert on story.}
  - id: things
    type: list
    prompt: What is on your mind?
    alert: {contains: [end it], message: Alert on things.}
  - id: mood
    type: scale
    prompt: Mood?
    min: 0
    max: 10
    alert: {at_most: 1, message: Alert on mood.}
  - id: worry
    type: scale
    prompt: Worry?
    min: 0
    max: 10
    alert: {at_least: 9, message: Alert on worry.}
  - id: place
    type: choice
    prompt: Where are you?
    options:
      - {id: home, label: At home}
      - {id: unsafe, label: Somewhere I do not feel safe}
    alert: {equals: unsafe, message: Alert on place.}
  - id: feeling
    type: choice
    prompt: How do you feel?
    options:
      - {id: ok, label: Okay}
      - {id: low, label: Low}
      - {id: very-low, label: Very low}
    alert: {any_of: [low, very-low], message: Alert on feeling.}
  - id: safe
    type: confirm
    prompt: Are you having thoughts of harming yourself?
    default: false
    alert: {equals: true, message: Alert on safe.}
  - id: supported
    type: confirm
    prompt: Do you have someone to talk to?
    default: true
    alert: {equals: false, message: Alert on supported.}
"""
CALM: dict[str, object] = {
    "done": ["walk"],
    "word": "steady",
    "story": "A calm day.\nI rested.",
    "things": ["Work", "Rest"],
    "mood": 6,
    "worry": 3,
    "place": "home",
    "feeling": "ok",
    "safe": False,
    "supported": True,
}
MEETS: list[tuple[str, object]] = [
    ("done", ["walk", "nothing"]),
    ("word", "Hopeless"),
    ("story", "A long day.\nI wanted to HURT MYSELF."),
    ("things", ["Work", "I want to end it"]),
    ("mood", 0),
    ("worry", 10),
    ("place", "unsafe"),
    ("feeling", "very-low"),
    ("safe", True),
    ("supported", False),
]


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    folder = tmp_path / "clinic"
    folder.mkdir()
    (folder / "05-maintaining.yaml").write_text(CLINIC_GUIDE, encoding="utf-8")
    return folder


def test_the_clinic_guide_is_valid_and_calm_answers_raise_no_alert(
    clinic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = ketaprep("guides", "check", str(clinic), monkeypatch=monkeypatch)
    assert checked.exit_code == 0, checked.output
    path = write_answers(tmp_path, CALM)
    result = ketaprep("--guides", str(clinic), "checkin", "--answers", str(path),
                      monkeypatch=monkeypatch)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Alert on" not in result.output and "988" not in result.output
    assert saved(checkins()[0]) == CALM


@pytest.mark.parametrize(("item_id", "value"), MEETS, ids=[item_id for item_id, _ in MEETS])
def test_an_alert_on_each_item_type_shows_the_crisis_lines_and_keeps_the_answer(
    item_id: str, value: object, clinic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_answers(tmp_path, {**CALM, item_id: value})
    result = ketaprep("--guides", str(clinic), "checkin", "--answers", str(path),
                      monkeypatch=monkeypatch)  # fmt: skip
    assert result.exit_code == 0, result.output
    out = said(result)
    assert out.count("Alert on") == 1
    assert f"Alert on {item_id}." in out
    assert "If you or someone else is in danger right now" in out
    assert "Call or text 988" in out and "Samaritans: Call 116 123" in out  # no region: all
    assert "tell your care team or clinic how you are" in out
    assert out.index(f"Alert on {item_id}.") < out.index("988") < out.index("Saved:")
    assert AFTER_ALERT in out
    [entry] = checkins()
    assert not entry.is_draft
    assert saved(entry) == {**CALM, item_id: value}


def test_an_alert_shows_only_the_region_in_settings(
    clinic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = get_paths().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("region: us\n", encoding="utf-8")
    path = write_answers(tmp_path, {**CALM, "mood": 1})
    result = ketaprep("--guides", str(clinic), "checkin", "--answers", str(path),
                      monkeypatch=monkeypatch)  # fmt: skip
    assert result.exit_code == 0, result.output
    out = said(result)
    assert "United States" in out and "Call or text 988" in out
    assert "Samaritans" not in out and "European Union" not in out
