"""The story-level step of events: per story, after each clause's mentions are found
(events.py), `assemble` runs the story's steps in their order: participants the clauses do
not give are completed (participation.py), "the meeting" is linked back to the encounter it
names, an encounter told first with one party or none and then by "the" or a possessive
with its parties is one encounter, cancellations told later are applied, encounters are
dated and placed from the story's lead, the visitor's trip and the story's occasion
(story_frames.py), a plan told of an encounter the story tells as held is that encounter,
and several mentions of one encounter are merged into one fact.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from spacy.tokens import Doc, Span, Token

from kg.model import Entity, Event
from kg.nlp import gazetteer
from kg.nlp.entities import ArticleEntities
from kg.nlp.facts.calls import is_definite_call
from kg.nlp.facts.mention import (
    Mention,
    dated_by_possessive,
    evidence_of,
    last_told,
    sentence_distance,
)
from kg.nlp.facts.participation import (
    add_listed_participants,
    call_carrying_act,
    fold_described_partner,
    summit_of_leaders,
)
from kg.nlp.facts.story_frames import (
    ahead_of_the_days_news,
    date_from_day_apart,
    date_from_sentence_before,
    date_from_telling_without_parties,
    date_from_trip,
    date_from_trip_told_beside,
    fill_from_day_told_before,
    fill_from_lead,
    fill_from_occasion,
    place_from_trip_told_beside,
    place_from_visits,
    place_from_whereabouts,
)
from kg.nlp.factuality import ANAPHORIC_DETS, status_of
from kg.nlp.frames import OCCASION_NOUNS, lead_frame
from kg.nlp.lexicon import words
from kg.nlp.titles import only_title_words


def assemble(
    doc: Doc,
    mentions: list[Mention],
    index: ArticleEntities,
    article_id: str,
    published: date | None,
    destinations: dict[Entity, Entity],
    whereabouts: dict[Entity, Entity],
    trip_days: dict[Entity, tuple[str, Token]],
    trips: list[tuple[Token, bool, Entity, Entity]],
) -> list[Event]:
    """The story's encounters as facts, from every clause's mentions in story order.
    `destinations`: each visitor's one destination; `whereabouts`: where someone is now,
    told in the present ("X is in Oslo"); `trips`: each trip or arrival with one destination
    (its word, whether it is an arrival, the visitor, the destination); events.py reads
    them from the story."""
    add_listed_participants(doc, mentions, index)
    for mention in mentions:
        # A name all of title words ("National Security Advisor" read as a body or a person,
        # beside the holder's own name or for a holder left unnamed) describes whoever
        # holds the title: no party of its own, whichever clause rule found it.
        mention.participants = [p for p in mention.participants if not only_title_words(p.name)]
    call_carrying_act(mentions, index, published)
    mentions = _link_anaphora(mentions)
    _cancel_with_occasion(mentions)
    # The lead is worked out once: the lead's day and place fill encounters, and its day
    # tells which encounters are at the story's occasion.
    lead = None
    if published is not None:
        fill_from_day_told_before(mentions, published)
    _complete_told_before(mentions)
    if published is not None:
        lead = lead_frame(doc, index, published) if mentions else None
        if lead is not None:
            fill_from_lead(doc, mentions, lead, published)
    # The occasion an encounter is told at says more than a trip the story tells elsewhere.
    fill_from_occasion(doc, mentions, index, lead, published)
    if published is not None:
        date_from_trip(mentions, trip_days, destinations, index, published)
        ahead_of_the_days_news(mentions, published)
        date_from_day_apart(mentions, published)
        date_from_telling_without_parties(mentions)
        date_from_sentence_before(mentions, published)
        # Where someone is now says more than where their trip is to.
        place_from_whereabouts(doc, mentions, whereabouts, published)
    place_from_visits(doc, mentions, trips, index, published)
    place_from_trip_told_beside(doc, mentions, trips)
    if published is not None:
        date_from_trip_told_beside(mentions, trips, published)
    fold_described_partner(mentions, index)
    summit_of_leaders(mentions, index)
    for mention in mentions:
        if mention.type == "call":
            # A call joins people in two places: it has no one place (FACTS.md). The places
            # the frames above gave calls were the story's lead's, an occasion's or a topic's.
            mention.place = None
    # Two different parties: "the Harbour Union (HU) met" names one body twice.
    complete = [
        m for m in mentions if len(set(m.participants)) >= 2 and m.status is not None and not m.anaphoric
    ]
    if published is not None:
        _held_told_as_planned(complete, published)
    return _merge(_drop_groups_with_named_people(complete), article_id)


def _drop_groups_with_named_people(mentions: list[Mention]) -> list[Mention]:
    """ "Vondrak arrived for talks with Austrian leaders ... Vondrak will meet President Weber,
    Foreign Minister Lindqvist": where the article names the people someone meets, their
    encounter with a group ("Austrian leaders" -> Austria) is those same meetings told
    vaguely, not another fact."""
    met_people = {
        (p, m.status)
        for m in mentions
        if all(e.type == "person" for e in m.participants)
        for p in m.participants
    }
    return [
        m
        for m in mentions
        if all(e.type == "person" for e in m.participants)
        or len([e for e in m.participants if e.type == "person"]) != 1
        or not any(e.type == "person" and (e, m.status) in met_people for e in m.participants)
    ]


def _link_anaphora(mentions: list[Mention]) -> list[Mention]:
    """ "During the meeting on August 18, ..." names the encounter the sentence before
    reported: it adds its date, place and, when it reports it as past, its status.
    "Saturday's talks" and "the call" name the one such encounter told before, however far
    back (see _names_one_encounter)."""
    for position, mention in enumerate(mentions):
        names_one = _names_one_encounter(mention)
        if not names_one and not mention.anaphoric:
            continue
        antecedent = _one_encounter_before(mentions[:position], mention) if names_one else None
        told_before = antecedent is not None
        if antecedent is None and not dated_by_possessive(mention.trigger):
            if not mention.anaphoric:
                continue
            antecedent = last_told(mentions[:position])
            if antecedent is not None and _names_a_partyless_one(mentions[:position], antecedent, mention):
                antecedent = None
        if (
            antecedent is None
            or antecedent.type != mention.type
            or len(antecedent.participants) < 2
            or (not told_before and sentence_distance(antecedent.trigger, mention.trigger) > 1)
            or (mention.date and antecedent.date and mention.date != antecedent.date)
        ):
            # No encounter to refer back to: one whose parties the group names stands alone.
            mention.anaphoric = len(mention.participants) < 2
            continue
        mention.anaphoric = True  # told once: the antecedent is the fact
        mention.antecedent = antecedent
        antecedent.date = antecedent.date or mention.date
        antecedent.place = antecedent.place or mention.place
        if mention.status == "occurred" and antecedent.status == "planned" and mention.date:
            antecedent.status = "occurred"
        if mention.status == "not_occurred" and antecedent.status == "planned":
            antecedent.status = "not_occurred"  # "... the consultations were cancelled"
        antecedent.sents.extend(s for s in mention.sents if s not in antecedent.sents)
    return mentions


# How many sentences back an encounter told with one party may be told again with its parties.
_TOLD_BEFORE_WINDOW = 12


def _complete_told_before(mentions: list[Mention]) -> None:
    """ "X opened a meeting in Zelin in late morning to accept Y's resignation. ... X's meeting
    with Y ended around 11 a.m.", "ZELIN (Harbour News) - X and Y pledged to work together
    after a meeting Thursday. ... X and Y described their meeting as ...": an encounter told
    first with one party or none (the other told only as what it was about) and then, by
    "the" or a possessive, with its parties, is one encounter: the telling with its parties
    takes the day and place the first gave it, where it says none. Only from the last
    encounter of its kind the story told before, a few sentences back, held (or planned)
    alike, whose parties are among its own and that names no partner it could not resolve
    ("a meeting with lawmakers")."""
    for position, mention in enumerate(mentions):
        trigger = mention.trigger
        if mention.anaphoric or trigger.pos_ != "NOUN" or len(set(mention.participants)) < 2:
            continue
        if not any(
            (c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS)
            or (c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME"))
            for c in trigger.children
        ):
            continue
        first = next(
            (m for m in reversed(mentions[:position]) if not m.anaphoric and m.type == mention.type), None
        )
        if (
            first is None
            or len(set(first.participants)) > 1
            or not set(first.participants) <= set(mention.participants)
            or (first.date is None and first.place is None)
            or _partners_told(first)
            or first.status != mention.status
            or sentence_distance(first.trigger, trigger) > _TOLD_BEFORE_WINDOW
            or (first.date and mention.date and first.date != mention.date)
            or (first.place and mention.place and first.place != mention.place)
        ):
            continue
        mention.date = mention.date or first.date
        mention.place = mention.place or first.place
        mention.sents[:0] = [s for s in first.sents if s not in mention.sents]


def _partners_told(mention: Mention) -> bool:
    """ "a meeting with lawmakers at the White House", "a phone conversation between X and Y",
    "a cabinet meeting", "the meeting of the board": the encounter names its partners (whom
    the clause could not resolve to named parties) or the body whose own gathering it is,
    so it is no telling of an encounter with others."""
    told = [t for t in (mention.trigger, mention.predicate) if t is not None]
    partners = any(c.dep_ == "prep" and c.lower_ in ("with", "between") for t in told for c in t.children)
    # A common noun names the body ("cabinet", "board"); a name may be the place ("an Oval
    # Office meeting").
    return partners or any(
        (c.dep_ == "compound" and c.pos_ == "NOUN") or (c.dep_ == "prep" and c.lower_ == "of")
        for c in mention.trigger.children
    )


def _names_a_partyless_one(before: list[Mention], antecedent: Mention, mention: Mention) -> bool:
    """ "X will hold talks with Y on the sidelines of the summit. The summit was held in
    March": "the summit" names the occasion the talks were told at, not the talks."""
    lemma = mention.trigger.lemma_.lower()
    heads = [t for t in (antecedent.trigger, antecedent.predicate) if t is not None]
    return any(
        len(m.participants) < 2
        and m.trigger.lemma_.lower() == lemma
        and any(h.is_ancestor(m.trigger) for h in heads)
        for m in before
        if m is not antecedent
    )


