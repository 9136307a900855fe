"""Askers: how a walk puts a question to a person. The one module that talks to questionary.

- ``TerminalAsker``: questionary prompts (arrow keys, space to tick, enter).
- ``PlainAsker``: one line at a time with numbered options, no cursor movement, so a
  screen reader reads it in order (``--plain``, ``TERM=dumb``).
- ``ScriptedAsker``: answers from a mapping (an ``--answers`` file, or a test).

questionary is imported only when a question is asked, and always used through
``unsafe_ask()``: Ctrl-C must reach the walk as KeyboardInterrupt so it can keep a draft.

An answer given in parts (ticks, lines of a list, lines of a plain long text) is
reported part by part through ``partial``, so the walk keeps each part as it is given.
A default may be such a part-answer: the question then goes on from it.

Long answers can also be written in the person's editor, like ``git commit``: Ctrl-E in
the terminal prompt, ``/editor`` in plain mode (see ``write_in_editor``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ketaprep.answers import AnswerValue, InvalidAnswer, PartialFn, check_answer, fewest_answers
from ketaprep.console import get_console, user_text, visible
from ketaprep.errors import UsageError
from ketaprep.guides.model import Item

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from ketaprep.editor_files import Answering, Owner

AskFn = Callable[[Item, AnswerValue, PartialFn], AnswerValue]


SKIP_LABEL = "Skip this question"
_SKIPPED = "\x00skipped"  # the value of SKIP_LABEL's choice: never an option id


def starts_on_no_answer(item: Item, default: AnswerValue) -> bool:
    """Whether a choice is put with no answer picked, so that enter skips it.

    A question with an alert (like the one about harming yourself) must never lean
    towards an answer the person did not give: not "No", which hides a crisis, nor the
    first option. Once they have answered, their answer is the one offered.
    """
    return (
        item.type == "choice" and item.alert is not None and not item.required and default is None
    )


class Asker(Protocol):
    def ask(self, item: Item, default: AnswerValue, partial: PartialFn | None = None) -> object:
        """Put one item to the person; ``default`` is kept when they just press enter.
        ``partial``, if given, is called with the answer so far each time a part of it
        (a tick, a line) is given."""

    def show(self, renderable: RenderableType) -> None:
        """Show text between questions (a heading, a card, a kind word)."""

    def problem(self, item: Item, error: InvalidAnswer) -> None:
        """Say why an answer cannot be used, before it is asked again."""


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


class ScriptedAsker:
    """Answers from a mapping of item id to answer; missing ids keep their default."""

    def __init__(self, answers: Mapping[str, object], console: Console | None = None) -> None:
        self.answers = answers
        self.console = console

    def ask(self, item: Item, default: AnswerValue, partial: PartialFn | None = None) -> object:
        return self.answers[item.id] if item.id in self.answers else default

    def show(self, renderable: RenderableType) -> None:
        (self.console or get_console()).print(renderable)

    def problem(self, item: Item, error: InvalidAnswer) -> None:
        # The answers are checked as a whole before the walk; this is the backstop.
        raise UsageError(f"The answers cannot be used: {error.problem}.")


class PlainAsker:
    """Line by line: the question, numbered options, then one line typed after "> ".

    An empty line keeps the default. A line that cannot be used gets one plain sentence
    and the same short prompt again. End of input counts as stopping (like Ctrl-C).
    """

    writing_for: Owner | None = None  # the entry answers go to (for the editor's file)

    def __init__(self, console: Console | None = None, read: Callable[[str], str] = input) -> None:
        self.console = console
        self._read = read

    def show(self, renderable: RenderableType) -> None:
        self._console().print(renderable)

    def problem(self, item: Item, error: InvalidAnswer) -> None:
        self.say(error.hint)

    def say(self, line: str) -> None:
        self._console().print(user_text(line))

    def read(self) -> str:
        try:
            return self._read("> ").strip()
        except EOFError:
            raise KeyboardInterrupt from None

    def ask(
        self, item: Item, default: AnswerValue, partial: PartialFn | None = None
    ) -> AnswerValue:
        self.say("")
        self.say(item.prompt)
        if item.help:
            self.say(item.help)
        ask_type: AskFn = getattr(self, f"_{item.type}")
        return ask_type(item, default, partial or _unreported)

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
        if ticked:
            kept = " ".join(str(i) for i, o in enumerate(options, start=1) if o.id in ticked)
            self.say(f"Press enter to keep {kept}. Type 0 for none.")
        else:
            self.say("Press enter for none.")
        while True:
            line = self.read()
            if not line:
                return list(ticked)
            numbers = _numbers(line, len(options))
            if numbers is None:
                self.say(f"Please type numbers from 1 to {len(options)}, or 0 for none.")
                continue
            return [options[n - 1].id for n in numbers]

    def _text(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:
        if isinstance(default, str):
            self.say(f"Press enter to keep: {default}")
        line = self.read()
        return line or default

    def _long_text(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:
        """Lines until an empty one; each line is reported as it is given. What was
        written before (or before a stop) is kept, and new lines go on from it."""
        editor = editor_command()
        lines = default.split("\n") if isinstance(default, str) and default else []
        if lines:
            self.say("What you wrote so far:")
            self.say(str(default))
            self.say("Press enter to keep it, type c to write it again, or go on writing.")
        self.say("Type as many lines as you like. An empty line finishes.")
        if editor:
            self.say(f"Or type {EDITOR_WORD} to write it in {editor_name(editor)}.")
        first = True
        while True:
            line = self.read()
            if editor and line == EDITOR_WORD:
                edited = write_in_editor(
                    "\n".join(lines), editor, answering(self.writing_for, item)
                )
                if edited.text is not None:
                    self.say(edited.thanks)
                    return edited.text
                self.say(edited.problem)
                continue
            if not line:
                break
            if first and lines and line.lower() in _START_AGAIN:
                lines = []
                self.say("Starting again. An empty line finishes.")
            else:
                lines.append(line)
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
        while True:
            full = item.max is not None and len(answers) >= item.max
            if full and not choosing:
                break
            line = self.read()
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
        low, high = _bounds(item)
        for number, label in sorted(item.labels.items()):
            self.say(f"  {number} means {label}")
        keep = f" Press enter to keep {default}." if isinstance(default, int) else ""
        self.say(f"Type a number from {low} to {high}.{keep}")
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
        elif starts_on_no_answer(item, default):
            keep = " Press enter to skip this question."
        self.say(f"Type the number of your choice.{keep}")
        while True:
            line = self.read()
            if not line:
                return default
            if line.isdigit() and 1 <= int(line) <= len(options):
                return ids[int(line) - 1]
            named = [o.id for o in options if line.casefold() in (o.id, o.label.casefold())]
            if named:  # the words of an option, like "not sure"
                return named[0]
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


class TerminalAsker:
    """questionary prompts, in colour unless NO_COLOR, fitting in 80 columns."""

    writing_for: Owner | None = None  # the entry answers go to (for the editor's file)

    def __init__(self, console: Console | None = None) -> None:
        self.console = console

    def show(self, renderable: RenderableType) -> None:
        self._console().print(renderable)

    def problem(self, item: Item, error: InvalidAnswer) -> None:
        self._console().print(user_text(error.hint))

    def ask(
        self, item: Item, default: AnswerValue, partial: PartialFn | None = None
    ) -> AnswerValue:
        self._console().print()
        if item.help:
            self._console().print(user_text(item.help, style="italic"))
        ask_type: AskFn = getattr(self, f"_{item.type}")
        return ask_type(item, default, partial or _unreported)

    def _console(self) -> Console:
        return self.console or get_console()

    def _keys(self, prompt: str, hint: str) -> str:
        """Which keys to press: after the question if it fits on its line, else above it."""
        if len(prompt) + len(hint) + 4 <= self._console().width:
            return hint
        self._console().print(user_text(hint.strip("()").capitalize() + ".", style="italic"))
        return ""

    def _checklist(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:

        ticked = default if isinstance(default, list) else []
        choices = [
            _option(option.label, option.id, checked=option.id in ticked) for option in item.options
        ]
        return self._checkbox(
            item.prompt,
            choices,
            _validator(item),
            self._keys(item.prompt, "(space ticks, enter goes on)"),
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
        from rich.text import Text

        question = questionary.checkbox(
            visible(prompt),
            choices=choices,
            validate=validate,
            instruction=visible(instruction),
            style=_style(),
            erase_when_done=True,
        )
        _report_ticks(question, [choice.value for choice in choices], partial)
        picked: list[str] = question.unsafe_ask()
        labels = [str(choice.title) for choice in choices if choice.value in picked]
        self._console().print(
            Text.assemble(
                Text("? ", style="cyan bold"),
                user_text(prompt, style="bold"),
                " ",
                user_text(", ".join(labels) or nothing, style="cyan"),
            )
        )
        return picked

    def _text(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:
        import questionary

        question = questionary.text(
            visible(item.prompt),
            default=default if isinstance(default, str) else "",
            validate=_validator(item),
            style=_style(),
        )
        answer: str = question.unsafe_ask()
        return answer

    def _long_text(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:
        """Typed in place, or (Ctrl-E) in the person's editor; a failed or empty editor
        comes back to the prompt with what was typed. Each line ended with enter is
        reported as it is given."""
        import questionary

        text = default if isinstance(default, str) else ""
        editor = editor_command()
        keys = "enter starts a new line; Esc then Enter finishes"
        if editor:
            keys += f"; Ctrl-E opens {editor_name(editor)}"
        hint = f"({keys})"
        if len(item.prompt) + len(hint) + 4 > self._console().width:  # above, not cut off
            self._console().print(user_text(keys[0].upper() + keys[1:] + ".", style="italic"))
            hint = ""
        while True:
            question = questionary.text(
                visible(item.prompt),
                default=text,
                multiline=True,
                instruction=f"{hint}\n>",
                validate=_validator(item),
                style=_style(),
                key_bindings=_editor_key() if editor else None,
            )
            _report_lines(question, partial)
            answer: object = question.unsafe_ask()
            if not isinstance(answer, _OpenEditor) or editor is None:
                return answer if isinstance(answer, str) else text
            text = answer.text
            edited = write_in_editor(text, editor, answering(self.writing_for, item))
            if edited.text is not None:
                self._console().print(user_text(edited.thanks))
                return edited.text
            self._console().print(user_text(edited.problem))

    def _list(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:
        """Pick from earlier answers and the guide's ideas, then add your own until done.
        The picks, then each line, are reported as they are given."""
        import questionary

        earlier = default if isinstance(default, list) else []
        ideas = [example for example in item.examples if example not in earlier]
        choices = [_option(text, text, checked=True) for text in earlier]
        choices += [_option(text, text) for text in ideas]
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
                self._keys(item.prompt, "(space picks any that fit, enter goes on)"),
                nothing="none of these",
                partial=partial,
            )
            answers.extend(picked)
            partial(list(answers))
        fewest = fewest_answers(item)
        if item.max is not None and len(answers) >= item.max:
            return answers
        if choices:
            hint = "Add your own too, if you like: one at a time, then enter on an empty line."
        else:
            hint = "One at a time, then enter on an empty line when you are done."
        self._console().print(user_text(hint, style="italic"))
        # Once own words are among the answers (given before a stop, say), it goes on.
        first = not any(answer not in item.examples for answer in answers)
        while item.max is None or len(answers) < item.max:
            if first:
                message = "In your own words:" if choices else item.prompt
            else:
                message = "Another one:"
            first = False
            missing = fewest - len(answers)

            def enough(text: str, missing: int = missing) -> bool | str:
                if text.strip() or missing <= 0:
                    return True
                return "Please add at least one." if missing == 1 else f"Please add {missing} more."

            question = questionary.text(visible(message), validate=enough, style=_style())
            line: str = question.unsafe_ask()
            if not line.strip():
                break
            if line.strip() not in answers:
                answers.append(line.strip())
                partial(list(answers))
        return answers

    def _scale(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:
        import questionary

        low, high = _bounds(item)
        choices = []
        for number in range(low, high + 1):
            label = item.labels.get(number)
            title = f"{number:>2}  {label}" if label else f"{number:>2}"
            choices.append(_option(title, number))
        # Without an earlier answer the pointer starts in the middle, not at an end.
        start = default if isinstance(default, int) and low <= default <= high else None
        start = start if start is not None else (low + high) // 2
        question = questionary.select(
            visible(item.prompt),
            choices=choices,
            default=choices[start - low],
            instruction=self._keys(item.prompt, "(arrow keys, then enter)"),
            style=_style(),
        )
        answer: int = question.unsafe_ask()
        return answer

    def _choice(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:
        import questionary

        ids = [option.id for option in item.options]
        choices = [_option(o.label, o.id) for o in item.options]
        start: str | questionary.Choice | None = (
            default if isinstance(default, str) and default in ids else None
        )
        if starts_on_no_answer(item, default):
            start = _option(SKIP_LABEL, _SKIPPED)
            choices.append(start)
        question = questionary.select(
            visible(item.prompt),
            choices=choices,
            default=start,
            instruction=self._keys(item.prompt, "(arrow keys, then enter)"),
            style=_style(),
        )
        answer: str = question.unsafe_ask()
        return None if answer == _SKIPPED else answer

    def _confirm(self, item: Item, default: AnswerValue, partial: PartialFn) -> AnswerValue:
        import questionary

        question = questionary.confirm(
            visible(item.prompt),
            default=default if isinstance(default, bool) else False,
            style=_style(),
        )
        answer: bool = question.unsafe_ask()
        return answer


_START_AGAIN = ("c", "change")  # typed first, in plain mode: clear the answer so far


def _unreported(value: AnswerValue) -> None:
    """No one asked to hear of the parts of this answer."""


def _option(title: str, value: object, *, checked: bool = False) -> Any:
    """A questionary choice that shows ``title`` as text: control characters (a bidi
    override among them) drawn as escapes, as ``console.visible`` does everywhere else.
    The value, which is what is saved, stays as it was."""
    import questionary

    return questionary.Choice(visible(title), value=value, checked=checked)


# --- the person's own editor, for long answers -------------------------------------

EDITOR_WORD = "/editor"  # typed on its own line in plain mode
_FALLBACK_EDITORS = ("nano", "editor", "vi")


@dataclass(frozen=True)
class Edited:
    """What came back from the editor: the text, or None and one sentence why not."""

    text: str | None
    problem: str = ""
    thanks: str = ""


@dataclass(frozen=True)
class _OpenEditor:
    """Ctrl-E in the prompt: leave it, keeping what was typed, to open the editor."""

    text: str


def editor_command() -> list[str] | None:
    """The editor, as ``git`` picks it: $VISUAL (not on a dumb terminal), $EDITOR, else
    nano, editor or vi if installed. None: there is none."""
    import shlex
    import shutil

    chosen = [os.environ.get("EDITOR", "")]
    if os.environ.get("TERM") != "dumb":
        chosen.insert(0, os.environ.get("VISUAL", ""))
    for value in chosen:
        if value.strip():
            try:
                return shlex.split(value) or None
            except ValueError:  # unbalanced quotes: try it as one name; it fails kindly
                return [value.strip()]
    for name in _FALLBACK_EDITORS:
        found = shutil.which(name)
        if found:
            return [found]
    return None


def editor_name(command: list[str]) -> str:
    """The editor's own name (nano, vim), or "your editor" for Debian's generic ones."""
    name = os.path.basename(command[0])
    return "your editor" if name in ("", "editor", "sensible-editor") else name


def write_in_editor(text: str, command: list[str], answering: Answering | None = None) -> Edited:
    """Open ``text`` in the editor in a 0600 file in a private (0700) folder inside the
    ketaprep home, removed afterwards (see ``editor_files``; ``answering``: whose answer
    it is, so that text left by a stopped ketaprep goes back there). A failed editor, or
    one that gives back nothing or nothing new, is an ``Edited`` with no text: the caller
    goes back to its prompt with ``text``."""
    from ketaprep.editor_files import editor_file
    from ketaprep.stopping import like_ctrl_c

    name = editor_name(command)
    the_editor = "Your editor" if name == "your editor" else f"The editor {name}"
    back = "so you are back at the question, with what you had typed"
    with editor_file(text, answering) as path:
        with _editor_owns_ctrl_c(), like_ctrl_c(ctrl_c=False):
            code = _run_editor([*command, str(path)])
        if code is None:
            return Edited(None, f"{the_editor} could not be started, {back}.")
        if code != 0:
            return Edited(None, f"{the_editor} stopped with a problem, {back}.")
        try:
            edited = path.read_text(encoding="utf-8", errors="surrogatepass").rstrip()
        except (OSError, UnicodeDecodeError):
            return Edited(None, f"What {name} saved could not be read back, {back}.")
    if not edited.strip():
        return Edited(None, f"Nothing came back from {name}, {back}.")
    if edited == text.rstrip():
        return Edited(None, f"Nothing changed in {name}, {back}.")
    count = edited.count("\n") + 1
    lines = "1 line" if count == 1 else f"{count} lines"
    return Edited(edited, thanks=f"Thank you. What you wrote in {name} is kept ({lines}).")


def _run_editor(command: list[str]) -> int | None:
    """The editor's exit code, or None if it could not be started. Stopped (SIGTERM,
    SIGHUP) while it is open, the editor is asked to close first."""
    import subprocess

    try:
        editor = subprocess.Popen(command)
    except OSError:
        return None
    try:
        return editor.wait()
    except KeyboardInterrupt:
        editor.terminate()
        try:
            editor.wait(timeout=2)
        except subprocess.TimeoutExpired:
            editor.kill()
            editor.wait()
        raise


def answering(owner: Owner | None, item: Item) -> Answering | None:
    """Whose answer the editor's file holds, when the asker knows the entry."""
    from ketaprep.editor_files import Answering

    return None if owner is None else Answering(owner, item.id, item.type, item.prompt)


