"""Crisis help in the guides, once read: the lines by region, the alert rules that bring
them, and the danger phrases with how they are matched. Plain dataclasses, no YAML.

The danger phrases live in ``guides/safety.yaml`` (``danger_phrases``), so a clinic can
change them. A phrase matches whole words only ("kill myself" is found in "I want to KILL
myself", not in "skill myselfie"), in any case, with any spacing, with or without
apostrophes (straight or curly: "don't", "don’t" and "dont" are the same), and a hyphen
counts as a space ("self-harm" is "self harm").

A match never changes what is saved: the walk shows the crisis lines once and goes on.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ketaprep.errors import UsageError

if TYPE_CHECKING:  # for the type checker only: making a Protocol class takes a while
    from typing import Protocol

    class _Option(Protocol):
        @property
        def id(self) -> str: ...
        @property
        def label(self) -> str: ...

    class _Asked(Protocol):
        """What ``Alert.rule`` reads of an item: the words of its options."""

        @property
        def options(self) -> Sequence[_Option]: ...


SHORTEST_PHRASE = 3  # letters; a shorter phrase would be found inside everyday words


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

    def rule(self, item: _Asked) -> str:
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
        phrase = phrase_in(self.phrases, texts)
        if phrase is None:
            return None
        return Alert(contains=(phrase,), message=self.message, name=f'danger phrase "{phrase}"')


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


# --- matching danger phrases -------------------------------------------------------

_APOSTROPHES = re.compile("['\u2018\u2019\u201b\u02bc\u0060\u00b4\u2032]")
_DASHES = re.compile("[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212_/]")
_SPACES = re.compile(r"\s+")


def normalised(text: str) -> str:
    """Text as phrases are matched against it: folded case, no apostrophes, dashes as
    spaces, one space between words."""
    text = _APOSTROPHES.sub("", text.casefold())
    return _SPACES.sub(" ", _DASHES.sub(" ", text)).strip()


@functools.lru_cache(maxsize=8)
def _matcher(phrases: tuple[str, ...]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One pattern for every phrase (the longest first), and each normalised phrase's
    own spelling, to say which one matched."""
    spelled = {normalised(phrase): phrase for phrase in phrases if normalised(phrase)}
    if not spelled:
        return None, {}
    alternatives = "|".join(re.escape(key) for key in sorted(spelled, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), spelled


def phrase_in(phrases: Sequence[str], texts: Iterable[str]) -> str | None:
    """The first phrase (as the list spells it) found in any of ``texts``, or None."""
    pattern, spelled = _matcher(tuple(phrases))
    if pattern is None:
        return None
    for text in texts:
        found = pattern.search(normalised(text))
        if found:
            return spelled[found.group()]
    return None
