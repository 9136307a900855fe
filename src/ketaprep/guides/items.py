"""One item of a step (a question): its shape, the checks by type, and the Item it becomes."""

from __future__ import annotations

from typing import Any

import yaml

from ketaprep.guides.model import ITEM_TYPES, Item, Option
from ketaprep.guides.nodes import (
    BOOL,
    ID,
    Checked,
    FileCheck,
    Key,
    Labels,
    construct,
    flag,
    found,
    labels,
    line_of,
    list_of,
    no_duplicates,
    scalar,
    shape,
    text,
    whole,
)
from ketaprep.guides.safety import Alert

OPTION = shape(
    {
        "id": Key(text(pattern=ID), required=True),
        "label": Key(text(one_line=True), required=True),
        "todo": Key(text()),
    },
    "an option",
)
ALERT = shape(
    {
        "equals": Key(scalar),
        "any_of": Key(list_of(text(pattern=ID), "id")),
        "at_most": Key(whole),
        "at_least": Key(whole),
        "contains": Key(list_of(text(one_line=True), "word")),
        "message": Key(text()),
    },
    "an alert",
)
ITEM = shape(
    {
        "id": Key(text(pattern=ID), required=True),
        "type": Key(text(one_line=True), required=True),
        "prompt": Key(text(), required=True),
        "help": Key(text()),
        "required": Key(flag),
        "options": Key(list_of(OPTION, "option")),
        "examples": Key(list_of(text(), "example")),
        "min": Key(whole),
        "max": Key(whole),
        "labels": Key(labels),
        "default": Key(scalar),
        "alert": Key(ALERT),
    },
    "an item",
)

# Keys an item may carry beyond the ones every item has, by type.
_TYPE_KEYS: dict[str, set[str]] = {
    "checklist": {"options"},
    "text": {"examples", "default"},
    "long_text": {"examples"},
    "list": {"examples", "min", "max"},
    "scale": {"min", "max", "labels"},
    "choice": {"options"},
    "confirm": {"default"},
}
_ALERT_RULES: dict[str, set[str]] = {
    "checklist": {"any_of"},
    "text": {"contains"},
    "long_text": {"contains"},
    "list": {"contains"},
    "scale": {"at_most", "at_least"},
    "choice": {"equals", "any_of"},
    "confirm": {"equals"},
}


# --- checks that need more than one key ------------------------------------------


def check_item(item: Checked, check: FileCheck) -> None:
    kind = item.values.get("type")
    if kind is None:
        return
    if kind not in ITEM_TYPES:
        check.add(
            item.line("type"), f"unknown item type '{kind}'; use one of: {', '.join(ITEM_TYPES)}"
        )
        return
    for key in ("options", "examples", "min", "max", "labels", "default"):
        if key in item.nodes and key not in _TYPE_KEYS[kind]:
            check.add(item.line(key), f"'{key}' does not belong to a {kind} item")
    if kind in ("checklist", "choice"):
        _check_options(item, kind, check)
    if kind == "scale":
        _check_scale(item, check)
    if kind == "list":
        _check_counts(item, check)
    default = item.values.get("default")
    if kind == "confirm" and default is not None and default.tag != BOOL:
        check.add(
            default, f"'default' of a confirm item must be true or false, not {found(default)}"
        )
    if "alert" in item.values:
        _check_alert(item, kind, item.values["alert"], check)


def _check_options(item: Checked, kind: str, check: FileCheck) -> None:
    options: list[Checked] = item.values.get("options", [])
    written = item.nodes.get("options")
    if written is None or (isinstance(written, yaml.SequenceNode) and not written.value):
        check.add(item.line("options"), f"a {kind} item needs 'options' to choose from")
    no_duplicates(options, "id", "option id", check)
    if kind == "choice":
        for option in options:
            if "todo" in option.nodes:
                check.add(option.line("todo"), "'todo' belongs only to checklist options")


def _check_scale(item: Checked, check: FileCheck) -> None:
    for key in ("min", "max"):
        if key not in item.nodes:
            check.add(item.node, f"a scale item is missing the required key '{key}'")
    low, high = item.values.get("min"), item.values.get("max")
    if low is None or high is None:
        return
    if low >= high:
        check.add(item.line("min"), f"the scale's min ({low}) must be less than its max ({high})")
        return
    written: Labels | None = item.values.get("labels")
    for number, line in (written.lines if written else {}).items():
        if not low <= number <= high:
            check.add(line, f"label {number} is outside the scale {low} to {high}")


