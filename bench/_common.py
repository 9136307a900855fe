"""What the benchmarks share: starting a command (piped or in a pseudo-terminal),
interleaved rounds, medians and ratios, and the rows they print.

Fair by construction:
- every figure is a ratio of two commands measured in the same rounds: each round runs
  every side once, in a new random order, so a busy moment hits both sides alike;
- both sides get the same rounds (and the same uncounted warm-up round first, which
  also compiles the bytecode, as after an install);
- a ratio is the median of the per-round ratios, shown with their lowest and highest;
- output is read through a pipe (or a pseudo-terminal) and its bytes are counted.

Peak memory is the child's own high-water mark: ``/usr/bin/time -f %M`` for a piped
command, ``VmHWM`` in /proc for a walk stopped at its first question. (Linux counts the
memory of the process that started a command in the command's ``ru_maxrss``, so the
benchmark's own size would leak into a figure read with ``wait4``.)
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import journals
from journals import KETAPREP, Journal

BENCH = Path(__file__).resolve().parent
TIME = Path("/usr/bin/time")
SCREEN = (24, 80)  # rows, columns of the pseudo-terminal
PTY_TIMEOUT_S = 120.0


# --- one run ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    seconds: float
    out_bytes: int = 0
    peak_mb: float | None = None
    stopped: bool = False  # still running after its timeout: the real time is longer


def run_piped(
    command: Sequence[str], env: Mapping[str, str], timeout: float | None = None
) -> Sample:
    """Wall time of ``command`` with its output read through a pipe, and the bytes read;
    stopped after ``timeout`` seconds."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=errors
        )
        watchdog = threading.Timer(timeout, process.kill) if timeout else None
        if watchdog:
            watchdog.start()
        assert process.stdout is not None
        size = 0
        while chunk := process.stdout.read(1 << 16):
            size += len(chunk)
        code = process.wait()
        seconds = time.perf_counter() - started
        if watchdog:
            watchdog.cancel()
            if timeout and seconds >= timeout:
                return Sample(timeout, size, stopped=True)
        if code != 0:
            errors.seek(0)
            text = errors.read().decode(errors="replace")
            raise SystemExit(f"{' '.join(command)} failed ({code}):\n{text}")
    return Sample(seconds, size)


def run_in_pty(command: Sequence[str], env: Mapping[str, str], until: str | None = None) -> Sample:
    """Wall time of ``command`` in a pseudo-terminal: until ``until`` is drawn (then
    with the child's peak memory so far; the child is then stopped with Ctrl-C, as a
    person would, which leaves no draft behind), else until it ends."""
    import pexpect

    started = time.perf_counter()
    child = pexpect.spawn(
        command[0], list(command[1:]), env=dict(env), dimensions=SCREEN, timeout=PTY_TIMEOUT_S,
        maxread=1 << 16,
    )  # fmt: skip
    try:
        if until is not None:
            child.expect_exact(until)
            seconds = time.perf_counter() - started
            sample = Sample(seconds, len(child.before or b""), high_water_mb(child.pid))
            child.send("\x03")
            child.expect(pexpect.EOF)
            return sample
        child.expect(pexpect.EOF)
        seconds = time.perf_counter() - started
        size = len(child.before or b"")
        child.close()
        if child.exitstatus != 0:
            raise SystemExit(f"{' '.join(command)} failed ({child.exitstatus}) in a terminal")
        return Sample(seconds, size)
    finally:
        if child.isalive():
            child.terminate(force=True)


