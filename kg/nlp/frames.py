"""Where an encounter's date and place come from when its own clause does not say: the frame
around it.

Four frames, tried after the encounter's own clause and in this order:

1. the clause that governs or coordinates it: "arrived in Japan on Sunday and held talks",
   "flew to Lisbon on Monday, where she held talks", "headed to Moscow to meet X"; for an
   encounter noun with no verb of its own, the verb it hangs from (its date only);
2. the occasion it took place at: "on the sidelines of a summit in Tunis";
3. the visit it took place on, for its place only: "during the latter's visit to Norland";
4. the story's lead: a news story's first sentence (after any photo captions) dates and
   places its news ("Weber welcomed five presidents on Friday at the Harbour Hall"), and a
   dateline ("HELSINKI (AP) —") says where the reporter is; past encounters of the people the
   lead names, with no date or place of their own, are that day and there
   (facts/story_frames.py applies it). "here" is the dateline's place, or none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from kg.model import Entity
from kg.nlp.anchoring import PLACE_PREPS, RELATIVE_TIME_PREPS, another_encounter, find_date, find_place
from kg.nlp.cached import ents_in
from kg.nlp.captions import body_start
from kg.nlp.dates import normalise_date
from kg.nlp.entities import ArticleEntities
from kg.nlp.factuality import JOURNEY_VERBS, MOTION_LEMMAS, clause_tense, has_to, shares_clause, status_of
from kg.nlp.lexicon import words
from kg.nlp.visits import VISIT_NOUNS

# Journeys whose destination is where what they are for takes place.
ARRIVING_VERBS = words("arriving-verbs")
# Departures: their destination too, but not their day ("left for Zelin on Monday for talks").
DEPARTING_VERBS = words("departing-verbs")
# The phrases that name such a journey's destination: "flew to", "flew into", "headed for",
# "left for".
DESTINATION_PREPS = {"to", "into", "for"}
# A journey told by its own verb or by the one it is the object of ("took a detour").
JOURNEY_NOUNS = words("journey-nouns")
# Nouns of an occasion at which encounters happen: "on the sidelines of the summit".
OCCASION_NOUNS = words("occasion-nouns")
# "on the sidelines of", "on the margins of": the occasion is in the "of" phrase.
_SIDELINES = words("sideline-nouns")
_OCCASION_PREPS = {"on", "at", "during", "in", "ahead", "before", "after"}


@dataclass
class Frame:
    """Anchors (token indices) whose date and place phrases an encounter may take, and the
    prepositions that give a place there beside "in" and "at"."""

    anchors: set[int]
    place_preps: set[str]
    verb: Token | None = None  # the clause's verb, whose tense its date phrases are read in
    # The verb an encounter noun hangs from: it dates the encounter only where its clause
    # speaks of the same time, and never places it.
    governing: bool = False


def clause_frame(token: Token, predicate: Token | None) -> Frame | None:
    """The clause that governs or coordinates the encounter's verb, where there is one."""
    verb = predicate if predicate is not None else token
    if verb.pos_ not in ("VERB", "AUX"):
        if predicate is not None:
            return None
        governing = _governing_frame(token)
        # "a visit to Zelin, where he led a delegation at a meeting with Y": the noun's
        # clause is told of the antecedent's place like the encounter's own verb would be.
        where = _where_frame(governing.verb) if governing is not None and governing.verb is not None else None
        return where or governing
    head = verb.head
    if shares_clause(verb) or (verb.dep_ in ("xcomp", "advcl") and head.lemma_.lower() in ARRIVING_VERBS):
        preps = DESTINATION_PREPS if head.lemma_.lower() in ARRIVING_VERBS else set()
        return Frame({head.i}, preps, head)
    if _journey_for(verb):
        return Frame({head.i}, set(), head)
    return _where_frame(verb)


def _where_frame(verb: Token) -> Frame | None:
    """ "flew to Lisbon, where she held talks": the antecedent is the place; the clause
    it stands in says when. After a list ("stops in A and B, where he will meet X")
    "where" may mean any place the sentence names: the frame says nothing."""
    if verb.dep_ != "relcl" or not any(c.lower_ == "where" for c in verb.children):
        return None
    head = verb.head
    if head.dep_ == "conj" or any(c.dep_ == "conj" for c in head.children):
        return None
    outer = head.head.head if head.head.dep_ == "prep" else head.head
    # The antecedent is the place whatever phrase it stands in: "responded from the
    # palace, where he is hosting X".
    preps = {"to", "into", head.head.lower_} if head.dep_ == "pobj" else {"to", "into"}
    return Frame({head.i, outer.i}, preps, outer if outer.pos_ in ("VERB", "AUX") else None)


