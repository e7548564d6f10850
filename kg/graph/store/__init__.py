"""Where the graph lives: one named graph per article, and their merged view.

Two kinds of store answer the same calls: the embedded Oxigraph store in a folder
(`LocalStore`, the default) and a SPARQL 1.1 server given by its URL (`RemoteStore`, in
kg/graph/store/remote.py), so a team can keep one graph on a server. `open_store` picks by the location.

Each article's named graph holds what that article says: it is the provenance record and
what exports write. Queries run on the store's default graph, which the writer keeps equal
to the merged view of every named graph, each triple once. The union of named graphs would
answer the same, but keeps a copy of a triple for every article that states it: a label of
a country named by ten thousand stories is ten thousand rows in every join through it (on
the te3-silver store the `interviews` query ran out of memory that way; on the merged view
it takes 22 ms).

Replacing an article's graph (or a few articles' graphs together, as a build writes them) is
one SPARQL update (forget the triples only they held, drop them, insert the new triples in
them and in the view), which Oxigraph runs as one transaction: a reader sees the old graphs
or the new ones, never half of either.

The package: `base.py` (what every store answers, and the update that replaces an
article's graph), `local.py` (the embedded store), `remote.py` (a SPARQL server); this
module picks one by its location.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.graph.store.base import GraphStore, replacement_update
from kg.graph.store.local import LocalStore, storage_error

__all__ = [
    "DEFAULT_STORE",
    "STORE_ENV",
    "GraphStore",
    "LocalStore",
    "default_store",
    "is_url",
    "open_store",
    "replacement_update",
    "storage_error",
]

DEFAULT_STORE = "kg-store"
STORE_ENV = "KG_STORE"


def default_store() -> str:
    return os.environ.get(STORE_ENV) or DEFAULT_STORE


def is_url(location: str | Path) -> bool:
    return str(location).startswith(("http://", "https://"))


def open_store(location: str | Path, read_only: bool = False, time_limit: float | None = None) -> GraphStore:
    """The store at `location`: a folder for the embedded store, or an http(s) URL of a
    SPARQL 1.1 server. `time_limit` (seconds) goes with each query to a server that takes
    one (see kg/graph/store/remote.py); the embedded store's caller enforces its own."""
    if is_url(location):
        # Imported here: it brings `requests` (45 ms), which only a server store needs.
        from kg.graph.store.remote import RemoteStore

        return RemoteStore(str(location), read_only=read_only, time_limit=time_limit)
    return LocalStore(location, read_only=read_only)
