"""What meetings and calls share, clause by clause: the trigger words of a sentence, and for
each its mention of an encounter (participants, date, place and status from the clause
around it). The story-level step, which links and merges mentions, is assembly.py; it fills
them from the story's lead, trips and occasions through story_frames.py; the mention itself
is mention.py.

meetings.py and calls.py say which words are triggers; parties.py says who takes part in
each clause's encounter; this module does the rest (the mention's date, place and status,
and the story's trips and whereabouts that story_frames.py reads).
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date

from spacy.tokens import Doc, Span, Token

from kg.model import Entity, Event
from kg.nlp.anchoring import capital_named, dated_ahead, find_date, find_place
from kg.nlp.cached import tokens_with_lemma, tokens_with_lemma_or_lower
from kg.nlp.dateline import dateline_span
from kg.nlp.dates import Tense
from kg.nlp.entities import SETTLEMENT_NOUNS, ArticleEntities
from kg.nlp.facts.assembly import assemble
from kg.nlp.facts.clause_parties import clause_parties
from kg.nlp.facts.meetings import welcomed_to
from kg.nlp.facts.mention import (
    Finder,
    Mention,
    Trigger,
    dated_by_possessive,
    prep_objects,
)
from kg.nlp.facts.parties import (
    INCLUDING_WORDS,
    INVITING_VERBS,
    governing_verb,
    noun_participants,
    resolve_mention,
    separate_counterparts,
    split_visits,
    subjects_of,
    verb_participants,
    visits_no_one,
)
from kg.nlp.facts.story_frames import visit_destinations
from kg.nlp.factuality import (
    ANAPHORIC_DETS,
    JOURNEY_VERBS,
    SCHEDULING_LEMMAS,
    clause_tense,
    has_to,
    is_light_verb_object,
    postpones,
    present_tense,
    status_of,
    tells_one_occasion,
)
from kg.nlp.frames import (
    ARRIVING_VERBS,
    DEPARTING_VERBS,
    DESTINATION_PREPS,
    beside_place,
    clause_frame,
    occasion_frame,
    occurring_frame,
    visit_frame,
)
from kg.nlp.groups import hyphen_run
from kg.nlp.lexicon import words
from kg.nlp.visits import VISIT_NOUNS, asking_verb, visit_trips

DEFERRAL_PREPS = words("deferral-prepositions")

# Marks that open a line of a list: "-- X meets Y." in an agenda of the day.
LIST_MARKS = ("-", "\u2013", "\u2014", "\u2022")


def _list_item(sent: Span) -> bool:
    """Does the sentence open a line with a list mark? Not a dash inside a paragraph
    ("... in Bergen. - He is meeting X today"), which is no agenda."""
    if not sent.text.lstrip().startswith(LIST_MARKS):
        return False
    text = sent.doc.text
    line_start = text.rfind("\n", 0, sent.start_char) + 1
    return not text[line_start : sent.start_char].strip(" \t")


def extract_events(
    doc: Doc,
    index: ArticleEntities,
    article_id: str,
    published: date | None,
    finders: list[Finder],
) -> list[Event]:
    mentions: list[Mention] = []
    # The words each finder may take, looked up once for the story.
    taken = [
        {t.i for t in tokens_with_lemma_or_lower(doc, finder.lemmas, finder.forms)} for finder in finders
    ]
    candidates = sorted(set().union(*taken))
    for sent in doc.sents:
        words_here = candidates[bisect_left(candidates, sent.start) : bisect_left(candidates, sent.end)]
        triggers = _find_triggers(doc, words_here, finders, taken)
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
            mentions.extend(split_visits(mention, trigger, index))
    mentions.extend(_visit_mentions(doc, index, published))
    trips = _trips(doc, index)
    destinations = visit_destinations(trips)
    trip_days = _trip_days(trips, published, destinations)
    return assemble(
        doc, mentions, index, article_id, published, destinations, _whereabouts(doc, index), trip_days, trips
    )


# "arrived in Zelin", "on arrival in Port Zelin": where a visitor is now.
ARRIVAL_WORDS = words("arrival-words")
# "a week-long stay in Zelin": where a visitor is while the trip lasts.
STAY_WORDS = words("stay-words")


_TRIP_LEMMAS = VISIT_NOUNS | STAY_WORDS | ARRIVAL_WORDS


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


def _trips(doc: Doc, index: ArticleEntities) -> list[tuple[Token, bool, Entity, Entity]]:
    """Each visit or arrival the story tells with one destination: (its word, whether it is an
    arrival, the visitor, the destination)."""
    found: list[tuple[Token, bool, Entity, Entity]] = []
    # Only a word of the three lists is read below: those words, looked up, not every word.
    for token in tokens_with_lemma_or_lower(doc, _TRIP_LEMMAS, ARRIVAL_WORDS):
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
    "arrived in X", "is in X"), and entities of the `more` types named there; a town's noun
    stands for the name in apposition to it ("arrived in the Norlandic capital Zelin")."""
    found = []
    for pobj in prep_objects(token, preps):
        named = [pobj]
        if pobj.lemma_.lower() in SETTLEMENT_NOUNS:
            named += [c for c in pobj.children if c.dep_ == "appos"]
        entity = next(
            (
                e
                for word in named
                if (e := index.entity_at(word)) is not None and e.type in ("country", "place", *more)
            ),
            None,
        )
        # "a trip to the Norlandic capital": the country's capital
        entity = entity or capital_named(pobj)
        if entity is not None:
            found.append(entity)
    return found


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


