"""Where ketaprep keeps things. ``KETAPREP_HOME`` overrides every location."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ketaprep.errors import KetaprepError

APP_NAME = "ketaprep"
DATABASE_NAME = "ketaprep.db"
CONFIG_NAME = "config.yaml"
WELCOMED_MARKER = "welcomed"
EDITING_DIR = "editing"
CACHE_DIR = "cache"  # under KETAPREP_HOME: what can be made again (the guides, read)
# A folder kept in memory, not on disk, where the system has one (Linux).
MEMORY_ROOT = Path("/dev/shm")


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


def get_cache_dir() -> Path:
    """Where ketaprep keeps what it can make again: the user cache dir (platformdirs),
    or ``cache`` in ``KETAPREP_HOME``."""
    home = os.environ.get("KETAPREP_HOME")
    if home:
        return Path(home).expanduser() / CACHE_DIR
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by its owner only, or take other people's
    access away from it if it is there (``make_private``)."""
    try:
        if path.is_dir():
            make_private(path)
        else:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
            path.chmod(0o700)  # mkdir's mode is filtered by the umask
    except OSError as error:
        reason = error.strerror or str(error)
        raise KetaprepError(f"Cannot use the folder {path}: {reason}.") from None
    return path


def is_private(path: Path) -> bool:
    """True unless ``path`` is there and others may use it."""
    try:
        return not path.stat().st_mode & 0o077
    except OSError:
        return True


def make_private(path: Path) -> bool:
    """Take group and other access away from ``path``, leaving the owner's own bits as
    they are (a folder its owner made read-only stays so); whether anything changed."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if not mode & 0o077:
        return False
    path.chmod(mode & 0o700)
    return True


def journal_access(data_dir: Path, database: Path) -> str | None:
    """Why the journal is read-only, or None when it is not. The owner's write bit
    decides, not ``os.access``: the owner's choice holds even for root, who may write
    anywhere."""
    for path, what in ((data_dir, "its folder"), (database, "the file")):
        try:
            mode = path.stat().st_mode
        except OSError:
            continue
        if not mode & stat.S_IWUSR:
            return f"{what} was made read-only"
    return None


def private_file(path: Path) -> Path:
    """Make an existing file readable and writable by its owner only."""
    path.chmod(0o600)
    return path


def memory_dir(data_dir: Path, *, make: bool = True) -> Path | None:
    """A private folder in memory for the ketaprep home ``data_dir``:
    ``/dev/shm/ketaprep-UID/HOME-HASH``, made if needed (``make``; else it may not be
    there). None where the system has no such place, or where what is there is not
    this user's own folder."""
    if not hasattr(os, "getuid") or not MEMORY_ROOT.is_dir():
        return None
    import hashlib

    top = MEMORY_ROOT / f"ketaprep-{os.getuid()}"
    home = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    folder = top / home
    try:
        for path in (top, folder):
            if make:
                path.mkdir(mode=0o700, exist_ok=True)
            elif not os.path.lexists(path):
                return folder
            found = path.lstat()  # a link in its place is not followed, and refused
            if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid():
                return None
            make_private(path)
    except OSError:
        return None
    return folder
