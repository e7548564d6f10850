"""Extraction cases as data: every line of tests/cases/*.jsonl is one test.

A case: {"id", "text", "published"?, "facts": [...], "absent": [...]}. Each fact in "facts"
must be extracted: a fact matches when every field the case gives is equal (participants
as a set; other fields left out are not checked). No extracted fact may match a pattern in
"absent". Sentences are written for the tests, never taken from a story we measure on.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

CASES = sorted((Path(__file__).parent / "cases").glob("*.jsonl"))


def _cases() -> list[Any]:
    params = []
    for path in CASES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip() and not line.lstrip().startswith("//"):
                case = json.loads(line)
                params.append(pytest.param(case, id=f"{path.stem}:{case.get('id', number)}"))
    return params


def _matches(fact: dict[str, Any], pattern: dict[str, Any]) -> bool:
    for key, wanted in pattern.items():
        got = fact.get(key)
        if key == "participants":
            if sorted(got or []) != sorted(wanted):
                return False
        elif got != wanted:
            return False
    return True


@pytest.mark.parametrize("case", _cases())
def test_case(case: dict[str, Any], facts_of):
    found = facts_of(case["text"], case.get("published")).records()
    for fact in found:
        fact.pop("sources")
    for pattern in case.get("facts", []):
        assert any(_matches(f, pattern) for f in found), f"missing {pattern}\nfound: {found}"
    for pattern in case.get("absent", []):
        wrong = [f for f in found if _matches(f, pattern)]
        assert not wrong, f"unwanted {wrong}"
