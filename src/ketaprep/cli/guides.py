"""The guides' commands: guide, guides check, help-now.

Each command imports what it runs inside itself: ``ketaprep --help`` loads none of it.
"""

from pathlib import Path
from typing import Annotated, Optional

import typer

from ketaprep.cli.root import app, settings, sub_app
from ketaprep.console import show
from ketaprep.guides.files import guide_files_in


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
    from ketaprep.walks.guide import run

    run(step, settings.guides_dir)


guides_app = sub_app("guides", "Work with a clinic's own guide files.")


@guides_app.command("check")
def guides_check(
    folder: Annotated[Path, typer.Argument(help="The folder of guide files to check.")],
) -> None:
    """Check a folder of guide files.

    Lists every problem; exits 1 if there are any.
    """
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
    """Crisis lines to call or text, and your own safety plan.

    If you are in danger, call your local emergency number.
    """
    from ketaprep.walks.help_now import run

    run(region, settings.guides_dir, settings.plain)
