"""How long from starting ``ketaprep prepare`` to its first question on screen.

Runs the installed ``ketaprep`` in a pseudo-terminal (pexpect) again and again, in a
throwaway KETAPREP_HOME that already holds one prepared session (so the first question
is "Which session...", as on every run after the first), and prints the median.

    python bench/prepare.py [--runs 15] [--plain]

Target: under 400 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pexpect

KETAPREP = Path(sys.executable).parent / "ketaprep"
FIRST_QUESTION = "Which session are you getting ready for?"
TARGET_MS = 400


def seed(home: Path, env: dict[str, str]) -> None:
    """One finished prepare, so the run measured is an ordinary one (no first-run offers)."""
    answers = home.parent / "answers.yaml"
    answers.write_text("session: 1\nintentions: [Rest]\n", encoding="utf-8")
    subprocess.run(
        [str(KETAPREP), "prepare", "--answers", str(answers)],
        env=env,
        check=True,
        capture_output=True,
    )


def one_run(env: dict[str, str], plain: bool) -> tuple[float, float | None]:
    """Wall-clock ms to the first question, and the CPU ms ketaprep used to get there."""
    args = ["--plain", "prepare"] if plain else ["prepare"]
    started = time.perf_counter()
    child = pexpect.spawn(str(KETAPREP), args, env=env, dimensions=(24, 80), timeout=10)
    try:
        child.expect_exact(FIRST_QUESTION)
        elapsed = time.perf_counter() - started
        cpu = cpu_ms(child.pid)
    finally:
        child.terminate(force=True)
    return elapsed * 1000, cpu


def cpu_ms(pid: int) -> float | None:
    """User + system CPU time of a process so far (Linux): steadier than wall-clock time
    on a busy machine, since waiting for a CPU is not counted."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    return ticks * 1000 / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--plain", action="store_true", help="measure --plain instead")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        env = dict(os.environ)
        env.update(
            {
                "KETAPREP_HOME": str(home),
                "PROMPT_TOOLKIT_NO_CPR": "1",
                "TERM": "xterm-256color",
                "NO_COLOR": "1",
            }
        )
        env.pop("KETAPREP_GUIDES", None)
        # An installed ketaprep has compiled bytecode; without this, a machine that sets
        # PYTHONDONTWRITEBYTECODE would recompile every module on every run.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        seed(home, env)
        one_run(env, options.plain)  # warm the file cache; not counted
        runs = [one_run(env, options.plain) for _ in range(options.runs)]
    times = [wall for wall, _ in runs]
    median = statistics.median(times)
    mode = "--plain prepare" if options.plain else "prepare"
    print(
        f"ketaprep {mode}: first question after {median:.0f} ms (median of {len(times)} runs; "
        f"fastest {min(times):.0f}, slowest {max(times):.0f}; target < {TARGET_MS} ms)"
    )
    cpu = [used for _, used in runs if used is not None]
    if cpu:
        print(f"  CPU time used by then: {statistics.median(cpu):.0f} ms (median)")


if __name__ == "__main__":
    main()
