"""Benchmark ``ketaprep review`` and ``export`` against jrnl on the same journal.

    python bench/review.py [--sizes 1000,10000,100000] [--repeat 5] [--jrnl PATH]

For each size it builds a temporary KETAPREP_HOME through the store's own import path
(entries of about 100 words, two or three tags each, a marker word in about 1%) and writes
the same texts, dates and tags into a jrnl journal under a temporary HOME and
XDG_CONFIG_HOME. Then it times whole processes, as a person would run them:

    ketaprep review --list            jrnl -n 10
    ketaprep review --search WORD     jrnl -contains WORD
    ketaprep review --tag TAG         jrnl @TAG
    ketaprep export --format json     jrnl --format json

Each figure is the median wall time of --repeat runs (after one warm-up run that is not
counted), with the child's peak memory (ru_maxrss from wait4; the journals are written
by another process, so this small one adds nothing to it). Output goes to /dev/null for
both. jrnl is installed from PyPI into a throwaway virtualenv in a temp folder (never
into ketaprep's own environment) unless --jrnl names one. At 100,000 entries jrnl needs
minutes per run, so it runs --jrnl-repeat-big times there (1 by default), and says so;
a jrnl run still going after --jrnl-timeout seconds (600) is stopped and shown as ">".

Targets: at 10,000 entries every ketaprep figure at least 10x faster than jrnl's; at
100,000 at least 25x; peak memory under 80 MB for list and search at 100,000.
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
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ketaprep.store import Entry

KETAPREP = Path(sys.executable).parent / "ketaprep"
MARKER = "lanternfish"
TAG = "family"
TAGS = (
    "family sleep work hope body grief music nature friends anger fear rest"
).split()  # fmt: skip
WORDS = (
    "breath calm heavy light morning evening sleep walk friend sister brother mother father "
    "fear anger grief relief hope tired rest body chest shoulders hands warm cold safe unsafe "
    "memory house childhood school garden river rain window music song colour blue green "
    "gold quiet noise room therapist session blanket eyes voice soft strong weak today "
    "yesterday tomorrow week slowly again remember forget notice feel felt saw heard wanted "
    "needed tried could would should because after before during while and but so the a of "
    "to in on with for it that this my me I was is am were be been not very little more "
    "less open closed letting go holding on kind gentle patient journal write"
).split()
SIZES = (1_000, 10_000, 100_000)
CHUNK = 5_000
TARGETS = {10_000: 10.0, 100_000: 25.0}
MEMORY_TARGET_MB = 80.0


@dataclass(frozen=True)
class Pair:
    name: str
    ketaprep: list[str]
    jrnl: list[str]


PAIRS = (
    Pair("list", ["review", "--list"], ["-n", "10"]),
    Pair("search", ["review", "--search", MARKER], ["-contains", MARKER]),
    Pair("tag", ["review", "--tag", TAG], [f"@{TAG}"]),
    Pair("export json", ["export", "--format", "json"], ["--format", "json"]),
)


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    timed_out: bool = False  # stopped at --timeout: the real time is longer


# --- the journals --------------------------------------------------------------------------


def sentence(rng: random.Random, words: int, marker: bool) -> str:
    chosen = rng.choices(WORDS, k=words)
    if marker:
        chosen[rng.randrange(words)] = MARKER
    return " ".join(chosen).capitalize() + "."


@dataclass(frozen=True)
class Text:
    """One entry's words, written the same way into both journals."""

    created: datetime.datetime
    kind: str
    thoughts: str
    realised: str
    share: list[str]
    tags: list[str]
    mood: int
    anxiety: int


def texts(count: int, rng: random.Random) -> Iterator[Text]:
    start = datetime.datetime(2020, 1, 1, 8, tzinfo=datetime.timezone.utc)
    for index in range(count):
        marked = rng.random() < 0.01
        where = rng.randrange(3)
        yield Text(
            created=start + datetime.timedelta(minutes=17 * index + rng.randrange(10)),
            kind=rng.choice(("prepare", "journal", "checkin")),
            thoughts=sentence(rng, 60, marked and where == 0),
            realised=sentence(rng, 25, marked and where == 1),
            share=[sentence(rng, 5, marked and where == 2 and i == 0) for i in range(3)],
            tags=rng.sample(TAGS, rng.randint(2, 3)),
            mood=rng.randint(0, 10),
            anxiety=rng.randint(0, 10),
        )


