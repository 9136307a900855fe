"""``ketaprep help-now``: crisis first.

On screen, in this order: what to do if someone is in danger (with the emergency number
once the region is known), the person's own plan in brief, the public crisis lines for
their region, and last the disclaimer. In a terminal it picks the roomiest layout that
fits the screen, so the danger line never scrolls away. The journal is only read for
the plan, read-only; when it cannot be read, everything else still shows.

The first time in a terminal with no region set, the region is asked once, after the
danger line and the plan are on screen, and kept in the settings file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ketaprep.config import remember_region
from ketaprep.console import get_console, note, pipe_width, piped, user_text
from ketaprep.errors import KetaprepError
from ketaprep.lines import pipe_text
from ketaprep.walks.crisis import crisis_help
from ketaprep.walks.crisis_words import FULL, LAYOUTS, Layout, help_lines
from ketaprep.walks.plan_brief import PlanBrief, read_brief

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from ketaprep.guides.model import Item
    from ketaprep.guides.safety import Region, Safety
    from ketaprep.walks.crisis import CrisisHelp

REGION_PROMPT = "Where are you? ketaprep keeps it for next time."
KEYS_HINT = "(arrow keys, then enter)"  # as ask/terminal.py's TerminalAsker shows it
SHELL_PROMPT_ROWS = 1  # the shell's prompt, once help-now ends, takes a row too


def run(region: str | None, guides_dir: Path | None, plain: bool) -> None:
    """Show the crisis help; an unknown ``--region`` is raised after every region shows."""
    found = crisis_help(guides_dir, region)
    brief = read_brief()
    notes = list(found.notes)
    if not _written_plainly(found.safety, found.regions, brief):
        notes += _drawn(found, region, brief, plain)
    for sentence in notes:
        note(sentence)
    if found.bad_region:
        raise found.bad_region


def _written_plainly(
    safety: Safety | None, regions: tuple[Region, ...] | None, brief: PlanBrief
) -> bool:
    """In a pipe, the lines written as rich would write them, without importing rich;
    False when rich has to (a terminal, or text only rich can lay out)."""
    if not piped():
        return False
    top, rest = help_lines(safety, regions, brief, FULL)
    text = pipe_text([*top, *rest], pipe_width())
    if text is None:
        return False
    sys.stdout.write(text)
    sys.stdout.flush()
    return True


def _drawn(found: CrisisHelp, region: str | None, brief: PlanBrief, plain: bool) -> list[str]:
    """With rich, in the roomiest layout that fits; the first time in a terminal, with
    the region question between the top and the rest. The notes to show after."""
    from ketaprep.walks import screens

    console = get_console()
    safety = found.safety
    if safety is not None and found.unset and region is None and _in_a_terminal(console):
        return _ask_between(
            console, safety, brief, plain, SHELL_PROMPT_ROWS + _rows(console, found.notes)
        )
    reserve = SHELL_PROMPT_ROWS + _rows(console, found.notes)
    layout = _fitting(
        console, lambda lay: screens.crisis_screen(safety, found.regions, brief, lay), reserve
    )
    for part in screens.crisis_screen(safety, found.regions, brief, layout):
        console.print(part)
    return []


def _ask_between(
    console: Console, safety: Safety, brief: PlanBrief, plain: bool, reserve: int
) -> list[str]:
    """The top (danger line, plan), then the region question, then the region's lines;
    the notes to show after. The top's layout leaves room for the roomiest region; the
    rest, once the region is known, takes the room that is left."""
    from ketaprep.walks import screens

    question = region_question(safety)
    reserve += _question_rows(console, question, plain)
    tallest = max(safety.regions, key=lambda each: _region_rows(console, safety, each))

    def screen(layout: Layout) -> tuple[RenderableType, ...]:
        unknown, _ = screens.crisis_screen(safety, None, brief, layout)
        return unknown, screens.crisis_screen(safety, (tallest,), brief, layout)[1]

    layout = _fitting(console, screen, reserve)
    top, _ = screens.crisis_screen(safety, None, brief, layout)
    console.print(top)
    reserve += screens.rendered_height(console, top)
    chosen = _ask(question, plain)
    regions = None if chosen is None else (safety.region(chosen),)
    later: tuple[Layout, ...] = LAYOUTS if layout == FULL else LAYOUTS[1:]  # gaps: both or none
    if chosen is None:
        later = tuple(replace(each, digest=True) for each in later)
    layout = _fitting(
        console, lambda lay: screens.crisis_screen(safety, regions, brief, lay)[1:], reserve, later
    )
    console.print(screens.crisis_screen(safety, regions, brief, layout)[1])
    return [] if chosen is None else _remember(chosen)


def region_question(safety: Safety) -> Item:
    from ketaprep.guides.model import Item, Option  # only to ask: the crisis lines come first

    options = tuple(Option(region.id, region.name) for region in safety.regions)
    return Item("region", "choice", REGION_PROMPT, required=True, options=options)


def _in_a_terminal(console: Console) -> bool:
    return console.is_terminal and sys.stdin.isatty()


def _fitting(
    console: Console,
    build: Callable[[Layout], tuple[RenderableType, ...]],
    reserve: int,
    layouts: tuple[Layout, ...] = LAYOUTS,
) -> Layout:
    """The first of ``layouts`` whose screen fits with ``reserve`` rows to spare, else
    the last; FULL when piped."""
    from ketaprep.walks import screens

    if not console.is_terminal:
        return FULL
    for layout in layouts:
        if screens.rendered_height(console, *build(layout)) + reserve <= console.height:
            return layout
    return layouts[-1]


def _rows(console: Console, lines: Sequence[str]) -> int:
    from ketaprep.walks import screens

    return screens.rendered_height(console, *(user_text(line) for line in lines))


def _region_rows(console: Console, safety: Safety, region: Region) -> int:
    from ketaprep.walks import screens

    _, lines = screens.crisis_screen(safety, (region,), None, FULL, ending=False)
    return screens.rendered_height(console, lines)


def _question_rows(console: Console, question: Item, plain: bool) -> int:
    """Rows the region question leaves on screen once it is answered (as ask/terminal.py draws it:
    a blank line, the keys to press when they do not fit beside the question, then the
    question with the answer)."""
    longest = max(question.options, key=lambda option: len(option.label)).label
    if plain:
        numbered = [f"  {number}. {option.label}" for number, option in enumerate(question.options)]
        asked = [REGION_PROMPT, *numbered, "Type the number of your choice.", "> 1"]
    else:
        asked = [f"? {REGION_PROMPT} {longest}"]
        if len(REGION_PROMPT) + len(KEYS_HINT) + 4 > console.width:
            asked.append(KEYS_HINT)
    return 1 + _rows(console, asked)


def _ask(question: Item, plain: bool) -> str | None:
    """The region chosen, or None when the person stops the question."""
    from ketaprep.ask import ask_until_valid, asker_for  # prompts only to ask the region

    asker = asker_for(plain)
    try:
        chosen = ask_until_valid(question, asker, None)
    except (KeyboardInterrupt, EOFError):
        get_console().print()
        return None
    return str(chosen) if chosen else None


def _remember(region: str) -> list[str]:
    """Keep the region in the settings; a note when that cannot be done."""
    try:
        remember_region(region)
    except KetaprepError as error:
        return [f"{error.message} So the region was not kept for next time."]
    return []
