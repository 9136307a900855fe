"""``ketaprep measure`` through the command line: the list, answers files good and bad,
the total and its change, a skipped statement, and crisis help from an alert item (the
PHQ-9 item 9 rule, on a clinic's PHQ-9-shaped file) and from a danger phrase."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import Result

from cli_helpers import ketaprep, said, write_answers
from ketaprep.guides.load import load_questionnaires
from ketaprep.store import Entry, open_store
from questionnaire_shapes import PHQ9, as_yaml

# low-mood's seven statements: a total of 11, "A fair amount of low mood lately."
LOW_MOOD = {
    "enjoy": 2,
    "low": "many days",
    "energy": 1,
    "sleep": 3,
    "harsh": 2,
    "focus": 1,
    "harm-thoughts": 0,
}
STATEMENTS = [item.prompt for item in load_questionnaires()[0].items]  # as the file says
CRISIS = "Call or text 988"

pytestmark = pytest.mark.usefixtures("welcomed")


def taken() -> list[Entry]:
    with open_store() as store:
        return store.entries(kind="measure", include_drafts=True)


def values(entry: Entry) -> dict[str, object]:
    return {answer.item_id: answer.value for answer in entry.answers}


def measure(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answers: dict[str, object],
    name: str = "low-mood",
    *before: str,
) -> Result:
    """``ketaprep [BEFORE] measure NAME --answers FILE``."""
    path = write_answers(tmp_path, answers)
    return ketaprep(*before, "measure", name, "--answers", str(path), monkeypatch=monkeypatch)


def test_the_list_names_each_questionnaire_and_its_rhythm(monkeypatch: pytest.MonkeyPatch) -> None:
    result = ketaprep("measure", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "The questionnaires (take one with: ketaprep measure NAME):",
        "",
        "low-mood: Low mood and interest",
        "  Not taken yet. Suggested every 14 days.",
        "trauma-reminders: How reminders of a hard event troubled you",
        "  Not taken yet. Suggested every 28 days.",
    ]
    assert taken() == []


def test_an_answers_file_saves_each_statement_as_asked_and_the_total(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = measure(tmp_path, monkeypatch, {**LOW_MOOD, "note": "A long week."})
    assert result.exit_code == 0, result.output
    [entry] = taken()
    assert (entry.guide, entry.session_number, entry.is_draft) == ("low-mood", None, False)
    asked = [(a.item_id, a.question, a.value, a.labels) for a in entry.answers]
    assert asked[:7] == [
        (item_id, question, str(score), {str(score): label})
        for (item_id, question), (score, label) in zip(
            zip(LOW_MOOD, STATEMENTS, strict=True),
            [(2, "Many days"), (2, "Many days"), (1, "A few days"), (3, "Almost every day"),
             (2, "Many days"), (1, "A few days"), (0, "Never")],
            strict=True,
        )
    ]  # fmt: skip
    assert asked[7:] == [
        ("note", "Is there anything you want to add about this time?", "A long week.", {}),
        ("total", "Total (0 to 21)", 11, {}),
        ("band", "What the total says", "A fair amount of low mood lately.", {}),
    ]
    out = said(result)
    assert "Saved: your answers to Low mood and interest" in out
    assert (
        "Your total: - 11, where totals go from 0 to 21. - A fair amount of low mood lately."
        in (out)
    )
    assert "This is the first total. Next time you will see the change." in out
    assert "Suggested every 14 days. See your totals over time: ketaprep review --trends" in out
    assert CRISIS not in out


def test_the_change_since_last_time_is_said_without_judgement(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    measure(tmp_path, monkeypatch, LOW_MOOD)
    lower = {**LOW_MOOD, "sleep": 0, "enjoy": 1}
    result = measure(tmp_path, monkeypatch, lower)
    out = said(result)
    assert "Your total: - 7, where totals go from 0 to 21. - Some low mood lately." in out
    assert "Since last time: - 4 points lower than last time (11, on " in out
    listed = ketaprep("measure", monkeypatch=monkeypatch)
    assert "  Last taken today (" in listed.output
    assert ", total 7). Suggested every 14 days." in said(listed)


def test_a_skipped_statement_leaves_no_total(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    skipped = {key: value for key, value in LOW_MOOD.items() if key != "energy"}
    result = measure(tmp_path, monkeypatch, skipped)
    assert result.exit_code == 0, result.output
    assert "You answered 6 of 7. A total needs every answer, so there is none this time." in (
        said(result)
    )
    [entry] = taken()
    assert "total" not in values(entry) and "band" not in values(entry)
    assert "Total (" not in said(ketaprep("review", "show", entry.id, monkeypatch=monkeypatch))


def test_subscales_are_saved_and_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = {
        "memories": 4, "dreams": 3, "upset": 2, "body": 1, "keep-away": 0, "far-away": 1,
        "on-guard": 2, "sleep-focus": 3, "harm-thoughts": 0,
    }  # fmt: skip
    result = measure(tmp_path, monkeypatch, answers, "trauma-reminders")
    assert result.exit_code == 0, result.output
    [entry] = taken()
    saved = values(entry)
    assert saved["total"] == 16
    assert saved["band"] == "Reminders troubled you some of the time."
    subscales = {key: saved[key] for key in saved if key.startswith("subscale-")}
    assert subscales == {"subscale-coming-back": 10, "subscale-keeping-away": 1,
                         "subscale-on-edge": 5}  # fmt: skip
    assert "In parts: - Memories coming back: 10 - Keeping away: 1 - Feeling on edge: 5" in (
        said(result)
    )


def test_an_alert_item_brings_the_crisis_lines_and_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = measure(tmp_path, monkeypatch, {**LOW_MOOD, "harm-thoughts": "a few days"})
    assert result.exit_code == 0, result.output
    out = said(result)
    assert "Thank you for telling me. Thoughts like these are hard to carry." in out
    assert CRISIS in out and "116 123" in out
    assert "Please let your care team know how you are doing today." in out
    assert "Suggested every 14 days" not in out  # no routine words after the crisis lines
    [entry] = taken()
    assert [(shown.item_id, shown.rule) for shown in entry.crisis_shown] == [
        ("harm-thoughts", "the answer is A few days or Many days or Almost every day")
    ]
    assert values(entry)["total"] == 12  # the total is still saved


def clinic_phq9(tmp_path: Path) -> Path:
    folder = tmp_path / "clinic" / "questionnaires"
    folder.mkdir(parents=True)
    (folder / "phq-9.yaml").write_text(as_yaml(replace(PHQ9, id="phq-9")), encoding="utf-8")
    return folder.parent


@pytest.mark.parametrize("item_9", [1, 2, 3])
def test_phq9_item_9_above_0_shows_crisis_help(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, item_9: int
) -> None:
    clinic = clinic_phq9(tmp_path)
    answers: dict[str, object] = {f"q{n}": 0 for n in range(1, 9)} | {"q9": item_9}
    result = measure(tmp_path, monkeypatch, answers, "phq-9", "--guides", str(clinic))
    assert result.exit_code == 0, result.output
    assert "placeholder alert" in said(result) and CRISIS in said(result)
    [entry] = taken()
    assert [shown.item_id for shown in entry.crisis_shown] == ["q9"]


def test_phq9_item_9_at_0_shows_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clinic = clinic_phq9(tmp_path)
    answers: dict[str, object] = {f"q{n}": 3 for n in range(1, 9)} | {"q9": 0}
    result = measure(tmp_path, monkeypatch, answers, "phq-9", "--guides", str(clinic))
    assert result.exit_code == 0, result.output
    assert CRISIS not in result.output
    assert "24, where totals go from 0 to 27. - band 20 to 27" in said(result)
    [entry] = taken()
    assert entry.crisis_shown == ()


def test_a_danger_phrase_in_the_note_brings_the_crisis_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = measure(tmp_path, monkeypatch, {**LOW_MOOD, "note": "I want to kill myself"})
    assert result.exit_code == 0, result.output
    assert CRISIS in result.output
    [entry] = taken()
    assert [shown.rule for shown in entry.crisis_shown] == ['danger phrase "kill myself"']


@pytest.mark.parametrize(
    ("answers", "problem"),
    [
        ({**LOW_MOOD, "enjoy": 4}, "'enjoy' must be one of 0, 1, 2, 3"),
        ({**LOW_MOOD, "mood": 5}, "'mood' is not a question here"),
        ({**LOW_MOOD, "low": "sometimes"}, "'low' must be one of 0, 1, 2, 3"),
        ({**LOW_MOOD, "total": 3}, "'total' is not a question here"),
    ],
)
def test_a_bad_answers_file_saves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: dict[str, object], problem: str
) -> None:
    result = measure(tmp_path, monkeypatch, answers)
    assert result.exit_code == 2
    assert "cannot be used, so nothing was saved" in said(result) and problem in said(result)
    assert taken() == []


def test_an_unknown_questionnaire_names_the_ones_there_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = ketaprep("measure", "phq-9", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert said(result) == (
        "There is no questionnaire 'phq-9'; choose one of: low-mood, trauma-reminders."
    )


def test_answers_without_a_name_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_answers(tmp_path, LOW_MOOD)
    result = ketaprep("measure", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert said(result) == (
        "Please name the questionnaire the answers are for, like this: "
        "ketaprep measure low-mood --answers FILE."
    )
    assert taken() == []


def test_without_a_terminal_it_says_how_to_answer_from_a_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = ketaprep("measure", "low-mood", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "run ketaprep measure low-mood --answers FILE" in said(result)
    assert taken() == []
