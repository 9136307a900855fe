"""``ketaprep lock`` through the real entry point: every walk, view, export, import and
delete on a locked journal prints what it prints on a plain one (the golden runs, byte
for byte), help-now needs no passphrase, and the passphrase file's rules hold."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import time_machine

from cli_helpers import ketaprep, said, write_answers
from ketaprep import passphrase
from ketaprep.paths import get_paths
from ketaprep.store import open_store
from ketaprep.store.locked import is_locked, readable_plan
from lock_helpers import PASSPHRASE, fill_journal, raw_bytes, use_passphrase_file, words_in
from test_golden import GOLDEN, NOW, STEPS, _steady, short_home  # noqa: F401 (a fixture)

NOT_ENCRYPTED = (
    "Your journal is locked, but this export is not: anyone who can read it can read what "
    "you wrote. Keep it somewhere private, and delete it when you no longer need it."
)
# Words from the golden answers, saved before and after the journal was locked.
WORDS = ("grandmother", "softer with myself", "real dinner", "Cold water on my face", "want to die")


def lock(monkeypatch: pytest.MonkeyPatch) -> str:
    result = ketaprep("lock", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    passphrase._known.clear()  # each command below is a run of its own
    return said(result)


def test_lock_says_nobody_can_recover_the_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_journal()
    use_passphrase_file(tmp_path, monkeypatch)
    out = lock(monkeypatch)
    assert "Nobody can recover a forgotten passphrase: not your clinic, and not ketaprep." in out
    assert "Write it down and keep it somewhere safe" in out
    assert "Locked." in out and "help-now never asks for it" in out
    assert is_locked(get_paths().database)


def test_every_walk_and_view_on_a_locked_journal_prints_what_a_plain_one_does(
    short_home: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    secret = use_passphrase_file(short_home, monkeypatch)
    try:
        with time_machine.travel(NOW, tick=True):
            changed = _every_step_locked(short_home, monkeypatch, secret)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert changed == []
    database = get_paths().database
    assert is_locked(database)
    assert words_in(raw_bytes(database), WORDS) == []
    plan = readable_plan(database).read_text(encoding="utf-8")
    assert "Sam: 555 0101" in plan and "garden" not in plan  # the plan alone


def _every_step_locked(home: Path, monkeypatch: pytest.MonkeyPatch, secret: Path) -> list[str]:
    changed = []
    for name, args, answers in STEPS:
        if name == "02-prepare":  # the guide was read on a plain home; now lock it
            lock(monkeypatch)
        line = [arg.replace("<home>", str(home)) for arg in args]
        if answers is not None:
            line += ["--answers", str(write_answers(home, answers, f"{name}.yaml"))]
        if name == "15-help-now":
            monkeypatch.delenv(passphrase.FILE_VARIABLE)  # never asked for: none to give
        result = ketaprep(*line, monkeypatch=monkeypatch)
        monkeypatch.setenv(passphrase.FILE_VARIABLE, str(secret))
        passphrase._known.clear()
        output = result.output
        if args[:1] == ("export",):  # every export, the page for a therapist too
            assert NOT_ENCRYPTED in said(result), name
            output = output.replace(_as_printed(result.output), "")
        (home / f"{name}.txt").write_text(result.stdout, encoding="utf-8")
        got = f"$ ketaprep {' '.join(args)}\nexit {result.exit_code}\n" + _steady(output, home)
        if (GOLDEN / f"{name}.txt").read_text(encoding="utf-8") != got:
            changed.append(name)
    return changed


def _as_printed(output: str) -> str:
    """The reminder as it was printed (wrapped to the width), with its line end."""
    start = output.index(NOT_ENCRYPTED.split()[0] + " journal is locked")
    end = output.index("no longer need it.", start) + len("no longer need it.\n")
    return output[start:end]


def test_delete_and_the_session_commands_work_on_a_locked_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_journal()
    use_passphrase_file(tmp_path, monkeypatch)
    lock(monkeypatch)
    with open_store(reading=True) as store:
        entry = store.entries()[0]
        number = store.sessions()[0].number
    passphrase._known.clear()
    assert ketaprep("delete", entry.id, "--yes", monkeypatch=monkeypatch).exit_code == 0
    passphrase._known.clear()
    moved = ketaprep(
        "session", "change", str(number), "--number", "7", "--yes", monkeypatch=monkeypatch
    )
    assert moved.exit_code == 0, moved.output
    passphrase._known.clear()
    listed = ketaprep("session", "list", monkeypatch=monkeypatch)
    assert listed.exit_code == 0
    assert "      7  Sunday 1 March 2026          none" in listed.output  # its entry deleted
    passphrase._known.clear()
    gone = ketaprep("session", "delete", "7", "--yes", monkeypatch=monkeypatch)
    assert gone.exit_code == 0, gone.output
    passphrase._known.clear()
    with open_store(reading=True) as store:
        assert entry.id not in [each.id for each in store.entries()]
        assert store.sessions() == []


def test_where_says_the_journal_is_locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fill_journal()
    use_passphrase_file(tmp_path, monkeypatch)
    lock(monkeypatch)
    out = ketaprep("where", monkeypatch=monkeypatch).output
    assert f"Journal:   {get_paths().database} (locked with a passphrase)" in out
    assert f"Plan:      {readable_plan(get_paths().database)}" in out


# --- what is refused, with the sentence for it ----------------------------------------------


@pytest.fixture
def locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    fill_journal()
    use_passphrase_file(tmp_path, monkeypatch)
    lock(monkeypatch)
    return get_paths().database


def test_a_wrong_passphrase_file_gives_a_calm_sentence(
    locked: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_passphrase_file(tmp_path, monkeypatch, "not the right one")
    result = ketaprep("review", "--list", monkeypatch=monkeypatch)
    assert result.exit_code == 1
    assert "did not open your journal, so nothing was read or changed." in said(result)
    assert "Traceback" not in result.output


def test_a_passphrase_file_others_can_read_is_refused(
    locked: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_passphrase_file(tmp_path, monkeypatch).chmod(0o644)
    result = ketaprep("review", "--list", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "Others on this computer can read the passphrase file" in said(result)
    assert PASSPHRASE not in result.output


def test_without_a_terminal_or_a_file_a_locked_journal_exits_2(
    locked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(passphrase.FILE_VARIABLE)
    result = ketaprep("review", "--list", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert said(result).endswith(passphrase.NO_TERMINAL)


def test_help_now_shows_the_lines_without_a_passphrase_when_the_plan_is_locked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_journal()
    use_passphrase_file(tmp_path, monkeypatch)
    lock(monkeypatch)
    readable_plan(get_paths().database).unlink()
    monkeypatch.delenv(passphrase.FILE_VARIABLE)
    result = ketaprep("help-now", "--region", "us", monkeypatch=monkeypatch)
    assert result.exit_code == 0
    assert "Suicide & Crisis Lifeline" in result.output
    assert "passphrase" not in result.output.lower()


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (("lock",), "Your journal is already locked."),
        (("lock", "--change"), "typed twice in a terminal"),
        (("lock", "--remove"), "there is no terminal to ask in. To unlock it without"),
        (("lock", "--change", "--remove"), "Please choose one: --change or --remove."),
    ],
)
def test_lock_on_a_locked_journal_without_a_terminal(
    locked: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], sentence: str
) -> None:
    before = locked.read_bytes()
    result = ketaprep(*args, monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert sentence in said(result)
    assert locked.read_bytes() == before


def test_remove_with_yes_makes_it_plain_again(
    locked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = ketaprep("lock", "--remove", "--yes", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert "Unlocked." in said(result)
    assert not is_locked(locked)
    assert not readable_plan(locked).exists()
    monkeypatch.delenv(passphrase.FILE_VARIABLE)
    passphrase._known.clear()
    assert ketaprep("review", "--list", monkeypatch=monkeypatch).exit_code == 0


@pytest.mark.parametrize("args", [("lock", "--change"), ("lock", "--remove")])
def test_change_or_remove_on_a_plain_journal_says_there_is_no_lock(
    monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    fill_journal()
    result = ketaprep(*args, monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "Your journal is not locked" in said(result)


def test_lock_says_when_an_editor_s_text_is_still_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_journal()
    left = get_paths().editing_dir / "999999999-left"  # a ketaprep that has ended
    left.mkdir(parents=True)
    (left / "answer.txt").write_text("words written before the lock\n", encoding="utf-8")
    use_passphrase_file(tmp_path, monkeypatch)
    out = lock(monkeypatch)
    assert "that text is still in a file on disk. Run the walk it belongs to once" in out
