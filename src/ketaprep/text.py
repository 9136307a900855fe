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

_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
