"""Guides: the YAML files that say what to ask. Loading and validation; the dataclasses
they become are in ``ketaprep.guide_model`` (and importable from here too).

A guide file holds one step. ``safety-plan.yaml`` has the same shape, without a
number: the questions of ``ketaprep plan``. ``safety.yaml`` is the one file of another
shape (crisis lines by region). See docs/guides.md for the schema.

Files are parsed with ``yaml.compose`` (safe loader, nothing is constructed), and
the node tree is checked against a small schema per mapping, so every problem
can name its file and line. Only a file without problems becomes dataclasses.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.reader import ReaderError

from ketaprep import vocab
from ketaprep.errors import KetaprepError, UsageError
from ketaprep.guide_model import (
    ITEM_TYPES,
    Alert,
    CrisisLine,
    DangerPhrases,
    Guides,
    Item,
    Option,
    Region,
    Reminder,
    Safety,
    Step,
)

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

STEP_FILES = (
    "01-understanding.yaml",
    "02-preparing.yaml",
    "03-embracing.yaml",
    "04-integrating.yaml",
    "05-maintaining.yaml",
    "faq.yaml",
)
PLAN_FILE = "safety-plan.yaml"
SAFETY_FILE = "safety.yaml"
GUIDE_FILES = (*STEP_FILES, PLAN_FILE, SAFETY_FILE)
UNNUMBERED = ("faq.yaml", PLAN_FILE)  # step-shaped files that are not one of the five steps


# --- problems -------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a guide file, printed as ``FILE:LINE: what is wrong``."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


class _FileCheck:
    """Collects the problems of one file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, where: yaml.Node | int | None, message: str) -> None:
        line = where.start_mark.line + 1 if isinstance(where, yaml.Node) else where
        self.problems.append(Problem(self.file, line, message))


# --- a small schema language over YAML nodes -------------------------------------

_YAML = "tag:yaml.org,2002:"
_STR, _INT, _BOOL, _NULL = _YAML + "str", _YAML + "int", _YAML + "bool", _YAML + "null"
_SEQ, _MAP = _YAML + "seq", _YAML + "map"
# What plain YAML resolves to. Anything else (``!!python/...``, ``!!binary``, ``!mine``)
# is refused; nothing is ever constructed from a tag.
_PLAIN_TAGS = {_STR, _INT, _BOOL, _NULL, _SEQ, _MAP}
_PLAIN_TAGS |= {_YAML + name for name in ("float", "timestamp", "value")}
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_INVALID: Any = object()  # a value that failed its check (its problem is already recorded)
_SCALARS = yaml.constructor.SafeConstructor()


def _found(node: yaml.Node) -> str:
    """What a node holds, in words, for 'must be X, not Y'."""
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a set of keys"
    if node.tag == _NULL:
        return "empty"
    shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    words = {_INT: "a whole number", _YAML + "float": "a decimal number", _BOOL: "true/false"}
    return f"{words.get(node.tag, 'text')} ({shown!r})"


def _tag_ok(node: yaml.Node, check: _FileCheck) -> bool:
    if node.tag in _PLAIN_TAGS:
        return True
    if node.tag == _YAML + "merge":
        check.add(node, "merge keys ('<<') are not supported; write the keys out in full")
    else:
        tag = node.tag.replace(_YAML, "!!")
        check.add(node, f"the tag '{tag}' is not allowed; guide files use plain YAML only")
    return False


Reader = Callable[[yaml.Node, _FileCheck, str], Any]


def _text(one_line: bool = False, pattern: re.Pattern[str] | None = None) -> Reader:
    """Text. A plain ``yes`` or ``10`` counts as the text written, not true or a number."""

    def read(node: yaml.Node, check: _FileCheck, what: str) -> Any:
        if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL:
            check.add(node, f"{what} must be text, not {_found(node)}")
            return _INVALID
        value = str(node.value)
        if not value.strip():
            check.add(node, f"{what} is empty; it needs some text")
            return _INVALID
        if one_line and "\n" in value.strip():
            check.add(node, f"{what} must be one line")
            return _INVALID
        if pattern is not None and not pattern.match(value):
            check.add(
                node,
                f"{what} must use only lowercase letters, digits and hyphens "
                f"(like 'ride-home'), not {value!r}",
            )
            return _INVALID
        return value

    return read


def _whole(node: yaml.Node, check: _FileCheck, what: str) -> Any:
    if isinstance(node, yaml.ScalarNode) and node.tag == _INT:
        try:
            return _SCALARS.construct_object(node)
        except ValueError:  # more digits than Python reads as a number
            check.add(node, f"{what} is a number too long to read")
            return _INVALID
    check.add(node, f"{what} must be a whole number, not {_found(node)}")
    return _INVALID


