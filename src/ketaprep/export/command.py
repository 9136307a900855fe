"""``ketaprep export``: the journal written out in one of the formats of formats.py, to
the screen or to a file only its owner can read.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ketaprep.ask.first import may_replace
from ketaprep.console import get_err_console, user_text
from ketaprep.dates import parse_date
from ketaprep.errors import KetaprepError, UsageError
from ketaprep.export import formats
from ketaprep.export.files import write_atomically
from ketaprep.export.record import Selection, cards_from
from ketaprep.export.therapist import chosen_session
from ketaprep.private_files import Write
from ketaprep.review.scores import installed
from ketaprep.review.words import guide_labels
from ketaprep.stopping import exit_code, like_ctrl_c
from ketaprep.store import Store, open_store
from ketaprep.vocab import plural

if TYPE_CHECKING:
    from collections.abc import Callable

    from ketaprep.ask import Asker


def export_command(
    fmt: str | None,
    session: int | None = None,
    since: str | None = None,
    until: str | None = None,
    output: Path | None = None,
    guides_dir: Path | None = None,
    *,
    for_therapist: bool = False,
    force: bool = False,
    plain: bool = False,
    asker: Asker | None = None,
) -> str | None:
    """Run ``ketaprep export``. Returns a line to show when writing to a file.

    ``fmt`` None is JSON, or HTML ``for_therapist`` (one session's page: ``session``, or
    the latest up to today). A file already at ``output`` is replaced with ``force``, else
    once the person agrees (``asker``, or a prompt in the terminal); with no terminal to
    ask in, it is refused.
    """
    default = formats.THERAPIST_DEFAULT if for_therapist else "json"
    writer = formats.writer(fmt or default, therapist=for_therapist)
    selection = _selection(session, since, until, for_therapist=for_therapist)
    labels = guide_labels(guides_dir)  # read only for answers saved without their labels
    cards = cards_from(guides_dir)  # step 3 is read at the first card
    with open_store(reading=True) as store:
        if output is not None:
            _refuse_the_journal_itself(store, output)
        if session is not None and store.session(session) is None:
            raise UsageError(f"There is no session {session} in your journal.")
        if for_therapist:
            selection = Selection(session=chosen_session(store, session))

        questionnaires = installed(guides_dir)

        def produce(write: Write) -> int:
            return writer(
                store, write, selection, labels=labels, questionnaires=questionnaires, cards=cards
            )

        if output is None:
            _to_stdout(produce)
            _remind_if_locked(store)
            return None
        count = write_atomically(
            output,
            produce,
            may_replace=may_replace("the export", force=force, plain=plain, asker=asker),
        )
        if count is not None:
            _remind_if_locked(store)
    if count is None:
        return f"Kept {output} as it was. Nothing was written."
    if for_therapist:
        return (
            f"Saved the page for your therapist about session {selection.session} to {output}. "
            "Only you can read it, until you share it."
        )
    return f"Saved {plural(count, 'entry', 'entries')} to {output}. Only you can read it."


def _selection(
    session: int | None, since: str | None, until: str | None, *, for_therapist: bool
) -> Selection:
    """What --session, --since and --until choose."""
    if for_therapist and (since or until):
        raise UsageError("The page for your therapist is about one session: use --session N.")
    selection = Selection(
        session=session,
        since=parse_date(since, direction="past") if since else None,
        until=parse_date(until, direction="past") if until else None,
    )
    if selection.since and selection.until and selection.since > selection.until:
        raise UsageError("--since is after --until, so nothing could match. Please swap them.")
    return selection


NOT_ENCRYPTED = (
    "Your journal is locked, but this export is not: anyone who can read it can read what "
    "you wrote. Keep it somewhere private, and delete it when you no longer need it."
)


def _remind_if_locked(store: Store) -> None:
    """On stderr, so a piped export holds the export alone."""
    if store.locked:
        get_err_console().print(user_text(NOT_ENCRYPTED))


def _to_stdout(produce: Callable[[Write], int]) -> None:
    stdout = sys.stdout.buffer
    try:
        with like_ctrl_c():
            produce(lambda text: stdout.write(text.encode("utf-8")))
            stdout.flush()
    except BrokenPipeError:  # the reader stopped early (``| head``): not a problem
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stdout.fileno())
        os.close(devnull)
    except KeyboardInterrupt as stop:
        raise KetaprepError(
            "Stopped before the export was finished; your journal is as it was.",
            exit_code=exit_code(stop),
        ) from None


def _refuse_the_journal_itself(store: Store, output: Path) -> None:
    try:
        target = output.expanduser().resolve()
    except (OSError, RuntimeError):  # a link loop: refused as a link when it is written
        return
    journal = store.path.resolve()
    if target in {Path(f"{journal}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")}:
        raise UsageError(f"{output} is your journal itself. Please export to another file name.")
