"""Going back to the question before and changing it (issue 14): the engine, the plain
asker's ``back`` and the terminal's Ctrl-B, and a real walk whose draft changes in place.
"""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from asker_helpers import Person, pressing
from ketaprep.answers import AnswerValue, InvalidAnswer, PartialFn
from ketaprep.ask import PlainAsker
from ketaprep.ask.base import FIRST_QUESTION, GoBack
from ketaprep.ask.plain import BACK_HELP
from ketaprep.guides.model import Item, Option
from ketaprep.guides.safety import Alert
from ketaprep.store import open_store
from ketaprep.walks.checkin import run as checkin
from ketaprep.walks.engine import walk
from ketaprep.walks.run import WalkOptions

NAME = Item(id="name", type="text", prompt="A word for today?")
STORY = Item(id="story", type="long_text", prompt="Anything on your mind?")
MOOD = Item(id="mood", type="scale", prompt="How is your mood?", min=0, max=10,
            alert=Alert(at_most=1))  # fmt: skip
PLACE = Item(
    id="place",
    type="choice",
    prompt="Where?",
    options=(Option("home", "At home"), Option("clinic", "At the clinic")),
)
OWN = Item(id="own", type="list", prompt="Yours?")
ITEMS = [NAME, STORY, MOOD]


class Back:
    """A reply that goes back, with what was given so far."""

    def __init__(self, so_far: AnswerValue = None) -> None:
        self.so_far = so_far


class Going:
    """Replies in turn, each a value or a Back; remembers what it was asked with."""

    def __init__(self, *replies: object) -> None:
        self.replies = list(replies)
        self.asked: list[tuple[str, AnswerValue]] = []  # (item id, the default offered)
        self.problems: list[str] = []

    def ask(
        self, item: Item, default: AnswerValue, partial: PartialFn | None = None, back: bool = False
    ) -> object:
        assert back, "inside a walk every question may go back"
        assert self.replies, f"{item.id!r} asked, and no reply is left"
        self.asked.append((item.id, default))
        reply = self.replies.pop(0)
        if isinstance(reply, Back):
            raise GoBack(reply.so_far)
        return reply

    def show(self, renderable: object) -> None:
        pass

    def problem(self, item: Item, error: InvalidAnswer) -> None:
        self.problems.append(error.hint)


def walked(person: Going, items: list[Item] = ITEMS, **options: object) -> tuple[dict, list]:
    saved: list[tuple[str, AnswerValue]] = []
    save = lambda item, value: saved.append((item.id, value))  # noqa: E731
    answers = walk(items, person, save, **options)  # type: ignore[arg-type]
    assert not person.replies, f"replies left over: {person.replies}"
    return answers, saved


# --- the engine ------------------------------------------------------------------------


def test_back_asks_the_question_before_again_with_its_answer() -> None:
    person = Going("calm", "first words", Back(), "Better words", 5)
    answers, saved = walked(person)
    assert person.asked == [
        ("name", None), ("story", None), ("mood", None),
        ("story", "first words"),  # its answer offered
        ("mood", None),
    ]  # fmt: skip
    assert saved == [("name", "calm"), ("story", "first words"), ("story", "Better words"),
                     ("mood", 5)]  # fmt: skip
    assert answers == {"name": "calm", "story": "Better words", "mood": 5}


def test_going_back_twice_then_on_keeps_the_answers_after_the_changed_one() -> None:
    person = Going("calm", "words", Back(), Back(), "steady", "words", 5)
    answers, saved = walked(person)
    assert person.asked[3:] == [
        ("story", "words"), ("name", "calm"), ("story", "words"), ("mood", None)]  # fmt: skip
    assert answers == {"name": "steady", "story": "words", "mood": 5}
    assert saved[-3:] == [("name", "steady"), ("story", "words"), ("mood", 5)]


def test_back_before_the_first_question_is_refused_with_a_sentence() -> None:
    person = Going(Back(), "calm", "x", 5)
    answers, _ = walked(person)
    assert person.problems == [FIRST_QUESTION]
    assert person.asked[:2] == [("name", None), ("name", None)]
    assert answers["name"] == "calm"


def test_what_was_typed_before_going_back_is_offered_on_the_way_forward() -> None:
    person = Going("calm", Back("half a thought"), "calmer", "half a thought, finished", 5)
    answers, _ = walked(person)
    assert person.asked[3] == ("story", "half a thought")
    assert answers["story"] == "half a thought, finished"


def test_back_reaches_the_items_of_an_earlier_walk_and_answers_given_before_a_stop() -> None:
    person = Going(Back(), "home", "words", 5)
    answers, saved = walked(person, [STORY, MOOD], answered={"name": "calm", "place": "clinic"},
                            before=[NAME, PLACE])  # fmt: skip
    assert person.asked[:2] == [("story", None), ("place", "clinic")]
    assert answers == {"name": "calm", "place": "home", "story": "words", "mood": 5}
    assert saved == [("place", "home"), ("story", "words"), ("mood", 5)]


