"""A small journal for the review tests, written through the store's own API.

Item ids are the ones prepare, journal and checkin use: ``intentions`` (prepare), the
journal's ``intention-1``, ``intention-2``... about each of them, ``mood`` and ``anxiety``
in all three, ``tags``, and the check-in's ``win`` and ``next-therapist``.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping

from ketaprep.store import Answer, Entry, Session, Store, open_store

# What a person might type that must never act on the terminal or the page.
EVIL = "[red]alarm[/red] [link=file:///etc]x[/link] <b>bold</b> \x1b[2J end"
EVIL_SHOWN = "[red]alarm[/red] [link=file:///etc]x[/link] <b>bold</b> \\x1b[2J end"

TYPES = {
    "intentions": "list",
    "mood": "scale",
    "anxiety": "scale",
    "clinic-questions": "checklist",
    "own-questions": "list",
    "thoughts": "long_text",
    "feelings": "list",
    "tags": "list",
    "win": "text",
    "next-therapist": "text",
    "support": "text",
}
GUIDES = {"prepare": "preparing", "journal": "integrating", "checkin": "maintaining"}


def item_type(item_id: str) -> str:
    return "text" if item_id.startswith("intention-") else TYPES[item_id]


def write(
    store: Store,
    kind: str,
    session: int | None,
    answers: Mapping[str, object],
    *,
    finish: bool = True,
) -> Entry:
    """An entry made the way the walks make one: started, answered item by item, finished."""
    entry = store.start_entry(kind, session, GUIDES[kind])
    for item_id, value in answers.items():
        store.save_answer(entry.id, item_id, item_type(item_id), f"About {item_id}?", value)  # type: ignore[arg-type]
    if finish:
        store.finish_entry(entry.id)
    return store.entry(entry.id)


def dated(
    kind: str, session: int | None, day: datetime.date, answers: Mapping[str, object]
) -> Entry:
    """An entry written on ``day`` (local noon), for filters by date; kept with import."""
    moment = datetime.datetime.combine(day, datetime.time(12)).astimezone()
    return Entry(
        str(uuid.uuid4()),
        kind,
        session,
        GUIDES[kind],
        moment,
        moment,
        moment,
        tuple(
            Answer(item_id, item_type(item_id), f"About {item_id}?", value, moment)  # type: ignore[arg-type]
            for item_id, value in answers.items()
        ),
    )


def fill(today: datetime.date | None = None) -> dict[str, Entry]:
    """Two past sessions and one to come; prepare and two journals for session 1; one
    prepare for session 2; check-ins between. Returns the entries by a short name."""
    today = today or datetime.date.today()
    with open_store() as store:
        store.add_session(1, today - datetime.timedelta(days=20))
        store.add_session(2, today - datetime.timedelta(days=6))
        store.add_session(3, today + datetime.timedelta(days=8))
        made = {
            "prepare1": write(store, "prepare", 1, {
                "intentions": ["Be kind to myself", "Feel safe " + EVIL],
                "mood": 4,
                "anxiety": 7,
                "clinic-questions": ["insurance", "driving"],
                "own-questions": ["Can I bring music? " + EVIL],
            }),
            "journal1": write(store, "journal", 1, {
                "intention-1": "I was, mostly. The river helped.",
                "thoughts": "Quiet river morning\nsecond line " + EVIL,
                "feelings": ["calm", "tender"],
                "mood": 6,
                "anxiety": 3,
                "tags": ["Family", "river"],
            }),
            "journal1b": write(store, "journal", 1, {
                "intention-1": "Still kinder a week later.",
                "intention-2": "Safer in my body " + EVIL,
                "intention-3": "Something else came up",
                "thoughts": "A family dinner went well.",
                "mood": 7,
                "tags": ["hope"],
            }),
            "prepare2": write(store, "prepare", 2, {"intentions": ["Rest"], "mood": 5}),
            "draft": write(store, "journal", 2, {"thoughts": "half a thought lanternfish"},
                           finish=False),
        }  # fmt: skip
        for name, win, mood in (("checkin1", "walked to the river", 5), ("checkin2", EVIL, 6)):
            made[name] = write(store, "checkin", None, {
                "win": win, "mood": mood, "anxiety": 4, "next-therapist": "in 3 days",
                "tags": [EVIL],
            })  # fmt: skip
    return made


def fill_dated(days: Mapping[str, datetime.date]) -> dict[str, Entry]:
    """Check-ins on the given days (name -> day), each with its name as the win."""
    made = {
        name: dated("checkin", None, day, {"win": name, "mood": 5}) for name, day in days.items()
    }
    with open_store() as store:
        store.import_records([], made.values())
    return made


def add_session(number: int, day: datetime.date) -> Session:
    with open_store() as store:
        return store.add_session(number, day)
