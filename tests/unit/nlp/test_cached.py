"""Per-article values computed once must answer as the code they replace."""

from __future__ import annotations

from kg.nlp.cached import tokens_with_lemma
from kg.nlp.gazetteer import is_known_outlet, may_open_outlet, outlets


def test_tokens_with_a_lemma_are_those_a_loop_over_every_token_finds(nlp):
    doc = nlp("Revik said it would rain. Said aloud, it says more. SAYS NOTHING, they told Varga.")
    for lemmas in (frozenset({"say"}), frozenset({"say", "tell"}), frozenset({"absent"})):
        looped = [t for t in doc if t.lemma_.lower() in lemmas]
        assert tokens_with_lemma(doc, lemmas) == looped
    assert [t.i for t in tokens_with_lemma(doc, frozenset({"say", "tell"}))] == sorted(
        t.i for t in tokens_with_lemma(doc, frozenset({"say", "tell"}))
    )


def test_no_known_outlet_is_ruled_out_by_its_first_token(nlp):
    # The cheap test before the gazetteer look-up may only rule out what cannot match.
    for name in sorted(outlets()):
        doc = nlp.make_doc(name)
        assert may_open_outlet(doc[0].text), name
        assert may_open_outlet(nlp.make_doc("The " + name)[0].text)
    assert is_known_outlet("AFP") and not may_open_outlet("Zqxv")
