"""The journals the benchmarks run on: a ketaprep journal and a jrnl journal with the
same words, dates and tags, built once per size and kept in a cache.

    python bench/journals.py SIZE FOLDER    (build one: what ``cached`` runs in a child)

A journal of SIZE entries is SIZE - 1 entries written through the store's own bulk
import (``Store.import_records``; about 100 words each, two or three tags, a marker word
in about 1%, a session every 40 entries, all in the past) and one more written by
``ketaprep prepare --answers`` today, with the intention "Rest": so every walk opens as
on an ordinary day (prepare asks which session, journal asks how "Rest" went, checkin
asks its first question). Size 1 is that prepare alone. The jrnl journal holds the same
SIZE - 1 texts.

The cache is keyed by size and by this file's own text, so a change here builds anew;
the benchmarks run on a copy of it, never on the cache itself (the walks may save drafts).
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ketaprep.store import Entry

KETAPREP = Path(sys.executable).parent / "ketaprep"
MARKER = "lanternfish"  # in about 1% of the entries
TAG = "family"  # in about 1 entry of 5
TAGS = (
    "family sleep work hope body grief music nature friends anger fear rest"
).split()  # fmt: skip
WORDS = (
    "breath calm heavy light morning evening sleep walk friend sister brother mother father "
    "fear anger grief relief hope tired rest body chest shoulders hands warm cold safe unsafe "
    "memory house childhood school garden river rain window music song colour blue green "
    "gold quiet noise room therapist session blanket eyes voice soft strong weak today "
    "yesterday tomorrow week slowly again remember forget notice feel felt saw heard wanted "
    "needed tried could would should because after before during while and but so the a of "
    "to in on with for it that this my me I was is am were be been not very little more "
    "less open closed letting go holding on kind gentle patient journal write"
).split()
OWN_PRACTICES = ("a warm bath", "calling my sister", "drawing", "the long walk", "music")
ENTRIES_PER_SESSION = 40
CHUNK = 5_000
FIRST_INTENTION = "Rest"


@dataclass(frozen=True)
class Journal:
    """A working copy: ketaprep's home, and jrnl's journal file and config folder."""

    size: int
    home: Path
    jrnl_home: Path
    jrnl_config: Path

    @property
    def jrnl_file(self) -> Path:
        return self.jrnl_home / "journal.txt"


# --- the words ---------------------------------------------------------------------------


def sentence(rng: random.Random, words: int, marker: bool) -> str:
    chosen = rng.choices(WORDS, k=words)
    if marker:
        chosen[rng.randrange(words)] = MARKER
    return " ".join(chosen).capitalize() + "."


@dataclass(frozen=True)
class Text:
    """One entry's words, written the same way into both journals."""

    created: datetime.datetime
    kind: str
    thoughts: str
    realised: str
    share: list[str]
    tags: list[str]
    mood: int
    anxiety: int


def texts(count: int, rng: random.Random) -> Iterator[Text]:
    start = datetime.datetime(2020, 1, 1, 8, tzinfo=datetime.timezone.utc)
    for index in range(count):
        marked = rng.random() < 0.01
        where = rng.randrange(3)
        yield Text(
            created=start + datetime.timedelta(minutes=17 * index + rng.randrange(10)),
            kind=rng.choice(("prepare", "journal", "checkin")),
            thoughts=sentence(rng, 60, marked and where == 0),
            realised=sentence(rng, 25, marked and where == 1),
            share=[sentence(rng, 5, marked and where == 2 and i == 0) for i in range(3)],
            tags=rng.sample(TAGS, rng.randint(2, 3)),
            mood=rng.randint(0, 10),
            anxiety=rng.randint(0, 10),
        )


def as_entry(text: Text, rng: random.Random, session: int) -> Entry:
    """The text as a finished entry with the guides' own item ids where a walk reads
    them: a prepare's intentions, a check-in's practices and, in one of five, the
    person's own practices."""
    from ketaprep.store import Answer, Entry

    moment = text.created + datetime.timedelta(minutes=5)
    share_id = "intentions" if text.kind == "prepare" else "to-share"
    answers = [
        Answer("thoughts", "long_text", "What thoughts have stayed with you?", text.thoughts,
               moment),
        Answer("realised", "long_text", "Did you realise anything new?", text.realised, moment),
        Answer(share_id, "list", "What would you like to bring to your therapist?", text.share,
               moment),
        Answer("mood", "scale", "How is your mood right now?", text.mood, moment),
        Answer("anxiety", "scale", "How anxious do you feel right now?", text.anxiety, moment),
        Answer("tags", "list", "Any words to help you find this entry later?", text.tags,
               moment),
    ]  # fmt: skip
    if text.kind == "checkin":
        answers.append(
            Answer("practices", "checklist", "Which of these have you done?", ["walk"], moment)
        )
        if text.mood % 5 == 0:
            own = [OWN_PRACTICES[text.anxiety % len(OWN_PRACTICES)]]
            answers.append(Answer("own-practices", "list", "Anything else?", own, moment))
    return Entry(
        id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        kind=text.kind,
        session_number=None if text.kind == "checkin" else session,
        guide={"prepare": "preparing", "journal": "integrating"}.get(text.kind, "maintaining"),
        created=text.created,
        updated=moment,
        finished=moment,
        answers=tuple(answers),
    )


