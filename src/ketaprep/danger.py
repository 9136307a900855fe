"""Danger phrases: words in what a person types that mean crisis help should come first.

The list lives in ``guides/safety.yaml`` (``danger_phrases``), so a clinic can change it.
A phrase matches whole words only ("kill myself" is found in "I want to KILL  myself",
not in "skill myselfie"), in any case, with any spacing, with or without apostrophes
(straight or curly: "don't", "don’t" and "dont" are the same), and a hyphen counts as a
space ("self-harm" is "self harm").

A match never changes what is saved: the walk shows the crisis lines once and goes on.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

_APOSTROPHES = re.compile("['\u2018\u2019\u201b\u02bc\u0060\u00b4\u2032]")
_DASHES = re.compile("[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212_/]")
_SPACES = re.compile(r"\s+")


def normalised(text: str) -> str:
    """Text as phrases are matched against it: folded case, no apostrophes, dashes as
    spaces, one space between words."""
    text = _APOSTROPHES.sub("", text.casefold())
    return _SPACES.sub(" ", _DASHES.sub(" ", text)).strip()


@functools.lru_cache(maxsize=8)
def _matcher(phrases: tuple[str, ...]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One pattern for every phrase (the longest first), and each normalised phrase's
    own spelling, to say which one matched."""
    spelled = {normalised(phrase): phrase for phrase in phrases if normalised(phrase)}
    if not spelled:
        return None, {}
    alternatives = "|".join(re.escape(key) for key in sorted(spelled, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), spelled


def phrase_in(phrases: Sequence[str], texts: Iterable[str]) -> str | None:
    """The first phrase (as the list spells it) found in any of ``texts``, or None."""
    pattern, spelled = _matcher(tuple(phrases))
    if pattern is None:
        return None
    for text in texts:
        found = pattern.search(normalised(text))
        if found:
            return spelled[found.group()]
    return None
