"""Make the README's pictures of the home screen, ``ketaprep review`` and the page for
a therapist from real runs.

    python scripts/readme_pictures.py [--out docs/pictures]

A throwaway KETAPREP_HOME gets a small made-up journal (three sessions and the
check-ins between them, written through the store), then the real ``ketaprep review``
commands run in this process with a recording rich console, and each screen is saved
as SVG. The page for a therapist is exported for real and photographed by headless
Chromium (Debian's ``chromium``) as PNG. The dates are fixed and the clock is UTC, so a
run gives the same pictures (the home screen, which counts days from today, is taken on
a fixed day after the journal).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import io
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ketaprep.store import Entry

ROOT = Path(__file__).resolve().parents[1]
PICTURES = ROOT / "docs" / "pictures"
WIDTH = 80
UTC = datetime.timezone.utc
HOME_DAY = datetime.datetime(2026, 4, 13, 18, 0, tzinfo=UTC)  # ten days after the last entry

# (file name, title shown on the picture, arguments after ``ketaprep``)
SHOTS = (
    ("home.svg", "ketaprep", []),
    ("review-list.svg", "ketaprep review --list", ["review", "--list"]),
    ("review-session.svg", "ketaprep review --session 2", ["review", "--session", "2"]),
    ("review-search.svg", "ketaprep review --search river", ["review", "--search", "river"]),
    ("review-trends.svg", "ketaprep review --trends", ["review", "--trends"]),
    ("review-wins.svg", "ketaprep review --wins", ["review", "--wins"]),
    ("card.svg", "ketaprep card", ["card", "--session", "3"]),
)


# (file name, arguments after ``ketaprep export``): pages, photographed in Chromium
PAGES = (("therapist-page.png", ["--for-therapist", "--session", "2"]),)
PAGE_DAY = datetime.datetime(2026, 4, 5, 10, tzinfo=UTC)  # "made on" this day


def moment(day: str, hour: int) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def demo_journal() -> None:
    """Three sessions, each prepared and journalled, and check-ins in between."""
    from ketaprep.store import Answer, Entry, Session, open_store

    def entry(kind: str, session: int | None, at: datetime.datetime, **answers: object) -> Entry:
        types = {
            "intentions": "list", "mood": "scale", "anxiety": "scale", "thoughts": "long_text",
            "feelings": "list", "tags": "list", "win": "text", "support": "text",
            "clinic-questions": "checklist", "next-therapist": "text", "to-share": "list",
            "to-remember": "list", "setting": "choice",
        }  # fmt: skip
        guide = {"prepare": "preparing", "journal": "integrating"}.get(kind, "maintaining")
        kept = tuple(
            Answer(
                item.replace("_", "-"),
                types.get(item.replace("_", "-"), "text"),
                QUESTIONS.get(item.replace("_", "-"), item),
                value,  # type: ignore[arg-type]
                at,
            )
            for item, value in answers.items()
        )
        made_up_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"ketaprep-demo/{kind}/{at}"))
        return Entry(made_up_id, kind, session, guide, at, at, at, kept)

    sessions = [
        Session(1, datetime.date(2026, 3, 3), None),
        Session(2, datetime.date(2026, 3, 17), None),
        Session(3, datetime.date(2026, 3, 31), None),
    ]
    entries = [
        entry("prepare", 1, moment("2026-03-02", 19), intentions=["Be kind to myself",
              "Feel safe in my body"], mood=4, anxiety=7, clinic_questions=["driving"]),
        entry("journal", 1, moment("2026-03-03", 20), intention_1="A little. I noticed the "
              "harsh voice and let it pass.", intention_2="Not yet. My chest was tight.",
              thoughts="The music helped. I remembered the river by my grandmother's house.",
              feelings=["tender", "tired"], mood=5, anxiety=5, tags=["family", "river"]),
        entry("checkin", None, moment("2026-03-06", 9), win="Walked to the river and back.",
              support="my sister", mood=5, anxiety=5),
        entry("checkin", None, moment("2026-03-10", 9), win="Slept through the night.",
              mood=6, anxiety=4),
        entry("prepare", 2, moment("2026-03-16", 19), intentions=["Let go of what I carry",
              "Be kind to myself"], mood=5, anxiety=6),
        entry("journal", 2, moment("2026-03-17", 21), intention_1="Something loosened. I "
              "cried, and it was all right.", intention_2="Yes, more than last time.",
              thoughts="I saw the river again, calmer this time.",
              feelings=["relieved", "calm"], to_share=["Why that place keeps coming back to me.",
              "I cried, and for once I did not say sorry for it."], mood=7, anxiety=3,
              tags=["river", "hope"]),
        entry("checkin", None, moment("2026-03-20", 9), win="Called an old friend.",
              mood=6, anxiety=4, next_therapist="2026-03-26"),
        entry("checkin", None, moment("2026-03-24", 9), win="Ten minutes of yoga, twice.",
              mood=7, anxiety=3),
        entry("prepare", 3, moment("2026-03-30", 19), intentions=["Feel close to the people "
              "I love"], setting="clinic", to_remember=["Sam is picking me up at four.",
              "It is okay to cry."], mood=6, anxiety=4),
        entry("journal", 3, moment("2026-03-31", 20), intention_1="I thought of my sister "
              "and felt warm.", thoughts="Quiet. Less to fight with.", feelings=["peaceful"],
              mood=7, anxiety=3, tags=["family"]),
        entry("checkin", None, moment("2026-04-03", 9), win="Made soup with my sister.",
              mood=8, anxiety=2),
    ]  # fmt: skip
    entries += [
        questionnaire_entry("low-mood", moment(day, 10), scores)
        for day, scores in (
            ("2026-03-01", (3, 2, 2, 3, 2, 2, 0)),
            ("2026-03-15", (2, 2, 1, 2, 2, 1, 0)),
            ("2026-03-29", (1, 1, 1, 2, 1, 1, 0)),
            ("2026-04-12", (1, 0, 1, 1, 1, 0, 0)),
        )
    ]
    with open_store() as store:
        store.import_records(sessions, entries)


def questionnaire_entry(name: str, at: datetime.datetime, scores: tuple[int, ...]) -> Entry:
    """A questionnaire taken with these scores: its answers and its results as the walk
    saves them, scored by the real scoring code."""
    from ketaprep.guides.load import load_questionnaires
    from ketaprep.guides.questionnaire import score
    from ketaprep.store import Answer, Entry
    from ketaprep.walks.measure import results

    questionnaire = next(q for q in load_questionnaires() if q.id == name)
    given = {item.id: str(value) for item, value in zip(questionnaire.items, scores, strict=True)}
    kept = [
        Answer(item.id, "choice", item.prompt, given[item.id], at,
               labels={given[item.id]: questionnaire.label(int(given[item.id]))})
        for item in questionnaire.items
    ]  # fmt: skip
    result = score(questionnaire, given)
    kept += [
        Answer(item_id, item_type, words, value, at)
        for item_id, item_type, words, value in results(questionnaire, result)
    ]
    made_up_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"ketaprep-demo/measure/{name}/{at}"))
    return Entry(made_up_id, "measure", None, name, at, at, at, tuple(kept))


QUESTIONS = {
    "intentions": "What would you like to hold in mind during this session?",
    "mood": "How is your mood right now?",
    "anxiety": "How anxious do you feel right now?",
    "clinic-questions": "Which questions would you like to ask your clinic?",
    "intention-1": "How did it go with your first intention?",
    "intention-2": "How did it go with your second intention?",
    "thoughts": "What thoughts have stayed with you since the session?",
    "feelings": "Which feelings came up?",
    "tags": "Any words to help you find this entry later?",
    "to-share": "What would you like to bring to your therapist or support group?",
    "to-remember": "Is there anything you want on your card, to remember?",
    "setting": "Where will this session happen?",
    "win": "What is one win since last time, however small?",
    "support": "Who did you talk to or spend time with?",
    "next-therapist": "When is your next check-in with your therapist?",
}


def shoot(args: list[str], title: str, target: Path) -> None:
    from rich.console import Console

    from ketaprep import console as ketaprep_console
    from ketaprep.cli import app

    # A tall terminal: nothing is paged, every line is in the picture.
    recorder = Console(
        record=True, width=WIDTH, height=2000, force_terminal=True, color_system="truecolor",
        highlight=False, file=io.StringIO(),
    )  # fmt: skip
    ketaprep_console.set_console(recorder)
    try:
        if args:
            app(args, standalone_mode=False)
        else:
            import time_machine  # in the test extras, with everything else this script uses

            # Not a terminal's stdin: the home screen as printed, without its menu.
            with time_machine.travel(HOME_DAY, tick=False), _no_stdin():
                app(args, standalone_mode=False)
    finally:
        ketaprep_console.set_console(None)
    recorder.save_svg(str(target), title=title)


def photograph(args: list[str], target: Path, folder: Path) -> None:
    """``ketaprep export ARGS`` to a page, then a picture of it as a browser shows it."""
    import time_machine

    from ketaprep.cli import app

    page = folder / target.with_suffix(".html").name
    with time_machine.travel(PAGE_DAY):
        app(["export", *args, "-o", str(page), "--force"], standalone_mode=False)
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--window-size=760,900", f"--screenshot={target}", page.as_uri()],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip


@contextlib.contextmanager
def _no_stdin() -> Iterator[None]:
    kept = sys.stdin
    sys.stdin = io.StringIO()
    try:
        yield
    finally:
        sys.stdin = kept


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=PICTURES)
    args = parser.parse_args()
    os.environ["TZ"] = "UTC"
    time.tzset()
    os.environ.pop("NO_COLOR", None)
    with tempfile.TemporaryDirectory(prefix="ketaprep-pictures-") as home:
        os.environ["KETAPREP_HOME"] = home
        (Path(home) / "welcomed").touch()  # no first-run welcome in the pictures
        demo_journal()
        args.out.mkdir(parents=True, exist_ok=True)
        for name, title, command in SHOTS:
            shoot(command, title, args.out / name)
            print(f"wrote {args.out / name}")
        for name, command in PAGES:
            photograph(command, args.out / name, Path(home))
            print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
