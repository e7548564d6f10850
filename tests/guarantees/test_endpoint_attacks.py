"""`kg serve` and the pages kg writes, attacked the way a hostile web page or name would:
SERVICE as a way into the user's network, cross-origin form POSTs, and markup in names
inside the pages' JSON."""

from __future__ import annotations

import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.plugins.sparql.algebra import translateQuery, traverse
from rdflib.plugins.sparql.parser import parseQuery

from kg.exports.draw import draw
from kg.graph.federation import service_word
from kg.serve import make_server, query_page
from tests.unit.serve.test_serve import fetch

ROOT = Path(__file__).resolve().parents[2]


class Listener:
    """A loopback socket that records every connection made to it: a SERVICE call that got
    out would arrive here."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.received: list[bytes] = []
        self._stop = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            conn.settimeout(1)
            try:
                self.received.append(conn.recv(4096))
            except OSError:
                self.received.append(b"")
            conn.close()

    def close(self) -> None:
        self._stop = True
        self._thread.join()
        self.sock.close()


@pytest.fixture()
def listener() -> Iterator[Listener]:
    ear = Listener()
    yield ear
    ear.close()


def _serve(store: Path, **options) -> tuple[object, str]:
    server = make_server(store, port=0, timeout=5.0, workers=1, **options)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}"


@pytest.fixture(scope="module")
def guarded(seeds_store) -> Iterator[str]:
    server, url = _serve(seeds_store)
    yield url
    server.shutdown()
    server.server_close()


def _spellings(port: int) -> list[str]:
    """SERVICE as an attacker would write it past a text match."""
    iri = f"<http://127.0.0.1:{port}/any>"
    return [
        f"SELECT ?x WHERE {{ SERVICE {iri} {{ ?x ?p ?o }} }}",
        f"select ?x where {{ service silent {iri} {{ ?x ?p ?o }} }}",
        f"SELECT ?x WHERE {{ {{ {{ OPTIONAL {{ SeRvIcE {iri} {{ ?x ?p ?o }} }} }} }} }}",
        f"PREFIX e: <http://127.0.0.1:{port}/> SELECT ?x WHERE {{ SERVICE e:any {{ ?x ?p ?o }} }}",
        f"PREFIX : <http://127.0.0.1:{port}/> SELECT ?x WHERE {{ ?x ?p ?o . SERVICE:any {{ ?x ?p ?o }} }}",
        f"SELECT ?x WHERE {{ # a comment\n \\u0053ERVICE {iri} {{ ?x ?p ?o }} }}",
        f'SELECT ?x WHERE {{ ?x ?p "#" . SERVICE {iri} {{ ?x ?p ?o }} }}',
        f"SELECT ?x WHERE {{ BIND(<http://127.0.0.1:{port}/any> AS ?s) SERVICE ?s {{ ?x ?p ?o }} }}",
    ]


def test_service_is_refused_and_nothing_is_sent(guarded, listener):
    for query in _spellings(listener.port):
        status, _, body = fetch(guarded + "/sparql?" + urllib.parse.urlencode({"query": query}))
        assert status == 400 and b"SERVICE" in body and b"--allow-federation" in body, query
        status, _, _ = fetch(
            guarded + "/sparql", query.encode(), {"Content-Type": "application/sparql-query"}
        )
        assert status == 400, query
    time.sleep(0.5)
    assert listener.received == []


def test_federation_is_the_operators_choice(seeds_store, listener):
    server, url = _serve(seeds_store, allow_federation=True)
    try:
        query = _spellings(listener.port)[0]
        fetch(url + "/sparql?" + urllib.parse.urlencode({"query": query}))
        deadline = time.monotonic() + 5
        while not listener.received and time.monotonic() < deadline:
            time.sleep(0.05)
        # The same listener hears the call once federation is allowed: the test above would
        # see one that got out.
        assert listener.received and listener.received[0].startswith(b"POST /any")
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/> { }",
        'SELECT * WHERE { ?s ?p "SERVICE <http://x/> {}" }',
        "SELECT * WHERE { ?s ?p '''SERVICE\n<http://x/> {}''' }",
        "SELECT * WHERE { ?s <http://example.org/SERVICE> ?service }",
        "SELECT * WHERE { ?s ?p ?o FILTER(LANG(?o) = 'en') } ORDER BY ?s",
        'SELECT * WHERE { ?s ?p "x"@en }',
    ],
)
def test_service_in_comments_strings_iris_and_variables_is_not_a_call(query):
    assert service_word(query) is None


def test_canned_queries_are_not_refused():
    for path in sorted((ROOT / "queries").glob("*.rq")):
        assert service_word(path.read_text(encoding="utf-8")) is None, path.name


def _rdflib_sees_service(query: str) -> bool | None:
    """True or False by rdflib's algebra of the query; None when rdflib cannot parse it."""
    try:
        algebra = translateQuery(parseQuery(query)).algebra
    except Exception:  # noqa: BLE001 - any parse failure means "no reading"
        return None
    found: list[str] = []
    traverse(
        algebra,
        visitPre=lambda node: (
            found.append("x") if getattr(node, "name", "") == "ServiceGraphPattern" else None
        ),
    )
    return bool(found)


