"""The guides and the settings as read are kept (guides/cache.py): a command that read
them before starts without yaml; a change to any guide file, a clinic's folder, a
damaged or foreign cache file each mean the files are read again; the cache file is
private; ``guides check`` always reads the files.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ketaprep.config import Config, load_config
from ketaprep.errors import KetaprepError
from ketaprep.guides import cache, schema
from ketaprep.guides.files import SAFETY_FILE, Source, builtin_dir
from ketaprep.guides.load import load_guides, load_questionnaires, load_safety
from ketaprep.paths import get_cache_dir, get_paths

HOUR_NS = 3600 * 10**9
NEW_LINE = "Call or text 989"  # the built-in line's number, changed in a clinic's copy


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The guide files read and checked from now on, by name; nothing kept in this
    process from before."""
    names: list[str] = []
    real = schema.check_sources

    def reading(sources: object) -> schema.Result:
        chosen: list[Source] = list(sources)  # type: ignore[call-overload]
        names.extend(source.name for source in chosen)
        return real(chosen)

    monkeypatch.setattr(schema, "check_sources", reading)
    monkeypatch.setattr(cache, "_kept", {})
    return names


def forget_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a new process: only the cache file is left."""
    monkeypatch.setattr(cache, "_kept", {})


def aged(path: Path, hours: float = 1) -> Path:
    """``path`` as if changed ``hours`` ago (a file just changed is never kept)."""
    when = time.time_ns() - int(hours * HOUR_NS)
    os.utime(path, ns=(when, when))
    return path


def clinic(tmp_path: Path) -> Path:
    """A clinic's folder with a copy of the built-in safety.yaml, changed an hour ago."""
    folder = tmp_path / "clinic"
    folder.mkdir()
    shutil.copyfile(Path(str(builtin_dir() / SAFETY_FILE)), folder / SAFETY_FILE)
    aged(folder / SAFETY_FILE)
    return folder


def crisis_text(safety: object) -> str:
    return repr(safety)


# --- kept, in this process and on disk ----------------------------------------------------


def test_one_process_reads_the_guides_once(reads: list[str]) -> None:
    first = (load_guides(), load_safety(), load_questionnaires())
    assert "02-preparing.yaml" in reads and "questionnaires/low-mood.yaml" in reads
    reads.clear()
    again = (load_guides(), load_safety(), load_questionnaires())
    assert all(one is other for one, other in zip(first, again, strict=True))
    assert reads == []


