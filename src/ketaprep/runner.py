"""What every walk shares: the glue around ``walk()`` for prepare, journal and checkin.

A command module says which kind of entry it keeps and which items it asks; this module
does the rest the same way for all of them: it chooses the asker (terminal, plain or
scripted), reads and checks a whole ``--answers`` file before anything is saved, offers
to resume a draft (never an empty one), saves each answer as it is given, shows the
crisis lines when an answer meets an alert and then pauses (go on, or stop for now),
says one calm line after Ctrl-C, and draws the summary.

    SPEC = WalkSpec(kind="journal", command="journal", doing="write in your journal")
    def run(options, asker=None):
        return run_walk(SPEC, options, lambda run: _journal(run, ...), asker=asker)
"""

from __future__ import annotations

import datetime
import functools
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ketaprep.answers import AnswerValue, InvalidAnswer
from ketaprep.ask import Asker, PlainAsker, TerminalAsker, ask_until_valid, asker_for
from ketaprep.console import get_console, user_text
from ketaprep.errors import KetaprepError, UsageError
from ketaprep.guides.model import Item, Option, Step
from ketaprep.guides.safety import Alert
from ketaprep.sessions import far_question, is_far, parse_number
from ketaprep.store import FEWEST, MOST, number_problem
from ketaprep.walk import alerts_met, answer_problems, labels_seen, walk

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.measure import Measurement
    from rich.text import Text

    from ketaprep.ask.editor import Answering
    from ketaprep.guides.model import Guides
    from ketaprep.guides.safety import Region
    from ketaprep.store import Entry, Session, Store

Direction = Literal["past", "future"]

ALERT_WORDS = "Thank you for saying so. Your answer is saved. Please reach out for support now."
LINES_AGAIN = "All the crisis lines, at any time: ketaprep help-now"
AFTER_ALERT = (
    "Please let your care team know how you are doing today. For help right now: ketaprep help-now"
)
PAUSE = "after-alert"  # the id of the question after the crisis lines: go on, or stop for now
STOP = "stop"
# An empty draft is a walk stopped before its first answer (killed, or a closed window).
# It is never offered; once this old it is deleted too. Younger ones may belong to a
# walk still open in another window, whose first answer is about to be saved into it.
EMPTY_DRAFT_KEPT = datetime.timedelta(days=1)
SESSION_KEYS = ("session", "date")  # an answers file may say which session, besides the items


def choice(id: str, prompt: str, options: Mapping[str, str], *, help: str | None = None) -> Item:
    """A question of the walk's own (not a guide's) that needs one of ``options``
    (each id with its words)."""
    picks = tuple(Option(option, words) for option, words in options.items())
    return Item(id, "choice", prompt, help=help, required=True, options=picks)


_RESUME = choice(
    "resume",
    "What would you like to do?",
    {
        "resume": "Carry on where I stopped",
        "again": "Go through it again from the start, with my answers filled in",
        "discard": "Let those answers go and start fresh",
    },
)
NUMBER = Item(
    id="number",
    type="text",
    prompt="Which session number is this?",
    help="Count every session, also the ones before you used ketaprep.",
    required=True,
)


@dataclass(frozen=True)
class WalkSpec:
    """What makes one command's walk its own, for the shared glue."""

    kind: str  # the kind of entry kept in the store: prepare, journal or checkin
    command: str  # the command's name, shown as "ketaprep <command>"
    doing: str  # what the command does, for "so to <doing> from a file run ..."
    go_on: str = "Go on with the questions"  # the choice to go on after an alert

    @property
    def stopped_for_now(self) -> str:
        """Said when the person stops after an alert, with questions still to come."""
        return (
            "Your answers so far are kept. Look after yourself first. "
            f"When you are ready, run ketaprep {self.command} to finish."
        )

    @property
    def no_terminal(self) -> str:
        return (
            f"There is no terminal here to ask questions in, so to {self.doing} from a file "
            f"run ketaprep {self.command} --answers FILE, where FILE is YAML with each "
            "question id and your answer (like 'mood: 6')."
        )


