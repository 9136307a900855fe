"""Export the journal as JSON (everything needed to rebuild it) or Markdown (to read), and
import a JSON export. The JSON format is documented in docs/export-format.md.

Exports stream a batch of entries at a time, so a large journal never sits in memory.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import stat
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ketaprep.answer_words import option_words, shown_value
from ketaprep.answers import clean_value
from ketaprep.ask.first import agreed
from ketaprep.console import visible
from ketaprep.dates import local_time
from ketaprep.errors import KetaprepError, UsageError
from ketaprep.guides.model import OPTION_TYPES
from ketaprep.store import (
    KINDS,
    Answer,
    AnswerRow,
    CrisisShown,
    Entry,
    EntryFilter,
    EntryRow,
    ImportResult,
    Session,
    Store,
    open_store,
    timestamp_text,
    value_problem,
)
from ketaprep.text import clean_text

if TYPE_CHECKING:
    from ketaprep.answer_words import Labels
    from ketaprep.ask import Asker

FORMAT = "ketaprep-export"
VERSION = 1
FORMATS = ("json", "markdown", "html")

Write = Callable[[str], object]
_T = TypeVar("_T")

# JSON leaves these raw; as \u escapes they cannot reach a terminal as control codes or
# flip the direction of text. (Lone surrogates are cleaned first: see text.py.)
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# A stored value holding a surrogate as a JSON escape (a journal made before values were
# cleaned); a false match (an escaped backslash before "ud8") is only read and written again.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029]")


@dataclass(frozen=True)
class Selection:
    session: int | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None


# --- the commands ----------------------------------------------------------------------


def export_command(
    fmt: str,
    session: int | None = None,
    since: str | None = None,
    until: str | None = None,
    output: Path | None = None,
    guides_dir: Path | None = None,
    *,
    force: bool = False,
    plain: bool = False,
    asker: Asker | None = None,
) -> str | None:
    """Run ``ketaprep export``. Returns a line to show when writing to a file.

    A file already at ``output`` is replaced with ``force``, else once the person agrees
    (``asker``, or a prompt in the terminal); with no terminal to ask in, it is refused.
    """
    from ketaprep.dates import parse_date

    if fmt not in FORMATS:
        raise UsageError(f'"{fmt}" is not an export format. Please use json, markdown or html.')
    selection = Selection(
        session=session,
        since=parse_date(since, direction="past") if since else None,
        until=parse_date(until, direction="past") if until else None,
    )
    if selection.since and selection.until and selection.since > selection.until:
        raise UsageError("--since is after --until, so nothing could match. Please swap them.")
    with open_store(reading=True) as store:
        if output is not None:
            _refuse_the_journal_itself(store, output)
        if session is not None and store.session(session) is None:
            raise UsageError(f"There is no session {session} in your journal.")
        writer = _writer(fmt, guides_dir)
        if output is None:
            _to_stdout(lambda write: writer(store, write, selection))
            return None
        count = write_atomically(
            output,
            lambda write: writer(store, write, selection),
            may_replace=lambda target: (
                force
                or agreed(
                    None,
                    f"{target} already exists. Replace it?",
                    plain=plain,
                    asker=asker,
                    no_terminal=f"{target} already exists. "
                    "To replace it, run the export again with --force.",
                )
            ),
        )
    if count is None:
        return f"Kept {output} as it was. Nothing was written."
    return f"Saved {_plural(count, 'entry', 'entries')} to {output}. Only you can read it."


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
            f"Imported {_plural(result.entries_added, 'entry', 'entries')} and "
            f"{_plural(result.sessions_added, 'session', 'sessions')} from {path}."
        )
    else:
        lines.append(f"Nothing new in {path}: everything in it is already in your journal.")
    if result.entries_present and (result.entries_added or result.sessions_added):
        lines.append(
            f"{_plural(result.entries_present, 'entry was', 'entries were')} already in your "
            "journal and stayed as they are."
        )
    for kept, file_date in result.sessions_kept:
        lines.append(
            f"Session {kept.number} is in your journal on {kept.date.isoformat()}, but the file "
            f"says {file_date.isoformat()}. Kept the date in your journal."
        )
    return lines


# --- JSON out ----------------------------------------------------------------------------


def write_json(
    store: Store,
    write: Write,
    selection: Selection = Selection(),
    exported_at: datetime.datetime | None = None,
    labels: Labels | None = None,
) -> int:
    """Write the export document; one session or entry per line. Returns the entry count.
    ``labels``: the current guides' option labels, for answers saved without their own."""
    moment = timestamp_text(exported_at or datetime.datetime.now(datetime.timezone.utc))
    write(f'{{\n  "format": "{FORMAT}",\n  "version": {VERSION},\n')
    write(f'  "exported_at": "{moment}",\n  "sessions": [')
    _write_list(write, (_dumps(session_to_json(s)) for s in _sessions(store, selection)))
    write(',\n  "entries": [')
    count = _Counter()
    entry_filter = EntryFilter(
        session_number=selection.session,
        since=selection.since,
        until=selection.until,
        include_drafts=True,
    )
    crises = store.crisis_shown_by_entry(entry_filter)
    rows = store.iter_rows(entry_filter)
    _write_list(write, count(_entry_lines(rows, {} if labels is None else labels, crises)))
    write("\n}\n")
    return count.seen


