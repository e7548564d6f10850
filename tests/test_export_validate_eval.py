"""GraphML for Gephi, RDF exports, SHACL validation and scoring."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
import rdflib

from kg.evaluate import load_gold, score, summarise
from kg.export import export
from kg.facts import iter_facts
from kg.validate import validate

from .conftest import shared


def test_graphml_opens_in_networkx_and_igraph_with_labels(seeds_db, tmp_path: Path):
    path = tmp_path / "kg.graphml"
    export(seeds_db, "graphml", path)
    graph = nx.read_graphml(path)
    labels = {d["label"] for _, d in graph.nodes(data=True)}
    assert {"Vladimir Putin", "Donald Trump", "Le Point"} <= labels
    edge = next(d for _, _, d in graph.edges(data=True) if d["label"] == "meeting" and d["date"] == "--08-15")
    assert edge["status"] == "occurred" and edge["sources"] == 1
    for _, _, data in graph.edges(data=True):
        assert all(isinstance(v, str | int) for v in data.values())
    import igraph

    ig = igraph.Graph.Read_GraphML(str(path))
    assert ig.vcount() == graph.number_of_nodes()
    assert "Vladimir Putin" in ig.vs["label"]


def test_graphml_has_an_edge_from_each_speaker_to_whom_they_spoke_of(statements_db, tmp_path: Path):
    path = tmp_path / "kg.graphml"
    export(statements_db, "graphml", path)
    graph = nx.read_graphml(path)
    said = {
        (graph.nodes[a]["label"], graph.nodes[b]["label"])
        for a, b, d in graph.edges(data=True)
        if d["label"] == "said_about"
    }
    assert said == {("Anna Lindqvist", "Franz Weber"), ("Karel Vondrak", "Franz Weber")}


@pytest.mark.parametrize(
    ("fmt", "rdflib_format"), [("turtle", "turtle"), ("nquads", "nquads"), ("jsonld", "json-ld")]
)
def test_rdf_exports_parse(seeds_db, tmp_path: Path, fmt, rdflib_format):
    path = tmp_path / f"kg.{fmt}"
    count = export(seeds_db, fmt, path)
    graph = rdflib.Dataset() if fmt != "turtle" else rdflib.Graph()
    graph.parse(path, format=rdflib_format)
    parsed = len(graph) if fmt == "turtle" else sum(1 for _ in graph.quads())
    assert parsed == count > 0


def test_seeds_graph_conforms_to_the_shapes(seeds_db):
    assert validate(seeds_db).conforms


def test_shapes_catch_a_broken_graph(tmp_path: Path):
    from kg.store import LocalStore

    db = LocalStore(tmp_path / "bad")
    db._store.update(
        "INSERT DATA { GRAPH <urn:g> { <urn:m> a <https://w3id.org/kg-news/ontology#Meeting> } }"
    )
    result = validate(db)
    assert not result.conforms
    assert "participant" in result.report


def _gold(tmp_path: Path, *lines: dict) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


def test_scoring_matches_names_with_aliases_and_counts_optional_neither_way(tmp_path: Path):
    gold = load_gold(
        _gold(
            tmp_path,
            {"type": "article", "article": "a"},
            {"type": "aliases", "article": "a", "name": "Jacques Chirac", "aliases": ["Chirac"]},
            {
                "article": "a",
                "type": "meeting",
                "participants": ["Jacques Chirac", "Helmut Kohl"],
                "date": "1997-04-14",
                "place": "Bonn",
                "status": "occurred",
            },
            {
                "article": "a",
                "type": "role",
                "person": "Helmut Kohl",
                "title": "chancellor",
                "org": "Germany",
                "optional": True,
            },
        )
    )
    system = [
        {
            "article": "a",
            "type": "meeting",
            "participants": ["Chirac", "Helmut Kohl"],
            "date": "1997-04-14",
            "place": None,
            "status": "planned",
        },
        {
            "article": "a",
            "type": "role",
            "person": "Helmut Kohl",
            "title": "chancellor",
            "org": "Germany",
        },
        {
            "article": "b",
            "type": "role",
            "person": "X",
            "title": "y",
            "org": "Z",
        },  # not in the gold set
    ]
    rows = {r["type"]: r for r in summarise(score(system, gold))}
    assert rows["meeting"]["f1"] == 1.0
    assert rows["meeting"]["date_acc"] == 1.0 and rows["meeting"]["place_acc"] == 0.0
    assert rows["meeting"]["status_acc"] == 0.0
    assert rows["role"]["system"] == 0 and rows["role"]["gold"] == 0  # optional: neither way


def _quote(speaker, text, **extra):
    return {"article": "a", "type": "quote", "speaker": speaker, "text": text, **extra}


def test_quote_speakers_written_as_in_the_article_match_only_when_asked(tmp_path: Path):
    gold = load_gold(
        _gold(
            tmp_path,
            _quote("Mr. Weber", "The harbour stays open."),
            _quote("Vondrak, a party veteran,", "We will vote against it."),
            _quote("he", "Nobody will close it.", optional=True),
            _quote("the mayor", "The ships may come.", optional=True),
            _quote("Anna Lindqvist", "It is a good plan."),
        )
    )
    system = [
        _quote("Franz Weber", "The harbour stays open."),
        _quote("Karel Vondrak", "We will vote against it."),
        _quote("Franz Weber", "Nobody will close it."),  # "he" said it: cannot be wrong
        _quote("Karel Vondrak", "The ships may come."),  # an optional unnamed "the mayor"
        _quote("Anna Weber", "It is a good plan."),  # another person of that surname
    ]
    strict = {r["type"]: r for r in summarise(score(system, gold))}["quote"]
    assert (strict["gold"], strict["system"], strict["matched"]) == (3, 3, 0)
    written = {r["type"]: r for r in summarise(score(system, gold, speakers_as_written=True))}["quote"]
    assert (written["gold"], written["system"], written["matched"]) == (3, 3, 2)


def test_occurred_precision_counts_a_planned_meeting_reported_as_held(tmp_path: Path):
    gold = load_gold(
        _gold(
            tmp_path,
            {
                "article": "a",
                "type": "meeting",
                "participants": ["A B", "C D"],
                "date": None,
                "place": None,
                "status": "planned",
            },
        )
    )
    system = [
        {
            "article": "a",
            "type": "meeting",
            "participants": ["A B", "C D"],
            "date": None,
            "place": None,
            "status": "occurred",
        }
    ]
    rows = {r["type"]: r for r in summarise(score(system, gold))}
    assert rows["meeting"]["occurred_precision"] == 0.0


@pytest.mark.corpus
def test_seeds_meet_the_targets(seeds_db):
    gold = load_gold(shared("gold", "seeds.jsonl"))
    rows = {r["type"]: r for r in summarise(score(iter_facts(seeds_db), gold))}
    for kind in ("meeting", "call", "interview", "role"):
        assert rows[kind]["f1"] >= 0.9, rows[kind]
    assert rows["meeting+call"]["occurred_precision"] == 1.0
