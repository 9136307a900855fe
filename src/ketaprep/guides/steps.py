"""A step file (one of the five steps, the FAQ, or the safety plan): its shape, the checks
within it and across the step files, and the Step it becomes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from ketaprep import vocab
from ketaprep.guides.files import PLAN_FILE
from ketaprep.guides.items import ITEM, build_item, check_item
from ketaprep.guides.model import ITEM_TYPES, Reminder, Step
from ketaprep.guides.nodes import (
    ID,
    INVALID,
    Checked,
    FileCheck,
    Key,
    found,
    list_of,
    no_duplicates,
    read,
    shape,
    text,
    whole,
)

UNNUMBERED = ("faq.yaml", PLAN_FILE)  # step-shaped files that are not one of the five steps
SOON_AFTER_FILE = "04-integrating.yaml"  # ``soon_after`` opens journal
# A reminder's ``when`` can name the choice questions asked before it is shown.
_REMINDERS_FOLLOW = {
    "03-embracing.yaml": ("02-preparing.yaml", "faq.yaml"),  # the card prepare draws
    "04-integrating.yaml": ("04-integrating.yaml",),  # the end of journal
}
# The ids the code reads from the walks' answers keep their type in every file (prepare,
# journal and check-in answers are read together); the plan's are read from the plan alone.
_READ_EVERYWHERE = {
    item_id: kind
    for name, read in vocab.READ_BY_CODE.items()
    if name != PLAN_FILE
    for item_id, kind in read.items()
}


@dataclass(frozen=True)
class _Condition:
    """One pair of a reminder's ``when``: a choice question and the option ids it fits."""

    item_id: str
    node: yaml.Node  # the question id, for problems found once every file is read
    options: tuple[tuple[str, yaml.Node], ...]


def _when(node: yaml.Node, check: FileCheck, what: str) -> Any:
    """``setting: home`` or ``setting: [home, online]``, for each question named."""
    like = "like 'setting: home'"
    if not isinstance(node, yaml.MappingNode):
        check.add(node, f"{what} must name a question and its options, {like}, not {found(node)}")
        return INVALID
    if not node.value:
        check.add(node, f"{what} is empty; name a question and its options, {like}")
        return INVALID
    conditions: list[_Condition] = []
    for key_node, value_node in node.value:
        item_id = read(text(pattern=ID), key_node, check, f"each question id in {what}")
        if item_id is not INVALID and item_id in [each.item_id for each in conditions]:
            check.add(key_node, f"{what} names '{item_id}' twice")
            continue
        option_nodes = (
            value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        )
        if not option_nodes:
            check.add(value_node, f"{what} needs at least one option id for '{key_node.value}'")
        options = [
            (read(text(pattern=ID), option, check, f"each option id in {what}"), option)
            for option in option_nodes
        ]
        if item_id is INVALID or not option_nodes or any(o is INVALID for o, _ in options):
            continue
        conditions.append(_Condition(item_id, key_node, tuple(options)))
    return conditions


_REMINDER = shape(
    {"text": Key(text(), required=True), "when": Key(_when)},
    "a reminder",
)


def _reminder(node: yaml.Node, check: FileCheck, what: str) -> Any:
    """A line of text, or ``text`` with ``when`` (the answers the line fits)."""
    if isinstance(node, yaml.MappingNode):
        return _REMINDER(node, check, what)
    if isinstance(node, yaml.SequenceNode):
        check.add(node, f"{what} must be text, or 'text' with 'when', not a list")
        return INVALID
    return text()(node, check, what)


STEP = shape(
    {
        "id": Key(text(pattern=ID), required=True),
        "number": Key(whole),
        "title": Key(text(one_line=True), required=True),
        "summary": Key(text(one_line=True), required=True),
        "walked_by": Key(text(one_line=True)),
        "body": Key(text(), required=True),
        "reminders": Key(list_of(_reminder, "reminder")),
        "soon_after": Key(list_of(text(), "line")),
        "items": Key(list_of(ITEM, "item")),
        "leaves_out": Key(list_of(text(pattern=ID), "id")),
    },
    "a step",
)