def _flag(node: yaml.Node, check: _FileCheck, what: str) -> Any:
    if isinstance(node, yaml.ScalarNode) and node.tag == _BOOL:
        return _SCALARS.construct_object(node)
    check.add(node, f"{what} must be true or false, not {_found(node)}")
    return _INVALID


def _scalar(node: yaml.Node, check: _FileCheck, what: str) -> Any:
    """One value whose meaning depends on the item type: the node is kept for later."""
    if isinstance(node, yaml.ScalarNode) and node.tag != _NULL:
        return node
    check.add(node, f"{what} must be a single value, not {_found(node)}")
    return _INVALID


def _list_of(read_one: Reader, entry: str) -> Reader:
    def read(node: yaml.Node, check: _FileCheck, what: str) -> Any:
        if not isinstance(node, yaml.SequenceNode):
            check.add(node, f"{what} must be a list, not {_found(node)}")
            return _INVALID
        values = [_read(read_one, child, check, f"each {entry} in {what}") for child in node.value]
        return [value for value in values if value is not _INVALID]

    return read


def _labels(node: yaml.Node, check: _FileCheck, what: str) -> Any:
    """A map of whole numbers to words, e.g. ``0: Very low``."""
    if not isinstance(node, yaml.MappingNode):
        check.add(
            node, f"{what} must be numbers with words, like '0: Very low', not {_found(node)}"
        )
        return _INVALID
    labels: dict[int, str] = {}
    lines: dict[int, int] = {}
    for key_node, value_node in node.value:
        number = _read(_whole, key_node, check, f"each number in {what}")
        words = _read(_text(one_line=True), value_node, check, f"the label for {key_node.value}")
        if number is _INVALID or words is _INVALID:
            continue
        if number in labels:
            check.add(key_node, f"duplicate label {number} (first at line {lines[number]})")
            continue
        labels[number] = words
        lines[number] = key_node.start_mark.line + 1
    return _Labels(labels, lines)


@dataclass
class _Labels:
    values: dict[int, str]
    lines: dict[int, int]


def _read(reader: Reader, node: yaml.Node, check: _FileCheck, what: str) -> Any:
    return reader(node, check, what) if _tag_ok(node, check) else _INVALID


@dataclass(frozen=True)
class _Condition:
    """One pair of a reminder's ``when``: a choice question and the option ids it fits."""

    item_id: str
    node: yaml.Node  # the question id, for problems found once every file is read
    options: tuple[tuple[str, yaml.Node], ...]


def _when(node: yaml.Node, check: _FileCheck, what: str) -> Any:
    """``setting: home`` or ``setting: [home, online]``, for each question named."""
    like = "like 'setting: home'"
    if not isinstance(node, yaml.MappingNode):
        check.add(node, f"{what} must name a question and its options, {like}, not {_found(node)}")
        return _INVALID
    if not node.value:
        check.add(node, f"{what} is empty; name a question and its options, {like}")
        return _INVALID
    conditions: list[_Condition] = []
    for key_node, value_node in node.value:
        item_id = _read(_text(pattern=_ID), key_node, check, f"each question id in {what}")
        if item_id is not _INVALID and item_id in [each.item_id for each in conditions]:
            check.add(key_node, f"{what} names '{item_id}' twice")
            continue
        option_nodes = (
            value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        )
        if not option_nodes:
            check.add(value_node, f"{what} needs at least one option id for '{key_node.value}'")
        options = [
            (_read(_text(pattern=_ID), option, check, f"each option id in {what}"), option)
            for option in option_nodes
        ]
        if item_id is _INVALID or not option_nodes or any(o is _INVALID for o, _ in options):
            continue
        conditions.append(_Condition(item_id, key_node, tuple(options)))
    return conditions


def _reminder(node: yaml.Node, check: _FileCheck, what: str) -> Any:
    """A line of text, or ``text`` with ``when`` (the answers the line fits)."""
    if isinstance(node, yaml.MappingNode):
        return _REMINDER(node, check, what)
    if isinstance(node, yaml.SequenceNode):
        check.add(node, f"{what} must be text, or 'text' with 'when', not a list")
        return _INVALID
    return _text()(node, check, what)


@dataclass(frozen=True)
class _Key:
    read: Reader
    required: bool = False


@dataclass
class _Checked:
    """A mapping after the generic checks."""

    values: dict[str, Any]  # the keys whose values passed their check
    nodes: dict[str, yaml.Node]  # the value node of every known key written
    node: yaml.Node  # the mapping itself

    def line(self, key: str | None = None) -> int:
        node = self.nodes.get(key, self.node) if key else self.node
        return int(node.start_mark.line) + 1


