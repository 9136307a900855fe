"""Narrow screens, plain words: review's list stacked, counts that fit their words."""

from __future__ import annotations

import io
import os

import pytest
from rich.console import Console

from cli_helpers import ketaprep
from ketaprep.answers import AnswerValue
from ketaprep.ask.plain import PlainAsker
from ketaprep.console import LESS_PROMPT, pager_keys
from ketaprep.dates import minute_stamp
from ketaprep.guides.model import Item, Option
from ketaprep.review import queries as review
from ketaprep.review import views as review_views
from ketaprep.review.queries import Query
from ketaprep.store import open_store
from ketaprep.vocab import plural
from ketaprep.walks.breathe import Pace, breathe
from review_data import fill, write

pytestmark = pytest.mark.usefixtures("welcomed")

LONG = (
    "I was softer with myself than I expected, and the garden came back to me twice. "
    "My sister's voice was there too, calm and slow, and I let it stay."
)


def test_plural_fits_the_word_to_the_count() -> None:
    assert [plural(n, "round") for n in (0, 1, 2)] == ["0 rounds", "1 round", "2 rounds"]
    assert plural(1, "entry", "entries") == "1 entry"
    assert plural(1204, "entry", "entries") == "1,204 entries"


def stacked(width: int) -> list[str]:
    with open_store() as store:
        page = review.find(store, Query())
    return review_views.plain(review_views.entries_table(page, Query(), width)).splitlines()


@pytest.mark.parametrize("width", [40, 65])
def test_a_narrow_list_stacks_each_entry(width: int) -> None:
    made = fill()
    with open_store() as store:
        long = write(store, "journal", 2, {"thoughts": LONG})
    lines = stacked(width)
    assert max(len(line) for line in lines[:-1]) <= width  # the last line: the hint
    assert not any(line.startswith("Id ") for line in lines)  # no columns heading
    at = lines.index(f"{long.id[:8]}  {minute_stamp(long.created)}")
    assert lines[at + 1] == "journal, session 2"
    words = lines[at + 2 : lines.index("", at)]
    assert len(words) == 2 and all(line.startswith("  ") for line in words)
    assert words[1].endswith("…")  # cut after two lines, and says so
    assert " ".join(line.strip() for line in words).rstrip("…").strip() in LONG
    checkin = made["checkin1"]
    at = lines.index(f"{checkin.id[:8]}  {minute_stamp(checkin.created)}")
    assert lines[at + 1 : at + 4] == ["checkin", "  walked to the river", ""]
    assert lines[-1] == "8 entries. Read one in full with: ketaprep review show ID"


def test_a_wide_list_keeps_its_columns() -> None:
    fill()
    lines = stacked(80)
    assert lines[0].split() == ["Id", "When", "Kind", "Session", "What", "you", "wrote"]
    assert max(len(line) for line in lines) <= 80


def test_review_list_stacks_in_a_pipe_40_columns_wide(monkeypatch: pytest.MonkeyPatch) -> None:
    fill()
    monkeypatch.setenv("COLUMNS", "40")
    result = ketaprep("review", "--list", monkeypatch=monkeypatch)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert "journal, session 1" in lines and "prepare, session 2" in lines
    assert not any(line.startswith("Id ") for line in lines)


READY = Item(
    id="ready",
    type="checklist",
    prompt="Which of these have you done?",
    options=(Option("ride", "A ride home."), Option("food", "Food rule."), Option("rest", "Rest.")),
)


@pytest.mark.parametrize(
    ("ticked", "none"), [(None, "Press enter for none."), (["food"], "Type 0 for none.")]
)
def test_plain_checklist_help_and_slip_say_the_same_way_to_none(
    ticked: AnswerValue, none: str
) -> None:
    lines = ["9", "0" if ticked else ""]
    out = io.StringIO()

    def read(prompt: str) -> str:
        return lines.pop(0)

    asker = PlainAsker(Console(file=out, width=80, color_system=None), read=read)
    assert asker.ask(READY, ticked) == []
    said = out.getvalue().splitlines()
    help_line = next(line for line in said if line.startswith("Press enter") or line == none)
    assert help_line.endswith(none)
    assert "Please type numbers from 1 to 3. " + none in said
    assert sum(none in line for line in said) == 2


@pytest.mark.parametrize(("rounds", "said"), [(1, "for 1 round:"), (3, "for 3 rounds:")])
def test_breathe_counts_its_rounds_in_words_that_fit(rounds: int, said: str) -> None:
    out = io.StringIO()  # no second really passes: conftest records the sleeps
    breathe(Pace(rounds, 1, 1), console=Console(file=out, width=200))
    assert said in out.getvalue()


@pytest.mark.parametrize("theirs", [None, "", "-i -PsMine$"])
def test_less_gets_a_prompt_naming_its_keys_and_the_persons_own_options_after_it(
    theirs: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if theirs is None:
        monkeypatch.delenv("LESS", raising=False)
    else:
        monkeypatch.setenv("LESS", theirs)
    with pager_keys("less"):
        inside = os.environ["LESS"]
    assert inside.startswith(f"-R {LESS_PROMPT}")  # theirs come later, so theirs win
    assert inside.endswith(theirs or LESS_PROMPT)
    assert os.environ.get("LESS") == theirs  # as it was, for whatever runs next
    with pager_keys("most"):
        assert os.environ.get("LESS") == theirs  # another pager: LESS is not ours to set


def test_errors_stay_on_one_line_outside_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    result = ketaprep("guide", "9", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    [line] = result.output.splitlines()  # to read, search or copy whole
    assert line.startswith("There is no step '9'") and "understanding, preparing" in line
