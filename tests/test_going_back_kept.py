"""Going back keeps what was given (issue 14): an answer changed on the way back stays
in its place, as the screen shows it; an emptied checklist stays, empty; a list's line
not yet entered goes with it; the steps' headings and prepare's card are shown again.

A ``Going`` person (a Person whose replies may also go back or stop) walks the real
walks, and the store is read after.
"""

from __future__ import annotations

import datetime
import io

import pytest
from rich.console import Console

from asker_helpers import Person
from ketaprep import console
from ketaprep.answers import AnswerValue, PartialFn
from ketaprep.ask.base import GoBack
from ketaprep.guides.model import Item
from ketaprep.store import Entry, open_store
from ketaprep.walks.checkin import run as checkin
from ketaprep.walks.journal import run as journal
from ketaprep.walks.prepare import run as prepare
from ketaprep.walks.run import WalkOptions

pytestmark = pytest.mark.usefixtures("welcomed")

KEEP = object()  # a reply: enter, keeping what is offered
STOP = object()  # a reply: Ctrl-C


class Back:
    """A reply that goes back: first each of ``parts`` is given (a tick, a line), then
    Ctrl-B with what is on screen (``so_far``)."""

    def __init__(self, *parts: AnswerValue, so_far: AnswerValue = None) -> None:
        self.parts = parts
        self.so_far = so_far


class Going(Person):
    """A Person whose replies may also be KEEP, STOP, a Back, or a list of parts given
    one by one before the last is the answer (``Parts``); ``offered`` is each question's
    default every time it is asked, in order."""

    def __init__(self, answers: dict[str, object], **replies: list[object]) -> None:
        super().__init__(answers, replies=replies)
        self.offered: list[tuple[str, AnswerValue]] = []

    def ask(
        self, item: Item, default: AnswerValue, partial: PartialFn | None = None, back: bool = False
    ) -> object:
        self.offered.append((item.id, default))
        reply = super().ask(item, default, partial, back)
        if reply is KEEP:
            return default
        if reply is STOP:
            raise KeyboardInterrupt
        if isinstance(reply, Back):
            assert back
            for part in reply.parts:
                assert partial is not None
                partial(part)
            raise GoBack(reply.so_far)
        if isinstance(reply, Parts):
            assert partial is not None
            for part in reply.parts:
                partial(part)
            return reply.parts[-1]
        return reply

    def offers(self, item_id: str) -> list[AnswerValue]:
        return [default for asked, default in self.offered if asked == item_id]


class Parts:
    """A reply given part by part (ticks), the last part being the answer."""

    def __init__(self, *parts: AnswerValue) -> None:
        self.parts = parts


def the_entry(kind: str) -> Entry:
    with open_store() as store:
        [entry] = store.entries(kind=kind, include_drafts=True)
    return entry


def prepared(number: int, intentions: list[str]) -> None:
    with open_store() as store:
        store.add_session(number, datetime.date.today())
        entry = store.start_entry("prepare", number, "preparing")
        store.save_answer(entry.id, "intentions", "list", "What to hold in mind?", intentions)
        store.finish_entry(entry.id)


def said_after_stop() -> io.StringIO:
    out = io.StringIO()
    console.set_console(Console(file=out, width=200), Console(file=out, width=200))
    return out


EDITED = "First line\nsecond\nthird"


def test_an_answer_changed_after_going_back_is_what_is_kept_and_offered() -> None:
    """Ctrl-B into an answer, a line added, Ctrl-B again, then on: the question shows
    the changed text, as the draft holds it, and enter keeps it."""
    prepared(2, ["Rest"])
    person = Going(
        {"intention-1": "touched"},
        **{"intention-1-note": ["Slept", KEEP], "feelings": [Back(), STOP]},
        thoughts=["First line\nsecond", Back(EDITED, so_far=EDITED), KEEP],
    )
    assert journal(WalkOptions(), asker=person) == 130
    assert person.offers("thoughts") == [None, "First line\nsecond", EDITED]
    draft = the_entry("journal")
    assert draft.value("thoughts") == EDITED and not draft.started  # kept on enter, whole
    ids = [answer.item_id for answer in draft.answers]
    assert ids == ["intention-1", "intention-1-note", "thoughts"]


def test_a_stop_after_changing_an_answer_on_the_way_back_keeps_the_change() -> None:
    prepared(2, ["Rest"])
    person = Going(
        {"intention-1": "touched"},
        **{"intention-1-note": ["Slept", STOP], "feelings": [Back()]},
        thoughts=["First line\nsecond", Back(EDITED, so_far=EDITED)],
    )
    assert journal(WalkOptions(), asker=person) == 130
    draft = the_entry("journal")
    [begun] = draft.started
    assert (begun.item_id, begun.value) == ("thoughts", EDITED)  # in its place, being changed
    assert [answer.item_id for answer in draft.answers] == [
        "intention-1", "intention-1-note", "thoughts"]  # fmt: skip
    resumed = Going({"resume": "resume"}, thoughts=[STOP])
    assert journal(WalkOptions(), asker=resumed) == 130
    assert resumed.offers("thoughts") == [EDITED]  # what the screen showed when it stopped


def test_a_line_typed_then_ctrl_b_in_a_one_line_answer_is_kept_as_a_part() -> None:
    prepared(2, ["Rest"])
    person = Going({"intention-1": "touched"}, **{"intention-1-note": [Back(so_far="Sle"), STOP]})
    assert journal(WalkOptions(), asker=person) == 130
    [begun] = the_entry("journal").started
    assert (begun.item_id, begun.value) == ("intention-1-note", "Sle")


