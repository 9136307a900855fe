"""The words every view and export shows for an entry: its title, the crisis lines shown
during it, its first words, and for an option answer the words the person saw. Plain
strings, no rich: review's views, the exports and ``delete`` read them all here.

Every view and export shows option answers through ``shown_value``, so none of them
ever shows a bare option id.

A checklist or choice answer is stored as option ids (``ride-home``, ``touched``). Each
answer also keeps the labels the person was shown for what they picked
(``Answer.labels``); those come first. Entries saved before answers kept them fall back
to the labels of the guides as they are now, and only an option no guide knows any more
is shown by its id.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ketaprep import vocab
from ketaprep.answers import holds_own_words
from ketaprep.console import visible
from ketaprep.dates import clock_time, local_time, minute_stamp, weekday_date
from ketaprep.errors import KetaprepError
from ketaprep.vocab import OPTION_TYPES

if TYPE_CHECKING:
    from ketaprep.answers import AnswerValue
    from ketaprep.guides.model import Guides
    from ketaprep.store import Answer, CrisisShown, Entry

Labels = Mapping[str, Mapping[str, str]]  # item id -> option id -> the option's label


def shown_value(answer: Answer, labels: Labels) -> AnswerValue:
    """The answer's value with each option id as the words the person saw; any other
    answer as it is. ``labels``: the current guides' (see ``guide_labels``)."""
    return shown_words(answer.item_id, answer.item_type, answer.value, answer.labels, labels)


def shown_words(
    item_id: str, item_type: str, value: AnswerValue, seen: Mapping[str, str], labels: Labels
) -> AnswerValue:
    """``shown_value`` of an answer given by its parts (``seen``: the labels kept with it)."""
    names = option_words(item_id, item_type, value, seen, labels)
    if not names:
        return value
    if isinstance(value, list):
        return [names.get(option, option) for option in value]
    if isinstance(value, str):
        return names.get(value, value)
    return value


def option_words(
    item_id: str, item_type: str, value: object, seen: Mapping[str, str], labels: Labels
) -> dict[str, str]:
    """Option id -> words, for each option an answer picked: the labels kept with it,
    else the current guides'. An option neither knows is left out (it is shown by its
    id); an answer that is not options has none."""
    if item_type not in OPTION_TYPES:
        return {}
    picked = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    words = {option: seen[option] for option in picked if seen.get(option)}
    if len(words) < len(set(picked)):  # only then are the guides read
        now = _current_labels(item_id, labels)
        words.update({o: now[o] for o in picked if o not in words and now.get(o)})
    return words


def option_labels(guides: Guides) -> dict[str, dict[str, str]]:
    """Every option item's labels in the guides, by item id."""
    return {
        item.id: {option.id: option.label for option in item.options}
        for step in guides.steps
        for item in step.items
        if item.options
    }


def guide_labels(guides_dir: Path | None) -> Labels:
    """The current guides' labels, read only if an answer needs them (one kept with its
    labels never does): the person's guides, else the built-in ones, else none."""
    return _GuideLabels(guides_dir)


def _current_labels(item_id: str, labels: Labels) -> Mapping[str, str]:
    if item_id in labels:
        return labels[item_id]
    if item_id.startswith("intention-"):  # journal's own question about each intention
        return vocab.OUTCOME_LABELS
    return {}


class _GuideLabels(Mapping[str, Mapping[str, str]]):
    """The current guides' option labels, and the ends of their scales (``scale_ends``),
    read once, when first needed."""

    def __init__(self, guides_dir: Path | None) -> None:
        self._guides_dir = guides_dir
        self._loaded: tuple[dict[str, dict[str, str]], dict[str, ScaleEnds]] | None = None

    def _read(self) -> tuple[dict[str, dict[str, str]], dict[str, ScaleEnds]]:
        if self._loaded is None:
            guides = guides_to_show(self._guides_dir)
            self._loaded = ({}, {}) if guides is None else (option_labels(guides), scales(guides))
        return self._loaded

    def _labels(self) -> dict[str, dict[str, str]]:
        return self._read()[0]

    def scale_ends(self, item_id: str) -> ScaleEnds | None:
        return self._read()[1].get(item_id)

    def __getitem__(self, item_id: str) -> Mapping[str, str]:
        return self._labels()[item_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._labels())

    def __len__(self) -> int:
        return len(self._labels())


class ScaleEnds(NamedTuple):
    """Where a scale starts and ends, and the words at each end ("" when it has none)."""

    low: int
    high: int
    low_words: str
    high_words: str


def scales(guides: Guides) -> dict[str, ScaleEnds]:
    """The ends of every scale in the guides, by item id; an id whose scales differ in
    different steps is left out (which one was asked is not known from the answer)."""
    found: dict[str, set[ScaleEnds]] = {}
    for step in (*guides.steps, guides.plan):
        for item in step.items:
            if item.type == "scale" and item.min is not None and item.max is not None:
                ends = ScaleEnds(
                    item.min, item.max, item.labels.get(item.min, ""), item.labels.get(item.max, "")
                )
                found.setdefault(item.id, set()).add(ends)
    return {item_id: ends.pop() for item_id, ends in found.items() if len(ends) == 1}


