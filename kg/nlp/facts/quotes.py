"""Who said what: direct quotations and their speakers.

Quotations are found in the article's characters by quote_marks.py (curly or straight marks,
a quote that runs over several paragraphs), then attributed here from the parse: the subject of a speech
verb outside the quotation in the same sentence ("...," said Lindqvist / Varga said: "..."),
"according to X", or, for a quotation with no attribution of its own, the speaker of the
quotation it continues (a split quote, the next paragraph of a long one) or of the
reported speech right before it ("X told the council that ... / “...”"), or, a paragraph of
its own, the person last reported speaking by name where no one else is named or heard
since. A speech verb inside what a
person reports is that person's telling ("an aide said Weber would ask “...”": the aide's
words). A pronoun ("he said") or an anchored description ("the Nevada governor said") is
read as a reader reads it: the nearest main subject that agrees with it, else the person
last reported speaking, never a name inside the quotation, and no one where two readings
remain. A surname several people bear is the one
of them last reported speaking. A speaker the article does not name is kept as its
description ("a senior official") with no entity; a quotation with no attribution at all, or
only one that stands for someone named whom the reader cannot follow it to ("she said" with
two readings, "the commission says", an authorless "the statement said"), is left out
rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from kg.model import Entity, Evidence, Interview, Quote
from kg.nlp.anchoring import find_date
from kg.nlp.cached import article_text, parsed_text, tokens_with_lemma
from kg.nlp.dateline import dateline_span
from kg.nlp.entities import ArticleEntities
from kg.nlp.facts.bodies import ORGANISATION_WORDS
from kg.nlp.facts.mention import agent_objects, evidence_of
from kg.nlp.facts.quote_marks import (
    OPENING_MARKS,
    Segment,
    after_close,
    continues_quotation,
    opening,
    quoted_segments,
    starts_paragraph,
)
from kg.nlp.facts.speakers import (
    DOCUMENT_NOUNS,
    PERSON_NOUNS,
    SPEAKER_TYPES,
    UNNAMED_SOURCES,
    agreeing_person,
    author_of,
    describes_someone,
    earlier_author,
    epithet_person,
    fits_reference,
    holder_named,
    is_unnamed_source,
    last_speaker,
    named_as,
    named_speaker,
    paragraphs_between,
    pronoun_speaker,
    refers_back,
)
from kg.nlp.factuality import MODALS, is_conditional
from kg.nlp.gazetteer import ATTRIBUTING_LEMMAS, GROUP_NOUNS, OUTLET_NOUNS, SPEECH_LEMMAS, TITLE_HEADS
from kg.nlp.gender import gender_of_name, is_given_name
from kg.nlp.groups import GROUP_HEADS
from kg.nlp.lexicon import phrasal_verbs, single_words, words
from kg.nlp.name_spans import NAME_SUFFIXES, ROYAL_TITLES
from kg.nlp.pronouns import is_person_pronoun

# Verbs that attribute a quotation beside them, "said" and its kin: the speech verbs and the
# other verbs of saying ("proclaimed", "fired back", "she went on").
_QUOTING_LEMMAS = SPEECH_LEMMAS | single_words("reporting-verbs")
# Verbs of asking: "was asked by host X" (the asker says the question); interviews read them too.
QUESTIONING_VERBS = words("questioning-verbs")
_QUOTING_PHRASAL = phrasal_verbs("reporting-verbs")
# The lemmas a verb of saying can have: those of `_is_quoting_verb`'s two tests.
_QUOTING_HEADS = _QUOTING_LEMMAS | frozenset(_QUOTING_PHRASAL)
# The speech verbs and the verbs that attribute words to someone ("called", "suggested").
_SPEECH_OR_ATTRIBUTING_LEMMAS = SPEECH_LEMMAS | ATTRIBUTING_LEMMAS


def _is_quoting_verb(token: Token) -> bool:
    """Is the token a verb of saying: a speech verb, another verb of saying, or one of the
    verbs that say with a particle ("fired back", "went on")?"""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    if lemma in _QUOTING_LEMMAS:
        return True
    particles = _QUOTING_PHRASAL.get(lemma)
    # The parser reads the particle as one ("went on") or as an adverb ("fired back").
    return particles is not None and any(
        c.dep_ in ("prt", "advmod") and c.lower_ in particles and c.i == token.i + 1 for c in token.children
    )


# Fewer quoted words than this are a phrase the writer marks, not a statement.
MIN_WORDS = 3


@dataclass(frozen=True)
class _Attribution:
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


def _attributed(
    doc: Doc, index: ArticleEntities
) -> tuple[list[Segment], list[_Attribution | None], list[list[int]]]:
    """The article's quotations, who each piece is attributed to, and the pieces grouped into
    statements: worked out once per article (the first-person binding and the quotes share it)."""
    cached = doc.user_data.get(_ATTRIBUTED)
    if cached is not None and cached[0] is index:
        return cached[1]
    reading = _reading(doc, index)
    segments = reading.segments
    found = [_attribution(reading, segment) for segment in segments]
    found = [_in_full(a, s, doc, index, reading.speakers) for a, s in zip(found, segments, strict=True)]
    groups = _quotations(segments, found, doc)
    for group in groups:
        first = segments[group[0]]
        if found[group[0]] is None:
            follows = (
                _after_reported_speech(reading, first)
                or _after_colon(reading, first)
                or _paragraph_alone(reading, first)
            )
            for i in group:
                found[i] = follows
    result = (segments, found, groups)
    doc.user_data[_ATTRIBUTED] = (index, result, reading)
    return result


_ATTRIBUTED = "kg_attributed_quotations"


def pronoun_person(pronoun: Token, index: ArticleEntities) -> Entity | None:
    """ "..., he told the Gazette", "she told the weekly ... that": the person a "he" or "she"
    outside quotations stands for, read as the quotations' speakers are read, so that a
    fact told of the same words names the same person (or, where the quotation's reader
    abstains, no one). The speaker of the quotation the pronoun's own verb attributes;
    else the same reader with this article's quotations and named speakers."""
    attributes, speaker = quoting_subject(pronoun, index)
    if attributes:
        return speaker
    reading = _reading(pronoun.doc, index)  # writes nothing in doc.user_data
    entity, _written = pronoun_speaker(pronoun, index, reading.speakers, reading.inside)
    return entity


