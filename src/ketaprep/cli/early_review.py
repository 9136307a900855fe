"""``review`` with its options, started before typer (see start.py): looking back in a
pipe should not wait for every command's options to be built.

Only the forms typer would read the same way start here: the options of ``review``
(``--list``, ``--search WORDS``, ``--limit 0``...), each value a word of its own or after
``=``. Anything else (``show ID``, ``--help``, a value typer would refuse, an option
review does not have) goes to the typer app, which says it as it always has.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

FLAGS = {"--list": "list", "--json": "json", "--trends": "trends", "--wins": "wins"}
WORDS = {
    "--kind": "kind",
    "--since": "since",
    "--until": "until",
    "--tag": "tag",
    "--search": "search",
}
NUMBERS = {"--session": "session", "--limit": "limit"}


def early_review(
    args: Sequence[str], guides_dir: Path | None, plain: bool
) -> Callable[[], None] | None:
    """The command ``review ARGS`` runs, when typer would read ``args`` this way; else None."""
    given = review_options(args)
    if given is None:
        return None

    def review() -> None:
        from ketaprep.review.command import run
        from ketaprep.review.page import ReviewOptions
        from ketaprep.walks.welcome import welcome_once

        welcome_once(guides_dir)  # as the typer app's callback does first
        options = ReviewOptions(plain=plain, guides_dir=guides_dir, **given)  # type: ignore[arg-type]
        sys.exit(run(options))

    return review


def review_options(args: Sequence[str]) -> dict[str, object] | None:
    """The options ``args`` give, by their names in ReviewOptions; None for anything
    typer is to read (a bare ``review`` too: in a terminal, it opens the browser)."""
    if not args:
        return None
    given: dict[str, object] = {}
    rest = list(args)
    while rest:
        option = rest.pop(0)
        if option in FLAGS:
            given[FLAGS[option]] = True
            continue
        name, equals, value = option.partition("=")
        if name not in WORDS and name not in NUMBERS:
            return None
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        if not value or value.startswith("-"):
            return None
        if name in NUMBERS:
            if not (value.isascii() and value.isdigit()):
                return None
            given[NUMBERS[name]] = int(value)
        else:
            given[WORDS[name]] = value
    return given