def _entry_lines(
    rows: Iterator[tuple[EntryRow, list[AnswerRow]]],
    labels: Labels,
    crises: Mapping[str, list[CrisisShown]] | None = None,
) -> Iterator[str]:
    """Each entry as ``_dumps(entry_to_json(entry))`` would write it, built from the stored
    text instead: values are kept as JSON already, so a large journal exports in seconds.
    (A value holding a lone surrogate as an escape comes out with U+FFFD in its place.)"""
    quote = json.JSONEncoder(ensure_ascii=False).encode
    heads: dict[tuple[str, str, str], str] = {}  # the few questions repeat: quote them once
    for (entry_id, kind, session, guide, created, updated, finished), answers in rows:
        parts = []
        for item_id, item_type, question, value, answered_at, partial, seen in answers:
            head = heads.get((item_id, item_type, question))
            if head is None:
                head = heads[(item_id, item_type, question)] = (
                    f'{{"item_id": {quote(item_id)}, "item_type": {quote(item_type)}, '
                    f'"question": {quote(question)}, "value": '
                )
            tail = ""
            if item_type in OPTION_TYPES:
                words = option_words(
                    item_id, item_type, json.loads(value), _stored_labels(seen), labels
                )
                if words:
                    tail += f', "labels": {quote(words)}'
            if partial:
                tail += ', "partial": true'
            parts.append(f'{head}{_clean_json(value)}, "answered_at": "{answered_at}"{tail}}}')
        line = (
            f'{{"id": {quote(entry_id)}, "kind": {quote(kind)}, '
            f'"session_number": {"null" if session is None else session}, '
            f'"guide": {quote(guide)}, "created": "{created}", "updated": "{updated}", '
            f'"finished": {"null" if finished is None else quote(finished)}, '
            f'"draft": {"true" if finished is None else "false"}, '
            f'"answers": [{", ".join(parts)}], "crisis_lines_shown": '
            f"{_dumps([crisis_shown_json(shown) for shown in (crises or {}).get(entry_id, [])])}}}"
        )
        yield line if line.isascii() else _escape_unsafe(line)


def session_to_json(session: Session) -> dict[str, object]:
    return {"number": session.number, "date": session.date.isoformat(), "note": session.note}


def entry_to_json(entry: Entry, labels: Labels | None = None) -> dict[str, object]:
    """An entry as the export writes it; an option answer's ``labels`` are the words
    shown for what it picked (see ``answer_words``)."""
    return {
        "id": entry.id,
        "kind": entry.kind,
        "session_number": entry.session_number,
        "guide": entry.guide,
        "created": timestamp_text(entry.created),
        "updated": timestamp_text(entry.updated),
        "finished": timestamp_text(entry.finished) if entry.finished else None,
        "draft": entry.is_draft,
        "answers": [
            answer_to_json(answer, {} if labels is None else labels) for answer in entry.answers
        ],
        "crisis_lines_shown": [crisis_shown_json(shown) for shown in entry.crisis_shown],
    }