def quoting_subject(subject: Token, index: ArticleEntities) -> tuple[bool, Entity | None]:
    """Whether the subject's own verb attributes a quotation ("“...,” he told reporters after
    talks with X", "“...,” the senator told the Courier"), and the person the quotation's
    reader found speaking (None where it abstains): the same person for the quotation and
    for what the verb's clause tells."""
    doc = subject.doc
    kept = _ATTRIBUTED in doc.user_data
    _segments, found, _groups = _attributed(doc, index)
    if not kept:
        doc.user_data.pop(_ATTRIBUTED, None)  # the Doc keeps no object that cannot be serialised
    for attributed in found:
        if attributed is not None and attributed.verb is not None and attributed.verb == subject.head:
            speaker = attributed.speaker
            return True, speaker if speaker is not None and speaker.type == "person" else None
    return False, None


class _Reading(NamedTuple):
    """What every attribution of one article reads: its quotations, the characters inside
    them, and the people reported speaking outside them (a surname several people bear
    followed to its bearer, see _surnames_followed)."""

    doc: Doc
    entities: ArticleEntities  # (not `index`: a tuple's method)
    segments: list[Segment]
    inside: set[int]
    speakers: list[tuple[Token, Entity]]


def _reading(doc: Doc, index: ArticleEntities) -> _Reading:
    cached = doc.user_data.get(_ATTRIBUTED)
    if cached is not None and cached[0] is index:
        return cached[2]  # worked out with the quotations: interviews ask again per pronoun
    segments = quoted_segments(parsed_text(doc))
    inside = {c for s in segments for c in range(s.start - 1, s.end + 1)}
    speakers = _surnames_followed(_named_speakers(doc, inside, index), index)
    return _Reading(doc, index, segments, inside, speakers)


def extract_quotes(
    doc: Doc, index: ArticleEntities, article_id: str, published: date | None = None
) -> list[Quote]:
    original = article_text(doc)
    segments, found, groups = _attributed(doc, index)
    doc.user_data.pop(_ATTRIBUTED, None)  # the Doc keeps no object that cannot be serialised
    quotes: list[Quote] = []
    for group in groups:
        attributed = found[group[0]]
        if attributed is None or attributed.unresolved:
            continue  # no attribution, or none we can name: left out rather than guessed
        pieces = [segments[i] for i in group]
        pieces = [p for p in pieces if not _names_a_work(doc, p)]
        if not pieces:  # "on “Morning Show”": a name, not a statement
            continue
        quoted = [original[p.start : p.end].strip().rstrip(",") for p in pieces]
        verb = attributed.verb
        # A short quoted phrase is a statement only as part of what someone is reported
        # saying ("called the plan “a disgrace”"); standing alone it is the writer's scare
        # quote or a name.
        reported = attributed.sourced or verb is not None and all(_governs(verb, doc, p) for p in pieces)
        if reported and any(_relayed_within(verb, doc, p, attributed.speaker, index) for p in pieces):
            continue  # another's words the speaker's sentence tells of
        words_quoted = sum(len(w.split()) for w in quoted)
        if words_quoted < (1 if reported else MIN_WORDS):
            continue
        if words_quoted < MIN_WORDS and verb is not None and _not_yet_said(verb):
            continue  # "voters will say “no”": a word someone is pictured saying
        evidence = tuple(dict.fromkeys(_evidence_of(doc, p, article_id) for p in pieces))
        quotes.append(
            Quote(
                speaker=attributed.speaker,
                speaker_text=attributed.description,
                # The pieces as the article writes them, the attribution between included.
                text=original[pieces[0].start : pieces[-1].end].strip().rstrip(","),
                evidence=evidence,
                mentions=tuple(
                    dict.fromkeys(m for p in pieces for m in _mentions(doc, p, index, attributed.speaker))
                ),
                date=find_date(verb.sent, {verb.i}, published, "past") if verb is not None else None,
                relayed_by=attributed.relay,
            )
        )
    return quotes


