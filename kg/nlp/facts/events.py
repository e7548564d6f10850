"""What meetings and calls share, clause by clause: the trigger words of a sentence, and for
each its mention of an encounter (participants, date, place and status from the clause
around it). The story-level step, which links and merges mentions and fills them from the
story's lead, trips and occasions, is assembly.py; the mention itself is mention.py.

meetings.py and calls.py say which words are triggers; this module does the rest.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span, Token

from kg.model import Entity, Event
from kg.nlp import gazetteer
from kg.nlp.anchoring import find_date, find_place
from kg.nlp.cached import tokens_with_lemma
from kg.nlp.dateline import dateline_span
from kg.nlp.dates import Tense
from kg.nlp.entities import ArticleEntities
from kg.nlp.facts.assembly import assemble
from kg.nlp.facts.calls import is_courtesy_call, named_callee
from kg.nlp.facts.meetings import honoured, visited, welcomed_to
from kg.nlp.facts.mention import (
    ANAPHORIC_DETS,
    Mention,
    Trigger,
    TriggerFinder,
    companions,
    dated_by_possessive,
    prep_objects,
)
from kg.nlp.facts.quotes import quoting_subject
from kg.nlp.factuality import (
    SCHEDULING_LEMMAS,
    adjunct_head,
    base_form,
    clause_tense,
    in_present_progressive,
    in_simple_present,
    object_purpose,
    status_of,
)
from kg.nlp.frames import clause_frame, occasion_frame, visit_frame
from kg.nlp.groups import (
    bodies_listed,
    hyphen_parties,
    hyphen_run,
    is_group_noun,
    member_or_body,
    people_listed,
    standing_for,
)
from kg.nlp.lexicon import words
from kg.nlp.pronouns import is_person_pronoun, resolve_pronoun
from kg.nlp.visits import VISIT_NOUNS, asking_verb, visit_trips

PARTICIPANT_TYPES = {"person", "organization", "country"}
# Verbs whose object is the event itself ("held talks"): their subject takes part in it.
LIGHT_VERBS = words("light-verbs")
# Verbs whose subject and object both take part in the event they govern: "invited X for talks".
INVITING_VERBS = words("inviting-verbs")
OBJECT_CONTROL_VERBS = words("object-control-verbs")
# "Russian or Chinese counterparts": either one, not both.
EITHER = {"or", "nor"}
# "during a meeting in Beijing, X and Y agreed": an encounter the clause's subjects took part
# in, even with no "with" partner named.
ADJUNCT_EVENT_PREPS = {"during", "at"}
# "senior officials, including A and B": the named members of a group.
INCLUDING_WORDS = words("including-words")


def extract_events(
    doc: Doc,
    index: ArticleEntities,
    article_id: str,
    published: date | None,
    finders: list[TriggerFinder],
) -> list[Event]:
    mentions: list[Mention] = []
    for sent in doc.sents:
        triggers = _find_triggers(sent, finders)
        in_sentence: list[Mention] = []
        for trigger in triggers:
            mention = _mention(trigger, index, published)
            if in_sentence and _is_included(trigger.token):
                # "talks with Austrian leaders, including a meeting with X": the part shares
                # the whole's factuality and time, whatever the parser hung it from.
                whole = in_sentence[-1]
                mention.status = whole.status
                mention.date = mention.date or whole.date
                mention.participants += [
                    p for p in whole.participants if p.type == "person" and p not in mention.participants
                ]
            in_sentence.append(mention)
            mentions.extend(_split_visits(mention, trigger, index))
    mentions.extend(_visit_mentions(doc, index, published))
    trips = _trips(doc, index)
    destinations = _visit_destinations(trips)
    trip_days = _trip_days(trips, published, destinations)
    return assemble(
        doc, mentions, index, article_id, published, destinations, _whereabouts(doc, index), trip_days, trips
    )


# "arrived in Zelin", "on arrival in Port Zelin": where a visitor is now.
ARRIVAL_WORDS = words("arrival-words")
# "a week-long stay in Zelin": where a visitor is while the trip lasts.
STAY_WORDS = words("stay-words")


def _visit_mentions(doc: Doc, index: ArticleEntities, published: date | None) -> list[Mention]:
    """Visits to come ("will travel to Kyiv on Monday") are planned meetings with the host
    (visits.py), dated and placed like any encounter. A visit told as past is left to the
    story's own account of who met whom there: that the visitor met the leader is only
    implied, and an implied meeting reported as held is the worst error."""
    mentions = []
    for token, visitor, host, place in visit_trips(doc, index):
        status = status_of(token, None)
        if status != "planned":
            continue
        # "invited X for a state visit later next year": the parser may hang the visit's
        # time from the invitation.
        asker = asking_verb(token) if place is None else None
        anchors = {token.i} | ({asker.i} if asker is not None else set())
        when = find_date(token.sent, anchors, published, "future")
        mentions.append(
            Mention("meeting", token, None, [visitor, host], when, place, status, False, [token.sent])
        )
    return mentions


def _visit_destinations(trips: list[tuple[Token, bool, Entity, Entity]]) -> dict[Entity, Entity]:
    """Visitor -> their one destination, from the story's trips ("a three-day official visit
    to Thailand", "his visit to Turkey"); a visitor with two destinations has none. An
    arrival's place ("arrived in Zelin on the last leg of her tour") is where they are now:
    it comes before the trip's destination."""
    visits: dict[Entity, set[Entity]] = {}
    arrivals: dict[Entity, set[Entity]] = {}
    for _, arrival, visitor, destination in trips:
        (arrivals if arrival else visits).setdefault(visitor, set()).add(destination)
    return {visitor: places.pop() for visitor, places in {**visits, **arrivals}.items() if len(places) == 1}


