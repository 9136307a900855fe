"""A questionnaire file (``questionnaires/NAME.yaml``): its shape, its checks, and the
Questionnaire it becomes. The checks that need arithmetic (bands covering every total
once, a score on the scale twice) are ``guides.questionnaire``'s own; here they get
their lines."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePosixPath

from ketaprep.guides.nodes import (
    ID,
    Checked,
    FileCheck,
    Key,
    line_of,
    list_of,
    no_duplicates,
    shape,
    text,
    whole,
)
from ketaprep.guides.questionnaire import (
    RESERVED,
    SUBSCALE_PREFIX,
    Band,
    ItemAlert,
    Questionnaire,
    ScalePoint,
    Statement,
    Subscale,
    band_problems,
    duplicate_scores,
)

LONGEST_RHYTHM = 366  # days: every_days beyond a year is a typo

_POINT = shape(
    {"score": Key(whole, required=True), "label": Key(text(one_line=True), required=True)},
    "an answer on the scale",
)
_STATEMENT = shape(
    {"id": Key(text(pattern=ID), required=True), "prompt": Key(text(), required=True)},
    "an item",
)
_SUBSCALE = shape(
    {
        "id": Key(text(pattern=ID), required=True),
        "title": Key(text(one_line=True), required=True),
        "items": Key(list_of(text(pattern=ID), "item id"), required=True),
    },
    "a subscale",
)
_BAND = shape(
    {
        "from": Key(whole, required=True),
        "to": Key(whole, required=True),
        "words": Key(text(), required=True),
    },
    "a band",
)
_ALERT = shape(
    {
        "item": Key(text(pattern=ID), required=True),
        "at_least": Key(whole, required=True),
        "message": Key(text()),
    },
    "an alert",
)
QUESTIONNAIRE = shape(
    {
        "id": Key(text(pattern=ID), required=True),
        "title": Key(text(one_line=True), required=True),
        "summary": Key(text(one_line=True), required=True),
        "intro": Key(text()),
        "recall": Key(text(), required=True),
        "scale": Key(list_of(_POINT, "answer"), required=True),
        "items": Key(list_of(_STATEMENT, "item"), required=True),
        "subscales": Key(list_of(_SUBSCALE, "subscale")),
        "bands": Key(list_of(_BAND, "band"), required=True),
        "alerts": Key(list_of(_ALERT, "alert")),
        "every_days": Key(whole),
        "credit": Key(text(), required=True),
    },
    "a questionnaire",
)


def _whole_list(top: Checked, key: str, needs: tuple[str, ...]) -> list[Checked] | None:
    """The entries of a list key when every one of them passed its own checks and has
    the keys ``needs`` (else a check across them would find problems that are not
    there), or None."""
    entries: list[Checked] | None = top.values.get(key)
    node = top.nodes.get(key)
    if entries is None or node is None or len(entries) != len(node.value):
        return None
    if any(need not in entry.values for entry in entries for need in needs):
        return None
    return entries


def check_questionnaire(top: Checked, name: str, check: FileCheck) -> None:
    """What the shape alone does not catch, each problem at its line."""
    stem = PurePosixPath(name).stem
    if top.values.get("id") not in (None, stem):
        check.add(top.line("id"), f"the id must be the file's name, '{stem}', to match {name}")
    scale = _check_scale(top, check)
    items = _check_items(top, check)
    if scale is not None and items is not None:
        _check_bands(top, len(items), scale, check)
        _check_alerts(top, [item.values["id"] for item in items], scale, check)
    if items is not None:
        _check_subscales(top, [item.values["id"] for item in items], check)
    days = top.values.get("every_days")
    if days is not None and not 1 <= days <= LONGEST_RHYTHM:
        check.add(top.line("every_days"), f"'every_days' must be from 1 to {LONGEST_RHYTHM}")


def _check_scale(top: Checked, check: FileCheck) -> list[int] | None:
    """The scale's scores, when they are good enough to add up."""
    points = _whole_list(top, "scale", ("score", "label"))
    if points is None:
        return None
    if len(points) < 2:
        check.add(top.line("scale"), "the scale needs at least two answers to choose from")
        return None
    scores = [point.values["score"] for point in points]
    good = True
    for point in points:
        if point.values["score"] < 0:
            check.add(point.line("score"), "a score must be 0 or more")
            good = False
    scale = [ScalePoint(score, "") for score in scores]
    for index, first in duplicate_scores(scale):
        check.add(
            points[index].line("score"),
            f"the score {scores[index]} is on the scale twice (first at line "
            f"{points[first].line('score')}); each answer needs its own score",
        )
        good = False
    no_duplicates(points, "label", "label", check)
    return scores if good else None