FIRST_PERSON = {"i", "me", "my", "myself"}


def bind_first_person(doc: Doc, index: ArticleEntities) -> None:
    """ "“I met Varga on Monday,” Lindqvist said": inside a quotation a named person is
    heard saying, "I" and "me" are that person, for every fact the quotation states.
    "We" stays unresolved: who else it takes in is the article's to say."""
    segments, found, groups = _attributed(doc, index)
    for group in groups:
        attributed = found[group[0]]
        speaker = attributed.speaker if attributed is not None else None
        if speaker is None or speaker.type != "person":
            continue
        for segment in (segments[i] for i in group):
            span = doc.char_span(segment.start, segment.end, alignment_mode="contract")
            for token in span if span is not None else ():
                if token.lower_ in FIRST_PERSON and token.pos_ == "PRON":
                    index.by_token[token.i] = speaker
                    index.spans[token.i] = doc[token.i : token.i + 1]


def _quotations(segments: list[Segment], found: list[_Attribution | None], doc: Doc) -> list[list[int]]:
    """The quotations, each as the indices of its pieces. A piece with no attribution of
    its own goes on with the one before it (a split quote "...," he said. "...", the next
    paragraph of a long one), or, opened in a paragraph left unclosed, with the one after;
    pieces of one sentence under one speech verb ("...," she said, "...") are one quotation.
    `found` is filled in for inherited pieces."""
    for i in range(1, len(segments)):
        if (
            found[i] is None
            and found[i - 1] is not None
            and continues_quotation(segments[i - 1], segments[i], doc)
            and not _quoted_in_narration(doc, segments[i - 1], segments[i])
        ):
            found[i] = found[i - 1]
    for i in range(len(segments) - 2, -1, -1):
        if (
            found[i] is None
            and found[i + 1] is not None
            and continues_quotation(segments[i], segments[i + 1], doc)
        ):
            found[i] = found[i + 1]
    groups: list[list[int]] = []
    for i, attributed in enumerate(found):
        previous = found[i - 1] if i > 0 else None
        joins = (
            attributed is not None
            and previous is not None
            and continues_quotation(segments[i - 1], segments[i], doc)
            and (attributed is previous or (attributed.verb is not None and attributed.verb == previous.verb))
            and not _second_speech_verb(doc, segments[i - 1], segments[i], previous.verb)
        )
        if joins:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _quoted_in_narration(doc: Doc, prev: Segment, segment: Segment) -> bool:
    """ "Weber dismissed the port as “a backwater.” All this led a local editor to fear a
    “sell-off.”": quoted words inside a later sentence of the writer's own, which they do
    not open, are no second part of the quotation before ("...,” she said. “..." is)."""
    first = doc.char_span(prev.start, prev.end, alignment_mode="expand")
    span = doc.char_span(segment.start, segment.end, alignment_mode="expand")
    if first is None or span is None or span[0].sent.start <= first[-1].sent.start:
        return False
    sentence = span[0].sent
    return bool(parsed_text(doc)[sentence.start_char : segment.start].strip(" \n" + OPENING_MARKS))


def _second_speech_verb(doc: Doc, prev: Segment, segment: Segment, verb: Token | None) -> bool:
    """ "“...,” Weber said, adding later, “...”", "..., going on to say that “...”": a
    second speech verb of the same speaker, hung on the first, between two pieces and in
    the sentence of the second makes that one a statement of its own."""
    if verb is None:
        return False
    text = parsed_text(doc)
    between = doc.char_span(after_close(text, prev), opening(text, segment), alignment_mode="contract")
    second = doc.char_span(segment.start, segment.end, alignment_mode="expand")
    if between is None or second is None:
        return False
    sentence = second[0].sent
    return any(_is_quoting_verb(t) and verb in t.ancestors and t.sent == sentence for t in between)


def _governs(verb: Token, doc: Doc, segment: Segment) -> bool:
    """Is the quotation part of what `verb` reports: are its words in the verb's clause?"""
    span = doc.char_span(segment.start, segment.end, alignment_mode="expand")
    if span is None:
        return False
    return all(verb in token.ancestors or token == verb for token in span if not token.is_punct)


