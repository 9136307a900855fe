"""The settings file: read, and the region kept by help-now without disturbing the rest."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from ketaprep.config import Config, load_config, remember_region
from ketaprep.errors import KetaprepError
from ketaprep.paths import get_paths
from ketaprep.walks.crisis import crisis_help


def settings() -> Path:
    return get_paths().config_file


def test_remembering_the_region_makes_a_private_settings_file() -> None:
    remember_region("nz")
    assert settings().read_text(encoding="utf-8") == "region: nz\n"
    assert stat.S_IMODE(settings().stat().st_mode) == 0o600
    assert load_config() == Config(region="nz")


def test_the_rest_of_the_file_and_its_comments_stay(ketaprep_home: Path) -> None:
    ketaprep_home.mkdir(parents=True, exist_ok=True)
    settings().write_text("# from my clinic\nguides: clinic-guides", encoding="utf-8")
    remember_region("au")
    assert settings().read_text(encoding="utf-8") == (
        "# from my clinic\nguides: clinic-guides\nregion: au\n"
    )
    remember_region("ca")
    assert settings().read_text(encoding="utf-8") == (
        "# from my clinic\nguides: clinic-guides\nregion: ca\n"
    )
    assert load_config() == Config(region="ca", guides=ketaprep_home / "clinic-guides")


def test_a_region_written_oddly_is_replaced_cleanly(ketaprep_home: Path) -> None:
    ketaprep_home.mkdir(parents=True, exist_ok=True)
    settings().write_text('region: >-\n  uk-ie\nguides: "g"\n', encoding="utf-8")
    remember_region("us")
    assert load_config() == Config(region="us", guides=ketaprep_home / "g")


@pytest.mark.parametrize(
    "text",
    ["region: [us\n", "region: us\ntheme: dark\n", "- us\n", b"region: \xff\n"],
    ids=["damaged", "newer", "not-keys", "not-utf8"],
)
def test_a_settings_file_that_cannot_be_read_is_never_overwritten(
    ketaprep_home: Path, text: str | bytes
) -> None:
    ketaprep_home.mkdir(parents=True, exist_ok=True)
    data = text if isinstance(text, bytes) else text.encode()
    settings().write_bytes(data)
    with pytest.raises(KetaprepError, match="The settings file"):
        remember_region("us")
    assert settings().read_bytes() == data
    assert list(ketaprep_home.iterdir()) == [settings()]  # no temporary file left behind
    assert not crisis_help(None, None).unset  # help-now will not ask, so nothing to keep


def test_with_no_region_and_good_settings_help_now_may_ask() -> None:
    assert crisis_help(None, None).unset
    remember_region("us")
    assert not crisis_help(None, None).unset
