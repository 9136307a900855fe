"""The store across real processes: a killed writer, two writers at once, and the
sentences a person sees when the journal cannot be used."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from ketaprep.store import LATEST, connection, open_store, use_wal

KILLED_WRITER = """
from ketaprep.store import open_store
store = open_store()
entry = store.start_entry("journal")
print(entry.id, flush=True)
index = 0
while True:
    store.save_answer(entry.id, f"item-{index}", "long_text", "Q?", f"answer {index} " * 50)
    print(index, flush=True)
    index += 1
"""

BUSY_WRITER = """
import sys
from ketaprep.store import open_store
with open_store() as store:
    for index in range(200):
        entry = store.start_entry("checkin")
        store.save_answer(entry.id, "mood", "scale", "Mood?", index % 11)
        store.save_answer(entry.id, "note", "text", "Anything else?", f"{sys.argv[1]} {index}")
        store.finish_entry(entry.id)
"""


def ketaprep(*args: str, home: Path) -> tuple[int, str]:
    """Run ``python -m ketaprep``: its exit code and what it said on stderr, unwrapped."""
    env = {**os.environ, "KETAPREP_HOME": str(home), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "ketaprep", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    return done.returncode, " ".join(done.stderr.split())


def names(said: str, path: Path) -> bool:
    """Whether ``said`` names ``path``, even if the console wrapped it mid-way."""
    return str(path) in said.replace(" ", "")


def test_a_killed_writer_loses_no_saved_answer(ketaprep_home: Path) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "KETAPREP_HOME": str(ketaprep_home)},
    ) as writer:
        assert writer.stdout is not None
        entry_id = writer.stdout.readline().strip()
        for _ in range(40):
            assert writer.stdout.readline(), "the writer stopped early"
        writer.send_signal(signal.SIGKILL)
        rest = writer.stdout.read()  # saves that returned before the kill
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    printed = 40 + len(rest.split())

    conn = sqlite3.connect(ketaprep_home / "ketaprep.db")
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    with open_store() as store:
        kept = store.entry(entry_id)
    saved = {answer.item_id for answer in kept.answers}
    assert {f"item-{index}" for index in range(printed)} <= saved
    assert kept.is_draft  # left as a draft to resume


def test_two_writers_at_once_both_succeed(ketaprep_home: Path) -> None:
    env = {**os.environ, "KETAPREP_HOME": str(ketaprep_home)}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", BUSY_WRITER, name], env=env, stderr=subprocess.PIPE, text=True
        )
        for name in ("first", "second")
    ]
    said = []
    for writer in writers:  # wait for both before judging, so neither is left running
        with writer:
            _, err = writer.communicate(timeout=110)
        said.append((writer.returncode, err))
    assert said == [(0, ""), (0, "")]
    with open_store() as store:
        entries = store.entries()
    assert len(entries) == 400
    notes = {entry.value("note") for entry in entries}
    assert notes == {f"{name} {i}" for name in ("first", "second") for i in range(200)}


def test_connections_turning_a_new_journal_to_wal_at_once_all_succeed(tmp_path: Path) -> None:
    """Turning a new file to WAL needs it alone, and SQLite answers "busy" at once, without
    its busy wait, to the second of two connections asking at the same moment (ketaprep
    started twice on a new home): ``use_wal`` must wait its turn instead."""
    failures: list[str] = []
    for round_ in range(100):
        database = tmp_path / f"{round_}.db"
        start = threading.Barrier(3)

        def turn(database: Path = database, start: threading.Barrier = start) -> None:
            conn = connection.connect(database)  # the store's own SQLite, and its errors
            try:
                start.wait()
                use_wal(conn)
            except connection.sqlite3.Error as error:
                failures.append(str(error))
            finally:
                conn.close()

        turners = [threading.Thread(target=turn) for _ in range(3)]
        for turner in turners:
            turner.start()
        for turner in turners:
            turner.join()
        conn = sqlite3.connect(database)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        conn.close()
    assert failures == []


# --- the sentences, through a real `python -m ketaprep` ------------------------------------


def test_a_file_that_is_not_a_database(ketaprep_home: Path) -> None:
    ketaprep_home.mkdir()
    database = ketaprep_home / "ketaprep.db"
    database.write_bytes(b"\x00\x01 my old notes " * 500)
    for command in ("where", "export"):
        code, said = ketaprep(command, home=ketaprep_home)
        assert code == 1
        assert names(said, database) and "is damaged" in said
        assert "Restore it from a backup, or move the file aside" in said
        assert "Traceback" not in said
    assert database.read_bytes() == b"\x00\x01 my old notes " * 500


def test_a_database_failing_quick_check(ketaprep_home: Path) -> None:
    with open_store() as store:
        entry = store.start_entry("journal")
        store.save_answer(entry.id, "a", "text", "A?", "something")
    database = ketaprep_home / "ketaprep.db"
    conn = sqlite3.connect(database)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'answers'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(database.read_bytes())
    data[(root - 1) * page_size : (root - 1) * page_size + 40] = b"\xee" * 40
    database.write_bytes(bytes(data))
    code, said = ketaprep("export", home=ketaprep_home)
    assert code == 1
    assert "is damaged" in said and names(said, database)
    assert database.read_bytes() == bytes(data)


def test_a_database_from_a_newer_ketaprep(ketaprep_home: Path) -> None:
    open_store().close()
    database = ketaprep_home / "ketaprep.db"
    conn = sqlite3.connect(database)
    conn.execute(f"PRAGMA user_version = {LATEST + 5}")
    conn.commit()
    conn.close()
    before = database.read_bytes()
    for command in ("where", "export"):
        code, said = ketaprep(command, home=ketaprep_home)
        assert code == 1
        assert "was made by a newer ketaprep" in said
        assert "Please update ketaprep to open it." in said
    assert database.read_bytes() == before


def test_a_home_under_a_file_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "just-a-file"
    blocker.write_text("")
    for command in ("where", "export"):
        code, said = ketaprep(command, home=blocker / "home")
        assert code == 1
        assert "Cannot use the folder" in said and names(said, blocker / "home")
        assert "KETAPREP_HOME" in said
        assert "Traceback" not in said


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only folder")
def test_a_read_only_folder(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, said = ketaprep("export", home=locked / "home")
        assert code == 1
        assert "Cannot use the folder" in said
    finally:
        locked.chmod(0o700)


def test_a_missing_home_is_made_private(tmp_path: Path) -> None:
    home = tmp_path / "not" / "yet" / "here"
    code, said = ketaprep("where", home=home)
    assert code == 0, said
    assert (home / "ketaprep.db").exists()
    assert home.stat().st_mode & 0o777 == 0o700


def test_export_into_a_pipe_closed_early_is_quiet(ketaprep_home: Path) -> None:
    with open_store() as store:
        for index in range(150):
            entry = store.start_entry("journal")
            store.save_answer(entry.id, "a", "long_text", "A?", f"entry {index} " * 100)
    env = {**os.environ, "KETAPREP_HOME": str(ketaprep_home), "NO_COLOR": "1"}
    with subprocess.Popen(
        [sys.executable, "-m", "ketaprep", "export"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as reader:
        assert reader.stdout is not None and reader.stderr is not None
        assert reader.stdout.read(100).startswith(b"{")  # like `| head -c 100`
        reader.stdout.close()
        err = reader.stderr.read().decode()
        reader.wait(timeout=60)
    assert reader.returncode == 0, err
    assert "went wrong" not in err and "Traceback" not in err and "Exception" not in err
