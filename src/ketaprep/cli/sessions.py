"""``ketaprep session``: list, change, delete.

Each command imports what it runs inside itself: ``ketaprep --help`` loads none of it.
"""

from typing import Annotated, Optional

import typer

from ketaprep.cli.root import settings, sub_app
from ketaprep.console import say

session_app = sub_app("session", "See your sessions, change one, or delete an empty one.")


SessionArgument = Annotated[
    int, typer.Argument(metavar="N", help="The session's number.", show_default=False)
]


@session_app.command("list")
def session_list() -> None:
    """List your sessions, newest first, with what is written for each."""
    from ketaprep.walks.sessions import list_lines

    for line in list_lines():
        say(line)


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

    raise typer.Exit(
        change(number, new_number=new_number, new_date=new_date, yes=yes, plain=settings.plain)
    )


@session_app.command("delete")
def session_delete(
    number: SessionArgument,
    yes: Annotated[bool, typer.Option("--yes", help="Delete it without asking first.")] = False,
) -> None:
    """Delete a session that has nothing written for it.

    Shows it and asks first. A session with entries is kept.
    """
    from ketaprep.walks.sessions import delete as delete_session

    raise typer.Exit(delete_session(number, yes=yes, plain=settings.plain))
