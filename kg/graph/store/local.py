"""The embedded store: Oxigraph (RocksDB) in a folder."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.graph import vocab as T
from kg.graph.bindings import Bindings, with_values
from kg.graph.federation import check_nesting
from kg.graph.store.base import GraphStore

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
