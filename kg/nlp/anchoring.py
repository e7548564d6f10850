"""When and where an event mention happened: the date and place phrases that hang from
its trigger within its clause, and the destination of a visit during which it happened."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from kg.model import Entity
from kg.nlp import gazetteer
from kg.nlp.cached import doc_ents, ents_in
from kg.nlp.dateline import dateline_place
from kg.nlp.dates import (
    HOUR_QUALIFIERS,
    MONTHS_AND_DAYS,
    Tense,
    counts_from_earlier,
    ended_before,
    has_year,
    is_span_of_days,
    normalise_after,
    normalise_date,
)
from kg.nlp.entities import SETTLEMENT_NOUNS, ArticleEntities
from kg.nlp.factuality import JOURNEY_VERBS, TOPIC_PREPS
from kg.nlp.groups import ENCOUNTER_NOUNS
from kg.nlp.lexicon import words
from kg.nlp.short_forms import BUILDING_NOUNS

PLACE_PREPS = {"in", "at"}
# A date or place under one of these is another time than the event's: a bound or a point of
# reference ("met since June", "talks after a conference in Rome").
RELATIVE_TIME_PREPS = {"since", "after", "before", "following", "prior", "ahead"}
# Grounds an encounter is held at, named by the name that modifies them: "at his Harbour
# Point club".
VENUE_NOUNS = words("venue-nouns")
_BUILDING_OR_VENUE_NOUNS = BUILDING_NOUNS | VENUE_NOUNS


def reaches(token: Token, anchors: set[int], max_hops: int = 6) -> int | None:
    """Hops from `token` up to one of `anchors` without leaving the clause, or None."""
    for hops in range(1, max_hops + 1):
        if token.head == token:
            return None
        if (
            token.dep_ in ("ccomp", "advcl", "relcl", "xcomp", "parataxis", "csubj")
            and token.i not in anchors
        ):
            return None
        token = token.head
        if token.i in anchors:
            return hops
        if token.pos_ in ("VERB", "AUX") and token.i not in anchors and not _partner_participle(token):
            return None
        if another_encounter(token):
            return None  # "talks on decisions made during their meeting with Y in June"
        if token.dep_ == "prep" and token.lower_ in RELATIVE_TIME_PREPS:
            return None  # "since a conference in June", "after Monday's vote": another time
    return None


def another_encounter(token: Token) -> bool:
    """ "discussions with X on what was decided during their meeting with Y at the palace in
    June": an encounter noun with parties of its own ("their", "with Y") in a phrase of the
    clause is another encounter, and the date and place phrases it holds are that one's.
    Not the object of the clause's verb: "held talks Tuesday with Y" tells its own; nor
    one whose possessive is a time: "at this month's gathering" is an occasion."""
    return (
        token.pos_ == "NOUN"
        and token.dep_ == "pobj"
        and token.lemma_.lower() in ENCOUNTER_NOUNS
        and any(
            (c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME"))
            or (c.dep_ == "prep" and c.lower_ in ("with", "between"))
            for c in token.children
        )
    )


def _partner_participle(token: Token) -> bool:
    """ "talks with visiting Minister X in Oslo on Monday": the parser may read "visiting" as
    a verb whose object is the partner, with the talks' place and day hung from it; it is
    the partner's adjective, and no clause of its own."""
    return token.dep_ == "pcomp" and token.tag_ == "VBG" and token.head.lower_ in ("with", "between")


def find_date(sent: Span, anchors: set[int], published: date | None, tense: Tense) -> str | None:
    best: tuple[int, str] | None = None
    for ent in ents_in(sent):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        hops = 0 if ent.root.i in anchors else reaches(ent.root, anchors)
        if hops is None:
            continue
        value = normalise_date(date_text(ent), published, tense)
        if ent.label_ == "TIME" and (value is None or len(value) != 10):
            continue  # an hour ("at 3 p.m.") says no day; "this morning", "Monday night" do
        if value is None and counts_from_earlier(ent.text):
            told = _year_told_before(ent, published)
            value = normalise_after(ent.text, told) if told is not None else None
        for other in _alternatives(ent):
            value = _common_period(value, normalise_date(date_text(other), published, tense))
        if value and (best is None or hops < best[0]):
            best = (hops, value)
    return best[1] if best else None


