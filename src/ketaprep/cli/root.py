"""The typer app: its global options, the options several commands share, and main(),
the one exit point.

No ``from __future__ import annotations`` in this package: typer would then have to
evaluate every annotation from its string form, which costs ~10 ms on each run.
"""

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from ketaprep import __version__
from ketaprep.console import note
from ketaprep.errors import KetaprepError
from ketaprep.paths import get_paths


def _typer(name: str, help: str, *, bare_is_help: bool = True) -> typer.Typer:
    """The app or a command group: help when run bare (unless ``bare_is_help`` is False:
    then the callback runs), no shell completion, no rich tracebacks (main() says what
    went wrong), help texts as written, never as markup."""
    return typer.Typer(
        name=name,
        help=help,
        no_args_is_help=bare_is_help,
        invoke_without_command=not bare_is_help,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )


app = _typer(
    "ketaprep",
    "A calm, private companion for ketamine-assisted therapy. "
    "Not medical advice: your clinic's instructions come first.",
    bare_is_help=False,  # plain `ketaprep`: the home screen
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
    ctx: typer.Context,
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
        typer.Option(
            "--plain", help="Line-by-line prompts with numbered options (screen readers)."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full error when something fails.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    settings.guides_dir = guides
    settings.plain = plain or os.environ.get("TERM") == "dumb"
    settings.debug = debug or bool(os.environ.get("KETAPREP_DEBUG"))
    # The first run shows what ketaprep is and is not, once (on stderr). Not for
    # --help, and not before crisis lines: help-now shows them at once.
    if ctx.invoked_subcommand != "help-now" and "--help" not in sys.argv[1:]:
        # Checked here so that later runs never import rich just to find the marker.
        if not get_paths().welcomed_marker.exists():
            from ketaprep.walks.screens import welcome_once

            welcome_once(settings.guides_dir)
    if ctx.invoked_subcommand is None:
        _home(ctx)


def _home(ctx: typer.Context) -> None:
    """What comes next, the last thing written, where help is; in a terminal (not
    --plain, which lists the commands to type), its steps as a menu, and the one picked
    is run, as if typed after ``ketaprep``."""
    import datetime

    from ketaprep.review.home import run

    asker = None
    if sys.stdin.isatty() and sys.stdout.isatty() and not settings.plain:
        from ketaprep.ask import TerminalAsker

        asker = TerminalAsker()
    picked = run(datetime.date.today(), asker)
    if picked is None:
        return
    name, *arguments = picked.split()
    group = ctx.command
    assert isinstance(group, TyperGroup)
    command = group.get_command(ctx, name)
    assert command is not None, f"the home screen offers a command there is not: {name}"
    with command.make_context(name, arguments, parent=ctx) as picked_context:
        command.invoke(picked_context)


# Shared by review and export.
SinceOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--since", help="From this day: 2026-12-01, last week, monday...", show_default=False
    ),
]
UntilOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--until", help="Up to and including this day.", show_default=False),
]


def sub_app(name: str, help: str) -> typer.Typer:
    """A command group (``ketaprep guides ...``), added to the app."""
    group = _typer(name, help)
    app.add_typer(group)
    return group


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
    except KeyboardInterrupt:  # before typer runs a command
        _say_error(STOPPED)
        sys.exit(130)
    except SystemExit as done:
        # typer turns Ctrl-C inside a command into a silent exit 130. Walks say what
        # they kept themselves; for any other command, this is its calm line.
        if done.code == 130 and _after_ctrl_c(done):
            _say_error(STOPPED)
        raise
    except Exception as error:  # anything unexpected: a sentence, never a traceback
        if settings.debug:
            raise
        _say_error(
            f"Something went wrong inside ketaprep ({type(error).__name__}: {error}). "
            "Your saved answers are safe. Run again with --debug to see the details."
        )
        sys.exit(1)


STOPPED = "Stopped. Nothing you wrote was lost."


def _after_ctrl_c(error: BaseException) -> bool:
    """Whether ``error`` was raised while handling a KeyboardInterrupt."""
    cause = error.__cause__ or error.__context__
    while cause is not None:
        if isinstance(cause, KeyboardInterrupt):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


def _say_error(message: str) -> None:
    try:
        note(message)
    except OSError:  # the terminal is gone (closed, SIGHUP): nobody is there to read it
        pass