# --- checks within one step file -------------------------------------------------


def check_step(step: Checked, file_name: str, check: FileCheck) -> None:
    _check_number(step, file_name, check)
    if "soon_after" in step.nodes and file_name != SOON_AFTER_FILE:
        check.add(
            step.line("soon_after"),
            f"'soon_after' opens journal, so it belongs in {SOON_AFTER_FILE} only",
        )
    items: list[Checked] = step.values.get("items", [])
    no_duplicates(items, "id", "item id", check)
    for item in items:
        check_item(item, check)
    _check_read_by_code(step, items, file_name, check)


def _check_number(step: Checked, file_name: str, check: FileCheck) -> None:
    number = step.values.get("number")
    if file_name in UNNUMBERED:
        if "number" in step.nodes:
            what = "the FAQ" if file_name == "faq.yaml" else "the safety plan"
            check.add(step.line("number"), f"{what} has no number; leave 'number' out")
    elif "number" not in step.nodes:
        check.add(step.node, "a step is missing the required key 'number'")
    elif number is not None and number != int(file_name[:2]):
        check.add(
            step.line("number"),
            f"'number' is {number}, but {file_name} holds step {int(file_name[:2])}",
        )


# --- the ids the code reads -----------------------------------------------------


def _check_read_by_code(
    step: Checked, items: list[Checked], file_name: str, check: FileCheck
) -> None:
    """The ids the code reads have their type; a step with questions keeps every id read
    from it, or names it in ``leaves_out`` (docs/guides.md): a renamed ``win`` is a
    problem, not lost wins."""
    read_here = vocab.READ_BY_CODE.get(file_name, {})
    wanted = {**_READ_EVERYWHERE, **read_here}
    for item in items:
        item_id, kind = item.values.get("id", ""), item.values.get("type")
        if item_id in wanted and kind in ITEM_TYPES and kind != wanted[item_id]:
            check.add(item.line("type"), _retyped(item_id, wanted[item_id], kind, file_name))
    asked = {item.values["id"] for item in items if "id" in item.values}
    left_out = _leaves_out(step, file_name, asked, check)
    for item_id, kind in read_here.items():
        if items and item_id not in asked | left_out | vocab.OPTIONAL:
            check.add(step.line("items"), _missing(item_id, kind, file_name))


def _leaves_out(step: Checked, file_name: str, asked: set[str], check: FileCheck) -> set[str]:
    """The ids ``leaves_out`` may name: read from this file, not asked, not required."""
    read_here = vocab.READ_BY_CODE.get(file_name, {})
    written = step.nodes.get("leaves_out")
    named: list[str] = step.values.get("leaves_out", [])
    left_out: set[str] = set()
    for node in written.value if isinstance(written, yaml.SequenceNode) else ():
        item_id = node.value if isinstance(node, yaml.ScalarNode) else None
        if item_id not in named:
            continue  # not an id: its problem is already recorded
        if item_id not in read_here:
            reads = f"; it reads {', '.join(read_here)}" if read_here else ""
            check.add(
                node,
                f"'leaves_out' names '{item_id}', which ketaprep does not read from "
                f"{file_name}{reads}",
            )
        elif item_id in vocab.REQUIRED.get(file_name, ()):
            check.add(
                node,
                f"'leaves_out' names '{item_id}', which ketaprep cannot do without; keep "
                "that item (the question may be worded any way)",
            )
        elif item_id in asked:
            check.add(node, f"'leaves_out' names '{item_id}', but this step asks it")
        else:
            left_out.add(item_id)
    return left_out


def _missing(item_id: str, kind: str, file_name: str) -> str:
    said = (
        f"there is no item '{item_id}' (a {kind}); ketaprep reads its answers, so keep that id "
        "(the question may be worded any way)"
    )
    if item_id in vocab.REQUIRED.get(file_name, ()):
        return said
    return f"{said}, or name it in 'leaves_out' to leave the question out"


