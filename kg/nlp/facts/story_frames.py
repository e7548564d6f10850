"""Dating and placing a story's encounters from the story around them, a step of
assembly.py each: an encounter its own clause leaves without a date or place takes them from
the day told just before it, the story's lead and dateline, the occasion it is told at, the
visitor's trip (where it is to, the day it brings), a trip or stay told beside it, another
encounter told a day apart, or where its people are now; and one told before something of
the story's own day is still to come. frames.py reads the lead and the story's occasions;
this module fills the mentions from them. Also each visitor's one destination
(visit_destinations), which events.py reads with the story's trips.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from spacy.tokens import Doc, Token

from kg.model import Entity
from kg.nlp import gazetteer
from kg.nlp.anchoring import (
    RELATIVE_TIME_PREPS,
    date_text,
    day_told_before,
    ended_before_story,
    find_date,
    spans_days,
)
from kg.nlp.cached import doc_ents, ents_in
from kg.nlp.dateline import dateline_place
from kg.nlp.dates import Tense, day_count, normalise_date, shift_day
from kg.nlp.entities import ArticleEntities
from kg.nlp.facts.mention import Mention, sentence_distance
from kg.nlp.factuality import JOURNEY_VERBS, MOTION_LEMMAS, TOPIC_PREPS, clause_tense, status_of
from kg.nlp.frames import (
    STORY_OCCASION_NOUNS,
    LeadFrame,
    beside_verb,
    is_lead_day,
    occasions_of_day,
    story_occasion_date,
    story_occasion_place,
    story_occasions,
)
from kg.nlp.lexicon import words
from kg.nlp.visits import LEADER_TITLES, VISIT_NOUNS

# Prepositions that put an encounter inside a span of days: "during his stay", "on holiday".
SPAN_PREPS = {"during", "on", "throughout"}
SPAN_NOUNS = VISIT_NOUNS | words("stay-words") | words("span-frames")
PHASE_VERBS = words("phase-verbs")


def visit_destinations(trips: list[tuple[Token, bool, Entity, Entity]]) -> dict[Entity, Entity]:
    """Visitor -> their one destination, from the story's trips ("a three-day official visit
    to Thailand", "his visit to Turkey"); a visitor with two destinations has none. An
    arrival's place ("arrived in Zelin on the last leg of her tour") is where they are now:
    it comes before the trip's destination."""
    visits: dict[Entity, set[Entity]] = {}
    arrivals: dict[Entity, set[Entity]] = {}
    for _, arrival, visitor, destination in trips:
        (arrivals if arrival else visits).setdefault(visitor, set()).add(destination)
    found = {**visits, **{visitor: _finest(places) for visitor, places in arrivals.items()}}
    return {visitor: places.pop() for visitor, places in found.items() if len(places) == 1}


def _finest(places: set[Entity]) -> set[Entity]:
    """ "arrived in Norland ... arrived in the Norlandic capital Zelin": arriving in a country
    and in its capital is one arrival, the capital the finer. Not so a visit to a country
    and one to its capital: a visit to a country may take in more than its capital."""
    countries = {gazetteer.country_of_capital(p.name) for p in places} - {None}
    return {p for p in places if not (p.type == "country" and p.name in countries)}


def _told_over_days(mention: Mention) -> bool:
    """ "During his stay in Zelin, X held talks with Y", "X, on holiday in Port Zelin, met Y",
    "after a three-day meeting with Y": an encounter told inside a stay, a visit or a
    holiday, or as lasting days, is on no one day the story names for something else (its
    lead's, the visitor's arrival): only a date of its own dates it."""
    words_of = [t for t in (mention.trigger, mention.predicate) if t is not None]
    heads = list(words_of)
    for token in words_of:
        # up the clause: "is scheduled to meet", "will also have talks"
        while token.dep_ in ("xcomp", "dobj", "pobj", "prep") and token.head != token:
            token = token.head
            heads.append(token)
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in SPAN_PREPS:
                continue
            if any(o.dep_ == "pobj" and o.lemma_.lower() in SPAN_NOUNS for o in prep.children):
                return True
    return spans_days(mention.trigger.sent, {mention.trigger.i})


