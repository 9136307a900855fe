"""Session numbers: the range a new one must be in, and when a number looks mistyped.

A session number counts a person's sessions, also those before they used ketaprep. A
new session's number is a whole number from 1 to ``MOST`` (9999: decades of weekly
sessions). Anything else is refused with one sentence wherever a number enters: an
option, an answers file, the prompt, an import. A number more than ``FAR_JUMP`` past
the last session in range (``99`` after ``2``) is asked about in a terminal first.
A journal that already holds a number outside the range (made before the bound) keeps
working: such a session can be read, renumbered and deleted, and is never the "last".
"""

from __future__ import annotations

FEWEST = 1
MOST = 9999
FAR_JUMP = 20  # more sessions than this between the last one and a new one: ask first


def number_problem(value: object) -> str | None:
    """Why ``value`` cannot be a new session's number, as a sentence; None if it can."""
    if isinstance(value, int) and not isinstance(value, bool):
        if FEWEST <= value <= MOST:
            return None
        short = abs(value).bit_length() <= 64  # str() of a 5000-digit int would even fail
    else:
        short = isinstance(value, str) and len(value) <= 20
    beyond = f", not {value}" if short else ""
    return f"A session number is a whole number from {FEWEST} to {MOST}{beyond}."


def parse_number(typed: str) -> int | None:
    """A number typed at a prompt (ASCII digits only), or None. Long ones are read too, to
    be refused by ``number_problem``, up to a length that stays quick to read."""
    typed = typed.strip()
    if not typed.isascii() or not typed.isdigit() or len(typed) > 30:
        return None
    return int(typed)


def is_far(number: int, last: int) -> bool:
    """Whether ``number`` is a long way past ``last`` (0: no session yet)."""
    return number - last > FAR_JUMP


def far_question(number: int, last: int) -> str:
    """The question asked before keeping a far number."""
    if last == 0:
        return f"You have no sessions saved yet. Is {number} the right number for this one?"
    return (
        f"Session {number} is {number - last} after your last one, session {last}. "
        f"Is {number} right?"
    )
