"""What ketaprep shows: rich renderables, as plain functions with no state.

The guides (the steps table, a step in full, the check report), the crisis help
(help-now's screen, the lines inside a walk after an alert), the first run's intro, and
what a walk draws around its questions (a step's heading, bullets, the summary).

Guide text comes from files a clinic may edit, so it is shown through
``visible()``: no terminal escapes, no rich markup.

rich is imported by each function that draws with it, not at the top: every walk imports
this module at its start, and its first question comes sooner without rich (a step's
heading is ``Lines``, which the terminal asker draws itself).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ketaprep.ask.keys import SELECT_KEYS, with_back
from ketaprep.config import load_config
from ketaprep.console import get_console, user_text, visible
from ketaprep.errors import KetaprepError
from ketaprep.lines import BLANK, Line, Lines, rich_line
from ketaprep.vocab import plural
from ketaprep.walks.crisis_words import FULL, PAUSE, PAUSES, Layout, brief_lines, help_lines
from ketaprep.walks.crisis_words import region_digest as digest_line
from ketaprep.walks.engine import choice
from ketaprep.walks.plan_brief import PlanBrief, read_brief
from ketaprep.walks.steps_text import STACKED_BELOW, STEPS_CAPTION, STEPS_TITLE, walked_by

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console, ConsoleOptions, Group, RenderableType
    from rich.measure import Measurement
    from rich.text import Text

    from ketaprep.answers import AnswerValue
    from ketaprep.guides.card import Card
    from ketaprep.guides.model import Guides, Item, Step
    from ketaprep.guides.nodes import Problem
    from ketaprep.guides.safety import Alert, Region, Safety


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
            user_text(walked_by(step)),
        )
    return table


def _steps_stacked(guides: Guides) -> RenderableType:
    """Each step a few lines beside what to type: its title, what it is about, and the
    command that walks it; a blank line between steps."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for number, step in enumerate(guides.steps):
        about = Text.assemble(
            user_text(step.title, "bold"), "\n", user_text(step.summary), "\n",
            user_text(f"Walked by {walked_by(step)}", "dim"),
        )  # fmt: skip
        grid.add_row(user_text(step.key), about)
        if number < len(guides.steps) - 1:
            grid.add_row("", "")
    return Group(user_text(STEPS_TITLE, "italic"), Text(), grid, Text(), user_text(STEPS_CAPTION))


def step_page(step: Step) -> RenderableType:
    """One step in full: its title, then its body as Markdown."""
    from rich.console import Group
    from rich.markdown import Markdown
    from rich.text import Text

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
    from rich.console import Group

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


def crisis_lines(
    safety: Safety | None, regions: tuple[Region, ...] | None = None, *, compact: bool = False
) -> Group:
    """The public lines alone: the danger line, the regions' lines, the care team, and
    (unless ``compact``) the disclaimer. ``regions`` None means all of them; ``safety``
    None means even the built-in file could not be read (a few lines written here)."""
    from rich.console import Group

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
    """The crisis help (crisis.help_lines) in its two parts, for the terminal."""
    from rich.console import Group

    top, rest = help_lines(safety, regions, brief, layout, ending=ending)
    return Group(*map(rich_line, top)), Group(*map(rich_line, rest))


def region_digest(region: Region) -> RenderableType:
    return rich_line(digest_line(region))


def rendered_height(console: Console, *parts: RenderableType) -> int:
    """How many rows ``parts`` take on ``console``."""
    return sum(len(console.render_lines(part, console.options, pad=False)) for part in parts)


def intro(safety: Safety) -> Text:
    return user_text(safety.intro.strip() + "\n")


# --- inside a walk ------------------------------------------------------------------

ALERT_WORDS = "Thank you for saying so. Your answer is saved. Please reach out for support now."
LINES_AGAIN = "All the crisis lines, at any time: ketaprep help-now"
PAUSE_ID = "after-alert"  # the question after the crisis lines: go on, or stop for now
PAUSE_QUESTION = "What would you like to do now?"
PAUSE_HELP = "Take your time. The lines above are there whenever you need them."
STOP = "stop"
STOP_LABEL = "Stop for now (my answers are kept)"
AFTER_ALERT = (
    "Please let your care team know how you are doing today. For help right now: ketaprep help-now"
)


def answers_given(items: Sequence[Item], answers: Mapping[str, AnswerValue]) -> str:
    """``3 answers``: the items answered, leaving out the ones skipped."""
    count = sum(1 for item in items if answers.get(item.id) not in (None, "", []))
    return plural(count, "answer")


def step_heading(step: Step) -> Lines:
    return Lines((BLANK, Line(visible(step.title), "bold"), Line(visible(step.summary))))


def card_screen(title: str, card: Card, *, plain: bool) -> RenderableType:
    """The card (guides.card) in a panel titled ``title``; plain: the same lines under a
    sentence, for a screen reader."""
    from rich.console import Group

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
    return Group(user_text(""), _CardPanel(title, Group(*lines)))