@dataclass(frozen=True)
class WalkOptions:
    """What a walk command was given; ``session`` and ``date`` only where a walk has one."""

    answers_file: Path | None = None
    plain: bool = False
    guides_dir: Path | None = None
    session: int | None = None  # --session: the session's number
    date: str | None = None  # --date: the session's day, as typed


@dataclass
class Start:
    """Where a walk begins: its entry (new, a draft picked up again, or a finished one
    gone through again); ``answered`` are not asked again, ``defaults`` are offered.
    ``session``: the session it is about, for a walk that has one."""

    entry: Entry
    answered: dict[str, AnswerValue] = field(default_factory=dict)
    defaults: dict[str, AnswerValue] = field(default_factory=dict)
    session: Session | None = None


@dataclass
class Run:
    """One walk in progress: where its answers go, and what to say if it stops."""

    spec: WalkSpec
    options: WalkOptions
    store: Store
    asker: Asker
    guides: Callable[[], Guides]  # loaded on first call, then kept
    script: Mapping[str, object] | None  # the --answers file, or None when a person answers
    entry_id: str | None = None
    stopped_again: str | None = None  # the Ctrl-C line while a finished entry is reopened
    finished: bool = False
    items: tuple[Item, ...] = ()  # every item the walk asks, in order (given to begin())
    answers: dict[str, AnswerValue] = field(default_factory=dict)  # carried over or given
    help_shown: bool = False  # the crisis lines were shown in this walk: not again
    paused: set[str] = field(default_factory=set)  # items whose answer paused the walk
    partials: dict[str, tuple[Item, AnswerValue]] = field(default_factory=dict)  # begun

    @property
    def interactive(self) -> bool:
        return self.script is None

    @property
    def plain(self) -> bool:
        return self.options.plain

    def check_answers(
        self, items: Sequence[Item], *, extra_keys: Iterable[str] = (), problems: Iterable[str] = ()
    ) -> None:
        """Refuse the whole answers file, naming every problem, before anything is saved."""
        if self.script is None or self.options.answers_file is None:
            return
        found = answer_problems(items, self.script, extra_keys=extra_keys) + list(problems)
        if found:
            raise UsageError(
                f"The answers file {self.options.answers_file} cannot be used, so nothing "
                f"was saved: {'; '.join(found)}."
            )

    def fresh(self, step: Step, session: int | None = None) -> Start:
        """A new entry of this walk's kind, for ``step`` (and ``session``)."""
        return Start(self.store.start_entry(self.spec.kind, session, step.id))

    def begin(
        self, start: Start, *, items: Sequence[Item], stopped_again: str | None = None
    ) -> Start:
        """From now on answers are saved to ``start``'s entry. ``items``: all the walk will
        ask, in order, across its ``walk()`` calls (after an alert: is anything left?)."""
        entry = start.entry
        self.entry_id = entry.id
        self.items = tuple(items)
        self.stopped_again = stopped_again
        if isinstance(self.asker, (TerminalAsker, PlainAsker)):
            from ketaprep.ask.editor import Owner

            self.asker.writing_for = Owner(entry.id, entry.kind, entry.session_number)
        return start

    def drafts(self) -> list[Entry]:
        """This walk's unfinished entries to offer, newest first: those with answers.
        Empty ones are left out, and deleted once EMPTY_DRAFT_KEPT old."""
        drafts = self.store.drafts(self.spec.kind)
        oldest_kept = datetime.datetime.now(datetime.timezone.utc) - EMPTY_DRAFT_KEPT
        for draft in drafts:
            if not draft.answers and draft.updated < oldest_kept:
                self.store.discard_entry(draft.id)
        return [draft for draft in drafts if draft.answers]

    def save(self, item: Item, value: AnswerValue) -> None:
        assert self.entry_id is not None, "begin() the entry before walking"
        self.store.save_answer(
            self.entry_id, item.id, item.type, item.prompt, value,
            labels=labels_seen(item, value),
        )  # fmt: skip
        self.answers[item.id] = value
        self.partials.pop(item.id, None)

    def save_partial(self, item: Item, value: AnswerValue) -> None:
        """What is given so far of an answer (None: nothing is left of it)."""
        assert self.entry_id is not None, "begin() the entry before walking"
        if value is None:
            self.store.forget_partial(self.entry_id, item.id)
            self.partials.pop(item.id, None)
            return
        self.partials[item.id] = (item, value)
        self.store.save_answer(
            self.entry_id, item.id, item.type, item.prompt, value,
            labels=labels_seen(item, value), partial=True,
        )  # fmt: skip

    def on_alert(self, item: Item, alert: Alert) -> None:
        """The crisis lines, once per walk; then, with a person there, a pause until they
        choose to go on or to stop for now (StopForNow, unless nothing is left to ask).
        A later alert in the same walk says its own words over a short form of the lines,
        and pauses too, once for each answer. Each one is kept with the entry, after the
        help is on screen: a journal that cannot be written to must not keep the lines
        from the person."""
        assert self.entry_id is not None, "begin() the entry before walking"
        self.asker.show(self.help(alert))
        self.store.record_crisis_shown(self.entry_id, item.id, alert.rule(item))
        if not self.interactive or item.id in self.paused:
            return
        self.paused.add(item.id)
        pause = choice(
            PAUSE,
            "What would you like to do now?",
            {"go-on": self.spec.go_on, STOP: "Stop for now (my answers are kept)"},
            help="Take your time. The lines above are there whenever you need them.",
        )
        if ask_until_valid(pause, self.asker, "go-on") == STOP and self._still_to_ask(item):
            raise StopForNow

    def help(self, alert: Alert) -> RenderableType:
        """The crisis help for an alert: the whole block the first time in a walk, then
        the alert's words over a short form of the lines."""
        first = not self.help_shown
        self.help_shown = True
        return alert_help(self.guides(), alert) if first else again_help(self.guides(), alert)

    def help_after_stop(
        self, entry_id: str, item: Item, value: AnswerValue
    ) -> list[RenderableType]:
        """Crisis help for an answer whose check never ran (a stop came first: Ctrl-C in
        the middle of a list, or the editor's text kept after a kill), recorded with the
        entry if the journal can still be written."""
        found = alerts_met(item, value, self.guides().safety.danger)[:1]
        said = [self.help(alert) for alert in found]
        for alert in found:
            try:
                self.store.record_crisis_shown(entry_id, item.id, alert.rule(item))
            except KetaprepError:
                pass  # the help is still shown
        return said

    def help_for_partials(self) -> list[RenderableType]:
        """``help_after_stop`` for every answer begun but not finished in this walk."""
        if self.entry_id is None:
            return []
        entry_id = self.entry_id
        return [
            shown
            for item, value in self.partials.values()
            for shown in self.help_after_stop(entry_id, item, value)
        ]

    def _still_to_ask(self, item: Item) -> bool:
        ids = [each.id for each in self.items]
        if item.id not in ids:
            return True
        return any(later not in self.answers for later in ids[ids.index(item.id) + 1 :])

    @property
    def alerted(self) -> bool:
        """Whether the crisis lines were shown in this walk, or any answer of it (carried
        over or given) meets a rule: its item's alert, or a danger phrase. The closing
        words then leave out the cheerful lines and put the care team first."""
        phrases = self.guides().safety.danger
        return self.help_shown or any(
            alerts_met(item, self.answers.get(item.id), phrases) for item in self.items
        )

    def walk(
        self,
        items: Sequence[Item],
        *,
        answered: Mapping[str, AnswerValue] | None = None,
        defaults: Mapping[str, AnswerValue] | None = None,
    ) -> dict[str, AnswerValue]:
        """``walk()`` saving to this run's entry, alerts showing the crisis lines."""
        self.answers.update(answered or {})
        return walk(
            items, self.asker, self.save, answered=answered, defaults=defaults,
            on_alert=self.on_alert, phrases=self.guides().safety.danger,
            save_partial=self.save_partial,
        )  # fmt: skip

    def walk_step(
        self,
        step: Step,
        items: Sequence[Item] | None = None,
        *,
        answered: Mapping[str, AnswerValue] | None = None,
        defaults: Mapping[str, AnswerValue] | None = None,
        heading: Callable[[], RenderableType] | None = None,
    ) -> dict[str, AnswerValue]:
        """A step's items (or ``items``: the step's as this walk asks them), its heading
        first (or ``heading()``) when a person is there and any of them is left to ask."""
        items = step.items if items is None else items
        if self.interactive and any(item.id not in (answered or {}) for item in items):
            self.asker.show(step_heading(step) if heading is None else heading())
        return self.walk(items, answered=answered, defaults=defaults)

    def finish(self) -> None:
        assert self.entry_id is not None
        self.store.finish_entry(self.entry_id)
        self.finished = True

    def show(self, text: str) -> None:
        self.asker.show(user_text(text))

    def stopped_line(self) -> str:
        """The one calm line after Ctrl-C: what was kept and how to go on."""
        if self.finished:
            return "Stopped. Everything you answered is saved."
        if self.entry_id is None:
            if self.drafts():
                return "Stopped. Nothing new was saved, and your earlier answers are still kept."
            return "Stopped. Nothing was saved yet, so there is nothing to keep."
        if self.stopped_again is not None:
            return self.stopped_again
        entry = self.store.entry(self.entry_id)
        if not entry.answers:
            self.store.discard_entry(self.entry_id)
            return "Stopped before the first answer, so there was nothing to keep."
        return (
            f"Stopped. {what_is_kept(entry)} Run ketaprep {self.spec.command} to carry on "
            "where you stopped."
        )

    def stopped_for_now_line(self) -> str:
        if self.stopped_again is not None:  # a finished entry gone through again
            return "Your answers are saved as they are now. Look after yourself first."
        return self.spec.stopped_for_now


