"""``ketaprep measure``: the questionnaires, when each was last taken, and a walk through one.

A questionnaire (``guides.questionnaire``) is walked by the same engine as every walk:
each statement is a choice among the scale's words, saved the moment it is given, so a
stop loses nothing and the next ``ketaprep measure NAME`` offers to carry on. An alert
item is an ordinary alert rule: the crisis lines, then the pause. The walk's own last
question, an optional note, is typed, so danger phrases are looked for in it.

At the end the results are saved with the answers (``total``, ``band``, one
``subscale-ID`` each) and shown: the total, its band's words, the change since last
time, said as it is. A skipped statement leaves no total.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ketaprep.answers import AnswerValue
from ketaprep.config import user_guides_dir
from ketaprep.console import show, user_text
from ketaprep.dates import local_time, weekday_date
from ketaprep.errors import UsageError
from ketaprep.guides.model import Item
from ketaprep.guides.questionnaire import (
    BAND,
    NOTE,
    SCORE_TYPE,
    SUBSCALE_PREFIX,
    TOTAL,
    Questionnaire,
    Result,
    Saved,
    change_words,
    saved_result,
    score,
)
from ketaprep.vocab import MEASURE
from ketaprep.walks.command import run_walk
from ketaprep.walks.run import DraftAbout, Run, Start, WalkOptions, WalkSpec, offer_draft
from ketaprep.walks.screens import summary

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ketaprep.ask import Asker
    from ketaprep.store import Entry, Session, Store

SPEC = WalkSpec(kind=MEASURE, command="measure", doing="answer a questionnaire")
NOTE_ITEM = Item(
    id=NOTE,
    type="long_text",
    prompt="Is there anything you want to add about this time?",
    help="Only if you like. You can skip this.",
)


def command(name: str | None, options: WalkOptions) -> int:
    """``ketaprep measure [NAME]``: the list, or the walk through one."""
    from ketaprep.guides.load import load_questionnaires  # yaml: only once they are read

    questionnaires = load_questionnaires(user_guides_dir(options.guides_dir))
    if name is not None:
        return run(options, find(questionnaires, name))
    if options.answers_file is not None:
        example = questionnaires[0].id if questionnaires else "NAME"
        raise UsageError(
            "Please name the questionnaire the answers are for, like this: "
            f"ketaprep measure {example} --answers FILE."
        )
    from ketaprep.store import open_store  # sqlite: only to list what was kept

    with open_store(reading=True) as store:
        lines = listing(store, questionnaires)
    for line in lines:
        show(user_text(line))
    return 0


def find(questionnaires: Sequence[Questionnaire], name: str) -> Questionnaire:
    """The questionnaire called ``name``; an unknown name is a UsageError naming them."""
    wanted = name.strip().casefold()
    for questionnaire in questionnaires:
        if questionnaire.id == wanted:
            return questionnaire
    names = ", ".join(questionnaire.id for questionnaire in questionnaires)
    raise UsageError(f"There is no questionnaire '{name}'; choose one of: {names}.")


def run(
    options: WalkOptions,
    questionnaire: Questionnaire,
    asker: Asker | None = None,
) -> int:
    """Walk ``questionnaire``; the exit code (130 after Ctrl-C)."""
    spec = replace(SPEC, command=f"measure {questionnaire.id}")
    return run_walk(spec, options, lambda run: _walk(run, questionnaire), asker=asker)


def _walk(run: Run, questionnaire: Questionnaire) -> int:
    items = (*questionnaire.items_to_ask(), NOTE_ITEM)
    run.check_answers(items)
    start = offer_draft(run, _about(questionnaire)) or Start(
        run.store.start_entry(MEASURE, None, questionnaire.id)
    )
    run.begin(start, items=items)
    if run.interactive and any(item.id not in start.answered for item in items):
        run.asker.show(heading(questionnaire))
    answers = run.walk(items, answered=start.answered, defaults=start.defaults)
    result = score(questionnaire, answers)
    before = last_time(run.store, questionnaire.id, but=start.entry.id)
    _save_result(run, questionnaire, result, start.entry)
    run.finish()
    run.asker.show(_summary(run, questionnaire, result, before))
    return 0


def _about(questionnaire: Questionnaire) -> DraftAbout:
    def about(draft: Entry, session: Session | None) -> str | None:
        if draft.guide != questionnaire.id:
            return None
        started = weekday_date(local_time(draft.created).date(), year=False)
        return f"{questionnaire.title} on {started}"

    return about


# --- the results -----------------------------------------------------------------------


def results(
    questionnaire: Questionnaire, result: Result
) -> list[tuple[str, str, str, AnswerValue]]:
    """What is saved besides the answers: (id, type, words, value) for the total, its
    band and each subscale; every value None when there is no total."""
    low, high = questionnaire.lowest, questionnaire.highest
    found: list[tuple[str, str, str, AnswerValue]] = [
        (TOTAL, SCORE_TYPE, f"Total ({low} to {high})", result.total),
        (BAND, "text", "What the total says", result.band.words if result.band else None),
    ]
    for subscale, value in result.subscales:
        sub_low, sub_high = questionnaire.subscale_range(subscale)
        words = f"{subscale.title} ({sub_low} to {sub_high})"
        found.append((SUBSCALE_PREFIX + subscale.id, SCORE_TYPE, words, value))
    return found


def _save_result(run: Run, questionnaire: Questionnaire, result: Result, entry: Entry) -> None:
    """Save the results; with no total, only clear ones kept from an earlier go."""
    assert run.entry_id is not None
    earlier = {answer.item_id for answer in entry.answers}
    for item_id, item_type, words, value in results(questionnaire, result):
        if value is not None or item_id in earlier:
            run.store.save_answer(run.entry_id, item_id, item_type, words, value)


def last_time(store: Store, questionnaire_id: str, *, but: str) -> tuple[Saved, Entry] | None:
    """The newest finished time ``questionnaire_id`` was taken with a total (not entry
    ``but``)."""
    for entry in store.iter_entries(kind=MEASURE):
        if entry.guide != questionnaire_id or entry.id == but:
            continue
        saved = saved_result(answer_values(entry))
        if saved is not None:
            return saved, entry
    return None


# --- what the person sees ------------------------------------------------------------------


def heading(questionnaire: Questionnaire) -> RenderableType:
    """The title, what it is, its introduction and its credit, before the first question."""
    from rich.console import Group

    parts = [user_text(""), user_text(questionnaire.title, style="bold")]
    parts.append(user_text(questionnaire.summary))
    if questionnaire.intro:
        parts.append(user_text(" ".join(questionnaire.intro.split())))
    parts.append(user_text(questionnaire.credit, style="dim"))
    return Group(*parts)


def total_words(questionnaire: Questionnaire, result: Result) -> list[str]:
    """The total and its band, or why there is none."""
    if result.total is None:
        return [
            f"You answered {result.answered} of {result.of}. A total needs every answer, "
            "so there is none this time."
        ]
    said = [
        f"{result.total}, where totals go from {questionnaire.lowest} to {questionnaire.highest}."
    ]
    return said + ([result.band.words] if result.band else [])


def _summary(
    run: Run, questionnaire: Questionnaire, result: Result, before: tuple[Saved, Entry] | None
) -> RenderableType:
    today = weekday_date(datetime.date.today())
    parts = [
        f"{subscale.title}: {value}" for subscale, value in result.subscales if value is not None
    ]
    moved = None
    if before is not None:
        when = f"on {weekday_date(local_time(before[1].created).date())}"
        moved = change_words(before[0].total, result.total, when)
    elif result.total is not None:
        moved = "This is the first total. Next time you will see the change."
    sections = [
        ("Your total:", total_words(questionnaire, result)),
        ("In parts:", parts),
        ("Since last time:", [moved] if moved else []),
    ]
    next_steps = [] if run.alerted else _next_steps(questionnaire)
    return summary(
        f"Saved: your answers to {questionnaire.title}, {today}.",
        sections,
        next_steps,
        store_path=run.store.path,
        after_alert=run.alerted,
    )


def _next_steps(questionnaire: Questionnaire) -> list[str]:
    steps = []
    if questionnaire.every_days:
        steps.append(f"Suggested every {questionnaire.every_days} days.")
    return [*steps, "See your totals over time: ketaprep review --trends"]


# --- ketaprep measure: the list ------------------------------------------------------------


def listing(
    store: Store, questionnaires: Sequence[Questionnaire], today: datetime.date | None = None
) -> list[str]:
    """Each questionnaire and when it was last taken, for ``ketaprep measure``."""
    today = today or datetime.date.today()
    latest = _latest_by_id(store)
    lines = ["The questionnaires (take one with: ketaprep measure NAME):", ""]
    for questionnaire in questionnaires:
        lines.append(f"{questionnaire.id}: {questionnaire.title}")
        lines.append(f"  {_when_taken(questionnaire, latest.get(questionnaire.id), today)}")
    return lines


def _latest_by_id(store: Store) -> dict[str, Entry]:
    found: dict[str, Entry] = {}
    for entry in store.iter_entries(kind=MEASURE):
        found.setdefault(entry.guide, entry)
    return found


def _when_taken(questionnaire: Questionnaire, entry: Entry | None, today: datetime.date) -> str:
    rhythm = (
        f" Suggested every {questionnaire.every_days} days." if questionnaire.every_days else ""
    )
    if entry is None:
        return f"Not taken yet.{rhythm}"
    day = local_time(entry.created).date()
    saved = saved_result(answer_values(entry))
    total = f", total {saved.total}" if saved else ""
    ago = (today - day).days
    since = {0: "today", 1: "yesterday"}.get(ago, f"{ago} days ago")
    return f"Last taken {since} ({weekday_date(day)}{total}).{rhythm}"


def answer_values(entry: Entry) -> Mapping[str, AnswerValue]:
    return {answer.item_id: answer.value for answer in entry.answers}
