"""Questionnaire files: read from a guides folder's ``questionnaires`` folder, checked by
``ketaprep guides check`` with FILE:LINE for each problem, and built into the
questionnaires ``measure`` walks."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cli_helpers import ketaprep
from ketaprep.answers import InvalidAnswer, check_answer
from ketaprep.errors import KetaprepError
from ketaprep.guides.files import questionnaire_sources
from ketaprep.guides.load import check_dir, load_questionnaires
from ketaprep.guides.questionnaire import Questionnaire, score
from ketaprep.guides.schema import check_sources
from questionnaire_shapes import GAD7, PCL5, PHQ9, answers_totalling, as_yaml

# A small PHQ-9-shaped file written out, so each problem's line can be named.
BASE = as_yaml(replace(PHQ9, id="phq-9", every_days=14))


def write(folder: Path, files: dict[str, str]) -> Path:
    (folder / "questionnaires").mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / "questionnaires" / name).write_text(content, encoding="utf-8")
    return folder


def line_of(text: str, fragment: str, nth: int = 1) -> int:
    """The number of the line holding ``fragment`` (its ``nth`` time)."""
    found = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    return found[nth - 1]


def problems(tmp_path: Path, text: str, name: str = "phq-9.yaml") -> list[str]:
    folder = write(tmp_path / "clinic", {name: text})
    return [str(problem) for problem in check_dir(folder)]


def where(tmp_path: Path, line: int, name: str = "phq-9.yaml") -> str:
    return f"{tmp_path / 'clinic' / 'questionnaires' / name}:{line}: "


# --- good files ----------------------------------------------------------------------


@pytest.mark.parametrize("shape", [PHQ9, GAD7, PCL5], ids=lambda q: q.id)
def test_the_shapes_written_as_files_load_and_score_as_the_shapes(
    tmp_path: Path, shape: Questionnaire
) -> None:
    folder = write(tmp_path / "clinic", {f"{shape.id}.yaml": as_yaml(shape)})
    assert check_dir(folder) == []
    loaded = next(q for q in load_questionnaires(folder) if q.id == shape.id)
    assert replace(loaded, source="") == shape
    for total in (shape.lowest, shape.highest, shape.bands[-1].low):
        answers = answers_totalling(shape, total)
        assert score(loaded, answers) == score(shape, answers)


def test_the_built_in_self_checks_load_sorted_by_id() -> None:
    loaded = load_questionnaires()
    assert [q.id for q in loaded] == ["low-mood", "trauma-reminders"]
    assert [(q.lowest, q.highest) for q in loaded] == [(0, 21), (0, 36)]
    assert all(q.summary == "A personal check-in, not a medical test." for q in loaded)


def test_a_clinic_file_adds_one_and_replaces_the_built_in_one_of_its_name(
    tmp_path: Path,
) -> None:
    own_low_mood = as_yaml(replace(GAD7, id="low-mood", title="Our own low mood check"))
    folder = write(tmp_path / "clinic", {"phq-9.yaml": BASE, "low-mood.yaml": own_low_mood})
    loaded = {q.id: q for q in load_questionnaires(folder)}
    assert sorted(loaded) == ["low-mood", "phq-9", "trauma-reminders"]
    assert loaded["low-mood"].title == "Our own low mood check"
    assert loaded["phq-9"].source == str(folder / "questionnaires" / "phq-9.yaml")


def test_a_folder_with_only_questionnaires_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write(tmp_path / "clinic", {"phq-9.yaml": BASE})
    assert check_dir(folder) == []
    result = ketaprep("guides", "check", str(folder), monkeypatch=monkeypatch)
    assert result.exit_code == 0
    assert f"1 guide file in {folder} is valid." in result.output


# --- problems, each at its line ------------------------------------------------------


def test_bands_with_a_gap(tmp_path: Path) -> None:
    text = BASE.replace("    to: 9\n", "    to: 8\n")
    assert problems(tmp_path, text) == [
        where(tmp_path, line_of(text, "- from: 10"))
        + "no band holds 9: the bands leave a gap before this one"
    ]


def test_bands_that_overlap(tmp_path: Path) -> None:
    text = BASE.replace("  - from: 10\n", "  - from: 8\n")
    assert problems(tmp_path, text) == [
        where(tmp_path, line_of(text, "- from: 8"))
        + "this band starts at 8, inside the band before it (which goes to 9): bands overlap"
    ]


def test_bands_that_do_not_cover_the_range(tmp_path: Path) -> None:
    text = BASE.replace("  - from: 0\n    to: 4", "  - from: 1\n    to: 4").replace(
        "to: 27", "to: 25"
    )
    assert problems(tmp_path, text) == [
        where(tmp_path, line_of(text, "- from: 1")) + "no band holds 0: the bands leave a gap "
        "before this one",
        where(tmp_path, line_of(text, "- from: 20"))
        + "no band holds 26 to 27: the bands stop short of the top",
    ]


def test_a_band_beyond_the_totals_there_can_be(tmp_path: Path) -> None:
    text = BASE.replace("to: 27", "to: 30")
    assert problems(tmp_path, text) == [
        where(tmp_path, line_of(text, "- from: 20"))
        + "this band (20 to 30) goes outside the totals there can be (0 to 27)"
    ]


def test_an_alert_on_a_missing_item(tmp_path: Path) -> None:
    text = BASE.replace("  - item: q9", "  - item: q10")
    assert problems(tmp_path, text) == [
        where(tmp_path, line_of(text, "item: q10"))
        + "there is no item 'q10' for this alert; the items are q1, q2, q3, q4, q5, q6, q7, q8, q9"
    ]


def test_a_scale_with_duplicate_scores(tmp_path: Path) -> None:
    text = BASE.replace("  - score: 2\n", "  - score: 1\n")
    assert problems(tmp_path, text) == [
        where(tmp_path, line_of(text, "- score: 1", nth=2))
        + f"the score 1 is on the scale twice (first at line {line_of(text, '- score: 1')}); "
        "each answer needs its own score"
    ]


@pytest.mark.parametrize(
    ("old", "new", "at", "message"),
    [
        ("at_least: 1", "at_least: 4", "at_least", "no answer scores 4 or more (the scale goes "
         "to 3), so this alert could never be met"),
        ("at_least: 1", "at_least: 0", "at_least", "every answer scores 0 or more, so this alert "
         "would pause on every answer; give a level above the lowest score (0)"),
        ("id: phq-9", "id: phq-nine", "id: phq-nine", "the id must be the file's name, 'phq-9', "
         "to match questionnaires/phq-9.yaml"),
        ("  - id: q3\n", "  - id: total\n", "id: total", "the item id 'total' is kept for "
         "ketaprep's own answers (total, band, note, subscale-...); choose another"),
        ("  - id: q3\n", "  - id: q2\n", "id: q2",
         "duplicate item id 'q2' (first at line {first})"),
        ("every_days: 14", "every_days: 0", "every_days", "'every_days' must be from 1 to 366"),
        ("label: answer 3", "label: answer 2", "label: answer 2",
         "duplicate label 'answer 2' (first at line {first})"),
        ("  - score: 0\n", "  - score: -1\n", "score: -1", "a score must be 0 or more"),
        ("credit: Placeholder credit line.\n", "", None,
         "a questionnaire is missing the required key 'credit'"),
    ],
)  # fmt: skip
def test_each_problem_names_its_line(
    tmp_path: Path, old: str, new: str, at: str | None, message: str
) -> None:
    text = BASE.replace(old, new, 1)
    assert text != BASE
    line = line_of(text, at, nth=2 if "{first}" in message else 1) if at else 1
    first = line_of(text, at) if at else 0
    assert problems(tmp_path, text) == [where(tmp_path, line) + message.format(first=first)]


def test_subscales_naming_missing_or_repeated_items(tmp_path: Path) -> None:
    text = as_yaml(replace(PCL5, id="pcl-5")).replace(
        "items: [q6, q7]", "items:\n      - q6\n      - q21\n      - q6"
    )
    assert problems(tmp_path, text, "pcl-5.yaml") == [
        where(tmp_path, line_of(text, "- q21"), "pcl-5.yaml")
        + "there is no item 'q21' for this subscale",
        where(tmp_path, line_of(text, "- q6", nth=2), "pcl-5.yaml")
        + "the subscale names 'q6' twice",
    ]


def test_a_broken_band_is_said_once_not_as_a_gap_too(tmp_path: Path) -> None:
    text = BASE.replace("    to: 9\n", "")
    assert problems(tmp_path, text) == [
        where(tmp_path, line_of(text, "- from: 5")) + "a band is missing the required key 'to'"
    ]


def test_a_yml_questionnaire_is_named_not_skipped(tmp_path: Path) -> None:
    folder = write(tmp_path / "clinic", {"phq-9.yml": BASE})
    assert [str(p) for p in check_dir(folder)] == [
        f"{folder / 'questionnaires' / 'phq-9.yml'}: ketaprep reads only .yaml files; "
        "rename it to phq-9.yaml"
    ]


def test_a_broken_questionnaire_is_refused_with_its_problems(tmp_path: Path) -> None:
    folder = write(tmp_path / "clinic", {"phq-9.yaml": BASE.replace("  - item: q9", "  - item: x")})
    with pytest.raises(KetaprepError) as refused:
        load_questionnaires(folder)
    first, problem = refused.value.message.splitlines()
    assert first == (
        f"The guides in {folder} have 1 problem, so ketaprep will not use them. "
        f"'ketaprep guides check {folder}' lists them all."
    )
    assert problem.startswith(f"{folder / 'questionnaires' / 'phq-9.yaml'}:")


def test_guides_check_names_file_and_line_and_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = BASE.replace("    to: 9\n", "    to: 8\n")
    folder = write(tmp_path / "clinic", {"phq-9.yaml": text})
    result = ketaprep("guides", "check", str(folder), monkeypatch=monkeypatch)
    assert result.exit_code == 1
    assert f"{folder / 'questionnaires' / 'phq-9.yaml'}:{line_of(text, '- from: 10')}: " in (
        result.output
    )
    assert "Found 1 problem" in result.output


JUNK = ("", " []", " {a: 1}", " -1", " 99999999999999999999999", " x y", " !!python/none ''")


def test_any_damage_to_a_file_gives_problems_never_a_crash(tmp_path: Path) -> None:
    """Each line of the file dropped, or its value replaced by something of the wrong
    kind: the check says what is wrong (or finds it still fine), and never fails."""
    lines = BASE.splitlines()
    folder = tmp_path / "clinic"
    for index, line in enumerate(lines):
        key = line.split(":", 1)[0]
        for damaged in [None, *(f"{key}:{junk}" for junk in JUNK)]:
            text = "\n".join(lines[:index] + ([damaged] if damaged else []) + lines[index + 1 :])
            write(folder, {"phq-9.yaml": text})
            found = check_sources(questionnaire_sources(folder).values())
            assert all(problem.line is None or problem.line >= 1 for problem in found.problems)
            if not found.problems:
                assert isinstance(found.built["questionnaires/phq-9.yaml"], Questionnaire)


def test_each_statement_is_asked_as_a_choice_of_the_scale_labels() -> None:
    low_mood = load_questionnaires()[0]
    asked = low_mood.items_to_ask()
    assert [item.id for item in asked] == [item.id for item in low_mood.items]
    first = asked[0]
    assert (first.type, first.prompt, first.help) == (
        "choice",
        "I did not enjoy things I usually like.",
        "Over the last two weeks, how often was this true for you?",
    )
    assert [(o.id, o.label) for o in first.options] == [
        ("0", "Never"), ("1", "A few days"), ("2", "Many days"), ("3", "Almost every day")
    ]  # fmt: skip
    assert first.alert is None
    harm = asked[-1].alert
    assert harm is not None and harm.any_of == ("1", "2", "3")
    assert harm.rule(asked[-1]) == "the answer is A few days or Many days or Almost every day"


@pytest.mark.parametrize(("given", "kept"), [(2, "2"), ("2", "2"), ("many days", "2"), (0, "0")])
def test_an_answers_file_gives_a_score_or_its_words(given: object, kept: str) -> None:
    item = load_questionnaires()[0].items_to_ask()[0]
    assert check_answer(item, given) == kept


@pytest.mark.parametrize("given", [4, -1, True, "often"])
def test_an_answer_off_the_scale_is_refused(given: object) -> None:
    item = load_questionnaires()[0].items_to_ask()[0]
    with pytest.raises(InvalidAnswer, match="'enjoy' must be one of 0, 1, 2, 3"):
        check_answer(item, given)
