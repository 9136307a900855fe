"""Text typed under a C locale: a byte that is not UTF-8 is kept as U+FFFD, and the
journal stays readable (it used to be stored as a lone surrogate that broke review)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketaprep.store import open_store
from pty_helpers import CTRL_C, ENTER, Terminal

pytestmark = [pytest.mark.pty, pytest.mark.usefixtures("welcomed")]


def test_a_byte_that_is_not_utf8_is_kept_as_a_replacement_character(ketaprep_home: Path) -> None:
    with Terminal(
        "--plain", "checkin", home=ketaprep_home, env={"LANG": "C", "LC_ALL": "C"}
    ) as term:
        term.wait_for("Press enter for none.")
        term.send(ENTER)  # no practices
        term.wait_for("An empty line finishes.")
        term.send(ENTER)  # nothing of my own
        term.wait_for("Who did you talk to or spend time with?")
        term.child.send(b"my sister \xff here")
        term.send(ENTER)
        term.wait_for("When is your next check-in with your therapist?")
        term.send(CTRL_C)
        term.wait_for("kept. Run ketaprep checkin to carry on")
        assert term.wait_exit() == 130
    with open_store() as store:
        (draft,) = store.drafts("checkin")
    assert draft.value("support") == "my sister \ufffd here"
    with Terminal("review", "--list", home=ketaprep_home, env={"LANG": "C", "LC_ALL": "C"}) as term:
        term.wait_for("1 entry.")
        assert "my sister \ufffd here" in term.screen_text()
        assert term.wait_exit() == 0
        assert "Something went wrong" not in term.all_output()
