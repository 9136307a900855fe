"""``ketaprep --help`` and ``--version`` stay fast: heavy modules load only in commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("yaml", "questionary", "prompt_toolkit", "sqlite3", "sqlcipher3", "rich.markdown")


def imported_modules(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return modules_in(done.stderr)


def modules_in(importtime: str) -> set[str]:
    # lines look like: "import time:   123 |   456 |     package.module"
    return {
        line.rsplit("|", 1)[1].strip()
        for line in importtime.splitlines()
        if line.startswith("import time:") and "|" in line
    }


@pytest.mark.parametrize(
    ("args", "seen"),
    [
        (("-m", "ketaprep", "--help"), "ketaprep.cli"),
        (("-m", "ketaprep", "--version"), "ketaprep.cli.start"),
        (("-c", "import ketaprep.cli"), "ketaprep.cli"),
    ],
)
def test_heavy_modules_are_not_imported(args: tuple[str, ...], seen: str) -> None:
    modules = imported_modules(*args)
    assert seen in modules  # the measurement works
    assert sorted(set(HEAVY) & modules) == []


@pytest.mark.parametrize(
    ("args", "seen"),
    [
        (("--version",), "ketaprep.cli.start"),
        (("help-now", "--region", "us"), "ketaprep.walks.help_now"),
        (("--plain", "help-now"), "ketaprep.walks.help_now"),
        (("guide", "4"), "ketaprep.walks.guide"),
    ],
)
def test_the_early_commands_start_without_typer(args: tuple[str, ...], seen: str) -> None:
    modules = imported_modules("-m", "ketaprep", *args)
    assert seen in modules  # the measurement works
    assert "typer" not in modules and "ketaprep.cli.root" not in modules


def test_any_other_form_of_them_goes_to_typer() -> None:
    modules = imported_modules("-m", "ketaprep", "help-now", "--help")
    assert "ketaprep.cli.root" in modules and "typer" in modules


def test_the_measurement_sees_a_heavy_import() -> None:
    assert "yaml" in imported_modules("-c", "import ketaprep.guides.schema")


@pytest.mark.parametrize("module", ["prepare", "journal", "checkin", "delete"])
def test_the_walks_import_no_yaml_before_their_first_question(module: str) -> None:
    """The dataclasses are enough until a guide is read: yaml comes with the reading."""
    modules = imported_modules("-c", f"import ketaprep.walks.{module}")
    assert f"ketaprep.walks.{module}" in modules  # the measurement works
    assert "yaml" not in modules


def test_help_now_with_a_region_set_imports_no_prompt_library(ketaprep_home: Path) -> None:
    """Crisis lines come fast: questionary is only for the one-time region question."""
    ketaprep_home.mkdir(parents=True, exist_ok=True)
    (ketaprep_home / "config.yaml").write_text("region: us\n", encoding="utf-8")
    modules = imported_modules("-m", "ketaprep", "help-now")
    assert "ketaprep.walks.help_now" in modules  # the measurement works
    assert not {"questionary", "prompt_toolkit", "ketaprep.ask", "ketaprep.walks.run"} & modules


def test_help_now_in_a_pipe_imports_no_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing to style in a pipe: the lines are written as rich would write them."""
    modules = imported_modules("-m", "ketaprep", "help-now")
    assert "ketaprep.walks.help_now" in modules  # the measurement works
    assert not {name for name in modules if name == "rich" or name.startswith("rich.")}
    monkeypatch.setenv("FORCE_COLOR", "1")  # as good as a terminal, for rich
    assert "rich.console" in imported_modules("-m", "ketaprep", "help-now")


def test_help_now_with_the_guides_kept_reads_only_the_crisis_lines() -> None:
    """Once safety.yaml is kept (guides/cache.py), help-now needs neither yaml nor the
    classes of the other guides, nor importlib.resources to find the built-in files."""
    imported_modules("-m", "ketaprep", "help-now")  # the first run keeps them
    modules = imported_modules("-m", "ketaprep", "help-now")
    assert "ketaprep.guides.safety" in modules  # the measurement works
    slow = {"yaml", "ketaprep.guides.schema", "ketaprep.guides.model"}
    slow |= {"ketaprep.guides.questionnaire", "importlib.resources"}
    assert sorted(slow & modules) == []


