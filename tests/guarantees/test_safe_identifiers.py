"""IRIs minted from names, ids and texts are always valid, and no input can inject a triple
into N-Quads, N-Triples or a SPARQL update."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg.build.build import build
from kg.graph.iris import article_iri, entity_iri, evidence_iri, graph_iri
from kg.graph.resolve import RESOLUTION_GRAPH
from kg.graph.store import LocalStore, replacement_update
from kg.graph.triples import article_quads, iter_nquads
from kg.model import ArticleFacts, Entity, Event, Evidence, Quote, Role

# What an IRI may not hold (RFC 3987 and N-Triples' IRIREF): these end it, or a line.
_UNSAFE = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')
# Text built to break IRIs and serialisations: delimiters, line ends, controls, surrogates.
_chars = st.text(
    alphabet=st.characters(codec=None, categories=None)
    | st.sampled_from(' <>"{}|\\^`\n\r\t\x00\u202e\ud800#/?%.'),
    max_size=30,
)
hostile = _chars | st.builds(lambda a, b: a + '> <urn:x> <urn:y> .\n"' + b, _chars, _chars)


@settings(max_examples=300, deadline=None)
@given(hostile)
# A long name in a script without ASCII letters: its encoded slug was once cut mid-escape.
@example("\x80\x80" + "\u0800" * 11 + "\u1680\u0800")
def test_every_minted_iri_is_valid_and_holds_no_delimiter(text):
    evidence = Evidence(text, 0, 5, text)
    for iri in (
        graph_iri(text),
        article_iri(text),
        entity_iri(Entity(text, "person")),
        evidence_iri(evidence),
    ):
        assert not _UNSAFE.search(iri.value), iri.value
        ox.NamedNode(iri.value)  # Oxigraph checks the IRI syntax


def _facts(article_id: str, name: str, words: str) -> ArticleFacts:
    ev = Evidence(article_id, 0, 10, words)
    a, b = Entity(name, "person"), Entity(name + " Jr", "person")
    return ArticleFacts(
        article_id=article_id,
        published="2020-01-02",
        outlet=words,
        title=words,
        url=words,
        content_hash="0" * 64,
        entities=(a, b, Entity(words or "x", "organization")),
        events=(Event("meeting", (a, b), "2020-01-01", None, "occurred", (ev,)),),
        roles=(Role(a, words or "minister", Entity(words or "x", "organization"), (ev,)),),
        quotes=(Quote(a, name, words, (ev,), mentions=(b,)),),
    )


@settings(max_examples=150, deadline=None)
@given(hostile.filter(str.strip), hostile, hostile)
def test_hostile_names_ids_and_words_cannot_add_a_triple(article_id, name, words):
    quads = article_quads(_facts(article_id, name, words))
    text = "".join(iter_nquads(quads))
    parsed = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    assert len(parsed) == len(quads)  # one line, one quad: nothing escaped its term
    store = ox.Store()
    store.update(replacement_update([(graph_iri(article_id), quads)]))
    named = [
        q for q in store.quads_for_pattern(None, None, None, None) if q.graph_name == graph_iri(article_id)
    ]
    assert len(named) == len(quads)


def test_an_article_whose_id_names_a_kg_graph_is_an_article_like_any(tmp_path: Path):
    feed = tmp_path / "feed.jsonl"
    records = [
        {"id": "resolution", "text": "Karel Vondrak met Franz Weber in Vienna on Monday."},
        {"id": 'a/b c<d>"e"', "text": "Anna Lindqvist phoned Piotr Varga on Tuesday."},
        {"id": "x\ud800y", "text": "Walter Denholm met Ana Ruiz in Madrid on Friday."},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    report = build([feed], tmp_path / "store", workers=1)
    assert report.built == 2
    assert [s.reason for s in report.skipped] == ["'id' is not valid Unicode (a lone surrogate)"]
    store = LocalStore(tmp_path / "store", read_only=True)
    assert store.article_ids() == sorted(r["id"] for r in records[:2])
    assert graph_iri("resolution") != RESOLUTION_GRAPH
    assert len(store.select("SELECT ?m WHERE { ?m a kg:Meeting }")) == 1
    assert len(store.select("SELECT ?c WHERE { ?c a kg:PhoneCall }")) == 1
