"""`kg draw`: pictures of the graph, or of one entity's neighbourhood.

PNG and SVG come from matplotlib; HTML is one self-contained page (no network, no
libraries) that draws the same layout as SVG in the browser, with dragging, zoom and a
tooltip per node and edge. The layout is seeded, so the same graph gives the same picture.
"""

from __future__ import annotations

import heapq
import html
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import networkx as nx
import numpy as np

from kg.errors import KgError
from kg.exports.property_graph import relation
from kg.pages import fill, load_template, script_json

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
# How an event's line is drawn by what became of it: held solid, planned dashed.
STATUS_LINES: dict[str, Literal["solid", "dashed", "dotted"]] = {
    "occurred": "solid",
    "planned": "dashed",
    "not_occurred": "dotted",
}
STATUS_NAMES = {"occurred": "held", "planned": "planned", "not_occurred": "did not happen"}
STATUS_DASHES = {"occurred": "", "planned": "7 4", "not_occurred": "2 4"}
FORMATS = (".png", ".svg", ".html")
# A picture of more entities than this is a hairball: the most connected part is drawn.
MAX_NODES = 150
# The most any picture holds: past 500 nodes networkx's spring layout needs scipy, which kg
# does not install (it raised ModuleNotFoundError), and pushing nodes apart costs seconds.
MOST_NODES = 500


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
    return _part(graph, near)


def _part(graph: nx.MultiDiGraph, nodes: Iterable[str]) -> nx.MultiDiGraph:
    """The subgraph on `nodes`, its nodes and edges in a fixed order. networkx's own
    subgraph iterates the node set in hash order, which differs from run to run (string
    hashing is salted per process), and the spring layout places nodes in iteration order:
    without this the same graph drew a different picture each time."""
    keep = set(nodes)
    part = nx.MultiDiGraph()
    part.graph.update(graph.graph)
    part.add_nodes_from((n, graph.nodes[n]) for n in sorted(keep))
    part.add_edges_from(
        sorted(
            ((u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True) if u in keep and v in keep),
            key=lambda edge: (edge[0], edge[1], str(edge[2])),
        )
    )
    return part


def layout(simple: nx.Graph) -> dict[str, tuple[float, float]]:
    """Seeded spring positions of the graph's undirected, single-edge form, pushed apart
    where two would sit on one another."""
    if simple.number_of_nodes() == 0:
        return {}
    k = 1.5 / max(1, simple.number_of_nodes()) ** 0.5
    positions = nx.spring_layout(simple, seed=7, k=k, iterations=100)
    return _spread(sorted(simple.nodes), {n: (float(x), float(y)) for n, (x, y) in positions.items()})


def _spread(order: list[str], positions: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Positions moved apart until no two nodes are closer than a node's room: about one
    n-th of the picture's side for n nodes a side (spring layouts leave the leaves of one
    hub stacked on one another)."""
    if len(order) < 2:
        return positions
    points = np.array([positions[n] for n in order], dtype=float)
    span = float(np.ptp(points, axis=0).max()) or 1.0
    room = span * min(0.12, 1.0 / len(order) ** 0.5)
    for step in range(200):
        delta = points[:, None, :] - points[None, :, :]
        distance = np.sqrt((delta**2).sum(axis=2))
        np.fill_diagonal(distance, np.inf)
        close = distance < room
        if not close.any():
            break
        # Identical points have no direction: part them along a fixed, per-pair angle.
        same = distance == 0
        if same.any():
            angles = np.subtract.outer(np.arange(len(order)), np.arange(len(order))) + 0.1 * step
            delta[same] = np.stack([np.cos(angles), np.sin(angles)], axis=2)[same]
            distance[same] = 1.0
        push = np.zeros_like(distance)
        push[close] = (room - distance[close]) / 2 / distance[close]
        points += (delta * push[:, :, None]).sum(axis=1)
    return {n: (float(x), float(y)) for n, (x, y) in zip(order, points, strict=True)}


def most_connected(graph: nx.MultiDiGraph, limit: int) -> tuple[nx.MultiDiGraph, int]:
    """At most `limit` entities, connected: grown from the entity with the most relations,
    each step taking the neighbour with the most relations (ties by name), so a picture of
    hundreds of entities is its core, not a hairball. Returns the part and how many related
    entities it leaves out."""
    related = [n for n in graph.nodes if graph.degree(n) > 0]
    if limit <= 0 or len(related) <= limit:
        return graph, 0
    undirected = graph.to_undirected(as_view=True)

    def rank(node: str) -> tuple[int, str, str]:
        return (-graph.degree(node), graph.nodes[node].get("label", node), node)

    kept: set[str] = set()
    frontier = [rank(min(related, key=rank))]
    while frontier and len(kept) < limit:
        _, _, node = heapq.heappop(frontier)
        if node in kept:
            continue
        kept.add(node)
        for other in undirected.neighbors(node):
            if other not in kept:
                heapq.heappush(frontier, rank(other))
    return _part(graph, kept), len(related) - len(kept)


@dataclass(frozen=True)
class Drawing:
    nodes: int  # entities drawn
    edges: int
    left_out: int  # related entities not drawn (see most_connected)


def draw(graph: nx.MultiDiGraph, path: Path, title: str = "", limit: int = MAX_NODES) -> Drawing:
    """Write the picture; the format follows the file's suffix. At most `limit` entities
    (0: as many as a picture holds, MOST_NODES): the most connected part of the graph, with a
    note of what was left out."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise KgError(f"cannot draw to {path.name}: give a file ending in {', '.join(FORMATS)}")
    # An entity with no relation (a place only mentioned, an outlet only relaying) would
    # only push the layout apart.
    graph = _part(graph, [n for n in graph.nodes if graph.degree(n) > 0])
    if graph.number_of_nodes() == 0:
        raise KgError("nothing to draw: the graph has no relations yet (kg build PATH first)")
    graph, left_out = most_connected(graph, min(limit, MOST_NODES) if limit > 0 else MOST_NODES)
    simple = nx.Graph(graph.to_undirected(as_view=True))
    positions = layout(simple)
    note = (
        f"the {graph.number_of_nodes()} most connected entities; {left_out} more not drawn "
        "(--around NAME draws any part)"
        if left_out
        else ""
    )
    if suffix == ".html":
        path.write_text(html_page(graph, positions, title, note), encoding="utf-8")
    else:
        _draw_matplotlib(graph, simple, positions, path, title, note)
    return Drawing(graph.number_of_nodes(), graph.number_of_edges(), left_out)


