"""Rich renderables: what ketaprep shows. Plain functions, no state.

Guide text comes from files a clinic may edit, so it is shown through
``visible()``: no terminal escapes, no rich markup.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
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

    from ketaprep.guides.model import Guides, Step
    from ketaprep.guides.nodes import Problem
    from ketaprep.guides.safety import Region, Safety
    from ketaprep.plan_brief import PlanBrief

CARE_TEAM_LINE = "When you can, also tell your care team or clinic how you are. They want to know."
NO_PLAN_YET = "On a calmer day, you can write your own safety plan: ketaprep plan"
PLAN_UNREADABLE = "Your own safety plan cannot be read from your journal just now."
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


@dataclass(frozen=True)
class Layout:
    """How much room the crisis help takes: help-now picks the first that fits the screen."""

    gaps: bool = True  # blank lines between the parts
    notes_inline: bool = False  # a line's note beside it, not on a line of its own
    short_disclaimer: bool = False  # only the disclaimer's first sentence
    most_people: int | None = None  # of the plan's people; the rest are counted
    extras: bool = True  # the hints: how to make a plan, how to see one region
    digest: bool = False  # every region: one line each, its first crisis line
    care_team: bool = True  # the line asking to tell the care team


FULL = Layout()
LAYOUTS = (
    FULL,
    Layout(gaps=False, notes_inline=True, most_people=3, digest=True),
    Layout(
        gaps=False, notes_inline=True, short_disclaimer=True, most_people=3, extras=False,
        digest=True,
    ),
    Layout(
        gaps=False, notes_inline=True, short_disclaimer=True, most_people=2, extras=False,
        digest=True, care_team=False,
    ),
)  # fmt: skip
PAUSE = LAYOUTS[2]  # the crisis pause inside a walk: a question still has to fit below


def crisis_lines(
    safety: Safety | None, regions: tuple[Region, ...] | None = None, *, compact: bool = False
) -> Group:
    """The public lines alone: the danger line, the regions' lines, the care team, and
    (unless ``compact``) the disclaimer. ``regions`` None means all of them; ``safety``
    None means even the built-in file could not be read (a few lines written here)."""
    layout = PAUSE if compact else FULL
    top, rest = crisis_screen(safety, regions, None, layout, ending=not compact)
    return Group(top, rest)


def crisis_screen(
    safety: Safety | None,
    regions: tuple[Region, ...] | None,
    brief: PlanBrief | None,
    layout: Layout = FULL,
    *,
    ending: bool = True,
) -> tuple[Group, Group]:
    """Help right now, crisis first, in two parts: the top (the danger line, then the
    person's own plan in brief) and the rest (the public lines for ``regions``, the care
    team, and with ``ending`` the hints and the disclaimer, always last). help-now may
    ask for the region between the two."""
    if safety is None:
        last_resort = [_text(line, "bold") for line in LAST_RESORT_LINES]
        return Group(*last_resort, *_brief_parts(brief, layout)), Group(_text(CARE_TEAM_LINE))
    gap: list[RenderableType] = [Text()] if layout.gaps else []
    one = regions[0] if regions is not None and len(regions) == 1 else None
    danger = one.danger if one is not None and one.danger else safety.immediate_danger
    top: list[RenderableType] = [_text(danger, "bold")]
    plan = _brief_parts(brief, layout)
    if plan:
        top += [*gap, *plan]
    rest: list[RenderableType] = [*gap]
    if regions is None and layout.digest:
        rest += [region_digest(region) for region in safety.regions]
        if layout.extras:
            ids = ", ".join(safety.region_ids())
            rest.append(_text(f"All of one place's lines: ketaprep help-now --region ({ids})"))
        rest += gap
    else:
        for region in safety.regions if regions is None else regions:
            rest += [*_region_lines(region, layout), *gap]
    if layout.care_team:
        rest.append(_text(CARE_TEAM_LINE))
    if not ending:
        return Group(*top), Group(*rest)
    if layout.extras and brief is not None and brief.readable and brief.empty:
        rest.append(_text(NO_PLAN_YET))
    disclaimer = " ".join(safety.disclaimer.split())
    if layout.short_disclaimer:
        disclaimer = _first_sentence(disclaimer)
    rest += [*gap, _text(disclaimer, "dim")]
    return Group(*top), Group(*rest)


def _region_lines(region: Region, layout: Layout) -> list[RenderableType]:
    parts: list[RenderableType] = [_text(region.name, "bold underline")]
    for line in region.lines:
        entry = _text(f"{line.name}: ", "bold")
        entry.append(visible(line.contact))
        if layout.notes_inline and line.note:
            end = "" if line.contact.rstrip().endswith((".", "!", "?")) else "."
            entry.append(f"{end} {visible(line.note)}")
        parts.append(Padding(entry, (0, 0, 0, 2), expand=False))  # wrapped lines indented
        if line.note and not layout.notes_inline:
            parts.append(Padding(_text(line.note), (0, 0, 0, 4), expand=False))
    return parts


def region_digest(region: Region) -> RenderableType:
    """``United States · Suicide & Crisis Lifeline: Call or text 988``: a region's first
    line, so that every region fits on one screen."""
    first = region.lines[0]
    entry = _text(f"{region.name} · ", "bold")
    entry.append(f"{visible(first.name)}: ", "bold")
    entry.append(visible(first.contact))
    return entry


def _brief_parts(brief: PlanBrief | None, layout: Layout) -> list[RenderableType]:
    """The person's own plan in brief: their people, the clinic at night, first steps."""
    if brief is None or (brief.readable and brief.empty):
        return []
    if not brief.readable:
        return [_text(PLAN_UNREADABLE, "dim")]
    people = list(brief.people)
    if layout.most_people is not None and len(people) > layout.most_people:
        more = len(people) - layout.most_people
        people = people[: layout.most_people] + [f"and {more} more (ketaprep plan --show)"]
    rows = [
        ("People you can ask: ", people),
        ("Your clinic after hours: ", [brief.after_hours] if brief.after_hours else []),
        ("First things to try: ", list(brief.coping)),
    ]
    parts: list[RenderableType] = [_text("From your safety plan", "bold underline")]
    for label, texts in rows:
        if texts:
            entry = _text(label, "bold")
            entry.append(visible("; ".join(texts)))
            parts.append(Padding(entry, (0, 0, 0, 2), expand=False))
    return parts


def _first_sentence(text: str) -> str:
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def rendered_height(console: Console, *parts: RenderableType) -> int:
    """How many rows ``parts`` take on ``console``."""
    return sum(len(console.render_lines(part, console.options, pad=False)) for part in parts)


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
    from ketaprep.guides.load import welcome_safety

    safety = welcome_safety(guides_dir)
    if safety is not None:
        get_err_console().print(intro(safety))
    try:
        ensure_private_dir(marker.parent)
        marker.touch(mode=0o600)
        private_file(marker)
    except (KetaprepError, OSError):
        pass  # the intro shows again next time; the command itself goes on
