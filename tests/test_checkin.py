"""The check-in walk's own glue, with a stand-in for the person: own practices offered
again, the pause after an alert, resuming, the rhythm note, and no session link."""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Mapping

from rich.console import Console

from asker_helpers import Person
from ketaprep.guides.load import load_guides
from ketaprep.guides.model import Item, Option
from ketaprep.paths import get_paths
from ketaprep.store import Entry, open_store
from ketaprep.walks import checkin
from ketaprep.walks.checkin import (
    FIRST_TIME,
    MOST_REMEMBERED,
    SPEC,
    own_practices,
    with_own_practices,
)
from ketaprep.walks.run import WalkOptions
from ketaprep.walks.screens import AFTER_ALERT

ANSWERS: dict[str, object] = {
    "practices": ["walk", "breathing"],
    "own-practices": ["Music"],
    "support": "my sister",
    "next-therapist": "friday",
    "win": "I cooked dinner",
    "mood": 6,
    "anxiety": 3,
    "safe": "no",
}
# Words that count what was missed or lost. A check-in never says them.
GUILT = re.compile(r"\b(streak|missed|lost|broke|broken|only|failed|behind)\b", re.IGNORECASE)


def checkins() -> list[Entry]:
    with open_store() as store:
        return store.entries(kind="checkin", include_drafts=True)


def check_in(answers: Mapping[str, object] = ANSWERS, **more: object) -> Person:
    person = Person({**answers, **more})
    assert checkin.run(WalkOptions(), asker=person) == 0
    return person


def test_a_checkin_is_saved_whole_and_belongs_to_no_session() -> None:
    with open_store() as store:
        store.add_session(1, datetime.date.today())
    person = check_in()
    [entry] = checkins()
    assert not entry.is_draft
    assert entry.session_number is None
    assert entry.guide == "maintaining"
    assert {answer.item_id: answer.value for answer in entry.answers} == ANSWERS
    step = load_guides().step("5")
    assert [answer.question for answer in entry.answers] == [item.prompt for item in step.items]
    printed = person.printed
    assert "Maintaining your progress" in printed  # the step's heading first
    assert "Saved: your check-in for" in printed
    assert "- A walk - Slow breathing - Music" in printed
    assert "- I cooked dinner" in printed
    assert "- friday" in printed
    assert printed.endswith(FIRST_TIME)
    assert AFTER_ALERT not in printed and "988" not in printed


def test_own_practices_are_offered_in_the_next_checklist() -> None:
    check_in(**{"own-practices": ["Music", "Time in nature", "yoga"]})
    person = check_in(practices=["Music", "meditation"])
    practices = person.item("practices")
    labels = [option.label for option in practices.options]
    # The guide's five, then the person's own; "yoga" is the guide's already.
    assert labels[5:] == ["Music", "Time in nature"]
    assert labels.count("Yoga") == 1 and "yoga" not in labels
    # The ideas the list offers leave out what is already in the checklist.
    assert "Time in nature" not in person.item("own-practices").examples
    assert "Drawing" in person.item("own-practices").examples
    newest = checkins()[0]
    assert newest.value("practices") == ["Music", "meditation"]
    assert "What helped: - Meditation - Music Your win" in person.printed


def test_remembered_practices_keep_the_newest_few_in_the_order_first_added() -> None:
    with open_store() as store:
        for texts in (["Music", "Drawing"], [f"Practice {n}" for n in range(12)], ["Music"]):
            entry = store.start_entry("checkin", None, "maintaining")
            store.save_answer(entry.id, "own-practices", "list", "Anything else?", texts)
            store.finish_entry(entry.id)
        remembered = own_practices(store)
    assert len(remembered) == MOST_REMEMBERED
    assert remembered[-1] == "Music"  # mentioned again, so newest
    assert "Drawing" not in remembered
    assert remembered[0] == "Practice 3"


def test_with_own_practices_changes_nothing_without_a_practices_checklist() -> None:
    items = [Item(id="win", type="text", prompt="A win?")]
    assert with_own_practices(items, ["Music"]) == items
    practices = Item(id="practices", type="checklist", prompt="?", options=(Option("a", "A"),))
    assert with_own_practices([practices], []) == [practices]
    [changed] = with_own_practices([practices], ["a", "B"])
    assert [option.id for option in changed.options] == ["a", "B"]


