"""The graph as people draw it: entities as nodes; meetings, calls, interviews, roles and who
spoke of whom as edges between them, with plain strings and numbers as attributes. GraphML,
GEXF (kg/exports/gexf.py) and `kg draw` are written from it."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import networkx as nx

from kg import resources
from kg.graph.store import GraphStore

_ENTITIES = resources.read_text("sparql", "property-graph-entities.rq")
_EVENTS = resources.read_text("sparql", "property-graph-events.rq")
_INTERVIEWS = resources.read_text("sparql", "property-graph-interviews.rq")
_ROLES = resources.read_text("sparql", "property-graph-roles.rq")
_SAID_ABOUT = resources.read_text("sparql", "property-graph-said-about.rq")
# When sources disagree, the more cautious status is shown: a planned meeting is not drawn as held.
_STATUS_ORDER = {"not_occurred": 0, "planned": 1, "occurred": 2}


@dataclass
class _EdgeEvent:
    label: str
    participants: set[str] = field(default_factory=set)
    date: str = ""
    statuses: set[str] = field(default_factory=set)
    sources: int = 0


_SAME = resources.read_text("sparql", "property-graph-same-as.rq")


def relation(label: str) -> str:
    """An edge label's relation: 'role: chancellor' -> 'role'."""
    return label.split(":")[0]


def to_networkx(store: GraphStore) -> nx.MultiDiGraph:
    """One node per entity (a surname-only person linked to a full name in other stories
    is drawn as that person), one edge per meeting pair, call pair, interview and role."""
    graph = nx.MultiDiGraph()
    same = {row["a"].value: row["b"].value for row in store.select(_SAME)}

    def node(iri: str) -> str:
        return same.get(iri, iri)

    names: dict[str, str] = {}
    types: dict[str, Counter[str]] = defaultdict(Counter)
    for row in store.select(_ENTITIES):
        iri = row["e"].value
        if iri in same:
            continue
        names.setdefault(iri, row["name"].value)
        names[iri] = min(names[iri], row["name"].value)
        types[iri][row["type"].value] += 1
    for iri in sorted(names):
        kind = min(types[iri], key=lambda t: (-types[iri][t], t))
        graph.add_node(iri, label=names[iri], type=kind)

    events: dict[str, _EdgeEvent] = {}
    for row in store.select(_EVENTS):
        iri = row["event"].value
        kind = "meeting" if row["class"].value.endswith("Meeting") else "call"
        event = events.setdefault(iri, _EdgeEvent(kind))
        event.participants.add(node(row["p"].value))
        if "date" in row:
            event.date = row["date"].value
        if "status" in row:
            event.statuses.add(row["status"].value)
        event.sources = max(event.sources, int(row["sources"].value))
    for iri in sorted(events):
        event = events[iri]
        statuses = sorted(event.statuses, key=lambda s: _STATUS_ORDER.get(s, 9))
        for a, b in combinations(sorted(event.participants), 2):
            graph.add_edge(
                a,
                b,
                key=f"{iri}|{a}|{b}",
                label=event.label,
                date=event.date,
                status=statuses[0] if statuses else "",
                sources=event.sources,
                event=iri,
            )
    for row in store.select(_INTERVIEWS):
        graph.add_edge(
            node(row["outlet"].value),
            node(row["person"].value),
            key=row["event"].value,
            label="interview",
            date=row["date"].value if "date" in row else "",
            status="occurred",
            sources=int(row["sources"].value),
            event=row["event"].value,
        )
    for row in store.select(_ROLES):
        graph.add_edge(
            node(row["person"].value),
            node(row["org"].value),
            key=row["role"].value,
            label=f"role: {row['title'].value}",
            date="",
            status="",
            sources=int(row["sources"].value),
            event=row["role"].value,
        )
    # Who spoke of whom: one edge per speaker and entity, weighted by the statements.
    said: Counter[tuple[str, str]] = Counter()
    sources: Counter[tuple[str, str]] = Counter()
    for row in store.select(_SAID_ABOUT):
        pair = (node(row["speaker"].value), node(row["about"].value))
        said[pair] += int(row["statements"].value)
        sources[pair] += int(row["sources"].value)
    for (speaker, about), count in sorted(said.items()):
        if speaker != about:
            graph.add_edge(
                speaker,
                about,
                key=f"said_about|{speaker}|{about}",
                label="said_about",
                date="",
                status="",
                sources=sources[(speaker, about)],
                event="",
                statements=count,
            )
    return graph


def write_graphml(store: GraphStore, path: Path) -> nx.MultiDiGraph:
    graph = graphml_ids(to_networkx(store))
    nx.write_graphml(graph, str(path), encoding="utf-8", prettyprint=True)
    return graph


def graphml_ids(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph with the ids GraphML 1.0 allows (an NMTOKEN: no "/" or ":", so no IRI):
    nodes n0, n1, ... in IRI order and edges e0, e1, ... in the order drawn, each node's IRI
    kept as its `iri` attribute, each edge's kind as `relation` and the number of articles
    that report it as `weight`, as in GEXF."""
    ids = {iri: f"n{i}" for i, iri in enumerate(sorted(graph.nodes))}
    out = nx.MultiDiGraph()
    for iri in sorted(graph.nodes):
        out.add_node(ids[iri], iri=iri, **graph.nodes[iri])
    for i, (a, b, data) in enumerate(graph.edges(data=True)):
        out.add_edge(
            ids[a],
            ids[b],
            key=f"e{i}",
            relation=relation(data["label"]),
            weight=data.get("sources") or 1,
            **data,
        )
    return out
