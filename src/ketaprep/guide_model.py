"""What a guide is, once read: plain dataclasses, with nothing about YAML.

The walks, the views and the review only need these, so they import this module and
not ``ketaprep.guides``, which reads and checks the files (and imports yaml to do it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from ketaprep.errors import UsageError

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
OPTION_TYPES = ("checklist", "choice")  # answered with option ids; shown by their labels


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    todo: str | None = None  # checklist: what to do if left unticked


@dataclass(frozen=True)
class Alert:
    """When an answer meets this rule, the walk shows the crisis lines first.

    ``equals`` matches a confirm (true/false) or a choice option id; ``any_of``
    matches choice or checklist option ids; ``at_most`` / ``at_least`` match a
    scale; ``contains`` matches words in text answers (case-insensitive).
    """

    equals: str | bool | None = None
    any_of: tuple[str, ...] = ()
    at_most: int | None = None
    at_least: int | None = None
    contains: tuple[str, ...] = ()
    message: str | None = None
    name: str | None = None  # a rule not written on an item (a danger phrase): what it is

    def rule(self, item: Item) -> str:
        """The rule in a few words, as kept with the entry when it was met: options by the
        words the person saw ("the answer is Yes or Not sure")."""
        if self.name:
            return self.name
        labels = {option.id: option.label for option in item.options}
        conditions = []
        if isinstance(self.equals, bool):
            conditions.append("is yes" if self.equals else "is no")
        elif self.equals is not None:
            conditions.append(f"is {labels.get(self.equals, self.equals)}")
        if self.any_of:
            conditions.append(f"is {' or '.join(labels.get(one, one) for one in self.any_of)}")
        if self.at_most is not None:
            conditions.append(f"is {self.at_most} or less")
        if self.at_least is not None:
            conditions.append(f"is {self.at_least} or more")
        if self.contains:
            conditions.append(f"holds {' or '.join(repr(word) for word in self.contains)}")
        return f"the answer {' or '.join(conditions)}"


@dataclass(frozen=True)
class DangerPhrases:
    """safety.yaml's ``danger_phrases``: words in any typed answer that bring crisis help."""

    phrases: tuple[str, ...]
    message: str | None = None

    def alert(self, texts: list[str]) -> Alert | None:
        """The alert for the first phrase found in ``texts``, or None."""
        from ketaprep.danger import phrase_in

        phrase = phrase_in(self.phrases, texts)
        if phrase is None:
            return None
        return Alert(contains=(phrase,), message=self.message, name=f'danger phrase "{phrase}"')


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
class CrisisLine:
    name: str
    contact: str
    note: str | None = None


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    lines: tuple[CrisisLine, ...]
    danger: str | None = None  # the danger line with this region's emergency number


@dataclass(frozen=True)
class Safety:
    intro: str  # shown once, the first time ketaprep runs: what it is and is not
    disclaimer: str
    immediate_danger: str
    regions: tuple[Region, ...]
    source: str = ""
    danger: DangerPhrases | None = None  # None: the file has none (the built-in list is used)

    def region(self, key: str) -> Region:
        """A region by id; an unknown id is a UsageError naming the choices."""
        wanted = key.strip().lower()
        for region in self.regions:
            if region.id == wanted:
                return region
        raise UsageError(
            f"There is no region '{key}'; choose one of: {', '.join(self.region_ids())}."
        )

    def region_ids(self) -> list[str]:
        return [region.id for region in self.regions]


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
