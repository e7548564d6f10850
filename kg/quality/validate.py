"""`kg validate`: check the graph against ontology/shapes.ttl with pySHACL."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import rdflib

from kg import resources
from kg.errors import KgError
from kg.graph.store import GraphStore
from kg.graph.triples import ntriples_line

ONTOLOGY_DIR = resources.folder("ontology")


@dataclass
class ValidationResult:
    conforms: bool
    report: str
    triples: int


def validate(store: GraphStore, shapes: Path | None = None) -> ValidationResult:
    """Validate the union of every article graph (an entity's type may come from another)."""
    from pyshacl import validate as shacl_validate  # imported here: 0.3 s, for the check alone

    shapes_path = shapes or ONTOLOGY_DIR / "shapes.ttl"
    if not shapes_path.is_file():
        raise KgError(f"no SHACL shapes at {shapes_path}")
    data = rdflib.Graph()
    lines = sorted({ntriples_line(q) for q in store.quads()})
    data.parse(data="".join(lines), format="nt")
    shapes_graph = rdflib.Graph().parse(shapes_path, format="turtle")
    conforms, _, text = shacl_validate(data, shacl_graph=shapes_graph, inference="none", allow_warnings=True)
    return ValidationResult(bool(conforms), str(text), len(data))
