"""A kg store kept on a SPARQL 1.1 server (Oxigraph, Fuseki, GraphDB, ...), so a team
shares one graph: `--store http://host:7878` (or any query endpoint URL).

- Endpoints: a server root (`http://host:7878`) means Oxigraph's `/query` and `/update`; a
  URL ending in `/query` updates at the sibling `/update` (Oxigraph, Fuseki); any other URL
  takes both. `KG_UPDATE_URL` names the update endpoint outright.
- Writes: each article's graph (or a build's batch of them) is replaced by one SPARQL update
  request (drop, then insert), which a transactional server (Oxigraph is one) applies whole or not at all.
- Reads: queries run on the server's default graph, which kg's writes keep the merged view
  of the article graphs (see kg/graph/store/__init__.py), with kg's prefixes declared. Bound parameters
  travel as a VALUES block at the head of the WHERE clause: RDF terms, never spliced text.
- User and password in the URL are sent as HTTP basic authentication.
- A time limit (`kg serve --timeout`) goes to the server where it takes one per request:
  Fuseki reads a `timeout` parameter in seconds (capped by its own configured limit). An
  Oxigraph server has only its start-up option `oxigraph serve --timeout-s`; other servers
  have their own settings. Without one, a query the client gave up on runs on there.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox
import requests

from kg.errors import QueryError, StoreError
from kg.graph import vocab as T
from kg.graph.bindings import Bindings, with_values
from kg.graph.federation import check_nesting
from kg.graph.store.base import GraphStore

UPDATE_URL_ENV = "KG_UPDATE_URL"
TIMEOUT = 300.0  # seconds: a slow answer from a big store, not a hung one
SOLUTIONS = "application/sparql-results+json"
TRIPLES = "application/n-triples"


def endpoints(url: str) -> tuple[str, str]:
    """The query and update endpoints of the store at `url`."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(f"not a SPARQL server URL: {url!r}")
    path = parts.path.rstrip("/")
    if not path:
        query, update = "/query", "/update"
    elif path.endswith("/query"):
        query, update = path, path[: -len("query")] + "update"
    else:
        query = update = path
    query_url = urlunsplit((parts.scheme, parts.netloc, query, parts.query, ""))
    update_url = urlunsplit((parts.scheme, parts.netloc, update, parts.query, ""))
    return query_url, os.environ.get(UPDATE_URL_ENV) or update_url


class RemoteStore(GraphStore):
    """The kg store on the SPARQL server at `url`; `read_only` never writes to it."""

    def __init__(self, url: str, read_only: bool = False, time_limit: float | None = None) -> None:
        self.location = url
        self.read_only = read_only
        self.time_limit = time_limit
        self.server = ""  # the server's Server header: which software answers
        self.query_url, self.update_url = endpoints(url)
        self._http = requests.Session()
        # On the query's first line, so the server's line numbers in errors are the user's.
        self._adopt_view(read_only)  # the first request: fails here, with the reason, if unreachable

    def _post(
        self, url: str, media: str, body: str, accept: str | None = None, params: dict[str, str] | None = None
    ) -> requests.Response:
        headers = {"Content-Type": f"{media}; charset=utf-8"}
        if accept:
            headers["Accept"] = accept
        try:
            response = self._http.post(
                url, data=body.encode("utf-8"), headers=headers, params=params, timeout=TIMEOUT
            )
        except requests.RequestException as exc:
            raise StoreError(f"cannot reach the SPARQL server at {url}: {exc}") from exc
        self.server = response.headers.get("Server", self.server)
        if response.status_code in (401, 403):
            raise StoreError(
                f"the SPARQL server at {url} refused kg ({response.status_code}): {_reason(response)}"
            )
        if response.status_code >= 500 or response.status_code == 404:
            raise StoreError(
                f"the SPARQL server at {url} failed ({response.status_code}): {_reason(response)}"
            )
        return response

    # ------------------------------------------------------------ writing

    def update(self, sparql: str, what: str) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.location} was opened read-only")
        response = self._post(self.update_url, "application/sparql-update", sparql)
        if not response.ok:
            raise StoreError(f"cannot write {what} to {self.update_url}: {_reason(response)}")

    # ------------------------------------------------------------ reading

    def query(self, sparql: str, bindings: Bindings | None = None) -> Any:
        text = T.SPARQL_PROLOGUE + (with_values(sparql, bindings) if bindings else sparql)
        check_nesting(text)  # past it an Oxigraph server's parser, like the embedded one, crashes
        params = {"union-default-graph": ""} if self._union else {}
        if self.time_limit is not None and self.takes_time_limit():
            params["timeout"] = f"{self.time_limit:g}"  # Fuseki: seconds
        response = self._post(
            self.query_url,
            "application/sparql-query",
            text,
            accept=f"{SOLUTIONS}, {TRIPLES};q=0.9",
            params=params or None,
        )
        if not response.ok:
            reason = _reason(response)
            # A column on the first line counts the prologue: give it in the user's text.
            reason = re.sub(
                r"\b1:(\d+)", lambda m: f"1:{max(1, int(m[1]) - len(T.SPARQL_PROLOGUE))}", reason, count=1
            )
            raise QueryError(f"the SPARQL server refused the query: {reason}")
        media = response.headers.get("Content-Type", "").split(";")[0].strip()
        try:
            if media == TRIPLES:
                return _as_query_triples(response.content)
            return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise StoreError(
                f"the SPARQL server at {self.query_url} answered in a way kg cannot read: {exc}"
            ) from exc

    def takes_time_limit(self) -> bool:
        """Does the server stop a query at a time limit kg sends with it? Fuseki does (its
        `timeout` parameter). Others are not sent one: Virtuoso and Stardog read a `timeout`
        in milliseconds, and an Oxigraph server sets its limit only when started."""
        return "fuseki" in self.server.lower()

    def time_limit_note(self) -> str:
        """For an operator: where a query stopped at the time limit goes on running."""
        if self.time_limit is None or self.takes_time_limit():
            return ""
        server = self.server or "unnamed software"
        advice = (
            f"start it with `oxigraph serve --timeout-s {self.time_limit:g}`"
            if server.lower().startswith("oxigraph")
            else "set a query time limit in its own configuration"
        )
        return (
            f"the SPARQL server at {self.location} ({server}) takes no time limit from kg: a query "
            f"stopped here after {self.time_limit:g} s runs on there; {advice}"
        )

    def quads(self) -> Iterator[ox.Quad]:
        for row in self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
            yield ox.Quad(row["s"], row["p"], row["o"], row["g"])

    def named_graph_count(self) -> int:
        return self.count("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")


def _reason(response: requests.Response) -> str:
    text = " ".join(response.text.split())
    return text[:500] or response.reason


def _as_query_triples(ntriples: bytes) -> Any:
    # A CONSTRUCT or DESCRIBE answer comes back as N-Triples; reading it into a store in
    # memory and asking for all of it gives callers the same QueryTriples as the embedded store.
    scratch = ox.Store()
    scratch.load(ntriples, format=ox.RdfFormat.N_TRIPLES)
    return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
