"""The askers: plain lines typed by a person, questionary keys, and scripted answers.

PlainAsker reads through an injected function, so these tests type real lines. TerminalAsker
runs real questionary prompts fed with key presses through prompt_toolkit's pipe input.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from rich.console import Console

from ketaprep.answers import AnswerValue
from ketaprep.ask import PlainAsker, ScriptedAsker, TerminalAsker
from ketaprep.guides.model import Item, Option
from ketaprep.guides.safety import Alert
from ketaprep.walks.engine import walk

READY = Item(
    id="ready",
    type="checklist",
    prompt="Which of these have you done?",
    help="Tick what is done.",
    options=(Option("ride", "A ride home"), Option("food", "Food rule"), Option("rest", "Rest")),
)
INTENTIONS = Item(
    id="intentions",
    type="list",
    prompt="What would you like to hold in mind?",
    required=True,
    examples=("Be kind to myself", "Feel safe"),
)
QUESTIONS = Item(id="own-questions", type="list", prompt="Other questions?")
NOTE = Item(id="note", type="text", prompt="A word for today?")
STORY = Item(id="story", type="long_text", prompt="Anything on your mind?")
MOOD = Item(
    id="mood", type="scale", prompt="How is your mood?", min=0, max=10, labels={0: "Very low"}
)
PLACE = Item(
    id="place",
    type="choice",
    prompt="Where?",
    options=(Option("home", "At home"), Option("clinic", "At the clinic")),
)
BREATHE = Item(id="breathe", type="confirm", prompt="Breathe now?")
SAFE = Item(
    id="safe",
    type="choice",
    prompt="Are you having thoughts of harming yourself?",
    options=(Option("yes", "Yes"), Option("not-sure", "Not sure"), Option("no", "No")),
    alert=Alert(any_of=("yes", "not-sure")),
)

UP, DOWN, ENTER, SPACE, CTRL_C = "\x1b[A", "\x1b[B", "\r", " ", "\x03"


class Typist:
    """Lines a person types into PlainAsker, and everything it printed."""

    def __init__(self, *lines: str) -> None:
        self.lines = list(lines)
        self.out = io.StringIO()
        self.console = Console(file=self.out, width=80, color_system=None)
        self.asker = PlainAsker(self.console, read=self.read)

    def read(self, prompt: str) -> str:
        self.out.write(prompt + "\n")
        if not self.lines:
            raise EOFError
        return self.lines.pop(0)

    def ask(self, item: Item, default: AnswerValue = None) -> AnswerValue:
        answer = self.asker.ask(item, default, self.parts.append)
        assert not self.lines, f"lines left over: {self.lines}"
        return answer

    @property
    def parts(self) -> list[AnswerValue]:
        """What the asker reported as given so far, each time a part was given."""
        if not hasattr(self, "_parts"):
            self._parts: list[AnswerValue] = []
        return self._parts

    @property
    def printed(self) -> str:
        return self.out.getvalue()


# --- PlainAsker ---------------------------------------------------------------------


def test_plain_checklist_numbers_the_options_and_reads_numbers() -> None:
    typist = Typist("1, 3")
    assert typist.ask(READY) == ["ride", "rest"]
    assert "Which of these have you done?\nTick what is done.\n  1. A ride home\n" in typist.printed
    assert "\x1b" not in typist.printed


@pytest.mark.parametrize(
    ("lines", "default", "expected"),
    [
        ([""], ["food"], ["food"]),
        (["0"], ["food"], []),
        ([""], None, []),
        (["4", "yes", "2"], None, ["food"]),
    ],
)
def test_plain_checklist_keeps_the_default_and_asks_again(
    lines: list[str], default: AnswerValue, expected: AnswerValue
) -> None:
    typist = Typist(*lines)
    assert typist.ask(READY, default) == expected
    if len(lines) > 1:
        assert typist.printed.count("Please type numbers from 1 to 3. Press enter for none.") == 2


def test_plain_text_and_its_default() -> None:
    assert Typist("steady").ask(NOTE) == "steady"
    typist = Typist("")
    assert typist.ask(NOTE, "calm") == "calm"
    assert "Press enter to keep: calm" in typist.printed


def test_plain_long_text_reads_lines_until_an_empty_one() -> None:
    typist = Typist("first", "second", "")
    assert typist.ask(STORY) == "first\nsecond"
    assert typist.parts == ["first", "first\nsecond"]
    assert Typist("").ask(STORY, "kept") == "kept"


def test_plain_long_text_goes_on_from_what_was_written_or_starts_again() -> None:
    typist = Typist("and more", "")
    assert typist.ask(STORY, "begun\nthen") == "begun\nthen\nand more"
    assert "What you wrote so far:\nbegun\nthen\n" in typist.printed
    assert Typist("c", "fresh", "").ask(STORY, "begun") == "fresh"
    assert Typist("c", "").ask(STORY, "begun") is None


def test_plain_list_takes_ideas_by_number_and_own_words() -> None:
    typist = Typist("", "2", "Rest well", "")
    assert typist.ask(INTENTIONS) == ["Feel safe", "Rest well"]
    assert "  1. Be kind to myself\n  2. Feel safe\n" in typist.printed
    assert "Please add at least one." in typist.printed
    assert "Added: Feel safe" in typist.printed


def test_plain_list_keeps_or_rewrites_earlier_answers() -> None:
    assert Typist("").ask(INTENTIONS, ["Rest"]) == ["Rest"]
    assert Typist("c", "New one", "").ask(INTENTIONS, ["Rest"]) == ["New one"]
    assert Typist("").ask(QUESTIONS) == []


def test_plain_list_reports_each_line_and_goes_on_from_earlier_ones() -> None:
    typist = Typist("2", "Rest well", "")
    assert typist.ask(INTENTIONS) == ["Feel safe", "Rest well"]
    assert typist.parts == [["Feel safe"], ["Feel safe", "Rest well"]]

    going_on = Typist("Breathe", "")
    assert going_on.ask(INTENTIONS, ["Feel safe", "Rest well"]) == [
        "Feel safe", "Rest well", "Breathe"]  # fmt: skip
    assert "Your answers so far:\n  - Feel safe\n  - Rest well\n" in going_on.printed
    assert going_on.parts == [["Feel safe", "Rest well", "Breathe"]]


def test_plain_list_at_its_max_keeps_or_clears_what_it_has() -> None:
    one = Item(id="one", type="list", prompt="Just one?", max=1)
    assert Typist("").ask(one, ["kept"]) == ["kept"]
    assert Typist("c", "new").ask(one, ["kept"]) == ["new"]
    typist = Typist("another")
    assert typist.ask(one, ["kept"]) == ["kept"]
    assert "That is the most this question takes, so your 1 are kept." in typist.printed


def test_plain_list_stops_at_its_max() -> None:
    one = Item(id="one", type="list", prompt="Just one?", max=1)
    assert Typist("only").ask(one) == ["only"]


def test_plain_scale_shows_labels_and_rejects_out_of_range() -> None:
    typist = Typist("11", "seven", "7")
    assert typist.ask(MOOD) == 7
    assert "  0 means Very low" in typist.printed
    assert typist.printed.count("Please type a whole number from 0 to 10.") == 2
    assert Typist("").ask(MOOD, 4) == 4


def test_plain_choice_and_confirm() -> None:
    typist = Typist("3", "2")
    assert typist.ask(PLACE) == "clinic"
    assert "Please type a number from 1 to 2." in typist.printed
    assert Typist("").ask(PLACE, "home") == "home"
    assert Typist("maybe", "y").ask(BREATHE) is True
    assert Typist("no").ask(BREATHE, True) is False
    assert Typist("").ask(BREATHE, True) is True


def test_a_plain_question_with_an_alert_leans_towards_no_answer() -> None:
    typist = Typist("")
    assert typist.ask(SAFE) is None  # enter skips it: never a "No" that was not given
    assert "Type the number of your choice. Press enter to skip this question." in typist.printed
    assert Typist("2").ask(SAFE) == "not-sure"
    assert Typist("Not Sure").ask(SAFE) == "not-sure"  # the words shown work too
    assert Typist("no").ask(SAFE) == "no"
    assert Typist("").ask(SAFE, "yes") == "yes"  # an earlier answer is kept with enter
    assert Typist("at home").ask(PLACE) == "home"


def test_plain_end_of_input_counts_as_stopping() -> None:
    with pytest.raises(KeyboardInterrupt):
        Typist().asker.ask(NOTE, None)


def test_a_whole_walk_in_plain_lines() -> None:
    typist = Typist("2", "1", "Rest", "", "ok", "x", "", "5", "1", "no")
    saved: list[tuple[str, AnswerValue]] = []
    items = [READY, INTENTIONS, NOTE, STORY, MOOD, PLACE, BREATHE]
    walk(items, typist.asker, lambda item, value: saved.append((item.id, value)))
    assert saved == [
        ("ready", ["food"]),
        ("intentions", ["Be kind to myself", "Rest"]),
        ("note", "ok"),
        ("story", "x"),
        ("mood", 5),
        ("place", "home"),
        ("breathe", False),
    ]


def test_plain_output_is_never_read_as_markup() -> None:
    odd = Item(id="odd", type="text", prompt="[bold]Not bold[/bold] \x1b[31m?")
    typist = Typist("fine")
    typist.ask(odd)
    assert "[bold]Not bold[/bold]" in typist.printed


def test_plain_lines_wrap_between_words() -> None:
    long = Item(
        id="long",
        type="text",
        prompt="Is there anything you would like to tell your care team before the session starts?",
        help="Take your time with this one, and write only what feels right for you to write now.",
    )
    typist = Typist("fine")
    typist.ask(long)
    lines = [line.rstrip() for line in typist.printed.splitlines() if line.strip()]
    # Not left to the terminal, which would cut words in two at the 80th column.
    assert max(len(line) for line in lines) <= 80
    assert len(lines) == 5  # the prompt and the help in two lines each, then "> "
    assert " ".join(lines[0:2]) == long.prompt
    assert " ".join(lines[2:4]) == long.help


# --- ScriptedAsker -------------------------------------------------------------------


def test_scripted_answers_or_the_default() -> None:
    asker = ScriptedAsker({"note": "from the file", "mood": None})
    assert asker.ask(NOTE, "default") == "from the file"
    assert asker.ask(MOOD, 5) is None  # an explicit empty answer is an answer
    assert asker.ask(PLACE, "home") == "home"


# --- TerminalAsker (questionary, real key presses) ------------------------------------


@contextmanager
def keys(*presses: str) -> Iterator[TerminalAsker]:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with create_pipe_input() as pipe:
        pipe.send_text("".join(presses))
        with create_app_session(input=pipe, output=DummyOutput()):
            yield TerminalAsker(Console(file=io.StringIO(), width=80))


def test_terminal_checklist_ticks_with_space() -> None:
    with keys(SPACE, DOWN, DOWN, SPACE, ENTER) as asker:
        assert asker.ask(READY, None) == ["ride", "rest"]
    with keys(DOWN, SPACE, ENTER) as asker:  # unticks a saved answer
        assert asker.ask(READY, ["ride", "food"]) == ["ride"]


def test_terminal_checklist_reports_each_tick_as_it_is_made() -> None:
    parts: list[AnswerValue] = []
    with keys(SPACE, DOWN, DOWN, SPACE, UP, UP, SPACE, CTRL_C) as asker:
        with pytest.raises(KeyboardInterrupt):
            asker.ask(READY, None, parts.append)
    assert parts == [["ride"], ["ride", "rest"], ["rest"]]  # in the order of the options


def test_terminal_list_reports_the_picks_then_each_line() -> None:
    parts: list[AnswerValue] = []
    with keys(DOWN, SPACE, ENTER, "Rest", ENTER, CTRL_C) as asker:
        with pytest.raises(KeyboardInterrupt):
            asker.ask(INTENTIONS, None, parts.append)
    assert parts[-2:] == [["Feel safe"], ["Feel safe", "Rest"]]


def test_terminal_long_text_reports_each_line_ended_with_enter() -> None:
    parts: list[AnswerValue] = []
    with keys("one", ENTER, "two", ENTER, "thr", CTRL_C) as asker:
        with pytest.raises(KeyboardInterrupt):
            asker.ask(STORY, None, parts.append)
    assert parts == ["one", "one\ntwo"]  # "thr" was still being typed
    with keys(ENTER, "more", "\x1b", ENTER) as asker:  # goes on from a part given before
        assert asker.ask(STORY, "begun", parts.append) == "begun\nmore"
    assert parts[-1] == "begun"


def test_terminal_list_picks_ideas_then_own_words_until_empty() -> None:
    with keys(DOWN, SPACE, ENTER, "Rest", ENTER, ENTER) as asker:
        assert asker.ask(INTENTIONS, None) == ["Feel safe", "Rest"]


def test_terminal_list_needs_one_when_required() -> None:
    # Enter on the ideas with none picked, then enter on an empty line is refused.
    with keys(ENTER, ENTER, "Mine", ENTER, ENTER) as asker:
        assert asker.ask(INTENTIONS, None) == ["Mine"]


def test_terminal_list_keeps_earlier_answers_ticked() -> None:
    with keys(ENTER, ENTER) as asker:
        assert asker.ask(INTENTIONS, ["Rest"]) == ["Rest"]
    with keys("Why?", ENTER, ENTER) as asker:
        assert asker.ask(QUESTIONS, None) == ["Why?"]


def test_terminal_text_and_long_text() -> None:
    with keys("steady", ENTER) as asker:
        assert asker.ask(NOTE, None) == "steady"
    with keys(ENTER) as asker:
        assert asker.ask(NOTE, "kept") == "kept"
    with keys("one", ENTER, "two", "\x1b", ENTER) as asker:
        assert asker.ask(STORY, None) == "one\ntwo"


def test_terminal_scale_starts_in_the_middle_or_at_the_default() -> None:
    with keys(UP, UP, ENTER) as asker:
        assert asker.ask(MOOD, None) == 3
    with keys(DOWN, ENTER) as asker:
        assert asker.ask(MOOD, 8) == 9


def test_terminal_choice_and_confirm() -> None:
    with keys(DOWN, ENTER) as asker:
        assert asker.ask(PLACE, None) == "clinic"
    with keys("y") as asker:
        assert asker.ask(BREATHE, None) is True
    with keys(ENTER) as asker:
        assert asker.ask(BREATHE, None) is False


def test_a_terminal_question_with_an_alert_starts_on_skip() -> None:
    with keys(ENTER) as asker:
        assert asker.ask(SAFE, None) is None
    with keys(UP, ENTER) as asker:
        assert asker.ask(SAFE, None) == "no"
    with keys(UP, UP, ENTER) as asker:
        assert asker.ask(SAFE, None) == "not-sure"
    with keys(ENTER) as asker:
        assert asker.ask(SAFE, "yes") == "yes"  # an earlier answer is where it starts
    with keys(ENTER) as asker:
        assert asker.ask(PLACE, None) == "home"  # no alert: as before


def test_terminal_ctrl_c_reaches_the_walk() -> None:
    with keys(CTRL_C) as asker, pytest.raises(KeyboardInterrupt):
        asker.ask(READY, None)


@contextmanager
def drawn(*presses: str) -> Iterator[tuple[TerminalAsker, io.StringIO]]:
    """Like ``keys``, keeping every byte questionary draws."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output

    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=24, columns=80), term="xterm")
    with create_pipe_input() as pipe:
        pipe.send_text("".join(presses))
        with create_app_session(input=pipe, output=output):
            yield TerminalAsker(Console(file=io.StringIO(), width=80)), screen


