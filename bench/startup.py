"""How fast ketaprep starts: median wall time of --help and --version against bare Python.

Run with the interpreter of the environment ketaprep is installed in:

    python bench/startup.py [RUNS]

Target: ``ketaprep --help`` at most 12 times ``python -c pass``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 12.0


def median_seconds(command: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs + 1):  # the first run warms the disk cache and is not counted
        start = time.perf_counter()
        subprocess.run(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    ketaprep = Path(sys.executable).parent / "ketaprep"
    with tempfile.TemporaryDirectory() as home:
        # Cached bytecode, as after a normal install (an editable checkout run with
        # PYTHONDONTWRITEBYTECODE would compile ketaprep's modules on every run).
        env = {**os.environ, "KETAPREP_HOME": home}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        bare = median_seconds([sys.executable, "-c", "pass"], runs, env)
        results = {
            "python -c pass": bare,
            "ketaprep --help": median_seconds([str(ketaprep), "--help"], runs, env),
            "ketaprep --version": median_seconds([str(ketaprep), "--version"], runs, env),
        }
    print(f"median wall time over {runs} runs ({sys.executable})")
    for name, seconds in results.items():
        print(f"  {name:<20} {seconds * 1000:7.1f} ms   {seconds / bare:5.1f}x python -c pass")
    ratio = results["ketaprep --help"] / bare
    verdict = "within" if ratio <= TARGET_RATIO else "OVER"
    print(f"--help is {ratio:.1f}x bare python: {verdict} the target of {TARGET_RATIO:g}x")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
