"""The safety plan in brief: the few answers a person in crisis needs first.

One mechanism for ``help-now`` and for the crisis pause inside every walk. It reads the
newest finished plan straight from the journal file, read-only (``store.latest_answers``),
so a damaged or locked journal never stands between a person and the crisis lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ketaprep.answers import AnswerValue, answer_texts
from ketaprep.paths import Paths, get_paths
from ketaprep.vocab import CLINIC_AFTER_HOURS, COPING, PEOPLE, Kind

KIND: Kind = "plan"  # the entry kind the plan is kept as
COPING_SHOWN = 2  # the first ones of COPING, the easiest


@dataclass(frozen=True)
class PlanBrief:
    """``readable`` False: the journal is there but could not be read just now."""

    people: tuple[str, ...] = ()
    after_hours: str | None = None
    coping: tuple[str, ...] = field(default_factory=tuple)
    readable: bool = True

    @property
    def empty(self) -> bool:
        return not (self.people or self.after_hours or self.coping)


def brief_from(answers: dict[str, AnswerValue]) -> PlanBrief:
    """The brief of a plan's answers, whatever shape each answer has."""
    after_hours = _lines(answers.get(CLINIC_AFTER_HOURS))
    return PlanBrief(
        people=tuple(_lines(answers.get(PEOPLE))),
        after_hours="; ".join(after_hours) or None,
        coping=tuple(_lines(answers.get(COPING))[:COPING_SHOWN]),
    )


def read_brief(paths: Paths | None = None) -> PlanBrief:
    """The brief of the newest finished plan; empty when there is none."""
    try:
        from ketaprep.store import latest_answers  # sqlite: only when help-now reads the plan

        answers = latest_answers((paths or get_paths()).database, KIND)
    except Exception:  # nothing here, not even a broken sqlite, may keep the lines from showing
        answers = None
    if answers is None:
        return PlanBrief(readable=False)
    return brief_from(answers)


def _lines(value: AnswerValue) -> list[str]:
    """Each non-empty line of an answer, its spaces made single: a list's texts, or a
    text's lines."""
    texts = value.splitlines() if isinstance(value, str) else answer_texts(value)
    return [" ".join(text.split()) for text in texts if text.strip()]