def occurring_frame(noun: Token) -> Frame | None:
    """ "a meeting with X, which took place at Harbour Tower this morning", "the first Zelin
    summit, to be held on Thursday in Port Zelin": the clause an encounter noun heads that
    tells it takes place is the noun's own, and its date and place are the encounter's, read
    in that clause's tense."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    verb = next((v for v in _clauses_of(noun) if tells_occurring(v)), None)
    return Frame({verb.i}, set(), verb) if verb is not None else None


def _clauses_of(noun: Token) -> list[Token]:
    """The clauses a noun heads, and those the parser hung elsewhere: "a meeting with X, which
    took place ..." from the partner (a person takes no place; "which" is the meeting), "the
    summit, to be held on ..." from the verb of the phrase the noun stands in, right after it."""
    found = [c for c in noun.children if c.dep_ in ("acl", "relcl")]
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("with", "between")):
        for partner in (p for p in prep.children if p.dep_ == "pobj"):
            found += [
                c
                for c in partner.children
                if c.dep_ == "relcl" and any(w.dep_ == "nsubj" and w.lower_ == "which" for w in c.children)
            ]
    outer = noun.head.head if noun.dep_ == "pobj" else None
    if outer is not None:
        found += [
            c
            for c in outer.children
            if c.dep_ == "advcl"
            and c.i > noun.i
            and all(t.is_punct for t in noun.doc[noun.i + 1 : c.left_edge.i])
            and c.left_edge.i > noun.i + 1
        ]
    return [v for v in found if v.pos_ in ("VERB", "AUX")]


def tells_occurring(verb: Token) -> bool:
    """ "was held", "convened", "took place": not "was" alone, which may say anything."""
    lemma = verb.lemma_.lower()
    if lemma == "take":
        return any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)
    return lemma in OCCURRING_VERBS and lemma != "be"


# Adjuncts that put an encounter right beside another verb: "said after talks with X",
# "told reporters while meeting X".
BESIDE_PREPS = {"after", "during", "following", "at", "in"}
BESIDE_MARKS = {"while", "after", "when", "as"}


def beside_verb(trigger: Token) -> Token | None:
    """The verb an encounter is told beside: "X said after talks with Y", "told reporters
    after meeting Y", "said while meeting Y"."""
    if trigger.dep_ in ("pobj", "pcomp") and trigger.head.lower_ in BESIDE_PREPS:
        return trigger.head.head  # "said after talks with Y", "said after meeting with Y"
    if trigger.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in BESIDE_MARKS for c in trigger.children
    ):
        return trigger.head
    return None


def beside_place(trigger: Token, index: ArticleEntities) -> Entity | None:
    """ "X said Sunday in Zelin after meeting Y", "In Port Zelin, after talks with Y, X
    proposed ...": an encounter told in an adjunct of another verb took place where that
    verb's own place phrase says. Its place only (the words may come a day after the
    talks), only a phrase of the verb itself (not "discussed the war in Norland after talks
    with Y"), and not a journey's ("flew to Oslo after talks with Y" left the talks behind)."""
    verb = beside_verb(trigger)
    if verb is None or verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in MOTION_LEMMAS:
        return None
    phrases = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS and c != trigger.head]
    if not phrases:
        return None
    where = find_place(trigger.sent, {verb.i}, index, trigger, set())
    if where is None or not any(where.name in trigger.doc[p.i : p.right_edge.i + 1].text for p in phrases):
        return None
    return where


def _journey_for(verb: Token) -> bool:
    """ "visited the parliament on Thursday to meet Y", "took a detour Wednesday to meet Y": the
    encounter is what a journey told in the clause above it is for, on the journey's day."""
    head = verb.head
    if verb.dep_ != "advcl" or not has_to(verb):
        return False
    return head.lemma_.lower() in JOURNEY_VERBS or any(
        c.dep_ == "dobj" and c.lemma_.lower() in JOURNEY_NOUNS for c in head.children
    )


def _governing_frame(noun: Token) -> Frame | None:
    """An encounter noun with no verb of its own is told at the time of the verb it hangs
    from: "the talks begin on Monday with a meeting between X and Y", "helped end a freeze
    on talks between X and Y last month". Not through a phrase that puts it at another time
    ("arrived on Monday after talks with Y", "comes ahead of a summit on Friday"), nor one
    that tells what it is for ("arrived Tuesday for talks with Y"); and not where the verb's
    time is not the encounter's ("on Monday proposed a meeting with Y": a meeting to come,
    proposed in the past; events.py compares the tenses). A date only: the verb's place
    phrase may be what the talks were about ("discussed the war in Norland in talks with
    Y")."""
    word = noun
    while word.head != word and word.pos_ not in ("VERB", "AUX"):
        if word.lower_ in RELATIVE_TIME_PREPS or word.lower_ == "for" or word.dep_ in ("conj", "appos"):
            return None
        word = word.head
    if word.pos_ not in ("VERB", "AUX") or word == noun:
        return None
    return Frame({word.i}, set(), word, governing=True)


