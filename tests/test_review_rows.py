"""A list's rows read only what a row shows: each entry with the one answer its first
words come from (chosen in SQL, then checked), never every answer of every entry."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ketaprep.answers import holds_own_words
from ketaprep.console import visible
from ketaprep.review import rows
from ketaprep.review.page import Query, stream
from ketaprep.review.rows import FEWEST_COLUMNS
from ketaprep.review.words import excerpt
from ketaprep.store import Answer, Entry, Store, open_store
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


# --- a row reads a long text only as far as it can show ---------------------------------------

_PIECES = st.one_of(
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=20),
    st.sampled_from(
        [" " * 40, "\n\t ", "\u3000", "日本語", "🌊", "e\u0301", "\u0301" * 9, "\ud83c", "\udf0a"]
    ),
    st.sampled_from(["\x1b[2J", "\x07", "\u202e", "[red]x[/red]", "…", "\u200b" * 30]),
)
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(
    value=st.one_of(_TEXTS, st.lists(_TEXTS, min_size=1, max_size=4)),
    room=st.integers(FEWEST_COLUMNS, 90),
    draft=st.booleans(),
)
def test_a_row_cut_from_the_start_of_a_long_text_is_the_row_of_all_of_it(
    value: str | list[str], room: int, draft: bool
) -> None:
    moment = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.timezone.utc)
    kind = "list" if isinstance(value, list) else "long_text"
    answer = Answer("thoughts", kind, "About thoughts?", value, moment)
    entry = Entry(
        "e" * 36, "journal", 1, "integrating", moment, moment, None if draft else moment, (answer,)
    )
    whole = (rows.DRAFT if draft else "") + visible(excerpt(entry))
    assert rows.row_words(entry, room, None) == rows.fit(whole, room)


@pytest.mark.parametrize("limit", [None, 0, 1, 2, 5])
def test_a_search_counts_every_match_and_keeps_only_the_page(limit: int | None) -> None:
    """(Only the page's ids are kept: a search may match each of 100,000 entries.)"""
    with open_store() as store:
        for kind in ("journal", "journal", "checkin", "checkin"):
            write(store, kind, None, {"win" if kind == "checkin" else "thoughts": "a heron"})
        for rows_only in (False, True):
            page = stream(store, Query(words="heron", limit=limit), rows=rows_only)
            found = list(page.entries)
            assert page.total == 4
            assert page.shown == len(found) == min(4, 4 if limit is None else limit)
            assert page.kinds == {entry.kind for entry in found}
            assert [entry.kind for entry in found] == ["checkin", "checkin", "journal", "journal"][
                : page.shown
            ]