def _year_told_before(ent: Span, published: date | None) -> str | None:
    """The last date before `ent` in the story that names its year: what "that year" and
    "four months later" count from."""
    for other in reversed([e for e in doc_ents(ent.doc) if e.label_ == "DATE" and e.end <= ent.start]):
        if has_year(other.text):
            return normalise_date(other.text, published)
    return None


DATE_DEICTICS = words("date-deictics")
DAY_PARTS = words("day-parts")
# Words around a part of a day that leave it a part of the same day: "earlier in the day".
_DAY_PART_FRAME = HOUR_QUALIFIERS | {"in", "the"}


def anchored(ent: Span, anchors: set[int]) -> bool:
    """Does a date or place hang from the encounter's words (`anchors`), in their clause?"""
    return ent.root.i in anchors or reaches(ent.root, anchors) is not None


# Date words that point past the story's day: "next week", "the coming days".
FORWARD_DEICTICS = words("forward-deictics")


def dated_ahead(sent: Span, anchors: set[int]) -> bool:
    """Does a date of the clause point ahead of the story ("next week", "in the coming
    days", "tomorrow")?"""
    return any(
        ent.label_ == "DATE" and anchored(ent, anchors) and any(t.lower_ in FORWARD_DEICTICS for t in ent)
        for ent in ents_in(sent)
    )


def ended_before_story(word: Token, published: date) -> bool:
    """Is the word (a trip's) dated by a period that ended before the story's day: "a visit
    to Zelin last week", "his 1985 trip"? "paid a visit last month" dates it by its verb."""
    anchors = {word.i} | ({word.head.i} if word.dep_ == "dobj" and word.head.pos_ == "VERB" else set())
    return any(
        ent.label_ == "DATE" and anchored(ent, anchors) and ended_before(date_text(ent), published)
        for ent in ents_in(word.sent)
    )


def spans_days(sent: Span, heads: set[int]) -> bool:
    """Does a date that spans days ("a four-day visit", "from Monday to Wednesday") hang
    from one of `heads`?"""
    return any(
        e.label_ == "DATE" and e.root.head.i in heads and is_span_of_days(e.text) for e in ents_in(sent)
    )


def day_told_before(sent: Span, anchors: set[int], verbs: list[Token], published: date) -> str | None:
    """The day an encounter told with only a part of a day ("held a meeting in the morning",
    "met earlier in the day") or as just past ("had just spoken") is on: the day the story
    named last before it, where that date is a day at or before the story's."""
    part_of_day = any(
        ent.label_ in ("DATE", "TIME") and anchored(ent, anchors) and _part_of_a_day(ent)
        for ent in ents_in(sent)
    )
    just_past = any(
        any(c.dep_ == "advmod" and c.lower_ == "just" for c in v.children)
        and any(c.dep_ == "aux" and c.lower_ == "had" for c in v.children)
        for v in verbs
    )
    if not (part_of_day or just_past):
        return None
    told = [e for e in doc_ents(sent.doc) if e.label_ in ("DATE", "TIME") and e.end <= min(anchors)]
    for other in reversed(told):
        value = normalise_date(date_text(other), published, "past")
        if value is None:
            continue
        return value if len(value) == 10 and value <= published.isoformat() else None
    return None