@dataclass(frozen=True)
class _CardPanel:
    """The card in a panel, its title on the top border and "read this before your
    session starts" on the bottom one; where the panel is too narrow for them (40
    columns), they go inside it, the title first, rather than being cut off."""

    title: str
    body: Group
    closing: str = "read this before your session starts"

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType]:
        from rich.console import Group
        from rich.measure import Measurement
        from rich.panel import Panel

        frame = 6  # the borders and the padding of 2 on each side
        width = min(Measurement.get(console, options, self.body).maximum + frame, options.max_width)
        if max(len(self.title), len(self.closing)) + 6 <= width:  # a corner, a rule, 2 spaces
            yield Panel(
                self.body, title=user_text(self.title), subtitle=user_text(self.closing),
                border_style="cyan", padding=(1, 2), expand=False,
            )  # fmt: skip
            return
        inside = Group(
            user_text(self.title, style="bold"), user_text(""), self.body, user_text(""),
            user_text(self.closing[0].upper() + self.closing[1:] + ".", style="italic"),
        )  # fmt: skip
        yield Panel(inside, border_style="cyan", padding=(1, 2), expand=False)


def bullets(texts: Sequence[str], bullet: str = "-") -> RenderableType:
    """One line per text, wrapped lines indented under the text, not under the bullet
    (no bullet: an indented block, which a screen reader reads as plain sentences)."""
    return _Bullets(texts, bullet)


def listed(texts: Sequence[str], bullet: str = "-") -> list[Line]:
    """``bullets`` as lines (lines.Line), which the terminal asker draws without rich."""
    first = f"  {bullet} " if bullet else "  "
    return [Line(visible(text), bullet=first) for text in texts]


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
        from rich.measure import Measurement

        texts = [user_text(text) for text in self.texts]
        widest_word = max((Measurement.get(console, options, t).minimum for t in texts), default=0)
        widest = max((t.cell_len for t in texts), default=0)
        return Measurement(len(self._first) + widest_word, len(self._first) + widest)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        from rich.text import Text

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
    from rich.console import Group

    lines: list[RenderableType] = [user_text(""), user_text(headline, style="bold")]
    for title, texts in sections:
        if texts:
            lines.append(user_text(title))
            lines.append(bullets(texts))
    lines.append(_Folded(user_text(f"Kept privately on this computer in {store_path}.")))
    lines += [user_text(step) for step in ([AFTER_ALERT] if after_alert else []) + list(next_steps)]
    return Group(*lines)


@dataclass(frozen=True)
class _Folded:
    """A sentence wrapped between words, a word longer than the screen (a path) folded
    onto the rows below it rather than cut off, and no row ending in a space."""

    text: Text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        for line in self.text.wrap(console, options.max_width, overflow="fold"):
            line.rstrip()
            yield line


def again_help(guides: Guides, alert: Alert, *, go_on: str, fit: bool = True) -> RenderableType:
    """A later alert in one walk: its words, the person's own plan in brief (their
    people first: they are who help is asked of), then each region's first line (or the
    person's region's), and where all the lines are."""
    from rich.console import Group

    regions = _regions(guides) or guides.safety.regions
    brief = read_brief()

    def build(layout: Layout) -> Group:
        return Group(
            *_alert_words(alert, layout),
            *map(rich_line, brief_lines(brief, layout)),
            *(rich_line(digest_line(region, layout.contacts_only)) for region in regions),
            user_text(LINES_AGAIN),
        )

    # Never without the alert's words: a later alert's help has no danger line above.
    return build(_pause_layout(build, go_on, PAUSES[:-1] if fit else ()))


def pause_question(go_on: str) -> Item:
    """What the pause after the crisis help asks: go on, or stop for now."""
    options = {"go-on": go_on, STOP: STOP_LABEL}
    return choice(PAUSE_ID, PAUSE_QUESTION, options, help=PAUSE_HELP)


def _pause_layout(
    build: Callable[[Layout], RenderableType], go_on: str, layouts: Sequence[Layout] = PAUSES
) -> Layout:
    """The roomiest of ``layouts`` whose help fits on the screen above the pause's
    question, so what comes first never scrolls away; the smallest when none fits. The
    roomiest of all where there is no screen to fit: a pipe, or ``layouts`` empty (in
    --plain, read by ear or by a screen reader, the window's height means nothing)."""
    console = get_console()
    if not console.is_terminal or not layouts:
        return PAUSES[0]
    asked = [
        f"? {PAUSE_QUESTION}",
        with_back(SELECT_KEYS),
        PAUSE_HELP,
        f"  {go_on}",
        f"  {STOP_LABEL}",
    ]
    reserve = 1 + rendered_height(console, *map(user_text, asked))
    for layout in layouts:
        if rendered_height(console, build(layout)) + reserve <= console.height:
            return layout
    return layouts[-1]


def _regions(guides: Guides) -> tuple[Region, ...] | None:
    """The person's region from their settings, or None (none set, or a broken settings
    file: that must not hide the crisis lines)."""
    try:
        region = load_config().region
        return (guides.safety.region(region),) if region else None
    except KetaprepError:
        return None


def alert_help(guides: Guides, alert: Alert, *, go_on: str, fit: bool = True) -> RenderableType:
    """The guide's words (or ours), then the crisis block help-now shows, made to fit
    above the pause's question: the danger line, the person's own plan in brief, the
    crisis lines for their region (one line for each region if none is set), the care
    team."""
    from rich.console import Group

    regions, brief = _regions(guides), read_brief()

    def build(layout: Layout) -> Group:
        top, rest = crisis_screen(guides.safety, regions, brief, layout, ending=False)
        return Group(*_alert_words(alert, layout), top, rest)

    return build(_pause_layout(build, go_on, PAUSES if fit else ()))


def _alert_words(alert: Alert, layout: Layout) -> list[Text]:
    space = [user_text("")] if layout.space_above else []
    words = [user_text(alert.message or ALERT_WORDS, style="bold")] if layout.alert_words else []
    return space + words
