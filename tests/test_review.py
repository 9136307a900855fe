"""The review queries, trends and views, on a real store in the test's KETAPREP_HOME."""

from __future__ import annotations

import datetime
import io
import itertools
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence

import pytest
from rich.console import Console, RenderableType

from ketaprep.guides.model import Item
from ketaprep.review import queries as review
from ketaprep.review import session_view, trends
from ketaprep.review import views as review_views
from ketaprep.review.browser import browse as browse_journal
from ketaprep.review.queries import Query
from ketaprep.review.views import Block
from ketaprep.review.words import entry_label, guide_labels
from ketaprep.store import EntryFilter, open_store
from review_data import EVIL, EVIL_SHOWN, add_session, fill, fill_dated, write

TODAY = datetime.date.today()
LABELS = guide_labels(None)
# Words that judge or count a loss; none belongs in what ketaprep says about a rhythm.
SGR = re.compile(r"\x1b\[[0-9;]*m")  # colour and weight only
JUDGING = re.compile(r"\b(missed|miss|broke|broken|lost|lose|fail|failed|only|should|streak)\b")


def terminal_output(blocks: Sequence[Block], width: int = 80) -> str:
    """What a colour terminal would receive, escape codes and all."""
    console = Console(
        file=io.StringIO(), force_terminal=True, color_system="truecolor", width=width
    )
    console.print(review_views.renderable(blocks))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(out, str)
    return out


def assert_shown_as_text(blocks: Sequence[Block]) -> None:
    """The person's markup is on screen as written; their escape codes are not sent."""
    raw = terminal_output(blocks, width=400)
    assert "\x1b[2J" not in raw and "\x1b]8;" not in raw
    for out in (SGR.sub("", raw), review_views.plain(blocks)):
        assert "[red]alarm[/red]" in out
        assert "[link=file:///etc]x[/link]" in out
        assert "\\x1b[2J" in out
        assert "\x1b[2J" not in out
        assert "\x1b]8;" not in out  # no hyperlink was made
        assert "file:///etc" not in out.replace("[link=file:///etc]", "")


# --- queries ---------------------------------------------------------------------------------


def test_find_filters_and_counts() -> None:
    made = fill()
    with open_store() as store:
        everything = review.find(store, Query(limit=None))
        assert everything.total == len(made)  # the draft too
        journals = review.find(store, Query(kind="journal", session=1))
        assert [e.id for e in journals.entries] == [made["journal1b"].id, made["journal1"].id]
        page = review.find(store, Query(limit=2))
        assert (len(page.entries), page.total) == (2, len(made))
        assert page.entries[0].id == made["checkin2"].id  # newest first
        found = review.find(store, Query(words="river", limit=None))
        assert {e.id for e in found.entries} == {made["journal1"].id, made["checkin1"].id}
        drafts = review.find(store, Query(words="lanternfish"))
        assert [e.id for e in drafts.entries] == [made["draft"].id]


def test_tags_match_whole_tags_ignoring_case_and_a_hash() -> None:
    made = fill()
    with open_store() as store:
        for tag in ("family", "FAMILY", "#family", " Family "):
            page = review.find(store, Query(tag=tag))
            # journal1b says "family" in its thoughts, but is tagged "hope": not a match.
            assert [e.id for e in page.entries] == [made["journal1"].id], tag
        assert review.find(store, Query(tag="fam")).total == 0
        assert review.find(store, Query(tag="hope", kind="checkin")).total == 0
        assert review.find(store, Query(tag=EVIL)).total == 2
        both = review.find(store, Query(tag="river", words="quiet"))
        assert [e.id for e in both.entries] == [made["journal1"].id]


def test_tags_without_fts5(monkeypatch: pytest.MonkeyPatch) -> None:
    import ketaprep.store.search

    monkeypatch.setattr(ketaprep.store.search, "USE_FTS5", False)
    made = fill()
    with open_store() as store:
        assert [e.id for e in review.find(store, Query(tag="FAMILY")).entries] == [
            made["journal1"].id
        ]
        assert review.find(store, Query(words="river quiet")).total == 1


