"""Rich renderables: what ketaprep shows. Plain functions, no state.

Guide text comes from files a clinic may edit, so it is shown through
``visible()``: no terminal escapes, no rich markup.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from rich.console import Group
from rich.padding import Padding
from rich.text import Text

from ketaprep.console import get_console, get_err_console, visible
from ketaprep.console import user_text as _text

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console, RenderableType
    from rich.pager import Pager
    from rich.table import Table

    from ketaprep.guide_model import Guides, Region, Safety, Step
    from ketaprep.guides import Problem

CARE_TEAM_LINE = "When you can, also tell your care team or clinic how you are. They want to know."
# Shown only if even the built-in safety.yaml cannot be read.
LAST_RESORT_LINES = (
    "If you or someone else is in danger right now, call your local emergency number: "
    "911 in the United States, 999 or 112 in the UK and Ireland, 112 in the European Union.",
    "United States: call or text 988. UK and Ireland: call Samaritans on 116 123.",
)


# --- guides ------------------------------------------------------------------------


def steps_table(guides: Guides) -> Table:
    """The five steps and the FAQ: what to type, title, summary, which command walks it."""
    from rich.table import Table

    table = Table(
        title="The five steps",
        caption="Read one in full with: ketaprep guide 2 (or its name, like ketaprep guide faq)",
        title_justify="left",
        caption_justify="left",
    )
    table.add_column("Step", no_wrap=True)
    table.add_column("Title")
    table.add_column("What it is about")
    table.add_column("Walked by")
    for step in guides.steps:
        walked_by = step.walked_by or f"ketaprep guide {step.key}"
        table.add_row(
            _text(step.key), _text(step.title, "bold"), _text(step.summary), _text(walked_by)
        )
    return table


def step_page(step: Step) -> RenderableType:
    """One step in full: its title, then its body as Markdown."""
    from rich.markdown import Markdown

    heading = f"Step {step.number}: {step.title}" if step.number else step.title
    parts: list[RenderableType] = [_text(heading, "bold"), _text(step.summary, "italic"), Text()]
    parts.append(Markdown(visible(step.body)))
    if step.walked_by:
        parts += [Text(), _text(f"To walk through this step, run: {step.walked_by}", "dim")]
    return Group(*parts)


def check_report(folder: Path, problems: list[Problem], file_count: int) -> RenderableType:
    """The result of ``ketaprep guides check``: every problem, one per line, or all clear."""
    if not problems:
        files = "1 guide file" if file_count == 1 else f"All {file_count} guide files"
        verb = "is" if file_count == 1 else "are"
        return _text(f"{files} in {folder} {verb} valid.")
    lines = [_text(str(problem)) for problem in problems]
    count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
    lines.append(_text(f"Found {count} in {folder}. Nothing was changed."))
    return Group(*lines)


# --- safety ------------------------------------------------------------------------


def crisis_lines(
    safety: Safety | None, regions: tuple[Region, ...] | None = None, *, compact: bool = False
) -> Group:
    """Help right now: the danger line first, the regions' lines, the care team.

    ``regions`` None means all of them; ``safety`` None means even the built-in
    file could not be read, so a few lines written here are shown instead.
    ``compact`` (after an alert in a walk): no blank lines, notes beside their
    line and no disclaimer, so all of it stays on a 24-row screen above the question.
    """
    if safety is None:
        return Group(*(_text(line, "bold") for line in LAST_RESORT_LINES), _text(CARE_TEAM_LINE))
    gap: list[RenderableType] = [] if compact else [Text()]
    parts: list[RenderableType] = [_text(safety.immediate_danger, "bold"), *gap]
    for region in safety.regions if regions is None else regions:
        parts.append(_text(region.name, "bold underline"))
        for line in region.lines:
            entry = _text(f"{line.name}: ", "bold")
            entry.append(visible(line.contact))
            if compact and line.note:
                end = "" if line.contact.rstrip().endswith((".", "!", "?")) else "."
                entry.append(f"{end} {visible(line.note)}")
            parts.append(Padding(entry, (0, 0, 0, 2), expand=False))  # wrapped lines indented
            if line.note and not compact:
                parts.append(_text(f"    {line.note}"))
        parts += gap
    parts.append(_text(CARE_TEAM_LINE))
    if not compact:
        parts += [Text(), _text(safety.disclaimer.strip(), "dim")]
    return Group(*parts)


def intro(safety: Safety) -> Text:
    return _text(safety.intro.strip() + "\n")


# --- showing -----------------------------------------------------------------------


def show(renderable: RenderableType, *, soft_wrap: bool = False) -> None:
    get_console().print(renderable, soft_wrap=soft_wrap)


def note(sentence: str) -> None:
    """One line on stderr, so stdout stays clean for pipes."""
    get_err_console().print(_text(sentence), soft_wrap=True)


def show_paged(
    renderable: RenderableType, console: Console | None = None, pager: Pager | None = None
) -> None:
    """Through the pager when in a terminal and longer than the screen; else plainly."""
    console = console or get_console()
    if not console.is_terminal:
        # Piped: plain lines, without the spaces rich pads them with.
        with console.capture() as captured:
            console.print(renderable)
        for line in captured.get().splitlines():
            console.out(line.rstrip(), highlight=False)
        return
    lines = console.render_lines(renderable, console.options, pad=False)
    if len(lines) <= console.height:
        console.print(renderable)
        return
    command = os.environ.get("MANPAGER") or os.environ.get("PAGER") or "less"
    styles = os.path.basename(command.split()[0]) == "less" if command.split() else False
    if styles:
        os.environ.setdefault("LESS", "-R")  # let less show bold and colour, not escapes
    with console.pager(pager, styles=styles):
        console.print(renderable)


def welcome_once(guides_dir: Path | None) -> None:
    """The first time ketaprep runs: safety.yaml's intro on stderr, then a marker file."""
    from ketaprep.errors import KetaprepError
    from ketaprep.paths import ensure_private_dir, get_paths, private_file

    marker = get_paths().welcomed_marker
    if marker.exists():
        return
    from ketaprep.guides import welcome_safety

    safety = welcome_safety(guides_dir)
    if safety is not None:
        get_err_console().print(intro(safety))
    try:
        ensure_private_dir(marker.parent)
        marker.touch(mode=0o600)
        private_file(marker)
    except (KetaprepError, OSError):
        pass  # the intro shows again next time; the command itself goes on
