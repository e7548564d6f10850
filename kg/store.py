"""Where the graph lives: one named graph per article, and their merged view.

Two kinds of store answer the same calls: the embedded Oxigraph store in a folder
(`LocalStore`, the default) and a SPARQL 1.1 server given by its URL (`RemoteStore`, in
kg/remote.py), so a team can keep one graph on a server. `open_store` picks by the location.

Each article's named graph holds what that article says: it is the provenance record and
what exports write. Queries run on the store's default graph, which the writer keeps equal
to the merged view of every named graph, each triple once. The union of named graphs would
answer the same, but keeps a copy of a triple for every article that states it: a label of
a country named by ten thousand stories is ten thousand rows in every join through it (on
the te3-silver store the `interviews` query ran out of memory that way; on the merged view
it takes 22 ms).

Replacing an article's graph is one SPARQL update (forget the triples only it held, drop
it, insert its new triples in it and in the view), which Oxigraph runs as one transaction:
a reader sees the old graph or the new one, never half of either.
"""

from __future__ import annotations

import os
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import terms as T
from kg.bindings import Bindings, with_values
from kg.errors import QueryError, StoreError
from kg.federation import check_nesting
from kg.rdf import graph_iri, ntriples_line

DEFAULT_STORE = "kg-store"
STORE_ENV = "KG_STORE"


def default_store() -> str:
    return os.environ.get(STORE_ENV) or DEFAULT_STORE


def is_url(location: str | Path) -> bool:
    return str(location).startswith(("http://", "https://"))


def open_store(location: str | Path, read_only: bool = False, time_limit: float | None = None) -> GraphStore:
    """The store at `location`: a folder for the embedded store, or an http(s) URL of a
    SPARQL 1.1 server. `time_limit` (seconds) goes with each query to a server that takes
    one (see kg/remote.py); the embedded store's caller enforces its own."""
    if is_url(location):
        from kg.remote import RemoteStore

        return RemoteStore(str(location), read_only=read_only, time_limit=time_limit)
    return LocalStore(location, read_only=read_only)


# How RocksDB (under Oxigraph) says a store is locked by another process that writes it,
# and names the file of a store that is broken or missing.
_LOCKED = re.compile(r"lock file|lock hold", re.IGNORECASE)
_STORE_FILE = re.compile(r"\b(?:\d+\.(?:sst|log|blob)|MANIFEST-\d+|OPTIONS-\d+|CURRENT)\b")


def storage_error(exc: BaseException, location: str = "") -> StoreError | None:
    """The embedded store's own failure (`exc`, as RocksDB words it) as one line saying what
    to do; None when `exc` is no such failure (a query's own error, say)."""
    text = str(exc)
    at = f" at {location}" if location else ""
    if _LOCKED.search(text):
        return StoreError(
            f"another kg build is writing the store{at}; wait for it to end, or build into another --store"
        )
    named = _STORE_FILE.search(text)
    if "Corruption" in text or ("No such file or directory" in text and named):
        which = f" ({named.group()} is broken or missing)" if named else ""
        return StoreError(
            f"the store{at} is damaged{which}: rebuild it with kg build --force into a new folder"
        )
    return None


def replacement_update(graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> str:
    """One SPARQL update that makes `graph` hold exactly `quads` and keeps the default graph
    the merged view of every named graph."""
    # A triple leaves the view only when no other graph still states it; the new triples
    # (re)enter it below, so a triple the new version keeps is never missing after the update.
    forget = (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }} }} ;\n"
        f"DROP SILENT GRAPH {graph}"
    )
    body = "".join(map(ntriples_line, quads))
    if not body:  # a removed article leaves no empty graph behind
        return forget
    return f"{forget} ;\nINSERT DATA {{\n{body}GRAPH {graph} {{\n{body}}} }}"


# The merged view for a store written before kg kept one (its default graph is empty).
_MERGE_VIEW = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
_HAS_VIEW = "ASK { ?s ?p ?o }"
_HAS_GRAPHS = "ASK { GRAPH ?g { ?s ?p ?o } }"


