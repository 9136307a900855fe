"""``ketaprep card``: the card from ``prepare`` again, to read in the waiting room.

Nothing is asked and nothing is written. The card is made as prepare made it (see
guides.card) from what was kept for the session: by default the next session got ready
for, else the latest one.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ketaprep.console import user_text
from ketaprep.dates import weekday_date
from ketaprep.errors import UsageError
from ketaprep.guides.card import card_for
from ketaprep.review.words import guides_to_show
from ketaprep.walks.screens import card_screen

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ketaprep.store import Entry, Session, Store

NO_CARD_YET = "There is no card yet. It is made when you get ready for a session: ketaprep prepare"


def show_card(
    number: int | None,
    *,
    plain: bool,
    guides_dir: Path | None = None,
    today: datetime.date | None = None,
) -> RenderableType:
    """The card of session ``number``, or of the next (else the latest) session got ready for."""
    from rich.console import Group

    from ketaprep.store import open_store

    with open_store(reading=True) as store:
        found = _chosen(store, number, today or datetime.date.today())
    if found is None:
        return user_text(NO_CARD_YET)
    session, entry = found
    guides = guides_to_show(guides_dir)
    answers = {answer.item_id: answer.value for answer in entry.answers}
    embracing = guides.step("3") if guides is not None else None
    card = card_for(answers, embracing, after_alert=bool(entry.crisis_shown))
    shown = card_screen(
        f"Session {session.number}, {weekday_date(session.date)}", card, plain=plain
    )
    if not entry.is_draft:
        return shown
    unfinished = (
        f"You have not finished getting ready for session {session.number}. "
        f"To carry on: ketaprep prepare --session {session.number}"
    )
    return Group(shown, user_text(unfinished))


def _chosen(store: Store, number: int | None, today: datetime.date) -> tuple[Session, Entry] | None:
    if number is not None:
        session = store.session(number)
        if session is None:
            raise UsageError(f"There is no session {number} in your journal.")
        entry = store.kept_for("prepare", number)
        if entry is None:
            raise UsageError(
                f"Session {number} has no card yet: you have not got ready for it with "
                f"ketaprep. To make one: ketaprep prepare --session {number}"
            )
        return session, entry
    got_ready = [
        (session, entry)
        for session in store.sessions()
        if (entry := store.kept_for("prepare", session.number)) is not None
    ]
    upcoming = [pair for pair in got_ready if pair[0].date >= today]
    if upcoming:
        return min(upcoming, key=lambda pair: (pair[0].date, pair[0].number))
    if got_ready:
        return max(got_ready, key=lambda pair: (pair[0].date, pair[0].number))
    return None