PREPARE = {"read-step-1": False, "session": "today", "number": "1", "setting": "clinic"}


def test_a_checklist_emptied_after_going_back_is_kept_empty_in_its_place() -> None:
    out = said_after_stop()
    person = Going(
        PREPARE,
        ready=[Parts(["health"], ["health", "time"]), Back(["time"], [], so_far=None)],
        intentions=[Back()],
        setting=["clinic", STOP],
    )
    assert prepare(WalkOptions(), asker=person) == 130
    draft = the_entry("prepare")
    assert [(a.item_id, a.value, a.partial) for a in draft.answers] == [
        ("setting", "clinic", False), ("ready", [], True)]  # fmt: skip
    assert "Your 1 answer is kept." in out.getvalue()  # nothing ticked is no answer
    resumed = Going({"resume": "resume"}, ready=[STOP])
    assert prepare(WalkOptions(), asker=resumed) == 130
    assert resumed.offers("ready") == [[]]  # as it was left: nothing ticked


def test_ticks_changed_after_going_back_are_saved_in_their_place() -> None:
    person = Going(
        PREPARE,
        ready=[Parts(["health"], ["health", "time"]), Back(["time"], [], so_far=None),
               Parts(["food"])],
        intentions=[Back(), STOP],
        setting=["clinic", KEEP],
    )  # fmt: skip
    assert prepare(WalkOptions(), asker=person) == 130
    assert person.offers("ready") == [None, ["health", "time"], []]
    draft = the_entry("prepare")
    assert [(a.item_id, a.value, a.partial) for a in draft.answers] == [
        ("setting", "clinic", False), ("ready", ["food"], False)]  # fmt: skip


def test_a_finished_entry_gone_through_again_keeps_an_emptied_answer() -> None:
    prepared(1, ["Rest"])
    first = {"intention-1": "touched", "thoughts": "Calm", "feelings": ["calm", "tender"]}
    assert journal(WalkOptions(), asker=Person({**first, "mood": 6})) == 0
    before = the_entry("journal")
    again = Going({"session": "session-1"}, feelings=[Back(["tender"], [], so_far=None)],
                  thoughts=[KEEP, STOP])  # fmt: skip
    assert journal(WalkOptions(), asker=again) == 130
    entry = the_entry("journal")
    assert not entry.is_draft and entry.id == before.id
    assert [a.item_id for a in entry.answers] == [a.item_id for a in before.answers]
    [begun] = entry.started
    assert (begun.item_id, begun.value) == ("feelings", [])


def test_a_list_line_not_yet_entered_goes_back_with_it_and_is_checked_after_a_stop() -> None:
    out = said_after_stop()
    person = Going(
        {}, practices=[["yoga"], STOP],
        **{"own-practices": [Back(so_far=["A walk", "I want to kill myself"])]},
    )  # fmt: skip
    assert checkin(WalkOptions(), asker=person) == 130
    draft = the_entry("checkin")
    [begun] = draft.started
    assert (begun.item_id, begun.value) == ("own-practices", ["A walk", "I want to kill myself"])
    assert "Some of what you wrote sounds like you may be in danger" in out.getvalue()
    assert [shown.item_id for shown in draft.crisis_shown] == ["own-practices"]


def test_going_back_past_the_card_shows_it_again_with_the_change() -> None:
    """From the first question after the card (another walk of the same entry: step 3)
    back through the clinic questions (a step of their own) to the card's lines."""
    person = Going(
        {**PREPARE, "intentions": ["Rest"]},
        **{"to-remember": [[], ["Breathe slowly"]], "mood": [5, Back(), KEEP],
           "anxiety": [3, Back(), KEEP], "clinic-questions": [[], Back(), KEEP],
           "own-questions": [[], Back(), KEEP], "breathe": [Back(), False]},
    )  # fmt: skip
    assert prepare(WalkOptions(), asker=person) == 0
    at = person.asked.index("breathe")
    assert person.asked[at : at + 2] == ["breathe", "own-questions"]  # into the step before
    cards = [event for event in person.events if event.startswith("show") and "Session 1," in event]
    assert len(cards) == 2 and "Breathe slowly" not in cards[0] and "Breathe slowly" in cards[1]
    shown = [event.removeprefix("show ") for event in person.events]
    heading = next(event for event in shown if event.startswith("Questions for"))
    assert shown.count(heading) == 2  # the clinic questions' heading, again on the way
    last_asked = len(person.events) - 1 - person.events[::-1].index("ask own-questions")
    assert person.events.index(cards[1]) == last_asked + 1  # on the way forward, then
    assert the_entry("prepare").value("to-remember") == ["Breathe slowly"]


def test_back_from_the_pause_after_an_alert_asks_that_question_again() -> None:
    """Mood 1, the crisis lines and the pause; back, mood 0 (the same rule): the lines
    again and the pause again, and the help kept once for the rule, not twice."""
    person = Going(
        {}, mood=[1, 0], anxiety=[STOP], **{"after-alert": [Back(), "go-on"]}
    )  # fmt: skip
    assert checkin(WalkOptions(), asker=person) == 130
    at = person.asked.index("mood")
    assert person.asked[at:] == ["mood", "after-alert", "mood", "after-alert", "anxiety"]
    assert person.offers("mood")[1] == 1  # its answer offered
    draft = the_entry("checkin")
    assert draft.value("mood") == 0
    assert [shown.item_id for shown in draft.crisis_shown] == ["mood"]
