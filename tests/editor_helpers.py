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
sys.exit({exit_code})
"""


def stand_in_editor(
    folder: Path,
    text: str | None,
    *,
    append: bool = True,
    exit_code: int = 0,
    name: str = "editor.py",
) -> Path:
    """A script that writes ``text`` into the file it is given (after what is there, or
    instead of it) and exits with ``exit_code``. ``text`` None: it writes nothing."""
    script = folder / name
    log = folder / "editor-log.jsonl"
    script.write_text(
        SCRIPT.format(
            python=sys.executable,
            log=str(log),
            text=text,
            mode="a" if append else "w",
            exit_code=exit_code,
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
