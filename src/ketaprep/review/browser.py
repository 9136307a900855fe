"""The interactive side of ``ketaprep review``: sessions newest first; open one, open an
entry, search, see trends and wins, go back, quit. Questions go through the Asker of
the ask package (questionary, or numbered lines with ``--plain``), so nothing here talks to
questionary itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ketaprep.ask import Asker, ask_until_valid, asker_for
from ketaprep.console import show_paged, user_text, visible
from ketaprep.guides.model import Item, Option
from ketaprep.review import trends, views
from ketaprep.review.queries import (
    Query,
    ReviewOptions,
    find,
    next_therapist,
    session_lines,
    session_summary,
    wins,
)
from ketaprep.review.session_view import session_card, session_label
from ketaprep.review.views import Block, console_width
from ketaprep.review.words import Labels, entry_label, guide_labels

if TYPE_CHECKING:
    from ketaprep.store import Entry, Store

PAGE = 10  # sessions on one screen
RESULTS = 15  # search results, and entries between sessions, offered to open


def browse(store: Store, options: ReviewOptions, asker: Asker | None = None) -> int:
    """Sessions newest first; open one, open an entry, search, go back, quit.

    Ctrl-C (or the end of input) anywhere closes it calmly.
    """
    browser = _Browser(store, asker or asker_for(options.plain), options)
    try:
        browser.home()
    except (KeyboardInterrupt, EOFError):
        pass
    browser.say("Closed. Take care.")
    return 0


class _Quit(Exception):
    """The person chose Quit."""


class _Browser:
    def __init__(self, store: Store, asker: Asker, options: ReviewOptions) -> None:
        self.store = store
        self.asker = asker
        self.options = options
        self._labels: Labels | None = None

    @property
    def labels(self) -> Labels:
        if self._labels is None:
            self._labels = guide_labels(self.options.guides_dir)
        return self._labels

    def say(self, line: str) -> None:
        self.asker.show(user_text(line))

    def show(self, blocks: list[Block]) -> None:
        if self.options.plain:
            self.asker.show(views.renderable(blocks))
        else:
            show_paged(views.renderable(blocks))

    def choose(self, prompt: str, options: list[tuple[str, str]], default: str) -> str:
        item = Item(
            id="review",
            type="choice",
            prompt=prompt,
            options=tuple(Option(key, visible(label)) for key, label in options),
            required=True,
        )
        answer = ask_until_valid(item, self.asker, default)
        if answer == "quit":
            raise _Quit
        return str(answer)

    def home(self) -> None:
        try:
            self.show(views.browser_heading(self.store.counts(), next_therapist(self.store)))
            lines = session_lines(self.store)
            if not lines:
                self.say("No sessions yet. They appear here after ketaprep prepare or journal.")
            start, default = 0, ""
            while True:
                shown = lines[start : start + PAGE]
                choices = [
                    (f"session-{line.session.number}", session_label(line)) for line in shown
                ]
                if start + PAGE < len(lines):
                    choices.append(("older", "Older sessions"))
                if start:
                    choices.append(("newer", "Newer sessions"))
                choices += [
                    ("between", "Check-ins and entries between sessions"),
                    ("search", "Search what you wrote"),
                    ("trends", "See how you have been over time"),
                    ("wins", "Read your wins"),
                    ("quit", "Quit"),
                ]
                picked = self.choose(
                    "What would you like to look at?", choices, default or choices[0][0]
                )
                default = picked
                if picked == "older":
                    start += PAGE
                    default = ""
                elif picked == "newer":
                    start = max(start - PAGE, 0)
                    default = ""
                elif picked.startswith("session-"):
                    self.session(int(picked.removeprefix("session-")))
                elif picked == "between":
                    self.between()
                elif picked == "search":
                    self.search()
                elif picked == "trends":
                    self.trends()
                elif picked == "wins":
                    self.wins()
        except _Quit:
            return

    def session(self, number: int) -> None:
        summary = session_summary(self.store, number, self.labels)
        self.show(session_card(summary, self.labels))
        entries = summary.entries + summary.checkins[-RESULTS:]  # a menu fits the screen
        self.entries(entries, f"Session {number}: open an entry?", "Back to all sessions")

    def entries(self, entries: list[Entry], prompt: str, back: str) -> None:
        default = ""
        while True:
            choices = [(f"entry-{entry.id}", entry_label(entry, self.labels)) for entry in entries]
            choices += [("back", back), ("quit", "Quit")]
            picked = self.choose(prompt, choices, default or choices[0][0])
            if picked == "back":
                return
            default = picked
            entry = self.store.entry(picked.removeprefix("entry-"))
            self.show(views.entry_card(entry, self.labels))

    def between(self) -> None:
        entries = list(_between_sessions(self.store, RESULTS))
        if not entries:
            self.say("Nothing here yet. Check-ins from ketaprep checkin appear here.")
            return
        self.entries(entries, "The newest entries between sessions:", "Back")

    def search(self) -> None:
        item = Item(
            id="search",
            type="text",
            prompt="Search for:",
            help="A word or a few words. Leave it empty to go back.",
        )
        while True:
            words = ask_until_valid(item, self.asker, None)
            if not isinstance(words, str) or not words.split():
                return
            query = Query(words=words, limit=RESULTS)
            page = find(self.store, query)
            found = list(page.entries)
            self.show(views.search_results(page, query, self.labels))
            if not found:
                continue
            self.entries(found, "Open one of these?", "Search again")

    def trends(self) -> None:
        width = console_width()
        latest = None if self.options.plain else trends.chart_room(width) + 1
        found = trends.points(self.store, latest=latest)
        counts = trends.counts(self.store)
        note = next_therapist(self.store)
        self.show(views.trends_view(found, counts, note, width, self.options.plain))

    def wins(self) -> None:
        found, total = wins(self.store, Query(limit=None))
        self.show(views.wins_view(found, total))


def _between_sessions(store: Store, limit: int) -> Iterator[Entry]:
    return store.iter_entries(no_session=True, include_drafts=True, limit=limit)