def as_entry(text: Text, rng: random.Random, session: int) -> Entry:
    from ketaprep.store import Answer, Entry

    moment = text.created + datetime.timedelta(minutes=5)
    answers = (
        Answer("thoughts", "long_text", "What thoughts have stayed with you?", text.thoughts,
               moment),
        Answer("realised", "long_text", "Did you realise anything new?", text.realised, moment),
        Answer("to-share", "list", "What would you like to bring to your therapist?",
               text.share, moment),
        Answer("mood", "scale", "How is your mood right now?", text.mood, moment),
        Answer("anxiety", "scale", "How anxious do you feel right now?", text.anxiety, moment),
        Answer("tags", "list", "Any words to help you find this entry later?", text.tags,
               moment),
    )  # fmt: skip
    return Entry(
        id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        kind=text.kind,
        session_number=None if text.kind == "checkin" else session,
        guide={"prepare": "preparing", "journal": "integrating"}.get(text.kind, "maintaining"),
        created=text.created,
        updated=moment,
        finished=moment,
        answers=answers,
    )


def as_jrnl(text: Text) -> str:
    title = text.thoughts.split(".")[0][:60].rstrip() + "."
    body = "\n".join(
        [text.thoughts, text.realised, *text.share, f"mood {text.mood}, anxiety {text.anxiety}"]
    )
    tags = " ".join(f"@{tag}" for tag in text.tags)
    return f"[{text.created:%Y-%m-%d %H:%M}] {title}\n{body}\n{tags}\n\n"


