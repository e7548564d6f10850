"""The default graph is the merged view of the article graphs: each triple once, and exactly
the triples some named graph still states, whatever sequence of writes got it there."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg.build.build import build
from kg.errors import QueryError
from kg.graph import vocab as T
from kg.graph.iris import date_literal
from kg.graph.queries import load_query, run_query
from kg.graph.resolve import RESOLUTION_GRAPH
from kg.graph.stats import count_store, started
from kg.graph.store import LocalStore, open_store
from tests.conftest import SEEDS, union, view
from tests.listings import assert_listings_unchanged

GRAPHS = [ox.NamedNode(f"urn:graph:{i}") for i in range(3)]
TRIPLES = [
    ox.Triple(ox.NamedNode(f"urn:s{i % 3}"), ox.NamedNode("urn:p"), ox.Literal(f"o{i}")) for i in range(6)
]


writes = st.lists(
    st.tuples(st.sampled_from(GRAPHS), st.sets(st.sampled_from(TRIPLES), max_size=4)), max_size=12
)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(writes)
def test_view_is_the_union_after_any_writes(tmp_path_factory, sequence):
    store = LocalStore(tmp_path_factory.mktemp("view"))
    for graph, triples in sequence:  # an empty set is a removal
        store.replace_graph(graph, [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples])
        assert view(store) == union(store)


def test_a_triple_two_articles_state_stays_until_both_are_gone(tmp_path: Path):
    store = LocalStore(tmp_path / "store")
    shared, own = TRIPLES[0], TRIPLES[1]
    store.replace_graph(GRAPHS[0], [ox.Quad(*shared, GRAPHS[0]), ox.Quad(*own, GRAPHS[0])])
    store.replace_graph(GRAPHS[1], [ox.Quad(*shared, GRAPHS[1])])
    assert len(view(store)) == 2
    store.replace_graph(GRAPHS[0], [])
    assert view(store) == {tuple(str(t) for t in shared)}
    store.replace_graph(GRAPHS[1], [])
    assert view(store) == set()


def test_seed_build_rebuild_and_prune_keep_the_view_exact(tmp_path: Path):
    build([SEEDS], tmp_path / "store", workers=1)
    store = open_store(tmp_path / "store")
    assert view(store) == union(store)
    # The articles share people and places: their graphs hold more quads than the view.
    assert len(store) == sum(1 for _ in store.quads()) > len(view(store))
    first = sorted(SEEDS.iterdir())[0]
    del store
    build([first], tmp_path / "store", workers=1, prune=True)
    store = open_store(tmp_path / "store", read_only=True)
    assert store.article_ids() == [first.stem]
    assert view(store) == union(store)


@pytest.mark.parametrize("read_only", [True, False])
def test_a_store_written_before_the_view_answers_the_same(tmp_path: Path, read_only: bool):
    build([SEEDS], tmp_path / "new", workers=1)
    new = LocalStore(tmp_path / "new", read_only=True)
    quads = list(new.quads())
    old = ox.Store(str(tmp_path / "old"))  # named graphs only, as kg wrote them before
    old.bulk_extend(quads)
    old.flush()
    del old
    store = LocalStore(tmp_path / "old", read_only=read_only)
    meetings = "SELECT ?m ?d WHERE { ?m a kg:Meeting . OPTIONAL { ?m kg:date ?d } } ORDER BY ?m ?d"
    assert store.select(meetings) == new.select(meetings)
    assert sorted(map(str, store.quads())) == sorted(map(str, quads))
    if not read_only:  # the view and the counts were made on opening: as a new build's
        assert view(store) == union(store)
        assert started(store) and count_store(store) == count_store(new)


# Invented articles for the summaries: people with several spellings, a place that one
# article calls a country, meetings and a call stated by several articles with differing
# dates, places and statuses, and sameAs links that come and go.
def _iri(kind: str, i: int) -> ox.NamedNode:
    return ox.NamedNode(f"{T.ID}{kind}/{i}")


_LABELS = [["Ann Lee", "Ann  Lee"], ["Bo Ray"], ["Cy Dunn", "Cy Dunn Jr"], ["Lee"]]
_PLACES = [["Oslo"], ["Norway", "Kingdom of Norway"]]
_DATES = [None, "2020", "2020-05", "--05-01", "2020-05-01", "2021-01-02"]
_STATUS = [T.OCCURRED, T.PLANNED, T.NOT_OCCURRED]
_EVENTS = [("meeting", T.MEETING, 0), ("meeting", T.MEETING, 1), ("call", T.PHONE_CALL, 2)]

event_statement = st.tuples(
    st.sampled_from(range(len(_EVENTS))),
    st.sets(st.integers(0, 3), min_size=1, max_size=3),  # participants
    st.sampled_from(_DATES),
    st.sampled_from([None, 0, 1]),  # place
    st.sampled_from(_STATUS),
    st.integers(0, 1),  # which spelling each entity gets in this article
    st.sampled_from([None, "place", "country"]),  # what this article calls place 1
)
# Interviews: an outlet with two spellings, a person (the surname node 3 among them), a date
# or none (then the article scopes the node, as kg/graph/triples.py does).
interview_statement = st.tuples(
    st.integers(0, 1), st.integers(0, 3), st.sampled_from([None, "2020-05-01", "2021"]), st.integers(0, 1)
)
article_write = st.tuples(
    st.sampled_from(range(3)),
    st.lists(event_statement, max_size=3),
    st.lists(interview_statement, max_size=2),
)
link_write = st.sets(st.tuples(st.just(3), st.sampled_from([0, 2])), max_size=1)
summary_writes = st.lists(st.one_of(article_write, link_write), min_size=1, max_size=8)


def _article(graph: int, events: list) -> list[ox.Quad]:
    g = GRAPHS[graph]
    article = _iri("article", graph)
    out = [ox.Quad(article, ox.NamedNode(T.TYPE), ox.NamedNode(T.ARTICLE), g)]
    for which, people, date, place, status, spelling, place_type in events:
        kind, cls, key = _EVENTS[which]
        node = _iri(kind, key)
        out += [
            ox.Quad(node, ox.NamedNode(T.TYPE), ox.NamedNode(cls), g),
            ox.Quad(node, ox.NamedNode(T.STATUS_PROP), ox.NamedNode(status), g),
            ox.Quad(node, ox.NamedNode(T.DERIVED_FROM), article, g),
        ]
        for p in people:
            labels = _LABELS[p]
            out += [
                ox.Quad(node, ox.NamedNode(T.PARTICIPANT), _iri("entity", p), g),
                ox.Quad(
                    _iri("entity", p), ox.NamedNode(T.NAME), ox.Literal(labels[spelling % len(labels)]), g
                ),
            ]
        if date:
            out.append(ox.Quad(node, ox.NamedNode(T.DATE), date_literal(date), g))
        if place is not None:
            where = _iri("entity", 10 + place)
            labels = _PLACES[place]
            out += [
                ox.Quad(node, ox.NamedNode(T.PLACE_PROP), where, g),
                ox.Quad(where, ox.NamedNode(T.NAME), ox.Literal(labels[spelling % len(labels)]), g),
            ]
            if place_type:
                out.append(ox.Quad(where, ox.NamedNode(T.ENTITY_TYPE), ox.Literal(place_type), g))
    return list(dict.fromkeys(out))


_OUTLETS = [["AFP", "A.F.P."], ["Reuters"]]


def _interviews(graph: int, interviews: list) -> list[ox.Quad]:
    g = GRAPHS[graph]
    article = _iri("article", graph)
    out = []
    for outlet, person, date, spelling in interviews:
        node = ox.NamedNode(f"{T.ID}interview/{outlet}-{person}-{date or f'article{graph}'}")
        who, where = _iri("entity", person), _iri("entity", 20 + outlet)
        out += [
            ox.Quad(node, ox.NamedNode(T.TYPE), ox.NamedNode(T.INTERVIEW), g),
            ox.Quad(node, ox.NamedNode(T.OUTLET), where, g),
            ox.Quad(node, ox.NamedNode(T.INTERVIEWEE), who, g),
            ox.Quad(node, ox.NamedNode(T.DERIVED_FROM), article, g),
            ox.Quad(
                who, ox.NamedNode(T.NAME), ox.Literal(_LABELS[person][spelling % len(_LABELS[person])]), g
            ),
            ox.Quad(
                where, ox.NamedNode(T.NAME), ox.Literal(_OUTLETS[outlet][spelling % len(_OUTLETS[outlet])]), g
            ),
        ]
        if date:
            out.append(ox.Quad(node, ox.NamedNode(T.DATE), date_literal(date), g))
    return out


@settings(max_examples=100, deadline=None)
@given(summary_writes)
# A second spelling of an outlet enters the view from another article.
@example([(0, [], [(0, 1, None, 0)]), (1, [], [(0, 2, None, 1)])])
# The full name a surname is linked to gains a spelling that sorts first.
@example([(0, [], [(0, 3, None, 0)]), {(3, 0)}, (1, [], [(1, 0, None, 1)])])
@example(
    [
        (0, [(0, {3, 1}, None, None, T.PLANNED, 0, None)], []),
        {(3, 0)},
        (1, [(1, {0}, None, None, T.PLANNED, 1, None)], []),
    ]
)
def test_summaries_equal_the_aggregating_queries_after_any_writes(tmp_path_factory, sequence):
    store = LocalStore(tmp_path_factory.mktemp("summaries"))
    same_as = ox.NamedNode(T.SAME_AS)
    for write in sequence:
        if isinstance(write, tuple):  # an article written, replaced or (no events) removed
            graph, events, interviews = write
            quads = _article(graph, events) + _interviews(graph, interviews)
            store.replace_graph(GRAPHS[graph], list(dict.fromkeys(quads)) if events or interviews else [])
        else:  # the resolution graph: a surname linked to a full name, or no link
            links = [
                ox.Quad(_iri("entity", s), same_as, _iri("entity", f), RESOLUTION_GRAPH) for s, f in write
            ]
            store.replace_graph(RESOLUTION_GRAPH, links)
        assert_listings_unchanged(store)
        assert view(store) == union(store)
    for graph in [*GRAPHS, RESOLUTION_GRAPH]:  # everything removed: no summary is left
        store.replace_graph(graph, [])
    assert store.count(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o FILTER(?p != <{T.COUNT}>) }}") == 0
    # and every count kept is 0
    assert not any(value for value in _flat(count_store(store).as_json()))


# Evidence nodes citing articles, and the articles' ids, stated by any of the graphs (an id
# in two spellings, an evidence node citing another graph's article): each write replaces or
# (nothing stated) removes one graph.
_CITED = st.tuples(st.integers(0, 2), st.integers(0, 1))  # an article and its id's spelling
_CITING = st.tuples(st.integers(0, 3), st.integers(0, 2))  # an evidence node and what it cites
evidence_writes = st.lists(
    st.tuples(st.integers(0, 2), st.lists(_CITED, max_size=2), st.lists(_CITING, max_size=3)),
    min_size=1,
    max_size=8,
)
_ARTICLE_IDS = (
    f"SELECT ?ev ?id WHERE {{ ?ev <{T.SOURCE_ARTICLE}> ?a . ?a <{T.ARTICLE_ID}> ?id }}",
    f"SELECT ?ev ?id WHERE {{ ?ev <{T.SUMMARY_ARTICLE_ID}> ?id }}",
)


def _article_ids(store: LocalStore, query: str) -> set[tuple[str, str]]:
    return {(str(row["ev"]), str(row["id"])) for row in store.select(query)}


@settings(max_examples=100, deadline=None)
@given(evidence_writes)
# An article's id stated by another graph than the evidence citing it, then that graph removed.
@example([(0, [], [(0, 1)]), (1, [(1, 0)], []), (1, [], [])])
def test_evidence_article_ids_equal_the_path_after_any_writes(tmp_path_factory, sequence):
    store = LocalStore(tmp_path_factory.mktemp("evidence"))
    for graph, cited, citing in sequence:
        quads = [
            ox.Quad(_iri("article", a), ox.NamedNode(T.ARTICLE_ID), ox.Literal(f"id-{a}-{k}"), GRAPHS[graph])
            for a, k in cited
        ] + [
            ox.Quad(_iri("evidence", e), ox.NamedNode(T.SOURCE_ARTICLE), _iri("article", a), GRAPHS[graph])
            for e, a in citing
        ]
        store.replace_graph(GRAPHS[graph], list(dict.fromkeys(quads)))
        path, kept = (_article_ids(store, query) for query in _ARTICLE_IDS)
        assert kept == path
        assert view(store) == union(store)
    for graph in GRAPHS:
        store.replace_graph(graph, [])
    assert not _article_ids(store, _ARTICLE_IDS[1])


def test_a_store_written_before_the_summaries_gets_them_when_opened_for_writing(tmp_path: Path):
    build([SEEDS], tmp_path / "new", workers=1)
    new = LocalStore(tmp_path / "new", read_only=True)
    old = ox.Store(str(tmp_path / "old"))  # the view, but no summaries, as kg wrote it before
    summaries = ", ".join(f"<{p}>" for p in T.SUMMARY_PREDICATES)
    old.bulk_extend(q for q in new._store if q.predicate.value not in summaries)
    old.flush()
    del old
    with pytest.raises(QueryError, match="open it for writing once"):
        run_query(LocalStore(tmp_path / "old", read_only=True), load_query("meetings").text)
    LocalStore(tmp_path / "old")  # opened for writing: the summaries are made
    store = LocalStore(tmp_path / "old", read_only=True)
    for name in ("meetings", "calls", "timeline"):
        assert run_query(store, load_query(name).text).rows == run_query(new, load_query(name).text).rows
    assert_listings_unchanged(store)
    # and a person's facts, which read the article ids kept on the evidence nodes
    people = new.select("SELECT DISTINCT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }")
    person = load_query("person").text
    assert any(run_query(new, person, {"person": row["name"]}).rows for row in people)
    for row in people:
        params = {"person": row["name"]}
        assert run_query(store, person, params).rows == run_query(new, person, params).rows


def _flat(counts: object) -> list[int]:
    if isinstance(counts, dict):
        return [n for value in counts.values() for n in _flat(value)]
    assert isinstance(counts, int)
    return [counts]
