"""``ketaprep import``: read a JSON export (docs/export-format.md), check all of it, then
add what is new. Any problem is one sentence naming what and where, and nothing is added.
"""

from __future__ import annotations

import datetime
import json
import re
import uuid
from pathlib import Path

from ketaprep.errors import KetaprepError, UsageError
from ketaprep.export.json import FORMAT, VERSION
from ketaprep.guides.files import IMPORT_LIMIT, FileProblem, read_small_file
from ketaprep.store import (
    FEWEST,
    MOST,
    Answer,
    CrisisShown,
    Entry,
    ImportResult,
    Session,
    number_problem,
    open_store,
    value_problem,
)
from ketaprep.vocab import KINDS, as_kind, plural


def import_command(path: Path) -> list[str]:
    """Run ``ketaprep import``: check the whole file first, then add what is new."""
    sessions, entries = read_export(path)
    with open_store(full_check=True) as store:
        result = store.import_records(sessions, entries)
    return import_report(path, result)


def import_report(path: Path, result: ImportResult) -> list[str]:
    lines: list[str] = []
    if result.entries_added or result.sessions_added:
        lines.append(
            f"Imported {plural(result.entries_added, 'entry', 'entries')} and "
            f"{plural(result.sessions_added, 'session')} from {path}."
        )
    else:
        lines.append(f"Nothing new in {path}: everything in it is already in your journal.")
    if result.entries_present and (result.entries_added or result.sessions_added):
        lines.append(
            f"{plural(result.entries_present, 'entry was', 'entries were')} already in your "
            "journal and stayed as they are."
        )
    for kept, file_date in result.sessions_kept:
        lines.append(
            f"Session {kept.number} is in your journal on {kept.date.isoformat()}, but the file "
            f"says {file_date.isoformat()}. Kept the date in your journal."
        )
    return lines


class _Invalid(Exception):
    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


def read_export(path: Path) -> tuple[list[Session], list[Entry]]:
    """Read and check a JSON export; any problem is one sentence naming what and where."""
    try:
        raw = read_small_file(path.expanduser(), IMPORT_LIMIT)
    except FileProblem as problem:
        if problem.missing:
            raise UsageError(f"There is no file {path}. Please check the name.") from None
        raise UsageError(
            f"Cannot import {path}: it {problem.reason}. Nothing was imported."
        ) from None
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as error:
        detail = (
            f" ({error.msg}, line {error.lineno})"
            if isinstance(error, json.JSONDecodeError)
            else ""
        )
        raise KetaprepError(
            f"Cannot import {path}: it is not a readable JSON file{detail}. Nothing was imported."
        ) from None
    try:
        return parse_export(data)
    except _Invalid as invalid:
        if invalid.where == "format":
            raise KetaprepError(
                f"Cannot import {path}: it is not a ketaprep export ({invalid}). "
                "Nothing was imported."
            ) from None
        raise KetaprepError(f"Cannot import {path}: {invalid}. Nothing was imported.") from None
    except _Newer as newer:
        raise KetaprepError(
            f"Cannot import {path}: it was made by a newer ketaprep (export version "
            f"{newer.version}; this one reads version {VERSION}). Please update ketaprep "
            "to import it. Nothing was imported."
        ) from None


class _Newer(Exception):
    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


