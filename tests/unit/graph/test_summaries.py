"""The listings read the summaries the writer keeps (kg/graph/summary.py) and answer what the
aggregating queries answered (tests/listings.py), order included, on the te3 development
store: as built, after a rebuild that removes one article and changes another, and after an
owl:sameAs link appears and goes; and person.rq answers as before for every person."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build.build import build
from kg.graph import vocab as T
from kg.graph.queries import load_query, run_query
from kg.graph.resolve import RESOLUTION_GRAPH
from kg.graph.store import LocalStore
from tests.conftest import shared
from tests.listings import BEFORE, assert_listings_unchanged, now

pytestmark = pytest.mark.slow


def _dev_articles() -> list[dict]:
    ids = {
        json.loads(line)["article"]
        for line in shared("gold", "te3-dev.jsonl").read_text().splitlines()
        if line.strip()
    }
    with shared("corpus", "te3-silver.jsonl").open(encoding="utf-8") as lines:
        return [a for a in map(json.loads, lines) if a["id"] in ids]


def _write(path: Path, articles: list[dict]) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def _with_meetings(store: LocalStore) -> list[str]:
    rows = store.select(
        "SELECT DISTINCT ?id WHERE { GRAPH ?g { ?m a kg:Meeting ; prov:wasDerivedFrom ?a } "
        "?a kg:articleId ?id } ORDER BY ?id"
    )
    return [r["id"].value for r in rows]


def test_te3_listings_from_summaries_equal_the_aggregating_queries(tmp_path: Path):
    articles = _dev_articles()
    assert articles
    location = tmp_path / "store"
    build([_write(tmp_path / "dev.jsonl", articles)], location, workers=1)
    store = LocalStore(location)
    assert_listings_unchanged(store)
    assert len(now(store, "meetings")[1]) > 20
    assert len(now(store, "interviews")[1]) > 10
    # person.rq sorts by copies of its strings made in the query: the same rows, same order.
    old_person = (BEFORE / "person.rq").read_text()
    people = store.select("SELECT DISTINCT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }")
    assert len(people) > 100
    for row in people:
        params = {"person": row["name"]}
        assert (
            run_query(store, load_query("person").text, params).rows
            == run_query(store, old_person, params).rows
        )

    # One article removed (--prune), another changed (its text cut to its first half).
    removed, changed = _with_meetings(store)[:2]
    del store
    edited = []
    for article in articles:
        if article["id"] == removed:
            continue
        if article["id"] == changed:
            article = {**article, "text": article["text"][: len(article["text"]) // 2]}
        edited.append(article)
    report = build([_write(tmp_path / "edited.jsonl", edited)], location, workers=1, prune=True)
    assert report.removed == 1
    store = LocalStore(location)
    assert removed not in store.article_ids()
    assert_listings_unchanged(store)

    # A sameAs link appears: a meeting's participant becomes another person (as kg/graph/resolve.py
    # links a surname to a full name), then the link goes.
    links = [q for q in store.quads() if q.graph_name == RESOLUTION_GRAPH]
    row = store.select(
        "SELECT ?named ?other WHERE { ?m a kg:Meeting ; kg:participant ?named . "
        "?other a kg:Person . FILTER(?other != ?named) "
        "FILTER NOT EXISTS { ?named owl:sameAs ?x } } ORDER BY ?named ?other LIMIT 1"
    )[0]
    before = now(store, "meetings")
    link = ox.Quad(row["named"], ox.NamedNode(T.SAME_AS), row["other"], RESOLUTION_GRAPH)
    store.replace_graph(RESOLUTION_GRAPH, [*links, link])
    assert_listings_unchanged(store)
    assert now(store, "meetings") != before
    store.replace_graph(RESOLUTION_GRAPH, links)
    assert_listings_unchanged(store)
    assert now(store, "meetings") == before
