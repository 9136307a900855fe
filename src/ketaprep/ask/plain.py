"""The plain asker: one line at a time with numbered options and no cursor movement,
so a screen reader reads it in order (``--plain``, ``TERM=dumb``). Long answers can be
written in the person's editor by typing ``/editor`` on a line of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ketaprep.answers import AnswerValue, InvalidAnswer, PartialFn, fewest_answers, option_meant
from ketaprep.ask.base import (
    BACK_WORD,
    BLANK_LINE,
    AskFn,
    GoBack,
    scale_bounds,
    unreported,
)
from ketaprep.ask.editor import (
    NO_EDITOR,
    Owner,
    answering,
    editor_command,
    editor_name,
    write_in_editor,
)
from ketaprep.console import get_console, user_text
from ketaprep.guides.model import Item

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


EDITOR_WORD = "/editor"  # typed on its own line in plain mode
BACK_HELP = (
    f"At any question, type {BACK_WORD} to go back to the one before. In a long answer "
    f"or a list, {BACK_WORD} goes back as the first line; after that it is a line like any."
)
_START_AGAIN = ("c", "change")  # typed first, in plain mode: clear the answer so far


class PlainAsker:
    """Line by line: the question, numbered options, then one line typed after "> ".

    An empty line keeps the default. A line that cannot be used gets one plain sentence
    and the same short prompt again. End of input counts as stopping (like Ctrl-C).
    """

    writing_for: Owner | None = None  # the entry answers go to (for the editor's file)

    def __init__(self, console: Console | None = None, read: Callable[[str], str] = input) -> None:
        self.console = console
        self._read = read
        self._back = False  # the question being asked may go back (the word back)
        self._told_back = False  # how to go back is said once

    def show(self, renderable: RenderableType) -> None:
        self._console().print(renderable)

    def problem(self, item: Item, error: InvalidAnswer) -> None:
        self.say(error.hint)

    def say(self, line: str) -> None:
        self._console().print(user_text(line))

    def read(self, *, first: bool = True) -> str:
        return self.read_as_typed(first=first).strip()

    def read_as_typed(self, *, first: bool = True) -> str:
        """One line as typed, spaces kept (a line of spaces in a long answer). The word
        back, where the question may go back, raises GoBack: as the ``first`` line of an
        answer (in a long answer or a list after other lines, it is a line like any)."""
        try:
            line = self._read("> ")
        except EOFError:
            raise KeyboardInterrupt from None
        if self._back and first and line.strip().casefold() == BACK_WORD:
            raise GoBack()
        return line

    def ask(
        self,
        item: Item,
        default: AnswerValue,
        partial: PartialFn | None = None,
        back: bool = False,
    ) -> AnswerValue:
        self.say("")
        if back and not self._told_back:
            self.say(BACK_HELP)
            self._told_back = True
        self.say(item.prompt)
        if item.help:
            self.say(item.help)
        ask_type: AskFn = getattr(self, f"_{item.type}")
        self._back = back
        try:
            return ask_type(item, default, partial or unreported)
        finally:
            self._back = False

    def _console(self) -> Console:
        return self.console or get_console()

    def _numbered(self, labels: list[str]) -> None:
        for number, label in enumerate(labels, start=1):
            self.say(f"  {number}. {label}")

    def _checklist(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:
        options = item.options
        self._numbered([option.label for option in options])
        ticked = default if isinstance(default, list) else []
        self.say("Type the numbers of the ones that apply, with spaces between, like: 1 3.")
        none = "Type 0 for none." if ticked else "Press enter for none."  # as after a slip
        if ticked:
            kept = " ".join(str(i) for i, o in enumerate(options, start=1) if o.id in ticked)
            self.say(f"Press enter to keep {kept}. {none}")
        else:
            self.say(none)
        while True:
            line = self.read()
            if not line:
                return list(ticked)
            numbers = _numbers(line, len(options))
            if numbers is None:
                self.say(f"Please type numbers from 1 to {len(options)}. {none}")
                continue
            return [options[n - 1].id for n in numbers]

    def _text(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:
        if isinstance(default, str):
            self.say(f"Press enter to keep: {default}")
        line = self.read()
        return line or default

    def _long_text(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:
        """Lines until an empty one (a line of spaces is an empty line inside); each line
        is reported as it is given. What was written before (or before a stop) is kept,
        and new lines go on from it."""
        editor = editor_command()
        lines = default.split("\n") if isinstance(default, str) and default else []
        if lines:
            self.say("What you wrote so far:")
            self.say(str(default))
            self.say("Press enter to keep it, type c to write it again, or go on writing.")
        inside = BLANK_LINE[0].upper() + BLANK_LINE[1:]
        self.say(f"Type as many lines as you like. An empty line finishes. {inside}.")
        if editor:
            self.say(f"Or type {EDITOR_WORD} to write it in {editor_name(editor)}.")
        first = True
        while True:
            typed = self.read_as_typed(first=first)
            line = typed.strip()
            if line == EDITOR_WORD:
                if editor is None:
                    self.say(NO_EDITOR)
                    continue
                text = "\n".join(lines)
                edited = write_in_editor(
                    text, editor, answering(self.writing_for, item), tell=self.say
                )
                if edited.text is not None:
                    self.say(edited.thanks)
                    return edited.text
                self.say(edited.problem)
                continue
            if not typed:
                break
            if first and lines and line.lower() in _START_AGAIN:
                lines = []
                self.say("Starting again. An empty line finishes.")
            else:
                lines.append(line)  # a line of spaces: an empty line inside
                partial("\n".join(lines))
            first = False
        return "\n".join(lines) if lines else None

    def _list(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:
        """Ideas by number or own words, a line each, reported as each is given. Answers
        from before (or before a stop) are kept, and new ones go on from them."""
        answers = list(default) if isinstance(default, list) else []
        if answers:
            self.say("Your answers so far:")
            for text in answers:
                self.say(f"  - {text}")
            self.say("Press enter to keep them, type c to write them again, or add more.")
        examples = list(item.examples)
        if examples:
            self.say("Some ideas:")
            self._numbered(examples)
            self.say("Type a number to use an idea, or write your own. One per line.")
        else:
            self.say("Write one per line.")
        self.say("An empty line finishes.")
        fewest = fewest_answers(item)
        choosing = bool(answers)  # the first line may keep or clear the answers so far
        first = True  # and may go back
        while True:
            full = item.max is not None and len(answers) >= item.max
            if full and not choosing:
                break
            line = self.read(first=first)
            first = False
            if choosing:
                choosing = False
                if line.lower() in _START_AGAIN:
                    answers = []
                    self.say("Starting again.")
                    continue
            if not line:
                if len(answers) >= fewest:
                    break
                self.say("Please add at least one." if fewest == 1 else f"Please add {fewest}.")
                continue
            if full:
                self.say(f"That is the most this question takes, so your {len(answers)} are kept.")
                break
            if line.isdigit() and 1 <= int(line) <= len(examples):
                line = examples[int(line) - 1]
                self.say(f"Added: {line}")
            if line not in answers:
                answers.append(line)
                partial(list(answers))
        return answers

    def _scale(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:
        low, high = scale_bounds(item)
        for number, label in sorted(item.labels.items()):
            self.say(f"  {number} means {label}")
        keep = f" Press enter to keep {default}." if isinstance(default, int) else ""
        self.say(f"Type a number from {low} to {high}.{keep or _skips(item)}")
        while True:
            line = self.read()
            if not line:
                return default
            if line.lstrip("-").isdigit() and low <= int(line) <= high:
                return int(line)
            self.say(f"Please type a whole number from {low} to {high}.")

    def _choice(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:
        options = item.options
        self._numbered([option.label for option in options])
        ids = [option.id for option in options]
        keep = ""
        if isinstance(default, str) and default in ids:
            keep = f" Press enter to keep {ids.index(default) + 1}."
        else:
            default = None  # an answer kept from an option since taken out: not offered
        self.say(f"Type the number of your choice.{keep or _skips(item)}")
        while True:
            line = self.read()
            if not line:
                return default
            if line.isdigit() and 1 <= int(line) <= len(options):
                return ids[int(line) - 1]
            meant = option_meant(item, line)
            if meant in ids:  # the words of an option, like "not sure"
                return meant
            self.say(f"Please type a number from 1 to {len(options)}.")

    def _confirm(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:
        keep = ""
        if isinstance(default, bool):
            keep = f" Press enter for {'yes' if default else 'no'}."
        self.say(f"Type yes or no.{keep}")
        while True:
            line = self.read().lower()
            if not line:
                return default
            if line in ("y", "yes"):
                return True
            if line in ("n", "no"):
                return False
            self.say("Please type yes or no.")


def _numbers(line: str, count: int) -> list[int] | None:
    """Option numbers typed as "1 3" or "1, 3"; [] for "0" or "none"; None if unusable."""
    words = line.replace(",", " ").split()
    if words in (["0"], ["none"]):
        return []
    if not all(word.isdigit() and 1 <= int(word) <= count for word in words):
        return None
    return sorted({int(word) for word in words})


def _skips(item: Item) -> str:
    """Said where enter, with no answer to keep, leaves the question unanswered: one
    that may be skipped (a choice with no alert skipped silently before)."""
    return "" if item.required else " Press enter to skip this question."
