"""What a question leaves on screen once it is answered: the question and the answer
on a line (or a few), and what was ticked, one to a line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ketaprep.console import user_text

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text


def answered_lines(console: Console, prompt: str, answer: str) -> list[Text]:
    """``? Where will this session happen? At a clinic``, as questionary leaves it, but
    wrapped between words like the question, each line after the first indented under
    it: questionary would cut a long answer at the screen's edge, in the middle of a
    word, and leave a wrapped option's second line below it."""
    from rich.text import Text

    said = Text.assemble(user_text(prompt, style="bold"))
    if answer:
        said.append_text(Text.assemble(" ", user_text(answer, style="cyan")))
    lines = said.wrap(console, max(console.width - 2, 10))
    shown = []
    for number, line in enumerate(lines):
        line.rstrip()
        mark = Text("? ", style="cyan bold") if number == 0 else Text("  ")
        shown.append(Text.assemble(mark, line))
    return shown


def one_line(title: object) -> str:
    """A choice's title as it was before it was wrapped (and a scale's "10  Very good"
    as "10 Very good"), for the line that says what was picked."""
    return " ".join(str(title).split())


def picked_list(labels: list[str]) -> RenderableType:
    """What was ticked, one to a line, each wrapped under its own first word."""
    from rich.table import Table

    picked = Table.grid(padding=(0, 1))
    picked.add_column(width=3, justify="right")
    picked.add_column()
    for label in labels:
        picked.add_row("•", user_text(label, style="cyan"))
    return picked