def _trips(doc: Doc, index: ArticleEntities) -> list[tuple[Token, bool, Entity, Entity]]:
    """Each visit or arrival the story tells with one destination: (its word, whether it is an
    arrival, the visitor, the destination)."""
    found: list[tuple[Token, bool, Entity, Entity]] = []
    for token in doc:
        lemma = token.lemma_.lower()
        bodies: tuple[str, ...]
        preps: tuple[str, ...]
        if token.pos_ == "NOUN" and lemma in VISIT_NOUNS:
            # "her visit to the Harbour Union": a body visited is where the visit goes;
            # "a tour of Port Zelin" is one too
            arrival, preps, bodies = False, ("to", "of"), ("organization",)
        elif token.pos_ in ("NOUN", "VERB") and lemma in STAY_WORDS:
            # "a week-long stay in Zelin", "while staying in Zelin"
            arrival, preps, bodies = False, ("in",), ()
        elif token.pos_ in ("NOUN", "VERB") and (lemma in ARRIVAL_WORDS or token.lower_ in ARRIVAL_WORDS):
            arrival, preps, bodies = True, ("in",), ()
        else:
            continue
        destinations = _places_after(token, preps, index, bodies)
        if len(destinations) != 1:
            continue
        visitors = [resolve_mention(c, index) for c in token.children if c.dep_ == "poss"]
        if not visitors:
            verb = token if token.pos_ == "VERB" else governing_verb(token)
            visitors = [_subject_after_dateline(t, index) for t in subjects_of(verb)]
        found.extend(
            (token, arrival, visitor, destinations[0])
            for visitor in visitors
            if visitor is not None and visitor.type == "person"
        )
    return found


def _trip_days(
    trips: list[tuple[Token, bool, Entity, Entity]],
    published: date | None,
    destinations: dict[Entity, Entity],
) -> dict[Entity, tuple[str, Token]]:
    """Visitor -> the one day the story gives their trip to their one destination ("arrived
    in Zelin on Sunday", "is due to arrive in Norland on Wednesday"), with the trip's word.
    Two different days for a visitor's trips: none."""
    days: dict[Entity, dict[str, Token]] = {}
    for token, _, visitor, destination in trips:
        if destinations.get(visitor) != destination:
            continue
        # The trip word's own date phrases: its verb's may be another time ("the visit comes
        # ahead of the talks on 21 May").
        tense: Tense = "future" if status_of(token, None) == "planned" else "past"
        day = find_date(token.sent, {token.i}, published, tense)
        if day is not None and len(day) == 10:
            days.setdefault(visitor, {}).setdefault(day, token)
    return {visitor: next(iter(found.items())) for visitor, found in days.items() if len(found) == 1}


def _places_after(
    token: Token, preps: tuple[str, ...], index: ArticleEntities, more: tuple[str, ...] = ()
) -> list[Entity]:
    """The countries and places named after the word's own prepositions ("visit to X",
    "arrived in X", "is in X"), and entities of the `more` types named there."""
    return [
        e
        for pobj in prep_objects(token, preps)
        for e in [index.entity_at(pobj)]
        if e is not None and e.type in ("country", "place", *more)
    ]


_BE = frozenset({"be"})


def _whereabouts(doc: Doc, index: ArticleEntities) -> dict[Entity, Entity]:
    """Person -> the one place the story says they are in now, in the present tense:
    "President X is in Tallinn for a state visit", "X, who is in Oslo for the summit"."""
    found: dict[Entity, set[Entity]] = {}
    for token in tokens_with_lemma(doc, _BE):
        if token.tag_ not in ("VBZ", "VBP"):
            continue
        places = _places_after(token, ("in",), index)
        if len(places) != 1:
            continue
        for subject in subjects_of(token):
            person = resolve_mention(subject, index)
            if person is not None and person.type == "person":
                found.setdefault(person, set()).add(places[0])
    return {person: places.pop() for person, places in found.items() if len(places) == 1}