def _relayed_within(
    verb: Token | None, doc: Doc, segment: Segment, speaker: Entity | None, index: ArticleEntities
) -> bool:
    """Are the quoted words, inside the clause of `verb`, what someone else says or calls
    something in a clause of its own that hangs on the speaker's sentence: "Ruiz urged the
    fund to sue the firm that had declared a “windfall”", "Weber criticised remarks by the
    envoy which suggested the plan “was dead”"? A speech verb between them, in a relative or
    adverbial clause, with a subject that is not the speaker. Not a clause the speaker
    reports ("Weber said the mayor called it “...”"): told in the speaker's words."""
    if verb is None:
        return False
    span = doc.char_span(segment.start, segment.end, alignment_mode="expand")
    if span is None:
        return False
    between = {a for t in span if not t.is_punct for a in _path(t, verb)}
    for clause in between:
        if clause in span or clause.pos_ not in ("VERB", "AUX"):
            continue
        if clause.lemma_.lower() not in _SPEECH_OR_ATTRIBUTING_LEMMAS:
            continue
        held = (clause, *(a for a in clause.ancestors if a in between))
        if not any(c.dep_ in ("advcl", "relcl") for c in held):
            continue
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        if not subjects and clause.dep_ == "conj":
            subjects = [c for c in clause.head.children if c.dep_ == "nsubj"]
        if any(_someone_else(s, speaker, index) for s in subjects):
            return True
    return False


def _someone_else(subject: Token, speaker: Entity | None, index: ArticleEntities) -> bool:
    """A subject that is not the speaker: another the story names, a personal pronoun that
    cannot be the speaker, a relative pronoun or a noun for someone or something else."""
    if is_person_pronoun(subject):
        return speaker is None or not fits_reference(index, speaker, subject)
    if subject.pos_ == "PRON" and subject.tag_ not in ("WDT", "WP"):
        return False  # "what it called": the body that speaks, as often as not
    entity = index.entity_at(subject)
    return entity is None or entity != speaker


def _path(token: Token, verb: Token) -> set[Token]:
    """The tokens from `token` up to `verb`, both left out."""
    path: set[Token] = set()
    for a in token.ancestors:
        if a == verb:
            return path
        path.add(a)
    return set()


TITLE_SMALL_WORDS = words("title-small-words")


def _is_title(words: str) -> bool:
    """Quoted words that are a name, not a statement: every word capitalised (or a number)
    but the small ones, and no sentence ending ("The Morning Show with Ann Berg", "Harbour
    Studies 301", "Phase 2")."""
    tokens = [w.strip("’'\".,:;!?()") for w in words.split()]
    tokens = [w for w in tokens if w]
    if not tokens or words.rstrip().endswith((".", "?", "!")):
        return False
    return (
        all(w[0].isupper() or w[0].isdigit() or w.lower() in TITLE_SMALL_WORDS for w in tokens)
        and tokens[0][0].isupper()
    )


# The word before a quoted title that names the show or column it is on ("on “Morning Show.”").
_WORK_PREPOSITIONS = words("work-prepositions")


def _names_a_work(doc: Doc, segment: Segment) -> bool:
    """Are the quoted words the name of a show, book or column, not a statement: a title
    (`_is_title`), or one closed by a full stop the writer's punctuation put inside the
    marks, right after "on" or a possessive ("appeared on “Morning Show.”", "the Courier’s
    “Harbour Watch.”")?"""
    text = parsed_text(doc)
    quoted = text[segment.start : segment.end].strip()
    if _is_title(quoted):
        return True
    if not quoted.endswith(".") or quoted.endswith("..") or not _is_title(quoted[:-1]):
        return False
    mark = opening(text, segment)
    before = text[max(0, mark - 40) : mark].split()
    last = before[-1].lower() if before else ""
    return last in _WORK_PREPOSITIONS or len(last) > 2 and last.endswith(("’s", "'s"))


MENTION_TYPES = {"person", "organization", "country", "place"}


def _mentions(
    doc: Doc, segment: Segment, index: ArticleEntities, speaker: Entity | None
) -> tuple[Entity, ...]:
    """The named people, bodies, countries and places inside the quotation, in order."""
    span = doc.char_span(segment.start, segment.end, alignment_mode="contract")
    found: list[Entity] = []
    for token in span if span is not None else ():
        entity = index.entity_at(token)
        if entity is not None and entity.type in MENTION_TYPES and entity != speaker and entity not in found:
            found.append(entity)
    return tuple(found)


def link_outlets(quotes: list[Quote], interviews: list[Interview]) -> list[Quote]:
    """The outlet each statement was said to: an interview with its speaker told in the
    same sentence ("..., Weber told the Courier"), or, for a statement an outlet relays citing
    the speaker's interview, the one outlet the article says the speaker spoke to."""
    linked = []
    for quote in quotes:
        outlet = None
        if quote.speaker is not None:
            own = [i for i in interviews if i.person == quote.speaker]
            here = {i.outlet for i in own if _overlaps(i.evidence, quote.evidence)}
            anywhere = {i.outlet for i in own} - {quote.relayed_by}
            if len(here) == 1:
                outlet = here.pop()
            elif quote.relayed_by is not None and len(anywhere) == 1:
                outlet = anywhere.pop()
        linked.append(replace(quote, outlet=outlet) if outlet is not None else quote)
    return linked


