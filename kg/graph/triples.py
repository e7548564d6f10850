"""The only writer of triples: one article's facts -> the quads of its named graph.

IRIs are stable and deterministic: entities by their canonical name (one node per name over
the whole graph), events by type, participants and date (the same meeting reported by two
articles is one node with two sources), evidence by article and span. Terms are built
with pyoxigraph directly: converting through rdflib terms doubled the cost of writing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from itertools import combinations
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad

from kg.graph import vocab as T
from kg.model import ArticleFacts, Entity, Evidence

XSD_DATE = NamedNode(T.XSD + "date")
XSD_GYEARMONTH = NamedNode(T.XSD + "gYearMonth")
XSD_GYEAR = NamedNode(T.XSD + "gYear")
XSD_GMONTHDAY = NamedNode(T.XSD + "gMonthDay")
XSD_INTEGER = NamedNode(T.XSD + "integer")
_RDF_TYPE = NamedNode(T.TYPE)
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
    """'Vladimir Putin' -> 'vladimir-putin'; accents folded, punctuation dropped."""
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


def _digest(*parts: str) -> str:
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
    return _digest(event_type, *names, scope)


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


def article_quads(facts: ArticleFacts) -> list[Quad]:
    """Every quad of one article's named graph, in a stable order."""
    g = graph_iri(facts.article_id)
    out: list[Quad] = []

    def add(s: NamedNode, p: str, o: NamedNode | Literal) -> None:
        out.append(Quad(s, NamedNode(p), o, g))

    article = article_iri(facts.article_id)
    add(article, T.TYPE, NamedNode(T.ARTICLE))
    add(article, T.ARTICLE_ID, Literal(clean_text(facts.article_id)))
    add(article, T.CONTENT_HASH, Literal(facts.content_hash))
    if facts.text_hash:
        add(article, T.TEXT_HASH, Literal(facts.text_hash))
    if facts.published:
        add(article, T.PUBLISHED, Literal(facts.published, datatype=XSD_DATE))
    for prop, value in ((T.PUBLISHER, facts.outlet), (T.HEADLINE, facts.title), (T.URL, facts.url)):
        if value:
            add(article, prop, Literal(clean_text(value)))

    for entity in facts.entities:
        node = entity_iri(entity)
        add(node, T.TYPE, NamedNode(T.ENTITY_CLASSES[entity.type]))
        add(node, T.NAME, Literal(clean_text(entity.name)))
        add(node, T.ENTITY_TYPE, Literal(entity.type))

    def add_evidence(node: NamedNode, evidence: Iterable[Evidence]) -> None:
        add(node, T.DERIVED_FROM, article)
        for ev in evidence:
            ev_node = evidence_iri(ev)
            add(node, T.EVIDENCE_PROP, ev_node)
            add(ev_node, T.TYPE, NamedNode(T.EVIDENCE))
            add(ev_node, T.SOURCE_ARTICLE, article)
            add(ev_node, T.START, Literal(str(ev.start), datatype=XSD_INTEGER))
            add(ev_node, T.END, Literal(str(ev.end), datatype=XSD_INTEGER))
            add(ev_node, T.SENTENCE, Literal(clean_text(ev.sentence)))

    for event in facts.events:
        key = event_key(event.type, event.participants, event.date, facts.article_id)
        node = event_iri(key, event.type)
        add(node, T.TYPE, NamedNode(T.EVENT_CLASSES[event.type]))
        for participant in event.participants:
            add(node, T.PARTICIPANT, entity_iri(participant))
        if event.date:
            add(node, T.DATE, date_literal(event.date))
        if event.place:
            add(node, T.PLACE_PROP, entity_iri(event.place))
        add(node, T.STATUS_PROP, NamedNode(T.STATUSES[event.status]))
        add_evidence(node, event.evidence)
        if event.status == "occurred":
            shortcut = T.MET if event.type == "meeting" else T.SPOKE_BY_PHONE_WITH
            for a, b in combinations(event.participants, 2):
                add(entity_iri(a), shortcut, entity_iri(b))
                add(entity_iri(b), shortcut, entity_iri(a))

    for interview in facts.interviews:
        scope = interview.date or "article:" + facts.article_id
        node = event_iri(
            _digest(slug(interview.outlet.name), slug(interview.person.name), scope), "interview"
        )
        add(node, T.TYPE, NamedNode(T.INTERVIEW))
        add(node, T.OUTLET, entity_iri(interview.outlet))
        add(node, T.INTERVIEWEE, entity_iri(interview.person))
        if interview.date:
            add(node, T.DATE, date_literal(interview.date))
        add_evidence(node, interview.evidence)
        add(entity_iri(interview.outlet), T.INTERVIEWED, entity_iri(interview.person))

    for role in facts.roles:
        node = event_iri(_digest(slug(role.person.name), role.title, slug(role.org.name)), "role")
        add(node, T.TYPE, NamedNode(T.ROLE))
        add(node, T.ROLE_PERSON, entity_iri(role.person))
        add(node, T.TITLE, Literal(clean_text(role.title)))
        add(node, T.ROLE_ORG, entity_iri(role.org))
        add_evidence(node, role.evidence)
        add(entity_iri(role.person), T.HOLDS_ROLE, node)

    for statement in facts.quotes:
        first = statement.evidence[0]
        # Two statements can share a sentence ("...," Weber said, but Varga replied "..."):
        # the words tell them apart.
        node = event_iri(
            _digest(facts.article_id, str(first.start), str(first.end), statement.text), "statement"
        )
        add(node, T.TYPE, NamedNode(T.STATEMENT))
        add(node, T.TEXT, Literal(clean_text(statement.text)))
        add(node, T.SPEAKER_NAME, Literal(clean_text(statement.speaker_text)))
        if statement.speaker is not None:
            add(node, T.SPEAKER, entity_iri(statement.speaker))
            add(entity_iri(statement.speaker), T.SAID, node)
        if statement.date:
            add(node, T.SAID_ON, date_literal(statement.date))
        if statement.outlet is not None:
            add(node, T.SAID_TO, entity_iri(statement.outlet))
        for mentioned in statement.mentions:
            add(node, T.MENTIONS, entity_iri(mentioned))
        if statement.relayed_by is not None:
            # The reporting chain: the relaying outlet reported the statement, citing the
            # outlet it was said to, or else the speaker.
            relay = entity_iri(statement.relayed_by)
            add(relay, T.REPORTED, node)
            source = statement.outlet or statement.speaker
            if source is not None:
                add(relay, T.CITES, entity_iri(source))
        add_evidence(node, statement.evidence)
    return _unique(out)


def _unique(quads: list[Quad]) -> list[Quad]:
    seen: set[Quad] = set()
    return [q for q in quads if not (q in seen or seen.add(q))]  # type: ignore[func-returns-value]


def ntriples_line(quad: Quad) -> str:
    """The quad's triple as one N-Triples line (its graph left out). pyoxigraph's terms print
    as N-Triples terms, escapes included."""
    return f"{quad.subject} {quad.predicate} {quad.object} .\n"


def nquads_line(quad: Quad) -> str:
    return f"{quad.subject} {quad.predicate} {quad.object} {quad.graph_name} .\n"


def iter_nquads(quads: Iterable[Quad]) -> Iterator[str]:
    return map(nquads_line, quads)