def occasion_frame(sent: Span, anchors: set[int]) -> Frame | None:
    """The occasion an encounter was held at: "on the sidelines of the Harbour forum in
    Busan", "at a summit in Tunis". Its own date and place phrases are the encounter's."""
    found: set[int] = set()
    for prep in sent:
        if prep.dep_ != "prep" or prep.lower_ not in _OCCASION_PREPS or not _hangs_from(prep.head, anchors):
            continue
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            # "on the sidelines of the Harbour forum": what the sidelines are of is an occasion,
            # whatever word names it (a body, a gathering's own name).
            sidelines = noun.lemma_.lower() in _SIDELINES or noun.lower_ in _SIDELINES
            if sidelines:
                noun = next(
                    (p for of in noun.children if of.lower_ == "of" for p in of.children if p.dep_ == "pobj"),
                    noun,
                )
                sidelines = noun.lower_ not in _SIDELINES
            if noun.i in anchors and not _names_occasion(noun):
                # "during their meeting, the two touched on": the encounter itself, not an
                # occasion it was held at (a summit is both).
                continue
            if not sidelines and noun.i not in anchors and another_encounter(noun):
                # "discussions on what was decided during their meeting with Y in June": an
                # encounter with parties of its own, not an occasion this one was held at.
                continue
            if sidelines or noun.lemma_.lower() in OCCASION_NOUNS or noun.lower_ in OCCASION_NOUNS:
                found.add(noun.i)
                # "a summit held at the weekend in Harbourtown": the occasion's own participle.
                found.update(c.i for c in noun.children if c.dep_ == "acl")
    return Frame(found, set()) if found else None


def _hangs_from(head: Token, anchors: set[int]) -> bool:
    """The occasion phrase hangs from the encounter's words, or from its partner's name
    where the parser puts it there ("talks with X on the sidelines of the forum")."""
    if head.i in anchors:
        return True
    return head.dep_ == "pobj" and head.head.lower_ == "with" and head.head.head.i in anchors


_VISIT_PREPS = {"during", "on", "in"}


def visit_frame(sent: Span, anchors: set[int]) -> Frame | None:
    """The visit an encounter took place on: "hosted X during the latter's visit to Norland",
    "met Y on a trip to Zelin", "is in Austria for a visit in which she will meet Y". Where
    the visit goes ("to Norland") or where its visitor is for it ("is in Austria for a
    visit") is the encounter's place (a place only: the visit's date phrases may span more
    days than the encounter)."""
    for prep in sent:
        if prep.dep_ != "prep" or prep.lower_ not in _VISIT_PREPS or prep.head.i not in anchors:
            continue
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            if noun.lemma_.lower() in VISIT_NOUNS:
                return _visit_anchors(noun)
            if (
                noun.tag_ == "WDT"
                and prep.head.dep_ == "relcl"
                and prep.head.head.lemma_.lower() in VISIT_NOUNS
            ):
                return _visit_anchors(prep.head.head)  # "a visit in which she will meet Y"
    return None


def _visit_anchors(visit: Token) -> Frame:
    anchors = {visit.i}
    if visit.dep_ == "pobj" and visit.head.lower_ == "for" and visit.head.head.pos_ in ("VERB", "AUX"):
        anchors.add(visit.head.head.i)  # "is in Austria for a visit"
    return Frame(anchors, {"to"})


STORY_OCCASION_NOUNS = words("story-occasion-nouns")
# Encounter nouns that name an occasion when they are part of its name: "the Leaders' Meeting".
NAMED_OCCASION_NOUNS = words("named-occasion-nouns")
# Verbs whose place phrase is where their subject, an occasion, is held.
OCCURRING_VERBS = words("occurring-verbs")


def story_occasion_place(occasions: list[Occasion], index: ArticleEntities) -> Entity | None:
    """Where the story's occasion is held, when every place the story gives an occasion
    (summit, forum, conference) is the same one: "the summit in London", "the trade summit
    meetings are to take place in ... Harbourtown". An encounter "on the sidelines of the summit"
    told in another paragraph is there."""
    places = {find_place(noun.sent, anchors, index, noun, set()) for noun, anchors, _ in occasions}
    places.discard(None)
    return places.pop() if len(places) == 1 else None


