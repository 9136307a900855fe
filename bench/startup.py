"""How fast ketaprep starts: ``help-now``, ``guide`` and ``--help`` against bare Python
(``python -c pass``), in the same rounds, output piped.

    python bench/startup.py [--rounds 7] [--smoke]

Targets (issue 16): help-now at most 5x python -c pass, guide at most 6x.
"""

from __future__ import annotations

import sys
from functools import partial

import _common
from _common import NO_TARGET, Bench, at_most, ketaprep, run_piped

COMMANDS = {
    "help-now": (ketaprep("help-now"), at_most(5)),
    "guide": (ketaprep("guide"), at_most(6)),
    "--help": (ketaprep("--help"), NO_TARGET),
}
BARE = [sys.executable, "-c", "pass"]


def section(bench: Bench) -> None:
    bench.heading("start-up, piped, against python -c pass (a one-entry journal)")
    env = bench.env(1)
    sides = {name: partial(run_piped, command, env) for name, (command, _) in COMMANDS.items()}
    sides["python"] = partial(run_piped, BARE, env)
    got = bench.compare(sides, 1)
    for name, (_, target) in COMMANDS.items():
        bench.report.ratio_row(f"{name} / python -c pass", got[name], got["python"], target)


if __name__ == "__main__":
    sys.exit(_common.run_sections(__doc__.splitlines()[0], [section], wants_jrnl=False))