@contextmanager
def _editor_owns_ctrl_c() -> Iterator[None]:
    """While the editor runs, Ctrl-C is the editor's: ketaprep must not stop (and kill
    it) mid-sentence. A handler, not SIG_IGN, so the editor still starts with the default."""
    import signal

    previous = signal.getsignal(signal.SIGINT)
    try:
        signal.signal(signal.SIGINT, lambda number, frame: None)
    except ValueError:  # not the main thread (never in ketaprep itself)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)


def _editor_key() -> Any:
    from prompt_toolkit.key_binding import KeyBindings

    bindings = KeyBindings()

    @bindings.add("c-e", eager=True)
    def _open(event: Any) -> None:
        event.app.exit(result=_OpenEditor(event.current_buffer.text))

    return bindings


def _report_ticks(question: Any, order: list[str], partial: PartialFn) -> None:
    """Report the ticks of a questionary checkbox after each key that changes them, in
    the order of the choices (questionary itself only tells them on enter)."""
    from questionary.prompts.common import InquirerControl

    application = question.application
    controls = application.layout.find_all_controls()
    control = next((each for each in controls if isinstance(each, InquirerControl)), None)
    if control is None:
        return
    shown = [value for value in order if value in control.selected_options]

    def after_key(_: object) -> None:
        ticked = [value for value in order if value in control.selected_options]
        if ticked != shown:
            shown[:] = ticked
            partial(list(ticked))

    application.key_processor.after_key_press += after_key


def _report_lines(question: Any, partial: PartialFn) -> None:
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


def _bounds(item: Item) -> tuple[int, int]:
    return (item.min if item.min is not None else 0, item.max if item.max is not None else 10)


def _numbers(line: str, count: int) -> list[int] | None:
    """Option numbers typed as "1 3" or "1, 3"; [] for "0" or "none"; None if unusable."""
    words = line.replace(",", " ").split()
    if words in (["0"], ["none"]):
        return []
    if not all(word.isdigit() and 1 <= int(word) <= count for word in words):
        return None
    return sorted({int(word) for word in words})


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
