"""The person's settings: ``config.yaml`` in the config dir (``KETAPREP_HOME`` in tests).

```yaml
region: uk-ie          # which crisis lines `ketaprep help-now` shows
guides: ~/my-clinic    # a folder of the clinic's guide files (like --guides)
```

Both keys are optional and the file may be missing. A file that cannot be read
is one sentence naming it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ketaprep.errors import KetaprepError
from ketaprep.paths import get_paths

KEYS = ("region", "guides")


@dataclass(frozen=True)
class Config:
    region: str | None = None
    guides: Path | None = None  # relative paths are taken from the config file's folder


def load_config(path: Path | None = None) -> Config:
    """The settings in ``path`` (default: the config file); a missing file means none."""
    from ketaprep.small_files import FileProblem, YamlProblem, load_yaml, read_small_file

    path = path or get_paths().config_file
    try:
        text = read_small_file(path).decode("utf-8")
    except FileProblem as problem:
        if problem.missing:
            return Config()
        raise KetaprepError(f"The settings file {path} {problem.reason}.") from None
    except UnicodeDecodeError:
        raise KetaprepError(
            f"The settings file {path} cannot be read: it is not UTF-8 text."
        ) from None
    try:
        data: Any = load_yaml(text)
    except YamlProblem as problem:
        raise KetaprepError(f"The settings file {path} {problem.reason}.") from None
    if data is None:
        return Config()
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
    guides = data.get("guides")
    return Config(
        region=data["region"].strip().lower() if "region" in data else None,
        guides=path.parent / Path(guides).expanduser() if guides else None,
    )
