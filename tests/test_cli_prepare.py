"""``ketaprep prepare`` and ``ketaprep breathe`` through the command line, and the prepare glue.

The CLI runs through ``ketaprep.cli.main`` (the one exit point), so exit codes and the
one-sentence errors are the real ones. The glue's own questions (which session, the
resume offer) are answered by a ``Person`` (tests/asker_helpers.py) standing in for them.
"""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from asker_helpers import Person
from cli_helpers import ketaprep, said, write_answers
from ketaprep import console
from ketaprep.guides.files import builtin_dir
from ketaprep.guides.load import load_guides
from ketaprep.guides.model import Item
from ketaprep.store import Entry, open_store
from ketaprep.walks.breathe import STOPPED, Pace, breathe, practice
from ketaprep.walks.prepare import NO_TERMINAL, run
from ketaprep.walks.run import WalkOptions
from ketaprep.walks.screens import AFTER_ALERT, answers_given
from test_store import old_words_on_disk

GOOD: dict[str, object] = {
    "session": 3,
    "date": "2026-12-01",
    "setting": "clinic",
    "ready": ["health", "time"],
    "intentions": ["Be kind to myself", "[bold]Rest[/bold]"],
    "to-remember": ["Ask for the blanket", "[i]Sam[/i] drives me home"],
    "mood": 6,
    "anxiety": 4,
    "clinic-questions": ["insurance"],
    "own-questions": ["Can my partner wait with me?"],
    "breathe": True,
}
ITEM_ANSWERS = {key: value for key, value in GOOD.items() if key not in ("session", "date")}

pytestmark = pytest.mark.usefixtures("welcomed")


def prepare_entries(include_drafts: bool = True) -> list[Entry]:
    with open_store() as store:
        return store.entries(kind="prepare", include_drafts=include_drafts)


def walked_items() -> list[Item]:
    guides = load_guides()
    return [item for key in ("2", "faq", "3") for item in guides.step(key).items]


# --- --answers ---------------------------------------------------------------------


def test_a_full_answers_file_saves_one_finished_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = ketaprep("prepare", "--answers", str(write_answers(tmp_path, GOOD)),
                      monkeypatch=monkeypatch)  # fmt: skip
    assert result.exit_code == 0, result.output
    [entry] = prepare_entries()
    assert not entry.is_draft
    assert entry.session_number == 3
    assert entry.guide == "preparing"
    items = walked_items()
    assert [answer.item_id for answer in entry.answers] == [item.id for item in items]
    for item, answer in zip(items, entry.answers, strict=True):
        assert answer.question == item.prompt
        assert answer.item_type == item.type
        assert answer.value == GOOD[item.id]
    with open_store() as store:
        session = store.session(3)
    assert session is not None and session.date == datetime.date(2026, 12, 1)

    out = result.output
    assert "Session 3, Tuesday 1 December 2026" in out
    assert "[bold]Rest[/bold]" in out  # shown as typed, never as markup
    assert "You are safe." in out  # step 3's reminders on the card
    # The person's own lines first under "To remember", as typed (markup stays text).
    remember = out[out.index("To remember") :]
    assert remember.index("Ask for the blanket") < remember.index("[i]Sam[/i] drives me home")
    assert remember.index("[i]Sam[/i] drives me home") < remember.index("Let it come.")
    assert "Call your clinic and ask when to stop eating and drinking." in out  # to do
    assert "Is this treatment covered by my insurance?" in out
    assert "Can my partner wait with me?" in out
    assert "After your session: ketaprep journal" in out
    assert [line for line in out.splitlines() if line.endswith(" ")] == []


def test_summary_lists_wrap_under_their_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "44")
    result = ketaprep("prepare", "--answers", str(write_answers(tmp_path, GOOD)),
                      monkeypatch=monkeypatch)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "  - Call your clinic and ask when to stop\n    eating and drinking.\n" in result.output
    assert "  - Can my partner wait with me?\n" in result.output


