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

from kg.errors import GoldError

FACT_TYPES = ("meeting", "call", "interview", "role", "quote")
EVENT_TYPES = ("meeting", "call")


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


# A gold speaker given as a pronoun (or as the cue word itself, a slip of the annotation)
# does not say who spoke, so it cannot disagree with any speaker: such a line matches on
# its words alone. Such lines are optional in practice, so this only keeps a system
# statement that resolved "he said" to a name from counting as a false positive.
UNNAMED_SPEAKERS = frozenset(
    {"he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "who", "which", "said"}
)
# Honorifics and courtesy titles that a name written as in the article may carry.
_HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "rep", "sen", "gov", "rev", "the", "del", "prof", "president"}
)


_DETERMINERS = frozenset({"the", "a", "an", "one", "his", "her", "their", "its", "our", "some"})


def _names_no_one(speaker: str | None, optional: bool) -> bool:
    """A gold speaker that cannot disagree with any name: a pronoun; or, on an optional
    line (one the gold declined to require), a description with no proper name in it
    ("the mayor"), which a system may well have resolved to the mayor's name."""
    if norm(speaker) in UNNAMED_SPEAKERS:
        return True
    words = (speaker or "").split()
    if words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    return optional and bool(words) and all(w[:1].islower() for w in words)


class _Names:
    def __init__(self, aliases: dict[str, set[str]], speakers_as_written: bool = False) -> None:
        self.aliases = aliases
        self.speakers_as_written = speakers_as_written

    def same(self, system: str | None, gold: str | None) -> bool:
        s, g = norm(system), norm(gold)
        if not s or not g:
            return False
        return s == g or s in self.aliases.get(g, ())

    def same_speaker(self, system: str | None, gold: str | None) -> bool:
        if self.same(system, gold):
            return True
        if not self.speakers_as_written:
            return False
        return written_like(system, gold)


def written_like(system: str | None, gold: str | None) -> bool:
    """Does a speaker written as the article writes it ("Mr. Weber", "Weber, a party
    veteran,", "Party chairman Franz Weber (R-XX)") name the system's canonical speaker
    ("Franz Weber")? Either the canonical name's words are all in the written phrase, or
    the written name (before any comma or bracket, honorifics dropped) is part of the
    canonical name. A surname shared by two people of one article passes: this is the
    looser reading, for gold files that do not follow the canonical-name rule."""
    canonical = set(norm(system).split())
    written = set(norm(gold).split())
    head = set(norm(re.split(r"[,(]", gold or "")[0]).split()) - _HONORIFICS
    return bool(canonical) and (canonical <= written or (bool(head) and head <= canonical))


def _text_overlap(a: str, b: str) -> bool:
    x, y = norm(a), norm(b)
    if not x or not y:
        return False
    if x in y or y in x:
        return True
    xs, ys = set(x.split()), set(y.split())
    return len(xs & ys) / max(1, min(len(xs), len(ys))) >= 0.5


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
        speaker = gold_fact.get("speaker")
        ok = (
            _names_no_one(speaker, bool(gold_fact.get("optional")))
            or names.same_speaker(sys_fact.get("speaker"), speaker)
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
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _match(
    kind: str, system: list[dict[str, Any]], gold: list[dict[str, Any]], names: _Names
) -> list[tuple[int, int]]:
    """One-to-one matching, best pairs first (ties broken by position, so deterministic)."""
    candidates = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            score = _pair_score(kind, s, g, names)
            if score:
                # Prefer required gold facts, then agreeing status and date.
                bonus = (
                    (0 if g.get("optional") else 4)
                    + (s.get("status") == g.get("status"))
                    + (s.get("date") == g.get("date"))
                )
                candidates.append((-(score * 10 + bonus), i, j))
    candidates.sort()
    used_s: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i in used_s or j in used_g:
            continue
        used_s.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return pairs


def score(
    system_facts: Iterable[dict[str, Any]], gold: Gold, speakers_as_written: bool = False
) -> dict[str, TypeScore]:
    """Scores per fact type. `speakers_as_written` also accepts a quote's speaker where the
    gold gives it as the article writes it rather than by canonical name (`written_like`)."""
    by_key: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for fact in system_facts:
        if fact.get("article") in gold.articles:
            by_key[(fact["article"], fact["type"])].append(fact)
    gold_by_key: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for fact in gold.facts:
        gold_by_key[(fact["article"], fact["type"])].append(fact)
    scores: dict[str, TypeScore] = {}
    for key in sorted(set(by_key) | set(gold_by_key)):
        article, kind = key
        names = _Names(gold.aliases.get(article, {}), speakers_as_written)
        sys_list, gold_list = by_key.get(key, []), gold_by_key.get(key, [])
        s = scores.setdefault(kind, TypeScore())
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
                    s.place_hits += (norm(fact.get("place")) == norm(g.get("place"))) or names.same(
                        fact.get("place"), g.get("place")
                    )
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
        if kind in EVENT_TYPES:
            combined.merge(s)
    if any(k in scores for k in EVENT_TYPES):
        rows.append(_row("meeting+call", combined))
    return rows


def _row(kind: str, s: TypeScore) -> dict[str, Any]:
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
