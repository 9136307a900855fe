"""Scoring questionnaires: totals, every band edge, subscales, alerts, change since last
time, and the checks a questionnaire file must pass, on PHQ-9-, GAD-7- and PCL-5-shaped
questionnaires with placeholder wording."""

from __future__ import annotations

import pytest

from ketaprep.guides.questionnaire import (
    Band,
    Questionnaire,
    ScalePoint,
    alert_scores,
    alerts_met,
    band_for,
    band_problems,
    change,
    change_words,
    duplicate_scores,
    score,
    score_of,
)
from questionnaire_shapes import GAD7, PCL5, PHQ9, answers_totalling


def test_the_shapes_have_the_total_ranges_of_the_real_ones() -> None:
    assert (PHQ9.lowest, PHQ9.highest) == (0, 27)
    assert (GAD7.lowest, GAD7.highest) == (0, 21)
    assert (PCL5.lowest, PCL5.highest) == (0, 80)


# Every total on each side of every band edge, and the ends of the range.
PHQ9_EDGES = [(0, 0), (4, 0), (5, 1), (9, 1), (10, 2), (14, 2), (15, 3), (19, 3), (20, 4), (27, 4)]
GAD7_EDGES = [(0, 0), (4, 0), (5, 1), (9, 1), (10, 2), (14, 2), (15, 3), (21, 3)]
PCL5_EDGES = [(0, 0), (32, 0), (33, 1), (80, 1)]


@pytest.mark.parametrize(
    ("questionnaire", "total", "band"),
    [(PHQ9, total, band) for total, band in PHQ9_EDGES]
    + [(GAD7, total, band) for total, band in GAD7_EDGES]
    + [(PCL5, total, band) for total, band in PCL5_EDGES],
    ids=lambda value: getattr(value, "id", str(value)),
)
def test_each_band_edge_falls_in_its_own_band(
    questionnaire: Questionnaire, total: int, band: int
) -> None:
    result = score(questionnaire, answers_totalling(questionnaire, total))
    assert result.total == total
    assert result.complete
    assert result.band == questionnaire.bands[band]


def test_every_possible_total_has_exactly_one_band() -> None:
    for questionnaire in (PHQ9, GAD7, PCL5):
        for total in range(questionnaire.lowest, questionnaire.highest + 1):
            holding = [band for band in questionnaire.bands if band.holds(total)]
            assert len(holding) == 1, (questionnaire.id, total)


def test_answers_are_read_as_numbers_or_as_the_text_the_walk_saves() -> None:
    answers: dict[str, object] = {f"q{n}": "1" for n in range(1, 8)}
    answers["q1"] = 3
    answers["q2"] = " 2 "
    assert score(GAD7, answers).total == 3 + 2 + 5


@pytest.mark.parametrize("value", [None, "", "4", 4, -1, "two", True, [1], 1.5])
def test_an_answer_off_the_scale_has_no_score(value: object) -> None:
    assert score_of(GAD7, value) is None


def test_a_skipped_item_leaves_no_total_and_no_band_but_counts_the_answers() -> None:
    answers = answers_totalling(PHQ9, 20)
    del answers["q4"]
    result = score(PHQ9, answers)
    assert (result.answered, result.of, result.total, result.band) == (8, 9, None, None)
    assert not result.complete


def test_pcl5_clusters_are_summed_as_subscales() -> None:
    answers = {f"q{n}": 0 for n in range(1, 21)}
    answers.update(q1=4, q5=3, q6=2, q7=1, q8=1, q14=1, q20=4)
    result = score(PCL5, answers)
    assert result.total == 16
    assert {sub.id: value for sub, value in result.subscales} == {"b": 7, "c": 3, "d": 2, "e": 4}
    assert PCL5.subscale_range(PCL5.subscales[1]) == (0, 8)


def test_a_subscale_with_a_skipped_item_has_no_sum_while_the_others_do() -> None:
    answers = {f"q{n}": 1 for n in range(1, 21)}
    del answers["q6"]
    result = score(PCL5, answers)
    assert {sub.id: value for sub, value in result.subscales} == {
        "b": 5,
        "c": None,
        "d": 7,
        "e": 6,
    }
    assert result.total is None


