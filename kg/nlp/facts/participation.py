"""Who takes part in an encounter where its own clause does not say, from the story around
it: passes over the story's mentions that assembly.py runs, each in its place.

Participants a story lists for an encounter in a clause of their own (add_listed_participants,
before mentions are linked and merged): "A and B took part in the talks", "other
participants were A, B and C", "the meeting's co-chairs were A and B", "the three ministers
were A, B and C", "A, B and C would be among those taking part", and the like. The people
such a clause names join the encounter it names ("took part in the talks"), or else the one
told last, at most `REACH` sentences before. Only a list of two or more named people counts,
and never the one who reports it ("Diplomats said A and B would take part", but not "X said
..."): one name is no list.

Also "the call" that carried an act of one person addressing another told just before it
(call_carrying_act), an encounter with someone the clause only describes that is the one
encounter the story tells of that person with another (fold_described_partner), and a
summit told through its countries, a meeting of their leaders (summit_of_leaders).
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span, Token

from kg.model import Entity
from kg.nlp import gazetteer
from kg.nlp.anchoring import find_date
from kg.nlp.cached import tokens_with_lemma_or_lower
from kg.nlp.entities import ArticleEntities
from kg.nlp.facts.calls import is_definite_call
from kg.nlp.facts.mention import Mention, prep_objects, sentence_distance
from kg.nlp.facts.speakers import PERSON_NOUNS
from kg.nlp.factuality import base_form
from kg.nlp.groups import GROUP_HEADS, leaders_of, stated_size
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
    # Each sentence's first cue. A cue's lemma or form is one of the cue lists: those words,
    # looked up, are read rather than every word of the story.
    first_cues: dict[int, Token] = {}
    for token in tokens_with_lemma_or_lower(doc, _CUE_LEMMAS, _CUE_OBJECTS):
        if _is_cue(token):
            first_cues.setdefault(token.sent.start, token)
    for sent in doc.sents:
        cue = first_cues.get(sent.start)
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


# Every lemma and every object word `_is_cue` takes.
_CUE_LEMMAS = PARTICIPATION_VERBS | PARTICIPANT_NOUNS | GROUP_HEADS
_CUE_OBJECTS = frozenset(word for objects in PARTICIPATION_OBJECTS.values() for word in objects)


def _is_cue(token: Token) -> bool:
    # (Each test opens on what is cheap to read.)
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


ADDRESSING_VERBS = words("addressing-verbs")
HAPPENING_VERBS = words("happening-verbs")


def call_carrying_act(mentions: list[Mention], index: ArticleEntities, published: date | None) -> None:
    """ "On Sunday, X urged Y to visit. ... in its readout of the 50-minute call", "X
    apologized on Friday to Y. The call, which happened as ...": where "the call" names no
    one and the story has told no call with its people before it, but the sentence just
    before tells one person addressing another, the call is the one that carried that act:
    its two people, its day, and taken place as the act did (a past verb, not denied, no
    modal)."""
    for position, mention in enumerate(mentions):
        if (
            mention.type != "call"
            or len(mention.participants) >= 2
            or not is_definite_call(mention.trigger)
            or not _told_as_conversation(mention.trigger)
            or any(m.type == "call" and len(m.participants) >= 2 for m in mentions[:position])
        ):
            continue
        start = mention.trigger.sent.start
        if start == 0:
            continue
        before = mention.trigger.doc[start - 1].sent
        acts = [(t, people) for t in before if (people := _addressed_people(t, index))]
        if len(acts) != 1:
            continue
        act, mention.participants = acts[0]
        mention.date = mention.date or find_date(before, {act.i}, published, "past")
        mention.status = mention.status or "occurred"
        mention.anaphoric = False
        mention.sents.insert(0, before)


def _told_as_conversation(noun: Token) -> bool:
    """ "the 50-minute call", "the call, which happened as ...", "the call lasted an hour":
    a call told as a conversation that took place, not an appeal ("X urged Y to resign. Y
    rejected the call")."""
    if any(t.ent_type_ == "TIME" for left in noun.lefts for t in left.subtree):
        return True
    verbs = [c for c in noun.children if c.dep_ in ("relcl", "acl")]
    if noun.dep_ == "nsubj":
        verbs.append(noun.head)
    return any(v.lemma_.lower() in HAPPENING_VERBS for v in verbs)


def _act_parties(act: Token) -> list[Token]:
    """The one who acts and the one addressed: "X urged Y", "X apologized to Y"."""
    subjects = [c for c in act.children if c.dep_ == "nsubj"]
    addressed = [c for c in act.children if c.dep_ in ("dobj", "dative")] + prep_objects(act, ("to",))
    return subjects[:1] + addressed[:1]


def _addressed_people(verb: Token, index: ArticleEntities) -> list[Entity] | None:
    """ "X apologized to Y", "X urged Y to visit": told as done (a past verb, not denied,
    no modal), with one person acting and another addressed: the two of them."""
    if verb.pos_ != "VERB" or verb.tag_ != "VBD" or verb.lemma_.lower() not in ADDRESSING_VERBS:
        return None
    if any(c.dep_ in ("neg", "aux") for c in verb.children):
        return None
    people = [p for t in _act_parties(verb) if (p := index.entity_at(t)) is not None and p.type == "person"]
    return people if len(people) == 2 and people[0] != people[1] else None


def fold_described_partner(mentions: list[Mention], index: ArticleEntities) -> None:
    """ "Lindqvist met Vondrak on Saturday ... The pontiff met Lindqvist at the guest house": an
    encounter of one named person with someone the clause only describes ("the pontiff",
    "the man he hopes to succeed") is the one encounter the story tells of that person with
    one other named person, where there is just one: its place and date are that
    encounter's (where it gives none, or the same)."""
    for mention in mentions:
        if (
            len(set(mention.participants)) != 1
            or mention.anaphoric
            or (mention.place is None and mention.date is None)
            or not _describes_partner(mention.trigger, index)
        ):
            continue
        person = mention.participants[0]
        others = [
            m
            for m in mentions
            if m is not mention
            and m.type == mention.type
            and person in m.participants
            and len(set(m.participants)) == 2
            and all(p.type == "person" for p in m.participants)
            and m.status in ("occurred", "planned")
        ]
        if len({frozenset(m.participants) for m in others}) != 1:
            continue
        if any(m.date and mention.date and m.date != mention.date for m in others):
            continue
        if any(m.place and mention.place and m.place != mention.place for m in others):
            continue
        for m in others:
            m.date = m.date or mention.date
            m.place = m.place or mention.place
        mention.anaphoric = True


def _describes_partner(trigger: Token, index: ArticleEntities) -> bool:
    """Whether an encounter's clause describes one person without naming them: "met the pontiff",
    "met Lindqvist" told by "the pontiff", "to meet ... with the man he hopes to succeed"."""
    words = [c for c in trigger.children if c.dep_ in ("dobj", "nsubj")]
    words += prep_objects(trigger, ("with",))
    described = [
        w
        for w in words
        if w.tag_ == "NN"
        and index.entity_at(w) is None
        and any(c.dep_ == "det" and c.lower_ == "the" for c in w.children)
        and w.lemma_.lower() in PERSON_NOUNS
    ]
    return len(described) == 1


# Nouns of an encounter of leaders: "a summit between the three countries".
LEADERS_MEETING_NOUNS = words("leaders-meeting-nouns")


def summit_of_leaders(mentions: list[Mention], index: ArticleEntities) -> None:
    """ "a landmark summit between the three countries held by Weber": a summit told through
    the countries is a meeting of their leaders, each the one the story titles as that
    country's leader (groups.leaders_of); where that is unsure, no one."""
    for mention in mentions:
        parties = mention.participants
        if (
            base_form(mention.trigger) in LEADERS_MEETING_NOUNS
            and len(parties) >= 2
            and all(e.type == "country" for e in parties)
        ):
            mention.participants = list(leaders_of(parties, index) or ())
