"""Entities of one article: canonical names, types decided by the whole article, and the
mapping from tokens to entities that every extractor uses.

"Putin" is "Vladimir Putin" when the article gives the full name; a name tagged PERSON most
of the time is a person every time; outlets are recognised from a gazetteer of well-known
outlets and from context ("French newspaper X", "news agency X").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.extract import gazetteer
from kg.model import Entity, EntityType

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
_LABEL_TYPE: dict[str, EntityType] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
_STRIP_PREFIX = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_STRIP_SUFFIX = re.compile(r"(?:\s*['’]s?|\s*[,.;:]+)$")
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}


def clean_name(text: str) -> str:
    """Surface name without a leading article, trailing possessive or line breaks."""
    text = " ".join(text.split())
    text = _STRIP_PREFIX.sub("", text)
    text = _STRIP_SUFFIX.sub("", text)
    return text.strip(" -–—\"'“”‘’()[]")


def name_key(text: str) -> str:
    return clean_name(text).lower()


@dataclass
class ArticleEntities:
    """Who is who in one Doc."""

    doc: Doc
    by_token: dict[int, Entity] = field(default_factory=dict)
    spans: dict[int, Span] = field(default_factory=dict)  # token index -> its mention span
    entities: set[Entity] = field(default_factory=set)

    def entity_at(self, token: Token) -> Entity | None:
        return self.by_token.get(token.i)

    def span_of(self, token: Token) -> Span | None:
        return self.spans.get(token.i)


def _is_outlet_context(span: Span) -> bool:
    """'French newspaper Le Point', 'news agency Reuters', 'the Kyodo news agency'."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in gazetteer.OUTLET_NOUNS:
        return True
    after = doc[span.end : span.end + 2]
    if after and (after[0].lower_ in gazetteer.OUTLET_NOUNS or (
        after[0].lower_ == "news" and len(after) > 1 and after[1].lower_ in gazetteer.OUTLET_NOUNS
    )):
        return True
    head = span.root
    # The name in apposition to, or compounded with, an outlet noun.
    if head.dep_ in ("appos", "compound") and head.head.lower_ in gazetteer.OUTLET_NOUNS:
        return True
    return any(c.dep_ == "appos" and c.lower_ in gazetteer.OUTLET_NOUNS for c in head.children)


def _name_spans(doc: Doc) -> list[Span]:
    """Named mentions, with entities the tagger split at a stray title word rejoined."""
    spans = [ent for ent in doc.ents if ent.label_ in NAME_LABELS]
    # "Argumenty i Fakty" after an outlet noun may be tagged as anything; keep what NER gives.
    return spans


def index_entities(doc: Doc) -> ArticleEntities:
    """Cluster the article's name mentions into entities with canonical names and types."""
    index = ArticleEntities(doc)
    mentions: list[tuple[Span, str]] = []  # (span, cleaned surface name)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    outlet_names: set[str] = set()
    for span in _name_spans(doc):
        name = clean_name(span.text)
        if not name or not any(ch.isalpha() for ch in name) or name.islower():
            continue  # the tagger's lower-case "names" ("state") are common nouns
        key = name.lower()
        label = span.label_
        if label in ("GPE", "NORP") and gazetteer.country_of(name):
            label = "COUNTRY"
        elif label == "NORP":
            continue  # "Turkish Cypriot", "Muslim": no entity of its own
        if gazetteer.is_known_outlet(name) or (label in ("ORG", "FAC", "PRODUCT") and _is_outlet_context(span)):
            outlet_names.add(key)
        mentions.append((span, name))
        votes[key][label] += 1

    # Persons: multi-word names own their single-word short forms ("Putin" -> "Vladimir Putin").
    def majority(key: str) -> str:
        return votes[key].most_common(1)[0][0] if votes[key] else ""

    person_full: dict[str, set[str]] = defaultdict(set)  # short form -> full names
    for key in votes:
        words = key.split()
        if len(words) >= 2 and votes[key]["PERSON"] >= max(1, sum(votes[key].values()) / 2):
            person_full[words[-1]].add(key)
            person_full[key].add(key)
    canonical: dict[str, str] = {}  # key -> canonical key
    for key in votes:
        fulls = person_full.get(key)
        if fulls and len(fulls) == 1:
            canonical[key] = next(iter(fulls))
        elif fulls and key in fulls:
            canonical[key] = key
        else:
            canonical[key] = key

    # Type by the votes of every mention of the canonical entity.
    cluster_votes: dict[str, Counter[str]] = defaultdict(Counter)
    for key, counter in votes.items():
        cluster_votes[canonical[key]].update(counter)
    surface: dict[str, str] = {}
    for span, name in mentions:
        key = name.lower()
        ckey = canonical[key]
        # The canonical surface form: the longest spelling seen of the canonical key.
        if ckey == key and len(name) >= len(surface.get(ckey, "")):
            surface.setdefault(ckey, name)

    def entity_for(key: str) -> Entity:
        ckey = canonical[key]
        counter = cluster_votes[ckey]
        name = surface.get(ckey, ckey)
        if ckey in outlet_names or key in outlet_names:
            return Entity(name, "outlet")
        top = _majority_label(counter)
        if top == "COUNTRY":
            return Entity(gazetteer.country_of(name) or name, "country")
        if top == "PERSON" or (ckey != key and counter["PERSON"] > 0):
            return Entity(name, "person")
        return Entity(name, _LABEL_TYPE.get(top, "organization"))

    for span, name in mentions:
        entity = entity_for(name.lower())
        index.entities.add(entity)
        for token in span:
            index.by_token[token.i] = entity
            index.spans[token.i] = span

    # Short forms the tagger missed: an untagged proper noun equal to a person's surname.
    short_forms = {k: v for k, v in canonical.items() if k != v or len(k.split()) == 1}
    for token in doc:
        if token.i in index.by_token or token.pos_ != "PROPN":
            continue
        key = token.lower_
        if key in short_forms and key in votes:
            entity = entity_for(key)
            if entity.type == "person":
                index.by_token[token.i] = entity
                index.spans[token.i] = doc[token.i : token.i + 1]
    return index


def _majority_label(counter: Counter[str]) -> str:
    # Ties go to the more specific reading; sorting keeps the choice deterministic.
    order = {"PERSON": 0, "COUNTRY": 1, "ORG": 2, "GPE": 3, "FAC": 4, "LOC": 5}
    return min(counter, key=lambda label: (-counter[label], order.get(label, 9), label))


def is_person_pronoun(token: Token) -> bool:
    return token.lower_ in _PERSON_PRONOUNS


def resolve_pronoun(token: Token, index: ArticleEntities) -> Entity | None:
    """'he' / 'she' -> the person last named as a subject before it (this sentence or the
    two before). Deliberately narrow: an unresolved pronoun loses a fact, a wrong one
    invents one."""
    sent = token.sent
    for t in reversed(list(sent.doc[sent.start : token.i])):
        entity = index.entity_at(t)
        if entity and entity.type == "person" and t.dep_ in ("nsubj", "nsubjpass"):
            return entity
    doc = token.doc
    sent_start = sent.start
    for _ in range(2):
        if sent_start == 0:
            break
        prev = doc[sent_start - 1].sent
        for t in prev:
            entity = index.entity_at(t)
            if entity and entity.type == "person" and t.dep_ in ("nsubj", "nsubjpass"):
                return entity
        sent_start = prev.start
    return None
