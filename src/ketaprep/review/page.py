"""Which entries a list or search shows: review's options, the query they make, and
the page of entries found. Kept apart from queries.py (sessions, wins), so a list
starts with no more than it needs.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ketaprep import vocab
from ketaprep.store import Entry, EntryFilter

if TYPE_CHECKING:
    from ketaprep.store import Store

DEFAULT_LIMIT = 50
MOST_SHOWN = 100_000  # the largest --limit; 0 shows every entry


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
    kind: vocab.Kind | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None
    tag: str | None = None
    words: str = ""
    limit: int | None = DEFAULT_LIMIT

    def entry_filter(self) -> EntryFilter:
        return EntryFilter(
            kind=self.kind,
            session_number=self.session,
            since=self.since,
            until=self.until,
            include_drafts=True,
        )


@dataclass(frozen=True)
class EntryPage:
    """A page of entries, newest first: a list from ``find``, read as used from ``stream``."""

    entries: Iterable[Entry]
    total: int  # how many match in all; ``entries`` may hold fewer
    shown: int  # how many ``entries`` holds
    kinds: frozenset[str]  # the kinds among them


def find(store: Store, query: Query) -> EntryPage:
    """The page ``query`` asks for, its entries in a list."""
    page = stream(store, query)
    return replace(page, entries=list(page.entries))


def stream(store: Store, query: Query, *, rows: bool = False) -> EntryPage:
    """The page ``query`` asks for, its entries read from the store as they are used.
    ``rows``: for a list's rows, each entry holding only the answer its first words
    come from (see ``Store.found_entries``)."""
    found = store.found_entries(
        query.entry_filter(),
        words=query.words,
        tag=query.tag,
        limit=query.limit,
        first_words=rows,
    )
    return EntryPage(found.entries, found.total, found.shown, found.kinds)
