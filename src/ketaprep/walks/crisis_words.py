"""What the crisis help says, crisis first, as plain lines (``ketaprep.lines``): help-now
writes them straight to a pipe, and screens.py makes them rich renderables for a
terminal and for the pause inside a walk.

In this order: what to do if someone is in danger (with the region's emergency number
once the region is known), the person's own plan in brief, the public crisis lines, the
care team, and last the disclaimer. A ``Layout`` says how much room it takes.

Guide text comes from files a clinic may edit, so it goes through ``visible()``: no
terminal escapes, no rich markup.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ketaprep.console import visible
from ketaprep.lines import BLANK, Line

if TYPE_CHECKING:
    from ketaprep.guides.safety import Region, Safety
    from ketaprep.walks.plan_brief import PlanBrief

CARE_TEAM_LINE = "When you can, also tell your care team or clinic how you are. They want to know."
NO_PLAN_YET = "On a calmer day, you can write your own safety plan: ketaprep plan"
PLAN_UNREADABLE = "Your own safety plan cannot be read from your journal just now."
# Shown only if even the built-in safety.yaml cannot be read.
LAST_RESORT_LINES = (
    "If you or someone else is in danger right now, call your local emergency number: "
    "911 in the United States, 999 or 112 in the UK and Ireland, 112 in the European Union.",
    "United States: call or text 988. UK and Ireland: call Samaritans on 116 123.",
)


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
    contacts_only: bool = False  # a digest line says only the place and how to reach it
    most_coping: int | None = None  # of the plan's first things to try
    alert_words: bool = True  # in a walk's pause: the alert's own words above the help
    space_above: bool = True  # in a walk's pause: a blank line above it all


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
# The crisis pause inside a walk, the roomiest first: a question still has to fit below.
# The last, for a small screen, only for the first alert's help (which has the danger
# line): the person's own people and first step, and how to reach each place's line,
# without the alert's words. A later alert's help stops before it (screens.again_help).
_SMALL = replace(LAYOUTS[3], contacts_only=True, most_coping=1, space_above=False)
PAUSES = (
    LAYOUTS[2], LAYOUTS[3], replace(LAYOUTS[3], contacts_only=True), _SMALL,
    replace(_SMALL, alert_words=False),
)  # fmt: skip
PAUSE = PAUSES[0]

Lines = list[Line]


def help_lines(
    safety: Safety | None,
    regions: tuple[Region, ...] | None,
    brief: PlanBrief | None,
    layout: Layout = FULL,
    *,
    ending: bool = True,
) -> tuple[Lines, Lines]:
    """Help right now, crisis first, in two parts: the top (the danger line, then the
    person's own plan in brief) and the rest (the public lines for ``regions``, the care
    team, and with ``ending`` the hints and the disclaimer, always last). ``regions``
    None means all of them; ``safety`` None means even the built-in file could not be
    read (a few lines written here). help-now may ask for the region between the two."""
    if safety is None:
        last_resort = [Line(line, "bold") for line in LAST_RESORT_LINES]
        return [*last_resort, *brief_lines(brief, layout)], [Line(CARE_TEAM_LINE)]
    gap = [BLANK] if layout.gaps else []
    one = regions[0] if regions is not None and len(regions) == 1 else None
    danger = one.danger if one is not None and one.danger else safety.immediate_danger
    top = [Line(visible(danger), "bold")]
    plan = brief_lines(brief, layout)
    if plan:
        top += [*gap, *plan]
    rest: Lines = [*gap]
    if regions is None and layout.digest:
        rest += [region_digest(region, layout.contacts_only) for region in safety.regions]
        if layout.extras:
            ids = ", ".join(safety.region_ids())
            every = f"All of one place's lines: ketaprep help-now --region ({ids})"
            rest.append(Line(visible(every)))
        rest += gap
    else:
        for region in safety.regions if regions is None else regions:
            rest += [*_region_lines(region, layout), *gap]
    if layout.care_team:
        rest.append(Line(CARE_TEAM_LINE))
    if not ending:
        return top, rest
    if layout.extras and brief is not None and brief.readable and brief.empty:
        rest.append(Line(NO_PLAN_YET))
    disclaimer = " ".join(safety.disclaimer.split())
    if layout.short_disclaimer:
        disclaimer = _first_sentence(disclaimer)
    rest += [*gap, Line(visible(disclaimer), "dim")]
    return top, rest


def _region_lines(region: Region, layout: Layout) -> Lines:
    lines = [Line(visible(region.name), "bold underline")]
    for line in region.lines:
        more = [visible(line.contact)]
        if layout.notes_inline and line.note:
            end = "" if line.contact.rstrip().endswith((".", "!", "?")) else "."
            more.append(f"{end} {visible(line.note)}")
        # Wrapped lines are indented.
        lines.append(Line(visible(f"{line.name}: "), "bold", (("".join(more), ""),), indent=2))
        if line.note and not layout.notes_inline:
            lines.append(Line(visible(line.note), indent=4))
    return lines


def region_digest(region: Region, contacts_only: bool = False) -> Line:
    """``United States · Suicide & Crisis Lifeline: Call or text 988``: a region's first
    line, so that every region fits on one screen; ``contacts_only``, for a small
    screen: ``United States · Call or text 988``."""
    first = region.lines[0]
    name = () if contacts_only else ((f"{visible(first.name)}: ", "bold"),)
    more = (*name, (visible(first.contact), ""))
    return Line(visible(f"{region.name} · "), "bold", more)


def brief_lines(brief: PlanBrief | None, layout: Layout) -> Lines:
    """The person's own plan in brief: their people, the clinic at night, first steps."""
    if brief is None or (brief.readable and brief.empty):
        return []
    if not brief.readable:
        return [Line(PLAN_UNREADABLE, "dim")]
    people = list(brief.people)
    if layout.most_people is not None and len(people) > layout.most_people:
        more = len(people) - layout.most_people
        people = people[: layout.most_people] + [f"and {more} more (ketaprep plan --show)"]
    rows = [
        ("People you can ask: ", people),
        ("Your clinic after hours: ", [brief.after_hours] if brief.after_hours else []),
        ("First things to try: ", list(brief.coping)[: layout.most_coping]),
    ]
    lines = [Line("From your safety plan", "bold underline")]
    for label, texts in rows:
        if texts:
            lines.append(Line(label, "bold", ((visible("; ".join(texts)), ""),), indent=2))
    return lines


def _first_sentence(text: str) -> str:
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]
