"""The words a person saw for an option answer. Every view and export shows option
answers through ``shown_value``, so none of them ever shows a bare option id.

A checklist or choice answer is stored as option ids (``ride-home``, ``touched``). Each
answer also keeps the labels the person was shown for what they picked
(``Answer.labels``); those come first. Entries saved before answers kept them fall back
to the labels of the guides as they are now, and only an option no guide knows any more
is shown by its id.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ketaprep.guides.model import OPTION_TYPES

if TYPE_CHECKING:
    from ketaprep.answers import AnswerValue
    from ketaprep.guides.model import Guides
    from ketaprep.store import Answer

Labels = Mapping[str, Mapping[str, str]]  # item id -> option id -> the option's label


def shown_value(answer: Answer, labels: Labels) -> AnswerValue:
    """The answer's value with each option id as the words the person saw; any other
    answer as it is. ``labels``: the current guides' (see ``guide_labels``)."""
    names = option_words(answer.item_id, answer.item_type, answer.value, answer.labels, labels)
    if not names:
        return answer.value
    if isinstance(answer.value, list):
        return [names.get(option, option) for option in answer.value]
    if isinstance(answer.value, str):
        return names.get(answer.value, answer.value)
    return answer.value


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
        from ketaprep.journal import OUTCOME_LABELS

        return OUTCOME_LABELS
    return {}


class _GuideLabels(Mapping[str, Mapping[str, str]]):
    def __init__(self, guides_dir: Path | None) -> None:
        self._guides_dir = guides_dir
        self._loaded: dict[str, dict[str, str]] | None = None

    def _labels(self) -> dict[str, dict[str, str]]:
        if self._loaded is None:
            self._loaded = _read_labels(self._guides_dir)
        return self._loaded

    def __getitem__(self, item_id: str) -> Mapping[str, str]:
        return self._labels()[item_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._labels())

    def __len__(self) -> int:
        return len(self._labels())


def _read_labels(guides_dir: Path | None) -> dict[str, dict[str, str]]:
    from ketaprep.errors import KetaprepError
    from ketaprep.guides.load import load_user_guides

    for folder in dict.fromkeys([guides_dir, None]):
        try:
            return option_labels(load_user_guides(folder))
        except KetaprepError:
            continue
    return {}
