"""What meetings and calls share: finding participants, date, place and status around a
trigger word, linking "the meeting" back to the encounter it names, and merging several
mentions of one encounter into one fact.

meetings.py and calls.py say which words are triggers; this module does the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from kg.model import Entity, Event, Evidence, Status
from kg.nlp import gazetteer
from kg.nlp.anchoring import find_date, find_place
from kg.nlp.cached import article_text
from kg.nlp.dateline import dateline_place
from kg.nlp.dates import Tense
from kg.nlp.entities import ArticleEntities, is_person_pronoun, resolve_pronoun
from kg.nlp.factuality import base_form, clause_tense, in_simple_present, status_of
from kg.nlp.frames import (
    OCCASION_NOUNS,
    clause_frame,
    is_lead_day,
    lead_frame,
    occasion_frame,
    story_occasion_place,
)
from kg.nlp.groups import hyphen_parties, hyphen_run
from kg.nlp.lexicon import words
from kg.nlp.visits import visit_trips

PARTICIPANT_TYPES = {"person", "organization", "country"}
# Verbs whose object is the event itself ("held talks"): their subject takes part in it.
LIGHT_VERBS = words("light-verbs")
# Verbs whose subject and object both take part in the event they govern: "invited X for talks".
INVITING_VERBS = words("inviting-verbs")
OBJECT_CONTROL_VERBS = words("object-control-verbs")
MEASURE_NOUNS = words("measure-nouns")
# "during a meeting in Beijing, X and Y agreed": an encounter the clause's subjects took part
# in, even with no "with" partner named.
ADJUNCT_EVENT_PREPS = {"during", "at"}
ANAPHORIC_DETS = {"the", "this", "that", "their", "its", "these", "those"}


@dataclass
class Trigger:
    type: str  # "meeting" or "call"
    token: Token  # the word that names the event
    predicate: Token | None = None  # the verb carrying its tense, when the trigger is a noun


@dataclass
class Mention:
    type: str
    trigger: Token
    predicate: Token | None
    participants: list[Entity]
    date: str | None
    place: Entity | None
    status: Status | None
    anaphoric: bool
    sents: list[Span] = field(default_factory=list)
    at_occasion: bool = False  # "on the sidelines of the summit": held at the story's occasion


TriggerFinder = Callable[[Token], Trigger | None]


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
    mentions = _link_anaphora(mentions)
    _cancel_with_occasion(mentions)
    _fill_from_lead(doc, mentions, index, published)
    _place_from_visits(mentions, _visit_destinations(doc, index), index)
    if any(m.at_occasion and m.place is None for m in mentions):
        occasion_place = story_occasion_place(doc, index)
        for mention in mentions:
            if mention.at_occasion and mention.place is None:
                mention.place = occasion_place
    # Two different parties: "the Harbour Union (HU) met" names one body twice.
    complete = [
        m for m in mentions if len(set(m.participants)) >= 2 and m.status is not None and not m.anaphoric
    ]
    return _merge(_drop_groups_with_named_people(complete), article_id)


VISIT_NOUNS = words("visit-nouns")


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
        when = find_date(token.sent, {token.i}, published, "future")
        mentions.append(
            Mention("meeting", token, None, [visitor, host], when, place, status, False, [token.sent])
        )
    return mentions


def _visit_destinations(doc: Doc, index: ArticleEntities) -> dict[Entity, Entity]:
    """Visitor -> the country or place the article says they are visiting ("a three-day
    official visit to Thailand", "his visit to Turkey"); a visitor with two destinations
    has none."""
    found: dict[Entity, set[Entity]] = {}
    for token in doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in VISIT_NOUNS:
            continue
        destinations = [
            e
            for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ == "to"
            for pobj in prep.children
            if pobj.dep_ == "pobj"
            for e in [index.entity_at(pobj)]
            if e is not None and e.type in ("country", "place")
        ]
        if len(destinations) != 1:
            continue
        visitors = [resolve_mention(c, index) for c in token.children if c.dep_ == "poss"]
        if not visitors:
            visitors = [resolve_mention(t, index) for t in subjects_of(governing_verb(token))]
        for visitor in visitors:
            if visitor is not None and visitor.type == "person":
                found.setdefault(visitor, set()).add(destinations[0])
    return {visitor: places.pop() for visitor, places in found.items() if len(places) == 1}


def _place_from_visits(
    mentions: list[Mention], destinations: dict[Entity, Entity], index: ArticleEntities
) -> None:
    """A visitor's encounter with someone from the country visited happens there: a minister
    on a visit to Austria meets the Austrian chancellor in Austria."""
    for mention in mentions:
        if mention.place is not None:
            continue
        for visitor in (p for p in mention.participants if p in destinations):
            destination = destinations[visitor]
            hosts = [p for p in mention.participants if p != visitor]
            if hosts and all(
                host == destination or any(org == destination.name for _, org in index.titles.get(host, ()))
                for host in hosts
            ):
                mention.place = destination
                break


def _is_included(token: Token) -> bool:
    return token.dep_ == "pobj" and token.head.lower_ in ("including", "notably", "among")


def _drop_groups_with_named_people(mentions: list[Mention]) -> list[Mention]:
    """ "Vondrak arrived for talks with Austrian leaders ... Vondrak will meet President Weber,
    Foreign Minister Lindqvist": where the article names the people someone meets, their
    encounter with a group ("Austrian leaders" -> Austria) is those same meetings told
    vaguely, not another fact."""
    met_people = {
        p for m in mentions if all(e.type == "person" for e in m.participants) for p in m.participants
    }
    return [
        m
        for m in mentions
        if all(e.type == "person" for e in m.participants)
        or len([e for e in m.participants if e.type == "person"]) != 1
        or not any(e.type == "person" and e in met_people for e in m.participants)
    ]


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
            _dominates(v.token, trigger.token, max_hops=3) for v in verbs if v.type == trigger.type
        ):
            continue
        kept.append(trigger)
    return kept


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
        return resolve_pronoun(token, index)
    lemma = token.lemma_.lower()
    if token.ent_type_ == "DATE":
        # "with Prime Minister Somchai Wongsawat Thursday": the parser made the day
        # the head and the name its compound.
        for child in token.children:
            named = index.entity_at(child) if child.dep_ == "compound" else None
            if named is not None and named.type == "person":
                return named
    # "his American counterpart, Donald Trump": the name in apposition.
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
                    return None if index.has_named_member(named) else named
    return None


def _participants_of(tokens: list[Token], index: ArticleEntities) -> list[Entity]:
    found: list[Entity] = []
    for token in tokens:
        for item in _listed(token):
            if item.i in index.groups:  # "their", "the two leaders": the story's group
                found.extend(e for e in index.groups[item.i] if e not in found)
                continue
            if _is_group_noun(item):
                # "the leaders of Poland and Czechia": the countries they stand for, where
                # the story names none of their people.
                bodies = [
                    e
                    for prep in item.children
                    if prep.dep_ == "prep" and prep.lower_ in ("of", "from")
                    for pobj in prep.children
                    if pobj.dep_ == "pobj"
                    for member in conjuncts(pobj)
                    if (e := index.entity_at(member)) is not None and e.type in ("country", "organization")
                ]
                found.extend(e for e in bodies if e not in found and not index.has_named_member(e))
                if bodies:
                    continue
            entity = resolve_mention(item, index)
            if entity is None or entity.type not in PARTICIPANT_TYPES or entity in found:
                continue
            # An apposition beside a named organisation or country is most often the same
            # body again ("the Political Force (PF)"); beside a description it names the one
            # described ("his counterpart, Nikola Kolev").
            if item.dep_ == "appos" and entity.type != "person":
                beside = resolve_mention(item.head, index)
                if beside is not None and beside.type != "person":
                    continue
            found.append(entity)
    return found


def _is_group_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and (
        token.lower_ in gazetteer.GROUP_NOUNS or token.lemma_.lower() in gazetteer.GROUP_NOUNS
    )


def _listed(token: Token, depth: int = 0) -> list[Token]:
    """The phrases a list names, through its conjuncts and the appositions that name each
    item: "his allies, the Japanese prime minister, Shinzo Abe, and the South Korean
    president, Moon Jae-in" gives the allies, Abe and Moon (the parser hangs such lists in
    many shapes)."""
    out: list[Token] = []
    for item in conjuncts(token):
        out.append(item)
        if depth < 3:
            for child in item.children:
                if child.dep_ == "appos":
                    out.extend(t for t in _listed(child, depth + 1) if t not in out)
    return out


def governing_verb(token: Token) -> Token:
    """The nearest verb above a word ("a visit to X" -> the verb the visit hangs from); the
    root where there is none."""
    verb = token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    return verb


def subjects_of(verb: Token) -> list[Token]:
    """The verb's subjects, borrowed from the governing verb where it has none of its own
    ("agreed to meet", "met X and discussed", "Putin, who met Trump")."""
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
        if subjects:
            return subjects
        came_from = current.dep_
        if current.dep_ == "xcomp" and base_form(current.head) in OBJECT_CONTROL_VERBS:
            # "urged Biden to visit Kyiv": the one urged visits, not the one urging.
            objects = [c for c in current.head.children if c.dep_ == "dobj"]
            if objects:
                return objects
        if current.dep_ in ("xcomp", "conj", "advcl", "acomp", "ccomp") and current.head != current:
            current = current.head
        elif current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head.head  # "told reporters before heading into talks"
        elif current.dep_ == "acl" and current.head.pos_ == "NOUN":
            # "his refusal to hold talks", "Weber's plan to meet": the possessor acts.
            owners = [c for c in current.head.children if c.dep_ == "poss"]
            return owners or [current.head]
        elif current.dep_ in ("relcl", "acl"):
            return [current.head]  # "Putin, who met Trump" / "Vondrak, speaking after talks"
        else:
            return []
    return []


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


def person_after(verb: Token, index: ArticleEntities) -> Entity | None:
    """The person named right after a speech verb: '"...," said Varga after talks'."""
    doc = verb.doc
    for i in range(verb.i + 1, min(verb.sent.end, verb.i + 4)):
        token = doc[i]
        if token.is_space:
            continue
        entity = index.entity_at(token)
        return entity if entity is not None and entity.type == "person" else None
    return None


def _with_objects(token: Token) -> list[Token]:
    objects: list[Token] = []
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "dative"):
            objects.append(child)
        elif (
            child.dep_ == "prep"
            and child.lower_ in ("with", "between", "among", "to")
            or child.dep_ == "agent"
        ):
            objects.extend(p for p in child.children if p.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ in ("by", "over", "via"):
            # "spoke by telephone with X": the parser hangs "with X" on the telephone.
            for means in (p for p in child.children if p.dep_ == "pobj"):
                objects.extend(_with_objects(means))
    return objects


def _noun_participants(noun: Token, index: ArticleEntities) -> tuple[list[Entity], Token | None]:
    """Participants of a nominal trigger, and the verb that carries its tense if any."""
    tokens = _with_objects(noun)
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
        and head.lower_ == "of"
        and head.head.dep_ == "pobj"
        and base_form(head.head) in MEASURE_NOUNS
    ):
        # "during five hours of talks with X": the talks stand where the hours stand.
        outer = head.head
        clause_verb = outer.head.head if outer.head.dep_ == "prep" else None
        found = _participants_of(tokens, index)
        if clause_verb is not None and clause_verb.pos_ in ("VERB", "AUX") and len(found) < 2:
            found += [e for e in _participants_of(subjects_of(clause_verb), index) if e not in found]
        return found, None
    elif (
        noun.dep_ == "pobj"
        and head.dep_ == "prep"
        and head.head.pos_ in ("VERB", "AUX", "ADJ")
        and (_has_partner(noun) or head.lower_ in ADJUNCT_EVENT_PREPS)
    ):
        # "said after talks with X", "went into talks with X", "was satisfied with talks
        # with X": the clause's subject is the other party, since the noun names only the
        # partner.
        verb = head.head
        found = _participants_of(tokens + subjects_of(verb), index)
        if len(found) < 2:
            extra = person_before(verb, index) or person_after(verb, index)
            if extra is not None and extra not in found:
                found.append(extra)
        return found, None
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


def _has_partner(noun: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "with" for c in noun.children)


def _split_visits(mention: Mention, trigger: Trigger, index: ArticleEntities) -> list[Mention]:
    """ "Vondrak will meet A, B and C": one visitor's separate meetings with each host. Only
    for a verb with one subject and a list of two or more named people as its object; a
    meeting *between* several parties stays one fact."""
    token = trigger.token
    if token.pos_ in ("VERB", "AUX"):
        subjects = _participants_of(subjects_of(token), index)
        objects = [e for e in _participants_of(_with_objects(token), index) if e not in subjects]
    elif _separate(token) and token.dep_ == "dobj" and token.head.lemma_ in LIGHT_VERBS:
        # "held separate talks with A, B and C", "held meetings with A and B".
        subjects = _participants_of(subjects_of(token.head), index)
        objects = [e for e in _participants_of(_with_objects(token), index) if e not in subjects]
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


def _verb_participants(verb: Token, index: ArticleEntities) -> list[Entity]:
    return _participants_of(subjects_of(verb) + _with_objects(verb), index)


# ---------------------------------------------------------------- mentions


def _mention(trigger: Trigger, index: ArticleEntities, published: date | None) -> Mention:
    token = trigger.token
    sent = token.sent
    if token.pos_ in ("VERB", "AUX"):
        participants = _verb_participants(token, index)
        predicate = trigger.predicate
    else:
        participants, predicate = _noun_participants(token, index)
        predicate = trigger.predicate or predicate
        # "the Beijing Summit of the Forum": a name that holds the trigger names the event,
        # not a party to it.
        named_event = index.entity_at(token)
        participants = [p for p in participants if p != named_event]
    # "invited X to the White House for talks": the inviting verb's "to" phrase is the place.
    invited = (
        token.pos_ not in ("VERB", "AUX")
        and token.dep_ == "pobj"
        and token.head.head.lemma_ in INVITING_VERBS
    )
    extra_preps = {"to"} if invited else set()
    status = status_of(token, predicate)
    anchors = {token.i} | ({predicate.i} if predicate is not None else set())
    if invited:
        anchors.add(token.head.head.i)
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in SCHEDULING_VERBS:
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
        when = when or find_date(sent, frame.anchors, published, frame_tense or tense)
        where = where or find_place(sent, frame.anchors, index, token, extra_preps | frame.place_preps)
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
        published is not None
        and when
        and status == "occurred"
        and len(when) == 10
        and when > published.isoformat()
    ):
        status = "planned"  # a day after the story cannot have happened yet
    # "the meeting", "their talks": the encounter a sentence before told, if there is one.
    # Where "their" names the group (groups.py) but no such encounter was told, the mention
    # stands on its own (see _link_anaphora).
    determiners = [c for c in token.children if c.dep_ in ("det", "poss") and c.lower_ in ANAPHORIC_DETS]
    anaphoric = (
        token.pos_ == "NOUN"
        and bool(determiners)
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

# Verbs whose date phrase is the day of the encounter they schedule ("is due Tuesday to
# meet"), unlike deciding verbs ("agreed Monday to meet"), whose date is the decision's.
SCHEDULING_VERBS = words("scheduling-verbs")


# How many sentences after a wire story's lead still report the lead's day.
LEAD_WINDOW = 3


def _fill_from_lead(
    doc: Doc, mentions: list[Mention], index: ArticleEntities, published: date | None
) -> None:
    """A news story's lead dates and places its news ("... arrived here Wednesday", "Hu
    welcomed five presidents on Friday at the Great Hall"), and the story tells that day's
    encounters without repeating the day or the place ("went straight into talks with ...").
    An encounter reported as past with no date of its own, never a past perfect ("had
    met"), which reaches back before the lead, takes the lead's day where it shares a person
    with the lead (anywhere in the story) or stands in the few sentences after a lead that
    names the publication day; and the lead's place (or the dateline's) where it shares a
    person with the lead and that day. Measured: te3-dev date accuracy 0.77 -> 0.82 and
    place 0.68 -> 0.75, modern-dev date 0.47 -> 0.56, when the shared-person rule reached
    past the first three sentences."""
    if published is None or not mentions:
        return
    lead = lead_frame(doc, index, published)
    if lead is None:
        return
    sentences = list(doc.sents)
    window = {s.start for s in sentences[: sentences.index(lead.sentence) + LEAD_WINDOW + 1]}
    story_day = is_lead_day(lead, published)
    place = lead.place or dateline_place(doc)
    for mention in mentions:
        shared = bool(lead.people & set(mention.participants))
        near = mention.trigger.sent.start in window
        speech = _told_beside(mention.trigger)
        if mention.status != "occurred" or not (near or shared or speech is not None):
            continue
        verbs = [t for t in (mention.predicate, mention.trigger, mention.trigger.head) if t is not None]
        if any(c.dep_ == "aux" and c.lemma_ == "have" for v in verbs for c in v.children):
            continue
        if mention.date is None and speech is not None:
            # "X said on Saturday after talks with Y", "Y said while meeting X": the talks
            # were the day of the words, and words with no day of their own are the news
            # of the story's day where they were said where its news is: "here", or at the
            # place of its lead or dateline.
            here = any(t.lower_ == "here" and t.head in (speech, mention.trigger) for t in speech.sent)
            at_news = here or (place is not None and mention.place in (None, place))
            mention.date = find_date(speech.sent, {speech.i}, published, "past") or (
                lead.day if story_day and at_news else None
            )
            if mention.date is not None and mention.date == lead.day and at_news:
                mention.place = mention.place or place
        if mention.date is None and ((near and story_day) or (shared and lead.day is not None)):
            mention.date = lead.day if shared and lead.day else published.isoformat()
        if (
            mention.place is None
            and shared
            and place is not None
            and mention.date == (lead.day or mention.date)
        ):
            mention.place = place


# Adjuncts that put an encounter right beside the words said: "said after talks with X".
BESIDE_PREPS = {"after", "during", "following", "at", "in"}
BESIDE_MARKS = {"while", "after", "when", "as"}


def _told_beside(trigger: Token) -> Token | None:
    """The speech verb an encounter is told beside: "X said after talks with Y", "told
    reporters after meeting Y", "said while meeting Y"."""
    if trigger.dep_ == "pobj" and trigger.head.lower_ in BESIDE_PREPS:
        verb = trigger.head.head
    elif trigger.dep_ == "pcomp" and trigger.head.lower_ in BESIDE_PREPS:
        verb = trigger.head.head  # "said after meeting with Y"
    elif trigger.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in BESIDE_MARKS for c in trigger.children
    ):
        verb = trigger.head
    else:
        return None
    if verb.pos_ == "VERB" and verb.tag_ == "VBD" and verb.lemma_.lower() in gazetteer.SPEECH_LEMMAS:
        return verb
    return None


