"""The README's set-up command comes first, its test command is the one CI runs, and its
sample outputs are what ketaprep prints: each ``console`` block is run for real (its
journal made the same way each time, the clock set) and compared line by line.

In a sample, ``…`` stands for text left out (a line that is only ``…``: the lines after
it); the entry ids, and the folders of one person's computer, stand for this run's.
"""

from __future__ import annotations

import datetime
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import time_machine

from cli_helpers import ketaprep, write_answers
from ketaprep.guides.files import builtin_dir
from ketaprep.paths import get_paths
from ketaprep.store import open_store
from pty_helpers import Terminal

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
UTC = datetime.timezone.utc

# The folders the samples show, for a person on Linux with no KETAPREP_HOME; a run's home
# is made as long as the first, so lines wrap where the samples' do.
SHOWN_HOME = "/home/you/.local/share/ketaprep"
SHOWN_FOLDERS = (SHOWN_HOME, "/home/you/.config/ketaprep", "~/.local/share/ketaprep")
SHOWN_GUIDES = "…/site-packages/ketaprep/_guides"


def commands_in(heading: str) -> list[str]:
    """The shell commands (```sh blocks) of the README's section ``## heading``."""
    section = README.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```(?:sh|bash)\n(.+?)\n```", section)


def test_the_setup_command_comes_first_and_makes_a_virtual_environment() -> None:
    assert README.index("## Set up") < README.index("## Using it") < README.index("## Developing")
    [setup] = commands_in("Set up")
    assert setup.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install .")
    assert setup.endswith("&& ketaprep")
    assert "pytest" not in setup


def test_the_test_command_is_under_developing_and_ci_runs_it() -> None:
    [test_command] = commands_in("Developing")
    assert "[test]" in test_command and "pytest" in test_command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f'step "{test_command}"' in ci


# --- the sample outputs ----------------------------------------------------------------

BEFORE = {
    "session": 1,
    "date": "2026-11-24",
    "setting": "clinic",
    "ready": ["health", "every-medicine", "time", "ride-home", "food"],
    "intentions": ["Be kind to myself", "Notice what my body feels"],
    "to-remember": ["Sam is taking me home after"],
    "mood": 6,
    "anxiety": 4,
    "breathe": False,
    "clinic-questions": ["insurance"],
    "own-questions": ["Can my partner wait with me?"],
}
AFTER = {
    "session": 1,
    "intention-1": "touched",
    "intention-1-note": "Near the end, for a little while.",
    "mood": 7,
    "anxiety": 3,
    "safe": "no",
}
BETWEEN = {"support": "my sister", "mood": 6, "anxiety": 4, "safe": "no"}
PLAN = {
    "warning-signs": ["I stop answering messages", "I cannot sleep"],
    "coping": ["Slow breathing", "A warm shower", "A walk outside"],
    "people": ["Sam: 555 0101", "Mum: 555 0102"],
    "clinic-after-hours": "555 0199",
}


@dataclass(frozen=True)
class Sample:
    command: str  # as the README shows it, after "$ "
    made: str  # the journal it is run on
    answers: dict[str, object] | None = None  # the answers file it names, if any
    terminal: bool = False  # run in a real terminal, to answer its question


# Every console block of the README, in order.
SAMPLES = (
    Sample("ketaprep", "a session yesterday"),
    Sample("ketaprep prepare --answers before.yaml", "fresh", BEFORE),
    Sample("ketaprep review --list", "one session"),
    Sample("ketaprep plan --answers plan.yaml", "fresh", PLAN),
    Sample("ketaprep help-now", "a plan, in the UK"),
    Sample("ketaprep where", "one session"),
    Sample("ketaprep review --list", "open to others"),
    Sample("ketaprep session list", "three sessions"),
    Sample("ketaprep session change 22 --number 2", "three sessions", terminal=True),
)


def readme_samples() -> list[tuple[str, str]]:
    """(command, what it printed) for each console block of the README."""
    blocks = re.findall(r"```console\n\$ (.+?)\n(.*?)```", README, re.DOTALL)
    return [(command, shown) for command, shown in blocks]


def test_every_sample_in_the_readme_is_run_here() -> None:
    assert [command for command, _ in readme_samples()] == [s.command for s in SAMPLES]