def _part_of_a_day(ent: Span) -> bool:
    """ "the morning", "earlier in the day": a part of a day, told with "the", no day named."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    words = [t.lower_ for t in ent]
    if before is not None and before.lower_ == "the":
        words.insert(0, "the")  # the tagger leaves "the" out of "the morning"
    parts = [w for w in words if w not in _DAY_PART_FRAME]
    # "the" or a qualifier ("in late morning"): a bare "morning" may be a day's ("Tuesday
    # morning", where the tagger splits the day off).
    told_as_part = "the" in words or any(w in HOUR_QUALIFIERS for w in words)
    return told_as_part and len(parts) == 1 and parts[0] in DAY_PARTS


def date_text(ent: Span) -> str:
    """A date's words with the deictic the tagger left outside it: "this week's
    conference", where only "week" is tagged, reads "this week"."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if (
        before is not None
        and before.head == ent.root
        and before.dep_ in ("det", "amod")
        and before.lower_ in DATE_DEICTICS
    ):
        return f"{before.text} {ent.text}"
    return ent.text


def _alternatives(ent: Span) -> list[Span]:
    """Dates offered as alternatives to this one: "on Monday or Tuesday"."""
    root = ent.root
    related = [c for c in root.children if c.dep_ == "conj"]
    if root.dep_ == "conj":
        related.append(root.head)
    out = []
    for token in related:
        first, last = sorted((root.i, token.i))
        if not any(t.lower_ == "or" for t in root.doc[first + 1 : last]):
            continue
        other = next(
            (e for e in doc_ents(root.doc) if e.label_ == "DATE" and e.start <= token.i < e.end), None
        )
        if other is not None and other != ent:
            out.append(other)
    return out


def _common_period(a: str | None, b: str | None) -> str | None:
    """The finest period both dates fall in: 2026-04-21 / 2026-04-22 -> 2026-04."""
    if not a or not b:
        return None
    if a == b:
        return a
    for length in (7, 4):  # year-month, year
        if len(a) >= length and len(b) >= length and a[:length] == b[:length] and a[0] != "-":
            return a[:length]
    return None


def _hyphened(ent: Span) -> bool:
    doc = ent.doc
    before = doc[ent.start - 1].text if ent.start > 0 else ""
    after = doc[ent.end].text if ent.end < len(doc) else ""
    return before in ("-", "–") or after in ("-", "–")


def find_place(
    sent: Span, anchors: set[int], index: ArticleEntities, trigger: Token, extra_preps: set[str]
) -> Entity | None:
    preps = PLACE_PREPS | extra_preps
    for ent in ents_in(sent):
        if ent.label_ not in ("GPE", "LOC", "FAC", "ORG"):
            continue
        root = ent.root
        registered = index.entity_at(root)
        if registered is None or registered.type == "outlet":
            continue
        building = _named_building(ent, preps, anchors)
        if building is not None:
            return building
        entity = _place_named(ent, registered)
        if entity is None:
            continue
        # "the Zelin summit": a place compounded with the event noun; not one of the parties
        # hyphened before it ("the Norland-Brask summit"), nor a body ("the Harbour Union
        # summit") unless its name is a building's ("an Oval Office meeting").
        if (
            root.head == trigger
            and root.dep_ in ("compound", "nmod")
            and (ent.label_ != "ORG" or looks_like_place(ent))
            and not _hyphened(ent)
        ):
            return entity
        prep = root.head
        if root.dep_ == "pobj" and prep.lower_ in preps and _attached(prep, anchors):
            return _place_within(prep, preps, anchors, index) or _with_direction(entity, ent)
        # "visited Zelin last month for talks with Y", "will visit Norland to meet Y": the
        # place visited is where the visit's encounters are.
        if root.dep_ == "dobj" and root.head.i in anchors and root.head.lemma_.lower() in JOURNEY_VERBS:
            return _with_direction(entity, ent)
    found = (
        _town_of(sent, anchors, index)
        or _untagged_place(sent, anchors, index, preps)
        or _named_venue(sent, anchors, index, preps)
    )
    if found is None and any(t.lower_ == "here" and t.dep_ == "advmod" and t.head.i in anchors for t in sent):
        # "arrived here Tuesday": the dateline's city, where the story has one; else nowhere.
        found = dateline_place(sent.doc)
    return found


