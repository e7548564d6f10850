"""IRIs and literals of the graph, stable and deterministic: entities by their canonical name
(one node per name over the whole graph), events by type, participants and date (the same
meeting reported by two articles is one node with two sources), evidence by article and
span, dates as typed literals at the precision the text gives. Terms are built with
pyoxigraph directly: converting through rdflib terms doubled the cost of writing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode

from kg.graph import vocab as T
from kg.model import Entity, Evidence

XSD_DATE = NamedNode(T.XSD + "date")
XSD_GYEARMONTH = NamedNode(T.XSD + "gYearMonth")
XSD_GYEAR = NamedNode(T.XSD + "gYear")
XSD_GMONTHDAY = NamedNode(T.XSD + "gMonthDay")
# Characters XML 1.0 cannot carry; they would make the GraphML and RDF/XML exports invalid.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def iri_part(text: str) -> str:
    """`text` as one path segment of an IRI: every character but unreserved ASCII is
    percent-encoded (spaces, angle brackets, quotes, newlines, slashes), so no name or id can
    end an IRI early or inject a triple; a lone surrogate (JSON allows one) is encoded as
    its bytes rather than failing."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


SLUG_LENGTH = 120


def slug(name: str) -> str:
    """'Tomas Revik' -> 'tomas-revik'; accents folded, punctuation dropped."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", (folded or name).lower()).strip("-")
    if not text:  # a name in a script with no ASCII letters: keep it, percent-encoded
        return _encoded_prefix(re.sub(r"\s+", "-", name.strip().lower()), SLUG_LENGTH)
    return text[:SLUG_LENGTH]


def _encoded_prefix(text: str, length: int) -> str:
    """The longest run of whole characters from the start of `text` whose percent-encoding
    fits in `length`: cutting the encoded string could split an escape ("%8"), which is no
    IRI at all."""
    out, used = [], 0
    for char in text:
        part = iri_part(char)
        if used + len(part) > length:
            break
        out.append(part)
        used += len(part)
    return "".join(out)


def digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def graph_iri(article_id: str) -> NamedNode:
    return NamedNode(T.ID + "graph/" + iri_part(article_id))


def article_iri(article_id: str) -> NamedNode:
    return NamedNode(T.ID + "article/" + iri_part(article_id))


def entity_iri(entity: Entity) -> NamedNode:
    return NamedNode(T.ID + "entity/" + slug(entity.name))


def event_key(event_type: str, participants: Iterable[Entity], date: str | None, article_id: str) -> str:
    """Same type, participants and date: the same real-world event, whoever reports it. With
    no date two reports cannot be told to be the same encounter, so the article scopes it."""
    names = sorted(slug(p.name) for p in participants)
    scope = date if date else "article:" + article_id
    return digest(event_type, *names, scope)


def event_iri(key: str, kind: str) -> NamedNode:
    return NamedNode(f"{T.ID}{kind}/{key}")


def evidence_iri(evidence: Evidence) -> NamedNode:
    return NamedNode(f"{T.ID}evidence/{iri_part(evidence.article)}/{evidence.start}-{evidence.end}")


def date_literal(value: str) -> Literal:
    if value.startswith("--"):
        return Literal(value, datatype=XSD_GMONTHDAY)
    if len(value) == 4:
        return Literal(value, datatype=XSD_GYEAR)
    if len(value) == 7:
        return Literal(value, datatype=XSD_GYEARMONTH)
    return Literal(value, datatype=XSD_DATE)