_PIECES = st.sampled_from(
    [
        "?s ?p ?o .",
        "SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }",
        "service silent ?svc { ?a ?b ?c }",
        "SERVICE e:x { ?s ?p ?o }",
        '?s ?p "SERVICE" .',
        "?s e:service ?o .",
        "?service ?p ?o .",
        "# SERVICE <http://x/> { }\n",
        "OPTIONAL { ?s ?p ?o }",
        "FILTER(?o != 'service')",
        "{",
        "}",
        "?s <http://e/SERVICE> 'x'@en .",
    ]
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=8))
def test_the_guard_never_misses_a_service_rdflib_parses(pieces):
    query = "PREFIX e: <http://e/> SELECT * WHERE { " + " ".join(pieces) + " }"
    parsed = _rdflib_sees_service(query)
    if parsed:
        assert service_word(query) is not None, query
    elif parsed is False:
        assert service_word(query) is None, query


# ------------------------------------------------------------------ cross-origin POSTs


def test_a_cross_origin_form_post_runs_no_query(guarded):
    form = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    for origin in ("http://evil.example", "null", "http://127.0.0.1:1"):
        status, _, body = fetch(guarded + "/sparql", form, {**headers, "Origin": origin})
        assert status == 403 and b"--allow-origin" in body, origin
    status, _, _ = fetch(
        guarded + "/sparql",
        b"ASK { ?s ?p ?o }",
        {"Content-Type": "application/sparql-query", "Origin": "http://evil.example"},
    )
    assert status == 403
    # Its own page, and scripts that send no Origin, may POST; any page may GET.
    assert fetch(guarded + "/sparql", form, {**headers, "Origin": guarded})[0] == 200
    assert fetch(guarded + "/sparql", form, headers)[0] == 200
    status, response_headers, _ = fetch(
        guarded + "/sparql?" + form.decode(), headers={"Origin": "http://evil.example"}
    )
    assert status == 200 and response_headers["Access-Control-Allow-Origin"] == "*"


def test_an_allowed_origin_may_post(seeds_store):
    server, url = _serve(seeds_store, allowed_origins=["https://yasgui.example.org/"])
    try:
        form = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        assert fetch(url + "/sparql", form, {**headers, "Origin": "https://yasgui.example.org"})[0] == 200
        assert fetch(url + "/sparql", form, {**headers, "Origin": "https://other.example.org"})[0] == 403
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_a_hostile_page_in_a_real_browser_cannot_post_a_query(guarded, browser, tmp_path):
    """A page on another origin submits a form to the endpoint, as an attacker's page would."""
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    ran: list[str] = []
    (tmp_path / "attack.html").write_text(
        f'<form id="f" method="POST" action="{guarded}/sparql">'
        '<input name="query" value="ASK { ?s ?p ?o }"></form>'
        '<script>document.getElementById("f").submit()</script>',
        encoding="utf-8",
    )

    class Quiet(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args):
            pass

    attacker = ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=attacker.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        page.on("response", lambda r: ran.append(f"{r.status} {r.url}") if "/sparql" in r.url else None)
        page.goto(f"http://127.0.0.1:{attacker.server_address[1]}/attack.html")
        page.wait_for_timeout(1500)
        page.close()
    finally:
        attacker.shutdown()
        attacker.server_close()
    assert ran and all(line.startswith("403 ") for line in ran), ran