def _shape(schema: dict[str, _Key], thing: str) -> Reader:
    """A mapping with known keys: unknown, missing and duplicate keys are problems."""

    def read(node: yaml.Node, check: _FileCheck, what: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            check.add(node, f"{what} must be a set of keys (like 'id: ...'), not {_found(node)}")
            return _INVALID
        checked = _Checked({}, {}, node)
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not _tag_ok(key_node, check):
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                check.add(key_node, f"a key must be a plain word, not {_found(key_node)}")
                continue
            key = str(key_node.value)
            if key in first_line:
                check.add(key_node, f"duplicate key '{key}' (first at line {first_line[key]})")
                continue
            first_line[key] = key_node.start_mark.line + 1
            if key not in schema:
                check.add(key_node, _unknown_key(key, schema, thing))
                continue
            checked.nodes[key] = value_node
            value = _read(schema[key].read, value_node, check, f"'{key}'")
            if value is not _INVALID:
                checked.values[key] = value
        for key, spec in schema.items():
            if spec.required and key not in checked.nodes:
                check.add(node, f"{thing} is missing the required key '{key}'")
        return checked

    return read


def _unknown_key(key: str, schema: Iterable[str], thing: str) -> str:
    close = difflib.get_close_matches(key, list(schema), n=1)
    if close:
        return f"unknown key '{key}' in {thing}; did you mean '{close[0]}'?"
    return f"unknown key '{key}' in {thing}; the keys here are: {', '.join(schema)}"


_OPTION = _shape(
    {
        "id": _Key(_text(pattern=_ID), required=True),
        "label": _Key(_text(one_line=True), required=True),
        "todo": _Key(_text()),
    },
    "an option",
)
_REMINDER = _shape(
    {"text": _Key(_text(), required=True), "when": _Key(_when)},
    "a reminder",
)
_ALERT = _shape(
    {
        "equals": _Key(_scalar),
        "any_of": _Key(_list_of(_text(pattern=_ID), "id")),
        "at_most": _Key(_whole),
        "at_least": _Key(_whole),
        "contains": _Key(_list_of(_text(one_line=True), "word")),
        "message": _Key(_text()),
    },
    "an alert",
)
_ITEM = _shape(
    {
        "id": _Key(_text(pattern=_ID), required=True),
        "type": _Key(_text(one_line=True), required=True),
        "prompt": _Key(_text(), required=True),
        "help": _Key(_text()),
        "required": _Key(_flag),
        "options": _Key(_list_of(_OPTION, "option")),
        "examples": _Key(_list_of(_text(), "example")),
        "min": _Key(_whole),
        "max": _Key(_whole),
        "labels": _Key(_labels),
        "default": _Key(_scalar),
        "alert": _Key(_ALERT),
    },
    "an item",
)
_STEP = _shape(
    {
        "id": _Key(_text(pattern=_ID), required=True),
        "number": _Key(_whole),
        "title": _Key(_text(one_line=True), required=True),
        "summary": _Key(_text(one_line=True), required=True),
        "walked_by": _Key(_text(one_line=True)),
        "body": _Key(_text(), required=True),
        "reminders": _Key(_list_of(_reminder, "reminder")),
        "soon_after": _Key(_list_of(_text(), "line")),
        "items": _Key(_list_of(_ITEM, "item")),
    },
    "a step",
)
_LINE = _shape(
    {
        "name": _Key(_text(one_line=True), required=True),
        "contact": _Key(_text(one_line=True), required=True),
        "note": _Key(_text()),
    },
    "a crisis line",
)
_REGION = _shape(
    {
        "id": _Key(_text(pattern=_ID), required=True),
        "name": _Key(_text(one_line=True), required=True),
        "danger": _Key(_text(one_line=True)),
        "lines": _Key(_list_of(_LINE, "line"), required=True),
    },
    "a region",
)
_DANGER = _shape(
    {
        "message": _Key(_text()),
        "phrases": _Key(_list_of(_text(one_line=True), "phrase"), required=True),
    },
    "danger_phrases",
)
_SAFETY = _shape(
    {
        "intro": _Key(_text(), required=True),
        "disclaimer": _Key(_text(), required=True),
        "immediate_danger": _Key(_text(), required=True),
        "regions": _Key(_list_of(_REGION, "region"), required=True),
        "danger_phrases": _Key(_DANGER),
    },
    "safety.yaml",
)
SHORTEST_PHRASE = 3  # letters; a shorter phrase would be found inside everyday words

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
# Every item id the code reads, with the type it must have wherever it is used.
_READ_ITEM_TYPES = {
    item_id: kind for read in vocab.READ_BY_CODE.values() for item_id, kind in read.items()
}
# A reminder's ``when`` can name the choice questions asked before it is shown.
_REMINDERS_FOLLOW = {
    "03-embracing.yaml": ("02-preparing.yaml", "faq.yaml"),  # the card prepare draws
    "04-integrating.yaml": ("04-integrating.yaml",),  # the end of journal
}
SOON_AFTER_FILE = "04-integrating.yaml"  # ``soon_after`` opens journal
# The safety plan's items that help-now shows in brief: they too must keep their type.
_PLAN_ITEM_TYPES = {"people": "list", "coping": "list", "clinic-after-hours": "text"}


# --- checks that need more than one key ------------------------------------------


def _no_duplicates(entries: Iterable[_Checked], key: str, thing: str, check: _FileCheck) -> None:
    first: dict[str, int] = {}
    for entry in entries:
        value = entry.values.get(key)
        if value is None:
            continue
        if value in first:
            check.add(
                entry.line(key), f"duplicate {thing} '{value}' (first at line {first[value]})"
            )
        else:
            first[value] = entry.line(key)


def _check_step(step: _Checked, file_name: str, check: _FileCheck) -> None:
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
    if "soon_after" in step.nodes and file_name != SOON_AFTER_FILE:
        check.add(
            step.line("soon_after"),
            f"'soon_after' opens journal, so it belongs in {SOON_AFTER_FILE} only",
        )
    items: list[_Checked] = step.values.get("items", [])
    _no_duplicates(items, "id", "item id", check)
    for item in items:
        _check_item(item, check)
        if file_name == PLAN_FILE:
            _check_plan_item(item, check)
    if items:  # a step with questions keeps the ones its walk needs (docs/guides.md)
        ids = {item.values.get("id") for item in items}
        for item_id in vocab.REQUIRED.get(file_name, ()):
            kind = vocab.READ_BY_CODE[file_name][item_id]
            if item_id not in ids:
                check.add(
                    step.line("items"),
                    f"there is no item '{item_id}' (a {kind}); ketaprep reads its answers, so "
                    "keep that id (the question may be worded any way)",
                )


def _check_plan_item(item: _Checked, check: _FileCheck) -> None:
    kind, wanted = item.values.get("type"), _PLAN_ITEM_TYPES.get(item.values.get("id", ""))
    if wanted and kind in ITEM_TYPES and kind != wanted:
        check.add(
            item.line("type"),
            f"the item '{item.values['id']}' is shown by ketaprep help-now and must be a "
            f"{wanted}, not a {kind}",
        )


def _check_conditions(steps: dict[str, tuple[_Checked, _FileCheck]], builtin: set[str]) -> None:
    """Every reminder's ``when`` names a choice question asked before the reminder is
    shown, and options it has (this needs the other files, so it runs once all are read).

    A built-in file is held only to the built-in files: when a clinic's own step 2 has
    no ``setting``, the built-in card's lines that name it are simply never shown.
    """
    choices: dict[str, dict[str, list[str]]] = {
        name: {
            item.values["id"]: [
                option.values.get("id") for option in item.values.get("options", [])
            ]
            for item in step.values.get("items", [])
            if item.values.get("type") == "choice" and "id" in item.values
        }
        for name, (step, _check) in steps.items()
    }
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
                reminder.values.get("when", []) if isinstance(reminder, _Checked) else []
            )
            for condition in conditions:
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


