"""The floor for ``ketaprep review --list`` and ``--search``: the same job with the
standard library alone (sqlite3 and print), to measure ketaprep against.

    KETAPREP_HOME=DIR python bench/floor_review.py --list [--limit 50]
    KETAPREP_HOME=DIR python bench/floor_review.py --search WORDS [--limit 50]

It prints the same rows with the same fields as ketaprep does in a pipe (id, when, kind,
session and the first words; for a search each entry's title and the answers holding
the words), newest first, with the same count line, so the output bytes are comparable.
In a terminal it adds bold, dim and reverse for the titles and matches, as ketaprep
styles them; it never pages or wraps.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import sqlite3
import sys

KIND_NAMES = {"prepare": "Before", "journal": "After", "checkin": "Check-in"}
WIDTH = 80
STYLED = sys.stdout.isatty()
ENTRY = "SELECT id, kind, session_number, created, finished FROM entries"
ORDER = " ORDER BY created DESC, id DESC"


def style(text: str, sgr: str) -> str:
    return f"\x1b[{sgr}m{text}\x1b[0m" if STYLED and text else text


def when(created: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(created).astimezone()


def answers_of(conn: sqlite3.Connection, ids: list[str]) -> dict[str, list[tuple[str, ...]]]:
    found: dict[str, list[tuple[str, ...]]] = {entry_id: [] for entry_id in ids}
    marks = ",".join("?" * len(ids))
    for entry_id, _, item_type, question, value in conn.execute(
        "SELECT entry_id, position, item_type, question, value FROM answers"
        f" WHERE entry_id IN ({marks}) ORDER BY entry_id, position",
        ids,
    ):
        found[entry_id].append((item_type, question, value))
    return found


def excerpt(answers: list[tuple[str, ...]]) -> str:
    for item_type, _, raw in answers:
        value = json.loads(raw)
        if isinstance(value, list) and item_type == "list" and value:
            return "; ".join(" ".join(item.split()) for item in value)
        if isinstance(value, str) and item_type != "choice" and value.strip():
            return " ".join(value.split())
    return ""


def count_line(shown: int, total: int, one: str, many: str) -> str:
    if shown >= total:
        found = f"{total:,} {one if total == 1 else many}"
        return f"{found}. Read one in full with: ketaprep review show ID"
    return (
        f"The newest {shown:,} of {total:,} {many}. "
        "See them all with --limit 0, or narrow with --since, --kind or --tag."
    )


def list_entries(conn: sqlite3.Connection, limit: int) -> None:
    total = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    rows = conn.execute(ENTRY + ORDER + " LIMIT ?", (limit or -1,)).fetchall()
    if not rows:
        print("Nothing written yet.")
        return
    answers = answers_of(conn, [row[0] for row in rows])
    kind_width = max(len("Kind"), *(len(row[1]) for row in rows))
    head = f"{'Id':<8}  {'When':<16}  {'Kind':<{kind_width}}  {'Session':>7}  "
    room = max(WIDTH - len(head), 10)
    out = [style(head + "What you wrote"[:room], "1")]
    for entry_id, kind, session, created, finished in rows:
        words = ("" if finished else "(draft) ") + excerpt(answers[entry_id])
        if len(words) > room:
            words = words[: room - 1] + "…"
        out.append(
            f"{style(entry_id[:8], '2')}  {when(created):%Y-%m-%d %H:%M}  {kind:<{kind_width}}  "
            f"{session or '':>7}  {words}".rstrip()
        )
    out += ["", style(count_line(len(rows), total, "entry", "entries"), "2")]
    print("\n".join(out))


def title(kind: str, session: int | None, created: str) -> str:
    name = KIND_NAMES.get(kind, kind)
    if kind in ("prepare", "journal"):
        name += f" session {session}" if session else " a session"
    elif session:
        name += f" (session {session})"
    moment = when(created)
    return f"{name} · {moment:%A} {moment.day} {moment:%B %Y}, {moment:%H:%M}"


def value_text(item_type: str, raw: str) -> str:
    value = json.loads(raw)
    if value is None:
        return "(skipped)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int):
        return f"{value} of 10" if item_type == "scale" else str(value)
    if isinstance(value, list):
        return "\n".join(f"- {item}" for item in value) if value else "(none)"
    return value if value.strip() else "(left blank)"


def search(conn: sqlite3.Connection, words: str, limit: int) -> None:
    query = " ".join('"' + word.replace('"', '""') + '"*' for word in words.split())
    ids = [
        row[0]
        for row in conn.execute(
            "SELECT id FROM entries WHERE id IN (SELECT entry_id FROM answers WHERE id IN"
            " (SELECT rowid FROM answers_fts WHERE answers_fts MATCH ?))" + ORDER,
            (query,),
        )
    ]
    page = ids[:limit] if limit else ids
    if not page:
        print("Nothing matches that.")
        return
    patterns = [re.compile(r"(?<!\w)" + re.escape(word) + r"\w*", re.I) for word in words.split()]
    either = re.compile("|".join(p.pattern for p in patterns), re.I)
    marks = ",".join("?" * len(page))
    rows = conn.execute(f"{ENTRY} WHERE id IN ({marks}){ORDER}", page).fetchall()
    answers = answers_of(conn, page)
    out = []
    for entry_id, kind, session, created, _ in rows:
        out.append(style(title(kind, session, created), "1") + style(f"  id {entry_id[:8]}", "2"))
        shown = 0
        for item_type, question, raw in answers[entry_id]:
            text = value_text(item_type, raw)
            if all(pattern.search(text) for pattern in patterns):
                out.append("  " + style(" ".join(question.split()), "2"))
                out += ["    " + line for line in text.split("\n")]
                shown += 1
        if not shown:
            out.append("    " + excerpt(answers[entry_id]))
        out.append("")
    out.append(style(count_line(len(page), len(ids), "entry found", "entries found"), "2"))
    text = "\n".join(out)
    print(either.sub(lambda m: style(m[0], "1;7"), text) if STYLED else text)


def main(argv: list[str]) -> None:
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else 50
    conn = sqlite3.connect(os.path.join(os.environ["KETAPREP_HOME"], "ketaprep.db"))
    if "--search" in argv:
        search(conn, argv[argv.index("--search") + 1], limit)
    else:
        list_entries(conn, limit)


if __name__ == "__main__":
    main(sys.argv[1:])