@pytest.mark.parametrize("walk", ["prepare", "journal", "checkin"])
def test_a_bare_walk_starts_without_typer(walk: str) -> None:
    """Its first question comes sooner (here, without a terminal, its sentence)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ketaprep", walk],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    modules = modules_in(done.stderr)
    assert done.returncode == 2 and "terminal" in done.stderr  # it ran
    assert f"ketaprep.walks.{walk}" in modules  # the measurement works
    assert "typer" not in modules and "ketaprep.cli.root" not in modules


# ketaprep's main in a subprocess, then every module loaded by its end (sys.modules sees
# what importlib.import_module loads too, which -X importtime does not list).
_MODULES_AT_EXIT = """
import atexit, sys
import gc
atexit.register(lambda: print("\\nfrozen:", gc.get_freeze_count(), gc.isenabled(), file=sys.stderr))
atexit.register(lambda: print("\\nmodules:", *sorted(sys.modules), file=sys.stderr))
sys.argv[0] = "ketaprep"
from ketaprep.cli import main
main()
"""


def _at_exit(*args: str) -> subprocess.CompletedProcess[str]:
    """``ketaprep ARGS`` (output piped), saying at its end what it had loaded and left."""
    return subprocess.run(
        [sys.executable, "-c", _MODULES_AT_EXIT, *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def modules_at_exit(*args: str) -> tuple[set[str], str]:
    """The modules loaded by the end of ``ketaprep ARGS`` (output piped), and its stdout."""
    done = _at_exit(*args)
    assert done.returncode == 0, done.stderr
    return set(done.stderr.rsplit("modules:", 1)[1].split("frozen:")[0].split()), done.stdout


def collector_at_exit(*args: str) -> tuple[int, str]:
    """How many objects ``ketaprep ARGS`` left to no collection at its end, and whether
    the collector was on."""
    done = _at_exit(*args)
    frozen, enabled = done.stderr.rsplit("frozen:", 1)[1].split()
    return int(frozen), enabled


@pytest.mark.parametrize("args", [("help-now",), ("guide",), ("guide", "2")])
def test_the_commands_that_show_and_end_leave_the_collector_off(args: tuple[str, ...]) -> None:
    """help-now and guide run without collections, and none walks their objects at exit."""
    frozen, enabled = collector_at_exit(*args)
    assert frozen > 10_000 and enabled == "False"


def test_other_commands_keep_the_collector() -> None:
    frozen, enabled = collector_at_exit("--version")
    assert frozen == 0 and enabled == "True"


def test_help_now_reads_the_plan_without_the_rest_of_the_store(tmp_path: Path) -> None:
    """The person's own plan comes from a light read (store/latest.py): SQLite, and no
    records, no Store, no search, no checks."""
    answers = tmp_path / "plan.yaml"
    answers.write_text("people: ['Sam: 555 0101']\ncoping: ['Slow breathing']\n")
    modules_at_exit("plan", "--answers", str(answers))
    modules, shown = modules_at_exit("help-now", "--region", "us")
    assert "Sam: 555 0101" in shown and "Slow breathing" in shown  # the plan was read
    assert "sqlcipher3" in modules and "ketaprep.store.latest" in modules
    heavy = {"records", "database", "codec", "base", "search", "journal_file", "queries"}
    assert sorted({f"ketaprep.store.{name}" for name in heavy} & modules) == []


def test_help_now_with_no_journal_loads_no_sqlite(ketaprep_home: Path) -> None:
    modules, shown = modules_at_exit("help-now", "--region", "us")
    assert "If you or someone else is in danger right now" in shown
    assert not (ketaprep_home / "ketaprep.db").exists()
    assert "ketaprep.store.latest" in modules  # the measurement works
    assert "sqlcipher3" not in modules and "sqlite3" not in modules


def test_guide_in_a_pipe_imports_no_rich(welcomed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The steps table is written as rich would write it (walks/steps_text.py); a step
    in full is Markdown, which rich lays out."""
    modules, shown = modules_at_exit("guide")
    assert "ketaprep.walks.steps_text" in modules and "Read one in full" in shown
    assert not {name for name in modules if name == "rich" or name.startswith("rich.")}
    assert "rich.markdown" in modules_at_exit("guide", "2")[0]
    monkeypatch.setenv("FORCE_COLOR", "1")  # as good as a terminal, for rich
    assert "rich.table" in modules_at_exit("guide")[0]


