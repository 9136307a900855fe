"""``ketaprep delete ID``: remove one entry for good, after asking."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ketaprep.console import get_console, user_text
from ketaprep.errors import UsageError

if TYPE_CHECKING:
    from ketaprep.ask import Asker

NO_TERMINAL = (
    "ketaprep delete asks before it deletes anything, and there is no terminal to ask in. "
    "To delete without being asked, add --yes."
)


def run(entry_id: str, *, yes: bool, plain: bool, asker: Asker | None = None) -> int:
    """Delete the entry ``entry_id`` names (its first characters do) once the person
    agrees, or at once with ``yes``. The exit code: 130 after Ctrl-C, else 0."""
    if not yes and asker is None and not sys.stdin.isatty():
        raise UsageError(NO_TERMINAL)
    from ketaprep.review_views import entry_label
    from ketaprep.store import open_store

    with open_store() as store:
        entry = store.entry(entry_id)
        if not yes:
            from ketaprep.ask import PlainAsker, TerminalAsker
            from ketaprep.guide_model import Item
            from ketaprep.walk import ask_until_valid

            asker = asker or (PlainAsker() if plain else TerminalAsker())
            asker.show(user_text(f"{entry_label(entry)}\nid {entry.id}"))
            sure = Item(
                id="delete",
                type="confirm",
                prompt="Delete this entry for good? It cannot be brought back.",
            )
            try:
                sure_of_it = ask_until_valid(sure, asker, False) is True
            except KeyboardInterrupt:
                get_console().print()
                get_console().print(user_text("Stopped. Nothing was deleted."))
                return 130
            if not sure_of_it:
                asker.show(user_text("Kept. Nothing was deleted."))
                return 0
        store.delete_entry(entry.id)
    get_console().print(
        user_text(
            "Deleted. It is gone from your journal on this computer. "
            "Copies you exported before are not changed."
        )
    )
    return 0
