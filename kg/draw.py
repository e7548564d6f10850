"""`kg draw`: pictures of the graph, or of one entity's neighbourhood.

PNG and SVG come from matplotlib; HTML is one self-contained page (no network, no
libraries) that draws the same layout as SVG in the browser, with dragging, zoom and a
tooltip per node and edge. The layout is seeded, so the same graph gives the same picture.
"""

from __future__ import annotations

import html
from pathlib import Path

import networkx as nx

from kg.errors import KgError
from kg.pages import fill, load_template, script_json
from kg.property_graph import relation

NODE_COLOURS = {
    "person": "#4e79a7",
    "organization": "#f28e2b",
    "country": "#59a14f",
    "outlet": "#b07aa1",
    "place": "#9c755f",
}
OTHER_COLOUR = "#bab0ac"
EDGE_COLOURS = {
    "meeting": "#e15759",
    "call": "#edc948",
    "interview": "#76b7b2",
    "role": "#9d9d9d",
    "said_about": "#ff9da7",
}
FORMATS = (".png", ".svg", ".html")


def find_node(graph: nx.MultiDiGraph, name: str) -> str:
    """The node named `name`: its exact label (case ignored), else the one label holding it."""
    wanted = name.casefold()
    exact = [n for n, d in graph.nodes(data=True) if d.get("label", "").casefold() == wanted]
    if len(exact) == 1:
        return exact[0]
    partial = [n for n, d in graph.nodes(data=True) if wanted in d.get("label", "").casefold()]
    if len(partial) == 1:
        return partial[0]
    if not partial:
        raise KgError(f"no entity named {name!r} in the graph")
    labels = sorted(graph.nodes[n]["label"] for n in partial)
    raise KgError(f"{name!r} names {len(labels)} entities ({', '.join(labels[:5])}); give the full name")


def neighbourhood(graph: nx.MultiDiGraph, around: str | None, depth: int = 1) -> nx.MultiDiGraph:
    """The whole graph, or what lies within `depth` edges of the entity named `around`."""
    if around is None:
        return graph
    if depth < 1:
        raise KgError("--depth must be at least 1")
    centre = find_node(graph, around)
    near = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), centre, cutoff=depth)
    return graph.subgraph(near).copy()


def layout(simple: nx.Graph) -> dict[str, tuple[float, float]]:
    """Seeded spring positions of the graph's undirected, single-edge form."""
    if simple.number_of_nodes() == 0:
        return {}
    k = 1.5 / max(1, simple.number_of_nodes()) ** 0.5
    positions = nx.spring_layout(simple, seed=7, k=k, iterations=100)
    return {n: (float(x), float(y)) for n, (x, y) in positions.items()}


def draw(graph: nx.MultiDiGraph, path: Path, title: str = "") -> int:
    """Write the picture; the format follows the file's suffix. Returns the nodes drawn."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise KgError(f"cannot draw to {path.name}: give a file ending in {', '.join(FORMATS)}")
    # An entity with no relation (a place only mentioned, an outlet only relaying) would
    # only push the layout apart.
    graph = graph.subgraph([n for n in graph.nodes if graph.degree(n) > 0]).copy()
    if graph.number_of_nodes() == 0:
        raise KgError("nothing to draw: the graph has no relations yet (kg build PATH first)")
    simple = nx.Graph(graph.to_undirected(as_view=True))
    positions = layout(simple)
    if suffix == ".html":
        path.write_text(html_page(graph, positions, title), encoding="utf-8")
    else:
        _draw_matplotlib(graph, simple, positions, path, title)
    return graph.number_of_nodes()


def _draw_matplotlib(
    graph: nx.MultiDiGraph,
    simple: nx.Graph,
    positions: dict[str, tuple[float, float]],
    path: Path,
    title: str,
) -> None:
    import matplotlib

    matplotlib.use("Agg")  # no screen needed
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    size = min(24.0, 8.0 + graph.number_of_nodes() / 12)
    figure, axes = plt.subplots(figsize=(size, size * 0.75))
    for kind, colour in EDGE_COLOURS.items():
        edges = {(a, b) for a, b, d in graph.edges(data=True) if relation(d.get("label", "")) == kind}
        nx.draw_networkx_edges(
            simple, positions, edgelist=sorted(edges), edge_color=colour, width=1.6, alpha=0.8, ax=axes
        )
    colours = [NODE_COLOURS.get(graph.nodes[n].get("type", ""), OTHER_COLOUR) for n in simple.nodes]
    degrees = dict(simple.degree())
    sizes = [120 + 60 * degrees[n] for n in simple.nodes]
    nx.draw_networkx_nodes(simple, positions, node_color=colours, node_size=sizes, ax=axes, linewidths=0.5)
    labels = {n: graph.nodes[n].get("label", n) for n in simple.nodes}
    spread = max((abs(y) for _, y in positions.values()), default=1.0) or 1.0
    above = {n: (x, y + 0.045 * spread) for n, (x, y) in positions.items()}  # labels clear of dots
    nx.draw_networkx_labels(
        simple,
        above,
        labels=labels,
        font_size=9,
        ax=axes,
        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7},
    )
    handles = [
        Line2D([], [], marker="o", linestyle="", color=c, markersize=9, label=t)
        for t, c in NODE_COLOURS.items()
    ] + [Line2D([], [], color=c, linewidth=2, label=r) for r, c in EDGE_COLOURS.items()]
    axes.legend(handles=handles, loc="lower left", fontsize=8, frameon=True)
    axes.set_title(title or "kg", fontsize=12)
    axes.axis("off")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def html_page(graph: nx.MultiDiGraph, positions: dict[str, tuple[float, float]], title: str) -> str:
    ids = {node: i for i, node in enumerate(sorted(graph.nodes))}
    nodes = [
        {
            "id": ids[n],
            "label": graph.nodes[n].get("label", n),
            "type": graph.nodes[n].get("type", ""),
            "x": positions[n][0],
            "y": positions[n][1],
        }
        for n in sorted(graph.nodes)
    ]
    edges = [
        {
            "source": ids[a],
            "target": ids[b],
            "relation": relation(d.get("label", "")),
            "label": d.get("label", ""),
            "date": d.get("date", ""),
            "status": d.get("status", ""),
        }
        for a, b, d in sorted(
            graph.edges(data=True), key=lambda e: (ids[e[0]], ids[e[1]], e[2].get("label", ""))
        )
    ]
    data = {"nodes": nodes, "edges": edges, "nodeColours": NODE_COLOURS, "edgeColours": EDGE_COLOURS}
    return fill(_PAGE, title=html.escape(title or "kg graph"), data=script_json(data))


_PAGE = load_template("graph.html")
