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
"""

from __future__ import annotations

import html
import io
import json
import math
import multiprocessing as mp
import queue
import resource
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg import terms as T
from kg.errors import KgError, QueryError, StoreError
from kg.federation import service_word
from kg.pages import fill, load_template, script_json
from kg.parallel import started_deaf_to_ctrl_c
from kg.queries import list_queries
from kg.store import LocalStore, RemoteStore, is_url, open_store

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 10.0  # seconds a query may run
DEFAULT_MAX_ROWS = 10_000  # rows (or triples) an answer may hold
DEFAULT_MAX_BYTES = 50_000_000  # bytes an answer may hold: one row can be huge (CONCAT doublings)
# MB of memory (heap and private mappings) a worker process may use; past it the engine
# cannot allocate, and the worker is stopped and replaced.
DEFAULT_MAX_MEMORY = 1024
_OUT_OF_MEMORY = 3  # a worker's exit code after a MemoryError
RELOAD_EVERY = 2.0  # seconds between looks at the store for a change, with --reload
# A worker that cannot start is tried again after this many seconds, twice as long each time
# up to the most.
RETRY_FIRST, RETRY_MOST = 0.5, 30.0
MAX_QUERY_BYTES = 1_000_000  # a longer request body is refused
MAX_CLIENTS = 128  # connections served at once; one more is answered 503 and closed
MAX_PER_ADDRESS = 32  # connections from one address at once: one client never holds every slot
# Seconds a client has to send a whole request, headers and body, counted from its connecting
# (or from its previous answer): a byte now and then does not extend it.
CLIENT_TIMEOUT = 30.0

# media type -> (pyoxigraph format, Content-Type sent)
SOLUTION_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
# `format=` shorthands, as several endpoints accept them
FORMAT_NAMES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes
    # The limit that cut the answer, for the KG-Results-Truncated header: the row limit
    # ("10000") or the size limit ("50000000 bytes"); empty when the answer is whole.
    truncated: str = ""


def _error(status: HTTPStatus, message: str) -> Answer:
    return Answer(status.value, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode())


# ---------------------------------------------------------------- content negotiation


def _accepted(accept: str) -> list[str]:
    """Media types of an Accept header, best first (q-values honoured, order breaks ties)."""
    ranked = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for param in fields[1:]:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, position, fields[0].lower()))
    return [media for _, _, media in sorted(ranked)]


def choose_type(accept: str, table: dict[str, Any], default: str) -> str | None:
    """The media type to answer in, or None when the client accepts none we write."""
    wanted = _accepted(accept) or ["*/*"]
    for media in wanted:
        if media in table:
            return media
        if media in ("*/*", "application/*", "text/*"):
            return default
    return None


# ---------------------------------------------------------------- running a query


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}


def run(store: Any, sparql: str, accept: str, max_rows: int, max_bytes: int = DEFAULT_MAX_BYTES) -> Answer:
    """Run one query on an open kg `Store` and write its answer: at most `max_rows` rows (or
    triples) and `max_bytes` bytes of them."""
    try:
        result = store.query(sparql)
    except QueryError as exc:
        return _error(HTTPStatus.BAD_REQUEST, str(exc))
    if isinstance(result, ox.QueryBoolean):
        media = choose_type(accept, SOLUTION_TYPES, "application/sparql-results+json")
        if media is None:
            return _error(
                HTTPStatus.NOT_ACCEPTABLE, "an ASK answer is written as " + ", ".join(SOLUTION_TYPES)
            )
        return Answer(200, media, _bytes(result.serialize(format=SOLUTION_TYPES[media])))
    if isinstance(result, ox.QueryTriples):
        media = choose_type(accept, GRAPH_TYPES, "text/turtle")
        if media is None:
            return _error(HTTPStatus.NOT_ACCEPTABLE, "a graph answer is written as " + ", ".join(GRAPH_TYPES))
        triples: list[ox.Triple] = []
        size, cut = 0, ""
        for triple in result:
            if len(triples) == max_rows:
                cut = str(max_rows)
                break
            size += len(str(triple).encode()) + 3  # as an N-Triples line
            if size > max_bytes:
                cut = f"{max_bytes} bytes"
                break
            triples.append(triple)
        return _fitted(triples, lambda part: _graph(part, media), media, max_bytes, cut)
    media = choose_type(accept, SOLUTION_TYPES, "application/sparql-results+json")
    if media is None:
        return _error(HTTPStatus.NOT_ACCEPTABLE, "a SELECT answer is written as " + ", ".join(SOLUTION_TYPES))
    names = [v.value for v in result.variables]
    rows: list[str] = []  # each a binding of SPARQL JSON, ASCII: its length is its size
    size, cut = 0, ""
    for solution in result:
        if len(rows) == max_rows:
            cut = str(max_rows)
            break
        row = json.dumps({n: _json_term(solution[n]) for n in names if solution[n] is not None})
        size += len(row) + 1
        if size > max_bytes:
            cut = f"{max_bytes} bytes"
            break
        rows.append(row)
    head = json.dumps({"vars": names})
    fmt = SOLUTION_TYPES[media]

    def write(part: list[str]) -> bytes:
        # Written as SPARQL JSON, then by Oxigraph in whatever format was asked for.
        data = f'{{"head": {head}, "results": {{"bindings": [{", ".join(part)}]}}}}'.encode()
        if fmt == ox.QueryResultsFormat.JSON:
            return data
        solutions = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        return _bytes(solutions.serialize(format=fmt))

    return _fitted(rows, write, media, max_bytes, cut)


def _fitted(items: list[Any], write: Any, media: str, max_bytes: int, cut: str) -> Answer:
    """The answer `write` makes of `items`, with as many of them as fit in `max_bytes` once
    written (escaping and markup make some formats longer than the count above)."""
    body = write(items)
    while len(body) > max_bytes and items:
        items = items[: int(len(items) * max_bytes / len(body) * 0.9)]
        body = write(items)
        cut = f"{max_bytes} bytes"
    return Answer(200, media, body, cut)


def _graph(triples: list[ox.Triple], media: str) -> bytes:
    fmt = GRAPH_TYPES[media]
    prefixes = T.PREFIXES if fmt == ox.RdfFormat.TURTLE else None
    return _bytes(ox.serialize(triples, format=fmt, prefixes=prefixes))


def _bytes(data: bytes | None) -> bytes:
    """pyoxigraph's writers return the bytes when given no output file."""
    return data or b""


