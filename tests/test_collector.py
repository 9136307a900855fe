"""The collector of cyclic garbage is held off while a walk starts, and let go before
any question waits for the person (ketaprep/collector.py)."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator

import pytest

from asker_helpers import Person
from ketaprep import collector
from ketaprep.ask import ask_until_valid
from ketaprep.guides.model import Item

HOW_IS_IT = Item("how", "text", "How is it?")
# The walk's end, in the same process: whether the collector is on, and how much is frozen.
_AT_EXIT = """
import atexit, gc, sys
atexit.register(lambda: print("collector:", gc.isenabled(), gc.get_freeze_count(), file=sys.stderr))
sys.argv[0] = "ketaprep"
from ketaprep.cli import main
main()
"""


@pytest.fixture
def held() -> Iterator[None]:
    collector.hold()
    try:
        yield
    finally:
        collector.release()
        gc.unfreeze()
        gc.enable()


@pytest.mark.usefixtures("held")
def test_a_question_lets_the_collector_go_with_what_was_made_set_aside() -> None:
    assert not gc.isenabled()
    assert ask_until_valid(HOW_IS_IT, Person({"how": "Calm"}), None) == "Calm"
    assert gc.isenabled() and gc.get_freeze_count() > 0


def test_a_collector_already_off_is_left_as_it_was() -> None:
    gc.disable()
    try:
        collector.hold()
        ask_until_valid(HOW_IS_IT, Person({"how": "Calm"}), None)
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()


@pytest.mark.parametrize("walk", ["prepare", "journal", "checkin"])
def test_a_bare_walk_starts_with_the_collector_held(walk: str) -> None:
    """Here without a terminal, so it ends before a question, still held."""
    done = subprocess.run(
        [sys.executable, "-c", _AT_EXIT, walk],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2 and "terminal" in done.stderr  # it ran
    assert "collector: False 0" in done.stderr


def test_other_commands_start_with_the_collector_on() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _AT_EXIT, "journal", "--plain", "--answers", "nowhere.yaml"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode != 0  # the file is not there
    assert "collector: True 0" in done.stderr
