"""The command line: thin, options in, one call, render out.

    start     main(), the one exit point; the commands that start before typer
    commands  the typer app with every command added
    root      the typer app, its global options, the options commands share
    guides    guide, guides check, help-now
    walks     prepare, breathe, journal, checkin, plan
    review    review
    store     where, export, remind, import, delete, lock
    sessions  session list, change, delete

Importing the package costs no typer: ``main`` starts help-now, guide, --version and a
bare prepare or journal without it. The app is made the first time it is asked for
(``ketaprep.cli.app``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ketaprep.cli.start import main

if TYPE_CHECKING:
    from ketaprep.cli.commands import app

__all__ = ["app", "main"]


def __getattr__(name: str) -> Any:
    """``app``, with every command added, made when first asked for."""
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from ketaprep.cli.commands import app

    return app
