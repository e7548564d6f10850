"""Which person a one-word speaker name is: a surname several people bear is the one of them
last reported speaking ("Former President Ana Ruiz said ... / “...,” Ruiz said", with her
husband Tomas Ruiz named too), followed along the chain of speakers; a surname the tagger
missed or mistook is the person the story names in full. Also the article's reading that
every attribution shares (its quotations, the characters inside them, the people reported
speaking with their surnames followed), cached with the attributions quotes.py works out.
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from kg.model import Entity
from kg.nlp.cached import parsed_text
from kg.nlp.entities import ArticleEntities
from kg.nlp.facts.quote_marks import Segment, quoted_segments
from kg.nlp.facts.speakers import last_speaker, main_people, own_words_before, sentence_before
from kg.nlp.facts.speech_verbs import Attribution, named_speakers
from kg.nlp.gender import gender_of_name, is_given_name
from kg.nlp.names.endings import NAME_SUFFIXES
from kg.nlp.titles import ROYAL_TITLES

# Where quotes.py keeps an article's attributions with their reading (doc.user_data), so that
# the questions asked again per pronoun or surname read them rather than work them out anew.
ATTRIBUTED = "kg_attributed_quotations"


class Reading(NamedTuple):
    """What every attribution of one article reads: its quotations, the characters inside
    them, and the people reported speaking outside them (a surname several people bear
    followed to its bearer, see _surnames_followed)."""

    doc: Doc
    entities: ArticleEntities  # (not `index`: a tuple's method)
    segments: list[Segment]
    inside: set[int]
    speakers: list[tuple[Token, Entity]]


def reading(doc: Doc, index: ArticleEntities) -> Reading:
    cached = doc.user_data.get(ATTRIBUTED)
    if cached is not None and cached[0] is index:
        return cached[2]  # worked out with the quotations: interviews ask again per pronoun
    segments = quoted_segments(parsed_text(doc))
    inside = {c for s in segments for c in range(s.start - 1, s.end + 1)}
    speakers = _surnames_followed(named_speakers(doc, inside, index), index)
    return Reading(doc, index, segments, inside, speakers)


def in_full(
    attributed: Attribution | None,
    segment: Segment,
    doc: Doc,
    index: ArticleEntities,
    speakers: list[tuple[Token, Entity]],
    inside: set[int],
) -> Attribution | None:
    """ "Former President Ana Ruiz said ... / “...,” Ruiz said", where the story also names
    her husband Tomas Ruiz: a surname several people bear, which the entity layer leaves as
    written, is the one of them last reported speaking, a few sentences back at most (or in
    the paragraph before), and who can be of the sex the story gives the surname ("Mr.
    Ruiz"). Nobody such: the surname stays as written. A surname the entity layer gave to
    the bearer it names most is the other bearer the sentence just before is about
    (`_bearer_just_named`)."""
    if attributed is None or attributed.unresolved:
        return attributed
    speaker = attributed.speaker
    at = attributed.verb
    if at is None:
        span = doc.char_span(segment.start, segment.end, alignment_mode="expand")
        at = span[0] if span is not None else None
    if at is None:
        return attributed
    if speaker is None or speaker.type != "person":
        person = _untagged_bearer(attributed, at, index, speakers)
    elif index.surname_bearers(speaker):
        person = surname_bearer(speaker, at, index, speakers)
    else:
        person = _bearer_just_named(speaker, attributed.verb, index, inside)
        if person is None:
            person = _written_in_full(speaker.name, doc, index)
            if person is not None and index.genders.get(speaker) not in (
                None,
                "unknown",
                gender_of_name(person),
            ):
                person = None  # "Mr. Weber said", where the story writes only "Rachel Weber"
    return attributed if person is None else replace(attributed, speaker=person, description=person.name)


def _bearer_just_named(
    speaker: Entity, verb: Token | None, index: ArticleEntities, inside: set[int]
) -> Entity | None:
    """ "Ana Ruiz, the mother of Tomas Ruiz, spoke on Monday. “...,” Ruiz said": a surname
    several people the story names in full bear, which the entity layer gives to the one it
    names most, is the one of them the sentence before has for its main subject, as a reader
    reads it. None where that sentence's subject is no other bearer."""
    if verb is None:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and index.entity_at(c) == speaker), None)
    span = index.span_of(subject) if subject is not None else None
    if subject is None or span is None or len(span) != 1 or speaker.name.split()[-1] != subject.text:
        return None  # written in full, or no surname of the speaker's
    if any(c.dep_ == "compound" for c in subject.children):
        return None  # "Mr. Ruiz", "Dr. Ruiz": the title says which of them, as the entity layer read it
    bearers = {
        e
        for e in index.entities
        if e.type == "person" and " " in e.name and e.name.split()[-1] == subject.text
    }
    if len(bearers) < 2 or own_words_before(subject, inside):
        return None  # "Ruiz spoke. Weber left, and Ruiz said: “...”": its own words come first
    before = sentence_before(subject, inside)
    if before is None:
        return None
    # Named there by the surname ("Ana Ruiz, ..."), not by a given name the writer uses to
    # tell them apart ("Tomas told the crowd ... / “...,” Ruiz said" is his wife).
    main = {
        e
        for e in main_people(before, index, inside) & bearers
        if any(index.entity_at(t) == e and t.text == subject.text for t in before)
    }
    return main.pop() if len(main) == 1 else None


