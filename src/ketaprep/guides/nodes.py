"""A small schema language over YAML nodes, so every problem can name its file and line.

Files are parsed with ``yaml.compose`` (safe loader, nothing is constructed), and the
node tree is read by readers: a reader takes a node, records what is wrong with it in
the file's ``FileCheck``, and returns the value it read, or ``INVALID``. ``shape``
makes the reader of a mapping with known keys; the guide kinds are built from these.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.reader import ReaderError


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a guide file, printed as ``FILE:LINE: what is wrong``."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


class FileCheck:
    """Collects the problems of one file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, where: yaml.Node | int | None, message: str) -> None:
        line = where.start_mark.line + 1 if isinstance(where, yaml.Node) else where
        self.problems.append(Problem(self.file, line, message))


_YAML = "tag:yaml.org,2002:"
STR, INT, BOOL, NULL = _YAML + "str", _YAML + "int", _YAML + "bool", _YAML + "null"
_SEQ, _MAP = _YAML + "seq", _YAML + "map"
# What plain YAML resolves to. Anything else (``!!python/...``, ``!!binary``, ``!mine``)
# is refused; nothing is ever constructed from a tag.
_PLAIN_TAGS = {STR, INT, BOOL, NULL, _SEQ, _MAP}
_PLAIN_TAGS |= {_YAML + name for name in ("float", "timestamp", "value")}
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
INVALID: Any = object()  # a value that failed its check (its problem is already recorded)
_SCALARS = yaml.constructor.SafeConstructor()
TOO_DEEP = "is nested too deeply to read"


def found(node: yaml.Node) -> str:
    """What a node holds, in words, for 'must be X, not Y'."""
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a set of keys"
    if node.tag == NULL:
        return "empty"
    shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    words = {INT: "a whole number", _YAML + "float": "a decimal number", BOOL: "true/false"}
    return f"{words.get(node.tag, 'text')} ({shown!r})"


