"""A visit is an encounter with the host: FACTS.md counts "a visit in which the visitor
meets the host" as a meeting. "Weber will travel to Tallinn on Monday", "Varga said he will
visit Estonia", "his visit to Beijing": a meeting between the visitor and the leader of the
country visited, where the story names exactly one leader of it (a president, a prime
minister, a king ...), at the place visited.

Only where the story names that one leader: a visit to a country whose leader goes unnamed,
or which has two named leaders (a president and a prime minister), is no fact.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.model import Entity
from kg.nlp import gazetteer
from kg.nlp.cached import tokens_with_lemma
from kg.nlp.entities import ArticleEntities
from kg.nlp.lexicon import words
from kg.nlp.pronouns import is_person_pronoun, resolve_pronoun

TRAVEL_VERBS = words("travel-verbs")
VISIT_NOUNS = words("visit-nouns")
LEADER_TITLES = words("leader-titles")
PAST_OFFICE_WORDS = words("past-office-words")
# "urged X to visit Kyiv", "invited X for a state visit": the one asked is the visitor.
ASKING_VERBS = words("object-control-verbs") | words("inviting-verbs")
# The lemmas a visit word has (_trip reads no other word): looked up in the story's lemma
# index, not tested token by token (a tenth of extraction's time went to that loop).
_TRIP_LEMMAS = frozenset(TRAVEL_VERBS | VISIT_NOUNS)


def visit_trips(doc: Doc, index: ArticleEntities) -> list[tuple[Token, Entity, Entity, Entity | None]]:
    """(the word of the visit, visitor, host, place visited) for each visit the story tells.
    A visit the host invited someone to make ("X invited Y for a state visit") is with the
    one inviting, wherever the story leaves its place unsaid (the place is then None)."""
    found: list[tuple[Token, Entity, Entity, Entity | None]] = []
    past: set[Entity] | None = None  # read from the story only once a visit needs a host
    for token in tokens_with_lemma(doc, _TRIP_LEMMAS):
        trip = _trip(token, index)
        if trip is None:
            continue
        visitor, place, inviter = trip
        if place is None:
            if inviter is not None and inviter != visitor:
                found.append((token, visitor, inviter, None))
            continue
        country = _country_of(place)
        if country and past is None:
            past = _past_holders(doc, index)
        host = _leader_of(country, index, past or set()) if country else None
        if host is None or host == visitor or _holds_office_in(visitor, country, index):
            continue
        found.append((token, visitor, host, place))
    return found


def _trip(token: Token, index: ArticleEntities) -> tuple[Entity, Entity | None, Entity | None] | None:
    """(visitor, destination, who invited the visitor) of a visit word: "visit China",
    "travel to Kyiv", "his trip to Beijing", "urged X to visit Kyiv", "invited X for a
    visit". Only an invited visit may leave its destination unsaid."""
    lemma = token.lemma_.lower()
    destinations: list[Token] = []
    visitors: list[Token] = []
    asking = asking_verb(token)
    if token.pos_ == "VERB" and lemma in TRAVEL_VERBS:
        destinations = [c for c in token.children if c.dep_ == "dobj" and lemma == "visit"] + _to(token)
        visitors = [c for c in token.children if c.dep_ == "nsubj"]
        if not visitors and asking is not None:
            visitors = [c for c in asking.children if c.dep_ == "dobj"]
        if not visitors and token.dep_ in ("xcomp", "conj"):
            visitors = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    elif token.pos_ == "NOUN" and lemma in VISIT_NOUNS:
        destinations = _to(token)
        visitors = [c for c in token.children if c.dep_ == "poss"]
        if not visitors and asking is not None:
            visitors = [c for c in asking.children if c.dep_ == "dobj"]
    places = [
        e for d in destinations if (e := index.entity_at(d)) is not None and e.type in ("country", "place")
    ]
    people = _people(visitors, index)
    inviter = None
    if asking is not None and asking.lemma_.lower() == "invite":
        asked_by = _people(_subjects(asking), index)
        inviter = asked_by[0] if len(asked_by) == 1 else None
    if len(people) != 1 or len(places) > 1 or (not places and inviter is None):
        return None
    return people[0], (places[0] if places else None), inviter


def asking_verb(visit: Token) -> Token | None:
    """The verb asking someone to make the visit: "urged X to visit", "invited X for a
    visit" (with X as its object)."""
    if visit.pos_ == "VERB" and visit.dep_ == "xcomp":
        verb = visit.head
    elif visit.pos_ == "NOUN" and visit.dep_ == "pobj" and visit.head.lower_ == "for":
        verb = visit.head.head
    else:
        return None
    if verb.lemma_.lower() not in ASKING_VERBS or not any(c.dep_ == "dobj" for c in verb.children):
        return None
    return verb


def _subjects(verb: Token) -> list[Token]:
    """The verb's subject, or that of the verb it is coordinated with ("agreed to go and
    invited X")."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    return subjects


def _people(tokens: list[Token], index: ArticleEntities) -> list[Entity]:
    people = []
    for v in tokens:
        entity = index.entity_at(v) or (resolve_pronoun(v, index) if is_person_pronoun(v) else None)
        if entity is not None and entity.type == "person" and entity not in people:
            people.append(entity)
    return people


def _to(token: Token) -> list[Token]:
    return [
        p
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == "to"
        for p in c.children
        if p.dep_ == "pobj"
    ]


def _country_of(place: Entity) -> str | None:
    if place.type == "country":
        return place.name
    return gazetteer.country_of_capital(place.name)


def _past_holders(doc: Doc, index: ArticleEntities) -> set[Entity]:
    """People the story gives a title held in the past: "the former president, X", "the
    country's first president, X", "the late king X"."""
    found = set()
    for token in doc:
        person = index.entity_at(token)
        if person is None or person.type != "person":
            continue
        titles = [token.head] if token.dep_ == "appos" else []
        titles += [c for c in token.children if c.dep_ in ("compound", "appos")]
        if any(
            c.lower_ in PAST_OFFICE_WORDS or c.ent_type_ == "ORDINAL"
            for title in titles
            for c in [title, *title.children]
            if c.dep_ in ("amod", "compound", "nummod") or c is title
        ):
            found.add(person)
        elif any(
            doc[i].lower_ in PAST_OFFICE_WORDS or doc[i].ent_type_ == "ORDINAL"
            for i in range(max(token.sent.start, token.i - 4), token.i)
            if doc[i].head.i >= token.i and doc[i].head.i <= token.i + 3
        ):
            found.add(person)  # "former President X": the modifier inside the name's phrase
    return found


def _leader_of(country: str, index: ArticleEntities, past: set[Entity]) -> Entity | None:
    """The one person the story names as the leader of the country, now."""
    leaders = {
        person
        for person, held in index.titles.items()
        if person not in past
        and any(
            org == country and title.split()[-1] in LEADER_TITLES | {"minister"} and _is_leader(title)
            for title, org in held
        )
    }
    return leaders.pop() if len(leaders) == 1 else None


def _is_leader(title: str) -> bool:
    return title in LEADER_TITLES or title.split()[-1] in LEADER_TITLES


def _holds_office_in(person: Entity, country: str | None, index: ArticleEntities) -> bool:
    return country is not None and any(org == country for _, org in index.titles.get(person, ()))
