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

from ketaprep.answers import AnswerValue, InvalidAnswer, check_answer, partial_value
from ketaprep.ask import Asker, ask_until_valid
from ketaprep.ask.base import FIRST_QUESTION, GOING_BACK, GoBack
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
    openings: Mapping[str, Callable[[], None]] | None = None,
) -> dict[str, AnswerValue]:
    """Ask every item not in ``answered``, in order; return all answers by item id.

    Each answer is checked, then handed to ``save`` before the next question, so an
    interruption (KeyboardInterrupt from the asker) loses nothing already given. Each
    part of an answer goes to ``save_partial`` (see ``_Parts``). ``defaults`` (earlier
    answers, or one begun before a stop) are offered to keep, change or go on with; an
    alert is raised through ``on_alert`` after the answer that met it has been saved.

    Going back (GoBack) asks the question before again with its answer offered, and each
    one after it, until the walk is where it was; a changed answer is saved in its place.
    What was given of an answer when going back from it is kept as its part and offered
    when it is asked again. ``before``: the items of an earlier ``walk()`` of the same
    entry, where going back from the first of these goes on; ``openings``: by item id,
    what is shown again when the walk comes forward to it after going back. Before the
    first question, going back is refused with a sentence; from the pause after an alert
    (GoBack from ``on_alert``), it asks that question again.
    """
    answers: dict[str, AnswerValue] = dict(answered or {})
    earlier = dict(defaults or {})  # offered: from the caller, then what was left going back
    sequence = [*before, *items]
    position = furthest = len(before)
    again = -1  # a question to ask again although it was just answered
    while position < len(sequence):
        item = sequence[position]
        if item.id in answers and position >= furthest and position != again:  # not again
            position = furthest = position + 1
            continue
        given = item.id in answers
        default = offered_value(item, earlier.get(item.id, answers.get(item.id, item.default)))
        parts = _Parts(item, save_partial, default, kept=given or item.id in earlier)
        try:
            value = ask_until_valid(item, asker, default, partial=parts.report, back=True)
        except GoBack as back:
            parts.left(back.so_far, earlier)  # what was given: offered on the way back
            position = _back_from(sequence, position, answers, asker)
            continue
        changed = not given or value != answers[item.id]  # unchanged: no alert again
        save(item, value)
        answers[item.id] = value
        earlier.pop(item.id, None)
        if changed and not _alerts_raised(item, value, on_alert, phrases):
            again = position  # gone back from the pause after an alert: this question again
            continue
        position += 1
        _opening(openings, sequence[position:], again=position <= furthest)
        furthest = max(furthest, position)
    return answers


def _alerts_raised(
    item: Item, value: AnswerValue, on_alert: AlertFn | None, phrases: DangerPhrases | None
) -> bool:
    """The alerts ``value`` meets, raised (the item's own rule first, then any of
    ``phrases`` in a typed answer); False if the person went back from the pause."""
    if on_alert is None:
        return True
    try:
        for alert in alerts_met(item, value, phrases):
            on_alert(item, alert)
    except GoBack:
        return False
    return True


def offered_value(item: Item, value: object) -> AnswerValue:
    """What a question is put with: a default that fits it (``usable_default``), else
    the part of an answer given before (a list shorter than it needs), else none."""
    usable = usable_default(item, value)
    return usable if usable is not None else partial_value(item, value)


def _opening(
    openings: Mapping[str, Callable[[], None]] | None, ahead: Sequence[Item], *, again: bool
) -> None:
    """The opening of the next item ``ahead``, if it has one, when the walk comes to it
    ``again`` (after going back)."""
    if again and ahead and openings is not None and ahead[0].id in openings:
        openings[ahead[0].id]()


class _Parts:
    """The parts of one answer as they are given (ticks, lines), each saved as a part
    (``save_partial``) when it changes. ``kept``: the entry holds an answer to the item
    (given, or begun before), so an emptied answer is kept empty, never forgotten."""

    def __init__(
        self, item: Item, save_partial: SaveFn | None, default: AnswerValue, *, kept: bool
    ) -> None:
        self.item = item
        self.save_partial = save_partial
        self.kept = kept
        self.last: AnswerValue = partial_value(item, default)
        self.changed = False

    def left(self, so_far: AnswerValue, offered: dict[str, AnswerValue]) -> None:
        """Going back with ``so_far`` on screen (None: nothing said): a changed answer
        is kept as a part, and put in ``offered`` for when it is asked again."""
        if so_far is not None:
            self.report(so_far)
        if self.changed:
            offered[self.item.id] = self.last

    def report(self, value: AnswerValue) -> None:
        given = partial_value(self.item, value)
        if given is None and self.kept:
            given = [] if self.item.type in ("checklist", "list") else ""
        if given == self.last or (given in ("", []) and self.last is None):
            return
        self.last = given
        self.changed = True
        if self.save_partial is not None:
            self.save_partial(self.item, given)


def _back_from(
    sequence: Sequence[Item], position: int, answers: Mapping[str, AnswerValue], asker: Asker
) -> int:
    """Where going back from ``position`` goes: the nearest question before it with an
    answer, and that is said. There is none before the first: that is said, and the
    walk stays."""
    for back in range(position - 1, -1, -1):
        if sequence[back].id in answers:
            asker.show(GOING_BACK)
            return back
    asker.problem(sequence[position], InvalidAnswer("no question before", FIRST_QUESTION))
    return position


def choice(id: str, prompt: str, options: Mapping[str, str], *, help: str | None = None) -> Item:
    """A question of the walk's own (not a guide's) that needs one of ``options``
    (each id with its words)."""
    picks = tuple(Option(option, words) for option, words in options.items())
    return Item(id, "choice", prompt, help=help, required=True, options=picks)
