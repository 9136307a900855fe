"""``ketaprep review`` and ``export`` against the floor (bench/floor_review.py: the same
job with sqlite3 and print) and against jrnl, on journals of the same words, dates and
tags (bench/journals.py), in interleaved rounds.

    python bench/review.py [--quick] [--rounds 7] [--big-rounds 3] [--jrnl PATH]
                           [--jrnl-timeout 180] [--smoke]

The pairs (output read through a pipe, its bytes printed for both sides):

    floor:  review --list, review --search WORD, against the floor script doing the same,
            piped and in a pseudo-terminal (PAGER=cat, so the whole output is drawn)
    jrnl:   review --list                        jrnl -n 50 --short     (50 one-line rows)
            review --search WORD --limit 0       jrnl -contains WORD    (every match)
            review --tag TAG --limit 0           jrnl @TAG --short      (every match, a row each)
            export --format json                 jrnl --format json     (everything)
    export: export --format markdown and html against export --format json

jrnl is installed from PyPI into its own virtualenv in the cache folder, never into
ketaprep's environment, unless --jrnl names one; it is left out, saying so, when it
cannot be installed. At 100,000 entries the jrnl and export rows take --big-rounds
rounds on both sides. A jrnl run still going after --jrnl-timeout seconds (180; its JSON
at 100,000 takes many minutes) is stopped, and not run again: its ratio is then shown as
a lower bound ("> 40x").

Targets (issue 16): review at most 2.5x the floor piped and 3.5x in a terminal, at every
size; jrnl at least 6x slower at 10,000 (list, search) and 25x at 100,000 (all four);
markdown and html exports at most 1.5x the json export at 100,000.
"""

from __future__ import annotations

import sys
from functools import partial

import _common
from _common import (
    BIG,
    NO_TARGET,
    Bench,
    Side,
    at_least,
    at_most,
    bench_script,
    entries,
    ketaprep,
    run_in_pty,
    run_piped,
)
from journals import MARKER, TAG

FLOOR_PAIRS = {
    "review --list": (["review", "--list"], ["--list"]),
    f"review --search {MARKER}": (["review", "--search", MARKER], ["--search", MARKER]),
}
FLOOR_TARGETS = {"piped": at_most(2.5), "terminal": at_most(3.5)}
JRNL_PAIRS = {
    "list (50 rows)": (["review", "--list"], ["-n", "50", "--short"]),
    "search, every match": (["review", "--search", MARKER, "--limit", "0"], ["-contains", MARKER]),
    "tag, every match": (["review", "--tag", TAG, "--limit", "0"], [f"@{TAG}", "--short"]),
    "json, everything": (["export", "--format", "json"], ["--format", "json"]),
}
JRNL_TARGETS = {
    10_000: {"list (50 rows)": at_least(6), "search, every match": at_least(6)},
    BIG: dict.fromkeys(JRNL_PAIRS, at_least(25)),
}
EXPORT_TARGET = at_most(1.5, size=BIG)


def floor_section(bench: Bench) -> None:
    bench.heading("review against the stdlib floor script (same rows, same fields)")
    for size in bench.sizes:
        env = bench.env(size)
        tty = {**env, "TERM": "xterm-256color", "PAGER": "cat"}
        for mode, run in (("piped", run_piped), ("terminal", run_in_pty)):
            run_env = env if mode == "piped" else tty
            sides: dict[str, Side] = {}
            for name, (ours, floor) in FLOOR_PAIRS.items():
                sides[name] = partial(run, ketaprep(*ours), run_env)
                sides[name + " floor"] = partial(
                    run, bench_script("floor_review.py", *floor), run_env
                )
            got = bench.compare(sides, size)
            for name in FLOOR_PAIRS:
                bench.report.ratio_row(
                    f"{name}, {entries(size)}, {mode} / floor", got[name], got[name + " floor"],
                    FLOOR_TARGETS[mode], out_bytes=True,
                )  # fmt: skip


def jrnl_section(bench: Bench) -> None:
    bench.heading("against jrnl (ratio: how many times longer jrnl takes)")
    sizes = [size for size in bench.sizes if size >= 10_000]
    if bench.jrnl is None or not sizes:
        bench.report.note(bench.jrnl_note or "jrnl rows left out: no journal of 10,000 or more")
        return
    for size in sizes:
        journal = bench.journal(size)
        ours_env = bench.env(size)
        jrnl_env = {
            **ours_env, "HOME": str(journal.jrnl_home), "XDG_CONFIG_HOME": str(journal.jrnl_config)
        }  # fmt: skip
        sides: dict[str, Side] = {}
        for name, (ours, theirs) in JRNL_PAIRS.items():
            sides[name] = partial(run_piped, ketaprep(*ours), ours_env)
            jrnl = [str(bench.jrnl), *theirs]
            sides[name + " jrnl"] = partial(run_piped, jrnl, jrnl_env, bench.jrnl_timeout)
        got = bench.compare(sides, size, slow=True)
        targets = JRNL_TARGETS.get(size, {})
        for name in JRNL_PAIRS:
            bench.report.ratio_row(
                f"jrnl / ketaprep, {entries(size)}: {name}", got[name + " jrnl"], got[name],
                targets.get(name, NO_TARGET), size=size, out_bytes=True, ours_first=False,
            )  # fmt: skip


def export_section(bench: Bench) -> None:
    size = bench.biggest
    bench.heading(f"export formats against json, at {size:,}")
    env = bench.env(size)
    sides = {
        form: partial(run_piped, ketaprep("export", "--format", form), env)
        for form in ("json", "markdown", "html")
    }
    got = bench.compare(sides, size, slow=True)
    for form in ("markdown", "html"):
        bench.report.ratio_row(
            f"export --format {form}, {entries(size)} / json", got[form], got["json"],
            EXPORT_TARGET, size=size, out_bytes=True,
        )  # fmt: skip


SECTIONS = [floor_section, jrnl_section, export_section]

if __name__ == "__main__":
    sys.exit(_common.run_sections(__doc__.splitlines()[0], SECTIONS, wants_jrnl=True))