def as_jrnl(text: Text) -> str:
    title = text.thoughts.split(".")[0][:60].rstrip() + "."
    body = "\n".join(
        [text.thoughts, text.realised, *text.share, f"mood {text.mood}, anxiety {text.anxiety}"]
    )
    tags = " ".join(f"@{tag}" for tag in text.tags)
    return f"[{text.created:%Y-%m-%d %H:%M}] {title}\n{body}\n{tags}\n\n"


# --- building ------------------------------------------------------------------------------


def fill(home: Path, count: int, jrnl_file: Path | None = None) -> float:
    """``count`` entries into the ketaprep journal in ``home`` (and the same texts into
    ``jrnl_file``), through the store's bulk import; the seconds it took."""
    from ketaprep.paths import Paths
    from ketaprep.store import Session, open_store

    rng = random.Random(count)
    ids = random.Random(count + 1)
    sessions = max(1, count // ENTRIES_PER_SESSION)
    start = datetime.date(2020, 1, 1)
    days = max(1, count * 17 // (24 * 60))  # the days the entries span
    started = time.perf_counter()
    paths = Paths(home, home)
    with open_store(paths) as store:
        if count:
            store.import_records(
                [Session(n, start + datetime.timedelta(days=(n - 1) * days // sessions), None)
                 for n in range(1, sessions + 1)],
                [],
            )  # fmt: skip
        batch: list[Entry] = []
        with contextlib.ExitStack() as stack:
            jrnl = stack.enter_context(jrnl_file.open("w", encoding="utf-8")) if jrnl_file else None
            for index, text in enumerate(texts(count, rng)):
                batch.append(as_entry(text, ids, index * sessions // max(count, 1) + 1))
                if jrnl:
                    jrnl.write(as_jrnl(text))
                if len(batch) == CHUNK:
                    store.import_records([], batch)
                    batch = []
        store.import_records([], batch)
    paths.welcomed_marker.touch()  # past the first-run welcome, as on an ordinary day
    return time.perf_counter() - started


def seed(home: Path) -> None:
    """Today's prepare, with one intention (see the module's docstring)."""
    answers = home.parent / "answers.yaml"
    answers.write_text(f"intentions: [{FIRST_INTENTION}]\n", encoding="utf-8")
    subprocess.run(
        [str(KETAPREP), "prepare", "--answers", str(answers)],
        env=isolated_env(home),
        check=True,
        capture_output=True,
    )
    answers.unlink()


def isolated_env(home: Path) -> dict[str, str]:
    """The environment of every ketaprep the benchmarks start: its own KETAPREP_HOME,
    HOME and XDG folders beside it (nothing of the person's own), bytecode cached as
    after an install, no NO_COLOR or guides folder from outside."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KETAPREP_", "XDG_"))}
    for name in ("PYTHONDONTWRITEBYTECODE", "NO_COLOR", "PAGER", "MANPAGER"):
        env.pop(name, None)
    outside = home.parent / "outside"
    env.update(
        KETAPREP_HOME=str(home),
        HOME=str(outside),
        XDG_CACHE_HOME=str(outside / "cache"),
        XDG_CONFIG_HOME=str(outside / "config"),
        XDG_DATA_HOME=str(outside / "data"),
    )
    return env


def jrnl_config(config_home: Path, journal: Path) -> None:
    folder = config_home / "jrnl"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: true\n"
        "indent_character: '|'\n"
        f"journals:\n  default:\n    journal: {journal}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
        "timeformat: '%Y-%m-%d %H:%M'\nversion: v4.6\n",
        encoding="utf-8",
    )


def build(size: int, folder: Path) -> Journal:
    journal = layout(size, folder)
    for path in (journal.home, journal.jrnl_home, journal.jrnl_config):
        path.mkdir(parents=True)
    fill(journal.home, max(size - 1, 0), journal.jrnl_file)
    seed(journal.home)
    return journal


def layout(size: int, folder: Path) -> Journal:
    return Journal(size, folder / "ketaprep", folder / "jrnl-home", folder / "jrnl-config")


def cache_key(size: int) -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
    return f"journal-{size}-{digest}"


def cached(size: int, cache: Path) -> Path:
    """The folder of the cached journal of ``size`` entries, built first if needed (in a
    child process, so this one stays small)."""
    folder = cache / cache_key(size)
    if not (folder / "ketaprep" / "ketaprep.db").exists():
        cache.mkdir(parents=True, exist_ok=True)
        print(f"  (building the {size:,}-entry journals in {cache}...)", flush=True)
        building = Path(tempfile.mkdtemp(prefix="building-", dir=cache))
        subprocess.run([sys.executable, __file__, str(size), str(building)], check=True)
        shutil.rmtree(folder, ignore_errors=True)
        building.rename(folder)
    return folder


def working_copy(size: int, cache: Path, work: Path) -> Journal:
    """A fresh copy of the cached journal of ``size`` entries, under ``work``."""
    folder = work / f"journal-{size}"
    shutil.copytree(cached(size, cache), folder)
    journal = layout(size, folder)
    jrnl_config(journal.jrnl_config, journal.jrnl_file)
    return journal


if __name__ == "__main__":
    build(int(sys.argv[1]), Path(sys.argv[2]))