def _check_item(item: _Checked, check: _FileCheck) -> None:
    kind = item.values.get("type")
    if kind is None:
        return
    if kind not in ITEM_TYPES:
        check.add(
            item.line("type"), f"unknown item type '{kind}'; use one of: {', '.join(ITEM_TYPES)}"
        )
        return
    shared = _READ_ITEM_TYPES.get(item.values.get("id", ""))
    if shared and kind != shared:
        check.add(
            item.line("type"),
            f"ketaprep reads the answers to '{item.values['id']}', so it must be a {shared}, "
            f"not a {kind}",
        )
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
    if kind == "confirm" and default is not None and default.tag != _BOOL:
        check.add(
            default, f"'default' of a confirm item must be true or false, not {_found(default)}"
        )
    if "alert" in item.values:
        _check_alert(item, kind, item.values["alert"], check)


def _check_options(item: _Checked, kind: str, check: _FileCheck) -> None:
    options: list[_Checked] = item.values.get("options", [])
    written = item.nodes.get("options")
    if written is None or (isinstance(written, yaml.SequenceNode) and not written.value):
        check.add(item.line("options"), f"a {kind} item needs 'options' to choose from")
    _no_duplicates(options, "id", "option id", check)
    if kind == "choice":
        for option in options:
            if "todo" in option.nodes:
                check.add(option.line("todo"), "'todo' belongs only to checklist options")