def ahead_of_the_days_news(mentions: list[Mention], published: date) -> None:
    """ "X laid out his plan on Tuesday, hours before his meeting with Y" in Tuesday's story:
    an encounter after something told on the story's own day (the object of "before") was
    still to come when the story was written. Not one the story tells elsewhere as held ("In
    Zelin, before her meeting with Y, she visited ... told reporters after talks with Y")."""
    ahead = [
        m
        for m in mentions
        if m.status == "occurred"
        and m.date == published.isoformat()
        and m.trigger.pos_ == "NOUN"
        and m.trigger.dep_ == "pobj"
        and m.trigger.head.lower_ == "before"
    ]
    held = {frozenset(m.participants) for m in mentions if m.status == "occurred" and m not in ahead}
    for mention in ahead:
        if frozenset(mention.participants) not in held:
            mention.status = "planned"


def date_from_telling_without_parties(mentions: list[Mention]) -> None:
    """ "X and Y agreed to share the grounds after a meeting Thursday. ... X and Y described
    their meeting as ...", "Y said X spoke of it at their meeting on Wednesday. ... X's
    meeting with Y was seen as ...": where the story tells one encounter of a kind and
    status with its parties but no date, and tells the same kind of encounter, held (or
    planned) alike, only without naming who took part, on one day, that is its day. Not a
    body's own meeting ("a cabinet meeting on Tuesday"), nor an occasion ("the summit of
    the union's leaders on May 14"), nor a telling that already names an encounter the story
    told before (assembly._link_anaphora)."""
    for kind, status in {(m.type, m.status) for m in mentions}:
        alike = [m for m in mentions if m.type == kind and m.status == status]
        named = [m for m in alike if len(set(m.participants)) >= 2 and not m.anaphoric]
        if len({frozenset(m.participants) for m in named}) != 1 or any(m.date for m in named):
            continue
        days = {
            m.date
            for m in alike
            if not m.participants
            and m.date is not None
            and m.antecedent is None
            and m.trigger.pos_ == "NOUN"
            and m.trigger.lemma_.lower() not in STORY_OCCASION_NOUNS
            and not any(_names_its_kind(c) for c in m.trigger.children)
        }
        if len(days) == 1:
            day = days.pop()
            for mention in named:
                mention.date = day


# Words that tell a clause as what came next in the story's narrative, on the same
# occasion: "Afterwards, X met Y", "and then X will meet Y", "X met there with Y".
NARRATIVE_NEXT = words("narrative-next")
# Verbs of a journey on the way up: a journey to another place may take days.
_GOING = MOTION_LEMMAS | JOURNEY_VERBS


def date_from_sentence_before(mentions: list[Mention], published: date) -> None:
    """ "X spoke in Zelin on Thursday. He met there with Y", "X was pictured on Tuesday with
    Y. Afterwards, Z met W", "X will meet Y on Friday, and then Z will meet W": an encounter
    whose sentence names no date but tells it as what came next, by a word of sequence or
    of place on its clause's way to the sentence's root, is on the day the sentence before
    gives its own main clause, where that clause is told in the same time (past for a held
    encounter, future for a planned one) and the day is at or before the story's for a held
    one, at or after it for a planned one. Not through a clause of saying ("Afterwards he said he had
    met Y"): what is said may be of any time."""
    for mention in mentions:
        if mention.date is not None or mention.status not in ("occurred", "planned"):
            continue
        if _told_over_days(mention):
            continue
        sent = mention.trigger.sent
        if sent.start == 0 or any(e.label_ in ("DATE", "TIME") for e in ents_in(sent)):
            continue
        if not _told_as_next(mention.trigger):
            continue
        before = sent.doc[sent.start - 1].sent
        held = mention.status == "occurred"
        tense = clause_tense(before.root)
        if tense != ("past" if held else "future"):
            continue  # the sentence before is told of another time than the encounter
        value = find_date(before, {before.root.i}, published, tense)
        if value is None:
            continue
        today = published.isoformat()
        if (value <= today[: len(value)]) if held else (len(value) == 10 and value >= today):
            mention.date = value


