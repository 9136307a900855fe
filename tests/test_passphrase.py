"""Reading a locked journal's passphrase: the person's own private file, or a hidden
prompt with three tries; never an argument or an environment variable's value.

The prompt itself runs in a real terminal in tests/test_pty_lock.py; here the typing
is given to ``passphrase.hidden``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ketaprep import passphrase
from ketaprep.errors import KetaprepError, UsageError

JOURNAL = Path("journal.db")
RIGHT = "a calm green field"


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """What the person types at the hidden prompt, in order; the prompts are kept."""
    lines: list[str] = []
    prompts: list[str] = []

    def hidden(prompt: str) -> str:
        prompts.append(prompt)
        return lines.pop(0)

    monkeypatch.setattr(passphrase, "in_a_terminal", lambda: True)
    monkeypatch.setattr(passphrase, "hidden", hidden)
    yield lines
    assert lines == [], "not everything typed was asked for"


def private_file(tmp_path: Path, text: str | bytes, mode: int = 0o600) -> Path:
    path = tmp_path / "passphrase"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    path.chmod(mode)
    return path


def opens_with(right: str, tried: list[str]) -> Callable[[str], str | None]:
    def opens(candidate: str) -> str | None:
        tried.append(candidate)
        return "opened" if candidate == right else None

    return opens


# --- the file --------------------------------------------------------------------------


def test_the_file_gives_its_text_without_the_line_end(tmp_path: Path) -> None:
    assert passphrase.read_file(private_file(tmp_path, f"  {RIGHT} \n")) == f"  {RIGHT} "
    assert passphrase.read_file(private_file(tmp_path, f"{RIGHT}\r\n")) == RIGHT


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_a_file_others_can_read_is_refused_naming_its_mode(tmp_path: Path, mode: int) -> None:
    path = private_file(tmp_path, RIGHT, mode)
    with pytest.raises(UsageError) as refused:
        passphrase.read_file(path)
    assert refused.value.exit_code == 2
    assert f"(mode {mode:04o})" in refused.value.message
    assert "chmod 600" in refused.value.message
    assert RIGHT not in refused.value.message


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to chown")
def test_a_file_of_another_user_is_refused(tmp_path: Path) -> None:
    path = private_file(tmp_path, RIGHT)
    os.chown(path, 65534, 65534)
    with pytest.raises(UsageError) as refused:
        passphrase.read_file(path)
    assert "belongs to another user" in refused.value.message


def test_a_named_pipe_is_refused_at_once_instead_of_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe, 0o600)
    with pytest.raises(UsageError, match="is not a plain file"):
        passphrase.read_file(pipe)


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"", "is empty"),
        (b"\n", "is empty"),
        (b"abc\x00def", "holds a NUL character"),
        (b"\xff\xfe caf\xe9", "is not UTF-8 text"),
        (b"x" * 5000, "longer than a passphrase can be"),
    ],
)
def test_a_file_that_holds_no_passphrase_says_so(tmp_path: Path, content: bytes, said: str) -> None:
    with pytest.raises(UsageError, match=said):
        passphrase.read_file(private_file(tmp_path, content))


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="Cannot read the passphrase file .*missing"):
        passphrase.read_file(tmp_path / "missing")


# --- unlocking ---------------------------------------------------------------------------


def test_the_named_file_opens_the_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(passphrase.FILE_VARIABLE, str(private_file(tmp_path, RIGHT + "\n")))
    tried: list[str] = []
    assert passphrase.unlock(JOURNAL, opens_with(RIGHT, tried)) == "opened"
    assert tried == [RIGHT]


def test_a_wrong_passphrase_in_the_file_is_one_try(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = private_file(tmp_path, "not it at all")
    monkeypatch.setenv(passphrase.FILE_VARIABLE, str(path))
    tried: list[str] = []
    with pytest.raises(KetaprepError) as refused:
        passphrase.unlock(JOURNAL, opens_with(RIGHT, tried))
    assert tried == ["not it at all"]
    assert f"The passphrase in {path}" in refused.value.message
    assert "nothing was read or changed" in refused.value.message


def test_the_variable_names_a_file_and_its_value_is_never_a_passphrase(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(passphrase.FILE_VARIABLE, RIGHT)  # a passphrase where a path belongs
    tried: list[str] = []
    with pytest.raises(UsageError, match="Cannot read the passphrase file"):
        passphrase.unlock(JOURNAL, opens_with(RIGHT, tried))
    assert tried == []


def test_without_a_terminal_or_a_file_it_stops_with_exit_2(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(passphrase, "in_a_terminal", lambda: False)
    with pytest.raises(UsageError) as refused:
        passphrase.unlock(JOURNAL, opens_with(RIGHT, []))
    assert refused.value.exit_code == 2
    assert refused.value.message == passphrase.NO_TERMINAL


def test_three_tries_in_the_terminal_each_wrong_one_said_calmly(
    typed: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    typed.extend(["wrong one", "wrong two", RIGHT])
    tried: list[str] = []
    assert passphrase.unlock(JOURNAL, opens_with(RIGHT, tried)) == "opened"
    assert tried == ["wrong one", "wrong two", RIGHT]
    err = capsys.readouterr().err
    assert "did not open your journal. Please try again (2 tries left)." in err
    assert "(1 try left)." in err
    assert "wrong one" not in err and "wrong two" not in err  # never shown


def test_after_three_wrong_tries_nothing_is_opened(
    typed: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    typed.extend(["one", "two", "three"])
    with pytest.raises(KetaprepError) as refused:
        passphrase.unlock(JOURNAL, opens_with(RIGHT, []))
    assert refused.value.message == passphrase.NOT_OPENED
    assert "help-now still works" in refused.value.message
    assert "(1 try left)." in capsys.readouterr().err


def test_one_run_asks_once_for_the_same_journal(typed: list[str]) -> None:
    typed.append(RIGHT)
    tried: list[str] = []
    passphrase.unlock(JOURNAL, opens_with(RIGHT, tried))
    passphrase.unlock(JOURNAL, opens_with(RIGHT, tried))
    assert tried == [RIGHT, RIGHT]  # the second open was given the first one's passphrase


def test_a_remembered_passphrase_that_no_longer_opens_is_asked_again(typed: list[str]) -> None:
    passphrase.remember(JOURNAL, "the old one")
    typed.append(RIGHT)
    tried: list[str] = []
    assert passphrase.unlock(JOURNAL, opens_with(RIGHT, tried)) == "opened"
    assert tried == ["the old one", RIGHT]


# --- a new passphrase ----------------------------------------------------------------------


def test_a_new_passphrase_is_typed_twice(typed: list[str]) -> None:
    typed.extend([RIGHT, RIGHT])
    assert passphrase.new_passphrase() == RIGHT


def test_a_short_or_different_second_one_is_asked_again(
    typed: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    typed.extend(["short", RIGHT, RIGHT + "!", RIGHT, RIGHT])
    assert passphrase.new_passphrase() == RIGHT
    err = capsys.readouterr().err
    assert "Please use at least 8 characters." in err
    assert "The two were not the same. Please type it again." in err


def test_three_failed_tries_set_no_passphrase(typed: list[str]) -> None:
    typed.extend(["short", RIGHT, "other thing", "tiny"])
    with pytest.raises(KetaprepError, match="No new passphrase was set"):
        passphrase.new_passphrase()


def test_a_new_passphrase_can_come_from_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(passphrase.FILE_VARIABLE, str(private_file(tmp_path, RIGHT + "\n")))
    assert passphrase.new_passphrase() == RIGHT
    monkeypatch.setenv(passphrase.FILE_VARIABLE, str(private_file(tmp_path, "short")))
    with pytest.raises(UsageError, match="shorter than 8 characters"):
        passphrase.new_passphrase()


def test_a_new_passphrase_without_a_terminal_stops_with_exit_2(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(passphrase, "in_a_terminal", lambda: False)
    with pytest.raises(UsageError) as refused:
        passphrase.new_passphrase()
    assert refused.value.exit_code == 2
    assert "typed twice in a terminal" in refused.value.message
