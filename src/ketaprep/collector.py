"""Python's collector of cyclic garbage, held off while ketaprep starts.

Starting, ketaprep makes hundreds of thousands of objects that live until it ends (the
modules of rich, questionary and prompt_toolkit, the guides). The collector would walk
them again and again as they grow, and find no garbage among them: about an eighth of
the time before a walk's first question. So a walk starts with it held off (``hold``);
before any question waits for the person (``ask.ask_until_valid``) it is let go
(``release``): those objects are set aside for good (``gc.freeze``), and what the
questions make from then on is collected as usual. A command that only shows its text
and ends (help-now, guide) holds it to the end (cli/start.py).
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """The collector back on, as before ``hold``, for all but what was made until now."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()


def ending() -> None:
    """For a process about to end: what was made so far is set aside, so the
    collections at exit do not walk it."""
    gc.freeze()