def _check_scale(item: _Checked, check: _FileCheck) -> None:
    for key in ("min", "max"):
        if key not in item.nodes:
            check.add(item.node, f"a scale item is missing the required key '{key}'")
    low, high = item.values.get("min"), item.values.get("max")
    if low is None or high is None:
        return
    if low >= high:
        check.add(item.line("min"), f"the scale's min ({low}) must be less than its max ({high})")
        return
    labels: _Labels | None = item.values.get("labels")
    for number, line in (labels.lines if labels else {}).items():
        if not low <= number <= high:
            check.add(line, f"label {number} is outside the scale {low} to {high}")


def _check_counts(item: _Checked, check: _FileCheck) -> None:
    low, high = item.values.get("min"), item.values.get("max")
    if low is not None and low < 0:
        check.add(item.line("min"), f"'min' must be 0 or more, not {low}")
    if high is not None and high < 1:
        check.add(item.line("max"), f"'max' must be 1 or more, not {high}")
    if low is not None and high is not None and low > high:
        check.add(item.line("min"), f"'min' ({low}) must not be more than 'max' ({high})")


def _check_alert(item: _Checked, kind: str, alert: _Checked, check: _FileCheck) -> None:
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
    option_ids = {option.values.get("id") for option in item.values.get("options", [])}
    equals = alert.values.get("equals")
    if equals is not None and "equals" in _ALERT_RULES[kind]:
        if kind == "confirm" and equals.tag != _BOOL:
            check.add(
                equals, f"'equals' for a confirm item must be true or false, not {_found(equals)}"
            )
        if kind == "choice" and equals.value not in option_ids:
            check.add(
                equals, f"'equals' names '{equals.value}', which is not an option of this item"
            )
    if "any_of" in _ALERT_RULES[kind]:
        for index, option_id in enumerate(alert.values.get("any_of", [])):
            if option_id not in option_ids:
                line = alert.nodes["any_of"].value[index].start_mark.line + 1
                check.add(
                    line, f"'any_of' names '{option_id}', which is not an option of this item"
                )
    low, high = item.values.get("min"), item.values.get("max")
    for rule in ("at_most", "at_least"):
        value = alert.values.get(rule)
        if kind == "scale" and value is not None and low is not None and high is not None:
            if not low <= value <= high:
                check.add(
                    alert.line(rule), f"'{rule}' ({value}) is outside the scale {low} to {high}"
                )


def _check_safety(safety: _Checked, check: _FileCheck) -> None:
    regions: list[_Checked] = safety.values.get("regions", [])
    if "regions" in safety.values and not safety.nodes["regions"].value:
        check.add(safety.line("regions"), "'regions' needs at least one region")
    _no_duplicates(regions, "id", "region id", check)
    for region in regions:
        if "lines" in region.values and not region.nodes["lines"].value:
            check.add(region.line("lines"), "a region needs at least one crisis line")
    danger: _Checked | None = safety.values.get("danger_phrases")
    if danger is not None:
        _check_danger(danger, check)


def _check_danger(danger: _Checked, check: _FileCheck) -> None:
    """Danger phrases: at least one; each with enough letters to mean something; none
    that is the same as another once case, spaces and apostrophes are set aside."""
    from ketaprep.danger import normalised

    written = danger.nodes.get("phrases")
    if isinstance(written, yaml.SequenceNode) and not written.value:
        check.add(written, "'phrases' needs at least one phrase")
    first: dict[str, int] = {}
    for node in written.value if isinstance(written, yaml.SequenceNode) else ():
        if not isinstance(node, yaml.ScalarNode) or not isinstance(node.value, str):
            continue  # its problem is already recorded
        line = node.start_mark.line + 1
        key = normalised(node.value)
        letters = sum(char.isalnum() for char in key)
        if node.value.strip() and letters < SHORTEST_PHRASE:
            check.add(
                line,
                f"the danger phrase {node.value!r} is too short; it would be found inside "
                f"everyday words (use at least {SHORTEST_PHRASE} letters)",
            )
        elif key in first:
            check.add(
                line, f"the danger phrase {node.value!r} repeats the one at line {first[key]}"
            )
        elif key:
            first[key] = line


