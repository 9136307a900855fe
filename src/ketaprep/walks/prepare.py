"""``ketaprep prepare``: the glue around the walk for getting ready for a session.

Which session, the offer to resume a draft, the walk through step 2 and the clinic
questions, the card from step 3, the breathing offer, and the summary. The questions
themselves come from the guides; the engine (walks.engine) asks and saves them.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ketaprep import vocab
from ketaprep.answers import AnswerValue
from ketaprep.ask import Asker, ask_until_valid
from ketaprep.console import show_paged, user_text, visible
from ketaprep.dates import weekday_date
from ketaprep.errors import KetaprepError, UsageError
from ketaprep.guides.card import card_for
from ketaprep.guides.model import Guides, Item, Option, Step
from ketaprep.store import Session
from ketaprep.walks.answers_file import SESSION_KEYS, session_key_problems
from ketaprep.walks.breathe import practice
from ketaprep.walks.command import run_walk
from ketaprep.walks.run import Run, Start, WalkOptions, WalkSpec, going_through_again
from ketaprep.walks.screens import answers_given, card_screen, step_page
from ketaprep.walks.screens import summary as saved_summary
from ketaprep.walks.sessions import too_far_ahead
from ketaprep.walks.which_session import (
    Chosen,
    WhichSession,
    ask_day,
    ask_session_number,
    session_on,
    session_or_draft,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ketaprep.store import Store

SPEC = WalkSpec(kind="prepare", command="prepare", doing="prepare", go_on="Go on getting ready")
KIND = SPEC.kind
NO_TERMINAL = SPEC.no_terminal

_READ_STEP_1 = Item(
    "read-step-1",
    "confirm",
    "Would you like to read step 1, about ketamine's role, first?",
    default=True,
)
_GO_ON = Item("go-on", "confirm", "Shall we start getting ready for your session?", default=True)


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


def run(options: WalkOptions, asker: Asker | None = None) -> int:
    """Walk a person through getting ready; the exit code (130 after Ctrl-C).

    In a terminal the guides are loaded only once the session is chosen, so the first
    question is on screen sooner; nothing is saved until they have loaded.
    """
    return run_walk(SPEC, options, _prepare, asker=asker)


def _prepare(run: Run) -> int:
    if run.script is not None:
        run.check_answers(
            _plan(run.guides()).items,
            extra_keys=SESSION_KEYS,
            problems=session_key_problems(run.script, "future"),
        )
    if run.interactive and not _offer_step_one(run):
        return 0
    chosen = session_or_draft(run, WHICH)
    plan = _plan(run.guides())
    session = chosen.keep(run.store)
    start = chosen.start or _start_for(run, session, plan)
    again = going_through_again(run, start, "got ready for")
    run.begin(start, items=plan.items, stopped_again=again)

    answers = dict(start.answered)
    for step in (plan.preparing, plan.questions):
        if step is not None:
            answers = run.walk_step(step, answered=answers, defaults=start.defaults)

    def the_card() -> RenderableType:  # again after going back past it: with any change
        return card(session, run.answers, plan.embracing, plain=run.plain, after_alert=run.alerted)

    run.asker.show(the_card())
    if plan.embracing is not None:
        answers = run.walk(
            plan.embracing.items, answered=answers, defaults=start.defaults, opening=the_card
        )
    run.finish()
    if answers.get(vocab.BREATHE) is True:
        if run.interactive:
            practice()
        else:
            run.show("You can breathe along any time with: ketaprep breathe")
    run.asker.show(
        summary(session, answers, plan, store_path=run.store.path, after_alert=run.alerted)
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

    step = guides().step("1")
    if plain:
        asker.show(user_text(f"{step.title}\n\n{step.body}"))
    else:
        show_paged(step_page(step))  # longer than a screen: the pager, which names its keys
    if ask_until_valid(_GO_ON, asker, True) is True:
        return True
    asker.show(user_text("That is fine. Come back whenever you are ready: ketaprep prepare"))
    return False


def _near_enough(day: datetime.date, today: datetime.date) -> datetime.date:
    far = too_far_ahead(day, today)
    if far:
        raise UsageError(f"{far} Please give the day of the session you are getting ready for.")
    return day


def _ask_new_day(run: Run, today: datetime.date) -> datetime.date:
    day = _ask_day(run.asker, today, run.store, offer=False)
    return day if isinstance(day, datetime.date) else today


def _picked_or_today(run: Run, today: datetime.date) -> Chosen:
    """No session or day given: from a file, today's; in a terminal, an upcoming session
    or a day, picked."""
    if not run.interactive:
        return session_on(run, today)
    picked = _ask_day(run.asker, today, run.store, offer=True)
    if isinstance(picked, int):
        found = run.store.session(picked)
        if found is not None:
            return Chosen(found)
    assert isinstance(picked, datetime.date)
    return Chosen(Session(ask_session_number(run.asker, run.store), picked, None), new=True)


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
        Option(f"session-{s.number}", f"Session {s.number}, {weekday_date(s.date, year=False)}")
        for s in upcoming
    ]
    if today not in taken:
        options.append(Option("today", f"Today, {weekday_date(today, year=False)}"))
    if tomorrow not in taken:
        options.append(Option("tomorrow", f"Tomorrow, {weekday_date(tomorrow, year=False)}"))
    options.append(Option("other", "Another day"))
    question = Item(
        "session", "choice", "Which session are you getting ready for?", options=tuple(options)
    )
    choice = ask_until_valid(question, asker, options[0].id)
    if isinstance(choice, str) and choice.startswith("session-"):
        return int(choice.removeprefix("session-"))
    if choice == "today":
        return today
    if choice == "tomorrow":
        return tomorrow
    return ask_day(asker, "Which day is it?", "future", today)


WHICH = WhichSession("getting ready for", "future", _near_enough, _ask_new_day, _picked_or_today)


def _start_for(run: Run, session: Session, plan: _Plan) -> Start:
    """The draft for this session, else its finished entry to go through again, else new."""
    drafts = [d for d in run.store.drafts(KIND) if d.session_number == session.number]
    earlier = drafts or run.store.entries(kind=KIND, session_number=session.number, limit=1)
    if earlier:
        entry = earlier[0]
        saved = {answer.item_id: answer.value for answer in entry.answers}
        return Start(entry, defaults=saved, session=session)
    return run.fresh(plan.preparing, session.number)


# --- what the person sees ----------------------------------------------------------


def card(
    session: Session,
    answers: Mapping[str, AnswerValue],
    embracing: Step | None,
    *,
    plain: bool,
    after_alert: bool = False,
) -> RenderableType:
    """The card to read before the session (guides.card), in a panel; plain, as lines."""
    return card_screen(
        f"Session {session.number}, {weekday_date(session.date)}",
        card_for(answers, embracing, after_alert=after_alert),
        plain=plain,
    )


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
        f"{weekday_date(session.date)}.",
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
