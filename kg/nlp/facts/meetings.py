"""In-person encounters: met, held talks, talks with / between, summit, received, hosted,
conferred, sat down with, X's meeting with Y."""

from __future__ import annotations

from spacy.tokens import Token

from kg.nlp import gazetteer
from kg.nlp.anchoring import anchored
from kg.nlp.cached import ents_in
from kg.nlp.facts.calls import has_phone_cue, is_courtesy_call
from kg.nlp.facts.mention import Finder, Trigger, agent_objects, companions, indefinite, prep_objects
from kg.nlp.facts.story_frames import PHASE_VERBS
from kg.nlp.factuality import LIGHT_VERBS, TOPIC_PREPS
from kg.nlp.frames import tells_occurring
from kg.nlp.lexicon import words
from kg.nlp.pronouns import is_person_pronoun

MEETING_VERBS = words("meeting-verbs")
MEETING_NOUNS = words("meeting-nouns")
# "will meet X in the final", "hosts Norland meet Brask": a fixture (_fixture).
CONTEST_NOUNS = words("contest-nouns")
COMPETITOR_NOUNS = words("competitor-nouns")
# "met X before the final", "at the match": the game is the occasion of an encounter.
OCCASION_PREPS = {"at", "before", "after", "during", "following", "on", "around", "since"}
# A visit to one of these is a trip, not an encounter ("visit Lima").
PLACE_LABELS = {"GPE", "LOC", "FAC", "ORG", "NORP"}
# Entity labels of an amount: "received 38 percent", "received $2 million".
AMOUNT_LABELS = {"PERCENT", "MONEY", "QUANTITY"}
# Verbs that are an encounter only with a person as object: "received the envoy".
HOSTING_VERBS = words("hosting-verbs")
WELCOMING_VERBS = words("welcoming-verbs")
RELATION_NOUNS = words("relation-nouns")
PARTNER_NOUNS = words("partner-nouns") | RELATION_NOUNS
MEAL_NOUNS = words("meal-nouns")
# "had lunch with X", "hosted a dinner for X": verbs whose object is the meal itself.
MEAL_VERBS = LIGHT_VERBS | HOSTING_VERBS
PEOPLE_NOUNS = words("plural-heads") | words("group-nouns")
NEGOTIATION_SUBJECTS = words("negotiation-subjects")
PROCESS_WORDS = words("process-words")
COMPANY_VISIT_WORDS = words("company-visit-words")
# Verbs that tell talks were held on an occasion: "held peace talks", "had trade talks".
HOLDING_VERBS = {"hold", "have"}
# Every verb lemma a rule of find_meeting may take.
_VERB_LEMMAS = MEETING_VERBS | HOSTING_VERBS | WELCOMING_VERBS | COMPANY_VISIT_WORDS | {"talk", "sit", "call"}
# Every noun lemma a rule of find_meeting may take (besides a meeting noun's own form).
_NOUN_LEMMAS = MEETING_NOUNS | PARTNER_NOUNS | MEAL_NOUNS | {"talk", "discussion", "call"}


