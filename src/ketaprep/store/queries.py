"""The Store's queries for review and export: a page of entries with the total (by words
and tag too), answers to chosen items, entries by session and kind, crisis notes, and
the stored rows themselves for a fast export.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ketaprep.answers import holds_own_words
from ketaprep.store.base import ENTRY_SELECT, StoreBase, batches, unless_closed
from ketaprep.store.codec import (
    AnswerRow,
    EntryRow,
    answer_from_row,
    entry_from_row,
    moment,
    stored_kind,
)
from ketaprep.store.records import Answer, CrisisShown, Entry
from ketaprep.store.search import EntryFilter, answers_holding
from ketaprep.text import clean_text
from ketaprep.vocab import OPTION_TYPES, TAGS, Kind

EXPORT_CACHE_KIB = 8 * 1024  # a bigger page cache while exporting (32 MiB was no faster)
_NEWEST_FIRST = " ORDER BY created DESC, id DESC"
_POSITION = operator.itemgetter(1)  # of a row from iter_rows's answers query
_OPTIONS = ", ".join(f"'{kind}'" for kind in OPTION_TYPES)
# Each entry with the id of the first answer its first words may come from
# (``holds_own_words``): a list with items, or a text of any question but options, as the
# JSON starts. Wider than that (a text of spaces passes, and is then checked), never
# narrower, so the first answer that holds words is never passed over.
_FIRST_WORDS_SELECT = (
    "SELECT id, kind, session_number, guide, created, updated, finished,"
    " (SELECT a.id FROM answers AS a WHERE a.entry_id = entries.id AND"
    " ((a.item_type = 'list' AND a.value >= '[' AND a.value < '\\' AND a.value != '[]') OR"
    f" (a.item_type NOT IN ({_OPTIONS}) AND a.value >= '\"' AND a.value < '#'"
    " AND a.value != '\"\"')) ORDER BY a.position, a.item_id LIMIT 1) FROM entries"
)


@dataclass(frozen=True)
class Found:
    """What a query found: how many match in all, how many of them ``entries`` gives
    (newest first, read a batch at a time as they are used), and their kinds."""

    total: int
    shown: int
    kinds: frozenset[str]
    entries: Iterator[Entry]


class Queries(StoreBase):
    def find_entries(
        self,
        entry_filter: EntryFilter,
        *,
        words: str = "",
        tag: str | None = None,
        limit: int | None = None,
    ) -> tuple[list[Entry], int]:
        """Newest first: entries that pass ``entry_filter``, hold every word of ``words``
        in one answer (as ``search`` does) and have ``tag`` among their ``tags`` answer
        (ignoring case); and how many match in all. ``limit`` None: every one."""
        found = self.found_entries(entry_filter, words=words, tag=tag, limit=limit)
        return list(found.entries), found.total

    def found_entries(
        self,
        entry_filter: EntryFilter,
        *,
        words: str = "",
        tag: str | None = None,
        limit: int | None = None,
        first_words: bool = False,
    ) -> Found:
        """As ``find_entries``, with the entries read as they are used: a list of every
        entry in a journal of 100,000 would not fit in the memory a command may take.

        ``first_words``: for a row of a list, each entry holds only the answer its first
        words come from (the first that ``holds_own_words``), or every answer when none
        does, and no crisis notes: a row needs no more, and reading every answer of a
        long list is most of its time."""
        where, params = entry_filter.sql()
        conditions = [where.removeprefix(" WHERE ")] if where else []
        holding = answers_holding(words, indexed=self._has_search_index())
        if holding is not None:
            matching, match_params = holding
            conditions.append(f"id IN (SELECT entry_id FROM answers WHERE id IN ({matching}))")
            params.extend(match_params)
        if tag is not None:
            tagged, tag_params = self._tagged(tag)
            conditions.append(f"id IN ({tagged})")
            params.extend(tag_params)
        where = " WHERE " + " AND ".join(conditions) if conditions else ""
        if holding is not None or tag is not None:
            return self._found_by_ids(where, params, limit, first_words)
        page = f"SELECT kind FROM entries{where}{_NEWEST_FIRST}"
        page_params = params
        if limit is not None:
            page += " LIMIT ?"
            page_params = [*params, max(limit, 0)]
        with self._errors():
            total = int(
                self._conn.execute(f"SELECT count(*) FROM entries{where}", params).fetchone()[0]
            )
            kinds = self._conn.execute(f"SELECT DISTINCT kind FROM ({page})", page_params)
            found_kinds = frozenset(str(row[0]) for row in kinds)
        shown = total if limit is None else min(total, max(limit, 0))
        select, stream = self._reading(first_words)
        sql = f"{select}{where}{_NEWEST_FIRST}"
        if limit is not None:
            sql += " LIMIT ?"
        return Found(total, shown, found_kinds, stream(sql, page_params))

    def _reading(
        self, first_words: bool
    ) -> tuple[str, Callable[[str, Sequence[object]], Iterator[Entry]]]:
        """How entries are selected and read: whole, or for their first words."""
        if first_words:
            return _FIRST_WORDS_SELECT, self._stream_first_words
        return ENTRY_SELECT, self._stream

    def _stream_first_words(self, sql: str, params: Sequence[object]) -> Iterator[Entry]:
        """As ``_stream``, from ``_FIRST_WORDS_SELECT``: each entry with the answer its
        first words come from, else (none holds words) with all of its answers."""
        return self._stream(sql, params, self._with_first_words)

    def _with_first_words(self, rows: Sequence[tuple[Any, ...]]) -> list[Entry]:
        chosen = [row[7] for row in rows if row[7] is not None]
        answers: dict[int, Answer] = {}
        with self._errors():
            for chunk, marks in batches(chosen):
                for answer_id, *columns in self._conn.execute(
                    "SELECT id, item_id, item_type, question, value, answered_at, partial,"
                    f" labels FROM answers WHERE id IN ({marks})",
                    chunk,
                ):
                    answers[answer_id] = answer_from_row(*columns)
        entries: list[Entry | None] = []
        whole: list[tuple[Any, ...]] = []  # read with every answer: no words, or blank ones
        for row in rows:
            answer = answers.get(row[7])
            if answer is not None and holds_own_words(answer.item_type, answer.value):
                entries.append(entry_from_row(row[:7], (answer,)))
            else:
                entries.append(None)
                whole.append(row[:7])
        read = iter(self._with_answers(whole) if whole else ())
        return [next(read) if entry is None else entry for entry in entries]

    def _found_by_ids(
        self, where: str, params: list[object], limit: int | None, first_words: bool = False
    ) -> Found:
        """Every matching id in one query, so a search runs once for the count and the
        page; then the page's entries by id, a batch at a time."""
        most = None if limit is None else max(limit, 0)
        ids: list[str] = []  # only the page's: a search may match every entry
        kinds: set[str] = set()
        total = 0
        with self._errors():
            for entry_id, kind in self._conn.execute(
                f"SELECT id, kind FROM entries{where}{_NEWEST_FIRST}", params
            ):
                if most is None or total < most:
                    ids.append(str(entry_id))
                    kinds.add(str(kind))
                total += 1
        return Found(total, len(ids), frozenset(kinds), self._by_ids(ids, first_words))

    def _by_ids(self, ids: Sequence[str], first_words: bool = False) -> Iterator[Entry]:
        """The entries of ``ids`` (newest first) in their order, a batch at a time."""
        select, stream = self._reading(first_words)
        for chunk, marks in batches(ids):
            yield from stream(f"{select} WHERE id IN ({marks}){_NEWEST_FIRST}", chunk)

    def _tagged(self, tag: str) -> tuple[str, list[object]]:
        """A query for the ids of entries with ``tag`` among their tags (see ``_fold``)."""
        tag = clean_text(tag)
        folded = _fold(tag) or ""
        if folded.isascii():  # SQLite's own lower() folds ASCII, without a call into Python
            fold = "trim(ltrim(trim(lower(t.value)), '#@'))"
        else:
            self._conn.create_function("ketaprep_fold", 1, _fold, deterministic=True)
            fold = "ketaprep_fold(t.value)"
        tagged = (
            "SELECT a.entry_id FROM answers AS a, json_each(a.value) AS t"
            f" WHERE a.item_id = '{TAGS}' AND {fold} = ?"
        )
        params: list[object] = [folded]
        holding = answers_holding(tag, indexed=self._has_search_index())
        if holding is not None:
            matching, match_params = holding
            tagged += f" AND a.id IN ({matching})"
            params.extend(match_params)
        return tagged, params

    def entries_with(
        self,
        item_ids: Sequence[str],
        entry_filter: EntryFilter | None = None,
        *,
        newest_first: bool = False,
        limit: int | None = None,
    ) -> Iterator[Entry]:
        """Entries that answered any of ``item_ids``, each holding only those answers
        (None answers left out); oldest first unless ``newest_first``. Read as they are
        used, from one snapshot."""
        where, params = (entry_filter or EntryFilter()).sql("e.")
        marks = ",".join("?" * len(item_ids))
        where += " AND " if where else " WHERE "
        where += f"a.item_id IN ({marks}) AND a.value != 'null'"
        order = "DESC" if newest_first else "ASC"
        # CROSS JOIN keeps entries as the outer loop, read in order from an index; each
        # entry's answers are found through the (entry_id, item_id) key.
        sql = (
            "SELECT e.id, e.kind, e.session_number, e.guide, e.created, e.updated, e.finished,"
            " a.item_id, a.item_type, a.question, a.value, a.answered_at, a.partial, a.labels"
            f" FROM entries AS e CROSS JOIN answers AS a ON a.entry_id = e.id{where}"
            f" ORDER BY e.created {order}, e.id {order}, a.position"
        )
        if limit is not None and limit <= 0:
            return
        given = 0
        head: Sequence[object] | None = None
        answers: list[Answer] = []
        with self._errors():
            cursor = self._conn.execute(sql, [*params, *item_ids])
            try:
                for row in cursor:
                    if head is not None and row[0] != head[0]:
                        yield entry_from_row(head, tuple(answers))
                        given += 1
                        if limit is not None and given >= limit:
                            return
                        head = None
                    if head is None:
                        head, answers = row[:7], []
                    answers.append(answer_from_row(*row[7:]))
                if head is not None:
                    yield entry_from_row(head, tuple(answers))
            finally:
                cursor.close()

    def session_kinds(self) -> dict[int, dict[Kind, int]]:
        """For each session with entries: how many finished entries of each kind it has."""
        kinds: dict[int, dict[Kind, int]] = {}
        with self._errors():
            for number, kind, count in self._conn.execute(
                "SELECT session_number, kind, count(*) FROM entries"
                " WHERE session_number IS NOT NULL AND finished IS NOT NULL"
                " GROUP BY session_number, kind"
            ):
                kinds.setdefault(int(number), {})[stored_kind(kind)] = int(count)
        return kinds

    def crisis_shown_by_entry(self, entry_filter: EntryFilter) -> dict[str, list[CrisisShown]]:
        """For the entries that pass ``entry_filter``: when the crisis lines were shown.
        Few entries have any, so all of them are read at once."""
        where, params = entry_filter.sql("e.")
        found: dict[str, list[CrisisShown]] = {}
        with self._errors():
            for entry_id, item_id, rule, shown_at in self._conn.execute(
                "SELECT c.entry_id, c.item_id, c.rule, c.shown_at FROM crisis_shown AS c"
                f" JOIN entries AS e ON e.id = c.entry_id{where} ORDER BY c.shown_at, c.id",
                params,
            ):
                found.setdefault(entry_id, []).append(CrisisShown(item_id, rule, moment(shown_at)))
        return found

    def iter_rows(self, entry_filter: EntryFilter) -> Iterator[tuple[EntryRow, list[AnswerRow]]]:
        """Entries oldest first as stored text, for a fast export: timestamps in the UTC
        text form of ``timestamp_text``, each answer's value as JSON text.

        Two cursors walk entries and their answers in the same order; while they are
        open, both read the same snapshot.
        """
        where, params = entry_filter.sql("e.")
        order = "ORDER BY e.created, e.id"
        with self._errors():
            self._conn.execute(f"PRAGMA cache_size = -{EXPORT_CACHE_KIB}")
            entries = self._conn.execute(
                "SELECT e.id, e.kind, e.session_number, e.guide, e.created, e.updated,"
                f" e.finished FROM entries AS e{where} {order}",
                params,
            )
            # Each entry's few answers are put in order here: asking SQLite to order them
            # too would start a sort for every entry.
            answers = self._conn.execute(
                "SELECT e.id, a.position, a.item_id, a.item_type, a.question, a.value,"
                " a.answered_at, a.partial, a.labels FROM entries AS e CROSS JOIN answers AS a"
                f" ON a.entry_id = e.id{where} {order}",
                params,
            )
            try:
                pending = next(answers, None)
                for row in entries:
                    group = []
                    while pending is not None and pending[0] == row[0]:
                        group.append(pending)
                        pending = next(answers, None)
                    group.sort(key=_POSITION)
                    yield row, [answer[2:] for answer in group]
            finally:
                with unless_closed():
                    entries.close()
                    answers.close()
                    self._conn.execute("PRAGMA cache_size = -2000")


def _fold(text: object) -> str | None:
    """Text for comparing tags: case folded, spaces and a leading # or @ trimmed."""
    return text.strip().lstrip("#@").strip().casefold() if isinstance(text, str) else None
