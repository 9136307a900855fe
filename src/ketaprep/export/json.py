"""``ketaprep export --format json``: everything needed to rebuild the journal, the
format ``ketaprep import`` reads (docs/export-format.md).

It streams a batch of entries at a time, so a large journal never sits in memory.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from ketaprep.answers import clean_value
from ketaprep.export.record import EVERYTHING, CardOf, Selection, chosen_sessions
from ketaprep.guides.model import OPTION_TYPES
from ketaprep.private_files import Write
from ketaprep.review.entry_json import (
    crisis_shown_json,
    dumps_line,
    escape_unsafe,
    session_to_json,
)
from ketaprep.review.words import Labels, option_words
from ketaprep.store import CrisisShown, EntryFilter, timestamp_text

if TYPE_CHECKING:
    from ketaprep.guides.questionnaire import Questionnaire
    from ketaprep.store import AnswerRow, EntryRow, Store

FORMAT = "ketaprep-export"
VERSION = 1

_T = TypeVar("_T")

# A stored value holding a surrogate as a JSON escape (a journal made before values were
# cleaned); a false match (an escaped backslash before "ud8") is only read and written again.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def write_json(
    store: Store,
    write: Write,
    selection: Selection = EVERYTHING,
    exported_at: datetime.datetime | None = None,
    labels: Labels | None = None,
    questionnaires: Sequence[Questionnaire] = (),  # their entries hold their totals already
    cards: CardOf | None = None,  # not in JSON: it keeps the answers a card is made from
) -> int:
    """Write the export document; one session or entry per line. Returns the entry count.
    ``labels``: the current guides' option labels, for answers saved without their own."""
    moment = timestamp_text(exported_at or datetime.datetime.now(datetime.timezone.utc))
    write(f'{{\n  "format": "{FORMAT}",\n  "version": {VERSION},\n')
    write(f'  "exported_at": "{moment}",\n  "sessions": [')
    _write_list(write, (dumps_line(session_to_json(s)) for s in chosen_sessions(store, selection)))
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
    """Each entry as ``dumps_line(entry_to_json(entry))`` would write it, built from the stored
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
        shown = [crisis_shown_json(shown) for shown in (crises or {}).get(entry_id, [])]
        line = (
            f'{{"id": {quote(entry_id)}, "kind": {quote(kind)}, '
            f'"session_number": {"null" if session is None else session}, '
            f'"guide": {quote(guide)}, "created": "{created}", "updated": "{updated}", '
            f'"finished": {"null" if finished is None else quote(finished)}, '
            f'"draft": {"true" if finished is None else "false"}, '
            f'"answers": [{", ".join(parts)}], "crisis_lines_shown": '
            f"{dumps_line(shown)}}}"
        )
        yield line if line.isascii() else escape_unsafe(line)


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
