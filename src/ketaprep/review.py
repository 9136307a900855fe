"""``ketaprep review``: look back over what was written.

The queries (a page of entries, one session gathered together, wins, the next therapist
check-in) and the choice of view from the options. What things look like is in
review_views.py, the ``--json`` shapes in review_json.py, the interactive browser in
review_browser.py, change over time in trends.py.
"""

from __future__ import annotations

import datetime
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ketaprep import vocab
from ketaprep.answer_words import shown_value
from ketaprep.dates import local_time
from ketaprep.errors import UsageError

if TYPE_CHECKING:
    from ketaprep.answer_words import Labels
    from ketaprep.review_views import Block
    from ketaprep.store import Answer, Entry, EntryFilter, Session, Store

DEFAULT_LIMIT = 50
MOST_SHOWN = 100_000  # the largest --limit; 0 shows every entry

_INTENTION_ITEM = re.compile(r"intention-(\d+)(?:-note)?\Z")  # journal: how it went, a note


@dataclass(frozen=True)
class ReviewOptions:
    show: str | None = None  # an entry id, or its first characters
    list: bool = False
    session: int | None = None
    kind: str | None = None
    since: str | None = None
    until: str | None = None
    tag: str | None = None
    search: str | None = None
    json: bool = False
    trends: bool = False
    wins: bool = False
    limit: int = DEFAULT_LIMIT  # 0: every one
    plain: bool = False
    guides_dir: Path | None = None


@dataclass(frozen=True)
class Query:
    """Which entries a list or search shows."""

    session: int | None = None
    kind: str | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None
    tag: str | None = None
    words: str = ""
    limit: int | None = DEFAULT_LIMIT

    def entry_filter(self) -> EntryFilter:
        from ketaprep.store import EntryFilter

        return EntryFilter(
            kind=self.kind,
            session_number=self.session,
            since=self.since,
            until=self.until,
            include_drafts=True,
        )


@dataclass(frozen=True)
class EntryPage:
    entries: list[Entry]
    total: int  # how many match in all; ``entries`` may hold fewer


@dataclass(frozen=True)
class IntentionNotes:
    """One intention from prepare, and what each journal entry said about it."""

    number: int
    text: str | None  # None: a journal answer about an intention no longer in the list
    notes: list[tuple[Entry, Answer]]


@dataclass(frozen=True)
class SessionSummary:
    session: Session
    next_session: Session | None
    prepare: Entry | None  # the newest finished prepare
    journals: list[Entry]  # finished, oldest first
    intentions: list[IntentionNotes]
    clinic_questions: list[str]
    checkins: list[Entry]  # finished, from this session's day until the next session's
    entries: list[Entry]  # everything linked to the session, drafts too, oldest first

    @property
    def prepared(self) -> bool:
        return self.prepare is not None

    @property
    def journalled(self) -> bool:
        return bool(self.journals)


@dataclass(frozen=True)
class Win:
    entry_id: str
    created: datetime.datetime
    text: str


@dataclass(frozen=True)
class TherapistNote:
    """When the next therapist check-in is, in the person's words, and when they said so."""

    text: str
    written: datetime.datetime
    day: datetime.date | None  # the day it names, when it can be read as one


@dataclass(frozen=True)
class SessionLine:
    session: Session
    kinds: dict[str, int] = field(default_factory=dict)  # finished entries of each kind


# --- queries ---------------------------------------------------------------------------


def find(store: Store, query: Query) -> EntryPage:
    entries, total = store.find_entries(
        query.entry_filter(), words=query.words, tag=query.tag, limit=query.limit
    )
    return EntryPage(entries, total)


def session_lines(store: Store) -> list[SessionLine]:
    """Every session, newest first, with how many entries of each kind it has."""
    kinds = store.session_kinds()
    return [SessionLine(session, kinds.get(session.number, {})) for session in store.sessions()]


def session_summary(store: Store, number: int, labels: Labels | None = None) -> SessionSummary:
    session = store.session(number)
    if session is None:
        raise UsageError(f"There is no session {number} in your journal.")
    later = sorted(
        (s for s in store.sessions() if (s.date, s.number) > (session.date, session.number)),
        key=lambda s: (s.date, s.number),
    )
    next_session = later[0] if later else None
    entries = list(
        store.iter_entries(session_number=number, include_drafts=True, oldest_first=True)
    )
    finished = [entry for entry in entries if not entry.is_draft]
    prepares = [entry for entry in finished if entry.kind == "prepare"]
    journals = [entry for entry in finished if entry.kind == "journal"]
    prepare = prepares[-1] if prepares else None
    until = None
    if next_session is not None:
        # the day before the next session (written so that 0001-01-01 cannot underflow)
        later_day = next_session.date > session.date
        until = next_session.date - datetime.timedelta(days=1) if later_day else session.date
    checkins = list(
        store.iter_entries(kind="checkin", since=session.date, until=until, oldest_first=True)
    )
    return SessionSummary(
        session=session,
        next_session=next_session,
        prepare=prepare,
        journals=journals,
        intentions=_intention_notes(prepare, journals),
        clinic_questions=_clinic_questions(prepare, {} if labels is None else labels),
        checkins=checkins,
        entries=entries,
    )


