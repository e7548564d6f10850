"""The listings as the aggregating queries answered them before the writer kept summaries
(their text is in tests/data/listings-before/), to compare with what the summary-reading
queries in queries/ answer on the same store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.graph.queries import load_query
from kg.graph.store import GraphStore

BEFORE = Path(__file__).parent / "data" / "listings-before"
# The listings that read the summaries, and their ORDER BY: columns, and whether an unbound
# date sorts last (timeline: ORDER BY (!BOUND(?date)) ?date ...).
ORDER = {
    "meetings": (["date", "participants", "place", "status", "meeting"], False),
    "calls": (["date", "participants", "status", "call"], False),
    "timeline": (["date", "kind", "who", "place", "status"], True),
    "interviews": (["outlet", "person", "date", "roles"], False),
}

Row = tuple[Any, ...]


def _rows(store: GraphStore, text: str) -> tuple[list[str], list[Row]]:
    result = store.query(text)
    columns = [v.value for v in result.variables]
    return columns, [tuple(row[c] for c in columns) for row in result]


def _sorted_names(term: ox.Literal) -> ox.Literal:
    if not term.value:
        return term
    return ox.Literal(" | ".join(sorted(term.value.split(" | "))), datatype=term.datatype)


def before(store: GraphStore, name: str) -> tuple[list[str], list[Row]]:
    """The old query's answer, the one thing the summaries fix applied: the names of a
    meeting's or call's participants, and an interviewee's titles, sorted (the old
    GROUP_CONCAT gave them in the engine's hash order, so the same two people could read
    'A | B' on one row and 'B | A' on the next), and the rows put back in the query's
    ORDER BY."""
    columns, rows = _rows(store, (BEFORE / f"{name}.rq").read_text())
    names = columns.index({"timeline": "who", "interviews": "roles"}.get(name, "participants"))
    kind = columns.index("kind") if name == "timeline" else None
    fixed = []
    for row in rows:
        if row[names] is not None and (kind is None or row[kind].value in ("meeting", "call")):
            row = (*row[:names], _sorted_names(row[names]), *row[names + 1 :])
        fixed.append(row)
    order, unbound_last = ORDER[name]
    at = [columns.index(c) for c in order]

    def key(row: Row) -> tuple[Any, ...]:
        parts: list[Any] = [(row[at[0]] is None) if unbound_last else False]
        parts += [(0, "") if row[i] is None else (1, row[i].value) for i in at]
        return tuple(parts)

    return columns, sorted(fixed, key=key)


def now(store: GraphStore, name: str) -> tuple[list[str], list[Row]]:
    return _rows(store, load_query(name).text)


def assert_listings_unchanged(store: GraphStore) -> None:
    for name in ORDER:
        assert now(store, name) == before(store, name), name
