"""Benchmark the journal store: open + newest 10, full-text search, JSON export, memory.

    python bench/store.py [--sizes 1000,10000,100000] [--repeat 3]

Each size gets its own temporary KETAPREP_HOME, filled through the store's own import
path with entries of about 100 words; about 1% of them hold a marker word. Every
measurement runs in a fresh child process and reports the time of its work (from the
first line of the child, so imports count, interpreter start does not) and the child's
peak memory (``resource.getrusage``). The median of ``--repeat`` runs is printed.

"open+newest10" opens the way commands do: SQLite's full quick_check runs on files up to
``FULL_CHECK_MAX_BYTES``. "checked open" forces that check, to show what it costs.
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

CHILD = r"""
import time
started = time.perf_counter()
import json, os, resource, sys
from pathlib import Path
operation, home = sys.argv[1], sys.argv[2]
os.environ["KETAPREP_HOME"] = home
if operation in ("newest", "checked"):
    from ketaprep.store import open_store
    with open_store(full_check=operation == "checked") as store:
        found = len(store.entries(limit=10))
elif operation == "search":
    from ketaprep.store import open_store
    with open_store() as store:
        found = len(store.search(sys.argv[3]))
else:
    from ketaprep.export import export_command
    export_command("json", output=Path(home) / "export.json")
    found = -1
elapsed = time.perf_counter() - started
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "peak_mb": peak_kb / 1024, "found": found}))
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
    runs = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", CHILD, operation, str(home), MARKER],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(done.stdout))
    return {
        "seconds": statistics.median(run["seconds"] for run in runs),
        "peak_mb": max(run["peak_mb"] for run in runs),
        "found": runs[0]["found"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    results: dict[int, dict[str, dict[str, float]]] = {}
    header = (
        f"{'entries':>8} {'fill s':>8} {'db MB':>7} {'open+newest10 ms':>17} "
        f"{'search ms':>10} {'hits':>5} {'search MB':>10} {'export s':>9} {'export MB':>10} "
        f"{'checked open ms':>16}"
    )
    print(header, flush=True)
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="ketaprep-bench-") as folder:
            home = Path(folder)
            filled = fill(home, size)
            db_mb = os.path.getsize(home / "ketaprep.db") / 1e6
            newest = measure("newest", home, args.repeat)
            search = measure("search", home, args.repeat)
            export = measure("export", home, args.repeat)
            checked = measure("checked", home, args.repeat)
            results[size] = {"newest": newest, "search": search, "export": export}
            print(
                f"{size:>8} {filled:>8.1f} {db_mb:>7.1f} {newest['seconds'] * 1000:>17.1f} "
                f"{search['seconds'] * 1000:>10.1f} {int(search['found']):>5} "
                f"{search['peak_mb']:>10.1f} {export['seconds']:>9.2f} {export['peak_mb']:>10.1f} "
                f"{checked['seconds'] * 1000:>16.1f}",
                flush=True,
            )
    if 10_000 in results and 100_000 in results:
        big, mid = results[100_000], results[10_000]
        ratio = big["newest"]["seconds"] / mid["newest"]["seconds"]
        checks = [
            (f"newest-10 at 100,000 is {ratio:.2f}x the 10,000 figure (target <= 1.2x)",
             ratio <= 1.2),
            (f"search at 100,000: {big['search']['seconds'] * 1000:.0f} ms (target < 150 ms)",
             big["search"]["seconds"] < 0.150),
            (f"export at 100,000: {big['export']['seconds']:.2f} s (target < 5 s)",
             big["export"]["seconds"] < 5),
            (f"search peak memory at 100,000: {big['search']['peak_mb']:.1f} MB (target < 80 MB)",
             big["search"]["peak_mb"] < 80),
        ]  # fmt: skip
        for text, ok in checks:
            print(("ok    " if ok else "MISSED ") + text)


if __name__ == "__main__":
    main()
