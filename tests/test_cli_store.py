"""ketaprep where / export / import through the real entry point (``ketaprep.cli:main``)."""

from __future__ import annotations

import datetime
import json
import os
import stat
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from ketaprep.cli import main
from ketaprep.store import Answer, Entry, Session, open_store
from test_store import journal_bytes

pytestmark = pytest.mark.usefixtures("welcomed")

UTC = datetime.timezone.utc
Cli = Callable[..., tuple[int, str, str]]  # ketaprep's arguments -> (exit code, out, err)


def run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["ketaprep", *args])
    try:
        main()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, " ".join(err.split())  # messages wrap at the console width


def fill() -> list[Entry]:
    def entry(day: int, kind: str, session: int | None, text: str) -> Entry:
        created = datetime.datetime(2026, 11, day, 12, tzinfo=UTC)
        return Entry(
            str(uuid.uuid4()),
            kind,
            session,
            "integrating",
            created,
            created,
            created,
            (Answer("came-up", "long_text", "What came up?", text, created),),
        )

    made = [
        entry(1, "prepare", 1, "packing a bag"),
        entry(3, "journal", 1, "the sea was calm"),
        entry(10, "checkin", None, "a steady week"),
        entry(17, "journal", 2, "[bold red]loud[/] \x1b[2J"),
    ]
    with open_store() as store:
        sessions = [Session(1, datetime.date(2026, 11, 2), None)]
        sessions.append(Session(2, datetime.date(2026, 11, 16), None))
        store.import_records(sessions, made)
    return made


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return lambda *args: run(capsys, monkeypatch, *args)


# --- where ---------------------------------------------------------------------------------


def test_where_names_the_journal_settings_and_guides(cli: Cli, ketaprep_home: Path) -> None:
    code, out, err = cli("where")
    assert code == 0, err
    assert f"Journal:   {ketaprep_home / 'ketaprep.db'}" in out
    assert f"Settings:  {ketaprep_home / 'config.yaml'} (not made yet)" in out
    assert "Guides:    built in, from " in out
    assert "0 sessions, 0 entries, 0 drafts" in out


def test_where_shows_a_guides_folder(cli: Cli, tmp_path: Path) -> None:
    fill()
    code, out, _ = cli("--guides", str(tmp_path / "clinic"), "where")
    assert code == 0
    assert f"Guides:    {tmp_path / 'clinic'} (your folder)" in out
    assert "2 sessions, 4 entries, 0 drafts" in out


def test_where_names_a_damaged_journal_after_the_places(cli: Cli, ketaprep_home: Path) -> None:
    ketaprep_home.mkdir(exist_ok=True)
    (ketaprep_home / "ketaprep.db").write_text("not a database at all, just words " * 10)
    code, out, err = cli("where")
    assert code == 1
    assert "Journal:" in out and "Settings:" in out
    assert "is damaged" in err and "Restore it from a backup" in err


def test_ctrl_c_inside_a_command_gets_a_calm_line(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("ketaprep.store.where.where_lines", interrupted)  # Ctrl-C pressed mid-way
    code, out, err = cli("where")
    assert (code, out, err) == (130, "", "Stopped. Nothing you wrote was lost.")


# --- export --------------------------------------------------------------------------------


def exported_ids(out: str, made: list[Entry]) -> list[int]:
    ids = [e.id for e in made]
    return [ids.index(e["id"]) for e in json.loads(out)["entries"]]


def test_export_json_to_stdout_with_each_filter(cli: Cli) -> None:
    made = fill()
    code, out, err = cli("export")
    assert code == 0, err
    assert exported_ids(out, made) == [0, 1, 2, 3]
    assert json.loads(out)["entries"][3]["answers"][0]["value"] == "[bold red]loud[/] \x1b[2J"
    assert "\x1b" not in out  # escaped in the JSON text
    assert exported_ids(cli("export", "--format", "json", "--session", "1")[1], made) == [0, 1]
    assert exported_ids(cli("export", "--since", "2026-11-10")[1], made) == [2, 3]
    assert exported_ids(cli("export", "--until", "2026-11-03")[1], made) == [0, 1]
    between = cli("export", "--since", "2026-11-02", "--until", "2026-11-10")[1]
    assert exported_ids(between, made) == [1, 2]
    assert exported_ids(cli("export", "--since", "yesterday")[1], made) == []


def test_export_markdown_to_stdout_with_each_filter(cli: Cli) -> None:
    fill()
    code, out, err = cli("export", "-f", "markdown")
    assert code == 0, err
    assert out.startswith("# My ketaprep journal")
    assert "## Session 1: 2 November 2026" in out and "## Between sessions" in out
    assert "> \\[bold red\\]loud\\[/\\] \\\\x1b\\[2J" in out
    assert "\x1b" not in out
    session_two = cli("export", "--format", "markdown", "--session", "2")[1]
    assert "## Session 2" in session_two and "the sea" not in session_two
    since = cli("export", "--format", "markdown", "--since", "2026-11-09")[1]
    assert "a steady week" in since and "packing" not in since
    until = cli("export", "--format", "markdown", "--until", "2026-11-02")[1]
    assert "packing a bag" in until and "the sea" not in until


def test_export_to_a_file_is_private_and_replaces_atomically(cli: Cli, tmp_path: Path) -> None:
    fill()
    target = tmp_path / "journal.json"
    target.write_text("an older export")
    target.chmod(0o644)
    old = os.umask(0o022)
    try:
        code, out, err = cli("export", "-o", str(target), "--force")
    finally:
        os.umask(old)
    assert code == 0, err
    assert "Saved 4 entries to" in out and str(target) in out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert len(json.loads(target.read_text(encoding="utf-8"))["entries"]) == 4
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "ketaprep-home") == [
        "journal.json"
    ]
    code, out, _ = cli("export", "--format", "markdown", "--output", str(tmp_path / "j.md"))
    assert code == 0 and (tmp_path / "j.md").read_text(encoding="utf-8").startswith("# My")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], '"pdf" is not an export format'),
        (["--since", "someday"], '"someday" is not a date ketaprep understands'),
        (["--since", "2026-11-10", "--until", "2026-11-01"], "--since is after --until"),
        (["--session", "9"], "There is no session 9"),
    ],
)
def test_export_mistakes_are_sentences(cli: Cli, args: list[str], message: str) -> None:
    fill()
    code, out, err = cli("export", *args)
    assert code == 2
    assert message in err
    assert out == ""


