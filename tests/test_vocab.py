"""The words the code itself reads: counts said with their word, and the kinds of entry."""

from __future__ import annotations

from ketaprep.vocab import KIND_NAMES, KINDS, as_kind, kind_names, plural


def test_plural_says_the_count_and_the_word_for_it() -> None:
    assert plural(1, "entry", "entries") == "1 entry"
    assert plural(0, "entry", "entries") == "0 entries"
    assert plural(2, "session") == "2 sessions"
    assert plural(1, "entry was", "entries were") == "1 entry was"
    assert plural(1204, "entry", "entries") == "1,204 entries"


def test_a_kind_is_known_by_its_text_only() -> None:
    assert KINDS == ("prepare", "journal", "checkin", "plan", "measure")
    assert set(KIND_NAMES) == set(KINDS)
    assert [as_kind(kind) for kind in KINDS] == list(KINDS)
    assert as_kind("Prepare") is None and as_kind(None) is None and as_kind(["plan"]) is None
    assert kind_names("journal").short == "After"
