"""What ketaprep shows: rich renderables, as plain functions with no state.

The guides (the steps table, a step in full, the check report), the crisis help
(help-now's screen, the lines inside a walk after an alert), the first run's intro, and
what a walk draws around its questions (a step's heading, bullets, the summary).

Guide text comes from files a clinic may edit, so it is shown through
``visible()``: no terminal escapes, no rich markup.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.console import Group
from rich.measure import Measurement
from rich.padding import Padding
from rich.text import Text

from ketaprep.config import load_config
from ketaprep.console import user_text, visible
from ketaprep.errors import KetaprepError
from ketaprep.vocab import plural
from ketaprep.walks.plan_brief import PlanBrief, read_brief

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console, ConsoleOptions, RenderableType

    from ketaprep.answers import AnswerValue
    from ketaprep.guides.card import Card
    from ketaprep.guides.model import Guides, Item, Step
    from ketaprep.guides.nodes import Problem
    from ketaprep.guides.safety import Alert, Region, Safety

CARE_TEAM_LINE = "When you can, also tell your care team or clinic how you are. They want to know."
NO_PLAN_YET = "On a calmer day, you can write your own safety plan: ketaprep plan"
PLAN_UNREADABLE = "Your own safety plan cannot be read from your journal just now."
# Shown only if even the built-in safety.yaml cannot be read.
LAST_RESORT_LINES = (
    "If you or someone else is in danger right now, call your local emergency number: "
    "911 in the United States, 999 or 112 in the UK and Ireland, 112 in the European Union.",
    "United States: call or text 988. UK and Ireland: call Samaritans on 116 123.",
)

STEPS_TITLE = "The five steps"
STEPS_CAPTION = "Read one in full with: ketaprep guide 2 (or its name, like ketaprep guide faq)"
STACKED_BELOW = 64  # columns: on a narrower screen the steps table is stacked


# --- guides ------------------------------------------------------------------------


def steps_table(guides: Guides, width: int) -> RenderableType:
    """The five steps and the FAQ: what to type, title, summary, which command walks it.
    In columns; on a screen narrower than ``STACKED_BELOW``, each step stacked instead."""
    from rich.table import Table

    if width < STACKED_BELOW:
        return _steps_stacked(guides)
    table = Table(
        title=STEPS_TITLE,
        caption=STEPS_CAPTION,
        title_justify="left",
        caption_justify="left",
    )
    table.add_column("Step", no_wrap=True)
    table.add_column("Title")
    table.add_column("What it is about")
    table.add_column("Walked by")
    for step in guides.steps:
        table.add_row(
            user_text(step.key),
            user_text(step.title, "bold"),
            user_text(step.summary),
            user_text(_walked_by(step)),
        )
    return table


def _steps_stacked(guides: Guides) -> RenderableType:
    """Each step a few lines beside what to type: its title, what it is about, and the
    command that walks it; a blank line between steps."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for number, step in enumerate(guides.steps):
        about = Text.assemble(
            user_text(step.title, "bold"), "\n", user_text(step.summary), "\n",
            user_text(f"Walked by {_walked_by(step)}", "dim"),
        )  # fmt: skip
        grid.add_row(user_text(step.key), about)
        if number < len(guides.steps) - 1:
            grid.add_row("", "")
    return Group(user_text(STEPS_TITLE, "italic"), Text(), grid, Text(), user_text(STEPS_CAPTION))


def _walked_by(step: Step) -> str:
    return step.walked_by or f"ketaprep guide {step.key}"


def step_page(step: Step) -> RenderableType:
    """One step in full: its title, then its body as Markdown."""
    from rich.markdown import Markdown

    heading = f"Step {step.number}: {step.title}" if step.number else step.title
    parts: list[RenderableType] = [
        user_text(heading, "bold"),
        user_text(step.summary, "italic"),
        Text(),
    ]
    parts.append(Markdown(visible(step.body)))
    if step.walked_by:
        parts += [Text(), user_text(f"To walk through this step, run: {step.walked_by}", "dim")]
    return Group(*parts)