def _told_as_next(trigger: Token) -> bool:
    """Is there a word of sequence ("then", "afterwards") or "there" on the verbs from the
    trigger up to its sentence's root, with no clause of saying between? Not where the way
    goes through a journey ("and then go to Zelin for a summit with Y"): a journey to
    another place may take days."""
    token = trigger
    found = False
    for _ in range(8):
        if token.pos_ == "VERB" and token.lemma_.lower() in _GOING:
            return False
        if token.dep_ in ("ccomp", "parataxis"):
            return False  # a clause of saying (or one set beside it): of any time
        found = found or any(c.dep_ == "advmod" and c.lower_ in NARRATIVE_NEXT for c in token.children)
        if token.head == token:
            break
        token = token.head
    return found


def _names_its_kind(child: Token) -> bool:
    """ "a cabinet meeting", "the meeting of the group": a body's own gathering."""
    return (child.dep_ == "compound" and child.pos_ in ("NOUN", "PROPN")) or (
        child.dep_ == "prep" and child.lower_ == "of"
    )


def date_from_day_apart(mentions: list[Mention], published: date) -> None:
    """ "X made a trip to Zelin to meet Y, a day after Z met W in Riga", "the meeting taking
    place a day after they attended a gathering": an encounter told in a clause "a day (two
    days) after/before" another encounter's clause is that many days before (after) the
    other's day, where the story gives that one a day; the other clause's own day ("met Y
    on Thursday, two days after Z met W") is not this one's."""
    for mention in mentions:
        for verb in (t for t in (mention.trigger, mention.predicate) if t is not None):
            found = _day_apart(verb)
            if found is None:
                continue
            words, days = found
            told = {
                d for m in mentions if m is not mention and _told_in(m, words) and (d := _resolved(m).date)
            }
            shifted = {d for day in told if (d := shift_day(day, days)) is not None}
            if mention.status == "occurred":
                shifted = {day for day in shifted if day <= published.isoformat()}
            # A date of its own stands, but not the other clause's day, taken over from it.
            if len(shifted) == 1 and (mention.date is None or mention.date in told):
                mention.date = shifted.pop()
                break


def _day_apart(verb: Token) -> tuple[set[int], int] | None:
    """For a clause verb under "a day after" / "two days before": the words of the clause it
    is told against and how many days that one is after (+) or before (-) it."""
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
    if mark is None or verb.dep_ not in ("advcl", "conj") or mark.i < 2:
        return None
    count = day_count(mark.nbor(-2).lower_, mark.nbor(-1).lower_)
    if count is None or mark.nbor(-1).dep_ != "npadvmod":
        return None
    other = verb.head
    words = {other.i} | {c.i for c in other.children if c.dep_ in ("nsubj", "advcl", "xcomp") and c != verb}
    return words, -count if mark.lower_ == "after" else count


def _told_in(mention: Mention, words: set[int]) -> bool:
    return mention.trigger.i in words or (mention.predicate is not None and mention.predicate.i in words)


def _resolved(mention: Mention) -> Mention:
    """The encounter an anaphoric mention names ("the meeting"), through the links
    assembly._link_anaphora made; the mention itself otherwise."""
    seen = []
    while mention.antecedent is not None and mention not in seen:
        seen.append(mention)
        mention = mention.antecedent
    return mention


def fill_from_day_told_before(mentions: list[Mention], published: date) -> None:
    """ "X spent Thursday on Asia. X held a meeting in the morning with Y", "Before leaving on
    Friday, X said Y and Z had just spoken": a past encounter with only a part of a day, or
    told as just past, is on the day the story named last before it."""
    for mention in mentions:
        if mention.date is not None or mention.status != "occurred" or _told_over_days(mention):
            continue
        verbs = [t for t in (mention.predicate, mention.trigger) if t is not None]
        mention.date = day_told_before(mention.trigger.sent, {t.i for t in verbs}, verbs, published)


