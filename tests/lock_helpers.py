"""What the tests of ``ketaprep lock`` share: a passphrase file, a journal with
distinctive words in every place an answer can be, and a look at the raw bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketaprep import passphrase
from ketaprep.paths import Paths, get_paths
from ketaprep.store import Store, open_store

PASSPHRASE = "a calm green field at dawn"

# Words nobody would write by chance, saved where answers go: a finished entry, a
# draft's answer and part-answer, a session's note, a crisis record, the search index.
BEFORE = ("marmalade-lighthouse", "octopus-violin", "quiet-saffron-kettle", "tangerine-harbour")
AFTER = ("velvet-giraffe", "cobalt-accordion")


def use_passphrase_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str = PASSPHRASE
) -> Path:
    path = tmp_path / "passphrase.txt"
    path.write_text(text + "\n", encoding="utf-8")
    path.chmod(0o600)
    monkeypatch.setenv(passphrase.FILE_VARIABLE, str(path))
    return path


def forget_passphrases() -> None:
    """As a new run: nothing remembered from the opens before."""
    passphrase._known.clear()


def fill_journal(paths: Paths | None = None, words: tuple[str, ...] = BEFORE) -> None:
    """A session with a note, a finished journal entry with a crisis record, and a draft
    with a whole answer and a part-answer: one distinctive word in each."""
    with open_store(paths or get_paths()) as store:
        _fill(store, words)


def _fill(store: Store, words: tuple[str, ...]) -> None:
    import datetime

    number = store.next_session_number()
    store.add_session(number, datetime.date(2026, 3, 1), f"note {words[0]}")
    done = store.start_entry("journal", number)
    store.save_answer(done.id, "thoughts", "text", "What came up?", f"a long {words[1]} day")
    store.record_crisis_shown(done.id, "thoughts", f'danger phrase "{words[1]}"')
    store.finish_entry(done.id)
    draft = store.start_entry("checkin")
    store.save_answer(draft.id, "win", "text", "A win?", f"I made {words[2]} tea")
    store.save_answer(
        draft.id, "practices", "checklist", "Done?", [words[3]], partial=True,
        labels={words[3]: words[3]},
    )  # fmt: skip


def raw_bytes(database: Path) -> bytes:
    """The journal file and its side files, as they are on disk now."""
    parts = [Path(f"{database}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]
    return b"".join(part.read_bytes() for part in parts if part.exists())


def words_in(data: bytes, words: tuple[str, ...]) -> list[str]:
    return [word for word in words if word.encode() in data]


def kept(paths: Paths | None = None) -> tuple[object, ...]:
    """Everything the journal holds, as the store reads it back."""
    with open_store(paths or get_paths(), reading=True) as store:
        return kept_in(store)


def kept_in(store: Store) -> tuple[object, ...]:
    entries = store.entries()
    return (
        store.sessions(),
        entries,
        store.drafts(),
        {entry.id: store.entry(entry.id).crisis_shown for entry in entries},
    )
