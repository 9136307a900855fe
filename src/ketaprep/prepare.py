"""``ketaprep prepare``: the glue around the walk for getting ready for a session.

Which session, the offer to resume a draft, the walk through step 2 and the clinic
questions, the card from step 3, the breathing offer, and the summary. The questions
themselves come from the guides; the engine in walk.py asks and saves them.
"""

from __future__ import annotations

import datetime
import functools
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ketaprep.ask import Asker, PlainAsker, ScriptedAsker, TerminalAsker
from ketaprep.console import get_console, user_text, visible
from ketaprep.errors import KetaprepError, UsageError
from ketaprep.guides import Alert, Item, Option, Step
from ketaprep.walk import AnswerValue, InvalidAnswer, answer_problems, ask_until_valid, walk

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ketaprep.guides import Guides
    from ketaprep.store import Entry, Session, Store

KIND = "prepare"
SCRIPT_KEYS = ("session", "date")  # an answers file may say which session, besides the items

NO_TERMINAL = (
    "There is no terminal here to ask questions in, so to prepare from a file run "
    "ketaprep prepare --answers FILE, where FILE is YAML with each question id and "
    "your answer (like 'mood: 6')."
)
ALERT_WORDS = "Thank you for saying so. Your answer is saved. Please reach out for support now."

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
_NUMBER = Item(
    id="number",
    type="text",
    prompt="Which session number is this?",
    help="Count every session, also the ones before you used ketaprep.",
    required=True,
)
_RESUME = Item(
    id="resume",
    type="choice",
    prompt="What would you like to do?",
    options=(
        Option("resume", "Carry on where I stopped"),
        Option("again", "Go through it again from the start, with my answers filled in"),
        Option("discard", "Let those answers go and start fresh"),
    ),
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
class _Progress:
    """What has happened so far, for the one calm line after Ctrl-C."""

    entry_id: str | None = None
    session_number: int | None = None
    reopened: bool = False  # a finished entry being gone through again
    finished: bool = False


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
    script = _read_answers(options.answers_file) if options.answers_file else None
    if script is None and asker is None and not sys.stdin.isatty():
        raise UsageError(NO_TERMINAL)
    from ketaprep.guides import load_user_guides

    guides = functools.cache(functools.partial(load_user_guides, options.guides_dir))
    if script is not None and options.answers_file is not None:
        _check_script(_plan(guides()), script, options.answers_file)
    if asker is None:
        if script is not None:
            asker = ScriptedAsker(script)
        elif options.plain:
            asker = PlainAsker()
        else:
            asker = TerminalAsker()
    from ketaprep.store import open_store

    progress = _Progress()
    with open_store() as store:
        try:
            return _prepare(store, guides, asker, options, script, progress)
        except KeyboardInterrupt:
            get_console().print()
            get_console().print(user_text(_stopped_line(store, progress)), soft_wrap=True)
            return 130


def _prepare(
    store: Store,
    guides: Callable[[], Guides],
    asker: Asker,
    options: PrepareOptions,
    script: Mapping[str, object] | None,
    progress: _Progress,
) -> int:
    interactive = script is None
    if interactive and not _offer_step_one(store, guides, asker, options.plain):
        return 0
    start = _offer_resume(store, asker, options.session) if interactive else None
    session, new = (
        (start.session, False) if start else _choose_session(store, asker, options, script)
    )
    plan = _plan(guides())
    if new:
        session = store.add_session(session.number, session.date)
    if start is None:
        start = _start_for(store, session, plan)
        if start.reopened and interactive:
            asker.show(
                user_text(
                    f"\nYou got ready for session {session.number} before. Your answers are "
                    "filled in: keep each one, or change it."
                )
            )
    progress.entry_id = start.entry.id
    progress.session_number = start.session.number
    progress.reopened = start.reopened

    entry_id = start.entry.id

    def save(item: Item, value: AnswerValue) -> None:
        store.save_answer(entry_id, item.id, item.type, item.prompt, value)

    def on_alert(item: Item, alert: Alert) -> None:
        asker.show(_alert_help(guides(), alert))

    answers = dict(start.answered)
    for step in (plan.preparing, plan.questions):
        if step is None:
            continue
        if interactive and any(item.id not in answers for item in step.items):
            asker.show(_heading(step))
        answers = walk(
            step.items, asker, save, answered=answers, defaults=start.defaults, on_alert=on_alert
        )
    asker.show(card(start.session, answers, plan.embracing, plain=options.plain))
    if plan.embracing is not None:
        answers = walk(
            plan.embracing.items,
            asker,
            save,
            answered=answers,
            defaults=start.defaults,
            on_alert=on_alert,
        )
    store.finish_entry(entry_id)
    progress.finished = True
    if answers.get("breathe") is True:
        if interactive:
            from ketaprep.breathe import practice

            practice()
        else:
            asker.show(user_text("You can breathe along any time with: ketaprep breathe"))
    asker.show(summary(start.session, answers, plan, store_path=_database_path()))
    return 0


# --- before the walk ---------------------------------------------------------------


def _offer_step_one(store: Store, guides: Callable[[], Guides], asker: Asker, plain: bool) -> bool:
    """Before the very first prepare: an offer to read step 1. False: not now.

    (What ketaprep is and is not was shown by the first command ever run.)
    """
    if store.entries(kind=KIND, limit=1, include_drafts=True):
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


def _offer_resume(store: Store, asker: Asker, wanted: int | None) -> _Start | None:
    """Offer the newest unfinished prepare: carry on, go through it again, or let it go."""
    drafts = [
        draft for draft in store.drafts(KIND) if wanted is None or draft.session_number == wanted
    ]
    if not drafts:
        return None
    draft = drafts[0]
    session = store.session(draft.session_number) if draft.session_number else None
    if session is None:
        return None
    count = len(draft.answers)
    answers = "1 answer" if count == 1 else f"{count} answers"
    asker.show(
        user_text(
            f"\nYou started getting ready for session {session.number} ({_day(session.date)}) "
            f"and stopped after {answers}. They are kept."
        )
    )
    while True:
        choice = ask_until_valid(_RESUME, asker, "resume")
        saved = {answer.item_id: answer.value for answer in draft.answers}
        if choice == "resume":
            return _Start(draft, session, answered=saved)
        if choice == "again":
            return _Start(draft, session, defaults=saved)
        sure = Item(
            id="discard",
            type="confirm",
            prompt=f"Let go of those {answers} for good? They cannot be brought back.",
        )
        if ask_until_valid(sure, asker, False) is True:
            store.discard_entry(draft.id)
            asker.show(user_text("Done. Let's start fresh."))
            return None


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
    elif script is not None and script.get("date") is not None:
        day = _script_date(script["date"])

    if number is not None:
        existing = store.session(number)
        if existing is not None:
            if day is not None and day != existing.date:
                raise UsageError(
                    f"Session {number} is saved for {_day(existing.date)}, not {_day(day)}; "
                    "leave out the date, or choose another session number."
                )
            return existing, False
        if number < 1:
            raise UsageError(f"A session number is a whole number from 1 up, not {number}.")
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
        number = store.next_session_number() if script is not None else _ask_number(asker, store)
        return Session(number, day, None), True

    picked = _ask_day(asker, today, store, offer=True)
    if isinstance(picked, int):
        found = store.session(picked)
        if found is not None:
            return found, False
    assert isinstance(picked, datetime.date)
    return Session(_ask_number(asker, store), picked, None), True


def _ask_day(
    asker: Asker, today: datetime.date, store: Store, *, offer: bool
) -> int | datetime.date:
    """A day (today, tomorrow or typed); with ``offer``, upcoming sessions come first
    and picking one gives its number instead."""
    from ketaprep.dates import parse_date

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
        Option(f"session-{s.number}", f"Session {s.number}, {_day(s.date, year=False)}")
        for s in upcoming
    ]
    if today not in taken:
        options.append(Option("today", f"Today, {_day(today, year=False)}"))
    if tomorrow not in taken:
        options.append(Option("tomorrow", f"Tomorrow, {_day(tomorrow, year=False)}"))
    options.append(Option("other", "Another day"))
    question = Item(id=_SESSION.id, type="choice", prompt=_SESSION.prompt, options=tuple(options))
    choice = ask_until_valid(question, asker, options[0].id)
    if isinstance(choice, str) and choice.startswith("session-"):
        return int(choice.removeprefix("session-"))
    if choice == "today":
        return today
    if choice == "tomorrow":
        return tomorrow
    while True:
        typed = ask_until_valid(_DAY, asker, None)
        try:
            return parse_date(str(typed), direction="future", today=today)
        except UsageError as error:
            hint = error.message  # short and exact for a day not on the calendar
            if len(hint) > 100:
                hint = (
                    f'"{typed}" is not a day ketaprep understands. '
                    "Please try again, like 2026-12-01, tomorrow or friday."
                )
            asker.problem(_DAY, InvalidAnswer(hint, hint))