def test_optional_answers_can_be_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_answers(tmp_path, {"intentions": "Rest"})
    result = ketaprep("prepare", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    [entry] = prepare_entries()
    assert entry.value("intentions") == ["Rest"]
    assert entry.value("ready") == []
    assert entry.value("mood") is None
    assert entry.value("breathe") is False
    assert entry.session_number == 1  # the next number, today
    with open_store() as store:
        session = store.session(1)
    assert session is not None and session.date == datetime.date.today()


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        ({**GOOD, "colour": "blue"}, "'colour' is not a question here"),
        ({k: v for k, v in GOOD.items() if k != "intentions"}, "'intentions' is required"),
        ({**GOOD, "intentions": []}, "'intentions' needs at least one answer"),
        ({**GOOD, "mood": "high"}, "'mood' must be a whole number from 0 to 10"),
        ({**GOOD, "mood": 11}, "'mood' must be a whole number from 0 to 10"),
        ({**GOOD, "ready": ["swim"]}, "'ready' has 'swim', not among its options"),
        ({**GOOD, "breathe": "perhaps"}, "'breathe' must be yes or no"),
        ({**GOOD, "session": "three"}, "'session' must be a whole number from 1 to 9999"),
        ({**GOOD, "date": "someday"}, "'date' must be a date"),
    ],
)
def test_a_bad_answers_file_saves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: dict[str, object], words: str
) -> None:
    path = write_answers(tmp_path, answers)
    result = ketaprep("prepare", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert words in said(result)
    assert "nothing was saved" in said(result)
    assert "Traceback" not in result.output
    assert prepare_entries() == []


def test_every_problem_is_named_in_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_answers(tmp_path, {"colour": "blue", "mood": 99})
    result = ketaprep("prepare", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert said(result) == (
        f"The answers file {path} cannot be used, so nothing was saved: 'colour' is not a "
        "question here; 'intentions' is required; 'mood' must be a whole number from 0 to 10."
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("mood: [6\nready: {", "is not valid YAML (line"),
        ("- just\n- a list\n", "must map question ids to answers"),
        ("mood: !!python/object:os.system 1\n", "is not valid YAML"),
    ],
)
def test_an_answers_file_that_is_not_a_mapping_of_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, words: str
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    result = ketaprep("prepare", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert words in said(result)
    assert prepare_entries() == []


def test_a_missing_answers_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = ketaprep("prepare", "--answers", str(tmp_path / "nope.yaml"), monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "nope.yaml cannot be read: No such file or directory." in said(result)


def test_no_terminal_and_no_answers_file(monkeypatch: pytest.MonkeyPatch) -> None:
    result = ketaprep("prepare", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert said(result) == NO_TERMINAL
    assert "--answers FILE" in NO_TERMINAL


def test_options_choose_the_session_over_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_answers(tmp_path, GOOD)
    result = ketaprep("prepare", "--session", "5", "--date", "2026-12-09", "--answers", str(path),
                      monkeypatch=monkeypatch)  # fmt: skip
    assert result.exit_code == 0, result.output
    with open_store() as store:
        assert store.session(5) == store.session(5) is not None
        session = store.session(5)
        assert session is not None and session.date == datetime.date(2026, 12, 9)
        assert store.session(3) is None

    clash = ketaprep("prepare", "--session", "5", "--date", "2026-12-10", "--answers", str(path),
                     monkeypatch=monkeypatch)  # fmt: skip
    assert clash.exit_code == 2
    assert "Session 5 is saved for Wednesday 9 December 2026" in said(clash)


def test_preparing_again_changes_the_same_entry_and_keeps_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ketaprep("prepare", "--answers", str(write_answers(tmp_path, GOOD)), monkeypatch=monkeypatch)
    again = write_answers(tmp_path, {"session": 3, "intentions": ["Breathe"], "mood": 2}, "b.yaml")
    result = ketaprep("prepare", "--answers", str(again), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    [entry] = prepare_entries()
    assert entry.value("intentions") == ["Breathe"]
    assert entry.value("mood") == 2
    assert entry.value("anxiety") == 4  # kept from the first time
    assert entry.value("ready") == ["health", "time"]


def test_answers_changed_by_preparing_again_leave_no_old_words_in_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ketaprep_home: Path
) -> None:
    first = write_answers(tmp_path, {**GOOD, "intentions": ["Quokkaoldsecret"]})
    ketaprep("prepare", "--answers", str(first), monkeypatch=monkeypatch)
    assert old_words_on_disk(ketaprep_home, "Quokkaoldsecret") == ["Quokkaoldsecret"]
    again = write_answers(tmp_path, {"session": 3, "intentions": ["New"]}, "b.yaml")
    result = ketaprep("prepare", "--answers", str(again), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    [entry] = prepare_entries()
    assert entry.value("intentions") == ["New"]
    assert old_words_on_disk(ketaprep_home, "Quokkaoldsecret") == []


def clinic_with_a_mood_alert(tmp_path: Path) -> Path:
    """A clinic's guides folder whose step 2 alerts on a mood of 0 or 1."""
    clinic = tmp_path / "clinic"
    clinic.mkdir()
    text = (Path(str(builtin_dir())) / "02-preparing.yaml").read_text(encoding="utf-8")
    text = re.sub(r"    alert:\n      at_most: 1\n      message: >-\n(        .*\n)+", "", text)
    alert = "    alert:\n      at_most: 1\n      message: That sounds like a very hard day.\n"
    assert text.count("      10: Very good\n") == 1  # the mood scale, not anxiety's
    text = text.replace("      10: Very good\n", "      10: Very good\n" + alert)
    (clinic / "02-preparing.yaml").write_text(text, encoding="utf-8")
    return clinic


def test_an_alert_in_a_clinics_guide_shows_the_crisis_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic = clinic_with_a_mood_alert(tmp_path)
    path = write_answers(tmp_path, {**GOOD, "mood": 0})
    result = ketaprep("--guides", str(clinic), "prepare", "--answers", str(path),
                      monkeypatch=monkeypatch)  # fmt: skip
    assert result.exit_code == 0, result.output
    out = result.output
    assert "That sounds like a very hard day." in out
    assert "988" in out
    assert out.index("hard day") < out.index("What I hold in mind")
    # From a file nobody is there to answer a pause: the walk goes on to the end.
    assert "What would you like to do now?" not in out
    assert said(result).index(AFTER_ALERT) < said(result).index("After your session")
    [entry] = prepare_entries()
    assert entry.value("mood") == 0


# --- the glue, with a stand-in for the person ----------------------------------------


def capture_console() -> io.StringIO:
    out = io.StringIO()
    console.set_console(Console(file=out, width=80), Console(file=out, width=80))
    return out


FIRST_TIME = {"read-step-1": False, "session": "today", "number": "1"}


def test_the_first_prepare_offers_step_one_then_which_session() -> None:
    person = Person({**FIRST_TIME, **ITEM_ANSWERS, "breathe": False})
    assert run(WalkOptions(), asker=person) == 0
    assert person.asked[:3] == ["read-step-1", "session", "number"]
    assert person.defaults["number"] == "1"
    [entry] = prepare_entries()
    assert entry.session_number == 1 and not entry.is_draft

    second = Person({"session": "tomorrow", "number": "2", **ITEM_ANSWERS, "breathe": False})
    assert run(WalkOptions(), asker=second) == 0
    assert second.asked[:2] == ["session", "number"]  # step 1 is offered only the first time
    assert second.defaults["number"] == "2"


def test_the_summary_counts_the_answers_given_not_the_ones_skipped() -> None:
    skipped = {"clinic-questions": [], "own-questions": [], "breathe": False}
    person = Person({**FIRST_TIME, **ITEM_ANSWERS, **skipped})
    assert run(WalkOptions(), asker=person) == 0
    assert "Saved: your 7 answers for session 1," in person.printed
    assert answers_given([Item(id="a", type="text", prompt="?")], {"a": "x"}) == "1 answer"


def test_reading_step_one_first() -> None:
    shown = capture_console()  # step 1 goes the way of long pages (the pager, in a terminal)
    person = Person({"read-step-1": True, "go-on": False})
    assert run(WalkOptions(), asker=person) == 0
    assert "Step 1: Understanding" in shown.getvalue()
    assert "Come back whenever you are ready" in person.printed
    assert prepare_entries() == []


def test_an_upcoming_session_is_offered_first() -> None:
    soon = datetime.date.today() + datetime.timedelta(days=3)
    with open_store() as store:
        store.add_session(4, soon)
    person = Person({"read-step-1": False, "intentions": ["Rest"]})  # enter on the rest
    assert run(WalkOptions(), asker=person) == 0
    assert person.defaults["session"] == "session-4"
    [entry] = prepare_entries()
    assert entry.session_number == 4


def test_a_typed_day_and_a_taken_number_are_asked_again() -> None:
    with open_store() as store:
        store.add_session(1, datetime.date(2026, 1, 5))
    person = Person({"read-step-1": False, "session": "other", "intentions": ["Rest"]},
                    replies={"day": ["someday", "2026-12-24"], "number": ["1", "2"]})  # fmt: skip
    assert run(WalkOptions(), asker=person) == 0
    assert person.asked[:6] == ["read-step-1", "session", "day", "day", "number", "number"]
    assert person.hints[0] == (
        '"someday" is not a day ketaprep understands. '
        "Please try again, like 2026-12-01, tomorrow or friday."
    )
    assert person.hints[1].startswith("Session 1 is already saved, for Monday 5 January 2026.")
    with open_store() as store:
        session = store.session(2)
    assert session is not None and session.date == datetime.date(2026, 12, 24)


def test_after_an_alert_the_walk_pauses_and_stopping_keeps_the_draft(tmp_path: Path) -> None:
    clinic = clinic_with_a_mood_alert(tmp_path)
    person = Person({**FIRST_TIME, **ITEM_ANSWERS, "mood": 1, "after-alert": "stop"})
    assert run(WalkOptions(guides_dir=clinic), asker=person) == 0
    assert person.asked[-2:] == ["mood", "after-alert"]  # nothing asked after stopping
    printed = person.printed
    assert printed.index("That sounds like a very hard day.") < printed.index("988")
    assert printed.endswith(
        "Your answers so far are kept. Look after yourself first. "
        "When you are ready, run ketaprep prepare to finish."
    )
    assert "Saved:" not in printed
    [draft] = prepare_entries()
    assert draft.is_draft and draft.value("mood") == 1

    resumed = Person({"resume": "resume", **ITEM_ANSWERS, "breathe": False})
    assert run(WalkOptions(guides_dir=clinic), asker=resumed) == 0
    assert resumed.asked[:2] == ["resume", "anxiety"]
    # The alert was in this entry, so the care team comes first among the next steps.
    assert resumed.printed.index(AFTER_ALERT) < resumed.printed.index("After your session")
    [entry] = prepare_entries()
    assert entry.id == draft.id and not entry.is_draft and entry.value("mood") == 1


def test_after_an_alert_going_on_finishes_the_walk(tmp_path: Path, slept: list[float]) -> None:
    clinic = clinic_with_a_mood_alert(tmp_path)
    out = capture_console()
    person = Person({**FIRST_TIME, **ITEM_ANSWERS, "mood": 0, "after-alert": "go-on"})
    assert run(WalkOptions(guides_dir=clinic), asker=person) == 0
    at = person.asked.index("after-alert")
    assert person.asked[at - 1 : at + 2] == ["mood", "after-alert", "anxiety"]
    assert AFTER_ALERT in person.printed
    [entry] = prepare_entries()
    assert not entry.is_draft and entry.value("mood") == 0
    # A yes to "breathe" leads the whole practice at its usual pace: 4 rounds of 4 and 6.
    assert slept == [1] * 40
    assert "Round 4 of 4" in out.getvalue() and "notice how you feel" in out.getvalue()


def test_an_empty_draft_is_never_offered_and_an_old_one_is_let_go(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A walk killed before its first answer leaves an empty draft behind."""
    utc = datetime.timezone.utc
    with open_store() as store:
        store.add_session(1, datetime.date.today())
        with monkeypatch.context() as clock:
            two_days_ago = datetime.datetime.now(utc) - datetime.timedelta(days=2)
            clock.setattr("ketaprep.store.entries.now", lambda: two_days_ago)
            old = store.start_entry("prepare", 1, "preparing")
        fresh = store.start_entry("prepare", 1, "preparing")  # maybe open in another window
    person = Person({**FIRST_TIME, "session": "session-1", **ITEM_ANSWERS, "breathe": False})
    assert run(WalkOptions(), asker=person) == 0
    assert "resume" not in person.asked
    assert "0 answers" not in person.printed
    assert person.asked[:2] == ["read-step-1", "session"]  # still the first prepare
    [entry] = prepare_entries()  # the old one is gone; the fresh one was used
    assert entry.id == fresh.id != old.id and not entry.is_draft


def test_ctrl_c_keeps_a_draft_and_the_next_run_offers_to_resume() -> None:
    out = capture_console()
    person = Person({**FIRST_TIME, **ITEM_ANSWERS}, stop_at="mood")
    assert run(WalkOptions(), asker=person) == 130
    assert [line.rstrip() for line in out.getvalue().strip().splitlines()] == [
        "Stopped. Your 4 answers are kept. Run ketaprep prepare to carry on where you",
        "stopped.",
    ]  # wrapped between words at 80 columns
    [draft] = prepare_entries()
    assert draft.is_draft
    assert [answer.item_id for answer in draft.answers] == [
        "setting", "ready", "intentions", "to-remember",
    ]  # fmt: skip

    resumed = Person({"resume": "resume", **ITEM_ANSWERS, "breathe": False})
    assert run(WalkOptions(), asker=resumed) == 0
    assert resumed.asked[0] == "resume"
    assert "ready" not in resumed.asked and "intentions" not in resumed.asked
    assert resumed.asked[1:3] == ["mood", "anxiety"]
    assert "Your 4 answers are kept." in resumed.printed
    [entry] = prepare_entries()
    assert entry.id == draft.id and not entry.is_draft
    assert entry.value("mood") == 6


def test_going_through_a_draft_again_offers_its_answers() -> None:
    capture_console()
    run(WalkOptions(), asker=Person({**FIRST_TIME, **ITEM_ANSWERS}, stop_at="anxiety"))
    again = Person({"resume": "again"})
    assert run(WalkOptions(), asker=again) == 0
    assert again.asked[1:4] == ["setting", "ready", "intentions"]
    assert again.defaults["intentions"] == ITEM_ANSWERS["intentions"]
    [entry] = prepare_entries()
    assert entry.value("mood") == 6 and not entry.is_draft


def test_discarding_a_draft_asks_to_be_sure() -> None:
    capture_console()
    run(WalkOptions(), asker=Person({**FIRST_TIME, **ITEM_ANSWERS}, stop_at="anxiety"))
    [draft] = prepare_entries()

    # Not sure after all: the offer comes again, and this time they carry on.
    undecided = Person({"discard": False}, stop_at="anxiety",
                       replies={"resume": ["discard", "resume"]})  # fmt: skip
    assert run(WalkOptions(), asker=undecided) == 130
    assert undecided.asked == ["resume", "discard", "resume"]
    assert [entry.id for entry in prepare_entries()] == [draft.id]

    # Session 1 (today) is kept, so it is now offered first.
    sure = Person({"resume": "discard", "discard": True, "session": "session-1",
                   "intentions": ["New"]})  # fmt: skip
    assert run(WalkOptions(), asker=sure) == 0
    [entry] = prepare_entries()
    assert entry.id != draft.id and entry.session_number == 1
    assert entry.value("intentions") == ["New"]


def test_ctrl_c_at_the_resume_offer_keeps_the_draft() -> None:
    capture_console()
    run(WalkOptions(), asker=Person({**FIRST_TIME, **ITEM_ANSWERS}, stop_at="mood"))
    out = capture_console()
    assert run(WalkOptions(), asker=Person({}, stop_at="resume")) == 130
    assert "your earlier answers are still kept" in out.getvalue()
    [draft] = prepare_entries()
    assert draft.is_draft and len(draft.answers) == 4


def test_ctrl_c_before_the_first_answer_keeps_no_empty_draft() -> None:
    out = capture_console()
    assert run(WalkOptions(), asker=Person(FIRST_TIME, stop_at="setting")) == 130
    assert "nothing to keep" in out.getvalue()
    assert prepare_entries() == []


def test_preparing_a_session_again_fills_in_its_answers() -> None:
    run(WalkOptions(), asker=Person({**FIRST_TIME, **ITEM_ANSWERS, "breathe": False}))
    again = Person({"breathe": False}, stop_at="anxiety")
    out = capture_console()
    assert run(WalkOptions(session=1), asker=again) == 130
    assert again.defaults["intentions"] == ITEM_ANSWERS["intentions"]
    assert again.defaults["mood"] == 6
    assert "You got ready for session 1 before" in again.printed
    assert "ketaprep prepare --session 1" in out.getvalue()
    [entry] = prepare_entries()
    assert not entry.is_draft


# --- breathe -------------------------------------------------------------------------


def test_breathe_counts_each_second(slept: list[float]) -> None:
    out = io.StringIO()
    breathe(Pace(2, 3, 4), console=Console(file=out, width=80))
    text = out.getvalue()
    assert "Round 1 of 2" in text and "Round 2 of 2" in text
    assert "Breathe in   1 2 3\n" in text
    assert "Breathe out  1 2 3 4\n" in text
    assert slept == [1] * 14


def test_breathe_stops_gently_on_ctrl_c(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("ketaprep.walks.breathe.sleep", interrupted)
    out = io.StringIO()
    assert practice(Pace(), console=Console(file=out, width=200)) is False
    assert out.getvalue().rstrip().endswith(STOPPED)


def test_breathe_command(monkeypatch: pytest.MonkeyPatch, slept: list[float]) -> None:
    result = ketaprep("breathe", "--rounds", "1", "--in", "2", "--out", "3",
                      monkeypatch=monkeypatch)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert slept == [1] * 5
    assert "Breathe out  1 2 3" in result.output
    assert "notice how you feel" in result.output

    for args, words in ((["--rounds", "0"], "1 to 30 rounds"), (["--in", "99"], "--in")):
        bad = ketaprep("breathe", *args, monkeypatch=monkeypatch)
        assert bad.exit_code == 2
        assert words in bad.output


def test_builtin_guides_are_what_the_tests_expect() -> None:
    """The tests above use ids from the built-in guides; say so plainly if they change."""
    ids = [item.id for item in walked_items()]
    assert ids == list(GOOD)[2:]


@pytest.mark.parametrize(
    ("given", "begun", "said"),
    [
        (1, 0, "Your 1 answer is kept."),
        (2, 0, "Your 2 answers are kept."),
        (0, 1, "Part of your first answer is kept."),
        (1, 1, "Your 1 answer, and part of a second, are kept."),
        (2, 1, "Your 2 answers, and part of a third, are kept."),
        (9, 1, "Your 9 answers, and part of one more, are kept."),
    ],
)
@pytest.mark.parametrize("skipped", [0, 3])
def test_what_is_kept_counts_whole_answers_and_the_part_of_one(
    given: int, begun: int, said: str, skipped: int
) -> None:
    """Questions skipped are not counted as answers (nothing was given)."""
    from ketaprep.store import Answer, Entry
    from ketaprep.walks.run import what_is_kept

    moment = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)
    answers = [Answer(f"q{n}", "text", "Q?", "x", moment) for n in range(given)]
    answers += [Answer(f"s{n}", "text", "S?", None, moment) for n in range(skipped)]
    answers += [Answer(f"p{n}", "list", "P?", ["x"], moment, partial=True) for n in range(begun)]
    draft = Entry("id", "prepare", 1, "preparing", moment, moment, None, tuple(answers))
    assert what_is_kept(draft) == said


def test_only_skipped_questions_keep_the_place() -> None:
    from ketaprep.store import Answer, Entry
    from ketaprep.walks.run import what_is_kept

    moment = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)
    skipped = (Answer("s", "text", "S?", None, moment), Answer("t", "list", "T?", [], moment))
    draft = Entry("id", "prepare", 1, "preparing", moment, moment, None, skipped)
    assert what_is_kept(draft) == "Your place is kept: you skipped the questions so far."


# --- where the session happens ------------------------------------------------------

SAFE_LINES = {
    "clinic": "You are safe. Kind, trained people are close by.",
    "home": "You are safe. The person with you is there to help.",
    "online": "You are safe. Your clinician is with you on the call.",
}


@pytest.mark.parametrize("setting", [*SAFE_LINES, "not-sure", None])
def test_the_card_fits_where_the_session_happens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str | None
) -> None:
    answers = {key: value for key, value in GOOD.items() if key != "setting"}
    if setting is not None:
        answers["setting"] = setting
    result = ketaprep("prepare", "--answers", str(write_answers(tmp_path, answers)),
                      monkeypatch=monkeypatch)  # fmt: skip
    assert result.exit_code == 0, result.output
    card = said(result).split("To remember", 1)[1].split("Saved:", 1)[0]
    [top] = [line for line in result.output.splitlines() if line.startswith("╭")]
    assert len(top) < 70  # the card is as wide as its longest line, not the terminal
    assert "Stay here, in this moment." in card
    for option, line in SAFE_LINES.items():
        assert (line in card) == (option == setting), (option, card)
    [entry] = prepare_entries()
    assert entry.value("setting") == setting  # kept with the session's prepare entry
    assert entry.session_number == 3


def test_a_setting_that_is_not_an_option_saves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_answers(tmp_path, {**GOOD, "setting": "hospital"})
    result = ketaprep("prepare", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "'setting' must be one of clinic, home, online, not-sure" in said(result)
    assert prepare_entries() == []
