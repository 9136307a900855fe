"""The file a long answer is written in with the person's own editor: kept in a private
folder inside the ketaprep home, removed on every way out, and never lost.

Each time the editor opens, it gets a folder of its own, ``editing/<random>/``, holding
``answer.txt`` (what the person writes) and ``for.json`` (whose answer it is). A folder,
not just a file, so the editor's own side files (vim's ``.swp``, emacs' ``#answer.txt#``,
backups ending in ``~``) go when it goes. After the editor closes, the folder is removed.
A folder left behind (ketaprep killed, or stopped by SIGTERM or SIGHUP while the editor
was open) is found by the walk (``left_behind``): its text becomes that answer in the
entry it belongs to, and then the folder is removed too.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ketaprep.paths import ensure_private_dir, get_paths

TEXT_FILE = "answer.txt"
OWNER_FILE = "for.json"


@dataclass(frozen=True)
class Owner:
    """Whose answer is being written: the entry a walk saves to."""

    entry_id: str
    kind: str
    session_number: int | None


@dataclass(frozen=True)
class Answering:
    """An entry's answer to one item, as the editor's file records it."""

    owner: Owner
    item_id: str
    item_type: str
    question: str


@dataclass(frozen=True)
class Left:
    """Text a stopped ketaprep left in an editor's file, and whose answer it is
    (None: the file was not written for a walk's entry)."""

    folder: Path
    text: str
    answering: Answering | None

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def editing_root() -> Path:
    return get_paths().editing_dir


@contextmanager
def editor_file(text: str, answering: Answering | None) -> Iterator[Path]:
    """``answer.txt`` (0600) holding ``text``, in a new private (0700) folder; the folder
    is removed afterwards, unless a stop (KeyboardInterrupt: SIGTERM or SIGHUP) came
    while it belongs to a walk's answer: then the walk keeps what it holds first."""
    ensure_private_dir(get_paths().data_dir)
    # The folder's name starts with this process's id: another ketaprep leaves it alone
    # while this one runs (its editor may still be open).
    root = ensure_private_dir(editing_root())
    folder = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=root))  # 0700
    keep = False
    try:
        if answering is not None:  # first: a text file is never left without its owner
            _write_private(folder / OWNER_FILE, json.dumps(_owner_json(answering)))
        path = folder / TEXT_FILE
        _write_private(path, text + "\n" if text else "")
        try:
            yield path
        except KeyboardInterrupt:
            keep = answering is not None
            raise
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


def left_behind() -> list[Left]:
    """Every editor's folder left by a ketaprep that has ended (or by this one), oldest
    first. Cheap when there is none."""
    root = editing_root()
    try:
        folders = [path for path in root.iterdir() if path.is_dir() and not _in_use(path)]
    except OSError:  # no such folder: nothing was left
        return []
    folders.sort(key=_changed)
    return [_read_left(folder) for folder in folders]


def _in_use(folder: Path) -> bool:
    """Whether the folder belongs to another ketaprep that is still running."""
    pid, _, _ = folder.name.partition("-")
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, but is not ours to signal
        return True
    return True


def _read_left(folder: Path) -> Left:
    try:
        text = (folder / TEXT_FILE).read_text(encoding="utf-8", errors="replace").rstrip()
    except OSError:
        text = ""
    try:
        answering = _owner_from_json(json.loads((folder / OWNER_FILE).read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        answering = None
    return Left(folder, text, answering)


def _changed(folder: Path) -> float:
    try:
        return folder.stat().st_mtime
    except OSError:
        return 0.0


def _write_private(path: Path, text: str) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8", errors="surrogatepass") as file:
        file.write(text)


def _owner_json(answering: Answering) -> dict[str, object]:
    owner = answering.owner
    return {
        "entry_id": owner.entry_id,
        "kind": owner.kind,
        "session_number": owner.session_number,
        "item_id": answering.item_id,
        "item_type": answering.item_type,
        "question": answering.question,
    }


def _owner_from_json(data: dict[str, object]) -> Answering:
    session = data["session_number"]
    if session is not None and not isinstance(session, int):
        raise TypeError("session_number")
    texts = [data[key] for key in ("entry_id", "kind", "item_id", "item_type", "question")]
    if not all(isinstance(text, str) for text in texts):
        raise TypeError("not text")
    entry_id, kind, item_id, item_type, question = (str(text) for text in texts)
    return Answering(Owner(entry_id, kind, session), item_id, item_type, question)
