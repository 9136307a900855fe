"""The words the code itself reads, in one place: the kinds of entry, the item ids it
reads from what a guide asked, and ``plural``.

A clinic may reword any question, but these ids are how the code finds an answer
again (the intentions a journal looks back on, the wins review lists, the scales
trends draws, the people help-now shows), so ``ketaprep guides check`` makes sure that
each file whose questions a clinic writes keeps every id read from it, with its type
(``READ_BY_CODE``). A clinic that renamed ``win``, or made it a scale, would otherwise
silently keep no wins. A step may leave such a question out on purpose by naming its id
in ``leaves_out``, except the ids a walk cannot do without (``REQUIRED``).

The ids read from the steps keep their type in every guide file, since the answers of
prepare, journal and check-in are read together (``review --trends`` finds ``mood`` in
each of them, ``review --tag`` looks at every entry); the safety plan's are read from
the plan alone.
"""

from __future__ import annotations

from typing import Literal, NamedTuple, get_args

# 02-preparing.yaml, 03-embracing.yaml and faq.yaml: walked by prepare
INTENTIONS = "intentions"
TO_REMEMBER = "to-remember"  # the person's own lines for the card
BREATHE = "breathe"
CLINIC_QUESTIONS = "clinic-questions"
OWN_QUESTIONS = "own-questions"
# 04-integrating.yaml: walked by journal
TO_SHARE = "to-share"
TAGS = "tags"
# 05-maintaining.yaml: walked by checkin
PRACTICES = "practices"  # what was done since the last check-in
OWN_PRACTICES = "own-practices"  # the person's own, offered in PRACTICES next time
WIN = "win"
NEXT_THERAPIST = "next-therapist"
# before, after and between sessions: drawn together by review --trends
MOOD = "mood"
ANXIETY = "anxiety"
SCALES = (MOOD, ANXIETY)
SCALE_NAMES = ((MOOD, "Mood"), (ANXIETY, "Anxiety"))  # as a person reads them
# safety-plan.yaml: walked by plan; help-now and the crisis pause show these in brief
PEOPLE = "people"  # a name and a number on each line
COPING = "coping"  # the easiest first
CLINIC_AFTER_HOURS = "clinic-after-hours"  # the clinic's number at night and weekends

_SCALE_TYPES = {MOOD: "scale", ANXIETY: "scale"}

# guide file -> {item id the code reads: the item type it must have}
READ_BY_CODE: dict[str, dict[str, str]] = {
    "02-preparing.yaml": {INTENTIONS: "list", TO_REMEMBER: "list", **_SCALE_TYPES},
    "03-embracing.yaml": {BREATHE: "confirm"},
    "04-integrating.yaml": {TO_SHARE: "list", TAGS: "list", **_SCALE_TYPES},
    "05-maintaining.yaml": {
        PRACTICES: "checklist",
        OWN_PRACTICES: "list",
        WIN: "text",
        NEXT_THERAPIST: "text",
        **_SCALE_TYPES,
    },
    "faq.yaml": {CLINIC_QUESTIONS: "checklist", OWN_QUESTIONS: "list"},
    "safety-plan.yaml": {PEOPLE: "list", COPING: "list", CLINIC_AFTER_HOURS: "text"},
}

# guide file -> the ids it may not leave out: without them the walk loses its point
REQUIRED: dict[str, tuple[str, ...]] = {"02-preparing.yaml": (INTENTIONS,)}
# Read when a step asks them, with their type, but never missed: they came after clinics
# wrote their own guides, which work on as they are without them.
OPTIONAL: frozenset[str] = frozenset({TO_REMEMBER})


# What an entry is: the walk that kept it. Stored as this text in the journal and in an
# export; the store and an import let in only these.
Kind = Literal["prepare", "journal", "checkin", "plan", "measure"]
KINDS: tuple[Kind, ...] = get_args(Kind)
AROUND_A_SESSION: tuple[Kind, ...] = ("prepare", "journal")  # kinds that belong to a session


class KindNames(NamedTuple):
    """What an entry of one kind is called where a person reads it."""

    title: str  # a heading in an export: "Before a session"
    short: str  # review's lists and menus: "Before"
    phrase: str  # inside a sentence: "3 March 2026, before session 4: mood 6"


# entry kind -> its names; every view and export reads them here
KIND_NAMES: dict[Kind, KindNames] = {
    "prepare": KindNames("Before a session", "Before", "before a session"),
    "journal": KindNames("After a session", "After", "after a session"),
    "checkin": KindNames("Check-in", "Check-in", "check-in"),
    "plan": KindNames("Safety plan", "Safety plan", "safety plan"),
    "measure": KindNames("Questionnaire", "Questionnaire", "questionnaire"),
}
MEASURE: Kind = "measure"  # a questionnaire's entry: its guide is the questionnaire's id


def kind_names(kind: str) -> KindNames:
    """The names of ``kind``; a kind this ketaprep does not know is called by itself."""
    known = as_kind(kind)
    return KIND_NAMES[known] if known else KindNames(kind, kind, kind)


def as_kind(value: object) -> Kind | None:
    """``value`` as a kind of entry; None when it is not one."""
    return next((kind for kind in KINDS if kind == value), None)


OPTION_TYPES = ("checklist", "choice")  # answered with option ids; shown by their labels

# journal asks how each intention went (``intention-1``, ...): option id -> its words
OUTCOME_LABELS = {
    "touched": "I touched on it",
    "not-yet": "Not yet",
    "something-else": "Something else came up",
}


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 entry``, ``2 entries``, ``1,204 entries``: a count and the word for it (``many``
    defaults to ``one`` with an s)."""
    return f"{count:,} {one if count == 1 else many or one + 's'}"
