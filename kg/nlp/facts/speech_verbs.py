"""The speech-verb side of attribution: which verb of saying attributes a quotation ("said",
"fired back", "as Weber put it", a verb whose "as" takes the quoted words), which does not
(imagined, wished or conditional speech, words not yet said, a verb inside what someone else
reports), and who its speaker is: the verb's subject, or that of the clause controlling it
("..., adding that"), the one cited, quoted, praised for saying or asking, the author of a
statement, the name right after the closing mark. Also the people reported speaking by name
(the candidates for a later "he said") and the words around a quotation outside it.
Attribution, the answer every attribution reader gives, is defined here. speakers.py resolves
the speaker phrase found; quotes.py chooses among the readers.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.model import Entity
from kg.nlp.cached import parsed_text, tokens_with_lemma
from kg.nlp.dateline import dateline_span
from kg.nlp.entities import ArticleEntities
from kg.nlp.facts.mention import agent_objects
from kg.nlp.facts.quote_marks import Segment, after_close, opening
from kg.nlp.facts.speakers import (
    DOCUMENT_NOUNS,
    PERSON_NOUNS,
    QUESTIONING_VERBS,
    SPEAKER_TYPES,
    UNNAMED_SOURCES,
    agreeing_person,
    author_of,
    describes_someone,
    earlier_author,
    epithet_person,
    holder_named,
    is_unnamed_source,
    named_as,
    named_speaker,
    pronoun_speaker,
    refers_back,
)
from kg.nlp.facts.title_words import ORGANISATION_WORDS
from kg.nlp.factuality import MODALS, is_conditional
from kg.nlp.gazetteer import GROUP_NOUNS, OUTLET_NOUNS, SPEECH_LEMMAS, TITLE_HEADS
from kg.nlp.groups import GROUP_HEADS
from kg.nlp.lexicon import phrasal_verbs, single_words, words
from kg.nlp.pronouns import is_person_pronoun

# Verbs that attribute a quotation beside them, "said" and its kin: the speech verbs and the
# other verbs of saying ("proclaimed", "fired back", "she went on").
QUOTING_LEMMAS = SPEECH_LEMMAS | single_words("reporting-verbs")
_QUOTING_PHRASAL = phrasal_verbs("reporting-verbs")
# The lemmas a verb of saying can have: those of `is_quoting_verb`'s two tests.
_QUOTING_HEADS = QUOTING_LEMMAS | frozenset(_QUOTING_PHRASAL)


def is_quoting_verb(token: Token) -> bool:
    """Is the token a verb of saying: a speech verb, another verb of saying, or one of the
    verbs that say with a particle ("fired back", "went on")?"""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    if lemma in QUOTING_LEMMAS:
        return True
    particles = _QUOTING_PHRASAL.get(lemma)
    # The parser reads the particle as one ("went on") or as an adverb ("fired back").
    return particles is not None and any(
        c.dep_ in ("prt", "advmod") and c.lower_ in particles and c.i == token.i + 1 for c in token.children
    )


@dataclass(frozen=True)
class Attribution:
    speaker: Entity | None
    description: str  # the speaker's name, or the words that describe them
    verb: Token | None = None  # the speech verb, where there is one
    relay: Entity | None = None  # "the Courier reported, citing X's interview": the Courier
    # "she said", "the commission says", unresolved: words that stand for someone the story
    # names, which name no one here. The quotation is told (its pieces go on with it) but
    # left out of the facts: a description is kept only for a source the story leaves unnamed.
    unresolved: bool = False
    # "..., according to Weber": the whole sentence is what the source is reported saying,
    # a short quoted phrase in it included.
    sourced: bool = False


def governs(verb: Token, doc: Doc, segment: Segment) -> bool:
    """Is the quotation part of what `verb` reports: are its words in the verb's clause?"""
    span = doc.char_span(segment.start, segment.end, alignment_mode="expand")
    if span is None:
        return False
    return all(verb in token.ancestors or token == verb for token in span if not token.is_punct)