def _subject_after_dateline(subject: Token, index: ArticleEntities) -> Entity | None:
    """ "OSLO, Norway – Swedish Foreign Minister X arrived": the parser may make the
    dateline the subject and the name its apposition; the name is the subject."""
    entity = resolve_mention(subject, index)
    dateline = dateline_span(subject.doc)
    if (entity is not None and entity.type == "person") or dateline is None:
        return entity
    if not dateline.start <= subject.i < dateline.end:
        return entity
    return next(
        (e for t in subject.subtree if t.dep_ == "appos" and (e := resolve_mention(t, index)) is not None),
        None,
    )


def _is_included(token: Token) -> bool:
    return token.dep_ == "pobj" and token.head.lower_ in INCLUDING_WORDS


def _find_triggers(sent: Span, finders: list[TriggerFinder]) -> list[Trigger]:
    found: list[Trigger] = []
    for token in sent:
        for finder in finders:
            trigger = finder(token)
            if trigger is not None:
                found.append(trigger)
                break
    # A noun trigger inside a verb trigger's clause ("met during a bilateral meeting") is the
    # same event: the verb's clause already holds its date and place.
    verbs = [t for t in found if t.token.pos_ in ("VERB", "AUX")]
    kept: list[Trigger] = []
    for trigger in found:
        if trigger.token.pos_ not in ("VERB", "AUX") and any(
            _dominates(v.token, trigger.token, max_hops=3) and not _parties_only_in(trigger.token, v.token)
            for v in verbs
            if v.type == trigger.type
        ):
            continue
        kept.append(trigger)
    return kept


def _parties_only_in(noun: Token, verb: Token) -> bool:
    """ "Leaders met in Brussels for the Norland-Brask summit": the verb names no one, the
    noun's hyphened parties are who met; the noun is told as an encounter of its own."""
    if not (noun.dep_ == "pobj" and noun.head.head == verb):
        return False  # the noun in a phrase of the verb's own, not deeper in its clause
    named = any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "PRON") for c in verb.children)
    return not named and hyphen_run(noun) is not None


def _dominates(head: Token, token: Token, max_hops: int) -> bool:
    for _ in range(max_hops):
        if token.head == token:
            return False
        token = token.head
        if token == head:
            return True
    return False


# ---------------------------------------------------------------- participants


def conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def resolve_mention(token: Token, index: ArticleEntities) -> Entity | None:
    """The entity a noun phrase headed by `token` names, if the article says."""
    entity = index.entity_at(token)
    if entity is not None:
        return entity
    if is_person_pronoun(token):
        attributes, speaker = quoting_subject(token, index)
        # "“...,” he told reporters after talks with X": the one heard saying the words.
        return speaker if attributes else resolve_pronoun(token, index)
    lemma = token.lemma_.lower()
    if token.ent_type_ == "DATE":
        # "with Prime Minister Piotr Varga Thursday": the parser made the day
        # the head and the name its compound.
        for child in token.children:
            named = index.entity_at(child) if child.dep_ == "compound" else None
            if named is not None and named.type == "person":
                return named
    # "his Polish counterpart, Piotr Varga": the name in apposition.
    for child in token.children:
        if child.dep_ == "appos":
            named = index.entity_at(child)
            if named is not None and named.type == "person":
                return named
    # "Egyptian officials", "European Union leaders": the group's country or organisation,
    # only where the article names none of its people (then the people are the participants).
    if lemma in gazetteer.GROUP_NOUNS or token.lower_ in gazetteer.GROUP_NOUNS:
        for child in token.children:
            if child.dep_ in ("amod", "compound", "nmod", "poss"):
                named = index.entity_at(child)
                if named is not None and named.type == "place" and child.dep_ == "poss":
                    # "Canberra's envoys": a capital speaks for its country.
                    country = gazetteer.country_of_capital(named.name)
                    named = Entity(country, "country") if country else None
                if named is not None and named.type in ("country", "organization"):
                    return member_or_body(named, token, index, distributed=False)
    return None