class StopForNow(Exception):
    """The person chose to stop after an alert; their answers are saved."""


def run_walk(
    spec: WalkSpec, options: WalkOptions, body: Callable[[Run], int], asker: Asker | None = None
) -> int:
    """Set up a walk and run ``body``; its exit code, or 130 after Ctrl-C.

    The answers file is read first (a bad one is refused before the store is opened);
    without one and without a terminal, the no-terminal sentence (exit 2). The guides
    load on first use, so in a terminal the first question can come sooner.
    """
    script = read_answers(options.answers_file) if options.answers_file else None
    if script is None and asker is None and not sys.stdin.isatty():
        raise UsageError(spec.no_terminal)

    @functools.cache
    def guides() -> Guides:
        from ketaprep.guides.load import load_user_guides  # yaml too: only once a guide is read

        return load_user_guides(options.guides_dir)

    if asker is None:
        asker = asker_for(options.plain, script)
    from ketaprep.ask.stopping import exit_code
    from ketaprep.store import open_store

    with open_store() as store:
        run = Run(spec, options, store, asker, guides, script)
        try:
            for shown in keep_left_in_editor(run):
                run.asker.show(shown)
            return body(run)
        except StopForNow:
            run.show("\n" + run.stopped_for_now_line())
            return 0
        except KeyboardInterrupt as stop:  # Ctrl-C; SIGTERM or SIGHUP in the editor
            try:
                kept = keep_left_in_editor(run)
            except KetaprepError:  # the folder stays for the next start; say the calm line
                kept = []
            try:
                kept = run.help_for_partials() + kept
            except KetaprepError:
                pass
            try:
                get_console().print()
                for shown in [*kept, user_text(run.stopped_line())]:
                    get_console().print(shown)
            except OSError:  # the terminal was closed: nobody is there to read it
                pass
            return exit_code(stop)


