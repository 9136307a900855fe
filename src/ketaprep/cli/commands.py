"""The typer app with every command added: each module adds its commands when imported,
and ``ketaprep --help`` lists them in the order imported here."""

# isort: off
from ketaprep.cli import guides, walks, review, store, sessions  # noqa: F401
from ketaprep.cli.root import app

# isort: on

__all__ = ["app"]
