"""``ketaprep review``: looking back.

Each command imports what it runs inside itself: ``ketaprep --help`` loads none of it.
"""

from typing import Annotated, Optional

import typer

from ketaprep.cli.root import SinceOption, UntilOption, app, settings


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
        typer.Option(
            "--kind", help="prepare, journal, checkin, plan or measure.", show_default=False
        ),
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
