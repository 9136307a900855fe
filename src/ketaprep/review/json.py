"""The ``--json`` shapes of ``ketaprep review``, documented in docs/review-json.md.

Within version 1 fields are only added, never renamed or removed.
"""

from __future__ import annotations

import datetime
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from ketaprep import vocab
from ketaprep.review.entry_json import answer_to_json, entry_to_json, escape_unsafe, session_to_json
from ketaprep.review.trends import RHYTHM_DAYS, Counts, Point, rhythm_sentence
from ketaprep.review.words import Labels
from ketaprep.store import Entry, timestamp_text

if TYPE_CHECKING:
    from ketaprep.review.queries import EntryPage, Query, SessionSummary, TherapistNote, Win
    from ketaprep.review.scores import Series

JSON_FORMAT = "ketaprep-review"
JSON_VERSION = 1


def write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def write_document(document: dict[str, object]) -> None:
    write(dumps(document))


def dumps(document: dict[str, object]) -> str:
    text = json.dumps(
        {"format": JSON_FORMAT, "version": JSON_VERSION, **document}, ensure_ascii=False, indent=2
    )
    return escape_unsafe(text) + "\n"


def moment_json(moment: datetime.datetime) -> str:
    return timestamp_text(moment)


def day_json(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def write_page(page: EntryPage, query: Query, labels: Labels | None = None) -> None:
    """The entries of ``page`` as one document, written an entry at a time as they are
    read: the same text as the whole document given to ``dumps`` at once."""
    head = {
        "view": "entries",
        "filters": {
            "session": query.session,
            "kind": query.kind,
            "since": day_json(query.since),
            "until": day_json(query.until),
            "tag": query.tag,
            "search": query.words or None,
        },
        "total": page.total,
        "shown": page.shown,
    }
    write_indented(head, "entries", (entry_to_json(entry, labels) for entry in page.entries))


def write_indented(
    document: dict[str, object], key: str, items: Iterable[dict[str, object]]
) -> None:
    """``document`` with a last field ``key`` holding ``items``, as ``dumps`` lays it out
    (each item indented within the list), written as the items come."""
    head = dumps(document).rstrip()
    assert head.endswith("}")
    write(f'{head[:-1].rstrip()},\n  "{key}": [')
    separator = "\n    "
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        sys.stdout.write(separator + escape_unsafe(text))  # flushed at the end
        separator = ",\n    "
    write("\n  ]\n}\n" if separator != "\n    " else "]\n}\n")


def entry_json(entry: Entry, labels: Labels | None = None) -> dict[str, object]:
    return {"view": "entry", "entry": entry_to_json(entry, labels)}


def summary_json(summary: SessionSummary, labels: Labels | None = None) -> dict[str, object]:
    def after(item_id: str) -> list[dict[str, object]]:
        return [
            {"entry_id": j.id, "created": moment_json(j.created), "value": j.value(item_id)}
            for j in summary.journals
            if isinstance(j.value(item_id), int)
        ]

    prepare = summary.prepare
    return {
        "view": "session",
        "session": session_to_json(summary.session),
        "next_session": session_to_json(summary.next_session) if summary.next_session else None,
        "prepared": summary.prepared,
        "journalled": summary.journalled,
        "intentions": [
            {
                "number": notes.number,
                "text": notes.text,
                "journal": [
                    {
                        "entry_id": journal.id,
                        "created": moment_json(journal.created),
                        "value": answer.value,
                        **_words(journal, answer.item_id, labels),
                    }
                    for journal, answer in notes.notes
                ],
            }
            for notes in summary.intentions
        ],
        "scales": [
            {
                "item_id": scale,
                "before": prepare.value(scale) if prepare else None,
                "after": after(scale),
            }
            for scale in vocab.SCALES
        ],
        "clinic_questions": summary.clinic_questions,
        "checkins": [entry_to_json(entry, labels) for entry in summary.checkins],
        "entries": [entry_to_json(entry, labels) for entry in summary.entries],
    }


def _words(entry: Entry, item_id: str, labels: Labels | None) -> dict[str, object]:
    """``{"labels": ...}`` for an option answer (see ``answer_to_json``), else nothing."""
    for answer in entry.answers:
        if answer.item_id == item_id:
            shown = answer_to_json(answer, {} if labels is None else labels)
            return {"labels": shown["labels"]} if "labels" in shown else {}
    return {}


def wins_json(found: list[Win], total: int) -> dict[str, object]:
    return {
        "view": "wins",
        "total": total,
        "shown": len(found),
        "wins": [
            {"entry_id": win.entry_id, "created": moment_json(win.created), "text": win.text}
            for win in found
        ],
    }


def therapist_json(note: TherapistNote | None) -> dict[str, object] | None:
    if note is None:
        return None
    return {"text": note.text, "written": moment_json(note.written), "day": day_json(note.day)}


def trends_json(
    query: Query, counts: Counts, note: TherapistNote | None, scores: Sequence[Series] = ()
) -> dict[str, object]:
    """All of ``review --trends --json`` but its points (see ``write_streamed``)."""
    return {
        "view": "trends",
        "since": day_json(query.since),
        "until": day_json(query.until),
        "counts": {
            "sessions": counts.sessions,
            "entries": counts.entries,
            "checkins": counts.checkins,
            "recent_checkins": counts.recent_checkins,
            "recent_days": RHYTHM_DAYS,
            "days_in_a_row": counts.days_in_a_row,
        },
        "rhythm": rhythm_sentence(counts),
        "next_therapist": therapist_json(note),
        "scores": [series_json(series) for series in scores],
    }


def series_json(series: Series) -> dict[str, object]:
    """One questionnaire's totals over time, with its range and bands as they are now."""
    questionnaire = series.questionnaire
    low, high = series.span
    return {
        "questionnaire": series.id,
        "title": series.title,
        "installed": questionnaire is not None,
        "lowest": low,
        "highest": high,
        "bands": [{"from": b.low, "to": b.high, "words": b.words} for b in series.bands],
        "every_days": questionnaire.every_days if questionnaire else None,
        "credit": questionnaire.credit if questionnaire else None,
        "taken": [
            {
                "entry_id": taken.entry_id,
                "created": moment_json(taken.at),
                "total": taken.total,
                "band": taken.band,
                "subscales": taken.subscales,
            }
            for taken in series.taken
        ],
    }


def point_json(point: Point) -> dict[str, object]:
    return {
        "entry_id": point.entry_id,
        "created": moment_json(point.at),
        "kind": point.kind,
        "session_number": point.session_number,
        **{scale: point.values.get(scale) for scale in vocab.SCALES},
    }


def write_streamed(
    document: dict[str, object], key: str, items: Iterator[dict[str, object]]
) -> None:
    """``document`` with a last field ``key`` holding ``items``, written one item per line
    as they come, so a long series never sits in memory."""
    head = dumps(document).rstrip()
    assert head.endswith("}")
    write(f'{head[:-1].rstrip()},\n  "{key}": [')
    separator = "\n    "
    for item in items:
        line = json.dumps(item, ensure_ascii=False)
        write(separator + escape_unsafe(line))
        separator = ",\n    "
    write("\n  ]\n}\n" if separator != "\n    " else "]\n}\n")