# --- building dataclasses from checked files -------------------------------------


def _build_step(step: _Checked, source: str) -> Step:
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
        items=tuple(_build_item(item) for item in values.get("items", ())),
        source=source,
    )


def _build_reminder(reminder: str | _Checked) -> Reminder:
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


def _build_item(item: _Checked) -> Item:
    values = item.values
    kind = values["type"]
    low = values.get("min")
    if kind == "list" and low is None:
        low = 1 if values.get("required") else 0
    default = values.get("default")
    alert: _Checked | None = values.get("alert")
    labels: _Labels | None = values.get("labels")
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
        labels=labels.values if labels else {},
        default=None if default is None else _scalar_value(default, kind),
        alert=None if alert is None else _build_alert(alert, kind),
    )


def _scalar_value(node: yaml.ScalarNode, kind: str) -> str | bool:
    """true/false for a confirm item, else the text as written (so ``no`` stays 'no')."""
    if kind == "confirm":
        return bool(_SCALARS.construct_object(node))
    return str(node.value)


def _build_alert(alert: _Checked, kind: str) -> Alert:
    values = alert.values
    equals = values.get("equals")
    return Alert(
        equals=None if equals is None else _scalar_value(equals, kind),
        any_of=tuple(values.get("any_of", ())),
        at_most=values.get("at_most"),
        at_least=values.get("at_least"),
        contains=tuple(values.get("contains", ())),
        message=values.get("message"),
    )


def _build_safety(safety: _Checked, source: str) -> Safety:
    values = safety.values
    return Safety(
        intro=values["intro"],
        disclaimer=values["disclaimer"],
        immediate_danger=values["immediate_danger"],
        regions=tuple(
            Region(
                id=region.values["id"],
                name=region.values["name"],
                danger=region.values.get("danger"),
                lines=tuple(
                    CrisisLine(line.values["name"], line.values["contact"], line.values.get("note"))
                    for line in region.values["lines"]
                ),
            )
            for region in values["regions"]
        ),
        source=source,
        danger=_build_danger(values.get("danger_phrases")),
    )


def _build_danger(danger: _Checked | None) -> DangerPhrases | None:
    if danger is None:
        return None
    return DangerPhrases(tuple(danger.values["phrases"]), danger.values.get("message"))


def _with_danger(safety: Safety) -> Safety:
    """A clinic's safety.yaml without danger phrases keeps the built-in ones: leaving
    the key out must never turn the check off."""
    if safety.danger is not None:
        return safety
    result = _check_sources([_builtin_sources()[SAFETY_FILE]])
    builtin = result.safety.danger if result.safety else None
    return replace(safety, danger=builtin)


# --- reading files ---------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    name: str  # one of GUIDE_FILES
    file: Traversable
    shown_as: str  # the path printed in problems
    builtin: bool = False


TOO_DEEP = "is nested too deeply to read"


def _parse(source: _Source, check: _FileCheck) -> yaml.Node | None:
    """The file's node tree, or None (with a problem) when it cannot be read as YAML."""
    from ketaprep.small_files import FileProblem, read_small_file

    try:
        if isinstance(source.file, Path):
            data = read_small_file(source.file)
        else:  # inside a zipped wheel: ketaprep's own files
            data = source.file.read_bytes()
    except FileProblem as problem:
        check.add(None, problem.reason)
        return None
    except OSError as error:
        check.add(None, f"cannot be read: {error.strerror or error}")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        check.add(line, f"is not UTF-8 text (byte 0x{data[error.start]:02x}); save it as UTF-8")
        return None
    # libyaml's loader when PyYAML has it (about 4x faster); the same checks either way.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        if "nesting depth" in str(error.problem):  # libyaml's own limit: see RecursionError
            check.add(None, TOO_DEEP)
            return None
        mark = error.problem_mark or error.context_mark
        message = f"YAML syntax error: {error.problem or error.context}"
        if error.context and error.context_mark and error.problem:
            message += f" ({error.context} at line {error.context_mark.line + 1})"
        check.add(mark.line + 1 if mark else None, message)
        return None
    except ReaderError as error:
        line = text[: error.position].count("\n") + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        check.add(line, f"contains a character that YAML does not allow ({code:#x})")
        return None
    except yaml.YAMLError as error:
        check.add(None, f"YAML error: {error}")
        return None
    except RecursionError:
        check.add(None, TOO_DEEP)
        return None
    if root is None:
        check.add(1, "the file is empty")
        return None
    if not isinstance(root, yaml.MappingNode):
        if _tag_ok(root, check):
            check.add(
                root, f"the top of the file must be keys (like 'id: ...'), not {_found(root)}"
            )
        return None
    return root