def _ask_number(asker: Asker, store: Store) -> int:
    """The new session's number, offering the next one."""
    suggested = str(store.next_session_number())
    while True:
        typed = str(ask_until_valid(_NUMBER, asker, suggested)).strip()
        if not typed.isdigit() or int(typed) < 1:
            hint = "Please type a whole number, like 1 for your first session."
        else:
            existing = store.session(int(typed))
            if existing is None:
                return int(typed)
            hint = (
                f"Session {existing.number} is already saved, for {_day(existing.date)}. "
                "Please choose another number."
            )
        asker.problem(_NUMBER, InvalidAnswer(hint, hint))


def _start_for(store: Store, session: Session, plan: _Plan) -> _Start:
    """The draft for this session, else its finished entry to go through again, else new."""
    drafts = [draft for draft in store.drafts(KIND) if draft.session_number == session.number]
    earlier = drafts or store.entries(kind=KIND, session_number=session.number, limit=1)
    if earlier:
        entry = earlier[0]
        saved = {answer.item_id: answer.value for answer in entry.answers}
        return _Start(entry, session, defaults=saved, reopened=not entry.is_draft)
    return _Start(store.start_entry(KIND, session.number, plan.preparing.id), session)


# --- the answers file --------------------------------------------------------------


def _read_answers(path: Path) -> dict[str, object]:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "it is not UTF-8 text"
        raise UsageError(f"The answers file {path} cannot be read: {reason}.") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise UsageError(
            f"The answers file {path} is not valid YAML{where}; nothing was saved."
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise UsageError(
            f"The answers file {path} must map question ids to answers, like 'mood: 6'; "
            "nothing was saved."
        )
    return {str(key): value for key, value in data.items()}


def _check_script(plan: _Plan, script: Mapping[str, object], path: Path) -> None:
    """Every problem in the answers file in one sentence, before anything is saved."""
    problems = answer_problems(plan.items, script, extra_keys=SCRIPT_KEYS)
    session = script.get("session")
    if session is not None and (
        isinstance(session, bool) or not isinstance(session, int) or session < 1
    ):
        problems.append("'session' must be a whole number from 1 up")
    if script.get("date") is not None:
        try:
            _script_date(script["date"])
        except UsageError:
            problems.append("'date' must be a date like 2026-12-01, today or tomorrow")
    if problems:
        raise UsageError(
            f"The answers file {path} cannot be used, so nothing was saved: {'; '.join(problems)}."
        )


def _script_date(value: object) -> datetime.date:
    from ketaprep.dates import parse_date

    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        return parse_date(value, direction="future")
    raise UsageError("not a date")


# --- what the person sees ----------------------------------------------------------


def card(
    session: Session, answers: Mapping[str, AnswerValue], embracing: Step | None, *, plain: bool
) -> RenderableType:
    """The card to read before the session: the intentions, then step 3's reminders."""
    from rich.console import Group

    intentions = answers.get("intentions")
    mine = intentions if isinstance(intentions, list) else []
    reminders = list(embracing.reminders) if embracing else []
    bullet = "-" if plain else "•"
    lines: list[RenderableType] = []
    if mine:
        lines.append(user_text("What I hold in mind", style="bold"))
        lines.append(bullets(mine, bullet))
    if reminders:
        if lines:
            lines.append(user_text(""))
        lines.append(user_text("To remember", style="bold"))
        lines.append(bullets(reminders, bullet))
    title = f"Session {session.number}, {_day(session.date)}"
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
    session: Session, answers: Mapping[str, AnswerValue], plan: _Plan, *, store_path: Path
) -> RenderableType:
    """What was saved and where, what is left to do, and the next step."""
    from rich.console import Group

    lines: list[RenderableType] = [user_text("")]
    count = sum(1 for item in plan.items if item.id in answers)
    lines.append(
        user_text(
            f"Saved: your {count} answers for session {session.number}, {_day(session.date)}.",
            style="bold",
        )
    )
    todos = before_session(plan.preparing, answers)
    if todos:
        lines.append(user_text("Before your session, when you can:"))
        lines.append(bullets(todos))
    questions = clinic_questions(plan.questions, answers)
    if questions:
        lines.append(user_text("Your questions for the clinic:"))
        lines.append(bullets(questions))
    lines.append(user_text(f"Kept privately on this computer in {store_path}."))
    lines.append(user_text("After your session: ketaprep journal"))
    return Group(*lines)


