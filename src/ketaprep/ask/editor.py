"""Long answers written in the person's own editor, like ``git commit``: which editor,
running it, and the file it writes in.

The file is kept in a private folder inside the ketaprep home (while the journal is
locked, in memory instead where the system allows: ``paths.memory_dir``), removed on
every way out, and never lost. Each time the editor opens, it gets a folder of its own,
``editing/<random>/``, holding ``answer.txt`` (what the person writes) and ``for.json``
(whose answer it is). A folder, not just a file, so the editor's own side files (vim's
``.swp``, emacs' ``#answer.txt#``, backups ending in ``~``) go when it goes. After the
editor closes, the folder is removed. A folder left behind (ketaprep killed, or stopped
by SIGTERM or SIGHUP while the editor was open) is found by the walk (``left_behind``):
its text becomes that answer in the entry it belongs to, and then the folder is removed too.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ketaprep.paths import ensure_private_dir, get_paths, memory_dir
from ketaprep.stopping import like_ctrl_c
from ketaprep.store.locked import is_locked
from ketaprep.vocab import Kind, as_kind, plural

if TYPE_CHECKING:
    from ketaprep.guides.model import Item

TEXT_FILE = "answer.txt"
OWNER_FILE = "for.json"
# Never vi (nor Debian's "editor", which is often vi): a person who does not know it
# cannot get out, with their journal text inside.
FALLBACK_EDITOR = "nano"
NO_EDITOR = (
    "No editor was found, so you are back at the question, with what you had typed. "
    "To write in an editor, install nano, or name yours before you start ketaprep, "
    "like this: export EDITOR=micro"
)
# How to save and leave each editor, said in one line before it opens.
_LEAVING = {
    "nano": "Ctrl-O then Enter saves, Ctrl-X leaves",
    "pico": "Ctrl-O then Enter saves, Ctrl-X leaves",
    "micro": "Ctrl-S saves, Ctrl-Q leaves",
    "vi": "press Esc, then type :wq and Enter to save and leave",
    "vim": "press Esc, then type :wq and Enter to save and leave",
    "nvim": "press Esc, then type :wq and Enter to save and leave",
    "emacs": "Ctrl-X Ctrl-S saves, Ctrl-X Ctrl-C leaves",
}


@dataclass(frozen=True)
class Owner:
    """Whose answer is being written: the entry a walk saves to."""

    entry_id: str
    kind: Kind
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
        _remove(self.folder)


@dataclass(frozen=True)
class Edited:
    """What came back from the editor: the text, or None and one sentence why not."""

    text: str | None
    problem: str = ""
    thanks: str = ""


def editor_command() -> list[str] | None:
    """The editor, as ``git`` picks it: $VISUAL (not on a dumb terminal), $EDITOR, else
    nano if installed. None: there is none (see NO_EDITOR)."""
    chosen = [os.environ.get("EDITOR", "")]
    if os.environ.get("TERM") != "dumb":
        chosen.insert(0, os.environ.get("VISUAL", ""))
    for value in chosen:
        if value.strip():
            try:
                return shlex.split(value) or None
            except ValueError:  # unbalanced quotes: try it as one name; it fails kindly
                return [value.strip()]
    found = shutil.which(FALLBACK_EDITOR)
    return [found] if found else None


def editor_name(command: list[str]) -> str:
    """The editor's own name (nano, vim), or "your editor" for Debian's generic ones."""
    name = os.path.basename(command[0])
    return "your editor" if name in ("", "editor", "sensible-editor") else name


def how_to_leave(command: list[str]) -> str:
    """One line, said before the editor opens: how to save in it and leave it."""
    name = editor_name(command)
    keys = _LEAVING.get(name)
    if keys is None:
        return f"Opening {name}. When you are done, save and close it to come back here."
    return f"Opening {name}: {keys}."


def write_in_editor(
    text: str,
    command: list[str],
    answering: Answering | None = None,
    *,
    tell: Callable[[str], None] | None = None,
) -> Edited:
    """Open ``text`` in the editor in a 0600 file in a private (0700) folder inside the
    ketaprep home, removed afterwards (see ``editor_file``; ``answering``: whose answer
    it is, so that text left by a stopped ketaprep goes back there; ``tell``: where to
    say, just before it opens, how to save and leave it). A failed editor, or
    one that gives back nothing or nothing new, is an ``Edited`` with no text: the caller
    goes back to its prompt with ``text``."""
    name = editor_name(command)
    the_editor = "Your editor" if name == "your editor" else f"The editor {name}"
    back = "so you are back at the question, with what you had typed"
    with editor_file(text, answering) as path:
        if tell is not None:
            tell(how_to_leave(command))
        with like_ctrl_c(ctrl_c=False):  # Ctrl-C is the editor's while it runs
            code = _run_editor([*command, str(path)])
        if code is None:
            return Edited(None, f"{the_editor} could not be started, {back}.")
        if code != 0:
            return Edited(None, f"{the_editor} stopped with a problem, {back}.")
        try:
            edited = path.read_text(encoding="utf-8", errors="surrogatepass").rstrip()
        except (OSError, UnicodeDecodeError):
            return Edited(None, f"What {name} saved could not be read back, {back}.")
    if not edited.strip():
        return Edited(None, f"Nothing came back from {name}, {back}.")
    if edited == text.rstrip():
        return Edited(None, f"Nothing changed in {name}, {back}.")
    count = edited.count("\n") + 1
    lines = plural(count, "line")
    return Edited(edited, thanks=f"Thank you. What you wrote in {name} is kept ({lines}).")


def _run_editor(command: list[str]) -> int | None:
    """The editor's exit code, or None if it could not be started. Stopped (SIGTERM,
    SIGHUP) while it is open, the editor is asked to close first."""
    import subprocess

    try:
        editor = subprocess.Popen(command)
    except OSError:
        return None
    try:
        return editor.wait()
    except KeyboardInterrupt:
        editor.terminate()
        try:
            editor.wait(timeout=2)
        except subprocess.TimeoutExpired:
            editor.kill()
            editor.wait()
        raise


def answering(owner: Owner | None, item: Item) -> Answering | None:
    """Whose answer the editor's file holds, when the asker knows the entry."""
    return None if owner is None else Answering(owner, item.id, item.type, item.prompt)


