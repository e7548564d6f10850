"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over a kg store.

Queries run in a small pool of worker processes, each with the store open read-only. A
query that outlives the time limit has its worker killed and replaced, so a runaway query
costs its time limit and no more; the HTTP threads only wait. Results are capped at a row
(or triple) limit and at a size in bytes; a capped answer says so in the
`KG-Results-Truncated` header. A worker may use so much memory (a resource limit on its
process) and no more: a query that needs more stops its worker, which is replaced.

Protocol: `GET /sparql?query=...`, `POST /sparql` with a form (`query=...`) or an
`application/sparql-query` body. Any update is refused with 403. Two guards keep a web page
the user happens to open from using the endpoint against them: SERVICE is refused unless
the operator allows federation (it would make the server call any address the query
names: the user's intranet), and a POST from a page of another origin is refused (a form
POST needs no CORS preflight), while GET stays open to every page. Results by content
negotiation (`Accept`) or a `format` parameter: SELECT/ASK as SPARQL JSON, XML, CSV or
TSV; CONSTRUCT/DESCRIBE as Turtle, JSON-LD, N-Triples or RDF/XML.

The package: `answers.py` (content negotiation, result writers), `workers.py` (the worker
pool), `http.py` (handler and server), `limits.py` (defaults and caps); `make_server`
here puts them together.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kg.errors import StoreError
from kg.serve.answers import Answer, choose_type, run
from kg.serve.http import KgServer, query_page
from kg.serve.limits import (
    DEFAULT_HOST,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_MEMORY,
    DEFAULT_MAX_ROWS,
    DEFAULT_PORT,
    DEFAULT_TIMEOUT,
    MAX_PER_ADDRESS,
)
from kg.serve.workers import QueryPool

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_MEMORY",
    "DEFAULT_MAX_ROWS",
    "DEFAULT_PORT",
    "DEFAULT_TIMEOUT",
    "MAX_PER_ADDRESS",
    "Answer",
    "KgServer",
    "QueryPool",
    "choose_type",
    "make_server",
    "query_page",
    "run",
]


def make_server(
    store: str | Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    max_rows: int = DEFAULT_MAX_ROWS,
    workers: int = 2,
    verbose: bool = False,
    allow_federation: bool = False,
    allowed_origins: Iterable[str] = (),
    max_per_address: int = MAX_PER_ADDRESS,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_memory: int = DEFAULT_MAX_MEMORY,
    reload: bool = False,
) -> KgServer:
    """A server ready to `serve_forever()`; port 0 picks a free one (see `server_port`).
    `allow_federation` lets queries use SERVICE; `allowed_origins` are the web origins
    (besides the server's own page) whose pages may POST queries; `max_per_address` caps
    the connections one client address may hold; `max_bytes` caps an answer's size and
    `max_memory` (MB) each worker's memory. The server answers from a snapshot of the
    store taken now; `reload` moves it to the store's new state whenever that changes."""
    # A missing store is reported in the store's own words.
    pool = QueryPool(store, workers, timeout, max_rows, max_bytes, max_memory, reload)
    try:
        return KgServer(
            (host, port), pool, query_page(), verbose, allow_federation, allowed_origins, max_per_address
        )
    except OSError as exc:
        pool.close()
        raise StoreError(f"cannot listen on {host}:{port}: {exc}") from exc
