"""Lemmas the pipeline mends: a contraction written with a typographic apostrophe."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "contraction", "lemma"),
    [
        ("Karel Vondrak said he’s hosting Anna Lind.", "’s", "be"),
        ("They’re meeting in Riga.", "’re", "be"),
        ("We’ve met the minister.", "’ve", "have"),
        ("She’ll call him.", "’ll", "will"),
    ],
)
def test_a_typographic_contraction_has_the_verbs_lemma(nlp, text, contraction, lemma):
    token = next(t for t in nlp(text) if t.text == contraction)
    assert token.lemma_ == lemma


def test_a_possessive_keeps_its_own_lemma(nlp):
    token = next(t for t in nlp("Vondrak’s visit ended.") if t.text == "’s")
    assert token.lemma_ != "be"