def _names_one_encounter(mention: Mention) -> bool:
    """ "Saturday's talks", "Thursday's call", "the call", "the call between X and Y": a
    description that names one encounter the story has told, however far back (a date that
    owns the noun, or a definite call, which is rarely told of twice)."""
    return dated_by_possessive(mention.trigger) or (
        mention.type == "call" and is_definite_call(mention.trigger)
    )


def _one_encounter_before(before: list[Mention], named: Mention) -> Mention | None:
    """The one encounter of the named one's type, among whose parties are all those it
    names, that the story told before it (in one mention or several); none where it told
    two: the latest could be the wrong one."""
    candidates = [
        m
        for m in before
        if not m.anaphoric
        and m.type == named.type
        and len(set(m.participants)) >= 2
        and set(named.participants) <= set(m.participants)
    ]
    sets = {frozenset(m.participants) for m in candidates}
    if len(sets) > 1:
        # "Y ... during Saturday's talks" after talks between X and Y and a gathering of X, Y
        # and a body: the narrowest, where every other one holds all its parties and more.
        candidates = [m for m in candidates if all(set(m.participants) <= other for other in sets)]
    if len({frozenset(m.participants) for m in candidates}) != 1:
        return None
    return candidates[-1]


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


# "could meet again", "another meeting": a plan of a further encounter.
REPEAT_ENCOUNTER_WORDS = words("repeat-encounter-words")