@dataclass
class _Result:
    steps: list[Step] = field(default_factory=list)
    plan: Step | None = None
    safety: Safety | None = None
    problems: list[Problem] = field(default_factory=list)


def _check_sources(sources: Iterable[_Source]) -> _Result:
    """Check every file, then what spans files (step ids, reminders' ``when``); build
    only what is clean."""
    result = _Result()
    step_ids: dict[str, str] = {}
    read: list[tuple[_Source, _FileCheck, Any]] = []
    for source in sources:
        check = _FileCheck(source.shown_as)
        root = _parse(source, check)
        if source.name == SAFETY_FILE:
            safety = _INVALID if root is None else _read(_SAFETY, root, check, "safety.yaml")
            if safety is not _INVALID:
                _check_safety(safety, check)
            read.append((source, check, safety))
            continue
        step = _INVALID if root is None else _read(_STEP, root, check, "the step")
        if step is not _INVALID:
            _check_step(step, source.name, check)
            step_id = step.values.get("id")
            if step_id in step_ids:
                check.add(
                    step.line("id"), f"step id '{step_id}' is also used by {step_ids[step_id]}"
                )
            elif step_id is not None:
                step_ids[step_id] = source.name
        read.append((source, check, step))
    _check_conditions(
        {
            source.name: (checked, check)
            for source, check, checked in read
            if source.name != SAFETY_FILE and checked is not _INVALID
        },
        builtin={source.name for source, _check, _checked in read if source.builtin},
    )
    for source, check, checked in read:
        if not check.problems:
            if source.name == SAFETY_FILE:
                result.safety = _build_safety(checked, source.shown_as)
            elif source.name == PLAN_FILE:
                result.plan = _build_step(checked, source.shown_as)
            else:
                result.steps.append(_build_step(checked, source.shown_as))
        result.problems.extend(sorted(check.problems, key=lambda p: p.line or 0))
    return result


def builtin_dir() -> Traversable:
    """The guides shipped in the wheel; an editable install reads the repo's ``guides/``."""
    packaged = files("ketaprep") / "_guides"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "guides"


def _builtin_sources() -> dict[str, _Source]:
    folder = builtin_dir()
    return {
        name: _Source(name, folder / name, str(folder / name), builtin=True) for name in GUIDE_FILES
    }


def _custom_sources(folder: Path) -> dict[str, _Source]:
    """The known guide files in a clinic's folder; anything odd is one-sentence error."""
    names = _listing(folder)
    unknown = sorted(name for name in names if _looks_like_guide(name) and name not in GUIDE_FILES)
    if unknown:
        raise KetaprepError(
            f"The guides folder {folder} has files ketaprep does not know ({', '.join(unknown)}); "
            f"guide files are named {', '.join(GUIDE_FILES)}."
        )
    return {
        name: _Source(name, folder / name, str(folder / name))
        for name in GUIDE_FILES
        if name in names
    }


def _listing(folder: Path) -> set[str]:
    try:
        return {entry.name for entry in folder.iterdir()}
    except FileNotFoundError:
        raise KetaprepError(f"The guides folder {folder} does not exist.") from None
    except NotADirectoryError:
        raise KetaprepError(f"{folder} is a file, not a folder of guides.") from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise KetaprepError(f"The guides folder {folder} cannot be read: {reason}.") from None


def _looks_like_guide(name: str) -> bool:
    return name.endswith((".yaml", ".yml")) and not name.startswith(".")


def _refuse(problems: list[Problem], folder: Path | None) -> KetaprepError:
    """One sentence, then the problems (the first ten) for the person to fix."""
    where = f"The guides in {folder}" if folder else "ketaprep's built-in guides"
    count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
    sentence = f"{where} have {count}, so ketaprep will not use them."
    if folder:
        sentence += f" 'ketaprep guides check {folder}' lists them all."
    shown = [str(problem) for problem in problems[:10]]
    if len(problems) > 10:
        shown.append(f"... and {len(problems) - 10} more.")
    return KetaprepError("\n".join([sentence, *shown]))


# --- the public functions ---------------------------------------------------------


def load_guides(custom_dir: Path | None = None) -> Guides:
    """Every built-in guide, each replaced by the same-named file in ``custom_dir``."""
    sources = _builtin_sources()
    if custom_dir is not None:
        sources.update(_custom_sources(custom_dir))
    result = _check_sources(sources[name] for name in GUIDE_FILES)
    if result.problems:
        raise _refuse(result.problems, custom_dir)
    assert result.safety is not None and result.plan is not None
    return Guides(steps=tuple(result.steps), safety=_with_danger(result.safety), plan=result.plan)


