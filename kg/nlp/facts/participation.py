"""Participants a story lists for an encounter in a clause of their own: "A and B took part
in the talks", "other participants were A, B and C", "the meeting's co-chairs were A and
B", "the three ministers were A, B and C", "A, B and C would be among those taking part",
and the like.

A pass over the story's mentions before they are linked and merged (assembly.py): the
people such a clause names join the encounter it names ("took part in the talks"), or else
the one told last, at most `REACH` sentences before. Only a list of two or more named
people counts, and never the one who reports it ("Diplomats said A and B would take part",
but not "X said ..."): one name is no list.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.model import Entity
from kg.nlp import gazetteer
from kg.nlp.entities import ArticleEntities
from kg.nlp.facts.mention import Mention, sentence_distance
from kg.nlp.groups import GROUP_HEADS, stated_size
from kg.nlp.lexicon import phrasal_verbs, single_words, words

# Sentences back a list may look for the encounter it names.
REACH = 2
PARTICIPATION_VERBS = single_words("participation-verbs")
# "take part": the verb and the object that make it one.
PARTICIPATION_OBJECTS = phrasal_verbs("participation-verbs")
PARTICIPANT_NOUNS = words("participant-nouns")
# "took part in the talks": the phrase naming the encounter.
EVENT_PREPS = {"in", "at", "for"}


def add_listed_participants(doc: Doc, mentions: list[Mention], index: ArticleEntities) -> None:
    """Add to each encounter the people a participation clause lists for it."""
    by_trigger = {m.trigger.i: m for m in mentions}
    for sent in doc.sents:
        cue = next((t for t in sent if _is_cue(t)), None)
        if cue is None:
            continue
        people = _listed_people(sent, index)
        if len(people) < 2 or stated_size(cue) not in (None, len(people)):
            continue  # "the three ministers were A and B": not the list it announces
        target = _named_event(cue, by_trigger)
        if target is None:
            target = _told_last(cue, mentions)
        if target is None:
            continue
        target.participants.extend(p for p in people if p not in target.participants)


def _is_cue(token: Token) -> bool:
    # (Each test opens on what is cheap to read: it runs on every word of the story.)
    if token.pos_ == "VERB" and token.lemma_.lower() in PARTICIPATION_VERBS:
        return True
    if token.dep_ == "dobj" and token.lower_ in PARTICIPATION_OBJECTS.get(token.head.lemma_.lower(), ()):
        return True  # "took part", "those taking part"
    if token.tag_ == "NNS" and (token.lemma_.lower() in PARTICIPANT_NOUNS or _the_group(token)):
        following = next((t for t in token.doc[token.i + 1 : token.sent.end] if not t.is_space), None)
        return following is not None and following.lemma_.lower() in ("be", "include")
    return False


def _the_group(noun: Token) -> bool:
    """ "the three ministers were A, B and C", "the leaders were A and B": the people of the
    encounter just told, described by what they are."""
    determiners = {c.lower_ for c in noun.children if c.dep_ == "det"}
    return noun.lemma_.lower() in GROUP_HEADS and "the" in determiners


def _listed_people(sent: Span, index: ArticleEntities) -> list[Entity]:
    """The people a sentence names, but for whoever reports it ("X said")."""
    people: list[Entity] = []
    for token in sent:
        entity = index.entity_at(token)
        if entity is not None and entity.type == "person" and entity not in people:
            people.append(entity)
    reporters = {index.entity_at(t) for t in sent if _reports(t)}
    return [p for p in people if p not in reporters]


def _reports(token: Token) -> bool:
    """Is the word's name the subject of a speech verb ("X said A and B took part")?"""
    head = token
    while head.dep_ in ("compound", "flat", "appos") and head.head != head:
        head = head.head
    return head.dep_ == "nsubj" and head.head.lemma_.lower() in gazetteer.SPEECH_LEMMAS


def _named_event(cue: Token, by_trigger: dict[int, Mention]) -> Mention | None:
    """ "took part in the talks": the encounter the clause itself names."""
    verb = cue.head if cue.dep_ == "dobj" else cue
    preps = [c for t in (verb, cue) for c in t.children if c.dep_ == "prep" and c.lower_ in EVENT_PREPS]
    return next((by_trigger[n.i] for p in preps for n in p.children if n.i in by_trigger), None)


def _told_last(cue: Token, mentions: list[Mention]) -> Mention | None:
    before = [m for m in mentions if m.trigger.i < cue.i and sentence_distance(m.trigger, cue) <= REACH]
    return max(before, key=lambda m: m.trigger.i) if before else None