def bullets(texts: list[str], bullet: str = "-") -> RenderableType:
    """One line per text, wrapped lines indented under the text, not under the bullet."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for text in texts:
        grid.add_row(f"  {bullet}", user_text(text))
    return grid


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


def _heading(step: Step) -> RenderableType:
    from rich.console import Group

    return Group(user_text(""), user_text(step.title, style="bold"), user_text(step.summary))


def _alert_help(guides: Guides, alert: Alert) -> RenderableType:
    from rich.console import Group

    from ketaprep.views import crisis_lines

    regions = None
    try:
        from ketaprep.config import load_config

        region = load_config().region
        if region:
            regions = (guides.safety.region(region),)
    except KetaprepError:
        regions = None  # a broken settings file must not hide the crisis lines
    words = alert.message or ALERT_WORDS
    return Group(
        user_text(""), user_text(words, style="bold"), crisis_lines(guides.safety, regions)
    )


def _stopped_line(store: Store, progress: _Progress) -> str:
    if progress.finished:
        return "Stopped. Everything you answered is saved."
    if progress.entry_id is None:
        if store.drafts(KIND):
            return "Stopped. Nothing new was saved, and your earlier answers are still kept."
        return "Stopped. Nothing was saved yet, so there is nothing to keep."
    if progress.reopened:
        return (
            f"Stopped. Your answers for session {progress.session_number} are saved as they "
            f"are now. To go through them again: ketaprep prepare --session "
            f"{progress.session_number}"
        )
    count = len(store.entry(progress.entry_id).answers)
    if count == 0:
        store.discard_entry(progress.entry_id)
        return "Stopped before the first answer, so there was nothing to keep."
    answers = "your answer is" if count == 1 else f"your {count} answers are"
    return (
        f"Stopped. {answers[0].upper()}{answers[1:]} kept. Run ketaprep prepare to carry on "
        "where you stopped."
    )


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


def _database_path() -> Path:
    from ketaprep.paths import get_paths

    return get_paths().database


def _day(day: datetime.date, *, year: bool = True) -> str:
    text = f"{day:%A} {day.day} {day:%B}"
    return f"{text} {day.year}" if year else text