def high_water_mb(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def peak_mb(command: Sequence[str], env: Mapping[str, str]) -> float | None:
    """The child's peak memory, from /usr/bin/time (None when it is not installed)."""
    if not TIME.exists():
        return None
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as report:
        run_piped([str(TIME), "-q", "-f", "%M", "-o", report.name, *command], env)
        return int(report.read().split()[-1]) / 1024


# --- rounds ------------------------------------------------------------------------------------


Side = Callable[[], Sample]


def interleave(
    sides: Mapping[str, Side], rounds: int, warm: int, rng: random.Random
) -> dict[str, list[Sample]]:
    """Every side once per round, in a new random order each round, after ``warm``
    uncounted rounds. A side stopped at its timeout is not run again: its stopped run
    stands for the rounds left."""
    names = list(sides)
    stopped: dict[str, Sample] = {}
    for _ in range(warm):
        for name in names:
            if (sample := sides[name]()).stopped:
                stopped[name] = sample
    got: dict[str, list[Sample]] = {name: [] for name in names}
    for _ in range(rounds):
        order = names[:]
        rng.shuffle(order)
        for name in order:
            sample = stopped.get(name) or sides[name]()
            if sample.stopped:
                stopped[name] = sample
            got[name].append(sample)
    return got


def spread(values: Sequence[float]) -> tuple[float, float, float]:
    """Median, lowest, highest."""
    return statistics.median(values), min(values), max(values)


def ratios(top: Sequence[Sample], bottom: Sequence[Sample]) -> list[float]:
    """Per round: ``top`` over ``bottom`` (the rounds are in the same order)."""
    return [a.seconds / b.seconds for a, b in zip(top, bottom, strict=True)]


# --- rows ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    text: str  # as the issue says it: "<= 5x"
    most: float | None = None  # met when the figure is at most this
    least: float | None = None  # met when the figure is at least this
    size: int | None = None  # the journal size the target is for (None: any)

    def verdict(self, figure: float, size: int | None, bound: bool = False) -> str:
        """``bound``: the figure is a lower bound (a side was stopped at its timeout)."""
        if self.size is not None and size != self.size:
            return f"(target is for {self.size:,})"
        met = (self.most is None or figure <= self.most) and (
            self.least is None or figure >= self.least
        )
        if bound and not met:
            return "(stopped too soon to say)"
        return "met" if met else "MISSED"


def at_most(limit: float, unit: str = "x", size: int | None = None) -> Target:
    return Target(f"<= {limit:g}{unit}", most=limit, size=size)


def at_least(limit: float, size: int | None = None) -> Target:
    return Target(f">= {limit:g}x", least=limit, size=size)


NO_TARGET = Target("-")
HEADER = (
    f"{'what':<62} {'ketaprep':>22} {'reference':>22} {'ratio (min-max)':>20} {'target':>8}  met?"
)


def entries(size: int) -> str:
    return "1 entry" if size == 1 else f"{size:,} entries"


def out(sample: Sample) -> str:
    return "(stopped)" if sample.stopped else f"{sample.out_bytes:,}"


def ms(samples: Sequence[Sample]) -> str:
    if any(s.stopped for s in samples):
        return f"stopped at {max(s.seconds for s in samples):,.0f} s"
    middle, low, high = spread([s.seconds * 1000 for s in samples])
    return f"{middle:,.0f} ms ({low:,.0f}-{high:,.0f})"


@dataclass
class Report:
    """The rows printed so far, to count the targets met at the end."""

    verdicts: list[str] = field(default_factory=list)

    def ratio_row(
        self,
        what: str,
        top: Sequence[Sample],
        bottom: Sequence[Sample],
        target: Target,
        *,
        size: int | None = None,
        out_bytes: bool = False,
        ours_first: bool = True,
    ) -> None:
        """A row: ``top`` over ``bottom`` per round. ``ours_first`` False: ketaprep is
        the bottom (a "times faster" figure) and still shown first."""
        middle, low, high = spread(ratios(top, bottom))
        bound = any(s.stopped for s in top)  # only a reference is ever stopped: at least
        ours, theirs = (top, bottom) if ours_first else (bottom, top)
        verdict = "" if target is NO_TARGET else target.verdict(middle, size, bound)
        self.verdicts.append(verdict)
        figure = f"> {middle:.2f}x" if bound else f"{middle:.2f}x ({low:.2f}-{high:.2f})"
        line = (
            f"{what:<62} {ms(ours):>22} {ms(theirs):>22} {figure:>20} {target.text:>8}  {verdict}"
        )
        if out_bytes:
            line += f"  [bytes {out(ours[0])} vs {out(theirs[0])}]"
        print(line, flush=True)

    def memory_row(self, what: str, mb: float | None, target: Target, size: int) -> None:
        if mb is None:
            print(f"{what:<62} {'not measured':>22}", flush=True)
            return
        verdict = target.verdict(mb, size)
        self.verdicts.append(verdict)
        print(f"{what:<62} {f'{mb:.1f} MB':>22} {'':>22} {'':>20} {target.text:>8}  {verdict}")

    def note(self, text: str) -> None:
        print(text, flush=True)

    def summary(self) -> None:
        judged = [v for v in self.verdicts if v in ("met", "MISSED")]
        missed = judged.count("MISSED")
        print(f"\n{len(judged) - missed} of {len(judged)} targets met; {missed} missed.")


# --- the settings of one run -------------------------------------------------------------


SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (1_000, 10_000)
SMOKE_SIZES = (50,)
BIG = 100_000


@dataclass
class Bench:
    sizes: list[int]  # review's journal sizes
    rounds: int
    big_rounds: int  # rounds for the slow rows (jrnl, export) at 100,000
    jrnl_timeout: float  # seconds: a jrnl run still going then is stopped
    warm: int
    cache: Path
    work: Path
    jrnl: Path | None  # None: no jrnl rows
    jrnl_note: str
    rng: random.Random
    report: Report = field(default_factory=Report)
    _journals: dict[int, Journal] = field(default_factory=dict)

    @property
    def question_sizes(self) -> list[int]:
        """First question: a one-entry journal, and the review sizes from 10,000 up."""
        return [1, *(size for size in self.sizes if size >= 10_000)] or [1]

    @property
    def biggest(self) -> int:
        return max(self.sizes)

    def rounds_at(self, size: int, slow: bool = False) -> int:
        return min(self.rounds, self.big_rounds) if slow and size >= BIG else self.rounds

    def journal(self, size: int) -> Journal:
        if size not in self._journals:
            self._journals[size] = journals.working_copy(size, self.cache, self.work)
        return self._journals[size]

    def env(self, size: int) -> dict[str, str]:
        return journals.isolated_env(self.journal(size).home)

    def compare(
        self, sides: Mapping[str, Side], size: int, slow: bool = False
    ) -> dict[str, list[Sample]]:
        return interleave(sides, self.rounds_at(size, slow), self.warm, self.rng)

    def heading(self, text: str) -> None:
        print(f"\n## {text}", flush=True)


Section = Callable[[Bench], None]


def parser(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="1,000 and 10,000 entries only")
    parser.add_argument(
        "--smoke", action="store_true", help="a tiny journal, 1 round, no jrnl: does it run?"
    )
    parser.add_argument("--sizes", help="journal sizes, e.g. 1000,10000 (overrides --quick)")
    parser.add_argument("--rounds", type=int, default=7, help="counted rounds per row (7)")
    parser.add_argument(
        "--big-rounds", type=int, default=3, help="rounds of the jrnl and export rows at 100,000"
    )
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "ketaprep-bench",
        help="where built journals and jrnl's virtualenv are kept between runs",
    )  # fmt: skip
    parser.add_argument("--jrnl", type=Path, help="a jrnl to use instead of installing one")
    parser.add_argument("--no-jrnl", action="store_true", help="leave out the jrnl rows")
    parser.add_argument(
        "--jrnl-timeout", type=float, default=180.0,
        help="stop a jrnl run after this many seconds (180); its ratio is then a lower bound",
    )  # fmt: skip
    parser.add_argument("--seed", type=int, help="for the order of each round")
    return parser


