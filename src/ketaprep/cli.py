"""The typer app. Thin: options in, call one function, render out.

Heavy modules (questionary, yaml, sqlite3, rich.markdown) are imported inside the
commands that use them, so ``ketaprep --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

import typer

from ketaprep import __version__
from ketaprep.errors import KetaprepError

app = typer.Typer(
    name="ketaprep",
    help="A calm, private companion for ketamine-assisted therapy. "
    "Not medical advice: your clinic's instructions come first.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@dataclass
class Settings:
    guides_dir: Path | None = None
    plain: bool = False
    debug: bool = False


settings = Settings()


def _version(value: bool) -> None:
    if value:
        print(f"ketaprep {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    guides: Annotated[
        Optional[Path],  # noqa: UP045 (typer needs Optional on 3.10)
        typer.Option(
            "--guides",
            envvar="KETAPREP_GUIDES",
            help="A folder of your clinic's guide files; they replace the built-in ones.",
            show_default=False,
        ),
    ] = None,
    plain: Annotated[
        bool,
        typer.Option("--plain", help="Line-by-line prompts with numbered options (screen readers)."),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full error when something fails.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    settings.guides_dir = guides
    settings.plain = plain or os.environ.get("TERM") == "dumb"
    settings.debug = debug or bool(os.environ.get("KETAPREP_DEBUG"))


# --- guides: guide, guides check, help-now -----------------------------------


# --- store: where, export, import ---------------------------------------------


# --- walks: prepare, breathe --------------------------------------------------



def main() -> None:
    """The one exit point: errors become a calm sentence and an exit code."""
    settings.debug = "--debug" in sys.argv[1:] or bool(os.environ.get("KETAPREP_DEBUG"))
    try:
        app()
    except KetaprepError as error:
        if settings.debug:
            raise
        _say_error(error.message)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        _say_error("Stopped. Nothing you wrote was lost.")
        sys.exit(130)
    except Exception as error:  # anything unexpected: a sentence, never a traceback
        if settings.debug:
            raise
        _say_error(
            f"Something went wrong inside ketaprep ({type(error).__name__}: {error}). "
            "Your saved answers are safe. Run again with --debug to see the details."
        )
        sys.exit(1)


def _say_error(message: str) -> None:
    from ketaprep.console import get_err_console, user_text

    get_err_console().print(user_text(message))
