"""Benchmark the journal store: open + newest 10, full-text search, JSON export, memory.

    python bench/store.py [--sizes 1000,10000,100000] [--repeat 7]

Each size gets its own temporary KETAPREP_HOME, filled through the store's own import
path with entries of about 100 words; about 1% of them hold a marker word. Every
measurement runs in a fresh child process (bytecode cached, as when installed) and
reports two times: "total", from the child's first line (so importing ketaprep counts,
interpreter start does not), and "work", after the imports (opening the store and the
operation itself); and the child's peak memory (``resource.getrusage``). Times are the
best of ``--repeat`` runs (the machine is shared: the best is the steadiest figure);
medians follow the table.

"newest10" opens the store the way commands do (SQLite's full quick_check runs on files
up to ``FULL_CHECK_MAX_BYTES``) and lists the newest 10; "checked" forces that check.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from ketaprep.paths import Paths
from ketaprep.store import Answer, Entry, Session, open_store

MARKER = "lanternfish"
WORDS = (
    "breath calm heavy light morning evening sleep walk friend sister brother mother father "
    "fear anger grief relief hope tired rest body chest shoulders hands warm cold safe unsafe "
    "memory house childhood school garden river rain window music song colour blue green "
    "gold quiet noise room therapist session music blanket eyes voice soft strong weak "
    "today yesterday tomorrow week slowly again remember forget notice feel felt saw heard "
    "wanted needed tried could would should because after before during while and but so "
    "the a of to in on with for it that this my me I was is am were be been not very "
    "little more less open closed letting go holding on kind gentle patient journal write"
).split()
SIZES = (1_000, 10_000, 100_000)
CHUNK = 5_000
OPERATIONS = ("newest", "search", "export", "checked")

CHILD = r"""
import time
started = time.perf_counter()
import json, os, resource, sys
from pathlib import Path
operation, home = sys.argv[1], sys.argv[2]
os.environ["KETAPREP_HOME"] = home
if operation == "export":
    from ketaprep.export import export_command
    imported = time.perf_counter()
    export_command("json", output=Path(home) / "export.json")
    found = -1
else:
    from ketaprep.store import open_store
    imported = time.perf_counter()
    with open_store(full_check=True if operation == "checked" else None) as store:
        if operation == "search":
            found = len(store.search(sys.argv[3]))
        else:
            found = len(store.entries(limit=10))
done = time.perf_counter()
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"total": done - started, "work": done - imported, "import": imported - started,
                  "peak_mb": peak_kb / 1024, "found": found}))
"""


def sentence(rng: random.Random, words: int, marker: bool) -> str:
    chosen = rng.choices(WORDS, k=words)
    if marker:
        chosen[rng.randrange(words)] = MARKER
    return " ".join(chosen).capitalize() + "."


def make_entries(count: int, rng: random.Random, sessions: int) -> Iterator[Entry]:
    start = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
    for index in range(count):
        created = start + datetime.timedelta(minutes=17 * index + rng.randrange(10))
        marked = rng.random() < 0.01
        marked_answer = rng.randrange(3)
        moment = created + datetime.timedelta(minutes=5)
        kind = rng.choice(("prepare", "journal", "checkin"))
        answers = (
            Answer("feeling", "long_text", "What came up for you?",
                   sentence(rng, 50, marked and marked_answer == 0), moment),
            Answer("body", "text", "What did you notice in your body?",
                   sentence(rng, 25, marked and marked_answer == 1), moment),
            Answer("intentions", "list", "What do you want to carry forward?",
                   [sentence(rng, 8, marked and marked_answer == 2 and i == 0) for i in range(3)],
                   moment),
            Answer("mood", "scale", "How is your mood, from 0 to 10?", rng.randint(0, 10), moment),
        )  # fmt: skip
        yield Entry(
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            kind=kind,
            session_number=(index * sessions // count) + 1 if kind != "checkin" else None,
            guide={"prepare": "preparing", "journal": "integrating"}.get(kind, "maintaining"),
            created=created,
            updated=moment,
            finished=moment if rng.random() > 0.002 else None,
            answers=answers,
        )


def fill(home: Path, count: int) -> float:
    rng = random.Random(count)
    sessions = max(1, count // 40)
    started = time.perf_counter()
    paths = Paths(home, home)
    with open_store(paths) as store:
        store.import_records(
            [Session(n, datetime.date(2020, 1, 1) + datetime.timedelta(days=7 * n), None)
             for n in range(1, sessions + 1)],
            [],
        )  # fmt: skip
        batch: list[Entry] = []
        for entry in make_entries(count, rng, sessions):
            batch.append(entry)
            if len(batch) == CHUNK:
                store.import_records([], batch)
                batch = []
        store.import_records([], batch)
    return time.perf_counter() - started


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
