"""The command line: thin, options in, one call, render out.

    root      the typer app, its global options, the options commands share, main()
    guides    guide, guides check, help-now
    walks     prepare, breathe, journal, checkin, plan
    review    review
    store     where, export, remind, import, delete, lock
    sessions  session list, change, delete

Each module adds its commands to the app when imported; ``ketaprep --help`` lists them
in the order imported here.
"""

# isort: off
from ketaprep.cli import guides, walks, review, store, sessions  # noqa: F401
from ketaprep.cli.root import app, main

# isort: on

__all__ = ["app", "main"]
