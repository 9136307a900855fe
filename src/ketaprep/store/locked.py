"""What can be known of a locked journal without its passphrase, and without SQLite.

A locked journal is an SQLCipher 4 file: every byte of it, from the first, is
encrypted (its first 16 bytes are the salt of the key), so it never starts like a plain
SQLite file, and it is a whole number of 4096-byte pages.

The safety plan a person keeps readable without the passphrase (``ketaprep lock``
asks) lives beside it in a small private file, ``safety-plan.json``: the answers of
the newest finished plan. help-now and the crisis pause read it from there, so crisis
help never waits for a passphrase.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from ketaprep.answers import AnswerValue

PAGE = 4096  # SQLCipher 4's page size: a locked journal is a whole number of them
READABLE_PLAN = "safety-plan.json"
PLAN_KIND = "plan"  # the kind of entry whose newest is kept readable
CONVERTING = ".converting"  # a conversion's copy: the journal's name with this added
_SIDE_FILES = ("-wal", "-shm", "-journal")
SQLITE_MAGIC = b"SQLite format 3\x00"  # how a plain SQLite file begins


def is_locked(database: Path) -> bool:
    """Whether ``database`` looks locked: there, not a plain SQLite file, whole pages, a
    salt that is not one byte repeated (a file of zeros is damage, not a lock)."""
    try:
        with database.open("rb") as file:
            salt = file.read(16)
            size = os.fstat(file.fileno()).st_size
    except OSError:
        return False
    return looks_locked(salt, size)


def looks_locked(start: bytes, size: int) -> bool:
    return (
        size >= PAGE
        and size % PAGE == 0
        and not start.startswith(SQLITE_MAGIC[: len(start)])
        and len(set(start[:16])) > 1
    )


def readable_plan(database: Path) -> Path:
    return database.with_name(READABLE_PLAN)


def read_plan(database: Path) -> dict[str, AnswerValue] | None:
    """The readable plan's answers; None when there is no such file (or it cannot be
    read: then help-now shows the crisis lines without it)."""
    try:
        data = json.loads(readable_plan(database).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    answers = data.get("answers") if isinstance(data, dict) else None
    return dict(answers) if isinstance(answers, dict) else None


def write_plan(database: Path, answers: Mapping[str, AnswerValue]) -> None:
    """Keep ``answers`` as the readable plan: written whole (0600) and put in place at
    once, so a reader never meets half a file; unchanged text is not written again."""
    path = readable_plan(database)
    text = json.dumps({"answers": dict(answers)}, ensure_ascii=False, indent=1) + "\n"
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except (OSError, ValueError):
        pass
    import tempfile  # (and shutil, random...): only to write the plan

    fd, temporary = tempfile.mkstemp(prefix=f".{READABLE_PLAN}.", dir=path.parent)  # 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def forget_plan(database: Path) -> None:
    readable_plan(database).unlink(missing_ok=True)


def copy_path(database: Path) -> Path:
    """Where ``ketaprep lock`` writes the journal anew (store.locking)."""
    return database.with_name(database.name + CONVERTING)


def remove_copy(database: Path) -> None:
    """A copy that a stopped conversion left beside the journal, and its side files."""
    copy = copy_path(database)
    for suffix in ("", *_SIDE_FILES):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
