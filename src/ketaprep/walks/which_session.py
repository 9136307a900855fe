"""Which session a walk is about (prepare, journal): one way for both.

``--session`` and ``--date`` (or the answers file's ``session`` and ``date``) say it, or
a draft about a session is carried on, or the walk asks in its own way (``WhichSession``
holds what differs: the way a typed weekday looks, the days it can take, the question).
A new session is not saved here: the walk saves it (``Chosen.keep``) once the guides
and the answers file have been checked. Numbers and days are asked again with a short
hint until they fit; a number far past the last one is kept only once the person says so.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ketaprep.answers import InvalidAnswer
from ketaprep.ask import Asker, ask_until_valid
from ketaprep.dates import Direction, parse_date, weekday_date
from ketaprep.errors import UsageError
from ketaprep.guides.model import Item
from ketaprep.store import Entry, Session, number_problem
from ketaprep.walks.answers_file import script_date
from ketaprep.walks.run import DraftAbout, Run, Start, offer_draft
from ketaprep.walks.sessions import far_question, is_far, parse_number, too_far_ahead

if TYPE_CHECKING:
    from ketaprep.store import Store

NUMBER = Item(
    id="number",
    type="text",
    prompt="Which session number is this?",
    help="Count every session, also the ones before you used ketaprep.",
    required=True,
)


@dataclass(frozen=True)
class Chosen:
    """The session a walk is about; ``new``: not saved yet (``keep`` saves it, once the
    guides and the answers file have been checked); ``start``: a draft picked up again."""

    session: Session
    new: bool = False
    start: Start | None = None

    def keep(self, store: Store) -> Session:
        """The session, saved now if it is new."""
        if not self.new:
            return self.session
        return store.add_session(self.session.number, self.session.date)


@dataclass(frozen=True)
class WhichSession:
    """How one walk finds its session, where the walks differ."""

    doing: str  # for the draft offer: "getting ready for", "writing about"
    direction: Direction  # which way a typed weekday looks
    fits: Callable[[datetime.date, datetime.date], datetime.date]  # (day, today): a day
    # given by --date or the answers file, or a UsageError saying why this walk cannot take it
    ask_day: Callable[[Run, datetime.date], datetime.date]  # the day of a new numbered session
    otherwise: Callable[[Run, datetime.date], Chosen]  # neither a number nor a day given


def session_or_draft(run: Run, which: WhichSession) -> Chosen:
    """The newest draft about a session (the --session one, if given), offered; if none
    is carried on, the session chosen."""
    start = offer_draft(run, about_session(which.doing, run.options.session))
    if start is not None and start.session is not None:
        return Chosen(start.session, start=start)
    return choose_session(run, which)


def choose_session(run: Run, which: WhichSession) -> Chosen:
    """The session --session and --date (or the answers file's ``session`` and ``date``)
    name, else the walk's own way. A new session's number is confirmed and its day asked
    in a terminal; from a file, the day is today's. Nothing is saved here."""
    today = datetime.date.today()
    number, day = _session_given(run, which, today)
    if number is not None:
        existing = existing_session(run.store, number, day)
        if existing is not None:
            return Chosen(existing)
        if run.interactive:
            number = confirm_new_number(run.asker, run.store, number)
            day = day or which.ask_day(run, today)
        return Chosen(Session(number, day or today, None), new=True)
    if day is not None:
        return session_on(run, day)
    return which.otherwise(run, today)


def session_on(run: Run, day: datetime.date) -> Chosen:
    """The session saved for ``day``, else a new one on it: its number asked in a
    terminal, the next one from a file."""
    same_day = [session for session in run.store.sessions() if session.date == day]
    if same_day:
        return Chosen(same_day[0])
    if run.interactive:
        number = ask_session_number(run.asker, run.store)
    else:
        number = run.store.next_session_number()
    return Chosen(Session(number, day, None), new=True)


def _session_given(
    run: Run, which: WhichSession, today: datetime.date
) -> tuple[int | None, datetime.date | None]:
    """The number and the day given by the options, else by the answers file."""

    script = run.script or {}
    number = run.options.session
    scripted = script.get("session")
    if number is None and isinstance(scripted, int):
        number = scripted
    day = None
    if run.options.date is not None:
        day = parse_date(run.options.date, direction=which.direction, today=today)
    elif script.get("date") is not None:
        day = script_date(script["date"], which.direction)
    return number, None if day is None else which.fits(day, today)


def existing_session(store: Store, number: int, day: datetime.date | None) -> Session | None:
    """Session ``number`` if it is saved; a UsageError if it is saved for another day."""
    existing = store.session(number)
    if existing is not None and day is not None and day != existing.date:
        raise UsageError(
            f"Session {number} is saved for {weekday_date(existing.date)}, not "
            f"{weekday_date(day)}; leave out the date, or choose another session number."
        )
    problem = number_problem(number) if existing is None else None
    if problem:
        raise UsageError(problem)
    return existing


def confirm_new_number(asker: Asker, store: Store, number: int) -> int:
    """A new session's number given as an option, kept if it is near the last one or the
    person says it is right; else the number they type instead."""
    if _far_number_kept(asker, store, number):
        return number
    return ask_session_number(asker, store)


DAY_EXAMPLES = {
    "past": "2026-12-01, yesterday or friday",
    "future": "2026-12-01, tomorrow or friday",
}


def ask_day(
    asker: Asker, prompt: str, direction: Direction, today: datetime.date | None = None
) -> datetime.date:
    """A day typed by the person, asked again with a short hint until it is one;
    ``direction="past"`` also refuses days still to come, ``"future"`` days over a year away."""

    examples = DAY_EXAMPLES[direction]
    # Not required: enter alone is answered with the day's own words below, not with
    # "Please write a few words.", which is what a required text says.
    item = Item("day", "text", prompt, help=f"For example {examples}.")
    today = today or datetime.date.today()
    while True:
        typed = ask_until_valid(item, asker, None)
        try:
            if not str(typed or "").strip():
                raise UsageError(f"Please type the day, like {examples}.")
            day = parse_date(str(typed), direction=direction, today=today)
        except UsageError as error:
            hint = error.message  # short and exact for a day not on the calendar
            if len(hint) > 100:
                hint = (
                    f'"{typed}" is not a day ketaprep understands. '
                    f"Please try again, like {examples}."
                )
        else:
            if direction == "past" and day > today:
                hint = (
                    f"{weekday_date(day)} is still to come. Please type the day it was, like "
                    f"{examples}."
                )
            elif direction == "future" and too_far_ahead(day, today):
                hint = f"{too_far_ahead(day, today)} Please type the day, like {examples}."
            else:
                return day
        asker.problem(item, InvalidAnswer(hint, hint))


def ask_session_number(asker: Asker, store: Store) -> int:
    """A new session's number, offering the next one; numbers taken or out of range are
    asked again, and one far past the last is kept only once the person says so."""
    suggested = str(store.next_session_number())
    while True:
        typed = str(ask_until_valid(NUMBER, asker, suggested))
        number = parse_number(typed)
        existing = None if number is None else store.session(number)
        if number is None:
            hint = "Please type a whole number, like 1 for your first session."
        elif existing is not None:
            hint = (
                f"Session {existing.number} is already saved, for {weekday_date(existing.date)}. "
                "Please choose another number."
            )
        else:
            hint = number_problem(number) or ""
            if not hint:
                if _far_number_kept(asker, store, number):
                    return number
                continue
        asker.problem(NUMBER, InvalidAnswer(hint, hint))


def _far_number_kept(asker: Asker, store: Store, number: int) -> bool:
    """Whether to keep ``number``: yes if it is near the last session, else asked."""
    last = store.last_session_number()
    if not is_far(number, last):
        return True
    sure = Item(id="far-number", type="confirm", prompt=far_question(number, last))
    return ask_until_valid(sure, asker, False) is True


def about_session(doing: str, wanted: int | None) -> DraftAbout:
    """Drafts about a session that is saved (``wanted``, if given): "<doing> session 3
    (Tuesday 1 December 2026)"."""

    def about(draft: Entry, session: Session | None) -> str | None:
        if session is None or wanted not in (None, session.number):
            return None
        return f"{doing} session {session.number} ({weekday_date(session.date)})"

    return about
