"""`kg serve`: the real server on a free loopback port, queried with SPARQLWrapper and
with plain HTTP."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from kg.serve import make_server

PEOPLE = "SELECT DISTINCT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name"


@pytest.fixture(scope="module")
def endpoint(seeds_store) -> Iterator[str]:
    server = make_server(seeds_store, port=0, timeout=3.0, max_rows=5, workers=2)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()


def fetch(url: str, data: bytes | None = None, headers: dict[str, str] | None = None, method=None):
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_listens_on_loopback_only_by_default(endpoint):
    assert endpoint.startswith("http://127.0.0.1:")


def test_sparqlwrapper_select_as_json_xml_and_csv(endpoint):
    client = SPARQLWrapper(endpoint + "/sparql")
    client.setQuery(
        "SELECT DISTINCT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name LIMIT 3"
    )
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    names = [r["name"]["value"] for r in rows]
    assert len(names) == 3 and names == sorted(names)
    client.setReturnFormat(XML)
    xml = client.query().convert()
    assert len(xml.getElementsByTagName("result")) == 3
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().splitlines()[1:] == names


def test_sparqlwrapper_construct_as_turtle_parses(endpoint):
    client = SPARQLWrapper(endpoint + "/sparql")
    client.setQuery(
        "CONSTRUCT { ?m kg:participant ?p } WHERE { ?m a kg:Meeting ; kg:participant ?p } LIMIT 4"
    )
    client.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    assert len(graph) == 4


def test_plain_http_get_tsv_and_post_form_and_body(endpoint):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?m a kg:Meeting }"
    url = endpoint + "/sparql?" + urllib.parse.urlencode({"query": query})
    status, headers, body = fetch(url, headers={"Accept": "text/tab-separated-values"})
    assert status == 200 and headers["Content-Type"] == "text/tab-separated-values"
    assert body.decode().splitlines()[0] == "?n"
    form = urllib.parse.urlencode({"query": query}).encode()
    status, _, body = fetch(endpoint + "/sparql", form, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 0
    status, _, direct = fetch(
        endpoint + "/sparql", query.encode(), {"Content-Type": "application/sparql-query"}
    )
    assert status == 200 and direct == body


def test_construct_as_json_ld(endpoint):
    query = "CONSTRUCT { ?p rdfs:label ?n } WHERE { ?p a kg:Person ; rdfs:label ?n } LIMIT 2"
    status, headers, body = fetch(
        endpoint + "/sparql",
        query.encode(),
        {"Content-Type": "application/sparql-query", "Accept": "application/ld+json"},
    )
    assert status == 200 and headers["Content-Type"] == "application/ld+json"
    assert len(rdflib.Graph().parse(data=body, format="json-ld")) >= 1


def test_updates_are_refused_with_403_and_the_store_is_unchanged(endpoint):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = fetch(endpoint + "/sparql?" + urllib.parse.urlencode({"query": count}))[2]
    for data, headers in (
        (
            urllib.parse.urlencode({"update": "DROP ALL"}).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        ),
        (b"DROP ALL", {"Content-Type": "application/sparql-update"}),
    ):
        status, _, body = fetch(endpoint + "/sparql", data, headers)
        assert status == 403 and b"read-only" in body
    status, _, _ = fetch(endpoint + "/sparql?" + urllib.parse.urlencode({"update": "DROP ALL"}))
    assert status == 403
    # An update sent as a query is not a query.
    status, _, _ = fetch(endpoint + "/sparql?" + urllib.parse.urlencode({"query": "DROP ALL"}))
    assert status == 400
    assert fetch(endpoint + "/sparql?" + urllib.parse.urlencode({"query": count}))[2] == before


def test_results_are_capped_and_say_so(endpoint):
    query = "SELECT ?s WHERE { ?s ?p ?o }"
    status, headers, body = fetch(endpoint + "/sparql?" + urllib.parse.urlencode({"query": query}))
    assert status == 200 and headers["KG-Results-Truncated"] == "5"
    assert len(json.loads(body)["results"]["bindings"]) == 5


@pytest.mark.slow
def test_a_slow_query_is_stopped_and_the_server_still_answers(endpoint):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    status, _, body = fetch(endpoint + "/sparql?" + urllib.parse.urlencode({"query": slow}))
    assert status == 503 and b"time limit" in body
    assert time.monotonic() - started < 10
    status, _, _ = fetch(endpoint + "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}))
    assert status == 200


def test_cors_preflight_and_headers(endpoint):
    status, headers, _ = fetch(endpoint + "/sparql", method="OPTIONS")
    assert status == 204 and headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    _, headers, _ = fetch(endpoint + "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}))
    assert headers["Access-Control-Allow-Origin"] == "*"


def test_bad_requests_get_clear_errors(endpoint):
    status, _, body = fetch(endpoint + "/sparql?" + urllib.parse.urlencode({"query": "SELECT WHERE {"}))
    assert status == 400 and b"syntax" in body.lower()
    status, _, _ = fetch(endpoint + "/sparql")
    assert status == 400
    status, _, _ = fetch(
        endpoint + "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}), headers={"Accept": "image/png"}
    )
    assert status == 406


def test_query_page_offers_the_canned_queries(endpoint):
    status, headers, body = fetch(endpoint + "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    page = body.decode()
    for name in ("meetings", "quotes", "person"):
        assert f'<option value="{name}">' in page


@pytest.mark.slow
def test_connections_past_the_cap_are_turned_away_and_idle_ones_dropped(seeds_store, monkeypatch):
    import socket

    from kg.serve import http

    monkeypatch.setattr(http, "MAX_CLIENTS", 2)
    monkeypatch.setattr(http._Handler, "timeout", 1.0)
    server = make_server(seeds_store, port=0, timeout=3.0, workers=1)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    url = f"http://{host}:{port}/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    try:
        idle = [socket.create_connection((host, port)) for _ in range(2)]  # connect, say nothing
        time.sleep(0.2)
        status, headers, body = fetch(url)
        assert status == 503 and b"2 clients already" in body and headers["Retry-After"] == "1"
        for sock in idle:  # the server hangs up on a silent client after its timeout
            sock.settimeout(5)
            assert sock.recv(1024) == b""
            sock.close()
        time.sleep(0.2)
        assert fetch(url)[0] == 200
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_ctrl_c_stops_kg_serve_without_a_traceback(seeds_store):
    # Ctrl-C reaches every process of the terminal's group: each worker printed a
    # KeyboardInterrupt traceback as the server stopped.
    import os
    import re
    import signal
    import subprocess
    import sys
    import time

    server = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(seeds_store), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert server.stderr is not None
        found = re.search(r"http://[\d.]+:\d+", server.stderr.readline())
        assert found
        with urllib.request.urlopen(
            found.group() + "/sparql?query=ASK%7B%3Fs%3Fp%3Fo%7D", timeout=30
        ) as answer:
            answer.read()
        os.killpg(server.pid, signal.SIGINT)
        sent = time.monotonic()
        _, err = server.communicate(timeout=60)
        assert time.monotonic() - sent < 5
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    finally:
        if server.poll() is None:  # a failed step above must not leave the server running
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
