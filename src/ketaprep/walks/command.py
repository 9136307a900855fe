"""How every walk command runs: ``run_walk`` sets up a ``Run`` and ends it calmly.

It reads the answers file first (a bad one is refused before the store is opened),
chooses the asker (terminal, plain or the file), opens the store, picks up any text left
in the editor by a ketaprep that was stopped, runs the walk's body, and after Ctrl-C or
"stop for now" says one calm line about what was kept.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from ketaprep.ask import Asker, asker_for
from ketaprep.ask.editor import Answering, left_behind
from ketaprep.config import user_guides_dir
from ketaprep.console import get_console, user_text
from ketaprep.errors import KetaprepError, UsageError
from ketaprep.guides.model import Guides, Item
from ketaprep.stopping import exit_code
from ketaprep.walks.answers_file import read_answers
from ketaprep.walks.run import Run, StopForNow, WalkOptions, WalkSpec

if TYPE_CHECKING:
    from rich.console import RenderableType


def run_walk(
    spec: WalkSpec, options: WalkOptions, body: Callable[[Run], int], asker: Asker | None = None
) -> int:
    """Set up a walk and run ``body``; its exit code, or 130 after Ctrl-C.

    The answers file is read first (a bad one is refused before the store is opened);
    without one and without a terminal, the no-terminal sentence (exit 2). The guides
    load on first use, so in a terminal the first question can come sooner.
    """
    script = read_answers(options.answers_file) if options.answers_file else None
    if script is None and asker is None and not sys.stdin.isatty():
        raise UsageError(spec.no_terminal)

    @functools.cache
    def guides() -> Guides:
        from ketaprep.guides.load import load_guides  # yaml too: only once a guide is read

        return load_guides(user_guides_dir(options.guides_dir))

    if asker is None:
        asker = asker_for(options.plain, script)
    from ketaprep.store import open_store  # sqlite: once the answers file is read

    with open_store() as store:
        run = Run(spec, options, store, asker, guides, script)
        try:
            for shown in keep_left_in_editor(run):
                run.asker.show(shown)
            return body(run)
        except StopForNow:
            run.show("\n" + run.stopped_for_now_line())
            return 0
        except KeyboardInterrupt as stop:  # Ctrl-C; SIGTERM or SIGHUP in the editor
            try:
                kept = keep_left_in_editor(run)
            except KetaprepError:  # the folder stays for the next start; say the calm line
                kept = []
            try:
                kept = run.help_for_partials() + kept
            except KetaprepError:
                pass
            try:
                get_console().print()
                for shown in [*kept, user_text(run.stopped_line())]:
                    get_console().print(shown)
            except OSError:  # the terminal was closed: nobody is there to read it
                pass
            return exit_code(stop)


# --- text left in the editor -------------------------------------------------------

EDITOR_KEPT = "You were writing in your editor when ketaprep stopped; what you wrote is kept."


def keep_left_in_editor(run: Run) -> list[RenderableType]:
    """What the editor's file held when ketaprep stopped (killed, or SIGTERM or SIGHUP
    while the editor was open) becomes that answer in its entry; then the file goes.
    What to show about it: a line, and the crisis lines if a danger phrase is in it (the
    person never got to give the answer, so its check never ran)."""
    said: list[RenderableType] = []
    for left in left_behind():
        if left.text.strip() and left.answering is not None:
            said += _keep_answer(run, left.answering, left.text)
        left.remove()
    return said


def _keep_answer(run: Run, answering: Answering, text: str) -> list[RenderableType]:
    """Save the text as the answer in its entry (a new draft if that was deleted since)."""
    store, owner = run.store, answering.owner
    try:
        entry = store.entry(owner.entry_id)
    except UsageError:
        session = owner.session_number
        if session is not None and store.session(session) is None:
            session = None
        entry = store.start_entry(owner.kind, session)
    store.save_answer(entry.id, answering.item_id, answering.item_type, answering.question, text)
    elsewhere = (
        f" It is with your unfinished ketaprep {entry.kind}." if entry.kind != run.spec.kind else ""
    )
    said: list[RenderableType] = [user_text(EDITOR_KEPT + elsewhere)]
    typed = Item(id=answering.item_id, type="long_text", prompt=answering.question)
    return said + run.help_after_stop(entry.id, typed, text)