def test_an_answer_kept_on_the_way_forward_does_not_raise_its_alert_again() -> None:
    alerts: list[str] = []
    person = Going("calm", 1, Back(), 1, Back(), Back(), "calm", 0, "words")
    answers, _ = walked(
        person, [NAME, MOOD, STORY], on_alert=lambda item, alert: alerts.append(item.id)
    )
    assert person.asked[3] == ("mood", 1)
    assert alerts == ["mood", "mood"]  # for 1, once (kept: not again); for 0, a new answer
    assert answers == {"name": "calm", "mood": 0, "story": "words"}


# --- the askers ------------------------------------------------------------------------


def typed(*lines: str) -> tuple[PlainAsker, io.StringIO]:
    out = io.StringIO()
    given = list(lines)

    def read(prompt: str) -> str:
        if not given:
            raise EOFError
        return given.pop(0)

    return PlainAsker(Console(file=out, width=80, color_system=None), read), out


def test_plain_back_goes_back_and_says_how_once() -> None:
    asker, out = typed("back", "BACK", "fine")
    with pytest.raises(GoBack):
        asker.ask(NAME, None, back=True)
    with pytest.raises(GoBack):
        asker.ask(MOOD, None, back=True)
    assert asker.ask(NAME, None, back=True) == "fine"
    assert " ".join(out.getvalue().split()).count(BACK_HELP) == 1


def test_plain_back_goes_back_as_the_first_line_of_a_long_answer_or_a_list() -> None:
    asker, _ = typed("back", "back")
    with pytest.raises(GoBack):
        asker.ask(STORY, "Written before", back=True)
    with pytest.raises(GoBack):
        asker.ask(OWN, ["mine"], back=True)


def test_plain_back_after_other_lines_is_a_line_like_any() -> None:
    """So the word itself can be written: "my back", or back on a line of its own."""
    asker, out = typed("Tense in my", "back", "", "shoulders", "back", "")
    assert asker.ask(STORY, None, back=True) == "Tense in my\nback"
    assert asker.ask(OWN, None, back=True) == ["shoulders", "back"]
    assert BACK_HELP in " ".join(out.getvalue().split())


def test_plain_back_outside_a_walk_is_an_answer() -> None:
    asker, out = typed("back")
    assert asker.ask(NAME, None) == "back"
    assert "go back" not in out.getvalue()


CTRL_B, CTRL_C, ENTER, DOWN = "\x02", "\x03", "\r", "\x1b[B"


@pytest.mark.parametrize(
    ("item", "presses", "so_far"),
    [
        (NAME, ("half", CTRL_B), "half"),
        (STORY, ("line one", ENTER, "and", CTRL_B), "line one\nand"),
        (MOOD, (DOWN, CTRL_B), None),
        (PLACE, (CTRL_B,), None),
        (Item(id="sure", type="confirm", prompt="Sure?"), (CTRL_B,), None),
        (Item(id="ticks", type="checklist", prompt="Which?", options=PLACE.options),
         (" ", CTRL_B), ["home"]),
        (Item(id="own", type="list", prompt="Yours?"), ("mine", ENTER, CTRL_B), ["mine"]),
        (Item(id="own", type="list", prompt="Yours?"), ("mine", ENTER, "not yet entered", CTRL_B),
         ["mine", "not yet entered"]),
        (Item(id="own", type="list", prompt="Yours?"), ("only typed", CTRL_B), ["only typed"]),
    ],
)  # fmt: skip
def test_ctrl_b_goes_back_from_every_kind_of_question(
    item: Item, presses: tuple[str, ...], so_far: AnswerValue
) -> None:
    with pressing(*presses) as asker, pytest.raises(GoBack) as went:
        asker.ask(item, None, back=True)
    assert went.value.so_far == so_far


def test_ctrl_b_is_not_bound_outside_a_walk() -> None:
    with pressing("ab", CTRL_B, "c", ENTER) as asker:
        assert asker.ask(NAME, None) == "acb"  # Ctrl-B moved the cursor back, as usual


# --- a real walk: the draft changes in place --------------------------------------------


class GoingBackAt(Person):
    """A Person who goes back once, the first time ``at`` is asked."""

    def __init__(self, answers: dict[str, object], at: str, **replies: list[object]) -> None:
        super().__init__(answers, replies=replies)
        self.at: str | None = at

    def ask(
        self, item: Item, default: AnswerValue, partial: PartialFn | None = None, back: bool = False
    ) -> object:
        if item.id == self.at and back:
            self.at = None
            self.questions.append(item)
            raise GoBack()
        return super().ask(item, default, partial, back)


def test_a_checkin_goes_back_and_the_draft_is_changed_in_place() -> None:
    person = GoingBackAt(
        {"support": "my sister", "win": "A walk", "mood": 6}, at="win",
        **{"next-therapist": ["Friday", "Monday"]},
    )  # fmt: skip
    assert checkin(WalkOptions(), asker=person) == 0
    at = person.asked.index("win")
    assert person.asked[at - 1 : at + 3] == ["next-therapist", "win", "next-therapist", "win"]
    assert person.defaults["next-therapist"] == "Friday"  # its answer, offered again
    with open_store() as store:
        [entry] = store.entries(kind="checkin")
    ids = [answer.item_id for answer in entry.answers]
    assert ids.index("next-therapist") < ids.index("win")  # changed in its place
    assert len(ids) == len(set(ids))
    assert entry.value("next-therapist") == "Monday"
    assert entry.value("win") == "A walk" and entry.value("support") == "my sister"