BIDI = "\u202eevil\u202c"  # a right-to-left override: on screen it would read "live"


@pytest.mark.parametrize(
    ("item", "default", "presses", "answer"),
    [
        (
            Item(
                id="practices",
                type="checklist",
                prompt="What helped?",
                options=(Option("walk", "A walk"), Option("own-1", BIDI)),
            ),
            None,
            (DOWN, SPACE, ENTER),
            ["own-1"],
        ),
        (Item(id="own", type="list", prompt="Yours?"), [BIDI], (ENTER, ENTER), [BIDI]),
        (
            Item(
                id="place",
                type="choice",
                prompt=f"Where {BIDI}?",
                options=(Option("a", BIDI), Option("b", "B")),
            ),
            None,
            (ENTER,),
            "a",
        ),
        (Item(id="ok", type="confirm", prompt=f"Fine {BIDI}?"), None, ("y",), True),
        (
            Item(id="m", type="scale", prompt="Mood?", min=0, max=2, labels={1: BIDI}),
            None,
            (ENTER,),
            1,
        ),
    ],  # fmt: skip
    ids=["checklist", "list", "choice", "confirm", "scale"],
)
def test_terminal_lists_draw_control_characters_as_escapes(
    item: Item, default: AnswerValue, presses: tuple[str, ...], answer: AnswerValue
) -> None:
    with drawn(*presses) as (asker, screen):
        assert asker.ask(item, default) == answer  # what is saved is what was written
    assert "\\u202eevil\\u202c" in screen.getvalue()
    assert "\u202e" not in screen.getvalue() and "\u202c" not in screen.getvalue()


def test_plain_does_not_offer_a_kept_choice_no_longer_an_option() -> None:
    """An answer kept from an option since taken out is not offered with enter: enter
    skips, as the line says, instead of giving back the old id to be refused."""
    item = Item(
        "where", "choice", "Where will this session happen?", required=False,
        options=(Option("clinic", "At the clinic"), Option("home", "At home")),
    )  # fmt: skip
    typist = Typist("")
    assert typist.ask(item, default="gone-option") is None
    assert "Press enter to skip this question." in typist.printed
