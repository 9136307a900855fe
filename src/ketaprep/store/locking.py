"""Locking a journal with a passphrase, changing it, or removing it: the journal is
written anew beside itself, checked, and put in its place in one step.

Each step can be stopped at any moment (SIGKILL, a power cut) and leaves one journal
complete at the journal's name, the old one or the new one:

1. hold: the journal leaves WAL mode, so its log is written into the file and removed
   (SQLite allows this only while no other ketaprep has it open), then it is held with
   an exclusive lock until the end, so nobody reads or writes it meanwhile;
2. copy: ``<journal>.converting`` is written with ``sqlcipher_export``, under the new
   passphrase (or none), with the journal's format number and program id;
3. check: the copy, opened anew with the new passphrase, passes SQLite's integrity
   check, holds as many rows in every table, its full-text index agrees with the
   answers, and a sample of searches finds the same answers as in the journal;
4. swap: the copy takes the journal's name (``os.replace``), and the folder is synced;
5. wipe: the old file's bytes are overwritten with zeros and synced, then let go. A
   ketaprep that started meanwhile and waited for the lock then finds no journal in
   the old file, rather than writing where nobody would read it again.

Stopped before 4, the old journal is whole; the copy left behind is removed by the next
conversion or the next open. The wipe is the best this can do: an SSD, or a file system
that copies on write, may keep the old blocks until they are used again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ketaprep import passphrase
from ketaprep.errors import KetaprepError
from ketaprep.paths import Paths
from ketaprep.store.connection import connect, sqlite3, transaction
from ketaprep.store.database import open_store
from ketaprep.store.journal_file import connect_journal, translate
from ketaprep.store.locked import (
    PLAN_KIND,
    copy_path,
    forget_plan,
    is_locked,
    remove_copy,
    write_plan,
)

SAMPLE_SEARCHES = 8
HOLD_WAIT_S = 1.0  # for another ketaprep to let go of the journal
_WIPE_CHUNK = 1 << 20


@dataclass(frozen=True)
class JournalState:
    locked: bool
    has_plan: bool  # a finished safety plan is kept


def journal_state(paths: Paths) -> JournalState:
    """Opens the journal (asking for its passphrase when it is locked, bringing its
    format up to date) and tells what ``ketaprep lock`` needs to know."""
    with open_store(paths) as store:
        return JournalState(store.locked, bool(store.newest_answers(PLAN_KIND)))


def lock_journal(paths: Paths, new: str, *, keep_plan: bool) -> None:
    """Lock the plain journal with ``new``; ``keep_plan``: its newest safety plan stays
    readable without the passphrase (for help-now), in a small file of its own."""
    with open_store(paths) as store:
        plan = store.newest_answers(PLAN_KIND) or {}
    if keep_plan:  # first: once the journal is locked, help-now finds the plan there
        write_plan(paths.database, plan)
    else:
        forget_plan(paths.database)
    try:
        convert(paths.database, new)
    except BaseException:
        forget_plan(paths.database)  # the journal is still plain: nothing is kept beside it
        raise


def change_passphrase(paths: Paths, new: str) -> None:
    """Give the locked journal ``new`` in place of the passphrase it opens with."""
    convert(paths.database, new)


def remove_lock(paths: Paths) -> None:
    """Make the locked journal a plain file again; its readable plan is no longer needed."""
    convert(paths.database, None)
    forget_plan(paths.database)


def convert(database: Path, new: str | None) -> None:
    """Write ``database`` anew under the passphrase ``new`` (None: plain) and swap it in
    (see the module's steps); the journal is opened with its passphrase now, asked for
    if this run has not been given it. Raises KetaprepError, with the journal as it was,
    when a step fails."""
    old_umask = os.umask(0o077)  # the copy and its side files: owner only
    try:
        _convert(database, new)
    finally:
        os.umask(old_umask)
    passphrase.remember(database, new)


def _convert(database: Path, new: str | None) -> None:
    held = _hold(database, is_locked(database))
    try:
        remove_copy(database)
        copy = copy_path(database)
        _copy(held, copy, new)
        _check(held, copy, new)
        old_file = os.open(database, os.O_RDWR)
        try:
            _swap(copy, database, held)
            _wipe(old_file)
        finally:
            os.close(old_file)
    except sqlite3.Error as error:
        raise translate(database, error) from None
    finally:
        held.close()
        remove_copy(database)


def _hold(database: Path, locked: bool) -> sqlite3.Connection:
    conn = connect_journal(database, locked, timeout=HOLD_WAIT_S)
    try:
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.OperationalError as error:
            if getattr(error, "sqlite_errorcode", 0) & 0xFF in (5, 6):  # busy, locked
                raise KetaprepError(
                    "Your journal is open in another ketaprep window, so it was not "
                    "changed. Close that window (your answers there are kept), then try "
                    "again."
                ) from None
            raise
        # Kept to the end: an exclusive lock on the journal, taken now, let go at close.
        conn.execute("PRAGMA main.locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except BaseException:
        conn.close()
        raise
    return conn


def _copy(held: sqlite3.Connection, copy: Path, passphrase: str | None) -> None:
    held.execute("ATTACH DATABASE ? AS converted KEY ?", (str(copy), passphrase or ""))
    try:
        with transaction(held, "BEGIN"):
            held.execute("SELECT sqlcipher_export('converted')")
            for pragma in ("user_version", "application_id"):
                value = int(held.execute(f"PRAGMA main.{pragma}").fetchone()[0])
                held.execute(f"PRAGMA converted.{pragma} = {value}")
        # In WAL mode as every journal is, so its first open changes nothing in it.
        held.execute("PRAGMA converted.journal_mode = WAL")
    finally:
        held.execute("DETACH DATABASE converted")


def _check(held: sqlite3.Connection, copy: Path, passphrase: str | None) -> None:
    made = connect(copy, passphrase=passphrase)
    try:
        problem = _difference(held, made)
    finally:
        made.close()
    if problem:
        raise KetaprepError(
            f"The new copy of your journal did not come out right ({problem}), so your "
            "journal was not changed. Please tell the people who make ketaprep."
        )


def _difference(old: sqlite3.Connection, new: sqlite3.Connection) -> str | None:
    """How the copy differs from the journal, in a few words; None: it does not."""
    found = new.execute("PRAGMA integrity_check").fetchall()
    if [tuple(row) for row in found] != [("ok",)]:
        return f"SQLite's check found: {found[0][0]}"
    for pragma in ("user_version", "application_id"):
        if _one(old, f"PRAGMA {pragma}") != _one(new, f"PRAGMA {pragma}"):
            return f"its {pragma} differs"
    for table in _tables(old):
        if _one(old, f'SELECT count(*) FROM "{table}"') != _one(
            new, f'SELECT count(*) FROM "{table}"'
        ):
            return f"the table {table} has another number of rows"
    if "answers_fts" in _tables(old, "virtual"):
        try:
            new.execute("INSERT INTO answers_fts (answers_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError:
            return "its word index does not match the answers"
        for word in _sample_words(old):
            query = "SELECT rowid FROM answers_fts WHERE answers_fts MATCH ? ORDER BY rowid"
            quoted = '"' + word.replace('"', '""') + '"'
            if old.execute(query, (quoted,)).fetchall() != new.execute(query, (quoted,)).fetchall():
                return f"a search for {word!r} finds other answers"
    return None


def _tables(conn: sqlite3.Connection, kind: str = "real") -> list[str]:
    """The tables (``virtual``: the full-text ones), the index's own included."""
    virtual = "sql LIKE 'CREATE VIRTUAL TABLE%'"
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        f" AND {'' if kind == 'virtual' else 'NOT '}{virtual} ORDER BY name"
    )
    return [str(row[0]) for row in rows]


