"""A stand-in for a person's ``$EDITOR``: a small script that adds known text to the file.

Each run appends a JSON line to ``editor-log.jsonl`` beside the script: the file it was
given, what the file held, and the file's and its folder's permissions.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SCRIPT = """\
#!{python}
import json, os, stat, sys
path = sys.argv[-1]
with open(path, encoding="utf-8") as file:
    before = file.read()
record = {{
    "path": path,
    "before": before,
    "mode": stat.S_IMODE(os.stat(path).st_mode),
    "folder_mode": stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode),
}}
with open({log!r}, "a", encoding="utf-8") as log:
    log.write(json.dumps(record) + "\\n")
TEXT = {text!r}
if TEXT is not None:
    with open(path, {mode!r}, encoding="utf-8") as file:
        file.write(TEXT)
if {stay_open!r}:  # like a person still writing: open until ketaprep ends or stops it
    import time
    parent = os.getppid()
    with open({log!r} + ".open", "w", encoding="utf-8") as ready:
        ready.write(str(os.getpid()))
    while os.getppid() == parent:
        time.sleep(0.02)
sys.exit({exit_code})
"""


def stand_in_editor(
    folder: Path,
    text: str | None,
    *,
    append: bool = True,
    exit_code: int = 0,
    name: str = "editor.py",
    stay_open: bool = False,
) -> Path:
    """A script that writes ``text`` into the file it is given (after what is there, or
    instead of it) and exits with ``exit_code``. ``text`` None: it writes nothing.
    ``stay_open``: after writing, it stays open (see ``editor_open``) until ketaprep
    stops it or ends."""
    script = folder / name
    log = folder / "editor-log.jsonl"
    script.write_text(
        SCRIPT.format(
            python=sys.executable,
            log=str(log),
            text=text,
            mode="a" if append else "w",
            exit_code=exit_code,
            stay_open=stay_open,
        ),
        encoding="utf-8",
    )
    script.chmod(0o700)
    return script


def editor_log(script: Path) -> list[dict[str, object]]:
    log = script.parent / "editor-log.jsonl"
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def editor_open(script: Path) -> Path:
    """The file a ``stay_open`` editor makes once it has written its text (it holds the
    editor's process id)."""
    return script.parent / "editor-log.jsonl.open"