def sentences_around(doc: Doc, segment: Segment) -> Span | None:
    """The sentence or sentences a quotation stands in."""
    span = doc.char_span(segment.start, segment.end, alignment_mode="expand")
    return None if span is None else doc[span[0].sent.start : span[-1].sent.end]


def outside_tokens(doc: Doc, segment: Segment, inside: set[int]) -> list[Token]:
    """The words of the sentences around a quotation that are not themselves quoted. The
    tagger often ends a sentence at a quotation's closing "?" or "!" ("...?” Weber asked.")
    and after an introducing colon (Weber said: “...”): the sentence the attribution
    then stands in counts too."""
    around = sentences_around(doc, segment)
    if around is None:
        return []
    start, end = around.start, around.end
    if end < len(doc):
        text = parsed_text(doc)
        between = text[segment.end : doc[end].idx]
        # Not after a full stop: "... founder of “Harbour Friends 2020.” Weber also pleaded
        # guilty" is a sentence of its own.
        if "\n" not in between and not between.strip('”"» ') and text[segment.end - 1] != ".":
            end = doc[end].sent.end
    before = start - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    if before >= 0 and doc[before].text == ":":
        start = doc[before].sent.start
    return [t for t in doc[start:end] if t.idx not in inside and not t.is_space]


def named_speakers(doc: Doc, inside: set[int], index: ArticleEntities) -> list[tuple[Token, Entity]]:
    """Every person the article reports speaking by name ("Varga also told the Ledger"),
    outside quotation marks, in text order: the candidates for a later "he said"."""
    found: list[tuple[Token, Entity]] = []
    for token in tokens_with_lemma(doc, _QUOTING_HEADS):
        if token.idx in inside or not is_quoting_verb(token):
            continue
        for subject in (c for c in token.children if c.dep_ == "nsubj" and c.idx not in inside):
            entity = index.entity_at(subject)
            if entity is not None and entity.type == "person":
                found.append((subject, entity))
    return found


_WISHING_LEMMAS = words("wishing-verbs")


def imagined(verb: Token) -> bool:
    """Is the speech verb one no one spoke: a picture ("his eyes gleaming, as if to say
    “...”"), a condition ("if the board says “...”") or a wish ("I hope the country says
    “...”")?"""
    if is_conditional(verb):
        return True
    return verb.dep_ in ("ccomp", "parataxis", "xcomp") and verb.head.lemma_.lower() in _WISHING_LEMMAS


def not_yet_said(verb: Token) -> bool:
    """Is the speech verb under a modal ("will say", "would call it", "may brand you", "is
    sure to call"), its own or that of the verb it completes: words no one has said yet?"""
    clauses = (verb, verb.head) if verb.dep_ in ("xcomp", "conj") else (verb,)
    return any(
        c.dep_ == "aux" and c.lower_ in MODALS and not c.text[:1].isupper()  # "While Will says": a name
        for clause in clauses
        for c in clause.children
    )


def reported(verb: Token) -> bool:
    """Is the verb itself in what someone is reported saying, the clause a speech verb
    reports ("Weber said Ruiz once called the plan “a disgrace”": Weber's words, Ruiz's
    only as Weber tells it; not "Weber said, accusing Ruiz of “...”")?"""
    for t in (verb, *verb.ancestors):
        if t.dep_ in ("relcl", "acl"):
            return False  # "the war that Nordhaven calls “...”": its own speaker, named in it
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in SPEECH_LEMMAS and t.head.pos_ in ("VERB", "AUX"):
            return True
    return False


def told_by_a_person(verb: Token, index: ArticleEntities) -> bool:
    """ "An aide said Weber would ask the council “to stand firm”": a speech verb in the
    clause another speech verb reports (its complement, or one inside it) is told by that
    verb's subject, the aide's words of what Weber would ask, where that subject is a
    person or an unnamed source; not where it is an outlet relaying the words ("Weber said
    ..., the Courier reported": Weber's), nor from an aside ("..., although Weber said")."""
    clause = verb
    while clause.dep_ == "ccomp":
        clause = clause.head
        if clause.pos_ in ("VERB", "AUX") and clause.lemma_.lower() in SPEECH_LEMMAS:
            break
    else:
        return False
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    if len(subjects) != 1:
        return False
    entity = index.entity_at(subjects[0])
    if entity is not None:
        return entity.type == "person"
    return is_unnamed_source(subjects[0])


