"""Who said what: direct quotations and their speakers.

Quotations are found in the article's characters by quote_marks.py (curly or straight marks,
a quote that runs over several paragraphs), then attributed from the parse: the subject of a speech
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

This module puts the quotations together: each piece's attribution chosen among the readers
(a signature or colon label, a speech verb, "according to", then for a quotation with none
the readers that need no verb), pieces grouped into statements, and the quotes built, with
the outlet each was said to and the speaker's "I" bound. speech_verbs.py reads which verb of
saying attributes a quotation and who its subject is; verbless_attribution.py the
attributions that need no speech verb; surname_speakers.py which person a one-word name is.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Token

from kg.model import Entity, Evidence, Interview, Quote
from kg.nlp.anchoring import find_date
from kg.nlp.cached import article_text, parsed_text
from kg.nlp.entities import ArticleEntities
from kg.nlp.facts import surname_speakers
from kg.nlp.facts.mention import evidence_of
from kg.nlp.facts.quote_marks import OPENING_MARKS, Segment, after_close, continues_quotation, opening
from kg.nlp.facts.speakers import fits_reference, named_speaker, pronoun_speaker
from kg.nlp.facts.speech_verbs import (
    Attribution,
    as_complement,
    as_put_it,
    described,
    governs,
    imagined,
    is_quoting_verb,
    next_to_quotation,
    not_yet_said,
    outside_tokens,
    participle_after_name,
    reported,
    sentences_around,
    speaker_of,
    told_by_a_person,
)
from kg.nlp.facts.surname_speakers import ATTRIBUTED, Reading, in_full
from kg.nlp.facts.verbless_attribution import (
    after_colon,
    after_reported_speech,
    colon_label,
    paragraph_alone,
    signature,
)
from kg.nlp.gazetteer import ATTRIBUTING_LEMMAS, SPEECH_LEMMAS
from kg.nlp.lexicon import words
from kg.nlp.pronouns import is_person_pronoun

# The speech verbs and the verbs that attribute words to someone ("called", "suggested").
_SPEECH_OR_ATTRIBUTING_LEMMAS = SPEECH_LEMMAS | ATTRIBUTING_LEMMAS


# Fewer quoted words than this are a phrase the writer marks, not a statement.
MIN_WORDS = 3


def _attributed(
    doc: Doc, index: ArticleEntities
) -> tuple[list[Segment], list[Attribution | None], list[list[int]]]:
    """The article's quotations, who each piece is attributed to, and the pieces grouped into
    statements: worked out once per article (the first-person binding and the quotes share it)."""
    cached = doc.user_data.get(ATTRIBUTED)
    if cached is not None and cached[0] is index:
        return cached[1]
    reading = surname_speakers.reading(doc, index)
    segments = reading.segments
    found = [_attribution(reading, segment) for segment in segments]
    found = [
        in_full(a, s, doc, index, reading.speakers, reading.inside)
        for a, s in zip(found, segments, strict=True)
    ]
    groups = _quotations(segments, found, doc)
    for group in groups:
        first = segments[group[0]]
        if found[group[0]] is None:
            follows = (
                after_reported_speech(reading, first)
                or after_colon(reading, first)
                or paragraph_alone(reading, first)
            )
            for i in group:
                found[i] = follows
    result = (segments, found, groups)
    doc.user_data[ATTRIBUTED] = (index, result, reading)
    return result


def pronoun_person(pronoun: Token, index: ArticleEntities) -> Entity | None:
    """ "..., he told the Gazette", "she told the weekly ... that": the person a "he" or "she"
    outside quotations stands for, read as the quotations' speakers are read, so that a
    fact told of the same words names the same person (or, where the quotation's reader
    abstains, no one). The speaker of the quotation the pronoun's own verb attributes;
    else the same reader with this article's quotations and named speakers."""
    attributes, speaker = quoting_subject(pronoun, index)
    if attributes:
        return speaker
    reading = surname_speakers.reading(pronoun.doc, index)  # writes nothing in doc.user_data
    entity, _written = pronoun_speaker(pronoun, index, reading.speakers, reading.inside)
    return entity


def quoting_subject(subject: Token, index: ArticleEntities) -> tuple[bool, Entity | None]:
    """Whether the subject's own verb attributes a quotation ("“...,” he told reporters after
    talks with X", "“...,” the senator told the Courier"), and the person the quotation's
    reader found speaking (None where it abstains): the same person for the quotation and
    for what the verb's clause tells."""
    doc = subject.doc
    kept = ATTRIBUTED in doc.user_data
    _segments, found, _groups = _attributed(doc, index)
    if not kept:
        doc.user_data.pop(ATTRIBUTED, None)  # the Doc keeps no object that cannot be serialised
    for attributed in found:
        if attributed is not None and attributed.verb is not None and attributed.verb == subject.head:
            speaker = attributed.speaker
            return True, speaker if speaker is not None and speaker.type == "person" else None
    return False, None


def extract_quotes(
    doc: Doc, index: ArticleEntities, article_id: str, published: date | None = None
) -> list[Quote]:
    original = article_text(doc)
    segments, found, groups = _attributed(doc, index)
    doc.user_data.pop(ATTRIBUTED, None)  # the Doc keeps no object that cannot be serialised
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
        told_as_said = attributed.sourced or verb is not None and all(governs(verb, doc, p) for p in pieces)
        if told_as_said and any(_relayed_within(verb, doc, p, attributed.speaker, index) for p in pieces):
            continue  # another's words the speaker's sentence tells of
        words_quoted = sum(len(w.split()) for w in quoted)
        if words_quoted < (1 if told_as_said else MIN_WORDS):
            continue
        if words_quoted < MIN_WORDS and verb is not None and not_yet_said(verb):
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