def test_export_refuses_odd_targets(cli: Cli, tmp_path: Path, ketaprep_home: Path) -> None:
    fill()
    before = (ketaprep_home / "ketaprep.db").read_bytes()
    code, _, err = cli("export", "-o", str(ketaprep_home / "ketaprep.db"))
    assert code == 2 and "is your journal itself" in err
    assert (ketaprep_home / "ketaprep.db").read_bytes() == before
    code, _, err = cli("export", "-o", str(tmp_path))
    assert code == 2 and "is a folder" in err
    code, _, err = cli("export", "-o", str(tmp_path / "no" / "such" / "x.json"))
    assert code == 2 and "does not exist" in err


def test_an_existing_file_is_replaced_only_with_force_when_there_is_no_terminal(
    cli: Cli, tmp_path: Path
) -> None:
    fill()
    target = tmp_path / "journal.md"
    target.write_text("notes I keep")
    code, out, err = cli("export", "--format", "markdown", "-o", str(target))
    assert (code, out) == (2, "")
    assert err == f"{target} already exists. To replace it, run the export again with --force."
    assert target.read_text() == "notes I keep"
    code, out, err = cli("export", "--format", "markdown", "-o", str(target), "--force")
    assert (code, err) == (0, "")
    assert target.read_text(encoding="utf-8").startswith("# My ketaprep journal")