def _intention_notes(prepare: Entry | None, journals: list[Entry]) -> list[IntentionNotes]:
    value = prepare.value(vocab.INTENTIONS) if prepare else None
    intentions = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    notes: dict[int, list[tuple[Entry, Answer]]] = {}
    for journal in journals:
        for answer in journal.answers:
            match = _INTENTION_ITEM.match(answer.item_id)
            if match and answer.value not in (None, "", []):
                notes.setdefault(int(match[1]), []).append((journal, answer))
    found = [
        IntentionNotes(number, text, notes.get(number, []))
        for number, text in enumerate(intentions, start=1)
    ]
    found += [
        IntentionNotes(number, None, notes[number])
        for number in sorted(notes)
        if number > len(intentions)
    ]
    return found


def _clinic_questions(prepare: Entry | None, labels: Labels) -> list[str]:
    if prepare is None:
        return []
    questions: list[str] = []
    for answer in prepare.answers:
        if answer.item_id == vocab.CLINIC_QUESTIONS and isinstance(answer.value, list):
            shown = shown_value(answer, labels)
            questions += shown if isinstance(shown, list) else []
    own = prepare.value(vocab.OWN_QUESTIONS)
    if isinstance(own, list):
        questions += own
    elif isinstance(own, str) and own.strip():
        questions.append(own)
    return questions


def wins(store: Store, query: Query) -> tuple[list[Win], int]:
    """Check-in wins, newest first; and how many there are in all."""
    from ketaprep.store import EntryFilter

    found = store.entries_with(
        [vocab.WIN], EntryFilter(kind="checkin", since=query.since, until=query.until),
        newest_first=True,
    )  # fmt: skip
    every = [
        Win(entry.id, entry.created, str(entry.answers[0].value))
        for entry in found
        if isinstance(entry.answers[0].value, str) and entry.answers[0].value.strip()
    ]
    shown = every if query.limit is None else every[: query.limit]
    return shown, len(every)


def next_therapist(store: Store, today: datetime.date | None = None) -> TherapistNote | None:
    """The newest check-in's answer to when the next therapist check-in is; None when it
    names a day that has passed, or no check-in has said."""
    from ketaprep.dates import parse_date
    from ketaprep.store import EntryFilter

    found = list(
        store.entries_with(
            [vocab.NEXT_THERAPIST], EntryFilter(kind="checkin"), newest_first=True, limit=1
        )
    )
    if not found or not isinstance(found[0].answers[0].value, str):
        return None
    entry, text = found[0], found[0].answers[0].value.strip()
    written = local_time(entry.created)
    day: datetime.date | None
    try:
        day = parse_date(text, direction="future", today=written.date())
    except UsageError:
        day = None
    if day is not None and day < (today or datetime.date.today()):
        return None
    return TherapistNote(text, written, day)


def labels_or_empty(guides_dir: Path | None) -> Labels:
    """Option labels from the guides, for answers saved without their own; built-in ones
    if the person's guides cannot be read, and none at all (ids are shown) if even those
    cannot. Read on first use."""
    from ketaprep.answer_words import guide_labels

    return guide_labels(guides_dir)


# --- the command -----------------------------------------------------------------------


def run(options: ReviewOptions, *, interactive: bool | None = None) -> int:
    """Show what ``options`` ask for; with none and a terminal, open the browser."""
    query = _query(options)
    mode = _mode(options)
    if interactive is None:
        interactive = sys.stdin.isatty() and sys.stdout.isatty()
    from ketaprep.store import open_store

    # Review only reads: a journal its owner made read-only can still be looked back on.
    with open_store(reading=True) as store:
        if mode == "browse" and interactive:
            from ketaprep.review_browser import browse

            return browse(store, options)
        if mode == "show":
            assert options.show is not None
            return _show_entry(store, options.show, options)
        if mode == "trends":
            return _show_trends(store, query, options)
        if mode == "wins":
            return _show_wins(store, query, options)
        if mode == "session":
            assert options.session is not None
            return _show_session(store, options.session, options)
        return _show_list(store, query, options)


def _query(options: ReviewOptions) -> Query:
    from ketaprep.dates import parse_date
    from ketaprep.store import KINDS

    if options.kind is not None and options.kind not in KINDS:
        raise UsageError(f'"{options.kind}" is not a kind of entry. Please use {", ".join(KINDS)}.')
    if not 0 <= options.limit <= MOST_SHOWN:
        raise UsageError(
            f"--limit is how many entries to show: 0 for all, or a number from 1 to {MOST_SHOWN}."
        )
    if options.session is not None and options.session < 1:
        raise UsageError("A session number is a whole number from 1 up.")
    since = parse_date(options.since, direction="past") if options.since else None
    until = parse_date(options.until, direction="past") if options.until else None
    if since and until and since > until:
        raise UsageError("--since is after --until, so nothing could match. Please swap them.")
    tag = options.tag
    if tag is not None and not tag.strip().lstrip("#@").strip():
        raise UsageError("Please give a tag to look for, like --tag family.")
    words = options.search or ""
    if options.search is not None and not words.split():
        raise UsageError("Please give a word to search for, like --search river.")
    return Query(
        session=options.session,
        kind=options.kind,
        since=since,
        until=until,
        tag=tag,
        words=words,
        limit=options.limit or None,
    )


