"""The typer app: its global options and the options several commands share. (main(),
the one exit point, is in start.py.)

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
            "--plain",
            help="Line-by-line prompts with numbered options (screen readers). In a walk, "
            "type back to go back to the question before.",
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
        from ketaprep.walks.welcome import welcome_once

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
