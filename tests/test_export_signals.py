"""``ketaprep export -o`` stopped by SIGTERM, SIGHUP or Ctrl-C's SIGINT in the middle of
writing a big journal: a calm line, and nothing left behind (no hidden temp file, the
old file as it was).

The export is caught mid-write: once its temp file holds some of the journal, it is
paused (SIGSTOP) and checked to be unfinished, then sent the signal and let go on.
"""

from __future__ import annotations

import datetime
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from ketaprep.paths import Paths
from ketaprep.store import Answer, Entry, open_store

KETAPREP = Path(sys.executable).parent / "ketaprep"
ENTRIES = 30_000  # ~20 MB of JSON: the export takes long enough to be caught halfway
TEXT = "a quiet morning walk by the river with my sister and the light on the water " * 3


@pytest.fixture(scope="module")
def big_journal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A journal of ENTRIES check-ins, made once through the store's import path.

    The tests' folders are in memory (/dev/shm) and pytest keeps those of the last three
    runs: the journal and each test's copy of it (36 MB each) are removed when done."""
    home = tmp_path_factory.mktemp("big-journal")
    moment = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    entries = [
        Entry(
            str(uuid.UUID(int=index, version=4)), "checkin", None, "maintaining",
            moment, moment, moment,
            (Answer("win", "long_text", "A win?", f"{TEXT}{index}", moment),),
        )
        for index in range(ENTRIES)
    ]  # fmt: skip
    with open_store(Paths(home, home)) as store:
        store.import_records([], entries)
    yield home / "ketaprep.db"
    shutil.rmtree(home)


@pytest.fixture
def home_with_a_copy(big_journal: Path, ketaprep_home: Path) -> Iterator[Path]:
    """KETAPREP_HOME holding a copy of the big journal (the export may write beside it)."""
    ketaprep_home.mkdir(exist_ok=True)
    shutil.copy(big_journal, ketaprep_home / "ketaprep.db")
    yield ketaprep_home
    for path in ketaprep_home.glob("ketaprep.db*"):
        path.unlink()


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


def caught_halfway(export: subprocess.Popen[str], folder: Path) -> None:
    """Wait until the export has written part of its temp file, then pause it there."""
    deadline = time.monotonic() + 60
    while not any(path.stat().st_size for path in temp_files(folder) if path.exists()):
        assert export.poll() is None, f"the export ended first: {export.communicate()}"
        assert time.monotonic() < deadline, "the export never started writing"
        time.sleep(0.001)
    os.kill(export.pid, signal.SIGSTOP)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
@pytest.mark.parametrize("existing", [False, True])
@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_a_stopped_export_says_so_calmly_and_leaves_nothing_behind(
    home_with_a_copy: Path,
    welcomed: Path,
    tmp_path: Path,
    signum: int,
    existing: bool,
    fmt: str,
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "journal.out"
    if existing:
        target.write_text("the export from last week")
    export = subprocess.Popen(
        [str(KETAPREP), "export", "--format", fmt, "-o", str(target), "--force"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "KETAPREP_HOME": str(home_with_a_copy), "NO_COLOR": "1"},
    )
    try:
        caught_halfway(export, folder)
        assert export.poll() is None and temp_files(folder)  # paused, still writing
        os.kill(export.pid, signum)
        os.kill(export.pid, signal.SIGCONT)
        out, err = export.communicate(timeout=60)
    finally:
        if export.poll() is None:
            export.kill()
            export.wait()
    assert export.returncode == 128 + signum, err
    assert out == ""
    assert " ".join(err.split()) == (
        f"Stopped. Nothing was written to {target}; your journal is as it was."
    )
    assert temp_files(folder) == []
    if existing:
        assert [p.name for p in folder.iterdir()] == ["journal.out"]
        assert target.read_text() == "the export from last week"
    else:
        assert list(folder.iterdir()) == []
