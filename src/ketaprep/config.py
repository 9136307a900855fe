"""The person's settings: ``config.yaml`` in the config dir (``KETAPREP_HOME`` in tests).

```yaml
region: uk-ie          # which crisis lines `ketaprep help-now` shows
guides: ~/my-clinic    # a folder of the clinic's guide files (like --guides)
```

Both keys are optional and the file may be missing. A file that cannot be read
is one sentence naming it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ketaprep.errors import KetaprepError
from ketaprep.guides.cache import cached
from ketaprep.guides.files import FileProblem, YamlProblem, dump_yaml, load_yaml, read_small_file
from ketaprep.paths import ensure_private_dir, get_paths

KEYS = ("region", "guides")


@dataclass(frozen=True)
class Config:
    region: str | None = None
    guides: Path | None = None  # relative paths are taken from the config file's folder


def load_config(path: Path | None = None) -> Config:
    """The settings in ``path`` (default: the config file); a missing file means none.
    What the file says is kept while it is unchanged (``guides.cache``): help-now and the
    walks read it on every run, without yaml."""
    path = path or get_paths().config_file
    region, guides = cached("settings", [path], lambda: _settings(_read(path), path))
    return _config(region, guides, path)


def user_guides_dir(given: Path | None) -> Path | None:
    """The folder of guides a command uses: ``given`` (``--guides`` or KETAPREP_GUIDES),
    else the settings' ``guides``; None for the built-in guides alone."""
    return given if given is not None else load_config().guides


def _read(path: Path) -> str | None:
    """The settings file's text; None when there is none."""
    try:
        return read_small_file(path).decode("utf-8")
    except FileProblem as problem:
        if problem.missing:
            return None
        raise KetaprepError(f"The settings file {path} {problem.reason}.") from None
    except UnicodeDecodeError:
        raise KetaprepError(
            f"The settings file {path} cannot be read: it is not UTF-8 text."
        ) from None


def _parse(text: str, path: Path) -> Config:
    return _config(*_settings(text, path), path)


def _config(region: str | None, guides: str | None, path: Path) -> Config:
    return Config(region, path.parent / Path(guides).expanduser() if guides else None)


def _settings(text: str | None, path: Path) -> tuple[str | None, str | None]:
    """The region and the guides folder (as written) that ``text`` sets; a KetaprepError
    naming ``path`` when it is not settings ketaprep can use."""
    if text is None:
        return None, None
    try:
        data: Any = load_yaml(text)
    except YamlProblem as problem:
        raise KetaprepError(f"The settings file {path} {problem.reason}.") from None
    if data is None:
        return None, None
    if not isinstance(data, dict):
        raise KetaprepError(f"The settings file {path} must hold keys like 'region: us'.")
    unknown = [str(key) for key in data if key not in KEYS]
    if unknown:
        raise KetaprepError(
            f"The settings file {path} has a key ketaprep does not know ({', '.join(unknown)}); "
            f"the keys are {' and '.join(KEYS)}."
        )
    for key in KEYS:
        if key in data and not (isinstance(data[key], str) and data[key].strip()):
            raise KetaprepError(f"In the settings file {path}, '{key}' must be some text.")
    region = data["region"].strip().lower() if "region" in data else None
    return region, data.get("guides") or None


def remember_region(region: str, path: Path | None = None) -> None:
    """Keep ``region`` in the settings file, changing nothing else in it (comments
    too). A file that cannot be read as settings is refused (KetaprepError), never
    overwritten."""
    path = path or get_paths().config_file
    text = _read(path) or ""
    before = _parse(text, path)  # a damaged file, or one with a newer ketaprep's keys, stops
    pattern = re.compile(r"^region:[^\n]*$", re.MULTILINE)
    if pattern.search(text):
        changed = pattern.sub(f"region: {region}", text, count=1)
    else:
        changed = (text if not text or text.endswith("\n") else text + "\n") + f"region: {region}\n"
    try:
        same = _parse(changed, path) == Config(region, before.guides)
    except KetaprepError:
        same = False
    if not same:  # e.g. a region written over two lines: written anew, without comments
        data: Any = load_yaml(text) or {}  # read above already: it can be read
        data["region"] = region
        changed = dump_yaml(data)
    _write_private(path, changed)


def _write_private(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` at once (a crash leaves the old file or the new)."""
    # tempfile and its imports only to write: help-now reads the settings on every run
    from ketaprep.private_files import CannotWrite, write_private_text

    ensure_private_dir(path.parent)
    try:
        write_private_text(path, text)
    except CannotWrite as failed:
        raise KetaprepError(
            f"The settings file {path} cannot be written: {failed.reason}."
        ) from None
