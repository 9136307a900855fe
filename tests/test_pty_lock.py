"""``ketaprep lock`` and a locked journal in a real terminal: the passphrase typed at a
hidden prompt (never on screen), a wrong one tried again, Ctrl-C at the prompt."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from editor_helpers import editor_log, stand_in_editor
from ketaprep.paths import MEMORY_ROOT, get_paths, memory_dir
from ketaprep.store import open_store
from ketaprep.store.locked import is_locked, readable_plan
from ketaprep.store.locking import lock_journal
from ketaprep.walks.command import EDITOR_KEPT
from lock_helpers import (
    BEFORE,
    PASSPHRASE,
    fill_journal,
    forget_passphrases,
    raw_bytes,
    use_passphrase_file,
    words_in,
)
from pty_helpers import CTRL_C, ENTER, PATIENCE, Terminal
from test_pty_editor import open_the_editor
from test_pty_journal import EDITOR_TEXT, prepare_session

pytestmark = pytest.mark.pty
NEW = "another long passphrase"
KDF_WAIT = 2 * PATIENCE  # each open derives its key: slower still on a busy machine


def typed_hidden(term: Terminal, prompt: str, text: str) -> None:
    term.wait_for(prompt)
    term.type(text)
    term.send(ENTER)


def save_plan(home: Path) -> None:
    with open_store() as store:
        plan = store.start_entry("plan")
        store.save_answer(plan.id, "people", "list", "Who?", ["Sam: 555 0101"])
        store.finish_entry(plan.id)


def lock_in_terminal(home: Path) -> str:
    with Terminal("lock", home=home) as term:
        screen = term.wait_for("Nobody can recover a forgotten passphrase")
        assert "Write it down" in screen
        typed_hidden(term, "New passphrase:", PASSPHRASE)
        typed_hidden(term, "The same passphrase again:", PASSPHRASE)
        term.wait_for("Keep your safety plan readable without the passphrase")
        term.send(ENTER)  # the default: yes
        screen = term.wait_for("Locked.", timeout=KDF_WAIT)
        assert term.wait_exit(KDF_WAIT) == 0
        assert PASSPHRASE not in term.all_output()
        return term.screen_text()


@pytest.fixture
def locked(ketaprep_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Locked in this process (quicker); the test above locks in the terminal."""
    fill_journal()
    use_passphrase_file(tmp_path, monkeypatch)
    lock_journal(get_paths(), PASSPHRASE, keep_plan=True)
    monkeypatch.delenv("KETAPREP_PASSPHRASE_FILE")
    forget_passphrases()
    return ketaprep_home / "ketaprep.db"


def test_lock_in_a_terminal_asks_twice_unseen_and_locks(ketaprep_home: Path) -> None:
    fill_journal()
    save_plan(ketaprep_home)
    screen = lock_in_terminal(ketaprep_home)
    assert "Your safety plan stays readable without it" in screen
    database = ketaprep_home / "ketaprep.db"
    assert is_locked(database)
    assert words_in(raw_bytes(database), BEFORE) == []
    assert "Sam: 555 0101" in readable_plan(database).read_text(encoding="utf-8")


def test_a_wrong_passphrase_is_asked_again_calmly(locked: Path, ketaprep_home: Path) -> None:
    with Terminal("review", "--list", home=ketaprep_home) as term:
        typed_hidden(term, "Passphrase for your journal:", "not the one")
        term.wait_for("Please try again (2 tries left).", timeout=KDF_WAIT)
        term.type(PASSPHRASE)
        term.send(ENTER)
        term.wait_for("2 entries. Read one in full", timeout=KDF_WAIT)
        assert term.wait_exit(KDF_WAIT) == 0
        output = term.all_output()
    assert "not the one" not in output and PASSPHRASE not in output


def test_three_wrong_tries_end_with_a_sentence(locked: Path, ketaprep_home: Path) -> None:
    with Terminal("review", "--list", home=ketaprep_home) as term:
        typed_hidden(term, "Passphrase for your journal:", "wrong one")
        typed_hidden(term, "(2 tries left).", "wrong two")
        typed_hidden(term, "(1 try left).", "wrong three")
        screen = term.wait_for("did not open your journal, so nothing was read", timeout=KDF_WAIT)
        assert "help-now still works" in screen
        assert term.wait_exit(KDF_WAIT) == 1
        assert "Traceback" not in term.all_output()