def test_a_new_process_reads_the_cache_file_not_the_guides(
    reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    built = (load_guides(), load_safety(), load_questionnaires())
    assert reads  # the measurement works
    reads.clear()
    forget_this_process(monkeypatch)
    assert (load_guides(), load_safety(), load_questionnaires()) == built
    assert reads == []
    assert sorted(path.name for path in get_cache_dir().iterdir()) == [
        "guides.cache",
        "questionnaires.cache",
        "safety.cache",
    ]


def test_the_cache_file_is_private(reads: list[str]) -> None:
    old = os.umask(0o022)
    try:
        load_guides()
    finally:
        os.umask(old)
    folder = get_cache_dir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700  # KETAPREP_HOME, made for it
    assert stat.S_IMODE((folder / "guides.cache").stat().st_mode) == 0o600
    assert [path.name for path in folder.iterdir()] == ["guides.cache"]  # no temp file left


# --- read again when anything changed ---------------------------------------------------


def test_a_changed_guide_file_is_read_again(
    tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = clinic(tmp_path)
    file = folder / SAFETY_FILE
    assert NEW_LINE not in crisis_text(load_safety(folder))
    when = file.stat().st_mtime_ns
    # The same size, another time of change.
    file.write_text(file.read_text(encoding="utf-8").replace("988", "989"), encoding="utf-8")
    aged(file, hours=2)
    forget_this_process(monkeypatch)
    assert NEW_LINE in crisis_text(load_safety(folder))
    # Another size, the same time of change as before.
    file.write_text(file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(file, ns=(when, when))
    reads.clear()
    forget_this_process(monkeypatch)
    assert NEW_LINE in crisis_text(load_safety(folder))
    assert reads == [SAFETY_FILE]
    # Only touched: read again, and kept under its new time.
    kept = (get_cache_dir() / "safety.cache").read_bytes()
    aged(file, hours=3)
    forget_this_process(monkeypatch)
    load_safety(folder)
    assert (get_cache_dir() / "safety.cache").read_bytes() != kept


def test_a_clinics_folder_is_part_of_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = clinic(tmp_path)
    file = folder / SAFETY_FILE
    file.write_text(file.read_text(encoding="utf-8").replace("988", "989"), encoding="utf-8")
    aged(file)
    forget_this_process(monkeypatch)
    assert NEW_LINE not in crisis_text(load_guides().safety)
    assert NEW_LINE in crisis_text(load_guides(folder).safety)
    forget_this_process(monkeypatch)
    assert NEW_LINE not in crisis_text(load_guides().safety)
    # A file added to the folder is a guide the key did not have.
    shutil.copyfile(Path(str(builtin_dir() / "02-preparing.yaml")), folder / "02-preparing.yaml")
    prepared = folder / "02-preparing.yaml"
    prepared.write_text(
        prepared.read_text(encoding="utf-8").replace("title: ", "title: Clinic's ", 1),
        encoding="utf-8",
    )
    aged(prepared)
    forget_this_process(monkeypatch)
    assert load_guides(folder).step("2").title.startswith("Clinic's ")


def test_a_file_just_changed_is_not_kept(tmp_path: Path, reads: list[str]) -> None:
    folder = clinic(tmp_path)
    (folder / SAFETY_FILE).touch()  # now: a second change at once could keep its time
    load_safety(folder)
    load_safety(folder)
    assert reads == [SAFETY_FILE, SAFETY_FILE]
    assert not (get_cache_dir() / "safety.cache").exists()


# --- a cache file that cannot be used -----------------------------------------------------


def _cut_short(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _one_byte_changed(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x20]) + data[middle + 1 :]


def _foreign(data: bytes) -> bytes:
    return b"region: us\n"


def _empty(data: bytes) -> bytes:
    return b""


@pytest.mark.parametrize("damage", [_cut_short, _one_byte_changed, _foreign, _empty])
def test_a_damaged_cache_file_is_read_past_and_written_anew(
    damage: object, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    built = load_guides()
    file = get_cache_dir() / "guides.cache"
    good = file.read_bytes()
    file.write_bytes(damage(good))  # type: ignore[operator]
    forget_this_process(monkeypatch)
    reads.clear()
    assert load_guides() == built
    assert "02-preparing.yaml" in reads
    assert file.read_bytes() == good


def test_a_cache_file_of_another_version_is_read_past(
    reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patched:
        patched.setattr(cache, "__version__", "0.0.1")
        built = load_guides()
    old = (get_cache_dir() / "guides.cache").read_bytes()
    forget_this_process(monkeypatch)
    reads.clear()
    assert load_guides() == built
    assert "02-preparing.yaml" in reads
    assert (get_cache_dir() / "guides.cache").read_bytes() != old


def test_a_cache_file_others_could_change_is_not_trusted(
    reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_safety()
    file = get_cache_dir() / "safety.cache"
    file.chmod(0o666)
    forget_this_process(monkeypatch)
    reads.clear()
    load_safety()
    assert reads  # read again
    assert stat.S_IMODE(file.stat().st_mode) == 0o600


def test_a_named_pipe_in_place_of_the_cache_file_is_not_waited_on(
    reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = get_cache_dir()
    folder.mkdir(parents=True)
    os.mkfifo(folder / "safety.cache", 0o600)
    assert load_safety().regions  # not stuck: nobody will ever write to the pipe
    assert reads == [SAFETY_FILE]


def test_a_cache_that_cannot_be_written_is_no_problem(
    reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = get_cache_dir()
    folder.mkdir(parents=True)
    (folder / "safety.cache").mkdir()  # a folder where the file would go
    assert load_safety().regions
    (folder.parent / "elsewhere").write_text("", encoding="utf-8")
    monkeypatch.setenv("KETAPREP_HOME", str(folder.parent / "elsewhere"))  # a file, not a folder
    forget_this_process(monkeypatch)
    assert load_safety().regions


# --- in a new process: no yaml --------------------------------------------------------------


def _run(*args: str) -> tuple[str, set[str]]:
    """ketaprep's output and the modules it imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ketaprep", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return done.stdout, modules


@pytest.mark.parametrize(
    "args", [["help-now"], ["guide"], ["guide", "2"], ["--guides", "CLINIC", "help-now"]]
)
def test_with_the_cache_fresh_no_yaml_is_imported(
    args: list[str], tmp_path: Path, welcomed: Path
) -> None:
    folder = clinic(tmp_path)
    args = [str(folder) if arg == "CLINIC" else arg for arg in args]
    first, modules = _run(*args)
    assert "yaml" in modules  # the measurement works
    again, modules = _run(*args)
    assert again == first
    assert "yaml" not in modules and "ketaprep.guides.schema" not in modules


def test_guides_check_reads_the_files_even_when_they_are_kept(tmp_path: Path) -> None:
    """The one change a cache cannot see (the same size and time of change) is still
    found by ``guides check``, which reads every file to name its problems."""
    folder = clinic(tmp_path)
    file = folder / SAFETY_FILE
    _run("--guides", str(folder), "help-now")  # kept now
    when = file.stat().st_mtime_ns
    text = file.read_text(encoding="utf-8")
    broken = text.replace("regions:", "regionz:", 1)
    assert len(broken) == len(text)
    file.write_text(broken, encoding="utf-8")
    os.utime(file, ns=(when, when))
    done = subprocess.run(
        [sys.executable, "-m", "ketaprep", "guides", "check", str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert f"{file}:" in done.stdout + done.stderr


# --- the settings, kept the same way ----------------------------------------------------------


def settings_file(text: str, hours: float = 1) -> Path:
    path = get_paths().config_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return aged(path, hours)


def test_the_settings_are_kept_and_read_again_once_changed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings_file("region: us\n")
    assert load_config().region == "us"
    assert (get_cache_dir() / "settings.cache").exists()
    settings_file("region: nz\n", hours=2)  # the same size, another time of change
    forget_this_process(monkeypatch)
    assert load_config().region == "nz"
    settings_file("guides: clinic\n", hours=3)
    forget_this_process(monkeypatch)
    assert load_config() == Config(None, get_paths().config_file.parent / "clinic")


def test_broken_settings_are_never_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    settings_file("region: [us\n")
    for _ in range(2):
        forget_this_process(monkeypatch)
        with pytest.raises(KetaprepError, match="is not valid YAML"):
            load_config()
    assert not (get_cache_dir() / "settings.cache").exists()


def test_with_the_settings_kept_help_now_imports_no_yaml(welcomed: Path) -> None:
    settings_file("region: uk-ie\n")
    first, modules = _run("help-now")
    assert "yaml" in modules  # the measurement works
    again, modules = _run("help-now")
    assert again == first and "Samaritans" in again
    assert "yaml" not in modules
