"""How long from starting a walk (``ketaprep prepare``, ``journal``, ``checkin``) to its
first question on screen, against a bare ``questionary.select`` (bench/floor_question.py)
in the same rounds.

Each run starts in a pseudo-terminal (pexpect) and is timed until the question's words
are drawn; then it is stopped. The journals (bench/journals.py) hold 1, 10,000 and
100,000 entries and, as their newest, today's prepare with the intention "Rest", so each
walk opens as on an ordinary day: prepare asks which session, journal asks how "Rest"
went, checkin asks its first question. Peak memory (VmHWM) is read at the question.

    python bench/first_question.py [--quick] [--rounds 7] [--smoke]

Target (issue 16): each walk at most 1.25x the floor, at every journal size.
"""

from __future__ import annotations

import sys
from functools import partial

import _common
from _common import Bench, Side, at_most, bench_script, entries, ketaprep, run_in_pty
from journals import FIRST_INTENTION

FIRST_QUESTIONS = {
    "prepare": "Which session are you getting ready for?",
    "journal": f'How did it go with "{FIRST_INTENTION}"?',
    "checkin": "Which of these have you done since your last check-in?",
}
FLOOR_PROMPT = "A question to answer"
TARGET = at_most(1.25)


def pty_env(bench: Bench, size: int) -> dict[str, str]:
    # pexpect does not answer prompt_toolkit's cursor-position request.
    return {
        **bench.env(size), "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm-256color",
        "NO_COLOR": "1",
    }  # fmt: skip


def section(bench: Bench) -> None:
    bench.heading("first question of each walk, in a terminal, against a bare questionary.select")
    for size in bench.question_sizes:
        env = pty_env(bench, size)
        floor = bench_script("floor_question.py", FLOOR_PROMPT)
        sides: dict[str, Side] = {"floor": partial(run_in_pty, floor, env, until=FLOOR_PROMPT)}
        for walk, question in FIRST_QUESTIONS.items():
            sides[walk] = partial(run_in_pty, ketaprep(walk), env, until=question)
        got = bench.compare(sides, size)
        for walk in FIRST_QUESTIONS:
            bench.report.ratio_row(
                f"first question: {walk}, {entries(size)} / floor",
                got[walk],
                got["floor"],
                TARGET,
            )


def memory(bench: Bench, size: int, walk: str) -> float | None:
    """A walk's peak memory when its first question is drawn."""
    return run_in_pty(ketaprep(walk), pty_env(bench, size), until=FIRST_QUESTIONS[walk]).peak_mb


if __name__ == "__main__":
    sys.exit(_common.run_sections(__doc__.splitlines()[0], [section], wants_jrnl=False))
