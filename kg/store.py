"""Where the graph lives: one named graph per article, queried as their union.

Two kinds of store answer the same calls: the embedded Oxigraph store in a folder
(`LocalStore`, the default) and a SPARQL 1.1 server given by its URL (`RemoteStore`, in
kg/remote.py), so a team can keep one graph on a server. `open_store` picks by the location.

Replacing an article's graph is one SPARQL update (drop, then insert), which Oxigraph runs
as one transaction: a reader sees the old graph or the new one, never half of either.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import terms as T
from kg.errors import QueryError, StoreError
from kg.rdf import graph_iri

DEFAULT_STORE = "kg-store"
STORE_ENV = "KG_STORE"

Bindings = dict[str, ox.NamedNode | ox.Literal]


def default_store() -> str:
    return os.environ.get(STORE_ENV) or DEFAULT_STORE


def is_url(location: str | Path) -> bool:
    return str(location).startswith(("http://", "https://"))


def open_store(location: str | Path, read_only: bool = False) -> GraphStore:
    """The store at `location`: a folder for the embedded store, or an http(s) URL of a
    SPARQL 1.1 server."""
    if is_url(location):
        from kg.remote import RemoteStore

        return RemoteStore(str(location), read_only=read_only)
    return LocalStore(location, read_only=read_only)


def replacement_update(graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> str:
    """One SPARQL update that makes `graph` hold exactly `quads`."""
    body = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)
    if not body:  # a removed article leaves no empty graph behind
        return f"DROP SILENT GRAPH {graph}"
    return f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}}} }}"


class GraphStore(ABC):
    """What every kg store answers. `location` is its folder or URL, for messages."""

    location: str

    # ------------------------------------------------------------ writing

    @abstractmethod
    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad], what: str = "") -> None:
        """Make a named graph hold exactly `quads`, atomically."""

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
        """Run SPARQL over the union of every article graph, the prefixes of kg/terms.py
        declared; `bindings` pre-bind variables (values are bound as RDF terms, never
        spliced into the query text). Returns pyoxigraph's QuerySolutions, QueryBoolean
        or QueryTriples."""

    @abstractmethod
    def quads(self) -> Iterator[ox.Quad]: ...

    @abstractmethod
    def __len__(self) -> int: ...

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

    def article_hashes(self) -> dict[str, str]:
        rows = self.select(
            "SELECT ?id ?hash WHERE { GRAPH ?g { ?a a kg:Article ; "
            "kg:articleId ?id ; kg:contentHash ?hash } }"
        )
        return {row["id"].value: row["hash"].value for row in rows}

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
        except OSError as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc

    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad], what: str = "") -> None:
        try:
            self._store.update(replacement_update(graph, quads))
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"cannot write {what or graph.value}: {exc}") from exc

    def flush(self) -> None:
        self._store.flush()

    def query(self, sparql: str, bindings: Bindings | None = None) -> Any:
        substitutions: dict[ox.Variable, Any] = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        try:
            return self._store.query(
                sparql,
                use_default_graph_as_union=True,
                substitutions=substitutions or None,
                prefixes=T.PREFIXES,
            )
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except (RuntimeError, ValueError) as exc:
            raise QueryError(f"the query cannot run: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"cannot read the store at {self.path}: {exc}") from exc

    def quads(self) -> Iterator[ox.Quad]:
        yield from self._store.quads_for_pattern(None, None, None, None)

    def __len__(self) -> int:
        return len(self._store)

    def named_graph_count(self) -> int:
        return sum(1 for _ in self._store.named_graphs())
