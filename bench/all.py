"""Every row of issue 16's table in one run: start-up, first questions, review against
the floor and against jrnl, export formats, a locked journal against an unlocked one
(issue 13), and peak memory.

    python bench/all.py            journals of 1,000, 10,000 and 100,000 entries
    python bench/all.py --quick    1,000 and 10,000 only
    python bench/all.py --smoke    a 50-entry journal, 1 round, no jrnl: does it all run?

Each figure is a ratio of two commands measured in the same interleaved rounds (see
bench/_common.py); each row shows its target and whether it is met. Built journals and
jrnl's virtualenv are kept in --cache (a folder in the temp dir), so a second run
starts at once. The sections also run alone: bench/startup.py, bench/first_question.py,
bench/review.py, bench/lock.py.
"""

from __future__ import annotations

import sys

import _common
import first_question
import lock
import review
import startup
from _common import BIG, Bench, at_most, ketaprep, peak_mb
from journals import MARKER, TAG

MEMORY_TARGET = at_most(60, " MB", size=BIG)
PIPED = {
    "help-now": ["help-now"],
    "guide": ["guide"],
    "review --list": ["review", "--list"],
    "review --list --limit 0": ["review", "--list", "--limit", "0"],
    f"review --search {MARKER}": ["review", "--search", MARKER],
    f"review --search {MARKER} --json": ["review", "--search", MARKER, "--json"],
    f"review --tag {TAG} --limit 0": ["review", "--tag", TAG, "--limit", "0"],
    "export --format json": ["export", "--format", "json"],
    "export --format markdown": ["export", "--format", "markdown"],
    "export --format html": ["export", "--format", "html"],
}


def memory_section(bench: Bench) -> None:
    size = bench.biggest
    bench.heading(f"peak memory at {size:,} entries (the child's own high-water mark)")
    if not _common.TIME.exists():
        bench.report.note("piped commands not measured: /usr/bin/time is not installed")
    env = bench.env(size)
    for name, args in PIPED.items():
        bench.report.memory_row(name, peak_mb(ketaprep(*args), env), MEMORY_TARGET, size)
    for walk in first_question.FIRST_QUESTIONS:
        mb = first_question.memory(bench, size, walk)
        bench.report.memory_row(f"{walk}, at its first question", mb, MEMORY_TARGET, size)


SECTIONS = [startup.section, first_question.section, *review.SECTIONS, lock.section, memory_section]

if __name__ == "__main__":
    sys.exit(_common.run_sections(__doc__.splitlines()[0], SECTIONS, wants_jrnl=True))
