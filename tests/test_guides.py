"""Loading and checking guide files: every problem named as FILE:LINE: what is wrong."""

from __future__ import annotations

import os
import tempfile
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cli_helpers import ketaprep
from ketaprep.config import Config, load_config
from ketaprep.errors import KetaprepError, UsageError
from ketaprep.guides import files as guide_files
from ketaprep.guides.files import GUIDE_FILES, builtin_dir
from ketaprep.guides.load import check_dir, load_guides, load_safety
from ketaprep.guides.model import Reminder
from ketaprep.guides.nodes import Problem
from ketaprep.vocab import READ_BY_CODE
from ketaprep.walks.crisis import crisis_help

ROOT = Path(__file__).resolve().parents[1]

STEP = """\
id: {id}
number: {number}
title: {title}
summary: A short line about it.
body: |
  Some **words** about {id}.
"""
PREPARING = """\
id: preparing
number: 2
title: Getting ready
summary: Get ready.
walked_by: ketaprep prepare
body: |
  ## Before
  Plan the day.
reminders:
  - You are safe here.
items:
  - id: ready
    type: checklist
    prompt: Which of these are done?
    options:
      - id: ride
        label: A ride home
        todo: Ask a friend for a ride.
      - id: water
        label: Water
  - id: intentions
    type: list
    prompt: What do you hope for?
    required: true
    examples: [Be kind to myself]
  - id: mood
    type: scale
    prompt: How is your mood?
    min: 0
    max: 10
    labels: {0: Very low, 10: Very good}
    alert: {at_most: 1, message: That sounds hard.}
  - id: feeling
    type: choice
    prompt: Do you feel safe?
    options:
      - {id: yes, label: Yes}
      - {id: no, label: No}
    alert: {equals: no}
  - id: talked
    type: confirm
    prompt: Did you talk to your care team?
    default: yes
  - id: name
    type: text
    prompt: Who is driving you?
    default: no one yet
  - id: notes
    type: long_text
    prompt: Anything else?
    alert: {contains: [hopeless]}
  - id: anxiety
    type: scale
    prompt: How anxious are you?
    min: 0
    max: 10
"""
FAQ = """\
id: faq
title: Questions for your clinic
summary: What to ask.
body: |
  Ask about cost.
"""
PLAN = """\
id: safety-plan
title: My safety plan
summary: For hard moments.
body: |
  Write it on a calm day.
items:
  - {id: coping, type: list, prompt: "What calms you?"}
  - {id: people, type: list, prompt: "Who can you ask?"}
  - {id: clinic-after-hours, type: text, prompt: "Your clinic at night?"}
"""
SAFETY = """\
intro: |
  Welcome. This is not medical advice.
disclaimer: Not a doctor.
immediate_danger: If you are in danger now, call your local emergency number.
regions:
  - id: us
    name: United States
    lines:
      - name: Lifeline
        contact: Call or text 988
        note: Press 1 for veterans.
  - id: uk-ie
    name: UK and Ireland
    lines:
      - {name: Samaritans, contact: Call 116 123}
"""


def valid_files() -> dict[str, str]:
    files = {
        name: STEP.format(id=name[3:-5], number=int(name[:2]), title=f"Step {name[:2]}")
        for name in GUIDE_FILES[:5]
    }
    files.update({"02-preparing.yaml": PREPARING, "faq.yaml": FAQ, "safety.yaml": SAFETY})
    files["safety-plan.yaml"] = PLAN
    return files


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content if isinstance(content, bytes) else content.encode()
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture
def full(tmp_path: Path) -> Path:
    """A complete, valid set of the seven guide files."""
    return write(tmp_path / "full", dict(valid_files()))


