"""``ketaprep review``: which view the options ask for, and showing it.

The queries are in queries.py, what things look like in views.py, the ``--json``
shapes in json.py, the interactive browser in browser.py, change over time in trends.py.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from ketaprep.console import in_terminal, pipe_width, piped, screen_size
from ketaprep.dates import parse_date
from ketaprep.errors import UsageError
from ketaprep.review import rows
from ketaprep.review.page import MOST_SHOWN, Query, ReviewOptions, stream
from ketaprep.review.words import guide_labels
from ketaprep.store import open_store
from ketaprep.vocab import KINDS, as_kind

if TYPE_CHECKING:
    from ketaprep.review.views import Block
    from ketaprep.store import Store

Show = Callable[["Store", Query, ReviewOptions], int]


def entry_to_show(what: str | None, entry_id: str | None) -> str | None:
    """The ID of ``review show ID``; anything else where ``show`` goes is refused."""
    if what is not None and (what != "show" or entry_id is None):
        raise UsageError("To read one entry, run: ketaprep review show ID")
    return entry_id


def run(options: ReviewOptions, *, interactive: bool | None = None) -> int:
    """Show what ``options`` ask for; with none and a terminal, open the browser."""
    query = _query(options)
    mode = _mode(options)
    if interactive is None:
        interactive = sys.stdin.isatty() and sys.stdout.isatty()

    # Review only reads: a journal its owner made read-only can still be looked back on.
    with open_store(reading=True) as store:
        if mode == "browse" and interactive:
            from ketaprep.review.browser import browse

            return browse(store, options)
        return _SHOWS.get(mode, _show_list)(store, query, options)


def _query(options: ReviewOptions) -> Query:
    kind = None if options.kind is None else as_kind(options.kind)
    if options.kind is not None and kind is None:
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
        kind=kind,
        since=since,
        until=until,
        tag=tag,
        words=words,
        limit=options.limit or None,
    )


def _mode(options: ReviewOptions) -> str:
    """Which view: show, trends, wins, session, list, or browse."""
    chosen = [
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
    if len(chosen) > 1 and not (set(chosen) == {"--list", "--search"}):
        raise UsageError(f"Please choose one of {' and '.join(chosen)}, not both at once.")
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
        if flag in chosen:
            extra = [name for name in filters if name not in allowed]
            if extra:
                raise UsageError(
                    f"{flag} looks at everything; please leave out {', '.join(extra)}."
                )
            return flag.removeprefix("--")
    if chosen:
        return "list"
    if filters == ["--session"]:
        return "session"
    if filters:
        return "list"
    return "browse"


# --- each view -------------------------------------------------------------------------
# Each imports what it shows with: a list in a pipe needs neither rich nor the JSON.


def _show_list(store: Store, query: Query, options: ReviewOptions) -> int:
    page = stream(store, query, rows=not (query.words or options.json))
    labels = guide_labels(options.guides_dir)
    if options.json:
        from ketaprep.review import json as review_json

        review_json.write_page(page, query, labels)
        return 0
    if piped():
        room = pipe_width() - len(rows.table_head(page.kinds))
        if query.words or room >= rows.FEWEST_COLUMNS:  # narrower, rich lays it out
            lines = (
                rows.search_lines(page, query, labels)
                if query.words
                else rows.table_lines(page, query, room, labels)
            )
            rows.write(lines, sys.stdout)
            return 0
    elif in_terminal():
        width, height = screen_size()
        room = width - len(rows.table_head(page.kinds))
        if room >= rows.FEWEST_COLUMNS:  # narrower, rich stacks each entry
            from ketaprep.review import styled

            blocks = (
                styled.search_blocks(page, query, labels)
                if query.words
                else styled.table_blocks(page, query, room, labels)
            )
            styled.show(blocks, width, height)
            return 0
    from ketaprep.review import views

    if query.words:
        views.emit(views.search_results(page, query, labels))
    else:
        views.emit(views.entries_table(page, query, views.console_width(), labels))
    return 0


def _show_entry(store: Store, query: Query, options: ReviewOptions) -> int:
    from ketaprep.review import json as review_json
    from ketaprep.review import views

    assert options.show is not None
    entry = store.entry(options.show)
    labels = guide_labels(options.guides_dir)
    return _either(
        options,
        lambda: review_json.entry_json(entry, labels),
        lambda: views.entry_card(entry, labels),
    )


def _show_session(store: Store, query: Query, options: ReviewOptions) -> int:
    from ketaprep.review import json as review_json
    from ketaprep.review.queries import session_summary
    from ketaprep.review.session_view import session_card

    assert options.session is not None
    labels = guide_labels(options.guides_dir)
    summary = session_summary(store, options.session, labels)
    return _either(
        options,
        lambda: review_json.summary_json(summary, labels),
        lambda: session_card(summary, labels),
    )


def _show_wins(store: Store, query: Query, options: ReviewOptions) -> int:
    from ketaprep.review import json as review_json
    from ketaprep.review import views
    from ketaprep.review.queries import wins

    found, total = wins(store, query)
    return _either(
        options, lambda: review_json.wins_json(found, total), lambda: views.wins_view(found, total)
    )


def _either(
    options: ReviewOptions,
    document: Callable[[], dict[str, object]],
    blocks: Callable[[], list[Block]],
) -> int:
    """The JSON document with ``--json``, else the blocks of the view."""
    from ketaprep.review import json as review_json
    from ketaprep.review import views

    if options.json:
        review_json.write_document(document())
    else:
        views.emit(blocks())
    return 0


def _show_trends(store: Store, query: Query, options: ReviewOptions) -> int:
    from ketaprep.review import json as review_json
    from ketaprep.review import scores, trends, views
    from ketaprep.review.queries import next_therapist

    counts = trends.counts(store)
    note = next_therapist(store)
    installed = scores.installed(options.guides_dir)
    series = scores.read_series(store, installed, query.since, query.until)
    if options.json:
        points = trends.iter_points(store, query.since, query.until)
        document = review_json.trends_json(query, counts, note, series)
        review_json.write_streamed(document, "points", map(review_json.point_json, points))
        return 0
    latest = None if options.plain else trends.chart_room(views.console_width()) + 1
    found = trends.points(store, query.since, query.until, latest=latest)
    width = views.console_width()
    views.emit(views.trends_view(found, counts, note, width, options.plain, series))
    return 0


_SHOWS: dict[str, Show] = {
    "show": _show_entry,
    "trends": _show_trends,
    "wins": _show_wins,
    "session": _show_session,
    "list": _show_list,
}