def check_report(folder: Path, problems: list[Problem], file_count: int) -> RenderableType:
    """The result of ``ketaprep guides check``: every problem, one per line, or all clear."""
    if not problems:
        files = "1 guide file" if file_count == 1 else f"All {file_count} guide files"
        verb = "is" if file_count == 1 else "are"
        return user_text(f"{files} in {folder} {verb} valid.")
    lines = [user_text(str(problem)) for problem in problems]
    lines.append(
        user_text(f"Found {plural(len(problems), 'problem')} in {folder}. Nothing was changed.")
    )
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
        last_resort = [user_text(line, "bold") for line in LAST_RESORT_LINES]
        return Group(*last_resort, *_brief_parts(brief, layout)), Group(user_text(CARE_TEAM_LINE))
    gap: list[RenderableType] = [Text()] if layout.gaps else []
    one = regions[0] if regions is not None and len(regions) == 1 else None
    danger = one.danger if one is not None and one.danger else safety.immediate_danger
    top: list[RenderableType] = [user_text(danger, "bold")]
    plan = _brief_parts(brief, layout)
    if plan:
        top += [*gap, *plan]
    rest: list[RenderableType] = [*gap]
    if regions is None and layout.digest:
        rest += [region_digest(region) for region in safety.regions]
        if layout.extras:
            ids = ", ".join(safety.region_ids())
            rest.append(user_text(f"All of one place's lines: ketaprep help-now --region ({ids})"))
        rest += gap
    else:
        for region in safety.regions if regions is None else regions:
            rest += [*_region_lines(region, layout), *gap]
    if layout.care_team:
        rest.append(user_text(CARE_TEAM_LINE))
    if not ending:
        return Group(*top), Group(*rest)
    if layout.extras and brief is not None and brief.readable and brief.empty:
        rest.append(user_text(NO_PLAN_YET))
    disclaimer = " ".join(safety.disclaimer.split())
    if layout.short_disclaimer:
        disclaimer = _first_sentence(disclaimer)
    rest += [*gap, user_text(disclaimer, "dim")]
    return Group(*top), Group(*rest)


def _region_lines(region: Region, layout: Layout) -> list[RenderableType]:
    parts: list[RenderableType] = [user_text(region.name, "bold underline")]
    for line in region.lines:
        entry = user_text(f"{line.name}: ", "bold")
        entry.append(visible(line.contact))
        if layout.notes_inline and line.note:
            end = "" if line.contact.rstrip().endswith((".", "!", "?")) else "."
            entry.append(f"{end} {visible(line.note)}")
        parts.append(Padding(entry, (0, 0, 0, 2), expand=False))  # wrapped lines indented
        if line.note and not layout.notes_inline:
            parts.append(Padding(user_text(line.note), (0, 0, 0, 4), expand=False))
    return parts


def region_digest(region: Region) -> RenderableType:
    """``United States · Suicide & Crisis Lifeline: Call or text 988``: a region's first
    line, so that every region fits on one screen."""
    first = region.lines[0]
    entry = user_text(f"{region.name} · ", "bold")
    entry.append(f"{visible(first.name)}: ", "bold")
    entry.append(visible(first.contact))
    return entry


def _brief_parts(brief: PlanBrief | None, layout: Layout) -> list[RenderableType]:
    """The person's own plan in brief: their people, the clinic at night, first steps."""
    if brief is None or (brief.readable and brief.empty):
        return []
    if not brief.readable:
        return [user_text(PLAN_UNREADABLE, "dim")]
    people = list(brief.people)
    if layout.most_people is not None and len(people) > layout.most_people:
        more = len(people) - layout.most_people
        people = people[: layout.most_people] + [f"and {more} more (ketaprep plan --show)"]
    rows = [
        ("People you can ask: ", people),
        ("Your clinic after hours: ", [brief.after_hours] if brief.after_hours else []),
        ("First things to try: ", list(brief.coping)),
    ]
    parts: list[RenderableType] = [user_text("From your safety plan", "bold underline")]
    for label, texts in rows:
        if texts:
            entry = user_text(label, "bold")
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
    return user_text(safety.intro.strip() + "\n")


# --- inside a walk ------------------------------------------------------------------

ALERT_WORDS = "Thank you for saying so. Your answer is saved. Please reach out for support now."
LINES_AGAIN = "All the crisis lines, at any time: ketaprep help-now"
AFTER_ALERT = (
    "Please let your care team know how you are doing today. For help right now: ketaprep help-now"
)


def answers_given(items: Sequence[Item], answers: Mapping[str, AnswerValue]) -> str:
    """``3 answers``: the items answered, leaving out the ones skipped."""
    count = sum(1 for item in items if answers.get(item.id) not in (None, "", []))
    return plural(count, "answer")