def fill_from_occasion(
    doc: Doc, mentions: list[Mention], index: ArticleEntities, lead: LeadFrame | None, published: date | None
) -> None:
    """ "on the sidelines of the summit": an encounter at the story's occasion takes the
    place the story gives that occasion, where it gives one (frames.py). So does a meeting
    on the day of the story's lead ("X will also meet Y later Tuesday" in a story of
    Tuesday's summit in Gdansk), unless it is told "here" in a story without a
    dateline. Before a trip: the occasion is where the visitor is for it. An encounter at
    the occasion with no date of its own takes the date the story gives the occasion."""
    day = lead.day if lead is not None else None

    def at_occasion(mention: Mention) -> bool:
        on_story_day = (
            mention.type == "meeting"
            and day is not None
            and mention.date == day
            and not _here_without_dateline(doc, mention)
        )
        return mention.place is None and (mention.at_occasion or on_story_day)

    targets = [m for m in mentions if at_occasion(m)]
    # "on the sidelines of the upcoming forum": when the story says when the forum is.
    undated = [m for m in mentions if m.at_occasion and m.date is None]
    # The story's occasions, read once for both.
    occasions = story_occasions(doc) if targets or undated else []
    occasion_date = story_occasion_date(occasions, published) if targets or undated else None
    if targets:
        occasion_place = story_occasion_place(occasions, index)
        # A meeting tied to the occasion by its day alone is at the occasion of that day, not at
        # one the story tells as still to come (frames.occasions_of_day) nor at one whose own
        # mention is told as another time's: "They discussed preparations for the summit in
        # Zelin", "a plan launched in June 2022 at the summit in Port Zelin".
        other_times = {m.trigger.i for m in mentions if _told_at_another_time(m, day)}
        of_day = occasions_of_day(occasions, day, published) if day else []
        day_place = story_occasion_place([o for o in of_day if o[0].i not in other_times], index)
        today = published.isoformat() if published is not None else None
        for mention in targets:
            if mention.at_occasion and _dated_apart(mention.date, occasion_date or day or today):
                # "during his summit with Y last month", "at a news conference with Y last
                # July": an occasion of another time than the story's, not the story's.
                continue
            mention.place = occasion_place if mention.at_occasion else day_place
    if undated:
        for mention in undated:
            if not _told_on_the_far_side(mention, occasion_date, published):
                mention.date = occasion_date


def _told_on_the_far_side(mention: Mention, occasion: str | None, published: date | None) -> bool:
    """ "X will hold talks with Y on the sidelines of the summit. The summit was held in
    March last year": an encounter still to come is not at an occasion of a month before
    the story's, nor a held one at an occasion of a month after it."""
    if occasion is None or published is None or occasion.startswith("-"):
        return False
    story = published.isoformat()[: min(len(occasion), 7)]
    told = occasion[: len(story)]
    return (mention.status == "planned" and told < story) or (mention.status == "occurred" and told > story)


def _dated_apart(told: str | None, occasion: str | None) -> bool:
    """Do an encounter's own date and the story's occasion's fall in different months
    ("2018-04" and "2018-06-12"), or years where one has no month? Days a little apart may
    be one gathering's."""
    if not told or not occasion:
        return False
    precision = min(len(told), len(occasion), 7)
    return told[:precision] != occasion[:precision]


def _told_at_another_time(mention: Mention, day: str | None) -> bool:
    """Is an encounter told as still to come, or dated to other than the story's day?"""
    return mention.status != "occurred" or (
        mention.date is not None and day is not None and not day.startswith(mention.date)
    )


