"""``ketaprep where``: the places things are kept, and how much the journal holds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ketaprep.paths import get_paths
from ketaprep.store.database import open_store
from ketaprep.store.locked import is_locked, readable_plan
from ketaprep.vocab import plural


def where_lines(guides_dir: Path | None, builtin_guides: object) -> Iterator[str]:
    """Lines naming the journal, settings and guides (``guides_dir``, the person's own,
    or else the ``builtin_guides`` folder); the journal is opened last, so the places
    are shown even when it cannot be opened."""
    paths = get_paths()
    locked = " (locked with a passphrase)" if is_locked(paths.database) else ""
    yield f"Journal:   {paths.database}{locked}"
    settings_note = "" if paths.config_file.exists() else " (not made yet)"
    yield f"Settings:  {paths.config_file}{settings_note}"
    if guides_dir is not None:
        yield f"Guides:    {guides_dir} (your folder)"
    else:
        yield f"Guides:    built in, from {builtin_guides}"
    with open_store(paths, full_check=True, reading=True) as store:
        counts = store.counts()
    yield (
        f"Kept:      {plural(counts['sessions'], 'session')}, "
        f"{plural(counts['entries'], 'entry', 'entries')}, {plural(counts['drafts'], 'draft')}."
    )
    yield "To back up, copy the journal file while ketaprep is closed."
    if locked:
        yield "A copy of a locked journal opens with the same passphrase."
        plan = readable_plan(paths.database)
        if plan.exists():
            yield f"Plan:      {plan} (your safety plan, readable for help-now, not locked)"
