"""Golden runs: every walk from an answers file, and the views of what was kept, byte for byte.

One journal is built step by step (prepare, prepare again, journal, check-ins, a plan)
and read back (review, export, help-now, session list). Each step's output must equal
its file in ``tests/golden/``. A change that moves code around must leave these alone;
a change meant to alter what people see regenerates them on purpose:

    KETAPREP_GOLDEN_UPDATE=1 python -m pytest tests/test_golden.py

and the diff of ``tests/golden/`` shows what people will see differently.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
import time_machine

from cli_helpers import ketaprep, write_answers

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("KETAPREP_GOLDEN_UPDATE") == "1"

# The clock is set to this moment (ticking on from it), so days such as "yesterday" and
# "2 days ago" come out the same in every run.
NOW = datetime.datetime(2026, 3, 12, 10, 0, tzinfo=datetime.timezone.utc)
PREPARE = {
    "session": 3,
    "date": "2026-03-11",
    "setting": "clinic",
    "ready": ["health", "every-medicine", "time", "ride-home", "food", "water"],
    "intentions": ["Be kind to myself", "Notice what my body feels"],
    "to-remember": ["Sam is taking me home after"],
    "mood": 6,
    "anxiety": 4,
    "breathe": False,
}
PREPARE_AGAIN = {"session": 3, "ready": ["health", "time"], "intentions": ["Rest"], "mood": 5}
JOURNAL = {
    "session": 3,
    "intention-1": "touched",
    "intention-1-note": "I was softer with myself than I expected.",
    "thoughts": "The garden at my grandmother's house.\nMy sister's voice, calm.",
    "feelings": ["calm", "tired"],
    "realised": "I can rest without earning it.",
    "to-share": ["The garden memory"],
    "mood": 7,
    "anxiety": 3,
    "safe": "no",
    "tags": ["garden", "family"],
}
HARD_JOURNAL = {
    "session": 2,
    "date": "2026-02-20",
    "thoughts": "Some days I want to die. I did not tell anyone.",
    "mood": 1,
    "anxiety": 9,
    "safe": "not-sure",
}
CHECKIN = {
    "practices": ["walk", "breathing"],
    "own-practices": ["Cold water on my face"],
    "support": "my sister",
    "win": "I cooked a real dinner.",
    "mood": 6,
    "anxiety": 4,
    "safe": "no",
}
PLAN = {
    "warning-signs": ["I stop answering messages"],
    "coping": ["Slow breathing", "A warm shower"],
    "people": ["Sam: 555 0101"],
    "clinic-after-hours": "555 0199",
    "reasons": ["My dog"],
}

MEASURE = {
    "enjoy": 2, "low": "many days", "energy": 1, "sleep": 3, "harsh": 2, "focus": 1,
    "harm-thoughts": 0, "note": "A long week at work.",
}  # fmt: skip
MEASURE_AGAIN = {**MEASURE, "sleep": 1, "enjoy": 1, "note": None}

# (golden file, command line, answers file contents or None)
STEPS: tuple[tuple[str, tuple[str, ...], Mapping[str, object] | None], ...] = (
    ("01-guide", ("guide",), None),
    ("02-prepare", ("prepare",), PREPARE),
    ("03-prepare-again", ("prepare",), PREPARE_AGAIN),
    ("04-journal", ("journal",), JOURNAL),
    ("05-journal-hard", ("journal",), HARD_JOURNAL),
    ("06-checkin", ("checkin",), CHECKIN),
    ("07-plan", ("plan",), PLAN),
    ("08-plan-show", ("plan", "--show"), None),
    ("09-review-list", ("review", "--list"), None),
    ("10-review-session", ("review", "--session", "3"), None),
    ("11-review-search", ("review", "--search", "garden"), None),
    ("12-review-wins", ("review", "--wins"), None),
    ("13-review-trends", ("review", "--trends"), None),
    ("14-session-list", ("session", "list"), None),
    ("15-help-now", ("help-now", "--region", "us"), None),
    ("16-guide-4", ("guide", "4"), None),
    ("17-export-markdown", ("export", "--format", "markdown"), None),
    ("18-export-json", ("export", "--format", "json"), None),
    ("19-export-html", ("export", "--format", "html"), None),
    ("20-import", ("import", "<home>/18-export-json.txt"), None),
    ("21-measure", ("measure", "low-mood"), MEASURE),
    ("22-measure-again", ("measure", "low-mood"), MEASURE_AGAIN),
    ("23-measure-list", ("measure",), None),
    ("24-review-trends-scores", ("review", "--trends"), None),
    ("25-review-trends-json", ("review", "--trends", "--json"), None),
    ("26-home", (), None),
    ("27-card", ("card",), None),
    ("28-export-therapist", ("export", "--for-therapist", "--format", "markdown"), None),
)

# The folder, entry ids and the clock's seconds differ from run to run; nothing else may.
# The folder has the same length every run, so lines wrap the same way.
_MOMENT = re.compile(r"\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?")
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_ENTRY_ID = re.compile(r"\b[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\b|\b[0-9a-f]{8}\b")


def _steady(text: str, home: Path) -> str:
    text = _MOMENT.sub("<moment>", text.replace(str(home), "<home>"))
    return _ENTRY_ID.sub("<id>", _CLOCK.sub("<time>", text))


@pytest.fixture
def short_home(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A home whose path is as long in every run (pytest's own grows with its count)."""
    home = Path(tempfile.mkdtemp(prefix="kpg-", dir="/tmp"))
    monkeypatch.setenv("KETAPREP_HOME", str(home / "h"))
    yield home
    shutil.rmtree(home)


def test_every_walk_and_view_prints_what_it_printed_before(
    short_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    with time_machine.travel(NOW, tick=True):
        _walk_every_step(short_home, monkeypatch)
    monkeypatch.delenv("TZ")
    time.tzset()


def _walk_every_step(short_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    changed = []
    for name, args, answers in STEPS:
        line = [arg.replace("<home>", str(short_home)) for arg in args]
        if answers is not None:
            line += ["--answers", str(write_answers(short_home, answers, f"{name}.yaml"))]
        result = ketaprep(*line, monkeypatch=monkeypatch)
        got = f"$ ketaprep {' '.join(args)}\nexit {result.exit_code}\n"
        got += _steady(result.output, short_home)
        (short_home / f"{name}.txt").write_text(result.output, encoding="utf-8")
        golden = GOLDEN / f"{name}.txt"
        if UPDATE:
            GOLDEN.mkdir(exist_ok=True)
            golden.write_text(got, encoding="utf-8")
        elif golden.read_text(encoding="utf-8") != got:
            changed.append(name)
    assert not changed, f"output changed in {changed}: git diff tests/golden/ after an update"
