"""The journal file itself: ketaprep's own application_id, files of other programs,
read-only journals and folders, and modes looser than private (issue 11, points 12-13).

Tests run as root here, where a read-only mode does not stop a write. So they check
what ketaprep decides from the modes (the owner's write bit) and that nothing was
written or chmodded, which holds for root and for everyone else alike.
"""

from __future__ import annotations

import datetime
import sqlite3
import stat
import uuid
from pathlib import Path

import pytest

from cli_helpers import ketaprep, said
from ketaprep.errors import KetaprepError
from ketaprep.paths import CACHE_DIR
from ketaprep.store import APPLICATION_ID, Answer, Entry, Session, migrate, open_store
from ketaprep.store.migrations import MIGRATIONS

pytestmark = pytest.mark.usefixtures("welcomed")
UTC = datetime.timezone.utc


def _application_id(database: Path) -> int:
    conn = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute("PRAGMA application_id").fetchone()[0])
    finally:
        conn.close()


def _seed() -> Path:
    moment = datetime.datetime(2026, 11, 2, 9, tzinfo=UTC)
    entry = Entry(
        str(uuid.uuid4()), "prepare", 1, "preparing", moment, moment, moment,
        (Answer("intentions", "list", "Hold in mind?", ["Quiet harbour"], moment),),
    )  # fmt: skip
    with open_store() as store:
        store.import_records([Session(1, datetime.date(2026, 11, 2), None)], [entry])
        return store.path


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _files(folder: Path) -> dict[str, tuple[int, bytes | None]]:
    return {
        path.name: (_mode(path), None if path.is_dir() else path.read_bytes())
        for path in sorted([folder, *folder.iterdir()])
        if path.name != CACHE_DIR  # the guides as read: not the journal's
    }


# --- point 12: whose file it is --------------------------------------------------------


def test_a_new_journal_says_it_is_ketaprep_s(ketaprep_home: Path) -> None:
    database = _seed()
    assert APPLICATION_ID == 0x6B657461  # "keta"
    assert _application_id(database) == APPLICATION_ID


def test_a_journal_from_before_the_id_is_adopted_with_everything_in_it(
    ketaprep_home: Path,
) -> None:
    ketaprep_home.mkdir(exist_ok=True)
    database = ketaprep_home / "ketaprep.db"
    conn = sqlite3.connect(database, isolation_level=None)
    steps = [step.__name__ for step in MIGRATIONS]
    migrate(conn, target=steps.index("_mark_as_ketaprep"))  # the steps before the id
    conn.execute("INSERT INTO sessions (number, date) VALUES (3, '2026-11-02')")
    conn.close()
    assert _application_id(database) == 0
    with open_store() as store:
        assert [session.number for session in store.sessions()] == [3]
    assert _application_id(database) == APPLICATION_ID


@pytest.mark.parametrize(
    ("owner", "tables", "words"),
    [
        (0x12345678, ["CREATE TABLE notes (body TEXT)"], "its program number is 0x12345678"),
        (0, ["CREATE TABLE notes (body TEXT)"], "its tables are not ketaprep's"),
        (0, ["CREATE TABLE sessions (number INTEGER)"], "its tables are not ketaprep's"),
    ],
    ids=["another-id", "foreign-tables", "a-table-named-like-ours"],
)
def test_another_program_s_file_is_refused_and_left_as_it_was(
    ketaprep_home: Path, owner: int, tables: list[str], words: str
) -> None:
    ketaprep_home.mkdir(exist_ok=True)
    database = ketaprep_home / "ketaprep.db"
    conn = sqlite3.connect(database)
    for sql in tables:
        conn.execute(sql)
    conn.execute(f"PRAGMA application_id = {owner}")
    conn.commit()
    conn.close()
    before = _files(ketaprep_home)
    with pytest.raises(KetaprepError) as caught:
        open_store()
    message = caught.value.message
    assert f"The file {database} belongs to another program ({words})" in message
    assert "not opened or changed it" in message
    assert _files(ketaprep_home) == before


# --- point 13: read-only, and looser than private ---------------------------------------


@pytest.mark.parametrize("locked", ["file", "folder"])
def test_a_read_only_journal_is_read_and_never_written_or_chmodded(
    locked: str, ketaprep_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = _seed()
    (database if locked == "file" else ketaprep_home).chmod(0o400 if locked == "file" else 0o500)
    before = _files(ketaprep_home)

    listed = ketaprep("review", "--list", monkeypatch=monkeypatch)
    assert listed.exit_code == 0, listed.output
    assert "Quiet harbour" in listed.output
    exported = ketaprep("export", "-o", str(tmp_path / "out.json"), monkeypatch=monkeypatch)
    assert exported.exit_code == 0, exported.output
    assert "Quiet harbour" in (tmp_path / "out.json").read_text()
    assert ketaprep("where", monkeypatch=monkeypatch).exit_code == 0
    sessions = ketaprep("session", "list", monkeypatch=monkeypatch)
    assert sessions.exit_code == 0 and "2026" in sessions.output, sessions.output
    (tmp_path / "a.yaml").write_text("intentions: [Rest]\n")
    for args in (
        ["prepare", "--answers", str(tmp_path / "a.yaml")],
        ["import", str(tmp_path / "out.json")],
    ):  # noqa: E501
        refused = ketaprep(*args, monkeypatch=monkeypatch)
        assert refused.exit_code == 1, refused.output
        what = "the file" if locked == "file" else "its folder"
        assert said(refused) == (
            f"Your journal {database} is read-only ({what} was made read-only), so nothing "
            "can be saved. Reading it still works: ketaprep review, export and where. To "
            "write in it again, make it writable (chmod u+w)."
        )
    assert _files(ketaprep_home) == before  # not a byte written, not a mode changed
    ketaprep_home.chmod(0o700)


def test_modes_looser_than_private_are_tightened_and_said_once(
    ketaprep_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = _seed()
    ketaprep_home.chmod(0o755)
    database.chmod(0o644)
    first = ketaprep("review", "--list", monkeypatch=monkeypatch)
    assert first.exit_code == 0
    assert first.stderr.splitlines() == [
        f"Only you can read {ketaprep_home} and {database} now; "
        "before, others on this computer could."
    ]
    assert (_mode(ketaprep_home), _mode(database)) == (0o700, 0o600)
    again = ketaprep("review", "--list", monkeypatch=monkeypatch)
    assert again.exit_code == 0 and again.stderr == ""


def test_a_loose_read_only_folder_is_tightened_and_stays_read_only(
    ketaprep_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed()
    ketaprep_home.chmod(0o555)
    result = ketaprep("review", "--list", monkeypatch=monkeypatch)
    assert result.exit_code == 0 and "Quiet harbour" in result.output
    assert _mode(ketaprep_home) == 0o500
    ketaprep_home.chmod(0o700)


def test_a_loose_folder_is_said_even_when_the_journal_in_it_is_refused(
    ketaprep_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ketaprep_home.mkdir(exist_ok=True)
    (ketaprep_home / "ketaprep.db").write_bytes(b"not a database at all\n" * 20)
    ketaprep_home.chmod(0o755)
    result = ketaprep("review", "--list", monkeypatch=monkeypatch)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"Only you can read {ketaprep_home} now; before, others on this computer could."
    )
    assert "is damaged" in lines[1] and _mode(ketaprep_home) == 0o700
