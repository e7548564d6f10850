"""`kg draw`: pictures of the graph, and the interactive page rendered by a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import matplotlib.image
import pytest

from kg.draw import draw, neighbourhood
from kg.errors import KgError
from kg.property_graph import to_networkx

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


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")
def test_interactive_page_renders_in_a_headless_browser(timeline_db, tmp_path: Path):
    graph = to_networkx(timeline_db)
    page = tmp_path / "g.html"
    drawn = draw(graph, page)
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
