"""Attributions that need no speech verb beside the quotation: a signature ("“...” ― Ana
Ruiz"), a colon label ("Weber to the Courier:", inverted "Said Weber:"), a clause closed by a
colon ("Weber went further: “...”"), and, for a quotation with no attribution of its own, the
reported speech right before it, the answer to a question one person puts to another, the
main subject of the sentence before, or the person last reported speaking where it is a
paragraph alone. quotes.py tries them; speech_verbs.py reads the verbs they look back to.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from kg.model import Entity
from kg.nlp.cached import parsed_text
from kg.nlp.entities import ArticleEntities
from kg.nlp.facts.mention import agent_objects
from kg.nlp.facts.quote_marks import OPENING_MARKS, Segment, after_close, opening, starts_paragraph
from kg.nlp.facts.speakers import QUESTIONING_VERBS, SPEAKER_TYPES, named_speaker, paragraphs_between
from kg.nlp.facts.speech_verbs import (
    QUOTING_LEMMAS,
    Attribution,
    imagined,
    is_quoting_verb,
    outside_tokens,
    speaker_of,
)
from kg.nlp.facts.surname_speakers import Reading
from kg.nlp.lexicon import words
from kg.nlp.pronouns import is_person_pronoun


def after_reported_speech(reading: Reading, segment: Segment) -> Attribution | None:
    """ "Weber told the council that the harbour would stay open. “We will not sell it.”": a
    quotation with no attribution of its own (no speech verb in its sentence) that opens its
    sentence goes on with what the sentence right before it (in its paragraph, or ending the
    paragraph before) reports a named person or body saying."""
    doc, index, _segments, inside, speakers = reading
    text = parsed_text(doc)
    span = doc.char_span(segment.start, segment.end, alignment_mode="expand")
    if span is None or span[0].sent.start == 0:
        return None
    sentence = span[0].sent
    if text[sentence.start_char : segment.start].strip(" \n" + OPENING_MARKS):
        return None  # words of the writer's own before the quotation
    if any(is_quoting_verb(t) for t in outside_tokens(doc, segment, inside)):
        return None  # an attribution of its own ("they said"), only one we could not resolve
    before = doc[sentence.start - 1].sent
    paragraphs = paragraphs_between(doc[before.end - 1], span[0])
    if paragraphs > 1:
        return None
    answer = _answer(reading, before)
    if answer is not None:
        return answer
    verbs = [t for t in reversed(before) if t.idx not in inside and is_quoting_verb(t)]
    for verb in verbs:
        found = speaker_of(verb, index, inside, speakers)
        if found is not None and found.speaker is not None:
            return replace(found, relay=None)
    if verbs or paragraphs > 0:
        return None
    return _subject_goes_on(before, index, inside)


def paragraph_alone(reading: Reading, segment: Segment) -> Attribution | None:
    """ "Weber told the Courier the port would stay open. / Few believed him. / “We will not
    sell it.” / “Not now, not ever.”": a quotation that is a paragraph of its own, with no
    attribution, goes on with the person last reported speaking by name, where the story
    names no other person since nor reports anyone else speaking (a source it leaves
    unnamed), and no more than two paragraphs of the writer's own stand between."""
    doc, index, _segments, inside, speakers = reading
    text = parsed_text(doc)
    if not starts_paragraph(text, segment):
        return None
    line_end = text.find("\n", segment.end)
    if text[after_close(text, segment) : line_end if line_end != -1 else len(text)].strip():
        return None
    span = doc.char_span(segment.start, segment.end, alignment_mode="expand")
    if span is None:
        return None
    earlier = [(t, e) for t, e in speakers if t.i < span[0].i]
    if not earlier:
        return None
    named, person = earlier[-1]
    paragraphs = text[named.idx : segment.start].split("\n")[1:]
    narration = [line for line in paragraphs if line.strip() and line.lstrip()[:1] not in OPENING_MARKS]
    if len(narration) > _NARRATION_BETWEEN:
        return None
    for token in doc[named.i + 1 : span[0].i]:
        if token.idx in inside:
            continue
        other = index.entity_at(token)
        if other is not None and other.type == "person" and other != person:
            return None  # someone else named since: two readings
        asking = token.pos_ == "VERB" and token.lemma_.lower() in QUESTIONING_VERBS
        if (is_quoting_verb(token) or asking) and any(
            c.dep_ == "nsubj" and not is_person_pronoun(c) and index.entity_at(c) != person
            for c in token.children
        ):
            return None  # "“...,” a diplomat asked. / “...”": another speaker since, if unnamed
    return Attribution(person, person.name)


