"""An answer's value as it is stored (JSON) and back, and how text columns are read.

Light on purpose: help-now's read of the plan (``store.latest``) needs these and no
records or dates.
"""

from __future__ import annotations

import functools
import json
from json.decoder import scanstring as _scanstring  # type: ignore[attr-defined]

from ketaprep.answers import AnswerValue, clean_value
from ketaprep.text import clean_text

# How text columns are read: text that is not valid UTF-8 (written by another program)
# comes back with U+FFFD in place of the bad bytes, so no view can fail on it.
READ_TEXT = functools.partial(str, encoding="utf-8", errors="replace")
_SCAN = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def dump_value(value: AnswerValue) -> str:
    return json.dumps(clean_value(value), ensure_ascii=False)


def load_value(value: str) -> AnswerValue:
    """An answer's JSON back as a value; most are text, read without the general parser.
    Only a ``\\u`` escape can hold a lone surrogate (stored text is read as UTF-8, with
    U+FFFD for bad bytes), so only a value with one needs cleaning."""
    if value.isdigit() and value.isascii():  # a scale's number: most values not text
        return int(value)
    escaped = "\\u" in value
    if value.startswith('"'):
        text: str
        text, end = _scanstring(value, 1)
        if end == len(value):
            return clean_text(text) if escaped else text
    loaded: AnswerValue
    try:  # the parser's own scanner, without json.loads's checks around it
        loaded, end = _SCAN(value, 0)
    except (StopIteration, ValueError):
        end = -1
    if end != len(value):  # space around it, or not JSON: as json.loads reads or refuses it
        loaded = json.loads(value)
    return clean_value(loaded) if escaped else loaded
