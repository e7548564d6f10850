"""Where the pipeline lets a sentence start: the small parser ends sentences where no writer
did, and every fact is read sentence by sentence."""

from __future__ import annotations

import pytest


def _sentences(nlp, text: str) -> list[str]:
    return [s.text for s in nlp(text).sents]


@pytest.mark.parametrize(
    "text",
    [
        # a title's full stop, the tokenizer's own ("Sen.") or split off ("Pres" ".")
        "The harbour plan was backed by Pres. Tomas Vance, who met Anna Lindqvist in Oslo.",
        "“We will not give up the harbour,” said Pres. Tomas Vance, beside Anna Lindqvist.",
        # between two words, no stop between
        "Karel Vondrak said it would be his meeting with Prime Minister Orla May days before she leaves.",
        # a lower-case word after a closing quotation or an abbreviation
        "“Is the harbour safe?” she asked, and Varga nodded.",
        "Officials said the U.S. officials would meet Orla Brik in Oslo.",
    ],
)
def test_no_sentence_starts_inside(nlp, text):
    assert _sentences(nlp, text) == [text]


def test_a_sentence_still_starts_after_a_full_stop(nlp):
    text = (
        "Anna Lindqvist met Piotr Varga. Sen. Orla Brik stayed home. It rained in the U.S. Then it stopped."
    )
    assert _sentences(nlp, text) == [
        "Anna Lindqvist met Piotr Varga.",
        "Sen. Orla Brik stayed home.",
        "It rained in the U.S.",
        "Then it stopped.",
    ]
