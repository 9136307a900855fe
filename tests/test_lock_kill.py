"""SIGKILL during ``ketaprep lock`` (and --change, --remove) at each step, and at
moments spread over a whole run: the journal's name always holds one complete journal,
the old or the new, with everything in it; what the stopped run left is tidied away.

A child process runs the real conversion and kills itself with SIGKILL just before or
just after one of its steps (store/locking.py's module docstring lists them).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ketaprep import passphrase as passphrases
from ketaprep.paths import CACHE_DIR, get_paths
from ketaprep.store import open_store
from ketaprep.store.locked import is_locked
from ketaprep.store.locking import lock_journal
from lock_helpers import (
    BEFORE,
    PASSPHRASE,
    fill_journal,
    forget_passphrases,
    kept,
    kept_in,
    raw_bytes,
    use_passphrase_file,
    words_in,
)

pytestmark = pytest.mark.slow
NEW = "the second passphrase here"

KILLED_AT = """
import os, signal, sys
from pathlib import Path
from ketaprep import passphrase as passphrases
from ketaprep.paths import get_paths
from ketaprep.store import locking

step, when, new = sys.argv[1], sys.argv[2], sys.argv[3] or None
real = getattr(locking, step) if step != "os.write" else os.write
calls = []

def killing(*args, **kwargs):
    if when == "before":
        os.kill(os.getpid(), signal.SIGKILL)
    done = real(*args, **kwargs)
    calls.append(1)
    if when == "after" and (step != "os.write" or len(calls) == 1):
        os.kill(os.getpid(), signal.SIGKILL)
    return done

if step == "os.write":
    locking.os.write = killing  # the wipe's first megabyte
else:
    setattr(locking, step, killing)
locking.convert(get_paths().database, new)
print("not stopped")
"""

STEPS = [
    ("_hold", "after"),
    ("_copy", "before"),
    ("_copy", "after"),
    ("_check", "after"),
    ("_swap", "before"),
    ("_sync_folder", "before"),  # the copy has the journal's name; the folder not synced
    ("_wipe", "before"),
    ("os.write", "after"),  # the old file half overwritten
    ("_wipe", "after"),
]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plain journal of over a megabyte (the wipe takes more than one write), with the
    distinctive words, built once for every case."""
    home = tmp_path_factory.mktemp("template") / "home"
    old = os.environ.get("KETAPREP_HOME")
    os.environ["KETAPREP_HOME"] = str(home)
    try:
        fill_journal()
        with open_store() as store:
            for number in range(40):
                entry = store.start_entry("journal")
                store.save_answer(entry.id, "thoughts", "text", "Q", f"day {number} " * 4000)
                store.finish_entry(entry.id)
    finally:
        if old is not None:
            os.environ["KETAPREP_HOME"] = old
    assert (home / "ketaprep.db").stat().st_size > 1 << 20
    return home


@pytest.fixture
def journal(
    template: Path, ketaprep_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[object, ...]:
    """A copy of the template as this test's home, the passphrase file named; what it
    holds, as read back."""
    shutil.copytree(template, ketaprep_home)
    use_passphrase_file(tmp_path, monkeypatch)
    return kept()


def killed_at(step: str, when: str, new: str | None) -> None:
    done = subprocess.run(
        [sys.executable, "-c", KILLED_AT, step, when, new or ""],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stdout + done.stderr


def complete(expected: tuple[object, ...], passphrase: str | None) -> None:
    """The journal at its name is whole (SQLite's check over the whole file) and holds
    ``expected``; opened (which tidies what the stopped run left), nothing else is left
    in the folder but the plan kept readable beside a locked journal, the first-run
    marker and the cache of what the guides became (made again when it is gone)."""
    database = get_paths().database
    assert is_locked(database) == (passphrase is not None)
    if passphrase is not None:
        passphrases.remember(database, passphrase)  # whatever the file holds
    with open_store(full_check=True) as store:
        assert kept_in(store) == expected
    forget_passphrases()
    left = {path.name for path in database.parent.iterdir()}
    left -= {"ketaprep.db", "welcomed", CACHE_DIR}
    assert left <= ({"safety-plan.json"} if passphrase else set())


@pytest.mark.parametrize(("step", "when"), STEPS)
def test_lock_killed_at_a_step_leaves_one_whole_journal(
    journal: tuple[object, ...], step: str, when: str
) -> None:
    killed_at(step, when, PASSPHRASE)
    swapped = step in ("_sync_folder", "_wipe", "os.write")
    complete(journal, PASSPHRASE if swapped else None)
    if swapped:
        assert words_in(raw_bytes(get_paths().database), BEFORE) == []


@pytest.mark.parametrize(("step", "when"), [("_copy", "after"), ("_sync_folder", "before")])
def test_change_and_remove_killed_leave_one_whole_journal(
    journal: tuple[object, ...],
    step: str,
    when: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lock_journal(get_paths(), PASSPHRASE, keep_plan=False)
    forget_passphrases()
    swapped = step == "_sync_folder"
    killed_at(step, when, NEW)
    complete(journal, NEW if swapped else PASSPHRASE)
    if swapped:
        use_passphrase_file(tmp_path, monkeypatch, NEW)
    killed_at(step, when, None)
    complete(journal, None if swapped else PASSPHRASE)


def test_lock_killed_at_moments_over_a_whole_run(
    journal: tuple[object, ...], ketaprep_home: Path, tmp_path: Path
) -> None:
    """``ketaprep lock`` itself, in a child, killed at six moments spread over the time
    a whole run takes and a little past it. Which side of the swap each lands on
    depends on the machine's speed: the steps above cover both sides for certain."""
    command = [str(Path(sys.executable).parent / "ketaprep"), "lock"]
    env = {**os.environ}
    spare = tmp_path / "spare"
    shutil.copytree(ketaprep_home, spare)
    started = time.monotonic()
    subprocess.run(command, env=env, stdin=subprocess.DEVNULL, capture_output=True, check=True)
    whole = time.monotonic() - started
    for fifth in range(1, 7):
        shutil.rmtree(ketaprep_home)
        shutil.copytree(spare, ketaprep_home)
        child = subprocess.Popen(
            command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(whole * fifth / 5)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        complete(journal, PASSPHRASE if is_locked(get_paths().database) else None)
