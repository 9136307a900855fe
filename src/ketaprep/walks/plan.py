"""``ketaprep plan``: the person's own safety plan, walked by the same engine as every walk.

The questions are ``guides/safety-plan.yaml`` (a clinic may replace it). Each time the
plan is made or changed it is a new entry of kind ``plan``: the newest finished one is
the plan, the earlier ones are kept. Running ``plan`` again shows the plan and offers
to change it, with its answers filled in; with ``--answers``, whatever the file leaves
out keeps the plan's answer. ``help-now`` and the crisis pause show it in brief
(``ketaprep.walks.plan_brief``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ketaprep.answers import AnswerValue, answer_texts
from ketaprep.ask import Asker, ask_until_valid
from ketaprep.console import user_text, visible
from ketaprep.dates import local_time, weekday_date
from ketaprep.guides.model import Item, Step
from ketaprep.walks.command import run_walk
from ketaprep.walks.engine import choice
from ketaprep.walks.plan_brief import KIND
from ketaprep.walks.run import Run, WalkOptions, WalkSpec, offer_draft
from ketaprep.walks.screens import bullets, step_heading, summary

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ketaprep.store import Entry, Store

SPEC = WalkSpec(
    kind=KIND, command="plan", doing="write your safety plan", go_on="Go on with my plan"
)
NO_PLAN = "You have no safety plan yet. Make one on a calm day: ketaprep plan"
IN_A_HARD_MOMENT = (
    "In a hard moment, ketaprep help-now shows your people and first steps, "
    "next to the crisis lines."
)
_CHANGE = choice(
    "change",
    "Would you like to change your plan?",
    {"change": "Change it (your answers are filled in)", "keep": "Keep it as it is"},
)


def run(options: WalkOptions, asker: Asker | None = None) -> int:
    """Make or change the safety plan; the exit code (130 after Ctrl-C)."""
    return run_walk(SPEC, options, _plan, asker=asker)


def _plan(run: Run) -> int:
    step = run.guides().plan
    run.check_answers(step.items)
    latest = latest_plan(run.store)
    resumed = offer_draft(run, lambda draft, session: "your safety plan")
    if run.interactive and resumed is None and latest is not None:
        run.asker.show(plan_view(latest))
        if ask_until_valid(_CHANGE, run.asker, "change") == "keep":
            run.show("\nYour plan stays as it is. " + IN_A_HARD_MOMENT)
            return 0
    start = run.begin(resumed or run.fresh(step), items=step.items)
    first = latest is None and resumed is None
    answers = run.walk_step(
        step,
        answered=start.answered,
        defaults={**(answers_of(latest) if latest else {}), **start.defaults},
        heading=lambda: _opening(step, first=first),
    )
    run.finish()
    run.asker.show(_summary(run, step.items, answers))
    return 0


def latest_plan(store: Store) -> Entry | None:
    """The plan: the newest finished plan entry."""
    found = store.entries(kind=KIND, limit=1)
    return found[0] if found else None


def answers_of(entry: Entry) -> dict[str, AnswerValue]:
    return {answer.item_id: answer.value for answer in entry.answers}


def show_plan() -> RenderableType:
    """``ketaprep plan --show``: the plan as it is now, or how to make one."""
    from ketaprep.store import open_store  # sqlite: loaded only to read the plan

    with open_store(reading=True) as store:
        latest = latest_plan(store)
    return plan_view(latest) if latest else user_text(NO_PLAN)


def plan_view(entry: Entry) -> RenderableType:
    """A plan as it was written: each question as it was asked, and its answers."""
    from rich.console import Group

    assert entry.finished is not None
    day = weekday_date(local_time(entry.finished).date())
    parts: list[RenderableType] = [
        user_text(""),
        user_text(f"Your safety plan, from {day}", "bold"),
    ]
    for question, texts in plan_sections([(a.question, a.value) for a in entry.answers]):
        parts += [user_text(question), bullets(texts)]
    return Group(*parts)


def plan_sections(
    answers: Sequence[tuple[str, AnswerValue]],
) -> list[tuple[str, list[str]]]:
    """(question, lines) for each answer that holds some words."""
    return [(question, answer_texts(value)) for question, value in answers if answer_texts(value)]


def _opening(step: Step, *, first: bool) -> RenderableType:
    """The step's heading; the first time, also what a safety plan is."""
    if not first:
        return step_heading(step)
    from rich.console import Group
    from rich.markdown import Markdown

    return Group(step_heading(step), Markdown(visible(step.body)))


def _summary(run: Run, items: Sequence[Item], answers: Mapping[str, AnswerValue]) -> RenderableType:
    versions = len(run.store.entries(kind=KIND))
    headline = "Saved: your safety plan."
    if versions > 1:
        earlier = "the earlier one is" if versions == 2 else f"the {versions - 1} earlier ones are"
        headline = f"Saved: your safety plan. This is version {versions}; {earlier} kept."
    return summary(
        headline,
        plan_sections([(item.prompt, answers.get(item.id)) for item in items]),
        [IN_A_HARD_MOMENT, "To read it: ketaprep plan --show. To change it: ketaprep plan"],
        store_path=run.store.path,
        after_alert=run.alerted,
    )