def parse_export(data: object) -> tuple[list[Session], list[Entry]]:
    """The sessions and entries of an export document, after checking all of it."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _Invalid("format", f'expected "{FORMAT}"')
    version = _whole(_get(data, "version", ""), "version", least=1)
    if version > VERSION:
        raise _Newer(version)
    sessions = [
        _session(item, f"sessions[{i}]") for i, item in enumerate(_list(data, "sessions", ""))
    ]
    numbers: dict[int, int] = {}
    for i, session in enumerate(sessions):
        if session.number in numbers:
            raise _Invalid(
                f"sessions[{i}].number",
                f"repeats the number of sessions[{numbers[session.number]}]",
            )
        numbers[session.number] = i
    entries: list[Entry] = []
    ids: dict[str, int] = {}
    for i, item in enumerate(_list(data, "entries", "")):
        entry = _entry(item, f"entries[{i}]")
        if entry.id in ids:
            raise _Invalid(f"entries[{i}].id", f"repeats the id of entries[{ids[entry.id]}]")
        if entry.session_number is not None and entry.session_number not in numbers:
            raise _Invalid(
                f"entries[{i}].session_number",
                f"session {entry.session_number} is not among the file's sessions",
            )
        ids[entry.id] = i
        entries.append(entry)
    return sessions, entries


def _session(data: object, where: str) -> Session:
    fields = _object(data, where)
    note = fields.get("note")
    if note is not None and not isinstance(note, str):
        raise _Invalid(f"{where}.note", "expected text or null")
    return Session(
        number=_session_number(_get(fields, "number", where), f"{where}.number"),
        date=_date(_get(fields, "date", where), f"{where}.date"),
        note=note,
    )


def _entry(data: object, where: str) -> Entry:
    fields = _object(data, where)
    entry_id = _text(_get(fields, "id", where), f"{where}.id")
    try:
        canonical = str(uuid.UUID(entry_id))
    except ValueError:
        canonical = None
    if canonical != entry_id:
        raise _Invalid(f"{where}.id", "expected an id like 3f2b8c1e-5d4a-4f6b-9c2d-1a2b3c4d5e6f")
    kind = as_kind(_get(fields, "kind", where))
    if kind is None:
        raise _Invalid(f"{where}.kind", f"expected one of {', '.join(KINDS)}")
    session_number = _get(fields, "session_number", where)
    if session_number is not None:
        session_number = _session_number(session_number, f"{where}.session_number")
    finished_at = _get(fields, "finished", where)
    finished = None if finished_at is None else _moment(finished_at, f"{where}.finished")
    draft = fields.get("draft", finished is None)
    if not isinstance(draft, bool):
        raise _Invalid(f"{where}.draft", "expected true or false")
    if draft is not (finished is None):
        raise _Invalid(
            f"{where}.draft", "does not agree with finished: a draft has no finished time"
        )
    answers = [
        _answer(item, f"{where}.answers[{i}]")
        for i, item in enumerate(_list(fields, "answers", where))
    ]
    seen: dict[str, int] = {}
    for i, answer in enumerate(answers):
        if answer.item_id in seen:
            raise _Invalid(
                f"{where}.answers[{i}].item_id",
                f"repeats the item of {where}.answers[{seen[answer.item_id]}]",
            )
        seen[answer.item_id] = i
    return Entry(
        id=entry_id,
        kind=kind,
        session_number=session_number,
        guide=_text(_get(fields, "guide", where), f"{where}.guide"),
        created=_moment(_get(fields, "created", where), f"{where}.created"),
        updated=_moment(_get(fields, "updated", where), f"{where}.updated"),
        finished=finished,
        answers=tuple(answers),
        crisis_shown=tuple(
            _crisis_shown(item, f"{where}.crisis_lines_shown[{i}]")
            for i, item in enumerate(_optional_list(fields, "crisis_lines_shown", where))
        ),
    )


def _crisis_shown(data: object, where: str) -> CrisisShown:
    fields = _object(data, where)
    item_id = _text(_get(fields, "item_id", where), f"{where}.item_id")
    if not item_id:
        raise _Invalid(f"{where}.item_id", "expected the id of the question, not empty text")
    return CrisisShown(
        item_id=item_id,
        rule=_text(_get(fields, "rule", where), f"{where}.rule"),
        shown_at=_moment(_get(fields, "shown_at", where), f"{where}.shown_at"),
    )


def _optional_list(fields: dict[str, object], key: str, where: str) -> list[object]:
    """A list that files from before it existed leave out."""
    return _list(fields, key, where) if key in fields else []


def _answer(data: object, where: str) -> Answer:
    fields = _object(data, where)
    value = _get(fields, "value", where)
    problem = value_problem(value)
    if problem:
        raise _Invalid(f"{where}.value", problem)
    item_id = _text(_get(fields, "item_id", where), f"{where}.item_id")
    if not item_id:
        raise _Invalid(f"{where}.item_id", "expected the id of the question, not empty text")
    partial = fields.get("partial", False)
    if not isinstance(partial, bool):
        raise _Invalid(f"{where}.partial", "expected true or false")
    return Answer(
        item_id=item_id,
        item_type=_text(_get(fields, "item_type", where), f"{where}.item_type"),
        question=_text(_get(fields, "question", where), f"{where}.question"),
        value=value,  # type: ignore[arg-type]  # checked by value_problem
        answered_at=_moment(_get(fields, "answered_at", where), f"{where}.answered_at"),
        partial=partial,
        labels=_labels(fields.get("labels", {}), f"{where}.labels"),
    )


def _labels(value: object, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise _Invalid(where, "expected an object of texts: each option's words by its id")
    return {str(key): words for key, words in value.items()}


def _object(data: object, where: str) -> dict[str, object]:
    if not isinstance(data, dict):
        raise _Invalid(where, "expected an object with named fields")
    return data


def _get(fields: dict[str, object], key: str, where: str) -> object:
    if key not in fields:
        raise _Invalid(f"{where}.{key}" if where else key, "is missing")
    return fields[key]


def _list(fields: dict[str, object], key: str, where: str) -> list[object]:
    value = _get(fields, key, where)
    if not isinstance(value, list):
        raise _Invalid(f"{where}.{key}" if where else key, "expected a list")
    return value


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise _Invalid(where, "expected text")
    return value


def _whole(value: object, where: str, least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise _Invalid(where, f"expected a whole number from {least} up")
    return value


def _session_number(value: object, where: str) -> int:
    if number_problem(value):
        raise _Invalid(where, f"expected a whole number from {FEWEST} to {MOST}")
    assert isinstance(value, int)
    return value


def _date(value: object, where: str) -> datetime.date:
    try:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return datetime.date.fromisoformat(value)
    except ValueError:
        pass
    raise _Invalid(where, "expected a date like 2026-12-01")


def _moment(value: object, where: str) -> datetime.datetime:
    problem = "expected a time with its UTC offset, like 2026-12-01T18:30:00+00:00"
    if not isinstance(value, str):
        raise _Invalid(where, problem)
    text = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    try:
        moment = datetime.datetime.fromisoformat(text)
        moment.astimezone(datetime.timezone.utc)
    except (ValueError, OverflowError):
        raise _Invalid(where, problem) from None
    if moment.tzinfo is None:
        raise _Invalid(where, problem)
    return moment
