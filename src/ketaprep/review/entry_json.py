"""An entry, its answers and a session as JSON: the one shape that ``export --format
json`` writes (docs/export-format.md) and ``review --json`` shows (docs/review-json.md),
and the escaping both use.
"""

from __future__ import annotations

import json
import re

from ketaprep.review.words import Labels, option_words
from ketaprep.store import Answer, CrisisShown, Entry, Session, timestamp_text
from ketaprep.text import clean_text

# JSON leaves these raw; as \u escapes they cannot reach a terminal as control codes or
# flip the direction of text. (Lone surrogates are cleaned first: see text.py.)
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escape_unsafe(text: str) -> str:
    """JSON text with every character that could act on a terminal as a ``\\u`` escape."""
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", clean_text(text))


def dumps_line(value: object) -> str:
    """``value`` as JSON on one line, safe to print."""
    return escape_unsafe(json.dumps(value, ensure_ascii=False))


def session_to_json(session: Session) -> dict[str, object]:
    return {"number": session.number, "date": session.date.isoformat(), "note": session.note}


def entry_to_json(entry: Entry, labels: Labels | None = None) -> dict[str, object]:
    """An entry as the export writes it; an option answer's ``labels`` are the words
    shown for what it picked (see ``words``)."""
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