def place_from_visits(
    doc: Doc,
    mentions: list[Mention],
    trips: list[tuple[Token, bool, Entity, Entity]],
    index: ArticleEntities,
    published: date | None,
) -> None:
    """A visitor's encounter with someone from the country visited happens there: a minister
    on a visit to Austria meets the Austrian chancellor in Austria, and one who arrived in
    the Austrian capital meets him in that city. An encounter told "here" is at the
    dateline's place, and where the story has no dateline its place is not said. A call is
    not held on the trip (it has no place), nor is an encounter "on the sidelines of the
    forum" (told so anywhere in the story): its occasion places it, wherever else the
    visitor has been. Only the trips the encounter may have been on count (_TripTime): a
    visitor's one destination among those."""
    at_occasion = {frozenset(m.participants) for m in mentions if m.at_occasion}
    timed: list[tuple[tuple[Token, bool, Entity, Entity], _TripTime]] | None = None
    for mention in mentions:
        if (
            mention.place is not None
            or mention.type != "meeting"
            or frozenset(mention.participants) in at_occasion
            or _here_without_dateline(doc, mention)
        ):
            continue
        if timed is None:  # read once, and only for a story with an encounter to place
            timed = [(trip, _TripTime.of(trip, published)) for trip in trips]
        destinations = visit_destinations([t for t, time in timed if time.may_hold(mention, published)])
        for visitor in (p for p in mention.participants if p in destinations):
            if _hosted_there(mention, visitor, destinations[visitor], index):
                mention.place = destinations[visitor]
                break


@dataclass(frozen=True)
class _TripTime:
    """When a trip is told, read once per trip: as the time something else came before or
    after ("arrived here after a state visit to Norland"), as still to come ("her visit to
    Velonia will be an opportunity"), as a visit that ended before the story's day ("during
    a visit to Zelin last week")."""

    background: bool
    to_come: bool
    ended: bool

    @staticmethod
    def of(trip: tuple[Token, bool, Entity, Entity], published: date | None) -> _TripTime:
        word, arrival, _, _ = trip
        return _TripTime(
            background=word.dep_ == "pobj" and word.head.lower_ in RELATIVE_TIME_PREPS,
            to_come=status_of(word, None) == "planned",
            ended=not arrival and published is not None and ended_before_story(word, published),
        )

    def may_hold(self, mention: Mention, published: date | None) -> bool:
        """May the encounter have taken place on the trip? Not on one told as background,
        nor, when it was held, on one still to come, nor, when it is to come or on the
        story's day, on a visit that ended before that day."""
        if self.background or (mention.status == "occurred" and self.to_come):
            return False
        if not self.ended or published is None:
            return True
        return mention.status == "occurred" and (mention.date is None or mention.date < published.isoformat())


def place_from_trip_told_beside(
    doc: Doc,
    mentions: list[Mention],
    trips: list[tuple[Token, bool, Entity, Entity]],
) -> None:
    """ "reminds me of X's trip to Zelin in 1985, recalling the meeting between X and Y",
    "her visit to the Harbour Union in which she and Y ... So they sat there, as they were
    having the meeting", "On a week-long stay in Zelin, X also met Y", "During a tour
    of Port Zelin, X met Y": an encounter of a visitor told in the sentence of a trip or stay
    of the visitor's, or in the one right after it, with no place of its own, is at that
    trip's destination, whoever the visitor meets there; the trip told in the encounter's own
    sentence first. Two destinations told as near: none. A trip, not an arrival: someone who
    arrived in a town may meet a leader whose town it is not (_unnamed_country_hosts)."""
    for mention in mentions:
        if (
            mention.type != "meeting"
            or mention.place is not None
            or mention.at_occasion
            or _here_without_dateline(doc, mention)
        ):
            continue
        for visitor in mention.participants:
            told = _told_of_trips_beside(mention, visitor, trips, lambda trip, destination: destination)
            if len(told) == 1:
                mention.place = told.pop()
                break


Told = TypeVar("Told")


def _told_of_trips_beside(
    mention: Mention,
    visitor: Entity,
    trips: list[tuple[Token, bool, Entity, Entity]],
    told_of: Callable[[Token, Entity], Told | None],
) -> set[Told]:
    """What `told_of` reads from each trip (not an arrival) of the visitor told in the
    encounter's sentence, or else in the one before it: the nearest sentence that tells one."""
    for distance in (0, 1):
        told = {
            value
            for trip, arrival, who, destination in trips
            if not arrival
            and who == visitor
            and trip.sent.start <= mention.trigger.sent.start
            and sentence_distance(trip, mention.trigger) == distance
            and (value := told_of(trip, destination)) is not None
        }
        if told:
            return told
    return set()


