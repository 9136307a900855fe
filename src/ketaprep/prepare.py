"""``ketaprep prepare``: the glue around the walk for getting ready for a session.

Which session, the offer to resume a draft, the walk through step 2 and the clinic
questions, the card from step 3, the breathing offer, and the summary. The questions
themselves come from the guides; the engine in walk.py asks and saves them.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ketaprep import vocab
from ketaprep.answers import AnswerValue
from ketaprep.ask import Asker, ask_until_valid
from ketaprep.console import user_text, visible
from ketaprep.errors import KetaprepError, UsageError
from ketaprep.guides.model import Item, Option, Step
from ketaprep.runner import (
    SESSION_KEYS,
    Run,
    WalkOptions,
    WalkSpec,
    answers_given,
    ask_day,
    ask_session_number,
    bullets,
    confirm_new_number,
    day_name,
    existing_session,
    offer_resume,
    run_walk,
    script_date,
    session_key_problems,
    step_heading,
    too_far_ahead,
)
from ketaprep.runner import summary as saved_summary

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ketaprep.guides.model import Guides
    from ketaprep.store import Entry, Session, Store

SPEC = WalkSpec(kind="prepare", command="prepare", doing="prepare", go_on="Go on getting ready")
KIND = SPEC.kind
NO_TERMINAL = SPEC.no_terminal

_SESSION = Item(
    id="session",
    type="choice",
    prompt="Which session are you getting ready for?",
    required=True,
)
_DAY = Item(
    id="day",
    type="text",
    prompt="Which day is it?",
    help="For example 2026-12-01, tomorrow or friday.",
    required=True,
)
_READ_STEP_1 = Item(
    id="read-step-1",
    type="confirm",
    prompt="Would you like to read step 1, about ketamine's role, first?",
    default=True,
)
_GO_ON = Item(
    id="go-on",
    type="confirm",
    prompt="Shall we start getting ready for your session?",
    default=True,
)


@dataclass(frozen=True)
class PrepareOptions:
    session: int | None = None
    date: str | None = None
    answers_file: Path | None = None
    plain: bool = False
    guides_dir: Path | None = None


@dataclass
class _Start:
    """Where the walk begins: the entry, the answers it keeps, the answers it offers."""

    entry: Entry
    session: Session
    answered: dict[str, AnswerValue] = field(default_factory=dict)
    defaults: dict[str, AnswerValue] = field(default_factory=dict)
    reopened: bool = False


@dataclass(frozen=True)
class _Plan:
    preparing: Step
    questions: Step | None  # the FAQ's "questions for your clinic"
    embracing: Step | None

    @property
    def items(self) -> list[Item]:
        return [item for step in self.steps for item in step.items]

    @property
    def steps(self) -> list[Step]:
        return [step for step in (self.preparing, self.questions, self.embracing) if step]


def run(options: PrepareOptions, asker: Asker | None = None) -> int:
    """Walk a person through getting ready; the exit code (130 after Ctrl-C).

    In a terminal the guides are loaded only once the session is chosen, so the first
    question is on screen sooner; nothing is saved until they have loaded.
    """
    walk_options = WalkOptions(options.answers_file, options.plain, options.guides_dir)
    return run_walk(SPEC, walk_options, lambda run: _prepare(run, options), asker=asker)


def _prepare(run: Run, options: PrepareOptions) -> int:
    store, asker, script = run.store, run.asker, run.script
    if script is not None:
        plan = _plan(run.guides())
        run.check_answers(
            plan.items, extra_keys=SESSION_KEYS, problems=session_key_problems(script, "future")
        )
    if run.interactive and not _offer_step_one(run):
        return 0
    start = _offer_resume(run, options.session) if run.interactive else None
    session, new = (
        (start.session, False) if start else _choose_session(store, asker, options, script)
    )
    plan = _plan(run.guides())
    if new:
        session = store.add_session(session.number, session.date)
    if start is None:
        start = _start_for(store, session, plan)
        if start.reopened and run.interactive:
            run.show(
                f"\nYou got ready for session {session.number} before. Your answers are "
                "filled in: keep each one, or change it."
            )
    number = start.session.number
    run.begin(
        start.entry,
        items=plan.items,
        stopped_again=(
            f"Stopped. Your answers for session {number} are saved as they are now. To go "
            f"through them again: ketaprep prepare --session {number}"
        )
        if start.reopened
        else None,
    )

    answers = dict(start.answered)
    for step in (plan.preparing, plan.questions):
        if step is None:
            continue
        if run.interactive and any(item.id not in answers for item in step.items):
            asker.show(step_heading(step))
        answers = run.walk(step.items, answered=answers, defaults=start.defaults)
    asker.show(
        card(start.session, answers, plan.embracing, plain=options.plain, after_alert=run.alerted)
    )
    if plan.embracing is not None:
        answers = run.walk(plan.embracing.items, answered=answers, defaults=start.defaults)
    run.finish()
    if answers.get(vocab.BREATHE) is True:
        if run.interactive:
            from ketaprep.breathe import practice

            practice()
        else:
            run.show("You can breathe along any time with: ketaprep breathe")
    asker.show(
        summary(start.session, answers, plan, store_path=store.path, after_alert=run.alerted)
    )
    return 0


# --- before the walk ---------------------------------------------------------------


def _offer_step_one(run: Run) -> bool:
    """Before the very first prepare: an offer to read step 1. False: not now.

    (What ketaprep is and is not was shown by the first command ever run.)
    """
    store, asker, guides, plain = run.store, run.asker, run.guides, run.plain
    if store.entries(kind=KIND, limit=1) or run.drafts():
        return True
    if ask_until_valid(_READ_STEP_1, asker, _READ_STEP_1.default) is not True:
        return True
    from ketaprep.views import step_page

    step = guides().step("1")
    asker.show(user_text(f"{step.title}\n\n{step.body}") if plain else step_page(step))
    if ask_until_valid(_GO_ON, asker, True) is True:
        return True
    asker.show(user_text("That is fine. Come back whenever you are ready: ketaprep prepare"))
    return False


def _offer_resume(run: Run, wanted: int | None) -> _Start | None:
    """Offer the newest unfinished prepare: carry on, go through it again, or let it go."""
    drafts = [draft for draft in run.drafts() if wanted in (None, draft.session_number)]
    if not drafts:
        return None
    draft = drafts[0]
    session = run.store.session(draft.session_number) if draft.session_number else None
    if session is None:
        return None
    resume = offer_resume(
        run, draft, f"getting ready for session {session.number} ({day_name(session.date)})"
    )
    if resume is None:
        return None
    return _Start(draft, session, answered=resume.answered, defaults=resume.defaults)


def _choose_session(
    store: Store, asker: Asker, options: PrepareOptions, script: Mapping[str, object] | None
) -> tuple[Session, bool]:
    """The session from --session/--date or the answers file, else asked; True if new
    (the caller adds it once the guides have loaded)."""
    from ketaprep.dates import parse_date
    from ketaprep.store import Session

    today = datetime.date.today()
    number = options.session
    scripted_number = script.get("session") if script is not None else None
    if number is None and isinstance(scripted_number, int):
        number = scripted_number
    day: datetime.date | None = None
    if options.date is not None:
        day = parse_date(options.date, direction="future")
        far = too_far_ahead(day, today)
        if far:
            raise UsageError(f"{far} Please give the day of the session you are getting ready for.")
    elif script is not None and script.get("date") is not None:
        day = script_date(script["date"], "future")

    if number is not None:
        existing = existing_session(store, number, day)
        if existing is not None:
            return existing, False
        if script is None:
            number = confirm_new_number(asker, store, number)
        if day is None and script is None:
            asked = _ask_day(asker, today, store, offer=False)
            day = asked if isinstance(asked, datetime.date) else today
        return Session(number, day or today, None), True

    if day is None and script is not None:
        day = today
    if day is not None:
        same_day = [session for session in store.sessions() if session.date == day]
        if same_day:
            return same_day[0], False
        number = (
            store.next_session_number() if script is not None else ask_session_number(asker, store)
        )
        return Session(number, day, None), True

    picked = _ask_day(asker, today, store, offer=True)
    if isinstance(picked, int):
        found = store.session(picked)
        if found is not None:
            return found, False
    assert isinstance(picked, datetime.date)
    return Session(ask_session_number(asker, store), picked, None), True


def _ask_day(
    asker: Asker, today: datetime.date, store: Store, *, offer: bool
) -> int | datetime.date:
    """A day (today, tomorrow or typed); with ``offer``, upcoming sessions come first
    and picking one gives its number instead."""
    tomorrow = today + datetime.timedelta(days=1)
    upcoming = (
        sorted(
            (session for session in store.sessions() if session.date >= today),
            key=lambda session: (session.date, session.number),
        )[:3]
        if offer
        else []
    )
    taken = {session.date for session in upcoming}
    options = [
        Option(f"session-{s.number}", f"Session {s.number}, {day_name(s.date, year=False)}")
        for s in upcoming
    ]
    if today not in taken:
        options.append(Option("today", f"Today, {day_name(today, year=False)}"))
    if tomorrow not in taken:
        options.append(Option("tomorrow", f"Tomorrow, {day_name(tomorrow, year=False)}"))
    options.append(Option("other", "Another day"))
    question = Item(id=_SESSION.id, type="choice", prompt=_SESSION.prompt, options=tuple(options))
    choice = ask_until_valid(question, asker, options[0].id)
    if isinstance(choice, str) and choice.startswith("session-"):
        return int(choice.removeprefix("session-"))
    if choice == "today":
        return today
    if choice == "tomorrow":
        return tomorrow
    return ask_day(asker, _DAY, "future", examples="2026-12-01, tomorrow or friday", today=today)


def _start_for(store: Store, session: Session, plan: _Plan) -> _Start:
    """The draft for this session, else its finished entry to go through again, else new."""
    drafts = [draft for draft in store.drafts(KIND) if draft.session_number == session.number]
    earlier = drafts or store.entries(kind=KIND, session_number=session.number, limit=1)
    if earlier:
        entry = earlier[0]
        saved = {answer.item_id: answer.value for answer in entry.answers}
        return _Start(entry, session, defaults=saved, reopened=not entry.is_draft)
    return _Start(store.start_entry(KIND, session.number, plan.preparing.id), session)


# --- what the person sees ----------------------------------------------------------


CARD_AFTER_ALERT = (
    "Before this session, please call your clinic and tell them how you are.",
    "For help right now: ketaprep help-now",
)


def card(
    session: Session,
    answers: Mapping[str, AnswerValue],
    embracing: Step | None,
    *,
    plain: bool,
    after_alert: bool = False,
) -> RenderableType:
    """The card to read before the session: the intentions, then step 3's reminders
    that fit the answers (such as where the session happens).

    After the crisis lines were shown, help comes first on the card and step 3's
    reminders ("Let it come") are left out; the person's own words stay on it."""
    from rich.console import Group

    intentions = answers.get(vocab.INTENTIONS)
    mine = intentions if isinstance(intentions, list) else []
    reminders = [] if after_alert or not embracing else embracing.reminders_for(answers)
    bullet = "-" if plain else "•"
    lines: list[RenderableType] = []
    if after_alert:
        lines.append(user_text(CARD_AFTER_ALERT[0], style="bold"))
        lines += [user_text(line) for line in CARD_AFTER_ALERT[1:]]
    if mine:
        if lines:
            lines.append(user_text(""))
        lines.append(user_text("What I hold in mind", style="bold"))
        lines.append(bullets(mine, bullet))
    if reminders:
        if lines:
            lines.append(user_text(""))
        lines.append(user_text("To remember", style="bold"))
        lines.append(bullets(reminders, bullet))
    title = f"Session {session.number}, {day_name(session.date)}"
    if plain:
        heading = user_text(f"\nYour card for {title}. Read it before the session starts.")
        return Group(heading, *lines)
    from rich.panel import Panel

    panel = Panel(
        Group(*lines),
        title=user_text(title),
        subtitle=user_text("read this before your session starts"),
        border_style="cyan",
        padding=(1, 2),
        expand=False,
    )
    return Group(user_text(""), panel)


