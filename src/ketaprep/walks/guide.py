"""``ketaprep guide``: the five steps and the FAQ, to read."""

from __future__ import annotations

from pathlib import Path

from ketaprep.config import user_guides_dir
from ketaprep.console import get_console, show_paged


def run(step: str | None, guides_dir: Path | None) -> None:
    """With no ``step``, a table of them; with a ``step``, that step in full."""
    from ketaprep.guides.load import load_guides  # yaml
    from ketaprep.walks import screens  # rich

    guides = load_guides(user_guides_dir(guides_dir))
    if step is None:
        show_paged(screens.steps_table(guides, get_console().width))
    else:
        show_paged(screens.step_page(guides.step(step)))