@pytest.fixture
def same_length_home(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A KETAPREP_HOME as long as SHOWN_HOME."""
    top = Path(tempfile.mkdtemp(prefix="kpr-", dir="/tmp"))
    home = top / ("h" * (len(SHOWN_HOME) - len(str(top)) - 1))
    monkeypatch.setenv("KETAPREP_HOME", str(home))
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield home
    monkeypatch.delenv("TZ")
    time.tzset()
    shutil.rmtree(top)


def _at(day: str, clock: str) -> time_machine.travel:
    return time_machine.travel(datetime.datetime.fromisoformat(f"{day}T{clock}+00:00"))


def _run(home: Path, monkeypatch: pytest.MonkeyPatch, *args: str, **answers: object) -> str:
    line = list(args)
    if answers:
        line += ["--answers", str(write_answers(home.parent, answers, f"{args[0]}.yaml"))]
    result = ketaprep(*line, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    return result.output


def _welcomed() -> None:
    marker = get_paths().welcomed_marker
    marker.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    marker.touch()


def _one_session(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with _at("2026-11-24", "20:30"):
        _run(home, monkeypatch, "prepare", **BEFORE)
        _run(home, monkeypatch, "journal", **AFTER)
    with _at("2026-11-24", "20:37"):
        _run(home, monkeypatch, "checkin", **BETWEEN)


def _a_session_yesterday(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with _at("2026-11-14", "09:00"):
        _run(home, monkeypatch, "checkin", **BETWEEN)
    with _at("2026-11-21", "19:00"):
        ready = {"session": 2, "date": "2026-11-23", "intentions": ["Be kind to myself", "Rest"]}
        _run(home, monkeypatch, "prepare", **{**BEFORE, **ready})


def _plan_in_the_uk(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with _at("2026-11-24", "20:30"):
        _run(home, monkeypatch, "plan", **PLAN)
    get_paths().config_file.write_text("region: uk-ie\n", encoding="utf-8")


def _open_to_others(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _one_session(home, monkeypatch)
    home.chmod(0o755)


def _three_sessions(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with _at("2026-11-10", "18:00"):
        _run(home, monkeypatch, "prepare", **{**BEFORE, "date": "2026-11-10"})
        _run(home, monkeypatch, "journal", **AFTER)
    with open_store() as store:
        store.add_session(22, datetime.date(2026, 11, 24))
        store.add_session(3, datetime.date(2026, 12, 8))
    with _at("2026-11-24", "18:00"):
        _run(home, monkeypatch, "prepare", **{**BEFORE, "session": 22, "date": "2026-11-24"})


MAKE: dict[str, Callable[[Path, pytest.MonkeyPatch], None]] = {
    "fresh": lambda home, monkeypatch: None,
    "one session": _one_session,
    "a session yesterday": _a_session_yesterday,
    "a plan, in the UK": _plan_in_the_uk,
    "open to others": _open_to_others,
    "three sessions": _three_sessions,
}


def _in_a_terminal(home: Path, args: list[str]) -> str:
    """What the screen shows once the person has said yes to the question."""
    with Terminal(*args, home=home) as term:
        term.wait_for("Change it?")
        term.send("y")
        assert term.wait_exit() == 0
        return term.screen_text()


def _as_shown(output: str, home: Path) -> str:
    """This run's output, with its home and the built-in guides' folder as the README
    names them, and no spaces at the ends of lines or blank lines at the end."""
    output = output.replace(str(builtin_dir()), SHOWN_GUIDES).replace(str(home), SHOWN_HOME)
    return "\n".join(line.rstrip() for line in output.strip("\n").rstrip().splitlines())


def _pattern(shown: str) -> re.Pattern[str]:
    """The README's sample as a pattern: ids match any id, ``…`` any text left out."""
    for folder in SHOWN_FOLDERS:
        shown = shown.replace(folder, SHOWN_HOME)
    lines = []
    for line in shown.rstrip().splitlines():
        if line == "…":
            lines.append("(?:.*\n?)*")
            continue
        pieces = [re.escape(piece) for piece in line.rstrip().split("…")]
        lines.append("(?:.*)".join(pieces).replace("<id>", "[0-9a-f]{8}") + "\n")
    return re.compile("".join(lines).rstrip("\n"))


@pytest.mark.parametrize(
    "index",
    [
        pytest.param(index, id=sample.command, marks=[pytest.mark.pty] if sample.terminal else [])
        for index, sample in enumerate(SAMPLES)
    ],
)
def test_the_sample_is_what_ketaprep_prints(
    index: int, same_length_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = SAMPLES[index]
    _welcomed()
    MAKE[sample.made](same_length_home, monkeypatch)
    args = sample.command.split()[1:]
    if sample.terminal:
        output = _in_a_terminal(same_length_home, args)
    else:
        with _at("2026-11-24", "21:00"):
            output = _run(same_length_home, monkeypatch, *args, **(sample.answers or {}))
    shown = re.sub(r"\b[0-9a-f]{8}\b", "<id>", readme_samples()[index][1])
    got = _as_shown(output, same_length_home)
    assert _pattern(shown).fullmatch(got), f"the README shows:\n{shown}\nketaprep printed:\n{got}"
