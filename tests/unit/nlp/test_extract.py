"""Extraction checks that need code. Every other extraction test is a line of
tests/cases/*.jsonl (tests/test_cases.py)."""

from __future__ import annotations


def test_a_surname_the_tagger_left_untagged_is_the_full_name_that_bears_it(nlp):
    from kg.nlp.entities import index_entities
    from kg.nlp.extract import text_for_nlp

    doc = nlp(text_for_nlp("Tomas Revik, director of the institute, spoke first. Later Revik left."))
    # The tagger's slip, made certain: the bare surname untagged.
    doc.ents = [e for e in doc.ents if e.text != "Revik"]
    index = index_entities(doc)
    surname = [t for t in doc if t.text == "Revik"][-1]
    assert index.entity_at(surname) is not None and index.entity_at(surname).name == "Tomas Revik"


def test_evidence_span_points_at_the_sentence(facts_of):
    text = "Nothing happened at first.\n\nPierre Delacroix met Anton Brenner in Bonn."
    facts = facts_of(text)
    [event] = facts.events
    [evidence] = event.evidence
    assert (
        text[evidence.start : evidence.end]
        == evidence.sentence
        == "Pierre Delacroix met Anton Brenner in Bonn."
    )