def crisis_shown_json(shown: CrisisShown) -> dict[str, object]:
    return {
        "item_id": shown.item_id,
        "rule": shown.rule,
        "shown_at": timestamp_text(shown.shown_at),
    }


def answer_to_json(answer: Answer, labels: Labels) -> dict[str, object]:
    fields: dict[str, object] = {
        "item_id": answer.item_id,
        "item_type": answer.item_type,
        "question": answer.question,
        "value": answer.value,
        "answered_at": timestamp_text(answer.answered_at),
    }
    words = option_words(answer.item_id, answer.item_type, answer.value, answer.labels, labels)
    if words:
        fields["labels"] = words
    if answer.partial:
        fields["partial"] = True
    return fields


def _stored_labels(text: str | None) -> dict[str, str]:
    try:
        loaded = json.loads(text) if text else {}
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _write_list(write: Write, lines: Iterator[str]) -> None:
    separator = "\n    "
    for line in lines:
        write(separator + line)
        separator = ",\n    "
    write("]" if separator == "\n    " else "\n  ]")


def _dumps(value: object) -> str:
    return _escape_unsafe(json.dumps(value, ensure_ascii=False))


def _escape_unsafe(text: str) -> str:
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", clean_text(text))


def _clean_json(value: str) -> str:
    """A stored value's JSON, with any lone surrogate in it (escaped) as U+FFFD."""
    if "\\u" not in value or not _SURROGATE_ESCAPE.search(value):
        return value
    return json.dumps(clean_value(json.loads(value)), ensure_ascii=False)


class _Counter:
    def __init__(self) -> None:
        self.seen = 0

    def __call__(self, items: Iterator[_T]) -> Iterator[_T]:
        for item in items:
            self.seen += 1
            yield item


def _sessions(store: Store, selection: Selection) -> list[Session]:
    if selection.session is not None:
        found = store.session(selection.session)
        return [found] if found else []
    if selection.since or selection.until:
        return sorted(store.sessions_within(selection.since, selection.until), key=_number)
    return sorted(store.sessions(), key=_number)


def _number(session: Session) -> int:
    return session.number


def _entries(
    store: Store,
    selection: Selection,
    *,
    session_number: int | None = None,
    no_session: bool = False,
) -> Iterator[Entry]:
    return store.iter_entries(
        session_number=selection.session if session_number is None else session_number,
        no_session=no_session,
        since=selection.since,
        until=selection.until,
        include_drafts=True,
        oldest_first=True,
    )


# --- Markdown out -------------------------------------------------------------------------

KIND_TITLES = {
    "prepare": "Before a session",
    "journal": "After a session",
    "checkin": "Check-in",
    "plan": "Safety plan",
}

# Characters Markdown could read as structure or markup, escaped wherever they are,
# and line starts that would begin a list, a heading underline or a numbered list.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>#|~&])")
_MARKDOWN_LIST_MARK = re.compile(r"^(\s*)([-+=])")
_MARKDOWN_NUMBER_MARK = re.compile(r"^(\s*\d+)([.)])")


PARTLY = "partly answered: kept as far as it was given"


def write_markdown(
    store: Store, write: Write, selection: Selection = Selection(), labels: Labels | None = None
) -> int:
    """A readable record, session by session, oldest first. Returns the entry count.
    Options are shown as the words the person saw (``labels``: the current guides')."""
    labels = {} if labels is None else labels
    today = datetime.date.today()
    write("# My ketaprep journal\n\n")
    write(
        f"Exported on {_day(today)}. This is private: it holds what you wrote. "
        'Entries marked "draft" were not finished.\n'
    )
    count = 0
    sessions = sorted(_sessions(store, selection), key=lambda s: (s.date, s.number))
    for session in sessions:
        write(f"\n## Session {session.number}: {_day(session.date)}\n")
        if session.note:
            write("\n" + _quote(session.note))
        written = 0
        for entry in _entries(store, selection, session_number=session.number):
            write(_entry_markdown(entry, labels))
            written += 1
        if not written:
            write("\nNothing written for this session yet.\n")
        count += written
    if selection.session is None:
        heading = "\n## Between sessions\n"
        for entry in _entries(store, selection, no_session=True):
            write(heading + _entry_markdown(entry, labels))
            heading = ""
            count += 1
    if not count and not sessions:
        write("\nNothing was written in this time.\n")
    return count