def as_complement(verb: Token, doc: Doc, segment: Segment) -> bool:
    """ "Weber hailed Ruiz as “a true friend of the harbour”": quoted words that are all
    what the verb's subject takes someone for, the complement of its "as", are the
    subject's, whatever the verb; unless the verb is itself in what someone is reported
    saying ("Weber said ferries ran as “a lifeline”": Weber's words)."""
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
    if not preps or reported(verb):  # the cheap test first: most verbs have no "as"
        return False
    span = doc.char_span(segment.start, segment.end, alignment_mode="expand")
    return span is not None and any(
        all(prep in t.ancestors for t in span if not t.is_punct) for prep in preps
    )


def as_put_it(verb: Token) -> bool:
    """ "As Weber put it, “...”": a speech verb in this one construction."""
    return (
        verb.lemma_.lower() == "put"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children)
    )


def participle_after_name(
    doc: Doc, segment: Segment, verb: Token, index: ArticleEntities
) -> Attribution | None:
    """ "the ad shows footage of Weber saying at the rally, “...”": a speech verb's -ing form
    right after a named person, introducing the quotation that follows it in its sentence,
    is that person speaking, wherever the parser hung the two (the clip, not the ad, is
    heard saying it)."""
    if verb.tag_ != "VBG" or verb.i == 0 or verb.idx > segment.start or verb.sent != doc[verb.i - 1].sent:
        return None
    entity = index.entity_at(doc[verb.i - 1])
    if entity is None or entity.type != "person":
        return None
    text = parsed_text(doc)
    mark = opening(text, segment)
    if any(ch in text[verb.idx : mark] for ch in '“”"\n.;'):
        return None  # the quotation is not the next thing the verb introduces
    opening_mark = doc.char_span(mark, mark + 1, alignment_mode="expand")
    if opening_mark is None or opening_mark[0].sent != verb.sent:
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in doc[verb.i + 1 : opening_mark[0].i]):
        return None
    return Attribution(entity, entity.name, verb)


def next_to_quotation(doc: Doc, segment: Segment, verb: Token, index: ArticleEntities) -> Attribution | None:
    """ "“...,” Weber, a party veteran, said": the name right after the closing mark, where
    the parser hung it elsewhere, with only its description between it and the verb; or,
    the order inverted, "“...,” said Weber, a party veteran, “...”": the name right after
    a verb that stands right after the closing mark and has no subject of its own (the
    parser took the name for the subject of the next quotation's words)."""
    if verb.idx < segment.end:
        return None
    text = parsed_text(doc)
    gap = text[after_close(text, segment) : verb.idx]
    if not gap.strip(" ,"):
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return None
        # The name that ends the words after the verb, not one that modifies it ("said
        # Harbour Party spokesman Ana Ruiz": Ana Ruiz, not the party).
        end = verb.i + 1
        while end < len(doc) and doc[end].pos_ in ("PROPN", "NOUN", "ADJ"):
            end += 1
        entity = index.entity_at(doc[end - 1]) if end > verb.i + 1 else None
        if entity is None or entity.type not in SPEAKER_TYPES:
            return None
        return Attribution(entity, entity.name, verb)
    # The words from the closing mark to the verb, read back from the verb: reading the
    # article from its start for each quotation made long stories quadratic.
    between: list[Token] = []
    i = verb.i - 1
    while i >= 0 and doc[i].idx > segment.end:
        if not doc[i].is_space and not doc[i].is_punct:
            between.append(doc[i])
            if len(between) > 12:
                return None
        i -= 1
    between.reverse()
    if not between or any(t.pos_ in ("VERB", "AUX") for t in between):
        return None
    if any(ch in gap for ch in '“”"\n'):
        return None
    entity = index.entity_at(between[0])
    if entity is None or entity.type not in SPEAKER_TYPES:
        return None
    owned = next((t.head for t in between if t.dep_ == "poss" and index.entity_at(t) == entity), None)
    if owned is not None:
        # "“...,” Weber's spokeswoman, Ana Ruiz, said": the one set beside what the name
        # owns speaks, not its owner; with no one beside it, no one this reading names.
        people = [e for c in owned.children if c.dep_ == "appos" and (e := index.entity_at(c))]
        entity = next((e for e in people if e.type == "person"), None)
        if entity is None:
            return None
    return Attribution(entity, entity.name, verb)


