"""``ketaprep review`` through typer's CliRunner: every filter, every view, ``--json``.

Without a terminal and without options, review lists entries (the browser needs a
terminal; see test_pty_review.py).
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cli_helpers import FIXED_DAY, ketaprep, said, write_answers
from ketaprep.cli import app, main
from ketaprep.errors import UsageError
from ketaprep.store import open_store
from review_data import EVIL, EVIL_SHOWN, fill, fill_dated, write

TODAY = FIXED_DAY

pytestmark = [pytest.mark.usefixtures("welcomed"), pytest.mark.fixed_day]


def review(*args: str) -> Result:
    result = CliRunner().invoke(app, ["review", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.output
    return result


def refused(*args: str) -> str:
    result = CliRunner().invoke(app, ["review", *args])
    assert isinstance(result.exception, UsageError), result.output
    return result.exception.message


def as_json(*args: str) -> dict[str, object]:
    document = json.loads(review(*args, "--json").stdout)
    assert isinstance(document, dict)
    assert (document["format"], document["version"]) == ("ketaprep-review", 1)
    return document


def ids(document: dict[str, object]) -> list[str]:
    entries = document["entries"]
    assert isinstance(entries, list)
    return [entry["id"] for entry in entries]


def test_without_a_terminal_or_options_it_lists() -> None:
    made = fill()
    out = review().stdout
    assert out == review("--list").stdout
    lines = out.splitlines()
    assert lines[0].split() == ["Id", "When", "Kind", "Session", "What", "you", "wrote"]
    assert lines[1].startswith(made["checkin2"].id[:8])  # newest first
    assert any(line.startswith(made["draft"].id[:8]) and "(draft)" in line for line in lines)
    assert "7 entries. Read one in full with: ketaprep review show ID" in out


def test_an_empty_journal_says_so_kindly() -> None:
    assert "Nothing written yet." in review("--list").stdout
    assert as_json("--list")["entries"] == []


def test_list_json_has_every_entry_in_the_export_shape() -> None:
    made = fill()
    document = as_json("--list")
    assert document["view"] == "entries"
    assert (document["total"], document["shown"]) == (7, 7)
    assert document["filters"] == {
        "session": None, "kind": None, "since": None, "until": None, "tag": None, "search": None,
    }  # fmt: skip
    assert ids(document)[0] == made["checkin2"].id
    [journal] = [e for e in document["entries"] if e["id"] == made["journal1"].id]  # type: ignore[union-attr]
    assert set(journal) == {
        "id", "kind", "session_number", "guide", "created", "updated", "finished", "draft",
        "answers", "crisis_lines_shown",
    }  # fmt: skip
    assert journal["crisis_lines_shown"] == []
    thoughts = [a for a in journal["answers"] if a["item_id"] == "thoughts"][0]
    assert thoughts["value"] == "Quiet river morning\nsecond line " + EVIL


def test_limit() -> None:
    fill()
    out = review("--limit", "2").stdout
    assert "The newest 2 of 7 entries." in out
    assert len(as_json("--limit", "2")["entries"]) == 2  # type: ignore[arg-type]
    assert as_json("--limit", "0")["shown"] == 7
    assert "--limit" in refused("--limit", "-1")


def test_kind_filter() -> None:
    made = fill()
    assert ids(as_json("--kind", "checkin")) == [made["checkin2"].id, made["checkin1"].id]
    out = review("--kind", "prepare").stdout
    assert "prepare" in out and "checkin" not in out and "journal" not in out
    assert refused("--kind", "diary") == (
        '"diary" is not a kind of entry. Please use prepare, journal, checkin, plan, measure.'
    )


def test_session_filter_lists_with_another_option() -> None:
    made = fill()
    document = as_json("--session", "1", "--list")
    assert ids(document) == [made["journal1b"].id, made["journal1"].id, made["prepare1"].id]
    assert ids(as_json("--session", "2", "--kind", "journal")) == [made["draft"].id]


def test_session_alone_is_its_overview() -> None:
    fill()
    out = review("--session", "1").stdout
    assert out.startswith("Session 1 · ")
    assert "What you hoped for, and what you wrote after" in out
    assert "  1. Be kind to myself\n" in out
    assert "I was, mostly. The river helped." in out
    assert "  2. Feel safe " + EVIL_SHOWN in out
    assert "Mood     before 4   after 6 (" in out
    assert "Is this treatment covered by my insurance?" in out
    assert "Check-ins until session 2" in out
    assert "no session 9" in refused("--session", "9")


def test_session_overview_json() -> None:
    made = fill()
    document = as_json("--session", "1")
    assert document["view"] == "session"
    assert document["session"]["number"] == 1  # type: ignore[index]
    assert document["next_session"]["number"] == 2  # type: ignore[index]
    assert (document["prepared"], document["journalled"]) == (True, True)
    intentions = document["intentions"]
    assert intentions[0]["text"] == "Be kind to myself"  # type: ignore[index]
    assert [note["value"] for note in intentions[0]["journal"]] == [  # type: ignore[index]
        "I was, mostly. The river helped.",
        "Still kinder a week later.",
    ]
    assert intentions[2] == {  # type: ignore[index]
        "number": 3,
        "text": None,
        "journal": [
            {
                "entry_id": made["journal1b"].id,
                "created": intentions[2]["journal"][0]["created"],  # type: ignore[index]
                "value": "Something else came up",
            }
        ],
    }
    mood = document["scales"][0]  # type: ignore[index]
    assert (mood["item_id"], mood["before"]) == ("mood", 4)
    assert [after["value"] for after in mood["after"]] == [6, 7]
    assert document["clinic_questions"][-1] == "Can I bring music? " + EVIL  # type: ignore[index]
    assert [entry["id"] for entry in document["entries"]] == [  # type: ignore[attr-defined]
        made["prepare1"].id, made["journal1"].id, made["journal1b"].id,
    ]  # fmt: skip


def test_since_and_until_take_dates_and_words() -> None:
    made = fill_dated(
        {
            "long ago": TODAY - datetime.timedelta(days=40),
            "last week": TODAY - datetime.timedelta(days=7),
            "yesterday": TODAY - datetime.timedelta(days=1),
        }
    )
    assert ids(as_json("--since", "last week")) == [made["yesterday"].id, made["last week"].id]
    until = (TODAY - datetime.timedelta(days=2)).isoformat()
    assert ids(as_json("--until", until)) == [made["last week"].id, made["long ago"].id]
    assert ids(as_json("--since", "10 days ago", "--until", "2 days ago")) == [made["last week"].id]
    document = as_json("--since", "yesterday")
    assert document["filters"]["since"] == (TODAY - datetime.timedelta(days=1)).isoformat()  # type: ignore[index]
    assert "swap them" in refused("--since", "today", "--until", "last week")
    assert "not a date ketaprep understands" in refused("--since", "someday")


def test_tag_filter() -> None:
    made = fill()
    assert ids(as_json("--tag", "FAMILY")) == [made["journal1"].id]
    assert ids(as_json("--tag", "#hope")) == [made["journal1b"].id]
    out = review("--tag", "river").stdout
    assert made["journal1"].id[:8] in out and "1 entry." in out
    assert "Nothing matches that." in review("--tag", "nowhere").stdout
    assert "Please give a tag" in refused("--tag", " # ")


def test_search_shows_the_matching_answers() -> None:
    made = fill()
    out = review("--search", "river").stdout
    assert "After session 1 · " in out and "Check-in · " in out
    assert "    walked to the river\n" in out
    assert "    Quiet river morning\n" in out
    assert "About feelings?" not in out  # only the answers that hold the words
    assert "2 entries found." in out
    assert ids(as_json("--search", "river", "--kind", "checkin")) == [made["checkin1"].id]
    assert ids(as_json("--search", "river", "--tag", "family")) == [made["journal1"].id]
    assert ids(as_json("--search", "RIV")) == ids(as_json("--search", "river"))
    assert as_json("--search", "river morning")["total"] == 1
    assert "Please give a word" in refused("--search", "  ")


def test_search_for_markup_and_quotes_is_just_words() -> None:
    fill()
    for words in ('"', "[red]", "alarm OR x", "NEAR(a b)", "*"):
        review("--search", words)  # never an error from the search engine
    out = review("--search", "[red]alarm").stdout
    assert EVIL_SHOWN in out


def test_show_an_entry_by_id_or_prefix() -> None:
    made = fill()
    entry = made["journal1"]
    out = review("show", entry.id[:6]).stdout
    assert out.startswith("After session 1 · ")
    assert f"id {entry.id}" in out
    assert "About thoughts?\n  Quiet river morning\n  second line " + EVIL_SHOWN in out
    assert "About feelings?\n  - calm\n  - tender" in out
    assert "About mood?\n  6 of 10" in out
    document = as_json("show", entry.id)
    assert document["view"] == "entry" and document["entry"]["id"] == entry.id  # type: ignore[index]
    assert "a draft, not finished" in review("show", made["draft"].id).stdout
    assert "No entry has the id" in refused("show", "ffffffff")
    assert "at least 4 characters" in refused("show", "ab")
    assert "ketaprep review show ID" in refused("show")
    assert "ketaprep review show ID" in refused("open", "abcd")
    assert "leave out --kind" in refused("show", entry.id, "--kind", "journal")


def test_checklist_answers_show_their_labels() -> None:
    made = fill()
    out = review("show", made["prepare1"].id).stdout
    assert "- Is this treatment covered by my insurance?" in out


def test_wins_newest_first() -> None:
    made = fill()
    out = review("--wins").stdout
    assert out.startswith("Your wins, newest first")
    assert out.index(EVIL_SHOWN) < out.index("walked to the river")
    document = as_json("--wins")
    assert [win["text"] for win in document["wins"]] == [EVIL, "walked to the river"]  # type: ignore[attr-defined]
    assert document["wins"][0]["entry_id"] == made["checkin2"].id  # type: ignore[index]
    assert "The newest 1 of 2 wins." in review("--wins", "--limit", "1").stdout
    assert "leave out --tag" in refused("--wins", "--tag", "x")


def test_no_wins_yet_is_said_kindly() -> None:
    out = review("--wins").stdout
    assert "No wins written yet." in out and "counts too" in out


def test_trends() -> None:
    fill()
    out = review("--trends").stdout
    assert out.startswith("How you have been over time\n")
    assert "Your journal holds 3 sessions and 6 entries." in out
    assert "You have checked in twice in the last 14 days." in out
    assert "Your next check-in with your therapist: " in out
    assert "Mood (0 very low, 10 very good)" in out and trends_legend() in out
    document = as_json("--trends")
    assert document["view"] == "trends"
    points = document["points"]
    assert [p["kind"] for p in points] == [  # type: ignore[attr-defined]
        "prepare", "journal", "journal", "prepare", "checkin", "checkin",
    ]  # fmt: skip
    assert points[0]["mood"] == 4 and points[0]["anxiety"] == 7  # type: ignore[index]
    assert points[2]["anxiety"] is None  # type: ignore[index]
    assert document["counts"]["checkins"] == 2  # type: ignore[index]
    note = document["next_therapist"]
    assert note["text"] == "in 3 days"  # type: ignore[index]
    assert note["day"] == (TODAY + datetime.timedelta(days=3)).isoformat()  # type: ignore[index]
    assert "leave out --kind" in refused("--trends", "--kind", "checkin")
    assert "not both" in refused("--trends", "--wins")


def test_trends_with_nothing_yet() -> None:
    out = review("--trends").stdout
    assert "Nothing to draw yet." in out
    assert "a check-in takes about two minutes" in out
    assert as_json("--trends")["points"] == []


def trends_legend() -> str:
    from ketaprep.review.trends import LEGEND

    return LEGEND


def test_plain_trends_are_sentences() -> None:
    fill()
    result = CliRunner().invoke(app, ["--plain", "review", "--trends"])
    assert result.exit_code == 0
    assert ", before session 1: mood 4, anxiety 7." in result.stdout
    assert "│" not in result.stdout


def test_every_view_shows_what_was_written_as_text() -> None:
    made = fill()
    with open_store() as store:
        write(store, "checkin", None, {"next-therapist": EVIL})
    outputs = [
        review().stdout,
        review("--session", "1").stdout,
        review("--session", "2").stdout,
        review("--search", "alarm").stdout,
        review("--tag", "alarm").stdout,  # not a tag: nothing found, and that is fine
        review("show", made["journal1"].id).stdout,
        review("--wins").stdout,
        review("--trends").stdout,
    ]
    for out in outputs:
        assert "\x1b" not in out
    for out in outputs[1:4] + outputs[5:]:
        assert "[red]alarm[/red] [link=file:///etc]x[/link]" in out, out
    for args in (["--list"], ["--session", "1"], ["--wins"], ["--trends"], ["--search", "alarm"]):
        out = review(*args, "--json").stdout
        assert "\x1b" not in out and "\\u001b[2J" in out, args
        assert "[red]alarm[/red] [link=file:///etc]x[/link] <b>bold</b>" in out


def test_errors_through_main_are_one_sentence_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["ketaprep", "review", "--kind", "diary"])
    with pytest.raises(SystemExit) as done:
        main()
    out, err = capsys.readouterr()
    assert done.value.code == 2
    assert out == ""
    assert " ".join(err.split()) == (
        '"diary" is not a kind of entry. Please use prepare, journal, checkin, plan, measure.'
    )


def test_export_html_through_the_cli(tmp_path: Path) -> None:
    fill()
    target = tmp_path / "journal.html"
    result = CliRunner().invoke(app, ["export", "--format", "html", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "Saved 7 entries to" in result.stdout
    assert target.stat().st_mode & 0o777 == 0o600
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    single = CliRunner().invoke(app, ["export", "--format", "html", "--session", "2"])
    assert "<h2>Session 2: " in single.stdout and "<h2>Session 1: " not in single.stdout


def test_a_session_shows_how_each_intention_went_in_the_persons_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = {
        "session": 1,
        "date": "2026-11-02",
        "intentions": ["Rest", "Be brave"],
        "breathe": False,
    }
    after = {
        "session": 1,
        "intention-1": "touched",
        "intention-1-note": "Near the end [bold]",
        "intention-2": "not-yet",
    }
    assert ketaprep("prepare", "--answers", str(write_answers(tmp_path, before, "b.yaml")),
                    monkeypatch=monkeypatch).exit_code == 0  # fmt: skip
    assert ketaprep("journal", "--answers", str(write_answers(tmp_path, after, "a.yaml")),
                    monkeypatch=monkeypatch).exit_code == 0  # fmt: skip

    shown = said(ketaprep("review", "--session", "1", monkeypatch=monkeypatch))

    assert "1. Rest" in shown and "I touched on it" in shown
    assert "Near the end [bold]" in shown
    assert "2. Be brave" in shown and "Not yet" in shown
    assert "touched:" not in shown and "not-yet" not in shown
