"""The card to carry into a session, as plain lines: what ``prepare`` shows at its end,
``ketaprep card`` shows again, and the Markdown and HTML exports print.

It is made from prepare's answers and step 3 (03-embracing.yaml): the person's
intentions, then "To remember": their own lines first, then step 3's reminders that fit
the answers (such as where the session happens). After the crisis lines were shown,
help comes first and step 3's reminders are left out; the person's own words stay.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ketaprep import vocab
from ketaprep.guides.model import Step

HOLD = "What I hold in mind"
REMEMBER = "To remember"
AFTER_ALERT = (
    "Before this session, please call your clinic and tell them how you are.",
    "For help right now: ketaprep help-now",
)


@dataclass(frozen=True)
class Card:
    help_first: tuple[str, ...]  # AFTER_ALERT, or nothing
    hold: tuple[str, ...]  # the intentions
    remember: tuple[str, ...]  # the person's own lines, then step 3's reminders

    def parts(self) -> list[tuple[str, tuple[str, ...]]]:
        """(heading, lines) in the card's order, leaving out what is empty; the help
        after an alert has no heading."""
        found = [("", self.help_first), (HOLD, self.hold), (REMEMBER, self.remember)]
        return [(heading, lines) for heading, lines in found if lines]


def card_for(
    answers: Mapping[str, object], embracing: Step | None, *, after_alert: bool = False
) -> Card:
    """The card for these prepare answers; ``embracing`` is step 3, if the guides have it."""
    reminders = [] if after_alert or embracing is None else embracing.reminders_for(answers)
    own = _lines(answers.get(vocab.TO_REMEMBER))
    return Card(
        help_first=AFTER_ALERT if after_alert else (),
        hold=tuple(_lines(answers.get(vocab.INTENTIONS))),
        remember=tuple(own + reminders),
    )


def _lines(value: object) -> list[str]:
    """A list answer's lines (one line if it was kept as text), blank ones left out."""
    found = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [line for line in found if isinstance(line, str) and line.strip()]
