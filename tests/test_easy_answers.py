"""Answers that are easy to give (issue 14): enter on an empty line finishes a long
answer, a line of spaces is an empty line inside it, the editor is never vi and says how
to leave it, and a scale takes a typed number.

The terminal asker gets real key presses through prompt_toolkit's pipe input; the plain
asker gets real typed lines.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from asker_helpers import pressing
from editor_helpers import editor_log, stand_in_editor
from ketaprep.answers import AnswerValue
from ketaprep.ask import PlainAsker, TerminalAsker, ask_until_valid
from ketaprep.ask.base import BLANK_LINE
from ketaprep.ask.editor import NO_EDITOR, how_to_leave, write_in_editor
from ketaprep.ask.keys import long_text_keys
from ketaprep.guides.model import Item

STORY = Item(id="story", type="long_text", prompt="Anything on your mind?")
NEEDED = Item(id="needed", type="long_text", prompt="What happened?", required=True)
MOOD = Item(id="mood", type="scale", prompt="How is your mood?", min=0, max=10)
FIVE = Item(id="five", type="scale", prompt="How much?", min=1, max=5)

UP, DOWN, ENTER, SPACE, ESC, CTRL_C, CTRL_E = "\x1b[A", "\x1b[B", "\r", " ", "\x1b", "\x03", "\x05"


def printed(asker: TerminalAsker | PlainAsker) -> str:
    assert asker.console is not None and isinstance(asker.console.file, io.StringIO)
    return " ".join(asker.console.file.getvalue().split())


def no_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("PATH", "")


# --- a long answer in the terminal -----------------------------------------------------


def test_enter_on_an_empty_line_finishes_a_long_answer() -> None:
    with pressing("one", ENTER, "two", ENTER, ENTER) as asker:
        assert asker.ask(STORY, None) == "one\ntwo"
    with pressing(ENTER) as asker:  # nothing typed: enter finishes with no answer
        assert ask_until_valid(STORY, asker, None) is None
    with pressing(ENTER, ENTER) as asker:  # after what was written before
        assert asker.ask(STORY, "begun") == "begun"


def test_esc_then_enter_still_finishes() -> None:
    with pressing("one", ENTER, "two", ESC, ENTER) as asker:
        assert asker.ask(STORY, None) == "one\ntwo"


def test_a_line_of_spaces_is_an_empty_line_inside() -> None:
    with pressing("First part.", ENTER, SPACE, ENTER, "Second part.", ENTER, ENTER) as asker:
        assert asker.ask(STORY, None) == "First part.\n\nSecond part."
    with pressing("  Indented.", ENTER, "Not.", ENTER, ENTER) as asker:  # spaces not copied
        assert asker.ask(STORY, None) == "  Indented.\nNot."


def test_an_empty_line_above_the_end_takes_enter_as_a_new_line() -> None:
    # From the end of "b", up to the empty line between: enter there makes one more.
    with pressing(UP, ENTER, ESC, ENTER) as asker:
        assert asker.ask(STORY, "a\n\nb") == "a\n\n\nb"


def test_a_required_long_answer_is_not_finished_empty() -> None:
    with pressing(ENTER, "It rained.", ENTER, ENTER) as asker:
        assert asker.ask(NEEDED, None) == "It rained."


def test_what_was_typed_is_reported_line_by_line_before_it_finishes() -> None:
    parts: list[AnswerValue] = []
    with pressing("one", ENTER, SPACE, ENTER, "thr", CTRL_C) as asker:
        with pytest.raises(KeyboardInterrupt):
            asker.ask(STORY, None, parts.append)
    assert parts == ["one", "one\n "]  # kept as a draft; "thr" was still being typed


def test_the_hint_says_how_to_finish_and_how_to_leave_a_line_empty() -> None:
    assert long_text_keys("nano") == (
        "(enter on an empty line finishes; for an empty line inside, type a space on it; "
        "Ctrl-E opens nano)"
    )
    assert long_text_keys(None) == f"(enter on an empty line finishes; {BLANK_LINE})"
    assert "Esc" not in long_text_keys("nano")


# --- the editor: never vi; say how to leave it -----------------------------------------


def test_ctrl_e_without_an_editor_says_how_to_set_one(monkeypatch: pytest.MonkeyPatch) -> None:
    no_editor(monkeypatch)
    with pressing("typed", CTRL_E, " and more", ENTER, ENTER) as asker:
        assert asker.ask(STORY, None) == "typed and more"
        assert " ".join(NO_EDITOR.split()) in printed(asker)
        assert "Ctrl-E" not in long_text_keys(None)


@pytest.mark.parametrize(
    ("command", "line"),
    [
        (["/usr/bin/nano", "-w"], "Opening nano: Ctrl-O then Enter saves, Ctrl-X leaves."),
        (["vim"], "Opening vim: press Esc, then type :wq and Enter to save and leave."),
        (["emacs", "-nw"], "Opening emacs: Ctrl-X Ctrl-S saves, Ctrl-X Ctrl-C leaves."),
        (
            ["code", "--wait"],
            "Opening code. When you are done, save and close it to come back here.",
        ),
        (
            ["/usr/bin/editor"],
            "Opening your editor. When you are done, save and close it to come back here.",
        ),
    ],
)
def test_how_to_leave_each_editor_in_one_line(command: list[str], line: str) -> None:
    assert how_to_leave(command) == line
    assert "\n" not in line and len(line) <= 80


def test_how_to_leave_is_said_before_the_editor_opens(tmp_path: Path) -> None:
    editor = stand_in_editor(tmp_path, "written\n", name="nano")
    log = tmp_path / "editor-log.jsonl"
    told: list[tuple[str, bool]] = []
    edited = write_in_editor("", [str(editor)], tell=lambda line: told.append((line, log.exists())))
    assert edited.text == "written"
    assert told == [("Opening nano: Ctrl-O then Enter saves, Ctrl-X leaves.", False)]
    assert len(editor_log(editor)) == 1


def test_both_askers_say_how_to_leave_the_editor(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("EDITOR", str(stand_in_editor(tmp_path, "from nano\n", name="nano")))
    with pressing("typed", CTRL_E) as asker:
        assert asker.ask(STORY, None) == "typed\nfrom nano"
        text = printed(asker)
    assert text.index("Opening nano: Ctrl-O") < text.index("What you wrote in nano is kept")
    typist = Typist("/editor")
    assert typist.ask(STORY) == "from nano"
    assert "Opening nano: Ctrl-O then Enter saves, Ctrl-X leaves." in typist.printed


# --- a long answer in plain lines ------------------------------------------------------


class Typist:
    """Lines a person types into PlainAsker, spaces and all."""

    def __init__(self, *lines: str) -> None:
        self.lines = list(lines)
        self.out = io.StringIO()
        self.asker = PlainAsker(Console(file=self.out, width=200, color_system=None), self.read)

    def read(self, prompt: str) -> str:
        if not self.lines:
            raise EOFError
        return self.lines.pop(0)

    def ask(self, item: Item, default: AnswerValue = None) -> AnswerValue:
        answer = self.asker.ask(item, default)
        assert not self.lines, f"lines left over: {self.lines}"
        return answer

    @property
    def printed(self) -> str:
        return self.out.getvalue()


def test_plain_a_line_of_spaces_is_an_empty_line_inside() -> None:
    typist = Typist("First part.", "   ", "Second part.", "")
    assert typist.ask(STORY) == "First part.\n\nSecond part."
    assert "An empty line finishes. For an empty line inside, type a space on it." in typist.printed


def test_plain_editor_word_without_an_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    no_editor(monkeypatch)
    typist = Typist("typed", "/editor", "")
    assert typist.ask(STORY) == "typed"
    assert NO_EDITOR in typist.printed


# --- a scale takes a typed number --------------------------------------------------------


@pytest.mark.parametrize(
    ("presses", "answer"),
    [
        (("7", ENTER), 7),
        (("0", ENTER), 0),
        (("1", "0", ENTER), 10),  # 1 then 0 is ten
        (("1", "1", ENTER), 1),  # eleven is not on the scale: 1 again
        (("0", "5", ENTER), 5),  # no number starts with 0 but 0 itself
        (("1", "0", "3", ENTER), 3),
        (("3", DOWN, "0", ENTER), 0),  # after an arrow, a digit starts a new number
        (("8", UP, UP, ENTER), 6),  # arrows go on from a typed number
    ],
)
def test_a_scale_takes_a_typed_number(presses: tuple[str, ...], answer: int) -> None:
    with pressing(*presses) as asker:
        assert asker.ask(MOOD, None) == answer


def test_a_number_off_the_scale_leaves_the_pointer_where_it_was() -> None:
    with pressing("9", "0", ENTER) as asker:
        assert asker.ask(FIVE, None) == 3  # the middle, where it started
    with pressing("4", "9", ENTER) as asker:
        assert asker.ask(FIVE, 2) == 4


def test_a_typed_number_does_not_pick_it_before_enter() -> None:
    with pressing("4", CTRL_C) as asker, pytest.raises(KeyboardInterrupt):
        asker.ask(MOOD, None)