# --- text left in the editor -------------------------------------------------------

EDITOR_KEPT = "You were writing in your editor when ketaprep stopped; what you wrote is kept."


def keep_left_in_editor(run: Run) -> list[RenderableType]:
    """What the editor's file held when ketaprep stopped (killed, or SIGTERM or SIGHUP
    while the editor was open) becomes that answer in its entry; then the file goes.
    What to show about it: a line, and the crisis lines if a danger phrase is in it (the
    person never got to give the answer, so its check never ran)."""
    from ketaprep.ask.editor import left_behind

    said: list[RenderableType] = []
    for left in left_behind():
        if left.text.strip() and left.answering is not None:
            said += _keep_answer(run, left.answering, left.text)
        left.remove()
    return said


def _keep_answer(run: Run, answering: Answering, text: str) -> list[RenderableType]:
    """Save the text as the answer in its entry (a new draft if that was deleted since)."""
    store, owner = run.store, answering.owner
    try:
        entry = store.entry(owner.entry_id)
    except UsageError:
        session = owner.session_number
        if session is not None and store.session(session) is None:
            session = None
        entry = store.start_entry(owner.kind, session)
    store.save_answer(entry.id, answering.item_id, answering.item_type, answering.question, text)
    elsewhere = (
        f" It is with your unfinished ketaprep {entry.kind}." if entry.kind != run.spec.kind else ""
    )
    said: list[RenderableType] = [user_text(EDITOR_KEPT + elsewhere)]
    typed = Item(id=answering.item_id, type="long_text", prompt=answering.question)
    return said + run.help_after_stop(entry.id, typed, text)


