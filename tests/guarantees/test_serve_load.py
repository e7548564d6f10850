"""`kg serve` under a burst: 50 clients query the real command for 30 seconds, two of them
with queries that run past the time limit and one with answers past the row limit. Every
answer is a result or one of the documented limit responses, no connection fails, and the
server answers correctly afterwards. Each client connects from its own loopback address
(127.0.0.10, 127.0.0.11, ...), as fifty users would: one address may hold only so many
connections."""

from __future__ import annotations

import http.client
import json
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator

import pytest

from kg.graph.queries import list_queries
from kg.graph.store import open_store

pytestmark = pytest.mark.slow

CLIENTS = 50
SECONDS = 30.0
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
EVERYTHING = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
PEOPLE = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a kg:Person }"
# The documented answers to a client the server cannot serve now (kg/serve/).
LIMIT_MESSAGES = ("time limit", "busy", "clients already")


@pytest.fixture()
def served(seeds_store) -> Iterator[str]:
    command = [sys.executable, "-m", "kg.cli", "serve", "--store", str(seeds_store), "--port", "0"]
    server = subprocess.Popen(
        [*command, "--timeout", "2", "--max-rows", "50", "--workers", "2"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        found = re.search(r"http://[\d.]+:\d+", line)
        assert found, line
        yield found.group()
    finally:
        server.kill()
        server.wait()


def ask(endpoint: str, query: str, source: str | None = None) -> tuple[int, dict[str, str], bytes]:
    if source is not None:  # from that address, on a connection of its own
        parts = urllib.parse.urlsplit(endpoint)
        connection = http.client.HTTPConnection(
            parts.hostname or "", parts.port, timeout=60, source_address=(source, 0)
        )
        try:
            connection.request(
                "GET",
                "/sparql?" + urllib.parse.urlencode({"query": query}),
                headers={"Accept": "application/sparql-results+json"},
            )
            response = connection.getresponse()
            return response.status, dict(response.headers), response.read()
        finally:
            connection.close()
    url = endpoint + "/sparql?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_fifty_clients_for_thirty_seconds_get_answers_or_documented_limits(served, seeds_store):
    canned = [q.text for q in list_queries()]
    outcomes: Counter[str] = Counter()
    answered: Counter[int] = Counter()
    failures: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + SECONDS

    def client(number: int) -> None:
        queries = [SLOW] if number < 2 else [EVERYTHING] if number == 2 else canned
        turn = number
        while time.monotonic() < stop:
            query = queries[turn % len(queries)]
            turn += 1
            try:
                status, headers, body = ask(served, query, source=f"127.0.0.{10 + number}")
            except OSError as exc:  # a refused, reset or timed-out connection
                with lock:
                    failures.append(f"client {number}: {type(exc).__name__}: {exc}")
                continue
            if status == 200:
                json.loads(body)  # a whole answer
                kind = "capped" if "KG-Results-Truncated" in headers else "answer"
                answered[number] += 1
            elif status == 503 and any(m in body.decode() for m in LIMIT_MESSAGES):
                kind = "limit: " + next(m for m in LIMIT_MESSAGES if m in body.decode())
            else:
                kind = "wrong"
                with lock:
                    failures.append(f"client {number}: {status} {body[:200]!r}")
            with lock:
                outcomes[kind] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    print(dict(outcomes))
    assert not failures, failures[:5]
    assert outcomes["capped"] > 0 and outcomes["limit: time limit"] > 0
    assert all(answered[n] for n in range(3, CLIENTS)), answered  # every client was served
    status, _, body = ask(served, PEOPLE)
    assert status == 200
    expected = open_store(seeds_store, read_only=True).count(PEOPLE)
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == expected