# ------------------------------------------------------------------ hostile names in pages

HOSTILE = [
    "John Smith<!--<script>",
    "</script><img src=x onerror=\"document.title='pwned'\">",
    "Ana\u2028Ruiz\u2029",
    "&amp; <b>bold</b> ]]> __DATA__",
]


@pytest.mark.slow
def test_the_drawing_page_draws_hostile_names_as_text(browser, tmp_path):
    graph = nx.MultiDiGraph()
    for i, name in enumerate(HOSTILE):
        graph.add_node(f"n{i}", label=name, type="person")
    for i in range(len(HOSTILE) - 1):
        graph.add_edge(f"n{i}", f"n{i + 1}", label="met", date="2024-01-01", status="occurred")
    path = tmp_path / "g.html"
    title = "</title><script>document.title='pwned'</script>"
    assert draw(graph, path, title=title).nodes == len(HOSTILE)
    page = browser.new_page()
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-rendered=true]", timeout=10_000)
    labels = page.eval_on_selector_all("g.node text", "els => els.map(e => e.textContent)")
    assert sorted(labels) == sorted(HOSTILE)
    assert page.locator("img").count() == 0 and page.locator("b").count() == 0
    assert page.title() == title  # shown as text, never run
    page.close()


@pytest.mark.slow
def test_the_query_page_loads_hostile_examples_and_runs_a_query(seeds_store, browser):
    server, url = _serve(seeds_store)
    examples = {name: f"SELECT ?name WHERE {{ ?p rdfs:label ?name }} # {name}" for name in HOSTILE}
    examples["people"] = "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name FILTER(?name < 'Z') }"
    server.page = query_page(examples)
    try:
        page = browser.new_page()
        page.goto(url + "/")
        for name, text in examples.items():
            page.select_option("#examples", value=name)
            assert page.input_value("#query") == text
        page.click("button[type=submit]")
        page.wait_for_selector("#results table", timeout=10_000)
        cells = page.eval_on_selector_all("#results td", "els => els.map(e => e.textContent)")
        assert "Vladimir Putin" in cells
        assert page.locator("img").count() == 0 and page.locator("b").count() == 0
        page.close()
    finally:
        server.shutdown()
        server.server_close()


def test_the_query_page_reads_a_listing_a_page_at_a_time(seeds_store, browser):
    # Issue 21: a whole listing costs the engine its whole answer; a page, with a next link,
    # costs a page. ?rows=2 so the seeds' few people make three pages.
    server, url = _serve(seeds_store)
    server.page = query_page(
        {"people": "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name"}
    )
    try:
        page = browser.new_page()
        page.goto(url + "/?rows=2")
        page.click("button[type=submit]")
        page.wait_for_selector("#results table", timeout=10_000)
        first = page.eval_on_selector_all("#results td", "els => els.map(e => e.textContent)")
        assert len(first) == 2 and "rows 1-2" in page.inner_text("#status")
        page.click("text=next 2")
        page.wait_for_function("document.getElementById('status').textContent.includes('rows 3-4')")
        second = page.eval_on_selector_all("#results td", "els => els.map(e => e.textContent)")
        assert len(second) == 2 and not set(first) & set(second) and sorted(first + second) == first + second
        page.click("text=previous")
        page.wait_for_function("document.getElementById('status').textContent.includes('rows 1-2')")
        page.close()
    finally:
        server.shutdown()
        server.server_close()