# --- resuming a draft --------------------------------------------------------------


DraftAbout = Callable[["Entry", "Session | None"], "str | None"]


def offer_draft(run: Run, about: DraftAbout) -> Start | None:
    """With a person there, offer the newest draft that ``about`` names: carry on, go
    through it again, or let it go (asked twice). None: no draft, or it was let go.

    ``about(draft, its session)`` finishes "You started ...", like "writing about
    session 3 (...)"; None leaves the draft out. An answer begun but not finished is not
    counted as answered: its question is asked again, starting from what was given."""
    if not run.interactive:
        return None
    for draft in run.drafts():
        number = draft.session_number
        session = run.store.session(number) if number is not None else None
        started = about(draft, session)
        if started is not None:
            return _offer(run, draft, started, session)
    return None


def about_session(doing: str, wanted: int | None) -> DraftAbout:
    """Drafts about a session that is saved (``wanted``, if given): "<doing> session 3
    (Tuesday 1 December 2026)"."""

    def about(draft: Entry, session: Session | None) -> str | None:
        if session is None or wanted not in (None, session.number):
            return None
        return f"{doing} session {session.number} ({day_name(session.date)})"

    return about


def _offer(run: Run, draft: Entry, started: str, session: Session | None) -> Start | None:
    run.show(f"\nYou started {started}. {what_is_kept(draft)}")
    while True:
        choice = ask_until_valid(_RESUME, run.asker, "resume")
        given = {answer.item_id: answer.value for answer in draft.given}
        begun = {answer.item_id: answer.value for answer in draft.started}
        if choice == "resume":
            return Start(draft, answered=given, defaults=begun, session=session)
        if choice == "again":
            return Start(draft, defaults={**given, **begun}, session=session)
        sure = Item(
            id="discard",
            type="confirm",
            prompt="Let go of what you gave for good? It cannot be brought back.",
        )
        if ask_until_valid(sure, run.asker, False) is True:
            run.store.discard_entry(draft.id)
            run.show("Done. Let's start fresh.")
            return None


def what_is_kept(entry: Entry) -> str:
    """``Your 2 answers, and part of a third, are kept.``: a draft's answers, counted
    as they are (an answer begun but not finished is a part, not an answer; a question
    skipped is no answer, though the place it was skipped at is kept)."""
    given = sum(1 for answer in entry.given if answer.value not in (None, "", []))
    begun = len(entry.started)
    if not given:
        if begun > 1:
            return f"Parts of {begun} answers are kept."
        if begun:
            return "Part of your first answer is kept."
        return (
            "Your place is kept: you skipped the questions so far."
            if entry.given
            else ("Nothing is kept.")
        )
    whole = "Your 1 answer" if given == 1 else f"Your {given} answers"
    if not begun:
        return f"{whole} {'is' if given == 1 else 'are'} kept."
    part = f"part of {_next(given)}" if begun == 1 else f"parts of {begun} more"
    return f"{whole}, and {part}, are kept."