# How many paragraphs of the writer's own (ones not opening with a quotation) may stand
# between a speaker and a quotation that is a paragraph of its own, for it to go on with them.
_NARRATION_BETWEEN = 2


def after_colon(reading: Reading, segment: Segment) -> Attribution | None:
    """ "Weber went further: “...”", "The union describes itself this way: / “...”": a
    quotation with no attribution of its own, right after a colon that closes a clause of the
    writer's, is what that clause's subject says, where the subject is one named person or
    body and the clause no verb of saying had already handed to someone."""
    doc, index, _segments, inside, _speakers = reading
    before = _before_colon(doc, segment)
    if before is None:
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None or colon[0].idx in inside:
        return None
    verb = colon[0].head
    if verb == colon[0] or verb.pos_ not in ("VERB", "AUX"):
        verb = colon[0].sent.root
    if verb.idx in inside or verb.pos_ not in ("VERB", "AUX") or imagined(verb):
        return None

    def own_subjects(clause: Token) -> list[Token]:
        return [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.idx not in inside]

    clause = verb
    while not (subjects := own_subjects(clause)) and clause.dep_ == "conj":
        clause = clause.head  # "X arrived and went further:": the first verb's subject
    if len(subjects) != 1 or subjects[0].dep_ != "nsubj":
        return None
    subject = subjects[0]
    # A name as the subject is who it names ("Harbour Watch, a pressure group, wrote:", where
    # the tagger missed the name, is no one); a description is the name set beside it.
    entity = index.entity_at(subject) if subject.pos_ == "PROPN" else named_speaker(subject, index)[0]
    if entity is None or entity.type not in ("person", "organization", "outlet"):
        return None
    return Attribution(entity, entity.name, verb)


def _answer(reading: Reading, before: Span) -> Attribution | None:
    """ "Ruiz pressed Weber on the port. “Why sell it now?” she said. / “...”", "Ruiz asked
    Weber whether the port would close. “...”": a quotation with no attribution of its own
    after a question one named person puts to another (the sentence right before, or its
    paragraph where that ends with the question's words) is the answer of the one asked."""
    doc, index, _segments, inside, _speakers = reading
    quoted = any(t.idx in inside for t in before)
    start = before.start
    while quoted and start > 0 and paragraphs_between(doc[start - 1], before[0]) == 0:
        start = doc[start - 1].sent.start
    asked: set[Entity] = set()
    for verb in doc[start : before.end]:
        if verb.idx in inside or verb.pos_ != "VERB" or verb.lemma_.lower() not in QUESTIONING_VERBS:
            continue
        passive = any(c.dep_ == "nsubjpass" for c in verb.children)
        askers = agent_objects(verb) if passive else [c for c in verb.children if c.dep_ == "nsubj"]
        ones = [c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
        people = {e for t in askers if (e := index.entity_at(t)) is not None and e.type == "person"}
        answering = {e for t in ones if (e := index.entity_at(t)) is not None and e.type == "person"}
        if people and answering - people:
            asked |= answering - people
    if len(asked) != 1:
        return None
    person = asked.pop()
    return Attribution(person, person.name)


def _subject_goes_on(before: Span, index: ArticleEntities, inside: set[int]) -> Attribution | None:
    """ "Weber called the ferry plan a lifeline for the islands. “It keeps them alive.”": a
    quotation opening its sentence with none of its own, in the paragraph of a sentence with
    no speech verb whose main subject is one named person ("Weber", "his partner, Ana
    Ruiz"), goes on with what that person says of the matter (a description, a judgment the
    sentence sums up). Not where the main subject names no one, several people, or a body."""
    subjects = [
        t
        for t in before
        if t.dep_ == "nsubj"
        and t.idx not in inside
        and (t.head == before.root or t.head.dep_ == "conj" and t.head.head == before.root)
    ]
    if len(subjects) != 1:
        return None
    person = named_speaker(subjects[0], index)[0]
    if person is None or person.type != "person":
        return None
    return Attribution(person, person.name, before.root)


# "“...” ― Ana Ruiz": a dash and a name closing the paragraph sign the quotation.
_SIGNATURE = re.compile(r"[”\"»]?[ \t]*[―—–-][ \t]*([A-Z][^\n“”\"]{1,60}?)[ \t.]*(?:\n|$)")


def signature(doc: Doc, segment: Segment, index: ArticleEntities) -> Attribution | None:
    match = _SIGNATURE.match(parsed_text(doc), segment.end)
    if match is None:
        return None
    name = match.group(1).strip()
    if len(name.split()) > 6 or not all(w[0].isupper() for w in name.split() if w[0].isalpha()):
        return None
    span = doc.char_span(match.start(1), match.start(1) + len(name), alignment_mode="expand")
    entity = index.entity_at(span[0]) if span is not None else None
    if entity is not None and entity.type in SPEAKER_TYPES:
        return Attribution(entity, entity.name)
    return Attribution(None, name)


# Where a sentence ends inside a line: its stop, a closing mark or bracket, and a space.
_SENTENCE_END = re.compile(r"[.!?][”\"’)]?\s+(?=[A-Z])")
# Words a colon label may hold besides its speaker: "Weber on the harbour:", "Weber to the Courier:".
_LABEL_MAX_TOKENS = 8


def _before_colon(doc: Doc, segment: Segment) -> str | None:
    """The text before a quotation's opening mark, where it ends in a colon."""
    text = parsed_text(doc)
    before = text[: opening(text, segment)].rstrip()
    return before if before.endswith(":") else None


def colon_label(doc: Doc, segment: Segment, index: ArticleEntities) -> Attribution | None:
    """ "Weber to the Courier: “...”": a line, or a sentence within one ("... on Monday. Weber
    on Harbour Radio: “...”"), that opens with a name and ends in a colon right before the
    quotation, with no verb of its own, labels who speaks."""
    before = _before_colon(doc, segment)
    if before is None:
        return None
    line_start = before.rfind("\n") + 1
    ends = list(_SENTENCE_END.finditer(before, line_start))
    if ends:
        line_start = ends[-1].end()
    inverted = _inverted_label(doc, line_start, len(before) - 1, index)
    if inverted is not None:
        return inverted
    label = doc.char_span(line_start, len(before) - 1, alignment_mode="contract")
    if label is None or not 1 <= len(label) <= _LABEL_MAX_TOKENS:
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in label):
        return None
    entity = index.entity_at(label[0])
    if entity is None or entity.type not in ("person", "organization"):
        return None
    return Attribution(entity, entity.name)


