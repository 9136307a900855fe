"""A journal of seven entries made the way a person makes one: by the real walks, from
answers files, each on its own day. Two sessions, each got ready for and written about,
and three check-ins between them, one of which brought the crisis lines.

Session 1 (10 February 2026) is the one the therapist page tests read.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path

import pytest
import time_machine

from cli_helpers import ketaprep, write_answers

SESSION_1 = datetime.date(2026, 2, 10)
SESSION_2 = datetime.date(2026, 2, 24)
THOUGHTS = (
    "The garden at my grandmother's house came back, the smell of the tomatoes and the "
    "gate that never shut. I was small and nobody was angry.\n"
    "Later it went dark for a while and I wanted to stop, but the nurse was there and I "
    "stayed with it. Then it eased."
)
TO_SHARE = [
    "The garden memory, and why it felt safe to be small there.",
    "The dark part in the middle: I wanted to stop, then I did not. I want to talk "
    "about what that was, and what it means that I stayed. <b>not bold</b>",
]
OWN_LINE = "Ask for a blanket if I feel cold"  # on session 1's card
WINS = ["I cooked a real dinner.", "I went for a walk by the river.", "I called my sister."]

# (day, command, answers)
STEPS: tuple[tuple[datetime.date, str, Mapping[str, object]], ...] = (
    (SESSION_1 - datetime.timedelta(days=1), "prepare", {
        "session": 1, "date": SESSION_1.isoformat(), "setting": "clinic",
        "ready": ["health", "every-medicine", "time", "ride-home"],
        "intentions": ["Be kind to myself", "Notice what my body feels"],
        "to-remember": [OWN_LINE], "mood": 4, "anxiety": 7, "breathe": False,
        "clinic-questions": ["insurance", "driving"],
        "own-questions": ["Can I bring my own music to the session?"],
    }),
    (SESSION_1 + datetime.timedelta(days=1), "journal", {
        "session": 1,
        "intention-1": "touched",
        "intention-1-note": "I was softer with myself than I expected.",
        "intention-2": "not-yet",
        "intention-2-note": "My body felt far away most of the time.",
        "thoughts": THOUGHTS,
        "feelings": ["calm", "afraid", "tender"],
        "realised": "I can rest without earning it first.",
        "body": "Warm hands. A weight on my chest that lifted near the end.",
        "to-share": TO_SHARE,
        "mood": 6, "anxiety": 3, "safe": "no", "tags": ["garden", "family"],
    }),
    (SESSION_1 + datetime.timedelta(days=4), "checkin", {
        "practices": ["walk", "breathing"], "support": "my sister",
        "win": WINS[0], "mood": 6, "anxiety": 4, "safe": "no",
    }),
    (SESSION_1 + datetime.timedelta(days=8), "checkin", {
        "practices": ["walk"], "win": WINS[1], "mood": 3, "anxiety": 6, "safe": "not-sure",
    }),
    (SESSION_1 + datetime.timedelta(days=12), "checkin", {
        "practices": ["breathing", "journalling"], "own-practices": ["Music"],
        "win": WINS[2], "mood": 5, "anxiety": 5, "safe": "no",
    }),
    (SESSION_2 - datetime.timedelta(days=1), "prepare", {
        "session": 2, "date": SESSION_2.isoformat(), "setting": "clinic",
        "ready": ["health", "time", "ride-home", "food"],
        "intentions": ["Stay with the dark part if it comes"],
        "mood": 5, "anxiety": 6, "breathe": False,
    }),
    (SESSION_2 + datetime.timedelta(days=1), "journal", {
        "session": 2, "intention-1": "touched",
        "thoughts": "Shorter this time. I stayed, and it was less dark.",
        "to-share": ["Staying was easier."],
        "mood": 7, "anxiety": 3, "safe": "no",
    }),
)  # fmt: skip


def make_journey(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Walk every step on its own day (at 18:00 local); each must succeed."""
    for number, (day, command, answers) in enumerate(STEPS, start=1):
        answers_file = write_answers(folder, answers, f"journey-{number}.yaml")
        moment = datetime.datetime.combine(day, datetime.time(18)).astimezone()
        with time_machine.travel(moment, tick=True):
            result = ketaprep(command, "--answers", str(answers_file), monkeypatch=monkeypatch)
        assert result.exit_code == 0, result.output