def _participants_of(tokens: list[Token], index: ArticleEntities) -> list[Entity]:
    found: list[Entity] = []
    for token in tokens:
        for item in _listed(token):
            if item.i in index.groups:  # "their", "the two leaders": the story's group
                found.extend(e for e in index.groups[item.i] if e not in found)
                continue
            if is_group_noun(item):
                people = people_listed(item, index)
                if people:
                    # "the foreign ministers of A, B and C, X, Y and Z": the people, not the countries.
                    found.extend(e for e in people if e not in found)
                    continue
                # "the leaders of Poland and Czechia": the countries they stand for, where
                # the story names none of their people.
                bodies = bodies_listed(item, index)
                # "South Korean and Japanese foreign ministers": one for each country listed
                # (not "Russian or Chinese counterparts": either one).
                listed = [
                    e
                    for modifier in item.children
                    if modifier.dep_ == "amod" and not any(c.lower_ in EITHER for c in modifier.children)
                    for member in conjuncts(modifier)
                    if (e := index.entity_at(member)) is not None and e.type == "country"
                ]
                bodies += listed if len(listed) > 1 else []
                standing = standing_for(bodies, item, index)
                found.extend(e for e in standing if e is not None and e not in found)
                if bodies:
                    continue
            entity = resolve_mention(item, index)
            if entity is None or entity.type not in PARTICIPANT_TYPES or entity in found:
                continue
            # An apposition beside a named organisation or country is most often the same
            # body again ("the Political Force (PF)"); beside a description it names the one
            # described ("his counterpart, Karel Vondrak").
            if item.dep_ == "appos" and entity.type != "person":
                beside = resolve_mention(item.head, index)
                if beside is not None and beside.type != "person":
                    continue
            found.append(entity)
    return found


def _listed(token: Token, depth: int = 0) -> list[Token]:
    """The phrases a list names, through its conjuncts and the appositions that name each
    item: "his allies, the Polish prime minister, Piotr Varga, and the Swedish foreign
    minister, Anna Lindqvist" gives the allies, Varga and Lindqvist (the parser hangs such
    lists in many shapes)."""
    out: list[Token] = []
    for item in conjuncts(token):
        named = _named_in_title(item)
        if named is not None and depth < 3:
            out.extend(t for t in _listed(named, depth + 1) if t not in out)
        members = _named_members(item) if depth < 3 else []
        # "met with senior officials, including A and B": the people named are the
        # participants, not the group they stand in.
        out.extend(t for m in members for t in _listed(m, depth + 1) if t not in out)
        if not members:
            out.append(item)
        if depth < 3:
            for child in item.children:
                if child.dep_ == "appos":
                    out.extend(t for t in _listed(child, depth + 1) if t not in out)
                elif _name_run_into(child) and child not in out:
                    # The name alone: what the parser made its conjunct is mangled with it
                    # ("Japan's premier A and Korea('s) President B": "Korea" is B's).
                    out.append(child)
    return out


def _name_run_into(child: Token) -> bool:
    """ "met Vondrak and Sen. Anna Lind", "with wife Eva, Weber and first lady Lind": the
    parser may hang the names before the last as modifiers of it; a person's name that ends
    in a comma or "and" is an item of the list, not a part of the next name ("Anna Maria
    Lind" has neither)."""
    return (
        child.dep_ == "nmod"
        and child.pos_ == "PROPN"
        and child.ent_type_ == "PERSON"
        and child.head.ent_type_ == "PERSON"
        and any(g.dep_ == "cc" or (g.dep_ == "punct" and g.text == ",") for g in child.children)
    )


def _ministers_named(group: Token, index: ArticleEntities) -> list[Entity]:
    """ "the foreign ministers of A, B and C, X, Y and Z": the people named for each body."""
    return people_listed(group, index) if is_group_noun(group) else []


def _named_members(group: Token) -> list[Token]:
    """ "senior officials, including A and B", "top party leaders, among them A": the named
    members a group's own "including" phrase lists (names only: "talks with local leaders,
    including a meeting with X" names a part of the talks, read as a trigger of its own)."""
    return [
        p for p in prep_objects(group, INCLUDING_WORDS) if p.ent_type_ != "" or _named_in_title(p) is not None
    ]


def _named_in_title(title: Token) -> Token | None:
    """ "Chief of the General Staff Anton Varga", "Chairman of the Joint Chiefs Gen. Karel
    Weber", "the deputy first minister of Northern Vesterland Anna Lind": the parser makes
    the title the phrase's head and hangs the name, with the body's own words, from its
    "of"; the name is the one meant. Only where words of the
    body stand between "of" and the name, so "the envoy of President Varga" stays an envoy."""
    if base_form(title) not in gazetteer.TITLE_HEADS:
        return None
    for prep in title.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for name in prep.children:
            if name.dep_ != "pobj" or name.ent_type_ != "PERSON":
                continue
            start = name.i
            while start > prep.i + 1 and name.doc[start - 1].ent_type_ == "PERSON":
                start -= 1
            body = [t for t in name.doc[prep.i + 1 : start] if t.dep_ != "det" and not t.is_punct]
            if any(t.text[:1].isupper() and base_form(t) not in gazetteer.TITLE_HEADS for t in body):
                return name
    return None


def governing_verb(token: Token) -> Token:
    """The nearest verb above a word ("a visit to X" -> the verb the visit hangs from); the
    root where there is none."""
    verb = token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    return verb