def _next(given: int) -> str:
    """The answer after ``given`` of them: ``a third`` after 2."""
    words = ("a second", "a third", "a fourth", "a fifth", "a sixth", "a seventh", "an eighth")
    return words[given - 1] if given <= len(words) else "one more"


# --- which session ------------------------------------------------------------------


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
    from ketaprep.store import Session

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
    from ketaprep.store import Session

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
    from ketaprep.dates import parse_date

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
            f"Session {number} is saved for {day_name(existing.date)}, not "
            f"{day_name(day)}; leave out the date, or choose another session number."
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
    from ketaprep.dates import parse_date

    examples = DAY_EXAMPLES[direction]
    item = Item("day", "text", prompt, help=f"For example {examples}.", required=True)
    today = today or datetime.date.today()
    while True:
        typed = ask_until_valid(item, asker, None)
        try:
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
                    f"{day_name(day)} is still to come. Please type the day it was, like "
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
                f"Session {existing.number} is already saved, for {day_name(existing.date)}. "
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


# --- the answers file --------------------------------------------------------------


def read_answers(path: Path) -> dict[str, object]:
    """An ``--answers`` file as a mapping of item id to answer, or one sentence why not."""
    from ketaprep.guides.files import FileProblem, YamlProblem, load_yaml, read_small_file

    try:
        text = read_small_file(path).decode("utf-8")
    except FileProblem as problem:
        raise UsageError(f"The answers file {path} {problem.reason}.") from None
    except UnicodeDecodeError:
        raise UsageError(
            f"The answers file {path} cannot be read: it is not UTF-8 text; nothing was saved."
        ) from None
    try:
        data = load_yaml(text)
    except YamlProblem as error:
        raise UsageError(f"The answers file {path} {error.reason}; nothing was saved.") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise UsageError(
            f"The answers file {path} must map question ids to answers, like 'mood: 6'; "
            "nothing was saved."
        )
    return {str(key): value for key, value in data.items()}


def session_key_problems(script: Mapping[str, object], direction: Direction) -> list[str]:
    """What is wrong with an answers file's ``session`` and ``date`` keys."""
    problems = []
    session = script.get("session")
    if session is not None and number_problem(session):
        problems.append(f"'session' must be a whole number from {FEWEST} to {MOST}")
    if script.get("date") is not None:
        try:
            script_date(script["date"], direction)
        except UsageError:
            near = "tomorrow" if direction == "future" else "yesterday"
            problems.append(f"'date' must be a date like 2026-12-01, today or {near}")
        else:
            if direction == "future" and too_far_ahead(script_date(script["date"], direction)):
                problems.append("'date' must be a day within a year from today")
    return problems


FURTHEST_AHEAD = datetime.timedelta(days=366)  # a session to get ready for: within a year


def too_far_ahead(day: datetime.date, today: datetime.date | None = None) -> str | None:
    """Why ``day`` is too far ahead for a session to get ready for (a typo, like 9999
    for 2026), as a sentence; None when it is near enough."""
    today = today or datetime.date.today()
    if day - today <= FURTHEST_AHEAD:
        return None
    return f"{day_name(day)} is more than a year away."


def script_date(value: object, direction: Direction) -> datetime.date:
    """An answers file's ``date``: a YAML date, or text such as ``tomorrow``."""
    from ketaprep.dates import parse_date

    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        return parse_date(value, direction=direction)
    raise UsageError("not a date")


# --- what the person sees ----------------------------------------------------------


def day_name(day: datetime.date, *, year: bool = True) -> str:
    """``Tuesday 1 December 2026``."""
    text = f"{day:%A} {day.day} {day:%B}"
    return f"{text} {day.year}" if year else text