def _draw_matplotlib(
    graph: nx.MultiDiGraph,
    simple: nx.Graph,
    positions: dict[str, tuple[float, float]],
    path: Path,
    title: str,
    note: str,
) -> None:
    # Imported here: matplotlib takes 0.9 s, which an .html picture does not need.
    import matplotlib

    matplotlib.use("Agg")  # no screen needed
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    size = min(24.0, 8.0 + graph.number_of_nodes() / 12)
    figure, axes = plt.subplots(figsize=(size, size * 0.75))
    # Edges between the same two entities bend apart, each its own arc.
    for (a, b), edges in parallel_edges(graph).items():
        for offset, data in zip(bends(len(edges)), edges, strict=True):
            axes.add_patch(
                FancyArrowPatch(
                    positions[a],
                    positions[b],
                    arrowstyle="-",
                    connectionstyle=f"arc3,rad={0.25 * offset}",
                    color=EDGE_COLOURS.get(relation(data.get("label", "")), "#cccccc"),
                    linestyle=STATUS_LINES.get(data.get("status", ""), "solid"),
                    linewidth=1.6,
                    alpha=0.85,
                    zorder=1,
                )
            )
    colours = [NODE_COLOURS.get(graph.nodes[n].get("type", ""), OTHER_COLOUR) for n in simple.nodes]
    degrees = dict(simple.degree())
    sizes = [120 + 60 * degrees[n] for n in simple.nodes]
    dots = nx.draw_networkx_nodes(
        simple, positions, node_color=colours, node_size=sizes, ax=axes, linewidths=0.5
    )
    dots.set_zorder(2)
    labels = {n: graph.nodes[n].get("label", n) for n in simple.nodes}
    spread = max((abs(y) for _, y in positions.values()), default=1.0) or 1.0
    above = {n: (x, y + 0.06 * spread) for n, (x, y) in positions.items()}  # labels clear of dots
    nx.draw_networkx_labels(
        simple,
        above,
        labels=labels,
        font_size=9,
        ax=axes,
        clip_on=False,  # a label near the edge is drawn whole; the saved picture grows to hold it
        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7},
    )
    handles = (
        [
            Line2D([], [], marker="o", linestyle="", color=c, markersize=9, label=t)
            for t, c in NODE_COLOURS.items()
        ]
        + [Line2D([], [], color=c, linewidth=2, label=r) for r, c in EDGE_COLOURS.items()]
        + [
            Line2D([], [], color="#555555", linestyle=line, label=STATUS_NAMES[k])
            for k, line in STATUS_LINES.items()
        ]
    )
    # Below the picture, where it covers no node.
    axes.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=7, fontsize=8)
    axes.set_title(title or "kg", fontsize=12)
    if note:
        axes.text(0.0, 1.0, note, transform=axes.transAxes, fontsize=9, color="#555555", va="bottom")
    axes.axis("off")
    # The same graph gives the same file: no time stamp, and SVG element ids from a fixed
    # salt instead of a random one.
    if path.suffix.lower() == ".svg":
        with matplotlib.rc_context({"svg.hashsalt": "kg"}):
            figure.savefig(path, dpi=110, bbox_inches="tight", metadata={"Date": None})
    else:
        figure.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(figure)


def parallel_edges(graph: nx.MultiDiGraph) -> dict[tuple[str, str], list[dict[str, str]]]:
    """Each pair of entities with the edges between them, in either direction, in a fixed
    order."""
    pairs: dict[tuple[str, str], list[dict[str, str]]] = {}
    for a, b, data in graph.edges(data=True):
        pairs.setdefault((min(a, b), max(a, b)), []).append(data)
    for edges in pairs.values():
        edges.sort(key=lambda d: (d.get("label", ""), d.get("date", ""), d.get("status", "")))
    return dict(sorted(pairs.items()))


def bends(count: int) -> list[float]:
    """How far each of `count` parallel edges bends: 0 for one; -0.5, 0.5 for two; ..."""
    return [i - (count - 1) / 2 for i in range(count)]


def html_page(
    graph: nx.MultiDiGraph, positions: dict[str, tuple[float, float]], title: str, note: str = ""
) -> str:
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
    data = {
        "nodes": nodes,
        "edges": edges,
        "nodeColours": NODE_COLOURS,
        "edgeColours": EDGE_COLOURS,
        "statusDashes": STATUS_DASHES,
        "note": note,
    }
    return fill(_PAGE, title=html.escape(title or "kg graph"), data=script_json(data))


_PAGE = load_template("graph.html")
