"""``ketaprep journal`` in a real terminal: real keys in, the screen a person sees out.

A session is got ready for with ``prepare --answers``; the journal is then walked with
real keys, a long answer is written through a stand-in ``$EDITOR``, Ctrl-C stops it
halfway, the next run resumes it, and the store must hold exactly what was typed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cli_helpers import prepare_from_file
from editor_helpers import editor_log, stand_in_editor
from ketaprep.guides.load import load_guides
from ketaprep.store import Entry, open_store
from pty_helpers import CTRL_C, DOWN, ENTER, ESC, SPACE, UP, Terminal

pytestmark = pytest.mark.pty

CTRL_E = "\x05"
CURSOR_MOVES = re.compile(r"\x1b\[[0-9;?]*[ABCDEFGHJKSTfhlnsu]")
COLOURS = re.compile(r"\x1b\[[0-9;]*(?:3[0-8]|9[0-7]|4[0-8])[;m]")
EDITOR_TEXT = "The garden at my grandmother's house.\nMy sister's voice, calm.\n"


def prepare_session(tmp_path: Path) -> None:
    """Session 2, today, with two intentions: through ``prepare --answers``."""
    prepare_from_file(tmp_path, {"session": 2, "date": "today",
                                 "intentions": ["Be kind to myself", "Rest"]})  # fmt: skip


def journal_entries() -> list[Entry]:
    with open_store() as store:
        return store.entries(kind="journal", include_drafts=True)


def test_journal_with_an_editor_ctrl_c_halfway_and_resume(
    ketaprep_home: Path, tmp_path: Path
) -> None:
    prepare_session(tmp_path)
    editor = stand_in_editor(tmp_path, EDITOR_TEXT)
    env = {"EDITOR": str(editor), "VISUAL": ""}

    with Terminal("journal", home=ketaprep_home, env=env) as term:
        screen = term.wait_for('How did it go with "Be kind to myself"?')
        for seen in ("Looking back on session 2", "Before it, you chose to hold in mind:",
                     "• Be kind to myself", "• Rest", "» I touched on it"):  # fmt: skip
            assert seen in screen
        assert screen.index("• Rest") < screen.index("How did it go with")
        term.send(ENTER)
        term.wait_for('Anything to add about "Be kind to myself"?')
        term.type("A little, near the end")
        term.send(ENTER)
        term.wait_for('How did it go with "Rest"?')
        term.send(DOWN, DOWN, ENTER)  # something else came up
        term.wait_for('Anything to add about "Rest"?')
        term.send(ENTER)

        screen = term.wait_for("What thoughts have stayed with you since the session?")
        assert "Integrating what came up" in screen
        assert "Ctrl-E opens editor.py" in screen
        term.type("First words.")
        term.send(CTRL_E)
        term.wait_for("What you wrote in editor.py is kept (3 lines).")

        screen = term.wait_for("Which feelings came up?")
        term.send(SPACE, DOWN, DOWN, DOWN, DOWN, SPACE, ENTER)  # calm, relieved
        term.wait_for_prompt("? In your own words:")
        term.type("shaky")
        term.send(ENTER)
        term.wait_for_prompt("? Another one:")
        term.send(ENTER)

        term.wait_for("Did you realise or understand anything new?")
        term.type("Half a tho")
        term.send(CTRL_C)
        screen = term.wait_for("Run ketaprep journal to carry on")
        assert "Stopped. Your 5 answers are kept." in screen
        assert term.wait_exit() == 130
        assert "Traceback" not in term.all_output()

    [draft] = journal_entries()
    assert draft.is_draft and draft.session_number == 2
    assert [(a.item_id, a.value) for a in draft.answers] == [
        ("intention-1", "touched"),
        ("intention-1-note", "A little, near the end"),
        ("intention-2", "something-else"),
        ("intention-2-note", None),
        ("thoughts", "First words.\n" + EDITOR_TEXT.rstrip()),
        ("feelings", ["calm", "relieved", "shaky"]),
    ]
    [record] = editor_log(editor)
    assert record["before"] == "First words.\n"
    assert record["mode"] == 0o600 and record["folder_mode"] == 0o700
    assert not Path(str(record["path"])).parent.exists()

    with Terminal("journal", home=ketaprep_home, env=env) as term:
        screen = term.wait_for("What would you like to do?")
        assert "You started writing about session 2" in screen
        assert "Your 5 answers are kept." in " ".join(screen.split())
        term.send(ENTER)
        screen = term.wait_for("Did you realise or understand anything new?")
        assert "• Be kind to myself" in screen  # the intentions, shown again
        assert "What thoughts have stayed" not in screen
        term.type("I am allowed to rest.")
        term.send(ESC, ENTER)
        term.wait_for("Do you remember any pictures")
        term.send(ESC, ENTER)
        term.wait_for("Is anything coming up again and again")
        term.send(ESC, ENTER)
        term.wait_for("What would you like to bring to your therapist")
        term.type("The garden")
        term.send(ENTER)
        term.wait_for_prompt("? Another one:")
        term.send(ENTER)
        screen = term.wait_for("How is your mood right now?")
        assert "»  5  In between" in screen
        term.send(DOWN, DOWN, ENTER)
        term.wait_for("How anxious do you feel right now?")
        term.send(ENTER)
        term.wait_for("» Skip this question")
        term.send(UP)
        term.wait_for("» No")
        term.send(ENTER)
        term.wait_for("Any words to help you find this entry later?")
        term.send(SPACE, ENTER)
        term.wait_for_prompt("? In your own words:")
        term.send(ENTER)
        screen = term.wait_for("ketaprep review")
        assert load_guides().step("4").reminders[0].text in term.all_output()
        assert "Saved: your journal entry for session 2" in screen
        assert "  - The garden" in screen
        assert term.wait_exit() == 0
        assert "Traceback" not in term.all_output()

    [entry] = journal_entries()
    assert entry.id == draft.id and not entry.is_draft and entry.session_number == 2
    assert {answer.item_id: answer.value for answer in entry.answers} == {
        "intention-1": "touched",
        "intention-1-note": "A little, near the end",
        "intention-2": "something-else",
        "intention-2-note": None,
        "thoughts": "First words.\n" + EDITOR_TEXT.rstrip(),
        "feelings": ["calm", "relieved", "shaky"],
        "realised": "I am allowed to rest.",
        "body": None,
        "patterns": None,
        "to-share": ["The garden"],
        "mood": 7,
        "anxiety": 5,
        "safe": "no",
        "tags": ["family"],
    }
    questions = {answer.item_id: answer.question for answer in entry.answers}
    assert questions["intention-2"] == 'How did it go with "Rest"?'


def test_a_failed_editor_comes_back_to_the_question_with_the_words_kept(
    ketaprep_home: Path, tmp_path: Path
) -> None:
    prepare_session(tmp_path)
    editor = stand_in_editor(tmp_path, "never saved", exit_code=1)
    with Terminal("journal", "--session", "2", home=ketaprep_home,
                  env={"EDITOR": str(editor), "VISUAL": ""}) as term:  # fmt: skip
        term.wait_for('How did it go with "Be kind to myself"?')
        term.send(ENTER, ENTER)
        term.wait_for('How did it go with "Rest"?')
        term.send(ENTER, ENTER)
        term.wait_for("What thoughts have stayed")
        term.type("Kept words")
        term.send(CTRL_E)
        screen = term.wait_for("stopped with a problem")
        assert "back at the question, with what you had typed" in " ".join(screen.split())
        screen = term.wait_for("Kept words")
        term.type(" and more")
        term.send(ESC, ENTER)
        term.wait_for("Which feelings came up?")
        term.send(CTRL_C)
        assert term.wait_exit() == 130

    [draft] = journal_entries()
    assert draft.value("thoughts") == "Kept words and more"


def test_plain_journal_is_line_by_line_with_the_editor_word(
    ketaprep_home: Path, tmp_path: Path
) -> None:
    prepare_session(tmp_path)
    editor = stand_in_editor(tmp_path, "Written in the editor.\n", append=False)
    with Terminal("--plain", "journal", home=ketaprep_home,
                  env={"EDITOR": str(editor), "VISUAL": ""}) as term:  # fmt: skip
        screen = term.wait_for('How did it go with "Be kind to myself"?')
        assert "  - Be kind to myself" in screen and "  - Rest" in screen
        assert "  1. I touched on it" in screen
        term.type("2")
        term.send(ENTER)
        term.wait_for('Anything to add about "Be kind to myself"?')
        term.send(ENTER)
        term.wait_for('How did it go with "Rest"?')
        term.type("1")
        term.send(ENTER)
        term.wait_for('Anything to add about "Rest"?')
        term.type("Slept well")
        term.send(ENTER)
        screen = term.wait_for("Or type /editor to write it in editor.py.")
        term.type("/editor")
        term.send(ENTER)
        term.wait_for("What you wrote in editor.py is kept (1 line).")
        term.wait_for("Which feelings came up?")
        term.type("11")
        term.send(ENTER, ENTER)
        # Each long question by its own words: "An empty line finishes." is on screen
        # already from the one before, so waiting for it would not wait at all.
        for question in ("understand anything new?", "felt in your body?", "again and again"):
            term.wait_for(question)
            term.send(ENTER)
        term.wait_for("What would you like to bring")
        term.send(ENTER)
        term.wait_for("How is your mood right now?")
        term.type("6")
        term.send(ENTER)
        term.wait_for("How anxious")
        term.send(ENTER)
        screen = term.wait_for("Press enter to skip this question.")
        assert "  1. Yes\n  2. Not sure\n  3. No" in screen
        term.send(ENTER)
        term.wait_for("Any words to help you find this entry later?")
        term.send(ENTER)
        term.wait_for("ketaprep review")
        assert term.wait_exit() == 0
        output = term.all_output()
        assert not CURSOR_MOVES.search(output), CURSOR_MOVES.findall(output)[:5]
        assert not COLOURS.search(output)  # NO_COLOR (set for every test)

    [entry] = journal_entries()
    assert entry.value("intention-1") == "not-yet"
    assert entry.value("intention-2-note") == "Slept well"
    assert entry.value("thoughts") == "Written in the editor."
    assert entry.value("feelings") == ["lonely"]
    assert entry.value("mood") == 6 and entry.value("anxiety") is None
    assert entry.value("safe") is None  # skipped: no "No" that was never given


def test_a_journal_on_the_day_of_the_session_opens_with_a_short_note_and_the_question_in_view(
    ketaprep_home: Path, tmp_path: Path
) -> None:
    """At 80x24, the note on after-effects and the first question with all its options
    are on one screen: the note does not push the question away."""
    intentions = ["Be kind to myself", "Rest", "Notice what my body feels"]
    prepare_from_file(tmp_path, {"session": 1, "date": "today", "intentions": intentions})
    note = load_guides().step("4").soon_after

    with Terminal("journal", home=ketaprep_home) as term:
        term.wait_for('How did it go with "Be kind to myself"?')
        screen = term.wait_for("Something else came up")
        lines = screen.splitlines()
        assert len(lines) <= 24 and max(len(line) for line in lines) <= 80
        flat = " ".join(screen.split())
        for line in note:
            assert line in flat, line
        for seen in ("Looking back on session 1", "» I touched on it", "Not yet",
                     "• Notice what my body feels"):  # fmt: skip
            assert seen in screen
        assert flat.index(note[-1]) < flat.index("Before it, you chose to hold in mind:")
        term.send(CTRL_C)
        term.wait_for("so there was nothing to keep")
        assert term.wait_exit() == 130
