"""`kg serve` bounded under attack (issue 20): slow clients, huge answers, deep nesting, a
server store's time limit, a crashed worker's view of the store, a worker that cannot
restart. Each test fails with its guard taken out."""

from __future__ import annotations

import contextlib
import select
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.serve import make_server
from tests.unit.serve.test_serve import fetch

ASK = "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})


def _serve(store, **options) -> tuple[object, str]:
    options = {"timeout": 5.0, "workers": 1, **options}
    server = make_server(store, port=0, **options)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}"


@pytest.fixture()
def served(seeds_store) -> Iterator[tuple[object, str]]:
    server, url = _serve(seeds_store)
    yield server, url
    server.shutdown()
    server.server_close()


# ------------------------------------------------------------------ 4. slow clients


def _slow_socket(url: str, source: str) -> socket.socket | None:
    """A connection from `source` (another loopback address) that has sent one byte."""
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    sock = socket.socket()
    sock.bind((source, 0))
    try:
        sock.connect((host, int(port)))
        sock.sendall(b"G")
    except OSError:
        sock.close()
        return None
    return sock


def test_150_slow_sockets_leave_room_for_a_normal_client(served):
    """Slowloris from one address: 150 connections sending a byte at a time. The per-address
    cap keeps all but a few of them out, so a client from elsewhere is still answered."""
    _, url = served
    slow = [s for s in (_slow_socket(url, "127.0.0.2") for _ in range(150)) if s is not None]
    answers = []
    try:
        for _ in range(3):
            for sock in slow:
                with contextlib.suppress(OSError):  # a socket turned away is closed
                    sock.send(b"E")
            status, _, body = fetch(url + ASK)
            answers.append((status, body))
            time.sleep(0.3)
    finally:
        for sock in slow:
            sock.close()
    assert all(status == 200 and b"true" in body for status, body in answers), answers


def test_a_trickling_client_is_cut_off_at_the_request_deadline(seeds_store, monkeypatch):
    """One byte every 0.2 s never lets the socket's own timeout (1 s here) run out; the whole
    request's deadline does."""
    from kg.serve import http

    monkeypatch.setattr(http._Handler, "timeout", 1.0)
    server, url = _serve(seeds_store)
    try:
        sock = _slow_socket(url, "127.0.0.1")
        assert sock is not None
        started = time.monotonic()
        closed_after = None
        while time.monotonic() - started < 5:
            readable, _, _ = select.select([sock], [], [], 0.2)
            if readable and sock.recv(1024) == b"":
                closed_after = time.monotonic() - started
                break
            try:
                sock.send(b"E")
            except OSError:
                closed_after = time.monotonic() - started
                break
        sock.close()
        assert closed_after is not None and closed_after < 2.5, closed_after
        assert fetch(url + ASK)[0] == 200
    finally:
        server.shutdown()
        server.server_close()


# ------------------------------------------------------------------ 5. answers capped in bytes


def _doubled(times: int, rows: int = 1, head: str = "SELECT ?n ?big") -> str:
    """A short query whose answer holds `rows` rows of 10 * 2**times characters each: the
    attack of issue 20 (800 bytes of query, 168 MB of answer at 24 doublings)."""
    binds = " ".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(times))
    values = " ".join(str(n) for n in range(rows))
    return (
        f'{head} WHERE {{ VALUES ?n {{ {values} }} BIND("0123456789" AS ?v0) {binds} '
        f'BIND(?v{times} AS ?big) BIND(IRI(CONCAT("http://example.org/", STR(?n))) AS ?s) }}'
    )


@pytest.fixture(scope="module")
def capped(seeds_store) -> Iterator[str]:
    server, url = _serve(seeds_store, max_bytes=1_000_000)
    yield url
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv", "application/xml"])
def test_an_answer_is_capped_in_bytes_and_says_so(capped, accept):
    # Six rows of 164 kB fit in 1 MB, eight do not; one row of 10 MB is cut whole.
    for query, most in ((_doubled(14, rows=8), 6), (_doubled(20), 0)):
        status, headers, body = fetch(
            capped + "/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept}
        )
        assert status == 200 and len(body) <= 1_000_000, (status, len(body))
        assert headers.get("KG-Results-Truncated") == "1000000 bytes", headers
        rows = body.count(b"0123456789" * 16_384)
        assert 1 <= rows <= most if most else rows == 0, rows