# A walk run up to its first question, then stopped there: the modules loaded by then.
_MODULES_AT_FIRST_QUESTION = """
import sys
from ketaprep.walks.run import WalkOptions
from ketaprep.store import open_store

class FirstQuestion:
    def show(self, renderable):
        pass

    def problem(self, item, error):
        pass

    def ask(self, item, default, partial=None, back=False):
        print("modules:", *sorted(sys.modules), file=sys.stderr)
        raise KeyboardInterrupt

walk = __import__(f"ketaprep.walks.{sys.argv[1]}", fromlist=["run"])
walk.run(WalkOptions(), asker=FirstQuestion())
with open_store() as store:
    print("drafts:", len(store.drafts(sys.argv[1])), file=sys.stderr)
"""


@pytest.mark.parametrize("walk", ["prepare", "journal", "checkin"])
def test_a_walk_reaches_its_first_question_without_uuid(walk: str) -> None:
    """uuid (and platform, which it imports) is not imported before a walk's first
    question: an entry's id is made without it (store.entries.new_entry_id)."""
    done = subprocess.run(
        [sys.executable, "-c", _MODULES_AT_FIRST_QUESTION, walk],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert "modules:" in done.stderr, done.stderr  # it reached the question
    modules = set(done.stderr.rsplit("modules:", 1)[1].split("drafts:")[0].split())
    assert f"ketaprep.walks.{walk}" in modules and "ketaprep.store.entries" in modules
    assert sorted({"uuid", "platform"} & modules) == []


def test_a_checkin_has_begun_its_draft_by_its_first_question() -> None:
    """The measurement above sees an entry begun (an id made) before the question."""
    done = subprocess.run(
        [sys.executable, "-c", _MODULES_AT_FIRST_QUESTION, "checkin"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert "drafts: 0" in done.stderr  # Ctrl-C before the first answer leaves none
    assert "Stopped before the first answer" in done.stdout


# A walk in a terminal, stopped where its first question is about to wait for a key: the
# screen so far, and the modules loaded by then.
_AT_FIRST_QUESTION_IN_A_TERMINAL = """
import os, sys
import questionary.question

def stop_there(question, *args, **kwargs):
    print("\\nmodules:", *sorted(sys.modules), flush=True)
    os._exit(0)

questionary.question.Question.unsafe_ask = stop_there
sys.argv = ["ketaprep", *sys.argv[1:]]
from ketaprep.cli import main
main()
"""


@pytest.mark.parametrize(
    ("walk", "shown"),
    [
        ("prepare", ""),  # its question, drawn by questionary, comes first
        ("journal", "Before it, you chose to hold in mind:"),
        ("checkin", "Maintaining your progress"),
    ],
)
def test_a_walk_in_a_terminal_reaches_its_first_question_without_rich(
    walk: str, shown: str, welcomed: Path, tmp_path: Path
) -> None:
    """Its heading, help and question are drawn as rich would draw them (lines.Lines,
    ask/drawn.py), so rich is imported only once an answer is given."""
    import pexpect

    answers = tmp_path / "prepare.yaml"
    answers.write_text("intentions: [Rest]\n", encoding="utf-8")
    made = subprocess.run(
        [sys.executable, "-m", "ketaprep", "prepare", "--answers", str(answers)],
        capture_output=True,
        timeout=60,
    )
    assert made.returncode == 0, made.stderr  # a session to write about, for journal
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm-256color"}
    child = pexpect.spawn(
        sys.executable, ["-c", _AT_FIRST_QUESTION_IN_A_TERMINAL, walk],
        env=env, dimensions=(24, 80), timeout=60,
    )  # fmt: skip
    child.expect(pexpect.EOF)
    said = child.before.decode()
    assert shown in said and "modules:" in said  # it reached the question
    modules = set(said.rsplit("modules:", 1)[1].split())
    assert "questionary" in modules and f"ketaprep.walks.{walk}" in modules  # it works
    assert sorted(name for name in modules if name.split(".")[0] == "rich") == []