def _link_anaphora(mentions: list[Mention]) -> list[Mention]:
    """ "During the meeting on August 18, ..." names the encounter the sentence before
    reported: it adds its date, place and, when it reports it as past, its status.
    "After their meeting, Weber went on to Paris" looks back on an encounter told a few
    sentences before ("flew in for talks with Weber"): it says the encounter took place."""
    for position, mention in enumerate(mentions):
        if not mention.anaphoric:
            continue
        antecedent = next((m for m in reversed(mentions[:position]) if not m.anaphoric), None)
        retrospective = mention.status == "occurred" and _looks_back(mention.trigger)
        if (
            antecedent is None
            or antecedent.type != mention.type
            or len(antecedent.participants) < 2
            or sentence_distance(antecedent.trigger, mention.trigger)
            > (RETROSPECTIVE_REACH if retrospective else 1)
            or (mention.date and antecedent.date and mention.date != antecedent.date)
        ):
            # No encounter to refer back to: one whose parties the group names stands alone.
            mention.anaphoric = len(mention.participants) < 2
            continue
        antecedent.date = antecedent.date or mention.date
        antecedent.place = antecedent.place or mention.place
        if (
            mention.status == "occurred"
            and antecedent.status == "planned"
            and (mention.date or retrospective)
        ):
            antecedent.status = "occurred"
        if mention.status == "not_occurred" and antecedent.status == "planned":
            antecedent.status = "not_occurred"  # "... the consultations were cancelled"
        antecedent.sents.extend(s for s in mention.sents if s not in antecedent.sents)
    return mentions