def _overlaps(a: tuple[Evidence, ...], b: tuple[Evidence, ...]) -> bool:
    return any(x.article == y.article and x.start < y.end and y.start < x.end for x in a for y in b)


def _sentences_around(doc: Doc, segment: Segment) -> Span | None:
    """The sentence or sentences a quotation stands in."""
    span = doc.char_span(segment.start, segment.end, alignment_mode="expand")
    return None if span is None else doc[span[0].sent.start : span[-1].sent.end]


def _evidence_of(doc: Doc, segment: Segment, article_id: str) -> Evidence:
    """The quotation's sentences, as every fact's evidence is."""
    return evidence_of(article_id, _sentences_around(doc, segment) or doc[:])


def _outside_tokens(doc: Doc, segment: Segment, inside: set[int]) -> list[Token]:
    """The words of the sentences around a quotation that are not themselves quoted. The
    tagger often ends a sentence at a quotation's closing "?" or "!" ("...?” Weber asked.")
    and after an introducing colon (Weber said: “...”): the sentence the attribution
    then stands in counts too."""
    around = _sentences_around(doc, segment)
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


def _named_speakers(doc: Doc, inside: set[int], index: ArticleEntities) -> list[tuple[Token, Entity]]:
    """Every person the article reports speaking by name ("Varga also told the Ledger"),
    outside quotation marks, in text order: the candidates for a later "he said"."""
    found: list[tuple[Token, Entity]] = []
    for token in tokens_with_lemma(doc, _QUOTING_HEADS):
        if token.idx in inside or not _is_quoting_verb(token):
            continue
        for subject in (c for c in token.children if c.dep_ == "nsubj" and c.idx not in inside):
            entity = index.entity_at(subject)
            if entity is not None and entity.type == "person":
                found.append((subject, entity))
    return found


def _attribution(reading: _Reading, segment: Segment) -> _Attribution | None:
    doc, index, _segments, inside, speakers = reading
    signed = _signature(doc, segment, index) or _colon_label(doc, segment, index)
    if signed is not None:
        return signed
    outside = _outside_tokens(doc, segment, inside)
    if not outside:
        return None
    # The speech verb nearest the quotation's edges, in the quotation's own sentence(s).
    verbs = [
        t
        for t in outside
        if t.pos_ in ("VERB", "AUX")
        and not _imagined(t)
        and (
            _is_quoting_verb(t)
            and not _told_by_a_person(t, index)
            or t.lemma_.lower() in ATTRIBUTING_LEMMAS
            and _governs(t, doc, segment)
            and not _reported(t)
            or _as_put_it(t)
            or _as_complement(t, doc, segment)
        )
    ]
    # A verb whose clause holds the quotation first ("Ruiz said “...” Weber said it would
    # be ..." in one parsed sentence), then the nearest.
    verbs.sort(
        key=lambda v: (
            not _governs(v, doc, segment),
            min(abs(v.idx - segment.end), abs(v.idx - segment.start)),
        )
    )
    for verb in verbs:
        found = _participle_after_name(doc, segment, verb, index)
        if found is not None:
            return found
    for verb in verbs:
        found = _speaker_of(verb, index, inside, speakers)
        if found is not None:
            return found
    for verb in verbs:
        found = _next_to_quotation(doc, segment, verb, index)
        if found is not None:
            return found
    for token in outside:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            for pobj in (c for c in doc[token.i + 1].children if c.dep_ == "pobj"):
                return replace(_described(pobj, index, *named_speaker(pobj, index)), sourced=True)
    return None


def _in_full(
    attributed: _Attribution | None,
    segment: Segment,
    doc: Doc,
    index: ArticleEntities,
    speakers: list[tuple[Token, Entity]],
) -> _Attribution | None:
    """ "Former President Ana Ruiz said ... / “...,” Ruiz said", where the story also names
    her husband Tomas Ruiz: a surname several people bear, which the entity layer leaves as
    written, is the one of them last reported speaking, a few sentences back at most (or in
    the paragraph before), and who can be of the sex the story gives the surname ("Mr.
    Ruiz"). Nobody such: the surname stays as written."""
    if attributed is None or attributed.unresolved:
        return attributed
    speaker = attributed.speaker
    at = attributed.verb
    if at is None:
        span = doc.char_span(segment.start, segment.end, alignment_mode="expand")
        at = span[0] if span is not None else None
    if at is None:
        return attributed
    if speaker is None or speaker.type != "person":
        person = _untagged_bearer(attributed, at, index, speakers)
    elif index.surname_bearers(speaker):
        person = surname_bearer(speaker, at, index, speakers)
    else:
        person = _written_in_full(speaker.name, doc, index)
        if person is not None and index.genders.get(speaker) not in (None, "unknown", gender_of_name(person)):
            person = None  # "Mr. Weber said", where the story writes only "Rachel Weber"
    return attributed if person is None else replace(attributed, speaker=person, description=person.name)


