"""Option answers (checklist ticks, choices) read as the words the person saw, in every
view and every export: never as the ids they are stored as.

The first test walks every option item of every built-in guide (and journal's own
question about each intention) through the real commands with ``--answers`` files,
ticking every option of each checklist and picking each option of each choice in turn,
then reads everything back through every export and ``review``.
"""

from __future__ import annotations

import html
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_helpers import ketaprep, write_answers
from ketaprep.guides.load import load_guides
from ketaprep.guides.model import OPTION_TYPES, Item
from ketaprep.store import open_store
from ketaprep.walks.journal import OUTCOMES, intention_items

INTENTIONS = ["Rest", "Breathe", "Be kind"]  # one intention for each of journal's outcomes


def filler(item: Item) -> object:
    """Any answer that fits an item that is not about options."""
    return {"text": "x", "long_text": "x", "list": ["x"], "scale": 5, "confirm": False}[item.type]


def walks() -> dict[str, list[Item]]:
    """The items each command walks, by command, from the guides' own ``walked_by``."""
    found: dict[str, list[Item]] = {}
    for step in load_guides().steps:
        if step.walked_by:
            found.setdefault(step.walked_by.split()[-1], []).extend(step.items)
    found["journal"] = intention_items(INTENTIONS) + found["journal"]
    return found


def option_items(items: list[Item]) -> Iterator[Item]:
    return (item for item in items if item.type in OPTION_TYPES)


def answers_for(items: list[Item], turn: int) -> dict[str, object]:
    """Every checklist fully ticked; the ``turn``-th option of every choice."""
    answers: dict[str, object] = {}
    for item in items:
        ids = [option.id for option in item.options]
        if item.type == "checklist":
            answers[item.id] = ids
        elif item.type == "choice":
            answers[item.id] = ids[turn % len(ids)]
        elif item.required:
            answers[item.id] = filler(item)
    return answers


def test_every_option_of_every_guide_reads_as_its_words_everywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_command = walks()
    items = [item for each in by_command.values() for item in option_items(each)]
    assert {"ready", "clinic-questions", "practices", "intention-1"} <= {i.id for i in items}
    turns = max(len(item.options) for item in items if item.type == "choice")
    for turn in range(turns):
        session = {"session": turn + 1, "date": "today"}
        for command, walked in by_command.items():
            answers = answers_for(walked, turn)
            if command == "prepare":
                answers.update(session, intentions=INTENTIONS)
            elif command == "journal":
                answers.update(session)
            path = write_answers(tmp_path, answers, f"{command}-{turn}.yaml")
            result = ketaprep(command, "--answers", str(path), monkeypatch=monkeypatch)
            assert result.exit_code == 0, result.output

    shown = {  # what the person saw, and the bare ids that must never show instead
        option.label: option.id
        for item in items
        for option in item.options
        if option.id != option.label
    }
    assert set(OUTCOMES) <= {o for item in items for o in item.options}

    markdown = export("markdown", monkeypatch)
    page = export("html", monkeypatch)
    document = json.loads(export("json", monkeypatch))
    cards = review_cards(monkeypatch)
    for label, option_id in shown.items():
        assert f"> - {label}\n" in markdown or f"> {label}\n" in markdown, label
        assert f"> - {option_id}\n" not in markdown and f"> {option_id}\n" not in markdown
        assert html.escape(label) in page, label
        assert f">{option_id}<" not in page and f">{html.escape(option_id)}<" not in page
        assert f"- {label}\n" in cards or f"  {label}\n" in cards, label
        assert f"- {option_id}\n" not in cards and f"  {option_id}\n" not in cards
    labelled = [
        answer["labels"]
        for entry in document["entries"]
        for answer in entry["answers"]
        if answer["item_type"] in OPTION_TYPES
    ]
    assert all(set(words) for words in labelled)
    assert {words for found in labelled for words in found.values()} == set(shown)


def export(fmt: str, monkeypatch: pytest.MonkeyPatch) -> str:
    result = ketaprep("export", "--format", fmt, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    return result.stdout


def review_cards(monkeypatch: pytest.MonkeyPatch) -> str:
    with open_store() as store:
        ids = [entry.id for entry in store.entries()]
    shown = []
    for entry_id in ids:
        result = ketaprep("review", "show", entry_id, monkeypatch=monkeypatch)
        assert result.exit_code == 0, result.output
        shown.append(result.output)
    return "\n".join(shown)


# --- entries saved before answers kept their labels ---------------------------------------


def old_checkin(labels: dict[str, str] | None = None) -> str:
    """A finished check-in whose practices were saved as ids only (or with ``labels``),
    as ketaprep saved them before it kept the words shown."""
    with open_store() as store:
        entry = store.start_entry("checkin", None, "maintaining")
        store.save_answer(entry.id, "practices", "checklist", "What helped?",
                          ["yoga", "gone-from-the-guide"], labels=labels)  # fmt: skip
        store.finish_entry(entry.id)
    return entry.id


def test_an_old_answer_reads_with_the_current_guides_words_else_its_id(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    entry_id = old_checkin()
    card = ketaprep("review", "show", entry_id, monkeypatch=monkeypatch).output
    assert "  - Yoga\n  - gone-from-the-guide\n" in card
    assert "> - Yoga\n> - gone-from-the-guide\n" in export("markdown", monkeypatch)
    assert '<li class="text">Yoga</li>' in export("html", monkeypatch)
    [entry] = json.loads(export("json", monkeypatch))["entries"]
    assert entry["answers"][0]["labels"] == {"yoga": "Yoga"}  # only words known
    listed = ketaprep("review", "--list", monkeypatch=monkeypatch).output
    assert "Yoga; gone-from-the-guide" in listed  # the first words of an entry of ticks


def test_the_words_kept_with_an_answer_win_over_the_guides_as_they_are_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry_id = old_checkin({"yoga": "Gentle yoga, as the clinic's guide said then"})
    changed = tmp_path / "guides"
    shutil.copytree(Path(__file__).parents[1] / "guides", changed)
    step = changed / "05-maintaining.yaml"
    step.write_text(
        step.read_text(encoding="utf-8").replace("label: Yoga", "label: Yoga class"),
        encoding="utf-8",
    )
    card = ketaprep("--guides", str(changed), "review", "show", entry_id,
                    monkeypatch=monkeypatch).output  # fmt: skip
    assert "  - Gentle yoga, as the clinic's guide said then\n" in card
    assert "Yoga class" not in card


def test_exported_labels_come_back_with_an_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_checkin({"yoga": "Yoga in the park"})
    exported = tmp_path / "journal.json"
    exported.write_text(export("json", monkeypatch), encoding="utf-8")
    monkeypatch.setenv("KETAPREP_HOME", str(tmp_path / "another-computer"))
    result = ketaprep("import", str(exported), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    with open_store() as store:
        [entry] = store.entries()
    assert entry.answers[0].labels == {"yoga": "Yoga in the park"}
    again = tmp_path / "again.json"
    again.write_text(export("json", monkeypatch), encoding="utf-8")
    assert json.loads(again.read_text())["entries"] == json.loads(exported.read_text())["entries"]
