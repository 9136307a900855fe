"""Session numbers as a person types them, and the session commands (list, change, delete).

The range a new session's number must be in (1 to ``MOST``) is the store's rule
(``ketaprep.store.records.number_problem``), checked wherever a number enters. A number
more than ``FAR_JUMP`` past the last session in range (``99`` after ``2``) is asked
about in a terminal first. A session to get ready for is within a year from today.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from ketaprep.ask.first import agreed, kept_unless_agreed, need_a_terminal, say, stopped
from ketaprep.dates import parse_date, weekday_date
from ketaprep.errors import UsageError
from ketaprep.store import Session, number_problem, still_has_entries
from ketaprep.vocab import Kind, plural

if TYPE_CHECKING:
    from ketaprep.ask import Asker
    from ketaprep.store import Store

FAR_JUMP = 20  # more sessions than this between the last one and a new one: ask first


def parse_number(typed: str) -> int | None:
    """A number typed at a prompt (ASCII digits only), or None. Long ones are read too, to
    be refused by ``number_problem``, up to a length that stays quick to read."""
    typed = typed.strip()
    if not typed.isascii() or not typed.isdigit() or len(typed) > 30:
        return None
    return int(typed)


def is_far(number: int, last: int) -> bool:
    """Whether ``number`` is a long way past ``last`` (0: no session yet)."""
    return number - last > FAR_JUMP


def far_question(number: int, last: int) -> str:
    """The question asked before keeping a far number."""
    if last == 0:
        return f"You have no sessions saved yet. Is {number} the right number for this one?"
    return (
        f"Session {number} is {number - last} after your last one, session {last}. "
        f"Is {number} right?"
    )


FURTHEST_AHEAD = datetime.timedelta(days=366)  # a session to get ready for: within a year


def too_far_ahead(day: datetime.date, today: datetime.date | None = None) -> str | None:
    """Why ``day`` is too far ahead for a session to get ready for (a typo, like 9999
    for 2026), as a sentence; None when it is near enough."""
    today = today or datetime.date.today()
    if day - today <= FURTHEST_AHEAD:
        return None
    return f"{weekday_date(day)} is more than a year away."


# --- ketaprep session list / change / delete -------------------------------------------

CHANGE_NO_TERMINAL = (
    "ketaprep session change asks before it changes anything, and there is no terminal to "
    "ask in. To change it without being asked, add --yes."
)
DELETE_NO_TERMINAL = (
    "ketaprep session delete asks before it deletes anything, and there is no terminal to "
    "ask in. To delete it without being asked, add --yes."
)


def list_lines() -> list[str]:
    """Every session, newest day first: its number, its day and what belongs to it."""
    from ketaprep.store import open_store  # sqlite: loaded when a command opens it

    with open_store(reading=True) as store:
        sessions = store.sessions()
        kinds = store.session_kinds()
        counts = {
            s.number: _what_is_written(kinds.get(s.number, {}), store.session_entry_count(s.number))
            for s in sessions
        }
    if not sessions:
        return ["No sessions are saved yet. ketaprep prepare or ketaprep journal adds one."]
    width = max(7, *(len(str(session.number)) for session in sessions))
    lines = [f"{'Session':>{width}}  {'Day':<27}  Entries"]
    for session in sessions:
        day = weekday_date(session.date)
        lines.append(f"{session.number:>{width}}  {day:<27}  {counts[session.number]}")
    lines += ["", "To change one: ketaprep session change N --number NEW --date DAY"]
    return lines


def change(
    number: int,
    *,
    new_number: int | None,
    new_date: str | None,
    yes: bool,
    plain: bool,
    asker: Asker | None = None,
) -> int:
    """Give session ``number`` another number and/or day, after showing the change and
    asking (``yes``: at once). Its entries go with it. The exit code (130 after Ctrl-C)."""
    from ketaprep.store import open_store

    if new_number is None and new_date is None:
        raise UsageError(
            "Please say what to change: a new number, a new day or both, like "
            "ketaprep session change 3 --number 4 --date 2026-12-01."
        )
    day = None if new_date is None else session_day(new_date)
    problem = None if new_number is None else number_problem(new_number)
    if problem:
        raise UsageError(problem)
    with open_store() as store:
        session = _the_session(store, number)
        number_to = session.number if new_number is None else new_number
        day_to = day or session.date
        if (number_to, day_to) == (session.number, session.date):
            on = weekday_date(session.date)
            say(f"Session {session.number} is already on {on}. Nothing changed.")
            return 0
        taken = store.session(number_to) if number_to != session.number else None
        if taken is not None:
            raise UsageError(
                f"Session {number_to} is already in your journal "
                f"(on {weekday_date(taken.date)}), so "
                f"session {session.number} was not changed. Please choose a number not taken "
                "(ketaprep session list shows them)."
            )
        if not yes:
            need_a_terminal(CHANGE_NO_TERMINAL, yes=yes, asker=asker)
            count = store.session_entry_count(session.number)
            shown = _the_change(session, number_to, day_to, count)
            try:
                sure = agreed(shown, "Change it?", plain=plain, asker=asker)
            except KeyboardInterrupt:
                return stopped("Stopped. Nothing was changed.")
            if not sure:
                say("Kept as it was. Nothing was changed.")
                return 0
        changed = store.change_session(session.number, new_number=new_number, new_date=day)
    say(f"Changed. It is now session {changed.number}, {weekday_date(changed.date)}.")
    return 0


def _the_change(session: Session, number: int, day: datetime.date, count: int) -> str:
    """``Session 3, <day>`` / ``becomes session 4, <day>.``, and what goes with it."""
    moving = {0: "", 1: " Its entry goes with it."}.get(count, f" Its {count} entries go with it.")
    if number == session.number:
        moving = ""  # the entries stay where they are
    return (
        f"Session {session.number}, {weekday_date(session.date)}\n"
        f"becomes session {number}, {weekday_date(day)}.{moving}"
    )


def delete(number: int, *, yes: bool, plain: bool, asker: Asker | None = None) -> int:
    """Delete session ``number`` if no entry belongs to it, after asking (``yes``: at
    once). The exit code (130 after Ctrl-C)."""
    from ketaprep.store import open_store

    with open_store() as store:
        session = _the_session(store, number)
        count = store.session_entry_count(session.number)
        if count:
            raise UsageError(still_has_entries(session.number, count))
        need_a_terminal(DELETE_NO_TERMINAL, yes=yes, asker=asker)
        shown = (
            f"Session {session.number}, {weekday_date(session.date)}. Nothing is written for it."
        )
        refused = kept_unless_agreed(
            shown, "Delete this session?", yes=yes, plain=plain, asker=asker
        )
        if refused is not None:
            return refused
        store.delete_session(session.number)
    say(f"Deleted session {session.number}.")
    return 0


def session_day(text: str) -> datetime.date:
    """A session's new day: a date, or a word for a day that cannot be read two ways."""
    before = parse_date(text, direction="past")
    after = parse_date(text, direction="future")
    if before != after:
        raise UsageError(
            f'"{text.strip()}" could be {weekday_date(before)} or {weekday_date(after)}. '
            "Please say "
            f"last {text.strip()} or next {text.strip()}, or give a date like 2026-12-01."
        )
    return before


def _the_session(store: Store, number: int) -> Session:
    session = store.session(number)
    if session is None:
        raise UsageError(
            f"There is no session {number} in your journal. "
            "ketaprep session list shows the sessions there are."
        )
    return session


def _what_is_written(finished: dict[Kind, int], count: int) -> str:
    """``prepare 1, journal 2, 1 draft``: finished entries by kind, then drafts."""
    if not count:
        return "none"
    kinds: tuple[Kind, ...] = ("prepare", "journal", "checkin")
    parts = [f"{kind} {finished[kind]}" for kind in kinds if finished.get(kind)]
    drafts = count - sum(finished.values())
    if drafts:
        parts.append(plural(drafts, "draft"))
    return ", ".join(parts)
