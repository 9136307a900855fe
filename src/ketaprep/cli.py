"""The typer app. Thin: options in, call one function, render out.

Heavy modules (questionary, yaml, sqlite3, rich.markdown) are imported inside the
commands that use them, so ``ketaprep --help`` stays fast. No ``from __future__ import
annotations`` here: typer would then have to evaluate every annotation from its string
form, which costs ~10 ms on each run.
"""

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ketaprep import __version__
from ketaprep.errors import KetaprepError
from ketaprep.export import formats

if TYPE_CHECKING:
    from ketaprep.walks.run import WalkOptions

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
        from ketaprep.paths import get_paths

        # Checked here so that later runs never import rich just to find the marker.
        if not get_paths().welcomed_marker.exists():
            from ketaprep.walks.screens import welcome_once

            welcome_once(settings.guides_dir)


# --- guides: guide, guides check, help-now -----------------------------------


@app.command()
def guide(
    step: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            help="A step number (1 to 5) or name: 2, preparing, faq.", show_default=False
        ),
    ] = None,
) -> None:
    """Read the five steps and the FAQ.

    With no STEP, a table of them; with a STEP, that step in full.
    """
    from ketaprep.console import get_console, show_paged
    from ketaprep.guides.load import load_user_guides
    from ketaprep.walks import screens

    guides = load_user_guides(settings.guides_dir)
    if step is None:
        show_paged(screens.steps_table(guides, get_console().width))
    else:
        show_paged(screens.step_page(guides.step(step)))