def _check_counts(item: Checked, check: FileCheck) -> None:
    low, high = item.values.get("min"), item.values.get("max")
    if low is not None and low < 0:
        check.add(item.line("min"), f"'min' must be 0 or more, not {low}")
    if high is not None and high < 1:
        check.add(item.line("max"), f"'max' must be 1 or more, not {high}")
    if low is not None and high is not None and low > high:
        check.add(item.line("min"), f"'min' ({low}) must not be more than 'max' ({high})")


def _check_alert(item: Checked, kind: str, alert: Checked, check: FileCheck) -> None:
    rules = [key for key in alert.nodes if key != "message"]
    if not rules:
        check.add(
            alert.node,
            "an alert needs a rule: equals, any_of, at_most, at_least or contains",
        )
    for rule in rules:
        if rule not in _ALERT_RULES[kind]:
            fits = " or ".join(sorted(_ALERT_RULES[kind]))
            check.add(alert.line(rule), f"'{rule}' does not fit a {kind} item; use {fits}")
    _check_alert_options(item, kind, alert, check)
    low, high = item.values.get("min"), item.values.get("max")
    for rule in ("at_most", "at_least"):
        value = alert.values.get(rule)
        if kind == "scale" and value is not None and low is not None and high is not None:
            if not low <= value <= high:
                check.add(
                    alert.line(rule), f"'{rule}' ({value}) is outside the scale {low} to {high}"
                )


def _check_alert_options(item: Checked, kind: str, alert: Checked, check: FileCheck) -> None:
    """``equals`` and ``any_of`` name what the item can be answered with."""
    option_ids = {option.values.get("id") for option in item.values.get("options", [])}
    equals = alert.values.get("equals")
    if equals is not None and "equals" in _ALERT_RULES[kind]:
        if kind == "confirm" and equals.tag != BOOL:
            check.add(
                equals, f"'equals' for a confirm item must be true or false, not {found(equals)}"
            )
        if kind == "choice" and equals.value not in option_ids:
            check.add(
                equals, f"'equals' names '{equals.value}', which is not an option of this item"
            )
    if "any_of" in _ALERT_RULES[kind]:
        for index, option_id in enumerate(alert.values.get("any_of", [])):
            if option_id not in option_ids:
                line = line_of(alert.nodes["any_of"].value[index])
                check.add(
                    line, f"'any_of' names '{option_id}', which is not an option of this item"
                )


# --- the Item a checked item becomes ----------------------------------------------


def build_item(item: Checked) -> Item:
    values = item.values
    kind = values["type"]
    low = values.get("min")
    if kind == "list" and low is None:
        low = 1 if values.get("required") else 0
    default = values.get("default")
    alert: Checked | None = values.get("alert")
    written: Labels | None = values.get("labels")
    return Item(
        id=values["id"],
        type=kind,
        prompt=values["prompt"],
        help=values.get("help"),
        required=values.get("required", False),
        options=tuple(
            Option(option.values["id"], option.values["label"], option.values.get("todo"))
            for option in values.get("options", ())
        ),
        examples=tuple(values.get("examples", ())),
        min=low,
        max=values.get("max"),
        labels=written.values if written else {},
        default=None if default is None else _scalar_value(default, kind),
        alert=None if alert is None else _build_alert(alert, kind),
    )


def _scalar_value(node: yaml.ScalarNode, kind: str) -> str | bool:
    """true/false for a confirm item, else the text as written (so ``no`` stays 'no')."""
    if kind == "confirm":
        return bool(construct(node))
    return str(node.value)


def _build_alert(alert: Checked, kind: str) -> Alert:
    values: dict[str, Any] = alert.values
    equals = values.get("equals")
    return Alert(
        equals=None if equals is None else _scalar_value(equals, kind),
        any_of=tuple(values.get("any_of", ())),
        at_most=values.get("at_most"),
        at_least=values.get("at_least"),
        contains=tuple(values.get("contains", ())),
        message=values.get("message"),
    )
