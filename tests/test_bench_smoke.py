"""The benchmarks run: ``bench/all.py --smoke`` (a 50-entry journal, one round, no jrnl)
prints every row of issue 16's table, and the stdlib floor prints what review prints.

No figure is checked here (speed belongs in bench/); only that each row is there,
measured, with its target.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
ROWS = [
    "help-now / python -c pass",
    "guide / python -c pass",
    "first question: prepare, 1 entry / floor",
    "first question: journal, 1 entry / floor",
    "first question: checkin, 1 entry / floor",
    "review --list, 50 entries, piped / floor",
    "review --search lanternfish, 50 entries, piped / floor",
    "review --list, 50 entries, terminal / floor",
    "review --search lanternfish, 50 entries, terminal / floor",
    "export --format markdown, 50 entries / json",
    "export --format html, 50 entries / json",
    "first question: journal, 50 entries, locked - unlocked / key derivation",
    "review --list, 50 entries, locked - unlocked / key derivation",
]
RATIO = re.compile(r" \d+\.\d\dx \(\d+\.\d\d-\d+\.\d\d\) ")


def bench_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KETAPREP_")}
    env["TMPDIR"] = str(tmp_path)  # the working copies of the journals
    return env


@pytest.mark.slow
@pytest.mark.pty
def test_every_row_is_printed_with_a_ratio_and_its_target(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "all.py"), "--smoke", "--cache", str(tmp_path / "cache")],
        capture_output=True,
        text=True,
        timeout=90,
        env=bench_env(tmp_path),
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    for row in ROWS:
        line = next((line for line in lines if line.startswith(row)), None)
        assert line is not None, f"no row {row!r} in:\n{done.stdout}"
        assert RATIO.search(line), line
        assert "<=" in line, line
    assert "jrnl rows left out (--smoke or --no-jrnl)" in done.stdout
    memory = [line for line in lines if line.startswith("checkin, at its first question")]
    assert memory and " MB " in memory[0], done.stdout
    assert re.search(r"^\d+ of \d+ targets met; \d+ missed\.$", done.stdout, re.MULTILINE)
    assert (tmp_path / "cache").is_dir()  # the journals were built there, for the next run


@pytest.mark.parametrize(
    "args", [["--list"], ["--list", "--limit", "0"], ["--search", "lanternfish"]]
)
def test_the_floor_prints_what_review_prints_in_a_pipe(tmp_path: Path, args: list[str]) -> None:
    sys.path.insert(0, str(BENCH))
    try:
        import journals
    finally:
        sys.path.remove(str(BENCH))
    home = tmp_path / "journal"
    journals.fill(home, 300)
    env = journals.isolated_env(home)
    ketaprep = Path(sys.executable).parent / "ketaprep"
    ours = subprocess.run([str(ketaprep), "review", *args], env=env, capture_output=True)
    floor = subprocess.run(
        [sys.executable, str(BENCH / "floor_review.py"), *args], env=env, capture_output=True
    )
    assert ours.returncode == floor.returncode == 0, ours.stderr + floor.stderr
    assert b"lanternfish" in ours.stdout or args[0] == "--list"
    assert floor.stdout == ours.stdout