def occasions_of_day(occasions: list[Occasion], day: str, published: date | None) -> list[Occasion]:
    """The occasions that may be the one on the story's day `day`: not one the story tells as
    still to come ("a planned summit in Zelin later this month", "is scheduled to attend the
    Harbour Leaders' Meeting in Port Zelin on May 17-18"), whose place is no place for that day's
    encounters."""
    kept = []
    for occasion in occasions:
        noun, _, verb = occasion
        if status_of(noun, verb) == "planned":
            continue
        when = _occasion_date(occasion, published)
        if when is not None and when[0] != "-" and when > day[: len(when)]:
            continue
        kept.append(occasion)
    return kept


def _occasion_date(occasion: Occasion, published: date | None) -> str | None:
    """The date the story gives an occasion, read in the tense of the verb that tells it."""
    noun, anchors, verb = occasion
    return find_date(noun.sent, anchors, published, clause_tense(verb) if verb is not None else None)


def story_occasion_date(occasions: list[Occasion], published: date | None) -> str | None:
    """When the story's occasion is held, when every date the story gives an occasion is the
    same one: "the forum is to take place in the third week of this month". An encounter "on
    the sidelines of the upcoming forum" told in another paragraph is then."""
    dates = {_occasion_date(occasion, published) for occasion in occasions}
    dates.discard(None)
    return dates.pop() if len(dates) == 1 else None


# A noun naming an occasion, the words its date and place phrases may hang from, and the
# verb that tells it takes place.
Occasion = tuple[Token, set[int], Token | None]


def story_occasions(doc: Doc) -> list[Occasion]:
    """Each noun that names an occasion, the words its date and place phrases may hang from,
    and the verb that tells it takes place ("the summit will be held in X"). A pass over
    every token: a caller asking for both the occasion's place and its date reads it once
    and hands it to both."""
    found: list[Occasion] = []
    for noun in doc:
        if noun.pos_ not in ("NOUN", "PROPN") or not _names_occasion(noun):
            continue
        anchors = {noun.i} | {c.i for c in noun.children if c.dep_ == "acl"}
        verb = noun.head
        if noun.dep_ in ("nsubj", "nsubjpass") and verb.lemma_.lower() in OCCURRING_VERBS:
            anchors |= {verb.i} | {c.i for c in verb.children if c.dep_ == "xcomp"}
            found.append((noun, anchors, verb))
        else:
            found.append((noun, anchors, None))
    return found


def _names_occasion(noun: Token) -> bool:
    """ "the summit", "the forum", "the trade summit meetings", and a gathering's own
    name: "the Harbour Leaders' Meeting in Zelin" (a capitalised "Meeting" inside the
    sentence, where a "meeting" alone is an encounter)."""
    named = (
        noun.pos_ == "PROPN"
        and noun.is_title
        and noun.i != noun.sent.start
        and noun.lower_ in NAMED_OCCASION_NOUNS
    )
    return named or any(
        t.lemma_.lower() in STORY_OCCASION_NOUNS or t.lower_ in STORY_OCCASION_NOUNS
        for t in (noun, *(c for c in noun.children if c.dep_ == "compound"))
    )


@dataclass
class LeadFrame:
    sentence: Span
    day: str | None  # the lead's date, at day precision
    place: Entity | None
    people: set[Entity]


def lead_frame(doc: Doc, index: ArticleEntities, published: date | None) -> LeadFrame | None:
    """The first sentence's date (a day) and place, and who it names: the first after the
    story's leading photo captions, which tell the picture's day and place (captions.py)."""
    start = body_start(doc)
    lead = next((s for s in doc.sents if s.start_char >= start and any(t.is_alpha for t in s)), None)
    if lead is None:
        return None
    root = lead.root
    anchors = {root.i} | {c.i for c in root.children if c.dep_ in ("xcomp", "advcl", "conj")}
    # Read in the lead's own tense: "X will travel ... on Monday" names a day to come, which
    # no past encounter can take.
    day = find_date(lead, anchors, published, clause_tense(root) or "past")
    if day is not None and (len(day) != 10 or (published is not None and day > published.isoformat())):
        day = None
    place = find_place(lead, anchors, index, root, set())
    # People only: a country the lead names takes part in many of the story's encounters,
    # told of other days ("Norway's defence chief said on Friday ... Two years before, the
    # president had hosted the leaders of Norway and Finland").
    people = {e for t in lead if (e := index.entity_at(t)) is not None and e.type == "person"}
    return LeadFrame(lead, day, place, people)


def is_lead_day(lead: LeadFrame, published: date | None) -> bool:
    """Does the lead report the news of the story's own day ("said Wednesday")?"""
    if published is None or lead.day is None:
        return False
    return lead.day == published.isoformat() or any(
        normalise_date(ent.text, published, "past") == published.isoformat()
        for ent in ents_in(lead.sentence)
        if ent.label_ == "DATE"
    )