def _held_told_as_planned(mentions: list[Mention], published: date) -> None:
    """ "X met Y on Wednesday ... Lawmakers did not think X should meet Y at all", "Y asked
    for a meeting with X, which took place this morning", "During the meeting, X and Y are
    to discuss ...": in a story that tells an encounter as held, on one day or on none, the
    same encounter (its type and parties) told as planned with no day of its own, or for a
    day before the story's, is that encounter told ahead or in passing, not a second one: it
    is told as held, on the held one's day. Not a plan for the story's day or a day (month)
    still to come ("will host a dinner for Y later Tuesday" after Y received X), nor one told
    as a further encounter ("could meet again", "another meeting")."""
    today = published.isoformat()
    held: defaultdict[tuple[str, frozenset[Entity]], set[str | None]] = defaultdict(set)
    for m in mentions:
        if m.status == "occurred" and (m.date is None or m.date <= today):
            held[m.type, frozenset(m.participants)].add(m.date)
    for mention in mentions:
        days = held.get((mention.type, frozenset(mention.participants)))
        if mention.status != "planned" or days is None:
            continue
        dated = days - {None}
        if (
            len(dated) > 1
            or (mention.date is not None and mention.date >= today[: len(mention.date)])
            or _told_as_repeat(mention)
        ):
            continue
        mention.status = "occurred"
        mention.date = next(iter(dated), mention.date)


