"""A session in review: its line in the browser's list, and its card (what was hoped for
and written after, the scales before and after, the check-ins until the next one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from ketaprep import vocab
from ketaprep.console import user_text
from ketaprep.dates import local_time, minute_stamp, short_weekday_date, weekday_date
from ketaprep.review.rows import QUIET
from ketaprep.review.views import BLANK, Block, value_text
from ketaprep.review.words import Labels

if TYPE_CHECKING:
    from ketaprep.review.queries import SessionLine, SessionSummary
    from ketaprep.store import Entry


def session_label(line: SessionLine) -> str:
    written = []
    if line.kinds.get("prepare"):
        written.append("prepared")
    if line.kinds.get("journal"):
        journals = line.kinds["journal"]
        written.append("journalled" + (f" ({journals} entries)" if journals > 1 else ""))
    status = " and ".join(written) if written else "nothing written yet"
    return f"Session {line.session.number} · {short_weekday_date(line.session.date)} · {status}"


def session_card(summary: SessionSummary, labels: Labels | None = None) -> list[Block]:
    session = summary.session
    blocks: list[Block] = [
        (0, Text(f"Session {session.number} · {weekday_date(session.date)}", "bold")),
        (0, Text(_status(summary), QUIET)),
    ]
    if session.note:
        blocks.append((0, user_text(session.note, style="italic")))
    blocks += [BLANK, (0, Text("What you hoped for, and what you wrote after", "bold"))]
    blocks += _intentions(summary, {} if labels is None else labels)
    blocks += [BLANK, (0, Text("How you felt, before and after", "bold"))]
    blocks += _scales(summary)
    if summary.clinic_questions:
        blocks += [BLANK, (0, Text("Your questions for the clinic", "bold"))]
        blocks += [(2, user_text(f"- {question}")) for question in summary.clinic_questions]
    blocks += [BLANK, (0, Text(_checkins_heading(summary), "bold"))]
    if not summary.checkins:
        blocks.append((2, Text("None in this time.", QUIET)))
    blocks += [(2, checkin_line(entry)) for entry in summary.checkins]
    blocks += [BLANK, (0, Text("Entries for this session", "bold"))]
    for entry in summary.entries:
        line = Text(f"{entry.kind:<8} {minute_stamp(entry.created)}  id {entry.id[:8]}")
        if entry.is_draft:
            line.append("  (draft)", style=QUIET)
        blocks.append((2, line))
    if not summary.entries:
        blocks.append((2, Text("None yet.", QUIET)))
    return blocks


def _status(summary: SessionSummary) -> str:
    if summary.prepared and summary.journalled:
        return "You got ready for it and wrote about it after."
    if summary.prepared:
        return "You got ready for it. Writing about it after is there when you want it."
    if summary.journalled:
        return "You wrote about it after."
    return "Nothing written for it yet."


def _intentions(summary: SessionSummary, labels: Labels) -> list[Block]:
    if not summary.intentions:
        return [(2, Text("No intentions were written down for this session.", QUIET))]
    blocks: list[Block] = []
    for notes in summary.intentions:
        if notes.text is None:
            head = Text(f"{notes.number}. (an intention not in the list)", QUIET)
        else:
            head = Text(f"{notes.number}. ")
            head.append_text(user_text(notes.text))
        blocks.append((2, head))
        for journal, answer in notes.notes:
            line = Text(f"{short_weekday_date(local_time(journal.created))}: ", QUIET)
            line.append_text(value_text(answer, labels))
            blocks.append((5, line))
        if not notes.notes:
            blocks.append((5, Text("Nothing written about this one yet.", QUIET)))
    return blocks


def _scales(summary: SessionSummary) -> list[Block]:
    blocks: list[Block] = []
    for scale, name in vocab.SCALE_NAMES:
        before = summary.prepare.value(scale) if summary.prepare else None
        after = [
            (journal, journal.value(scale))
            for journal in summary.journals
            if isinstance(journal.value(scale), int)
        ]
        if not isinstance(before, int) and not after:
            continue
        line = Text(f"{name:<9}")
        line.append(f"before {before}" if isinstance(before, int) else "before -")
        for index, (journal, value) in enumerate(after):
            day = short_weekday_date(local_time(journal.created))
            line.append(f"   {'after ' if index == 0 else ''}{value} ({day})")
        blocks.append((2, line))
    if not blocks:
        blocks.append((2, Text("No scales answered for this session.", QUIET)))
    return blocks


def _checkins_heading(summary: SessionSummary) -> str:
    if summary.next_session is not None:
        return f"Check-ins until session {summary.next_session.number}"
    return "Check-ins since this session"


def checkin_line(entry: Entry) -> Text:
    line = Text(short_weekday_date(local_time(entry.created)), QUIET)
    for scale, name in vocab.SCALE_NAMES:
        value = entry.value(scale)
        if isinstance(value, int) and not isinstance(value, bool):
            line.append(f" · {name.lower()} {value}")
    win = entry.value(vocab.WIN)
    if isinstance(win, str) and win.strip():
        line.append(" · win: ")
        line.append_text(user_text(win))
    return line
