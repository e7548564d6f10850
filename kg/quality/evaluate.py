"""`kg eval`: score the store's facts against a gold file, as FACTS.md describes.

Per article and fact type, a system fact matches a gold fact when the entity names match
(case, accents and punctuation ignored; gold aliases accepted) and, for meetings and calls,
at least two participants match. Matching is one to one. A system fact matched to an
optional gold fact counts neither way.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import GoldError
from kg.model import EVENT_TYPES, FACT_TYPES


def norm(name: str | None) -> str:
    if name is None:
        return ""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = re.sub(r"[^\w\s]", " ", folded.casefold())
    return " ".join(folded.split())


@dataclass
class Gold:
    articles: set[str] = field(default_factory=set)
    facts: list[dict[str, Any]] = field(default_factory=list)
    aliases: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # article -> norm name -> norms


def load_gold(path: Path) -> Gold:
    gold = Gold()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"cannot read gold file {path}: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}:{number}: malformed JSON ({exc.msg})") from exc
        if not isinstance(record, dict) or "type" not in record or "article" not in record:
            raise GoldError(f"{path}:{number}: a gold line needs 'type' and 'article'")
        article = str(record["article"])
        gold.articles.add(article)
        if record["type"] == "article":
            continue
        if record["type"] == "aliases":
            names = {norm(record.get("name"))} | {norm(a) for a in record.get("aliases", [])}
            table = gold.aliases.setdefault(article, {})
            for name in names:
                table.setdefault(name, set()).update(names)
            continue
        gold.facts.append(record)
    return gold


class _Names:
    def __init__(self, aliases: dict[str, set[str]]) -> None:
        self.aliases = aliases

    def same(self, system: str | None, gold: str | None) -> bool:
        s, g = norm(system), norm(gold)
        if not s or not g:
            return False
        if s == g or s in self.aliases.get(g, ()):
            return True
        bare = _without_middle_initials(s)
        return bare == _without_middle_initials(g) or any(
            bare == _without_middle_initials(a) for a in self.aliases.get(g, ())
        )


def _without_middle_initials(name: str) -> str:
    """ "donald j trump" -> "donald trump": a one-letter word between the first and the last
    is a middle initial, which FACTS.md ignores ("Donald Trump Jr." keeps its "jr")."""
    words = name.split()
    if len(words) < 3:
        return name
    return " ".join([words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]])


def _text_overlap(a: str, b: str) -> bool:
    """FACTS.md: one contains the other, or 60% of the shorter's words are in the longer."""
    x, y = norm(a), norm(b)
    if not x or not y:
        return False
    if x in y or y in x:
        return True
    shorter, longer = sorted((x.split(), y.split()), key=len)
    present = set(longer)
    return sum(w in present for w in shorter) / len(shorter) >= 0.6


def _pair_score(kind: str, sys_fact: dict[str, Any], gold_fact: dict[str, Any], names: _Names) -> int:
    """How well two facts match; 0 for no match."""
    if kind in EVENT_TYPES:
        sys_people = list(sys_fact.get("participants") or [])
        hits = 0
        for g in gold_fact.get("participants") or []:
            for s in sys_people:
                if names.same(s, g):
                    hits += 1
                    sys_people.remove(s)
                    break
        return hits if hits >= 2 else 0
    if kind == "interview":
        ok = names.same(sys_fact.get("outlet"), gold_fact.get("outlet")) and names.same(
            sys_fact.get("person"), gold_fact.get("person")
        )
        return 1 if ok else 0
    if kind == "role":
        ok = (
            names.same(sys_fact.get("person"), gold_fact.get("person"))
            and norm(sys_fact.get("title")) == norm(gold_fact.get("title"))
            and names.same(sys_fact.get("org"), gold_fact.get("org"))
        )
        return 1 if ok else 0
    if kind == "quote":
        # A source the article never names is matched on the words alone.
        ok = (
            gold_fact.get("speaker_named") is False
            or names.same(sys_fact.get("speaker"), gold_fact.get("speaker"))
        ) and _text_overlap(sys_fact.get("text", ""), gold_fact.get("text", ""))
        return 1 if ok else 0
    return 0


@dataclass
class TypeScore:
    gold: int = 0  # required gold facts
    system: int = 0  # system facts counted for precision
    matched_system: int = 0
    matched_gold: int = 0
    date_hits: int = 0
    place_hits: int = 0
    status_hits: int = 0
    attribute_total: int = 0
    occurred_claimed: int = 0
    occurred_right: int = 0
    annotated: bool = True  # False: the gold has no line of this type, so it is not scored

    @property
    def precision(self) -> float:
        return self.matched_system / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def merge(self, other: TypeScore) -> None:
        for name in self.__dataclass_fields__:
            if name != "annotated":
                setattr(self, name, getattr(self, name) + getattr(other, name))


def _place_right(system: dict[str, Any], gold: dict[str, Any], names: _Names) -> bool:
    return norm(system.get("place")) == norm(gold.get("place")) or names.same(
        system.get("place"), gold.get("place")
    )


