"""One person across articles: surname-only mentions linked to a full name only where the
corpus leaves one reading and the stories agree on who it is."""

from __future__ import annotations

import json
from pathlib import Path

from kg.build.build import build
from kg.exports.property_graph import to_networkx
from kg.graph import queries as q
from kg.graph.iris import entity_iri
from kg.graph.resolve import same_people
from kg.graph.store import GraphStore, open_store
from kg.model import Entity

FULL = "Karel Vondrak met Franz Weber and Anna Lindqvist in Vienna on Monday.\n"
SURNAME = "Mr Vondrak said he had met Franz Weber and Anna Lindqvist on Sunday.\n"
UNRELATED = "Mr Vondrak said the harvest in Moravia had been poor this year.\n"
NAMESAKE = "Czech Agriculture Minister Jan Vondrak said the harvest had been poor.\n"


def _build(tmp_path: Path, *texts: str) -> GraphStore:
    feed = tmp_path / "feed.jsonl"
    records = [{"id": f"a{i}", "text": t, "published": "1997-04-15"} for i, t in enumerate(texts)]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    build([feed], tmp_path / "store")
    return open_store(tmp_path / "store", read_only=True)


def _iri(name: str) -> str:
    return entity_iri(Entity(name, "person")).value


def test_surname_sharing_company_with_the_full_name_is_linked(tmp_path: Path):
    db = _build(tmp_path, FULL, SURNAME)
    assert same_people(db) == [(_iri("Vondrak"), _iri("Karel Vondrak"))]
    # The person query finds the surname-only story under the full name.
    table = q.run_query(db, q.load_query("person").text, q.parse_params(["person=Karel Vondrak"]))
    article = table.columns.index("article")
    assert {row[article] for row in table.rows} == {"a0", "a1"}


def test_surname_without_shared_evidence_is_not_linked(tmp_path: Path):
    assert same_people(_build(tmp_path, FULL, UNRELATED)) == []


def test_two_full_names_with_the_surname_leave_it_unlinked(tmp_path: Path):
    assert same_people(_build(tmp_path, FULL, SURNAME, NAMESAKE)) == []


def test_graphml_draws_a_linked_surname_as_the_full_name(tmp_path: Path):
    graph = to_networkx(_build(tmp_path, FULL, SURNAME))
    assert _iri("Vondrak") not in graph
    assert (
        graph.number_of_edges(_iri("Karel Vondrak"), _iri("Franz Weber"))
        + graph.number_of_edges(_iri("Franz Weber"), _iri("Karel Vondrak"))
        == 2
    )


def test_listings_name_a_linked_surname_by_the_full_name(tmp_path: Path):
    # The meeting "Mr Vondrak" told of is listed under the name GraphML draws him by.
    db = _build(tmp_path, FULL, SURNAME)
    for name in ("meetings", "timeline"):
        table = q.run_query(db, q.load_query(name).text)
        who = table.columns.index("participants" if name == "meetings" else "who")
        listed = " | ".join(row[who] for row in table.rows).split(" | ")
        assert "Vondrak" not in listed and "Karel Vondrak" in listed, name


def test_links_an_earlier_kg_kept_under_graph_resolution_are_moved(tmp_path):
    import pyoxigraph as ox

    from kg.graph import vocab as T
    from kg.graph.resolve import RESOLUTION_GRAPH, write_links
    from kg.graph.store import LocalStore

    store = LocalStore(tmp_path / "store")
    old = ox.NamedNode(T.ID + "graph/resolution")
    link = ox.Quad(
        ox.NamedNode("urn:vondrak"), ox.NamedNode(T.SAME_AS), ox.NamedNode("urn:karel-vondrak"), old
    )
    store.replace_graph(old, [link])
    write_links(store)
    assert list(store.quads()) == []
    assert store.count("SELECT (COUNT(*) AS ?n) WHERE { ?s owl:sameAs ?o }") == 0
    assert old != RESOLUTION_GRAPH