def subjects_of(verb: Token) -> list[Token]:
    """The verb's subjects, borrowed from the governing verb where it has none of its own
    ("agreed to meet", "met X and discussed", "Revik, who met Varga")."""
    current = verb
    came_from = ""
    for step in range(4):
        # Above an infinitive, a passive subject is the one who will act: "X is expected
        # (scheduled, due, set, invited) to meet Y".
        deps = ("nsubj", "agent", "nsubjpass") if step and came_from == "xcomp" else ("nsubj", "agent")
        subjects = [c for c in current.children if c.dep_ in deps]
        subjects = [s for s in subjects if s.dep_ in ("nsubj", "nsubjpass")] + [
            p for a in subjects if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"
        ]
        if subjects and current.dep_ == "relcl" and subjects[0].tag_ in ("WP", "WDT"):
            return [current.head]  # "Vondrak, who met Weber": the relative pronoun's antecedent
        if _object_of_small_clause(current, subjects):
            subjects = []  # "Weber made it clear in talks with X": "it" is what Weber made clear
        if subjects:
            return subjects
        came_from = current.dep_
        if current.dep_ == "xcomp" and base_form(current.head) in OBJECT_CONTROL_VERBS:
            # "urged Varga to visit Tallinn": the one urged visits, not the one urging.
            objects = [c for c in current.head.children if c.dep_ == "dobj"]
            if objects:
                return objects
        if current.dep_ in ("xcomp", "conj", "advcl", "acomp", "ccomp") and current.head != current:
            current = current.head
        elif current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = adjunct_head(current.head)  # "told reporters before heading into talks"
        elif current.dep_ == "acl" and current.head.pos_ == "NOUN":
            # "his refusal to hold talks", "Weber's plan to meet": the possessor acts.
            owners = [c for c in current.head.children if c.dep_ == "poss"]
            return owners or [current.head]
        elif object_purpose(current):
            current = current.head.head  # "vowed to deepen ties to deter threats during talks"
        elif current.dep_ in ("relcl", "acl"):
            return [current.head]  # "Revik, who met Varga" / "Vondrak, speaking after talks"
        else:
            return []
    return []


def _object_of_small_clause(word: Token, subjects: list[Token]) -> bool:
    """ "made it clear", "found it hard": the parser makes "it" the subject of the
    adjective, which is a complement of the verb whose subject acts."""
    return (
        word.pos_ == "ADJ"
        and word.dep_ in ("ccomp", "xcomp", "oprd")
        and bool(subjects)
        and all(s.lower_ == "it" for s in subjects)
    )


def person_before(verb: Token, index: ArticleEntities) -> Entity | None:
    """The person named right before a verb ("..., Franz Weber, said"): the parser
    often hangs such a name elsewhere."""
    doc = verb.doc
    for i in range(verb.i - 1, max(verb.sent.start, verb.i - 4) - 1, -1):
        token = doc[i]
        if token.is_space or token.is_punct or token.pos_ == "ADV":
            continue
        entity = index.entity_at(token)
        return entity if entity is not None and entity.type == "person" else None
    return None


# "talks with visiting President X": the parser may read the adjective as a verb whose
# object is the name.
NAME_ADJECTIVES = words("neutral-adjectives")


def _with_objects(token: Token) -> list[Token]:
    objects: list[Token] = []
    callee = named_callee(token)
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "dative") or child == callee:
            objects.append(child)
        elif (
            child.dep_ == "prep"
            and child.lower_ in ("with", "between", "among", "to")
            or child.dep_ == "agent"
            # "called on the president": the one visited (meetings.py tells a visit from an appeal).
            or child.dep_ == "prep"
            and child.lower_ in ("on", "upon")
            and token.lemma_ == "call"
        ):
            objects.extend(p for p in child.children if p.dep_ == "pobj")
            objects.extend(
                o
                for p in child.children
                if p.dep_ == "pcomp" and p.lower_ in NAME_ADJECTIVES
                for o in p.children
                if o.dep_ == "dobj"
            )
        elif child.dep_ == "prep" and child.lower_ in ("by", "over", "via"):
            # "spoke by telephone with X": the parser hangs "with X" on the telephone.
            for means in (p for p in child.children if p.dep_ == "pobj"):
                objects.extend(_with_objects(means))
    return objects


