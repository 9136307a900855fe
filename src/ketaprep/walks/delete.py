"""``ketaprep delete ID``: remove one entry for good, after asking."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ketaprep.ask.first import kept_unless_agreed, need_a_terminal, say
from ketaprep.review.words import entry_label

if TYPE_CHECKING:
    from ketaprep.ask import Asker

NO_TERMINAL = (
    "ketaprep delete asks before it deletes anything, and there is no terminal to ask in. "
    "To delete without being asked, add --yes."
)
QUESTION = "Delete this entry for good? It cannot be brought back."


def run(entry_id: str, *, yes: bool, plain: bool, asker: Asker | None = None) -> int:
    """Delete the entry ``entry_id`` names (its first characters do) once the person
    agrees, or at once with ``yes``. The exit code: 130 after Ctrl-C, else 0."""
    need_a_terminal(NO_TERMINAL, yes=yes, asker=asker)
    from ketaprep.store import open_store  # sqlite: once there is a terminal

    with open_store() as store:
        entry = store.entry(entry_id)
        shown = f"{entry_label(entry)}\nid {entry.id}"
        refused = kept_unless_agreed(shown, QUESTION, yes=yes, plain=plain, asker=asker)
        if refused is not None:
            return refused
        store.delete_entry(entry.id)
    say(
        "Deleted. It is gone from your journal on this computer. "
        "Copies you exported before are not changed."
    )
    return 0
