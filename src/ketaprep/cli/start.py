"""How ketaprep starts: the one exit point, and the commands that start before typer.

``main`` turns ketaprep's own errors, Ctrl-C and anything unexpected into a calm
sentence and an exit code (a traceback only with ``--debug``).

A person in crisis waits for nothing: ``help-now``, ``guide`` and ``--version`` start
here, without importing typer and building every command's options (which takes longer
than showing the crisis lines). So do ``prepare``, ``journal`` and ``checkin`` with
nothing after them, so their first question comes sooner, and ``review`` with its options, so a list
in a pipe comes at once (cli/early_review.py). Only these plain forms start early, with
the options they can take; anything else (``--help``, a mistake, any other command) goes to
the typer app, which says it as it always has.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ketaprep import __version__, collector
from ketaprep.cli.early_review import early_review
from ketaprep.errors import KetaprepError

STOPPED = "Stopped. Nothing you wrote was lost."

Command = Callable[[], None]
WALKS = ("prepare", "journal", "checkin")  # walks whose bare form starts early


def main() -> None:
    """The one exit point: errors become a calm sentence and an exit code."""
    debug = "--debug" in sys.argv[1:] or bool(os.environ.get("KETAPREP_DEBUG"))
    try:
        early = early_command(sys.argv[1:])
        if early is None:
            from ketaprep.cli.commands import app

            app()
        else:
            _as_typer_would(early)
    except KetaprepError as error:
        if debug:
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
        if debug:
            raise
        _say_error(
            f"Something went wrong inside ketaprep ({type(error).__name__}: {error}). "
            "Your saved answers are safe. Run again with --debug to see the details."
        )
        sys.exit(1)


# --- the commands that start early -------------------------------------------------------


def early_command(args: Sequence[str]) -> Command | None:
    """The command ``args`` ask for, when it is one that starts early; else None."""
    if list(args) == ["--version"]:
        return lambda: print(f"ketaprep {__version__}")
    rest = list(args)
    plain, guides = False, os.environ.get("KETAPREP_GUIDES") or None
    while rest and rest[0].startswith("-"):
        option = rest.pop(0)
        if option == "--plain":
            plain = True
        elif option == "--debug":
            pass  # main() has seen it
        elif option == "--guides" and rest and _a_value(rest[0]):
            guides = rest.pop(0)
        elif option.startswith("--guides=") and _a_value(option.removeprefix("--guides=")):
            guides = option.removeprefix("--guides=")
        else:
            return None
    if not rest:
        return None
    guides_dir = Path(guides) if guides is not None else None
    plain = plain or os.environ.get("TERM") == "dumb"
    command, rest = rest[0], rest[1:]
    if command == "help-now":
        return _help_now(rest, guides_dir, plain)
    if command == "guide":
        return _guide(rest, guides_dir)
    if command in WALKS and not rest:
        return _walk(command, guides_dir, plain)
    if command == "review":
        return early_review(rest, guides_dir, plain)
    return None


def _help_now(args: list[str], guides_dir: Path | None, plain: bool) -> Command | None:
    """``help-now [--region REGION]``."""
    region = None
    if args[:1] == ["--region"] and len(args) == 2 and _a_value(args[1]):
        region = args[1]
    elif len(args) == 1 and args[0].startswith("--region="):
        region = args[0].removeprefix("--region=")
        if not _a_value(region):
            return None
    elif args:
        return None

    def help_now() -> None:
        with short_lived():
            from ketaprep.walks.help_now import run

            run(region, guides_dir, plain)

    return help_now


def _guide(args: list[str], guides_dir: Path | None) -> Command | None:
    """``guide [STEP]``."""
    if len(args) > 1 or (args and not _a_value(args[0])):
        return None
    step = args[0] if args else None

    def guide() -> None:
        with short_lived():
            from ketaprep.walks import guide
            from ketaprep.walks.welcome import welcome_once

            welcome_once(guides_dir)
            guide.run(step, guides_dir)

    return guide


def _walk(name: str, guides_dir: Path | None, plain: bool) -> Command:
    """A walk of WALKS, as the typer app runs it: the first run's intro, then the walk;
    its exit code."""

    def walk() -> None:
        collector.hold()  # until the first question (ketaprep/collector.py)
        from ketaprep.walks.run import WalkOptions
        from ketaprep.walks.welcome import welcome_once

        welcome_once(guides_dir)
        if name == "prepare":
            from ketaprep.walks.prepare import run
        elif name == "journal":
            from ketaprep.walks.journal import run
        else:
            from ketaprep.walks.checkin import run
        sys.exit(run(WalkOptions(None, plain, guides_dir)))

    return walk


@contextmanager
def short_lived() -> Iterator[None]:
    """For a command that shows its text and ends (help-now, guide): Python's collector of
    cyclic garbage neither runs while it imports and shows (ketaprep/collector.py), nor
    walks every object at the exit (a sixth of help-now's time). Such a command leaves
    nothing open for a collection to close: what it reads it closes itself."""
    collector.hold()  # let go if it asks the region
    try:
        yield
    finally:
        collector.ending()


def _a_value(text: str) -> bool:
    """A value the plain form takes as it stands: typer is left any other."""
    return bool(text) and not text.startswith("-")


def _as_typer_would(command: Command) -> None:
    """Run ``command`` with typer's endings: Ctrl-C exits 130, an end of input says
    "Aborted!" and exits 1. A reader that stopped early (``| head``) is no problem, as
    for export: it exits 0 without a word."""
    try:
        command()
    except KeyboardInterrupt as stopped:
        raise SystemExit(130) from stopped
    except EOFError:
        print(file=sys.stderr)
        print("Aborted!", file=sys.stderr)
        sys.exit(1)
    except OSError as error:
        if error.errno != errno.EPIPE:
            raise
        from ketaprep.console import reader_gone

        reader_gone()


# --- errors, in a sentence ---------------------------------------------------------------


def _after_ctrl_c(error: BaseException) -> bool:
    """Whether ``error`` was raised while handling a KeyboardInterrupt."""
    cause = error.__cause__ or error.__context__
    while cause is not None:
        if isinstance(cause, KeyboardInterrupt):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


def _say_error(message: str) -> None:
    from ketaprep.console import note

    try:
        note(message)
    except OSError:  # the terminal is gone (closed, SIGHUP): nobody is there to read it
        pass
