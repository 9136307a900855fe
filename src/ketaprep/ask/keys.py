"""Every key the person can press in the terminal's prompts: what its hint calls it,
and its binding (prompt_toolkit's, added to questionary's own). Used by ``terminal``.

prompt_toolkit and questionary are imported only inside the functions, when a question
is asked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ketaprep.answers import AnswerValue, PartialFn
from ketaprep.ask.base import BLANK_LINE, GoBack

TICK_KEYS = "(space ticks, enter goes on)"
PICK_KEYS = "(space picks any that fit, enter goes on)"
SELECT_KEYS = "(arrow keys, then enter)"
SCALE_KEYS = "(arrow keys or type the number, then enter)"
OWN_WORDS_TOO = "Add your own too, if you like: one at a time, then enter on an empty line."
OWN_WORDS = "One at a time, then enter on an empty line when you are done."
BACK_KEY = "Ctrl-B goes back"  # inside a walk: to the question before


def with_back(hint: str) -> str:
    """A hint with the key that goes back: "(arrow keys, then enter; Ctrl-B goes back)";
    no hint becomes "(Ctrl-B goes back)"."""
    return f"{hint[:-1]}; {BACK_KEY})" if hint else f"({BACK_KEY})"


def long_text_keys(editor: str | None) -> str:
    """The keys of a long answer; ``editor``: the name of the one Ctrl-E opens."""
    keys = f"enter on an empty line finishes; {BLANK_LINE}"
    return f"({keys}; Ctrl-E opens {editor})" if editor else f"({keys})"


@dataclass(frozen=True)
class OpenEditor:
    """Ctrl-E in the prompt: leave it, keeping what was typed, to open the editor."""

    text: str


def long_text_bindings() -> Any:
    """prompt_toolkit's bindings for a long answer, over questionary's own (where Esc
    then Enter finishes): enter on an empty last line finishes too, and elsewhere starts
    a new line, without copying the spaces the line began with (a line holding only a
    space is how an empty line goes inside, and the next line must not inherit it).
    Ctrl-E leaves for the editor (or, when there is none, to say how to set one)."""
    from prompt_toolkit.key_binding import KeyBindings

    bindings = KeyBindings()

    @bindings.add("enter", eager=True)
    def _enter(event: Any) -> None:
        buffer = event.current_buffer
        document = buffer.document
        if not (document.is_cursor_at_the_end and document.current_line == ""):
            buffer.newline(copy_margin=False)
            return
        if buffer.text:
            buffer.delete_before_cursor(1)  # the empty line itself
        buffer.validate_and_handle()

    @bindings.add("c-e", eager=True)
    def _open(event: Any) -> None:
        event.app.exit(result=OpenEditor(event.current_buffer.text))

    return bindings


def choices_of(question: Any) -> Any:
    """The list a questionary select or checkbox draws (its InquirerControl), or None."""
    from questionary.prompts.common import InquirerControl

    controls = question.application.layout.find_all_controls()
    return next((each for each in controls if isinstance(each, InquirerControl)), None)


def numbers_typed(question: Any, values: list[int]) -> None:
    """Digits typed in a scale move the pointer to that number; enter still picks it.
    A digit typed on a number the person typed goes on from it, if that is on the
    scale: 1 then 0 is 10 (and 1 then 1 is 1 again, on a scale to 10)."""
    control = choices_of(question)
    if control is None:
        return
    typed = [""]

    def point(event: Any) -> None:
        on_typed = typed[0] and values[control.pointed_at] == int(typed[0])
        for number in (typed[0] + event.data if on_typed else "", event.data):
            if number and str(int(number)) == number and int(number) in values:
                typed[0] = number
                control.pointed_at = values.index(int(number))
                return

    for digit in "0123456789":
        question.application.key_bindings.add(digit, eager=True)(point)


def report_ticks(question: Any, order: list[str], partial: PartialFn) -> None:
    """Report the ticks of a questionary checkbox after each key that changes them, in
    the order of the choices (questionary itself only tells them on enter)."""
    application = question.application
    control = choices_of(question)
    if control is None:
        return
    shown = [value for value in order if value in control.selected_options]

    def after_key(_: object) -> None:
        ticked = [value for value in order if value in control.selected_options]
        if ticked != shown:
            shown[:] = ticked
            partial(list(ticked))

    application.key_processor.after_key_press += after_key


def report_lines(question: Any, partial: PartialFn) -> None:
    """Report a multi-line text's finished lines (those ended with enter) after each key
    that changes them; the line still being typed is not given yet."""
    application = question.application

    def finished() -> str:
        text: str = application.current_buffer.text
        return text[: text.rfind("\n")] if "\n" in text else ""

    shown = [finished()]

    def after_key(_: object) -> None:
        lines = finished()
        if lines != shown[0]:
            shown[0] = lines
            partial(lines)

    application.key_processor.after_key_press += after_key


def bind_back(question: Any, so_far: Callable[[str], AnswerValue] | None) -> None:
    """Ctrl-B in ``question``: it ends, raising GoBack with what was given so far
    (``so_far(the text typed in it)``, else that text, if any)."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    bindings = KeyBindings()

    @bindings.add("c-b", eager=True)
    def _back(event: Any) -> None:
        typed: str = event.app.current_buffer.text
        given = so_far(typed) if so_far is not None else (typed if typed.strip() else None)
        event.app.erase_when_done = True  # left, not answered: it must not look answered
        event.app.exit(exception=GoBack(given))

    application = question.application
    own = application.key_bindings
    application.key_bindings = bindings if own is None else merge_key_bindings([own, bindings])


def ticked(question: Any, order: list[str]) -> list[str] | None:
    """The choices ticked in a checkbox so far, in the order shown; None if none."""
    control = choices_of(question)
    picked = [] if control is None else [v for v in order if v in control.selected_options]
    return picked or None
