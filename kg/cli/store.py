"""`kg stats` and `kg validate`: counts, and the SHACL check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kg.cli.common import StoreOption, _fail, _open, _styled, app, err, out
from kg.errors import KgError
from kg.graph.store import default_store


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
    from kg.graph.stats import count_store

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
    # Imported here: rdflib (and, once it runs, pyshacl) take 130 ms that `kg stats` need not wait for.
    from kg.quality.validate import validate as run_validate

    result = run_validate(_open(store), shapes)
    if result.conforms:
        out.print(_styled("conforms", "green", f"({result.triples} triples checked)"))
    else:
        out.print(result.report, highlight=False)
        err.print(_styled("does not conform", "bold red"))
        raise typer.Exit(1)