def _entry_markdown(entry: Entry, labels: Labels) -> str:
    created = local_time(entry.created)
    title = KIND_TITLES.get(entry.kind, entry.kind)
    parts = [f"\n### {title}: {_day(created)}, {created:%H:%M}\n"]
    if entry.is_draft:
        parts.append("\n*Draft: not finished.*\n")
    from ketaprep.review_views import crisis_shown_words

    crisis = crisis_shown_words(entry)
    if crisis:
        parts.append(f"\n**{crisis[0]}**\n\n")
        parts.append("".join(f"- {_escape(line)}\n" for line in crisis[1:]))
    if not entry.answers:
        parts.append("\n*No answers yet.*\n")
    for answer in entry.answers:
        question = _escape(" ".join(answer.question.split())) or "(no question)"
        partly = f"*({PARTLY})*\n\n" if answer.partial else ""
        parts.append(f"\n**{question}**\n\n{partly}{_answer_markdown(answer, labels)}")
    return "".join(parts)


def _answer_markdown(answer: Answer, labels: Labels) -> str:
    value = shown_value(answer, labels)
    if value is None:
        return "*(skipped)*\n"
    if isinstance(value, bool):
        return "> Yes\n" if value else "> No\n"
    if isinstance(value, int):
        return f"> {value}\n"
    if isinstance(value, list):
        if not value:
            return "*(none)*\n"
        lines = []
        for item in value:
            first, *rest = _clean(item).split("\n")
            lines.append(f"> - {_escape(first)}".rstrip())
            lines.extend(f">   {_escape(line)}".rstrip() for line in rest)
        return "\n".join(lines) + "\n"
    if not value.strip():
        return "*(left blank)*\n"
    return _quote(value)


def _quote(text: str) -> str:
    """Text as a block quote: every line quoted, so nothing in it can end the quote."""
    lines = _clean(text).split("\n")
    return "\n".join(f"> {_escape(line)}".rstrip() for line in lines) + "\n"


def _clean(text: str) -> str:
    return visible(_LINE_BREAKS.sub("\n", text))


def _escape(line: str) -> str:
    line = _MARKDOWN_INLINE.sub(r"\\\1", _clean(line).replace("\n", " "))
    line = _MARKDOWN_LIST_MARK.sub(r"\1\\\2", line)
    return _MARKDOWN_NUMBER_MARK.sub(r"\1\\\2", line)


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


# --- writing a file -----------------------------------------------------------------------


def write_atomically(
    target: Path, produce: Callable[[Write], int], *, may_replace: Callable[[Path], bool]
) -> int | None:
    """Write to a private temp file beside ``target``, then rename it into place.

    Only a plain file is ever replaced, and only once ``may_replace(target)`` agrees (None
    is returned when it does not). A link planted at ``target`` is refused, never followed:
    the rename replaces a name, not what a link points to. Ctrl-C, SIGTERM and SIGHUP stop
    it calmly, with nothing left behind but what was there before.
    """
    from ketaprep.ask.stopping import exit_code, like_ctrl_c

    target = target.expanduser()
    folder = target.parent
    with like_ctrl_c():
        try:
            if _existing_file(target) and not may_replace(target):
                return None
            if not folder.is_dir():
                raise UsageError(f"The folder {folder} does not exist. Please create it first.")
            return _write_beside(target, produce)
        except KeyboardInterrupt as stop:
            raise KetaprepError(
                f"Stopped. Nothing was written to {target}; your journal is as it was.",
                exit_code=exit_code(stop),
            ) from None


