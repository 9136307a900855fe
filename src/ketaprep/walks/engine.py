"""The walk engine: ask a guide's items one by one, save each answer the moment it is given.

Nothing here knows the wording of a guide or which command is walking it. A command
gives ``walk`` the items, an Asker (terminal, plain or scripted), a ``save`` function
(usually ``store.save_answer`` for a draft entry) and, to resume, the answers it already has.
Whether an answer fits its item is said once, in ``ketaprep.answers``.

An answer given in parts (a checklist ticked one by one, a list written line by line)
is also kept part by part: the asker reports each part through the ``partial`` callback
``walk`` gives it, and ``save_partial`` keeps it, so a stop mid-question loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from ketaprep.answers import AnswerValue, InvalidAnswer, PartialFn, check_answer, partial_value
from ketaprep.ask import Asker, ask_until_valid
from ketaprep.ask.base import FIRST_QUESTION, GoBack
from ketaprep.guides.model import OPTION_TYPES, Item, Option
from ketaprep.guides.safety import Alert, DangerPhrases

SaveFn = Callable[[Item, AnswerValue], None]
AlertFn = Callable[[Item, Alert], None]


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
    before: Sequence[Item] = (),
) -> dict[str, AnswerValue]:
    """Ask every item not in ``answered``, in order; return all answers by item id.

    Each answer is checked, then handed to ``save`` before the next question, so an
    interruption (KeyboardInterrupt from the asker) loses nothing already given. While
    an answer is being given in parts, each part goes to ``save_partial`` (the value so
    far, or None once nothing is left of it). ``defaults`` (earlier answers, or one
    begun before a stop) are offered to keep, change or go on with; an alert is raised
    through ``on_alert`` after the answer that met it has been saved (the item's own
    rule first, then any of ``phrases`` in a typed answer).

    The person may go back (GoBack): the question before is asked again with its answer
    offered, and so is each one after it, until the walk is where it was; a changed
    answer is saved in its place. ``before``: the items asked before these (in an
    earlier ``walk()`` of the same entry), so going back from the first of these goes
    on into them. Before the first question of all, going back is refused with a sentence.
    """
    answers: dict[str, AnswerValue] = dict(answered or {})
    earlier = dict(defaults or {})
    sequence = [*before, *items]
    position = furthest = len(before)
    while position < len(sequence):
        item = sequence[position]
        if item.id in answers and position >= furthest:  # answered before: not asked again
            position = furthest = position + 1
            continue
        given = item.id in answers
        offered = earlier.get(item.id, item.default)
        default = answers[item.id] if given else usable_default(item, offered)
        try:
            value = ask_until_valid(
                item, asker, default, partial=_reporter(item, save_partial), back=True
            )
        except GoBack as back:
            if back.so_far is not None and not given:  # what was typed, for coming back
                earlier[item.id] = back.so_far
            position = _back_from(sequence, position, answers, asker)
            continue
        save(item, value)
        answers[item.id] = value
        if on_alert is not None and not (given and value == default):  # not again, unchanged
            for alert in alerts_met(item, value, phrases):
                on_alert(item, alert)
        position += 1
        furthest = max(furthest, position)
    return answers


def _back_from(
    sequence: Sequence[Item], position: int, answers: Mapping[str, AnswerValue], asker: Asker
) -> int:
    """Where going back from ``position`` goes: the nearest question before it with an
    answer. There is none before the first: that is said, and the walk stays."""
    for back in range(position - 1, -1, -1):
        if sequence[back].id in answers:
            return back
    asker.problem(sequence[position], InvalidAnswer("no question before", FIRST_QUESTION))
    return position


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


def choice(id: str, prompt: str, options: Mapping[str, str], *, help: str | None = None) -> Item:
    """A question of the walk's own (not a guide's) that needs one of ``options``
    (each id with its words)."""
    picks = tuple(Option(option, words) for option, words in options.items())
    return Item(id, "choice", prompt, help=help, required=True, options=picks)