def summary(
    session: Session,
    answers: Mapping[str, AnswerValue],
    plan: _Plan,
    *,
    store_path: Path,
    after_alert: bool = False,
) -> RenderableType:
    """What was saved and where, what is left to do, and the next step (after an alert,
    the care team first)."""
    return saved_summary(
        f"Saved: your {answers_given(plan.items, answers)} for session {session.number}, "
        f"{day_name(session.date)}.",
        [
            ("Before your session, when you can:", before_session(plan.preparing, answers)),
            ("Your questions for the clinic:", clinic_questions(plan.questions, answers)),
        ],
        ["After your session: ketaprep journal"],
        store_path=store_path,
        after_alert=after_alert,
    )


def before_session(step: Step, answers: Mapping[str, AnswerValue]) -> list[str]:
    """The to-dos of checklist options left unticked: not failures, just what is left."""
    todos = []
    for item in step.items:
        ticked = answers.get(item.id)
        if item.type != "checklist" or not isinstance(ticked, list):
            continue
        todos += [o.todo for o in item.options if o.todo and o.id not in ticked]
    return todos


def clinic_questions(step: Step | None, answers: Mapping[str, AnswerValue]) -> list[str]:
    """The FAQ questions ticked, then the person's own."""
    questions: list[str] = []
    for item in step.items if step else ():
        value = answers.get(item.id)
        if item.type == "checklist" and isinstance(value, list):
            questions += [option.label for option in item.options if option.id in value]
        elif item.type == "list" and isinstance(value, list):
            questions += value
    return questions


def _plan(guides: Guides) -> _Plan:
    preparing = guides.step("2")
    questions = _optional_step(guides, "faq")
    embracing = _optional_step(guides, "3")
    plan = _Plan(preparing, questions, embracing)
    seen: set[str] = set()
    for step in plan.steps:
        for item in step.items:
            if item.id in seen:
                raise KetaprepError(
                    f"The question id '{item.id}' is used twice in the guides that prepare "
                    f"walks (again in {visible(step.source or step.id)}); please rename one."
                )
            seen.add(item.id)
    return plan


def _optional_step(guides: Guides, key: str) -> Step | None:
    try:
        return guides.step(key)
    except (KetaprepError, KeyError):
        return None
