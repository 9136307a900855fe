"""What a questionnaire is, once read, and what its answers add up to, in plain words.

A questionnaire (``guides/questionnaires/*.yaml``, read by ``questionnaire_file``) is
a list of statements that share one response scale. Its answers add up to a total,
and optionally to subscales (sums of some of the items). Bands give each range of
totals the plain words to show ("some low mood lately"), never a diagnosis. An alert
names an item and the score on it from which the walk pauses with crisis help.

Everything here is pure: no files, no store, no terminal. The walk asks each statement
as a choice among the scale's labels (``items_to_ask``), whose option ids are the
scores; an alert becomes the walks' own alert rule on those options, so it pauses the
walk as any other alert does. A total needs every item answered: a skipped statement
would make it look lower than it is, so an incomplete set of answers has no total (and
no band), only the count of answers given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ketaprep.guides.model import Item, Option
from ketaprep.guides.safety import Alert
from ketaprep.vocab import plural

# Ids of what the walk saves besides the statements' answers: an item may not use them.
TOTAL = "total"
BAND = "band"
NOTE = "note"  # the walk's own last question: anything the person wants to add
SUBSCALE_PREFIX = "subscale-"
SCORE_TYPE = "score"  # the item type the total and the subscales are saved with
RESERVED = (TOTAL, BAND, NOTE)


@dataclass(frozen=True)
class ScalePoint:
    """One answer on the shared scale: its score and the words shown for it."""

    score: int
    label: str


@dataclass(frozen=True)
class Statement:
    """One item of a questionnaire, answered on the shared scale."""

    id: str
    prompt: str


@dataclass(frozen=True)
class Band:
    """A range of totals, both ends included, and the plain words shown for it."""

    low: int
    high: int
    words: str

    def holds(self, total: int) -> bool:
        return self.low <= total <= self.high


@dataclass(frozen=True)
class Subscale:
    """A sum over some of the items, shown beside the total."""

    id: str
    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class ItemAlert:
    """An answer scoring ``at_least`` or more on ``item`` brings crisis help."""

    item: str
    at_least: int
    message: str | None = None

    def met(self, score: int | None) -> bool:
        return score is not None and score >= self.at_least


@dataclass(frozen=True)
class Questionnaire:
    id: str
    title: str
    summary: str  # one line shown with the title: "A personal check-in, not a medical test."
    recall: str  # the question every statement answers: "Over the last two weeks, how often?"
    scale: tuple[ScalePoint, ...]
    items: tuple[Statement, ...]
    bands: tuple[Band, ...]
    credit: str  # attribution and licence, shown with it and in exports
    intro: str = ""
    subscales: tuple[Subscale, ...] = ()
    alerts: tuple[ItemAlert, ...] = ()
    every_days: int | None = None  # how often it is meant to be taken
    source: str = ""  # the file it was read from

    @property
    def lowest(self) -> int:
        """The lowest total there can be."""
        return len(self.items) * min(point.score for point in self.scale)

    @property
    def highest(self) -> int:
        """The highest total there can be."""
        return len(self.items) * max(point.score for point in self.scale)

    def label(self, score: int) -> str:
        """The scale's words for a score (the score itself if the scale has none)."""
        return next((p.label for p in self.scale if p.score == score), str(score))

    def subscale_range(self, subscale: Subscale) -> tuple[int, int]:
        scores = [point.score for point in self.scale]
        return len(subscale.items) * min(scores), len(subscale.items) * max(scores)

    def items_to_ask(self) -> tuple[Item, ...]:
        """Each statement as the walk asks it: a choice among the scale's labels, under
        the recall question, with the alert on it as the walks' own alert rule."""
        options = tuple(Option(str(point.score), point.label) for point in self.scale)
        alerts = {alert.item: alert for alert in self.alerts}
        return tuple(
            Item(
                id=statement.id,
                type="choice",
                prompt=statement.prompt,
                help=self.recall,
                options=options,
                alert=self.walk_alert(alerts[statement.id]) if statement.id in alerts else None,
            )
            for statement in self.items
        )

    def walk_alert(self, alert: ItemAlert) -> Alert:
        """``alert`` as the walks' rule: any answer scoring its level or more."""
        return Alert(any_of=tuple(str(s) for s in alert_scores(self, alert)), message=alert.message)


@dataclass(frozen=True)
class Result:
    """What a set of answers adds up to."""

    answered: int  # items with an answer on the scale
    of: int  # items in the questionnaire
    total: int | None  # None unless every item is answered
    band: Band | None
    subscales: tuple[tuple[Subscale, int | None], ...] = ()

    @property
    def complete(self) -> bool:
        return self.answered == self.of


@dataclass(frozen=True)
class Saved:
    """The results a walk saved with its answers."""

    total: int
    band: str | None  # the band's words as shown then
    subscales: dict[str, int]  # subscale id: its sum