def fill(home: Path, journal: Path, count: int) -> float:
    """Both journals, written by a child process (see ``fill_in_a_child``)."""
    from ketaprep.paths import Paths
    from ketaprep.store import Session, open_store

    rng = random.Random(count)
    ids = random.Random(count + 1)
    sessions = max(1, count // 40)
    started = time.perf_counter()
    with open_store(Paths(home, home)) as store, journal.open("w", encoding="utf-8") as file:
        store.import_records(
            [Session(n, datetime.date(2020, 1, 1) + datetime.timedelta(days=7 * n), None)
             for n in range(1, sessions + 1)],
            [],
        )  # fmt: skip
        batch: list[Entry] = []
        for index, text in enumerate(texts(count, rng)):
            batch.append(as_entry(text, ids, index * sessions // count + 1))
            file.write(as_jrnl(text))
            if len(batch) == CHUNK:
                store.import_records([], batch)
                batch = []
        store.import_records([], batch)
    return time.perf_counter() - started


def fill_in_a_child(home: Path, journal: Path, count: int) -> float:
    """Fill in another process, so this one stays small. Linux counts the memory a
    process had when it started a command in that command's peak (ru_maxrss), so a
    parent holding a big journal would make every figure look big."""
    done = subprocess.run(
        [sys.executable, __file__, "--fill", str(home), str(journal), str(count)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return float(done.stdout)


def jrnl_config(config_home: Path, journal: Path) -> None:
    folder = config_home / "jrnl"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: true\n"
        "indent_character: '|'\n"
        f"journals:\n  default:\n    journal: {journal}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
        "timeformat: '%Y-%m-%d %H:%M'\nversion: v4.6\n",
        encoding="utf-8",
    )


def install_jrnl(folder: Path) -> Path:
    print("Installing jrnl from PyPI into a throwaway virtualenv...", flush=True)
    venv = folder / "jrnl-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", "jrnl"],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return venv / "bin" / "jrnl"


# --- timing ----------------------------------------------------------------------------------


def run_once(command: list[str], env: dict[str, str], timeout: float | None = None) -> Run:
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    watchdog = threading.Timer(timeout, process.kill) if timeout else None
    if watchdog:
        watchdog.start()
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if watchdog:
        watchdog.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    if timeout and seconds >= timeout:
        return Run(timeout, usage.ru_maxrss / 1024, timed_out=True)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors.decode(errors='replace')}")
    return Run(seconds, usage.ru_maxrss / 1024)


def measure(
    command: list[str],
    env: dict[str, str],
    repeat: int,
    warm: bool = True,
    timeout: float | None = None,
) -> Run:
    if warm:
        run_once(command, env, timeout)  # warms the disk and bytecode caches; not counted
    runs: list[Run] = []
    for _ in range(repeat):
        runs.append(run_once(command, env, timeout))
        if runs[-1].timed_out:
            return runs[-1]
    return Run(statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs))


def output_of(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--jrnl-repeat-big", type=int, default=1)
    parser.add_argument("--jrnl", type=Path, help="a jrnl to use instead of installing one")
    parser.add_argument(
        "--jrnl-timeout", type=float, default=600.0, help="stop a jrnl run after this many s"
    )
    parser.add_argument("--fill", nargs=3, help=argparse.SUPPRESS)  # HOME JOURNAL COUNT
    args = parser.parse_args()
    if args.fill:
        print(fill(Path(args.fill[0]), Path(args.fill[1]), int(args.fill[2])))
        return 0
    sizes = [int(size) for size in args.sizes.split(",")]
    missed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="ketaprep-bench-review-") as scratch:
        jrnl = args.jrnl or install_jrnl(Path(scratch))
        base = {**os.environ}
        base.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode is cached, as after an install
        base.pop("NO_COLOR", None)
        print(
            f"{'entries':>8} {'what':<12} {'ketaprep ms':>12} {'jrnl ms':>10} {'ratio':>7} "
            f"{'ketaprep MB':>12} {'jrnl MB':>8}",
            flush=True,
        )
        for size in sizes:
            folder = Path(tempfile.mkdtemp(prefix=f"size-{size}-", dir=scratch))
            home, jhome, config = folder / "ketaprep", folder / "home", folder / "config"
            for path in (home, jhome, config):
                path.mkdir()
            journal = jhome / "journal.txt"
            filled = fill_in_a_child(home, journal, size)
            jrnl_config(config, journal)
            k_env = {**base, "KETAPREP_HOME": str(home)}
            j_env = {**base, "HOME": str(jhome), "XDG_CONFIG_HOME": str(config)}
            found = output_of([str(KETAPREP), "review", "--search", MARKER, "--json"], k_env)
            hits = json.loads(found)["total"]
            note = f"(filled in {filled:.0f} s; {MARKER} is in {hits:,} entries)"
            print(f"{size:>8} {note}", flush=True)
            jrnl_repeat = args.repeat if size < 100_000 else args.jrnl_repeat_big
            if jrnl_repeat < args.repeat:
                print(
                    f"{'':>8} jrnl runs {jrnl_repeat}x here, no warm-up (minutes per run)",
                    flush=True,
                )
            for pair in PAIRS:
                ours = measure([str(KETAPREP), *pair.ketaprep], k_env, args.repeat)
                # At the big size jrnl's warm-up would double minutes of waiting; its
                # journal was just written, so it is in the disk cache already.
                theirs = measure(
                    [str(jrnl), *pair.jrnl], j_env, jrnl_repeat,
                    warm=jrnl_repeat == args.repeat, timeout=args.jrnl_timeout,
                )  # fmt: skip
                ratio = theirs.seconds / ours.seconds
                more = ">" if theirs.timed_out else " "  # jrnl was stopped: at least this
                print(
                    f"{'':>8} {pair.name:<12} {ours.seconds * 1000:>12.0f} "
                    f"{more}{theirs.seconds * 1000:>9.0f} {more}{ratio:>5.1f}x "
                    f"{ours.peak_mb:>12.1f} {theirs.peak_mb:>8.1f}",
                    flush=True,
                )
                target = TARGETS.get(size)
                if target and ratio < target:
                    missed.append(f"{pair.name} at {size:,}: {ratio:.1f}x (target {target:g}x)")
                if size >= 100_000 and pair.name in ("list", "search"):
                    if ours.peak_mb >= MEMORY_TARGET_MB:
                        missed.append(f"{pair.name} memory at {size:,}: {ours.peak_mb:.0f} MB")
    for line in missed:
        print("MISSED " + line)
    if not missed:
        print("ok     every target met")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