def test_dates_narrow_the_list() -> None:
    made = fill_dated(
        {
            "long ago": TODAY - datetime.timedelta(days=40),
            "last week": TODAY - datetime.timedelta(days=7),
            "yesterday": TODAY - datetime.timedelta(days=1),
        }
    )
    with open_store() as store:
        week = review.find(store, Query(since=TODAY - datetime.timedelta(days=8)))
        assert [e.id for e in week.entries] == [made["yesterday"].id, made["last week"].id]
        upto = review.find(store, Query(until=TODAY - datetime.timedelta(days=7)))
        assert [e.id for e in upto.entries] == [made["last week"].id, made["long ago"].id]


def test_a_session_gathers_intentions_scales_questions_and_checkins() -> None:
    made = fill()
    fill_dated({"between": TODAY - datetime.timedelta(days=10)})
    with open_store() as store:
        summary = review.session_summary(store, 1, LABELS)
    assert summary.prepared and summary.journalled
    assert summary.next_session is not None and summary.next_session.number == 2
    first, second, extra = summary.intentions
    assert first.text == "Be kind to myself"
    assert [answer.value for _, answer in first.notes] == [
        "I was, mostly. The river helped.",
        "Still kinder a week later.",
    ]
    assert second.text == "Feel safe " + EVIL
    assert [journal.id for journal, _ in second.notes] == [made["journal1b"].id]
    assert (extra.number, extra.text) == (3, None)
    assert summary.clinic_questions == [
        "Is this treatment covered by my insurance?",
        "How long after a session should I wait before I drive?",
        "Can I bring music? " + EVIL,
    ]
    assert [entry.value("win") for entry in summary.checkins] == ["between"]
    assert [entry.id for entry in summary.entries] == [
        made["prepare1"].id,
        made["journal1"].id,
        made["journal1b"].id,
    ]


def test_a_session_without_entries_and_an_unknown_session() -> None:
    fill()
    with open_store() as store:
        summary = review.session_summary(store, 3)
        assert not summary.prepared and not summary.journalled and summary.intentions == []
        assert summary.next_session is None
        with pytest.raises(review.UsageError, match="no session 9"):
            review.session_summary(store, 9)
        lines = review.session_lines(store)
    assert [line.session.number for line in lines] == [3, 2, 1]
    assert lines[2].kinds == {"prepare": 1, "journal": 2}
    assert lines[1].kinds == {"prepare": 1}  # the draft journal does not count


def test_wins_newest_first_and_blank_ones_left_out() -> None:
    made = fill()
    with open_store() as store:
        write(store, "checkin", None, {"win": "   ", "mood": 5})
        found, total = review.wins(store, Query(limit=None))
        assert [win.entry_id for win in found] == [made["checkin2"].id, made["checkin1"].id]
        assert total == 2
        assert review.wins(store, Query(limit=1))[0][0].text == EVIL


def test_the_next_therapist_checkin() -> None:
    with open_store() as store:
        assert review.next_therapist(store) is None
        write(store, "checkin", None, {"next-therapist": "thursday afternoon"})
        note = review.next_therapist(store)
        assert note is not None and note.text == "thursday afternoon" and note.day is None
        write(store, "checkin", None, {"next-therapist": "in 3 days"})
        note = review.next_therapist(store)
        assert note is not None and note.day == TODAY + datetime.timedelta(days=3)
        # A day that has passed is not "next" any more.
        later = TODAY + datetime.timedelta(days=5)
        assert review.next_therapist(store, today=later) is None


# --- trends ------------------------------------------------------------------------------------


def test_points_follow_time_and_keep_only_numbers() -> None:
    made = fill()
    with open_store() as store:
        found = trends.points(store)
    assert [point.entry_id for point in found] == [
        made[name].id
        for name in ("prepare1", "journal1", "journal1b", "prepare2", "checkin1", "checkin2")
    ]
    assert found[0].values == {"mood": 4, "anxiety": 7}
    assert found[2].values == {"mood": 7}
    assert found[0].describe().endswith("before session 1: mood 4, anxiety 7")


def test_counts_and_a_kind_rhythm_sentence() -> None:
    fill()
    fill_dated({"yesterday": TODAY - datetime.timedelta(days=1)})
    fill_dated({"two days ago": TODAY - datetime.timedelta(days=2)})
    fill_dated({"long ago": TODAY - datetime.timedelta(days=30)})
    with open_store() as store:
        counts = trends.counts(store)
    assert (counts.sessions, counts.checkins, counts.recent_checkins) == (3, 5, 4)
    assert counts.days_in_a_row == 3
    sentence = trends.rhythm_sentence(counts)
    assert sentence == (
        "You have checked in 4 times in the last 14 days. That includes 3 days in a row."
    )


