"""The walk engine: ask a guide's items one by one, save each answer the moment it is given.

Nothing here knows the wording of a guide or which command is walking it. A command
gives ``walk`` the items, an Asker (terminal, plain or scripted), a ``save`` function
(usually ``store.save_answer`` for a draft entry) and, to resume, the answers it already has.
``check_answer`` is the one place that says whether an answer fits its item; the
``--answers`` pre-check and the interactive askers use it too.

An answer given in parts (a checklist ticked one by one, a list written line by line)
is also kept part by part: the asker reports each part through the ``partial`` callback
``walk`` gives it, and ``save_partial`` keeps it, so a stop mid-question loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeAlias

from ketaprep.guide_model import OPTION_TYPES, Alert, DangerPhrases, Item
from ketaprep.text import clean_text

if TYPE_CHECKING:
    from ketaprep.ask import Asker

AnswerValue: TypeAlias = str | int | bool | list[str] | None

SaveFn = Callable[[Item, AnswerValue], None]
AlertFn = Callable[[Item, Alert], None]
PartialFn = Callable[[AnswerValue], None]  # an asker reports what is given so far

_YES = {"y", "yes", "true", "on", "1"}
_NO = {"n", "no", "false", "off", "0"}


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


def answer_problems(
    items: Sequence[Item], answers: Mapping[str, object], extra_keys: Iterable[str] = ()
) -> list[str]:
    """Everything wrong with a whole set of answers (an ``--answers`` file), in item order.

    Unknown ids, missing required answers and answers that do not fit; empty when all is well.
    """
    known = {item.id for item in items} | set(extra_keys)
    problems = [f"'{key}' is not a question here" for key in answers if key not in known]
    for item in items:
        if item.id not in answers:
            if item.required:
                problems.append(f"'{item.id}' is required")
            continue
        try:
            check_answer(item, answers[item.id])
        except InvalidAnswer as error:
            problems.append(error.problem)
    return problems


def usable_default(item: Item, value: object) -> AnswerValue:
    """A saved or guide default that still fits the item, or None.

    A guide may have changed since the answer was saved: ticks of options that no
    longer exist are dropped instead of making the whole default unusable.
    """
    if value is None:
        return None
    if item.type == "checklist" and isinstance(value, list):
        known = {option.id for option in item.options}
        value = [tick for tick in value if tick in known]
    try:
        return check_answer(item, value)
    except InvalidAnswer:
        return None


def labels_seen(item: Item, value: AnswerValue) -> dict[str, str]:
    """The labels shown for the options an answer picked: kept with the answer, so it
    reads as the person saw it even after the guide's words change."""
    if item.type not in OPTION_TYPES:
        return {}
    picked = value if isinstance(value, list) else [value]
    return {option.id: option.label for option in item.options if option.id in picked}


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


def alert_met(alert: Alert, value: AnswerValue) -> bool:
    """Whether an answer meets an alert rule; any one condition is enough."""
    if value is None:
        return False
    if alert.equals is not None and not isinstance(alert.equals, bool):
        if value == alert.equals or (isinstance(value, list) and alert.equals in value):
            return True
    if isinstance(alert.equals, bool) and isinstance(value, bool) and value is alert.equals:
        return True
    if alert.any_of:
        picked = value if isinstance(value, list) else [value]
        if any(option in picked for option in alert.any_of):
            return True
    if isinstance(value, int) and not isinstance(value, bool):
        if alert.at_most is not None and value <= alert.at_most:
            return True
        if alert.at_least is not None and value >= alert.at_least:
            return True
    if alert.contains and isinstance(value, (str, list)):
        # Substring, not whole word: for safety a false alarm is better than a miss.
        text = " ".join(value) if isinstance(value, list) else value
        folded = text.casefold()
        if any(word.casefold() in folded for word in alert.contains if word):
            return True
    return False


TYPED = ("text", "long_text", "list")  # the answers a person types: checked for phrases


def alerts_met(item: Item, value: AnswerValue, phrases: DangerPhrases | None = None) -> list[Alert]:
    """The rules an answer meets: its item's alert, then a danger phrase in what was typed."""
    met = [item.alert] if item.alert is not None and alert_met(item.alert, value) else []
    if phrases is not None and item.type in TYPED and value is not None:
        typed = value if isinstance(value, list) else [str(value)]
        found = phrases.alert(typed)
        if found is not None:
            met.append(found)
    return met


def walk(
    items: Sequence[Item],
    asker: Asker,
    save: SaveFn,
    *,
    answered: Mapping[str, AnswerValue] | None = None,
    defaults: Mapping[str, AnswerValue] | None = None,
    on_alert: AlertFn | None = None,
    phrases: DangerPhrases | None = None,
    save_partial: SaveFn | None = None,
) -> dict[str, AnswerValue]:
    """Ask every item not in ``answered``, in order; return all answers by item id.

    Each answer is checked, then handed to ``save`` before the next question, so an
    interruption (KeyboardInterrupt from the asker) loses nothing already given. While
    an answer is being given in parts, each part goes to ``save_partial`` (the value so
    far, or None once nothing is left of it). ``defaults`` (earlier answers, or one
    begun before a stop) are offered to keep, change or go on with; an alert is raised
    through ``on_alert`` after the answer that met it has been saved (the item's own
    rule first, then any of ``phrases`` in a typed answer).
    """
    answers: dict[str, AnswerValue] = dict(answered or {})
    earlier = defaults or {}
    for item in items:
        if item.id in answers:
            continue
        default = usable_default(item, earlier.get(item.id, item.default))
        value = ask_until_valid(item, asker, default, partial=_reporter(item, save_partial))
        save(item, value)
        answers[item.id] = value
        if on_alert is not None:
            for alert in alerts_met(item, value, phrases):
                on_alert(item, alert)
    return answers


def _reporter(item: Item, save_partial: SaveFn | None) -> PartialFn | None:
    if save_partial is None:
        return None

    kept: list[AnswerValue] = []  # the last value saved, so a repeat is not saved again

    def report(value: AnswerValue) -> None:
        given = partial_value(item, value)
        if kept and kept[-1] == given:
            return
        save_partial(item, given)
        kept[:] = [given]

    return report


def ask_until_valid(
    item: Item, asker: Asker, default: AnswerValue, *, partial: PartialFn | None = None
) -> AnswerValue:
    """One item, asked again with the reason until the answer fits. Nothing is saved
    here; ``partial`` is handed to the asker for the parts of the answer so far."""
    while True:
        raw = asker.ask(item, default, partial=partial)
        try:
            return check_answer(item, raw)
        except InvalidAnswer as error:
            asker.problem(item, error)


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
    value = _option_meant(item, value)
    if value is None:
        if item.required:
            raise InvalidAnswer(f"{name} needs an answer", "Please choose one of the options.")
        return None
    if not isinstance(value, str) or value not in known:
        raise InvalidAnswer(
            f"{name} must be one of {', '.join(known)}", "Please choose one of the options."
        )
    return value


def _option_meant(item: Item, value: object) -> object:
    """An option id for an answer whose meaning is clear: an option's label in any case
    ("Not sure"), or YAML's true/false (from ``yes``/``no``) for options "yes" and "no"."""
    if isinstance(value, bool):
        wanted = "yes" if value else "no"
        return wanted if any(option.id == wanted for option in item.options) else value
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
