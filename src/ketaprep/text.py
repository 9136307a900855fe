"""The one cleaning of text that enters the journal, and of text shown from it.

A lone surrogate (``"\\ud800"``) is not a character: it comes from bytes a terminal
under a C or POSIX locale could not decode, from an escape in a YAML or JSON file, or
from a journal made before this cleaning existed. It cannot be written as UTF-8, so a
single one stored would make every later look at the journal fail. ``clean_text``
turns each into U+FFFD (the replacement character), keeping a proper surrogate pair
as the character it stands for.
"""

from __future__ import annotations

import re
from typing import Union

_SURROGATE = re.compile("[\ud800-\udfff]")

Value = Union[str, int, bool, list[str], None]  # noqa: UP007 (a runtime alias on 3.10)


def clean_text(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def clean_value(value: Value) -> Value:
    """An answer with its texts cleaned (a number, yes/no or None as it is)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_text(part) for part in value]
    return value