def _untagged_bearer(
    attributed: _Attribution, at: Token, index: ArticleEntities, speakers: list[tuple[Token, Entity]]
) -> Entity | None:
    """ "..., Ruiz said", where the tagger took "Ruiz" for a place or a body, or for no name
    at all: a one-word name speaking is a person's surname, the person's the story names in
    full (the one, or the one of them last reported speaking). Not an outlet's or a
    country's name, which speak for themselves."""
    speaker = attributed.speaker
    if speaker is not None and speaker.type in ("outlet", "country"):
        return None
    name = speaker.name if speaker is not None else attributed.description
    if " " in name or not name[:1].isupper() or name.isupper():
        return None
    surname = Entity(name, "person")
    people = set(index.surname_bearers(surname))
    written = _written_in_full(name, index.doc, index)
    if written is not None:
        people.add(written)
    if len(people) == 1:
        return people.pop()
    return last_speaker(speakers, at, people.__contains__) if people else None


_PLACE_LABELS = ("GPE", "LOC", "NORP", "FAC")


def _given_name(token: Token) -> bool:
    """A common given name that is no title of rank ("Prince William" is no full name of
    William; "Dean Weber" is one of Weber)."""
    return is_given_name(token.text) and token.lower_ not in ROYAL_TITLES


def _written_in_full(surname: str, doc: Doc, index: ArticleEntities) -> Entity | None:
    """ "Rachel Weber" written where the tagger saw no name, and "Weber" elsewhere: the one
    full name the story writes with this surname, a common given name first (middle
    initials and a generational suffix kept: "Karel Vondrak Jr." is not his father); its
    entity where the story has one. None where the story writes none, or two."""
    found: dict[str, Span] = {}
    for token in doc:
        if token.text != surname or token.i == 0:
            continue
        if token.tag_ in ("NNS", "NNPS") or token.ent_type_ == "NORP":
            continue  # "Roman Catholics", "a Harbour County Democrat": no one's surname
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
            start -= 1
        while start < token.i and not _given_name(doc[start]):
            if doc[start].ent_type_ in _PLACE_LABELS:
                break  # "South Carolina Democrat": a place's name, whatever word it holds
            start += 1  # "Filmmaker Rachel Weber": the words before the given name
        if start == token.i or not _given_name(doc[start]):
            continue
        end = token.i + 1
        if end < len(doc) and doc[end].lower_ in NAME_SUFFIXES:
            end += 1
        span = doc[start:end]
        key = " ".join(t.lower_ for t in span if len(t.text.rstrip(".")) > 1)
        found.setdefault(key, span)
    if len(found) != 1:
        return None
    span = found.popitem()[1]
    entity = index.entity_at(span[0])
    if entity is not None and entity.type == "person" and entity.name.split()[-1] == surname:
        return entity
    return Entity(span.text, "person")


def surname_bearer(
    surname: Entity, at: Token, index: ArticleEntities, speakers: list[tuple[Token, Entity]] | None = None
) -> Entity | None:
    """Which of the people the story names in full bears the one-word name `surname` at
    `at`: the one last reported speaking before it, a few sentences back at most, who can be
    of the sex the story gives the surname; None where no one such is."""
    bearers = _bearers(surname, index)
    if not bearers:
        return None
    if speakers is None:
        speakers = _reading(at.doc, index).speakers
    return last_speaker(speakers, at, bearers.__contains__)


def _bearers(speaker: Entity, index: ArticleEntities) -> set[Entity]:
    """The people whose surname a one-word speaker's name is, and who can be of the sex the
    story gives that surname; none for a full name."""
    wanted = index.genders.get(speaker)
    return {
        e
        for e in index.surname_bearers(speaker)
        if wanted in (None, "unknown") or index.genders.get(e) in (wanted, "unknown", None)
    }


def _surnames_followed(
    speakers: list[tuple[Token, Entity]], index: ArticleEntities
) -> list[tuple[Token, Entity]]:
    """ "Former President Tomas Ruiz ... the former president said ... / “...,” Ruiz said. /
    Ruiz said ...": a surname several people bear, reported speaking, is the one of them last
    reported speaking, and so stays for the next "Ruiz said": the reader follows the chain,
    not only the mention right before."""
    followed: list[tuple[Token, Entity]] = []
    for token, entity in speakers:
        bearers = _bearers(entity, index)
        person = last_speaker(followed, token, bearers.__contains__) if bearers else None
        followed.append((token, person or entity))
    return followed