def _place_named(ent: Span, entity: Entity) -> Entity | None:
    """The place a name in a place phrase stands for. The tagger's own reading of these words
    says more than the story's registry, built from the name's other uses: "met X in Naples"
    in a story of a former "Miss Naples", or "at Weber Tower" where the registry took the
    tower for the man. A name tagged as a body is a place where it is a building ("the Varga
    Palace") or a country the gazetteer knows ("in the Maldives")."""
    text = ent.text.removeprefix("the ").removeprefix("The ")
    if ent.label_ == "ORG" and not looks_like_place(ent):
        country = gazetteer.country_of(text)
        return Entity(country, "country") if country is not None and country.lower() == text.lower() else None
    return entity if entity.type != "person" else Entity(text, "place")


def _named_building(ent: Span, preps: set[str], anchors: set[int]) -> Entity | None:
    """ "was met at Zelin airport", "talks at the Varga presidential palace": where a name
    modifies a building's common noun in the encounter's place phrase, the place is the
    building, named as the article names it."""
    noun = ent.root.head
    if (
        ent.root.dep_ not in ("compound", "nmod")
        or noun.pos_ != "NOUN"
        or noun.dep_ != "pobj"
        or noun.lemma_.lower() not in BUILDING_NOUNS
        or noun.head.lower_ not in preps
        or not _attached(noun.head, anchors)
        or not ent.end <= noun.i
    ):
        return None
    return Entity(ent.doc[ent.start : noun.i + 1].text, "place")


