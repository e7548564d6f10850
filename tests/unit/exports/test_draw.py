"""`kg draw`: pictures of the graph, and the interactive page rendered by a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import matplotlib.image
import networkx as nx
import pytest

from kg.errors import KgError
from kg.exports.draw import draw, layout, most_connected, neighbourhood
from kg.exports.property_graph import to_networkx

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HEADLESS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def test_png_and_svg_are_drawn(timeline_db, tmp_path: Path):
    graph = to_networkx(timeline_db)
    png, svg = tmp_path / "g.png", tmp_path / "g.svg"
    draw(graph, png)
    draw(graph, svg)
    pixels = matplotlib.image.imread(png)
    assert pixels.std() > 0.01  # not a blank canvas
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "Anna Lindqvist" in text


def test_neighbourhood_keeps_what_lies_within_the_depth(timeline_db):
    graph = to_networkx(timeline_db)
    labels = lambda g: {d["label"] for _, d in g.nodes(data=True)}  # noqa: E731
    near = neighbourhood(graph, "piotr varga", depth=1)
    assert {"Piotr Varga", "Anna Lindqvist", "Franz Weber", "Poland"} <= labels(near)
    assert "Sweden" not in labels(near)  # two steps away: Varga - Lindqvist - Sweden
    assert "Sweden" in labels(neighbourhood(graph, "Piotr Varga", depth=2))
    with pytest.raises(KgError, match="no entity named"):
        neighbourhood(graph, "Nobody Here", 1)


def test_unknown_picture_format_is_a_clear_error(timeline_db, tmp_path: Path):
    with pytest.raises(KgError, match=r"\.png, \.svg, \.html"):
        draw(to_networkx(timeline_db), tmp_path / "g.gif")


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")
def test_interactive_page_renders_in_a_headless_browser(timeline_db, tmp_path: Path):
    graph = to_networkx(timeline_db)
    page = tmp_path / "g.html"
    drawn = draw(graph, page).nodes
    profile = tmp_path / "profile"
    dom = subprocess.run(
        [CHROMIUM, *HEADLESS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert 'data-rendered="true"' in dom
    assert len(re.findall(r'<g class="node"', dom)) == drawn
    assert f'data-nodes="{drawn}"' in dom
    shot = tmp_path / "shot.png"
    subprocess.run(
        [
            CHROMIUM,
            *HEADLESS,
            f"--user-data-dir={profile}",
            f"--screenshot={shot}",
            "--window-size=1000,700",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
    )
    assert matplotlib.image.imread(shot).std() > 0.01  # something was drawn


def _picture_graph() -> nx.MultiDiGraph:
    """Three events between the same two people (one planned), a long name, and a hub with
    a dozen leaves, which spring layouts stack on one another."""
    graph = nx.MultiDiGraph()
    people = {
        "a": "Anna Lindqvist",
        "b": "Tomas Revik of the Northern Harbour Workers' Council",
        "c": "Karel Vondrak",
    }
    for key, name in people.items():
        graph.add_node(key, label=name, type="person")
    graph.add_edge("a", "b", label="met", date="2024-05-06", status="occurred")
    graph.add_edge("a", "b", label="met", date="2024-06-01", status="planned")
    graph.add_edge("a", "b", label="phoned", date="2024-04-02", status="occurred")
    graph.add_edge("b", "c", label="met", date="2024-05-07", status="occurred")
    for i in range(12):
        graph.add_node(f"leaf{i}", label=f"Aide {i}", type="person")
        graph.add_edge("c", f"leaf{i}", label="met", date="", status="occurred")
    return graph


def _crowded_graph() -> nx.Graph:
    """Thirty people who each met the same two, and a hub with forty more: the spring layout
    puts people with the same neighbours almost on one spot."""
    graph = nx.Graph()
    for i in range(30):
        graph.add_edge("A", f"l{i}")
        graph.add_edge("B", f"l{i}")
    for i in range(40):
        graph.add_edge("C", f"m{i}")
    graph.add_edge("A", "C")
    return graph


def test_no_node_is_laid_on_another():
    import numpy as np

    positions = layout(_crowded_graph())
    points = np.array(list(positions.values()))
    distance = np.sqrt(((points[:, None] - points[None]) ** 2).sum(axis=2))
    np.fill_diagonal(distance, np.inf)
    # A node's room at 75 nodes is about an eighth of the picture's side; the spring layout
    # alone left two nodes 3% of it apart.
    assert distance.min() / np.ptp(points, axis=0).max() > 0.06


@pytest.mark.slow
def test_a_picture_a_person_can_read(browser, tmp_path: Path):
    path = tmp_path / "g.html"
    drawing = draw(_picture_graph(), path)
    page = browser.new_page(viewport={"width": 900, "height": 600})
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-rendered=true]", timeout=10_000)
    # Parallel edges are drawn apart: one curve each.
    curves = page.eval_on_selector_all("path.edge", "els => els.map(e => e.getAttribute('d'))")
    assert len(curves) == drawing.edges and len(set(curves)) == len(curves)
    # Planned dashed, held solid.
    dashes = page.eval_on_selector_all(
        "path.edge", "els => els.map(e => [e.dataset.status, e.getAttribute('stroke-dasharray') || ''])"
    )
    assert all(dash for status, dash in dashes if status == "planned")
    assert not any(dash for status, dash in dashes if status == "occurred")
    # Every edge answers to the mouse at its middle, the three between the same two included.
    middles = page.eval_on_selector_all(
        "path.edge-hit",
        "els => els.map(e => { const p = e.getPointAtLength(e.getTotalLength() / 2); "
        "const m = e.getScreenCTM(); return [p.x * m.a + m.e, p.y * m.d + m.f]; })",
    )
    for x, y in middles:
        page.mouse.move(x, y)
        assert page.eval_on_selector("#tip", "t => t.style.display") == "block", (x, y)
    # The legend covers no node, labels are whole inside the page, no node sits on another.
    boxes = page.eval_on_selector_all(
        "g.node",
        "els => els.map(g => { const c = g.querySelector('circle').getBoundingClientRect(); "
        "const t = g.querySelector('text').getBoundingClientRect(); "
        "return [c.x, c.y, c.width, t.x, t.y, t.right, t.bottom]; })",
    )
    legend = page.eval_on_selector(
        "#legend", "l => { const r = l.getBoundingClientRect(); return [r.x, r.y, r.right, r.bottom]; }"
    )
    for cx, cy, size, tx, ty, tright, tbottom in boxes:
        assert not (cx < legend[2] and cx + size > legend[0] and cy < legend[3] and cy + size > legend[1])
        assert tx >= 0 and ty >= 0 and tright <= 900 and tbottom <= 600, (tx, ty, tright, tbottom)
    centres = [(cx + size / 2, cy + size / 2, size / 2) for cx, cy, size, *_ in boxes]
    for i, (x1, y1, r1) in enumerate(centres):
        for x2, y2, r2 in centres[i + 1 :]:
            assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= r1 + r2
    page.close()


@pytest.mark.slow
def test_a_big_graph_is_drawn_as_its_most_connected_part(tmp_path: Path):
    graph = nx.MultiDiGraph()
    for i in range(400):
        graph.add_node(f"p{i}", label=f"Person {i}", type="person")
    for i in range(20, 400):  # twenty hubs in a ring, each met by nineteen people
        graph.add_edge(f"p{i % 20}", f"p{i}", label="met", date="", status="occurred")
    for i in range(20):
        graph.add_edge(f"p{i}", f"p{(i + 1) % 20}", label="met", date="", status="occurred")
    page = tmp_path / "big.html"
    drawing = draw(graph, page, limit=100)
    assert drawing.nodes == 100 and drawing.left_out == 300
    part, _ = most_connected(graph, 100)
    assert {f"p{i}" for i in range(20)} <= set(part) and nx.is_connected(part.to_undirected())
    assert "300 more not drawn" in page.read_text(encoding="utf-8")
    assert draw(graph, tmp_path / "big.png", limit=0).nodes == 400


_DRAW_IN_A_FRESH_PROCESS = """
import sys
from pathlib import Path
import networkx as nx
from kg.exports.draw import draw
graph = nx.MultiDiGraph()
for i in range(60):
    graph.add_node(f"p{i}", label=f"Person {i}", type="person")
for i in range(6, 60):
    graph.add_edge(f"p{i % 6}", f"p{i}", label="met", date="", status="occurred")
out = Path(sys.argv[1])
for name in ("g.svg", "g.html", "g.png"):
    draw(graph, out / name, limit=40)
"""


@pytest.mark.slow
def test_the_same_graph_draws_the_same_files_in_every_process(tmp_path: Path):
    # String hashing is salted per process: a layout that followed set order moved every
    # node from one run to the next.
    import os
    import sys

    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", _DRAW_IN_A_FRESH_PROCESS, str(out)], env=env, check=True)
        outputs.append({name: (out / name).read_bytes() for name in ("g.svg", "g.html", "g.png")})
    assert outputs[0] == outputs[1]
