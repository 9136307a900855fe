"""Reminders that fit the answers (``when``) and step 4's ``soon_after`` note: how guide
files say them, and every mistake in them named as FILE:LINE: what is wrong."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ketaprep.guides.load import check_dir, load_guides
from ketaprep.guides.model import Reminder
from test_guides import step_with, valid_files, write

EMBRACING = step_with(
    """\
    reminders:
      - Stay here.
      - text: People who care are close by.
        when: {feeling: "yes"}
      - text: Someone is with you.
        when:
          feeling: ["no", "yes"]
    """,
    number=3,
    name="embracing",
)


@pytest.fixture
def full(tmp_path: Path) -> Path:
    """A valid set whose step 2 has the choice question ``feeling`` (options yes, no)."""
    return write(tmp_path / "full", dict(valid_files()))


def problems_for(full: Path, name: str, content: str) -> list[str]:
    write(full, {name: content})
    return [str(problem) for problem in check_dir(full)]


def test_reminders_with_when_load_and_fit_their_answers(full: Path) -> None:
    write(full, {"03-embracing.yaml": EMBRACING})
    assert check_dir(full) == []
    step = load_guides(full).step("3")
    assert step.reminders == (
        Reminder("Stay here."),
        Reminder("People who care are close by.", (("feeling", ("yes",)),)),
        Reminder("Someone is with you.", (("feeling", ("no", "yes")),)),
    )
    assert step.reminders_for({"feeling": "yes"}) == [
        "Stay here.",
        "People who care are close by.",
        "Someone is with you.",
    ]
    assert step.reminders_for({"feeling": "no"}) == ["Stay here.", "Someone is with you."]
    assert step.reminders_for({}) == ["Stay here."]  # unanswered: only lines without when


def embracing_with(reminders: str) -> str:
    return step_with(reminders, number=3, name="embracing")


# (file, content, line, words): the content's extra keys start at line 7.
CASES = [
    (
        "03-embracing.yaml",
        embracing_with("reminders:\n  - text: Close by.\n    when: {place: home}\n"),
        9,
        "'when' names 'place', which is not a choice question in 02-preparing.yaml or faq.yaml",
    ),
    (
        "03-embracing.yaml",
        embracing_with("reminders:\n  - text: Close by.\n    when: {mood: 5}\n"),
        9,
        "'when' names 'mood', which is not a choice question",
    ),
    (
        "03-embracing.yaml",
        embracing_with("reminders:\n  - text: Close by.\n    when:\n      feeling: [yes, maybe]\n"),
        10,
        "'when' gives 'maybe' for 'feeling', which is not one of its options (yes, no)",
    ),
    (
        "03-embracing.yaml",
        embracing_with("reminders:\n  - text: Close by.\n    when: home\n"),
        9,
        "'when' must name a question and its options, like 'setting: home', not text ('home')",
    ),
    (
        "03-embracing.yaml",
        embracing_with("reminders:\n  - text: Close by.\n    when: {}\n"),
        9,
        "'when' is empty; name a question and its options",
    ),
    (
        "03-embracing.yaml",
        embracing_with("reminders:\n  - text: Close by.\n    when: {feeling: []}\n"),
        9,
        "'when' needs at least one option id for 'feeling'",
    ),
    (
        "03-embracing.yaml",
        embracing_with("reminders:\n  - text: Close by.\n    when: {feeling: Yes please}\n"),
        9,
        "each option id in 'when' must use only lowercase letters, digits and hyphens",
    ),
    (
        "03-embracing.yaml",
        embracing_with("reminders:\n  - when: {feeling: 'yes'}\n"),
        8,
        "a reminder is missing the required key 'text'",
    ),
    (
        "03-embracing.yaml",
        embracing_with("reminders:\n  - text: Close by.\n    whn: {feeling: 'yes'}\n"),
        9,
        "unknown key 'whn' in a reminder; did you mean 'when'?",
    ),
    (
        "03-embracing.yaml",
        embracing_with("reminders:\n  - [Close by.]\n"),
        8,
        "each reminder in 'reminders' must be text, or 'text' with 'when', not a list",
    ),
    (
        "05-maintaining.yaml",
        step_with(
            "reminders:\n  - text: Close by.\n    when: {feeling: 'yes'}\n",
            number=5,
            name="maintaining",
        ),
        9,
        "'when' has no effect in 05-maintaining.yaml",
    ),
    (
        "04-integrating.yaml",
        step_with(
            "reminders:\n  - text: Close by.\n    when: {feeling: 'yes'}\n",
            number=4,
            name="integrating",
        ),
        9,
        "'when' names 'feeling', which is not a choice question in 04-integrating.yaml",
    ),
    (
        "02-preparing.yaml",
        step_with("soon_after:\n  - Go gently.\n"),
        8,
        "'soon_after' opens journal, so it belongs in 04-integrating.yaml only",
    ),
    (
        "04-integrating.yaml",
        step_with("soon_after: Go gently.\n", number=4, name="integrating"),
        7,
        "'soon_after' must be a list, not text",
    ),
]


@pytest.mark.parametrize(("name", "content", "line", "words"), CASES)
def test_each_mistake_names_file_line_and_what(
    full: Path, name: str, content: str, line: int, words: str
) -> None:
    problems = problems_for(full, name, content)
    prefix = f"{full / name}:{line}: "
    assert any(p.startswith(prefix) and words in p for p in problems), problems


def test_a_when_is_checked_against_the_clinics_own_step_2(full: Path) -> None:
    """The question named lives in another file: that file's options are the ones checked."""
    write(full, {"03-embracing.yaml": EMBRACING})
    assert check_dir(full) == []
    renamed = (full / "02-preparing.yaml").read_text().replace("id: feeling", "id: felt")
    problems = problems_for(full, "02-preparing.yaml", renamed)
    assert problems == [
        f"{full / '03-embracing.yaml'}:10: 'when' names 'feeling', which is not a choice "
        "question in 02-preparing.yaml or faq.yaml",
        f"{full / '03-embracing.yaml'}:13: 'when' names 'feeling', which is not a choice "
        "question in 02-preparing.yaml or faq.yaml",
    ]


