"""The typed fact model: the contract between extraction (spaCy) and RDF (rdf.py).

Plain frozen dataclasses; nothing here imports spaCy or rdflib.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["person", "organization", "country", "outlet", "place"]
Status = Literal["occurred", "planned", "not_occurred"]
EVENT_TYPES = ("meeting", "call")
# Every kind of fact `kg facts` writes and `kg eval` scores (FACTS.md), in that order.
FACT_TYPES = (*EVENT_TYPES, "interview", "role", "quote")


@dataclass(frozen=True, order=True)
class Evidence:
    article: str
    start: int  # character offsets into the article text
    end: int
    sentence: str

    def to_json(self) -> dict[str, object]:
        return {
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
        }


@dataclass(frozen=True, order=True)
class Entity:
    name: str  # canonical: the fullest name the article gives
    type: EntityType


@dataclass(frozen=True)
class Event:
    """A meeting or a call, as one article reports it."""

    type: Literal["meeting", "call"]
    participants: tuple[Entity, ...]  # sorted, two or more
    date: str | None  # ISO 8601 at the text's precision: 2006-11-14, 2006-11, 2006, --03-18
    place: Entity | None
    status: Status
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Interview:
    outlet: Entity
    person: Entity
    date: str | None
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Role:
    person: Entity
    title: str  # lower case, singular, spokesperson for spokesman/-woman
    org: Entity
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Quote:
    """Words an article puts in quotation marks, and who said them."""

    speaker: Entity | None  # None where the article does not name the speaker
    speaker_text: str  # the entity's name, or the description ("a senior official")
    text: str
    evidence: tuple[Evidence, ...]  # the sentence(s) the quotation stands in
    mentions: tuple[Entity, ...] = ()  # named people, bodies and places the words speak of
    date: str | None = None  # when it was said, where the attribution says ("said Monday")
    outlet: Entity | None = None  # the outlet it was said to ("told Le Point")
    relayed_by: Entity | None = None  # the outlet that reported it, citing the source


@dataclass(frozen=True)
class ArticleFacts:
    """Everything extracted from one article."""

    article_id: str
    published: str | None
    outlet: str | None
    title: str | None
    url: str | None
    content_hash: str
    text_hash: str = ""  # the text alone, to find one story stored under two ids
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    interviews: tuple[Interview, ...] = ()
    roles: tuple[Role, ...] = ()
    quotes: tuple[Quote, ...] = ()
    counts: dict[str, int] = field(default_factory=dict, compare=False)

    def records(self) -> list[dict[str, object]]:
        """The facts as FACTS.md shapes them (`kg facts` writes the same from the store),
        each with its `sources`."""
        art = self.article_id

        def sources(evidence: tuple[Evidence, ...]) -> list[dict[str, object]]:
            return [e.to_json() for e in evidence]

        out: list[dict[str, object]] = []
        for event in self.events:
            out.append(
                {
                    "article": art,
                    "type": event.type,
                    "participants": sorted(p.name for p in event.participants),
                    "date": event.date,
                    "place": event.place.name if event.place else None,
                    "status": event.status,
                    "sources": sources(event.evidence),
                }
            )
        for i in self.interviews:
            out.append(
                {
                    "article": art,
                    "type": "interview",
                    "outlet": i.outlet.name,
                    "person": i.person.name,
                    "date": i.date,
                    "sources": sources(i.evidence),
                }
            )
        for r in self.roles:
            out.append(
                {
                    "article": art,
                    "type": "role",
                    "person": r.person.name,
                    "title": r.title,
                    "org": r.org.name,
                    "sources": sources(r.evidence),
                }
            )
        for q in self.quotes:
            out.append(
                {
                    "article": art,
                    "type": "quote",
                    "speaker": q.speaker_text,
                    "text": q.text,
                    "sources": sources(q.evidence),
                }
            )
        return out
