"""Safe at every step, from answers files: every alert rule of every walk shows the crisis
lines on stdout, keeps every answer and exits 0; the lines are shown once per walk; after
them the closing words leave out the cheerful lines; the self-harm question stores only
what was given.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from cli_helpers import ketaprep, said, write_answers
from danger_sentences import DANGEROUS, EVERYDAY
from ketaprep.guides.files import builtin_dir
from ketaprep.guides.load import load_guides
from ketaprep.store import Entry, open_store
from ketaprep.walks.screens import AFTER_ALERT, LINES_AGAIN

pytestmark = pytest.mark.usefixtures("welcomed")

DANGER_LINE = "If you or someone else is in danger right now"
JOURNAL_CALM: dict[str, object] = {"session": 1, "date": "today", "mood": 6, "anxiety": 3}
PREPARE_CALM: dict[str, object] = {"session": 1, "date": "today", "intentions": ["Rest"]}
CHECKIN_CALM: dict[str, object] = {"win": "I slept", "mood": 6}


def entries(kind: str) -> list[Entry]:
    with open_store() as store:
        return store.entries(kind=kind, include_drafts=True)


def run_walk(
    command: str, answers: dict[str, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """The walk from an answers file; its stdout, after checking it exited 0."""
    path = write_answers(tmp_path, answers, f"{command}.yaml")
    result = ketaprep(command, "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.split())


# Every alert rule in the built-in guides: the walk, an answer meeting it, the guide's words.
RULES = [
    ("prepare", {"mood": 1}, "It sounds like you feel very low right now."),
    ("prepare", {"mood": 0}, "Please call your clinic before the session"),
    ("journal", {"mood": 0}, "It sounds like things are very hard since your session."),
    ("journal", {"mood": 1}, "It sounds like things are very hard since your session."),
    ("journal", {"anxiety": 9}, "That sounds like a lot to hold."),
    ("journal", {"anxiety": 10}, "That sounds like a lot to hold."),
    ("journal", {"safe": "yes"}, "Thank you for telling me."),
    ("journal", {"safe": "not-sure"}, "Thank you for telling me."),
    ("checkin", {"mood": 1}, "It sounds like things are very hard right now."),
    ("checkin", {"safe": "yes"}, "Thank you for telling me."),
    ("checkin", {"safe": "Not sure"}, "Thank you for telling me."),  # a label works too
]
CALM = {"prepare": PREPARE_CALM, "journal": JOURNAL_CALM, "checkin": CHECKIN_CALM}


@pytest.mark.parametrize(("command", "meets", "words"), RULES)
def test_each_rule_shows_the_crisis_lines_keeps_the_answers_and_exits_0(
    command: str,
    meets: dict[str, object],
    words: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = run_walk(command, {**CALM[command], **meets}, tmp_path, monkeypatch)
    assert words in out
    assert out.count(DANGER_LINE) == 1
    assert "Call or text 988" in out and "Samaritans: Call 116 123" in out  # no region: all
    assert out.index(AFTER_ALERT) > out.index(DANGER_LINE)
    [entry] = entries(command)
    assert not entry.is_draft
    [(item_id, value)] = meets.items()
    expected = "not-sure" if value == "Not sure" else value
    assert entry.value(item_id) == expected


@pytest.mark.parametrize("command", ["prepare", "journal", "checkin"])
def test_calm_answers_show_no_crisis_lines(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run_walk(command, {**CALM[command], "safe": "no"} if command != "prepare" else
                   CALM[command], tmp_path, monkeypatch)  # fmt: skip
    assert DANGER_LINE not in out and "988" not in out and AFTER_ALERT not in out


def test_two_rules_in_one_walk_show_the_lines_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run_walk(
        "journal", {**JOURNAL_CALM, "mood": 0, "anxiety": 10, "safe": "yes"}, tmp_path, monkeypatch
    )
    # The block once; each later rule says its own words over a short form of the lines
    # (one line for each region here, as none is set), so "the lines below" stays true.
    assert out.count(DANGER_LINE) == 1 and out.count("Call or text 988") == 3
    for words in (
        "It sounds like things are very hard since your session.",
        "That sounds like a lot to hold.",
        "Thank you for telling me.",
    ):
        assert words in out
    assert out.count(LINES_AGAIN) == 2
    assert out.index(DANGER_LINE) < out.index("That sounds like a lot to hold.")


def test_after_an_alert_the_journal_closes_without_its_cheerful_reminders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reminders = [reminder.text for reminder in load_guides().step("4").reminders]
    assert "Notice your breath. Let what came up settle." in reminders
    calm = run_walk("journal", JOURNAL_CALM, tmp_path, monkeypatch)
    assert all(reminder in calm for reminder in reminders)

    alerted = run_walk("journal", {"session": 2, "date": "today", "mood": 0}, tmp_path,
                       monkeypatch)  # fmt: skip
    assert "Saved: your journal entry for session 2" in alerted
    assert not any(reminder in alerted for reminder in reminders)
    assert "ketaprep breathe" not in alerted


def test_after_an_alert_the_checkin_leaves_out_wins_and_the_rhythm_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calm = run_walk("checkin", CHECKIN_CALM, tmp_path, monkeypatch)
    assert "Read your wins" in calm and "Come back whenever you like" in calm
    alerted = run_walk("checkin", {**CHECKIN_CALM, "safe": "yes"}, tmp_path, monkeypatch)
    assert "Saved: your check-in" in alerted and AFTER_ALERT in alerted
    assert "Read your wins" not in alerted and "checked in twice" not in alerted


def test_after_an_alert_the_session_card_puts_help_first_and_drops_its_reminders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run_walk("prepare", {**PREPARE_CALM, "mood": 0}, tmp_path, monkeypatch)
    card = out[out.index(f"Session 1, {datetime.date.today():%A}") :]
    assert "Before this session, please call your clinic and tell them how you are." in card
    assert "For help right now: ketaprep help-now" in card
    assert card.index("call your clinic") < card.index("• Rest")
    assert "Let it come" not in out and "To remember" not in out


@pytest.mark.parametrize("command", ["journal", "checkin"])
def test_the_self_harm_question_left_out_stores_no_answer(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_walk(command, CALM[command], tmp_path, monkeypatch)
    [entry] = entries(command)
    assert entry.value("safe") is None  # never a "No" that was not given


@pytest.mark.parametrize(("written", "kept"), [(False, "no"), (True, "yes"), ("No", "no")])
def test_yes_and_no_in_an_answers_file_mean_the_options(
    written: object, kept: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_walk("checkin", {**CHECKIN_CALM, "safe": written}, tmp_path, monkeypatch)
    assert entries("checkin")[0].value("safe") == kept


def test_maybe_is_not_an_answer_to_the_self_harm_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_answers(tmp_path, {**CHECKIN_CALM, "safe": "perhaps"})
    result = ketaprep("checkin", "--answers", str(path), monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "'safe' must be one of yes, not-sure, no" in said(result)
    assert entries("checkin") == []


def test_an_old_yes_or_no_to_the_self_harm_question_still_reads_right(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Journals from before kept the question as a yes/no (confirm) answer."""
    question = "Are you having thoughts of harming yourself?"
    with open_store() as store:
        for value in (True, False):
            entry = store.start_entry("checkin", None, "maintaining")
            store.save_answer(entry.id, "safe", "confirm", question, value)
            store.finish_entry(entry.id)
        new = store.start_entry("checkin", None, "maintaining")
        store.save_answer(new.id, "safe", "choice", question, "not-sure")
        store.finish_entry(new.id)
    old_yes, old_no = entries("checkin")[1:][::-1]
    shown = ketaprep("review", "show", old_yes.id, monkeypatch=monkeypatch)
    assert shown.exit_code == 0 and f"{question}\n  Yes" in shown.output
    shown = ketaprep("review", "show", old_no.id, monkeypatch=monkeypatch)
    assert shown.exit_code == 0 and f"{question}\n  No" in shown.output
    shown = ketaprep("review", "show", new.id, monkeypatch=monkeypatch)
    assert shown.exit_code == 0 and f"{question}\n  Not sure" in shown.output
    markdown = ketaprep("export", "--format", "markdown", monkeypatch=monkeypatch).output
    assert markdown.count("> Yes\n") == 1 and markdown.count("> No\n") == 1
    html = ketaprep("export", "--format", "html", monkeypatch=monkeypatch).output
    assert html.count(">Yes<") == 1 and html.count(">No<") == 1


