"""The `facts` export: the store's facts in the JSONL shape of FACTS.md, one per line,
sorted, so that rebuilding the same input gives byte-identical output."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from kg import resources
from kg.graph.store import GraphStore
from kg.model import FACT_TYPES

_EVIDENCE = resources.read_text("sparql", "facts-evidence.rq")
_EVENTS = resources.read_text("sparql", "facts-events.rq")
_INTERVIEWS = resources.read_text("sparql", "facts-interviews.rq")
_ROLES = resources.read_text("sparql", "facts-roles.rq")

_QUOTES = resources.read_text("sparql", "facts-quotes.rq")


def _value(term: Any) -> str | None:
    return None if term is None else term.value


def iter_facts(store: GraphStore, article: str | None = None) -> Iterator[dict[str, Any]]:
    """Every fact, as FACTS.md shapes it, sorted by article, type and content."""
    sources: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in store.select(_EVIDENCE):
        sources[(row["g"].value, row["fact"].value)].append(
            {
                "article": row["id"].value,
                "start": int(row["start"].value),
                "end": int(row["end"].value),
                "sentence": row["sentence"].value,
            }
        )
    facts: list[dict[str, Any]] = []
    events: dict[tuple[str, str], dict[str, Any]] = {}
    for row in store.select(_EVENTS):
        key = (row["g"].value, row["e"].value)
        fact = events.get(key)
        if fact is None:
            kind = "meeting" if row["class"].value.endswith("Meeting") else "call"
            fact = events[key] = {
                "article": row["id"].value,
                "type": kind,
                "participants": [],
                "date": _value(row.get("date")),
                "place": _value(row.get("place")),
                "status": row["status"].value,
            }
        if row["name"].value not in fact["participants"]:
            fact["participants"].append(row["name"].value)
    for key, fact in events.items():
        fact["participants"].sort()
        fact["sources"] = _sorted_sources(sources[key])
        facts.append(fact)
    # Interviews and roles: one fact per node, its fields named as FACTS.md names them.
    for query, kind, fields in (
        (_INTERVIEWS, "interview", ("outlet", "person", "date")),
        (_ROLES, "role", ("person", "title", "org")),
        (_QUOTES, "quote", ("speaker", "text")),
    ):
        for row in store.select(query):
            fact = {"article": row["id"].value, "type": kind}
            fact.update({name: _value(row.get(name)) for name in fields})
            fact["sources"] = _sorted_sources(sources[(row["g"].value, row["e"].value)])
            facts.append(fact)
    if article is not None:
        facts = [f for f in facts if f["article"] == article]
    order = {kind: i for i, kind in enumerate(FACT_TYPES)}
    facts.sort(
        key=lambda f: (
            f["article"],
            order.get(f["type"], 9),
            json.dumps(f, sort_keys=True, ensure_ascii=False),
        )
    )
    yield from facts


def _sorted_sources(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    unique = {(s["article"], s["start"], s["end"]): s for s in items}
    return [unique[k] for k in sorted(unique)]


def to_jsonl(fact: dict[str, Any]) -> str:
    return json.dumps(fact, ensure_ascii=False) + "\n"