@pytest.mark.parametrize(
    ("checkins", "recent", "row"),
    [(0, 0, 0), (1, 0, 0), (9, 0, 0), (1, 1, 1), (2, 2, 1), (12, 5, 0), (30, 14, 14)],
)
def test_rhythm_sentences_never_judge(checkins: int, recent: int, row: int) -> None:
    sentence = trends.rhythm_sentence(trends.Counts(2, 10, checkins, recent, row))
    assert not JUDGING.search(sentence.lower()), sentence
    assert "ketaprep checkin" in sentence or "checked in" in sentence


def test_days_in_a_row_end_today_or_yesterday() -> None:
    days = {TODAY - datetime.timedelta(days=n) for n in (1, 2, 3, 5)}
    assert trends.days_in_a_row(days, TODAY) == 3
    assert trends.days_in_a_row(days | {TODAY}, TODAY) == 4
    assert trends.days_in_a_row({TODAY - datetime.timedelta(days=2)}, TODAY) == 0


def point(day: int, kind: str, mood: int, anxiety: int, session: int | None = 1) -> trends.Point:
    at = datetime.datetime(2026, 3, day, 12).astimezone()
    return trends.Point(f"id{day}", at, kind, session, {"mood": mood, "anxiety": anxiety})


def test_the_text_chart_puts_a_letter_per_reading() -> None:
    found = [point(1, "prepare", 4, 7), point(2, "journal", 6, 3), point(5, "checkin", 10, 0, None)]
    lines = trends.chart(found, 80).plain.split("\n")
    mood = lines[lines.index("Mood (0 very low, 10 very good)") + 1 :]
    assert mood[0] == " 10 │    c"  # the check-in, third column
    assert mood[4] == "    │  A"  # after the session, at 6
    assert mood[6] == "    │B"  # before it, at 4
    assert "s1" in mood[12] and "1 Mar" in mood[13] and "5 Mar" in mood[13]
    anxiety = lines[lines.index("Anxiety (0 calm, 10 very anxious)") + 1 :]
    assert anxiety[10] == "  0 │    c"
    assert lines[-1] == trends.LEGEND


def test_readings_all_on_one_day_name_the_day_once() -> None:
    found = [point(12, "prepare", 4, 7), point(12, "journal", 6, 3)]
    lines = trends.chart(found, 80).plain.split("\n")
    days = [line for line in lines if "Mar" in line]
    assert days and all(line.split() == ["12", "Mar"] for line in days)


def test_the_text_chart_keeps_the_newest_readings_that_fit() -> None:
    found = [point(1 + n % 28, "checkin", n % 11, 5, None) for n in range(200)]
    text = trends.chart(found, 40)
    assert text.plain.startswith("The latest 35 readings.")
    assert max(len(line) for line in text.plain.split("\n")) <= 40


def test_the_svg_chart_is_well_formed_and_describes_each_mark() -> None:
    found = [point(1, "prepare", 4, 7), point(2, "journal", 6, 3), point(5, "checkin", 10, 0, None)]
    root = ElementTree.fromstring(trends.svg(found))
    assert root.tag.endswith("svg") and root.get("role") == "img"
    titles = [element.text for element in root.iter() if element.tag.endswith("title")]
    assert "1 March 2026, before session 1: mood 4, anxiety 7" in titles
    assert "5 March 2026, check-in: mood 10, anxiety 0" in titles
    polylines = [element for element in root.iter() if element.tag.endswith("polyline")]
    assert len(polylines) == 2
    # Under each panel, the days of the readings.
    days = [element.text for element in root.iter() if element.get("text-anchor") == "middle"]
    assert days == ["1 Mar", "2 Mar", "5 Mar"] * 2