@pytest.mark.parametrize("answer", [1, 2, 3, "1", "3"])
def test_phq9_item_9_above_0_brings_crisis_help(answer: object) -> None:
    answers: dict[str, object] = {f"q{n}": 0 for n in range(1, 9)}
    answers["q9"] = answer
    assert alerts_met(PHQ9, answers) == [PHQ9.alerts[0]]


@pytest.mark.parametrize("answer", [0, "0", None])
def test_phq9_item_9_at_0_or_skipped_does_not(answer: object) -> None:
    answers: dict[str, object] = {f"q{n}": 3 for n in range(1, 9)}
    answers["q9"] = answer
    assert alerts_met(PHQ9, answers) == []


def test_the_scores_that_meet_an_alert_are_its_level_and_above() -> None:
    assert alert_scores(PHQ9, PHQ9.alerts[0]) == (1, 2, 3)


def test_no_band_outside_the_bands_and_none_for_no_total() -> None:
    bands = [Band(0, 4, "low"), Band(5, 9, "high")]
    assert band_for(bands, None) is None
    assert band_for(bands, 10) is None
    assert band_for(bands, 9) == bands[1]


def test_change_since_last_time_is_said_as_it_is() -> None:
    assert change(12, 9) == -3
    assert change(None, 9) is None
    assert change(9, None) is None
    on = "on Monday 2 March"
    assert change_words(12, 9, on) == "3 points lower than last time (12, on Monday 2 March)."
    assert change_words(9, 10, on) == "1 point higher than last time (9, on Monday 2 March)."
    assert change_words(7, 7, on) == "The same as last time (7, on Monday 2 March)."
    assert change_words(None, 7, on) is None


def test_change_words_never_judge() -> None:
    said = " ".join(
        words or "" for words in (change_words(a, b, "then") for a in range(5) for b in range(5))
    )
    for judging in ("better", "worse", "good", "bad", "improve", "well done"):
        assert judging not in said.casefold()


# --- what a questionnaire file must hold ---------------------------------------------


def _bands(*ranges: tuple[int, int]) -> list[Band]:
    return [Band(low, high, "words") for low, high in ranges]


def test_bands_covering_every_total_once_are_fine() -> None:
    assert band_problems(PHQ9.bands, 0, 27) == []
    assert band_problems(_bands((0, 80)), 0, 80) == []


@pytest.mark.parametrize(
    ("ranges", "index", "words"),
    [
        ([(0, 4), (6, 27)], 1, "no band holds 5: the bands leave a gap"),
        ([(0, 4), (8, 27)], 1, "no band holds 5 to 7"),
        ([(1, 27)], 0, "no band holds 0"),
        ([(0, 4), (4, 27)], 1, "starts at 4, inside the band before it (which goes to 4)"),
        ([(0, 9), (5, 27)], 1, "bands overlap"),
        ([(0, 4), (5, 26)], 1, "no band holds 27: the bands stop short of the top"),
        ([(0, 4), (5, 20)], 1, "no band holds 21 to 27"),
        ([(0, 4), (5, 30)], 1, "goes outside the totals there can be (0 to 27)"),
        ([(-1, 27)], 0, "goes outside"),
        ([(0, 4), (9, 5), (10, 27)], 1, "runs from 9 down to 5"),
        ([], 0, "there are no bands"),
    ],
)
def test_bands_with_a_gap_an_overlap_or_short_of_the_range_are_refused(
    ranges: list[tuple[int, int]], index: int, words: str
) -> None:
    problems = band_problems(_bands(*ranges), 0, 27)
    assert problems, ranges
    assert problems[0][0] == index
    assert words in problems[0][1]


def test_a_scale_with_a_score_twice_is_found() -> None:
    scale = [ScalePoint(0, "a"), ScalePoint(1, "b"), ScalePoint(1, "c"), ScalePoint(0, "d")]
    assert duplicate_scores(scale) == [(2, 1), (3, 0)]
    assert duplicate_scores(PHQ9.scale) == []