def _named_venue(sent: Span, anchors: set[int], index: ArticleEntities, preps: set[str]) -> Entity | None:
    """ "met at Weber's Bel-a-Vista club", "the dinner at his Harbour Point residence": a
    building or grounds whose own name modifies it, in the encounter's own place phrase, is
    the place, though the tagger took the name (and the owner's possessive) for a body or
    tagged nothing. Not a person's or an outlet's name ("at the Weber residence" says whose,
    not which)."""
    for prep in sent:
        if prep.lower_ not in preps or not _attached(prep, anchors):
            continue
        for noun in prep.children:
            if (
                noun.dep_ != "pobj"
                or noun.pos_ != "NOUN"
                or noun.lemma_.lower() not in _BUILDING_OR_VENUE_NOUNS
            ):
                continue
            name = next(
                (c for c in noun.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"), None
            )
            if name is None:
                continue
            words = _hyphened_run(name) or [t for t in name.subtree if t.pos_ == "PROPN" and t.i < noun.i]
            if not words or words[-1].i >= noun.i or words[-1].i + 1 != noun.i:
                continue
            known = [index.entity_at(t) for t in words]
            if any(e is not None and e.type in ("person", "outlet") for e in known):
                continue
            return Entity(noun.doc[words[0].i : noun.i + 1].text, "place")
    return None


def _town_of(sent: Span, anchors: set[int], index: ArticleEntities) -> Entity | None:
    """ "in the southern town of Zlotnik": the tagger often misses small places, but the noun
    before "of" says what the name is."""
    for token in sent:
        if token.lemma_.lower() not in SETTLEMENT_NOUNS or token.dep_ != "pobj":
            continue
        if token.head.lower_ not in PLACE_PREPS or not _attached(token.head, anchors):
            continue
        capital = capital_named(token)
        if capital is not None:
            return capital
        for of in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for name in (p for p in of.children if p.dep_ == "pobj" and p.pos_ == "PROPN"):
                entity = index.entity_at(name)
                if entity is not None and entity.type in ("person", "outlet", "organization"):
                    continue
                if entity is not None:
                    return entity
                words = [t for t in name.subtree if t.pos_ == "PROPN"]
                return Entity(" ".join(t.text for t in words), "place")
    return None


def capital_named(noun: Token) -> Entity | None:
    """ "the Chinese capital": the capital of the country the adjective names."""
    if noun.lower_ != "capital":
        return None
    for adjective in (c for c in noun.children if c.dep_ in ("amod", "compound")):
        country = gazetteer.country_of(adjective.text)
        city = gazetteer.capital_of(country, noun.doc.text) if country else None
        if city:
            return Entity(city, "place")
    return None


# "southern Moldova" is a part of the country, named as the article names it.
DIRECTIONS = {
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
}


def _with_direction(entity: Entity, ent: Span) -> Entity:
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ in DIRECTIONS and before.head == ent.root:
        return Entity(f"{before.text} {entity.name}", "place")
    return entity


def _untagged_place(sent: Span, anchors: set[int], index: ArticleEntities, preps: set[str]) -> Entity | None:
    """A proper name the tagger did not see ("could meet X in Port Zelin"), and nothing but
    a proper name, in the encounter's own "in"/"at" phrase is its place."""
    names = (
        name
        for prep in sent
        if prep.lower_ in preps and _attached(prep, anchors)
        for name in prep.children
        if name.dep_ == "pobj" and name.pos_ == "PROPN"
    )
    for name in names:
        found = _untagged_name(name, index)
        if found is not None:
            return found
    return None


def _place_within(prep: Token, preps: set[str], anchors: set[int], index: ArticleEntities) -> Entity | None:
    """ "at Bel-a-Vista in Port Zelin", "at his Bel-a-Vista residence in Norland": the
    tagged town or country hangs from the name of the place the encounter was at, and only
    says where that place is (or the parser hangs both phrases from the verb, one right after
    the other). The inner place, the finer one, is where they met."""
    outer = prep.head
    before = prep.doc[prep.i - 1] if prep.i > 0 else None
    if before is not None and before.dep_ != "pobj":
        before = before.head
    if before is not None and before.dep_ == "pobj" and before.head.head == prep.head:
        # "met at Bel-a-Vista in Zelin": "at" and "in" are both the verb's
        outer = before
    run = _hyphened_run(outer)
    if run is not None:
        # the parser may hang the phrase from any word of a hyphened name
        outer = next((t for t in run if not run[0].i <= t.head.i <= run[-1].i), outer)
    if outer.dep_ != "pobj" or outer.head.lower_ not in preps or not _attached(outer.head, anchors):
        return None
    if outer.ent_type_ or index.entity_at(outer) is not None:
        return None
    if outer.pos_ == "PROPN":
        return _untagged_name(outer, index, end=prep.i)
    if outer.pos_ != "NOUN" or outer.lemma_.lower() not in BUILDING_NOUNS:
        return None
    name = next((c for c in outer.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"), None)
    if name is None:
        return None
    words = _hyphened_run(name) or [name]
    if words[-1].i >= outer.i or any(t.ent_type_ or index.entity_at(t) is not None for t in words):
        return None
    return Entity(outer.doc[words[0].i : outer.i + 1].text, "place")


def _untagged_name(name: Token, index: ArticleEntities, end: int | None = None) -> Entity | None:
    """The place a proper name the tagger did not see stands for, or None; its words end
    before `end` where a phrase hangs from it."""
    run = _hyphened_run(name)
    hyphened = run is not None
    words = run or [t for t in name.subtree if end is None or t.i < end]
    capital = " ".join(t.text for t in words if t.pos_ == "PROPN")
    if gazetteer.country_of_capital(capital) and name.ent_type_ in ("NORP", "PERSON", "ORG"):
        # "in the Tunisian capital Tunis": a capital the tagger took for a people or a
        # person is still the city.
        return Entity(capital, "place")
    parts = [t for t in words if t.tag_ != "HYPH"] if hyphened else words
    known = {index.entity_at(t) for t in parts}
    place = known.pop() if len(known) == 1 else None
    if place is not None and place.type in ("place", "country") and not any(t.ent_type_ for t in parts):
        # "visited X in Zelin": a name the story's registry knows as a place, left untagged
        # by the tagger in this sentence
        return place
    if (
        # "Bel-a-Vista": the words between the hyphened name's ends may be small ones
        all(t.pos_ == "PROPN" and t.is_title for t in ((parts[0], parts[-1]) if hyphened else parts))
        and (not hyphened or all(t.is_alpha for t in parts))
        and not any((t.ent_type_ or index.entity_at(t) is not None) and not _inside(t, run) for t in parts)
        # "Mar", "Sun" in one hyphened name are no dates
        and (hyphened or not any(t.lower_ in MONTHS_AND_DAYS for t in parts))
    ):
        if hyphened:
            return Entity(name.doc[words[0].i : words[-1].i + 1].text, "place")
        return Entity(" ".join(t.text for t in words), "place")
    return None


def _inside(token: Token, run: list[Token] | None) -> bool:
    """Is the token's entity tag on a part of the hyphened name only ("Bel" of "Bel-a-Vista"
    taken for a person)? Such a tag is the tagger's slip, not a name of its own."""
    if run is None:
        return False
    ent = next((e for e in doc_ents(token.doc) if e.start <= token.i < e.end), None)
    return ent is not None and run[0].i <= ent.start and ent.end <= run[-1].i + 1 and len(ent) < len(run)


def _hyphened_run(name: Token) -> list[Token] | None:
    """ "at Port-au-Zelin, where ...": the name's words joined by hyphens, however the parser
    hung them, without the clause after it. The run grows only over a hyphen pair with no
    space between, so three words or more are a name joined by hyphens."""
    doc = name.doc
    start = end = name.i
    while start > 0 and not doc[start - 1].whitespace_ and "HYPH" in (doc[start - 1].tag_, doc[start].tag_):
        start -= 1
    while end + 1 < len(doc) and not doc[end].whitespace_ and "HYPH" in (doc[end].tag_, doc[end + 1].tag_):
        end += 1
    words = list(doc[start : end + 1])
    return words if len(words) > 2 else None


def _attached(prep: Token, anchors: set[int]) -> bool:
    """The preposition hangs from the encounter (its trigger or governing verb)."""
    if prep.head.i in anchors:
        return True
    name = _top_of_name(prep.head)
    # Hung from a name's last part: counted from the name's head, one hop to it, three on.
    start, hops = (prep, 4) if name == prep.head else (name, 3)
    return (name.i in anchors or reaches(start, anchors, hops) is not None) and not _told_of_other(
        prep, anchors
    )


def _top_of_name(name: Token) -> Token:
    """ "met Minister X of Norland in Zelin", "met Director of the Zelin Office X in Zelin":
    the parser hangs a place phrase told after a partner's name and titles from the last
    name in them, but no country is "in" a town: the phrase is said of the whole name, and
    counts from its head. Proper nouns only: "the head of the mission in Zelin" may tell
    where the mission is."""
    while name.pos_ == "PROPN" and (
        (name.dep_ == "pobj" and name.head.lower_ == "of") or name.dep_ == "conj"
    ):
        name = name.head.head if name.dep_ == "pobj" else name.head
    return name


def _told_of_other(prep: Token, anchors: set[int]) -> bool:
    """ "calls to X, a leader of the fugitives in Norland", "talks with X on the future role in
    Norland": a phrase inside a partner's description, or inside what the encounter noun is
    about, says where that thing is, not where the encounter was. A name in apposition
    ("his counterpart X in Zelin") is the partner itself; a topic that is a day ("talks on
    Monday in Zelin") is no topic, nor is "met, on holiday in Zelin," (a verb's "on")."""
    token = prep.head
    while token.i not in anchors and token.head != token:
        if token.dep_ == "appos" and token.pos_ == "NOUN":
            return True
        if token.dep_ == "prep" and token.lower_ in TOPIC_PREPS and token.head.pos_ == "NOUN":
            objects = [c for c in token.children if c.dep_ == "pobj"]
            if objects and not any(o.ent_type_ in ("DATE", "TIME") for o in objects):
                return True
        token = token.head
    return False


def looks_like_place(ent: Span) -> bool:
    """An ORG tag on a building or compound: "the Varga Palace", "the Zelin Kremlin", "Harbour Palace"."""
    last = ent[-1].lower_
    return last == "kremlin" or last in BUILDING_NOUNS
