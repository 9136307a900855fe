"""``ketaprep journal``: looking back after a session, starting from what was held in mind.

Which session (the newest one got ready for and not yet written about; else a pick from
recent sessions, or one not in ketaprep yet), the intentions set in ``prepare`` with a
question about each, step 4's items, the guide's closing suggestion of a quiet moment,
and the summary. A session written about before is, in a terminal, either gone through
again (its answers filled in) or written about anew, as the person says: a session can
have many entries.

The intentions become items at run time, numbered from 1 in the order they were saved:
``intention-N`` (a choice: touched / not-yet / something-else) and ``intention-N-note``
(a few words). Their questions quote the intention, so an entry reads right on its own.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ketaprep import vocab
from ketaprep.answers import AnswerValue, answer_texts
from ketaprep.ask import Asker, ask_until_valid
from ketaprep.console import user_text, visible
from ketaprep.dates import local_time, weekday_date
from ketaprep.errors import KetaprepError, UsageError
from ketaprep.guides.model import Item, Option, Step
from ketaprep.lines import BLANK, Line, Lines
from ketaprep.store import Session
from ketaprep.walks.answers_file import SESSION_KEYS, session_key_problems
from ketaprep.walks.command import run_walk
from ketaprep.walks.engine import choice
from ketaprep.walks.run import Run, Start, WalkOptions, WalkSpec, going_through_again
from ketaprep.walks.screens import answers_given, listed, summary
from ketaprep.walks.which_session import (
    Chosen,
    WhichSession,
    ask_day,
    ask_session_number,
    session_or_draft,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ketaprep.store import Store

SPEC = WalkSpec(
    kind="journal", command="journal", doing="write in your journal", go_on="Go on with my journal"
)
NO_TERMINAL = SPEC.no_terminal
STEP = "4"
RECENT = 5  # sessions offered to pick from
SOON_AFTER_DAYS = 1  # step 4's note on after-effects opens a journal this many days after

OUTCOMES = tuple(Option(key, label) for key, label in vocab.OUTCOME_LABELS.items())

_NEW = "new"


def run(options: WalkOptions, asker: Asker | None = None) -> int:
    """Walk a person through looking back on a session; the exit code (130 after Ctrl-C)."""
    return run_walk(SPEC, options, _journal, asker=asker)


def intention_items(intentions: Sequence[str]) -> list[Item]:
    """Two items per intention: how it went (a choice), then a few words (optional)."""
    items: list[Item] = []
    for number, intention in enumerate(intentions, start=1):
        words = visible(" ".join(intention.split()))
        items.append(
            Item(
                id=f"intention-{number}",
                type="choice",
                prompt=f'How did it go with "{words}"?',
                options=OUTCOMES,
            )
        )
        items.append(
            Item(
                id=f"intention-{number}-note",
                type="text",
                prompt=f'Anything to add about "{words}"?',
                help="A few words, if you like. Press enter to skip.",
            )
        )
    return items


def intentions_of(store: Store, number: int) -> list[str] | None:
    """The intentions saved by ``prepare`` for a session (a draft's, if not finished);
    None if the session was not got ready for with ketaprep."""
    entry = store.kept_for("prepare", number)
    if entry is None:
        return None
    value = entry.value(vocab.INTENTIONS)
    if isinstance(value, str):
        return [value]
    return list(value) if isinstance(value, list) else []


def waiting_session(store: Store, today: datetime.date | None = None) -> Session | None:
    """The newest session, up to today, that was got ready for and not yet written about."""
    return store.newest_session_with("prepare", "journal", today or datetime.date.today())


def _journal(run: Run) -> int:
    if run.script is not None:
        _check_session_keys(run, run.script)
    chosen = session_or_draft(run, WHICH)
    intentions = None if chosen.new else intentions_of(run.store, chosen.session.number)
    looking_back = intention_items(intentions or [])
    step = run.guides().step(STEP)
    _no_clashes(looking_back, step)
    run.check_answers([*looking_back, *step.items], extra_keys=SESSION_KEYS)
    session = chosen.keep(run.store)
    start = chosen.start or _written_again_or_new(run, session, step)
    run.begin(
        start,
        items=[*looking_back, *step.items],
        stopped_again=going_through_again(run, start, "wrote about"),
    )

    note = soon_after(step, session, datetime.date.today())
    asking = any(item.id not in start.answered for item in looking_back)
    run.asker.show(opening(session, intentions, plain=run.plain, note=note, asking=asking))
    answers = run.walk(looking_back, answered=start.answered, defaults=start.defaults)
    answers = run.walk_step(step, answered=answers, defaults=start.defaults)
    run.finish()
    if not run.alerted:  # after the crisis lines, no "let it settle"
        run.asker.show(closing(step, answers))
    run.asker.show(_summary(run, session, [*looking_back, *step.items], answers))
    return 0


def _written_again_or_new(run: Run, session: Session, step: Step) -> Start:
    """A session written about before: in a terminal, the person says whether to change
    what they wrote (it is gone through again, its answers filled in) or to write a new
    entry. From an answers file, and for a session not written about, a new entry."""
    written = run.store.entries(kind=SPEC.kind, session_number=session.number, limit=1)
    if not written or not run.interactive:
        return run.fresh(step, session.number)
    entry = written[0]
    day = weekday_date(local_time(entry.created).date())
    asked = choice(
        "written-before",
        f"You wrote about session {session.number} before, on {day}. What would you like to do?",
        {"change": "Change the one I wrote", "new": "Write a new one"},
    )
    if ask_until_valid(asked, run.asker, "change") == "change":
        saved = {answer.item_id: answer.value for answer in entry.answers}
        return Start(entry, defaults=saved, session=session)
    return run.fresh(step, session.number)


def _summary(
    run: Run, session: Session, items: Sequence[Item], answers: Mapping[str, AnswerValue]
) -> RenderableType:
    """What was saved and where, what to bring to the therapist, and the next steps."""
    to_share = answer_texts(answers.get(vocab.TO_SHARE))
    return summary(
        f"Saved: your journal entry for session {session.number}, "
        f"{weekday_date(session.date)} ({answers_given(items, answers)}).",
        [("To bring to your therapist or support group:", to_share)],
        [
            f"To write about this session again later: ketaprep journal --session {session.number}",
            "To look back: ketaprep review. Between sessions: ketaprep checkin",
        ],
        store_path=run.store.path,
        after_alert=run.alerted,
    )


# --- which session -----------------------------------------------------------------


def _check_session_keys(run: Run, script: Mapping[str, object]) -> None:
    """Refuse an answers file whose ``session`` or ``date`` cannot be read, naming its
    other problems too (the intentions are not known yet, so not checked)."""
    problems = session_key_problems(script, "past")
    if problems:
        step = run.guides().step(STEP)
        intentions = tuple(key for key in script if key.startswith("intention-"))
        run.check_answers(step.items, extra_keys=(*SESSION_KEYS, *intentions), problems=problems)


def _not_to_come(day: datetime.date, today: datetime.date) -> datetime.date:
    if day > today:
        raise UsageError(
            f"{weekday_date(day)} is still to come; a journal entry is about a session that "
            "has happened. Please give the day it was."
        )
    return day


def _ask_past_day(run: Run, today: datetime.date) -> datetime.date:
    return ask_day(run.asker, "Which day was the session?", "past", today)


def _waiting_or_picked(run: Run, today: datetime.date) -> Chosen:
    """No session or day given: the session waiting to be written about; else, in a
    terminal, one picked from the recent ones or a new one."""
    waiting = waiting_session(run.store, today)
    if waiting is not None:
        return Chosen(waiting)
    if not run.interactive:
        raise UsageError(
            f"The answers file {run.options.answers_file} does not say which session it is "
            "about, and no session is waiting to be written about, so nothing was saved. Add "
            "'session: N' to it (and 'date: 2026-12-01' for a session not in your journal yet)."
        )
    return _picked(run, today)


def _picked(run: Run, today: datetime.date) -> Chosen:
    """One of the recent sessions (and the soonest still to come), or a new one."""
    store, asker = run.store, run.asker
    sessions = store.sessions()
    recent = [session for session in sessions if session.date <= today][:RECENT]
    # The soonest session still to come: it may have happened early, or its day was a guess.
    upcoming = min((s for s in sessions if s.date > today), key=_date_order, default=None)
    offered = recent + ([upcoming] if upcoming else [])
    if offered:
        kinds = store.session_kinds()
        choices = [
            Option(f"session-{s.number}", _session_label(s, kinds.get(s.number, {}), today))
            for s in offered
        ]
        choices.append(Option(_NEW, "A session not in ketaprep yet"))
        which = Item(
            id="session",
            type="choice",
            prompt="Which session would you like to write about?",
            options=tuple(choices),
        )
        picked = ask_until_valid(which, asker, choices[0].id)
        if isinstance(picked, str) and picked.startswith("session-"):
            found = store.session(int(picked.removeprefix("session-")))
            if found is not None:
                return Chosen(_happened(run, found, today))
    else:
        run.show("\nNo sessions are saved yet, so let's add the one you would like to write about.")
    day = _ask_past_day(run, today)
    return Chosen(Session(ask_session_number(asker, store), day, None), new=True)


WHICH = WhichSession("writing about", "past", _not_to_come, _ask_past_day, _waiting_or_picked)


def _date_order(session: Session) -> tuple[datetime.date, int]:
    return session.date, session.number


def _happened(run: Run, session: Session, today: datetime.date) -> Session:
    """A session picked to write about: one saved for a day still to come is moved to the
    day it happened (today, or the day the person types), so it is not added again."""
    if session.date <= today:
        return session
    was_today = Item(
        id="was-today",
        type="confirm",
        prompt=f"Session {session.number} is saved for {weekday_date(session.date)}, a day still "
        f"to come. Was it today, {weekday_date(today)}?",
        default=True,
    )
    day = today
    if ask_until_valid(was_today, run.asker, True) is not True:
        day = _ask_past_day(run, today)
    moved = run.store.change_session(session.number, new_date=day)
    run.show(f"Session {moved.number} is now saved for {weekday_date(moved.date)}.")
    return moved


def _session_label(session: Session, done: Mapping[vocab.Kind, int], today: datetime.date) -> str:
    label = f"Session {session.number}, {weekday_date(session.date)}"
    if session.date > today:
        ready = "; you got ready for it" if done.get("prepare") else ""
        return f"{label} (saved for a day still to come{ready})"
    if done.get("journal"):
        return f"{label} (you wrote about it before)"
    if done.get("prepare"):
        return f"{label} (you got ready for it)"
    return label


def _no_clashes(looking_back: Sequence[Item], step: Step) -> None:
    ours = {item.id for item in looking_back}
    for item in step.items:
        if item.id in ours or item.id.startswith("intention-"):
            raise KetaprepError(
                f"The question id '{item.id}' in {visible(step.source or step.id)} is kept for "
                "the questions about your intentions; please rename it."
            )


# --- what the person sees ----------------------------------------------------------


def soon_after(step: Step, session: Session, today: datetime.date) -> tuple[str, ...]:
    """Step 4's short note on after-effects, for a session today or yesterday."""
    days = (today - session.date).days
    return step.soon_after if 0 <= days <= SOON_AFTER_DAYS else ()


def opening(
    session: Session,
    intentions: Sequence[str] | None,
    *,
    plain: bool,
    note: Sequence[str] = (),
    asking: bool = True,
) -> Lines:
    """Which session, the guide's note on after-effects (if it was not long ago), and the
    intentions set before it (None: it was not got ready for with ketaprep), shown
    before the first question; ``asking`` how each went (not: all answered before a
    stop, so the walk carries on after them). Lines, which the terminal draws without
    rich."""
    said = f"Looking back on session {session.number}, {weekday_date(session.date)}."
    lines = [BLANK, Line(visible(said), "bold")]
    if note:
        lines += [BLANK, *listed(note, "" if plain else "•"), BLANK]
    if intentions:
        lines.append(Line("Before it, you chose to hold in mind:"))
        lines += listed(intentions, "-" if plain else "•")
        if asking:
            lines.append(Line("For each one: how did it go? There is no wrong answer."))
    elif intentions is not None:
        lines.append(Line("No intentions were saved for it, so we begin with what came up."))
    else:
        lines.append(
            Line("You did not get ready for it with ketaprep, so we begin with what came up.")
        )
    return Lines(lines)


def closing(step: Step, answers: Mapping[str, AnswerValue]) -> RenderableType:
    """The guide's suggestion to end with: its reminders that fit the answers if it has
    any, else the last section of its text (in the built-in guide, a quiet moment)."""
    from rich.console import Group

    parts: list[RenderableType] = [user_text("")]
    reminders = step.reminders_for(answers)
    if reminders:
        parts += [user_text(line) for line in reminders]
    else:
        title, paragraphs = _last_section(step.body)
        parts += [user_text(title, style="bold")] if title else []
        parts += [user_text(paragraph) for paragraph in paragraphs]
    parts.append(user_text("A short breathing practice is there any time: ketaprep breathe"))
    return Group(*parts)


def _last_section(body: str) -> tuple[str, list[str]]:
    """The last ``## `` section of a step's Markdown: its heading and its paragraphs."""
    title = ""
    section: list[str] = []
    for line in body.splitlines():
        if line.startswith("## "):
            title, section = line.removeprefix("## ").strip(), []
        else:
            section.append(line)
    paragraphs = [" ".join(chunk.split()) for chunk in "\n".join(section).split("\n\n")]
    paragraphs = [paragraph.replace("`", "") for paragraph in paragraphs if paragraph]
    return title, paragraphs if title else paragraphs[-1:]
