"""`kg draw`: pictures of the graph, or of one entity's neighbourhood.

PNG and SVG come from matplotlib; HTML is one self-contained page (no network, no
libraries) that draws the same layout as SVG in the browser, with dragging, zoom and a
tooltip per node and edge. The layout is seeded, so the same graph gives the same picture.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import networkx as nx

from kg.errors import KgError

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


def relation(label: str) -> str:
    return label.split(":")[0]


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


def layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    if graph.number_of_nodes() == 0:
        return {}
    simple = nx.Graph(graph.to_undirected(as_view=True))
    k = 1.5 / max(1, graph.number_of_nodes()) ** 0.5
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
    positions = layout(graph)
    if suffix == ".html":
        path.write_text(html_page(graph, positions, title), encoding="utf-8")
    else:
        _draw_matplotlib(graph, positions, path, title)
    return graph.number_of_nodes()


def _draw_matplotlib(
    graph: nx.MultiDiGraph, positions: dict[str, tuple[float, float]], path: Path, title: str
) -> None:
    import matplotlib

    matplotlib.use("Agg")  # no screen needed
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    size = min(24.0, 8.0 + graph.number_of_nodes() / 12)
    figure, axes = plt.subplots(figsize=(size, size * 0.75))
    simple = nx.Graph(graph.to_undirected(as_view=True))
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
    # "</" cannot close the script early once escaped.
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return _PAGE.replace("__TITLE__", html.escape(title or "kg graph")).replace("__DATA__", payload)


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>__TITLE__</title>
<style>
html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; background: #fff; }
#graph { width: 100%; height: 100%; cursor: grab; }
#legend { position: fixed; left: 0.8em; bottom: 0.8em; background: rgba(255,255,255,0.9);
          padding: 0.4em 0.7em; font-size: 12px; border: 1px solid #ddd; }
#tip { position: fixed; pointer-events: none; background: #222; color: #fff; font-size: 12px;
       padding: 0.3em 0.5em; border-radius: 3px; display: none; }
.node circle { stroke: #fff; stroke-width: 1.5px; cursor: pointer; }
.node text { font-size: 11px; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
</style></head>
<body>
<svg id="graph" xmlns="http://www.w3.org/2000/svg"><g id="view"></g></svg>
<div id="legend"></div><div id="tip"></div>
<script id="graph-data" type="application/json">__DATA__</script>
<script>
const data = JSON.parse(document.getElementById("graph-data").textContent);
const svg = document.getElementById("graph"), view = document.getElementById("view");
const tip = document.getElementById("tip"), NS = "http://www.w3.org/2000/svg";
const W = () => svg.clientWidth || 1000, H = () => svg.clientHeight || 700;
const xs = data.nodes.map(n => n.x), ys = data.nodes.map(n => n.y);
const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
const place = n => [60 + (n.x - minX) / ((maxX - minX) || 1) * (W() - 120),
                    40 + (n.y - minY) / ((maxY - minY) || 1) * (H() - 80)];
const at = {};
for (const n of data.nodes) at[n.id] = place(n);
const degree = {};
for (const e of data.edges) { degree[e.source] = (degree[e.source] || 0) + 1; degree[e.target] = (degree[e.target] || 0) + 1; }
const lines = data.edges.map(e => {
  const line = document.createElementNS(NS, "line");
  line.setAttribute("class", "edge");
  line.setAttribute("stroke", data.edgeColours[e.relation] || "#ccc");
  line.setAttribute("stroke-width", "1.8");
  line.addEventListener("mousemove", ev => show(ev, e.label + (e.date ? " · " + e.date : "") + (e.status ? " · " + e.status : "")));
  line.addEventListener("mouseleave", hide);
  view.appendChild(line);
  return [line, e];
});
const groups = data.nodes.map(n => {
  const g = document.createElementNS(NS, "g"), c = document.createElementNS(NS, "circle"), t = document.createElementNS(NS, "text");
  g.setAttribute("class", "node");
  g.dataset.type = n.type;
  c.setAttribute("r", String(6 + 2 * Math.sqrt(degree[n.id] || 0)));
  c.setAttribute("fill", data.nodeColours[n.type] || "#bab0ac");
  t.textContent = n.label; t.setAttribute("dx", "9"); t.setAttribute("dy", "4");
  g.append(c, t); view.appendChild(g);
  g.addEventListener("mousemove", ev => show(ev, n.label + " (" + n.type + ")"));
  g.addEventListener("mouseleave", hide);
  g.addEventListener("mousedown", ev => { ev.stopPropagation(); dragging = n.id; });
  return [g, n];
});
function render() {
  for (const [line, e] of lines) {
    line.setAttribute("x1", at[e.source][0]); line.setAttribute("y1", at[e.source][1]);
    line.setAttribute("x2", at[e.target][0]); line.setAttribute("y2", at[e.target][1]);
  }
  for (const [g, n] of groups) g.setAttribute("transform", "translate(" + at[n.id][0] + "," + at[n.id][1] + ")");
}
function show(ev, text) { tip.textContent = text; tip.style.display = "block"; tip.style.left = ev.clientX + 12 + "px"; tip.style.top = ev.clientY + 12 + "px"; }
function hide() { tip.style.display = "none"; }
let dragging = null, panning = null, scale = 1, pan = [0, 0];
const transform = () => view.setAttribute("transform", "translate(" + pan[0] + "," + pan[1] + ") scale(" + scale + ")");
svg.addEventListener("mousedown", ev => { panning = [ev.clientX - pan[0], ev.clientY - pan[1]]; });
window.addEventListener("mouseup", () => { dragging = null; panning = null; });
window.addEventListener("mousemove", ev => {
  if (dragging !== null) { at[dragging] = [(ev.clientX - pan[0]) / scale, (ev.clientY - pan[1]) / scale]; render(); }
  else if (panning) { pan = [ev.clientX - panning[0], ev.clientY - panning[1]]; transform(); }
});
svg.addEventListener("wheel", ev => { ev.preventDefault(); scale *= ev.deltaY < 0 ? 1.1 : 1 / 1.1; transform(); }, {passive: false});
const legend = document.getElementById("legend");
legend.innerHTML = Object.entries(data.nodeColours).map(([k, c]) => '<span style="color:' + c + '">&#9679;</span> ' + k).join(" &nbsp; ")
  + "<br>" + Object.entries(data.edgeColours).map(([k, c]) => '<span style="color:' + c + '">&#9472;&#9472;</span> ' + k).join(" &nbsp; ");
svg.dataset.nodes = String(data.nodes.length);
svg.dataset.edges = String(data.edges.length);
render();
document.body.dataset.rendered = "true";
</script>
</body></html>
"""
