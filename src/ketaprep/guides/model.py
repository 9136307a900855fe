"""What a guide step is, once read: plain dataclasses, with nothing about YAML.

The walks, the views and the review only need these (and ``guides.safety``), so they
never import the modules that read and check the files (and import yaml to do it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from ketaprep import vocab
from ketaprep.errors import UsageError
from ketaprep.guides.safety import Alert, Safety

ItemType = Literal["checklist", "text", "long_text", "list", "scale", "choice", "confirm"]
ITEM_TYPES: tuple[str, ...] = (
    "checklist",
    "text",
    "long_text",
    "list",
    "scale",
    "choice",
    "confirm",
)
OPTION_TYPES = vocab.OPTION_TYPES  # answered with option ids; shown by their labels


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    todo: str | None = None  # checklist: what to do if left unticked


@dataclass(frozen=True)
class Item:
    id: str
    type: ItemType
    prompt: str
    help: str | None = None
    required: bool = False
    options: tuple[Option, ...] = ()  # checklist, choice
    examples: tuple[str, ...] = ()  # list, text
    # scale bounds; list: fewest and most answers (the loader sets a list's min:
    # 0, or 1 when required, if the file leaves it out)
    min: int | None = None
    max: int | None = None
    labels: dict[int, str] = field(default_factory=dict)  # scale
    default: str | int | bool | None = None
    alert: Alert | None = None


@dataclass(frozen=True)
class Reminder:
    """A short line for the card (step 3) or the end of a journal (step 4).

    ``when`` pairs a choice question's id with the option ids it fits (all pairs must
    hold): a line about the people close by can then fit where the session happens.
    """

    text: str
    when: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def fits(self, answers: Mapping[str, object]) -> bool:
        return all(answers.get(item_id) in option_ids for item_id, option_ids in self.when)


@dataclass(frozen=True)
class Step:
    id: str
    number: int | None  # None for the FAQ
    title: str
    summary: str
    body: str  # Markdown
    walked_by: str | None = None  # the command that walks it, e.g. "ketaprep prepare"
    reminders: tuple[Reminder, ...] = ()  # short lines for the card carried into a session
    soon_after: tuple[str, ...] = ()  # step 4: opens a journal written soon after a session
    items: tuple[Item, ...] = ()
    source: str = ""  # the file it was loaded from

    @property
    def key(self) -> str:
        """What to type after ``ketaprep guide``: the number, or the id for the FAQ."""
        return str(self.number) if self.number is not None else self.id

    def reminders_for(self, answers: Mapping[str, object]) -> list[str]:
        """The reminders that fit these answers, in order."""
        return [reminder.text for reminder in self.reminders if reminder.fits(answers)]

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)


@dataclass(frozen=True)
class Guides:
    steps: tuple[Step, ...]  # the numbered steps in order, then the FAQ
    safety: Safety
    plan: Step  # the questions of the safety plan (safety-plan.yaml)

    def step(self, key: str) -> Step:
        """A step by number ("2") or id ("preparing", "faq"); unknown: a UsageError."""
        wanted = key.strip().lower()
        for step in self.steps:
            if wanted in (step.id, step.key):
                return step
        choices = [step.key for step in self.steps]
        ids = [step.id for step in self.steps if step.number is not None]
        raise UsageError(
            f"There is no step '{key}'; choose one of: {', '.join(choices)} "
            f"(or a step's name: {', '.join(ids)})."
        )
