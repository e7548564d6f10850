"""What a store holds, counted one way wherever kg shows a count.

A fact is counted as `kg facts`, `kg eval` and the build's table count it: once for each
article that states it (FACTS.md: facts are per article). A meeting three articles report is
three facts. The same fact is also counted in the merged graph, where those three are one
meeting node with three sources: what `kg query meetings` lists one row each for.

Counting a big store takes seconds (every quad of the named graphs, every statement in every
article: 5 s on a 5-million-triple store), so the writer keeps the counts, as it keeps the
listings' summaries (kg/graph/summary.py): each a counter node in the merged view only,

    <…/id/count/quads> kg:count 6896102 .

changed in the same update (one transaction) as each graph it replaces, by what that graph
held before and holds after. What a replacement can change: the graph's own quads and the
facts typed in it; and in the merged view, only the triples the old or the new version
states. So the update marks, in its scratch graph, the nodes the old and the new version
type (and the entities they name), takes off what the graph and those nodes count before
the replacement and adds what they count after. A store written before kg kept the
counters gets them when opened for writing; read-only, it is counted the slow way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.graph import vocab as T
from kg.graph.summary import PENDING, in_replaced
from kg.model import FACT_TYPES

if TYPE_CHECKING:
    from kg.graph.store import GraphStore


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


def _counter(name: str) -> str:
    return f"<{T.ID}count/{name}>"


_QUADS, _ARTICLES, _ENTITIES = _counter("quads"), _counter("articles"), _counter("entities")
_CLASS = {kind: f"<{T.FACT_CLASSES[kind]}>" for kind in FACT_TYPES}
_IN_ARTICLES = {kind: _counter(f"{kind}-in-articles") for kind in FACT_TYPES}
_IN_GRAPH = {kind: _counter(f"{kind}-in-graph") for kind in FACT_TYPES}
# Each counter, and what it counts when counted from scratch.
COUNTED = {
    _QUADS: "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    _ARTICLES: "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }",
    _ENTITIES: "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e kg:entityType ?t }",
    **{
        _IN_ARTICLES[kind]: f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?g ?e "
        f"WHERE {{ GRAPH ?g {{ ?e a {klass} }} }} }}"
        for kind, klass in _CLASS.items()
    },
    **{
        _IN_GRAPH[kind]: f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a {klass} }}"
        for kind, klass in _CLASS.items()
    },
}
_COUNTERS = " ".join(COUNTED)
_KEPT = f"SELECT ?c ?n WHERE {{ VALUES ?c {{ {_COUNTERS} }} ?c <{T.COUNT}> ?n }}"

# Every counter counted from scratch: for a store written before kg kept them.
COUNT_ALL = (
    T.SPARQL_PROLOGUE
    + f"DELETE {{ ?c <{T.COUNT}> ?n }} WHERE {{ VALUES ?c {{ {_COUNTERS} }} ?c <{T.COUNT}> ?n }} ;\n"
    + f"INSERT {{ ?c <{T.COUNT}> ?n }} WHERE {{\n  "
    + "\n  UNION ".join(f"{{ {{ {query} }} BIND({c} AS ?c) }}" for c, query in COUNTED.items())
    + "\n}"
)

# The nodes whose counts in the merged view a replacement may change: typed as an article
# or a fact (marked with their class), or naming an entity (marked with kg:entityType).
_MARK = f"<{T.COUNT_PENDING}>"
_MARKED_CLASSES = " ".join([f"<{T.ARTICLE}>", *_CLASS.values()])
_MARKED_TYPES = {ox.NamedNode(c) for c in (T.ARTICLE, *T.FACT_CLASSES.values())}
_IN_ARTICLES_VALUES = " ".join(f"({_CLASS[k]} {_IN_ARTICLES[k]})" for k in FACT_TYPES)
_IN_GRAPH_VALUES = " ".join(
    [f"(<{T.ARTICLE}> {_ARTICLES})", *(f"({_CLASS[k]} {_IN_GRAPH[k]})" for k in FACT_TYPES)]
)


# A counter a new store has not started yet starts at 0 (a store holding anything is
# counted when opened for writing, COUNT_ALL).
_START = (
    f"INSERT {{ ?c <{T.COUNT}> 0 }} WHERE {{ VALUES ?c {{ {_COUNTERS} }} "
    f"FILTER NOT EXISTS {{ ?c <{T.COUNT}> ?n }} }}"
)


def _shift(graphs: list[ox.NamedNode], sign: str) -> str:
    """The update that moves each counter by what `graphs` and the marked nodes count now:
    sign "-" before the replacement, "+" after it."""
    return f"""DELETE {{ ?c <{T.COUNT}> ?old }} INSERT {{ ?c <{T.COUNT}> ?new }} WHERE {{
  {{
    SELECT ?c (COUNT(*) AS ?n) WHERE {{
      {{ {in_replaced(graphs, "?s ?p ?o")} BIND({_QUADS} AS ?c) }}
      UNION {{ {in_replaced(graphs, "?e a ?k")} VALUES (?k ?c) {{ {_IN_ARTICLES_VALUES} }} }}
      UNION {{ GRAPH {PENDING} {{ ?e {_MARK} ?k }} ?e a ?k . VALUES (?k ?c) {{ {_IN_GRAPH_VALUES} }} }}
      UNION {{
        GRAPH {PENDING} {{ ?e {_MARK} <{T.ENTITY_TYPE}> }}
        FILTER EXISTS {{ ?e <{T.ENTITY_TYPE}> ?t }} BIND({_ENTITIES} AS ?c)
      }}
    }}
    GROUP BY ?c
  }}
  ?c <{T.COUNT}> ?old . BIND(?old {sign} ?n AS ?new)
}}"""


def before_replacement(graphs: list[ox.NamedNode], quads: Iterable[ox.Quad], start: bool = True) -> list[str]:
    """Operations to run before `graphs` are replaced by `quads` (their new versions, all
    together; in the same update, before kg/graph/summary.py's RECOMPUTE drops the scratch
    graph): mark the nodes the old and the new versions type or name as entities, then take
    off what the graphs and they count now. `start` starts the counters at 0 where the store
    has none yet (needed only until its first write)."""
    marks = "".join(
        f"{q.subject} {_MARK} {q.object} .\n"
        if q.predicate.value == T.TYPE
        else f"{q.subject} {_MARK} <{T.ENTITY_TYPE}> .\n"
        for q in quads
        if (q.predicate.value == T.TYPE and q.object in _MARKED_TYPES) or q.predicate.value == T.ENTITY_TYPE
    )
    typed = (
        f"{{ ?e a ?k VALUES ?k {{ {_MARKED_CLASSES} }} }} "
        f"UNION {{ ?e <{T.ENTITY_TYPE}> ?t BIND(<{T.ENTITY_TYPE}> AS ?k) }}"
    )
    ops = [
        *([_START] if start else []),
        f"INSERT {{ GRAPH {PENDING} {{ ?e {_MARK} ?k }} }} WHERE {{ {in_replaced(graphs, typed)} }}",
    ]
    if marks:
        ops.append(f"INSERT DATA {{ GRAPH {PENDING} {{\n{marks}}} }}")
    return [*ops, _shift(graphs, "-")]


def after_replacement(graphs: list[ox.NamedNode]) -> str:
    """The operation to run once `graphs` hold their new versions: add what they and the
    marked nodes count now."""
    return _shift(graphs, "+")


def started(store: GraphStore) -> bool:
    """Whether the store keeps every counter already (so a write need not start them)."""
    return len(store.select(_KEPT)) == len(COUNTED)


def holds_nothing(store: GraphStore) -> bool:
    """Whether the store holds no triple at all (its first write starts the counters at 0:
    no update of its own when a store is made)."""
    return not (bool(store.query("ASK { ?s ?p ?o }")) or bool(store.query("ASK { GRAPH ?g { ?s ?p ?o } }")))


def count_store(store: GraphStore) -> StoreCounts:
    """The counts the writer keeps; counted from scratch where the store has none (written
    before kg kept them, and opened read-only since)."""
    kept = {f"<{row['c'].value}>": int(row["n"].value) for row in store.select(_KEPT)}
    return _as_counts(kept) if len(kept) == len(COUNTED) else recount(store)


def recount(store: GraphStore) -> StoreCounts:
    """The counts counted from scratch, as the writer would keep them (seconds on a big store)."""
    return _as_counts({counter: store.count(query) for counter, query in COUNTED.items()})


def _as_counts(kept: dict[str, int]) -> StoreCounts:
    return StoreCounts(
        articles=kept[_ARTICLES],
        entities=kept[_ENTITIES],
        quads=kept[_QUADS],
        facts=tuple(FactCount(k, kept[_IN_ARTICLES[k]], kept[_IN_GRAPH[k]]) for k in FACT_TYPES),
    )