def _check_items(top: Checked, check: FileCheck) -> list[Checked] | None:
    items = _whole_list(top, "items", ("id",))
    if items is None:
        return None
    if not items:
        check.add(top.line("items"), "there are no items; give at least one")
        return None
    no_duplicates(items, "id", "item id", check)
    for item in items:
        item_id = item.values["id"]
        if item_id in RESERVED or item_id.startswith(SUBSCALE_PREFIX):
            check.add(
                item.line("id"),
                f"the item id '{item_id}' is kept for ketaprep's own answers "
                f"({', '.join(RESERVED)}, {SUBSCALE_PREFIX}...); choose another",
            )
    return items


def _check_bands(top: Checked, count: int, scores: Sequence[int], check: FileCheck) -> None:
    entries = _whole_list(top, "bands", ("from", "to"))
    if entries is None:
        return
    bands = [Band(entry.values["from"], entry.values["to"], "") for entry in entries]
    lowest, highest = count * min(scores), count * max(scores)
    for index, problem in band_problems(bands, lowest, highest):
        line = entries[index].line() if entries else top.line("bands")
        check.add(line, problem)


def _check_alerts(
    top: Checked, item_ids: Sequence[str], scores: Sequence[int], check: FileCheck
) -> None:
    alerts: list[Checked] = top.values.get("alerts", [])
    no_duplicates(alerts, "item", "alert for the item", check)
    for alert in alerts:
        item_id, level = alert.values.get("item"), alert.values.get("at_least")
        if item_id is not None and item_id not in item_ids:
            check.add(
                alert.line("item"),
                f"there is no item '{item_id}' for this alert; the items are {', '.join(item_ids)}",
            )
        if level is None:
            continue
        if level > max(scores):
            check.add(
                alert.line("at_least"),
                f"no answer scores {level} or more (the scale goes to {max(scores)}), "
                "so this alert could never be met",
            )
        elif level <= min(scores):
            check.add(
                alert.line("at_least"),
                f"every answer scores {level} or more, so this alert would pause on every "
                f"answer; give a level above the lowest score ({min(scores)})",
            )


def _check_subscales(top: Checked, item_ids: Sequence[str], check: FileCheck) -> None:
    subscales: list[Checked] = top.values.get("subscales", [])
    no_duplicates(subscales, "id", "subscale id", check)
    for subscale in subscales:
        if "items" not in subscale.values:
            continue
        if not subscale.values["items"]:
            check.add(subscale.line("items"), "a subscale needs at least one item")
        seen: set[str] = set()
        for node in subscale.nodes["items"].value:
            item_id = node.value if isinstance(node.value, str) else None
            if item_id is None or not ID.match(item_id):
                continue  # its problem is already said
            if item_id not in item_ids:
                check.add(line_of(node), f"there is no item '{item_id}' for this subscale")
            elif item_id in seen:
                check.add(line_of(node), f"the subscale names '{item_id}' twice")
            seen.add(item_id)


def build_questionnaire(top: Checked, source: str) -> Questionnaire:
    values = top.values
    return Questionnaire(
        id=values["id"],
        title=values["title"],
        summary=values["summary"],
        recall=values["recall"].strip(),
        scale=tuple(ScalePoint(p.values["score"], p.values["label"]) for p in values["scale"]),
        items=tuple(Statement(i.values["id"], i.values["prompt"].strip()) for i in values["items"]),
        bands=tuple(
            Band(b.values["from"], b.values["to"], b.values["words"].strip())
            for b in values["bands"]
        ),
        credit=" ".join(values["credit"].split()),
        intro=values.get("intro", "").strip(),
        subscales=tuple(
            Subscale(s.values["id"], s.values["title"], tuple(s.values["items"]))
            for s in values.get("subscales", [])
        ),
        alerts=tuple(
            ItemAlert(a.values["item"], a.values["at_least"], a.values.get("message"))
            for a in values.get("alerts", [])
        ),
        every_days=values.get("every_days"),
        source=source,
    )
