"""The walk engine: validation, saving answer by answer, resuming, alerts."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from ketaprep.answers import AnswerValue, InvalidAnswer, PartialFn, check_answer, partial_value
from ketaprep.ask import ScriptedAsker
from ketaprep.errors import UsageError
from ketaprep.guides.model import Item, Option
from ketaprep.guides.safety import Alert
from ketaprep.walks.engine import alert_met, answer_problems, labels_seen, usable_default, walk

READY = Item(
    id="ready",
    type="checklist",
    prompt="Which of these have you done?",
    options=(Option("ride", "A ride home", todo="Ask someone."), Option("food", "Food rule")),
)
INTENTIONS = Item(
    id="intentions",
    type="list",
    prompt="Your intentions?",
    required=True,
    examples=("Be kind to myself", "Feel safe"),
)
NOTE = Item(id="note", type="text", prompt="A word for today?")
STORY = Item(id="story", type="long_text", prompt="Anything on your mind?")
MOOD = Item(id="mood", type="scale", prompt="Mood?", min=0, max=10, labels={0: "Low"})
PLACE = Item(
    id="place",
    type="choice",
    prompt="Where?",
    options=(Option("home", "At home"), Option("clinic", "At the clinic")),
)
BREATHE = Item(id="breathe", type="confirm", prompt="Breathe now?", default=False)
ITEMS = (READY, INTENTIONS, NOTE, STORY, MOOD, PLACE, BREATHE)
ANSWERS: dict[str, AnswerValue] = {
    "ready": ["food"],
    "intentions": ["Feel safe", "Rest"],
    "note": "steady",
    "story": "line one\nline two",
    "mood": 6,
    "place": "clinic",
    "breathe": True,
}


class Recorder:
    """A save function that remembers what it was given, in order."""

    def __init__(self, log: list[str] | None = None) -> None:
        self.saved: list[tuple[str, AnswerValue]] = []
        self.log = log if log is not None else []

    def __call__(self, item: Item, value: AnswerValue) -> None:
        self.saved.append((item.id, value))
        self.log.append(f"save {item.id}")


# --- check_answer ------------------------------------------------------------------


@pytest.mark.parametrize("item_id", list(ANSWERS))
def test_each_good_answer_is_kept_as_given(item_id: str) -> None:
    item = next(item for item in ITEMS if item.id == item_id)
    assert check_answer(item, ANSWERS[item_id]) == ANSWERS[item_id]


@pytest.mark.parametrize(
    ("item", "raw", "expected"),
    [
        (READY, "ride", ["ride"]),
        (READY, ["ride", "ride"], ["ride"]),
        (READY, None, []),
        (INTENTIONS, "Feel safe", ["Feel safe"]),
        (INTENTIONS, ["  Rest  ", "", "Rest"], ["Rest"]),
        (NOTE, "  padded  ", "padded"),
        (NOTE, "", None),
        (NOTE, 42, "42"),
        (MOOD, "7", 7),
        (MOOD, None, None),
        (BREATHE, "yes", True),
        (BREATHE, "No", False),
        (PLACE, None, None),
    ],
)
def test_answers_are_brought_to_their_stored_shape(
    item: Item, raw: object, expected: AnswerValue
) -> None:
    assert check_answer(item, raw) == expected


@pytest.mark.parametrize(
    ("item", "raw", "problem"),
    [
        (MOOD, 11, "'mood' must be a whole number from 0 to 10"),
        (MOOD, -1, "'mood' must be a whole number from 0 to 10"),
        (MOOD, True, "'mood' must be a whole number from 0 to 10"),
        (MOOD, 5.5, "'mood' must be a whole number from 0 to 10"),
        (INTENTIONS, [], "'intentions' needs at least one answer"),
        (INTENTIONS, ["", "  "], "'intentions' needs at least one answer"),
        (INTENTIONS, {"a": 1}, "'intentions' must be a list"),
        (READY, ["ride", "swim"], "'ready' has 'swim', not among its options (ride, food)"),
        (PLACE, "beach", "'place' must be one of home, clinic"),
        (BREATHE, "maybe", "'breathe' must be yes or no"),
        (NOTE, ["a", "b"], "'note' must be a text"),
    ],
)
def test_answers_that_do_not_fit_are_refused(item: Item, raw: object, problem: str) -> None:
    with pytest.raises(InvalidAnswer) as caught:
        check_answer(item, raw)
    assert caught.value.problem == problem
    assert caught.value.hint.startswith("Please")


def test_list_bounds_come_from_min_and_max() -> None:
    two_to_three = Item(id="few", type="list", prompt="?", min=2, max=3)
    assert check_answer(two_to_three, ["a", "b"]) == ["a", "b"]
    with pytest.raises(InvalidAnswer, match="at least 2 answers"):
        check_answer(two_to_three, ["a"])
    with pytest.raises(InvalidAnswer, match="at most 3 answers"):
        check_answer(two_to_three, ["a", "b", "c", "d"])


def test_required_items_need_an_answer() -> None:
    for item in (
        Item(id="t", type="text", prompt="?", required=True),
        Item(id="s", type="scale", prompt="?", min=1, max=5, required=True),
        Item(id="c", type="confirm", prompt="?", required=True),
        Item(id="k", type="checklist", prompt="?", options=READY.options, required=True),
        Item(id="o", type="choice", prompt="?", options=PLACE.options, required=True),
    ):
        with pytest.raises(InvalidAnswer):
            check_answer(item, None)


def test_answer_problems_lists_everything_wrong_in_one_go() -> None:
    answers = {"mood": 12, "colour": "blue", "ready": ["swim"], "session": 3}
    problems = answer_problems(ITEMS, answers, extra_keys=["session"])
    assert problems == [
        "'colour' is not a question here",
        "'ready' has 'swim', not among its options (ride, food)",
        "'intentions' is required",
        "'mood' must be a whole number from 0 to 10",
    ]
    assert answer_problems(ITEMS, ANSWERS) == []


def test_usable_default_drops_what_no_longer_fits() -> None:
    assert usable_default(READY, ["food", "gone"]) == ["food"]
    assert usable_default(MOOD, 40) is None
    assert usable_default(PLACE, "clinic") == "clinic"
    assert usable_default(NOTE, None) is None


# --- walk ----------------------------------------------------------------------------


def test_walk_saves_every_answer_in_order() -> None:
    save = Recorder()
    result = walk(ITEMS, ScriptedAsker(ANSWERS), save)
    assert save.saved == list(ANSWERS.items())
    assert result == ANSWERS


@pytest.mark.parametrize("done", range(len(ITEMS) + 1))
def test_walk_resumes_after_the_answered_items(done: int) -> None:
    answered = {item.id: ANSWERS[item.id] for item in ITEMS[:done]}
    asked: list[str] = []

    class Watching(ScriptedAsker):
        def ask(
            self,
            item: Item,
            default: AnswerValue,
            partial: PartialFn | None = None,
            back: bool = False,
        ) -> object:
            asked.append(item.id)
            return super().ask(item, default, partial)

    save = Recorder()
    result = walk(ITEMS, Watching(ANSWERS), save, answered=answered)
    rest = [item.id for item in ITEMS[done:]]
    assert asked == rest
    assert [item_id for item_id, _ in save.saved] == rest
    assert result == ANSWERS


def test_walk_offers_earlier_answers_as_defaults() -> None:
    save = Recorder()
    earlier = {"mood": 3, "ready": ["ride", "removed-option"], "intentions": ["Rest"]}
    result = walk(ITEMS, ScriptedAsker({}), save, defaults=earlier)
    assert result["mood"] == 3
    assert result["ready"] == ["ride"]
    assert result["intentions"] == ["Rest"]
    assert result["breathe"] is False  # the guide's own default
    assert result["note"] is None


def test_an_interruption_keeps_what_was_saved_before_it() -> None:
    class StopsAtMood(ScriptedAsker):
        def ask(
            self,
            item: Item,
            default: AnswerValue,
            partial: PartialFn | None = None,
            back: bool = False,
        ) -> object:
            if item.id == "mood":
                raise KeyboardInterrupt
            return super().ask(item, default, partial)

    save = Recorder()
    with pytest.raises(KeyboardInterrupt):
        walk(ITEMS, StopsAtMood(ANSWERS), save)
    assert [item_id for item_id, _ in save.saved] == ["ready", "intentions", "note", "story"]


class GivesInParts(ScriptedAsker):
    """Reports each part of a list or checklist answer, then stops (like Ctrl-C) at
    ``stop_at`` before finishing it."""

    def __init__(self, parts: dict[str, list[object]], stop_at: str) -> None:
        super().__init__(ANSWERS)
        self.parts = parts
        self.stop_at = stop_at
        self.defaults: dict[str, AnswerValue] = {}

    def ask(
        self, item: Item, default: AnswerValue, partial: PartialFn | None = None, back: bool = False
    ) -> object:
        self.defaults[item.id] = default
        assert partial is not None, "with save_partial, every question gets a callback"
        for part in self.parts.get(item.id, []):
            partial(part)  # type: ignore[arg-type]  # raw, as an asker has it
        if item.id == self.stop_at:
            raise KeyboardInterrupt
        return super().ask(item, default, partial)


def test_each_part_of_an_answer_is_saved_as_it_is_given() -> None:
    save, partly = Recorder(), Recorder()
    asker = GivesInParts(
        {"ready": [["ride"], ["ride", "food"], ["food"]],
         "intentions": [["Feel safe"], ["Feel safe", " Rest "], ["Feel safe", "Rest"]]},
        stop_at="intentions",
    )  # fmt: skip
    with pytest.raises(KeyboardInterrupt):
        walk(ITEMS, asker, save, save_partial=partly)
    assert save.saved == [("ready", ["food"])]  # intentions was never finished
    assert partly.saved == [
        ("ready", ["ride"]),
        ("ready", ["ride", "food"]),
        ("ready", ["food"]),
        ("intentions", ["Feel safe"]),
        ("intentions", ["Feel safe", "Rest"]),  # the same value again is not saved twice
    ]


def test_a_part_answer_taken_back_to_nothing_is_saved_as_none() -> None:
    partly = Recorder()
    asker = GivesInParts({"ready": [["ride"], []]}, stop_at="ready")
    with pytest.raises(KeyboardInterrupt):
        walk(ITEMS, asker, Recorder(), save_partial=partly)
    assert partly.saved == [("ready", ["ride"]), ("ready", None)]


def test_a_part_answer_given_as_default_is_where_the_question_starts() -> None:
    """On resume the runner offers a part answer as the default, not as answered."""
    asker = GivesInParts({}, stop_at="")
    result = walk(ITEMS, asker, Recorder(), answered={"ready": ["food"]},
                  defaults={"intentions": ["Feel safe", "My own words"]},
                  save_partial=Recorder())  # fmt: skip
    assert "ready" not in asker.defaults
    assert asker.defaults["intentions"] == ["Feel safe", "My own words"]
    assert result["intentions"] == ANSWERS["intentions"]


def test_partial_values_take_the_stored_shape() -> None:
    assert partial_value(INTENTIONS, [" Rest ", "Rest", ""]) == ["Rest"]
    assert partial_value(INTENTIONS, []) is None
    assert partial_value(READY, ["food", "not-an-option"]) == ["food"]
    assert partial_value(STORY, "line one\n") == "line one"
    assert partial_value(STORY, "  ") is None
    assert partial_value(INTENTIONS, {"no": "shape"}) is None


def test_the_labels_seen_are_those_of_the_options_picked() -> None:
    assert labels_seen(READY, ["food"]) == {"food": "Food rule"}
    assert labels_seen(PLACE, "clinic") == {"clinic": "At the clinic"}
    assert labels_seen(PLACE, None) == {}
    assert labels_seen(INTENTIONS, ["Rest"]) == {}  # own words: nothing to look up


def test_walk_asks_again_after_an_answer_that_does_not_fit() -> None:
    replies = iter([15, "x", 4])
    problems: list[str] = []

    class Fumbling(ScriptedAsker):
        def ask(
            self,
            item: Item,
            default: AnswerValue,
            partial: PartialFn | None = None,
            back: bool = False,
        ) -> object:
            return next(replies)

        def problem(self, item: Item, error: InvalidAnswer) -> None:
            problems.append(error.hint)

    save = Recorder()
    assert walk([MOOD], Fumbling({}), save) == {"mood": 4}
    assert problems == ["Please choose a whole number from 0 to 10."] * 2
    assert save.saved == [("mood", 4)]


def test_scripted_asker_refuses_a_bad_answer_instead_of_looping() -> None:
    with pytest.raises(UsageError, match="'mood' must be a whole number"):
        walk([MOOD], ScriptedAsker({"mood": 99}), Recorder())


# --- alerts --------------------------------------------------------------------------


def with_alert(item: Item, alert: Alert) -> Item:
    from dataclasses import replace

    return replace(item, alert=alert)


ALERT_CASES: Sequence[tuple[Item, Alert, AnswerValue, AnswerValue]] = [
    # item, rule, an answer that meets it, an answer that does not
    (BREATHE, Alert(equals=True), True, False),
    (PLACE, Alert(equals="home"), "home", "clinic"),
    (PLACE, Alert(any_of=("home",)), "home", "clinic"),
    (READY, Alert(any_of=("food",)), ["ride", "food"], ["ride"]),
    (READY, Alert(equals="ride"), ["ride"], []),
    (MOOD, Alert(at_most=1), 1, 2),
    (MOOD, Alert(at_least=9), 10, 8),
    (NOTE, Alert(contains=("hopeless",)), "Feeling HOPELESS today", "fine"),
    (STORY, Alert(contains=("hurt myself",)), "I want to\nhurt myself", "a calm day"),
    (INTENTIONS, Alert(contains=("end it",)), ["Rest", "End it all"], ["Rest"]),
]


@pytest.mark.parametrize(("item", "alert", "meets", "misses"), ALERT_CASES)
def test_alert_rules_for_each_item_type(
    item: Item, alert: Alert, meets: AnswerValue, misses: AnswerValue
) -> None:
    assert alert_met(alert, meets)
    assert not alert_met(alert, misses)
    assert not alert_met(alert, None)


@pytest.mark.parametrize(("item", "alert", "meets", "misses"), ALERT_CASES)
def test_walk_raises_the_alert_after_saving_the_answer(
    item: Item, alert: Alert, meets: AnswerValue, misses: AnswerValue
) -> None:
    alerted = with_alert(item, alert)
    log: list[str] = []

    def on_alert(item: Item, alert: Alert) -> None:
        log.append(f"alert {item.id}")

    after = Item(id="after", type="text", prompt="And after?")
    save = Recorder(log)
    walk([alerted, after], ScriptedAsker({item.id: meets, "after": "ok"}), save, on_alert=on_alert)
    assert log == [f"save {item.id}", f"alert {item.id}", "save after"]

    log.clear()
    walk([alerted], ScriptedAsker({item.id: misses}), Recorder(log), on_alert=on_alert)
    assert log == [f"save {item.id}"]


def test_an_alert_is_not_raised_again_for_an_answer_already_given() -> None:
    alerted = with_alert(MOOD, Alert(at_most=1))
    log: list[str] = []
    walk([alerted], ScriptedAsker({}), Recorder(), answered={"mood": 0},
         on_alert=lambda item, alert: log.append(item.id))  # fmt: skip
    assert log == []
