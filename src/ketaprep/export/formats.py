"""The export formats, in one table: ``ketaprep export --format``'s names, its help and
its error all come from here.

Adding a format is one module with a writer (see ``Writer``) and one line in
``FORMATS``; a format that can also write the one-session page for a therapist
(``--for-therapist``) names that writer too. The module is imported only when its format
is chosen, so this table stays light enough for ``ketaprep --help``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, cast

from ketaprep.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ketaprep.export.record import CardOf, Selection
    from ketaprep.guides.questionnaire import Questionnaire
    from ketaprep.private_files import Write
    from ketaprep.review.words import Labels
    from ketaprep.store import Store


class Writer(Protocol):
    def __call__(
        self,
        store: Store,
        write: Write,
        selection: Selection,
        *,
        labels: Labels,
        questionnaires: Sequence[Questionnaire],
        cards: CardOf | None = None,
    ) -> int:
        """Write the export of ``selection`` with ``write``; return how many entries it
        holds. ``questionnaires``: as installed now, for their totals over time; a readable
        record prints each session's card made by ``cards``."""


@dataclass(frozen=True)
class Format:
    name: str  # as given to --format
    title: str  # in the command's help: "Write out your journal as JSON, ..."
    purpose: str  # in --format's help: "json (to import again)"
    writer: str  # "module:function", imported when the format is chosen
    therapist: str | None = None  # the same, for the page for a therapist


FORMATS = (
    Format("json", "JSON", "to import again", "ketaprep.export.json:write_json"),
    Format(
        "markdown",
        "Markdown",
        "to read, print",
        "ketaprep.export.markdown:write_markdown",
        "ketaprep.export.markdown:write_therapist_markdown",
    ),
    Format(
        "html",
        "HTML",
        "to read, print",
        "ketaprep.export.html:write_html",
        "ketaprep.export.html:write_therapist_html",
    ),
)
THERAPIST_DEFAULT = "html"  # --for-therapist without --format


def names() -> tuple[str, ...]:
    return tuple(found.name for found in FORMATS)


def either(words: list[str]) -> str:
    """``a, b or c``."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def titles() -> str:
    """``JSON, Markdown or HTML``."""
    return either([found.title for found in FORMATS])


def option_help() -> str:
    """``json (to import again), markdown or html (to read, print).``: formats of the same
    purpose in a row share it."""
    groups: list[tuple[str, list[str]]] = []
    for found in FORMATS:
        if groups and groups[-1][0] == found.purpose:
            groups[-1][1].append(found.name)
        else:
            groups.append((found.purpose, [found.name]))
    return ", ".join(f"{either(group)} ({purpose})" for purpose, group in groups) + "."


def writer(name: str, *, therapist: bool = False) -> Writer:
    """The writer of the format called ``name`` (of its page for a therapist, with
    ``therapist``); UsageError for a name not in FORMATS, or a format without that page."""
    for found in FORMATS:
        if found.name == name:
            where = found.therapist if therapist else found.writer
            if where is None:
                raise UsageError(
                    f"The page for your therapist comes as {either(therapist_names())}, "
                    f"not {found.title}."
                )
            module, function = where.split(":")
            return cast("Writer", getattr(importlib.import_module(module), function))
    raise UsageError(f'"{name}" is not an export format. Please use {either(list(names()))}.')


def therapist_names() -> list[str]:
    return [found.name for found in FORMATS if found.therapist]
