"""Descriptions that stand for a named person."""

from __future__ import annotations

from kg.nlp.descriptions import link_descriptions
from kg.nlp.entities import index_entities


def test_a_description_naming_its_person_in_a_comma_set_apposition_is_that_person(nlp):
    text = (
        "Union representative Karl Weber met the mayor on Sunday. The union's representative in "
        "Harbourtown, Piotr Varga, said on Monday that the strike would go on."
    )
    doc = nlp(text)
    second = [t for t in doc if t.text == "representative"][1]
    doc.user_data["kg_text"] = text
    index = index_entities(doc)
    link_descriptions(index)
    assert index.entity_at(second).name == "Piotr Varga"