def plant(kind: str, target: Path) -> Callable[[], object]:
    """Something that is not a plain file at ``target``; returns how it looks, to compare."""
    elsewhere = target.parent / "elsewhere.txt"
    if kind == "named pipe":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
        (target / "inside.txt").write_text("kept")
    elif kind == "device":
        try:  # a node of its own in the test's folder, never the real /dev/null
            os.mknod(target, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("only root can make a device node")
    elif kind == "link to a file":
        elsewhere.write_text("someone else's file")
        target.symlink_to(elsewhere)
    elif kind == "link to nowhere":
        target.symlink_to(elsewhere)
    elif kind == "link to a folder":
        target.symlink_to(target.parent)

    def looks() -> object:
        found = target.lstat()
        pointed = os.readlink(target) if target.is_symlink() else None
        listing = sorted(p.name for p in target.iterdir()) if kind == "folder" else None
        other = elsewhere.read_text() if elsewhere.exists() else None
        return (stat.S_IFMT(found.st_mode), found.st_ino, pointed, listing, other)

    return looks


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("named pipe", "{target} is a named pipe, not a plain file, so ketaprep will not write "
         "your journal there; please give a file name."),
        ("device", "{target} is a device or a socket, not a plain file, so ketaprep will not "
         "write your journal there; please give a file name."),
        ("folder", "{target} is a folder. Please give a file name to write to."),
        ("link to a file", "{target} is a link to somewhere else, and ketaprep never writes "
         "through a link; please give the name of a plain file."),
        ("link to nowhere", "{target} is a link to somewhere else"),
        ("link to a folder", "{target} is a link to somewhere else"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("force", [False, True])
def test_export_writes_only_to_plain_files_and_never_through_a_link(
    cli: Cli, tmp_path: Path, kind: str, message: str, force: bool
) -> None:
    fill()
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "journal.json"
    looks = plant(kind, target)
    before = looks()
    code, out, err = cli("export", "-o", str(target), *(["--force"] if force else []))
    assert (code, out) == (2, "")
    assert err.startswith(message.format(target=target)), err
    assert looks() == before
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


# --- import --------------------------------------------------------------------------------


def test_import_into_an_empty_home_then_again(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill()
    export = tmp_path / "export.json"
    assert cli("export", "-o", str(export))[0] == 0
    monkeypatch.setenv("KETAPREP_HOME", str(tmp_path / "new-home"))
    code, out, err = cli("import", str(export))
    assert code == 0, err
    assert f"Imported 4 entries and 2 sessions from {export}." in " ".join(out.split())
    code, out, _ = cli("import", str(export))
    assert code == 0
    assert "Nothing new" in out and "already in your journal" in out
    with open_store() as store:
        assert len(store.entries(include_drafts=True)) == 4
    again = tmp_path / "again.json"
    assert cli("export", "-o", str(again))[0] == 0
    first, second = (json.loads(p.read_text(encoding="utf-8")) for p in (export, again))
    first.pop("exported_at")
    second.pop("exported_at")
    assert first == second


def test_import_reports_a_session_kept_with_its_own_date(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill()
    export = tmp_path / "export.json"
    assert cli("export", "-o", str(export))[0] == 0
    monkeypatch.setenv("KETAPREP_HOME", str(tmp_path / "new-home"))
    with open_store() as store:
        store.add_session(2, datetime.date(2026, 11, 18), "mine")
    code, out, _ = cli("import", str(export))
    assert code == 0
    text = " ".join(out.split())
    assert "Imported 4 entries and 1 session" in text
    assert "Session 2 is in your journal on 2026-11-18, but the file says 2026-11-16." in text
    assert "Kept the date in your journal." in text


def test_a_bad_import_writes_nothing(cli: Cli, tmp_path: Path, ketaprep_home: Path) -> None:
    fill()
    export = tmp_path / "export.json"
    assert cli("export", "-o", str(export))[0] == 0
    document = json.loads(export.read_text(encoding="utf-8"))
    fresh = str(uuid.uuid4())
    document["entries"][0]["id"] = fresh  # a new entry early in the file...
    document["entries"][3]["answers"][0]["value"] = {"not": "allowed"}  # ...a bad one later
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    code, out, err = cli("import", str(bad))
    assert code == 1
    assert (
        f"Cannot import {bad}: entries[3].answers[0].value: expected text, a whole number, "
        "yes/no or a list of texts. Nothing was imported." in err
    )
    with open_store() as store:
        assert len(store.entries(include_drafts=True)) == 4
        assert not [e for e in store.entries() if e.id == fresh]


def test_import_of_a_missing_file(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("import", str(tmp_path / "nope.json"))
    assert code == 2 and "There is no file" in err


# --- delete --------------------------------------------------------------------------------


def test_delete_with_yes_removes_one_entry_and_its_words(cli: Cli, ketaprep_home: Path) -> None:
    made = fill()
    code, out, err = cli("delete", made[1].id[:6], "--yes")
    assert (code, err) == (0, "")
    assert "Deleted. It is gone from your journal on this computer." in " ".join(out.split())
    with open_store() as store:
        assert {entry.id for entry in store.entries()} == {made[0].id, made[2].id, made[3].id}
    assert b"the sea was calm" not in journal_bytes(ketaprep_home)
    assert b"a steady week" in journal_bytes(ketaprep_home)


def test_delete_without_yes_and_without_a_terminal_keeps_everything(cli: Cli) -> None:
    made = fill()
    code, _, err = cli("delete", made[1].id)
    assert code == 2
    assert err == (
        "ketaprep delete asks before it deletes anything, and there is no terminal to ask "
        "in. To delete without being asked, add --yes."
    )
    with open_store() as store:
        assert len(store.entries()) == len(made)


@pytest.mark.parametrize(
    ("entry_id", "message"),
    [
        ("zzzzzz", 'No entry has the id "zzzzzz". Check the id and try again.'),
        ("ab", 'Please give at least 4 characters of the entry id, not "ab".'),
    ],
)
def test_delete_mistakes_are_sentences(cli: Cli, entry_id: str, message: str) -> None:
    fill()
    code, _, err = cli("delete", entry_id, "--yes")
    assert (code, err) == (2, message)


@pytest.mark.parametrize(("typed", "kept"), [("no", True), ("", True), ("yes", False)])
def test_delete_asks_with_the_entry_shown(
    capsys: pytest.CaptureFixture[str], typed: str, kept: bool
) -> None:
    from ketaprep.ask import PlainAsker
    from ketaprep.walks.delete import run as delete

    made = fill()
    delete(made[3].id, yes=False, plain=True, asker=PlainAsker(read=lambda _: typed))
    out = " ".join(capsys.readouterr().out.split())
    assert f"After · {made[3].created.astimezone():%Y-%m-%d %H:%M} · [bold red]loud[/]" in out
    assert "Delete this entry for good? It cannot be brought back." in out
    assert ("Kept. Nothing was deleted." in out) is kept
    with open_store() as store:
        assert (made[3].id in {entry.id for entry in store.entries()}) is kept
