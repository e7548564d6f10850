"""What a store holds, counted one way wherever kg shows a count.

A fact is counted as `kg facts`, `kg eval` and the build's table count it: once for each
article that states it (FACTS.md: facts are per article). A meeting three articles report is
three facts. The same fact is also counted in the merged graph, where those three are one
meeting node with three sources: what `kg query meetings` lists one row each for.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.graph import vocab as T
from kg.graph.store import GraphStore
from kg.model import FACT_TYPES


@dataclass(frozen=True)
class FactCount:
    kind: str
    in_articles: int  # one per article that states it, as kg facts counts
    in_graph: int  # one per node of the merged graph, as the named queries list them


@dataclass(frozen=True)
class StoreCounts:
    articles: int
    entities: int  # distinct entity nodes of the merged graph
    quads: int
    facts: tuple[FactCount, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "articles": self.articles,
            "entities": self.entities,
            "quads": self.quads,
            "facts": {f.kind: {"in_articles": f.in_articles, "in_graph": f.in_graph} for f in self.facts},
        }


def count_store(store: GraphStore) -> StoreCounts:
    facts = []
    for kind in FACT_TYPES:
        klass = f"<{T.FACT_CLASSES[kind]}>"
        per_article = f"SELECT DISTINCT ?g ?e WHERE {{ GRAPH ?g {{ ?e a {klass} }} }}"
        in_articles = store.count(f"SELECT (COUNT(*) AS ?n) WHERE {{ {per_article} }}")
        in_graph = store.count(f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a {klass} }}")
        facts.append(FactCount(kind, in_articles, in_graph))
    return StoreCounts(
        articles=store.count("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }"),
        entities=store.count("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e kg:entityType ?t }"),
        quads=len(store),
        facts=tuple(facts),
    )
