"""The Python terms and the OWL ontology say the same thing."""

from __future__ import annotations

import rdflib

from kg.graph import vocab as T
from kg.quality.validate import ONTOLOGY_DIR


def test_every_kg_term_used_in_code_is_defined_in_the_ontology():
    graph = rdflib.Graph().parse(ONTOLOGY_DIR / "kg.ttl", format="turtle")
    defined = {str(s) for s in graph.subjects()}
    used = {
        v
        for k, v in vars(T).items()
        if k.isupper() and isinstance(v, str) and v.startswith(T.KG) and v != T.KG
    }
    assert used and not sorted(used - defined)


def test_shapes_parse():
    graph = rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    assert len(graph) > 20