def date_from_trip_told_beside(
    mentions: list[Mention], trips: list[tuple[Token, bool, Entity, Entity]], published: date
) -> None:
    """ "Her March 2019 visit to the Harbour Union, in which she and Y ... as they were
    having the meeting", "X paid a visit to Zelin on Tuesday for talks with Y": an encounter
    of a visitor told in the sentence of a trip of the visitor's that the story dates, or in
    the one right after it, with no date of its own, is when that trip was, at the precision
    the story gives it; the trip in the encounter's own sentence first. Not a trip of days
    told by one day ("arrived on Tuesday for a four-day visit", "started a visit on
    Friday"), nor an encounter told inside one (_told_over_days); not a day to come for an
    encounter told as held."""
    for mention in mentions:
        if mention.type != "meeting" or mention.date is not None or mention.at_occasion:
            continue
        if _told_over_days(mention):
            continue
        for visitor in mention.participants:
            told = _told_of_trips_beside(mention, visitor, trips, lambda trip, _: _trip_date(trip, published))
            if len(told) == 1:
                day = told.pop()
                if mention.status != "occurred" or day <= published.isoformat():
                    mention.date = day
                break


def _trip_date(trip: Token, published: date) -> str | None:
    """The date the story gives a trip word ("her September 2011 visit", "his trip to Zelin in
    1985", "paid a visit to Zelin on Tuesday"), in the trip's own tense; none for a trip of
    days ("a four-day visit")."""
    anchors = {trip.i}
    if trip.dep_ == "dobj" and trip.head.pos_ == "VERB":
        if trip.head.lemma_.lower() in PHASE_VERBS:
            return None  # "started a visit to Zelin on Friday": one end of a trip of days
        anchors.add(trip.head.i)  # "paid a visit", "made a trip"
    if spans_days(trip.sent, anchors):
        return None
    tense: Tense = "future" if status_of(trip, None) == "planned" else "past"
    return find_date(trip.sent, anchors, published, tense)


def _same_place(place: Entity, destination: Entity) -> bool:
    """Is the place the destination, its capital or its country?"""
    names = {place.name, gazetteer.country_of_capital(place.name)}
    return destination.name in names or gazetteer.country_of_capital(destination.name) in names - {None}


def _hosted_there(mention: Mention, visitor: Entity, destination: Entity, index: ArticleEntities) -> bool:
    """Are the visitor's partners in the encounter the destination itself or its people? With
    one of its people, so are those the story gives no country at all ("Norlandic President
    X and Premier Y are to meet the visitor")."""
    country = {destination.name, gazetteer.country_of_capital(destination.name)} - {None}
    hosts = [p for p in mention.participants if p != visitor]
    of_country = [
        host
        for host in hosts
        if host == destination or any(org in country for _, org in index.titles.get(host, ()))
    ]
    return bool(hosts) and (
        all(
            host in of_country
            or (
                bool(of_country)
                and host.type == "person"
                and all(org is None for _, org in index.titles.get(host, ()))
            )
            for host in hosts
        )
        or _unnamed_country_hosts(hosts, destination, index)
    )