def scale_ends(item_id: str, labels: Labels) -> ScaleEnds | None:
    """The ends of the scale ``item_id`` is asked on in the current guides (read with
    their labels by ``guide_labels``); None when not known: no guide asks it now, or
    ``labels`` are given as they are, without the guides."""
    return labels.scale_ends(item_id) if isinstance(labels, _GuideLabels) else None


def scale_words(item_id: str, value: int, labels: Labels) -> str:
    """A scale's answer, ``3 of 4``; only the number when the scale's top is not known."""
    ends = scale_ends(item_id, labels)
    return str(value) if ends is None else f"{value} of {ends.high}"


def scale_legend(item_id: str, name: str, labels: Labels) -> str | None:
    """What the ends of a scale mean, ``Mood: 0 is very low, 10 very good.``; None when
    the scale is not known."""
    ends = scale_ends(item_id, labels)
    if ends is None:
        return None
    if not (ends.low_words and ends.high_words):
        return f"{name}: from {ends.low} to {ends.high}."
    low, high = ends.low_words.lower(), ends.high_words.lower()
    return f"{name}: {ends.low} is {low}, {ends.high} {high}."


def guides_to_show(guides_dir: Path | None) -> Guides | None:
    """For views of what was kept, which never refuse for want of a guide: the guides a
    command uses, else those of the settings (the ones given cannot be read), else None."""
    from ketaprep.config import user_guides_dir  # (and the guides' files)
    from ketaprep.guides.load import load_guides  # yaml: only when a view needs a guide

    for folder in dict.fromkeys([guides_dir, None]):
        try:
            return load_guides(user_guides_dir(folder))
        except KetaprepError:
            continue
    return None


# --- an entry ------------------------------------------------------------------------------

CRISIS_SHOWN = "Crisis lines were shown here."
PARTLY = "partly answered: kept as far as it was given"  # an answer stopped part way


def entry_title(entry: Entry) -> str:
    """``After session 3 · Thursday 12 March 2026, 18:30``."""
    name = visible(vocab.kind_names(entry.kind).short)  # another program's kind is its text
    if entry.kind in vocab.AROUND_A_SESSION:
        name += f" session {entry.session_number}" if entry.session_number else " a session"
    elif entry.session_number:
        name += f" (session {entry.session_number})"
    created = local_time(entry.created)
    return f"{name} · {weekday_date(created)}, {clock_time(created)}"


def excerpt(entry: Entry, labels: Labels | None = None) -> str:
    """The first words written (the first text or list answer), on one line; for an
    entry of ticks and choices only, the words of the first of those."""
    return first_words(entry, labels)[0]


def first_words(
    entry: Entry, labels: Labels | None = None, most: int | None = None
) -> tuple[str, bool]:
    """``excerpt``, and whether it is whole: with ``most``, texts are read only as far
    as their first ``most`` characters in all (a row cut shorter needs no more), and
    the words are then the start of the whole excerpt."""
    for answer in entry.answers:
        value = answer.value
        if holds_own_words(answer.item_type, value):
            return _one_line(value if isinstance(value, list) else [str(value)], most)
    for answer in entry.answers:
        if answer.item_type in OPTION_TYPES and answer.value not in (None, "", []):
            shown = shown_value(answer, {} if labels is None else labels)
            return _one_line(shown if isinstance(shown, list) else [str(shown)], most)
    return "", True


def _one_line(texts: Sequence[str], most: int | None = None) -> tuple[str, bool]:
    """The texts on one line, each one's spaces as one; and whether that is all of them.
    Spaces only ever shrink, so the line of a text's start is the start of its line."""
    whole = True
    if most is not None:
        kept: list[str] = []
        for text in texts:
            kept.append(text[:most])
            most -= len(text)
            if most <= 0:
                whole = most == 0 and len(kept) == len(texts)
                break
        texts = kept
    return "; ".join(" ".join(text.split()) for text in texts), whole


def crisis_shown_words(entry: Entry) -> list[str]:
    """In plain words, for every view and export: the crisis lines were shown during this
    entry; then, for each time, when, after which question and by which rule. Empty if
    they were not shown."""
    if not entry.crisis_shown:
        return []
    questions = {answer.item_id: answer.question for answer in entry.answers}
    return crisis_lines(entry.crisis_shown, questions)


def crisis_lines(crisis_shown: Sequence[CrisisShown], questions: Mapping[str, str]) -> list[str]:
    """``crisis_shown_words`` of an entry given by its parts: when the lines were shown,
    and its questions as asked (item id -> question)."""
    if not crisis_shown:
        return []
    lines = [CRISIS_SHOWN]
    for shown in crisis_shown:
        asked = questions.get(shown.item_id)
        question = shown.item_id if asked is None else " ".join(asked.split())
        lines.append(f'{minute_stamp(shown.shown_at)}, after "{question}" ({shown.rule})')
    return lines


def entry_label(entry: Entry, labels: Labels | None = None) -> str:
    """A line for a menu (plain text; the menu shows it as it is)."""
    label = f"{visible(vocab.kind_names(entry.kind).short)} · {minute_stamp(entry.created)}"
    if entry.is_draft:
        label += " · draft"
    words = visible(excerpt(entry, labels))
    if words:
        label += " · " + (words if len(words) <= 40 else words[:39] + "…")
    return label
