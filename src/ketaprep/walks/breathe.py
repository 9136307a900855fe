"""A short paced breathing practice: breathe in for a count, out for a longer count.

The count is written one number a second on the same line, with no cursor movement,
so it reads the same in a plain terminal or through a screen reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from time import sleep  # looked up at each second: the tests put a recorder here
from typing import TYPE_CHECKING

from ketaprep.console import get_console
from ketaprep.errors import UsageError
from ketaprep.vocab import plural

if TYPE_CHECKING:
    from rich.console import Console

STOPPED = "Stopped. That is fine. Your breath is there for you whenever you need it."


@dataclass(frozen=True)
class Pace:
    rounds: int = 4
    breathe_in: int = 4  # seconds
    breathe_out: int = 6

    def check(self) -> Pace:
        if not 1 <= self.rounds <= 30:
            raise UsageError("Please choose from 1 to 30 rounds.")
        for name, seconds in (("--in", self.breathe_in), ("--out", self.breathe_out)):
            if not 1 <= seconds <= 20:
                raise UsageError(f"Please give {name} a number of seconds from 1 to 20.")
        return self


def breathe(
    pace: Pace = Pace(),
    *,
    console: Console | None = None,
) -> None:
    """Lead the rounds. KeyboardInterrupt is left to the caller, which says a kind word."""
    console = console or get_console()
    console.print(
        f"Let's breathe together for {plural(pace.rounds, 'round')}: in through your nose for "
        f"{pace.breathe_in}, then slowly out for {pace.breathe_out}. "
        "Press Ctrl-C to stop at any time.",
        markup=False,
        highlight=False,
    )
    for round_number in range(1, pace.rounds + 1):
        console.print(f"\nRound {round_number} of {pace.rounds}", style="bold", markup=False)
        _count(console, "  Breathe in  ", pace.breathe_in, "cyan")
        _count(console, "  Breathe out ", pace.breathe_out, "blue")
    console.print(
        "\nThat is the end of the practice. Take a moment to notice how you feel.", markup=False
    )


def practice(pace: Pace = Pace(), *, console: Console | None = None) -> bool:
    """The practice with a gentle stop on Ctrl-C; True when every round was done."""
    console = console or get_console()
    try:
        breathe(pace.check(), console=console)
    except KeyboardInterrupt:
        console.print()
        console.print(STOPPED, markup=False)
        return False
    return True


def _count(console: Console, label: str, seconds: int, style: str) -> None:
    console.print(label, style=style, end="", markup=False)
    for number in range(1, seconds + 1):
        console.print(f" {number}", style=style, end="", markup=False)
        console.file.flush()
        sleep(1)
    console.print()
