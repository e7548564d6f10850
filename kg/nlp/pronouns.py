"""Who "he" and "she" are: a pronoun to the one person the text leaves for it, or no one.

The entity layer (kg/nlp/entities.py) says who the story's people are; this module reads a
pronoun against them, sentence by sentence. One owner for the question, asked by the
meeting, visit, group, interview and quotation readers alike.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.model import Entity
from kg.nlp import gazetteer
from kg.nlp.captions import in_credit_paragraph
from kg.nlp.entities import ArticleEntities
from kg.nlp.gender import PRONOUN_GENDER, fits_pronoun


def is_person_pronoun(token: Token) -> bool:
    return token.lower_ in PRONOUN_GENDER


def resolve_pronoun(token: Token, index: ArticleEntities, depth: int = 0) -> Entity | None:
    """'he' / 'she' -> a person, only where the text leaves one reading. Deliberately
    narrow: an unresolved pronoun loses a fact, a wrong one invents one.

    In the pronoun's own sentence: the last person named as a subject before it, else the
    last person named before it at all ("Vondrak's departure, where he will ...").
    Otherwise the nearest earlier sentence (two at most) that speaks of a person: its main
    subject if that is a person (named, described or itself a pronoun resolved the same
    way), else the one person it names. A sentence whose subject is a person we cannot
    name ("The minister said ... with Karel Vondrak") leaves the pronoun unresolved.
    """
    sent = token.sent
    doc = token.doc
    # "Weber and Lindqvist are willing, he said": the people the reported words name are
    # not the one reporting them (who would have said "Weber said he ...").
    own = doc[sent.start : sent.start] if _reports_what_precedes(token) else doc[sent.start : token.i]
    before = [t for t in own if fits_pronoun(index, _person(index, t), token)]
    if not before:
        # "In his meeting with Varga, Weber said": a possessive in a phrase put before the
        # clause's subject looks ahead to that subject.
        ahead = fronted_subjects(token) or fronted_clause_subject(token)
        if len(ahead) == 1 and fits_pronoun(index, _person(index, ahead[0]), token):
            return _person(index, ahead[0])
    subjects = [t for t in before if t.dep_ in ("nsubj", "nsubjpass") or _owns_subject(t)]
    # "He told Ana Ruiz that his talks with X went well": a pronoun of the same gender as the
    # subject pronoun of a clause above it is that subject again, not the person named
    # between them (who is the object).
    same = _subject_pronoun_above(token, own)
    if same is not None and (not subjects or subjects[-1].i < same.i):
        return resolve_pronoun(same, index, depth + 1) if depth < 3 else None
    if subjects:
        return _person(index, subjects[-1])
    if before:
        return _person(index, before[-1])
    start = sent.start
    for _ in range(2):
        if start == 0:
            return None
        prev = doc[start - 1].sent
        while in_credit_paragraph(prev):
            # "... he said. || Photograph: Jane Roe/Norpress || He added": a photo's caption
            # and credit set inside the story are no part of its telling; the one who speaks
            # is told before them.
            if prev.start == 0:
                return None
            prev = doc[prev.start - 1].sent
        subject = _main_subject(prev, index)
        if subject is not None:
            named = _person(index, subject)
            if named is not None and fits_pronoun(index, named, token):
                return named
            if is_person_pronoun(subject):
                return resolve_pronoun(subject, index, depth + 1) if depth < 3 else None
            if subject.lemma_.lower() in gazetteer.TITLE_HEADS:
                return None  # a person the article describes but we cannot name
        people = {p for t in prev if (p := fits_pronoun(index, _person(index, t), token))}
        if len(people) == 1:
            return people.pop()
        if people:
            return None
        start = prev.start
    return None


def _owns_subject(token: Token) -> bool:
    """ "Ruiz's letter, sent to X, was written after his talks with Y": the owner of the
    clause's subject is who the clause is about, as a subject would be."""
    return token.dep_ == "poss" and token.head.dep_ in ("nsubj", "nsubjpass")


def _subject_pronoun_above(pronoun: Token, own: Span) -> Token | None:
    """The subject pronoun, of the pronoun's gender, of a verb the pronoun stands under in
    its sentence ("He told X that his ..."), nearest first; None if there is none."""
    gender = PRONOUN_GENDER.get(pronoun.lower_)
    if gender is None:
        return None
    head = pronoun.head
    while head.head != head:
        if head.dep_ in ("relcl", "acl"):
            # "cited Ruiz's visit, in which she met X": a clause that tells of a noun may
            # speak of the noun's owner, not of the subject above it.
            return None
        head = head.head
        if head.pos_ not in ("VERB", "AUX"):
            continue
        for c in head.children:
            if (
                c.dep_ in ("nsubj", "nsubjpass")
                and c.i < pronoun.i
                and c.i >= own.start
                and PRONOUN_GENDER.get(c.lower_) == gender
            ):
                return c
    return None


