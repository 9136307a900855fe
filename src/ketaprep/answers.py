"""What an answer is, and whether it fits its item.

``check_answer`` is the one place that says whether an answer fits; the walk engine,
the ``--answers`` pre-check and the interactive askers all use it. Nothing here asks,
saves or shows anything. Item is named for types only: the store takes ``AnswerValue``
from here and imports nothing from the guides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeAlias

from ketaprep.text import clean_text
from ketaprep.vocab import OPTION_TYPES

if TYPE_CHECKING:
    from ketaprep.guides.model import Item

AnswerValue: TypeAlias = str | int | bool | list[str] | None
PartialFn = Callable[[AnswerValue], None]  # an asker reports what is given so far

_YES = {"y", "yes", "true", "on", "1"}
_NO = {"n", "no", "false", "off", "0"}


def answer_texts(value: AnswerValue) -> list[str]:
    """The words an answer holds: a list's texts, or a text; none for a number, a yes or
    no, or no answer. Blank texts are left out."""
    texts = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return [text for text in texts if text.strip()]


def holds_own_words(item_type: str, value: AnswerValue) -> bool:
    """Whether an answer is words the person wrote, where an entry's first words can come
    from: a list question's items, or a text that is not blank (an option is an id)."""
    if isinstance(value, list):
        return item_type == "list" and bool(value)
    return isinstance(value, str) and item_type not in OPTION_TYPES and bool(value.strip())


def clean_value(value: AnswerValue) -> AnswerValue:
    """An answer with its texts cleaned (a number, yes/no or None as it is)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_text(part) for part in value]
    return value


class InvalidAnswer(ValueError):
    """An answer that does not fit its item.

    ``problem`` names the item (for an answers file: "'mood' must be ...");
    ``hint`` speaks to the person at the prompt ("Please choose a number from 0 to 10.").
    """

    def __init__(self, problem: str, hint: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.hint = hint


def fewest_answers(item: Item) -> int:
    """How many answers a list needs: its ``min``, else 1 when required, else 0."""
    if item.min is not None:
        return item.min
    return 1 if item.required else 0


def check_answer(item: Item, value: object) -> AnswerValue:
    """The answer in its stored shape, or InvalidAnswer saying what is wrong.

    ``None`` means "no answer": allowed unless the item is required. Lenient where the
    meaning is clear (a single text for a list, "7" for a scale, "yes" for a confirm).
    """
    name = f"'{item.id}'"
    if item.type == "checklist":
        return _check_checklist(item, value, name)
    if item.type in ("text", "long_text"):
        text = _as_text(value, name, "a text")
        if text is None and item.required:
            raise InvalidAnswer(f"{name} needs an answer", "Please write a few words.")
        return text
    if item.type == "list":
        return _check_list(item, value, name)
    if item.type == "scale":
        return _check_scale(item, value, name)
    if item.type == "choice":
        return _check_choice(item, value, name)
    if item.type == "confirm":
        return _check_confirm(item, value, name)
    raise InvalidAnswer(
        f"{name} has an unknown type '{item.type}'", "This question cannot be asked."
    )


def partial_value(item: Item, value: object) -> AnswerValue:
    """What an asker reported so far, in the stored shape; None when nothing is given yet
    (all ticks taken back, no line written)."""
    if item.type in ("checklist", "list"):
        try:
            given = _as_text_list(value, f"'{item.id}'")
        except InvalidAnswer:
            return None
        if item.type == "checklist":
            known = {option.id for option in item.options}
            given = [tick for tick in given if tick in known]
        return given or None
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _as_text(value: object, name: str, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InvalidAnswer(f"{name} must be {what}", "Please write a few words.")
    text = clean_text(str(value)).strip()  # as the store will keep it
    return text or None


def _as_text_list(value: object, name: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise InvalidAnswer(f"{name} must be a list", "Please give a list of answers.")
    texts: list[str] = []
    for part in value:
        text = _as_text(part, name, "a list of texts")
        if text is not None and text not in texts:
            texts.append(text)
    return texts


def _check_checklist(item: Item, value: object, name: str) -> list[str]:
    ticked = _as_text_list(value, name)
    known = [option.id for option in item.options]
    unknown = [tick for tick in ticked if tick not in known]
    if unknown:
        raise InvalidAnswer(
            f"{name} has {_quoted(unknown)}, not among its options ({', '.join(known)})",
            "Please choose from the options shown.",
        )
    if item.required and not ticked:
        raise InvalidAnswer(f"{name} needs at least one ticked option", "Please tick at least one.")
    return ticked


def _check_list(item: Item, value: object, name: str) -> list[str]:
    texts = _as_text_list(value, name)
    fewest = fewest_answers(item)
    if len(texts) < fewest:
        many = "one answer" if fewest == 1 else f"{fewest} answers"
        raise InvalidAnswer(f"{name} needs at least {many}", f"Please add at least {many}.")
    if item.max is not None and len(texts) > item.max:
        many = "one answer" if item.max == 1 else f"{item.max} answers"
        raise InvalidAnswer(f"{name} takes at most {many}", f"Please keep it to {many}.")
    return texts


def _check_scale(item: Item, value: object, name: str) -> int | None:
    low = item.min if item.min is not None else 0
    high = item.max if item.max is not None else 10
    hint = f"Please choose a whole number from {low} to {high}."
    problem = f"{name} must be a whole number from {low} to {high}"
    if value is None or value == "":
        if item.required:
            raise InvalidAnswer(f"{name} needs an answer", hint)
        return None
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidAnswer(problem, hint)
    return value


def _check_choice(item: Item, value: object, name: str) -> str | None:
    known = [option.id for option in item.options]
    value = option_meant(item, value)
    if value is None:
        if item.required:
            raise InvalidAnswer(f"{name} needs an answer", "Please choose one of the options.")
        return None
    if not isinstance(value, str) or value not in known:
        raise InvalidAnswer(
            f"{name} must be one of {', '.join(known)}", "Please choose one of the options."
        )
    return value


def option_meant(item: Item, value: object) -> object:
    """An option id for an answer whose meaning is clear: an option's label in any case
    ("Not sure"), YAML's true/false (from ``yes``/``no``) for options "yes" and "no", or
    a whole number for an option whose id is that number (a questionnaire's scores)."""
    if isinstance(value, bool):
        wanted = "yes" if value else "no"
        return wanted if any(option.id == wanted for option in item.options) else value
    if isinstance(value, int):
        return str(value) if any(option.id == str(value) for option in item.options) else value
    if isinstance(value, str):
        folded = " ".join(value.split()).casefold()
        for option in item.options:
            if folded in (option.id, option.label.casefold()):
                return option.id
    return value


def _check_confirm(item: Item, value: object, name: str) -> bool | None:
    if isinstance(value, str) and value.strip().lower() in _YES | _NO:
        value = value.strip().lower() in _YES
    if value is None:
        if item.required:
            raise InvalidAnswer(f"{name} needs a yes or a no", "Please answer yes or no.")
        return None
    if not isinstance(value, bool):
        raise InvalidAnswer(f"{name} must be yes or no", "Please answer yes or no.")
    return value


def _quoted(values: Sequence[str]) -> str:
    return ", ".join(f"'{value}'" for value in values)