@pytest.fixture
def builtin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the built-in guides at a small valid set, so tests do not hang on wording."""
    folder = write(tmp_path / "builtin", dict(valid_files()))
    monkeypatch.setattr(guide_files, "builtin_dir", lambda: folder)
    return folder


def problems_for(full: Path, name: str, content: str | bytes) -> list[str]:
    write(full, {name: content})
    return [str(problem) for problem in check_dir(full)]


def step_with(extra: str, number: int = 2, name: str = "preparing") -> str:
    return STEP.format(id=name, number=number, title="Title") + textwrap.dedent(extra)


# --- a valid set ------------------------------------------------------------------


def test_a_valid_set_has_no_problems_and_loads(full: Path) -> None:
    assert check_dir(full) == []
    guides = load_guides(full)
    assert [step.key for step in guides.steps] == ["1", "2", "3", "4", "5", "faq"]
    step = guides.step("2")
    assert step.title == "Getting ready"
    assert step.reminders == (Reminder("You are safe here."),)
    assert step.source == str(full / "02-preparing.yaml")
    ready = step.item("ready")
    assert [option.id for option in ready.options] == ["ride", "water"]
    assert ready.options[0].todo == "Ask a friend for a ride."
    assert step.item("intentions").min == 1  # required list: at least one answer
    mood = step.item("mood")
    assert (mood.min, mood.max, mood.labels) == (0, 10, {0: "Very low", 10: "Very good"})
    assert mood.alert is not None and mood.alert.at_most == 1
    # YAML 1.1 would read these as true/false; ids and text keep the words written.
    feeling = step.item("feeling")
    assert [option.id for option in feeling.options] == ["yes", "no"]
    assert feeling.alert is not None and feeling.alert.equals == "no"
    assert step.item("talked").default is True
    assert step.item("name").default == "no one yet"
    assert guides.safety.region("UK-IE").lines[0].contact == "Call 116 123"


def test_problem_prints_file_line_and_what() -> None:
    assert str(Problem("g/02-preparing.yaml", 4, "duplicate key 'id'")) == (
        "g/02-preparing.yaml:4: duplicate key 'id'"
    )
    assert (
        str(Problem("g/notes.yaml", None, "not a guide file")) == "g/notes.yaml: not a guide file"
    )


# --- both YAML loaders: libyaml's when PyYAML has it, else pure Python -------------


@pytest.fixture(params=["libyaml", "pure Python"])
def each_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "pure Python":
        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("this PyYAML has no libyaml")
    return str(request.param)


def test_both_loaders_read_the_same_guides(monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("this PyYAML has no libyaml")
    with_libyaml = load_guides()
    monkeypatch.delattr(yaml, "CSafeLoader")
    assert load_guides() == with_libyaml


# --- each kind of problem ---------------------------------------------------------

CASES = [
    # (file, content, line, words)
    ("03-embracing.yaml", "id: embracing\n  number: [\n", 2, "YAML syntax error"),
    (
        "02-preparing.yaml",
        step_with("titel: x\n"),
        7,
        "unknown key 'titel' in a step; did you mean",
    ),
    (
        "02-preparing.yaml",
        "id: preparing\nnumber: 2\ntitle: T\nbody: b\n",
        1,
        "a step is missing the required key 'summary'",
    ),
    (
        "02-preparing.yaml",
        "id: preparing\nnumber: two\ntitle: T\nsummary: s\nbody: b\n",
        2,
        "'number' must be a whole number, not text ('two')",
    ),
    (
        "02-preparing.yaml",
        "id: preparing\nnumber: 2\ntitle: ''\nsummary: s\nbody: b\n",
        3,
        "'title' is empty",
    ),
    (
        "02-preparing.yaml",
        "id: preparing\nnumber: 2\ntitle: T\ntitle: U\nsummary: s\nbody: b\n",
        4,
        "duplicate key 'title' (first at line 3)",
    ),
    (
        "02-preparing.yaml",
        "id: preparing\nnumber: 3\ntitle: T\nsummary: s\nbody: b\n",
        2,
        "'number' is 3, but 02-preparing.yaml holds step 2",
    ),
    (
        "02-preparing.yaml",
        "id: Preparing\nnumber: 2\ntitle: T\nsummary: s\nbody: b\n",
        1,
        "'id' must use only lowercase letters, digits and hyphens (like 'ride-home'), "
        "not 'Preparing'",
    ),
    ("faq.yaml", FAQ + "number: 6\n", 6, "the FAQ has no number"),
    ("safety-plan.yaml", PLAN + "number: 7\n", 10, "the safety plan has no number"),
    (
        "safety-plan.yaml",
        PLAN.replace("{id: people, type: list", "{id: people, type: text"),
        8,
        "the item 'people' is shown by ketaprep help-now and must be a list, not a text",
    ),
    (
        "safety-plan.yaml",
        PLAN.replace("clinic-after-hours, type: text", "clinic-after-hours, type: long_text"),
        9,
        "the item 'clinic-after-hours' is shown by ketaprep help-now and must be a text",
    ),
    (
        "safety.yaml",
        SAFETY.replace("    name: United States\n", "    name: United States\n    danger: [x]\n"),
        8,
        "'danger' must be text, not a list",
    ),
    (
        "02-preparing.yaml",
        step_with("""\
        items:
          - {id: a, type: text, prompt: One}
          - {id: a, type: text, prompt: Two}
        """),
        9,
        "duplicate item id 'a' (first at line 8)",
    ),
    (
        "02-preparing.yaml",
        step_with("""\
        items:
          - id: c
            type: choice
            prompt: Which?
            options:
              - {id: x, label: X}
              - {id: x, label: Y}
        """),
        13,
        "duplicate option id 'x' (first at line 12)",
    ),
    (
        "02-preparing.yaml",
        step_with("items:\n  - {id: a, type: slider, prompt: How}\n"),
        8,
        "unknown item type 'slider'; use one of: checklist, text",
    ),
    (
        "02-preparing.yaml",
        step_with("items:\n  - {id: a, type: scale, prompt: How, min: 5, max: 5}\n"),
        8,
        "the scale's min (5) must be less than its max (5)",
    ),
    (
        "02-preparing.yaml",
        step_with("""\
        items:
          - id: a
            type: scale
            prompt: How?
            min: 0
            max: 10
            labels:
              0: Low
              11: Too high
        """),
        15,
        "label 11 is outside the scale 0 to 10",
    ),
    (
        "02-preparing.yaml",
        step_with("items:\n  - {id: a, type: scale, prompt: How, max: 5}\n"),
        8,
        "a scale item is missing the required key 'min'",
    ),
    (
        "02-preparing.yaml",
        step_with("items:\n  - {id: a, type: checklist, prompt: Done}\n"),
        8,
        "a checklist item needs 'options' to choose from",
    ),
    (
        "02-preparing.yaml",
        step_with("items:\n  - {id: a, type: choice, prompt: Which, options: []}\n"),
        8,
        "a choice item needs 'options' to choose from",
    ),
    (
        "02-preparing.yaml",
        step_with("items:\n  - {id: a, type: text, prompt: Name, min: 1}\n"),
        8,
        "'min' does not belong to a text item",
    ),
    (
        "02-preparing.yaml",
        step_with("""\
        items:
          - id: a
            type: text
            prompt: Name?
            alert:
              at_most: 1
        """),
        12,
        "'at_most' does not fit a text item; use contains",
    ),
    (
        "02-preparing.yaml",
        step_with("""\
        items:
          - id: a
            type: choice
            prompt: Which?
            options: [{id: x, label: X}]
            alert: {equals: z}
        """),
        12,
        "'equals' names 'z', which is not an option of this item",
    ),
    (
        "02-preparing.yaml",
        step_with("items:\n  - {id: a, type: confirm, prompt: Ok, required: maybe}\n"),
        8,
        "'required' must be true or false, not text ('maybe')",
    ),
    (
        "02-preparing.yaml",
        step_with("items:\n  - {id: mood, type: text, prompt: Mood}\n"),
        8,
        "ketaprep reads the answers to 'mood', so it must be a scale",
    ),
    (
        "02-preparing.yaml",
        step_with("reminders: A line\n"),
        7,
        "'reminders' must be a list, not text",
    ),
    ("02-preparing.yaml", "", 1, "the file is empty"),
    ("02-preparing.yaml", "# only a comment\n", 1, "the file is empty"),
    (
        "02-preparing.yaml",
        "- id: preparing\n- number: 2\n",
        1,
        "the top of the file must be keys (like 'id: ...'), not a list",
    ),
    ("02-preparing.yaml", b"id: preparing\ntitle: caf\xe9\n", 2, "is not UTF-8 text (byte 0xe9)"),
    ("02-preparing.yaml", "id: preparing\nbase: &b {title: T}\n<<: *b\n", 3, "merge keys"),
    (
        "03-embracing.yaml",
        STEP.format(id="preparing", number=3, title="T"),
        1,
        "step id 'preparing' is also used by 02-preparing.yaml",
    ),
    (
        "safety.yaml",
        SAFETY + "  - id: us\n    name: Again\n    lines: [{name: A, contact: B}]\n",
        16,
        "duplicate region id 'us' (first at line 6)",
    ),
    (
        "safety.yaml",
        SAFETY.replace("immediate_danger", "danger"),
        4,
        "unknown key 'danger' in safety.yaml",
    ),
    (
        "safety.yaml",
        SAFETY + "  - {id: eu, name: EU, lines: []}\n",
        16,
        "a region needs at least one crisis line",
    ),
    (
        "02-preparing.yaml",
        step_with("items:\n  - {id: a, type: confirm, prompt: Ok, default: 1}\n"),
        8,
        "'default' of a confirm item must be true or false, not a whole number ('1')",
    ),
    (
        "02-preparing.yaml",
        step_with("items:\n  - {id: a, type: list, prompt: Hopes, min: 3, max: 2}\n"),
        8,
        "'min' (3) must not be more than 'max' (2)",
    ),
    (
        "02-preparing.yaml",
        step_with("""\
        items:
          - id: a
            type: scale
            prompt: How
            min: 0
            max: 10
            alert: {at_least: 11}
        """),
        13,
        "'at_least' (11) is outside the scale 0 to 10",
    ),
    (
        "02-preparing.yaml",
        step_with("""\
        items:
          - id: a
            type: checklist
            prompt: Done
            options: [{id: x, label: X}]
            alert:
              message: Hard.
        """),
        13,
        "an alert needs a rule: equals, any_of, at_most, at_least or contains",
    ),
    (
        "02-preparing.yaml",
        step_with("""\
        items:
          - id: a
            type: checklist
            prompt: Done
            options: [{id: x, label: X}]
            alert:
              any_of: [x, y]
        """),
        13,
        "'any_of' names 'y', which is not an option of this item",
    ),
    (
        "02-preparing.yaml",
        step_with("""\
        items:
          - id: a
            type: confirm
            prompt: Ok
            alert: {equals: maybe}
        """),
        11,
        "'equals' for a confirm item must be true or false, not text ('maybe')",
    ),
    (
        "02-preparing.yaml",
        "id: preparing\nnumber: 2.5\ntitle: T\nsummary: s\nbody: b\n",
        2,
        "'number' must be a whole number, not a decimal number ('2.5')",
    ),
    (
        "02-preparing.yaml",
        "id: preparing\nnumber: 2\ntitle: T\nsummary: [s]\nbody: b\n",
        4,
        "'summary' must be text, not a list",
    ),
    (
        "02-preparing.yaml",
        "id: preparing\nnumber: 2\ntitle: |\n  Two\n  lines\nsummary: s\nbody: b\n",
        3,
        "'title' must be one line",
    ),
]


@pytest.mark.parametrize(("name", "content", "line", "words"), CASES)
@pytest.mark.usefixtures("each_loader")
def test_each_problem_names_file_line_and_what(
    full: Path, name: str, content: str, line: int, words: str
) -> None:
    problems = problems_for(full, name, content)
    prefix = f"{full / name}:{line}: "
    assert any(p.startswith(prefix) and words in p for p in problems), problems


@pytest.mark.usefixtures("each_loader")
def test_python_tags_are_refused_and_never_run(full: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    content = step_with(f"reminders:\n  - !!python/object/apply:os.system ['touch {marker}']\n")
    problems = problems_for(full, "02-preparing.yaml", content)
    assert problems == [
        f"{full / '02-preparing.yaml'}:8: the tag '!!python/object/apply:os.system' "
        "is not allowed; guide files use plain YAML only"
    ]
    with pytest.raises(KetaprepError):
        load_guides(full)
    assert not marker.exists()


def test_a_tag_on_the_whole_file_is_refused(full: Path) -> None:
    problems = problems_for(full, "02-preparing.yaml", "!!python/object:os.system {}\n")
    assert problems == [
        f"{full / '02-preparing.yaml'}:1: the tag '!!python/object:os.system' "
        "is not allowed; guide files use plain YAML only"
    ]


@pytest.mark.usefixtures("each_loader")
def test_a_control_character_is_a_problem(full: Path) -> None:
    problems = problems_for(full, "02-preparing.yaml", "id: preparing\ntitle: a\x07b\n")
    assert problems == [
        f"{full / '02-preparing.yaml'}:2: contains a character that YAML does not allow (0x7)"
    ]


@pytest.mark.usefixtures("each_loader")
def test_deep_nesting_is_a_problem_not_a_crash(full: Path) -> None:
    problems = problems_for(full, "02-preparing.yaml", "reminders: " + "[" * 5000 + "]" * 5000)
    assert problems == [f"{full / '02-preparing.yaml'}: is nested too deeply to read"]


def nested_lists(depth: int) -> list[object]:
    value: list[object] = []
    for _ in range(depth - 1):
        value = [value]
    return value


@pytest.mark.usefixtures("each_loader")
@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("a: " + "[" * 5000 + "]" * 5000, "is nested too deeply to read"),
        ("a: " + "[" * 99 + "]" * 99, {"a": nested_lists(99)}),  # 100 deep with the map
        ('a: "\\ud800"', {"a": "\ud800"}),
        ("a: 1\nb: \x07", "is not valid YAML"),
        ("a: 1\nb: 2026-02-30",
         "has a value that cannot be read (line 2): 2026-02-30 is not a day on the calendar"),
        ("a: [1\n", "is not valid YAML (line 2)"),
        ("", None),
    ],
)  # fmt: skip
def test_answers_and_settings_files_read_alike_with_either_loader(text: str, read: object) -> None:
    try:
        got: object = guide_files.load_yaml(text)
    except guide_files.YamlProblem as problem:
        got = problem.reason
    assert got == read


def test_every_problem_is_reported_not_only_the_first(full: Path) -> None:
    content = """\
