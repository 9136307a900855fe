"""Where ketaprep keeps things. ``KETAPREP_HOME`` overrides every location."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ketaprep.errors import KetaprepError

APP_NAME = "ketaprep"
DATABASE_NAME = "ketaprep.db"
CONFIG_NAME = "config.yaml"
WELCOMED_MARKER = "welcomed"
EDITING_DIR = "editing"


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    config_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_NAME

    @property
    def config_file(self) -> Path:
        return self.config_dir / CONFIG_NAME

    @property
    def welcomed_marker(self) -> Path:
        return self.data_dir / WELCOMED_MARKER

    @property
    def editing_dir(self) -> Path:
        """Where a long answer's file sits while it is written in the person's editor."""
        return self.data_dir / EDITING_DIR


def get_paths() -> Paths:
    home = os.environ.get("KETAPREP_HOME")
    if home:
        root = Path(home).expanduser()
        return Paths(data_dir=root, config_dir=root)
    import platformdirs

    return Paths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) and make it readable by its owner only."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        # mkdir's mode is filtered by the umask, and an existing dir keeps its mode.
        path.chmod(0o700)
    except OSError as error:
        reason = error.strerror or str(error)
        raise KetaprepError(f"Cannot use the folder {path}: {reason}.") from None
    return path


def private_file(path: Path) -> Path:
    """Make an existing file readable and writable by its owner only."""
    path.chmod(0o600)
    return path
