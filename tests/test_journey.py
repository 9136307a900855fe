"""The journey walked by hand: what hurt a person new to terminals, pinned (CliRunner)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cli_helpers import ketaprep, said, write_answers
from ketaprep.store import open_store

pytestmark = pytest.mark.usefixtures("welcomed")

CALM: dict[str, object] = {"win": "I went outside", "mood": 5, "anxiety": 4, "safe": "no"}
DANGER = "Nothing. I want to end my life"


def checkin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, win: str, name: str) -> str:
    answers = write_answers(tmp_path, {**CALM, "win": win}, name)
    result = ketaprep("checkin", "--answers", str(answers), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    return said(result)


def test_a_win_in_words_of_danger_is_kept_but_not_read_back_as_a_win(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check-in ended "Your win: - Nothing. I want to end my life", and review --wins
    put it under "Every one of these happened."."""
    calm = checkin(tmp_path, monkeypatch, "I went outside", "calm.yaml")
    assert "Your win: - I went outside" in calm
    out = checkin(tmp_path, monkeypatch, DANGER, "danger.yaml")
    assert "988" in out  # the crisis lines were shown
    assert "Your win" not in out and DANGER not in out.split("Saved:")[-1]
    with open_store() as store:
        entries = store.entries(kind="checkin")
    assert sorted(str(entry.value("win")) for entry in entries) == sorted(
        ["I went outside", DANGER]
    )  # kept as written
    wins = ketaprep("review", "--wins", monkeypatch=monkeypatch)
    assert wins.exit_code == 0, wins.output
    assert "I went outside" in wins.output and "end my life" not in wins.output
    shown = ketaprep("review", "--list", monkeypatch=monkeypatch)
    assert "end my life" in shown.output  # still there, in the entry


def test_a_second_alert_in_a_walk_shows_the_persons_own_plan_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first alert showed "From your safety plan"; the second (mood 0 after a danger
    phrase) only the public lines."""
    plan = write_answers(tmp_path, {"people": ["Ana: 555 0199"], "coping": ["Slow breathing"]})
    made = ketaprep("plan", "--answers", str(plan), monkeypatch=monkeypatch)
    assert made.exit_code == 0, made.output
    both = write_answers(tmp_path, {**CALM, "win": DANGER, "mood": 0}, "both.yaml")
    result = ketaprep("checkin", "--answers", str(both), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    out = said(result)
    second = out.index("It sounds like things are very hard right now.")
    for part in (out[:second], out[second:]):
        assert "From your safety plan" in part
        assert "People you can ask: Ana: 555 0199" in part
        assert part.index("Ana: 555 0199") < part.index("Call or text 988")


def test_the_cards_ideas_name_no_one() -> None:
    """The card offered "Sam is taking me home after" to tick: a line about someone the
    person may not know, put on their card as if they had said it."""
    from ketaprep.guides.load import load_guides

    ideas = load_guides().step("2").item("to-remember").examples
    assert ideas and not [idea for idea in ideas if "Sam" in idea.split()]
    assert "Someone I trust is taking me home after" in ideas


def test_the_trends_days_do_not_run_together_under_a_short_chart() -> None:
    """Two readings a day apart made the axis "12 Mar 13 Mar", one date running into
    the next, past the end of a four-column chart."""
    import datetime

    from rich.console import Console

    from ketaprep.review.trends import Point, chart

    def point(day: int, kind: str, session: int | None) -> Point:
        at = datetime.datetime(2026, 3, day, 18)
        return Point(f"id{day}", at, kind, session, {"mood": 5, "anxiety": 4})  # type: ignore[arg-type]

    console = Console(width=80)
    for found, days in (
        ([point(12, "prepare", 1), point(13, "journal", 1)], "12 Mar to 13 Mar"),
        ([point(12, "prepare", 1), point(12, "journal", 1)], "12 Mar"),
    ):
        with console.capture() as captured:
            console.print(chart(found, 80))
        rows = [row.strip() for row in captured.get().splitlines()]
        assert rows.count(days) == 2  # under each scale's chart
        assert "12 Mar 12 Mar" not in rows and "12 Mar 13 Mar" not in rows


def test_plain_says_when_enter_skips_a_choice_or_a_scale() -> None:
    """In --plain, enter skipped "Where will this session happen?" (and an optional
    scale) without saying it would: the line said only "Type the number of your choice."."""
    import io

    from rich.console import Console

    from ketaprep.ask.plain import PlainAsker
    from ketaprep.guides.model import Item, Option

    place = Item(
        id="place",
        type="choice",
        prompt="Where?",
        options=(Option("home", "At home"), Option("clinic", "At the clinic")),
    )
    mood = Item(id="mood", type="scale", prompt="Mood?", min=0, max=10)
    for item, must in ((place, False), (mood, False), (replace(place, required=True), True)):
        out = io.StringIO()
        asker = PlainAsker(Console(file=out, width=80, color_system=None), read=lambda _: "")
        assert asker.ask(item, None, lambda _: None) is None
        assert ("Press enter to skip this question." in out.getvalue()) is not must


def test_no_command_is_cut_short_in_the_help_at_80_columns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The crisis command read "help-now  Crisis lines to call or text right now, with
    your own safety..." in ketaprep --help."""
    monkeypatch.setenv("COLUMNS", "80")
    result = ketaprep("--help", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    commands = result.output.split("Commands:")[1].splitlines()
    assert any(line.startswith("  help-now  ") for line in commands)
    assert [line for line in commands if line.rstrip().endswith("...")] == []


def test_the_home_screen_does_not_quote_an_entry_the_crisis_help_was_shown_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain ketaprep opened on 'Last written today, check-in: "Nothing. I want to end
    my life"', every time."""
    checkin(tmp_path, monkeypatch, DANGER, "danger.yaml")
    home = ketaprep(monkeypatch=monkeypatch)
    assert home.exit_code == 0, home.output
    assert "Last written today, check-in" in home.output
    assert "end my life" not in home.output
    assert "ketaprep help-now" in home.output
    checkin(tmp_path, monkeypatch, "I went outside", "calm.yaml")
    home = ketaprep(monkeypatch=monkeypatch)
    assert 'Last written today, check-in: "I went outside"' in home.output


def test_enter_alone_at_which_day_asks_for_the_day_in_its_own_words() -> None:
    """Enter alone at "Which day was the session?" said "Please write a few words."."""
    import datetime
    import io

    from rich.console import Console

    from ketaprep.ask.plain import PlainAsker
    from ketaprep.walks.which_session import ask_day

    typed = iter(["", "yesterday"])
    out = io.StringIO()
    asker = PlainAsker(Console(file=out, width=80, color_system=None), read=lambda _: next(typed))
    today = datetime.date(2026, 12, 2)
    day = ask_day(asker, "Which day was the session?", "past", today)
    assert day == datetime.date(2026, 12, 1)
    said = " ".join(out.getvalue().split())
    assert "Please type the day, like 2026-12-01, yesterday or friday." in said
    assert "a few words" not in said
