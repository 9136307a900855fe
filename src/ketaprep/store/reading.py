"""The Store's reading: one entry by its id, lists newest first, drafts, search, counts.

Lists are read a batch at a time (``StoreBase._stream``), from one consistent snapshot.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from ketaprep.errors import UsageError
from ketaprep.store.base import ENTRY_SELECT, StoreBase
from ketaprep.store.codec import session_from_row
from ketaprep.store.records import Entry, Session
from ketaprep.store.search import EntryFilter, answers_holding, created_bounds
from ketaprep.text import clean_text
from ketaprep.vocab import Kind

MIN_ID_PREFIX = 4


class Reading(StoreBase):
    def entry(self, entry_id: str) -> Entry:
        """An entry by its id, or by the first few characters of it (at least 4)."""
        wanted = clean_text(entry_id.strip().lower())
        if len(wanted) < MIN_ID_PREFIX:
            raise UsageError(
                f"Please give at least {MIN_ID_PREFIX} characters of the entry id, "
                f'not "{entry_id}".'
            )
        with self._errors():
            rows = self._conn.execute(
                f"{ENTRY_SELECT} WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
                (wanted, wanted + "\uffff"),
            ).fetchall()
        exact = [row for row in rows if row[0] == wanted]
        if exact:
            rows = exact
        if not rows:
            raise UsageError(f'No entry has the id "{entry_id}". Check the id and try again.')
        if len(rows) > 1:
            raise UsageError(
                f'More than one entry starts with "{entry_id}". Please give more of the id.'
            )
        return self._with_answers(rows)[0]

    def entries(
        self,
        *,
        kind: Kind | None = None,
        session_number: int | None = None,
        since: datetime.date | None = None,
        until: datetime.date | None = None,
        limit: int | None = None,
        include_drafts: bool = False,
    ) -> list[Entry]:
        """Newest first. ``since`` and ``until`` are local dates, both included."""
        return list(
            self.iter_entries(
                kind=kind,
                session_number=session_number,
                since=since,
                until=until,
                limit=limit,
                include_drafts=include_drafts,
            )
        )

    def iter_entries(
        self,
        *,
        kind: Kind | None = None,
        session_number: int | None = None,
        no_session: bool = False,
        since: datetime.date | None = None,
        until: datetime.date | None = None,
        limit: int | None = None,
        include_drafts: bool = False,
        oldest_first: bool = False,
    ) -> Iterator[Entry]:
        """Like ``entries`` but loaded a batch at a time, from one consistent snapshot.
        ``no_session`` keeps only entries linked to no session."""
        where, params = EntryFilter(
            kind, session_number, no_session, since, until, include_drafts
        ).sql()
        order = "ASC" if oldest_first else "DESC"
        sql = f"{ENTRY_SELECT}{where} ORDER BY created {order}, id {order}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(limit, 0))
        yield from self._stream(sql, params)

    def sessions_within(
        self, since: datetime.date | None = None, until: datetime.date | None = None
    ) -> list[Session]:
        """Oldest first: sessions dated from ``since`` to ``until``, and the sessions of
        entries written in that time (a journal written after the last day still counts)."""
        first = since.isoformat() if since else "0000-00-00"
        last = until.isoformat() if until else "9999-99-99"
        with self._errors():
            rows = self._conn.execute(
                "SELECT number, date, note FROM sessions WHERE date BETWEEN ? AND ? OR number IN"
                " (SELECT session_number FROM entries WHERE created >= ? AND created < ?)"
                " ORDER BY date, number",
                (first, last, *created_bounds(since, until)),
            ).fetchall()
        return [session_from_row(row) for row in rows]

    def drafts(self, kind: Kind | None = None) -> list[Entry]:
        """Unfinished entries, the most recently touched first."""
        sql = f"{ENTRY_SELECT} WHERE finished IS NULL"
        params: list[object] = []
        if kind is not None:
            # "+kind": not through entries_by_kind, which would read every entry of the
            # kind; drafts are few, and their own index (drafts_by_updated) holds just them.
            sql += " AND +kind = ?"
            params.append(kind)
        return list(self._stream(sql + " ORDER BY updated DESC, id DESC", params))

    def kept_for(self, kind: Kind, session_number: int) -> Entry | None:
        """The newest finished entry of ``kind`` for the session, else its latest draft:
        what a walk kept for it (prepare's intentions and card)."""
        finished = self.entries(kind=kind, session_number=session_number, limit=1)
        if finished:
            return finished[0]
        drafts = [draft for draft in self.drafts(kind) if draft.session_number == session_number]
        return drafts[0] if drafts else None

    def search(self, text: str, limit: int | None = None) -> list[Entry]:
        """Entries (drafts too) with an answer containing every word of ``text``, newest first.

        How words match, and why any text is safe, is said in ``ketaprep.store.search``.
        """
        found = answers_holding(text, indexed=self._has_search_index())
        if found is None:
            return []
        matching, params = found
        sql = (
            f"{ENTRY_SELECT} WHERE id IN (SELECT entry_id FROM answers WHERE id IN ({matching}))"
            " ORDER BY created DESC, id DESC"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(limit, 0))
        return list(self._stream(sql, params))

    def counts(self) -> dict[str, int]:
        """How much is kept: sessions, entries (finished) and drafts."""
        with self._errors():
            sessions = self._conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
            drafts = self._conn.execute(
                "SELECT count(*) FROM entries WHERE finished IS NULL"
            ).fetchone()[0]
            everything = self._conn.execute("SELECT count(*) FROM entries").fetchone()[0]
        return {"sessions": sessions, "entries": everything - drafts, "drafts": drafts}