def speaker_of(
    verb: Token, index: ArticleEntities, inside: set[int], speakers: list[tuple[Token, Entity]]
) -> Attribution | None:
    # "news agency Norpress reported, citing Varga's interview": the cited person said it,
    # and the outlet that reported it relays it.
    for citing in (c for c in verb.children if c.lower_ == "citing"):
        for obj in (c for c in citing.children if c.dep_ == "dobj"):
            for candidate in (obj, *[c for c in obj.children if c.dep_ == "poss"]):
                entity = index.entity_at(candidate)
                # The tagger often calls a possessor "X's" an organisation; an outlet is the
                # reporter, not the one cited.
                if entity is not None and entity.type in ("person", "organization"):
                    relays = [index.entity_at(c) for c in verb.children if c.dep_ == "nsubj"]
                    relay = next((r for r in relays if r is not None and r.type == "outlet"), None)
                    return Attribution(entity, entity.name, verb, relay)
    # "X issued a statement saying ...": the statement's author said it.
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in DOCUMENT_NOUNS:
        author = author_of(verb.head, index)
        if author is not None:
            return Attribution(author, author.name, verb)
    # "X was quoted as saying", "the paper quoted X as saying": the one quoted said it.
    quoting = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "as" else verb.head
    if verb.dep_ in ("pcomp", "advcl", "xcomp") and quoting.lemma_.lower() == "quote":
        for quoted in (c for c in quoting.children if c.dep_ in ("nsubjpass", "dobj")):
            return described(quoted, index, *named_speaker(quoted, index), verb)
    candidates: list[Token] = []
    if verb.dep_ == "pcomp" and verb.head.lower_ == "for" and verb.head.dep_ == "prep":
        # "Weber praised Ruiz for saying ...": the one praised or blamed for it said it.
        candidates += [c for c in verb.head.head.children if c.dep_ == "dobj"]
    if verb.lemma_.lower() in QUESTIONING_VERBS and any(c.dep_ == "nsubjpass" for c in verb.children):
        # "Weber was asked by host Ana Ruiz, “...”": the one who asks says the question.
        candidates += agent_objects(verb)
    for candidate in (c for c in candidates if c.idx not in inside):
        entity, description = named_speaker(candidate, index)
        if entity is not None and entity.type == "person":
            return Attribution(entity, description, verb)
    # Other subjects active only: "the plan was described as ..." names no speaker.
    subjects = _undated([c for c in verb.children if c.dep_ == "nsubj" and c.idx not in inside])
    clause: Token | None = verb
    for _ in range(SUBJECT_CLIMB):
        clause = _controlling_clause(clause) if clause is not None else None
        if subjects or clause is None:
            break
        subjects = _undated([c for c in clause.children if c.dep_ == "nsubj" and c.idx not in inside])
    # Two subjects of one verb are a misparse ("co-host Ana Ruiz asked", "made public ― Weber
    # boasted", the hyphen or dash read as a noun): the one that names someone first, a
    # person before a body ("said Air Force 1st Lt. Ana Ruiz": the unit read as a name).
    if len(subjects) > 1:
        subjects.sort(key=lambda s: ((e := index.entity_at(s)) is None, e is None or e.type != "person"))
    for subject in subjects:
        if subject.lower_ == "who":
            attribution = _relative_speaker(subject, verb, index)
            if attribution is not None:
                return attribution
            continue
        if subject.lower_ in ("it", "this", "that", "which", "what", "who"):
            continue
        if is_person_pronoun(subject):
            return described(subject, index, *pronoun_speaker(subject, index, speakers, inside), verb)
        entity, description = named_speaker(subject, index)
        if entity is None:
            entity = _titled_conjunct(subject, index)
            description = entity.name if entity is not None else description
        if entity is None:
            # "a spokesman for Ruiz said", where the story names Ruiz's spokesman: him.
            entity = holder_named(subject, index)
            description = entity.name if entity is not None else description
        if entity is None and describes_someone(subject, index):
            # "the Vermont senator said": the person the story is speaking of just then.
            entity = agreeing_person(subject, index, speakers, inside, 0)
            description = entity.name if entity is not None else description
        if entity is None:
            # "“...,” the former senator said", right after a sentence about Ana Ruiz: her.
            entity = epithet_person(subject, index, inside)
            description = entity.name if entity is not None else description
        if entity is None:
            # "Senator Ana Ruiz ... the senator said": the one the story called so before.
            entity = named_as(subject, index)
            description = entity.name if entity is not None else description
        if entity is None and subject.lemma_.lower() in DOCUMENT_NOUNS:
            # "The union's statement said": its author, or the author of the statement told
            # before it; an authorless "the memo" stays itself.
            entity = author_of(subject, index) or earlier_author(subject, index)
            description = entity.name if entity is not None else description
        if entity is None and subject.pos_ not in ("NOUN", "PROPN"):
            continue  # "made public ― Weber boasted": a misparse, not a speaker
        if entity is not None and entity.type == "person":
            description = _together(subject, entity, index)
        return described(subject, index, entity, description, verb)
    return None


