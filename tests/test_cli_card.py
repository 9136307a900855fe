"""``ketaprep card``: the card from prepare again; and the card in the readable exports.

Journals are made by the real prepare walk from answers files.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from cli_helpers import FIXED_DAY, ketaprep, said, write_answers
from ketaprep.store import open_store
from review_data import add_session, write

pytestmark = [pytest.mark.usefixtures("welcomed"), pytest.mark.fixed_day]

TODAY = FIXED_DAY
OWN = ["It is okay to cry", "[b]Sam[/b] <i>takes</i> me home"]


def prepare(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    session: int,
    day: datetime.date,
    **more: object,
) -> str:
    answers = {
        "session": session, "date": day.isoformat(), "setting": "home", "intentions": ["Rest"],
        "to-remember": OWN, "mood": 5, "anxiety": 5, "breathe": False, **more,
    }  # fmt: skip
    result = ketaprep(
        "prepare", "--answers", str(write_answers(tmp_path, answers, f"p{session}.yaml")),
        monkeypatch=monkeypatch,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.output


def test_before_any_prepare_there_is_no_card_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    result = ketaprep("card", monkeypatch=monkeypatch)
    assert result.exit_code == 0
    assert said(result) == (
        "There is no card yet. It is made when you get ready for a session: ketaprep prepare"
    )


def test_the_card_again_is_the_card_prepare_showed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tomorrow = TODAY + datetime.timedelta(days=1)
    shown_by_prepare = prepare(tmp_path, monkeypatch, 1, tomorrow)
    result = ketaprep("card", monkeypatch=monkeypatch)
    assert result.exit_code == 0
    card = result.output
    assert card.strip() and card.strip() in shown_by_prepare
    assert f"Session 1, {tomorrow:%A} {tomorrow.day} {tomorrow:%B %Y}" in card
    remember = card[card.index("To remember") :]
    # Their own lines first, as typed; then step 3's, fitting a session at home.
    sam = remember.index(f"• {OWN[1]}")
    assert remember.index(f"• {OWN[0]}") < sam < remember.index("Let it come.")
    assert "The person with you is there to help." in remember
    assert "Kind, trained people are close by." not in card
    assert "• Rest" in card[: card.index("To remember")]


def test_plain_the_card_is_lines_to_be_read_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare(tmp_path, monkeypatch, 1, TODAY)
    result = ketaprep("--plain", "card", "--session", "1", monkeypatch=monkeypatch)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert "╭" not in result.output and "•" not in result.output
    start = lines.index("To remember")
    assert lines[start + 1 : start + 3] == [f"  - {OWN[0]}", f"  - {OWN[1]}"]


def test_the_next_session_got_ready_for_comes_first_else_the_latest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare(tmp_path, monkeypatch, 1, TODAY - datetime.timedelta(days=20), intentions=["First"])
    prepare(tmp_path, monkeypatch, 2, TODAY - datetime.timedelta(days=6), intentions=["Second"])
    add_session(4, TODAY + datetime.timedelta(days=2))  # not got ready for: no card
    assert "• Second" in ketaprep("card", monkeypatch=monkeypatch).output
    prepare(tmp_path, monkeypatch, 3, TODAY + datetime.timedelta(days=9), intentions=["Third"])
    assert "• Third" in ketaprep("card", monkeypatch=monkeypatch).output
    assert "• First" in ketaprep("card", "--session", "1", monkeypatch=monkeypatch).output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--session", "9"), "There is no session 9 in your journal."),
        (
            ("--session", "4"),
            "Session 4 has no card yet: you have not got ready for it with ketaprep. "
            "To make one: ketaprep prepare --session 4",
        ),
    ],
)
def test_a_session_without_a_card_is_one_sentence(
    monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], message: str
) -> None:
    add_session(4, TODAY)
    result = ketaprep("card", *args, monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert said(result) == message


def test_a_danger_phrase_in_an_own_line_brings_help_and_stays_on_the_card(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = prepare(tmp_path, monkeypatch, 1, TODAY, **{"to-remember": ["I want to die"]})
    assert "You do not have to face this alone." in " ".join(output.split())
    with open_store() as store:
        [entry] = store.entries(kind="prepare")
    assert [(shown.item_id, shown.rule) for shown in entry.crisis_shown] == [
        ("to-remember", 'danger phrase "want to die"')
    ]
    card = ketaprep("card", monkeypatch=monkeypatch).output
    assert card.index("please call your clinic") < card.index("• I want to die")
    assert "For help right now: ketaprep help-now" in card
    assert "Let it come." not in card  # step 3's reminders are left out after an alert


def test_a_card_from_a_draft_says_it_is_not_finished(monkeypatch: pytest.MonkeyPatch) -> None:
    add_session(2, TODAY)
    with open_store() as store:
        write(store, "prepare", 2, {"intentions": ["Half way"]}, finish=False)
    result = ketaprep("card", monkeypatch=monkeypatch)
    assert result.exit_code == 0
    assert "• Half way" in result.output
    assert said(result).endswith(
        "You have not finished getting ready for session 2. "
        "To carry on: ketaprep prepare --session 2"
    )


def test_the_card_shows_even_when_the_guides_given_cannot_be_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare(tmp_path, monkeypatch, 1, TODAY)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "03-embracing.yaml").write_text("id: [not, closed\n", encoding="utf-8")
    result = ketaprep("--guides", str(broken), "card", monkeypatch=monkeypatch)
    assert result.exit_code == 0
    assert "• It is okay to cry" in result.output and "Let it come." in result.output


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_card_is_in_the_readable_exports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    prepare(tmp_path, monkeypatch, 1, TODAY)
    result = ketaprep("export", "--format", fmt, monkeypatch=monkeypatch)
    assert result.exit_code == 0
    out = result.output
    session, card, entry = (out.index(f"Session 1: {TODAY.day}"), out.index("My card"),
                            out.index("Before a session:"))  # fmt: skip
    assert session < card < entry  # under the session's heading, before its entries
    shown = out[card:entry]
    if fmt == "markdown":
        sam = "\\[b\\]Sam\\[/b\\] \\<i\\>takes\\</i\\> me home"
        assert f"- It is okay to cry\n- {sam}\n- Let" in shown
    else:
        assert '<li class="text">[b]Sam[/b] &lt;i&gt;takes&lt;/i&gt; me home</li>' in shown
        assert "<b>" not in out
    assert "The person with you is there to help." in shown