def _worker(store: str, jobs: Connection, max_memory: int, time_limit: float) -> None:
    """A worker process: open the store read-only, answer queries until told to stop. It may
    use `max_memory` MB: past that the engine cannot allocate, and the process ends. A
    server store is given the time limit where it takes one; the ready message says where
    it does not."""

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server answers Ctrl-C and stops the workers
    limit = max_memory * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    try:
        opened = open_store(store, read_only=True, time_limit=time_limit)
    except KgError as exc:
        jobs.send(("error", str(exc)))
        return
    jobs.send(("ready", opened.time_limit_note() if isinstance(opened, RemoteStore) else ""))
    while True:
        try:
            job = jobs.recv()
        except EOFError:
            return
        if job is None:
            return
        sparql, accept, max_rows, max_bytes = job
        try:
            jobs.send(run(opened, sparql, accept, max_rows, max_bytes))
        except MemoryError:
            sys.exit(_OUT_OF_MEMORY)  # the pool says why; a fresh worker takes this one's place
        except Exception as exc:  # noqa: BLE001 - a worker must answer, whatever happened
            jobs.send(_error(HTTPStatus.INTERNAL_SERVER_ERROR, f"the query failed: {exc}"))


class _Worker:
    def __init__(
        self, store: str | Path, max_memory: int = DEFAULT_MAX_MEMORY, time_limit: float = DEFAULT_TIMEOUT
    ) -> None:
        context = mp.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_worker, args=(str(store), child, max_memory, time_limit), daemon=True
        )
        started_deaf_to_ctrl_c(self.process.start)  # Ctrl-C is the server's to answer
        child.close()
        try:
            kind, message = self.conn.recv()
        except EOFError:
            self.process.join()
            raise StoreError(
                f"a query worker stopped as it started (exit code {self.process.exitcode})"
            ) from None
        if kind != "ready":
            self.process.join()
            raise StoreError(message)
        self.note = message  # for the operator: a server store that ignores the time limit

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def _fingerprint(folder: str | Path) -> tuple[tuple[str, int, int], ...] | None:
    """What a write to the store at `folder` changes (its files' names, sizes and times), or
    None when it cannot be read."""
    try:
        return tuple(sorted((f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in Path(folder).iterdir()))
    except OSError:
        return None


class QueryPool:
    """Worker processes that run queries under a time limit, all on one view of the store.

    An embedded store is served from a snapshot taken at the start (a checkpoint beside the
    store, see `LocalStore.snapshot`): a worker started later, after a crash or a time limit,
    opens the same snapshot, so every answer comes from one state of the store however it
    is rebuilt meanwhile. With `reload`, a change to the store is taken up by all workers
    together: a new snapshot, a new set of workers, the old ones stopped. A server store is
    the server's: its own state at each query."""

    def __init__(
        self,
        store: str | Path,
        workers: int,
        timeout: float,
        max_rows: int,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_memory: int = DEFAULT_MAX_MEMORY,
        reload: bool = False,
    ) -> None:
        self.store = store
        self.workers = max(1, workers)
        self.timeout = timeout
        self.max_rows = max_rows
        self.max_bytes = max_bytes
        self.max_memory = max_memory
        self.log: Callable[[str], None] = lambda message: None  # the operator's log (kg serve's stderr)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = threading.Event()
        # Why workers are missing ("" while all run), for answers, the page and the log.
        self.trouble = ""
        self._missing = 0  # workers that could not be started again yet
        self._fingerprint = None if is_url(store) else _fingerprint(store)
        self._snapshot: Path | None = None
        self.view = self._take_view()
        try:
            for _ in range(self.workers):
                self._add(self._start())
        except BaseException:
            self.close()
            raise
        # What the operator should know of the store (a server that ignores the time limit).
        self.notes = sorted({w.note for w in self._all if w.note})
        if reload and not is_url(store):
            threading.Thread(target=self._watch, daemon=True).start()

    def _take_view(self) -> str:
        """What workers open: a new snapshot of an embedded store (kept in `_snapshot`), or
        the server store's URL."""
        if is_url(self.store):
            return str(self.store)
        source = LocalStore(self.store, read_only=True)  # a missing store is reported here
        parent = Path(self.store).resolve().parent
        try:  # beside the store: the same file system, so hard links
            folder = Path(tempfile.mkdtemp(prefix=".kg-serve-snapshot-", dir=parent))
        except OSError:
            folder = Path(tempfile.mkdtemp(prefix="kg-serve-snapshot-"))
        try:
            source.snapshot(folder / "store")
        except KgError:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        self._snapshot = folder
        return str(folder / "store")

    def _start(self) -> _Worker:
        return _Worker(self.view, self.max_memory, self.timeout)

    def _add(self, worker: _Worker) -> None:
        with self._lock:
            self._all.append(worker)
        self._idle.put(worker)

    def _replace(self) -> None:
        """Start a worker in the place of one that stopped. One that cannot start is tried
        again in the background, less often each time, with the reason in `trouble` and
        the log, until it runs."""
        try:
            self._add(self._start())
        except KgError as exc:
            with self._lock:
                self._missing += 1
                first = self._missing == 1
                self.trouble = f"cannot start a query worker: {exc}"
            if first:
                threading.Thread(target=self._retry, daemon=True).start()

    def _retry(self) -> None:
        wait = RETRY_FIRST
        self.log(f"{self.trouble}; trying again in {wait:g} s")
        while not self._closed.wait(wait):
            try:
                worker = self._start()
            except KgError as exc:
                wait = min(wait * 2, RETRY_MOST)
                self.trouble = f"cannot start a query worker: {exc}"
                self.log(f"{self.trouble}; trying again in {wait:g} s")
                continue
            self._add(worker)
            with self._lock:
                self._missing -= 1
                if self._missing == 0:
                    self.trouble = ""
            if not self.trouble:
                self.log("query workers running again")
                return
            wait = RETRY_FIRST  # start the others at once too

    def unavailable(self) -> str:
        """Why no query can run now ("" when one can): no worker is running."""
        return self.trouble if self.trouble and not self._all else ""

    def _watch(self) -> None:
        while not self._closed.wait(RELOAD_EVERY):
            seen = _fingerprint(self.store)
            if seen is not None and seen != self._fingerprint:
                self._fingerprint = seen
                self.reload()

    def reload(self) -> None:
        """Move every worker to a new snapshot of the store, together. A query running on
        the old one finishes there; its worker then stops."""
        old_snapshot = self._snapshot
        try:
            view = self._take_view()
            fresh = [_Worker(view, self.max_memory, self.timeout) for _ in range(self.workers)]
        except KgError as exc:
            if self._snapshot != old_snapshot and self._snapshot is not None:
                shutil.rmtree(self._snapshot, ignore_errors=True)
            self._snapshot = old_snapshot
            self.log(f"the store changed, but kg serve keeps answering from the old view: {exc}")
            return
        with self._lock:
            self.view, old, self._all = view, self._all, fresh
            idle = []
            while not self._idle.empty():
                idle.append(self._idle.get_nowait())
            for worker in fresh:
                self._idle.put(worker)
        for worker in idle:
            worker.stop()
        if old_snapshot is not None:
            # Queries still running on the old snapshot end within the time limit.
            threading.Timer(self.timeout + 5, shutil.rmtree, (old_snapshot, True)).start()
        self.log(f"the store changed: every worker answers from its new state ({len(old)} workers replaced)")

    def _return(self, worker: _Worker) -> None:
        """A worker that answered goes back to work, unless a reload replaced it meanwhile."""
        with self._lock:
            current = worker in self._all
        if current:
            self._idle.put(worker)
        else:
            worker.stop()

    def answer(self, sparql: str, accept: str) -> Answer:
        if self.unavailable():
            return _error(HTTPStatus.SERVICE_UNAVAILABLE, f"{self.unavailable()} (kg serve is trying again)")
        try:
            # Waiting for a free worker counts against the same limit as running.
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            if self.trouble:
                return _error(HTTPStatus.SERVICE_UNAVAILABLE, f"{self.trouble} (kg serve is trying again)")
            return _error(HTTPStatus.SERVICE_UNAVAILABLE, "the server is busy; try again shortly")
        exitcode = None
        try:
            worker.conn.send((sparql, accept, self.max_rows, self.max_bytes))
            if worker.conn.poll(self.timeout):
                answer = worker.conn.recv()
                self._return(worker)
                return answer
        except (EOFError, OSError):  # it died
            worker.process.join(1.0)
            exitcode = worker.process.exitcode
        # Too slow, or died: kill it, start a fresh one in its place (on the same view).
        with self._lock:
            current = worker in self._all
            if current:
                self._all.remove(worker)
        worker.stop()
        if current:
            self._replace()
        if exitcode is None:
            return _error(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"the query ran past the time limit of {self.timeout:g} s and was stopped "
                "(kg serve --timeout sets the limit)",
            )
        if exitcode in (_OUT_OF_MEMORY, -signal.SIGABRT):  # Python's or the engine's failed allocation
            return _error(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"the query needed more than the {self.max_memory} MB of memory a query may use "
                "and was stopped (kg serve --max-memory sets the limit)",
            )
        return _error(
            HTTPStatus.INTERNAL_SERVER_ERROR, f"the query crashed the query engine (exit code {exitcode})"
        )

    def close(self) -> None:
        self._closed.set()
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            worker.stop()
        if self._snapshot is not None:
            shutil.rmtree(self._snapshot, ignore_errors=True)


# ---------------------------------------------------------------- HTTP


class _DeadlineReader(io.RawIOBase):
    """A connection's bytes, read against one deadline for the whole request: a socket's own
    timeout starts again at every byte, so a client sending one byte every few seconds
    would hold its connection for ever."""

    def __init__(self, connection: socket.socket) -> None:
        self.connection = connection
        self.deadline = math.inf

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request took longer than its deadline")
        self.connection.settimeout(left)
        return self.connection.recv_into(buffer)


class _Handler(BaseHTTPRequestHandler):
    server: KgServer
    protocol_version = "HTTP/1.1"
    # A client that has not sent its whole request this long after connecting (or after its
    # previous answer) loses its connection, however it trickles: idle and slow connections
    # cannot hold every slot.
    timeout = CLIENT_TIMEOUT

    def setup(self) -> None:
        super().setup()
        self.rfile.close()
        self._reader = _DeadlineReader(self.connection)
        self.rfile = io.BufferedReader(self._reader)

    def handle_one_request(self) -> None:
        self._reader.deadline = time.monotonic() + self.timeout
        super().handle_one_request()

    def send_response(self, code: int, message: str | None = None) -> None:
        # The request is read: the answer is written under the plain socket timeout.
        self._reader.deadline = math.inf
        self.connection.settimeout(self.timeout)
        super().send_response(code, message)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        if self.server.verbose:
            super().log_message(format, *args)

    def _send(self, answer: Answer, head_only: bool = False) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Expose-Headers", "KG-Results-Truncated")
        self.send_header("Vary", "Accept")
        if answer.truncated:
            self.send_header("KG-Results-Truncated", answer.truncated)
        self.end_headers()
        if not head_only:
            self.wfile.write(answer.body)

    def do_OPTIONS(self) -> None:  # noqa: N802 - http.server's naming
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Accept, Content-Type")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path in ("/", "/index.html") and "query" not in params:
            page, status = self.server.page, 200
            trouble = self.server.pool.trouble
            if trouble:  # said on the page, and in its status where no query can run
                note = f'<p id="trouble" role="alert">{html.escape(trouble)}; kg serve is trying again</p>'
                page = page.replace("<body>", "<body>\n" + note, 1)
                status = 503 if self.server.pool.unavailable() else 200
            self._send(Answer(status, "text/html; charset=utf-8", page.encode()))
            return
        if url.path not in ("/sparql", "/query", "/"):
            self._send(_error(HTTPStatus.NOT_FOUND, f"no such resource {url.path}; the endpoint is /sparql"))
            return
        self._dispatch(params)

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path in ("/update", "/store") or url.path.startswith("/store"):
            self._drain()
            self._refuse_update()
            return
        if url.path not in ("/sparql", "/query", "/"):
            self._drain()
            self._send(_error(HTTPStatus.NOT_FOUND, f"no such resource {url.path}; the endpoint is /sparql"))
            return
        body = self._drain()
        if body is None:
            return
        origin = self.headers.get("Origin")
        if origin is not None and not self.server.allows_origin(origin, self.headers.get("Host")):
            # A page on another site can send a form POST with no preflight; the browser
            # says whose page it is. Reading stays open to any page through GET.
            self._send(
                _error(
                    HTTPStatus.FORBIDDEN,
                    f"a POST from a page at {origin} is refused: this endpoint runs POSTed queries "
                    "only from its own page or an origin that kg serve --allow-origin names; "
                    "GET works from anywhere",
                )
            )
            return
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if media == "application/sparql-query":
            params["query"] = [body.decode("utf-8", "replace")]
        elif media == "application/sparql-update":
            self._refuse_update()
            return
        elif media == "application/x-www-form-urlencoded":
            for key, values in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        else:
            self._send(
                _error(
                    HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                    "POST a query as application/sparql-query or application/x-www-form-urlencoded",
                )
            )
            return
        self._dispatch(params)

    def do_PUT(self) -> None:  # noqa: N802
        self._drain()
        self._refuse_update()

    do_DELETE = do_PATCH = do_PUT  # noqa: N815 - every write is refused the same way

    def _drain(self) -> bytes | None:
        """The request body, read whole; None (and an answer sent) when it is too large."""
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        if length > MAX_QUERY_BYTES:
            self.close_connection = True
            self._send(
                _error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"a query may be at most {MAX_QUERY_BYTES} bytes")
            )
            return None
        return self.rfile.read(length) if length > 0 else b""

    def _refuse_update(self) -> None:
        self._send(_error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused"))

    def _dispatch(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._refuse_update()
            return
        queries = params.get("query") or []
        if len(queries) != 1 or not queries[0].strip():
            self._send(
                _error(HTTPStatus.BAD_REQUEST, "give exactly one SPARQL query in the 'query' parameter")
            )
            return
        if not self.server.allow_federation and service_word(queries[0]) is not None:
            self._send(
                _error(
                    HTTPStatus.BAD_REQUEST,
                    "SERVICE (a federated query) is refused: it would make this server send requests "
                    "to other addresses; kg serve --allow-federation permits it. (Any word holding "
                    "'service' outside strings, IRIs and variables counts, a prefix name too.)",
                )
            )
            return
        accept = self.headers.get("Accept") or "*/*"
        if params.get("format"):
            name = params["format"][0].lower()
            accept = FORMAT_NAMES.get(name, name)
        self._send(self.server.pool.answer(queries[0], accept))


class KgServer(ThreadingHTTPServer):
    """One thread a connection, at most `MAX_CLIENTS` at once and `MAX_PER_ADDRESS` from one
    address: a burst past that is answered 503 at once instead of growing threads without
    bound, and one client (a slow one, say) cannot take every slot."""

    daemon_threads = True
    request_queue_size = 256  # the listen backlog: a burst of connections waits, not refused

    def __init__(
        self,
        address: tuple[str, int],
        pool: QueryPool,
        page: str,
        verbose: bool = False,
        allow_federation: bool = False,
        allowed_origins: Iterable[str] = (),
        max_per_address: int = MAX_PER_ADDRESS,
    ) -> None:
        self.pool = pool
        self.page = page
        self.verbose = verbose
        self.allow_federation = allow_federation
        self.allowed_origins = {o.rstrip("/").lower() for o in allowed_origins}
        self._slots = threading.BoundedSemaphore(MAX_CLIENTS)
        self.max_per_address = max_per_address
        self._per_address: dict[str, int] = {}
        self._count_lock = threading.Lock()
        super().__init__(address, _Handler)

    def allows_origin(self, origin: str, host: str | None) -> bool:
        """May a page at `origin` POST a query? Its own page may, and the origins the operator
        named (`*`: any)."""
        origin = origin.strip().rstrip("/").lower()
        if "*" in self.allowed_origins or origin in self.allowed_origins:
            return True
        return host is not None and origin in (
            f"http://{host.strip().lower()}",
            f"https://{host.strip().lower()}",
        )

    def process_request(self, request: Any, client_address: Any) -> None:
        address = str(client_address[0])
        with self._count_lock:
            held = self._per_address.get(address, 0)
            if held < self.max_per_address:
                self._per_address[address] = held + 1
        if held >= self.max_per_address:
            self._turn_away(request, f"{address} has {self.max_per_address} connections open already")
            return
        if not self._slots.acquire(blocking=False):
            self._release(address)
            self._turn_away(request, f"the server has {MAX_CLIENTS} clients already")
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            self._release(address)
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()
            self._release(str(client_address[0]))

    def _release(self, address: str) -> None:
        with self._count_lock:
            left = self._per_address[address] - 1
            if left:
                self._per_address[address] = left
            else:
                del self._per_address[address]

    def _turn_away(self, request: Any, why: str) -> None:
        """Answer 503 on the bare socket: no handler thread is spent on a refusal."""
        answer = _error(HTTPStatus.SERVICE_UNAVAILABLE, f"{why}; try again shortly")
        head = (
            f"HTTP/1.1 {answer.status} Service Unavailable\r\nContent-Type: {answer.content_type}\r\n"
            f"Content-Length: {len(answer.body)}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n"
        )
        try:
            request.settimeout(1.0)
            request.sendall(head.encode() + answer.body)
        except OSError:
            pass
        self.shutdown_request(request)

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


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


def query_page(examples: dict[str, str] | None = None) -> str:
    """The page at `/`: a query box, with the canned queries (or `examples`, name -> SPARQL)
    to pick from."""
    if examples is None:
        examples = {q.name: q.text for q in list_queries()}
    options = "\n".join(
        f'<option value="{html.escape(name)}">{html.escape(name)}</option>' for name in examples
    )
    first = next(iter(examples.values()), "SELECT * WHERE { ?s ?p ?o } LIMIT 10")
    return fill(
        load_template("query.html"),
        options=options,
        examples=script_json(examples),
        first=html.escape(first),
    )
