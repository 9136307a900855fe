"""``ketaprep guide``: the five steps and the FAQ, to read."""

from __future__ import annotations

import sys
from pathlib import Path

from ketaprep.config import user_guides_dir
from ketaprep.console import get_console, pipe_width, piped, show_paged
from ketaprep.walks.steps_text import steps_text


def run(step: str | None, guides_dir: Path | None) -> None:
    """With no ``step``, a table of them; with a ``step``, that step in full."""
    from ketaprep.guides.load import load_guides  # yaml, when a guide file changed

    guides = load_guides(user_guides_dir(guides_dir))
    text = steps_text(guides, pipe_width()) if step is None and piped() else None
    if text is not None:  # the lines rich would write, without importing rich
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from ketaprep.walks import screens  # rich

    if step is None:
        show_paged(screens.steps_table(guides, get_console().width))
    else:
        show_paged(screens.step_page(guides.step(step)))