id: preparing
number: two
title: ''
summary: s
body: b
colour: blue
items:
  - {id: a, type: slider, prompt: P}
  - {id: a, type: text, prompt: Q}
"""
    write(full, {"02-preparing.yaml": content, "faq.yaml": "- a list\n"})
    got = [str(p).split(": ", 1)[0].rsplit("/", 1)[1] for p in check_dir(full)]
    assert got == [
        "02-preparing.yaml:2",
        "02-preparing.yaml:3",
        "02-preparing.yaml:6",
        *["02-preparing.yaml:8"] * 4,  # the unknown type; no intentions, mood or anxiety
        "02-preparing.yaml:9",
        "faq.yaml:1",
    ]


RETYPED = {"list": "text", "checklist": "list", "text": "list", "scale": "text", "confirm": "text"}
READ_IDS = [(name, item_id) for name, read in READ_BY_CODE.items() for item_id in read]


@pytest.mark.parametrize(("name", "item_id"), READ_IDS)
def test_every_id_the_code_reads_must_keep_its_type(
    tmp_path: Path, name: str, item_id: str
) -> None:
    kind = READ_BY_CODE[name][item_id]
    folder = tmp_path / "clinic"
    folder.mkdir()
    text = (ROOT / "guides" / name).read_text(encoding="utf-8")
    written = f"  - id: {item_id}\n    type: {kind}\n"
    assert text.count(written) == 1
    retyped = written.replace(f"type: {kind}", f"type: {RETYPED[kind]}")
    (folder / name).write_text(text.replace(written, retyped))
    problems = [str(problem) for problem in check_dir(folder)]
    if name == "safety-plan.yaml":
        said = f"the item '{item_id}' is shown by ketaprep help-now and must be a {kind}"
    else:
        said = f"ketaprep reads the answers to '{item_id}', so it must be a {kind}"
    assert any(
        problem.startswith(f"{folder / name}:") and said in problem for problem in problems
    ), problems


def test_a_renamed_intentions_fails_the_check_through_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "clinic"
    folder.mkdir()
    text = (ROOT / "guides" / "02-preparing.yaml").read_text(encoding="utf-8")
    (folder / "02-preparing.yaml").write_text(text.replace("id: intentions", "id: hopes"))
    result = ketaprep("guides", "check", str(folder), monkeypatch=monkeypatch)
    assert result.exit_code == 1
    assert f"{folder / '02-preparing.yaml'}:" in result.output
    assert "there is no item 'intentions' (a list)" in " ".join(result.output.split())


def test_unknown_and_misnamed_files_in_a_folder(full: Path) -> None:
    write(full, {"notes.yaml": "a: 1\n", "safety.yml": SAFETY, "README.md": "hello"})
    problems = [str(p) for p in check_dir(full)]
    assert problems == [
        f"{full / 'notes.yaml'}: not a guide file ketaprep knows; the names are "
        + ", ".join(GUIDE_FILES),
        f"{full / 'safety.yml'}: ketaprep reads only .yaml files; rename it to safety.yaml",
    ]


def test_a_folder_without_guides(tmp_path: Path) -> None:
    assert [str(p) for p in check_dir(tmp_path)] == [
        f"{tmp_path}: has no guide files (like 02-preparing.yaml)"
    ]


def test_a_missing_folder_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(KetaprepError, match=r"^The guides folder .*nowhere does not exist\.$"):
        check_dir(tmp_path / "nowhere")
    with pytest.raises(KetaprepError, match=r"is a file, not a folder"):
        check_dir(write(tmp_path / "x", {"a.txt": ""}) / "a.txt")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any folder")
def test_an_unreadable_folder_is_one_sentence(full: Path) -> None:
    full.chmod(0)
    try:
        with pytest.raises(KetaprepError, match="cannot be read: Permission denied"):
            load_guides(full)
    finally:
        full.chmod(0o755)


def test_an_unreadable_file_is_a_problem(full: Path) -> None:
    (full / "faq.yaml").unlink()
    (full / "faq.yaml").mkdir()
    problems = [str(p) for p in check_dir(full)]
    assert problems == [f"{full / 'faq.yaml'}: cannot be read: Is a directory"]


# --- custom folders replace built-in files ----------------------------------------


def test_custom_files_replace_the_built_in_ones_of_the_same_name(
    builtin: Path, tmp_path: Path
) -> None:
    custom = write(tmp_path / "clinic", {"02-preparing.yaml": step_with("", name="preparing")})
    guides = load_guides(custom)
    assert guides.step("2").title == "Title"
    assert guides.step("2").source == str(custom / "02-preparing.yaml")
    assert guides.step("1").source == str(builtin / "01-understanding.yaml")
    assert guides.safety.source == str(builtin / "safety.yaml")
    assert load_guides().step("2").title == "Getting ready"  # nothing is cached


def test_a_clinic_may_replace_the_safety_plan(builtin: Path, tmp_path: Path) -> None:
    custom = write(tmp_path / "clinic", {"safety-plan.yaml": PLAN.replace("calm day", "good day")})
    assert check_dir(custom) == []
    guides = load_guides(custom)
    assert guides.plan.source == str(custom / "safety-plan.yaml")
    assert guides.plan.body == "Write it on a good day.\n"
    assert [step.id for step in guides.steps if step.id == "safety-plan"] == []  # not a step


def test_a_partial_folder_is_checked_with_the_built_in_files(builtin: Path, tmp_path: Path) -> None:
    custom = write(tmp_path / "clinic", {"03-embracing.yaml": step_with("", 3, "understanding")})
    assert [str(p) for p in check_dir(custom)] == [
        f"{custom / '03-embracing.yaml'}:1: step id 'understanding' is also used by "
        "01-understanding.yaml"
    ]


def test_broken_custom_guides_are_refused_with_their_problems(
    builtin: Path, tmp_path: Path
) -> None:
    custom = write(tmp_path / "clinic", {"02-preparing.yaml": step_with("number: 3\n")})
    with pytest.raises(KetaprepError) as raised:
        load_guides(custom)
    lines = raised.value.message.splitlines()
    assert lines[0] == (
        f"The guides in {custom} have 1 problem, so ketaprep will not use them. "
        f"'ketaprep guides check {custom}' lists them all."
    )
    assert lines[1] == f"{custom / '02-preparing.yaml'}:7: duplicate key 'number' (first at line 2)"


def test_a_custom_folder_with_unknown_files_is_refused(builtin: Path, tmp_path: Path) -> None:
    custom = write(tmp_path / "clinic", {"02-prep.yaml": FAQ})
    with pytest.raises(KetaprepError, match=r"has files ketaprep does not know \(02-prep\.yaml\)"):
        load_guides(custom)
    with pytest.raises(KetaprepError, match="does not exist"):
        load_guides(tmp_path / "missing")


def test_unknown_step_names_the_choices(full: Path) -> None:
    guides = load_guides(full)
    assert guides.step("preparing") is guides.step(" 2 ")
    assert guides.step("FAQ").id == "faq"
    with pytest.raises(UsageError) as raised:
        guides.step("7")
    assert raised.value.exit_code == 2
    assert raised.value.message == (
        "There is no step '7'; choose one of: 1, 2, 3, 4, 5, faq "
        "(or a step's name: understanding, preparing, embracing, integrating, maintaining)."
    )
    with pytest.raises(UsageError, match=r"There is no region 'mars'; choose one of: us, uk-ie\."):
        guides.safety.region("mars")


# --- the real built-in guides -----------------------------------------------------


def _real_guides_written() -> bool:
    return all((ROOT / "guides" / name).is_file() for name in GUIDE_FILES)


@pytest.mark.skipif(not _real_guides_written(), reason="guides/*.yaml are not written yet")
def test_the_built_in_guides_load_without_problems() -> None:
    assert check_dir(ROOT / "guides") == []
    guides = load_guides()
    assert [step.number for step in guides.steps] == [1, 2, 3, 4, 5, None]
    assert guides.step("faq").id == "faq"
    assert {"us", "uk-ie"} <= set(guides.safety.region_ids())


def test_an_editable_install_reads_the_repo_guides() -> None:
    packaged = Path(guide_files.__file__).parents[1] / "_guides"  # ketaprep/_guides
    if packaged.is_dir():
        pytest.skip("running from a built wheel")
    assert builtin_dir() == ROOT / "guides"


# --- safety for help-now ----------------------------------------------------------


def test_crisis_help_falls_back_to_the_built_in_lines(builtin: Path, tmp_path: Path) -> None:
    broken = write(tmp_path / "clinic", {"safety.yaml": "intro: [\n"})
    found = crisis_help(broken, "us")
    assert found.safety is not None and found.safety.source == str(builtin / "safety.yaml")
    assert found.regions is not None and [r.id for r in found.regions] == ["us"]
    assert found.notes == (
        f"Your guides in {broken} have a problem, so these are ketaprep's own crisis lines.",
    )
    assert crisis_help(tmp_path / "missing", None).notes[0].startswith("Your guides in")


def test_crisis_help_uses_a_clinic_safety_file(builtin: Path, tmp_path: Path) -> None:
    clinic = write(tmp_path / "clinic", {"safety.yaml": SAFETY.replace("988", "123")})
    found = crisis_help(clinic, None)
    assert found.notes == () and found.regions is None
    assert found.safety is not None and "123" in found.safety.regions[0].lines[0].contact
    assert load_safety(clinic).source == str(clinic / "safety.yaml")


def test_crisis_help_region_from_settings(builtin: Path, ketaprep_home: Path) -> None:
    write(ketaprep_home, {"config.yaml": "region: uk-ie\n"})
    found = crisis_help(None, None)
    assert found.regions is not None and [r.id for r in found.regions] == ["uk-ie"]
    assert crisis_help(None, "us").regions == (found.safety.region("us"),)  # type: ignore[union-attr]
    write(ketaprep_home, {"config.yaml": "region: mars\n"})
    found = crisis_help(None, None)
    assert found.regions is None and found.bad_region is None
    assert found.notes == (
        "The region 'mars' in your settings is not one ketaprep knows, so every region is shown.",
    )


def test_crisis_help_with_an_unknown_region_still_has_every_line(builtin: Path) -> None:
    found = crisis_help(None, "mars")
    assert found.regions is None and found.safety is not None
    assert found.bad_region is not None and found.bad_region.exit_code == 2
    assert "choose one of: us, uk-ie. Every region is shown above." in found.bad_region.message


def test_crisis_help_survives_broken_settings_and_built_in_file(
    builtin: Path, ketaprep_home: Path
) -> None:
    write(ketaprep_home, {"config.yaml": "region: [\n"})
    (builtin / "safety.yaml").write_text("intro: [\n")
    found = crisis_help(None, None)
    assert found.safety is None
    assert found.notes[0].startswith(f"The settings file {ketaprep_home / 'config.yaml'}")
    assert found.notes[-1] == (
        "ketaprep's crisis lines file cannot be read, so here are the main numbers."
    )


# --- settings ---------------------------------------------------------------------


def test_settings_default_to_nothing(ketaprep_home: Path) -> None:
    assert load_config() == Config()
    write(ketaprep_home, {"config.yaml": "# nothing yet\n"})
    assert load_config() == Config()


def test_settings_region_and_guides(ketaprep_home: Path) -> None:
    write(ketaprep_home, {"config.yaml": "region: UK-IE\nguides: clinic\n"})
    assert load_config() == Config(region="uk-ie", guides=ketaprep_home / "clinic")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("region: [\n", "is not valid YAML (line 2)."),
        ("- us\n", "must hold keys like 'region: us'."),
        (
            "colour: blue\n",
            "has a key ketaprep does not know (colour); the keys are region and guides.",
        ),
        ("region: 1\n", "'region' must be some text."),
        (b"region: \xff\n", "cannot be read: it is not UTF-8 text."),
    ],
)
def test_broken_settings_are_one_sentence_naming_the_file(
    ketaprep_home: Path, content: str | bytes, words: str
) -> None:
    path = ketaprep_home / "config.yaml"
    write(ketaprep_home, {"config.yaml": content})
    with pytest.raises(KetaprepError) as raised:
        load_config()
    assert raised.value.message.startswith(f"The settings file {path} ") or (
        raised.value.message.startswith(f"In the settings file {path}, ")
    )
    assert raised.value.message.endswith(words)
    assert "\n" not in raised.value.message


# --- never a crash ----------------------------------------------------------------

YAML_BITS = st.sampled_from(
    [
        "id: ",
        "number: ",
        "items:\n",
        "  - ",
        "type: ",
        "options: ",
        "alert: ",
        "min: ",
        "max: ",
        "labels: ",
        "{",
        "}",
        "[",
        "]",
        ", ",
        ": ",
        "\n",
        "  ",
        "- ",
        "&a ",
        "*a",
        "!!python/name:os.system ",
        "!x ",
        "<<: ",
        "? ",
        "|\n",
        "'",
        '"',
        "~",
        "true",
        "7",
        "-1",
        "2.5",
        "scale",
        "choice",
        "checklist",
        "confirm",
        "list",
        "text",
        "\t",
        "\x00",
        "é",
        "#",
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.lists(YAML_BITS, max_size=40).map("".join),
        st.binary(max_size=200),
        st.lists(st.sampled_from(PREPARING.splitlines(keepends=True)), max_size=60).map("".join),
    )
)
def test_any_file_gives_problems_never_a_crash(content: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder)
        write(path, {"02-preparing.yaml": content})
        problems = check_dir(path)
        assert all(p.file.startswith(folder) for p in problems)
        if not problems:
            load_guides(path)  # clean means it loads
