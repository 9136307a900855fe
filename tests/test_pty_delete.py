"""``ketaprep delete ID`` in a real terminal: the entry shown, the question, a real key."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketaprep.store import Entry, open_store
from pty_helpers import CTRL_C, ENTER, Terminal
from review_data import fill

pytestmark = [pytest.mark.pty, pytest.mark.usefixtures("welcomed")]

QUESTION = "Delete this entry for good? It cannot be brought back."


def ids() -> set[str]:
    with open_store() as store:
        return {entry.id for entry in store.entries(include_drafts=True)}


def ask_to_delete(term: Terminal, entry: Entry) -> None:
    screen = term.wait_for(QUESTION)
    assert (
        f"After · {entry.created.astimezone():%Y-%m-%d %H:%M} · I was, mostly. The river helped."
        in screen
    )
    assert f"id {entry.id}" in screen


def test_yes_deletes_the_entry_shown(ketaprep_home: Path) -> None:
    made = fill()
    journal = made["journal1"]
    with Terminal("delete", journal.id[:8], home=ketaprep_home) as term:
        ask_to_delete(term, journal)
        term.send("y")
        term.wait_for("Deleted. It is gone from your journal on this computer.")
        assert term.wait_exit() == 0
    assert ids() == {entry.id for entry in made.values()} - {journal.id}


@pytest.mark.parametrize("keys", [ENTER, "n", CTRL_C])
def test_anything_but_yes_keeps_it(ketaprep_home: Path, keys: str) -> None:
    made = fill()
    journal = made["journal1"]
    with Terminal("delete", journal.id, home=ketaprep_home) as term:
        ask_to_delete(term, journal)
        term.send(keys)
        if keys == CTRL_C:
            term.wait_for("Stopped. Nothing was deleted.")
            assert term.wait_exit() == 130
        else:
            term.wait_for("Kept. Nothing was deleted.")
            assert term.wait_exit() == 0
        assert "Traceback" not in term.all_output()
    assert ids() == {entry.id for entry in made.values()}


def test_what_a_person_wrote_is_shown_as_text(ketaprep_home: Path) -> None:
    with open_store() as store:
        entry = store.start_entry("checkin")
        store.save_answer(entry.id, "win", "text", "A win?", "\x1b[2J[red]alarm[/red]")
        store.finish_entry(entry.id)
    with Terminal("delete", entry.id, home=ketaprep_home) as term:
        screen = term.wait_for(QUESTION)
        assert "· \\x1b[2J[red]alarm[/red]" in screen
        term.send("n")
        term.wait_for("Kept. Nothing was deleted.")
        assert term.wait_exit() == 0
