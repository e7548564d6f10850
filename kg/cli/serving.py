"""`kg serve`: the read-only SPARQL endpoint."""

from __future__ import annotations

from typing import Annotated

import typer

from kg import serve as serving
from kg.cli.common import StoreOption, _fail, _styled, app, err
from kg.errors import KgError
from kg.graph.store import default_store


@app.command()
def serve(
    store: StoreOption = default_store(),
    host: Annotated[
        str, typer.Option(help="Address to listen on; 0.0.0.0 opens the endpoint to the network.")
    ] = serving.DEFAULT_HOST,
    port: Annotated[int, typer.Option(help="Port to listen on (0: any free port).")] = serving.DEFAULT_PORT,
    timeout: Annotated[
        float, typer.Option(help="Seconds a query may run before it is stopped.")
    ] = serving.DEFAULT_TIMEOUT,
    max_rows: Annotated[
        int, typer.Option(help="Rows (or triples) an answer may hold; more are cut.")
    ] = serving.DEFAULT_MAX_ROWS,
    max_bytes: Annotated[
        int,
        typer.Option(
            help="Bytes an answer may hold (e.g. 5000000 for 5 MB); a longer one is cut, "
            "and says so in its KG-Results-Truncated header.",
        ),
    ] = serving.DEFAULT_MAX_BYTES,
    max_memory: Annotated[
        int,
        typer.Option(
            help="MB of memory each query worker may use (e.g. 2048); a query that needs more "
            "is stopped and answered 503.",
        ),
    ] = serving.DEFAULT_MAX_MEMORY,
    workers: Annotated[int, typer.Option(help="Queries run at once, each in its own process.")] = 2,
    max_per_address: Annotated[
        int,
        typer.Option(
            help="Connections one client address may hold at once (e.g. 128 behind a reverse proxy, "
            "where every client has the proxy's address).",
        ),
    ] = serving.MAX_PER_ADDRESS,
    verbose: Annotated[bool, typer.Option("--verbose", help="Log every request.")] = False,
    reload: Annotated[
        bool,
        typer.Option(
            "--reload",
            help="Answer from the store's new state when a build changes it (e.g. `kg serve "
            "--reload` beside a nightly `kg build`); without it, from the store as it was at start.",
        ),
    ] = False,
    allow_federation: Annotated[
        bool,
        typer.Option(
            "--allow-federation",
            help="Let queries use SERVICE, which makes this server send requests to any address a "
            "query names (refused by default: any web page could reach your network through it).",
        ),
    ] = False,
    allow_origin: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-origin",
            help="A web origin (e.g. https://yasgui.example.org) whose pages may POST queries; "
            "repeat for more, '*' for any. GET is open to every page.",
        ),
    ] = None,
) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint at /sparql, with a query page at /.

    Example: `kg serve --store ./kg-store`, then
    `curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' http://127.0.0.1:7878/sparql`
    """
    if min(timeout, max_rows, max_bytes, max_memory, workers, max_per_address) <= 0:
        _fail(
            KgError(
                "--timeout, --max-rows, --max-bytes, --max-memory, --workers and --max-per-address "
                "must be positive"
            )
        )
    server = serving.make_server(
        store,
        host,
        port,
        timeout,
        max_rows,
        workers,
        verbose,
        allow_federation,
        allow_origin or (),
        max_per_address,
        max_bytes,
        max_memory,
        reload,
    )
    server.pool.log = lambda message: err.print(message, highlight=False, soft_wrap=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(
            _styled(
                "warning:", "yellow", f"listening on {host}: anyone who can reach this machine can query"
            ),
            highlight=False,
        )
    for note in server.pool.notes:
        err.print(_styled("warning:", "yellow", note), highlight=False, soft_wrap=True)
    err.print(f"SPARQL endpoint: http://{host}:{server.server_port}/sparql (query page at /); Ctrl-C stops")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