def test_the_svg_chart_says_as_many_days_as_fit_and_always_the_last() -> None:
    found = [point(1 + n % 28, "checkin", n % 11, 5, None) for n in range(60)]
    root = ElementTree.fromstring(trends.svg(found))
    days = [element for element in root.iter() if element.get("text-anchor") == "middle"]
    panel = days[: len(days) // 2]
    assert panel[0].text == "1 Mar" and panel[-1].text == f"{found[-1].at.day} Mar"
    xs = [float(str(day.get("x"))) for day in panel]
    assert 4 <= len(panel) < 60
    assert all(right - left >= 6 * 8 for left, right in itertools.pairwise(xs))  # none touch


# --- views: what a person wrote stays text ---------------------------------------------------


def test_every_view_shows_markup_and_escapes_as_text() -> None:
    made = fill()
    with open_store() as store:
        summary = review.session_summary(store, 1, LABELS)
        summary2 = review.session_summary(store, 2, LABELS)
        page = review.find(store, Query(limit=None))
        found = review.find(store, Query(words="alarm", limit=None))
        wins, total = review.wins(store, Query(limit=None))
        write(store, "checkin", None, {"next-therapist": EVIL})
        note = review.next_therapist(store)
        counts = trends.counts(store)
        points = trends.points(store)
    views = {
        "entry": review_views.entry_card(made["journal1"], LABELS),
        "entry found": review_views.entry_card(made["checkin2"], LABELS, words="alarm"),
        "session": session_view.session_card(summary),
        "session 2": session_view.session_card(summary2),
        "list": review_views.entries_table(page, Query(), 400),
        "search": review_views.search_results(found, Query(words="alarm")),
        "wins": review_views.wins_view(wins, total),
        "trends": review_views.trends_view(points, counts, note, 80, plain=False),
        "heading": review_views.browser_heading({"sessions": 1, "entries": 2}, note),
    }
    for name, blocks in views.items():
        try:
            assert_shown_as_text(blocks)
        except AssertionError as error:
            raise AssertionError(f"the {name} view: {error}") from None


def test_menu_labels_show_controls_as_text() -> None:
    with open_store() as store:
        entry = write(store, "checkin", None, {"win": "\x1b[2J\u202ehi [b]x[/b]"})
    label = entry_label(entry)
    assert label.endswith("· \\x1b[2J\\u202ehi [b]x[/b]")


def test_search_matches_are_styled_not_marked_up() -> None:
    fill()
    with open_store() as store:
        found = review.find(store, Query(words="river"))
    blocks = review_views.search_results(found, Query(words="river"))
    texts = [text for _, text in blocks]
    styled = [
        text.plain[span.start : span.end]
        for text in texts
        for span in text.spans
        if span.style == review_views.HIGHLIGHT
    ]
    assert styled and all(word.lower() == "river" for word in styled)
    out = terminal_output(blocks)
    assert "\x1b[1;7mriver\x1b[0m" in out  # bold reverse, around the word only
    assert "[bold reverse]" not in out


def test_matches_are_found_from_the_start_of_words() -> None:
    pattern = review_views.match_pattern("breath RIV")
    assert pattern is not None
    assert [m.group() for m in pattern.finditer("Breathing by the river, abreath")] == [
        "Breathing",
        "river",
    ]
    assert review_views.match_pattern("   ") is None


def test_plain_lines_for_pipes_keep_indents_and_drop_styles() -> None:
    blocks: list[Block] = [
        (0, review_views.Text("Title", style="bold")),
        (4, review_views.Text("a\nb")),
    ]
    assert review_views.plain(blocks) == "Title\n    a\n    b\n"


def test_the_list_fits_the_width() -> None:
    fill()
    with open_store() as store:
        page = review.find(store, Query())
    for width in (66, 80, 120):  # narrower, each entry is stacked (test_narrow.py)
        lines = review_views.plain(review_views.entries_table(page, Query(), width)).split("\n")
        rows = lines[: lines.index("")]  # the heading and a line per entry; then a note
        assert len(rows) == 1 + page.total
        assert max(len(line) for line in rows) <= width
    assert lines[0].startswith("Id        When              Kind")


def test_labels_fall_back_to_the_built_in_guides(tmp_path: pytest.TempPathFactory) -> None:
    broken = tmp_path / "guides"  # type: ignore[operator]
    broken.mkdir()
    (broken / "faq.yaml").write_text("id: [not, a, guide\n", encoding="utf-8")
    labels = guide_labels(broken)
    assert labels["clinic-questions"]["insurance"].startswith("Is this treatment covered")


def test_the_date_of_a_session_can_be_any_day() -> None:
    add_session(1, datetime.date(2020, 2, 29))
    with open_store() as store:
        summary = review.session_summary(store, 1)
        assert summary.checkins == [] and summary.next_session is None
        assert list(store.entries_with(["mood"], EntryFilter())) == []


def test_the_latest_points_only() -> None:
    made = fill()
    with open_store() as store:
        latest = trends.points(store, latest=2)
        assert [p.entry_id for p in latest] == [made["checkin1"].id, made["checkin2"].id]
        newest = list(store.entries_with(["win"], EntryFilter(), newest_first=True, limit=1))
        assert [entry.id for entry in newest] == [made["checkin2"].id]
        assert [a.item_id for a in newest[0].answers] == ["win"]
        assert list(store.entries_with(["win"], limit=0)) == []


# --- the browser, driven by an Asker that answers from a list -------------------------------


class ListAsker:
    """Gives the answers in order (Ctrl-C when they run out) and keeps what was shown."""

    def __init__(self, *answers: object) -> None:
        self.answers = list(answers)
        self.menus: list[list[str]] = []  # the option ids of each question asked
        self.shown: list[str] = []

    def ask(
        self, item: Item, default: object, partial: object = None, back: bool = False
    ) -> object:
        self.menus.append([option.id for option in item.options])
        if not self.answers:
            raise KeyboardInterrupt
        return self.answers.pop(0)

    def show(self, renderable: RenderableType) -> None:
        console = Console(file=io.StringIO(), width=100)
        console.print(renderable)
        self.shown.append(console.file.getvalue())  # type: ignore[attr-defined]

    def problem(self, item: Item, error: Exception) -> None:
        raise AssertionError(f"{item.id}: {error}")


def browse(*answers: object) -> ListAsker:
    asker = ListAsker(*answers)
    with open_store() as store:
        assert browse_journal(store, review.ReviewOptions(plain=True), asker) == 0
    assert asker.shown[-1].strip() == "Closed. Take care."
    return asker


def test_the_browser_pages_through_many_sessions() -> None:
    for number in range(1, 13):
        add_session(number, TODAY - datetime.timedelta(days=7 * (13 - number)))
    asker = browse("older", "newer", "quit")
    first, older, newer = asker.menus
    assert first[:10] == [f"session-{n}" for n in range(12, 2, -1)]
    assert "older" in first and "newer" not in first
    assert older[:2] == ["session-2", "session-1"] and "newer" in older and "older" not in older
    assert newer == first
    assert "Your journal holds 12 sessions and 0 entries." in asker.shown[0]


def test_the_browser_opens_a_session_and_an_entry() -> None:
    made = fill()
    entry = f"entry-{made['journal1'].id}"
    asker = browse("session-1", entry, "back", "quit")
    assert "What you hoped for, and what you wrote after" in asker.shown[1]
    assert EVIL_SHOWN in asker.shown[1]
    assert "Quiet river morning" in asker.shown[2]
    assert asker.menus[1] == [
        f"entry-{made['prepare1'].id}",
        entry,
        f"entry-{made['journal1b'].id}",
        "back",
        "quit",
    ]


def test_the_browser_searches_until_nothing_is_typed() -> None:
    made = fill()
    asker = browse("search", "nothing like this", "river", f"entry-{made['checkin1'].id}",
                   "back", "", "quit")  # fmt: skip
    assert "Nothing matches that." in asker.shown[1]
    assert "2 entries found." in asker.shown[2]
    assert "walked to the river" in asker.shown[3]


def test_the_browser_between_sessions_wins_and_trends() -> None:
    asker = browse("between", "wins", "trends", "quit")
    assert "No sessions yet." in asker.shown[1]  # said once, not at every menu
    assert "Nothing here yet." in asker.shown[2]
    assert "No wins written yet." in asker.shown[3]
    assert "Nothing to draw yet." in asker.shown[4]
    assert len(asker.shown) == 6
    made = fill()
    asker = browse("between", f"entry-{made['checkin2'].id}", "back", "trends")
    assert EVIL_SHOWN in asker.shown[1]
    assert "before session 1: mood 4, anxiety 7." in asker.shown[2]  # plain: sentences