def _noun_participants(noun: Token, index: ArticleEntities, kind: str) -> tuple[list[Entity], Token | None]:
    """Participants of a nominal trigger, and the verb that carries its tense if any."""
    tokens = _with_objects(noun) + companions(noun) + _bodies_meeting(noun, index)
    if is_courtesy_call(noun):
        tokens += visited(noun)  # "paid a courtesy call on X"
    tokens += honoured(noun)  # "hosted a dinner for X"
    if kind == "call":
        # "received a call from X": who rang takes part in the call.
        tokens += prep_objects(noun, ("from",))
    tokens += [c for c in noun.children if c.dep_ in ("poss", "compound", "nmod")]
    predicate: Token | None = None
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_ in LIGHT_VERBS:
        predicate = head
        tokens += subjects_of(head) + [o for o in _with_objects(head) if o != noun]
    elif noun.dep_ in ("nsubj", "nsubjpass"):
        predicate = head  # "the meeting took place", "talks were held"
    elif (
        noun.dep_ == "pobj"
        and head.dep_ == "prep"
        and head.lower_ in ("for", "to")
        and head.head.lemma_ in INVITING_VERBS
    ):
        verb = head.head
        tokens += subjects_of(verb) + [c for c in verb.children if c.dep_ == "dobj"]
    elif (
        noun.dep_ == "pobj"
        and head.dep_ == "prep"
        and head.head.pos_ in ("VERB", "AUX", "ADJ")
        and (
            _has_partner(noun)
            or head.lower_ in ADJUNCT_EVENT_PREPS
            or (kind == "call" and head.lower_ == "in")  # "asked X in a phone call"
        )
    ):
        # "said after talks with X", "went into talks with X", "was satisfied with talks
        # with X": the clause's subject is the other party, since the noun names only the
        # partner.
        verb = adjunct_head(head)
        actors = _participants_of(subjects_of(verb), index)
        teller = None
        if not actors and _has_partner(noun) and verb.sent.root != verb:
            # "X raised the possibility that Y would face pressure to act in a call with Z":
            # where the clause the call hangs from has no one acting, the sentence's does,
            # and its tense is the call's.
            teller = verb.sent.root
            actors = _participants_of(subjects_of(teller), index)
        found = _participants_of(tokens, index)
        found += [e for e in actors if e not in found]
        if kind == "call" and not _has_partner(noun):
            # "X sought support from Y in a telephone conversation", "X assured Y in a call":
            # a call names no partner, so the person the clause addresses is the other party.
            found += [
                e for e in _participants_of(_addressed(verb), index) if e.type == "person" and e not in found
            ]
        if len(found) < 2:
            extra = person_before(verb, index)
            if extra is not None and extra not in found:
                found.append(extra)
        return found, teller if actors else None
    found = _participants_of(tokens, index)
    parties = hyphen_parties(noun, index) if len(found) < 2 else []
    if parties:
        # The tagger's one name for the whole run ("Lindqvist-Varga") is no party.
        run = hyphen_run(noun)
        joined = {index.entity_at(t) for t in run} if run is not None else set()
        found = [e for e in found if e not in joined or e in parties]
        found += [e for e in parties if e not in found]
    if len(found) < 2 and noun.dep_ == "dobj" and _has_partner(noun):
        # "X ruled out (sought, refused) a meeting with Y": the noun names only the partner,
        # so the verb's subject is the other party.
        found += [e for e in _participants_of(subjects_of(head), index) if e not in found]
    return found, predicate


def _bodies_meeting(noun: Token, index: ArticleEntities) -> list[Token]:
    """ "hosted a meeting of the Harbour League", "attended a gathering of G9 foreign
    ministers": the body whose meeting someone hosts or attends takes part in it beside them.
    Only a named organisation or country, or people standing for one ("a meeting of his
    advisers" names no one), and only as the object of such a verb: one who "said at a
    meeting of the League" spoke there, which is no encounter with it."""
    if noun.dep_ != "dobj" or noun.head.lemma_ not in LIGHT_VERBS:
        return []
    return [
        p
        for p in prep_objects(noun, ("of",))
        if any(e.type in ("organization", "country") for e in _participants_of([p], index))
    ]


def _addressed(verb: Token) -> list[Token]:
    """Whom a clause addresses: its object, or the one asked, told or thanked "from", "to"
    or "with" ("sought support from X", "appealed to X")."""
    return [c for c in verb.children if c.dep_ in ("dobj", "dative")] + [
        p
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in ("from", "to", "with")
        for p in c.children
        if p.dep_ == "pobj"
    ]


def _has_partner(noun: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "with" for c in noun.children) or bool(companions(noun))


