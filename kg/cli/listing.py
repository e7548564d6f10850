"""`kg query`, `kg entities`, `kg articles`, `kg facts`: what the store holds, as tables,
CSV, JSON or JSONL."""

from __future__ import annotations

import sys
from itertools import islice
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from kg.cli.common import StoreOption, _check_writable, _fail, _open, app, err, out
from kg.errors import KgError
from kg.graph.store import default_store


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
    from kg.exports.facts import iter_facts, to_jsonl

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


FORMATS = ("table", "csv", "tsv", "json")


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise KgError(f"--format must be table, csv, tsv or json, not {fmt!r}")


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
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json.")] = "table",
    limit: Annotated[
        int | None,
        typer.Option(
            min=0,
            help=f"Rows to show; 0 for all [default: {TABLE_ROWS} in a table, all in csv, tsv and json].",
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
    from kg.graph import queries as q

    _check_format(fmt)
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
    result = q.stream_query(db if db is not None else _open(store), text, params)
    _print_result(result, fmt, limit, offset)


def _print_result(result: Any, fmt: str, limit: int | None = None, offset: int = 0) -> None:
    """Rows offset .. offset + limit of `result` (kg.graph.queries.Rows): CSV, TSV and JSON written
    as the engine yields them, a table of that page with how many rows there are. Either way
    only a row (a table: a page) is held at a time, however long the answer."""
    from kg.graph import queries as q

    if limit is None:
        limit = TABLE_ROWS if fmt == "table" else 0
    end = offset + limit if limit else None
    if fmt != "table":
        page = q.Rows(result.columns, islice(result.terms, offset, end))
        if fmt == "json":
            q.write_json(page, sys.stdout)
        else:
            q.write_csv(page, sys.stdout, delimiter="\t" if fmt == "tsv" else ",")
        return
    kept, total = [], 0
    for row in result.terms:
        if offset <= total and (end is None or total < end):
            kept.append(row)
        total += 1
    table = Table(show_header=True, header_style="bold")
    for column in result.columns:
        table.add_column(column, overflow="fold")
    for row in q.Table(result.columns, kept).shown:
        table.add_row(*row)
    out.print(table)
    shown = len(kept)
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
    from kg.graph import queries as q

    _check_format(fmt)
    named = q.load_query(name)
    params = q.parse_params([f"{k}={v}" for k, v in given.items() if v is not None])
    result = q.stream_query(_open(store), named.text, params)
    _print_result(result, fmt)


@app.command()
def entities(
    kind: Annotated[
        str | None, typer.Option("--type", help="person, organization, country, place or outlet.")
    ] = None,
    match: Annotated[str | None, typer.Option(help="Words to look for in the name, in any case.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json.")] = "table",
    store: StoreOption = default_store(),
) -> None:
    """What the graph names: each entity, its type and how many articles name it (most first).

    Example: `kg entities --type person --match putin`
    """
    _run_named("entities", {"type": kind, "match": match}, fmt, store)


@app.command()
def articles(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json.")] = "table",
    store: StoreOption = default_store(),
) -> None:
    """What the graph was built from: each article, its date, outlet and headline, and how
    many facts of each kind it holds.

    Example: `kg articles --format csv`
    """
    _run_named("articles", {}, fmt, store)
