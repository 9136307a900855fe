"""A journal locked with a passphrase against the same journal unlocked, at 10,000
entries, in the same rounds: the first question of ``ketaprep journal`` (in a
pseudo-terminal) and ``review --list`` (piped), with the key derivation timed alone.

    python bench/lock.py [--rounds 7] [--smoke]

The locked copy is the working copy locked by ``ketaprep lock`` itself, its passphrase
read from a private file (``KETAPREP_PASSPHRASE_FILE``), as a run without a terminal
reads it. The key derivation is SQLCipher opening the locked file and reading its first
page, in this process: PBKDF2-HMAC-SHA512, 256,000 rounds.

Target (issue 13): locked costs no more than the key derivation plus 20%. Each round,
the locked run's time over the unlocked run's is divided by that round's key
derivation; the figure is the median, and at most 1.2x is met.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import _common
import first_question
from _common import (
    Bench,
    Sample,
    Side,
    at_most,
    entries,
    ketaprep,
    ms,
    run_in_pty,
    run_piped,
    spread,
)

PASSPHRASE = "a benchmark passphrase of some length"
SIZE = 10_000
TARGET = at_most(1.2)


def section(bench: Bench) -> None:
    size = SIZE if bench.biggest >= SIZE else bench.biggest
    bench.heading(f"a locked journal against the same unlocked, at {size:,} entries")
    plain_env = first_question.pty_env(bench, size)
    locked_env = {**plain_env, **_locked_copy(bench, size, plain_env)}
    database = Path(locked_env["KETAPREP_HOME"]) / "ketaprep.db"
    question = first_question.FIRST_QUESTIONS["journal"]
    sides: dict[str, Side] = {"key derivation": partial(_derive_key, database)}
    for name, env in (("unlocked", plain_env), ("locked", locked_env)):
        sides[f"journal {name}"] = partial(run_in_pty, ketaprep("journal"), env, until=question)
        sides[f"review {name}"] = partial(run_piped, ketaprep("review", "--list"), env)
    got = bench.compare(sides, size)
    bench.report.note(f"key derivation alone: {ms(got['key derivation'])}")
    for what, name in (("first question: journal", "journal"), ("review --list", "review")):
        _extra_row(
            bench, f"{what}, {entries(size)}, locked - unlocked / key derivation",
            got[f"{name} locked"], got[f"{name} unlocked"], got["key derivation"], size,
        )  # fmt: skip


def _locked_copy(bench: Bench, size: int, plain_env: dict[str, str]) -> dict[str, str]:
    """A copy of the journal locked by ``ketaprep lock``; its environment's changes."""
    plain_home = Path(plain_env["KETAPREP_HOME"])
    home = bench.work / f"locked-{size}" / "ketaprep"
    shutil.copytree(plain_home, home)
    secret = home.parent / "passphrase"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    secret.chmod(0o600)
    changes = {"KETAPREP_HOME": str(home), "KETAPREP_PASSPHRASE_FILE": str(secret)}
    subprocess.run(
        ketaprep("lock"), env={**plain_env, **changes}, stdin=subprocess.DEVNULL,
        capture_output=True, check=True,
    )  # fmt: skip
    return changes


def _derive_key(database: Path) -> Sample:
    from ketaprep.store.connection import connect, key_opens

    started = time.perf_counter()
    conn = connect(database, read_only=True, passphrase=PASSPHRASE)
    try:
        assert key_opens(conn)
    finally:
        conn.close()
    return Sample(time.perf_counter() - started)


def _extra_row(
    bench: Bench,
    what: str,
    locked: list[Sample],
    unlocked: list[Sample],
    derived: list[Sample],
    size: int,
) -> None:
    """A row in the report's columns: locked, unlocked, and per round (locked - unlocked)
    over the key derivation."""
    figures = [  # a round whose locked run came out quicker (noise) costs nothing extra
        max(0.0, a.seconds - b.seconds) / k.seconds
        for a, b, k in zip(locked, unlocked, derived, strict=True)
    ]
    middle, low, high = spread(figures)
    verdict = TARGET.verdict(middle, size)
    bench.report.verdicts.append(verdict)
    figure = f"{middle:.2f}x ({low:.2f}-{high:.2f})"
    print(
        f"{what:<62} {ms(locked):>22} {ms(unlocked):>22} {figure:>20} {TARGET.text:>8}  {verdict}",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(_common.run_sections(__doc__.splitlines()[0], [section], wants_jrnl=False))
