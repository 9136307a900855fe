"""``ketaprep plan`` through the command line: answers files, versions, --show, the
plan in every export, and the plan in brief where help is shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import ketaprep, said, write_answers
from ketaprep.guides.load import load_guides
from ketaprep.paths import get_paths
from ketaprep.store import Entry, open_store
from ketaprep.walks.crisis_words import NO_PLAN_YET, PLAN_UNREADABLE
from ketaprep.walks.plan import IN_A_HARD_MOMENT, NO_PLAN, SPEC
from ketaprep.walks.plan_brief import PlanBrief, brief_from, read_brief

pytestmark = pytest.mark.usefixtures("welcomed")

KETAPREP = Path(sys.executable).parent / "ketaprep"

PLAN: dict[str, object] = {
    "warning-signs": ["I stop answering messages", "I cannot sleep"],
    "coping": ["Slow breathing", "A warm shower", "A walk outside"],
    "distractions": ["Coffee with a friend"],
    "people": ["Sam: 555 0101", "Mum: [b]555 0102[/b]"],
    "clinic-day": "555 0100",
    "clinic-after-hours": "555 0199",
    "therapist": "Dr Lee: 555 0123",
    "services": ["My doctor: 555 0140"],
    "safer-space": ["Ask Sam to keep my medicines for a while"],
    "reasons": ["My dog", "My sister"],
}


def plans() -> list[Entry]:
    with open_store() as store:
        return store.entries(kind="plan", include_drafts=True)


def saved(entry: Entry) -> dict[str, object]:
    return {answer.item_id: answer.value for answer in entry.answers}


def make(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: dict[str, object]) -> str:
    path = write_answers(tmp_path, answers, f"plan-{len(plans())}.yaml")
    result = ketaprep("plan", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    return said(result)


def test_every_part_of_the_plan_is_asked_in_order() -> None:
    ids = [item.id for item in load_guides().plan.items]
    assert ids == [
        "warning-signs", "coping", "distractions", "people", "clinic-day",
        "clinic-after-hours", "therapist", "services", "safer-space", "reasons",
    ]  # fmt: skip


def test_an_answers_file_saves_the_plan_and_shows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = make(tmp_path, monkeypatch, PLAN)
    [entry] = plans()
    assert entry.kind == SPEC.kind == "plan" and not entry.is_draft
    assert entry.session_number is None and entry.guide == "safety-plan"
    assert saved(entry) == PLAN
    assert out.startswith("Saved: your safety plan. What tells you that a hard time")
    assert "Who can you ask for help? - Sam: 555 0101 - Mum: [b]555 0102[/b]" in out
    assert "What number can you call at night or at the weekend? - 555 0199" in out
    assert " ".join(IN_A_HARD_MOMENT.split()) in out
    assert "988" not in out  # nothing here meets an alert


def test_changing_the_plan_keeps_the_earlier_version_and_what_the_file_leaves_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make(tmp_path, monkeypatch, PLAN)
    out = make(tmp_path, monkeypatch, {"people": ["Sam: 555 0101", "Jo: 555 0177"]})
    assert "This is version 2; the earlier one is kept." in out
    newest, first = plans()
    assert saved(first) == PLAN  # kept as it was
    assert saved(newest) == {**PLAN, "people": ["Sam: 555 0101", "Jo: 555 0177"]}
    out = make(tmp_path, monkeypatch, {"reasons": ["My garden"]})
    assert "This is version 3; the 2 earlier ones are kept." in out
    assert read_brief().people == ("Sam: 555 0101", "Jo: 555 0177")  # the newest is the plan


def test_show_prints_the_newest_plan_or_how_to_make_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = ketaprep("plan", "--show", monkeypatch=monkeypatch)
    assert result.exit_code == 0 and said(result) == NO_PLAN
    make(tmp_path, monkeypatch, PLAN)
    make(tmp_path, monkeypatch, {"coping": ["Music I like"]})
    result = ketaprep("plan", "--show", monkeypatch=monkeypatch)
    out = said(result)
    assert result.exit_code == 0
    assert out.startswith("Your safety plan, from ")
    assert "What can you do on your own to feel a little calmer? - Music I like" in out
    assert "Slow breathing" not in out


def test_a_bad_answers_file_saves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_answers(tmp_path, {"people": {"Sam": 555}, "hobbies": ["x"]})
    result = ketaprep("plan", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert said(result).startswith(f"The answers file {path} cannot be used, so nothing was saved")
    assert "hobbies" in said(result) and "Traceback" not in result.output
    assert plans() == []


def test_without_a_terminal_or_file_it_says_how(monkeypatch: pytest.MonkeyPatch) -> None:
    result = ketaprep("plan", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert said(result) == " ".join(SPEC.no_terminal.split())


def test_plain_mode_walks_the_plan_line_by_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from ketaprep.ask import PlainAsker
    from ketaprep.walks import plan
    from ketaprep.walks.run import WalkOptions

    typed = iter(["I cannot sleep", "", "Slow breathing", "", "", "Sam: 555 0101", ""])
    lines = iter([*typed, *[""] * 20])
    asker = PlainAsker(read=lambda prompt: next(lines))
    assert plan.run(WalkOptions(plain=True), asker=asker) == 0
    [entry] = plans()
    assert saved(entry)["people"] == ["Sam: 555 0101"]
    assert saved(entry)["coping"] == ["Slow breathing"]


def test_the_plan_is_in_every_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, monkeypatch, PLAN)
    exported = ketaprep("export", monkeypatch=monkeypatch)
    [entry] = json.loads(exported.stdout)["entries"]
    assert entry["kind"] == "plan"
    markdown = ketaprep("export", "--format", "markdown", monkeypatch=monkeypatch).stdout
    assert "Safety plan" in markdown and "Sam: 555 0101" in markdown
    page = tmp_path / "plan.html"
    assert ketaprep("export", "-f", "html", "-o", str(page), monkeypatch=monkeypatch).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "Safety plan" in html and "Sam: 555 0101" in html
    again = tmp_path / "again"
    monkeypatch.setenv("KETAPREP_HOME", str(again))
    (tmp_path / "export.json").write_text(exported.stdout, encoding="utf-8")
    result = ketaprep("import", str(tmp_path / "export.json"), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert read_brief().people == ("Sam: 555 0101", "Mum: [b]555 0102[/b]")


def test_review_lists_and_shows_the_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, monkeypatch, PLAN)
    listed = said(ketaprep("review", "--list", "--kind", "plan", monkeypatch=monkeypatch))
    assert " plan " in listed and "1 entry" in listed
    [entry] = plans()
    shown = said(ketaprep("review", "show", entry.id[:8], monkeypatch=monkeypatch))
    assert shown.startswith("Safety plan ·") and "Sam: 555 0101" in shown


# --- the plan in brief --------------------------------------------------------------


def test_the_brief_is_the_people_the_clinic_at_night_and_the_first_two_steps() -> None:
    brief = brief_from(PLAN)  # type: ignore[arg-type]
    assert brief == PlanBrief(
        people=("Sam: 555 0101", "Mum: [b]555 0102[/b]"),
        after_hours="555 0199",
        coping=("Slow breathing", "A warm shower"),
    )
    # Whatever a clinic's guide made of the answers, the brief takes their lines.
    odd = brief_from(
        {"people": "Sam 555 0101\n\n  Jo   555  ", "coping": 3, "clinic-after-hours": []}
    )
    assert odd == PlanBrief(people=("Sam 555 0101", "Jo 555"))
    assert brief_from({}).empty


def test_help_now_shows_the_plan_after_the_danger_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = ketaprep("help-now", "--region", "us", monkeypatch=monkeypatch)
    assert NO_PLAN_YET in result.stdout and "From your safety plan" not in result.stdout
    make(tmp_path, monkeypatch, PLAN)
    result = ketaprep("help-now", "--region", "us", monkeypatch=monkeypatch)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:7] == [
        "If you or someone else is in danger right now, call 911.",
        "",
        "From your safety plan",
        "  People you can ask: Sam: 555 0101; Mum: [b]555 0102[/b]",
        "  Your clinic after hours: 555 0199",
        "  First things to try: Slow breathing; A warm shower",
        "",
    ]
    assert lines[7] == "United States" and NO_PLAN_YET not in result.stdout


@pytest.mark.parametrize(
    "damage",
    [
        b"SQLite format 3\x00" + b"\xff" * 5000,  # damaged
        b"not a database at all, maybe locked or encrypted one day",
        b"SQLite format 3\x00",  # cut short
    ],
)
def test_help_now_with_a_damaged_journal_still_shows_the_public_lines(
    damage: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = get_paths().database
    journal.parent.mkdir(parents=True, exist_ok=True)
    journal.write_bytes(damage)
    result = ketaprep("help-now", "--region", "us", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].endswith("call 911.")
    assert "Call or text 988" in result.stdout and "741741" in result.stdout
    assert PLAN_UNREADABLE in result.stdout
    assert journal.read_bytes() == damage  # never touched
    assert not Path(f"{journal}-wal").exists() and not Path(f"{journal}-shm").exists()


def test_help_now_without_a_working_sqlite_still_shows_the_public_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A real process: sqlcipher3, which every journal is opened with, is found broken.
    broken = tmp_path / "broken" / "sqlcipher3"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("raise ImportError('libsqlcipher.so: cannot open')\n")
    env = {**os.environ, "PYTHONPATH": str(broken.parent), "NO_COLOR": "1"}

    def help_now() -> str:
        result = subprocess.run([str(KETAPREP), "help-now", "--region", "us"],
                                capture_output=True, text=True, env=env, check=False)  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[0].endswith("call 911.")
        assert "Call or text 988" in result.stdout
        return " ".join(result.stdout.split())

    # No journal yet: no plan, and no SQLite needed to know it.
    assert NO_PLAN_YET in help_now() and PLAN_UNREADABLE not in help_now()
    make(tmp_path, monkeypatch, PLAN)
    assert PLAN_UNREADABLE in help_now()


def test_help_now_never_makes_a_journal(monkeypatch: pytest.MonkeyPatch) -> None:
    result = ketaprep("help-now", monkeypatch=monkeypatch)
    assert result.exit_code == 0
    assert not get_paths().database.exists()
    assert not get_paths().config_file.exists()  # no terminal here: nothing is asked or kept


def test_the_crisis_pause_in_a_walk_shows_the_plan_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make(tmp_path, monkeypatch, PLAN)
    answers = write_answers(tmp_path, {"mood": 0}, "checkin.yaml")
    result = ketaprep("checkin", "--answers", str(answers), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("From your safety plan") < out.index("Call or text 988")
    assert "People you can ask: Sam: 555 0101; Mum: [b]555 0102[/b]" in out
    assert "First things to try: Slow breathing; A warm shower" in out


def test_reading_the_brief_leaves_the_journal_folder_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ketaprep_home: Path
) -> None:
    make(tmp_path, monkeypatch, PLAN)
    before = {path.name: path.read_bytes() for path in ketaprep_home.iterdir()}
    assert read_brief().people[0] == "Sam: 555 0101"
    assert {path.name: path.read_bytes() for path in ketaprep_home.iterdir()} == before
    with open_store() as store:  # another ketaprep has it open: read through its log
        assert Path(f"{store.path}-wal").exists()
        assert read_brief().coping == ("Slow breathing", "A warm shower")


def test_show_reads_a_read_only_journal_and_a_plan_at_the_calendar_s_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import sqlite3
    import time

    make(tmp_path, monkeypatch, PLAN)
    database = get_paths().database
    conn = sqlite3.connect(database)
    with conn:
        conn.execute("UPDATE entries SET finished = '9999-12-31T23:59:59.000000+00:00'")
    conn.close()
    database.chmod(0o400)  # only reading: --show must still work
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # there it is already the year 10000
    time.tzset()
    try:
        result = ketaprep("plan", "--show", monkeypatch=monkeypatch)
    finally:
        os.environ.pop("TZ", None)
        time.tzset()
    assert result.exit_code == 0, result.output
    assert said(result).startswith("Your safety plan, from Friday 31 December 9999")
