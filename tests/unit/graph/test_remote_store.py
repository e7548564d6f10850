"""A store on a SPARQL 1.1 server: a real Oxigraph server (`oxigraph serve`, from the
`oxigraph` package) on a free loopback port. Building, querying and exporting there must
give what the embedded store gives."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.build.build import build
from kg.cli import app
from kg.errors import QueryError, StoreError
from kg.exports.facts import iter_facts, to_jsonl
from kg.exports.formats import export
from kg.graph import queries as q
from kg.graph.bindings import with_values
from kg.graph.store import GraphStore, open_store
from kg.graph.store.remote import UPDATE_URL_ENV, RemoteStore, endpoints
from tests.conftest import SEEDS, union, view


def _oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).exists():
        pytest.fail("the `oxigraph` command is missing: install the dev extra (pip install -e '.[dev]')")
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture()
def new_server(tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Start a fresh, empty Oxigraph server; returns its base URL."""
    started: list[subprocess.Popen[bytes]] = []

    def start() -> str:
        port = _free_port()
        folder = tmp_path / f"oxigraph-{port}"
        process = subprocess.Popen(
            [_oxigraph_binary(), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        started.append(process)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(
                    f"oxigraph serve exited: {process.stderr.read().decode() if process.stderr else ''}"
                )
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).close()
                return url
            except OSError:
                time.sleep(0.05)
        pytest.fail("oxigraph serve did not answer within 30 s")

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture()
def server(new_server) -> str:
    return new_server()


@pytest.fixture()
def seeds_on_server(server) -> str:
    build([SEEDS], server)
    return server


def _facts(store: GraphStore) -> str:
    return "".join(to_jsonl(f) for f in iter_facts(store))


def test_seeds_on_a_server_give_what_the_embedded_store_gives(seeds_on_server, seeds_db, tmp_path):
    remote = open_store(seeds_on_server, read_only=True)
    assert isinstance(remote, RemoteStore)
    assert _facts(remote) == _facts(seeds_db)
    assert remote.article_ids() == seeds_db.article_ids()
    assert len(remote) == len(seeds_db) > 300
    assert remote.named_graph_count() == seeds_db.named_graph_count()
    for fmt in ("nquads", "graphml", "gexf", "turtle", "jsonld"):
        assert export(remote, fmt, tmp_path / f"remote.{fmt}") == export(
            seeds_db, fmt, tmp_path / f"local.{fmt}"
        )
        assert (tmp_path / f"remote.{fmt}").read_bytes() == (tmp_path / f"local.{fmt}").read_bytes(), fmt


def test_every_named_query_answers_the_same_on_a_server(seeds_on_server, seeds_db):
    remote = open_store(seeds_on_server, read_only=True)
    for named in q.list_queries():
        params = named.example_bindings()
        local = q.run_query(seeds_db, named.text, params)
        assert local.rows, f"{named.name} finds nothing on the seeds: the comparison would prove nothing"
        assert q.run_query(remote, named.text, params) == local, named.name


def test_graph_and_boolean_answers_come_back_as_from_the_embedded_store(seeds_on_server, seeds_db):
    remote = open_store(seeds_on_server, read_only=True)
    construct = "CONSTRUCT { ?m a kg:Meeting } WHERE { ?m a kg:Meeting }"
    assert sorted(q.run_query(remote, construct).rows) == sorted(q.run_query(seeds_db, construct).rows)
    assert len(q.run_query(remote, construct).rows) == 5
    ask = "ASK { ?p rdfs:label ?name }"
    assert q.run_query(remote, ask, {"name": ox.Literal("Donald Trump")}).rows == [["true"]]
    assert q.run_query(remote, ask, {"name": ox.Literal("Nobody Here")}).rows == [["false"]]


def test_a_hostile_parameter_is_only_a_string_on_a_server(seeds_on_server):
    remote = open_store(seeds_on_server, read_only=True)
    before = len(remote)
    person = q.load_query("person")
    for value in ['"} ; DROP ALL ; #', 'x" } } ; CLEAR ALL ; SELECT * { #', "line\nbreak\\"]:
        assert q.run_query(remote, person.text, {"person": ox.Literal(value)}).rows == []
    assert len(remote) == before


def test_rebuild_on_a_server_skips_unchanged_and_replaces_changed(server, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Karel Vondrak met Franz Weber in Vienna on Monday to discuss gas prices.\n")
    assert build([story], server).built == 1
    assert build([story], server).unchanged == 1
    story.write_text("Karel Vondrak phoned Anna Lindqvist on Tuesday to discuss gas prices.\n")
    assert build([story], server).built == 1
    facts = list(iter_facts(open_store(server, read_only=True)))
    events = [f for f in facts if f["type"] in ("meeting", "call")]
    assert [e["type"] for e in events] == ["call"]
    assert "Franz Weber" not in str(facts)


def test_the_servers_default_graph_is_the_merged_view_through_rebuilds(seeds_on_server, tmp_path):
    first = sorted(SEEDS.iterdir())[0]
    changed = tmp_path / first.name
    changed.write_text(first.read_text(encoding="utf-8") + "\nKarel Vondrak met Franz Weber in Vienna.\n")
    build([changed], seeds_on_server, prune=True)  # one article changed, the other removed
    remote = open_store(seeds_on_server, read_only=True)
    assert view(remote) == union(remote)  # each triple once, and those the graphs still state
    assert remote.article_ids() == [first.stem]


def test_a_server_store_written_before_the_view_answers_the_same(server, seeds_db):
    import requests

    quads = "".join(
        f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}\n" for q in seeds_db.quads()
    )
    requests.post(
        f"{server}/update",
        data=f"INSERT DATA {{ {quads} }}".encode(),
        timeout=30,
        headers={"Content-Type": "application/sparql-update"},
    ).raise_for_status()
    meetings = "SELECT ?m ?d WHERE { ?m a kg:Meeting . OPTIONAL { ?m kg:date ?d } } ORDER BY ?m ?d"
    expected = seeds_db.select(meetings)
    assert open_store(server, read_only=True).select(meetings) == expected  # the union, read-only
    assert open_store(server).select(meetings) == expected  # writable: the view is made
    ask = requests.get(
        f"{server}/query",
        params={"query": "ASK { ?s ?p ?o }"},
        timeout=30,
        headers={"Accept": "application/sparql-results+json"},
    )
    assert ask.json()["boolean"] is True  # the server's own default graph now holds the view


def test_a_read_only_server_store_refuses_writes(seeds_on_server):
    remote = open_store(seeds_on_server, read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        remote.replace_article("x", [])


def test_the_command_line_builds_and_reads_a_server_store(server):
    runner = CliRunner()
    built = runner.invoke(app, ["build", str(SEEDS), "--store", server])
    assert built.exit_code == 0, built.output
    stats = runner.invoke(app, ["stats", "--store", server])
    assert stats.exit_code == 0, stats.output
    assert "articles" in stats.output and " 2 " in stats.output
    people = runner.invoke(
        app, ["query", "person", "-p", "person=Vladimir Putin", "-f", "csv", "--store", server]
    )
    assert people.exit_code == 0 and "Donald Trump" in people.output


def test_kg_serve_answers_from_a_server_store(seeds_on_server, seeds_db):
    import json
    import threading
    import urllib.parse

    from kg.serve import make_server

    proxy = make_server(seeds_on_server, port=0, workers=1)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        sparql = "SELECT DISTINCT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name"
        url = f"http://127.0.0.1:{proxy.server_port}/sparql?" + urllib.parse.urlencode({"query": sparql})
        with urllib.request.urlopen(url, timeout=30) as response:
            names = [b["name"]["value"] for b in json.load(response)["results"]["bindings"]]
    finally:
        proxy.shutdown()
        proxy.server_close()
    assert names == [row["name"].value for row in seeds_db.select(sparql)]


def test_a_deeply_nested_query_never_reaches_the_server(server):
    """5,000 nested braces make `oxigraph serve` abort whole ("stack overflow"): kg refuses
    the query before sending it (issue 20, item 6)."""
    remote = open_store(server, read_only=True)
    with pytest.raises(QueryError, match="5000 deep; at most 100 levels"):
        remote.query("SELECT * WHERE " + "{ " * 5000 + "?s ?p ?o " + "} " * 5000)
    assert bool(remote.query("ASK {}"))  # the server is still up


def test_unreachable_or_wrong_servers_are_clear_errors(server):
    with pytest.raises(StoreError, match="cannot reach the SPARQL server"):
        open_store(f"http://127.0.0.1:{_free_port()}")
    with pytest.raises(StoreError, match="404"):
        open_store(f"{server}/no-such-endpoint")
    with pytest.raises(QueryError, match="refused the query: .*1:"):
        open_store(server).query("SELECT * WHERE { ?s ?p ?o } LIMT 3")


def test_endpoints_follow_the_url(monkeypatch):
    monkeypatch.delenv(UPDATE_URL_ENV, raising=False)
    assert endpoints("http://h:7878") == ("http://h:7878/query", "http://h:7878/update")
    assert endpoints("http://h:3030/ds/query") == ("http://h:3030/ds/query", "http://h:3030/ds/update")
    assert endpoints("https://h/blazegraph/sparql") == ("https://h/blazegraph/sparql",) * 2
    monkeypatch.setenv(UPDATE_URL_ENV, "http://h/statements")
    assert endpoints("http://h/repositories/news") == ("http://h/repositories/news", "http://h/statements")
    with pytest.raises(StoreError, match="not a SPARQL server URL"):
        endpoints("ftp://h/query")


DATA = """
<urn:a> <urn:name> "Anna" ; <urn:knows> <urn:b> .
<urn:b> <urn:name> "Piotr" ; <urn:knows> <urn:c> .
<urn:c> <urn:name> "Jan" .
"""

# Each query names ?who; braces, the word WHERE and '#' hide in strings, IRIs and comments.
QUERIES = [
    "SELECT ?x ?who WHERE { ?x <urn:name> ?who }",
    "SELECT * { ?x <urn:name> ?who FILTER(?who != '{ WHERE }') }",
    "# a comment with WHERE { in it\nPREFIX e: <urn:x#WHERE>\nSELECT ?x ?who WHERE { ?x <urn:name> ?who . FILTER(STRLEN(?who) > 2) }",
    "SELECT ?x ?who WHERE { { SELECT ?x ?who WHERE { ?x <urn:name> ?who } } } ORDER BY ?x",
    "SELECT * WHERE { SELECT ?x ?who WHERE { ?x <urn:name> ?who } } ORDER BY ?x",
    'SELECT ?who (COUNT(*) AS ?n) WHERE { ?x <urn:knows>/<urn:name> ?who . OPTIONAL { ?x <urn:name> """a " } b""" } } GROUP BY ?who',
    "ASK { ?x <urn:name> ?who }",
    "CONSTRUCT { ?x <urn:label> ?who } WHERE { ?x <urn:name> ?who }",
]


@pytest.mark.parametrize("sparql", QUERIES)
@pytest.mark.parametrize("value", ["Anna", "Jan", 'x"} ; DROP ALL ; #'])
def test_values_block_binds_like_oxigraph_substitutions(sparql, value):
    store = ox.Store()
    store.load(DATA, format=ox.RdfFormat.TURTLE)

    def answer(result):
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QueryTriples):
            return sorted(str(t) for t in result)
        return [str(row) for row in result]

    bound = {"who": ox.Literal(value)}
    expected = answer(store.query(sparql, substitutions={ox.Variable("who"): bound["who"]}))
    assert answer(store.query(with_values(sparql, bound))) == expected
    assert len(store) == 5