def _cancel_with_occasion(mentions: list[Mention]) -> None:
    """ "X and Y were due to meet at the gathering in Z, but that event was canceled": a
    planned encounter whose occasion the same sentence calls off did not take place."""
    for mention in mentions:
        if mention.status != "planned" or not mention.at_occasion:
            continue
        sent = mention.trigger.sent
        for noun in sent:
            if (
                noun.dep_ in ("nsubjpass", "nsubj", "dobj")
                and noun.i > mention.trigger.i
                and (noun.lemma_.lower() in OCCASION_NOUNS or noun.lower_ in OCCASION_NOUNS)
                and any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS for c in noun.children)
                and status_of(noun, noun.head) == "not_occurred"
            ):
                mention.status = "not_occurred"
                break


# How many sentences back "after the meeting" may look for the meeting it means.
RETROSPECTIVE_REACH = 3


def _looks_back(trigger: Token) -> bool:
    """ "after the meeting", "since their talks": the encounter lies in the past."""
    head = trigger.head
    return trigger.dep_ == "pobj" and head.lower_ in ("after", "since", "following")


def sentence_distance(a: Token, b: Token) -> int:
    """How many sentence starts lie between two tokens (0: the same sentence)."""
    first, second = sorted((a.sent.start, b.sent.start))
    if first == second:
        return 0
    return sum(1 for t in a.doc[first + 1 : second + 1] if t.is_sent_start)


