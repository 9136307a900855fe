"""A list's rows read only what a row shows: each entry with the one answer its first
words come from (chosen in SQL, then checked), never every answer of every entry."""

from __future__ import annotations

import pytest

from ketaprep.answers import holds_own_words
from ketaprep.review.page import Query, stream
from ketaprep.review.words import excerpt
from ketaprep.store import Store, open_store
from review_data import fill, write

# First answers that look like words to SQL's quick test but hold none, or are not words
# at all: each entry's first words are still the ones the whole entry gives.
TRICKY = [
    {"thoughts": "   ", "win": "after spaces"},
    {"thoughts": "\u2003\u3000\n", "support": "after wide spaces"},
    {"thoughts": None, "feelings": [], "win": "after a skip and an empty list"},
    {"clinic-questions": ["ride-home"], "support": "after a tick"},
    {"clinic-questions": ["ride-home"]},  # ticks only: their words
    {"mood": 3},  # nothing to show
    {"thoughts": '"quoted" and [bracketed]', "win": "second"},
    {"feelings": ["", "  "], "win": "after a list of blanks"},
    {"thoughts": "!", "win": "not this"},
]


def tricky(store: Store) -> None:
    for answers in TRICKY:
        write(store, "checkin", None, answers)


@pytest.mark.parametrize(
    "query",
    [Query(limit=None), Query(limit=3), Query(kind="checkin", limit=None), Query(tag="family")],
    ids=["all", "three", "kind", "tag"],
)
def test_rows_give_the_first_words_the_whole_entry_gives(query: Query) -> None:
    fill()
    with open_store() as store:
        tricky(store)
        whole = list(stream(store, query).entries)
        light = list(stream(store, query, rows=True).entries)
    assert [entry.id for entry in light] == [entry.id for entry in whole]
    assert whole
    for full, row in zip(whole, light, strict=True):
        assert excerpt(row) == excerpt(full)
        assert (row.kind, row.session_number, row.created, row.finished) == (
            full.kind,
            full.session_number,
            full.created,
            full.finished,
        )


def test_a_row_holds_one_answer_when_one_holds_words() -> None:
    """What "reads little" means: an entry with words comes with the answer they are
    from, alone; only an entry without any (ticks, scales) is read whole for its words."""
    fill()
    with open_store() as store:
        tricky(store)
        light = list(stream(store, Query(limit=None), rows=True).entries)
        whole = list(stream(store, Query(limit=None)).entries)
    alone = 0
    for row, full in zip(light, whole, strict=True):
        own = [a for a in full.answers if holds_own_words(a.item_type, a.value)]
        # (a first text of spaces passes SQL's quick test: that entry is read whole)
        assert row.answers in ([(own[0],), full.answers] if own else [full.answers])
        alone += bool(own) and row.answers == (own[0],)
    assert alone >= len(light) - len(TRICKY) > 0
