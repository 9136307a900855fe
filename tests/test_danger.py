"""Danger phrases: the matching rules, and the built-in list against two lists of sentences."""

from __future__ import annotations

import pytest

from danger_sentences import DANGEROUS, EVERYDAY
from ketaprep.guides.load import load_guides
from ketaprep.guides.model import Item
from ketaprep.guides.safety import normalised, phrase_in
from ketaprep.walks.engine import alerts_met

PHRASES = load_guides().safety.danger


def test_the_lists_are_long_enough_and_do_not_overlap() -> None:
    assert len(DANGEROUS) >= 40 and len(EVERYDAY) >= 40
    assert not set(DANGEROUS) & set(EVERYDAY)
    assert PHRASES is not None and len(PHRASES.phrases) >= 40


@pytest.mark.parametrize("sentence", DANGEROUS)
def test_a_dangerous_sentence_is_found(sentence: str) -> None:
    assert PHRASES is not None
    assert phrase_in(PHRASES.phrases, [sentence]) is not None


@pytest.mark.parametrize("sentence", EVERYDAY)
def test_an_everyday_sentence_is_not(sentence: str) -> None:
    assert PHRASES is not None
    assert phrase_in(PHRASES.phrases, [sentence]) is None


@pytest.mark.parametrize(
    "text",
    [
        "I want to KILL MYSELF",
        "i want to kill\tmyself",
        "kill\n  myself",
        "(kill myself)",
        "kill myself.",
    ],
)
def test_any_case_any_spacing_and_punctuation_around(text: str) -> None:
    assert phrase_in(["kill myself"], [text]) == "kill myself"


@pytest.mark.parametrize("text", ["skill myselfie", "overkill myself", "killmyself"])
def test_only_whole_words_match(text: str) -> None:
    assert phrase_in(["kill myself"], [text]) is None


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u2018", "\u02bc", ""])
def test_apostrophes_straight_curly_or_left_out(apostrophe: str) -> None:
    text = f"I don{apostrophe}t want to wake up"
    assert phrase_in(["don't want to wake up"], [text]) == "don't want to wake up"
    assert phrase_in(["dont want to wake up"], [text]) == "dont want to wake up"


def test_a_hyphen_is_a_space() -> None:
    assert normalised("Self-Harm\u2013again") == "self harm again"
    assert phrase_in(["self harm"], ["self-harm"]) == "self harm"
    assert phrase_in(["self-harm"], ["self harm"]) == "self-harm"


def test_the_phrase_is_named_as_the_list_spells_it_and_any_text_of_a_list_counts() -> None:
    assert phrase_in(["Suicide", "kill myself"], ["calm", "thinking of SUICIDE"]) == "Suicide"
    assert phrase_in([], ["suicide"]) is None
    assert phrase_in(["   "], ["suicide"]) is None


@pytest.mark.parametrize(
    ("kind", "value", "met"),
    [
        ("text", "I want to die", True),
        ("long_text", "A calm day.\nI want to die.", True),
        ("list", ["calm", "want to die"], True),
        ("text", "my phone died", False),
        ("text", None, False),
        ("checklist", ["want to die"], False),  # options are the guide's words, not typed
        ("choice", "want to die", False),
    ],
)
def test_the_engine_checks_every_typed_answer(kind: str, value: object, met: bool) -> None:
    item = Item(id="words", type=kind, prompt="?")  # type: ignore[arg-type]
    found = alerts_met(item, value, PHRASES)  # type: ignore[arg-type]
    assert bool(found) is met
    if met:
        assert found[0].rule(Item("words", "text", "Words?")) == 'danger phrase "want to die"'
        assert PHRASES is not None and found[0].message == PHRASES.message
