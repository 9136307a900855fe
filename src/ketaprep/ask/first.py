"""Asking first, before a change that cannot be undone (``delete``, the ``session``
commands, an export over an existing file).

What will change is shown, then a yes/no question whose answer is no unless the person
says yes. ``--yes`` (``--force``) skips the question; without it and without a terminal
there is no one to ask, so the command stops with one sentence (exit 2) and changes nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from ketaprep.ask import asker_for
from ketaprep.ask.base import Asker, ask_until_valid
from ketaprep.console import get_console, user_text
from ketaprep.errors import UsageError
from ketaprep.guides.model import Item


def need_a_terminal(sentence: str, *, yes: bool, asker: Asker | None) -> None:
    """Refuse with ``sentence`` when asking is needed and there is no one to ask."""
    if not yes and asker is None and not sys.stdin.isatty():
        raise UsageError(sentence)


def agreed(
    shown: str | None,
    question: str,
    *,
    plain: bool,
    asker: Asker | None = None,
    no_terminal: str | None = None,
) -> bool:
    """Show ``shown`` (as text, if any), ask ``question``; True only for a yes. Without a
    terminal to ask in, ``no_terminal`` (when given) is the sentence the command stops
    with. Ctrl-C is KeyboardInterrupt, for the caller to say that nothing changed."""
    if no_terminal is not None:
        need_a_terminal(no_terminal, yes=False, asker=asker)
    asker = asker or asker_for(plain)
    if shown is not None:
        asker.show(user_text(shown))
    sure = Item(id="sure", type="confirm", prompt=question)
    return ask_until_valid(sure, asker, False) is True


def may_replace(
    again: str, *, force: bool, plain: bool, asker: Asker | None = None
) -> Callable[[Path], bool]:
    """Whether a file already at a target may be replaced: yes with ``--force``, else once
    the person agrees; without a terminal the command stops, saying to run ``again`` (the
    command, "the export") with --force."""

    def agrees(target: Path) -> bool:
        return force or agreed(
            None,
            f"{target} already exists. Replace it?",
            plain=plain,
            asker=asker,
            no_terminal=f"{target} already exists. To replace it, run {again} again with --force.",
        )

    return agrees


def kept_unless_agreed(
    shown: str, question: str, *, yes: bool, plain: bool, asker: Asker | None = None
) -> int | None:
    """Ask before deleting (``yes``: not asked): None once the person agreed; otherwise
    the exit code, after saying that nothing was deleted (0 for a no, 130 after Ctrl-C)."""
    if yes:
        return None
    try:
        sure = agreed(shown, question, plain=plain, asker=asker)
    except KeyboardInterrupt:
        return stopped("Stopped. Nothing was deleted.")
    if not sure:
        say("Kept. Nothing was deleted.")
        return 0
    return None


def say(line: str) -> None:
    get_console().print(user_text(line))


def stopped(line: str) -> int:
    """After Ctrl-C at the question: a blank line, ``line``, and exit code 130."""
    get_console().print()
    say(line)
    return 130
