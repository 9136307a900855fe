"""One walk in progress (``Run``): what every walk shares, the same way for all of them.

A walk module (prepare, journal, checkin, plan) says which kind of entry it keeps and
which items it asks; ``Run`` does the rest: it checks a whole ``--answers`` file before
anything is saved, offers to carry on a draft (never an empty one), saves each answer as
it is given (and each part of one), shows the crisis lines when an answer meets an alert
and then pauses (go on, or stop for now), and knows the one calm line to say after
Ctrl-C. ``walks.command.run_walk`` sets a Run up and ends it.

    SPEC = WalkSpec(kind="journal", command="journal", doing="write in your journal")
    def run(options, asker=None):
        return run_walk(SPEC, options, _journal, asker=asker)
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ketaprep.answers import AnswerValue
from ketaprep.ask import Asker, PlainAsker, TerminalAsker, ask_until_valid
from ketaprep.ask.base import GoBack
from ketaprep.ask.editor import Owner
from ketaprep.console import user_text
from ketaprep.errors import KetaprepError, UsageError
from ketaprep.guides.model import Guides, Item, Step
from ketaprep.guides.safety import Alert
from ketaprep.vocab import Kind, plural
from ketaprep.walks.engine import alerts_met, answer_problems, choice, labels_seen, walk
from ketaprep.walks.screens import STOP, again_help, alert_help, pause_question, step_heading

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ketaprep.store import Entry, Session, Store

RenderableFn = Callable[[], "RenderableType"]
# An empty draft is a walk stopped before its first answer (killed, or a closed window).
# It is never offered; once this old it is deleted too. Younger ones may belong to a
# walk still open in another window, whose first answer is about to be saved into it.
EMPTY_DRAFT_KEPT = datetime.timedelta(days=1)

_RESUME = choice(
    "resume",
    "What would you like to do?",
    {
        "resume": "Carry on where I stopped",
        "again": "Go through it again from the start, with my answers filled in",
        "discard": "Let those answers go and start fresh",
    },
)


@dataclass(frozen=True)
class WalkSpec:
    """What makes one command's walk its own, for the shared glue."""

    kind: Kind  # the kind of entry kept in the store
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
    walked: tuple[Item, ...] = ()  # the items of its walk() calls so far: going back reaches them
    answers: dict[str, AnswerValue] = field(default_factory=dict)  # carried over or given
    help_shown: bool = False  # the crisis lines were shown in this walk: not again
    paused: set[str] = field(default_factory=set)  # items whose answer paused the walk
    partials: dict[str, tuple[Item, AnswerValue]] = field(default_factory=dict)  # begun
    openings: dict[str, Callable[[], None]] = field(default_factory=dict)  # see walk()

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
        from the person. Once per rule and question in an entry: an answer changed to
        another that meets the same rule (mood 1, then 0) is the same help, kept once.
        Going back from the pause (GoBack) asks that question again, and pauses again."""
        assert self.entry_id is not None, "begin() the entry before walking"
        self.asker.show(self.help(alert))
        self._keep_shown(self.entry_id, item, alert)
        if not self.interactive or item.id in self.paused:
            return
        self.paused.add(item.id)
        try:
            chosen = ask_until_valid(
                pause_question(self.spec.go_on), self.asker, "go-on", back=True
            )
        except GoBack:
            self.paused.discard(item.id)
            raise
        if chosen == STOP and self._still_to_ask(item):
            raise StopForNow

    def _keep_shown(self, entry_id: str, item: Item, alert: Alert) -> None:
        """Keep with the entry that the help for ``alert`` was shown after ``item``,
        unless it is kept already."""
        rule = alert.rule(item)
        kept = self.store.entry(entry_id).crisis_shown
        if not any((shown.item_id, shown.rule) == (item.id, rule) for shown in kept):
            self.store.record_crisis_shown(entry_id, item.id, rule)

    def help(self, alert: Alert) -> RenderableType:
        """The crisis help for an alert: the whole block the first time in a walk, then
        the alert's words over a short form of the lines."""
        first = not self.help_shown
        self.help_shown = True
        shown = alert_help if first else again_help
        return shown(self.guides(), alert, go_on=self.spec.go_on, fit=not self.plain)

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
                self._keep_shown(entry_id, item, alert)
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
        opening: RenderableFn | None = None,
    ) -> dict[str, AnswerValue]:
        """``walk()`` saving to this run's entry, alerts showing the crisis lines; going
        back from its first question goes on into the items walked before in this run.
        ``opening()``: what is shown before these items (a heading, a card), shown again
        when the walk comes forward to them after going back past them."""
        self.answers.update(answered or {})
        if opening is not None and items:
            self.openings[items[0].id] = lambda: self.asker.show(opening())
        answers = walk(
            items, self.asker, self.save, answered=answered, defaults=defaults,
            on_alert=self.on_alert, phrases=self.guides().safety.danger,
            save_partial=self.save_partial, before=self.walked, openings=self.openings,
        )  # fmt: skip
        self.walked = (*self.walked, *items)
        return answers

    def walk_step(
        self,
        step: Step,
        items: Sequence[Item] | None = None,
        *,
        answered: Mapping[str, AnswerValue] | None = None,
        defaults: Mapping[str, AnswerValue] | None = None,
        heading: RenderableFn | None = None,
    ) -> dict[str, AnswerValue]:
        """A step's items (or ``items``: the step's as this walk asks them), its heading
        first (or ``heading()``) when a person is there and any of them is left to ask,
        and again when going back went past it."""
        items = step.items if items is None else items
        shown = heading or (lambda: step_heading(step))
        if self.interactive and any(item.id not in (answered or {}) for item in items):
            self.asker.show(shown())
        return self.walk(items, answered=answered, defaults=defaults, opening=shown)

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
    skipped is no answer, though the place it was skipped at is kept, and so is one
    emptied on the way back: nothing ticked is no part)."""
    given = sum(1 for answer in entry.given if answer.value not in (None, "", []))
    begun = sum(1 for answer in entry.started if answer.value not in (None, "", []))
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
    whole = f"Your {plural(given, 'answer')}"
    if not begun:
        return f"{whole} {'is' if given == 1 else 'are'} kept."
    part = f"part of {_next(given)}" if begun == 1 else f"parts of {begun} more"
    return f"{whole}, and {part}, are kept."


def _next(given: int) -> str:
    """The answer after ``given`` of them: ``a third`` after 2."""
    words = ("a second", "a third", "a fourth", "a fifth", "a sixth", "a seventh", "an eighth")
    return words[given - 1] if given <= len(words) else "one more"


def going_through_again(run: Run, start: Start, did: str) -> str | None:
    """A finished entry about a session, gone through again (not a draft): that is said,
    and the line for a stop on the way is given. ``did``: "got ready for", "wrote about"."""
    if start.entry.is_draft or start.session is None:
        return None
    number = start.session.number
    if run.interactive:
        run.show(
            f"\nYou {did} session {number} before. Your answers are filled in: keep each "
            "one, or change it."
        )
    return (
        f"Stopped. Your answers for session {number} are saved as they are now. "
        f"To go through them again: ketaprep {run.spec.command} --session {number}"
    )
