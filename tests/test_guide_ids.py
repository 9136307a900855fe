"""The item ids the code reads (vocab.py): a clinic's guide keeps each one, with its type,
or leaves the question out on purpose; the code names them only through vocab."""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

import pytest

from cli_helpers import ketaprep
from ketaprep import vocab
from ketaprep.guides.load import check_dir, load_guides
from ketaprep.vocab import READ_BY_CODE, REQUIRED

ROOT = Path(__file__).resolve().parents[1]
READ_IDS = [
    (name, item_id)
    for name, read in READ_BY_CODE.items()
    for item_id in read
    if item_id not in vocab.OPTIONAL
]


def built_in(name: str) -> str:
    return (ROOT / "guides" / name).read_text(encoding="utf-8")


def clinic(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "clinic"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def line_of(text: str, written: str) -> int:
    return text[: text.index(written)].count("\n") + 1


def items_line(text: str) -> int:
    """Where a problem with the items as a whole is named: the first item."""
    return line_of(text, "items:\n") + 1


def problems_in(folder: Path) -> list[str]:
    return [str(problem) for problem in check_dir(folder)]


@pytest.mark.parametrize(("name", "item_id"), READ_IDS)
def test_a_renamed_id_the_code_reads_is_a_problem_at_the_items_line(
    tmp_path: Path, name: str, item_id: str
) -> None:
    kind = READ_BY_CODE[name][item_id]
    text = built_in(name)
    written = f"  - id: {item_id}\n    type: {kind}\n"
    assert text.count(written) == 1
    folder = clinic(tmp_path, {name: text.replace(written, written.replace(item_id, "renamed"))})
    missing = f"there is no item '{item_id}' (a {kind}); ketaprep reads its answers"
    assert problems_in(folder) == [
        f"{folder / name}:{items_line(text)}: {missing}, so keep that id (the question "
        "may be worded any way)"
        + (
            ""
            if item_id in REQUIRED.get(name, ())
            else ", or name it in 'leaves_out' to leave the question out"
        )
    ]


def test_a_renamed_win_and_a_win_made_a_scale_fail_guides_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = built_in("05-maintaining.yaml")
    written = "  - id: win\n    type: text\n"
    renamed = clinic(tmp_path / "a", {"05-maintaining.yaml": text.replace("id: win", "id: good")})
    scale = text.replace(written, "  - id: win\n    type: scale\n    min: 0\n    max: 10\n")
    rescaled = clinic(tmp_path / "b", {"05-maintaining.yaml": scale})

    result = ketaprep("guides", "check", str(renamed), monkeypatch=monkeypatch)
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    where = f"{renamed / '05-maintaining.yaml'}:{items_line(text)}:"
    assert f"{where} there is no item 'win' (a text)" in said

    result = ketaprep("guides", "check", str(rescaled), monkeypatch=monkeypatch)
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    where = f"{rescaled / '05-maintaining.yaml'}:{line_of(text, written) + 1}:"
    assert f"{where} ketaprep reads the answers to 'win', so it must be a text, not a scale" in said


def test_a_step_may_leave_a_question_out_on_purpose(tmp_path: Path) -> None:
    text = built_in("05-maintaining.yaml")
    win = text[text.index("  - id: win\n") : text.index("  - id: mood\n")]
    left = text.replace(win, "").replace("items:\n", "leaves_out: [win]\nitems:\n")
    folder = clinic(tmp_path, {"05-maintaining.yaml": left})
    assert problems_in(folder) == []
    step = load_guides(folder).step("5")
    assert vocab.WIN not in [item.id for item in step.items]
    assert vocab.PRACTICES in [item.id for item in step.items]


def test_leaves_out_names_only_ids_read_there_that_are_not_asked(tmp_path: Path) -> None:
    text = built_in("02-preparing.yaml")
    leaves = "leaves_out:\n  - intentions\n  - mood\n  - win\n  - Not An Id\n"
    folder = clinic(tmp_path, {"02-preparing.yaml": text.replace("items:\n", leaves + "items:\n")})
    first = line_of(text, "items:")
    file = folder / "02-preparing.yaml"
    assert problems_in(folder) == [
        f"{file}:{first + 1}: 'leaves_out' names 'intentions', which ketaprep cannot do without; "
        "keep that item (the question may be worded any way)",
        f"{file}:{first + 2}: 'leaves_out' names 'mood', but this step asks it",
        f"{file}:{first + 3}: 'leaves_out' names 'win', which ketaprep does not read from "
        "02-preparing.yaml; it reads intentions, to-remember, mood, anxiety",
        f"{file}:{first + 4}: each id in 'leaves_out' must use only lowercase letters, digits "
        "and hyphens (like 'ride-home'), not 'Not An Id'",
    ]


def test_a_clinics_step_2_written_before_the_cards_own_lines_works_on_without_them(
    tmp_path: Path,
) -> None:
    text = built_in("02-preparing.yaml")
    own = text[text.index("  - id: to-remember\n") : text.index("  - id: mood\n")]
    folder = clinic(tmp_path, {"02-preparing.yaml": text.replace(own, "")})
    assert problems_in(folder) == []
    assert vocab.TO_REMEMBER not in [item.id for item in load_guides(folder).step("2").items]
    # Where a step asks it, it keeps its type: the card reads its lines.
    typed = text.replace(
        "  - id: to-remember\n    type: list\n", "  - id: to-remember\n    type: text\n"
    )
    folder = clinic(tmp_path / "typed", {"02-preparing.yaml": typed})
    line = line_of(text, "  - id: to-remember\n") + 1
    assert problems_in(folder) == [
        f"{folder / '02-preparing.yaml'}:{line}: ketaprep reads the answers to 'to-remember', "
        "so it must be a list, not a text"
    ]


def test_a_step_without_questions_needs_none_of_the_ids(tmp_path: Path) -> None:
    text = built_in("03-embracing.yaml")
    folder = clinic(tmp_path, {"03-embracing.yaml": text[: text.index("items:\n")]})
    assert problems_in(folder) == []


def test_the_plans_ids_are_free_in_the_steps(tmp_path: Path) -> None:
    """help-now reads people, coping and the clinic's number from the plan alone."""
    text = built_in("05-maintaining.yaml")
    extra = "  - id: people\n    type: text\n    prompt: Who did you see this week?\n"
    folder = clinic(tmp_path, {"05-maintaining.yaml": text + extra})
    assert problems_in(folder) == []
    but = "  - id: tags\n    type: text\n    prompt: A few words?\n"
    folder = clinic(tmp_path / "again", {"05-maintaining.yaml": text + but})
    assert problems_in(folder) == [
        f"{folder / '05-maintaining.yaml'}:{text.count(chr(10)) + 2}: ketaprep reads the "
        "answers to 'tags', so it must be a list, not a text"
    ]


def test_every_id_in_vocab_is_checked() -> None:
    """A constant in vocab naming a built-in question is one guides check knows about."""
    guides = load_guides()
    asked = {item.id for step in (*guides.steps, guides.plan) for item in step.items}
    constants = {
        value for name, value in vars(vocab).items() if name.isupper() and isinstance(value, str)
    }
    checked = {item_id for read in READ_BY_CODE.values() for item_id in read}
    assert constants & asked == checked


# The same words, meaning something else: review --json's field for the session's
# intentions; the command ``ketaprep breathe``, offered by the home screen.
NOT_AN_ID = {
    ("review/json.py", '"intentions"'),
    ("review/home.py", '"breathe"'),
    ("cli/root.py", '"breathe"'),
}


def test_the_code_names_the_ids_it_reads_only_through_vocab() -> None:
    """A bare "win" in the code would be an id guides check does not know about."""
    ids = {item_id for read in READ_BY_CODE.values() for item_id in read}
    bare = []
    package = ROOT / "src" / "ketaprep"
    for path in sorted(package.rglob("*.py")):
        where = path.relative_to(package).as_posix()
        if where == "vocab.py":
            continue
        source = path.read_text(encoding="utf-8")
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if (where, token.string) in NOT_AN_ID:
                continue
            if token.type == tokenize.STRING and token.string.strip("\"'") in ids:
                bare.append(f"{path.relative_to(ROOT)}:{token.start[0]}: {token.string}")
    assert bare == []
