"""The terminal asker: questionary prompts (arrow keys, space to tick, enter), in colour
unless NO_COLOR, fitting in 80 columns. With ``keys`` (every key the person can press,
named and bound), the only modules that talk to questionary and prompt_toolkit.

questionary is imported only when a question is asked, and always used through
``unsafe_ask()``: Ctrl-C must reach the walk as KeyboardInterrupt so it can keep a draft.
Long answers can also be written in the person's editor, like ``git commit``: Ctrl-E.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ketaprep.answers import AnswerValue, InvalidAnswer, PartialFn, check_answer, fewest_answers
from ketaprep.ask.base import (
    AskFn,
    GoBack,
    blank_lines_emptied,
    scale_bounds,
    starts_on_no_answer,
    unreported,
)
from ketaprep.ask.drawn import drawn, italic, width, wrapped
from ketaprep.ask.editor import (
    NO_EDITOR,
    Owner,
    answering,
    editor_command,
    editor_name,
    write_in_editor,
)
from ketaprep.ask.keys import (
    BACK_KEY,
    OWN_WORDS,
    OWN_WORDS_TOO,
    PICK_KEYS,
    SCALE_KEYS,
    SELECT_KEYS,
    TICK_KEYS,
    OpenEditor,
    bind_back,
    long_text_bindings,
    long_text_keys,
    numbers_typed,
    report_lines,
    report_ticks,
    ticked,
    with_back,
)
from ketaprep.ask.said import answered_lines, one_line, picked_list
from ketaprep.console import get_console, user_text, visible
from ketaprep.guides.model import Item
from ketaprep.lines import BLANK, Lines

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


SKIP_LABEL = "Skip this question"
SKIPPED_SAID = "skipped"  # the answer said after SKIP_LABEL is picked
POINTER_INDENT = 3  # where an option's words start: after the pointer, " » "
TICK_INDENT = 5  # and in a checkbox after the tick too, " » ○ "
_SKIPPED = "\x00skipped"  # the value of SKIP_LABEL's choice: never an option id


class TerminalAsker:
    """questionary prompts, in colour unless NO_COLOR, fitting in 80 columns."""

    writing_for: Owner | None = None  # the entry answers go to (for the editor's file)

    def __init__(self, console: Console | None = None) -> None:
        self.console = console
        self._back = False  # the question being asked may go back (Ctrl-B)
        self._rows: int | None = None  # printed above the question so far; None: not known

    def show(self, renderable: RenderableType | Lines) -> None:
        if not (isinstance(renderable, Lines) and self._drawn(renderable) is not None):
            self._console().print(renderable)

    def problem(self, item: Item, error: InvalidAnswer) -> None:
        self._console().print(user_text(error.hint))

    def ask(
        self,
        item: Item,
        default: AnswerValue,
        partial: PartialFn | None = None,
        back: bool = False,
    ) -> AnswerValue:
        self._rows = 0
        self._above(Lines((BLANK,)))
        if item.help:
            self._above(italic(item.help))
        ask_type: AskFn = getattr(self, f"_{item.type}")
        self._back = back
        try:
            return ask_type(item, default, partial or unreported)
        except GoBack:
            self._erase_above()
            raise
        finally:
            self._back = False
            self._rows = None

    def _console(self) -> Console:
        return self.console or get_console()

    def _drawn(self, lines: Lines) -> int | None:
        return drawn(self.console, lines)

    def _width(self) -> int:
        return width(self.console)

    def _wrapped(self, text: str, room: int) -> list[str]:
        return wrapped(self.console, text, room)

    def _question(self, prompt: str, after: str = "") -> str:
        """The question's words wrapped between words to the screen, each line after the
        first indented under the first word, as the "? " before them (questionary would
        cut them anywhere). ``after``, which questionary puts behind them ("(Y/n)"),
        starts a line of its own when the last line has no room for it."""
        width = self._width()
        lines = self._wrapped(prompt, max(width - 2, 10))
        last = lines[-1] if lines else ""
        shown = "\n  ".join(lines)
        return shown + "\n" if after and len(last) + len(after) + 4 > width else shown

    def _option(self, title: str, value: object, indent: int, *, checked: bool = False) -> Any:
        """A questionary choice that shows ``title`` as text: control characters (a bidi
        override among them) drawn as escapes, as ``console.visible`` does everywhere else,
        and wrapped between words, each line under the first word, right of the ``indent``
        questionary draws before it. The value, which is what is saved, stays as it was."""
        import questionary

        lines = self._wrapped(title, max(self._width() - indent, 10))
        shown = ("\n" + " " * indent).join(lines)
        return questionary.Choice(shown, value=value, checked=checked)

    def _answered(self, prompt: str, answer: str) -> None:
        for line in answered_lines(self._console(), prompt, answer):
            self._above(line)

    def _select(self, item: Item, choices: list[Any], start: Any, hint: str) -> Any:
        """A questionary select, closed by ``_answered`` with the title of the choice
        picked on one line."""
        import questionary

        question = questionary.select(
            self._question(item.prompt),
            choices=choices,
            default=start,
            instruction=self._keys(item.prompt, hint),
            style=_style(),
            erase_when_done=True,
        )
        if item.type == "scale":
            numbers_typed(question, [choice.value for choice in choices])
        answer = self._goes_back(question).unsafe_ask()
        title = next(choice.title for choice in choices if choice.value == answer)
        self._answered(item.prompt, SKIPPED_SAID if answer == _SKIPPED else one_line(title))
        return answer

    def _say(self, line: str) -> None:
        self._above(user_text(line))

    def _above(self, renderable: RenderableType | Lines = "") -> None:
        """Print above the question being asked, counting the rows it takes: going back
        erases them with the question (which prompt_toolkit erases itself)."""
        rows = self._drawn(renderable) if isinstance(renderable, Lines) else None
        if rows is None:
            console = self._console()
            console.print(renderable)
            rows = len(console.render_lines(renderable, console.options, pad=False))
        if self._rows is not None:
            self._rows += rows

    def _erase_above(self) -> None:
        """The rows printed above a question left by going back, erased: else its help
        and keys would stay, under no question, or the question would look answered."""
        console = self._console()
        if self._rows and console.is_terminal and not console.is_dumb_terminal:
            console.file.write(f"\x1b[{self._rows}A\r\x1b[J")
            console.file.flush()

    def _back_above(self) -> None:
        """The key that goes back, on a line above the question, where it may go back."""
        if self._back:
            self._above(italic(f"{BACK_KEY}."))

    def _goes_back(self, question: Any, so_far: Callable[[str], AnswerValue] | None = None) -> Any:
        """``question``, with Ctrl-B raising GoBack where this question may go back;
        with it goes what was given so far (``so_far(typed)``; by default what is typed)."""
        if self._back:
            bind_back(question, so_far)
        return question

    def _keys(self, prompt: str, hint: str = "") -> str:
        """Which keys to press (Ctrl-B too, where it goes back): after the question if
        they fit on its last line, else above it (and then a space, or questionary would
        put its own words there)."""
        hint = with_back(hint) if self._back else hint
        if not hint:
            return ""
        last = self._question(prompt).rsplit("\n", 1)[-1].strip()
        if len(last) + len(hint) + 4 <= self._width():
            return hint
        keys = hint.strip("()")
        self._above(italic(keys[0].upper() + keys[1:] + "."))
        return " "

    def _checklist(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:

        ticked = default if isinstance(default, list) else []
        choices = [
            self._option(option.label, option.id, TICK_INDENT, checked=option.id in ticked)
            for option in item.options
        ]
        return self._checkbox(
            item.prompt,
            choices,
            _validator(item),
            self._keys(item.prompt, TICK_KEYS),
            nothing="none yet",
            partial=partial,
        )

    def _checkbox(
        self,
        prompt: str,
        choices: list[Any],
        validate: Callable[[Any], bool | str],
        instruction: str,
        nothing: str,
        partial: PartialFn,
    ) -> list[str]:
        """A questionary checkbox whose closing line names what was picked. questionary's
        own says "done" even when nothing was ticked, which reads as if all of it were;
        it is erased and replaced. Each tick (or untick) is reported as it is made."""
        import questionary

        question = questionary.checkbox(
            self._question(prompt),
            choices=choices,
            validate=validate,
            instruction=visible(instruction),
            style=_style(),
            erase_when_done=True,
        )
        order = [choice.value for choice in choices]
        report_ticks(question, order, partial)
        picked: list[str] = self._goes_back(
            question, lambda _: ticked(question, order)
        ).unsafe_ask()
        labels = [one_line(choice.title) for choice in choices if choice.value in picked]
        self._answered(prompt, "" if labels else nothing)
        if labels:
            self._above(picked_list(labels))
        return picked

    def _text(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:
        """One line. The key that goes back is said above it: questionary would keep a
        hint after the question on the line of the answer too."""
        import questionary

        self._back_above()
        question = questionary.text(
            self._question(item.prompt),
            default=default if isinstance(default, str) else "",
            validate=_validator(item),
            style=_style(),
        )
        answer: str = self._goes_back(question).unsafe_ask()
        return answer

    def _long_text(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:
        """Typed in place, or (Ctrl-E) in the person's editor; a failed or empty editor
        comes back to the prompt with what was typed. Each line ended with enter is
        reported as it is given."""
        import questionary

        text = default if isinstance(default, str) else ""
        editor = editor_command()
        hint = self._keys(item.prompt, long_text_keys(editor_name(editor) if editor else None))
        while True:
            question = questionary.text(
                self._question(item.prompt),
                default=text,
                multiline=True,
                instruction=f"{hint}\n>",
                validate=_validator(item),
                style=_style(),
                key_bindings=long_text_bindings(),
            )
            report_lines(question, partial)
            answer: object = self._goes_back(question).unsafe_ask()
            if not isinstance(answer, OpenEditor):
                return blank_lines_emptied(answer) if isinstance(answer, str) else text
            text = answer.text
            if editor is None:
                self._above(user_text(NO_EDITOR))
                continue
            say = self._say
            edited = write_in_editor(text, editor, answering(self.writing_for, item), tell=say)
            if edited.text is not None:
                self._above(user_text(edited.thanks))
                return edited.text
            self._above(user_text(edited.problem))

    def _list(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:
        """Pick from earlier answers and the guide's ideas, then add your own until done.
        The picks, then each line, are reported as they are given."""
        import questionary

        earlier = default if isinstance(default, list) else []
        ideas = [example for example in item.examples if example not in earlier]
        choices = [self._option(text, text, TICK_INDENT, checked=True) for text in earlier]
        choices += [self._option(text, text, TICK_INDENT) for text in ideas]
        answers: list[str] = []
        if choices:
            at_most = item.max

            def not_too_many(picked: list[str]) -> bool | str:
                if at_most is not None and len(picked) > at_most:
                    return f"Please pick at most {at_most}."
                return True

            picked = self._checkbox(
                item.prompt,
                choices,
                not_too_many,
                self._keys(item.prompt, PICK_KEYS),
                nothing="none of these",
                partial=partial,
            )
            answers.extend(picked)
            partial(list(answers))
        fewest = fewest_answers(item)
        if item.max is not None and len(answers) >= item.max:
            return answers
        own_words = OWN_WORDS_TOO if choices else OWN_WORDS
        self._above(
            user_text(f"{own_words} {BACK_KEY}." if self._back else own_words, style="italic")
        )
        # Once own words are among the answers (given before a stop, say), it goes on.
        first = not any(answer not in item.examples for answer in answers)
        while item.max is None or len(answers) < item.max:
            message = (
                ("In your own words:" if choices else item.prompt) if first else "Another one:"
            )
            first = False
            missing = fewest - len(answers)

            def enough(text: str, missing: int = missing) -> bool | str:
                if text.strip() or missing <= 0:
                    return True
                return "Please add at least one." if missing == 1 else f"Please add {missing} more."

            question = questionary.text(self._question(message), validate=enough, style=_style())
            line: str = self._goes_back(
                question, lambda typed: _with_line(answers, typed)
            ).unsafe_ask()
            self._rows = None  # an answered line above: what is above stays as it is
            if not line.strip():
                break
            if line.strip() not in answers:
                answers.append(line.strip())
                partial(list(answers))
        return answers

    def _scale(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:
        low, high = scale_bounds(item)
        choices = []
        for number in range(low, high + 1):
            label = item.labels.get(number)
            title = f"{number:>2}  {label}" if label else f"{number:>2}"  # said: "0 Very low"
            choices.append(self._option(title, number, POINTER_INDENT))
        # Without an earlier answer the pointer starts in the middle, not at an end.
        start = default if isinstance(default, int) and low <= default <= high else None
        start = start if start is not None else (low + high) // 2
        answer: int = self._select(item, choices, choices[start - low], SCALE_KEYS)
        return answer

    def _choice(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:
        ids = [option.id for option in item.options]
        choices = [self._option(o.label, o.id, POINTER_INDENT) for o in item.options]
        start: object = default if isinstance(default, str) and default in ids else None
        if starts_on_no_answer(item, default):
            start = self._option(SKIP_LABEL, _SKIPPED, POINTER_INDENT)
            choices.append(start)
        answer: str = self._select(item, choices, start, SELECT_KEYS)
        return None if answer == _SKIPPED else answer

    def _confirm(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:
        """Yes or no. The key that goes back is said above it, as for a text: questionary
        keeps a hint of its own on the line of the answer."""
        import questionary

        self._back_above()
        question = questionary.confirm(
            self._question(item.prompt, after="(Y/n)"),
            default=default if isinstance(default, bool) else False,
            style=_style(),
        )
        answer: bool = self._goes_back(question).unsafe_ask()
        return answer


def _with_line(answers: list[str], typed: str) -> list[str] | None:
    """A list's answers with the line typed but not yet entered, if any (going back)."""
    line = typed.strip()
    given = [*answers, line] if line and line not in answers else list(answers)
    return given or None


def _validator(item: Item) -> Callable[[object], bool | str]:
    def validate(value: object) -> bool | str:
        try:
            check_answer(item, value)
        except InvalidAnswer as error:
            return error.hint
        return True

    return validate


def _style() -> Any:
    from questionary import Style

    return Style(
        [
            ("qmark", "fg:ansicyan bold"),
            ("question", "bold"),
            ("answer", "fg:ansicyan"),
            ("pointer", "fg:ansicyan bold"),
            ("highlighted", "fg:ansicyan bold"),
            ("selected", "fg:ansicyan"),
            ("instruction", "fg:ansibrightblack"),
        ]
    )