@contextmanager
def bench_from(args: argparse.Namespace, wants_jrnl: bool) -> Iterator[Bench]:
    if args.sizes:
        sizes = [int(size) for size in args.sizes.split(",")]
    else:
        sizes = list(SMOKE_SIZES if args.smoke else QUICK_SIZES if args.quick else SIZES)
    rounds, warm = (1, 0) if args.smoke else (args.rounds, 1)
    jrnl, note = None, ""
    if not wants_jrnl:
        pass
    elif args.smoke or args.no_jrnl:
        note = "jrnl rows left out (--smoke or --no-jrnl)"
    elif args.jrnl:
        jrnl = args.jrnl
    else:
        jrnl, note = install_jrnl(args.cache)
    with tempfile.TemporaryDirectory(prefix="ketaprep-bench-") as work:
        bench = Bench(
            sizes=sizes, rounds=rounds, big_rounds=args.big_rounds,
            jrnl_timeout=args.jrnl_timeout, warm=warm,
            cache=args.cache, work=Path(work), jrnl=jrnl, jrnl_note=note,
            rng=random.Random(args.seed),
        )  # fmt: skip
        yield bench


def run_sections(description: str, sections: Sequence[Section], wants_jrnl: bool) -> int:
    args = parser(description).parse_args()
    with bench_from(args, wants_jrnl) as bench:
        cores = os.cpu_count()
        load = " ".join(f"{x:.1f}" for x in os.getloadavg())
        print(
            f"ketaprep benchmarks: {sys.executable}; {cores} cores, load {load}; "
            f"{bench.rounds} rounds ({bench.big_rounds} for jrnl and export at 100,000), "
            f"{bench.warm} warm-up; each round in a random order",
            flush=True,
        )
        print(HEADER, flush=True)
        for section in sections:
            section(bench)
        bench.report.summary()
    return 0


# --- jrnl --------------------------------------------------------------------------------


def install_jrnl(cache: Path) -> tuple[Path | None, str]:
    """jrnl from PyPI in its own virtualenv under ``cache`` (made once, never in
    ketaprep's environment); None and why not when it cannot be installed."""
    venv = cache / "jrnl-venv"
    jrnl = venv / "bin" / "jrnl"
    if (
        jrnl.exists()
        and subprocess.run([str(jrnl), "--version"], capture_output=True).returncode == 0
    ):
        return jrnl, ""
    print(f"  (installing jrnl from PyPI into {venv}...)", flush=True)
    shutil.rmtree(venv, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True)
    if done.returncode == 0:
        done = subprocess.run(
            [str(venv / "bin" / "pip"), "install", "--quiet", "jrnl"], capture_output=True
        )
    if done.returncode != 0:
        shutil.rmtree(venv, ignore_errors=True)
        last = (done.stderr.decode(errors="replace").strip().splitlines() or ["?"])[-1]
        return None, f"jrnl rows left out: jrnl could not be installed ({last})"
    return jrnl, ""


def ketaprep(*args: str) -> list[str]:
    return [str(KETAPREP), *args]


def bench_script(name: str, *args: str) -> list[str]:
    return [sys.executable, str(BENCH / name), *args]
