"""The floor for a walk's first question: a bare ``questionary.select``, drawn in a
terminal, with nothing of ketaprep before it.

    python bench/floor_question.py [PROMPT]
"""

from __future__ import annotations

import sys

import questionary

PROMPT = "Which session are you getting ready for?"

if __name__ == "__main__":
    questionary.select(
        sys.argv[1] if len(sys.argv) > 1 else PROMPT,
        choices=["Today", "Tomorrow", "Another day"],
    ).unsafe_ask()
