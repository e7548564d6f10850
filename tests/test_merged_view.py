"""The default graph is the merged view of the article graphs: each triple once, and exactly
the triples some named graph still states, whatever sequence of writes got it there."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.pipeline import build
from kg.store import LocalStore, open_store

from .conftest import SEEDS, union, view

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
    assert store.count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == 2
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
    if not read_only:  # the view was made on opening: the store is now as a new build's
        assert view(store) == union(store)
