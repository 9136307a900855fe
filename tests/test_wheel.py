"""The wheel carries the guides, and a non-editable install reads them from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ketaprep.guides.files import GUIDE_FILES

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(outdir)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=110,
    )
    (built,) = outdir.glob("ketaprep-*.whl")
    return built


def test_the_wheel_holds_every_guide_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "ketaprep/cli/__init__.py" in names
    assert "ketaprep/guides/load.py" in names
    missing = [name for name in GUIDE_FILES if f"ketaprep/_guides/{name}" not in names]
    assert missing == []
    questionnaires = ROOT / "guides" / "questionnaires"
    shipped = [f"ketaprep/_guides/questionnaires/{p.name}" for p in questionnaires.glob("*.yaml")]
    assert shipped and all(name in names for name in shipped)


def test_the_unpacked_wheel_reads_its_own_guides(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "KETAPREP_HOME": str(tmp_path / "home")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *args],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    where = run(
        "-c", "import ketaprep.guides.files as g; print(g.__file__); print(g.builtin_dir())"
    )
    module_file, guides_dir = where.stdout.splitlines()
    assert module_file == str(site / "ketaprep" / "guides" / "files.py")
    assert guides_dir == str(site / "ketaprep" / "_guides")

    shown = run("-m", "ketaprep", "guide", "2")
    assert shown.returncode == 0, shown.stderr
    assert "Step 2:" in shown.stdout.splitlines()[0]
    checked = run("-m", "ketaprep", "guides", "check", str(site / "ketaprep" / "_guides"))
    assert checked.returncode == 0, checked.stdout
    assert "All 10 guide files" in checked.stdout  # the 8 guides and the 2 questionnaires
