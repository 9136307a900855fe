"""Questionnaires shaped like the ones clinics use (PHQ-9, GAD-7, PCL-5), with
placeholder wording: the facts of their shape (items, scale, total range, bands, the
alert item), none of their words."""

from __future__ import annotations

from collections.abc import Sequence

from ketaprep.guides.questionnaire import (
    Band,
    ItemAlert,
    Questionnaire,
    ScalePoint,
    Statement,
    Subscale,
)


def shaped(
    name: str,
    items: int,
    top: int,
    bands: Sequence[tuple[int, int]],
    *,
    subscales: Sequence[tuple[str, Sequence[int]]] = (),
    alerts: Sequence[tuple[int, int]] = (),
) -> Questionnaire:
    """``items`` placeholder statements ``q1``.. on a 0..``top`` scale; ``bands`` as
    (low, high); subscales and alerts name items by their number."""
    return Questionnaire(
        id=name,
        title=f"{name} (placeholder wording)",
        summary="A placeholder for tests.",
        recall="Placeholder recall period?",
        scale=tuple(ScalePoint(score, f"answer {score}") for score in range(top + 1)),
        items=tuple(Statement(f"q{n}", f"Placeholder statement {n}.") for n in range(1, items + 1)),
        bands=tuple(Band(low, high, f"band {low} to {high}") for low, high in bands),
        credit="Placeholder credit line.",
        subscales=tuple(
            Subscale(sub_id, sub_id.upper(), tuple(f"q{n}" for n in numbers))
            for sub_id, numbers in subscales
        ),
        alerts=tuple(ItemAlert(f"q{n}", level, "placeholder alert") for n, level in alerts),
    )


PHQ9 = shaped("phq9-shaped", 9, 3, [(0, 4), (5, 9), (10, 14), (15, 19), (20, 27)], alerts=[(9, 1)])
GAD7 = shaped("gad7-shaped", 7, 3, [(0, 4), (5, 9), (10, 14), (15, 21)])
PCL5 = shaped(
    "pcl5-shaped",
    20,
    4,
    [(0, 32), (33, 80)],
    subscales=[
        ("b", range(1, 6)),
        ("c", range(6, 8)),
        ("d", range(8, 15)),
        ("e", range(15, 21)),
    ],
)


def answers_totalling(questionnaire: Questionnaire, total: int) -> dict[str, int]:
    """Answers (item id to score) that add up to ``total``: each item as high as it
    goes, in order, until the total is reached."""
    top = max(point.score for point in questionnaire.scale)
    answers: dict[str, int] = {}
    left = total
    for item in questionnaire.items:
        answers[item.id] = min(top, left)
        left -= answers[item.id]
    assert left == 0, f"{total} is more than {questionnaire.id} can add up to"
    return answers


def as_yaml(questionnaire: Questionnaire) -> str:
    """The questionnaire as a file a clinic would write, one key per line."""
    lines = [
        f"id: {questionnaire.id}",
        f"title: {questionnaire.title}",
        f"summary: {questionnaire.summary}",
        f"recall: {questionnaire.recall}",
        "scale:",
    ]
    for point in questionnaire.scale:
        lines += [f"  - score: {point.score}", f"    label: {point.label}"]
    lines.append("items:")
    for item in questionnaire.items:
        lines += [f"  - id: {item.id}", f"    prompt: {item.prompt}"]
    if questionnaire.subscales:
        lines.append("subscales:")
        for sub in questionnaire.subscales:
            lines += [f"  - id: {sub.id}", f"    title: {sub.title}"]
            lines += [f"    items: [{', '.join(sub.items)}]"]
    lines.append("bands:")
    for band in questionnaire.bands:
        lines += [f"  - from: {band.low}", f"    to: {band.high}", f"    words: {band.words}"]
    if questionnaire.alerts:
        lines.append("alerts:")
        for alert in questionnaire.alerts:
            lines += [f"  - item: {alert.item}", f"    at_least: {alert.at_least}"]
            lines += [f"    message: {alert.message}"] if alert.message else []
    if questionnaire.every_days is not None:
        lines.append(f"every_days: {questionnaire.every_days}")
    lines.append(f"credit: {questionnaire.credit}")
    return "\n".join(lines) + "\n"
