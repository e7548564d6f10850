"""When and where an event mention happened: the date and place phrases that hang from
its trigger within its clause, and the destination of a visit during which it happened."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from kg.extract.dates import Tense, normalise_date
from kg.extract.entities import ArticleEntities
from kg.model import Entity

PLACE_PREPS = {"in", "at"}


def reaches(token: Token, anchors: set[int], max_hops: int = 6) -> int | None:
    """Hops from `token` up to one of `anchors` without leaving the clause, or None."""
    for hops in range(1, max_hops + 1):
        if token.head == token:
            return None
        if (
            token.dep_ in ("ccomp", "advcl", "relcl", "xcomp", "parataxis", "csubj")
            and token.i not in anchors
        ):
            return None
        token = token.head
        if token.i in anchors:
            return hops
        if token.pos_ in ("VERB", "AUX") and token.i not in anchors:
            return None
    return None


def find_date(sent: Span, anchors: set[int], published: date | None, tense: Tense) -> str | None:
    best: tuple[int, str] | None = None
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        hops = 0 if ent.root.i in anchors else reaches(ent.root, anchors)
        if hops is None:
            continue
        value = normalise_date(ent.text, published, tense)
        if value and (best is None or hops < best[0]):
            best = (hops, value)
    return best[1] if best else None


def find_place(
    sent: Span, anchors: set[int], index: ArticleEntities, trigger: Token, extra_preps: set[str]
) -> Entity | None:
    preps = PLACE_PREPS | extra_preps
    for ent in sent.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC", "ORG"):
            continue
        root = ent.root
        entity = index.entity_at(root)
        if entity is None or entity.type in ("person", "outlet"):
            continue
        if ent.label_ == "ORG" and not looks_like_place(ent):
            continue
        # "the Alaska summit": a place compounded with the event noun.
        if root.head == trigger and root.dep_ in ("compound", "nmod") and ent.label_ != "ORG":
            return entity
        prep = root.head
        if (
            root.dep_ == "pobj"
            and prep.lower_ in preps
            and (prep.head.i in anchors or reaches(prep, anchors, 4))
        ):
            return entity
    return _town_of(sent, anchors, index)


# "in the southern town of Zlotnik": the tagger often misses small places, but the
# noun before "of" says what the name is.
SETTLEMENT_NOUNS = {"town", "city", "village", "port", "capital", "resort", "island", "region", "province"}


def _town_of(sent: Span, anchors: set[int], index: ArticleEntities) -> Entity | None:
    for token in sent:
        if token.lemma_.lower() not in SETTLEMENT_NOUNS or token.dep_ != "pobj":
            continue
        prep = token.head
        if prep.lower_ not in PLACE_PREPS or not (prep.head.i in anchors or reaches(prep, anchors, 4)):
            continue
        for of in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for name in (p for p in of.children if p.dep_ == "pobj" and p.pos_ == "PROPN"):
                entity = index.entity_at(name)
                if entity is not None and entity.type in ("person", "outlet", "organization"):
                    continue
                if entity is not None:
                    return entity
                words = [t for t in name.subtree if t.pos_ == "PROPN"]
                return Entity(" ".join(t.text for t in words), "place")
    return None


def looks_like_place(ent: Span) -> bool:
    """An ORG tag on a building or compound: "the White House", "Kremlin", "Elysee Palace"."""
    last = ent[-1].lower_
    return last in {
        "house",
        "palace",
        "kremlin",
        "hall",
        "hotel",
        "building",
        "office",
        "centre",
        "center",
        "residence",
        "headquarters",
        "ministry",
    }
