"""The practices a person named as their own in finished check-ins (the ``own-practices``
list), one row each, for checkin to offer the newest again without reading every past
check-in before its first question.

The table is kept in step by triggers in the file itself, so every way an answer or an
entry changes (a walk's save, finishing, going back, an edit, a delete, an import, a
copy made by ``ketaprep lock``) changes it too, in the same transaction. It holds a copy
of words a person wrote: a row goes when its answer or entry goes, and secure_delete
overwrites it as it does the answer.
"""

from __future__ import annotations

from ketaprep.store.connection import sqlite3

# The rows of the check-ins chosen by ``{where}``: each item of their own-practices list
# (a text answer counts as one item; yes/no as the words True/False), with its place.
# A value that is not JSON (a hand-edited file) names nothing, and fails nothing.
_NAMED = (
    "SELECT e.id, coalesce(j.key, 0),"
    " CASE j.type WHEN 'true' THEN 'True' WHEN 'false' THEN 'False' ELSE j.value END,"
    " e.created"
    " FROM entries AS e JOIN answers AS a ON a.entry_id = e.id,"
    " json_each(iif(json_valid(a.value), a.value, '[]')) AS j"
    " WHERE {where} e.kind = 'checkin' AND e.finished IS NOT NULL"
    " AND a.item_id = 'own-practices' AND j.type NOT IN ('null', 'array', 'object')"
)
_REFILL = (
    "DELETE FROM own_practices WHERE entry_id = {entry};"
    " INSERT INTO own_practices (entry_id, position, text, created) "
    + _NAMED.format(where="e.id = {entry} AND")
    + ";"
)


def create_own_practices(conn: sqlite3.Connection) -> None:
    """The table, its triggers, and its rows for the check-ins already in the journal."""
    conn.execute(
        "CREATE TABLE own_practices ("
        " entry_id TEXT NOT NULL,"
        " position INTEGER NOT NULL,"  # in the list
        " text TEXT NOT NULL,"  # as written; checkin trims it
        " created TEXT NOT NULL,"  # the entry's
        " PRIMARY KEY (entry_id, position))"
    )
    conn.execute(
        "CREATE INDEX own_practices_by_text ON own_practices (text, created, entry_id, position)"
    )
    for name, event, when, body in (
        ("answer_added", "INSERT ON answers", "new.item_id = 'own-practices'",
         _REFILL.format(entry="new.entry_id")),
        ("answer_changed", "UPDATE OF value ON answers", "new.item_id = 'own-practices'",
         _REFILL.format(entry="new.entry_id")),
        ("answer_deleted", "DELETE ON answers", "old.item_id = 'own-practices'",
         "DELETE FROM own_practices WHERE entry_id = old.entry_id;"),
        ("entry_changed", "UPDATE OF kind, created, finished ON entries",
         "'checkin' IN (old.kind, new.kind)", _REFILL.format(entry="new.id")),
        ("entry_deleted", "DELETE ON entries", "old.kind = 'checkin'",
         "DELETE FROM own_practices WHERE entry_id = old.id;"),
    ):  # fmt: skip
        conn.execute(
            f"CREATE TRIGGER own_practices_{name} AFTER {event} WHEN {when} BEGIN {body} END"
        )
    conn.execute(
        "INSERT INTO own_practices (entry_id, position, text, created) " + _NAMED.format(where="")
    )


def newest_practices(conn: sqlite3.Connection, most: int) -> list[str]:
    """The ``most`` own practices named last, oldest first; each is trimmed, and one
    named again counts from its newest naming."""
    # Each text's newest namings, read from the index alone: a window function or a sort
    # of every naming would take many times longer.
    rows = conn.execute(
        "SELECT p.text, p.created, p.entry_id, p.position FROM (SELECT text, max(created)"
        " AS newest FROM own_practices GROUP BY text) AS g JOIN own_practices AS p"
        " ON p.text = g.text AND p.created = g.newest"
    ).fetchall()
    found: list[str] = []
    for text, *_ in sorted(rows, key=lambda row: row[1:], reverse=True):
        text = str(text).strip()
        if text and text not in found:
            found.append(text)
            if len(found) == most:
                break
    return found[::-1]
