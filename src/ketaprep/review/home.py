"""The home screen, plain ``ketaprep``: what comes next, the last thing written, and
where help is.

What comes next is worked out from what was kept (``next_steps``, pure: the sessions,
what each has, the newest draft and the last check-in); each step is a sentence and the
command that takes it. Looking never makes a journal: a person with none yet is told how
to begin.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ketaprep import vocab
from ketaprep.ask.base import Asker, ask_until_valid
from ketaprep.console import get_console, user_text, visible
from ketaprep.dates import local_time, relative_day
from ketaprep.errors import KetaprepError
from ketaprep.guides.model import Item, Option
from ketaprep.paths import get_paths
from ketaprep.review.words import excerpt
from ketaprep.vocab import Kind

if TYPE_CHECKING:
    from rich.text import Text

    from ketaprep.store import Entry, Session, Store

HELP_NOW = "If you need help now: ketaprep help-now"
NOTHING = "nothing"  # the menu's way out
EVERY_COMMAND = "Every command, and what it does: ketaprep --help"
JOURNAL_WITHIN = 14  # days after a session that its journal is still offered
LAST_WORDS = 60  # characters of the last thing written shown


@dataclass(frozen=True)
class Step:
    """One thing to do next: said as ``says: ketaprep COMMAND``, offered as ``choice``
    (``command``: the words after ``ketaprep``, like ``measure low-mood``)."""

    says: str
    command: str
    choice: str


@dataclass(frozen=True)
class Kept:
    """What the home screen reads from the journal."""

    sessions: list[Session]  # newest day first
    kinds: dict[int, dict[Kind, int]]  # session number -> finished entries of each kind
    draft: Entry | None  # the most recently touched unfinished entry
    last_checkin: datetime.date | None
    last: Entry | None  # the newest finished entry


@dataclass(frozen=True)
class Home:
    steps: list[Step]
    last: str | None  # the last thing written, in a line


def run(today: datetime.date, asker: Asker | None) -> str | None:
    """Show the home screen; with an ``asker`` (a terminal), offer its steps as a menu.
    The command picked, or None. A journal that cannot be read still shows where help
    is, before its sentence."""
    console = get_console()
    try:
        kept = None
        if get_paths().database.exists():
            from ketaprep.store import open_store

            with open_store(reading=True) as store:
                kept = read_kept(store)
    except KetaprepError:
        console.print(user_text(HELP_NOW, style="bold"))
        raise
    screen = home(kept, today)
    for line in home_lines(screen, console.width):
        console.print(line, soft_wrap=True)
    return None if asker is None else pick(screen.steps, asker)


def pick(steps: list[Step], asker: Asker) -> str | None:
    """The command of the step picked from the menu; None for nothing, or Ctrl-C."""
    try:
        chosen = ask_until_valid(menu(steps), asker, steps[0].command if steps else NOTHING)
    except KeyboardInterrupt:
        return None
    return None if chosen in (None, NOTHING) else str(chosen)


def menu(steps: list[Step]) -> Item:
    options = [Option(step.command, step.choice) for step in steps]
    return Item(
        id="home",
        type="choice",
        prompt="What would you like to do?",
        options=(*options, Option(NOTHING, "Nothing for now")),
    )


def read_kept(store: Store) -> Kept:
    drafts = store.drafts()
    checkins = store.entries(kind="checkin", limit=1)
    newest = store.entries(limit=1)
    return Kept(
        sessions=store.sessions(),
        kinds=store.session_kinds(),
        draft=drafts[0] if drafts else None,
        last_checkin=_day(checkins[0].created) if checkins else None,
        last=newest[0] if newest else None,
    )


def home(kept: Kept | None, today: datetime.date) -> Home:
    """The home screen for ``kept`` (None: there is no journal yet)."""
    if kept is None:
        return Home(_first_steps(), None)
    return Home(next_steps(kept, today), _last_written(kept.last, today))


def next_steps(kept: Kept, today: datetime.date) -> list[Step]:
    """The draft to carry on with, then the sessions (the last one's journal, the next
    one's getting ready), then the check-in; each command offered once."""
    steps = [] if kept.draft is None else [_carry_on(kept.draft, today)]
    steps += _session_steps(kept, today)
    if kept.sessions or kept.last is not None:
        steps.append(_checkin_step(kept.last_checkin, today))
    if not kept.sessions and kept.last is None and kept.draft is None:
        steps = _first_steps()
    once: dict[str, Step] = {}
    for step in steps:
        once.setdefault(step.command, step)
    return list(once.values())


def _first_steps() -> list[Step]:
    return [
        Step("To get ready for your first session", "prepare", "Get ready for a session"),
        Step("To read the five steps first", "guide", "Read the five steps"),
    ]


# A draft of each kind, in words, and the command that carries on with it.
_DRAFT_WORDS = {
    "prepare": ("getting ready for session {n}", "prepare"),
    "journal": ("writing about session {n}", "journal"),
    "checkin": ("a check-in", "checkin"),
    "plan": ("your safety plan", "plan"),
    "measure": ("the questionnaire {guide}", "measure {guide}"),
}


def _carry_on(draft: Entry, today: datetime.date) -> Step:
    words, command = _DRAFT_WORDS.get(draft.kind, ("an entry", "review"))
    what = words.format(n=draft.session_number or "", guide=draft.guide)
    when = relative_day(_day(draft.updated), today)
    command = command.format(guide=draft.guide)
    return Step(f"You stopped partway through {what}, {when}", command, f"Carry on with {what}")


def _session_steps(kept: Kept, today: datetime.date) -> list[Step]:
    """The latest session up to today, if it has no journal yet, and the next one."""
    steps = []
    past = [session for session in kept.sessions if session.date <= today]
    coming = [session for session in kept.sessions if session.date > today]
    if past:
        steps += _after(past[0], kept.kinds.get(past[0].number, {}), today)
    if coming:
        steps += _before(coming[-1], kept.kinds.get(coming[-1].number, {}), today)
    elif not steps:
        steps.append(
            Step(
                "When you know the day of your next session, to get ready for it",
                "prepare",
                "Get ready for the next session",
            )
        )
    return steps


def _after(session: Session, kinds: dict[Kind, int], today: datetime.date) -> list[Step]:
    n = session.number
    if session.date == today:
        if "prepare" not in kinds:
            return [Step(f"Your session {n} is today", "prepare", f"Get ready for session {n}")]
        if "journal" not in kinds:
            return [Step(f"After your session {n} today", "journal", f"Write about session {n}")]
        return []
    if "journal" in kinds or (today - session.date).days > JOURNAL_WITHIN:
        return []
    when = relative_day(session.date, today)
    return [Step(f"Session {n} was {when}", "journal", f"Write about session {n}")]


def _before(session: Session, kinds: dict[Kind, int], today: datetime.date) -> list[Step]:
    n, when = session.number, relative_day(session.date, today)
    if "prepare" not in kinds:
        return [Step(f"Your session {n} is {when}", "prepare", f"Get ready for session {n}")]
    return [
        Step(
            f"You are ready for session {n}, {when}. To breathe slowly",
            "breathe",
            "Breathe slowly for a while",
        )
    ]


def _checkin_step(last: datetime.date | None, today: datetime.date) -> Step:
    says = "No check-in yet" if last is None else f"Last check-in {relative_day(last, today)}"
    return Step(says, "checkin", "Check in")


def _last_written(entry: Entry | None, today: datetime.date) -> str | None:
    if entry is None:
        return None
    names = vocab.kind_names(entry.kind)
    what = names.short.lower()
    if entry.kind in ("prepare", "journal") and entry.session_number:
        what += f" session {entry.session_number}"
    when = relative_day(_day(entry.created), today)
    if entry.kind == "plan":  # its words are for a hard moment, not for every opening
        return f"Last written {when}, your safety plan: ketaprep plan --show"
    line = f"Last written {when}, {what}"
    if entry.crisis_shown:  # "I want to end my life": not put back in front of them each time
        return line
    words = excerpt(entry)
    if len(words) > LAST_WORDS:
        words = words[: LAST_WORDS - 1].rstrip() + "…"
    return f'{line}: "{words}"' if words else line


def _day(moment: datetime.datetime) -> datetime.date:
    return local_time(moment).date()


def home_lines(screen: Home, width: int) -> list[Text]:
    """The home screen as lines that fit ``width`` (wrapped here, so no line ends in
    spaces): a step's command is never split in two, but goes to the next line when it
    does not fit on the last; a person's words are shown as text."""
    from rich.text import Text

    lines = [Text("What comes next", style="bold")]
    for step in screen.steps:
        command = f"ketaprep {step.command}"
        said = _wrapped(f"{step.says}:", width, "  ")
        if len(said[-1]) + 1 + len(command) <= width:
            said[-1] += " " + command
        else:
            said.append("    " + command)
        for line in said:
            text = Text(line)
            text.highlight_words([command], "bold")
            lines.append(text)
    lines.append(Text(""))
    if screen.last is not None:
        lines += [Text(line) for line in _wrapped(visible(screen.last), width)]
        lines.append(Text(""))
    lines += [Text(line, style="bold") for line in _wrapped(HELP_NOW, width)]
    lines += [Text(line) for line in _wrapped(EVERY_COMMAND, width)]
    return lines


def _wrapped(words: str, width: int, indent: str = "") -> list[str]:
    import textwrap

    return textwrap.wrap(
        words, width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
    ) or [""]
