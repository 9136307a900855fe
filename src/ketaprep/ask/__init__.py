"""Asking: how a walk puts a question to a person.

- ``base``: the Asker protocol, ``ask_until_valid`` and ``ScriptedAsker`` (answers from
  a mapping: an ``--answers`` file, or a test).
- ``plain``: one line at a time with numbered options (``--plain``, a screen reader).
- ``terminal``: questionary prompts; with ``keys`` (every key a person can press, what
  its hint calls it, and its binding), the only modules that import questionary or
  prompt_toolkit.
- ``editor``: long answers written in the person's own editor, and its private file.
- ``first``: asking first, before a change that cannot be undone.

Nothing here imports a walk: what an answer is comes from ``ketaprep.answers``.
"""

from __future__ import annotations

from collections.abc import Mapping

from ketaprep.ask.base import Asker, ScriptedAsker, ask_until_valid
from ketaprep.ask.plain import PlainAsker
from ketaprep.ask.terminal import TerminalAsker

__all__ = ["Asker", "PlainAsker", "ScriptedAsker", "TerminalAsker", "ask_until_valid", "asker_for"]


def asker_for(plain: bool, script: Mapping[str, object] | None = None) -> Asker:
    """The asker for a command: the answers of a ``script`` when given, else plain
    lines (``--plain``), else the terminal's prompts."""
    if script is not None:
        return ScriptedAsker(script)
    return PlainAsker() if plain else TerminalAsker()