def _mode(options: ReviewOptions) -> str:
    """Which view: show, trends, wins, session, list, or browse."""
    views = [
        name
        for name, wanted in (
            ("show ID", options.show is not None),
            ("--trends", options.trends),
            ("--wins", options.wins),
            ("--list", options.list),
            ("--search", options.search is not None),
        )
        if wanted
    ]
    if len(views) > 1 and not (set(views) == {"--list", "--search"}):
        raise UsageError(f"Please choose one of {' and '.join(views)}, not both at once.")
    filters = [
        name
        for name, given in (
            ("--session", options.session is not None),
            ("--kind", options.kind is not None),
            ("--tag", options.tag is not None),
            ("--since", options.since is not None),
            ("--until", options.until is not None),
        )
        if given
    ]
    if options.show is not None:
        if filters:
            raise UsageError(f"show ID shows one entry; please leave out {', '.join(filters)}.")
        return "show"
    for flag, allowed in (("--trends", {"--since", "--until"}), ("--wins", {"--since", "--until"})):
        if flag in views:
            extra = [name for name in filters if name not in allowed]
            if extra:
                raise UsageError(
                    f"{flag} looks at everything; please leave out {', '.join(extra)}."
                )
            return flag.removeprefix("--")
    if views:
        return "list"
    if filters == ["--session"]:
        return "session"
    if filters:
        return "list"
    return "browse"


def console_width() -> int:
    from ketaprep.console import get_console

    return get_console().width


def emit(blocks: list[Block]) -> None:
    """In a terminal: styled, wrapped and paged. Elsewhere: plain lines, written quickly."""
    from ketaprep.console import get_console
    from ketaprep.review_views import plain, renderable

    console = get_console()
    if console.is_terminal:
        from ketaprep.views import show_paged

        show_paged(renderable(blocks), console)
    else:
        console.file.write(plain(blocks))
        console.file.flush()


def _show_list(store: Store, query: Query, options: ReviewOptions) -> int:
    from ketaprep import review_views

    page = find(store, query)
    labels = labels_or_empty(options.guides_dir)
    if options.json:
        from ketaprep import review_json

        review_json.write(review_json.dumps(review_json.page_json(page, query, labels)))
        return 0
    if query.words:
        emit(review_views.search_results(page, query, labels))
    else:
        emit(review_views.entries_table(page, query, console_width(), labels))
    return 0


def _show_entry(store: Store, entry_id: str, options: ReviewOptions) -> int:
    entry = store.entry(entry_id)
    labels = labels_or_empty(options.guides_dir)
    if options.json:
        from ketaprep import review_json

        review_json.write(
            review_json.dumps({"view": "entry", "entry": review_json.entry_json(entry, labels)})
        )
        return 0
    from ketaprep import review_views

    emit(review_views.entry_card(entry, labels))
    return 0


def _show_session(store: Store, number: int, options: ReviewOptions) -> int:
    labels = labels_or_empty(options.guides_dir)
    summary = session_summary(store, number, labels)
    if options.json:
        from ketaprep import review_json

        review_json.write(review_json.dumps(review_json.summary_json(summary, labels)))
        return 0
    from ketaprep import review_views

    emit(review_views.session_card(summary, labels))
    return 0


def _show_wins(store: Store, query: Query, options: ReviewOptions) -> int:
    found, total = wins(store, query)
    if options.json:
        from ketaprep import review_json

        review_json.write(review_json.dumps(review_json.wins_json(found, total)))
        return 0
    from ketaprep import review_views

    emit(review_views.wins_view(found, total))
    return 0


def _show_trends(store: Store, query: Query, options: ReviewOptions) -> int:
    from ketaprep import trends

    counts = trends.counts(store)
    note = next_therapist(store)
    if options.json:
        from ketaprep import review_json

        document: dict[str, object] = {
            "view": "trends",
            "since": review_json.day_json(query.since),
            "until": review_json.day_json(query.until),
            "counts": {
                "sessions": counts.sessions,
                "entries": counts.entries,
                "checkins": counts.checkins,
                "recent_checkins": counts.recent_checkins,
                "recent_days": trends.RHYTHM_DAYS,
                "days_in_a_row": counts.days_in_a_row,
            },
            "rhythm": trends.rhythm_sentence(counts),
            "next_therapist": review_json.therapist_json(note),
        }
        points = trends.iter_points(store, query.since, query.until)
        review_json.write_streamed(
            document, "points", (review_json.point_json(point) for point in points)
        )
        return 0
    latest = None if options.plain else trends.chart_room(console_width()) + 1
    found = trends.points(store, query.since, query.until, latest=latest)
    from ketaprep import review_views

    emit(review_views.trends_view(found, counts, note, console_width(), options.plain))
    return 0
