"""What every kg store answers (`GraphStore`), and the one SPARQL update that replaces an
article's graph and keeps the merged view (see kg/graph/store/__init__.py)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox

from kg.graph import stats, summary
from kg.graph.bindings import Bindings
from kg.graph.iris import graph_iri
from kg.graph.triples import ntriples_line


def replacement_update(pairs: list[tuple[ox.NamedNode, Iterable[ox.Quad]]], *, start: bool = True) -> str:
    """One SPARQL update that makes each graph of a list of (graph, quads) pairs hold exactly
    its quads (one pair for one article, several for several in one transaction), keeps the
    default graph the merged view of every named graph, and keeps the listings' summaries of
    the events it touches (kg/graph/summary.py) and the store's counts (kg/graph/stats.py)
    right, all in one request. `start` starts the store's counters where it has none yet."""
    items = [(g, list(q)) for g, q in pairs]
    graphs = [g for g, _ in items]
    every = [q for _, qs in items for q in qs]
    # A triple leaves the view only when no graph outside the replaced ones still states it;
    # the new triples (re)enter it below, so a triple a new version keeps is never missing
    # after the update.
    forget = (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ {summary.in_replaced(graphs, '?s ?p ?o')} "
        f"{summary.stated_only_in(graphs, '?s ?p ?o')} }}"
    )
    ops = [
        *summary.marks_before(graphs, every),
        *stats.before_replacement(graphs, every, start),
        forget,
        *(f"DROP SILENT GRAPH {g}" for g in graphs),
    ]
    bodies = ["".join(map(ntriples_line, qs)) for _, qs in items]
    if any(bodies):  # a removed article leaves no empty graph behind
        marks = summary.new_event_marks(every)
        pending = f"GRAPH {summary.PENDING} {{\n{marks}}} " if marks else ""
        named = "".join(f"GRAPH {g} {{\n{body}}} " for g, body in zip(graphs, bodies, strict=True) if body)
        ops.append(f"INSERT DATA {{\n{''.join(bodies)}{named}{pending}}}")
    # The counts kg stats shows (kg/graph/stats.py), before the summaries' last step drops the
    # scratch graph both mark in.
    ops += [stats.after_replacement(graphs), *summary.RECOMPUTE]
    return summary.PROLOGUE + " ;\n".join(ops)


# The merged view for a store written before kg kept one (its default graph is empty).
_MERGE_VIEW = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
_HAS_VIEW = "ASK { ?s ?p ?o }"
_HAS_GRAPHS = "ASK { GRAPH ?g { ?s ?p ?o } }"


class GraphStore(ABC):
    """What every kg store answers. `location` is its folder or URL, for messages."""

    location: str
    # True while a store written before the merged view is read as the union of its graphs.
    _union: bool = False
    # True once the store keeps its counters (kg/graph/stats.py): writes need not start them.
    _counting: bool = False

    def _adopt_view(self, read_only: bool) -> None:
        """Called on opening. A store written before kg kept the merged view gets it now;
        read-only, it is queried as the union of its named graphs (the same answers, slower)
        until the next build. A store with its view answers the first question: one query."""
        if not bool(self.query(_HAS_VIEW)) and bool(self.query(_HAS_GRAPHS)):
            if read_only:
                self._union = True
            else:
                self.update(_MERGE_VIEW, "the merged view")
        if read_only:
            return
        # A store written before kg kept the listings' summaries gets them now.
        if not summary.present(self):
            self.update(summary.SUMMARIZE_ALL, "the listings' summaries")
        # Whether it keeps the counts kg stats shows, so a write need not start them at 0 (a
        # new store's first write does); a store written before kg kept them gets them now.
        self._counting = stats.started(self)
        if not self._counting and not stats.holds_nothing(self):
            self.update(stats.COUNT_ALL, "the store's counts")
            self._counting = True

    # ------------------------------------------------------------ writing

    @abstractmethod
    def update(self, sparql: str, what: str) -> None:
        """Run a SPARQL update as one transaction; `what` names it in errors."""

    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad], what: str = "") -> None:
        """Make a named graph hold exactly `quads`, atomically."""
        self.replace_graphs([(graph, quads)], what or graph.value)

    def replace_graphs(self, items: list[tuple[ox.NamedNode, Iterable[ox.Quad]]], what: str) -> None:
        """Make each named graph of `items` hold exactly its quads, all in one transaction."""
        self.update(replacement_update(items, start=not self._counting), what)
        self._counting = True

    def replace_article(self, article_id: str, quads: Iterable[ox.Quad]) -> None:
        """Make the article's named graph hold exactly `quads`, atomically."""
        self.replace_articles([(article_id, quads)])

    def replace_articles(self, articles: list[tuple[str, Iterable[ox.Quad]]]) -> None:
        """Make each article's named graph hold exactly its quads, all in one transaction
        (several articles: one update, cheaper than one each)."""
        ids = ", ".join(repr(article_id) for article_id, _ in articles)
        what = f"article {ids}" if len(articles) == 1 else f"articles {ids}"
        self.replace_graphs([(graph_iri(article_id), quads) for article_id, quads in articles], what)

    def flush(self) -> None:  # noqa: B027 - a server makes its writes durable itself
        """Make every write durable."""

    # ------------------------------------------------------------ reading

    @abstractmethod
    def query(self, sparql: str, bindings: Bindings | None = None) -> Any:
        """Run SPARQL over the merged view of every article graph (`GRAPH ?g` reaches the
        article graphs themselves), the prefixes of kg/graph/vocab.py declared; `bindings` bind
        variables (as RDF terms in a VALUES block, never spliced into the query text).
        Returns pyoxigraph's QuerySolutions, QueryBoolean or QueryTriples."""

    @abstractmethod
    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the named graphs (the merged view is derived from them)."""

    def __len__(self) -> int:
        """The number of quads in the named graphs."""
        return self.count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")

    def __bool__(self) -> bool:
        # An open store is true, full or empty: without this, `store or ...` counted every
        # quad (__len__: 4 s on a 5-million-triple store) before `kg query` ran its query.
        return True

    def time_limit_note(self) -> str:
        """For an operator: where a query stopped at the time limit goes on running (a server
        store that takes no limit from kg); "" where it does not."""
        return ""

    @abstractmethod
    def named_graph_count(self) -> int: ...

    def select(
        self, sparql: str, bindings: Bindings | None = None
    ) -> list[dict[str, ox.NamedNode | ox.Literal | ox.BlankNode]]:
        result = self.query(sparql, bindings)
        names = [v.value for v in result.variables]
        return [{n: row[n] for n in names if row[n] is not None} for row in result]

    def count(self, sparql: str) -> int:
        """The number a `SELECT (COUNT(...) AS ?n)` query gives."""
        rows = self.select(sparql)
        return int(rows[0]["n"].value) if rows else 0

    def article_hashes(self) -> dict[str, tuple[str, str | None]]:
        """Article id -> (content hash, text hash); the text hash is None for an article
        stored before kg kept one."""
        rows = self.select(
            "SELECT ?id ?hash ?text WHERE { GRAPH ?g { ?a a kg:Article ; "
            "kg:articleId ?id ; kg:contentHash ?hash OPTIONAL { ?a kg:textHash ?text } } }"
        )
        return {
            row["id"].value: (row["hash"].value, row["text"].value if "text" in row else None) for row in rows
        }

    def article_ids(self) -> list[str]:
        return sorted(self.article_hashes())