def _split_visits(mention: Mention, trigger: Trigger, index: ArticleEntities) -> list[Mention]:
    """ "Vondrak will meet A, B and C": one visitor's separate meetings with each host. Only
    for a verb with one subject and a list of two or more named people as its object; a
    meeting *between* several parties stays one fact."""
    token = trigger.token
    if token.pos_ in ("VERB", "AUX") and any(c.dep_ == "nsubjpass" for c in token.children):
        # "A and B were received by X": guests received together, one encounter.
        return [mention]
    with_objects = _with_objects(token)
    if any(_named_members(o) or _ministers_named(o, index) for o in with_objects) and not any(
        _separate(p) for prep in token.children if prep.dep_ == "prep" for p in prep.children
    ):
        # "met with senior officials, including A and B", "with the foreign ministers of A, B
        # and C, X, Y and Z": one meeting with the group (but "met, on separate occasions,
        # with five presidents, including A, B and C").
        return [mention]
    if token.pos_ in ("VERB", "AUX"):
        subjects = _participants_of(subjects_of(token), index)
        objects = [e for e in _participants_of(with_objects, index) if e not in subjects]
    elif _separate(token) and token.dep_ == "dobj" and token.head.lemma_ in LIGHT_VERBS:
        # "held separate talks with A, B and C", "held meetings with A and B".
        subjects = _participants_of(subjects_of(token.head), index)
        objects = [e for e in _participants_of(with_objects, index) if e not in subjects]
    else:
        return [mention]
    if len(subjects) != 1 or len(objects) < 2 or any(e.type != "person" for e in objects):
        return [mention]
    return [
        Mention(
            mention.type,
            mention.trigger,
            mention.predicate,
            [subjects[0], other],
            mention.date,
            mention.place,
            mention.status,
            mention.anaphoric,
            list(mention.sents),
            mention.at_occasion,
        )
        for other in objects
    ]


def _separate(noun: Token) -> bool:
    """ "separate talks", "meetings": several encounters, one with each partner."""
    return any(
        c.dep_ == "amod" and c.lower_ in ("separate", "individual", "bilateral") for c in noun.children
    ) or (noun.tag_ == "NNS" and noun.lemma_.lower() == "meeting")


# Verbs whose object is the other party: "telephoned X", "met X", "received X".
TRANSITIVE_ENCOUNTER_VERBS = words("call-verbs") | words("hosting-verbs") | words("meeting-verbs")


def _verb_participants(verb: Token, index: ArticleEntities) -> list[Entity]:
    if base_form(verb) == "visit" and not any(
        c.dep_ == "dobj" and _visits_someone(c, index) for c in verb.children
    ):
        # "Ruiz and Weber both visited Zelin, the region's biggest city": a visit is a
        # meeting with the one visited; those who visit a place together do not meet there.
        return []
    found = _participants_of(subjects_of(verb) + _with_objects(verb), index)
    if len(found) < 2 and base_form(verb) in TRANSITIVE_ENCOUNTER_VERBS:
        named = _object_named_after(verb, index)
        if named is not None and named not in found:
            found.append(named)
    return found


def _visits_someone(obj: Token, index: ArticleEntities) -> bool:
    entity = resolve_mention(obj, index)
    return entity is not None and entity.type == "person"


def _object_named_after(verb: Token, index: ArticleEntities) -> Entity | None:
    """ "telephoned German Chancellor Anna Weber hours before ...": a person named right
    after a verb that takes the other party as its object, where the parser hung the name
    elsewhere (here as a modifier of "hours") and the verb has no object of its own."""
    if any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return None
    for token in verb.doc[verb.i + 1 : min(verb.sent.end, verb.i + 7)]:
        entity = index.entity_at(token)
        if entity is not None and entity.type == "person":
            return entity
        if token.dep_ not in ("compound", "amod", "det", "poss", "case"):
            return None  # "met on Monday", "telephoned to say": no name right after
    return None


# ---------------------------------------------------------------- mentions


def _without_series_body(noun: Token, participants: list[Entity], index: ArticleEntities) -> list[Entity]:
    """ "X will attend the Harbour Forum summit", "at a Union foreign ministers' meeting, X
    said": the one body that modifies the meeting noun names the gathering (its series, its
    host), not a party that met the people at it."""
    modifiers = [c for c in noun.children if c.dep_ in ("poss", "compound", "nmod")]
    # "the Union leaders' meeting": the body modifies the people whose meeting it is.
    modifiers += [
        g for c in modifiers if c.pos_ == "NOUN" for g in c.children if g.dep_ in ("compound", "nmod")
    ]
    named = {e for c in modifiers for e in [index.entity_at(c)] if e is not None}
    if len(named) != 1:
        return participants
    body = named.pop()
    others = [p for p in participants if p != body]
    if body.type != "organization" or not others or any(p.type != "person" for p in others):
        return participants
    return others