def test_ctrl_c_at_the_hidden_prompt_stops_calmly(locked: Path, ketaprep_home: Path) -> None:
    with Terminal("journal", home=ketaprep_home) as term:
        term.wait_for("Passphrase for your journal:")
        term.type("half typed")
        term.send(CTRL_C)
        screen = term.wait_for("Stopped.")
        assert term.wait_exit() == 130
        output = term.all_output()
    assert "half typed" not in output
    assert "Traceback" not in output
    assert "Passphrase for your journal:" in screen


def test_ctrl_c_at_the_new_passphrase_leaves_the_journal_plain(ketaprep_home: Path) -> None:
    fill_journal()
    with Terminal("lock", home=ketaprep_home) as term:
        term.wait_for("New passphrase:")
        term.type("half")
        term.send(CTRL_C)
        term.wait_for("Your journal was not locked.")
        assert term.wait_exit() == 130
    assert not is_locked(ketaprep_home / "ketaprep.db")


def test_change_then_remove_in_a_terminal(locked: Path, ketaprep_home: Path) -> None:
    with Terminal("lock", "--change", home=ketaprep_home) as term:
        typed_hidden(term, "Passphrase for your journal:", PASSPHRASE)
        typed_hidden(term, "New passphrase:", NEW)
        typed_hidden(term, "The same passphrase again:", NEW)
        term.wait_for("Changed.", timeout=KDF_WAIT)
        assert term.wait_exit(KDF_WAIT) == 0
    with Terminal("lock", "--remove", home=ketaprep_home) as term:
        typed_hidden(term, "Passphrase for your journal:", PASSPHRASE)  # the old one
        typed_hidden(term, "(2 tries left).", NEW)
        term.wait_for("Unlock your journal?", timeout=KDF_WAIT)
        assert "anyone who can read your files" in term.screen_text()
        term.type("y")
        term.send(ENTER)
        term.wait_for("Unlocked.", timeout=KDF_WAIT)
        assert term.wait_exit(KDF_WAIT) == 0
    assert not is_locked(locked)
    assert words_in(raw_bytes(locked), BEFORE) == list(BEFORE)


@pytest.mark.skipif(not MEMORY_ROOT.is_dir(), reason="this system keeps no folder in memory")
def test_while_locked_the_editors_file_is_in_memory_and_comes_back_after_a_kill(
    ketaprep_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare_session(tmp_path)
    secret = use_passphrase_file(tmp_path, monkeypatch)
    lock_journal(get_paths(), PASSPHRASE, keep_plan=True)
    editor = stand_in_editor(tmp_path, EDITOR_TEXT, stay_open=True)
    env = {"EDITOR": str(editor), "KETAPREP_PASSPHRASE_FILE": str(secret)}
    in_memory = memory_dir(ketaprep_home, make=False)
    assert in_memory is not None
    with Terminal("journal", home=ketaprep_home, env=env) as term:
        open_the_editor(term, editor)
        [opened] = editor_log(editor)
        assert Path(str(opened["path"])).parent.parent == in_memory
        assert not (ketaprep_home / "editing").exists()
        os.kill(term.child.pid, signal.SIGKILL)
        assert term.wait_exit() == 128 + signal.SIGKILL
    [left] = sorted(in_memory.iterdir())  # a kill runs no clean-up: it is still there
    assert (left / "answer.txt").read_text(encoding="utf-8").startswith("First words.")
    with Terminal("journal", home=ketaprep_home, env=env) as term:
        screen = term.wait_for("What would you like to do?", timeout=KDF_WAIT)
        assert EDITOR_KEPT in " ".join(screen.split())
        term.send(CTRL_C)
        term.wait_for("Stopped.")
        term.wait_exit()
    assert not in_memory.exists()  # taken back: no empty folder left in memory either
    forget_passphrases()
    with open_store(reading=True) as store:
        [draft] = store.drafts()
        assert draft.value("thoughts") == ("First words.\n" + EDITOR_TEXT).rstrip()
    assert words_in(raw_bytes(ketaprep_home / "ketaprep.db"), ("grandmother",)) == []