def date_from_trip(
    mentions: list[Mention],
    trip_days: dict[Entity, tuple[str, Token]],
    destinations: dict[Entity, Entity],
    index: ArticleEntities,
    published: date,
) -> None:
    """ "X will visit Norland this week for talks with Norland leaders. X, who is due to arrive
    on Wednesday, ...": an encounter of the visitor with the people of the place visited,
    with no date of its own or from its frames, is on the day the story gives the trip,
    where the story has not moved on to another day between the two ("made a trip to Norland
    to meet X. She arrived on Tuesday"): the day the trip is to bring it. Not a day to come
    for one told as held; and only from another sentence ("arrived on Sunday, where she will
    meet X" says no more than that the meeting is to come)."""
    for mention in mentions:
        if mention.date is not None or mention.type != "meeting" or _told_over_days(mention):
            continue
        if mention.status not in ("occurred", "planned"):
            continue
        for visitor in (p for p in mention.participants if p in trip_days):
            day, trip = trip_days[visitor]
            if trip.sent == mention.trigger.sent:
                continue  # the sentence's own frames have said whether the trip's day is its
            if mention.place is not None and not _same_place(mention.place, destinations[visitor]):
                continue  # placed elsewhere: not on this trip
            if not _hosted_there(mention, visitor, destinations[visitor], index):
                continue
            if mention.status == "occurred" and day > published.isoformat():
                continue  # held, yet on a day still to come
            if _another_day_between(trip, mention.trigger, day, published):
                continue
            mention.date = day
            break


def _another_day_between(trip: Token, trigger: Token, day: str, published: date) -> bool:
    """Does the story name a day other than `day` (and the story's own, the day things are
    said) from the trip's sentence to the encounter's? A weekday is read either way."""
    first, last = sorted((trip.sent, trigger.sent), key=lambda s: s.start)
    for ent in doc_ents(trip.doc):
        if ent.label_ not in ("DATE", "TIME") or not first.start <= ent.start < last.end:
            continue
        readings = {normalise_date(date_text(ent), published, tense) for tense in ("past", "future")}
        days = {value for value in readings if value is not None and len(value) == 10}
        if days and not days & {day, published.isoformat()}:
            return True
    return False


def _unnamed_country_hosts(hosts: list[Entity], destination: Entity, index: ArticleEntities) -> bool:
    """ "X, who arrived in Zelin on a visit, met Prime Minister Y and Speaker Z": where the trip
    is to a country (or its capital), a host the story titles its leader without naming the
    country ("Prime Minister Y", "King Y") is that country's, and so are people with him the
    story gives no country at all."""
    if destination.type != "country" and gazetteer.country_of_capital(destination.name) is None:
        return False  # "arrived in the provincial capital": whose leader the host is, is not told
    titles = [held for host in hosts for held in index.titles.get(host, ())]
    return (
        all(host.type == "person" for host in hosts)
        and all(org is None for _, org in titles)
        and any(title in LEADER_TITLES for title, _ in titles)
    )


def place_from_whereabouts(
    doc: Doc, mentions: list[Mention], whereabouts: dict[Entity, Entity], published: date
) -> None:
    """ "X met Y on Saturday ... X is in Tallinn for a state visit" in a Saturday story: an
    encounter on the story's own day is where the story says its participants are that
    day, wherever the other one comes from (two visitors at a third country's summit).
    Not one told "here" in a story without a dateline (FACTS.md: no place)."""
    for mention in mentions:
        if (
            mention.place is not None
            or mention.type != "meeting"
            or mention.date != published.isoformat()
            or _here_without_dateline(doc, mention)
        ):
            continue
        places = {whereabouts[p] for p in mention.participants if p in whereabouts}
        if len(places) == 1:
            mention.place = places.pop()


# How many sentences after a wire story's lead still report the lead's day.
LEAD_WINDOW = 3