def find_meeting(token: Token) -> Trigger | None:
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        if lemma not in _VERB_LEMMAS:
            return None  # no rule below takes it: decided before looking at its children
        if has_phone_cue(token):
            # "met by video link", "met virtually": a video conversation, a call (FACTS.md).
            return Trigger("call", token) if lemma in MEETING_VERBS else None
        if _for_an_interview(token):
            return None  # "sat down with X for an interview": an interview (interviews.py)
        if lemma in MEETING_VERBS:
            return None if _fixture(token) else Trigger("meeting", token)
        if (
            lemma == "talk"
            and any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children)
            and not _consulting(token)
        ):
            return Trigger("meeting", token)
        if (
            lemma == "sit"
            and any(c.dep_ == "prt" and c.lower_ == "down" for c in token.children)
            and any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children)
        ):
            return Trigger("meeting", token)
        # "hoped to visit Weber soon": a visit to a person is a meeting with them.
        if lemma == "visit" and any(
            c.dep_ == "dobj" and c.pos_ == "PROPN" and c.ent_type_ not in PLACE_LABELS for c in token.children
        ):
            return Trigger("meeting", token)
        if visits_with_someone(token):
            return Trigger("meeting", token)  # "visited with X last weekend"
        if lemma == "call":
            return Trigger("meeting", token) if _calls_on_someone(token) else None
        if lemma in WELCOMING_VERBS:
            if _welcomed_by_someone(token) or welcomed_to(token):
                return Trigger("meeting", token)
            return None
        if lemma not in HOSTING_VERBS:
            return None
        objects = [c for c in token.children if c.dep_ == "dobj"]
        if any(map(_an_amount, objects)):
            return None  # "received 38 percent support, X 3 percent": votes, not a guest
        # "the Cup which Norland hosted": the relative pronoun's antecedent is what was hosted.
        guests = [
            g for g in map(_antecedent, objects) if g.ent_type_ in ("PERSON", "NORP", "") and not _a_thing(g)
        ]
        if any(c.dep_ == "agent" for c in token.children):
            # "was received by the president": the guest is the passive subject.
            guests += [c for c in token.children if c.dep_ == "nsubjpass"]
        if any(_is_someone(c) for c in guests):
            return Trigger("meeting", token)
        return None
    if token.pos_ in ("NOUN", "PROPN"):
        if lemma not in _NOUN_LEMMAS and token.lower_ not in MEETING_NOUNS:
            return None  # no rule below takes it: decided before reading the noun's clause
        if _in_negotiations(token) or _a_negotiation(token) or _public_forum(token):
            return None
        word = token.lower_
        if lemma == "talk" and token.tag_ == "NNS":
            word = "talks"
        elif lemma == "discussion" and token.tag_ == "NNS":
            word = "discussions"
        # "meetings", "summits": the lemma, except "talk", whose singular is a lecture.
        if word in MEETING_NOUNS or (lemma in MEETING_NOUNS and lemma != "talk"):
            # "a virtual summit", "a video meeting": held over a video link, a call.
            return Trigger("call" if has_phone_cue(token) else "meeting", token)
        if is_courtesy_call(token) and any(_is_someone(p) for p in visited(token)):
            return Trigger("meeting", token)
        if (
            (lemma in PARTNER_NOUNS or lemma in MEAL_NOUNS)
            and not has_phone_cue(token)
            and _has_named_partner(token)
        ):
            return Trigger("meeting", token)
    return None


# "sat down with X for an interview", "will sit down with X, an interview that ...": the
# sitting is an outlet's interview of someone (interviews.py), no encounter of two parties.
INTERVIEW_NOUNS = words("interview-nouns")


def _for_an_interview(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            if any(p.dep_ == "pobj" and p.lemma_.lower() in INTERVIEW_NOUNS for p in child.children):
                return True
        elif child.dep_ in ("npadvmod", "appos", "dep") and child.lemma_.lower() in INTERVIEW_NOUNS:
            return True
    return any(
        a.dep_ == "appos" and a.lemma_.lower() in INTERVIEW_NOUNS
        for o in prep_objects(verb, ("with",))
        for a in o.children
    )


MEETING_FINDER = Finder(find_meeting, lemmas=_VERB_LEMMAS | _NOUN_LEMMAS, forms=MEETING_NOUNS)


def _consulting(verb: Token) -> bool:
    """ "were talking with the ministry about the bill", "have long been talking with X about
    the threat", "has begun talking with X about ways out": talking told as running on (or
    starting), about a topic, on no day, is a consultation by any means over days, not an
    encounter. With a day ("is talking with X about trade today") it is the story's own.
    Talking that has run on up to now ("has been talking with X") and a habit told of
    someone ("an aide who talks with X") are no encounter either."""
    running = verb.tag_ == "VBG" and (
        any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)
        or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in PHASE_VERBS)
    )
    # "has been talking with X": talking that has run on up to now is a consultation, topic
    # or none; so is "the aide who talks with X", what someone does as a habit.
    perfect = running and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    habit = (
        verb.dep_ == "relcl"
        and verb.tag_ in ("VBZ", "VBP")
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )
    return (
        running and (perfect or any(c.dep_ == "prep" and c.lower_ == "about" for c in verb.children)) or habit
    ) and not any(e.label_ in ("DATE", "TIME") and anchored(e, {verb.i}) for e in ents_in(verb.sent))