def _relative_speaker(who: Token, verb: Token, index: ArticleEntities) -> Attribution | None:
    """The person a relative "who" of a saying clause stands for, where one name is sure.

    "Ana Ruiz, who said that “...”", "Ruiz, the harbour master who observed that “...”": the
    person the clause is of (a noun set beside the name, the name's).
    """
    if who.head.dep_ != "relcl" or who.head.lemma_.lower() not in QUOTING_LEMMAS:
        return None
    antecedent = who.head.head
    if any(c.dep_ == "conj" for c in antecedent.children) or antecedent.dep_ == "conj":
        return None  # "Ruiz and Weber, who said": one of them, or both
    if antecedent.dep_ == "pobj" and who.i > 0 and who.nbor(-1).text != ",":
        return None  # "a partner at Harbour Legal who said": the partner, more likely
    if antecedent.pos_ != "PROPN" and antecedent.dep_ == "appos":
        antecedent = antecedent.head  # "Vondrak, the harbour master who said"
    if antecedent.pos_ != "PROPN":
        return None  # "citizens who say ...": no one named
    entity, description = named_speaker(antecedent, index)
    if entity is not None and entity.type == "person":
        return Attribution(entity, description, verb)
    return None


def _titled_conjunct(subject: Token, index: ArticleEntities) -> Entity | None:
    """ "Harbour Radio Vice President for news and talk Ana Ruiz called it “...”": a title
    written as a name's ("Vice President", no article) that the parser made the subject,
    with the name run on behind it read as a second one joined to it, is that person's."""
    if subject.pos_ != "PROPN" or subject.lemma_.lower() not in TITLE_HEADS:
        return None
    if any(c.dep_ == "det" for c in subject.children):
        return None  # "the president and Ana Ruiz said": two speakers
    people = {
        e
        for c in subject.children
        if c.dep_ == "conj" and (e := index.entity_at(c)) is not None and e.type == "person"
    }
    return people.pop() if len(people) == 1 else None


def _undated(subjects: list[Token]) -> list[Token]:
    """The subjects without the story's dateline, which the parser may make one ("OSLO, May 2
    (Norpress) — An aide called ..."): where the reporter is, never who speaks. A name it
    hung on the dateline as an apposition ("OSLO (Norpress) — Mayor Ana Ruiz said") is the
    subject."""
    if not subjects:
        return subjects
    dateline = dateline_span(subjects[0].doc)
    if dateline is None:
        return subjects
    kept: list[Token] = []
    for subject in subjects:
        if dateline.start <= subject.i < dateline.end:
            kept.extend(c for c in subject.children if c.dep_ == "appos" and c.i >= dateline.end)
        else:
            kept.append(subject)
    return kept