def _retyped(item_id: str, wanted: str, kind: str, file_name: str) -> str:
    if file_name == PLAN_FILE:
        return (
            f"the item '{item_id}' is shown by ketaprep help-now and must be a {wanted}, "
            f"not a {kind}"
        )
    return f"ketaprep reads the answers to '{item_id}', so it must be a {wanted}, not a {kind}"


# --- checks across the step files ------------------------------------------------


def check_together(steps: Mapping[str, tuple[Checked, FileCheck]], builtin: set[str]) -> None:
    """What spans files: step ids, and reminders' ``when``."""
    _check_step_ids(steps)
    _check_conditions(steps, builtin)


def _check_step_ids(steps: Mapping[str, tuple[Checked, FileCheck]]) -> None:
    used_by: dict[str, str] = {}
    for name, (step, check) in steps.items():
        step_id = step.values.get("id")
        if step_id in used_by:
            check.add(step.line("id"), f"step id '{step_id}' is also used by {used_by[step_id]}")
        elif step_id is not None:
            used_by[step_id] = name


def _check_conditions(steps: Mapping[str, tuple[Checked, FileCheck]], builtin: set[str]) -> None:
    """Every reminder's ``when`` names a choice question asked before the reminder is
    shown, and options it has (this needs the other files, so it runs once all are read).

    A built-in file is held only to the built-in files: when a clinic's own step 2 has
    no ``setting``, the built-in card's lines that name it are simply never shown.
    """
    choices = {name: _choices(step) for name, (step, _check) in steps.items()}
    for name, (step, check) in steps.items():
        asked = _REMINDERS_FOLLOW.get(name)
        if name in builtin and not builtin.issuperset(asked or ()):
            continue
        known = {
            item_id: options
            for earlier in asked or ()
            for item_id, options in choices.get(earlier, {}).items()
        }
        for reminder in step.values.get("reminders", []):
            conditions: list[_Condition] = (
                reminder.values.get("when", []) if isinstance(reminder, Checked) else []
            )
            for condition in conditions:
                _check_condition(condition, name, asked, known, check)


def _choices(step: Checked) -> dict[str, list[str]]:
    """The step's choice questions, each with its option ids."""
    return {
        item.values["id"]: [option.values.get("id") for option in item.values.get("options", [])]
        for item in step.values.get("items", [])
        if item.values.get("type") == "choice" and "id" in item.values
    }


def _check_condition(
    condition: _Condition,
    name: str,
    asked: tuple[str, ...] | None,
    known: dict[str, list[str]],
    check: FileCheck,
) -> None:
    if asked is None:
        check.add(
            condition.node,
            f"'when' has no effect in {name}: only the reminders in "
            f"{' and '.join(_REMINDERS_FOLLOW)} are shown after questions",
        )
    elif condition.item_id not in known:
        check.add(
            condition.node,
            f"'when' names '{condition.item_id}', which is not a choice question "
            f"in {' or '.join(asked)}",
        )
    else:
        options = known[condition.item_id]
        for option_id, node in condition.options:
            if option_id not in options:
                check.add(
                    node,
                    f"'when' gives '{option_id}' for '{condition.item_id}', which "
                    f"is not one of its options ({', '.join(options)})",
                )


# --- the Step a checked file becomes ---------------------------------------------


def build_step(step: Checked, source: str) -> Step:
    values = step.values
    return Step(
        id=values["id"],
        number=values.get("number"),
        title=values["title"],
        summary=values["summary"],
        body=values["body"],
        walked_by=values.get("walked_by"),
        reminders=tuple(_build_reminder(reminder) for reminder in values.get("reminders", ())),
        soon_after=tuple(values.get("soon_after", ())),
        items=tuple(build_item(item) for item in values.get("items", ())),
        source=source,
    )


def _build_reminder(reminder: str | Checked) -> Reminder:
    if isinstance(reminder, str):
        return Reminder(reminder)
    conditions: list[_Condition] = reminder.values.get("when", [])
    return Reminder(
        reminder.values["text"],
        tuple(
            (condition.item_id, tuple(option_id for option_id, _node in condition.options))
            for condition in conditions
        ),
    )
