"""The `kg` command line: parse options, call one library function, render the result.

Library modules are imported inside the commands that use them, not here: spaCy, pyshacl
and matplotlib take seconds to import, and `kg --help` or `kg query` should not wait for
them. No import cycle is hidden that way (the package has none)."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text
from typer.core import TyperCommand

from kg import serve as serving
from kg.errors import KgError
from kg.model import FACT_TYPES
from kg.store import STORE_ENV, GraphStore, default_store, open_store, storage_error


class _OneLineErrors(TyperCommand):
    """A command whose error escapes it, or whose store fails while its rows are read (they
    are read as they are used, after the store opened), says so in one line, exit code 1."""

    def invoke(self, ctx: Any) -> Any:  # typer's own click Context
        try:
            return super().invoke(ctx)
        except KgError as exc:
            _fail(exc)
        except (OSError, RuntimeError) as exc:
            problem = storage_error(exc, str(ctx.params.get("store") or ""))
            if problem is None:
                raise
            _fail(problem)


class _Kg(typer.Typer):
    def command(self, *args: Any, cls: type[TyperCommand] | None = None, **kwargs: Any) -> Any:
        return super().command(*args, cls=cls or _OneLineErrors, **kwargs)


app = _Kg(
    help="Build and query a knowledge graph of who met, phoned, interviewed and holds which role, from news.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
# Markup off: names, paths and query values hold "[...]" ("kg[cluster]", "[draft].txt"),
# which rich would eat or fail on. Styled words are Text, built by _styled. Piped output
# keeps whole tables rather than folding them to 80 columns.
out = Console(width=None if sys.stdout.isatty() else 160, markup=False)
err = Console(stderr=True, markup=False)


def _print_version(asked: bool) -> None:
    if asked:
        from kg import __version__

        out.print(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print kg's version and stop."
        ),
    ] = False,
) -> None:
    """Options before any command (the app's help above is what `kg --help` shows)."""


def _styled(label: str, style: str, message: object = "") -> Text:
    """ "error: ..." with the label in `style` and the message as plain text."""
    return Text.assemble((label, style), f" {message}" if message != "" else "")


StoreOption = Annotated[
    str,
    typer.Option(
        "--store",
        envvar=STORE_ENV,
        help="Store folder, or the URL of a SPARQL 1.1 server holding the graph "
        "(e.g. http://localhost:7878 for `oxigraph serve`); or set KG_STORE.",
        show_default=True,
    ),
]


def _fail(exc: KgError) -> NoReturn:
    err.print(_styled("error:", "bold red", exc), highlight=False, soft_wrap=True)
    raise typer.Exit(1)


def _check_writable(output: Path) -> None:
    """Fail before any work where `output` cannot be written: a missing folder is one line,
    not a traceback after the export ran."""
    folder = output.parent
    if not folder.is_dir():
        _fail(KgError(f"cannot write {output}: the folder {folder} does not exist"))
    if output.is_dir():
        _fail(KgError(f"cannot write {output}: it is a folder"))


def _open(location: str) -> GraphStore:
    try:
        return open_store(location, read_only=True)
    except KgError as exc:
        _fail(exc)


class _PlainProgress:
    """Build progress for a log: "12/480 articles, 3.1/s, about 2 min 31 s left", on stderr,
    at most every `EVERY` seconds, and once at the end."""

    EVERY = 10.0

    def __init__(self) -> None:
        self.total = 0
        self.done = 0
        self.began = self.said = time.monotonic()

    def start(self, total: int) -> None:
        self.total, self.began, self.said = total, time.monotonic(), time.monotonic()

    def advance(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self.said >= self.EVERY or self.done == self.total:
            self.said = now
            rate = self.done / max(now - self.began, 1e-9)
            left = (self.total - self.done) / rate if rate else 0.0
            minutes, seconds = divmod(round(left), 60)
            eta = f", about {minutes} min {seconds} s left" if self.done < self.total else ""
            err.print(f"{self.done}/{self.total} articles, {rate:.1f}/s{eta}", highlight=False)


def _print_skips(skips: Iterable[object]) -> None:
    for skip in skips:
        err.print(_styled("skipped", "yellow", skip), highlight=False, soft_wrap=True)


@app.command()
def build(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files or folders (.txt, .jsonl, .html), or http(s) URLs of web pages and RSS/Atom feeds.",
            metavar="INPUT...",
        ),
    ],
    store: StoreOption = default_store(),
    model: Annotated[
        str | None, typer.Option(help="spaCy model to load instead of the default English one.")
    ] = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Stop at the first unusable input instead of skipping it."),
    ] = False,
    ids: Annotated[
        Path | None,
        typer.Option(
            "--ids",
            help="Only articles whose ids this file lists: one a line, or JSONL with 'article' or 'id' "
            "(a gold file works).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Re-extract unchanged articles too.")] = False,
    batch_size: Annotated[int, typer.Option(min=1, max=1000, help="Articles per nlp.pipe batch.")] = 32,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Processes that parse at once [default: every core this process may use]."),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            help="Parse on a Dask cluster: the scheduler's address (tcp://host:8786), or `local` for a "
            "cluster of --workers processes on this machine. Needs `pip install 'kg[cluster]'`."
        ),
    ] = None,
    prune: Annotated[
        bool, typer.Option("--prune", help="Remove stored articles that are not in the input.")
    ] = False,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="The summary as a table, or as json on standard output.")
    ] = "table",
) -> None:
    """Extract facts from articles and store one named graph per article. New and changed
    articles are parsed; unchanged ones are skipped.

    Example: `kg build seeds/` or `kg build corpus.jsonl --ids dev-ids.txt --store ./kg-store`

    Example: `kg build archive/ --workers 8`; `kg build archive/ --cluster tcp://10.0.0.5:8786`

    Example: `kg build https://example.org/world/rss.xml` (a feed: each entry's page is
    fetched and built; what is stored unchanged is skipped on the next run)
    """
    from kg.parallel import cpu_count
    from kg.pipeline import build as run_build
    from kg.pipeline import read_id_filter

    if fmt not in ("table", "json"):
        _fail(KgError(f"--format must be table or json, not {fmt!r}"))
    stored: list[int] = []  # one entry per article written, for the message if interrupted
    try:
        wanted = read_id_filter(ids) if ids else None
        with Progress(
            TextColumn("[bold]building"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=False,
            disable=not err.is_terminal,
        ) as progress:
            task = progress.add_task("articles", total=None)
            # Piped into a log, the bar is off; a line now and then says how far it is.
            plain = None if err.is_terminal else _PlainProgress()

            def started(total: int) -> None:
                progress.update(task, total=total)
                if plain is not None:
                    plain.start(total)

            def built(_article: object) -> None:
                stored.append(1)
                progress.advance(task)
                if plain is not None:
                    plain.advance()

            report = run_build(
                paths,
                store,
                model=model,
                strict=strict,
                ids=wanted,
                force=force,
                batch_size=batch_size,
                workers=workers or cpu_count(),
                cluster=cluster,
                prune=prune,
                on_start=started,
                on_article=built,
            )
    except KgError as exc:
        _print_skips(getattr(exc, "skipped", []))  # what was left out before it, each with why
        _fail(exc)
    except KeyboardInterrupt:
        # Each article is written in its own transaction: what is stored is whole, and the
        # next build parses only what is missing.
        err.print(_styled("interrupted:", "yellow", f"{len(stored)} articles stored; run again to finish"))
        raise typer.Exit(130) from None
    _print_skips(report.skipped)
    for note in report.notes:
        err.print(_styled("note", "cyan", note), highlight=False, soft_wrap=True)
    if fmt == "json":
        sys.stdout.write(json.dumps(report.as_json(), indent=2, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"kg build → {store}", show_header=True)
    table.add_column("articles read", justify="right")
    table.add_column("built", justify="right")
    table.add_column("unchanged", justify="right")
    table.add_column("skipped", justify="right")
    if prune:
        table.add_column("removed", justify="right")
    for kind in FACT_TYPES:
        table.add_column(kind + "s", justify="right")
    table.add_row(
        str(report.read),
        str(report.built),
        str(report.unchanged),
        str(len(report.skipped)),
        *([str(report.removed)] if prune else []),
        *(str(report.facts[k]) for k in FACT_TYPES),
    )
    out.print(table)
    if report.same_people:
        out.print(
            f"{report.same_people} people named by surname alone linked to their full name in other articles"
        )


@app.command()
def facts(
    store: StoreOption = default_store(),
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of standard output."),
    ] = None,
    article: Annotated[str | None, typer.Option(help="Only this article's facts.")] = None,
) -> None:
    """Export every fact as JSONL in the shape of FACTS.md (sorted; identical on rebuild).

    Example: `kg facts -o facts.jsonl`
    """
    from kg.facts import iter_facts, to_jsonl

    if output:
        _check_writable(output)
    db = _open(store)
    if article is not None:
        stored = db.article_ids()
        if article not in stored:
            _fail(KgError(f"no article {article!r} in the store (it holds {len(stored)} articles)"))
    lines = (to_jsonl(f) for f in iter_facts(db, article))
    if output:
        try:
            with output.open("w", encoding="utf-8") as handle:
                count = sum(1 for line in lines if handle.write(line) is not None)
        except OSError as exc:
            _fail(KgError(f"cannot write {output}: {exc.strerror or exc}"))
        err.print(f"{count} facts written to {output}")
    else:
        for line in lines:
            sys.stdout.write(line)


# Rows a table shows unless --limit says otherwise: about a screen. Drawing every row of a
# whole-archive listing into a table cost 5 to 7 times the query (issue 21).
TABLE_ROWS = 40


@app.command()
def query(
    name: Annotated[
        str | None, typer.Argument(help="A query from queries/ (e.g. meetings) or an .rq file.")
    ] = None,
    sparql: Annotated[
        str | None, typer.Option("--sparql", help="SPARQL text to run instead of a named query.")
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="name=value, bound to ?name as a string (or `<IRI>`)."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    limit: Annotated[
        int | None,
        typer.Option(
            min=0,
            help=f"Rows to show; 0 for all [default: {TABLE_ROWS} in a table, all in csv and json].",
        ),
    ] = None,
    offset: Annotated[
        int, typer.Option(min=0, help="Rows to skip first: --offset 50 shows the next page.")
    ] = 0,
    store: StoreOption = default_store(),
) -> None:
    """Run a named query, an .rq file or SPARQL text over the whole graph.

    Examples: `kg query meetings`, `kg query person --param person="Vladimir Putin"`,
    `kg query --sparql "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }" --format csv`
    """
    from kg import queries as q

    try:
        if fmt not in ("table", "csv", "json"):
            raise KgError(f"--format must be table, csv or json, not {fmt!r}")
        params = q.parse_params(param or [])
        if sparql and name:
            raise KgError(f"give a query name ({name}) or --sparql, not both")
        db = None
        if sparql:
            text = sparql
        elif name:
            named = q.load_query(name)
            q.check_params(named, params)
            text = named.text
            db = _open(store)
            params = q.bind_names(db, named, params)
        else:
            listing = "\n".join(f"  {nq.name:<12} {nq.question}" for nq in q.list_queries())
            raise KgError(f"name a query or give --sparql; the named queries are:\n{listing}")
        result = q.run_query(db or _open(store), text, params)
    except KgError as exc:
        _fail(exc)
    _print_result(result, fmt, limit, offset)


def _print_result(result: Any, fmt: str, limit: int | None = None, offset: int = 0) -> None:
    from kg import queries as q

    if limit is None:
        limit = TABLE_ROWS if fmt == "table" else 0
    total = len(result.rows)
    page = result.page(offset, limit or None)
    if fmt == "csv":
        sys.stdout.write(q.to_csv(page))
    elif fmt == "json":
        sys.stdout.write(q.to_json(page))
    else:
        table = Table(show_header=True, header_style="bold")
        for column in page.columns:
            table.add_column(column, overflow="fold")
        for row in page.shown or page.rows:
            table.add_row(*row)
        out.print(table)
        shown = len(page.rows)
        if shown == total:
            err.print(f"{total} rows")
        elif shown == 0:
            err.print(f"no rows after --offset {offset}: the answer has {total}")
        else:
            rest = total - offset - shown
            more = f"; --offset {offset + shown} shows the next {min(rest, limit)}" if rest > 0 else ""
            err.print(f"rows {offset + 1}-{offset + shown} of {total}{more}; --limit 0 shows all")


def _run_named(name: str, given: dict[str, str | None], fmt: str, store: str) -> None:
    """A named query with the options given as its parameters, printed as `kg query` does."""
    from kg import queries as q

    try:
        if fmt not in ("table", "csv", "json"):
            raise KgError(f"--format must be table, csv or json, not {fmt!r}")
        named = q.load_query(name)
        params = q.parse_params([f"{k}={v}" for k, v in given.items() if v is not None])
        result = q.run_query(_open(store), named.text, params)
    except KgError as exc:
        _fail(exc)
    _print_result(result, fmt)


@app.command()
def entities(
    kind: Annotated[
        str | None, typer.Option("--type", help="person, organization, country, place or outlet.")
    ] = None,
    match: Annotated[str | None, typer.Option(help="Words to look for in the name, in any case.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    store: StoreOption = default_store(),
) -> None:
    """What the graph names: each entity, its type and how many articles name it (most first).

    Example: `kg entities --type person --match putin`
    """
    _run_named("entities", {"type": kind, "match": match}, fmt, store)


@app.command()
def articles(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    store: StoreOption = default_store(),
) -> None:
    """What the graph was built from: each article, its date, outlet and headline, and how
    many facts of each kind it holds.

    Example: `kg articles --format csv`
    """
    _run_named("articles", {}, fmt, store)


@app.command()
def export(
    fmt: Annotated[str, typer.Argument(help="graphml, gexf, turtle, nquads or jsonld.")],
    output: Annotated[Path, typer.Argument(help="File to write.")],
    store: StoreOption = default_store(),
) -> None:
    """Export the graph: GraphML or GEXF for Gephi, or RDF (Turtle, N-Quads, JSON-LD).

    Example: `kg export gexf kg.gexf` (then File > Open in Gephi; the timeline plays
    meetings, calls and interviews by date)
    """
    from kg.export import export as run_export

    _check_writable(output)
    try:
        count = run_export(_open(store), fmt, output)
    except KgError as exc:
        _fail(exc)
    except OSError as exc:
        _fail(KgError(f"cannot write {output}: {exc.strerror or exc}"))
    unit = "edges" if fmt in ("graphml", "gexf") else "statements"
    err.print(f"{count} {unit} written to {output}")


@app.command()
def draw(
    output: Annotated[Path, typer.Argument(help="Picture to write: .png, .svg or .html (interactive).")],
    store: StoreOption = default_store(),
    around: Annotated[
        str | None, typer.Option("--around", help="Draw only this entity's neighbourhood (its name).")
    ] = None,
    depth: Annotated[int, typer.Option(help="How many steps from --around to include.")] = 1,
    max_nodes: Annotated[
        int,
        typer.Option(
            min=0,
            help="Entities at most: the most connected part is drawn and the rest counted (0: all).",
        ),
    ] = 150,
) -> None:
    """Draw the graph, or one entity's neighbourhood: nodes coloured by type, edges by
    relation, held events solid and planned ones dashed, several events between two
    entities drawn apart.

    Example: `kg draw seeds.png`; `kg draw putin.html --around "Vladimir Putin" --depth 2`
    """
    from kg.draw import draw as render
    from kg.draw import neighbourhood
    from kg.property_graph import to_networkx

    _check_writable(output)
    try:
        graph = neighbourhood(to_networkx(_open(store)), around, depth)
        drawn = render(graph, output, title=f"around {around}" if around else "kg", limit=max_nodes)
    except KgError as exc:
        _fail(exc)
    except OSError as exc:
        _fail(KgError(f"cannot write {output}: {exc}"))
    err.print(f"{drawn.nodes} entities, {drawn.edges} edges drawn to {output}")
    if drawn.left_out:
        err.print(
            f"{drawn.left_out} less connected entities left out: --max-nodes 0 draws all, "
            "--around NAME any part"
        )


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
    try:
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
    except KgError as exc:
        _fail(exc)
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


@app.command()
def stats(
    store: StoreOption = default_store(),
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Count what the store holds: articles, entities, and each kind of fact counted two ways.

    "in articles" counts a fact once for each article that states it, as `kg facts`, `kg eval`
    and `kg build`'s table do; "in the graph" counts the merged graph, where a meeting that
    three articles report is one node with three sources, one row of `kg query meetings`.

    Example: `kg stats --store ./kg-store`; `kg stats --format json`
    """
    from kg.stats import count_store

    if fmt not in ("table", "json"):
        _fail(KgError(f"--format must be table or json, not {fmt!r}"))
    counts = count_store(_open(store))
    if fmt == "json":
        print(json.dumps(counts.as_json(), indent=2))
        return
    table = Table(title=f"kg store {store}", show_header=True)
    table.add_column("what")
    table.add_column("in articles", justify="right")
    table.add_column("in the graph", justify="right")
    table.add_row("articles", "", str(counts.articles))
    table.add_row("entities", "", str(counts.entities))
    for fact in counts.facts:
        table.add_row(fact.kind + "s", str(fact.in_articles), str(fact.in_graph))
    table.add_row("quads", "", str(counts.quads))
    out.print(table)


@app.command()
def validate(
    store: StoreOption = default_store(),
    shapes: Annotated[
        Path | None, typer.Option(help="SHACL shapes file (default: ontology/shapes.ttl).")
    ] = None,
) -> None:
    """Check the graph against the SHACL shapes; exit code 1 when it does not conform.

    Example: `kg validate`
    """
    from kg.validate import validate as run_validate

    try:
        result = run_validate(_open(store), shapes)
    except KgError as exc:
        _fail(exc)
    if result.conforms:
        out.print(_styled("conforms", "green", f"({result.triples} triples checked)"))
    else:
        out.print(result.report, highlight=False)
        err.print(_styled("does not conform", "bold red"))
        raise typer.Exit(1)


@app.command(name="eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL in the shape of FACTS.md.")],
    store: StoreOption = default_store(),
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the store's facts against a gold file: precision, recall, F1 per type; date,
    place and status accuracy and occurred-precision for meetings and calls.

    Example: `kg eval ../shared/gold/seeds.jsonl`

    Scored as FACTS.md says: names match ignoring case, accents, punctuation and middle
    initials, or through the gold's aliases; a quote by its words (one contains the other, or
    60% of the shorter's words are in the longer) and its speaker, or its words alone where
    the gold says the article never names the speaker. A fact type the gold has no line of
    is shown as not scored.
    """
    from kg.evaluate import load_gold, score, summarise
    from kg.facts import iter_facts

    try:
        gold_set = load_gold(gold)
        db = _open(store)
        rows = summarise(score(iter_facts(db), gold_set))
        missing = sorted(gold_set.articles - set(db.article_ids()))
    except KgError as exc:
        _fail(exc)
    if missing:
        err.print(
            _styled(
                "warning:",
                "yellow",
                f"{len(missing)} gold articles are not in the store (first: {missing[0]})",
            ),
            highlight=False,
        )
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    table = Table(title=f"kg eval {gold.name}", show_header=True)
    columns = [
        "type",
        "gold",
        "system",
        "matched",
        "precision",
        "recall",
        "f1",
        "date_acc",
        "place_acc",
        "status_acc",
        "occurred_precision",
    ]
    headers = [
        "type",
        "gold",
        "system",
        "matched",
        "P",
        "R",
        "F1",
        "date",
        "place",
        "status",
        "occurred-P",
    ]
    for column, header in zip(columns, headers, strict=True):
        table.add_column(header, justify="left" if column == "type" else "right")
    for row in rows:
        if row.get("scored") is False:
            # The gold has no line of this type: its facts are neither right nor wrong.
            table.add_row(row["type"], "-", str(row["system"]), "-", "not scored")
            continue
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    out.print(table)


def main() -> None:  # pragma: no cover - console script entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