def _after_reported_speech(reading: _Reading, segment: Segment) -> _Attribution | None:
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
    if any(_is_quoting_verb(t) for t in _outside_tokens(doc, segment, inside)):
        return None  # an attribution of its own ("they said"), only one we could not resolve
    before = doc[sentence.start - 1].sent
    paragraphs = paragraphs_between(doc[before.end - 1], span[0])
    if paragraphs > 1:
        return None
    answer = _answer(reading, before)
    if answer is not None:
        return answer
    verbs = [t for t in reversed(before) if t.idx not in inside and _is_quoting_verb(t)]
    for verb in verbs:
        found = _speaker_of(verb, index, inside, speakers)
        if found is not None and found.speaker is not None:
            return replace(found, relay=None)
    if verbs or paragraphs > 0:
        return None
    return _subject_goes_on(before, index, inside)


def _paragraph_alone(reading: _Reading, segment: Segment) -> _Attribution | None:
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
        if (_is_quoting_verb(token) or asking) and any(
            c.dep_ == "nsubj" and not is_person_pronoun(c) and index.entity_at(c) != person
            for c in token.children
        ):
            return None  # "“...,” a diplomat asked. / “...”": another speaker since, if unnamed
    return _Attribution(person, person.name)


# How many paragraphs of the writer's own (ones not opening with a quotation) may stand
# between a speaker and a quotation that is a paragraph of its own, for it to go on with them.
_NARRATION_BETWEEN = 2


def _after_colon(reading: _Reading, segment: Segment) -> _Attribution | None:
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
    if verb.idx in inside or verb.pos_ not in ("VERB", "AUX") or _imagined(verb):
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
    return _Attribution(entity, entity.name, verb)


def _answer(reading: _Reading, before: Span) -> _Attribution | None:
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
    return _Attribution(person, person.name)


def _subject_goes_on(before: Span, index: ArticleEntities, inside: set[int]) -> _Attribution | None:
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
    return _Attribution(person, person.name, before.root)


# "“...” ― Ana Ruiz": a dash and a name closing the paragraph sign the quotation.
_SIGNATURE = re.compile(r"[”\"»]?[ \t]*[―—–-][ \t]*([A-Z][^\n“”\"]{1,60}?)[ \t.]*(?:\n|$)")


def _signature(doc: Doc, segment: Segment, index: ArticleEntities) -> _Attribution | None:
    match = _SIGNATURE.match(parsed_text(doc), segment.end)
    if match is None:
        return None
    name = match.group(1).strip()
    if len(name.split()) > 6 or not all(w[0].isupper() for w in name.split() if w[0].isalpha()):
        return None
    span = doc.char_span(match.start(1), match.start(1) + len(name), alignment_mode="expand")
    entity = index.entity_at(span[0]) if span is not None else None
    if entity is not None and entity.type in SPEAKER_TYPES:
        return _Attribution(entity, entity.name)
    return _Attribution(None, name)


_WISHING_LEMMAS = words("wishing-verbs")


def _imagined(verb: Token) -> bool:
    """Is the speech verb one no one spoke: a picture ("his eyes gleaming, as if to say
    “...”"), a condition ("if the board says “...”") or a wish ("I hope the country says
    “...”")?"""
    if is_conditional(verb):
        return True
    return verb.dep_ in ("ccomp", "parataxis", "xcomp") and verb.head.lemma_.lower() in _WISHING_LEMMAS


def _not_yet_said(verb: Token) -> bool:
    """Is the speech verb under a modal ("will say", "would call it", "may brand you", "is
    sure to call"), its own or that of the verb it completes: words no one has said yet?"""
    clauses = (verb, verb.head) if verb.dep_ in ("xcomp", "conj") else (verb,)
    return any(
        c.dep_ == "aux" and c.lower_ in MODALS and not c.text[:1].isupper()  # "While Will says": a name
        for clause in clauses
        for c in clause.children
    )


def _reported(verb: Token) -> bool:
    """Is the verb itself in what someone is reported saying, the clause a speech verb
    reports ("Weber said Ruiz once called the plan “a disgrace”": Weber's words, Ruiz's
    only as Weber tells it; not "Weber said, accusing Ruiz of “...”")?"""
    for t in (verb, *verb.ancestors):
        if t.dep_ in ("relcl", "acl"):
            return False  # "the war that Nordhaven calls “...”": its own speaker, named in it
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in SPEECH_LEMMAS and t.head.pos_ in ("VERB", "AUX"):
            return True
    return False


def _told_by_a_person(verb: Token, index: ArticleEntities) -> bool:
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