def _mention(trigger: Trigger, index: ArticleEntities, published: date | None) -> Mention:
    token = trigger.token
    sent = token.sent
    if token.pos_ in ("VERB", "AUX"):
        participants = _verb_participants(token, index)
        predicate = trigger.predicate
    else:
        participants, predicate = _noun_participants(token, index, trigger.type)
        predicate = trigger.predicate or predicate
        # "the Beijing Summit of the Forum": a name that holds the trigger names the event,
        # not a party to it.
        named_event = index.entity_at(token)
        participants = [p for p in participants if p != named_event]
        participants = _without_series_body(token, participants, index)
    # "invited X to the palace for talks": the inviting verb's "to" phrase is the place.
    invited = (
        token.pos_ not in ("VERB", "AUX")
        and token.dep_ == "pobj"
        and token.head.head.lemma_ in INVITING_VERBS
    )
    # "welcomed X to Zelin": the place the guest was welcomed to.
    extra_preps = {"to"} if invited or welcomed_to(token) else set()
    status = status_of(token, predicate)
    anchors = {token.i} | ({predicate.i} if predicate is not None else set())
    if invited:
        anchors.add(token.head.head.i)
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in SCHEDULING_LEMMAS:
        anchors.add(token.head.i)  # "on Saturday was scheduled to meet": the meeting's day
    tense: Tense = "future" if status == "planned" else "past" if status == "occurred" else None
    when = find_date(sent, anchors, published, tense)
    place_anchors = anchors
    if (
        token.dep_ == "pobj"
        and token.head.lower_ == "for"
        and token.head.head.lemma_.lower() in ARRIVING_VERBS
    ):
        # "flew into Tirana for talks": the journey's destination is where the talks are.
        place_anchors = anchors | {token.head.head.i}
        extra_preps = extra_preps | {"to", "into"}
    where = find_place(sent, place_anchors, index, token, extra_preps)
    # What the encounter's own clause leaves open, the clause around it and the occasion it
    # was held at may say (frames.py).
    # "discussed X in talks with Y, on the sidelines of a summit": the occasion may hang from
    # the clause the encounter is told in.
    telling = token.head.head if token.dep_ == "pobj" and token.head.head.pos_ in ("VERB", "AUX") else None
    occasion = occasion_frame(sent, place_anchors | ({telling.i} if telling is not None else set()))
    frames = [f for f in (clause_frame(token, predicate), occasion) if f is not None]
    for frame in frames:
        if when is not None and where is not None:
            break
        # A date of the clause around it is read in that clause's tense: "flew to Warsaw on
        # Tuesday to meet X" is last Tuesday, though the meeting was still to come then.
        frame_tense = clause_tense(frame.verb) if frame.verb is not None else tense
        if frame.governing:
            if None in (frame_tense, tense) or frame_tense == tense:
                when = when or find_date(sent, frame.anchors, published, tense)
            continue
        when = when or find_date(sent, frame.anchors, published, frame_tense or tense)
        where = where or find_place(sent, frame.anchors, index, token, extra_preps | frame.place_preps)
    if where is None:
        visit = visit_frame(sent, place_anchors | ({telling.i} if telling is not None else set()))
        if visit is not None:
            where = find_place(sent, visit.anchors, index, token, extra_preps | visit.place_preps)
    if (
        when is not None
        and status == "occurred"
        and published is not None
        and in_simple_present(token, predicate)
    ):
        # "On Wednesday, X meets Y": a timetable. The day named is the next one, and one
        # still to come was not held yet.
        ahead = find_date(sent, anchors, published, "future")
        for frame in frames:
            ahead = ahead or find_date(sent, frame.anchors, published, "future")
        if ahead is not None and len(ahead) == 10 and ahead > published.isoformat():
            when = ahead
    if (
        when is None
        and status == "occurred"
        and published is not None
        and in_present_progressive(token, predicate)
    ):
        when = published.isoformat()  # "responded from the palace, where he is hosting X"
    if (
        published is not None
        and when
        and status == "occurred"
        and len(when) == 10
        and when > published.isoformat()
    ):
        status = "planned"  # a day after the story cannot have happened yet
    elif (
        published is not None and when and status == "occurred" and when > published.isoformat()[: len(when)]
    ):
        # "held a call, and invited X for a visit later next year": a month or year after the
        # story's own is the date of something else the sentence tells, never of what was held.
        when = None
    # "the meeting", "their talks": the encounter a sentence before told, if there is one.
    # Where "their" names the group (groups.py) but no such encounter was told, the mention
    # stands on its own (see _link_anaphora).
    determiners = [c for c in token.children if c.dep_ in ("det", "poss") and c.lower_ in ANAPHORIC_DETS]
    anaphoric = (
        token.pos_ == "NOUN"
        and (bool(determiners) or dated_by_possessive(token))
        and (
            len(participants) < 2
            or any(set(index.groups.get(d.i, ())) == set(participants) for d in determiners)
        )
    ) or (
        token.pos_ == "NOUN"
        and not participants
        and where is not None
        and any(c.dep_ == "compound" for c in token.children)
    )
    return Mention(
        trigger.type,
        token,
        predicate,
        participants,
        when,
        where,
        status,
        anaphoric,
        [sent],
        occasion is not None,
    )


# Journeys whose destination is where the talks they are for take place.
ARRIVING_VERBS = words("arriving-verbs")