def test_guides_check_refuses_a_malformed_conditional_reminder(tmp_path: Path) -> None:
    """The built-in step 2 with a clinic's step 3 whose card names an option that is not there."""
    folder = tmp_path / "clinic"
    folder.mkdir()
    (folder / "03-embracing.yaml").write_text(
        embracing_with(
            "reminders:\n  - text: You are safe. A nurse is close by.\n"
            "    when: {setting: [clinic, hospital]}\n"
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "ketaprep", "guides", "check", str(folder)],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "COLUMNS": "500"},
    )  # fmt: skip
    assert done.returncode == 1, done.stdout
    assert done.stdout.splitlines() == [
        f"{folder / '03-embracing.yaml'}:9: 'when' gives 'hospital' for 'setting', which is "
        "not one of its options (clinic, home, online, not-sure)",
        f"Found 1 problem in {folder}. Nothing was changed.",
    ]
    assert "Traceback" not in done.stderr


# --- the built-in words --------------------------------------------------------------

SAFE_LINES = {
    "clinic": "You are safe. Kind, trained people are close by.",
    "home": "You are safe. The person with you is there to help.",
    "online": "You are safe. Your clinician is with you on the call.",
}


def test_the_built_in_card_says_who_is_close_by_for_every_setting() -> None:
    guides = load_guides()
    setting = guides.step("2").item("setting")
    assert setting.type == "choice"
    assert [o.id for o in setting.options] == [*SAFE_LINES, "not-sure"]
    card = guides.step("3")
    for option, line in SAFE_LINES.items():
        fitting = card.reminders_for({"setting": option})
        assert [text for text in fitting if text.startswith("You are safe")] == [line]
    # Not said, or not sure yet, where the session happens: no line about who is there.
    assert card.reminders_for({"setting": "not-sure"}) == card.reminders_for({})
    assert not [text for text in card.reminders_for({}) if "close by" in text or "with you" in text]


def test_the_built_in_checklist_names_what_to_tell_the_care_team() -> None:
    help_text = " ".join((load_guides().step("2").item("ready").help or "").split())
    for named in (
        "benzodiazepines", "lamotrigine", "stimulants", "MAOIs", "act on the brain", "opioids",
        "heart", "blood pressure", "psychosis", "mania", "pregnancy", "breastfeeding",
        "seizures", "glaucoma", "raised pressure in the head", "liver", "bladder", "for fun",
    ):  # fmt: skip
        assert named in help_text, named
    assert "Tell your care team" in help_text


def test_the_built_in_note_after_a_session_is_short_and_puts_the_clinic_first() -> None:
    step = load_guides().step("4")
    note = " ".join(step.soon_after)
    assert 3 <= len(step.soon_after) <= 6
    assert all(len(line) <= 160 for line in step.soon_after)  # at most two lines at 80 columns
    for said in ("clinic's own list comes first", "Call your clinic now", "emergency services",
                 "felt very hard", "ketaprep guide 4", "ketaprep help-now"):  # fmt: skip
        assert said in note, said
    body = step.body
    for heading in ("## In the hours after a session", "## When to call for help",
                    "## If the session felt very hard"):  # fmt: skip
        assert heading in body
    assert "Their list comes first." in " ".join(body.split())


def test_a_clinics_step_2_without_the_question_leaves_the_built_in_lines_unshown(
    tmp_path: Path,
) -> None:
    """An older step 2 of a clinic's own, with no ``setting``: still usable, and the
    built-in card then says nothing about who is close by."""
    folder = write(tmp_path / "clinic", {"02-preparing.yaml": valid_files()["02-preparing.yaml"]})
    assert check_dir(folder) == []
    card = load_guides(folder).step("3")
    assert not [text for text in card.reminders_for({}) if text.startswith("You are safe")]