# --- danger phrases in anything typed ----------------------------------------------------

PHRASE_WORDS = "Some of what you wrote sounds like you may be in danger"


@pytest.mark.parametrize("sentence", DANGEROUS)
def test_a_dangerous_sentence_in_an_answers_file_shows_the_lines_and_is_saved_as_written(
    sentence: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run_walk("checkin", {**CHECKIN_CALM, "win": sentence}, tmp_path, monkeypatch)
    assert PHRASE_WORDS in out and out.count(DANGER_LINE) == 1
    [entry] = entries("checkin")
    assert not entry.is_draft and entry.value("win") == sentence
    [shown] = entry.crisis_shown
    assert shown.item_id == "win" and shown.rule.startswith('danger phrase "')


@pytest.mark.parametrize("sentence", EVERYDAY)
def test_an_everyday_sentence_in_an_answers_file_brings_no_crisis_lines(
    sentence: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run_walk("checkin", {**CHECKIN_CALM, "win": sentence}, tmp_path, monkeypatch)
    assert DANGER_LINE not in out and PHRASE_WORDS not in out
    [entry] = entries("checkin")
    assert entry.value("win") == sentence and entry.crisis_shown == ()


@pytest.mark.parametrize(
    ("command", "answers", "item_id"),
    [
        ("journal", {"thoughts": "A long day.\nI want to kill myself."}, "thoughts"),
        ("journal", {"feelings": ["numb", "I want to die"]}, "feelings"),
        ("journal", {"to-share": ["I have pills saved up"]}, "to-share"),
        ("prepare", {"intentions": ["Rest", "Not wake up, I don't want to wake up"]}, "intentions"),
        ("prepare", {"own-questions": ["Is it ok if I overdose?"]}, "own-questions"),
        ("checkin", {"own-practices": ["Cutting myself"]}, "own-practices"),
        ("checkin", {"support": "Nobody. He hits me."}, "support"),
    ],
)
def test_every_typed_answer_of_every_walk_is_checked(
    command: str,
    answers: dict[str, object],
    item_id: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = run_walk(command, {**CALM[command], **answers}, tmp_path, monkeypatch)
    assert PHRASE_WORDS in out and out.count(DANGER_LINE) == 1
    [entry] = entries(command)
    assert entry.value(item_id) == answers[item_id]
    assert [shown.item_id for shown in entry.crisis_shown] == [item_id]


def test_a_danger_phrase_in_an_intention_puts_help_first_on_the_card(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run_walk("prepare", {**PREPARE_CALM, "intentions": ["I want to die"]}, tmp_path,
                   monkeypatch)  # fmt: skip
    assert out.index(DANGER_LINE) < out.index("What I hold in mind")
    card = out[out.index(f"Session 1, {datetime.date.today():%A}") :]
    assert card.index("please call your clinic") < card.index("• I want to die")
    assert "For help right now: ketaprep help-now" in card
    assert "Let it come" not in out and "Kind, trained people" not in out
    assert entries("prepare")[0].value("intentions") == ["I want to die"]


def test_a_phrase_and_a_rule_in_one_walk_show_the_lines_once_and_both_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run_walk(
        "journal",
        {**JOURNAL_CALM, "thoughts": "I want to kill myself. I have pills saved up.",
         "mood": 0, "anxiety": 10},
        tmp_path, monkeypatch,
    )  # fmt: skip
    assert out.count(DANGER_LINE) == 1
    [entry] = entries("journal")
    assert [(s.item_id, s.rule) for s in entry.crisis_shown] == [
        ("thoughts", 'danger phrase "kill myself"'),
        ("mood", "the answer is 1 or less"),
        ("anxiety", "the answer is 9 or more"),
    ]
    assert "Notice your breath" not in out


def journal_with_crisis_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Entry:
    run_walk("journal", {**JOURNAL_CALM, "thoughts": "I wrote a goodbye letter.", "safe": "yes"},
             tmp_path, monkeypatch)  # fmt: skip
    [entry] = entries("journal")
    return entry


def test_review_show_says_crisis_lines_were_shown_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = journal_with_crisis_lines(tmp_path, monkeypatch)
    result = ketaprep("review", "show", entry.id[:8], monkeypatch=monkeypatch)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    at = lines.index("Crisis lines were shown here.")
    assert lines.index("What thoughts have stayed with you since the session?") > at
    assert lines[at + 1].endswith(
        ', after "What thoughts have stayed with you since the session?" '
        '(danger phrase "goodbye letter")'
    )
    assert lines[at + 2].endswith(
        ', after "Are you having thoughts of harming yourself?" (the answer is Yes or Not sure)'
    )
    calm = run_walk("checkin", CHECKIN_CALM, tmp_path, monkeypatch)
    assert "Crisis lines" not in calm
    [checkin] = entries("checkin")
    shown = ketaprep("review", "show", checkin.id, monkeypatch=monkeypatch).output
    assert "Crisis lines were shown here." not in shown and "What is one win" in shown


def test_every_export_says_crisis_lines_were_shown_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal_with_crisis_lines(tmp_path, monkeypatch)
    markdown = ketaprep("export", "--format", "markdown", monkeypatch=monkeypatch).output
    assert "\n**Crisis lines were shown here.**\n" in markdown
    assert '(danger phrase "goodbye letter")' in markdown
    html = ketaprep("export", "--format", "html", monkeypatch=monkeypatch).output
    assert "<strong>Crisis lines were shown here.</strong>" in html
    assert "(danger phrase &quot;goodbye letter&quot;)" in html
    document = json.loads(ketaprep("export", monkeypatch=monkeypatch).output)
    [shown, again] = document["entries"][0]["crisis_lines_shown"]
    assert (shown["item_id"], shown["rule"]) == ("thoughts", 'danger phrase "goodbye letter"')
    assert (again["item_id"], again["rule"]) == ("safe", "the answer is Yes or Not sure")
    assert shown["shown_at"] <= again["shown_at"]
    review = json.loads(ketaprep("review", "--json", "--list", monkeypatch=monkeypatch).output)
    assert review["entries"][0]["crisis_lines_shown"] == [shown, again]


def test_import_brings_back_when_crisis_lines_were_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = journal_with_crisis_lines(tmp_path, monkeypatch)
    exported = tmp_path / "journal.json"
    assert ketaprep("export", "-o", str(exported), monkeypatch=monkeypatch).exit_code == 0
    monkeypatch.setenv("KETAPREP_HOME", str(tmp_path / "elsewhere"))
    result = ketaprep("import", str(exported), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    [imported] = entries("journal")
    assert imported.crisis_shown == entry.crisis_shown and len(imported.crisis_shown) == 2
    again = tmp_path / "again.json"
    assert ketaprep("export", "-o", str(again), monkeypatch=monkeypatch).exit_code == 0
    first, second = (json.loads(path.read_text()) for path in (exported, again))
    assert first["entries"] == second["entries"]


def test_an_export_from_before_without_the_field_still_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_walk("checkin", CHECKIN_CALM, tmp_path, monkeypatch)
    document = json.loads(ketaprep("export", monkeypatch=monkeypatch).output)
    del document["entries"][0]["crisis_lines_shown"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.setenv("KETAPREP_HOME", str(tmp_path / "elsewhere"))
    assert ketaprep("import", str(old), monkeypatch=monkeypatch).exit_code == 0
    assert entries("checkin")[0].crisis_shown == ()


@pytest.mark.parametrize(
    ("shown", "problem"),
    [
        ("soon", "entries[0].crisis_lines_shown: expected a list"),
        ([{"rule": "x", "shown_at": "2026-12-01T10:00:00+00:00"}],
         "entries[0].crisis_lines_shown[0].item_id: is missing"),
        ([{"item_id": "mood", "rule": "x", "shown_at": "noon"}],
         "entries[0].crisis_lines_shown[0].shown_at: expected a time"),
    ],
)  # fmt: skip
def test_a_bad_crisis_record_in_an_import_is_one_sentence(
    shown: object, problem: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_walk("checkin", CHECKIN_CALM, tmp_path, monkeypatch)
    document = json.loads(ketaprep("export", monkeypatch=monkeypatch).output)
    document["entries"][0]["crisis_lines_shown"] = shown
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.setenv("KETAPREP_HOME", str(tmp_path / "elsewhere"))
    result = ketaprep("import", str(bad), monkeypatch=monkeypatch)
    assert result.exit_code == 1
    assert problem in said(result) and "Nothing was imported." in said(result)
    assert "Traceback" not in result.output


# --- the clinic's list -------------------------------------------------------------------

BUILTIN_SAFETY = (Path(str(builtin_dir())) / "safety.yaml").read_text(encoding="utf-8")


def clinic_safety(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "clinic"
    folder.mkdir(exist_ok=True)
    (folder / "safety.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_clinics_own_phrase_brings_the_crisis_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = BUILTIN_SAFETY.replace("    - suicide\n", "    - suicide\n    - the dark place\n", 1)
    folder = clinic_safety(tmp_path, text)
    assert ketaprep("guides", "check", str(folder), monkeypatch=monkeypatch).exit_code == 0
    path = write_answers(tmp_path, {**CHECKIN_CALM, "win": "I was in The Dark  Place"})
    result = ketaprep("--guides", str(folder), "checkin", "--answers", str(path),
                      monkeypatch=monkeypatch)  # fmt: skip
    assert result.exit_code == 0 and PHRASE_WORDS in said(result)
    assert entries("checkin")[0].crisis_shown[0].rule == 'danger phrase "the dark place"'


def test_a_clinics_safety_file_without_phrases_keeps_the_built_in_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = clinic_safety(tmp_path, BUILTIN_SAFETY[: BUILTIN_SAFETY.index("# Words that mean")])
    assert ketaprep("guides", "check", str(folder), monkeypatch=monkeypatch).exit_code == 0
    path = write_answers(tmp_path, {**CHECKIN_CALM, "win": "I want to die"})
    result = ketaprep("--guides", str(folder), "checkin", "--answers", str(path),
                      monkeypatch=monkeypatch)  # fmt: skip
    assert result.exit_code == 0 and PHRASE_WORDS in said(result)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("    - suicidal\n", "    - suicidal\n    - Suicidal\n"),
         "the danger phrase 'Suicidal' repeats the one at line"),
        (("    - suicidal\n",
          "    - suicidal\n    - \"don’t  want to die\"\n    - dont want to die\n"),
         "the danger phrase 'dont want to die' repeats the one at line"),
        (("    - suicidal\n", "    - suicidal\n    - \"no\"\n"),
         "the danger phrase 'no' is too short; it would be found inside everyday words"),
        (("    - suicidal\n", "    - suicidal\n    - \"I'm\"\n"),
         "the danger phrase \"I'm\" is too short"),  # an apostrophe is no letter
        (("    - suicidal\n", "    - suicidal\n    - [kill, myself]\n"),
         "each phrase in 'phrases' must be text, not a list"),
        (("  phrases:\n", "  phrase:\n"), "unknown key 'phrase' in danger_phrases; did you mean"),
    ],
)  # fmt: skip
def test_guides_check_names_each_problem_in_the_list(
    change: tuple[str, str], problem: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = change
    assert old in BUILTIN_SAFETY
    folder = clinic_safety(tmp_path, BUILTIN_SAFETY.replace(old, new, 1))
    result = ketaprep("guides", "check", str(folder), monkeypatch=monkeypatch)
    assert result.exit_code != 0
    assert problem in said(result), said(result)
    assert f"{folder / 'safety.yaml'}:" in result.output  # the file and line named


def test_guides_check_refuses_an_empty_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = BUILTIN_SAFETY.index("  phrases:\n")
    folder = clinic_safety(tmp_path, BUILTIN_SAFETY[:start] + "  phrases: []\n")
    result = ketaprep("guides", "check", str(folder), monkeypatch=monkeypatch)
    assert result.exit_code != 0 and "'phrases' needs at least one phrase" in said(result)
