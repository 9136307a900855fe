"""What an export holds, and the order a readable record goes in.

A ``Selection`` chooses the sessions and entries (one session, or a time). Markdown and
HTML read the same record: session by session, each with the card prepare made for it
(guides.card) and its entries, oldest first, then the entries between sessions. A
``Page`` says how one format writes each part, so a new readable format writes only its
own pieces.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, NamedTuple

from ketaprep.answers import AnswerValue
from ketaprep.dates import local_time
from ketaprep.guides.card import Card, card_for
from ketaprep.private_files import Write
from ketaprep.review.scores import read_series
from ketaprep.review.words import Labels, crisis_lines, shown_words
from ketaprep.store import EntryFilter
from ketaprep.store.codec import load_labels, moment
from ketaprep.store.values import load_value
from ketaprep.vocab import OPTION_TYPES

if TYPE_CHECKING:
    from pathlib import Path

    from ketaprep.guides.model import Step
    from ketaprep.guides.questionnaire import Questionnaire
    from ketaprep.review.scores import Series
    from ketaprep.store import AnswerRow, CrisisShown, Entry, EntryRow, Session, Store

CardOf = Callable[["Entry"], Card]  # prepare's entry for a session -> the session's card


@dataclass(frozen=True)
class Selection:
    session: int | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None


EVERYTHING = Selection()


class Said(NamedTuple):
    """An answer as a readable record shows it."""

    item_id: str
    item_type: str
    question: str  # as it was asked
    value: AnswerValue  # options as the words the person saw (``shown_words``)
    partial: bool


class Written(NamedTuple):
    """An entry as a readable record shows it, made straight from its stored rows (as
    the JSON export is): building whole Entry records took most of an export's time."""

    kind: str
    created: datetime.datetime  # local time
    draft: bool
    crisis: list[str]  # ``crisis_lines``: empty if the crisis lines were not shown
    answers: list[Said]


@dataclass(frozen=True)
class Page:
    """One format's pieces of the record."""

    session: Callable[[Session], str]  # a session's heading, and its note
    card: Callable[[Card], str]  # the card prepare made for the session
    entry: Callable[[Written], str]
    empty_session: str  # a session with nothing written for it
    session_end: str
    between: str  # the heading of the entries between sessions
    between_end: str
    nothing: str  # no session and no entry in the selection


def chosen_sessions(store: Store, selection: Selection) -> list[Session]:
    """The sessions ``selection`` holds, by number."""
    if selection.session is not None:
        found = store.session(selection.session)
        return [found] if found else []
    if selection.since or selection.until:
        chosen = store.sessions_within(selection.since, selection.until)
    else:
        chosen = store.sessions()
    return sorted(chosen, key=lambda session: session.number)


def sessions_in_order(store: Store, selection: Selection) -> list[Session]:
    """The sessions ``selection`` holds, the way a record reads: oldest first."""
    return sorted(
        chosen_sessions(store, selection), key=lambda session: (session.date, session.number)
    )


def scores_in(
    store: Store, selection: Selection, questionnaires: Sequence[Questionnaire]
) -> list[Series]:
    """The questionnaires' totals the record shows: in the time chosen, or for one
    session, those from its day until the next session's (as its check-ins)."""
    found = read_series(store, questionnaires, selection.since, selection.until)
    if selection.session is None:
        return found
    session = store.session(selection.session)
    if session is None:
        return []
    later = sorted(s.date for s in store.sessions() if s.date > session.date)
    kept = [
        replace(series, taken=tuple(
            taken for taken in series.taken
            if taken.at.date() >= session.date and (not later or taken.at.date() < later[0])
        ))
        for series in found
    ]  # fmt: skip
    return [series for series in kept if series.taken]


def cards_from(guides_dir: Path | None) -> CardOf:
    """Cards as prepare makes them, with step 3 of the guides in use (read at the first
    card; without readable guides, a card holds the person's own lines only)."""
    steps: list[Step | None] = []

    def card_of(entry: Entry) -> Card:
        if not steps:
            from ketaprep.review.words import guides_to_show

            guides = guides_to_show(guides_dir)
            steps.append(guides.step("3") if guides is not None else None)
        answers = {answer.item_id: answer.value for answer in entry.answers}
        return card_for(answers, steps[0], after_alert=bool(entry.crisis_shown))

    return card_of


def write_record(
    store: Store,
    write: Write,
    selection: Selection,
    page: Page,
    sessions: Sequence[Session],
    labels: Labels,
    cards: CardOf | None = None,
) -> int:
    """``sessions`` (see ``sessions_in_order``), each with its card (``cards``) and its
    entries, then the entries between sessions, as ``page`` writes them. Returns how
    many entries were written. ``labels``: the current guides', as for ``shown_words``."""
    chosen = EntryFilter(
        session_number=selection.session,
        since=selection.since,
        until=selection.until,
        include_drafts=True,
    )
    crises = store.crisis_shown_by_entry(chosen)  # few: all at once

    def entries(**which: Any) -> Iterator[Written]:
        for row, answers in store.iter_rows(replace(chosen, **which)):
            yield _written(row, answers, crises.get(row[0], ()), labels)

    count = 0
    for session in sessions:
        write(page.session(session))
        prepared = store.kept_for("prepare", session.number) if cards else None
        if cards and prepared is not None:
            write(page.card(cards(prepared)))
        written = 0
        for entry in entries(session_number=session.number):
            write(page.entry(entry))
            written += 1
        if not written:
            write(page.empty_session)
        write(page.session_end)
        count += written
    if selection.session is None:
        between = 0
        for entry in entries(no_session=True):
            write((page.between if not between else "") + page.entry(entry))
            between += 1
        if between:
            write(page.between_end)
        count += between
    if not count and not sessions:
        write(page.nothing)
    return count


def _written(
    row: EntryRow, answers: list[AnswerRow], crisis: Sequence[CrisisShown], labels: Labels
) -> Written:
    """An entry's stored rows as the record shows it: only what it shows is read (an
    answer's labels only for an option answer, no answer's time)."""
    said = []
    for item_id, item_type, question, value, _answered_at, partial, seen in answers:
        loaded = load_value(value)
        if item_type in OPTION_TYPES:
            loaded = shown_words(item_id, item_type, loaded, load_labels(seen), labels)
        said.append(Said(item_id, item_type, question, loaded, bool(partial)))
    asked = {answer.item_id: answer.question for answer in said} if crisis else {}
    created = local_time(moment(row[4]))
    return Written(row[1], created, row[6] is None, crisis_lines(crisis, asked), said)