# The irregular past forms of the verbs of saying ("Said Weber:"), the regular ones read
# from their lemmas ("Added", "Replied").
_SAID_FORMS = words("reporting-verb-irregular-forms")


def _says_word(token: Token) -> bool:
    """ "Said", "Added", "Continued" opening a line: a verb of saying, however the parser
    tagged it there (often as part of the name after it)."""
    if not token.text[:1].isupper():
        return False
    if token.pos_ in ("VERB", "AUX"):
        return is_quoting_verb(token)
    word = token.lower_
    if word in _SAID_FORMS:
        return True
    forms = {word[:-1], word[:-2], word[:-3] + "y"} if word.endswith("ed") else set()
    return bool(forms & QUOTING_LEMMAS)


def _inverted_label(doc: Doc, line_start: int, colon: int, index: ArticleEntities) -> Attribution | None:
    """ "Said Weber: “...”", "Continued Ruiz: “...”": a verb of saying and a name before the
    colon, opening the line or a sentence in it, the order a writer uses to hand a quotation
    to someone just named. The speaker is the person the words after the verb name (a
    surname: the one person of the story who bears it), not a name the tagger read the verb
    into ("Added Weber")."""
    text = parsed_text(doc)
    ends = [text.rfind(end, line_start, colon) for end in (". ", "? ", "! ", "” ")]
    start = max([line_start] + [e + 2 for e in ends if e != -1])
    label = doc.char_span(start, colon, alignment_mode="contract")
    if label is None or not 2 <= len(label) <= 4 or not _says_word(label[0]):
        return None
    name = label[1:]
    if any(t.pos_ in ("VERB", "AUX") or not t.text[:1].isupper() for t in name):
        return None
    entity = index.entity_at(name[0])
    if entity is not None and entity.type == "person" and label[0].text not in entity.name.split():
        return Attribution(entity, entity.name)
    if len(name) == 1:
        verb = label[0].text
        people = {p for p in index.surname_bearers(Entity(name.text, "person")) if verb not in p.name.split()}
        if len(people) == 1:
            person = people.pop()
            return Attribution(person, person.name)
    return None
