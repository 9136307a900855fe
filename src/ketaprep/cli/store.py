"""What is kept, and files in and out of it: where, export, remind, import, delete, lock.

Each command imports what it runs inside itself: ``ketaprep --help`` loads none of it.
"""

from pathlib import Path
from typing import Annotated, Optional

import typer

from ketaprep.cli.root import SinceOption, UntilOption, app, settings
from ketaprep.console import say
from ketaprep.export import formats
from ketaprep.guides.files import builtin_dir


@app.command()
def where() -> None:
    """Show where your journal and settings are kept.

    Also shows which guides are in use, so you can back them up.
    """
    from ketaprep.store.where import where_lines

    for line in where_lines(settings.guides_dir, builtin_dir()):
        say(line)


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
        say(done)


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
    self_checks: Annotated[
        bool,
        typer.Option(
            "--self-checks", help="Also each self-check (ketaprep measure) as often as it suggests."
        ),
    ] = False,
    details: Annotated[
        bool, typer.Option("--details", help='Say what each is for (else events say "ketaprep").')
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
    and, if you like, a check-in every few days and each self-check when it is due.
    Nothing runs in the background and nothing is sent anywhere: open the file with your
    calendar app to add them.
    """
    from ketaprep.guides.load import load_questionnaires
    from ketaprep.remind import remind_command

    questionnaires = load_questionnaires(settings.guides_dir) if self_checks else ()
    lines = remind_command(
        session, checkin_every, output, self_checks=questionnaires, details=details,
        force=force, plain=settings.plain,
    )  # fmt: skip
    for line in lines:
        say(line)


@app.command("import")
def import_entries(
    file: Annotated[
        Path, typer.Argument(help="A JSON file made by ketaprep export.", show_default=False)
    ],
) -> None:
    """Add sessions and entries from a JSON export.

    Nothing is added twice.
    """
    from ketaprep.export.json_in import import_command

    for line in import_command(file):
        say(line)


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

    raise typer.Exit(run(entry_id, yes=yes, plain=settings.plain))


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

    raise typer.Exit(run(change=change, remove=remove, yes=yes, plain=settings.plain))