def answers_given(items: Sequence[Item], answers: Mapping[str, AnswerValue]) -> str:
    """``3 answers``: the items answered, leaving out the ones skipped."""
    count = sum(1 for item in items if answers.get(item.id) not in (None, "", []))
    return "1 answer" if count == 1 else f"{count} answers"


def step_heading(step: Step) -> RenderableType:
    from rich.console import Group

    return Group(user_text(""), user_text(step.title, style="bold"), user_text(step.summary))


def bullets(texts: Sequence[str], bullet: str = "-") -> RenderableType:
    """One line per text, wrapped lines indented under the text, not under the bullet
    (no bullet: an indented block, which a screen reader reads as plain sentences)."""
    return _Bullets(texts, bullet)


@dataclass(frozen=True)
class _Bullets:
    """A list drawn line by line (a table grid would pad every line with spaces)."""

    texts: Sequence[str]
    bullet: str

    @property
    def _first(self) -> str:
        return f"  {self.bullet} " if self.bullet else "  "

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """As wide as the longest line, so a panel around a list (the card) fits it."""
        from rich.measure import Measurement

        texts = [user_text(text) for text in self.texts]
        widest_word = max((Measurement.get(console, options, t).minimum for t in texts), default=0)
        widest = max((t.cell_len for t in texts), default=0)
        return Measurement(len(self._first) + widest_word, len(self._first) + widest)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        from rich.text import Text

        first = self._first
        indent = " " * len(first)
        for text in self.texts:
            lines = user_text(text).wrap(console, max(options.max_width - len(first), 1))
            for index, line in enumerate(lines):
                line.rstrip()
                yield Text.assemble(indent if index else first, line)


def summary(
    headline: str,
    sections: Sequence[tuple[str, Sequence[str]]],
    next_steps: Sequence[str],
    *,
    store_path: Path,
    after_alert: bool = False,
) -> RenderableType:
    """What was saved (bold), any sections with lines, where it is kept, the next steps
    (``after_alert``: the care team first)."""
    from rich.console import Group

    lines: list[RenderableType] = [user_text(""), user_text(headline, style="bold")]
    for title, texts in sections:
        if texts:
            lines.append(user_text(title))
            lines.append(bullets(texts))
    kept = user_text(f"Kept privately on this computer in {store_path}.")
    kept.overflow = "ignore"  # a path longer than the screen stays whole, to copy
    lines.append(kept)
    lines += [user_text(step) for step in ([AFTER_ALERT] if after_alert else []) + list(next_steps)]
    return Group(*lines)


def again_help(guides: Guides, alert: Alert) -> RenderableType:
    """A later alert in one walk: its words, then each region's first line (or the
    person's region's), and where all the lines are."""
    from rich.console import Group

    from ketaprep.views import region_digest

    regions = _regions(guides) or guides.safety.regions
    return Group(
        user_text(""),
        user_text(alert.message or ALERT_WORDS, style="bold"),
        *(region_digest(region) for region in regions),
        user_text(LINES_AGAIN),
    )


def _regions(guides: Guides) -> tuple[Region, ...] | None:
    """The person's region from their settings, or None (none set, or a broken settings
    file: that must not hide the crisis lines)."""
    try:
        from ketaprep.config import load_config

        region = load_config().region
        return (guides.safety.region(region),) if region else None
    except KetaprepError:
        return None


def alert_help(guides: Guides, alert: Alert) -> RenderableType:
    """The guide's words (or ours), then the crisis block help-now shows, made to fit
    above the pause's question: the danger line, the person's own plan in brief, the
    crisis lines for their region (one line for each region if none is set), the care
    team."""
    from rich.console import Group

    from ketaprep.plan_brief import read_brief
    from ketaprep.views import PAUSE, crisis_screen

    words = alert.message or ALERT_WORDS
    top, rest = crisis_screen(guides.safety, _regions(guides), read_brief(), PAUSE, ending=False)
    return Group(user_text(""), user_text(words, style="bold"), top, rest)