def test_a_graph_answer_is_capped_in_bytes(capped):
    query = _doubled(14, rows=8, head="CONSTRUCT { ?s rdfs:label ?big }")
    for accept in ("text/turtle", "application/ld+json", "application/rdf+xml"):
        status, headers, body = fetch(
            capped + "/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept}
        )
        assert status == 200 and len(body) <= 1_000_000, (status, len(body))
        assert headers.get("KG-Results-Truncated") == "1000000 bytes", headers
        assert 1 <= body.count(b"0123456789" * 16_384) <= 6


def test_a_query_past_the_memory_limit_is_stopped_and_the_server_goes_on(seeds_store):
    server, url = _serve(seeds_store, max_memory=300)
    try:
        started = time.monotonic()
        status, _, body = fetch(url + "/sparql?" + urllib.parse.urlencode({"query": _doubled(26)}))
        assert status == 503 and b"300 MB of memory" in body and b"--max-memory" in body, body
        assert time.monotonic() - started < 5
        assert fetch(url + ASK)[0] == 200
    finally:
        server.shutdown()
        server.server_close()


# ------------------------------------------------------------------ 6. deep nesting

DEEP = "SELECT * WHERE " + "{ " * 5000 + "?s ?p ?o " + "} " * 5000


def test_deep_nesting_is_refused_by_kg_serve(served):
    _, url = served
    for query in (DEEP, "ASK { FILTER(" + "(" * 5000 + "true" + ")" * 5000 + ") }"):
        status, _, body = fetch(url + "/sparql", query.encode(), {"Content-Type": "application/sparql-query"})
        assert status == 400 and b" deep; at most 100 levels are allowed" in body, (status, body)
    assert fetch(url + ASK)[0] == 200


def test_deep_nesting_is_refused_by_kg_query_in_one_line(seeds_store):
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-m", "kg.cli", "query", "--sparql", DEEP, "--store", str(seeds_store)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1, (run.returncode, run.stderr[-300:])
    assert run.stderr.strip().splitlines() == [
        "error: the query nests brackets ({ }, ( ) and [ ]) 5000 deep; at most 100 levels are allowed "
        "(much deeper ones crash the query engine)"
    ]


def test_nesting_is_counted_outside_strings_iris_and_comments(seeds_db):
    from kg.graph.federation import MAX_NESTING, nesting_depth

    padded = 'SELECT * WHERE { ?s ?p "{{{{ ((((" . ?s <http://e/x> ?o # [[[[ {{{{\n }'
    assert nesting_depth(padded) == 1
    assert nesting_depth("SELECT * WHERE { \\u007B ?s ?p ?o } }") == 2  # an escaped brace is one
    # The deepest query allowed runs.
    allowed = "SELECT * WHERE " + "{ " * MAX_NESTING + "?s ?p ?o " + "} " * MAX_NESTING + "LIMIT 1"
    assert len(seeds_db.select(allowed)) == 1


# ------------------------------------------------------------------ 7. a server store's time limit


class _FakeFuseki:
    """A loopback SPARQL server that says it is Fuseki and records each query request's URL:
    every ASK is true, every SELECT empty."""

    def __init__(self) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        seen = self.seen = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"])).decode()
                seen.append(self.path)
                answer = (
                    b'{"head": {}, "boolean": true}'
                    if "ASK" in body
                    else b'{"head": {"vars": ["n"]}, "results": {"bindings": []}}'
                )
                self.send_response(200)
                self.send_header("Server", "Apache Jena Fuseki (5.1.0)")
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/ds/query"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_kg_serve_gives_a_fuseki_store_its_time_limit():
    fuseki = _FakeFuseki()
    server, url = _serve(fuseki.url, timeout=3.0)
    try:
        fuseki.seen.clear()
        query = "SELECT ?n WHERE { ?n ?p ?o }"
        assert fetch(url + "/sparql?" + urllib.parse.urlencode({"query": query}))[0] == 200
        assert fuseki.seen and all("timeout=3" in path for path in fuseki.seen), fuseki.seen
        assert server.pool.notes == []
    finally:
        server.shutdown()
        server.server_close()
        fuseki.close()


