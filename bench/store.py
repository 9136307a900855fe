"""Benchmark the journal store: open + newest 10, full-text search, JSON export, memory.

    python bench/store.py [--sizes 1000,10000,100000] [--repeat 7]

Each size gets its own temporary KETAPREP_HOME, filled by bench/journals.py through the
store's own import path with entries of about 100 words; about 1% of them hold a marker
word. Every measurement runs in a fresh child process (bytecode cached, as when
installed) and reports two times: "total", from the child's first line (so importing
ketaprep counts, interpreter start does not), and "work", after the imports (opening the
store and the operation itself); and the child's peak memory (``resource.getrusage``). Times are the
best of ``--repeat`` runs (the machine is shared: the best is the steadiest figure);
medians follow the table.

"newest10" opens the store the way commands do (SQLite's full quick_check runs on files
only when asked) and lists the newest 10; "checked" forces that check.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from journals import MARKER, fill

SIZES = (1_000, 10_000, 100_000)
OPERATIONS = ("newest", "search", "export", "checked")

CHILD = r"""
import time
started = time.perf_counter()
import json, os, resource, sys
from pathlib import Path
operation, home = sys.argv[1], sys.argv[2]
os.environ["KETAPREP_HOME"] = home
if operation == "export":
    from ketaprep.export.command import export_command
    imported = time.perf_counter()
    export_command("json", output=Path(home) / "export.json", force=True)
    found = -1
else:
    from ketaprep.store import open_store
    imported = time.perf_counter()
    with open_store(full_check=operation == "checked") as store:
        if operation == "search":
            found = len(store.search(sys.argv[3]))
        else:
            found = len(store.entries(limit=10))
done = time.perf_counter()
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"total": done - started, "work": done - imported, "import": imported - started,
                  "peak_mb": peak_kb / 1024, "found": found}))
"""


def measure(operation: str, home: Path, repeat: int) -> dict[str, float]:
    # As installed: bytecode cached (a first, uncounted run writes it and warms the OS cache).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    runs = []
    for _ in range(repeat + 1):
        done = subprocess.run(
            [sys.executable, "-c", CHILD, operation, str(home), MARKER],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        runs.append(json.loads(done.stdout))
    runs = runs[1:]
    measured = {key: min(run[key] for run in runs) for key in ("total", "work", "import")}
    measured["median_total"] = statistics.median(run["total"] for run in runs)
    measured["median_work"] = statistics.median(run["work"] for run in runs)
    measured["peak_mb"] = max(run["peak_mb"] for run in runs)
    measured["found"] = runs[0]["found"]
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    results: dict[int, dict[str, dict[str, float]]] = {}
    print(
        f"{'entries':>8} {'fill s':>7} {'db MB':>6} {'import ms':>9} | "
        f"{'newest10 work/total ms':>22} | {'search work/total ms':>20} {'hits':>5} {'MB':>5} | "
        f"{'export work/total s':>19} {'MB':>5} | {'checked newest10 work ms':>24}",
        flush=True,
    )
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="ketaprep-bench-") as folder:
            home = Path(folder)
            filled = fill(home, size)
            db_mb = os.path.getsize(home / "ketaprep.db") / 1e6
            runs = {op: measure(op, home, args.repeat) for op in OPERATIONS}
            results[size] = runs
            newest, search, export, checked = (runs[op] for op in OPERATIONS)
            print(
                f"{size:>8} {filled:>7.1f} {db_mb:>6.1f} {newest['import'] * 1000:>9.0f} | "
                f"{newest['work'] * 1000:>12.1f} / {newest['total'] * 1000:>7.1f} | "
                f"{search['work'] * 1000:>10.1f} / {search['total'] * 1000:>7.1f} "
                f"{int(search['found']):>5} {search['peak_mb']:>5.1f} | "
                f"{export['work']:>9.2f} / {export['total']:>7.2f} {export['peak_mb']:>5.1f} | "
                f"{checked['work'] * 1000:>24.1f}",
                flush=True,
            )
    print("medians (work / total):")
    for size, measured in results.items():
        print(
            f"{size:>8} "
            + ", ".join(
                f"{op} {m['median_work'] * 1000:.0f} / {m['median_total'] * 1000:.0f} ms"
                for op, m in measured.items()
            )
        )
    if 10_000 in results and 100_000 in results:
        big, mid = results[100_000], results[10_000]
        ratio = big["newest"]["work"] / mid["newest"]["work"]
        total_ratio = big["newest"]["total"] / mid["newest"]["total"]
        checks = [
            (f"open + newest 10 at 100,000 is {ratio:.2f}x the 10,000 figure, "
             f"{total_ratio:.2f}x with imports (target <= 1.2x)", max(ratio, total_ratio) <= 1.2),
            (f"search at 100,000: {big['search']['total'] * 1000:.0f} ms with imports "
             f"(target < 150 ms)", big["search"]["total"] < 0.150),
            (f"export at 100,000: {big['export']['total']:.2f} s (target < 5 s)",
             big["export"]["total"] < 5),
            (f"search peak memory at 100,000: {big['search']['peak_mb']:.1f} MB (target < 80 MB)",
             big["search"]["peak_mb"] < 80),
        ]  # fmt: skip
        for text, ok in checks:
            print(("ok     " if ok else "MISSED ") + text)


if __name__ == "__main__":
    main()
