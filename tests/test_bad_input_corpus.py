"""The bad-input corpus: every case in tests/bad_inputs/ runs through the real entry point.

Adding a case is one file or one line (tests/bad_inputs/README.md):

- ``answers/COMMAND.NAME.yaml``: run ``ketaprep COMMAND --answers FILE`` (a ``+`` in
  COMMAND is a space: ``measure+low-mood``);
- ``imports/NAME.json``: run ``ketaprep import FILE``;
- ``guides/FILE.NAME.yaml`` (the whole guide file) or ``guides/FILE.NAME.edit`` (``find``
  and ``put``: one change to the built-in ``FILE.yaml``), and the same under
  ``guides/questionnaires/`` for a questionnaire: run ``ketaprep guides check`` on a
  folder holding that one file;
- ``cli.txt``: one line ``NAME: ARGUMENTS``;
- journal files and things that are not files (a FIFO, a folder, a link): one small
  builder function below, in ``JOURNALS`` or ``SPECIAL``.

``expect.txt`` holds the exceptions: an exit code other than the surface's default, a case
that is allowed to write, or a known failure (``xfail``, strict: it fails loudly the day the
fix lands, and the line is then removed).

What every case must show, precisely:

1. the exit code is not 0 and is the documented one: 2 for a value or file the person has
   to change (an answers file, a command-line value), 1 for a file ketaprep will not use
   (an import file, a guide folder, the journal itself);
2. no traceback and no "Something went wrong inside" anywhere in the output;
3. exactly one sentence of error on stderr: one non-blank line (ketaprep prints each
   message unwrapped) that ends with a full stop. Click's own usage frame around an
   option it cannot parse (the ``Usage:`` and ``Try '... --help'`` lines) is not counted,
   and its ``Error: `` prefix is taken off. For ``guides check``, whose report goes to
   stdout, every line before the closing ``Found N problems`` line is one problem: it
   starts with the path of the broken file, then ``:`` and the sentence;
4. every file in the ketaprep home (the journal, its side files, the settings) is byte for
   byte as it was before, unless the case is marked ``writes``.
"""

from __future__ import annotations

import datetime
import os
import re
import shlex
import sqlite3
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from ketaprep.cli import main
from ketaprep.paths import CACHE_DIR, get_paths
from ketaprep.store import Answer, Entry, Session, open_store

HERE = Path(__file__).parent / "bad_inputs"
BUILTIN_GUIDES = Path(__file__).parents[1] / "guides"
UTC = datetime.timezone.utc

pytestmark = pytest.mark.usefixtures("welcomed")


@dataclass(frozen=True)
class Case:
    id: str
    args: tuple[str, ...]  # {tmp}, {journal} and {guides} are filled in when it runs
    exit_code: int
    build: Callable[[Path, Path], None] | None = None  # (tmp, journal): makes what it needs
    guides_check: bool = False
    writes: bool = False
    xfail: str | None = None
    seeded: bool = True  # start from an ordinary journal with one session


# --- the cases -------------------------------------------------------------------------------


def _answers_cases() -> Iterator[Case]:
    for path in sorted((HERE / "answers").iterdir()):
        command = path.name.split(".")[0].split("+")  # measure+low-mood: measure low-mood
        yield Case(f"answers/{path.stem}", (*command, "--answers", str(path)), 2)


def _import_cases() -> Iterator[Case]:
    for path in sorted((HERE / "imports").iterdir()):
        yield Case(f"imports/{path.stem}", ("import", str(path)), 1)


def _guide_cases() -> Iterator[Case]:
    guides = HERE / "guides"
    for path in sorted(p for p in guides.rglob("*") if p.is_file()):
        # questionnaires/low-mood.NAME.edit changes questionnaires/low-mood.yaml
        target = str(path.relative_to(guides).parent / (path.name.split(".")[0] + ".yaml"))

        def build(tmp: Path, journal: Path, source: Path = path, target: str = target) -> None:
            written = tmp / "guides" / target
            written.parent.mkdir(parents=True)
            if source.suffix == ".edit":
                change = yaml.safe_load(source.read_text(encoding="utf-8"))
                text = (BUILTIN_GUIDES / target).read_text(encoding="utf-8")
                assert text.count(change["find"]) == 1, f"{source.name}: 'find' must match once"
                written.write_text(text.replace(change["find"], change["put"]))
            else:
                written.write_bytes(source.read_bytes())

        name = str(path.relative_to(guides)).rsplit(".", 1)[0]
        yield Case(f"guides/{name}", ("guides", "check", "{guides}"), 1, build, guides_check=True)