class GraphStore(ABC):
    """What every kg store answers. `location` is its folder or URL, for messages."""

    location: str
    # True while a store written before the merged view is read as the union of its graphs.
    _union: bool = False

    def _adopt_view(self, read_only: bool) -> None:
        """Called on opening. A store written before kg kept the merged view gets it now;
        read-only, it is queried as the union of its named graphs (the same answers, slower)
        until the next build. A store with its view answers the first question: one query."""
        if not bool(self.query(_HAS_VIEW)) and bool(self.query(_HAS_GRAPHS)):
            if read_only:
                self._union = True
            else:
                self.update(_MERGE_VIEW, "the merged view")

    # ------------------------------------------------------------ writing

    @abstractmethod
    def update(self, sparql: str, what: str) -> None:
        """Run a SPARQL update as one transaction; `what` names it in errors."""

    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad], what: str = "") -> None:
        """Make a named graph hold exactly `quads`, atomically."""
        self.update(replacement_update(graph, quads), what or graph.value)

    def replace_article(self, article_id: str, quads: Iterable[ox.Quad]) -> None:
        """Make the article's named graph hold exactly `quads`, atomically."""
        self.replace_graph(graph_iri(article_id), quads, what=f"article {article_id!r}")

    def remove_article(self, article_id: str) -> None:
        """Drop the article's named graph and every fact in it, atomically."""
        self.replace_article(article_id, [])

    def flush(self) -> None:  # noqa: B027 - a server makes its writes durable itself
        """Make every write durable."""

    # ------------------------------------------------------------ reading

    @abstractmethod
    def query(self, sparql: str, bindings: Bindings | None = None) -> Any:
        """Run SPARQL over the merged view of every article graph (`GRAPH ?g` reaches the
        article graphs themselves), the prefixes of kg/terms.py declared; `bindings` bind
        variables (as RDF terms in a VALUES block, never spliced into the query text).
        Returns pyoxigraph's QuerySolutions, QueryBoolean or QueryTriples."""

    @abstractmethod
    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the named graphs (the merged view is derived from them)."""

    def __len__(self) -> int:
        """The number of quads in the named graphs."""
        return self.count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")

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


class LocalStore(GraphStore):
    """The embedded store in the folder `path`. `read_only` opens an existing store without
    locking it."""

    def __init__(self, path: Path | str, read_only: bool = False) -> None:
        self.path = Path(path)
        self.location = str(path)
        if read_only and not (self.path / "CURRENT").exists():
            raise StoreError(
                f"no kg store at {self.path}; build one first with `kg build PATH --store {self.path}`"
            )
        try:
            self._store = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
        except (OSError, RuntimeError) as exc:
            raise self._failure(exc, f"cannot open the store at {self.path}") from exc
        self._adopt_view(read_only)

    def _failure(self, exc: Exception, doing: str) -> StoreError:
        """`exc` from the store as one line: what to do where RocksDB says why (locked,
        damaged), else `doing` and its words."""
        return storage_error(exc, self.location) or StoreError(f"{doing}: {exc}")

    def update(self, sparql: str, what: str) -> None:
        try:
            self._store.update(sparql)
        except (OSError, SyntaxError, RuntimeError) as exc:
            raise self._failure(exc, f"cannot write {what}") from exc

    def flush(self) -> None:
        try:
            self._store.flush()
        except (OSError, RuntimeError) as exc:
            raise self._failure(exc, f"cannot write the store at {self.path}") from exc

    def query(self, sparql: str, bindings: Bindings | None = None) -> Any:
        text = with_values(sparql, bindings) if bindings else sparql
        check_nesting(text)  # a query nested too deep kills the process (SIGSEGV) in the engine
        try:
            return self._store.query(
                text,
                use_default_graph_as_union=self._union,
                prefixes=T.PREFIXES,
            )
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except (RuntimeError, ValueError) as exc:
            raise storage_error(exc, self.location) or QueryError(f"the query cannot run: {exc}") from exc
        except OSError as exc:
            raise self._failure(exc, f"cannot read the store at {self.path}") from exc

    def select(
        self, sparql: str, bindings: Bindings | None = None
    ) -> list[dict[str, ox.NamedNode | ox.Literal | ox.BlankNode]]:
        # Rows are read as they are iterated: a damaged store fails here, not in query().
        try:
            return super().select(sparql, bindings)
        except (OSError, RuntimeError) as exc:
            raise self._failure(exc, f"cannot read the store at {self.path}") from exc

    def snapshot(self, target: Path) -> None:
        """Copy the store as this handle sees it into the new folder `target`, which then
        opens as a store of its own: a RocksDB checkpoint, hard links where `target` is on
        the same file system (instant, and no second copy of the data)."""
        try:
            self._store.backup(str(target))
        except OSError as exc:
            raise StoreError(f"cannot copy the store at {self.path} to {target}: {exc}") from exc

    def quads(self) -> Iterator[ox.Quad]:
        try:
            for graph in self._store.named_graphs():
                yield from self._store.quads_for_pattern(None, None, None, graph)
        except (OSError, RuntimeError) as exc:
            raise self._failure(exc, f"cannot read the store at {self.path}") from exc

    def named_graph_count(self) -> int:
        try:
            return sum(1 for _ in self._store.named_graphs())
        except (OSError, RuntimeError) as exc:
            raise self._failure(exc, f"cannot read the store at {self.path}") from exc
