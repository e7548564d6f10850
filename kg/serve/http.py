"""The HTTP side: the request handler (SPARQL protocol, the query page, CORS and origin
checks) and the server (connection caps, whole-request deadlines)."""

from __future__ import annotations

import html
import io
import math
import socket
import threading
import time
from collections.abc import Iterable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg.graph.federation import service_word
from kg.graph.queries import list_queries
from kg.pages import fill, load_template, script_json
from kg.serve.answers import FORMAT_NAMES, Answer, _error
from kg.serve.limits import CLIENT_TIMEOUT, MAX_CLIENTS, MAX_PER_ADDRESS, MAX_QUERY_BYTES
from kg.serve.workers import QueryPool


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
