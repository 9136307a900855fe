"""The store: the only SQL in ketaprep, and the only module that knows the journal file.

    records      what is kept (Session, Entry, Answer, CrisisShown) and what it may hold
    codec        records to stored columns and back
    connection   the one place a connection is opened
    journal_file looks before opening, private modes, errors as sentences
    migrations   the format, as an ordered list of small steps
    search       the one builder of word queries (FTS5 or LIKE), and EntryFilter
    database     Store and open_store, made of base, sessions, entries, reading, queries
    latest       help-now's light read of the newest plan
    where        ``ketaprep where``

Each name is imported from its module when first asked for: a record for a type costs
no database library, and help-now's read of the plan (``latest_answers``) neither the
records nor the Store.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ketaprep.answers import AnswerValue

if TYPE_CHECKING:
    from ketaprep.store.codec import AnswerRow, EntryRow, timestamp_text
    from ketaprep.store.connection import use_wal
    from ketaprep.store.database import Store, open_store
    from ketaprep.store.latest import latest_answers
    from ketaprep.store.migrations import APPLICATION_ID, LATEST, migrate
    from ketaprep.store.records import (
        FEWEST,
        MOST,
        Answer,
        CrisisShown,
        Entry,
        ImportResult,
        Session,
        number_problem,
        still_has_entries,
        value_problem,
    )
    from ketaprep.store.search import EntryFilter

_LATER = {
    "FEWEST": "records",
    "MOST": "records",
    "Answer": "records",
    "CrisisShown": "records",
    "Entry": "records",
    "ImportResult": "records",
    "Session": "records",
    "number_problem": "records",
    "still_has_entries": "records",
    "value_problem": "records",
    "AnswerRow": "codec",
    "EntryRow": "codec",
    "timestamp_text": "codec",
    "use_wal": "connection",
    "Store": "database",
    "latest_answers": "latest",
    "open_store": "database",
    "APPLICATION_ID": "migrations",
    "LATEST": "migrations",
    "migrate": "migrations",
    "EntryFilter": "search",
}

__all__ = [
    "FEWEST",
    "MOST",
    "Answer",
    "AnswerValue",
    "CrisisShown",
    "Entry",
    "ImportResult",
    "Session",
    "number_problem",
    "still_has_entries",
    "value_problem",
    "APPLICATION_ID",
    "LATEST",
    "AnswerRow",
    "EntryFilter",
    "EntryRow",
    "Store",
    "latest_answers",
    "migrate",
    "open_store",
    "timestamp_text",
    "use_wal",
]


def __getattr__(name: str) -> Any:
    """A name from a module that imports sqlite3, imported when first asked for."""
    if name not in _LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_LATER[name]}"), name)