def fill_from_lead(doc: Doc, mentions: list[Mention], lead: LeadFrame, published: date) -> None:
    """A news story's lead dates and places its news ("... arrived here Wednesday", "Weber
    welcomed five presidents on Friday at the Harbour Hall"), and the story tells that day's
    encounters without repeating the day or the place ("went straight into talks with ...").
    An encounter reported as past with no date of its own, never a past perfect ("had
    met"), which reaches back before the lead, takes the lead's day where it shares a person
    with the lead (anywhere in the story; not where the lead tells words said, see
    _lead_tells_acts) or stands in the few sentences after a lead that names the publication
    day; and the lead's place (or the dateline's) where it shares a
    person with the lead and that day."""
    sentences = list(doc.sents)
    window = {s.start for s in sentences[: sentences.index(lead.sentence) + LEAD_WINDOW + 1]}
    story_day = is_lead_day(lead, published)
    lead_dates_its_people = lead.day is not None and _lead_tells_acts(lead)
    place = lead.place or dateline_place(doc)
    for mention in mentions:
        shared = bool(lead.people & set(mention.participants))
        near = mention.trigger.sent.start in window
        speech = _told_beside(mention.trigger)
        if mention.status != "occurred" or not (near or shared or speech is not None):
            continue
        if _topic_of_noun(mention.trigger):
            continue
        if mention.date is None and _told_over_days(mention):
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
        if (
            mention.date is None
            and ((near and story_day) or (shared and lead_dates_its_people))
            and not _told_under_another_day(mention.trigger, lead.day or published.isoformat(), published)
        ):
            mention.date = lead.day if shared and lead.day else published.isoformat()
        if (
            mention.place is None
            and shared
            and place is not None
            # that day: the lead's, or the story's where the lead has none ("X met Y last
            # week" in a story whose lead names no day was not at its dateline)
            and mention.date == (lead.day or published.isoformat())
        ):
            mention.place = place


def _told_under_another_day(trigger: Token, day: str, published: date) -> bool:
    """ "X also tweeted Saturday that he had a long talk with Y" in a story whose lead tells
    Sunday's news: an encounter told inside a clause (of saying, mostly) that its sentence
    dates to another day belongs to that clause's time, not to the lead's day."""
    above = list(trigger.ancestors)
    for ent in ents_in(trigger.sent):
        root = ent.root
        holder = root.head.head if root.dep_ == "pobj" and root.head.dep_ == "prep" else root.head
        if ent.label_ != "DATE" or holder not in above or root.dep_ not in ("npadvmod", "pobj"):
            continue
        value = normalise_date(date_text(ent), published, "past")
        if value is not None and value != day[: len(value)]:
            return True
    return False


def _topic_of_noun(trigger: Token) -> bool:
    """ "a firestorm over his talks with X", "questions about the meeting with Y": the
    encounter is what a noun of the story's news is about, told as known already; the
    news's day is not its day."""
    prep = trigger.head
    return (
        trigger.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.lower_ in TOPIC_PREPS
        and prep.head.pos_ == "NOUN"
    )


def _lead_tells_acts(lead: LeadFrame) -> bool:
    """ "X arrived in Zelin on Monday", not "X said on Saturday that ...": a lead whose own
    verb is one of saying dates the words, and an encounter of X the story tells further on
    ("X also met Y", "X's meeting with Y was seen as ...") was not on that day for it."""
    return lead.sentence.root.lemma_.lower() not in gazetteer.SPEECH_LEMMAS


def _here_without_dateline(doc: Doc, mention: Mention) -> bool:
    """Told "here" in a story with no dateline: FACTS.md gives such an encounter no place."""
    return _told_here(mention) and dateline_place(doc) is None


def _told_here(mention: Mention) -> bool:
    """ "X said here when meeting Y", "talks here with Y": "here" hangs from the encounter or
    the words it is told beside."""
    trigger = mention.trigger
    verbs = {trigger, mention.predicate, _told_beside(trigger)} - {None}
    if trigger.dep_ == "advcl" and trigger.head.lemma_.lower() in gazetteer.SPEECH_LEMMAS:
        verbs.add(trigger.head)  # "said here Tuesday when meeting Y"
    # The parser may hang "here" from the speaker: "said X here Tuesday when meeting Y".
    return any(
        t.lower_ == "here" and (t.head in verbs or (t.head.dep_ == "nsubj" and t.head.head in verbs))
        for t in trigger.sent
    )


def _told_beside(trigger: Token) -> Token | None:
    """The speech verb an encounter is told beside: "X said after talks with Y", "told
    reporters after meeting Y", "said while meeting Y"."""
    verb = beside_verb(trigger)
    if (
        verb is not None
        and verb.pos_ == "VERB"
        and verb.tag_ == "VBD"
        and verb.lemma_.lower() in gazetteer.SPEECH_LEMMAS
    ):
        return verb
    return None