def saved_result(answers: Mapping[str, object]) -> Saved | None:
    """The results kept with a questionnaire's answers (item id to value); None when
    there is no total (a statement was skipped)."""
    total = answers.get(TOTAL)
    if not _whole(total):
        return None
    assert isinstance(total, int)
    band = answers.get(BAND)
    subscales = {
        key.removeprefix(SUBSCALE_PREFIX): value
        for key, value in answers.items()
        if key.startswith(SUBSCALE_PREFIX) and isinstance(value, int) and _whole(value)
    }
    return Saved(total, band if isinstance(band, str) else None, subscales)


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def score_of(questionnaire: Questionnaire, value: object) -> int | None:
    """The score of one answer: a score on the scale (as a number or as the text the
    walk saves, "2"), else None (skipped, or not on the scale)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and any(point.score == value for point in questionnaire.scale):
        return value
    return None


def _sum(scores: Sequence[int | None]) -> int | None:
    return None if any(score is None for score in scores) else sum(s or 0 for s in scores)


def score(questionnaire: Questionnaire, answers: Mapping[str, object]) -> Result:
    """The total, its band and each subscale's sum for ``answers`` (item id to answer)."""
    scores = {
        item.id: score_of(questionnaire, answers.get(item.id)) for item in questionnaire.items
    }
    total = _sum(list(scores.values()))
    subscales = tuple(
        (subscale, _sum([scores.get(item_id) for item_id in subscale.items]))
        for subscale in questionnaire.subscales
    )
    return Result(
        answered=sum(1 for value in scores.values() if value is not None),
        of=len(questionnaire.items),
        total=total,
        band=band_for(questionnaire.bands, total),
        subscales=subscales,
    )


def band_for(bands: Sequence[Band], total: int | None) -> Band | None:
    """The band holding ``total``; None for no total, or one outside every band."""
    if total is None:
        return None
    return next((band for band in bands if band.holds(total)), None)


def alerts_met(questionnaire: Questionnaire, answers: Mapping[str, object]) -> list[ItemAlert]:
    """The alerts these answers meet, in the order the questionnaire lists them."""
    return [
        alert
        for alert in questionnaire.alerts
        if alert.met(score_of(questionnaire, answers.get(alert.item)))
    ]


def alert_scores(questionnaire: Questionnaire, alert: ItemAlert) -> tuple[int, ...]:
    """The scores on the scale that meet ``alert``, lowest first."""
    return tuple(sorted(p.score for p in questionnaire.scale if p.score >= alert.at_least))


# --- change since last time ---------------------------------------------------------


def change(previous: int | None, current: int | None) -> int | None:
    """How far the total moved since last time (negative: lower); None without both."""
    if previous is None or current is None:
        return None
    return current - previous


def change_words(previous: int | None, current: int | None, when: str) -> str | None:
    """The change said as it is, without judgement: ``3 lower than last time (12, on
    Monday 2 March).``; None when there is nothing to compare with."""
    moved = change(previous, current)
    if moved is None:
        return None
    before = f"last time ({previous}, {when})"
    if moved == 0:
        return f"The same as {before}."
    points = plural(abs(moved), "point")
    return f"{points} {'lower' if moved < 0 else 'higher'} than {before}."


# --- what a questionnaire file must hold, as plain checks ----------------------------


def band_problems(bands: Sequence[Band], lowest: int, highest: int) -> list[tuple[int, str]]:
    """What is wrong with the bands for totals from ``lowest`` to ``highest``: each
    problem with the index of the band it is found at. The bands must cover every
    total once: no gap, no overlap, nothing outside the range, in order."""
    problems: list[tuple[int, str]] = []
    if not bands:
        return [(0, "there are no bands; give at least one, covering every total")]
    for index, band in enumerate(bands):
        if band.low > band.high:
            problems.append((index, f"this band runs from {band.low} down to {band.high}"))
        elif band.low < lowest or band.high > highest:
            outside = f"goes outside the totals there can be ({lowest} to {highest})"
            problems.append((index, f"this band ({band.low} to {band.high}) {outside}"))
    if problems:
        return problems
    expected = lowest
    for index, band in enumerate(bands):
        if band.low > expected:
            gap = str(expected) if band.low - 1 == expected else f"{expected} to {band.low - 1}"
            problems.append((index, f"no band holds {gap}: the bands leave a gap before this one"))
        elif band.low < expected:
            inside = f"inside the band before it (which goes to {expected - 1})"
            problems.append((index, f"this band starts at {band.low}, {inside}: bands overlap"))
        expected = max(expected, band.high + 1)
    if expected <= highest:
        rest = str(highest) if expected == highest else f"{expected} to {highest}"
        problems.append((len(bands) - 1, f"no band holds {rest}: the bands stop short of the top"))
    return problems


def duplicate_scores(scale: Sequence[ScalePoint]) -> list[tuple[int, int]]:
    """``(index, first index)`` of each scale point whose score an earlier one has."""
    seen: dict[int, int] = {}
    found: list[tuple[int, int]] = []
    for index, point in enumerate(scale):
        if point.score in seen:
            found.append((index, seen[point.score]))
        else:
            seen[point.score] = index
    return found
