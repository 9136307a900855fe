"""A scale's answer is shown with the top of its own scale ("3 of 4"), as the guides in
use ask it: in ``review show``, the HTML export and the page for a therapist. A scale
no guide knows now (an answer from a guide since changed), or one whose top differs
from step to step, is shown by its number alone."""

from __future__ import annotations

import dataclasses
import datetime
import re
import uuid
from pathlib import Path

import pytest

from cli_helpers import ketaprep
from ketaprep.guides.files import builtin_dir
from ketaprep.guides.load import load_guides
from ketaprep.review.words import ScaleEnds, guide_labels, scale_legend, scale_words, scales
from ketaprep.store import Answer, Entry, Session, open_store

pytestmark = pytest.mark.usefixtures("welcomed")

UTC = datetime.timezone.utc
DAY = datetime.date(2026, 2, 10)
MOOD_FILES = ("02-preparing.yaml", "04-integrating.yaml", "05-maintaining.yaml")


def clinic(tmp_path: Path, files: tuple[str, ...] = MOOD_FILES) -> Path:
    """A clinic's guides whose mood scale goes from 0 to 4 (in ``files``)."""
    folder = tmp_path / "clinic"
    folder.mkdir()
    for name in files:
        text = (Path(str(builtin_dir())) / name).read_text(encoding="utf-8")
        mood = re.search(r"  - id: mood\n(    .*\n|      .*\n)+", text)
        assert mood is not None
        four = mood.group(0).replace("max: 10", "max: 4").replace("      5: ", "      2: ")
        four = four.replace("      10: ", "      4: ")
        assert four != mood.group(0)
        (folder / name).write_text(text.replace(mood.group(0), four), encoding="utf-8")
    return folder


def at(hour: int) -> datetime.datetime:
    return datetime.datetime.combine(DAY, datetime.time(hour), UTC)


def answers(mood: int, anxiety: int, hour: int) -> tuple[Answer, ...]:
    return (
        Answer("mood", "scale", "How is your mood right now?", mood, at(hour)),
        Answer("anxiety", "scale", "How anxious do you feel?", anxiety, at(hour)),
        Answer("old-scale", "scale", "A question since taken out", 5, at(hour)),
    )


def kept(kind: str, session: int | None, hour: int, mood: int, anxiety: int) -> Entry:
    moment = at(hour)
    made = answers(mood, anxiety, hour)
    return Entry(str(uuid.uuid4()), kind, session, "g", moment, moment, moment, made)


def journal() -> str:
    """A prepare, a journal and a check-in around session 1; the journal's id."""
    made = [
        kept("prepare", 1, 8, 3, 7),
        kept("journal", 1, 18, 4, 2),
        kept("checkin", None, 20, 1, 9),
    ]
    with open_store() as store:
        store.import_records([Session(1, DAY, None)], made)
    return made[1].id


def run(monkeypatch: pytest.MonkeyPatch, guides: Path | None, *args: str) -> str:
    chosen = ["--guides", str(guides)] if guides else []
    result = ketaprep(*chosen, *args, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    return result.output


def test_review_show_gives_each_scale_its_own_top(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry_id = journal()
    shown = run(monkeypatch, clinic(tmp_path), "review", "show", entry_id)
    assert "4 of 4" in shown and "2 of 10" in shown
    assert "of 10" not in shown.split("2 of 10")[0]  # mood, before anxiety: not of 10
    assert re.search(r"^\s*5\s*$", shown, re.MULTILINE)  # the scale no guide asks now
    assert "5 of" not in shown


def test_the_html_export_gives_each_scale_its_own_top(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal()
    page = run(monkeypatch, clinic(tmp_path), "export", "--format", "html")
    assert page.count("<dd>3 of 4</dd>") == 1 and page.count("<dd>4 of 4</dd>") == 1
    assert page.count("<dd>7 of 10</dd>") == 1 and page.count("<dd>2 of 10</dd>") == 1
    assert page.count("<dd>5</dd>") == 3  # the old scale, in each entry
    assert "of 10" not in page.replace("7 of 10", "").replace("2 of 10", "").replace("9 of 10", "")


def test_the_therapist_page_gives_each_scale_its_own_top(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal()
    args = ("export", "--for-therapist", "--session", "1", "--format", "markdown")
    page = run(monkeypatch, clinic(tmp_path), *args)
    assert "| Mood | 3 of 4 | 4 of 4 |" in page
    assert "| Anxiety | 7 of 10 | 2 of 10 |" in page
    # What the ends mean is the clinic's own scale, not a fixed 0 to 10.
    assert "Mood: 0 is very low, 4 very good. Anxiety: 0 is calm, 10 very anxious." in page
    assert "10 very good" not in page
    assert "| 1 of 4 | 9 of 10 |" in page  # the check-in's row


def test_built_in_scales_go_to_ten(monkeypatch: pytest.MonkeyPatch) -> None:
    journal()
    page = run(monkeypatch, None, "export", "--format", "html")
    assert "<dd>3 of 10</dd>" in page and "<dd>5</dd>" in page


def test_a_scale_with_another_top_in_another_step_is_shown_by_its_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Step 2's mood ends at 4, steps 4 and 5's at 10: which one an answer was given on
    is not known, so no top is claimed."""
    entry_id = journal()
    guides = clinic(tmp_path, files=("02-preparing.yaml",))
    assert "mood" not in scales(load_guides(guides))
    assert scales(load_guides(guides))["anxiety"].high == 10
    page = run(monkeypatch, guides, "export", "--format", "html")
    assert "<dd>3</dd>" in page and "<dd>7 of 10</dd>" in page
    shown = run(monkeypatch, guides, "review", "show", entry_id)
    assert "4 of" not in shown and "2 of 10" in shown


def test_the_tops_are_read_from_the_guides() -> None:
    guides = load_guides()
    assert scales(guides) == {
        "mood": ScaleEnds(0, 10, "Very low", "Very good"),
        "anxiety": ScaleEnds(0, 10, "Calm", "Very anxious"),
    }
    step = guides.step("5")
    items = tuple(
        dataclasses.replace(item, max=3) if item.id == "anxiety" else item for item in step.items
    )
    changed = dataclasses.replace(
        guides, steps=tuple(dataclasses.replace(s, items=items) if s is step else s
                            for s in guides.steps)
    )  # fmt: skip
    assert list(scales(changed)) == ["mood"]
    assert scale_words("mood", 3, guide_labels(None)) == "3 of 10"
    assert scale_words("mood", 3, {}) == "3"  # labels given without the guides
    assert scale_words("old-scale", 5, guide_labels(None)) == "5"
    assert scale_legend("mood", "Mood", guide_labels(None)) == "Mood: 0 is very low, 10 very good."
    assert scale_legend("mood", "Mood", {}) is None
