"""Exports: GraphML and GEXF (with time) for Gephi, both written from the property graph
(kg/exports/property_graph.py, kg/exports/gexf.py); Turtle, N-Quads and JSON-LD of the RDF itself."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg.exports.gexf import write_gexf
from kg.exports.property_graph import write_graphml
from kg.graph import vocab as terms
from kg.graph.store import GraphStore
from kg.graph.triples import iter_nquads


def sorted_nquads(store: GraphStore) -> str:
    return "".join(sorted(iter_nquads(store.quads())))


def _write_nquads(store: GraphStore, path: Path) -> int:
    text = sorted_nquads(store)
    path.write_text(text, encoding="utf-8")
    return text.count("\n")


def _write_turtle(store: GraphStore, path: Path) -> int:
    # Turtle has no named graphs: the union of every article graph, deduplicated.
    triples = sorted({(q.subject, q.predicate, q.object) for q in store.quads()}, key=str)
    data = ox.serialize([ox.Triple(*t) for t in triples], format=ox.RdfFormat.TURTLE, prefixes=terms.PREFIXES)
    path.write_bytes(data or b"")
    return len(triples)


def _write_jsonld(store: GraphStore, path: Path) -> int:
    # Expanded JSON-LD, one object per article graph. Oxigraph writes quads in the order
    # given, grouping runs of one graph and subject, so sorting makes the file the same
    # on every run (rdflib's writer followed its own hash order).
    quads = sorted(
        store.quads(), key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))
    )
    data = ox.serialize(quads, format=ox.RdfFormat.JSON_LD)
    path.write_text(
        json.dumps(json.loads(data or b"[]"), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return len(quads)


# Each format's writer returns how many statements (edges, triples or quads) it wrote.
WRITERS: dict[str, Callable[[GraphStore, Path], int]] = {
    "graphml": lambda store, path: write_graphml(store, path).number_of_edges(),
    "gexf": lambda store, path: write_gexf(store, path).number_of_edges(),
    "turtle": _write_turtle,
    "nquads": _write_nquads,
    "jsonld": _write_jsonld,
}
FORMATS = tuple(WRITERS)


def export(store: GraphStore, fmt: str, path: Path) -> int:
    """Write the store to `path` in `fmt`; returns how many statements were written."""
    writer = WRITERS.get(fmt)
    if writer is None:
        raise KgError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return writer(store, path)