def visits_with_someone(token: Token) -> bool:
    """ "visited with X", "while visiting with him": a visit spent with a person
    (COMPANY_VISIT_WORDS). Only the verb with no object of its own ("visited Oslo with X"
    tells a trip the two took together), whose tense tells whether the visit was made: the
    noun ("from their visit with X") often names one still to come, with nothing to tell it."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in COMPANY_VISIT_WORDS:
        return False
    if any(c.dep_ in ("dobj", "nsubjpass") for c in token.children):
        return False
    partners = [c for p in prep_objects(token, ("with",)) for c in (p, *p.conjuncts)]
    # A name the tagger may take for an organisation ("Piotr Varga" as ORG) is let through;
    # verb_participants reads who it is. Not a country or a place ("visits with Denmark").
    return any(
        (p.pos_ == "PROPN" and p.ent_type_ in ("PERSON", "ORG")) or is_person_pronoun(p) for p in partners
    )


FORUM_WORDS = words("forum-words")


def _public_forum(noun: Token) -> bool:
    """ "A and B speak during a town hall meeting", "addressed a public meeting": a meeting
    noun named a public forum (FORUM_WORDS, on the noun or on its compound) is an audience
    addressed, not an encounter of those who speak at it."""
    modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod")]
    modifiers += [g for c in modifiers if c.dep_ == "compound" for g in c.children if g.dep_ == "compound"]
    return any(m.lower_ in FORUM_WORDS for m in modifiers)


def _in_negotiations(noun: Token) -> bool:
    """ "the firm is in talks with X over a merger", "had been in secret talks with X": to
    be "in" talks is to be negotiating, a state that lasts, told with no encounter in it
    ("was in the talks with X" names talks that were held, and stays a meeting)."""
    return (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "in"
        and noun.head.head.lemma_ == "be"
        and not any(c.dep_ == "det" for c in noun.children)
    )


def _a_negotiation(noun: Token) -> bool:
    """ "started entry talks with the Union in October", "launched talks with the Union over its
    accession", "is conducting free trade talks with
    Norland and Brask", "facilitating the peace talks between Velonia and the rebels": talks
    named by what they negotiate, or told as running on ("the ongoing talks between A and B",
    "the initiation of discussions between both sides", _told_as_process), between countries
    or bodies, are a process that runs for months, not an encounter (as contacts with a
    country are relations, RELATION_NOUNS).
    With a person as partner ("peace talks between President A and leader B") or told held
    ("held peace talks with X", "trade talks between A and B were held in Oslo", "took
    place") they are an occasion, and stay a meeting."""
    if noun.lemma_.lower() not in ("talk", "negotiation", "discussion", "consultation") or not (
        _named_by_subject(noun) or _told_as_process(noun)
    ):
        return False
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in HOLDING_VERBS:
        return False
    if noun.dep_ in ("nsubj", "nsubjpass") and tells_occurring(noun.head):
        return False
    partners = [c for p in prep_objects(noun, ("with", "between")) for c in (p, *p.conjuncts)]
    return not any(_a_person(p) for p in partners)


def _told_as_process(noun: Token) -> bool:
    """ "the ongoing talks between A and B", "the initiation of discussions between both
    sides", "Velonia's consultations with the Fund": talks told by how they run, or by their
    start, or named as a process, are a process (PROCESS_WORDS). Only with the parties named
    beside them: "cancelled the consultations", "the ongoing talks in Geneva" tell of an
    occasion named before."""
    if not prep_objects(noun, ("with", "between")):
        return False
    if noun.lemma_.lower() in PROCESS_WORDS:
        return True
    if any(c.dep_ == "amod" and c.lower_ in PROCESS_WORDS for c in noun.children):
        return True
    return (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.pos_ == "NOUN"
        and noun.head.head.lemma_.lower() in PROCESS_WORDS
    )


def _named_by_subject(noun: Token) -> bool:
    """ "accession talks", "trade talks", or the same told as a topic after the noun: "talks
    with X over its accession", "negotiations on trade" (the parser may hang the topic on the
    verb whose object the talks are: "opened talks with X on membership")."""
    # "hostage and ceasefire talks": the parser may hang the first of listed subjects as nmod.
    if any(
        c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in NEGOTIATION_SUBJECTS
        for c in noun.children
    ):
        return True
    topics = prep_objects(noun, TOPIC_PREPS) + (
        prep_objects(noun.head, TOPIC_PREPS) if noun.dep_ == "dobj" else []
    )
    return any(topic.lemma_.lower() in NEGOTIATION_SUBJECTS for topic in topics)


def _fixture(verb: Token) -> bool:
    """ "will meet X in Sunday's final", "when hosts Norland meet Brask" (the finals the clause
    tells of), "the national team will meet X, hoping to win the play-off games": opponents
    meet in a game. A round of a competition "in" which they meet, or a competitor word on a
    party with a game in the clause; meeting "at" or "before" a final, or "in the final of the
    cup" (a meeting in part of something), is an encounter."""
    if any(_a_contest(p) and not prep_objects(p, ("of",)) for p in prep_objects(verb, ("in",))):
        return True
    parties = [t for c in verb.children if c.dep_ in ("nsubj", "dobj") for t in c.subtree]
    if not any(t.lower_ in COMPETITOR_NOUNS for t in parties):
        return False
    # The clause's own words, and the subject of the clause a "when" clause hangs from.
    clause = list(verb.subtree)
    if verb.dep_ == "advcl":
        clause += [t for c in verb.head.children if c.dep_ == "nsubj" for t in c.subtree]
    return any(_a_contest(t) and not (t.dep_ == "pobj" and t.head.lower_ in OCCASION_PREPS) for t in clause)


def _a_contest(token: Token) -> bool:
    return token.pos_ == "NOUN" and (token.lemma_.lower() in CONTEST_NOUNS or token.lower_ in CONTEST_NOUNS)


def _calls_on_someone(verb: Token) -> bool:
    """ "the envoy called on the president on Monday": a courtesy visit to a person. Not an
    appeal ("called on Weber to resign", "called on Weber for restraint", "called on the
    government"): nothing may follow that says what the one called on should do."""
    # visited() also reads a "to" phrase, which makes an appeal below either way.
    called_on = visited(verb)
    callers = [c for c in verb.children if c.dep_ == "nsubj"] or ([verb.head] if verb.dep_ == "acl" else [])
    if not (any(map(_a_person, called_on)) and any(map(_a_person, callers))):
        return False  # "the firm called on a law firm": hired it
    if any(c.dep_ in ("dobj", "auxpass", "prt") for c in verb.children):
        return False  # "called him a liar", "was called on", "called off"
    if any(c.dep_ == "prep" and c.lower_ in ("for", "to") for c in verb.children):
        return False
    # "to resign", "to act", wherever the parser hangs the infinitive.
    return not any(t.tag_ == "VB" and any(c.lower_ == "to" for c in t.children) for t in verb.subtree)


def _a_person(token: Token) -> bool:
    """A person's name, "he", or a title ("the president"); not a name the words beside it
    call something else ("Haller & Feld, an international law firm")."""
    if any(c.dep_ == "appos" and c.pos_ == "NOUN" and not _a_person(c) for c in token.children):
        return False
    return (
        token.ent_type_ == "PERSON"
        or is_person_pronoun(token)
        or (token.pos_ == "NOUN" and token.lemma_.lower() in gazetteer.TITLE_HEADS)
    )


def _welcomed_by_someone(verb: Token) -> bool:
    """ "X was greeted by Y": a guest as the passive subject, a host named as the agent (a
    person: "was welcomed by Washington" is a figure of speech)."""
    guests = [c for c in verb.children if c.dep_ == "nsubjpass"]
    hosts = agent_objects(verb)
    return any(_is_someone(g) for g in guests) and any(h.ent_type_ == "PERSON" for h in hosts)


def welcomed_to(verb: Token) -> list[Token]:
    """ "X welcomed Y to Zelin (to the palace)": a named guest welcomed to a named place is
    met there; the place the guest came to ("welcomed the decision" names no one, "welcomed
    Y to the talks" no place)."""
    if verb.lemma_.lower() not in WELCOMING_VERBS or not any(
        c.dep_ == "dobj" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON" for c in verb.children
    ):
        return []
    return [p for p in prep_objects(verb, ("to",)) if p.ent_type_ in ("GPE", "LOC", "FAC")]


def _an_amount(token: Token) -> bool:
    """A share, a sum or a measure ("38 percent support", "Libertarian X 3 percent"): what
    is received is counted, not a guest."""
    return token.ent_type_ in AMOUNT_LABELS or any(
        c.ent_type_ in AMOUNT_LABELS for c in token.children if c.dep_ in ("nummod", "compound", "appos")
    )


def _a_thing(token: Token) -> bool:
    """ "to receive an honorary Lorne Medal": a name with "a" or "an" before it names a thing
    (a prize, a copy), not a guest."""
    return token.pos_ == "PROPN" and indefinite(token)


def _antecedent(token: Token) -> Token:
    """ "the votes that they received": a relative pronoun stands for the noun its clause
    tells of (the votes), not for someone."""
    if token.tag_ in ("WDT", "WP") and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _is_someone(token: Token) -> bool:
    """A name, a pronoun, or a noun for people ("the envoy", "the two leaders"): hosting or
    receiving one of these is an encounter; receiving "their distinction" is not."""
    if token.pos_ in ("PROPN", "PRON"):
        return True
    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and (lemma in gazetteer.TITLE_HEADS or lemma in PEOPLE_NOUNS)


def _has_named_partner(noun: Token) -> bool:
    """ "a conference between A and B", "dinner with the president", "a news conference
    alongside X": a "with" or "between" phrase naming someone, or a companion; for a noun
    of relations ("contacts with X"), a person."""
    partners = prep_objects(noun, ("with", "between"))
    if _meal_object(noun):
        # "had lunch with X": the parser hangs the partner on the verb the meal is the object of.
        partners += prep_objects(noun.head, ("with",))
    if noun.lemma_.lower() in RELATION_NOUNS:
        # "his contacts with the ambassador": someone's dealings with a person over time, by
        # whatever means (calls, letters, meetings), not one encounter ("had contacts with
        # Ana Ruiz last week" may be one).
        owned = noun.tag_ == "NNS" and any(c.dep_ == "poss" for c in noun.children)
        return not owned and any(_a_person(p) for p in partners)
    return bool(honoured(noun)) or any(
        p.pos_ == "PROPN" or _is_someone(p) for p in partners + companions(noun)
    )


def honoured(noun: Token) -> list[Token]:
    """ "hosted a dinner for X": the named person a meal is given for, when its host is told
    (the meal is the object of a verb of holding or hosting)."""
    if not _meal_object(noun):
        return []
    return [p for p in prep_objects(noun, ("for",)) if p.pos_ == "PROPN" and p.ent_type_ == "PERSON"]


def _meal_object(noun: Token) -> bool:
    """ "had lunch", "hosted a dinner": a meal that is the object of a verb of having,
    holding or hosting one."""
    return (
        noun.lemma_.lower() in MEAL_NOUNS and noun.dep_ == "dobj" and noun.head.lemma_.lower() in MEAL_VERBS
    )


def visited(noun: Token) -> list[Token]:
    """Whom "a courtesy call on X" (or "to X") was paid to."""
    return prep_objects(noun, ("on", "upon", "to"))
