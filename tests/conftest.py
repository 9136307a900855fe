"""Every test gets its own KETAPREP_HOME: no test touches the real data dir.

No test waits for the breathing practice: its seconds are recorded in ``slept``. The
tests' folders are made in memory where the machine offers it (/dev/shm).
"""

from __future__ import annotations

import datetime
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import time_machine

from cli_helpers import FIXED_DAY
from ketaprep import console, passphrase
from ketaprep.paths import get_paths
from ketaprep.walks import breathe


def pytest_configure(config: pytest.Config) -> None:
    # Each test makes a journal, and SQLite's syncs to a busy disk were most of the time
    # of the suite. Memory keeps the same files and modes (pytest keeps the folders of the
    # last three runs, as on disk). TMPDIR still chooses.
    memory = Path("/dev/shm")
    if "TMPDIR" not in os.environ and memory.is_dir() and os.access(memory, os.W_OK):
        tempfile.tempdir = str(memory)


@pytest.fixture(autouse=True)
def ketaprep_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    # Folders a test makes are private, as ketaprep makes its own: ketaprep says so
    # (on stderr) when it has to take other people's access away from its folder.
    old_umask = os.umask(0o077)
    home = tmp_path / "ketaprep-home"
    monkeypatch.setenv("KETAPREP_HOME", str(home))
    monkeypatch.delenv("KETAPREP_GUIDES", raising=False)
    monkeypatch.delenv("KETAPREP_DEBUG", raising=False)
    monkeypatch.delenv(passphrase.FILE_VARIABLE, raising=False)
    monkeypatch.setattr(passphrase, "_known", {})  # each test asks anew
    monkeypatch.setenv("NO_COLOR", "1")
    console.set_console(None)
    yield home
    console.set_console(None)
    os.umask(old_umask)


@pytest.fixture
def welcomed(ketaprep_home: Path) -> Path:
    """Past the first-run intro (the guide tests' business), so the output is just the
    command's. Use with ``pytestmark = pytest.mark.usefixtures("welcomed")``."""
    marker = get_paths().welcomed_marker
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.touch()
    return marker


@pytest.fixture(autouse=True)
def _fixed_day(request: pytest.FixtureRequest) -> None:
    # Before every other fixture, so a journal a fixture writes is written on that day too.
    if request.node.get_closest_marker("fixed_day"):
        clock: time_machine.TimeMachineFixture = request.getfixturevalue("time_machine")
        clock.move_to(datetime.datetime.combine(FIXED_DAY, datetime.time(10)), tick=True)


# Files a test keeps for a person to look at (a screenshot, a printed page): listed at the
# end of the run. They live in pytest's own temporary folders, which it prunes itself.
_ARTEFACTS = pytest.StashKey[list[Path]]()


@pytest.fixture
def keep_artefact(request: pytest.FixtureRequest) -> Callable[[Path], Path]:
    kept = request.config.stash.setdefault(_ARTEFACTS, [])

    def keep(path: Path) -> Path:
        kept.append(path)
        return path

    return keep


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    kept = config.stash.get(_ARTEFACTS, [])
    if kept:
        terminalreporter.section("artefacts kept")
        for path in kept:
            terminalreporter.write_line(str(path))


@pytest.fixture(autouse=True)
def slept(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The seconds the breathing practice waited, in order, without waiting them."""
    seconds: list[float] = []
    monkeypatch.setattr(breathe, "sleep", seconds.append)
    return seconds