def fronted_subjects(pronoun: Token) -> list[Token]:
    """ "During their talks, Weber and Varga agreed", "In his meeting with Varga, Weber
    said": for a possessive in a phrase that opens its clause, the clause's subjects (a
    list's every item) that follow it; none for any other word."""
    if pronoun.dep_ != "poss" or pronoun.tag_ != "PRP$":
        return []
    phrase = pronoun.head
    if phrase.dep_ != "pobj" or phrase.head.dep_ != "prep":
        return []
    verb = phrase.head.head
    if verb.pos_ not in ("VERB", "AUX") or phrase.head.i > verb.i:
        return []
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > pronoun.i]
    if len(subjects) != 1 or phrase.head.i > subjects[0].i:
        return []
    return [subjects[0], *subjects[0].conjuncts]


def fronted_clause_subject(pronoun: Token) -> list[Token]:
    """ "When he called Karel Vondrak, Jonas Weber said ...": for the subject pronoun of a
    subordinate clause that opens its sentence, the one subject of the main clause that
    follows it; none for any other word (nor where the main clause has two subjects)."""
    if pronoun.dep_ != "nsubj" or pronoun.tag_ != "PRP":
        return []
    clause = pronoun.head
    # "after he met", "when he called" (the parser makes "when" an adverb of the clause)
    opener = any(c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ == "WRB") for c in clause.children)
    if clause.dep_ != "advcl" or not opener:
        return []
    verb = clause.head
    if verb.pos_ not in ("VERB", "AUX") or clause.i > verb.i:
        return []
    opening = clause.left_edge
    if any(not (t.is_punct or t.is_space) for t in pronoun.doc[pronoun.sent.start : opening.i]):
        return []
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) != 1 or subjects[0].i < clause.right_edge.i or subjects[0].conjuncts:
        return []
    return subjects


def _reports_what_precedes(pronoun: Token) -> bool:
    """The pronoun is the subject of a speech verb that follows its reported words."""
    verb = pronoun.head
    if pronoun.dep_ != "nsubj" or verb.lemma_.lower() not in gazetteer.SPEECH_LEMMAS:
        return False
    # "he said" / "she also told reporters", not "Weber said she was writing her memoirs".
    if verb.i < pronoun.i or any(t.pos_ != "ADV" for t in pronoun.doc[pronoun.i + 1 : verb.i]):
        return False
    # The parser hangs a trailing "he said" either under the reported verb or above it.
    if (
        verb.dep_ in ("parataxis", "ccomp")
        and verb.head.i < pronoun.i
        and verb.head.lemma_.lower() not in gazetteer.SPEECH_LEMMAS
    ):
        return True
    return any(c.dep_ in ("ccomp", "parataxis") and c.i < pronoun.i for c in verb.children)


def _main_subject(sent: Span, index: ArticleEntities) -> Token | None:
    """The subject of the sentence's root verb (the person named right before it, where the
    parser gave it none). Where a source that cannot be "he" or "she" reports the sentence
    ("X met Y, the statement said", "officials said X met Y"), the one person the reported
    words have as their subject: the story is about them, not about the statement."""
    root = sent.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        # "Following his talks with X, Weber also met Y": the name the parser hung elsewhere.
        return _name_before(root, index) if root.pos_ in ("VERB", "AUX") else None
    if root.lemma_.lower() in gazetteer.SPEECH_LEMMAS and _no_one(subject, index):
        for reported in (c for c in root.children if c.dep_ == "ccomp"):
            actors = [c for c in reported.children if c.dep_ in ("nsubj", "nsubjpass")]
            people = [t for a in actors for t in (a, *a.conjuncts) if _person(index, t) is not None]
            # "officials said A and B would meet": two people leave no one reading.
            return people[0] if len(people) == 1 else None
    return subject


def _no_one(subject: Token, index: ArticleEntities) -> bool:
    """A source that is no single person: a statement, an agency, sources or officials (a
    plural, or a word no title of a person); "a spokesman" may well be "he"."""
    if _person(index, subject) is not None or is_person_pronoun(subject):
        return False
    return subject.tag_ in ("NNS", "NNPS") or subject.lemma_.lower() not in gazetteer.TITLE_HEADS


def _person(index: ArticleEntities, token: Token) -> Entity | None:
    entity = index.entity_at(token)
    return entity if entity is not None and entity.type == "person" else None


def person_before(verb: Token, index: ArticleEntities) -> Entity | None:
    """The person named right before a verb ("..., Franz Weber, said"): the parser
    often hangs such a name elsewhere."""
    name = _name_before(verb, index)
    return _person(index, name) if name is not None else None


def _name_before(verb: Token, index: ArticleEntities) -> Token | None:
    """The word of a person's name right before a verb, past adverbs and punctuation."""
    doc = verb.doc
    for i in range(verb.i - 1, max(verb.sent.start, verb.i - 4) - 1, -1):
        token = doc[i]
        if token.is_space or token.is_punct or token.pos_ == "ADV":
            continue
        return token if _person(index, token) is not None else None
    return None