def load_safety(custom_dir: Path | None = None) -> Safety:
    """safety.yaml alone (quick, for help-now): the clinic's copy when it has one."""
    source = _builtin_sources()[SAFETY_FILE]
    if custom_dir is not None and SAFETY_FILE in _listing(custom_dir):
        custom = custom_dir / SAFETY_FILE
        source = _Source(SAFETY_FILE, custom, str(custom))
    else:
        custom_dir = None
    result = _check_sources([source])
    if result.problems:
        raise _refuse(result.problems, custom_dir)
    assert result.safety is not None
    return _with_danger(result.safety)


def guide_files_in(folder: Path) -> list[str]:
    """The guide files ketaprep reads that ``folder`` holds."""
    names = _listing(folder)
    return [name for name in GUIDE_FILES if name in names]


def check_dir(path: Path) -> list[Problem]:
    """Every problem in a folder of guides, checked together with the built-in files it
    leaves out (so a step id used twice across files is found). A missing folder
    is a KetaprepError."""
    names = _listing(path)
    problems = []
    for name in sorted(names):
        if not _looks_like_guide(name) or name in GUIDE_FILES:
            continue
        if name.endswith(".yml") and name[:-4] + ".yaml" in GUIDE_FILES:
            message = f"ketaprep reads only .yaml files; rename it to {name[:-4]}.yaml"
        else:
            message = f"not a guide file ketaprep knows; the names are {', '.join(GUIDE_FILES)}"
        problems.append(Problem(str(path / name), None, message))
    if not any(name in GUIDE_FILES for name in names) and not problems:
        return [Problem(str(path), None, "has no guide files (like 02-preparing.yaml)")]
    sources = _builtin_sources()
    sources.update(
        {
            name: _Source(name, path / name, str(path / name))
            for name in GUIDE_FILES
            if name in names
        }
    )
    problems.extend(_check_sources(sources[name] for name in GUIDE_FILES).problems)
    return problems


def load_user_guides(guides_dir: Path | None) -> Guides:
    """The guides a command uses: ``--guides`` / KETAPREP_GUIDES, else config's ``guides``."""
    if guides_dir is None:
        from ketaprep.config import load_config

        guides_dir = load_config().guides
    return load_guides(guides_dir)


@dataclass(frozen=True)
class CrisisHelp:
    """What ``help-now`` shows. It never fails: problems become notes for stderr."""

    safety: Safety | None  # None only if even the built-in safety.yaml is broken
    regions: tuple[Region, ...] | None  # None: every region
    notes: tuple[str, ...] = ()
    bad_region: UsageError | None = None  # an unknown --region: all regions are shown, then exit 2
    unset: bool = False  # no region anywhere and the settings are fine: help-now may ask


def crisis_help(guides_dir: Path | None, region: str | None) -> CrisisHelp:
    """The crisis lines for ``region`` (else config's region, else all regions).

    Falls back to the built-in safety.yaml when the person's settings or guides
    are broken, and says so in a note.
    """
    from ketaprep.config import Config, load_config

    notes: list[str] = []
    config = Config()
    settings_read = True
    try:
        config = load_config()
    except KetaprepError as error:
        settings_read = False
        notes.append(f"{error.message} Using ketaprep's own crisis lines.")
    safety: Safety | None = None
    for folder in dict.fromkeys([guides_dir or config.guides, None]):
        try:
            safety = load_safety(folder)
            break
        except KetaprepError:
            if folder is not None:
                notes.append(
                    f"Your guides in {folder} have a problem, "
                    "so these are ketaprep's own crisis lines."
                )
    if safety is None:
        notes.append("ketaprep's crisis lines file cannot be read, so here are the main numbers.")
        return CrisisHelp(None, None, tuple(notes))
    wanted = region or config.region
    if wanted is None:
        return CrisisHelp(safety, None, tuple(notes), unset=settings_read)
    try:
        return CrisisHelp(safety, (safety.region(wanted),), tuple(notes))
    except UsageError as error:
        if region is not None:
            bad = UsageError(f"{error.message} Every region is shown above.")
            return CrisisHelp(safety, None, tuple(notes), bad_region=bad)
        notes.append(
            f"The region '{wanted}' in your settings is not one ketaprep knows, "
            "so every region is shown."
        )
        return CrisisHelp(safety, None, tuple(notes))


def welcome_safety(guides_dir: Path | None) -> Safety | None:
    """The safety.yaml whose intro greets a newcomer; None if none can be read."""
    return crisis_help(guides_dir, None).safety
