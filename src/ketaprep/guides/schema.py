"""Checking guide files: the kinds of file, and a set of files checked together.

Each kind of guide file is a ``Kind``: the reader of its top mapping (built with
``nodes.shape``), the checks beyond that shape, what spans the files of the kind, and
the dataclass a clean file becomes. Adding a kind is one module with those and one line
in ``KINDS``. Every problem names its file and line; only a file without problems is
built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from ketaprep.guides import questionnaire_file, safety_file, steps
from ketaprep.guides.files import (
    PLAN_FILE,
    QUESTIONNAIRES,
    SAFETY_FILE,
    STEP_FILES,
    FileProblem,
    Source,
    read_source,
)
from ketaprep.guides.nodes import INVALID, Checked, FileCheck, Problem, Reader, parse, read

Together = Callable[[Mapping[str, tuple[Checked, FileCheck]], set[str]], None]


@dataclass(frozen=True)
class Kind:
    shape: Reader  # the top of the file
    what: str  # the top of the file in problems: "the step"
    check: Callable[[Checked, str, FileCheck], None]  # one file (and its name) beyond its shape
    build: Callable[[Checked, str], Any]  # a clean file (and where it was read) to a dataclass
    # what spans the files of this kind: their checked tops, and which of them are built in
    together: Together | None = None


STEP = Kind(steps.STEP, "the step", steps.check_step, steps.build_step, steps.check_together)
SAFETY = Kind(safety_file.SAFETY, "safety.yaml", safety_file.check_safety, safety_file.build_safety)
QUESTIONNAIRE = Kind(
    questionnaire_file.QUESTIONNAIRE,
    "the questionnaire",
    questionnaire_file.check_questionnaire,
    questionnaire_file.build_questionnaire,
)
KINDS: dict[str, Kind] = {
    **dict.fromkeys((*STEP_FILES, PLAN_FILE), STEP),
    SAFETY_FILE: SAFETY,
    QUESTIONNAIRES: QUESTIONNAIRE,  # any file in the questionnaires folder
}


def kind_of(name: str) -> Kind:
    """The kind of a guide file by its name: a questionnaire by its folder."""
    return KINDS[name.split("/", 1)[0]]


@dataclass
class Result:
    built: dict[str, Any] = field(default_factory=dict)  # file name: what a clean file became
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Read:
    source: Source
    kind: Kind
    check: FileCheck
    top: Any  # Checked, or INVALID


def check_sources(sources: Iterable[Source]) -> Result:
    """Check every file, then what spans files; build only what is clean."""
    files = [_check_file(source) for source in sources]
    for kind in dict.fromkeys(one.kind for one in files):
        if kind.together is not None:
            ours = [one for one in files if one.kind is kind and one.top is not INVALID]
            kind.together(
                {one.source.name: (one.top, one.check) for one in ours},
                {one.source.name for one in files if one.kind is kind and one.source.builtin},
            )
    result = Result()
    for one in files:
        if not one.check.problems:
            result.built[one.source.name] = one.kind.build(one.top, one.source.shown_as)
        result.problems.extend(sorted(one.check.problems, key=lambda p: p.line or 0))
    return result


def _check_file(source: Source) -> _Read:
    kind = kind_of(source.name)
    check = FileCheck(source.shown_as)
    root = _root(source, check)
    top = INVALID if root is None else read(kind.shape, root, check, kind.what)
    if top is not INVALID:
        kind.check(top, source.name, check)
    return _Read(source, kind, check, top)


def _root(source: Source, check: FileCheck) -> yaml.MappingNode | None:
    """The file's node tree, or None (with a problem) when it cannot be read."""
    try:
        data = read_source(source)
    except FileProblem as problem:
        check.add(None, problem.reason)
        return None
    except OSError as error:
        check.add(None, f"cannot be read: {error.strerror or error}")
        return None
    return parse(data, check)