def _match(
    kind: str, system: list[dict[str, Any]], gold: list[dict[str, Any]], names: _Names
) -> list[tuple[int, int]]:
    """One-to-one matching that matches as many required gold facts as can be matched, then as
    many facts as can be, then the best pairs (more participants in common, then agreeing
    date, place and status).

    A greedy pass would let one system fact take a gold fact another system fact needed (a
    short quote inside two gold quotes), and count a right fact as false: FACTS.md's one to one
    is a matching of the most facts, so this is a maximum-weight matching whose weights rank
    those three aims in that order (ties resolved by position, so deterministic)."""
    tie_breaks = {}
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            score = _pair_score(kind, s, g, names)
            if score:
                agreement = 0
                if kind in EVENT_TYPES and not g.get("optional"):  # where they are scored
                    agreement = (
                        (s.get("date") == g.get("date"))
                        + _place_right(s, g, names)
                        + (s.get("status") == g.get("status"))
                    )
                tie_breaks[i, j] = score * 10 + agreement
    if not tie_breaks:
        return []
    most = min(len(system), len(gold)) + 1
    per_match = max(tie_breaks.values()) * most + 1  # more than every tie-break together
    per_required = per_match * most + 1  # more than every match together
    graph = nx.Graph()
    for (i, j), tie_break in tie_breaks.items():
        required = not gold[j].get("optional")
        graph.add_edge(("s", i), ("g", j), weight=per_required * required + per_match + tie_break)
    pairs = []
    for a, b in nx.max_weight_matching(graph):
        (_, gold_index), (_, system_index) = sorted((a, b))  # ("g", j) sorts before ("s", i)
        pairs.append((system_index, gold_index))
    return sorted(pairs)


def score(system_facts: Iterable[dict[str, Any]], gold: Gold) -> dict[str, TypeScore]:
    """Scores per fact type the gold annotates (has a line of); the other types' facts are
    counted but not scored."""
    by_key: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for fact in system_facts:
        if fact.get("article") in gold.articles:
            by_key[(fact["article"], fact["type"])].append(fact)
    gold_by_key: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for fact in gold.facts:
        gold_by_key[(fact["article"], fact["type"])].append(fact)
    annotated = {kind for _, kind in gold_by_key}
    scores: dict[str, TypeScore] = {}
    for key in sorted(set(by_key) | set(gold_by_key)):
        article, kind = key
        names = _Names(gold.aliases.get(article, {}))
        sys_list, gold_list = by_key.get(key, []), gold_by_key.get(key, [])
        s = scores.setdefault(kind, TypeScore(annotated=kind in annotated))
        pairs = _match(kind, sys_list, gold_list, names)
        matched_sys = {i: j for i, j in pairs}
        s.gold += sum(1 for g in gold_list if not g.get("optional"))
        for i, fact in enumerate(sys_list):
            j = matched_sys.get(i)
            optional = j is not None and bool(gold_list[j].get("optional"))
            if not optional:
                s.system += 1
            if j is not None and not optional:
                s.matched_system += 1
                s.matched_gold += 1
                g = gold_list[j]
                if kind in EVENT_TYPES:
                    s.attribute_total += 1
                    s.date_hits += fact.get("date") == g.get("date")
                    s.place_hits += _place_right(fact, g, names)
                    s.status_hits += fact.get("status") == g.get("status")
            if kind in EVENT_TYPES and fact.get("status") == "occurred" and not optional:
                s.occurred_claimed += 1
                if j is not None and gold_list[j].get("status") == "occurred":
                    s.occurred_right += 1
    return scores


def summarise(scores: dict[str, TypeScore]) -> list[dict[str, Any]]:
    rows = []
    combined = TypeScore()
    for kind in FACT_TYPES:
        if kind not in scores:
            continue
        s = scores[kind]
        rows.append(_row(kind, s))
        if kind in EVENT_TYPES and s.annotated:
            combined.merge(s)
    if any(k in scores and scores[k].annotated for k in EVENT_TYPES):
        rows.append(_row("meeting+call", combined))
    return rows


def _row(kind: str, s: TypeScore) -> dict[str, Any]:
    if not s.annotated:
        # Facts of a type the gold does not annotate are neither right nor wrong.
        return {"type": kind, "gold": None, "system": s.system, "scored": False}
    row: dict[str, Any] = {
        "type": kind,
        "gold": s.gold,
        "system": s.system,
        "matched": s.matched_gold,
        "precision": round(s.precision, 3),
        "recall": round(s.recall, 3),
        "f1": round(s.f1, 3),
    }
    if kind in (*EVENT_TYPES, "meeting+call"):
        total = s.attribute_total
        row["date_acc"] = round(s.date_hits / total, 3) if total else None
        row["place_acc"] = round(s.place_hits / total, 3) if total else None
        row["status_acc"] = round(s.status_hits / total, 3) if total else None
        row["occurred_precision"] = (
            round(s.occurred_right / s.occurred_claimed, 3) if s.occurred_claimed else None
        )
    return row