def _quotations(segments: list[Segment], found: list[Attribution | None], doc: Doc) -> list[list[int]]:
    """The quotations, each as the indices of its pieces. A piece with no attribution of
    its own goes on with the one before it (a split quote "...," he said. "...", the next
    paragraph of a long one), or, opened in a paragraph left unclosed, with the one after;
    pieces of one sentence under one speech verb ("...," she said, "...") are one quotation.
    A phrase quoted inside a sentence of the writer's own takes no speaker from a quotation
    in another sentence (`_quoted_in_narration`). `found` is filled in for inherited pieces."""
    for i in range(1, len(segments)):
        if (
            found[i] is None
            and found[i - 1] is not None
            and continues_quotation(segments[i - 1], segments[i], doc)
            and not _quoted_in_narration(doc, segments[i], segments[i - 1])
        ):
            found[i] = found[i - 1]
    for i in range(len(segments) - 2, -1, -1):
        if (
            found[i] is None
            and found[i + 1] is not None
            and continues_quotation(segments[i], segments[i + 1], doc)
            # A quotation left open at its paragraph's end ("..., saying “...¶“...,” he
            # said") runs on into the next whatever stands before it.
            and (segments[i].continues or not _quoted_in_narration(doc, segments[i], segments[i + 1]))
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


def _quoted_in_narration(doc: Doc, piece: Segment, other: Segment) -> bool:
    """ "Weber dismissed the port as “a backwater.” All this led a local editor to fear a
    “sell-off.”": quoted words inside a sentence of the writer's own, which they do not
    open, are no part of a quotation in another sentence, before or after them ("...,” she
    said. “..." is one): the later phrase takes no speaker from the earlier quotation, nor
    the earlier phrase ("her remarks that “...” on the plan.") from a later one's verb."""
    span = doc.char_span(piece.start, piece.end, alignment_mode="expand")
    beside = doc.char_span(other.start, other.end, alignment_mode="expand")
    if span is None or beside is None:
        return False
    if span[0].sent.start <= beside[-1].sent.start and beside[0].sent.start <= span[-1].sent.start:
        return False  # a sentence in common: pieces of one telling
    sentence = span[0].sent
    return bool(parsed_text(doc)[sentence.start_char : piece.start].strip(" \n" + OPENING_MARKS))


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
    return any(is_quoting_verb(t) and verb in t.ancestors and t.sent == sentence for t in between)


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


# The word before a quoted title that names a work: the show or column it is on ("on “Morning
# Show.”"), "the" before a named idea, a noun for a work ("his book “The Long Tide.”").
_WORK_PREPOSITIONS = words("work-prepositions")


def _names_a_work(doc: Doc, segment: Segment) -> bool:
    """Are the quoted words the name of a show, book or column, not a statement: a title
    (`_is_title`), or one closed by a full stop the writer's punctuation put inside the
    marks, right after "on", "the", a noun for a work or a possessive ("appeared on “Morning
    Show.”", "the Courier’s “Harbour Watch.”", "her book, “The Long Tide.”")?"""
    text = parsed_text(doc)
    quoted = text[segment.start : segment.end].strip()
    if _is_title(quoted):
        return True
    if not quoted.endswith(".") or quoted.endswith("..") or not _is_title(quoted[:-1]):
        return False
    mark = opening(text, segment)
    before = text[max(0, mark - 40) : mark].split()
    # "his book, “The Long Tide.”": the comma or colon set after the noun is no word of it.
    last = before[-1].lower().rstrip(",:") if before else ""
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


def _evidence_of(doc: Doc, segment: Segment, article_id: str) -> Evidence:
    """The quotation's sentences, as every fact's evidence is."""
    return evidence_of(article_id, sentences_around(doc, segment) or doc[:])


def _attribution(reading: Reading, segment: Segment) -> Attribution | None:
    doc, index, _segments, inside, speakers = reading
    signed = signature(doc, segment, index) or colon_label(doc, segment, index)
    if signed is not None:
        return signed
    outside = outside_tokens(doc, segment, inside)
    if not outside:
        return None
    # The speech verb nearest the quotation's edges, in the quotation's own sentence(s).
    verbs = [
        t
        for t in outside
        if t.pos_ in ("VERB", "AUX")
        and not imagined(t)
        and (
            is_quoting_verb(t)
            and not told_by_a_person(t, index)
            or t.lemma_.lower() in ATTRIBUTING_LEMMAS
            and governs(t, doc, segment)
            and not reported(t)
            or as_put_it(t)
            or as_complement(t, doc, segment)
        )
    ]
    # A verb whose clause holds the quotation first ("Ruiz said “...” Weber said it would
    # be ..." in one parsed sentence), then the nearest.
    verbs.sort(
        key=lambda v: (
            not governs(v, doc, segment),
            min(abs(v.idx - segment.end), abs(v.idx - segment.start)),
        )
    )
    for verb in verbs:
        found = participle_after_name(doc, segment, verb, index)
        if found is not None:
            return found
    for verb in verbs:
        found = speaker_of(verb, index, inside, speakers)
        if found is not None:
            return found
    for verb in verbs:
        found = next_to_quotation(doc, segment, verb, index)
        if found is not None:
            return found
    for token in outside:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            for pobj in (c for c in doc[token.i + 1].children if c.dep_ == "pobj"):
                return replace(described(pobj, index, *named_speaker(pobj, index)), sourced=True)
    return None
