"""The readable exports read each entry straight from its stored rows (as the JSON export
does). What they are given must be what the store's own entries say, shown as every view
shows them: for any journal, the same entries in the same order, with the same words."""

from __future__ import annotations

import datetime
import tempfile
import uuid
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketaprep.dates import local_time
from ketaprep.export.record import Page, Said, Selection, Written, write_record
from ketaprep.paths import Paths
from ketaprep.review.words import Labels, crisis_shown_words, shown_value
from ketaprep.store import Answer, CrisisShown, Entry, Session, Store, open_store

UTC = datetime.timezone.utc
START = datetime.datetime(2026, 11, 1, 8, tzinfo=UTC)
LABELS: Labels = {"ready": {"ride": "A ride home", "meal": "A light meal"}}
ITEM_IDS = ["ready", "mood", "came-up", "intention-1", "gone"]
TEXTS = st.text(max_size=20) | st.sampled_from(["  two\n spaces ", "- a\n1. b", "\udcff"])
VALUES = {
    "checklist": st.lists(st.sampled_from(["ride", "meal", "nope"]), max_size=3),
    "choice": st.sampled_from(["ride", "touched", "nope"]),
    "scale": st.integers(min_value=-3, max_value=12),
    "long_text": TEXTS,
    "list": st.lists(TEXTS, max_size=3),
    "confirm": st.booleans(),
}


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    answers = []
    for item_id in draw(st.lists(st.sampled_from(ITEM_IDS), unique=True, max_size=4)):
        item_type = draw(st.sampled_from(sorted(VALUES)))
        value = draw(st.none() | VALUES[item_type])
        seen = draw(st.sampled_from([{}, {"ride": "Someone drives me"}]))
        moment = START + datetime.timedelta(minutes=draw(st.integers(0, 60)))
        partial = draw(st.booleans())
        answers.append(Answer(item_id, item_type, draw(TEXTS), value, moment, partial, seen))
    created = START + datetime.timedelta(hours=draw(st.integers(0, 24 * 40)))
    shown = tuple(
        CrisisShown(item_id, "mood is 1 or less", created + datetime.timedelta(minutes=minute))
        for item_id, minute in draw(
            st.lists(st.tuples(st.sampled_from(ITEM_IDS), st.integers(0, 9)), max_size=2)
        )
    )
    kind = draw(st.sampled_from(["prepare", "journal", "checkin", "measure"]))
    finished = draw(st.none() | st.just(created))
    session = draw(st.none() | st.integers(1, 3))
    entry_id = str(uuid.UUID(int=draw(st.integers(0, 2**128 - 1)), version=4))
    return Entry(entry_id, kind, session, "g", created, created, finished, tuple(answers), shown)


def as_shown(entry: Entry) -> Written:
    """The entry as the store loads it, in the words every view shows."""
    answers = [
        Said(a.item_id, a.item_type, a.question, shown_value(a, LABELS), a.partial)
        for a in entry.answers
    ]
    crisis = crisis_shown_words(entry)
    return Written(entry.kind, local_time(entry.created), entry.is_draft, crisis, answers)


def expected(store: Store, selection: Selection) -> list[object]:
    """Session by session (oldest first), then the entries between sessions."""
    kept: list[object] = []
    which = {"since": selection.since, "until": selection.until, "include_drafts": True}
    sessions = [s for s in store.sessions() if selection.session in (None, s.number)]
    for session in sorted(sessions, key=lambda s: (s.date, s.number)):
        kept.append(session.number)
        found = store.iter_entries(session_number=session.number, oldest_first=True, **which)
        kept += [as_shown(entry) for entry in found]
    if selection.session is None:
        found = store.iter_entries(no_session=True, oldest_first=True, **which)
        kept += [as_shown(entry) for entry in found]
    return kept


def recorded(store: Store, selection: Selection) -> list[object]:
    seen: list[object] = []

    def keep(thing: object) -> str:
        seen.append(thing)
        return ""

    page = Page(
        session=lambda session: keep(session.number),
        card=lambda card: "",
        entry=keep,
        empty_session="",
        session_end="",
        between="",
        between_end="",
        nothing="",
    )
    sessions = [s for s in store.sessions() if selection.session in (None, s.number)]
    sessions.sort(key=lambda s: (s.date, s.number))
    write_record(store, lambda text: None, selection, page, sessions, LABELS)
    return seen


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    made=st.lists(entries(), max_size=6, unique_by=lambda entry: entry.id),
    selection=st.sampled_from(
        [
            Selection(),
            Selection(session=2),
            Selection(since=datetime.date(2026, 11, 5), until=datetime.date(2026, 11, 20)),
        ]
    ),
)
def test_the_readable_exports_get_what_the_store_keeps(
    made: list[Entry], selection: Selection
) -> None:
    days = [datetime.date(2026, 11, day) for day in (20, 2, 9)]  # not in number order
    with (
        tempfile.TemporaryDirectory() as folder,
        open_store(Paths(Path(folder), Path(folder))) as store,
    ):
        sessions = [Session(number, day, None) for number, day in enumerate(days, 1)]
        store.import_records(sessions, made)
        assert recorded(store, selection) == expected(store, selection)