def _one(conn: sqlite3.Connection, sql: str) -> object:
    return conn.execute(sql).fetchone()[0]


def _sample_words(conn: sqlite3.Connection) -> list[str]:
    """A word of each of a few answers spread evenly over the journal."""
    low, high = conn.execute("SELECT min(id), max(id) FROM answers").fetchone()
    if low is None:
        return []
    step = max(1, (int(high) - int(low)) // SAMPLE_SEARCHES)
    words = []
    for start in range(int(low), int(high) + 1, step):
        row = conn.execute("SELECT text FROM answers WHERE id >= ? LIMIT 1", (start,)).fetchone()
        word = next((part for part in str(row[0]).split() if part.isalpha()), None)
        if word:
            words.append(word)
    return words[:SAMPLE_SEARCHES]


def _swap(copy: Path, database: Path, held: sqlite3.Connection) -> None:
    if os.name == "nt":  # a file that is open cannot be replaced there
        held.close()
    os.replace(copy, database)
    _sync_folder(database.parent)


def _sync_folder(folder: Path) -> None:
    if os.name == "nt":
        return  # no folder handles to sync; the rename is made durable by the system
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _wipe(old_file: int) -> None:
    size = os.fstat(old_file).st_size
    zeros = bytes(_WIPE_CHUNK)
    os.lseek(old_file, 0, os.SEEK_SET)
    done = 0
    while done < size:
        done += os.write(old_file, zeros[: min(_WIPE_CHUNK, size - done)])
    os.fsync(old_file)
