"""`kg export` and `kg draw`: the graph for Gephi and other tools, and as a picture."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import StoreOption, _check_writable, _fail, _open, app, err
from kg.errors import KgError
from kg.graph.store import default_store


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
    # Imported in the command: the writers bring networkx and rdflib's JSON-LD (0.1 s), which
    # no other command needs; so below (networkx, and matplotlib for a .png or .svg).
    from kg.exports.formats import export as run_export

    _check_writable(output)
    try:
        count = run_export(_open(store), fmt, output)
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
            help="Entities at most: the most connected part is drawn, the rest counted (0: up to 500).",
        ),
    ] = 150,
) -> None:
    """Draw the graph, or one entity's neighbourhood: nodes coloured by type, edges by
    relation, held events solid and planned ones dashed, several events between two
    entities drawn apart.

    Example: `kg draw seeds.png`; `kg draw putin.html --around "Vladimir Putin" --depth 2`
    """
    from kg.exports.draw import draw as render
    from kg.exports.draw import neighbourhood
    from kg.exports.property_graph import to_networkx

    _check_writable(output)
    try:
        graph = neighbourhood(to_networkx(_open(store)), around, depth)
        drawn = render(graph, output, title=f"around {around}" if around else "kg", limit=max_nodes)
    except OSError as exc:
        _fail(KgError(f"cannot write {output}: {exc}"))
    err.print(f"{drawn.nodes} entities, {drawn.edges} edges drawn to {output}")
    if drawn.left_out:
        err.print(
            f"{drawn.left_out} less connected entities left out: --max-nodes 0 draws up to 500, "
            "--around NAME any part"
        )
