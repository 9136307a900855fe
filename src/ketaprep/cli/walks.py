"""The walks' commands: prepare, breathe, journal, checkin, measure, plan.

Each command imports what it runs inside itself: ``ketaprep --help`` loads none of it.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ketaprep import console
from ketaprep.cli.root import app, settings

if TYPE_CHECKING:
    from ketaprep.walks.run import WalkOptions


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

    raise typer.Exit(run(_walk_options(answers, session=session, date=date)))


@app.command()
def card(
    session: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--session",
            help="This session (default: the next one you got ready for, else the latest).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show the card from prepare again, to read in the waiting room."""
    from ketaprep import console
    from ketaprep.walks.card import show_card

    card = show_card(session, plain=settings.plain, guides_dir=settings.guides_dir)
    if settings.plain:
        console.show(card)
    else:  # longer than a narrow screen: paged, so it is read from its top
        console.show_paged(card)


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

    raise typer.Exit(run(_walk_options(answers, session=session, date=date)))


@app.command()
def checkin(
    answers: AnswersOption = None,
) -> None:
    """Check in between sessions.

    What helped, who was there, a win, and how you feel.
    """
    from ketaprep.walks.checkin import run

    raise typer.Exit(run(_walk_options(answers)))


@app.command()
def measure(
    name: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            help="The questionnaire to take, like low-mood. Leave it out to list them.",
            show_default=False,
        ),
    ] = None,
    answers: AnswersOption = None,
) -> None:
    """Short scored questionnaires, to follow over time.

    Lists them and when each was last taken, or walks one. Not a medical test.
    """
    from ketaprep.walks.measure import command

    raise typer.Exit(command(name, _walk_options(answers)))


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
        from ketaprep.walks.plan import show_plan

        console.show(show_plan())
        return
    from ketaprep.walks.plan import run

    raise typer.Exit(run(_walk_options(answers)))