def _as_complement(verb: Token, doc: Doc, segment: Segment) -> bool:
    """ "Weber hailed Ruiz as “a true friend of the harbour”": quoted words that are all
    what the verb's subject takes someone for, the complement of its "as", are the
    subject's, whatever the verb; unless the verb is itself in what someone is reported
    saying ("Weber said ferries ran as “a lifeline”": Weber's words)."""
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
    if not preps or _reported(verb):  # the cheap test first: most verbs have no "as"
        return False
    span = doc.char_span(segment.start, segment.end, alignment_mode="expand")
    return span is not None and any(
        all(prep in t.ancestors for t in span if not t.is_punct) for prep in preps
    )


def _as_put_it(verb: Token) -> bool:
    """ "As Weber put it, “...”": a speech verb in this one construction."""
    return (
        verb.lemma_.lower() == "put"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children)
    )


# Where a sentence ends inside a line: its stop, a closing mark or bracket, and a space.
_SENTENCE_END = re.compile(r"[.!?][”\"’)]?\s+(?=[A-Z])")
# Words a colon label may hold besides its speaker: "Weber on the harbour:", "Weber to the Courier:".
_LABEL_MAX_TOKENS = 8


def _before_colon(doc: Doc, segment: Segment) -> str | None:
    """The text before a quotation's opening mark, where it ends in a colon."""
    text = parsed_text(doc)
    before = text[: opening(text, segment)].rstrip()
    return before if before.endswith(":") else None


def _colon_label(doc: Doc, segment: Segment, index: ArticleEntities) -> _Attribution | None:
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
    return _Attribution(entity, entity.name)


# The irregular past forms of the verbs of saying ("Said Weber:"), the regular ones read
# from their lemmas ("Added", "Replied").
_SAID_FORMS = words("reporting-verb-irregular-forms")


def _says_word(token: Token) -> bool:
    """ "Said", "Added", "Continued" opening a line: a verb of saying, however the parser
    tagged it there (often as part of the name after it)."""
    if not token.text[:1].isupper():
        return False
    if token.pos_ in ("VERB", "AUX"):
        return _is_quoting_verb(token)
    word = token.lower_
    if word in _SAID_FORMS:
        return True
    forms = {word[:-1], word[:-2], word[:-3] + "y"} if word.endswith("ed") else set()
    return bool(forms & _QUOTING_LEMMAS)


def _inverted_label(doc: Doc, line_start: int, colon: int, index: ArticleEntities) -> _Attribution | None:
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
        return _Attribution(entity, entity.name)
    if len(name) == 1:
        verb = label[0].text
        people = {p for p in index.surname_bearers(Entity(name.text, "person")) if verb not in p.name.split()}
        if len(people) == 1:
            person = people.pop()
            return _Attribution(person, person.name)
    return None


def _participle_after_name(
    doc: Doc, segment: Segment, verb: Token, index: ArticleEntities
) -> _Attribution | None:
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
    return _Attribution(entity, entity.name, verb)


def _next_to_quotation(
    doc: Doc, segment: Segment, verb: Token, index: ArticleEntities
) -> _Attribution | None:
    """ "“...,” Weber, a party veteran, said": the name right after the closing mark, where
    the parser hung it elsewhere, with only its description between it and the verb."""
    if verb.idx < segment.end:
        return None
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
    text = parsed_text(doc)
    if any(ch in text[after_close(text, segment) : verb.idx] for ch in '“”"\n'):
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
    return _Attribution(entity, entity.name, verb)


def _speaker_of(
    verb: Token, index: ArticleEntities, inside: set[int], speakers: list[tuple[Token, Entity]]
) -> _Attribution | None:
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
                    return _Attribution(entity, entity.name, verb, relay)
    # "X issued a statement saying ...": the statement's author said it.
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in DOCUMENT_NOUNS:
        author = author_of(verb.head, index)
        if author is not None:
            return _Attribution(author, author.name, verb)
    # "X was quoted as saying", "the paper quoted X as saying": the one quoted said it.
    quoting = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "as" else verb.head
    if verb.dep_ in ("pcomp", "advcl", "xcomp") and quoting.lemma_.lower() == "quote":
        for quoted in (c for c in quoting.children if c.dep_ in ("nsubjpass", "dobj")):
            return _described(quoted, index, *named_speaker(quoted, index), verb)
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
            return _Attribution(entity, description, verb)
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
        if subject.lower_ in ("it", "this", "that", "which", "what", "who"):
            continue
        if is_person_pronoun(subject):
            return _described(subject, index, *pronoun_speaker(subject, index, speakers, inside), verb)
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
        return _described(subject, index, entity, description, verb)
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


def _described(
    phrase: Token, index: ArticleEntities, entity: Entity | None, description: str, verb: Token | None = None
) -> _Attribution:
    """The attribution a speaker phrase makes, marked unresolved where the phrase stands for
    someone the story names whom it could not be followed to, or for no one who speaks."""
    unresolved = entity is None and (refers_back(phrase, index) or _speaks_not(phrase))
    return _Attribution(entity, description, verb, unresolved=unresolved)


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
