"""The guides in a folder: the built-in files, each replaced by a clinic's file of the
same name, checked together. Broken guides are refused with one sentence and their
problems. Which folder a command uses is the settings' say (``config.user_guides_dir``).

What clean files became is kept (``cache``): the files are read and checked (and yaml
imported) only when they have changed. ``check_dir`` always reads them, to name every
problem.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ketaprep.errors import KetaprepError
from ketaprep.guides.cache import cached
from ketaprep.guides.files import (
    GUIDE_FILES,
    PLAN_FILE,
    QUESTIONNAIRES,
    SAFETY_FILE,
    STEP_FILES,
    Source,
    builtin_questionnaire_sources,
    builtin_sources,
    custom_sources,
    folder_sources,
    listing,
    looks_like_guide,
    misnamed_questionnaires,
    questionnaire_sources,
)
from ketaprep.guides.safety import Safety
from ketaprep.vocab import plural

if TYPE_CHECKING:
    from ketaprep.guides.files import Traversable
    from ketaprep.guides.model import Guides, Step
    from ketaprep.guides.nodes import Problem
    from ketaprep.guides.questionnaire import Questionnaire
    from ketaprep.guides.schema import Result


def load_guides(custom_dir: Path | None = None) -> Guides:
    """Every built-in guide, each replaced by the same-named file in ``custom_dir``."""
    sources = builtin_sources()
    if custom_dir is not None:
        sources.update(custom_sources(custom_dir))
    chosen = [sources[name] for name in GUIDE_FILES]

    def build() -> Guides:
        # The steps' classes with the steps: help-now, reading safety.yaml alone, and a
        # kept result (cache) start without them.
        from ketaprep.guides.model import Guides

        result = _checked(chosen, custom_dir)
        return Guides(
            steps=tuple(_step(result, name) for name in STEP_FILES),
            safety=_with_danger(_safety(result)),
            plan=_step(result, PLAN_FILE),
        )

    return cached("guides", _files(_with_builtin_safety(chosen)), build)


def load_safety(custom_dir: Path | None = None) -> Safety:
    """safety.yaml alone (quick, for help-now): the clinic's copy when it has one."""
    source = builtin_sources()[SAFETY_FILE]
    if custom_dir is not None and SAFETY_FILE in listing(custom_dir):
        custom = custom_dir / SAFETY_FILE
        source = Source(SAFETY_FILE, custom, str(custom))
    else:
        custom_dir = None
    return cached(
        "safety",
        _files(_with_builtin_safety([source])),
        lambda: _with_danger(_safety(_checked([source], custom_dir))),
    )


def load_questionnaires(custom_dir: Path | None = None) -> tuple[Questionnaire, ...]:
    """The built-in questionnaires and a clinic's (its file replaces a built-in one of
    the same name), sorted by id."""
    sources = builtin_questionnaire_sources()
    if custom_dir is not None:
        listing(custom_dir)  # a missing folder is said as for every guide
        sources.update(questionnaire_sources(custom_dir))

    def build() -> tuple[Questionnaire, ...]:
        result = _checked(sources.values(), custom_dir)
        built = [result.built[name] for name in sources]
        return tuple(sorted(built, key=lambda questionnaire: questionnaire.id))

    return cached("questionnaires", _files(sources.values()), build)


def _checked(sources: Iterable[Source], folder: Path | None) -> Result:
    """The files read and checked together; refused when they have problems."""
    from ketaprep.guides.schema import check_sources  # yaml: only when files are read

    result = check_sources(sources)
    if result.problems:
        raise _refuse(result.problems, folder)
    return result


def _files(sources: Iterable[Source]) -> list[Traversable]:
    return [source.file for source in sources]


def _with_builtin_safety(sources: list[Source]) -> list[Source]:
    """``sources`` and the built-in safety.yaml, whose danger phrases a clinic's
    safety.yaml without any keeps (``_with_danger``)."""
    return [*sources, builtin_sources()[SAFETY_FILE]]


def check_dir(path: Path) -> list[Problem]:
    """Every problem in a folder of guides, checked together with the built-in files it
    leaves out (so a step id used twice across files is found), and its questionnaires.
    A missing folder is a KetaprepError."""
    from ketaprep.guides.nodes import Problem  # yaml: the files are read
    from ketaprep.guides.schema import check_sources

    names = listing(path)
    problems = [
        Problem(str(path / name), None, _not_a_guide(name))
        for name in sorted(names)
        if looks_like_guide(name) and name not in GUIDE_FILES
    ]
    problems += [
        Problem(str(path / QUESTIONNAIRES / name), None, "ketaprep reads only .yaml files; "
                f"rename it to {name[:-4]}.yaml")
        for name in misnamed_questionnaires(path)
    ]  # fmt: skip
    questionnaires = questionnaire_sources(path)
    if not any(name in GUIDE_FILES for name in names) and not problems and not questionnaires:
        return [Problem(str(path), None, "has no guide files (like 02-preparing.yaml)")]
    sources = builtin_sources()
    sources.update(folder_sources(path, names))
    problems.extend(check_sources(sources[name] for name in GUIDE_FILES).problems)
    problems.extend(check_sources(questionnaires.values()).problems)
    return problems


def _not_a_guide(name: str) -> str:
    if name.endswith(".yml") and name[:-4] + ".yaml" in GUIDE_FILES:
        return f"ketaprep reads only .yaml files; rename it to {name[:-4]}.yaml"
    return f"not a guide file ketaprep knows; the names are {', '.join(GUIDE_FILES)}"


def _step(result: Result, name: str) -> Step:
    from ketaprep.guides.model import Step  # as in load_guides

    step = result.built[name]
    assert isinstance(step, Step)
    return step


def _safety(result: Result) -> Safety:
    safety = result.built[SAFETY_FILE]
    assert isinstance(safety, Safety)
    return safety


def _with_danger(safety: Safety) -> Safety:
    """A clinic's safety.yaml without danger phrases keeps the built-in ones: leaving
    the key out must never turn the check off."""
    if safety.danger is not None:
        return safety
    from ketaprep.guides.schema import check_sources  # yaml: a file is read

    result = check_sources([builtin_sources()[SAFETY_FILE]])
    builtin = _safety(result).danger if not result.problems else None
    return replace(safety, danger=builtin)


def _refuse(problems: list[Problem], folder: Path | None) -> KetaprepError:
    """One sentence, then the problems (the first ten) for the person to fix."""
    where = f"The guides in {folder}" if folder else "ketaprep's built-in guides"
    count = plural(len(problems), "problem")
    sentence = f"{where} have {count}, so ketaprep will not use them."
    if folder:
        sentence += f" 'ketaprep guides check {folder}' lists them all."
    shown = [str(problem) for problem in problems[:10]]
    if len(problems) > 10:
        shown.append(f"... and {len(problems) - 10} more.")
    return KetaprepError("\n".join([sentence, *shown]))
