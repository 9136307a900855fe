"""A long answer being written in the person's editor when ketaprep is stopped: killed
(SIGKILL), sent SIGTERM or SIGHUP, or its terminal closed. The editor's file is private,
inside the ketaprep home; what it held becomes that answer in the draft (at once, or on
the next start after a kill), and then no file of it is left anywhere."""

from __future__ import annotations

import os
import signal
import stat
import time
from pathlib import Path

import pytest

from editor_helpers import editor_open, stand_in_editor
from ketaprep.store import open_store
from ketaprep.walks.command import EDITOR_KEPT
from pty_helpers import CTRL_C, ENTER, Terminal
from test_pty_journal import CTRL_E, EDITOR_TEXT, journal_entries, prepare_session

pytestmark = pytest.mark.pty

WRITTEN = "First words.\n" + EDITOR_TEXT


def open_the_editor(term: Terminal, editor: Path) -> None:
    """Walk the journal to its first long answer, type a little, open the editor, and
    wait until the editor has written its text (it then stays open)."""
    term.wait_for('How did it go with "Be kind to myself"?')
    term.send(ENTER)
    term.wait_for('Anything to add about "Be kind to myself"?')
    term.send(ENTER)
    term.wait_for('How did it go with "Rest"?')
    term.send(ENTER)
    term.wait_for('Anything to add about "Rest"?')
    term.send(ENTER)
    term.wait_for("What thoughts have stayed with you since the session?")
    term.type("First words.")
    term.send(CTRL_E)
    deadline = time.monotonic() + 10
    while not editor_open(editor).exists():
        assert term.child.isalive(), term.screen_text()
        assert time.monotonic() < deadline, f"the editor did not open:\n{term.screen_text()}"
        time.sleep(0.02)


def editor_folders(home: Path) -> list[Path]:
    editing = home / "editing"
    return sorted(editing.iterdir()) if editing.exists() else []


def thoughts() -> object:
    [draft] = journal_entries()
    assert draft.is_draft
    return draft.value("thoughts")


def test_the_editors_file_is_private_inside_the_ketaprep_home(
    ketaprep_home: Path, tmp_path: Path
) -> None:
    prepare_session(tmp_path)
    editor = stand_in_editor(tmp_path, EDITOR_TEXT, stay_open=True)
    with Terminal("journal", home=ketaprep_home, env={"EDITOR": str(editor)}) as term:
        open_the_editor(term, editor)
        [folder] = editor_folders(ketaprep_home)
        assert (folder / "answer.txt").read_text(encoding="utf-8") == WRITTEN
        assert stat.S_IMODE((folder / "answer.txt").stat().st_mode) == 0o600
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700
        os.kill(term.child.pid, signal.SIGTERM)
        term.wait_for("Run ketaprep journal to carry on")
        term.wait_exit()


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP"])
def test_a_stop_while_the_editor_is_open_keeps_the_text_and_removes_the_file(
    ketaprep_home: Path, tmp_path: Path, how: str
) -> None:
    prepare_session(tmp_path)
    editor = stand_in_editor(tmp_path, EDITOR_TEXT, stay_open=True)
    signum = getattr(signal, how)
    with Terminal("journal", home=ketaprep_home, env={"EDITOR": str(editor)}) as term:
        open_the_editor(term, editor)
        os.kill(term.child.pid, signum)
        screen = term.wait_for("Run ketaprep journal to carry on")
        said = " ".join(screen.split())
        assert EDITOR_KEPT in said
        assert "Stopped. Your 3 answers are kept." in said
        assert term.wait_exit() == 128 + signum
        assert "Traceback" not in term.all_output()
    assert thoughts() == WRITTEN.rstrip()
    assert editor_folders(ketaprep_home) == []


def test_a_closed_terminal_while_the_editor_is_open_keeps_the_text_and_removes_the_file(
    ketaprep_home: Path, tmp_path: Path
) -> None:
    prepare_session(tmp_path)
    editor = stand_in_editor(tmp_path, EDITOR_TEXT, stay_open=True)
    with Terminal("journal", home=ketaprep_home, env={"EDITOR": str(editor)}) as term:
        open_the_editor(term, editor)
        os.close(term.child.child_fd)  # the window is closed: the kernel sends SIGHUP
        term.child.ptyproc.wait()
    assert thoughts() == WRITTEN.rstrip()
    assert editor_folders(ketaprep_home) == []


def test_text_left_by_a_killed_ketaprep_comes_back_on_the_next_start(
    ketaprep_home: Path, tmp_path: Path
) -> None:
    prepare_session(tmp_path)
    editor = stand_in_editor(tmp_path, EDITOR_TEXT, stay_open=True)
    env = {"EDITOR": str(editor)}
    with Terminal("journal", home=ketaprep_home, env=env) as term:
        open_the_editor(term, editor)
        os.kill(term.child.pid, signal.SIGKILL)
        assert term.wait_exit() == 128 + signal.SIGKILL
    [left] = editor_folders(ketaprep_home)  # a kill runs no clean-up: it is still there
    assert (left / "answer.txt").read_text(encoding="utf-8") == WRITTEN
    assert thoughts() is None

    with Terminal("journal", home=ketaprep_home, env=env) as term:
        screen = term.wait_for("What would you like to do?")
        said = " ".join(screen.split())
        assert EDITOR_KEPT in said
        assert "Your 3 answers are kept." in said
        assert editor_folders(ketaprep_home) == []
        term.send(CTRL_C)
        term.wait_for("Stopped.")
        term.wait_exit()
    assert thoughts() == WRITTEN.rstrip()
    with open_store() as store:
        assert store.search("grandmother")  # a real answer: found like any other