def test_a_server_store_that_takes_no_time_limit_is_named_at_start(tmp_path):
    import subprocess

    from tests.unit.graph.test_remote_store import _free_port, _oxigraph_binary

    port = _free_port()
    oxigraph = subprocess.Popen(
        [_oxigraph_binary(), "serve", "--location", str(tmp_path / "ox"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        server, _ = _serve(f"http://127.0.0.1:{port}", timeout=4.0)
        try:
            (note,) = server.pool.notes
            assert "takes no time limit" in note and "oxigraph serve --timeout-s 4" in note, note
        finally:
            server.shutdown()
            server.server_close()
    finally:
        oxigraph.terminate()
        oxigraph.wait(timeout=10)


# ------------------------------------------------------------------ 8. one view of the store

# The invented triples (not the counts kg keeps beside them, kg/graph/stats.py).
COUNT = "/sparql?" + urllib.parse.urlencode(
    {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://example.org/p> ?o }"}
)


def _small_store(path, triples: int) -> None:
    """A store of `triples` invented triples, written as kg writes (the merged view too)."""
    from kg.graph.store import LocalStore

    store = LocalStore(path)
    store.update(
        "INSERT DATA { "
        + " ".join(f"<http://example.org/s{n}> <http://example.org/p> {n} ." for n in range(triples))
        + " }",
        "test triples",
    )
    store.flush()
    del store


def _add_triples(path, start: int, count: int) -> None:
    from kg.graph.store import LocalStore

    store = LocalStore(path)
    store.update(
        "INSERT DATA { "
        + " ".join(
            f"<http://example.org/t{n}> <http://example.org/p> {n} ." for n in range(start, start + count)
        )
        + " }",
        "more test triples",
    )
    store.flush()
    del store


def _counts(url: str, times: int) -> list[int]:
    import json

    found = []
    for _ in range(times):
        status, _, body = fetch(url + COUNT)
        if status == 200:
            found.append(int(json.loads(body)["results"]["bindings"][0]["n"]["value"]))
    return found


def test_after_a_worker_crash_every_answer_comes_from_one_snapshot(tmp_path):
    store = tmp_path / "store"
    _small_store(store, 3)
    server, url = _serve(store, workers=2)
    try:
        assert _counts(url, 4) == [3] * 4
        _add_triples(store, 0, 3)  # a build while the server runs
        server.pool._all[0].process.kill()  # a crash: its replacement opens the store again
        counts = _counts(url, 12)
        assert len(counts) >= 8 and set(counts) == {3}, counts
    finally:
        server.shutdown()
        server.server_close()
    assert not list(tmp_path.glob(".kg-serve-snapshot-*"))  # the snapshot goes with the server


def test_reload_moves_every_worker_to_the_new_state_together(tmp_path, monkeypatch):
    from kg.serve import workers

    monkeypatch.setattr(workers, "RELOAD_EVERY", 0.2)
    store = tmp_path / "store"
    _small_store(store, 3)
    logged: list[str] = []
    server, url = _serve(store, workers=2, reload=True)
    server.pool.log = logged.append
    try:
        assert _counts(url, 4) == [3] * 4
        _add_triples(store, 0, 3)
        deadline = time.monotonic() + 10
        while not logged and time.monotonic() < deadline:
            time.sleep(0.1)
        assert logged and "the store changed" in logged[0], logged
        assert _counts(url, 8) == [6] * 8
    finally:
        server.shutdown()
        server.server_close()


# ------------------------------------------------------------------ 9. a worker that cannot restart


def test_a_worker_that_cannot_restart_is_retried_and_its_cause_reported(tmp_path, monkeypatch):
    import shutil

    from kg.graph.store import LocalStore
    from kg.serve import workers

    monkeypatch.setattr(workers, "RETRY_FIRST", 0.2)
    store = tmp_path / "store"
    _small_store(store, 3)
    logged: list[str] = []
    server, url = _serve(store, workers=1)
    server.pool.log = logged.append
    view = Path(server.pool.view)
    try:
        shutil.rmtree(view)  # the folder the workers open is gone
        server.pool._all[0].process.kill()
        fetch(url + COUNT)  # the crash: its worker cannot start again
        started = time.monotonic()
        status, _, body = fetch(url + COUNT)
        assert status == 503 and b"cannot start a query worker: no kg store at" in body, body
        assert time.monotonic() - started < 2  # said at once, not after the time limit
        status, _, page = fetch(url + "/")
        assert status == 503 and b'id="trouble"' in page and b"no kg store at" in page
        assert any("cannot start a query worker" in line and "trying again" in line for line in logged)
        LocalStore(store, read_only=True).snapshot(view)  # the folder is back
        deadline = time.monotonic() + 10
        while fetch(url + COUNT)[0] != 200 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _counts(url, 2) == [3, 3]
        assert fetch(url + "/")[0] == 200 and "query workers running again" in logged
    finally:
        server.shutdown()
        server.server_close()
