"""``ketaprep checkin``: a two-minute walk through step 5 on any day between sessions.

What helped since last time, who was around, the next therapist check-in, a win, the
same scales as prepare and journal, and the safety question. The shared glue (asker,
``--answers``, resume, saving, crisis lines and the pause on an alert, Ctrl-C) is
Run's (walks.run); this module adds what is the check-in's own:

- The person's own practices, added in one check-in, are offered in the checklist of
  the next ones (their words are the option ids, so the answer reads right anywhere).
- A check-in belongs to no session: review places it between sessions by its date.
- A kind note on the rhythm of check-ins at the end; a welcome the first time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ketaprep.answers import AnswerValue, answer_texts
from ketaprep.dates import local_time, weekday_date
from ketaprep.guides.model import Item, Option
from ketaprep.vocab import NEXT_THERAPIST, OWN_PRACTICES, PRACTICES, WIN
from ketaprep.walks.command import run_walk
from ketaprep.walks.run import Run, WalkOptions, WalkSpec, offer_draft
from ketaprep.walks.screens import summary

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ketaprep.ask import Asker
    from ketaprep.store import Entry, Session, Store

SPEC = WalkSpec(kind="checkin", command="checkin", doing="check in", go_on="Go on with my check-in")
NO_TERMINAL = SPEC.no_terminal
STEP = "5"
MOST_REMEMBERED = 10  # own practices offered again: the newest ones, so the list stays short

FIRST_TIME = (
    "This was your first check-in. Welcome. Come back whenever you like: "
    "it takes about two minutes."
)


def run(options: WalkOptions, asker: Asker | None = None) -> int:
    """Walk a check-in; the exit code (130 after Ctrl-C)."""
    return run_walk(SPEC, options, _checkin, asker=asker)


def _checkin(run: Run) -> int:
    step = run.guides().step(STEP)
    items = with_own_practices(step.items, own_practices(run.store))
    run.check_answers(items)
    start = run.begin(offer_draft(run, _started) or run.fresh(step), items=items)
    answers = run.walk_step(step, items, answered=start.answered, defaults=start.defaults)
    run.finish()
    run.asker.show(_summary(run, items, answers))
    if not run.alerted:  # after the crisis lines, no cheerful words at the end
        run.show("\n" + rhythm_note(run.store))
    return 0


def _started(draft: Entry, session: Session | None) -> str:
    return f"a check-in on {weekday_date(local_time(draft.created).date(), year=False)}"


# --- the person's own practices ----------------------------------------------------------


def own_practices(store: Store) -> list[str]:
    """The own practices of earlier check-ins, oldest first, the newest MOST_REMEMBERED
    (one named again counts as new)."""
    return store.own_practices(MOST_REMEMBERED)


def with_own_practices(items: Sequence[Item], remembered: Sequence[str]) -> list[Item]:
    """The items with the remembered practices added to the PRACTICES checklist, and
    left out of the ideas the OWN_PRACTICES list offers. Practices the guide already
    has (same id or label, in any case) are not added twice."""
    checklist = next((i for i in items if i.id == PRACTICES and i.type == "checklist"), None)
    if checklist is None or not remembered:
        return list(items)
    taken = {word.casefold() for o in checklist.options for word in (o.id, o.label)}
    extra = [Option(text, text) for text in remembered if text.casefold() not in taken]
    offered = {text.casefold() for text in remembered}
    changed: list[Item] = []
    for item in items:
        if item is checklist:
            item = replace(item, options=(*item.options, *extra))
        elif item.id == OWN_PRACTICES and item.type == "list":
            ideas = tuple(e for e in item.examples if e.casefold() not in offered)
            item = replace(item, examples=ideas)
        changed.append(item)
    return changed


# --- the end -------------------------------------------------------------------------------


def rhythm_note(store: Store) -> str:
    """How often the person checks in, said kindly; a welcome after the first check-in."""
    from ketaprep.review import trends

    counts = trends.counts(store)
    if counts.checkins <= 1:
        return FIRST_TIME
    return trends.rhythm_sentence(counts)


def _summary(run: Run, items: Sequence[Item], answers: Mapping[str, AnswerValue]) -> RenderableType:
    """What was saved and where; after an alert, the care team first among the next steps."""
    import datetime

    practices = next((item for item in items if item.id == PRACTICES), None)
    ticked = answer_texts(answers.get(PRACTICES))
    helped = [o.label for o in practices.options if o.id in ticked] if practices else []
    helped += [text for text in answer_texts(answers.get(OWN_PRACTICES)) if text not in helped]
    sections = [
        ("What helped:", helped),
        ("Your win:", [] if _help_after_win(run) else answer_texts(answers.get(WIN))),
        ("Your next check-in with your therapist:", answer_texts(answers.get(NEXT_THERAPIST))),
    ]
    today = weekday_date(datetime.date.today())
    return summary(
        f"Saved: your check-in for {today}.",
        sections,
        [] if run.alerted else ["Read your wins whenever you like: ketaprep review --wins"],
        store_path=run.store.path,
        after_alert=run.alerted,
    )


def _help_after_win(run: Run) -> bool:
    """Whether the crisis help was shown after the win's answer ("Nothing. I want to end
    my life"): it is kept as written, but not read back to the person as a win."""
    assert run.entry_id is not None
    return any(shown.item_id == WIN for shown in run.store.entry(run.entry_id).crisis_shown)
