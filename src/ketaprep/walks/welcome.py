"""The first run: what ketaprep is and is not, shown once (on stderr).

Looked for before anything is imported, so that later runs never import rich just to
find the marker.
"""

from __future__ import annotations

from pathlib import Path

from ketaprep.console import get_err_console
from ketaprep.errors import KetaprepError
from ketaprep.paths import ensure_private_dir, get_paths, private_file


def welcome_once(guides_dir: Path | None) -> None:
    """The first time ketaprep runs: safety.yaml's intro on stderr, then a marker file."""
    marker = get_paths().welcomed_marker
    if marker.exists():
        return
    from ketaprep.walks.crisis import welcome_safety  # yaml: only on the first run
    from ketaprep.walks.screens import intro  # rich

    safety = welcome_safety(guides_dir)
    if safety is not None:
        get_err_console().print(intro(safety))
    try:
        ensure_private_dir(marker.parent)
        marker.touch(mode=0o600)
        private_file(marker)
    except (KetaprepError, OSError):
        pass  # the intro shows again next time; the command itself goes on