def test_an_alert_pauses_with_the_crisis_lines_and_the_walk_goes_on() -> None:
    person = check_in(mood=0, **{"after-alert": "go-on"})
    asked = person.asked
    assert asked[asked.index("mood") + 1] == "after-alert"
    assert asked[-2:] == ["anxiety", "safe"]
    printed = person.printed
    assert "It sounds like things are very hard right now." in printed  # the guide's words
    assert "Call or text 988" in printed and "Samaritans" in printed  # no region set: all
    # Saved, then the crisis lines, then the pause: before anything else is asked.
    at = person.events.index("ask mood")
    assert person.events[at + 1].startswith("show")
    assert "Call or text 988" in person.events[at + 1]
    assert person.events[at + 2] == "ask after-alert"
    assert AFTER_ALERT in printed
    [entry] = checkins()
    assert not entry.is_draft and entry.value("mood") == 0


def test_stopping_after_an_alert_keeps_a_draft_to_resume() -> None:
    person = check_in(mood=1, **{"after-alert": "stop"})
    assert person.printed.endswith(SPEC.stopped_for_now)
    assert "Saved: your check-in" not in person.printed
    [draft] = checkins()
    assert draft.is_draft
    assert [answer.item_id for answer in draft.answers][-1] == "mood"
    assert draft.value("mood") == 1

    again = check_in(resume="resume")
    assert again.asked == ["resume", "anxiety", "safe"]
    assert "Your 6 answers are kept." in again.printed
    [entry] = checkins()
    assert entry.id == draft.id and not entry.is_draft


def test_stopping_after_an_alert_on_the_last_question_finishes_the_checkin() -> None:
    person = check_in(safe="yes", **{"after-alert": "stop"})
    printed = person.printed
    assert "Thank you for telling me." in printed
    assert "Saved: your check-in" in printed
    assert AFTER_ALERT in printed
    [entry] = checkins()
    assert not entry.is_draft and entry.value("safe") == "yes"


def test_the_region_in_settings_chooses_the_crisis_lines() -> None:
    config = get_paths().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("region: uk-ie\n", encoding="utf-8")
    printed = check_in(safe="yes", **{"after-alert": "go-on"}).printed
    assert "Samaritans: Call 116 123" in printed
    assert "988" not in printed


def test_ctrl_c_keeps_the_answers_and_the_next_run_resumes() -> None:
    out = io.StringIO()
    from ketaprep import console

    console.set_console(Console(file=out, width=80), Console(file=out, width=80))
    person = Person(ANSWERS, stop_at="win")
    assert checkin.run(WalkOptions(), asker=person) == 130
    assert [line.rstrip() for line in out.getvalue().strip().splitlines()] == [
        "Stopped. Your 4 answers are kept. Run ketaprep checkin to carry on where you",
        "stopped.",
    ]  # wrapped between words at 80 columns
    [draft] = checkins()
    assert draft.is_draft
    assert [answer.item_id for answer in draft.answers] == [
        "practices", "own-practices", "support", "next-therapist",
    ]  # fmt: skip

    again = check_in(resume="resume")
    assert again.asked == ["resume", "win", "mood", "anxiety", "safe"]
    [entry] = checkins()
    assert entry.id == draft.id and not entry.is_draft
    assert {answer.item_id: answer.value for answer in entry.answers} == ANSWERS


def test_an_empty_draft_is_not_offered() -> None:
    with open_store() as store:
        empty = store.start_entry("checkin", None, "maintaining")  # killed before an answer
    person = check_in()
    assert "resume" not in person.asked
    assert "stopped after" not in person.printed
    finished = [entry for entry in checkins() if not entry.is_draft]
    assert len(finished) == 1 and finished[0].id != empty.id


def test_letting_a_draft_go_starts_a_fresh_checkin() -> None:
    assert checkin.run(WalkOptions(), asker=Person(ANSWERS, stop_at="mood")) == 130
    person = check_in(resume="discard", discard=True)
    assert "Done. Let's start fresh." in person.printed
    [entry] = checkins()
    assert not entry.is_draft and len(entry.answers) == len(ANSWERS)


def test_the_rhythm_note_counts_kindly_and_never_blames() -> None:
    first = check_in().printed
    assert first.endswith(FIRST_TIME)
    second = check_in().printed
    assert second.endswith("You have checked in twice in the last 14 days.")
    check_in()
    fourth = check_in().printed
    assert "You have checked in 4 times in the last 14 days." in fourth
    assert FIRST_TIME not in fourth
    for printed in (first, second, fourth):
        assert not GUILT.search(printed), printed