def _cli_cases() -> Iterator[Case]:
    for line in (HERE / "cli.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, args = line.partition(": ")
            yield Case(f"cli/{name}", tuple(shlex.split(args)), 2)


# Journal files ketaprep must refuse, each met by every command below.


def _not_sqlite(db: Path) -> None:
    db.write_bytes(b"my own notes, not a database\n" * 100)


def _header_then_junk(db: Path) -> None:
    db.write_bytes(b"SQLite format 3\x00" + bytes((i * 31 + 7) % 256 for i in range(8192)))


def _truncated(db: Path) -> None:
    data = db.read_bytes()
    page = int.from_bytes(data[16:18], "big") or 65536
    db.write_bytes(data[: page + page // 2])


def _schema_scribbled(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[100:400] = b"\xa5" * 300  # the first page's b-tree, after the file header
    db.write_bytes(bytes(data))


def _table_scribbled(table: str) -> Callable[[Path], None]:
    def scribble(db: Path) -> None:
        conn = sqlite3.connect(db)
        root, page_size = conn.execute(
            "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master"
            " WHERE name = ?",
            (table,),
        ).fetchone()
        conn.close()
        data = bytearray(db.read_bytes())
        start = (root - 1) * page_size
        data[start : start + 64] = b"\xff" * 64
        db.write_bytes(bytes(data))

    return scribble


def _other_program(application_id: int, ketaprep_tables: bool) -> Callable[[Path], None]:
    def make(db: Path) -> None:
        if not ketaprep_tables:
            db.unlink()
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes (body) VALUES ('not ketaprep''s')")
        conn.execute(f"PRAGMA application_id = {application_id}")
        conn.commit()
        conn.close()

    return make


def _newer_format(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 999")
    conn.close()


def _folder(db: Path) -> None:
    db.unlink()
    db.mkdir()
    (db / "inside").write_text("a file in a folder named like the journal")


JOURNALS: dict[str, tuple[Callable[[Path], None], str | None]] = {
    "not-sqlite": (_not_sqlite, None),
    "header-then-junk": (_header_then_junk, None),
    "truncated": (_truncated, None),
    "schema-scribbled": (_schema_scribbled, None),
    "answers-scribbled": (_table_scribbled("answers"), None),
    "entries-scribbled": (_table_scribbled("entries"), None),
    "other-program": (_other_program(0x4D504651, ketaprep_tables=False), None),
    "other-program-id-0": (_other_program(0, ketaprep_tables=False), None),
    "other-program-with-our-tables": (_other_program(0x1234, ketaprep_tables=True), None),
    "newer-format": (_newer_format, None),
    "folder": (_folder, None),
}
JOURNAL_COMMANDS: dict[str, tuple[str, ...]] = {
    "home": (),
    "review": ("review",),
    "review-list": ("review", "--list"),
    "review-json": ("review", "--list", "--json"),
    "where": ("where",),
    "export": ("export",),
    "prepare": ("prepare", "--answers", "{tmp}/prepare.yaml"),
    "checkin": ("checkin", "--answers", "{tmp}/checkin.yaml"),
    "measure": ("measure",),
    "measure-answers": ("measure", "low-mood", "--answers", "{tmp}/measure.yaml"),
    "review-trends": ("review", "--trends"),
    "import": ("import", "{tmp}/export.json"),
    "delete": ("delete", "abcdef", "--yes"),
}


def _deep_in_answers(db: Path) -> None:
    """Many answers, then a leaf in the middle of their tree scribbled over: no quick look
    at opening reads it, so only the commands that read every answer meet it."""
    with open_store() as store:
        for number in range(300):
            entry = store.start_entry("checkin")
            store.save_answer(entry.id, "win", "text", "A win?", f"{number} " + "step " * 80)
            store.finish_entry(entry.id)
    conn = sqlite3.connect(db)
    leaves = [row[0] for row in conn.execute(
        "SELECT pageno FROM dbstat WHERE name = 'answers' AND pagetype = 'leaf' ORDER BY path"
    )]  # fmt: skip
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(db.read_bytes())
    start = (leaves[len(leaves) // 2] - 1) * page_size
    data[start : start + 64] = b"\xff" * 64
    db.write_bytes(bytes(data))


# Commands that read every answer, so they meet damage anywhere in the answers.
READ_EVERYTHING: dict[str, tuple[str, ...]] = {
    "review-all": ("review", "--list", "--limit", "0"),
    "review-search": ("review", "--search", "step"),
    "review-wins": ("review", "--wins", "--limit", "0"),
    "export": ("export",),
    "export-markdown": ("export", "--format", "markdown"),
    "where": ("where",),
    "import": ("import", "{tmp}/export.json"),
}
DEEP_DAMAGE = {"deep-in-answers": _deep_in_answers}


def _journal_cases() -> Iterator[Case]:
    damaged = [
        (name, damage, xfail, JOURNAL_COMMANDS) for name, (damage, xfail) in JOURNALS.items()
    ]
    damaged += [(name, damage, None, READ_EVERYTHING) for name, damage in DEEP_DAMAGE.items()]
    for name, damage, xfail, commands in damaged:
        for command, args in commands.items():

            def build(tmp: Path, journal: Path, damage: Callable[[Path], None] = damage) -> None:
                damage(journal)

            yield Case(f"journal/{name}/{command}", args, 1, build, xfail=xfail)


# Things that are not regular files, given where a file is read.


def _fifo(tmp: Path, journal: Path) -> None:
    os.mkfifo(tmp / "fifo")


def _link_to_fifo(tmp: Path, journal: Path) -> None:
    os.mkfifo(tmp / "fifo")
    (tmp / "link").symlink_to(tmp / "fifo")


def _dangling_link(tmp: Path, journal: Path) -> None:
    (tmp / "link").symlink_to(tmp / "nowhere")


def _link_loop(tmp: Path, journal: Path) -> None:
    (tmp / "link").symlink_to(tmp / "link")


def _huge(tmp: Path, journal: Path) -> None:
    with (tmp / "huge").open("wb") as file:
        file.truncate(300 * 1024 * 1024)  # sparse: takes no room on disk


def _in_guides(make: Callable[[Path, Path], None], made: str) -> Callable[[Path, Path], None]:
    def build(tmp: Path, journal: Path) -> None:
        make(tmp, journal)
        (tmp / "guides").mkdir()
        (tmp / made).rename(tmp / "guides" / "02-preparing.yaml")

    return build


def _folder_in_guides(tmp: Path, journal: Path) -> None:
    (tmp / "guides" / "02-preparing.yaml").mkdir(parents=True)


def _link_to_a_file(tmp: Path, journal: Path) -> None:
    (tmp / "elsewhere.txt").write_text("someone else's file")
    (tmp / "link").symlink_to(tmp / "elsewhere.txt")


def _an_earlier_export(tmp: Path, journal: Path) -> None:
    (tmp / "old.json").write_text("the export from last week")


SPECIAL = [
    Case("special/answers-fifo", ("prepare", "--answers", "{tmp}/fifo"), 2, _fifo),
    Case("special/answers-link-to-fifo", ("prepare", "--answers", "{tmp}/link"), 2, _link_to_fifo),
    Case(
        "special/answers-dangling-link", ("checkin", "--answers", "{tmp}/link"), 2, _dangling_link
    ),
    Case("special/answers-link-loop", ("checkin", "--answers", "{tmp}/link"), 2, _link_loop),
    Case("special/answers-huge", ("checkin", "--answers", "{tmp}/huge"), 2, _huge),
    Case("special/import-fifo", ("import", "{tmp}/fifo"), 2, _fifo),
    Case("special/import-link-to-fifo", ("import", "{tmp}/link"), 2, _link_to_fifo),
    Case("special/import-link-loop", ("import", "{tmp}/link"), 2, _link_loop),
    Case("special/import-huge", ("import", "{tmp}/huge"), 2, _huge),
    Case(
        "special/guide-fifo",
        ("guides", "check", "{guides}"),
        1,
        _in_guides(_fifo, "fifo"),
        guides_check=True,
    ),
    Case(
        "special/guide-link-to-fifo",
        ("guides", "check", "{guides}"),
        1,
        _in_guides(_link_to_fifo, "link"),
        guides_check=True,
    ),
    Case(
        "special/guide-huge",
        ("guides", "check", "{guides}"),
        1,
        _in_guides(_huge, "huge"),
        guides_check=True,
    ),
    Case(
        "special/guide-folder",
        ("guides", "check", "{guides}"),
        1,
        _folder_in_guides,
        guides_check=True,
    ),
    Case(
        "special/guide-fifo-used-by-prepare",
        ("--guides", "{guides}", "prepare", "--answers", "{tmp}/prepare.yaml"),
        1,
        _in_guides(_fifo, "fifo"),
    ),
    # export -o writes only a plain file, never through a link, and replaces one only
    # when asked to (there is no terminal here to ask in).
    Case("special/export-to-fifo", ("export", "-o", "{tmp}/fifo"), 2, _fifo),
    Case("special/export-to-link", ("export", "-o", "{tmp}/link"), 2, _link_to_a_file),
    Case(
        "special/export-to-link-forced",
        ("export", "-o", "{tmp}/link", "--force"),
        2,
        _link_to_a_file,
    ),
    Case("special/export-to-link-to-fifo", ("export", "-o", "{tmp}/link"), 2, _link_to_fifo),
    Case("special/export-to-dangling-link", ("export", "-o", "{tmp}/link"), 2, _dangling_link),
    Case("special/export-to-link-loop", ("export", "-o", "{tmp}/link"), 2, _link_loop),
    Case("special/export-over-a-file", ("export", "-o", "{tmp}/old.json"), 2, _an_earlier_export),
    Case(
        "special/export-html-over-a-file",
        ("export", "-f", "html", "-o", "{tmp}/old.json"),
        2,
        _an_earlier_export,
    ),
    Case(
        "special/settings-fifo",
        ("prepare", "--answers", "{tmp}/prepare.yaml"),
        1,
        lambda tmp, journal: os.mkfifo(journal.parent / "config.yaml"),
    ),
]


# --- expectations ------------------------------------------------------------------------------


@dataclass
class Expected:
    exit_code: int | None = None
    writes: bool = False
    xfail: str | None = None
    seen: bool = field(default=False, compare=False)


def _expectations() -> dict[str, Expected]:
    """expect.txt: ``CASE | exit N | writes | xfail: REASON`` (any of the three)."""
    found: dict[str, Expected] = {}
    for line in (HERE / "expect.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        case_id, *notes = (part.strip() for part in line.split(" | "))
        expected = found.setdefault(case_id, Expected())
        for note in notes:
            if note.startswith("exit "):
                expected.exit_code = int(note.removeprefix("exit "))
            elif note == "writes":
                expected.writes = True
            elif note.startswith("xfail: "):
                expected.xfail = note.removeprefix("xfail: ")
            else:
                raise ValueError(f"expect.txt: cannot read {note!r} in {line!r}")
    return found


def _all_cases() -> list[Case]:
    return [
        *_answers_cases(),
        *_import_cases(),
        *_guide_cases(),
        *_cli_cases(),
        *_journal_cases(),
        *SPECIAL,
    ]


CASES = _all_cases()
EXPECTED = _expectations()


def _params() -> Iterator[object]:
    for case in CASES:
        expected = EXPECTED.get(case.id, Expected())
        xfail = expected.xfail or case.xfail
        marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
        yield pytest.param(case, expected, id=case.id, marks=marks)


def test_the_corpus_is_big_and_expect_txt_names_only_real_cases() -> None:
    assert len(CASES) >= 120
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))
    assert sorted(set(EXPECTED) - set(ids)) == []


# --- running a case ----------------------------------------------------------------------------


def _seed() -> None:
    """An ordinary journal: session 1, got ready for with two intentions."""
    moment = datetime.datetime(2026, 11, 2, 9, tzinfo=UTC)
    entry = Entry(
        str(uuid.uuid4()),
        "prepare",
        1,
        "preparing",
        moment,
        moment,
        moment,
        (Answer("intentions", "list", "What to hold in mind?", ["Rest", "Be kind"], moment),),
    )
    with open_store() as store:
        store.import_records([Session(1, datetime.date(2026, 11, 2), None)], [entry])


def _good_files(tmp: Path) -> None:
    (tmp / "prepare.yaml").write_text("session: 2\nintentions: [Rest]\n", encoding="utf-8")
    (tmp / "journal.yaml").write_text("session: 1\nthoughts: calm\n", encoding="utf-8")
    (tmp / "checkin.yaml").write_text("win: a walk\n", encoding="utf-8")
    (tmp / "measure.yaml").write_text("enjoy: 1\nnote: a calm week\n", encoding="utf-8")
    (tmp / "export.json").write_text(
        '{"format": "ketaprep-export", "version": 1, "sessions": [], "entries": []}',
        encoding="utf-8",
    )


def _home_files(home: Path) -> dict[str, bytes | None]:
    """Every file and folder in the ketaprep home, with its bytes (None for a folder);
    not the cache (the guides as read, made again whenever needed)."""
    found: dict[str, bytes | None] = {}
    for path in sorted(home.rglob("*")):
        name = str(path.relative_to(home))
        if name.split(os.sep)[0] == CACHE_DIR:
            continue
        if path.is_symlink() or not (path.is_file() or path.is_dir()):
            found[name] = os.readlink(path).encode() if path.is_symlink() else b"<special>"
        else:
            found[name] = None if path.is_dir() else path.read_bytes()
    return found


def _run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str]
) -> tuple[object, str, str]:
    monkeypatch.setattr(sys, "argv", ["ketaprep", *args])
    code: object = 0
    try:
        main()
    except SystemExit as done:
        code = done.code
    out, err = capsys.readouterr()
    return code, out, err


def error_sentence(err: str) -> list[str]:
    """The lines of stderr that are ketaprep's message (click's usage frame left out)."""
    lines = [line.strip() for line in err.splitlines() if line.strip()]
    if lines and lines[0].startswith("Usage: "):
        lines = [line for line in lines[1:] if not line.startswith("Try '")]
        lines = [line.removeprefix("Error: ") for line in lines]
    # Guides refused by a command: the sentence, then the problems as FILE:LINE: lines.
    if lines and lines[0].startswith("The guides in "):
        lines = lines[:1] + [line for line in lines[1:] if not re.match(r"/\S+: ", line)]
    return lines


def is_one_sentence(line: str, *, from_click: bool = False) -> bool:
    """Ends like a sentence: a full stop, or (ketaprep's own) a command to run."""
    return (
        from_click or line.endswith(".") or re.search(r"\brun: ketaprep [^.]*\Z", line) is not None
    )


@pytest.mark.timeout(30)
@pytest.mark.parametrize(("case", "expected"), list(_params()))
def test_bad_input(
    case: Case,
    expected: Expected,
    tmp_path: Path,
    ketaprep_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    tmp = tmp_path / "outside"
    tmp.mkdir()
    _good_files(tmp)
    journal = get_paths().database
    if case.seeded:
        _seed()
    if case.build is not None:
        case.build(tmp, journal)
    fill = {"{tmp}": str(tmp), "{journal}": str(journal), "{guides}": str(tmp / "guides")}
    args = [_fill(arg, fill) for arg in case.args]
    before = _home_files(ketaprep_home)

    code, out, err = _run(monkeypatch, capsys, args)

    everything = out + err
    assert "Traceback" not in everything, everything
    assert "Something went wrong inside" not in everything, everything
    wanted = expected.exit_code if expected.exit_code is not None else case.exit_code
    assert code == wanted, f"exit {code!r}, not {wanted}: {everything}"
    if case.guides_check:
        report = [line for line in out.splitlines() if line.strip()]
        assert report and report[-1].startswith("Found "), out
        for problem in report[:-1]:
            assert problem.startswith(str(tmp / "guides") + "/"), problem
            assert ": " in problem, problem
    else:
        sentence = error_sentence(err)
        assert len(sentence) == 1, f"not one line of error: {err!r}"
        assert is_one_sentence(sentence[0], from_click=err.startswith("Usage: ")), sentence[0]
    if not (case.writes or expected.writes):
        assert _home_files(ketaprep_home) == before, "the ketaprep home was changed"


def _fill(arg: str, fill: dict[str, str]) -> str:
    for mark, value in fill.items():
        arg = arg.replace(mark, value)
    return arg
