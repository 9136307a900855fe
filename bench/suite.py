"""Where the test suite's time goes, in CPU seconds: each test's own (the pytest process)
plus its children's (the ketaprep processes a pty or subprocess test starts and waits
for). CPU time hardly moves when the machine is busy, so these figures can be compared
between runs on a loaded machine, which wall-clock times cannot.

    python bench/suite.py [PYTEST ARGS...]      (default: the whole suite, serially)

Prints the total, then the sums by layer and the costliest files and tests.
"""

from __future__ import annotations

import collections
import os
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = (  # the first that matches names a test file's layer
    ("real terminal (pty)", "test_pty_"),
    ("locked journal", "test_lock"),
    ("bad-input corpus", "test_bad_input_corpus"),
    ("CLI (CliRunner)", "test_cli_"),
)


def _children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class CpuClock:
    """A pytest plugin: each test's CPU seconds, setup and teardown included."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.started = time.monotonic()

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Iterator[None]:
        own, children = time.process_time(), _children()
        yield
        self.seconds[item.nodeid] = time.process_time() - own + _children() - children


def layer(nodeid: str) -> str:
    name = nodeid.split("::")[0].rsplit("/", 1)[-1]
    return next((title for title, prefix in LAYERS if name.startswith(prefix)), "unit")


def report(clock: CpuClock, wall: float) -> None:
    total = sum(clock.seconds.values())
    print(f"\n{len(clock.seconds)} tests: {total:.0f} CPU seconds ({wall:.0f} s on the clock)")
    by_layer: collections.Counter[str] = collections.Counter()
    by_file: collections.Counter[str] = collections.Counter()
    for nodeid, seconds in clock.seconds.items():
        by_layer[layer(nodeid)] += seconds
        by_file[nodeid.split("::")[0]] += seconds
    print("\nby layer")
    for name, seconds in by_layer.most_common():
        print(f"  {seconds:7.1f} s  {100 * seconds / total:4.1f}%  {name}")
    print("\ncostliest files")
    for name, seconds in by_file.most_common(15):
        print(f"  {seconds:7.1f} s  {name}")
    print("\ncostliest tests")
    for nodeid, seconds in sorted(clock.seconds.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {seconds:7.1f} s  {nodeid}")


def main(args: list[str]) -> int:
    os.chdir(ROOT)
    clock = CpuClock()
    code = pytest.main(["-q", "-p", "no:cacheprovider", *(args or ["tests"])], plugins=[clock])
    report(clock, time.monotonic() - clock.started)
    return int(code)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
