"""`kg export gexf`: Gephi's format with time, opened by networkx and igraph; both graph
exports against their published schemas, from ../shared/xsd (skipped where it is absent)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import igraph
import networkx as nx
import pytest

from kg.exports.formats import export
from kg.exports.gexf import spell

XSD = Path(__file__).resolve().parents[4] / "shared" / "xsd"


def test_spells_cover_the_date_at_its_precision():
    assert spell("2024-03-11") == ("2024-03-11", "2024-03-11")
    assert spell("2024-02") == ("2024-02-01", "2024-02-29")
    assert spell("2023") == ("2023-01-01", "2023-12-31")
    assert spell("--03-18") is None and spell("") is None


def test_gexf_has_timed_edges_and_node_attributes(timeline_db, tmp_path: Path):
    path = tmp_path / "kg.gexf"
    count = export(timeline_db, "gexf", path)
    graph = nx.read_gexf(path)
    assert graph.number_of_edges() == count
    names = {n: d["label"] for n, d in graph.nodes(data=True)}
    by_name = {v: k for k, v in names.items()}
    spells = {
        (names[a], names[b], d["relation"]): d.get("spells")
        for a, b, d in graph.edges(data=True)
        if d["relation"] in ("meeting", "call")
    }
    assert spells[("Anna Lindqvist", "Franz Weber", "meeting")] == [("2024-03-11", "2024-03-11")]
    assert spells[("Anna Lindqvist", "Piotr Varga", "meeting")] == [("2024-04-01", "2024-04-30")]
    assert spells[("Franz Weber", "Piotr Varga", "call")] == [("2024-05-17", "2024-05-17")]
    weber = graph.nodes[by_name["Franz Weber"]]
    assert weber["type"] == "person" and weber["articles"] == 2
    assert weber["iri"].startswith("https://")
    # An edge weighs as many articles as report it.
    assert all(d["weight"] == d["sources"] for *_, d in graph.edges(data=True) if d["sources"])
    assert weber["roles"] == "chancellor (Austria)"
    # Roles have no date: always on Gephi's timeline.
    assert all("spells" not in d for *_, d in graph.edges(data=True) if d["relation"] == "role")
    ig = igraph.Graph.from_networkx(graph)
    assert (ig.vcount(), ig.ecount()) == (graph.number_of_nodes(), graph.number_of_edges())


@pytest.mark.parametrize(
    ("fmt", "schema"),
    [("gexf", "gexf-1.3/gexf.xsd"), ("graphml", "graphml-1.0/graphml.xsd")],
    ids=["gexf", "graphml"],
)
def test_export_passes_its_published_schema(timeline_db, tmp_path: Path, fmt, schema):
    if not (XSD / schema).exists() or shutil.which("xmllint") is None:
        pytest.skip(f"{XSD / schema} or xmllint is absent")
    path = tmp_path / f"kg.{fmt}"
    export(timeline_db, fmt, path)
    # The catalog maps the schemas' web addresses onto the copies: no network is used.
    result = subprocess.run(
        ["xmllint", "--noout", "--nonet", "--schema", str(XSD / schema), str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "XML_CATALOG_FILES": str(XSD / "catalog.xml")},
    )
    assert result.returncode == 0, result.stderr[-2000:]
