"""A stand-in for the person, for the walks' glue: ``Person`` answers each question from a
mapping and remembers what it was asked and what it saw.

    person = Person({"session": "today", "intentions": ["Rest"]}, stop_at="mood")
    assert run(WalkOptions(), asker=person) == 130
    assert person.asked[:2] == ["read-step-1", "session"]
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager

from rich.console import Console, RenderableType

from ketaprep.answers import AnswerValue, InvalidAnswer, PartialFn
from ketaprep.ask import ScriptedAsker, TerminalAsker
from ketaprep.guides.model import Item

NO_REPLY = object()


class Person(ScriptedAsker):
    """Answers from ``answers`` (item id to answer; a missing id keeps the default) and
    stops (Ctrl-C) when ``stop_at`` is asked. ``replies`` gives an id its answers in turn,
    one each time it is asked, like a person typing again after a hint."""

    def __init__(
        self,
        answers: Mapping[str, object],
        stop_at: str | None = None,
        replies: Mapping[str, Iterable[object]] | None = None,
    ) -> None:
        super().__init__(answers, console=Console(file=io.StringIO(), width=80))
        self.stop_at = stop_at
        self.replies = {item_id: iter(given) for item_id, given in (replies or {}).items()}
        self.questions: list[Item] = []  # every item asked, in order
        self.defaults: dict[str, AnswerValue] = {}  # the default each id was last asked with
        self.seen_before: dict[str, str] = {}  # what was printed when each id first came
        self.events: list[str] = []  # "ask ID" and "show TEXT", in order
        self.hints: list[str] = []  # what was said of each reply that did not fit

    @property
    def asked(self) -> list[str]:
        return [item.id for item in self.questions]

    @property
    def prompts(self) -> dict[str, str]:
        return {item.id: item.prompt for item in self.questions}

    def item(self, item_id: str) -> Item:
        """The question ``item_id``, asked exactly once."""
        [item] = [item for item in self.questions if item.id == item_id]
        return item

    @property
    def printed(self) -> str:
        """Everything shown so far, its line wrapping undone."""
        assert self.console is not None and isinstance(self.console.file, io.StringIO)
        return " ".join(self.console.file.getvalue().split())

    def ask(
        self, item: Item, default: AnswerValue, partial: PartialFn | None = None, back: bool = False
    ) -> object:
        self.seen_before.setdefault(item.id, self.printed)
        if item.id == self.stop_at:
            raise KeyboardInterrupt
        self.questions.append(item)
        self.defaults[item.id] = default
        self.events.append(f"ask {item.id}")
        if item.id in self.replies:
            reply = next(self.replies[item.id], NO_REPLY)
            assert reply is not NO_REPLY, f"{item.id!r} was asked more often than it has replies"
            return reply
        return super().ask(item, default, partial)

    def show(self, renderable: RenderableType) -> None:
        shown = Console(file=io.StringIO(), width=80)
        with shown.capture() as captured:
            shown.print(renderable)
        self.events.append("show " + " ".join(captured.get().split()))
        super().show(renderable)

    def problem(self, item: Item, error: InvalidAnswer) -> None:
        self.hints.append(error.hint)
        if item.id not in self.replies:  # the same answer would only be given again
            super().problem(item, error)


@contextmanager
def pressing(*keys: str) -> Iterator[TerminalAsker]:
    """A TerminalAsker whose prompts read ``keys`` (prompt_toolkit's pipe input), then
    Ctrl-C: keys that run out stop the question instead of hanging the test."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with create_pipe_input() as pipe:
        pipe.send_text("".join(keys) + "\x03")
        with create_app_session(input=pipe, output=DummyOutput()):
            yield TerminalAsker(Console(file=io.StringIO(), width=80, color_system=None))