def line_of(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def tag_ok(node: yaml.Node, check: FileCheck) -> bool:
    if node.tag in _PLAIN_TAGS:
        return True
    if node.tag == _YAML + "merge":
        check.add(node, "merge keys ('<<') are not supported; write the keys out in full")
    else:
        tag = node.tag.replace(_YAML, "!!")
        check.add(node, f"the tag '{tag}' is not allowed; guide files use plain YAML only")
    return False


def construct(node: yaml.ScalarNode) -> Any:
    """A plain scalar's value as YAML reads it (a number, true/false)."""
    return _SCALARS.construct_object(node)


Reader = Callable[[yaml.Node, FileCheck, str], Any]


def read(reader: Reader, node: yaml.Node, check: FileCheck, what: str) -> Any:
    return reader(node, check, what) if tag_ok(node, check) else INVALID


# --- readers of one value ---------------------------------------------------------


def text(one_line: bool = False, pattern: re.Pattern[str] | None = None) -> Reader:
    """Text. A plain ``yes`` or ``10`` counts as the text written, not true or a number."""

    def read_text(node: yaml.Node, check: FileCheck, what: str) -> Any:
        if not isinstance(node, yaml.ScalarNode) or node.tag == NULL:
            check.add(node, f"{what} must be text, not {found(node)}")
            return INVALID
        value = str(node.value)
        if not value.strip():
            check.add(node, f"{what} is empty; it needs some text")
            return INVALID
        if one_line and "\n" in value.strip():
            check.add(node, f"{what} must be one line")
            return INVALID
        if pattern is not None and not pattern.match(value):
            check.add(
                node,
                f"{what} must use only lowercase letters, digits and hyphens "
                f"(like 'ride-home'), not {value!r}",
            )
            return INVALID
        return value

    return read_text


def whole(node: yaml.Node, check: FileCheck, what: str) -> Any:
    if isinstance(node, yaml.ScalarNode) and node.tag == INT:
        try:
            return construct(node)
        except ValueError:  # more digits than Python reads as a number
            check.add(node, f"{what} is a number too long to read")
            return INVALID
    check.add(node, f"{what} must be a whole number, not {found(node)}")
    return INVALID


def flag(node: yaml.Node, check: FileCheck, what: str) -> Any:
    if isinstance(node, yaml.ScalarNode) and node.tag == BOOL:
        return construct(node)
    check.add(node, f"{what} must be true or false, not {found(node)}")
    return INVALID


def scalar(node: yaml.Node, check: FileCheck, what: str) -> Any:
    """One value whose meaning depends on the item type: the node is kept for later."""
    if isinstance(node, yaml.ScalarNode) and node.tag != NULL:
        return node
    check.add(node, f"{what} must be a single value, not {found(node)}")
    return INVALID


def list_of(read_one: Reader, entry: str) -> Reader:
    def read_list(node: yaml.Node, check: FileCheck, what: str) -> Any:
        if not isinstance(node, yaml.SequenceNode):
            check.add(node, f"{what} must be a list, not {found(node)}")
            return INVALID
        values = [read(read_one, child, check, f"each {entry} in {what}") for child in node.value]
        return [value for value in values if value is not INVALID]

    return read_list


@dataclass
class Labels:
    values: dict[int, str]
    lines: dict[int, int]


def labels(node: yaml.Node, check: FileCheck, what: str) -> Any:
    """A map of whole numbers to words, e.g. ``0: Very low``."""
    if not isinstance(node, yaml.MappingNode):
        check.add(node, f"{what} must be numbers with words, like '0: Very low', not {found(node)}")
        return INVALID
    result = Labels({}, {})
    for key_node, value_node in node.value:
        number = read(whole, key_node, check, f"each number in {what}")
        words = read(text(one_line=True), value_node, check, f"the label for {key_node.value}")
        if number is INVALID or words is INVALID:
            continue
        if number in result.values:
            check.add(key_node, f"duplicate label {number} (first at line {result.lines[number]})")
            continue
        result.values[number] = words
        result.lines[number] = line_of(key_node)
    return result


# --- mappings with known keys -----------------------------------------------------


@dataclass(frozen=True)
class Key:
    read: Reader
    required: bool = False


@dataclass
class Checked:
    """A mapping after the generic checks."""

    values: dict[str, Any]  # the keys whose values passed their check
    nodes: dict[str, yaml.Node]  # the value node of every known key written
    node: yaml.Node  # the mapping itself

    def line(self, key: str | None = None) -> int:
        return line_of(self.nodes.get(key, self.node) if key else self.node)


def shape(schema: dict[str, Key], thing: str) -> Reader:
    """A mapping with known keys: unknown, missing and duplicate keys are problems."""

    def read_shape(node: yaml.Node, check: FileCheck, what: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            check.add(node, f"{what} must be a set of keys (like 'id: ...'), not {found(node)}")
            return INVALID
        checked = Checked({}, {}, node)
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = _key(key_node, check, first_line)
            if key is None:
                continue
            if key not in schema:
                check.add(key_node, _unknown_key(key, schema, thing))
                continue
            checked.nodes[key] = value_node
            value = read(schema[key].read, value_node, check, f"'{key}'")
            if value is not INVALID:
                checked.values[key] = value
        for key, spec in schema.items():
            if spec.required and key not in checked.nodes:
                check.add(node, f"{thing} is missing the required key '{key}'")
        return checked

    return read_shape


def _key(node: yaml.Node, check: FileCheck, first_line: dict[str, int]) -> str | None:
    """A key of a mapping, or None when it is not a plain word or is written twice."""
    if not tag_ok(node, check):
        return None
    if not isinstance(node, yaml.ScalarNode):
        check.add(node, f"a key must be a plain word, not {found(node)}")
        return None
    key = str(node.value)
    if key in first_line:
        check.add(node, f"duplicate key '{key}' (first at line {first_line[key]})")
        return None
    first_line[key] = line_of(node)
    return key


def _unknown_key(key: str, schema: Iterable[str], thing: str) -> str:
    close = difflib.get_close_matches(key, list(schema), n=1)
    if close:
        return f"unknown key '{key}' in {thing}; did you mean '{close[0]}'?"
    return f"unknown key '{key}' in {thing}; the keys here are: {', '.join(schema)}"


def no_duplicates(entries: Iterable[Checked], key: str, thing: str, check: FileCheck) -> None:
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


# --- the node tree of a file ------------------------------------------------------


def parse(data: bytes, check: FileCheck) -> yaml.MappingNode | None:
    """A file's node tree, or None (with a problem) when it cannot be read as YAML keys."""
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        check.add(line, f"is not UTF-8 text (byte 0x{data[error.start]:02x}); save it as UTF-8")
        return None
    root = _compose(source, check)
    if root is None or isinstance(root, yaml.MappingNode):
        return root
    if tag_ok(root, check):
        check.add(root, f"the top of the file must be keys (like 'id: ...'), not {found(root)}")
    return None


def _compose(source: str, check: FileCheck) -> yaml.Node | None:
    # libyaml's loader when PyYAML has it (about 4x faster); the same checks either way.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root: yaml.Node | None = yaml.compose(source, Loader=loader)
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
        line = source[: error.position].count("\n") + 1
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
    return root