def step_heading(step: Step) -> RenderableType:
    return Group(user_text(""), user_text(step.title, style="bold"), user_text(step.summary))


def card_screen(title: str, card: Card, *, plain: bool) -> RenderableType:
    """The card (guides.card) in a panel titled ``title``; plain: the same lines under a
    sentence, for a screen reader."""
    bullet = "-" if plain else "•"
    lines: list[RenderableType] = []
    for heading, texts in card.parts():
        if lines:
            lines.append(user_text(""))
        if heading:
            lines += [user_text(heading, style="bold"), bullets(texts, bullet)]
        else:  # the help after an alert: its first line stands out
            lines.append(user_text(texts[0], style="bold"))
            lines += [user_text(text) for text in texts[1:]]
    if plain:
        opening = user_text(f"\nYour card for {title}. Read it before the session starts.")
        return Group(opening, *lines)
    from rich.panel import Panel

    panel = Panel(
        Group(*lines),
        title=user_text(title),
        subtitle=user_text("read this before your session starts"),
        border_style="cyan",
        padding=(1, 2),
        expand=False,
    )
    return Group(user_text(""), panel)


def bullets(texts: Sequence[str], bullet: str = "-") -> RenderableType:
    """One line per text, wrapped lines indented under the text, not under the bullet
    (no bullet: an indented block, which a screen reader reads as plain sentences)."""
    return _Bullets(texts, bullet)


@dataclass(frozen=True)
class _Bullets:
    """A list drawn line by line (a table grid would pad every line with spaces)."""

    texts: Sequence[str]
    bullet: str

    @property
    def _first(self) -> str:
        return f"  {self.bullet} " if self.bullet else "  "

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """As wide as the longest line, so a panel around a list (the card) fits it."""
        texts = [user_text(text) for text in self.texts]
        widest_word = max((Measurement.get(console, options, t).minimum for t in texts), default=0)
        widest = max((t.cell_len for t in texts), default=0)
        return Measurement(len(self._first) + widest_word, len(self._first) + widest)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        first = self._first
        indent = " " * len(first)
        for text in self.texts:
            lines = user_text(text).wrap(console, max(options.max_width - len(first), 1))
            for index, line in enumerate(lines):
                line.rstrip()
                yield Text.assemble(indent if index else first, line)


def summary(
    headline: str,
    sections: Sequence[tuple[str, Sequence[str]]],
    next_steps: Sequence[str],
    *,
    store_path: Path,
    after_alert: bool = False,
) -> RenderableType:
    """What was saved (bold), any sections with lines, where it is kept, the next steps
    (``after_alert``: the care team first)."""
    lines: list[RenderableType] = [user_text(""), user_text(headline, style="bold")]
    for title, texts in sections:
        if texts:
            lines.append(user_text(title))
            lines.append(bullets(texts))
    kept = user_text(f"Kept privately on this computer in {store_path}.")
    kept.overflow = "ignore"  # a path longer than the screen stays whole, to copy
    lines.append(kept)
    lines += [user_text(step) for step in ([AFTER_ALERT] if after_alert else []) + list(next_steps)]
    return Group(*lines)


def again_help(guides: Guides, alert: Alert) -> RenderableType:
    """A later alert in one walk: its words, then each region's first line (or the
    person's region's), and where all the lines are."""
    regions = _regions(guides) or guides.safety.regions
    return Group(
        user_text(""),
        user_text(alert.message or ALERT_WORDS, style="bold"),
        *(region_digest(region) for region in regions),
        user_text(LINES_AGAIN),
    )


def _regions(guides: Guides) -> tuple[Region, ...] | None:
    """The person's region from their settings, or None (none set, or a broken settings
    file: that must not hide the crisis lines)."""
    try:
        region = load_config().region
        return (guides.safety.region(region),) if region else None
    except KetaprepError:
        return None


def alert_help(guides: Guides, alert: Alert) -> RenderableType:
    """The guide's words (or ours), then the crisis block help-now shows, made to fit
    above the pause's question: the danger line, the person's own plan in brief, the
    crisis lines for their region (one line for each region if none is set), the care
    team."""
    words = alert.message or ALERT_WORDS
    top, rest = crisis_screen(guides.safety, _regions(guides), read_brief(), PAUSE, ending=False)
    return Group(user_text(""), user_text(words, style="bold"), top, rest)
