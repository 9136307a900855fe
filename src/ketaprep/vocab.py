"""The item ids the code reads from what a guide asked, in one place.

A clinic may reword any question, but these ids are how the code finds an answer
again (the intentions a journal looks back on, the wins review lists, the scales
trends draws), so ``ketaprep guides check`` makes sure each has its type wherever it
is used (``READ_BY_CODE``), and that the ids a walk cannot do without are there
(``REQUIRED``). A clinic's own check-in may leave out the wins; a prepare whose
intentions were renamed would silently keep none.
"""

from __future__ import annotations

# 02-preparing.yaml, 03-embracing.yaml and faq.yaml: walked by prepare
INTENTIONS = "intentions"
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

_SCALE_TYPES = {MOOD: "scale", ANXIETY: "scale"}

# guide file -> {item id the code reads: the item type it must have}
READ_BY_CODE: dict[str, dict[str, str]] = {
    "02-preparing.yaml": {INTENTIONS: "list", **_SCALE_TYPES},
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
}

# guide file -> the ids it must hold: without them the walk loses its point
REQUIRED: dict[str, tuple[str, ...]] = {"02-preparing.yaml": (INTENTIONS,)}