# The parts of speech a finder (meetings.py, calls.py) takes a trigger from.
TRIGGER_POS = frozenset({"VERB", "NOUN", "PROPN"})


def _find_triggers(
    doc: Doc, positions: list[int], finders: list[Finder], taken: list[set[int]]
) -> list[Trigger]:
    """The triggers among the words at `positions` (one sentence's), each word given to the
    finders that may take it (`taken`, one set a finder), in order, until one finds it."""
    found: list[Trigger] = []
    for i in positions:
        token = doc[i]
        if token.pos_ not in TRIGGER_POS:
            continue
        for finder, its_words in zip(finders, taken, strict=True):
            trigger = finder.find(token) if i in its_words else None
            if trigger is not None:
                found.append(trigger)
                break
    # A noun trigger inside a verb trigger's clause ("met during a bilateral meeting") is the
    # same event: the verb's clause already holds its date and place.
    verbs = [t for t in found if t.token.pos_ in ("VERB", "AUX")]
    kept: list[Trigger] = []
    for trigger in found:
        if trigger.token.pos_ not in ("VERB", "AUX") and any(
            _dominates(v.token, trigger.token, max_hops=3)
            and not _parties_only_in(trigger.token, v.token)
            and not _purpose_of_visit(trigger.token, v.token)
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


def _purpose_of_visit(noun: Token, verb: Token) -> bool:
    """ "visited Kovrin for talks with X": the talks the visit was made for name their own
    partner; the one visited may be a place the tagger took for a person (parties.py reads
    no encounter from it then), or the same partner, whose mentions are merged."""
    return (
        verb.lemma_.lower() == "visit"
        and noun.dep_ == "pobj"
        and noun.head.lower_ == "for"
        and noun.head.head == verb
    )


def _dominates(head: Token, token: Token, max_hops: int) -> bool:
    for _ in range(max_hops):
        if token.head == token:
            return False
        token = token.head
        if token == head:
            return True
    return False


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
        participants = verb_participants(token, index)
        predicate = trigger.predicate
    else:
        participants, predicate = noun_participants(token, index, trigger.type)
        predicate = trigger.predicate or predicate
        # "the Zelin Summit of the Harbour Forum": a name that holds the trigger names the event,
        # not a party to it.
        named_event = index.entity_at(token)
        participants = [p for p in participants if p != named_event]
        participants = _without_series_body(token, participants, index)
    # Names the parser hung outside the positions the clause reader reads (not for a visit
    # to a place: whoever its clause names met no one there).
    if token.pos_ not in ("VERB", "AUX") or not visits_no_one(token, index):
        participants = participants + clause_parties(token, participants, index)
    if token.pos_ not in ("VERB", "AUX") and separate_counterparts(token, participants, index):
        participants = []  # "talks with A and B have finished": each the counterpart of a side unnamed
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
    for verb in (token, predicate):
        if verb is None or verb.dep_ != "xcomp":
            continue
        if verb.head.lemma_.lower() in SCHEDULING_LEMMAS:
            anchors.add(verb.head.i)  # "on Saturday was scheduled to meet": the meeting's day
        elif verb.head.lemma_.lower() == "be" and has_to(verb):
            # "On Monday, X is to meet Y", "are to hold talks on Friday": the "be" of an
            # arrangement carries the day of what it arranges.
            anchors.add(verb.head.i)
    tense: Tense = "future" if status == "planned" else "past" if status == "occurred" else None
    when = find_date(sent, anchors, published, tense)
    if when is None and token.dep_ == "dobj" and postpones(token.head):
        # "postponed her meeting with X until Friday": the new time is the meeting's day.
        deferred = {c.i for c in token.head.children if c.dep_ == "prep" and c.lower_ in DEFERRAL_PREPS}
        when = find_date(sent, deferred, published, "future") if deferred else None
    place_anchors = anchors
    if (
        token.dep_ == "pobj"
        and token.head.lower_ == "for"
        and token.head.head.lemma_.lower() in ARRIVING_VERBS | JOURNEY_VERBS | DEPARTING_VERBS
    ):
        # "flew into Tirana for talks", "visited Zelin for talks", "headed for Zelin for
        # talks": the journey's destination is where the talks are.
        place_anchors = anchors | {token.head.head.i}
        extra_preps = extra_preps | DESTINATION_PREPS
    where = find_place(sent, place_anchors, index, token, extra_preps)
    # What the encounter's own clause leaves open, the clause around it and the occasion it
    # was held at may say (frames.py).
    # "discussed X in talks with Y, on the sidelines of a summit": the occasion may hang from
    # the clause the encounter is told in.
    telling = token.head.head if token.dep_ == "pobj" and token.head.head.pos_ in ("VERB", "AUX") else None
    occasion = occasion_frame(sent, place_anchors | ({telling.i} if telling is not None else set()))
    frames = [f for f in (clause_frame(token, predicate), occurring_frame(token), occasion) if f is not None]
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
    where = where or beside_place(token, index)
    if (
        status is None
        and published is not None
        and when is not None
        and token.pos_ in ("NOUN", "PROPN")
        and when < published.isoformat()[: len(when)]
        and tells_one_occasion(token, predicate)
    ):
        # "at their December 2018 meeting", "the May 3 call with X": nothing carries the
        # encounter's tense, but a date before the story's own is a time already past.
        status = "occurred"
    told_now = present_tense(token, predicate) if published is not None and status == "occurred" else None
    present = told_now is not None
    if present and published is not None and when is not None:
        # "On Wednesday, X meets Y", "X is meeting Y on Friday": a timetable. The day named
        # is the next one, and one still to come was not held yet.
        ahead = find_date(sent, anchors, published, "future")
        for frame in frames:
            ahead = ahead or find_date(sent, frame.anchors, published, "future")
        if ahead is not None and len(ahead) == 10 and ahead > published.isoformat():
            when = ahead
    if present and (dated_ahead(sent, anchors) or _list_item(sent)):
        # "are meeting up next week", "meets X in the coming weeks"; "-- X meets Y.", "-- X
        # arrives in Lima to chair talks with Y.": a present on a line of a dashed list is
        # an item of a day's agenda, what is to come.
        status = "planned"
    if (
        when is None
        and status == "occurred"
        and published is not None
        and told_now == "progressive"
        and _progressive_holds(token)
    ):
        when = published.isoformat()  # "responded from the palace, where he is hosting X"
    if published is not None and when and status == "occurred" and when > published.isoformat()[: len(when)]:
        if len(when) == 10 or present:
            # A day after the story cannot have happened yet; a present told of a month or
            # year to come is what is to come ("is meeting X next month").
            status = "planned"
        else:
            # "held a call, and invited X for a visit later next year": a month or year after
            # the story's own is the date of something else the sentence tells, never of
            # what was held.
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


def _progressive_holds(token: Token) -> bool:
    """ "is hosting X", "are holding talks with X", "is conceding in a call with X": the
    encounter goes on with the act in progress, on the story's day. "are examining X's talks
    with Y" is not: the encounter is what another act in progress works on, and may be long
    past."""
    return not (token.dep_ == "dobj" and not is_light_verb_object(token))
