"""Which crisis lines to show: the clinic's safety.yaml, else the built-in one; the region
from ``--region``, else the settings, else every region. It never fails: what went
wrong on the way becomes a note, so help-now always has lines to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ketaprep.config import Config, load_config
from ketaprep.errors import KetaprepError, UsageError
from ketaprep.guides.load import load_safety
from ketaprep.guides.safety import Region, Safety


@dataclass(frozen=True)
class CrisisHelp:
    """What ``help-now`` shows. It never fails: problems become notes for stderr."""

    safety: Safety | None  # None only if even the built-in safety.yaml is broken
    regions: tuple[Region, ...] | None  # None: every region
    notes: tuple[str, ...] = ()
    bad_region: UsageError | None = None  # an unknown --region: all regions are shown, then exit 2
    unset: bool = False  # no region anywhere and the settings are fine: help-now may ask


def crisis_help(guides_dir: Path | None, region: str | None) -> CrisisHelp:
    """The crisis lines for ``region`` (else config's region, else all regions).

    Falls back to the built-in safety.yaml when the person's settings or guides
    are broken, and says so in a note.
    """
    notes: list[str] = []
    config = Config()
    settings_read = True
    try:
        config = load_config()
    except KetaprepError as error:
        settings_read = False
        notes.append(f"{error.message} Using ketaprep's own crisis lines.")
    safety = _safety_or_builtin(guides_dir or config.guides, notes)
    if safety is None:
        notes.append("ketaprep's crisis lines file cannot be read, so here are the main numbers.")
        return CrisisHelp(None, None, tuple(notes))
    wanted = region or config.region
    if wanted is None:
        return CrisisHelp(safety, None, tuple(notes), unset=settings_read)
    try:
        return CrisisHelp(safety, (safety.region(wanted),), tuple(notes))
    except UsageError as error:
        if region is not None:
            bad = UsageError(f"{error.message} Every region is shown above.")
            return CrisisHelp(safety, None, tuple(notes), bad_region=bad)
        notes.append(
            f"The region '{wanted}' in your settings is not one ketaprep knows, "
            "so every region is shown."
        )
        return CrisisHelp(safety, None, tuple(notes))


def _safety_or_builtin(folder: Path | None, notes: list[str]) -> Safety | None:
    """The clinic's safety.yaml, else the built-in one (with a note), else None."""
    for where in dict.fromkeys([folder, None]):
        try:
            return load_safety(where)
        except KetaprepError:
            if where is not None:
                notes.append(
                    f"Your guides in {where} have a problem, "
                    "so these are ketaprep's own crisis lines."
                )
    return None


def welcome_safety(guides_dir: Path | None) -> Safety | None:
    """The safety.yaml whose intro greets a newcomer; None if none can be read."""
    return crisis_help(guides_dir, None).safety
