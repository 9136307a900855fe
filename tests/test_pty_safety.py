"""Safe at every step, in a real terminal: the alerts of journal and prepare, the self-harm
question with no answer chosen beforehand, and "stop for now" leaving a draft to resume.

Each test waits for what a person would see before pressing keys, then opens the store to
check what was kept.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from ketaprep.guides.card import AFTER_ALERT as CARD_AFTER_ALERT
from ketaprep.guides.load import load_guides
from ketaprep.paths import get_paths
from ketaprep.store import Entry, open_store
from ketaprep.walks.screens import AFTER_ALERT, LINES_AGAIN
from pty_helpers import DOWN, ENTER, SPACE, UP, Terminal, no_card_lines

pytestmark = [pytest.mark.pty, pytest.mark.usefixtures("welcomed")]

DANGER_LINE = "If you or someone else is in danger right now"
JOURNAL_REMINDERS = [reminder.text for reminder in load_guides().step("4").reminders]


def entries(kind: str) -> list[Entry]:
    with open_store() as store:
        return store.entries(kind=kind, include_drafts=True)


def set_region(region: str) -> None:
    config = get_paths().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f"region: {region}\n", encoding="utf-8")


def journal_draft_up_to_mood() -> str:
    """A journal draft for session 1 (today) with every answer before the mood given,
    as a walk stopped there would leave it. Its id."""
    step = load_guides().step("4")
    with open_store() as store:
        store.add_session(1, datetime.date.today())
        draft = store.start_entry("journal", 1, step.id)
        for item in step.items:
            if item.id == "mood":
                break
            value: object = ["calm"] if item.type == "list" else "A quiet evening."
            store.save_answer(draft.id, item.id, item.type, item.prompt, value)  # type: ignore[arg-type]
    return draft.id


def carry_on(term: Terminal) -> None:
    screen = term.wait_for("What would you like to do?")
    assert "» Carry on where I stopped" in screen
    term.send(ENTER)


def test_a_journal_alert_shows_the_lines_once_and_the_closing_drops_its_cheer(
    ketaprep_home: Path,
) -> None:
    set_region("us")
    draft_id = journal_draft_up_to_mood()
    with Terminal("journal", home=ketaprep_home) as term:
        carry_on(term)
        screen = term.wait_for("How is your mood right now?")
        assert "»  5  In between" in screen
        term.send(UP, UP, UP, UP, UP)
        term.wait_for("»  0  Very low")
        term.send(ENTER)
        screen = term.wait_for("What would you like to do now?")
        for seen in (
            "It sounds like things are very hard since your session.",
            DANGER_LINE,
            "Suicide & Crisis Lifeline: Call or text 988",
            "» Go on with my journal",
            "Stop for now (my answers are kept)",
        ):
            assert seen in screen, screen
        term.send(ENTER)

        term.wait_for("How anxious do you feel right now?")
        term.send(DOWN, DOWN, DOWN, DOWN, DOWN)
        term.wait_for("» 10  Very anxious")
        term.send(ENTER)
        # A second rule met: its own words over a short form of the lines (not the block
        # again), and a pause of its own. The first pause's options were erased once
        # answered, so these are the new pause's.
        screen = term.wait_for("Stop for now (my answers are kept)")
        later = " ".join(screen.split("10  Very anxious")[-1].split())
        assert "That sounds like a lot to hold." in later
        assert "United States · Suicide & Crisis Lifeline: Call or text 988" in later
        assert LINES_AGAIN in later and DANGER_LINE not in later
        term.send(ENTER)
        term.wait_for("» Skip this question")
        term.send(UP)
        term.wait_for("» No")
        term.send(ENTER)

        term.wait_for("Any words to help you find this entry later?")
        term.send(ENTER)
        term.wait_for_prompt("? In your own words:")
        term.send(ENTER)
        screen = term.wait_for("To look back: ketaprep review")
        said = " ".join(screen.split())
        assert "Saved: your journal entry for session 1" in said
        assert AFTER_ALERT in said
        assert term.wait_exit() == 0
        output = term.all_output()
        assert output.count(DANGER_LINE) == 1
        for reminder in JOURNAL_REMINDERS:  # "Notice your breath. Let what came up settle."
            assert reminder not in output

    [entry] = entries("journal")
    assert entry.id == draft_id and not entry.is_draft
    assert (entry.value("mood"), entry.value("anxiety"), entry.value("safe")) == (0, 10, "no")


def test_not_sure_pauses_and_stop_for_now_leaves_a_draft_to_carry_on(ketaprep_home: Path) -> None:
    draft_id = journal_draft_up_to_mood()
    with Terminal("journal", home=ketaprep_home) as term:
        carry_on(term)
        term.wait_for("How is your mood right now?")
        term.send(ENTER)
        term.wait_for("How anxious do you feel right now?")
        term.send(ENTER)
        screen = term.wait_for("» Skip this question")
        assert "Are you having thoughts of harming yourself?" in screen
        term.send(UP, UP)
        term.wait_for("» Not sure")
        term.send(ENTER)
        screen = term.wait_for("What would you like to do now?")
        assert "Thank you for telling me. Sure or not, you do not have to face this" in screen
        assert "Samaritans: Call 116 123" in screen  # no region set: every region
        term.send(DOWN)
        term.wait_for("» Stop for now (my answers are kept)")
        term.send(ENTER)
        screen = term.wait_for("ketaprep journal to finish.")
        assert "Look after yourself first." in screen
        assert term.wait_exit() == 0

    [draft] = entries("journal")
    assert draft.id == draft_id and draft.is_draft and draft.value("safe") == "not-sure"

    with Terminal("journal", home=ketaprep_home) as term:
        screen = term.wait_for("What would you like to do?")
        assert "You started writing about session 1" in " ".join(screen.split())
        term.send(ENTER)
        screen = term.wait_for("Any words to help you find this entry later?")
        # Answered before: not asked again.
        assert "Are you having thoughts of harming yourself?" not in screen
        term.send(ENTER)
        term.wait_for_prompt("? In your own words:")
        term.send(ENTER)
        screen = term.wait_for("To look back: ketaprep review")
        # The help was shown in this entry: the care team first, no cheerful reminders.
        assert AFTER_ALERT in " ".join(screen.split())
        assert term.wait_exit() == 0
        for reminder in JOURNAL_REMINDERS:
            assert reminder not in term.all_output()

    [entry] = entries("journal")
    assert entry.id == draft_id and not entry.is_draft and entry.value("safe") == "not-sure"


def test_a_very_low_mood_before_a_session_nudges_to_call_the_clinic(ketaprep_home: Path) -> None:
    set_region("uk-ie")
    with Terminal("prepare", home=ketaprep_home) as term:
        term.wait_for("read step 1")
        term.send("n")
        term.wait_for("Which session are you getting ready for?")
        term.send(ENTER)
        term.wait_for("Which session number is this? 1")
        term.send(ENTER)
        term.wait_for("Where will this session happen?")
        term.wait_for("I am not sure yet")
        term.send(ENTER)
        term.wait_for("Which of these have you done?")
        term.send(ENTER)
        term.wait_for("What would you like to hold in mind during this session?")
        term.send(SPACE, ENTER)
        term.wait_for_prompt("? In your own words:")
        term.send(ENTER)
        no_card_lines(term)
        term.wait_for("»  5  In between")
        term.send(UP, UP, UP, UP)
        term.wait_for("»  1")
        term.send(ENTER)
        screen = term.wait_for("What would you like to do now?")
        said = " ".join(screen.split())
        for seen in (
            "It sounds like you feel very low right now.",
            "Please call your clinic before the session and tell them how you feel.",
            "Samaritans: Call 116 123",
            "» Go on getting ready",
        ):
            assert seen in said, screen
        term.send(ENTER)
        term.wait_for("How anxious do you feel right now?")
        term.send(ENTER)
        term.wait_for("Which questions would you like to ask your clinic?")
        term.send(ENTER)
        term.wait_for("Do you have any other questions")
        term.send(ENTER)
        screen = term.wait_for("Would you like a short breathing practice now?")
        card = " ".join(screen.split())
        # Help comes first on the card; their words stay; no "Let it come".
        assert CARD_AFTER_ALERT[0] in card and CARD_AFTER_ALERT[1] in card
        assert card.index(CARD_AFTER_ALERT[0]) < card.index("• Be kind to myself")
        assert "Let it come" not in term.all_output() and "To remember" not in card
        term.send("n")
        screen = term.wait_for("After your session: ketaprep journal")
        said = " ".join(screen.split())
        assert said.index(AFTER_ALERT) < said.index("After your session")
        assert term.wait_exit() == 0

    [entry] = entries("prepare")
    assert not entry.is_draft and entry.value("mood") == 1
    assert entry.value("intentions") == ["Be kind to myself"]


def test_a_danger_phrase_typed_in_a_text_answer_pauses_once_and_is_kept_as_typed(
    ketaprep_home: Path,
) -> None:
    set_region("us")
    with Terminal("checkin", home=ketaprep_home) as term:
        term.wait_for("Which of these have you done since your last check-in?")
        term.send(ENTER)
        term.wait_for("Is there anything else that helps you?")
        term.send(ENTER)
        term.wait_for_prompt("? In your own words:")
        term.send(ENTER)
        term.wait_for("Who did you talk to or spend time with?")
        term.send(ENTER)
        term.wait_for("When is your next check-in with your therapist?")
        term.send(ENTER)
        term.wait_for("What is one win since last time, however small?")
        term.type("I finished my goodbye  letter")
        term.send(ENTER)
        screen = term.wait_for("What would you like to do now?")
        said = " ".join(screen.split())
        for seen in (
            "Some of what you wrote sounds like you may be in danger",
            "Your words are saved just as you wrote them.",
            DANGER_LINE,
            "Suicide & Crisis Lifeline: Call or text 988",
            "» Go on with my check-in",
        ):
            assert seen in said, screen
        term.send(ENTER)
        term.wait_for("How is your mood right now?")
        term.send(UP, UP, UP, UP)
        term.wait_for("»  1")
        term.send(ENTER)  # a second rule: its words over a short form, and its own pause
        screen = term.wait_for("Stop for now (my answers are kept)")
        assert "It sounds like things are very hard right now." in screen
        term.send(ENTER)
        term.wait_for("How anxious do you feel right now?")
        term.send(ENTER)
        term.wait_for("» Skip this question")
        term.send(ENTER)
        screen = term.wait_for("Saved: your check-in for")
        assert term.wait_exit() == 0
        assert AFTER_ALERT in " ".join(term.screen_text().split())
        assert term.all_output().count(DANGER_LINE) == 1

    [entry] = entries("checkin")
    assert not entry.is_draft and entry.value("win") == "I finished my goodbye  letter"
    assert entry.value("safe") is None  # skipped with enter: nothing stored
    assert [(shown.item_id, shown.rule) for shown in entry.crisis_shown] == [
        ("win", 'danger phrase "goodbye letter"'),
        ("mood", "the answer is 1 or less"),
    ]


def test_an_intention_with_a_danger_phrase_gets_help_before_the_card(ketaprep_home: Path) -> None:
    with Terminal("prepare", home=ketaprep_home) as term:
        term.wait_for("read step 1")
        term.send("n")
        term.wait_for("Which session are you getting ready for?")
        term.send(ENTER)
        term.wait_for("Which session number is this? 1")
        term.send(ENTER)
        term.wait_for("Where will this session happen?")
        term.wait_for("I am not sure yet")
        term.send(ENTER)
        term.wait_for("Which of these have you done?")
        term.send(ENTER)
        term.wait_for("What would you like to hold in mind during this session?")
        term.send(ENTER)
        term.wait_for_prompt("? In your own words:")
        term.type("I want to die")
        term.send(ENTER)
        term.wait_for_prompt("? Another one:")
        term.send(ENTER)
        screen = term.wait_for("What would you like to do now?")
        said = " ".join(screen.split())
        assert "Some of what you wrote sounds like you may be in danger" in said
        assert "» Go on getting ready" in screen
        term.send(ENTER)
        no_card_lines(term)
        term.wait_for("How is your mood right now?")
        term.send(ENTER)
        term.wait_for("How anxious do you feel right now?")
        term.send(ENTER)
        term.wait_for("Which questions would you like to ask your clinic?")
        term.send(ENTER)
        term.wait_for("Do you have any other questions")
        term.send(ENTER)
        screen = term.wait_for("Would you like a short breathing practice now?")
        card = " ".join(screen.split())
        assert card.index(CARD_AFTER_ALERT[0]) < card.index("• I want to die")
        assert "Let it come" not in term.all_output()
        term.send("n")
        term.wait_for("After your session: ketaprep journal")
        assert term.wait_exit() == 0
        assert term.all_output().count(DANGER_LINE) == 1

    [entry] = entries("prepare")
    assert entry.value("intentions") == ["I want to die"]
    assert [(s.item_id, s.rule) for s in entry.crisis_shown] == [
        ("intentions", 'danger phrase "want to die"')
    ]


def to_the_pause_at_the_lowest_mood(term: Terminal) -> str:
    """Carry on the journal draft, answer the mood with 0, and wait for the pause."""
    carry_on(term)
    term.wait_for("»  5  In between")
    term.send(UP, UP, UP, UP, UP)
    term.wait_for("»  0  Very low")
    term.send(ENTER)
    return term.wait_for_options("What would you like to do now?")


@pytest.mark.parametrize("with_plan", [False, True])
def test_at_40x24_the_whole_pause_fits_above_its_question(
    ketaprep_home: Path, tmp_path: Path, with_plan: bool
) -> None:
    """No region set: every region's line, shortened to the place and how to reach it,
    so the danger line and the person's own plan stay on the screen with the question
    below (with the alert's words, they scrolled away: about 33 rows at 40 columns)."""
    from test_pty_help_now import make_plan

    if with_plan:
        make_plan(tmp_path)
    journal_draft_up_to_mood()
    with Terminal("journal", home=ketaprep_home, columns=40) as term:
        screen = to_the_pause_at_the_lowest_mood(term)
        said = " ".join(screen.split())
        for seen in (
            DANGER_LINE,
            "United States · Call or text 988",
            "Anywhere else · findahelpline.com",
            "Go on with my journal",
            "Stop for now (my answers are kept)",
        ):
            assert seen in said, screen
        # With a plan there is room for it, not for the alert's own words as well.
        assert ("People you can ask: Sam: 555 0101; Mum: 555 0102" in said) is with_plan
        assert ("First things to try: Slow breathing" in said) is with_plan
        assert ("It sounds like things are very hard" in said) is not with_plan
        assert len(screen.splitlines()) <= 24
        term.send(ENTER)
        term.wait_for("How anxious do you feel right now?")
    assert entries("journal")[0].value("mood") == 0


def test_at_80x24_the_pause_names_each_line(ketaprep_home: Path, tmp_path: Path) -> None:
    from test_pty_help_now import make_plan

    make_plan(tmp_path)
    journal_draft_up_to_mood()
    with Terminal("journal", home=ketaprep_home) as term:
        screen = to_the_pause_at_the_lowest_mood(term)
        said = " ".join(screen.split())
        assert "United States · Suicide & Crisis Lifeline: Call or text 988" in said
        assert "People you can ask: Sam: 555 0101" in said and DANGER_LINE in said