def _untagged_bearer(
    attributed: Attribution, at: Token, index: ArticleEntities, speakers: list[tuple[Token, Entity]]
) -> Entity | None:
    """ "..., Ruiz said", where the tagger took "Ruiz" for a place or a body, or for no name
    at all: a one-word name speaking is a person's surname, the person's the story names in
    full (the one, or the one of them last reported speaking). Not an outlet's or a
    country's name, which speak for themselves."""
    speaker = attributed.speaker
    if speaker is not None and speaker.type in ("outlet", "country"):
        return None
    name = speaker.name if speaker is not None else attributed.description
    if " " in name or not name[:1].isupper() or name.isupper():
        return None
    surname = Entity(name, "person")
    people = set(index.surname_bearers(surname))
    written = _written_in_full(name, index.doc, index)
    if written is not None:
        people.add(written)
    if len(people) == 1:
        return people.pop()
    return last_speaker(speakers, at, people.__contains__) if people else None


_PLACE_LABELS = ("GPE", "LOC", "NORP", "FAC")


def _given_name(token: Token) -> bool:
    """A common given name that is no title of rank ("Prince Edvin" is no full name of
    Edvin; "Dean Weber" is one of Weber)."""
    return is_given_name(token.text) and token.lower_ not in ROYAL_TITLES


def _written_in_full(surname: str, doc: Doc, index: ArticleEntities) -> Entity | None:
    """ "Rachel Weber" written where the tagger saw no name, and "Weber" elsewhere: the one
    full name the story writes with this surname, a common given name first (middle
    initials and a generational suffix kept: "Karel Vondrak Jr." is not his father); its
    entity where the story has one. None where the story writes none, or two."""
    if " " in surname:
        return None  # a name of several words is no one token: no walk over the story for it
    found: dict[str, Span] = {}
    for token in doc:
        if token.text != surname or token.i == 0:
            continue
        if token.tag_ in ("NNS", "NNPS") or token.ent_type_ == "NORP":
            continue  # "Roman Catholics", "a Harbour County Democrat": no one's surname
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
            start -= 1
        while start < token.i and not _given_name(doc[start]):
            if doc[start].ent_type_ in _PLACE_LABELS:
                break  # "South Carolina Democrat": a place's name, whatever word it holds
            start += 1  # "Filmmaker Rachel Weber": the words before the given name
        if start == token.i or not _given_name(doc[start]):
            continue
        end = token.i + 1
        if end < len(doc) and doc[end].lower_ in NAME_SUFFIXES:
            end += 1
        span = doc[start:end]
        key = " ".join(t.lower_ for t in span if len(t.text.rstrip(".")) > 1)
        found.setdefault(key, span)
    if len(found) != 1:
        return None
    span = found.popitem()[1]
    entity = index.entity_at(span[0])
    if entity is not None and entity.type == "person" and entity.name.split()[-1] == surname:
        return entity
    return Entity(span.text, "person")


def surname_bearer(
    surname: Entity, at: Token, index: ArticleEntities, speakers: list[tuple[Token, Entity]] | None = None
) -> Entity | None:
    """Which of the people the story names in full bears the one-word name `surname` at
    `at`: the one last reported speaking before it, a few sentences back at most, who can be
    of the sex the story gives the surname; None where no one such is."""
    bearers = _bearers(surname, index)
    if not bearers:
        return None
    if speakers is None:
        speakers = reading(at.doc, index).speakers
    return last_speaker(speakers, at, bearers.__contains__)


def _bearers(speaker: Entity, index: ArticleEntities) -> set[Entity]:
    """The people whose surname a one-word speaker's name is, and who can be of the sex the
    story gives that surname; none for a full name."""
    wanted = index.genders.get(speaker)
    return {
        e
        for e in index.surname_bearers(speaker)
        if wanted in (None, "unknown") or index.genders.get(e) in (wanted, "unknown", None)
    }


def _surnames_followed(
    speakers: list[tuple[Token, Entity]], index: ArticleEntities
) -> list[tuple[Token, Entity]]:
    """ "Former President Tomas Ruiz ... the former president said ... / “...,” Ruiz said. /
    Ruiz said ...": a surname several people bear, reported speaking, is the one of them last
    reported speaking, and so stays for the next "Ruiz said": the reader follows the chain,
    not only the mention right before."""
    followed: list[tuple[Token, Entity]] = []
    for token, entity in speakers:
        bearers = _bearers(entity, index)
        person = last_speaker(followed, token, bearers.__contains__) if bearers else None
        followed.append((token, person or entity))
    return followed
