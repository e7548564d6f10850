"""One person across articles: a story that names someone only by surname ("Vondrak said")
is linked to the full name other stories give ("Karel Vondrak"), where the corpus leaves
one reading and the stories agree on who it is.

Within an article the extractor already folds short forms into the full name. Across
articles the two are different nodes (an IRI is minted from the name), and merging them
blindly would fuse different people who share a surname. The link is an `owl:sameAs` in a
graph of its own, made only when

- exactly one full name in the whole store ends in that surname (a second "X Vondrak"
  anywhere makes it ambiguous, and nothing is linked), and
- the evidence agrees: both hold the same title at the same organisation or country, or
  the two sets of stories share at least `MIN_SHARED` other named people or organisations.

The graph is recomputed from the entities in the store after each build: it reads names,
roles and co-occurrences (small), never article text, so adding articles keeps it right
without re-reading the old ones.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from kg.graph import vocab as T
from kg.graph.store import GraphStore

# Outside `graph/`, where every article graph is (its id percent-encoded, so no slash), so
# no article id can name it. Stores written before kept the links in `graph/resolution`.
RESOLUTION_GRAPH = ox.NamedNode(T.ID + "resolution")
# Holds one triple while a build writes articles and has not yet recomputed the links, so a
# build killed in between (the articles in, the links stale) is finished by the next one,
# even when that one finds no article to parse.
PENDING_GRAPH = ox.NamedNode(T.ID + "pending")
_PENDING = ox.Quad(RESOLUTION_GRAPH, ox.NamedNode(T.LINKS_PENDING), ox.Literal(True), PENDING_GRAPH)
_OLD_RESOLUTION_GRAPH = ox.NamedNode(T.ID + "graph/resolution")
MIN_SHARED = 2

_PEOPLE = """
SELECT DISTINCT ?p ?name ?g WHERE { GRAPH ?g { ?p a kg:Person ; rdfs:label ?name } }
"""
_ROLES = """
SELECT DISTINCT ?p ?title ?org WHERE {
  GRAPH ?g { ?r a kg:Role ; kg:person ?p ; kg:title ?title ; kg:organization ?org }
}
"""
# People and organisations (not countries or places: every story names those).
_NEIGHBOURS = """
SELECT DISTINCT ?g ?e WHERE {
  GRAPH ?g { ?e a ?class } VALUES ?class { kg:Person kg:Organization }
}
"""


def same_people(store: GraphStore) -> list[tuple[str, str]]:
    """(surname-only person IRI, the full-name person IRI it is), in a stable order."""
    names: dict[str, str] = {}
    graphs: dict[str, set[str]] = defaultdict(set)
    for row in store.select(_PEOPLE):
        names[row["p"].value] = row["name"].value
        graphs[row["p"].value].add(row["g"].value)
    full_by_surname: dict[str, set[str]] = defaultdict(set)
    for person, name in names.items():
        words = name.split()
        if len(words) >= 2:
            full_by_surname[words[-1].lower()].add(person)
    roles: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in store.select(_ROLES):
        roles[row["p"].value].add((row["title"].value, row["org"].value))
    members: dict[str, set[str]] = defaultdict(set)
    for row in store.select(_NEIGHBOURS):
        members[row["g"].value].add(row["e"].value)

    def around(person: str) -> set[str]:
        return set().union(*(members[g] for g in graphs[person])) - {person}

    links = []
    for person, name in sorted(names.items()):
        candidates = full_by_surname.get(name.lower(), set()) if len(name.split()) == 1 else set()
        if len(candidates) != 1:
            continue
        full = next(iter(candidates))
        shared = around(person) & around(full) - {full}
        if roles[person] & roles[full] or len(shared) >= MIN_SHARED:
            links.append((person, full))
    return links


def mark_links_pending(store: GraphStore) -> None:
    """Say, before the first article is written, that the links will need recomputing."""
    store.replace_graph(PENDING_GRAPH, [_PENDING], what="the links-pending mark")


def links_pending(store: GraphStore) -> bool:
    return bool(store.query(f"ASK {{ GRAPH {PENDING_GRAPH} {{ ?s ?p ?o }} }}"))


def write_links(store: GraphStore) -> int:
    """Recompute the resolution graph, then clear the links-pending mark; returns the number
    of links."""
    same_as = ox.NamedNode(T.SAME_AS)
    links = same_people(store)
    quads = [ox.Quad(ox.NamedNode(s), same_as, ox.NamedNode(o), RESOLUTION_GRAPH) for s, o in links]
    store.replace_graph(RESOLUTION_GRAPH, quads)
    old = _OLD_RESOLUTION_GRAPH  # links an earlier kg wrote, unless an article has that id
    legacy = (
        f"ASK {{ GRAPH {old} {{ ?s owl:sameAs ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH {old} {{ ?a a kg:Article }} }} }}"
    )
    if bool(store.query(legacy)):
        store.replace_graph(old, [])
    store.replace_graph(PENDING_GRAPH, [], what="the links-pending mark")
    return len(links)
