"""How long from starting a walk (``ketaprep prepare``, ``journal``, ``checkin``) to its
first question on screen.

Runs the installed ``ketaprep`` in a pseudo-terminal (pexpect) again and again, in a
throwaway KETAPREP_HOME that already holds one prepared session (so each walk opens as
on an ordinary day: prepare asks "Which session...", journal asks about the session's
intention, checkin asks its first question), and prints the median.

    python bench/first_question.py [--walk prepare|journal|checkin|all] [--runs 15] [--plain]

Target (issue #4, for prepare): under 400 ms.
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
FIRST_QUESTIONS = {
    "prepare": "Which session are you getting ready for?",
    "journal": 'How did it go with "Rest"?',
    "checkin": "Which of these have you done since your last check-in?",
}
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


def one_run(env: dict[str, str], walk: str, plain: bool) -> tuple[float, float | None]:
    """Wall-clock ms to the first question, and the CPU ms ketaprep used to get there."""
    args = ["--plain", walk] if plain else [walk]
    started = time.perf_counter()
    child = pexpect.spawn(str(KETAPREP), args, env=env, dimensions=(24, 80), timeout=10)
    try:
        child.expect_exact(FIRST_QUESTIONS[walk])
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
    parser.add_argument("--walk", choices=[*FIRST_QUESTIONS, "all"], default="all")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--plain", action="store_true", help="measure --plain instead")
    options = parser.parse_args()
    walks = list(FIRST_QUESTIONS) if options.walk == "all" else [options.walk]
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
        for walk in walks:
            one_run(env, walk, options.plain)  # warm the file cache; not counted
            runs = [one_run(env, walk, options.plain) for _ in range(options.runs)]
            report(f"--plain {walk}" if options.plain else walk, runs)


def report(what: str, runs: list[tuple[float, float | None]]) -> None:
    times = [wall for wall, _ in runs]
    target = f"; target < {TARGET_MS} ms" if what.endswith("prepare") else ""
    print(
        f"ketaprep {what}: first question after {statistics.median(times):.0f} ms (median of "
        f"{len(times)} runs; fastest {min(times):.0f}, slowest {max(times):.0f}{target})"
    )
    cpu = [used for _, used in runs if used is not None]
    if cpu:
        print(f"  CPU time used by then: {statistics.median(cpu):.0f} ms (median)")


if __name__ == "__main__":
    main()
