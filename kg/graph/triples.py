"""The only writer of triples: one article's facts -> the quads of its named graph, and the
one N-Triples/N-Quads line writer. The IRIs and literals come from iris.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import combinations

from pyoxigraph import Literal, NamedNode, Quad

from kg.graph import vocab as T
from kg.graph.iris import (
    XSD_DATE,
    article_iri,
    clean_text,
    date_literal,
    digest,
    entity_iri,
    event_iri,
    event_key,
    evidence_iri,
    graph_iri,
    slug,
)
from kg.model import ArticleFacts, Evidence

XSD_INTEGER = NamedNode(T.XSD + "integer")


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
        node = event_iri(digest(slug(interview.outlet.name), slug(interview.person.name), scope), "interview")
        add(node, T.TYPE, NamedNode(T.INTERVIEW))
        add(node, T.OUTLET, entity_iri(interview.outlet))
        add(node, T.INTERVIEWEE, entity_iri(interview.person))
        if interview.date:
            add(node, T.DATE, date_literal(interview.date))
        add_evidence(node, interview.evidence)
        add(entity_iri(interview.outlet), T.INTERVIEWED, entity_iri(interview.person))

    for role in facts.roles:
        node = event_iri(digest(slug(role.person.name), role.title, slug(role.org.name)), "role")
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
            digest(facts.article_id, str(first.start), str(first.end), statement.text), "statement"
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
