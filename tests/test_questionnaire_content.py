"""The two shipped self-checks: in our own plain words, labelled for what they are, and
using every part of the engine (bands, an alert on thoughts of self-harm, a rhythm,
a credit line). Read with plain ``yaml.safe_load``, apart from ketaprep's loader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import textstat
import yaml

QUESTIONNAIRES = Path(__file__).resolve().parents[1] / "guides" / "questionnaires"
SHIPPED = ("low-mood.yaml", "trauma-reminders.yaml")
MAX_GRADE = 6.0
# Words that would make a band sound like a diagnosis or a verdict.
CLINICAL = ("depress", "ptsd", "disorder", "diagnos", "symptom", "severe", "normal", "patient")


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((QUESTIONNAIRES / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_two_self_checks_are_shipped() -> None:
    assert sorted(path.name for path in QUESTIONNAIRES.glob("*.yaml")) == sorted(SHIPPED)


def prose(data: dict[str, Any]) -> str:
    pieces = [data["title"], data["summary"], data["intro"], data["recall"], data["credit"]]
    pieces += [point["label"] for point in data["scale"]]
    pieces += [item["prompt"] for item in data["items"]]
    pieces += [band["words"] for band in data["bands"]]
    pieces += [alert["message"] for alert in data["alerts"]]
    pieces += [sub["title"] for sub in data.get("subscales", [])]
    sentences = [" ".join(p.split()) for p in pieces]
    return " ".join(s if s[-1] in ".!?" else s + "." for s in sentences)


@pytest.mark.parametrize("name", SHIPPED)
def test_reads_at_grade_six_or_below(name: str) -> None:
    grade = textstat.flesch_kincaid_grade(prose(load(name)))
    assert grade <= MAX_GRADE, f"{name}: Flesch-Kincaid grade {grade:.1f} > {MAX_GRADE}"


@pytest.mark.parametrize("name", SHIPPED)
def test_says_it_is_a_personal_check_in_not_a_medical_test(name: str) -> None:
    data = load(name)
    assert data["summary"] == "A personal check-in, not a medical test."
    assert "not a medical test" in data["intro"]


@pytest.mark.parametrize("name", SHIPPED)
def test_bands_are_plain_words_not_a_diagnosis(name: str) -> None:
    for band in load(name)["bands"]:
        found = [word for word in CLINICAL if word in band["words"].casefold()]
        assert not found, f"{name}: {band['words']!r} has {found}"


@pytest.mark.parametrize("name", SHIPPED)
def test_thoughts_of_self_harm_bring_crisis_help_from_the_first_answer_above_none(
    name: str,
) -> None:
    data = load(name)
    harm = next(item for item in data["items"] if "harming myself" in item["prompt"])
    lowest = min(point["score"] for point in data["scale"])
    alerts = [alert for alert in data["alerts"] if alert["item"] == harm["id"]]
    assert len(alerts) == 1
    assert alerts[0]["at_least"] == lowest + 1 and alerts[0]["message"].strip()


@pytest.mark.parametrize("name", SHIPPED)
def test_has_a_rhythm_and_a_credit_line(name: str) -> None:
    data = load(name)
    assert data["every_days"] in (14, 28)
    assert "ketaprep" in data["credit"] and "licence" in data["credit"]