def _existing_file(target: Path) -> bool:
    """Whether ``target`` is a file already; UsageError if it is anything but a plain file
    (a folder, a link, a device, a named pipe), which is never written to or replaced."""
    try:
        found = target.lstat().st_mode
    except FileNotFoundError:
        return False
    except OSError as error:
        raise UsageError(f"Cannot write {target}: {error.strerror or error}.") from None
    if stat.S_ISREG(found):
        return True
    if stat.S_ISDIR(found):
        raise UsageError(f"{target} is a folder. Please give a file name to write to.")
    if stat.S_ISLNK(found):
        raise UsageError(
            f"{target} is a link to somewhere else, and ketaprep never writes through a link; "
            "please give the name of a plain file."
        )
    kind = "a named pipe" if stat.S_ISFIFO(found) else "a device or a socket"
    raise UsageError(
        f"{target} is {kind}, not a plain file, so ketaprep will not write your journal "
        "there; please give a file name."
    )


def _write_beside(target: Path, produce: Callable[[Write], int]) -> int:
    from ketaprep.ask.stopping import held

    folder = target.parent
    temp: Path | None = None
    try:
        with held():  # a stop in between would leave a temp file without a name to remove
            handle, name = _temp_file(folder, target.name)
            temp = Path(name)
        with os.fdopen(handle, "wb", buffering=1 << 20) as file:
            count = produce(lambda text: file.write(text.encode("utf-8")))
            file.flush()
            os.fsync(file.fileno())
        temp.chmod(0o600)
        _existing_file(target)  # once more: something may have been put there meanwhile
        os.replace(temp, target)
    except OSError as error:
        raise KetaprepError(
            f"Cannot write {target}: {error.strerror or error}. Nothing was changed there."
        ) from None
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)
    _sync_folder(folder)
    return count


def _temp_file(folder: Path, name: str) -> tuple[int, str]:
    try:
        return tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    except OSError as error:
        raise KetaprepError(f"Cannot write in {folder}: {error.strerror or error}.") from None


def _writer(fmt: str, guides_dir: Path | None) -> Callable[[Store, Write, Selection], int]:
    from ketaprep.answer_words import guide_labels

    labels = guide_labels(guides_dir)  # read only for answers saved without their labels
    if fmt == "json":
        return lambda store, write, selection: write_json(store, write, selection, labels=labels)
    if fmt == "markdown":
        return lambda store, write, selection: write_markdown(store, write, selection, labels)
    from ketaprep.export_html import write_html

    return lambda store, write, selection: write_html(store, write, selection, labels)


def _to_stdout(produce: Callable[[Write], int]) -> None:
    from ketaprep.ask.stopping import exit_code, like_ctrl_c

    stdout = sys.stdout.buffer
    try:
        with like_ctrl_c():
            produce(lambda text: stdout.write(text.encode("utf-8")))
            stdout.flush()
    except BrokenPipeError:  # the reader stopped early (``| head``): not a problem
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stdout.fileno())
        os.close(devnull)
    except KeyboardInterrupt as stop:
        raise KetaprepError(
            "Stopped before the export was finished; your journal is as it was.",
            exit_code=exit_code(stop),
        ) from None


def _sync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _refuse_the_journal_itself(store: Store, output: Path) -> None:
    try:
        target = output.expanduser().resolve()
    except (OSError, RuntimeError):  # a link loop: refused as a link when it is written
        return
    journal = store.path.resolve()
    if target in {Path(f"{journal}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")}:
        raise UsageError(f"{output} is your journal itself. Please export to another file name.")


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


# --- JSON in -------------------------------------------------------------------------------


class _Invalid(Exception):
    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


def read_export(path: Path) -> tuple[list[Session], list[Entry]]:
    """Read and check a JSON export; any problem is one sentence naming what and where."""
    from ketaprep.guides.files import IMPORT_LIMIT, FileProblem, read_small_file

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
    kind = _get(fields, "kind", where)
    if kind not in KINDS:
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
        kind=str(kind),
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
    from ketaprep.sessions import FEWEST, MOST, number_problem

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