def _together(subject: Token, entity: Entity, index: ArticleEntities) -> str:
    """ "Holloway and Keller wrote": several people speak together, and are named together
    ("Karen Holloway and David Keller"); the quotation stays linked to the first. Only where
    every one joined is a named person: "Holloway and her aides said" stays Holloway."""
    people = [entity]
    joined = [c for c in subject.children if c.dep_ == "conj"]
    while joined:
        conj = joined.pop(0)
        joined.extend(c for c in conj.children if c.dep_ == "conj")
        other = index.entity_at(conj)
        if other is None or other.type != "person":
            return entity.name
        if other not in people:
            people.append(other)
    names = [p.name for p in people]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def described(
    phrase: Token, index: ArticleEntities, entity: Entity | None, description: str, verb: Token | None = None
) -> Attribution:
    """The attribution a speaker phrase makes, marked unresolved where the phrase stands for
    someone the story names whom it could not be followed to, or for no one who speaks."""
    unresolved = entity is None and (refers_back(phrase, index) or _speaks_not(phrase))
    return Attribution(entity, description, verb, unresolved=unresolved)


# The common nouns for someone who can be heard speaking: a person, a group of people, a
# body, an outlet or a document (its author's words).
_SPEAKING_NOUNS = (
    PERSON_NOUNS
    | TITLE_HEADS
    | DOCUMENT_NOUNS
    | OUTLET_NOUNS
    | GROUP_NOUNS
    | ORGANISATION_WORDS
    | GROUP_HEADS
    | UNNAMED_SOURCES
    | words("speaking-nouns")
)


def _speaks_not(phrase: Token) -> bool:
    """ "according to calculations by ...", "an average of voters reported “no opinion”": a
    speaker phrase headed by a common noun for no one who speaks (not a person, group, body,
    outlet or document) quotes no statement; a share of people ("73 percent said") is left as
    it is, and so is a name the tagger took for a noun ("news agency npa")."""
    return (
        phrase.pos_ == "NOUN"
        and phrase.is_lower  # a capitalised one may be a name the tagger missed ("D’Vardholm")
        and not phrase.ent_type_
        and phrase.lemma_.lower() not in _SPEAKING_NOUNS
        and not any(c.dep_ == "nummod" for c in phrase.children)
        # "news agency npa": a name in lower case, set beside a noun for a speaker
        and not any(
            c.lemma_.lower() in _SPEAKING_NOUNS for c in phrase.children if c.dep_ in ("compound", "appos")
        )
    )


# How many clauses up "..., going on to say that ..." looks for the one who says it.
SUBJECT_CLIMB = 3
# "began by saying", "after saying": the speaker is the subject of the clause the
# preposition hangs on. Not "for": "X criticised Y for saying" is Y's saying.
_SAME_SUBJECT_PREPOSITIONS = words("same-subject-prepositions")


def _controlling_clause(verb: Token) -> Token | None:
    """The clause whose subject is also the subject of `verb`'s clause, which has none of
    its own: "Weber said, adding that ...", "going on to say", "began by saying", "and
    said". None where another reading is open: "urged Ruiz to say" (Ruiz says it), or where
    that clause is itself what someone reports ("told the Courier that Ruiz would act by
    calling ...": the teller's words, not Ruiz's)."""
    head = verb.head
    if head == verb:
        return None
    target = None
    controlled = verb.dep_ == "xcomp" and not any(c.dep_ == "dobj" for c in head.children)
    if verb.dep_ in ("conj", "advcl") or controlled:
        target = head
    elif verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in _SAME_SUBJECT_PREPOSITIONS:
        target = head.head if head.head != head else None
    return None if target is None or target.dep_ == "ccomp" else target