def _told_as_repeat(mention: Mention) -> bool:
    """Whether the clause tells a further encounter: "meet again", "another meeting"."""
    told = [t for t in (mention.trigger, mention.predicate) if t is not None]
    modifiers = [c for t in told for c in t.children if c.dep_ in ("advmod", "amod", "det")]
    return any(c.lower_ in REPEAT_ENCOUNTER_WORDS for c in modifiers)


def _one_wider(group: Mention, groups: list[Mention]) -> Mention | None:
    """The one other encounter of the story that has all of `group`'s parties and more, of
    its type and status, on the same day told in both, at no other place."""
    parties = set(group.participants)
    wider = [
        g
        for g in groups
        if g is not group
        and g.type == group.type
        and g.status == group.status
        and group.date is not None
        and g.date == group.date
        and group.place in (None, g.place)
        and parties < set(g.participants)
    ]
    return wider[0] if len(wider) == 1 else None


def _finer_place(told: Entity | None, other: Entity | None) -> Entity | None:
    """ "the summit in Norland ... met in Zelin": one encounter placed in a country by one
    mention and in a place that is no country by another was in that place, the finer."""
    if told is None or other is None:
        return told or other
    if told.type == "country" and other.type != "country" and gazetteer.country_of(other.name) is None:
        return other
    return told


def _same_time(one: Mention, other: Mention) -> bool:
    """May two tellings' dates be one encounter's? "the summit in June" and, a sentence
    apart, "the June 12 summit" may: one is the month (year) the other's day falls in. Not
    told in one sentence: "will visit Zelin in April and host Y later next year" tells two."""
    if one.date is None or other.date is None or one.date == other.date:
        return True
    shorter, longer = sorted((one.date, other.date), key=len)
    return longer.startswith(shorter) and shorter[:1] != "-" and not any(s in other.sents for s in one.sents)


def _finer_date(one: str | None, other: str | None) -> str | None:
    """The finer of two dates of one encounter: the day of "June 12" over the month."""
    if one is None or other is None:
        return one or other
    return max(one, other, key=len)


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
                and _same_time(g, mention)
            ),
            None,
        )
        if target is None:
            groups.append(mention)
            evidence[id(mention)] = dict.fromkeys(mention.sents)
            continue
        target.date = _finer_date(target.date, mention.date)
        target.place = _finer_place(target.place, mention.place)
        evidence[id(target)].update(dict.fromkeys(mention.sents))
    for group in list(groups):
        whole = _one_wider(group, groups)
        if whole is not None:
            # "A and B were greeted by Z ... Before greeting Z, A inspected the guard": the
            # encounter told again with fewer of its parties, the same day, is the same one.
            groups.remove(group)
            whole.place = whole.place or group.place
            evidence[id(whole)].update(evidence[id(group)])
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