def editing_root() -> Path:
    """Where the editor's folders go: in memory while the journal is locked, so what the
    person writes never reaches the disk unencrypted; else inside the ketaprep home."""
    paths = get_paths()
    if is_locked(paths.database):
        in_memory = memory_dir(paths.data_dir)
        if in_memory is not None:
            return in_memory
    return paths.editing_dir


def _roots() -> list[Path]:
    """Every place a folder may have been left: the home's, and the one in memory (the
    journal may have been locked or unlocked since)."""
    paths = get_paths()
    in_memory = memory_dir(paths.data_dir, make=False)
    return [paths.editing_dir] + ([in_memory] if in_memory is not None else [])


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
            _remove(folder)


def _remove(folder: Path) -> None:
    """An editor's folder, and in memory the folders above it once they are empty."""
    shutil.rmtree(folder, ignore_errors=True)
    root = folder.parent
    if root != get_paths().editing_dir:
        with suppress(OSError):  # in memory: no empty folder left there either
            root.rmdir()
            root.parent.rmdir()


def left_behind() -> list[Left]:
    """Every editor's folder left by a ketaprep that has ended (or by this one), oldest
    first. Cheap when there is none."""
    folders = []
    for root in _roots():
        try:
            folders += [path for path in root.iterdir() if path.is_dir() and not _in_use(path)]
        except OSError:  # no such folder: nothing was left
            pass
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
    known = as_kind(kind)
    if known is None:
        raise TypeError("kind")
    return Answering(Owner(entry_id, known, session), item_id, item_type, question)
