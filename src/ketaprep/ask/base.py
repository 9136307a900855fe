"""What every asker is: the Asker protocol, asking until an answer fits, and the
scripted asker (an ``--answers`` file, or a test).

An answer given in parts (ticks, lines of a list, lines of a plain long text) is
reported part by part through ``partial``, so the walk keeps each part as it is given.
A default may be such a part-answer: the question then goes on from it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Protocol

from ketaprep import collector
from ketaprep.answers import AnswerValue, InvalidAnswer, PartialFn, check_answer
from ketaprep.console import get_console
from ketaprep.errors import UsageError
from ketaprep.guides.model import Item

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

# How a long answer gets an empty line between its paragraphs, when an empty line
# finishes it: a line of spaces is not empty, and is kept as an empty line.
BLANK_LINE = "for an empty line inside, type a space on it"

# How an asker puts one type of item: the item, its default, where parts are reported.
AskFn = Callable[[Item, AnswerValue, PartialFn], AnswerValue]


class GoBack(Exception):
    """The person asked to go back to the question before (Ctrl-B; ``back`` in plain
    lines). ``so_far``: what they had given of this answer, offered when they return."""

    def __init__(self, so_far: AnswerValue = None) -> None:
        super().__init__("go back")
        self.so_far = so_far


BACK_WORD = "back"  # typed on a line of its own in plain mode
FIRST_QUESTION = "This is the first question, so there is none before it to go back to."
GOING_BACK = "Going back to the question before."  # said as it goes


class Asker(Protocol):
    def ask(
        self,
        item: Item,
        default: AnswerValue,
        partial: PartialFn | None = None,
        back: bool = False,
    ) -> object:
        """Put one item to the person; ``default`` is kept when they just press enter.
        ``partial``, if given, is called with the answer so far each time a part of it
        (a tick, a line) is given. ``back``: inside a walk, where the person may ask to
        go back to the question before; the asker says how, and raises GoBack."""

    def show(self, renderable: RenderableType) -> None:
        """Show text between questions (a heading, a card, a kind word)."""

    def problem(self, item: Item, error: InvalidAnswer) -> None:
        """Say why an answer cannot be used, before it is asked again."""


def ask_until_valid(
    item: Item,
    asker: Asker,
    default: AnswerValue,
    *,
    partial: PartialFn | None = None,
    back: bool = False,
) -> AnswerValue:
    """One item, asked again with the reason until the answer fits. Nothing is saved
    here; ``partial`` (for the parts of the answer so far) and ``back`` (GoBack may be
    raised) are handed to the asker."""
    collector.release()  # a person will wait here: collect as usual from now on
    while True:
        raw = asker.ask(item, default, partial=partial, back=back)
        try:
            return check_answer(item, raw)
        except InvalidAnswer as error:
            asker.problem(item, error)


class ScriptedAsker:
    """Answers from a mapping of item id to answer; missing ids keep their default."""

    def __init__(self, answers: Mapping[str, object], console: Console | None = None) -> None:
        self.answers = answers
        self.console = console

    def ask(
        self,
        item: Item,
        default: AnswerValue,
        partial: PartialFn | None = None,
        back: bool = False,
    ) -> object:
        return self.answers[item.id] if item.id in self.answers else default

    def show(self, renderable: RenderableType) -> None:
        (self.console or get_console()).print(renderable)

    def problem(self, item: Item, error: InvalidAnswer) -> None:
        # The answers are checked as a whole before the walk; this is the backstop.
        raise UsageError(f"The answers cannot be used: {error.problem}.")


def starts_on_no_answer(item: Item, default: AnswerValue) -> bool:
    """Whether a choice is put with no answer picked, so that enter skips it.

    A question with an alert (like the one about harming yourself) must never lean
    towards an answer the person did not give: not "No", which hides a crisis, nor the
    first option. Once they have answered, their answer is the one offered.
    """
    return (
        item.type == "choice" and item.alert is not None and not item.required and default is None
    )


def scale_bounds(item: Item) -> tuple[int, int]:
    return (item.min if item.min is not None else 0, item.max if item.max is not None else 10)


def unreported(value: AnswerValue) -> None:
    """No one asked to hear of the parts of this answer."""


def blank_lines_emptied(text: str) -> str:
    """A long answer with each line of only spaces (see BLANK_LINE) made empty."""
    return re.sub(r"(?m)^[ \t]+$", "", text)