def _merge(mentions: list[Mention], article_id: str) -> list[Event]:
    """Several mentions of one encounter in one article are one fact."""
    groups: list[Mention] = []
    evidence: dict[int, dict[Span, None]] = {}  # ordered sets: one story can tell a meeting 1,000 times
    for mention in mentions:
        key = (mention.type, frozenset(mention.participants))
        target = next(
            (
                g
                for g in groups
                if (g.type, frozenset(g.participants)) == key
                and g.status == mention.status
                and (g.date is None or mention.date is None or g.date == mention.date)
            ),
            None,
        )
        if target is None:
            groups.append(mention)
            evidence[id(mention)] = dict.fromkeys(mention.sents)
            continue
        target.date = target.date or mention.date
        target.place = target.place or mention.place
        evidence[id(target)].update(dict.fromkeys(mention.sents))
    events = []
    for group in groups:
        spans = sorted(evidence[id(group)], key=lambda s: s.start_char)
        events.append(
            Event(
                type=group.type,  # type: ignore[arg-type]
                participants=tuple(sorted(set(group.participants))),
                date=group.date,
                place=group.place,
                status=group.status,  # type: ignore[arg-type]
                evidence=tuple(evidence_of(article_id, s) for s in spans),
            )
        )
    return events


def evidence_of(article_id: str, span: Span) -> Evidence:
    text = span.text
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    start, end = span.start_char + lead, span.end_char - trail
    return Evidence(article_id, start, end, article_text(span.doc)[start:end])