guides_app = typer.Typer(
    name="guides",
    help="Work with a clinic's own guide files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(guides_app)


@guides_app.command("check")
def guides_check(
    folder: Annotated[Path, typer.Argument(help="The folder of guide files to check.")],
) -> None:
    """Check a folder of guide files.

    Lists every problem; exits 1 if there are any.
    """
    from ketaprep.console import show
    from ketaprep.guides.files import guide_files_in
    from ketaprep.guides.load import check_dir
    from ketaprep.walks import screens

    problems = check_dir(folder)
    show(screens.check_report(folder, problems, len(guide_files_in(folder))), soft_wrap=True)
    if problems:
        raise typer.Exit(1)


@app.command("help-now")
def help_now(
    region: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--region",
            help="Where you are: us, uk-ie, eu, ca, au, nz or other. "
            "Default: your settings; the first time in a terminal, ketaprep asks.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Crisis lines to call or text right now, with your own safety plan.

    If you are in danger, call your local emergency number.
    """
    from ketaprep.walks.help_now import run

    run(region, settings.guides_dir, settings.plain)


# --- walks: prepare, breathe, journal, checkin, plan -------------------------

# Every walk can take its answers from a file (docs/answers-files.md).
AnswersOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--answers",
        help="A YAML file of question ids and answers (like 'mood: 6'): nothing is asked.",
        show_default=False,
    ),
]


def _walk_options(
    answers: Path | None, session: int | None = None, date: str | None = None
) -> "WalkOptions":
    """What every walk command is given: --answers, and for some --session and --date."""
    from ketaprep.walks.run import WalkOptions

    return WalkOptions(answers, settings.plain, settings.guides_dir, session=session, date=date)


@app.command()
def prepare(
    session: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--session", help="The number of the session to get ready for.", show_default=False
        ),
    ] = None,
    date: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--date",
            help="The day of the session: 2026-12-01, tomorrow, friday...",
            show_default=False,
        ),
    ] = None,
    answers: AnswersOption = None,
) -> None:
    """Get ready for a session.

    A checklist, your intentions, a check-in, and a card to carry in.
    """
    from ketaprep.walks.prepare import run

    code = run(_walk_options(answers, session=session, date=date))
    if code:
        raise typer.Exit(code)


@app.command()
def breathe(
    rounds: Annotated[int, typer.Option("--rounds", help="How many breaths (1 to 30).")] = 4,
    breathe_in: Annotated[int, typer.Option("--in", help="Seconds to breathe in (1 to 20).")] = 4,
    breathe_out: Annotated[
        int, typer.Option("--out", help="Seconds to breathe out (1 to 20).")
    ] = 6,
) -> None:
    """A short breathing practice with a visible count.

    Ctrl-C stops it gently.
    """
    from ketaprep.walks.breathe import Pace, practice

    practice(Pace(rounds, breathe_in, breathe_out))


@app.command()
def journal(
    session: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--session", help="The number of the session to write about.", show_default=False
        ),
    ] = None,
    date: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--date",
            help="The day of the session: 2026-12-01, yesterday, friday...",
            show_default=False,
        ),
    ] = None,
    answers: AnswersOption = None,
) -> None:
    """Write about a session after it.

    How your intentions went, what came up, and how you feel now.
    """
    from ketaprep.walks.journal import run

    code = run(_walk_options(answers, session=session, date=date))
    if code:
        raise typer.Exit(code)


@app.command()
def checkin(
    answers: AnswersOption = None,
) -> None:
    """Check in between sessions.

    What helped, who was there, a win, and how you feel.
    """
    from ketaprep.walks.checkin import run

    code = run(_walk_options(answers))
    if code:
        raise typer.Exit(code)


@app.command()
def plan(
    show: Annotated[
        bool, typer.Option("--show", help="Show your plan as it is now; nothing is asked.")
    ] = False,
    answers: AnswersOption = None,
) -> None:
    """Make or change your own safety plan, for hard moments.

    Your warning signs, what helps, who to call. ketaprep help-now shows it in brief.
    """
    if show:
        from ketaprep import console
        from ketaprep.walks.plan import show_plan

        console.show(show_plan())
        return
    from ketaprep.walks.plan import run

    code = run(_walk_options(answers))
    if code:
        raise typer.Exit(code)


# --- review -------------------------------------------------------------------

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


@app.command()
def review(
    what: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(metavar="[show]", help="show ID: one entry in full.", show_default=False),
    ] = None,
    entry_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="[ID]",
            help="An entry's id; its first 4 or more characters do.",
            show_default=False,
        ),
    ] = None,
    list_: Annotated[
        bool, typer.Option("--list", help="A table of entries, newest first.")
    ] = False,
    session: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--session", help="One session: alone, its overview.", show_default=False),
    ] = None,
    kind: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--kind", help="prepare, journal, checkin or plan.", show_default=False),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    tag: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--tag", help="Entries you tagged with this word.", show_default=False),
    ] = None,
    search: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--search", help="Entries holding these words.", show_default=False),
    ] = None,
    json_: Annotated[
        bool, typer.Option("--json", help="JSON for scripts (see docs/review-json.md).")
    ] = False,
    trends: Annotated[
        bool, typer.Option("--trends", help="Your check-in scales over time.")
    ] = False,
    wins: Annotated[bool, typer.Option("--wins", help="Your wins, newest first.")] = False,
    limit: Annotated[
        int, typer.Option("--limit", help="Show at most this many; 0 shows all.")
    ] = 50,
) -> None:
    """Look back over sessions and entries.

    Browse, read, search, and see how things change over time.
    """
    from ketaprep.review.command import entry_to_show, run
    from ketaprep.review.queries import ReviewOptions

    options = ReviewOptions(
        show=entry_to_show(what, entry_id), list=list_, session=session, kind=kind,
        since=since, until=until, tag=tag, search=search, json=json_, trends=trends, wins=wins,
        limit=limit, plain=settings.plain, guides_dir=settings.guides_dir,
    )  # fmt: skip
    raise typer.Exit(run(options))


# --- store: where, export, import, delete -------------------------------------


@app.command()
def where() -> None:
    """Show where your journal and settings are kept.

    Also shows which guides are in use, so you can back them up.
    """
    from ketaprep.console import get_console, user_text
    from ketaprep.guides.files import builtin_dir
    from ketaprep.store.where import where_lines

    for line in where_lines(settings.guides_dir, builtin_dir()):
        get_console().print(user_text(line), soft_wrap=True)  # paths stay whole to copy


@app.command(
    "export",
    help=f"""Write out your journal as {formats.titles()}.

    Drafts are included and marked as drafts. An --output file that exists already is
    replaced only after asking (or with --force).
    """,
)
def export_entries(
    format: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--format",
            "-f",
            help=formats.option_help() + " Default: json; html with --for-therapist.",
            show_default=False,
        ),
    ] = None,
    session: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--session", help="Only this session number.", show_default=False),
    ] = None,
    for_therapist: Annotated[
        bool,
        typer.Option(
            "--for-therapist",
            help="One session on a page or two, to bring to your therapist "
            "(--session N; else the latest).",
        ),
    ] = False,
    since: SinceOption = None,
    until: UntilOption = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output", "-o", help="Write to this file (private to you).", show_default=False
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace the --output file if it exists, without asking."),
    ] = False,
) -> None:
    from ketaprep.export.command import export_command

    done = export_command(
        format,
        session,
        since,
        until,
        output,
        settings.guides_dir,
        for_therapist=for_therapist,
        force=force,
        plain=settings.plain,
    )
    if done:
        from ketaprep.console import get_console, user_text

        get_console().print(user_text(done), soft_wrap=True)


@app.command()
def remind(
    session: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--session", help="This session (default: the next one).", show_default=False),
    ] = None,
    checkin_every: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--checkin-every", help="Also a check-in every this many days.", show_default=False
        ),
    ] = None,
    details: Annotated[
        bool, typer.Option("--details", help='Name the session (else events say "ketaprep").')
    ] = False,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The calendar file to write (- to print it).")
    ] = Path("ketaprep-reminders.ics"),
    force: Annotated[
        bool, typer.Option("--force", help="Replace the file if it exists, without asking.")
    ] = False,
) -> None:
    """Write reminders for your own calendar app, as an .ics file.

    "Get ready" the evening before your next session, "write about it" the morning after,
    and, if you like, a check-in every few days. Nothing runs in the background and
    nothing is sent anywhere: open the file with your calendar app to add them.
    """
    from ketaprep.console import get_console, user_text
    from ketaprep.remind import remind_command

    lines = remind_command(
        session, checkin_every, output, details=details, force=force, plain=settings.plain
    )
    for line in lines:
        get_console().print(user_text(line), soft_wrap=True)


@app.command("import")
def import_entries(
    file: Annotated[
        Path, typer.Argument(help="A JSON file made by ketaprep export.", show_default=False)
    ],
) -> None:
    """Add sessions and entries from a JSON export.

    Nothing is added twice.
    """
    from ketaprep.console import get_console, user_text
    from ketaprep.export.json_in import import_command

    for line in import_command(file):
        get_console().print(user_text(line), soft_wrap=True)


@app.command()
def delete(
    entry_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The entry's id (from ketaprep review --list); its first 4 or more characters do.",
            show_default=False,
        ),
    ],
    yes: Annotated[bool, typer.Option("--yes", help="Delete without asking first.")] = False,
) -> None:
    """Delete one entry for good.

    Asks first. Its words are removed from the journal file too.
    """
    from ketaprep.walks.delete import run

    code = run(entry_id, yes=yes, plain=settings.plain)
    if code:
        raise typer.Exit(code)


@app.command()
def lock(
    change: Annotated[
        bool, typer.Option("--change", help="Give your locked journal a new passphrase.")
    ] = False,
    remove: Annotated[
        bool,
        typer.Option("--remove", help="Make your locked journal a plain file again (asks first)."),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", help="With --remove: do not ask first.")] = False,
) -> None:
    """Lock your journal with a passphrase.

    Your journal file is then encrypted: without the passphrase, nobody can read it.
    Nobody can recover a forgotten passphrase. help-now never asks for it.
    """
    from ketaprep.lock import run

    code = run(change=change, remove=remove, yes=yes, plain=settings.plain)
    if code:
        raise typer.Exit(code)


session_app = typer.Typer(
    name="session",
    help="See your sessions, change a session's number or day, delete an empty one.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(session_app)

SessionArgument = Annotated[
    int, typer.Argument(metavar="N", help="The session's number.", show_default=False)
]


@session_app.command("list")
def session_list() -> None:
    """List your sessions, newest first, with what is written for each."""
    from ketaprep.console import get_console, user_text
    from ketaprep.walks.sessions import list_lines

    for line in list_lines():
        get_console().print(user_text(line), soft_wrap=True)


@session_app.command("change")
def session_change(
    number: SessionArgument,
    new_number: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--number", help="Its new number (1 to 9999).", show_default=False),
    ] = None,
    new_date: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--date", help="Its new day: 2026-12-01, yesterday, last friday...", show_default=False
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Change it without asking first.")] = False,
) -> None:
    """Give a session another number or day.

    Shows the change and asks first. Its entries go with it.
    """
    from ketaprep.walks.sessions import change

    code = change(number, new_number=new_number, new_date=new_date, yes=yes, plain=settings.plain)
    if code:
        raise typer.Exit(code)


@session_app.command("delete")
def session_delete(
    number: SessionArgument,
    yes: Annotated[bool, typer.Option("--yes", help="Delete it without asking first.")] = False,
) -> None:
    """Delete a session that has nothing written for it.

    Shows it and asks first. A session with entries is kept.
    """
    from ketaprep.walks.sessions import delete as delete_session

    code = delete_session(number, yes=yes, plain=settings.plain)
    if code:
        raise typer.Exit(code)


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
    from ketaprep.console import note

    try:
        note(message)
    except OSError:  # the terminal is gone (closed, SIGHUP): nobody is there to read it
        pass
