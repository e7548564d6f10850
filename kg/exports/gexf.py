"""GEXF 1.3 for Gephi, with time: each dated meeting, call and interview is an edge with a
spell covering its date (a day, or the whole month or year the article gives), so
Gephi's timeline plays them in order; undated edges (roles, undated events) are always
shown. Nodes carry their type, the role titles the graph gives them, how many articles
name them, and their IRI; an edge's weight is the number of articles that report it."""

from __future__ import annotations

import calendar
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import networkx as nx

from kg import resources
from kg.exports.property_graph import relation, to_networkx
from kg.graph.iris import clean_text
from kg.graph.store import GraphStore

GEXF_NS = "http://gexf.net/1.3"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

_ARTICLES_NAMING = resources.read_text("sparql", "gexf-articles-naming.rq")
_TITLES = resources.read_text("sparql", "gexf-titles.rq")

NODE_ATTRIBUTES = (("type", "string"), ("roles", "string"), ("articles", "integer"), ("iri", "string"))
EDGE_ATTRIBUTES = (("relation", "string"), ("status", "string"), ("date", "string"), ("sources", "integer"))


def spell(date: str) -> tuple[str, str] | None:
    """The days an ISO date at any precision covers: '2025-08' -> 2025-08-01 .. 2025-08-31.
    None for no date, or one with no year ('--03-18'), which no timeline can place."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return date, date
    if re.fullmatch(r"\d{4}-\d{2}", date):
        year, month = int(date[:4]), int(date[5:])
        return f"{date}-01", f"{date}-{calendar.monthrange(year, month)[1]:02d}"
    if re.fullmatch(r"\d{4}", date):
        return f"{date}-01-01", f"{date}-12-31"
    return None


def _node_extras(store: GraphStore, graph: nx.MultiDiGraph) -> None:
    counts = {row["e"].value: int(row["articles"].value) for row in store.select(_ARTICLES_NAMING)}
    titles: dict[str, set[str]] = defaultdict(set)
    for row in store.select(_TITLES):
        titles[row["person"].value].add(f"{row['title'].value} ({row['orgName'].value})")
    for node, data in graph.nodes(data=True):
        data["roles"] = "; ".join(sorted(titles.get(node, ())))
        data["articles"] = counts.get(node, 0)
        data["iri"] = node


def _attribute_block(parent: ET.Element, klass: str, attributes: tuple[tuple[str, str], ...]) -> None:
    block = ET.SubElement(parent, "attributes", {"class": klass, "mode": "static"})
    for name, kind in attributes:
        ET.SubElement(block, "attribute", {"id": name, "title": name, "type": kind})


def _attvalues(parent: ET.Element, values: dict[str, object]) -> None:
    block = ET.SubElement(parent, "attvalues")
    for name, value in values.items():
        ET.SubElement(block, "attvalue", {"for": name, "value": clean_text(str(value))})


def to_gexf(store: GraphStore) -> tuple[ET.ElementTree, nx.MultiDiGraph]:
    graph = to_networkx(store)
    _node_extras(store, graph)
    root = ET.Element(
        "gexf",
        {
            "xmlns": GEXF_NS,
            "xmlns:xsi": XSI_NS,
            "xsi:schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd",
            "version": "1.3",
        },
    )
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "kg"
    ET.SubElement(
        meta, "description"
    ).text = "Who met, phoned, interviewed, holds which role and spoke of whom"
    body = ET.SubElement(
        root,
        "graph",
        {
            "defaultedgetype": "directed",
            "mode": "dynamic",
            "timeformat": "date",
            "timerepresentation": "interval",
        },
    )
    _attribute_block(body, "node", NODE_ATTRIBUTES)
    _attribute_block(body, "edge", EDGE_ATTRIBUTES)
    ids = {node: f"n{i}" for i, node in enumerate(sorted(graph.nodes))}
    nodes = ET.SubElement(body, "nodes")
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        element = ET.SubElement(
            nodes, "node", {"id": ids[node], "label": clean_text(data.get("label", node))}
        )
        _attvalues(element, {name: data.get(name, "") for name, _ in NODE_ATTRIBUTES})
    edges = ET.SubElement(body, "edges")
    ordered = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[3].get("date", ""), e[2]))
    for number, (source, target, _key, data) in enumerate(ordered):
        element = ET.SubElement(
            edges,
            "edge",
            {
                "id": f"e{number}",
                "source": ids[source],
                "target": ids[target],
                "label": clean_text(data.get("label", "")),
                # How many articles report it: what a user weighs an edge by.
                "weight": str(data.get("sources") or 1),
            },
        )
        _attvalues(
            element,
            {
                "relation": relation(data.get("label", "")),
                "status": data.get("status", ""),
                "date": data.get("date", ""),
                "sources": data.get("sources", 0),
            },
        )
        days = spell(data.get("date", ""))
        if days is not None:
            spells = ET.SubElement(element, "spells")
            ET.SubElement(spells, "spell", {"start": days[0], "end": days[1]})
    ET.indent(root)
    return ET.ElementTree(root), graph


def write_gexf(store: GraphStore, path: Path) -> nx.MultiDiGraph:
    tree, graph = to_gexf(store)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return graph
