"""safety.yaml: its shape (crisis lines by region, danger phrases), its checks, and the
Safety it becomes."""

from __future__ import annotations

import yaml

from ketaprep.guides.nodes import (
    ID,
    Checked,
    FileCheck,
    Key,
    line_of,
    list_of,
    no_duplicates,
    shape,
    text,
)
from ketaprep.guides.safety import (
    SHORTEST_PHRASE,
    CrisisLine,
    DangerPhrases,
    Region,
    Safety,
    normalised,
)

_LINE = shape(
    {
        "name": Key(text(one_line=True), required=True),
        "contact": Key(text(one_line=True), required=True),
        "note": Key(text()),
    },
    "a crisis line",
)
_REGION = shape(
    {
        "id": Key(text(pattern=ID), required=True),
        "name": Key(text(one_line=True), required=True),
        "danger": Key(text(one_line=True)),
        "lines": Key(list_of(_LINE, "line"), required=True),
    },
    "a region",
)
_DANGER = shape(
    {
        "message": Key(text()),
        "phrases": Key(list_of(text(one_line=True), "phrase"), required=True),
    },
    "danger_phrases",
)
SAFETY = shape(
    {
        "intro": Key(text(), required=True),
        "disclaimer": Key(text(), required=True),
        "immediate_danger": Key(text(), required=True),
        "regions": Key(list_of(_REGION, "region"), required=True),
        "danger_phrases": Key(_DANGER),
    },
    "safety.yaml",
)


def check_safety(safety: Checked, _file_name: str, check: FileCheck) -> None:
    regions: list[Checked] = safety.values.get("regions", [])
    if "regions" in safety.values and not safety.nodes["regions"].value:
        check.add(safety.line("regions"), "'regions' needs at least one region")
    no_duplicates(regions, "id", "region id", check)
    for region in regions:
        if "lines" in region.values and not region.nodes["lines"].value:
            check.add(region.line("lines"), "a region needs at least one crisis line")
    danger: Checked | None = safety.values.get("danger_phrases")
    if danger is not None:
        _check_danger(danger, check)


def _check_danger(danger: Checked, check: FileCheck) -> None:
    """Danger phrases: at least one; each with enough letters to mean something; none
    that is the same as another once case, spaces and apostrophes are set aside."""
    written = danger.nodes.get("phrases")
    if isinstance(written, yaml.SequenceNode) and not written.value:
        check.add(written, "'phrases' needs at least one phrase")
    first: dict[str, int] = {}
    for node in written.value if isinstance(written, yaml.SequenceNode) else ():
        if not isinstance(node, yaml.ScalarNode) or not isinstance(node.value, str):
            continue  # its problem is already recorded
        line = line_of(node)
        key = normalised(node.value)
        letters = sum(char.isalnum() for char in key)
        if node.value.strip() and letters < SHORTEST_PHRASE:
            check.add(
                line,
                f"the danger phrase {node.value!r} is too short; it would be found inside "
                f"everyday words (use at least {SHORTEST_PHRASE} letters)",
            )
        elif key in first:
            check.add(
                line, f"the danger phrase {node.value!r} repeats the one at line {first[key]}"
            )
        elif key:
            first[key] = line


def build_safety(safety: Checked, source: str) -> Safety:
    values = safety.values
    return Safety(
        intro=values["intro"],
        disclaimer=values["disclaimer"],
        immediate_danger=values["immediate_danger"],
        regions=tuple(_build_region(region) for region in values["regions"]),
        source=source,
        danger=_build_danger(values.get("danger_phrases")),
    )


def _build_region(region: Checked) -> Region:
    return Region(
        id=region.values["id"],
        name=region.values["name"],
        danger=region.values.get("danger"),
        lines=tuple(
            CrisisLine(line.values["name"], line.values["contact"], line.values.get("note"))
            for line in region.values["lines"]
        ),
    )


def _build_danger(danger: Checked | None) -> DangerPhrases | None:
    if danger is None:
        return None
    return DangerPhrases(tuple(danger.values["phrases"]), danger.values.get("message"))
