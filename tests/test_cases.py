"""Extraction cases as data: every line of tests/cases/*.jsonl is one test.

A case: {"id", "text", "published"?, "headline"?, "facts": [...], "absent": [...], "exactly"?: [types]}
("headline" is the article's title).
Each fact in "facts" must be extracted: a fact matches when every field the case gives is
equal (participants as a set; other fields left out are not checked). No extracted fact
may match a pattern in "absent". "exactly" names fact types whose listed facts are all
there is: the extracted facts of those types and the listed facts of those types pair off
one to one, as many of each ({"exactly": ["meeting", "call"], "facts": []} says: no event).

Fields are those of `kg facts` (FACTS.md) without `sources`; a quote also has what the
graph keeps of it beyond the export: "speaker_entity" (the name of the entity the speaker
was resolved to, null for an unnamed one), "mentions" (the names its words speak of, in
order), "date" (when it was said), "outlet" (told to) and "relayed_by" (the outlet that
reported it). A field no fact has is an error, not a pattern that never matches.
Sentences are written for the tests, never taken from a story we measure on.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kg.model import ArticleFacts

CASES = sorted((Path(__file__).parent / "cases").glob("*.jsonl"))
FIELDS = {
    "type",
    "participants",
    "date",
    "place",
    "status",
    "outlet",
    "person",
    "title",
    "org",
    "speaker",
    "text",
    "speaker_entity",
    "mentions",
    "relayed_by",
}


def _cases() -> list[Any]:
    params = []
    for path in CASES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip() and not line.lstrip().startswith("//"):
                case = json.loads(line)
                params.append(pytest.param(case, id=f"{path.stem}:{case.get('id', number)}"))
    return params


def _records(facts: ArticleFacts) -> list[dict[str, Any]]:
    records = facts.records()
    quotes = iter(facts.quotes)
    for record in records:
        record.pop("sources")
        if record["type"] == "quote":
            quote = next(quotes)
            record["speaker_entity"] = quote.speaker.name if quote.speaker else None
            record["mentions"] = [entity.name for entity in quote.mentions]
            record["date"] = quote.date
            record["outlet"] = quote.outlet.name if quote.outlet else None
            record["relayed_by"] = quote.relayed_by.name if quote.relayed_by else None
    return records


def _matches(fact: dict[str, Any], pattern: dict[str, Any]) -> bool:
    for key, wanted in pattern.items():
        got = fact.get(key)
        if key == "participants":
            if sorted(got or []) != sorted(wanted):
                return False
        elif got != wanted:
            return False
    return True


def _pair_off(found: list[dict[str, Any]], listed: list[dict[str, Any]]) -> bool:
    """Whether each found fact can have a listed pattern of its own that it matches."""
    if len(found) != len(listed):
        return False
    owner: dict[int, int] = {}  # listed pattern -> the found fact it is given to

    def give(f: int, seen: set[int]) -> bool:
        for p, pattern in enumerate(listed):
            if p not in seen and _matches(found[f], pattern):
                seen.add(p)
                if p not in owner or give(owner[p], seen):
                    owner[p] = f
                    return True
        return False

    return all(give(f, set()) for f in range(len(found)))


@pytest.mark.parametrize("case", _cases())
def test_case(case: dict[str, Any], facts_of):
    patterns = [*case.get("facts", []), *case.get("absent", [])]
    unknown = {key for pattern in patterns for key in pattern} - FIELDS
    assert not unknown, f"no fact has the field(s) {sorted(unknown)}"
    found = _records(facts_of(case["text"], case.get("published"), title=case.get("headline")))
    for pattern in case.get("facts", []):
        assert any(_matches(f, pattern) for f in found), f"missing {pattern}\nfound: {found}"
    for pattern in case.get("absent", []):
        wrong = [f for f in found if _matches(f, pattern)]
        assert not wrong, f"unwanted {wrong}"
    if "exactly" in case:
        assert all("type" in p for p in case.get("facts", [])), "exactly: each listed fact names its type"
        types = set(case["exactly"])
        listed = [p for p in case.get("facts", []) if p["type"] in types]
        of_types = [f for f in found if f["type"] in types]
        assert _pair_off(of_types, listed), f"not exactly {listed}\nfound: {of_types}"
