"""GraphML for Gephi, RDF exports, SHACL validation and scoring."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
import rdflib

from kg.exports.facts import iter_facts
from kg.exports.formats import export
from kg.quality.evaluate import load_gold, score, summarise
from kg.quality.validate import validate
from tests.conftest import shared


def test_graphml_opens_in_networkx_and_igraph_with_labels(seeds_db, tmp_path: Path):
    path = tmp_path / "kg.graphml"
    export(seeds_db, "graphml", path)
    graph = nx.read_graphml(path)
    labels = {d["label"] for _, d in graph.nodes(data=True)}
    assert {"Vladimir Putin", "Donald Trump", "Le Point"} <= labels
    # GraphML ids are NMTOKENs; each node keeps its IRI, each edge its relation.
    assert all(d["iri"].startswith("https://") for _, d in graph.nodes(data=True))
    assert {d["relation"] for *_, d in graph.edges(data=True)} >= {"meeting", "interview", "role"}
    assert all(d["weight"] == max(d["sources"], 1) for *_, d in graph.edges(data=True))
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
    from kg.graph.store import LocalStore

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
            {"type": "aliases", "article": "a", "name": "Pierre Delacroix", "aliases": ["Delacroix"]},
            {
                "article": "a",
                "type": "meeting",
                "participants": ["Pierre Delacroix", "Anton Brenner"],
                "date": "1997-04-14",
                "place": "Bonn",
                "status": "occurred",
            },
            {
                "article": "a",
                "type": "role",
                "person": "Anton Brenner",
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
            "participants": ["Delacroix", "Anton Brenner"],
            "date": "1997-04-14",
            "place": None,
            "status": "planned",
        },
        {
            "article": "a",
            "type": "role",
            "person": "Anton Brenner",
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


def test_quotes_are_scored_as_facts_md_says(tmp_path: Path):
    gold = load_gold(
        _gold(
            tmp_path,
            _quote("Franz J. Weber", "The harbour stays open."),
            _quote("a senior aide", "We will vote against it.", speaker_named=False),
            _quote("Anna Lindqvist", "It is a good plan for the city and the port."),
            _quote("Karel Vondrak", "Nobody will close the harbour this year."),
            _quote("Karel Vondrak Jr.", "The ships may come."),
        )
    )
    system = [
        _quote("Franz Weber", "The harbour stays open."),  # a middle initial is ignored
        _quote("Piotr Varga", "We will vote against it."),  # unnamed source: the words decide
        _quote("Anna Lindqvist", "a good plan for the city"),  # 5 of its 6 words in the gold's
        _quote("Karel Vondrak", "Nobody will close it, never."),  # 3 of 5 words: 60%
        _quote("Karel Vondrak", "The ships may come."),  # "Jr." is part of the name
    ]
    row = {r["type"]: r for r in summarise(score(system, gold))}["quote"]
    assert (row["gold"], row["system"], row["matched"]) == (5, 5, 4)
    system[3] = _quote("Karel Vondrak", "Nobody will stop it.")  # 2 of 4 words: under 60%
    system[2] = _quote("Anna Lindqvist", "a plan, we said, for some other time")  # 3 of 8
    row = {r["type"]: r for r in summarise(score(system, gold))}["quote"]
    assert row["matched"] == 2


def test_matching_is_one_to_one_over_the_most_facts_not_greedy(tmp_path: Path):
    # The first system quote lies inside both gold quotes; taking the first gold quote for it
    # would leave the second system quote, which fits only that one, counted as false.
    gold = load_gold(
        _gold(
            tmp_path,
            _quote("Anna Lindqvist", "The harbour stays open all year, come rain or shine."),
            _quote("Anna Lindqvist", "The harbour stays open."),
        )
    )
    system = [
        _quote("Anna Lindqvist", "The harbour stays open."),
        _quote("Anna Lindqvist", "open all year, come rain or shine"),
    ]
    row = {r["type"]: r for r in summarise(score(system, gold))}["quote"]
    assert (row["matched"], row["precision"], row["recall"]) == (2, 1.0, 1.0)


@pytest.mark.parametrize("reverse_system", [False, True])
@pytest.mark.parametrize("reverse_gold", [False, True])
def test_a_matching_gives_the_required_gold_fact_the_system_fact_that_agrees_with_it(
    tmp_path: Path, reverse_system: bool, reverse_gold: bool
):
    held = {"article": "a", "type": "meeting", "participants": ["A B", "C D"], "date": "2024-05-06"}
    gold_lines = [
        {**held, "place": None, "status": "occurred", "optional": True},
        {**held, "place": "Oslo", "status": "occurred"},
    ]
    system = [
        {**held, "date": None, "place": None, "status": "planned"},
        {**held, "place": "Oslo", "status": "occurred"},
    ]
    gold = load_gold(_gold(tmp_path, *(gold_lines[::-1] if reverse_gold else gold_lines)))
    system = system[::-1] if reverse_system else system
    row = {r["type"]: r for r in summarise(score(system, gold))}["meeting"]
    assert (row["matched"], row["date_acc"], row["place_acc"], row["status_acc"]) == (1, 1.0, 1.0, 1.0)


def test_a_type_the_gold_does_not_annotate_is_not_scored(tmp_path: Path):
    gold = load_gold(_gold(tmp_path, _quote("Anna Lindqvist", "It is a good plan.")))
    system = [
        _quote("Anna Lindqvist", "It is a good plan."),
        {"article": "a", "type": "role", "person": "Anna Lindqvist", "title": "minister", "org": "Sweden"},
    ]
    rows = {r["type"]: r for r in summarise(score(system, gold))}
    assert rows["role"] == {"type": "role", "gold": None, "system": 1, "scored": False}
    assert rows["quote"]["precision"] == 1.0
    assert "meeting+call" not in rows


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
