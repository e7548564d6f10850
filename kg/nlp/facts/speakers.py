"""Who a speaker phrase is: a name ("Weber", "the Harbour Union", "a union spokesman, Ana
Ruiz"), a pronoun ("he said"), a description anchored by a place or party ("the Harbour County
governor") or varying the name of the person the sentence before is about ("the former
senator"), a document ("the union's statement"), or the words of someone the story leaves
unnamed ("a senior official"). Read as a reader reads them: a pronoun or description is
the nearest main subject outside quotations that agrees with it, else the person last
reported speaking, and no one where two readings remain (a wrong name is worse than none).
speech_verbs.py and verbless_attribution.py find the quotations' attributions (quotes.py puts
them together); this module resolves the speaker they name.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from kg.model import Entity
from kg.nlp.cached import parsed_text, tokens_with_lemma
from kg.nlp.captions import in_credit_paragraph
from kg.nlp.entities import ArticleEntities
from kg.nlp.facts.mention import indefinite, prep_objects, sentence_distance
from kg.nlp.facts.title_words import normalise_title
from kg.nlp.gazetteer import OUTLET_NOUNS, SPEECH_LEMMAS, TITLE_HEADS, TITLE_MODIFIERS, country_of
from kg.nlp.gender import FEMALE_TITLES, MALE_TITLES, fits_pronoun
from kg.nlp.lexicon import words
from kg.nlp.pronouns import is_person_pronoun
from kg.nlp.titles import HONORIFICS, TITLE_ABBREVIATIONS, full_title_word

SPEAKER_TYPES = {"person", "organization", "country", "outlet"}


# How many sentences back "he said" may look for the person last reported speaking.
SPEAKER_REACH = 3


# How many "he said ... He added ... he said" links a pronoun speaker is followed back through.
PRONOUN_CHAIN = 4


def last_speaker(
    speakers: list[tuple[Token, Entity]], before: Token, fits: Callable[[Entity], bool]
) -> Entity | None:
    """The person last reported speaking before `before` who `fits`, a few sentences back
    at most, or in the paragraph before."""
    earlier = [(t, e) for t, e in speakers if t.i < before.i and fits(e)]
    if not earlier:
        return None
    token, person = earlier[-1]
    near = sentence_distance(token, before) <= SPEAKER_REACH or paragraphs_between(token, before) <= 1
    return person if near else None


_PERSON_ROLE_NOUNS = TITLE_HEADS | words("person-role-nouns")


_MALE_ROLES = MALE_TITLES | words("male-role-nouns")


_FEMALE_ROLES = FEMALE_TITLES | words("female-role-nouns")


UNNAMED_SOURCES = words("unnamed-source-nouns")


def is_unnamed_source(noun: Token) -> bool:
    """ "the official", "an aide", "sources": a person news writing leaves unnamed."""
    return noun.pos_ == "NOUN" and noun.lemma_.lower() in UNNAMED_SOURCES


# Nouns for a person by what they do or are ("the lawyer", "the witness"): such a description
# is someone, perhaps a source the story leaves unnamed, not a body or thing it has named.
PERSON_NOUNS = _PERSON_ROLE_NOUNS | words("person-nouns")


def _anchors(noun: Token) -> list[Token]:
    """The words before a description's head that name something: "Nevada", "Republican"."""
    words = [
        t for c in noun.children if c.i < noun.i and c.dep_ in ("amod", "compound", "nmod") for t in c.subtree
    ]
    return [t for t in words if t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE")]


def describes_someone(noun: Token, index: ArticleEntities) -> bool:
    """ "the Harbour County governor", "the Republican nominee": a definite description of one
    person, anchored by a place or party, as a story uses for someone it has named. Not
    "the official" nor "a senior aide" (people the story does not name), nor "Weber's
    spokesman" (never Weber)."""
    if noun.tag_ != "NN" or noun.lemma_.lower() not in _PERSON_ROLE_NOUNS:
        return False
    if noun.lemma_.lower() in UNNAMED_SOURCES:
        return False  # "the Harbour Union member said": a source the story leaves unnamed
    modifiers = [c for c in noun.children if c.i < noun.i]
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in modifiers) or any(
        c.dep_ == "poss" for c in modifiers
    ):
        return False
    return any(getattr(index.entity_at(t), "type", None) != "person" for t in _anchors(noun))


def epithet_person(noun: Token, index: ArticleEntities, inside: set[int]) -> Entity | None:
    """ "Ana Ruiz on Monday called on the council to act. / “...,” the former mayor said": a
    definite description of one person by a role ("the senator", "Weber's former strategist")
    speaking right after a sentence whose main subject is a named person it can be, is that
    person, as news writing varies a name. No one where the description is one a story uses
    for sources it leaves unnamed ("the official"), names its possessor ("Ruiz's aide" is not
    Ruiz), or its head noun stands in that sentence too ("Ruiz met the former mayor")."""
    head = noun.lemma_.lower()
    if noun.tag_ != "NN" or head not in PERSON_NOUNS or head in UNNAMED_SOURCES:
        return None
    modifiers = [c for c in noun.children if c.i < noun.i]
    possessors = [c for c in modifiers if c.dep_ == "poss"]
    if any(index.entity_at(p) is None for p in possessors):
        return None  # "his aide", "the party's nominee": someone else, or unnamed
    if not possessors and not any(c.dep_ == "det" and c.lower_ == "the" for c in modifiers):
        return None
    if head not in _PERSON_ROLE_NOUNS and not any(
        c.dep_ in ("amod", "compound", "nummod") or c.dep_ == "prep" and c.lower_ == "of"
        for c in noun.children
    ):
        # "Ruiz was charged on Monday. “...,” the lawyer said": a person named by a bare noun
        # other than a title is as often someone beside the one just spoken of (her lawyer,
        # a neighbour); a description that says more of them ("the 34-year-old mother of
        # three") varies the name.
        return None
    if any(
        getattr(index.entity_at(t), "type", None) == "person"
        for t in own_words_before(noun.left_edge, inside)
    ):
        return None  # "Weber spoke in an ad: “...,” the senator says": Weber, or the one before
    before = sentence_before(noun, inside)
    if before is None or any(t.lemma_.lower() == head and t.idx not in inside for t in before):
        return None
    if before.root.lemma_.lower() in QUESTIONING_VERBS:
        return None  # "“...?” Weber asked. “...,” the senator said": the one asked answers
    main = main_people(before, index, inside)
    owners = {index.entity_at(p) for p in possessors}
    if len(main) != 1 or main & owners:
        return None
    person = main.pop()
    return person if fits_reference(index, person, noun) else None


def sentence_before(token: Token, inside: set[int]) -> Span | None:
    """The sentence before the one `token` is in, sentences all quotation skipped ("Ana Ruiz
    spoke. “...” “...,” the senator said" reads on from "Ana Ruiz spoke."); None where it
    is not in the same paragraph or the one before."""
    doc = token.doc
    start = token.sent.start
    before = doc[start - 1].sent if start > 0 else None
    # A sentence all quotation ("“...”" before "“...,” Ruiz said"): the one before it.
    while before is not None and all(t.idx in inside or t.is_space or t.is_punct for t in before):
        before = doc[before.start - 1].sent if before.start > 0 else None
    if before is None or paragraphs_between(before[0], token) > 1:
        return None
    return before


def own_words_before(token: Token, inside: set[int]) -> list[Token]:
    """The writer's words before `token` in its sentence, quotations left out."""
    return [
        t
        for t in token.doc[token.sent.start : token.i]
        if t.idx not in inside and not (t.is_space or t.is_punct)
    ]


def main_people(sentence: Span, index: ArticleEntities, inside: set[int]) -> set[Entity]:
    """The people who are a sentence's main subject, outside quotations."""
    return {
        entity
        for t in sentence
        if t.dep_ in ("nsubj", "nsubjpass")
        and t.idx not in inside
        and (t.head == sentence.root or t.head.dep_ == "conj" and t.head.head == sentence.root)
        # "Ana Ruiz ... / the outspoken senator vowed ... / “...,” the veteran lawmaker said": a
        # subject that is itself a description followed back stands for that person.
        and (entity := index.entity_at(t) or named_as(t, index)) is not None
        and entity.type == "person"
    }


def holder_named(noun: Token, index: ArticleEntities) -> Entity | None:
    """ "a spokesman for Ana Ruiz said", where the story names "Ruiz spokesman Piotr Varga":
    a title held for one the story names, said of someone it does not name there, is the one
    person the story gives that title (for them, or for no one it says), where there is one."""
    if noun.tag_ != "NN" or noun.lemma_.lower() not in TITLE_HEADS:
        return None
    if not indefinite(noun):
        return None
    owners = {
        entity
        for o in prep_objects(noun, ("for", "of"))
        if (entity := index.entity_at(o)) is not None and entity.type in SPEAKER_TYPES
    }
    if len(owners) != 1:
        return None
    owner = owners.pop()
    title = normalise_title([noun.lemma_])
    holders = {
        person
        for person, held in index.titles.items()
        if person != owner and any(t.split()[-1] == title and org in (None, owner.name) for t, org in held)
    }
    return holders.pop() if len(holders) == 1 else None


# "the newspaper", "the broadcaster": a noun only an outlet is called by ("the agency", "the
# network" may be any body's).
_OUTLET_ONLY_NOUNS = OUTLET_NOUNS - words("organisation-words")


def named_as(noun: Token, index: ArticleEntities) -> Entity | None:
    """ "Senator Ana Ruiz ... the senator said", "the Daily Ledger ... the newspaper said",
    "the Harbour Union ... the union says": a definite description stands for the one person,
    body or outlet named before it that the story calls by its head noun (a title it gives a
    person, a noun it sets beside or before the name: "Ana Ruiz, a lawyer", "lawyer Ana Ruiz";
    a word of a body's name), with every place or party that anchors the description among
    the words it was called by ("the Vardsund governor" is not the Nordhaven governor), or,
    for a noun only outlets are called by, the one outlet it names. None where no one or
    several are: a wrong name is worse than none."""
    head = noun.lemma_.lower()
    # One, in lower case ("the senator", which the tagger may call a proper noun).
    if noun.tag_ not in ("NN", "NNP") or not noun.is_lower or head in UNNAMED_SOURCES:
        return None
    modifiers = [c for c in noun.children if c.i < noun.i]
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in modifiers) or any(
        c.dep_ == "poss" for c in modifiers
    ):
        return None
    person = head in PERSON_NOUNS
    anchors = [(t.lower_, (country_of(t.text) or "").lower()) for t in _anchors(noun)]
    # "the foreign minister" is not Prime Minister Ruiz: the words of a title before its head;
    # "the lawyer for the company" is not Ruiz, the family's lawyer: what it is of or for.
    anchors += [
        (c.lower_, "")
        for c in modifiers
        if c.is_lower and (c.dep_ == "compound" or c.dep_ == "amod" and c.lower_ in TITLE_MODIFIERS)
    ]
    anchors += [
        (o.lower_, (country_of(o.text) or "").lower())
        for p in noun.children
        if p.dep_ == "prep" and p.i > noun.i
        for o in p.children
        if o.dep_ == "pobj"
    ]
    callings, first = _callings(index)
    candidates = set()
    for entity, called in callings.items():
        if first[entity] > noun.i or entity.type not in SPEAKER_TYPES or (entity.type == "person") != person:
            continue
        if person and not _of_its_sex(index, entity, noun):
            continue
        agrees = any(
            noun_ == head
            and all(word in around or country and country in around for word, country in anchors)
            for noun_, around in called
        )
        if agrees or not anchors and entity.type == "outlet" and head in _OUTLET_ONLY_NOUNS:
            candidates.add(entity)
    return candidates.pop() if len(candidates) == 1 else None


def _callings(
    index: ArticleEntities,
) -> tuple[dict[Entity, list[tuple[str, set[str]]]], dict[Entity, int]]:
    """What the story calls each entity it names: (noun, the words around it, and the
    countries they name), the nouns `named_as` reads; and where it first names it."""
    doc = index.doc
    callings: dict[Entity, list[tuple[str, set[str]]]] = {}
    first: dict[Entity, int] = {}
    for i in sorted(index.by_token):
        entity = index.by_token[i]
        if entity in first:
            continue
        first[entity] = i
        called = callings.setdefault(entity, [])
        if entity.type == "person":
            for title, org in index.titles.get(entity, ()):
                held = [*org.split(), org] if org else []
                # "Sen." is the story calling her senator.
                called.append((full_title_word(title.split()[-1]), _around([*title.split(), *held])))
        else:
            name = entity.name.split()
            called.extend((word.lower(), _around([*name, entity.name])) for word in name)
    for lemma, beside, subtree in _describing_nouns(doc):
        named = [index.by_token.get(i) for i in beside]
        described = next((e for e in named if e is not None), None)
        if described is not None:
            words = [text for i, text in subtree if index.by_token.get(i) != described]
            callings[described].append((lemma, _around(words)))
    return callings, first


def _describing_nouns(doc: Doc) -> list[tuple[str, list[int], list[tuple[int, str]]]]:
    """Each lower-case common noun set beside a word that may be a name, as `_callings`
    reads it: its lemma, the positions of the words it describes, and the other words of its
    subtree. What the parse alone says, worked out once per article: `named_as` asks for
    every definite description, and a pass over every token each time cost more than the
    rest of its reading."""
    cached = doc.user_data.get(_DESCRIBING_NOUNS)
    if cached is None:
        cached = []
        for token in doc:
            if token.pos_ != "NOUN" or not token.is_lower:
                continue
            # "Ana Ruiz, a lawyer for the family", "lawyer Ana Ruiz"; "the shipping company
            # Acme", "the family's lawyer, Ana Ruiz"
            beside = [token.head] if token.dep_ in ("appos", "compound") else token.children
            positions = [t.i for t in beside if t == token.head or t.dep_ == "appos"]
            if positions:
                subtree = [(t.i, t.text) for t in token.subtree if t != token]
                cached.append((token.lemma_.lower(), positions, subtree))
        doc.user_data[_DESCRIBING_NOUNS] = cached
    return cached


_DESCRIBING_NOUNS = "kg_describing_nouns"


def _around(words: list[str]) -> set[str]:
    """The words, lower case, and the countries they name: "Harbour", "Russian", "United
    Kingdom"."""
    return {w.lower() for w in words} | {c.lower() for w in words if (c := country_of(w))}


def _of_its_sex(index: ArticleEntities, person: Entity, description: Token) -> bool:
    """Is `person` not of the other sex than a description's role ("the congresswoman")?"""
    head = description.lemma_.lower()
    wanted = "male" if head in _MALE_ROLES else "female" if head in _FEMALE_ROLES else None
    known = index.genders.get(person)
    return wanted is None or known not in ("male", "female") or known == wanted


def fits_reference(index: ArticleEntities, person: Entity, reference: Token) -> bool:
    """Can `reference`, a pronoun or a description ("the Harbour County governor"), be `person`?
    Of a description: the person is of its sex where both are known ("the congresswoman"),
    holds a title in the country it names ("the Russian president"), and is not named in it."""
    if reference.pos_ == "PRON":
        return fits_pronoun(index, person, reference) is not None and not _its_verbs_object(
            index, person, reference
        )
    if not _of_its_sex(index, person, reference):
        return False
    anchors = _anchors(reference)
    if any(index.entity_at(t) == person for t in anchors):
        return False
    countries = {c for t in anchors if (c := country_of(t.text))}
    held = {org for _title, org in index.titles.get(person, ())}
    return not countries or bool(countries & held)


def _its_verbs_object(index: ArticleEntities, person: Entity, pronoun: Token) -> bool:
    """ "he told Weber", "she said to Weber": the one spoken to is not the one speaking."""
    if pronoun.dep_ != "nsubj":
        return False
    verb = pronoun.head
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj")]
    objects += [o for c in verb.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    return any(index.entity_at(o) == person for o in objects)


DOCUMENT_NOUNS = words("document-nouns")


# "ask", "press": verbs of putting a question to someone, who answers it.
QUESTIONING_VERBS = words("questioning-verbs")


def refers_back(phrase: Token, index: ArticleEntities) -> bool:
    """Is a speaker phrase left unresolved one that stands for someone the story names, so
    that its words name no one: a pronoun ("she said"), a document whose author was not
    found ("the statement said", "a joint statement"), two or more named ("both sides said",
    "the leaders warned"), one described by what they are to someone a pronoun stands for ("his
    physician"), a person described by a role the place or party they hold it
    for makes one ("the Harbour County governor"), or a thing or body described as the one
    the story has spoken of ("the commission says", "the book said"), or one person by a
    title or role alone ("the senator said", "the judge exclaimed": news writing's name for
    someone it has named; gold and reader alike want the name, and a description is no
    answer) unless the story brought in one so called without a name ("Ruiz met the
    former senator").
    Not a source news writing leaves unnamed ("the official", "the spokesman"), nor a person
    described by what they do ("the lawyer", "the witness"): kept as its description."""
    if is_person_pronoun(phrase) or phrase.lemma_.lower() in DOCUMENT_NOUNS:
        return True
    if describes_someone(phrase, index):
        # One of the people the story names, whose title it need not give ("the Harbour County
        # governor" where the story names no one of that sex: a source it leaves unnamed).
        return any(e.type == "person" and _of_its_sex(index, e, phrase) for e in index.entities)
    if _kin_of_someone(phrase):
        return True
    determiners = {c.lower_ for c in phrase.children if c.i < phrase.i and c.dep_ in ("det", "predet")}
    if "both" in determiners:
        return True  # "both sides said": two the story names
    definite = "the" in determiners
    if definite and phrase.tag_ == "NNS" and phrase.lemma_.lower() in _PERSON_ROLE_NOUNS:
        return True  # "the leaders warned", "the defence chiefs said": several the story names
    if (
        definite
        and phrase.tag_ in ("NN", "NNP")  # one, in lower case (the tagger may call it a name)
        and phrase.is_lower
        and phrase.lemma_.lower() in _PERSON_ROLE_NOUNS
        and phrase.lemma_.lower() not in UNNAMED_SOURCES
        and not any(c.dep_ == "poss" for c in phrase.children)
    ):
        # "the senator said", "the judge exclaimed": one of the people the story names, unless
        # the story brought in one so called without a name ("Ruiz met the senator").
        head = phrase.lemma_.lower()
        # The last word before it with that lemma (the lemma index, not a walk back through the story).
        earlier = [
            t
            for t in tokens_with_lemma(phrase.doc, frozenset({head}))
            if t.i < phrase.i and t.is_lower and t.lemma_ == head
        ]
        last = earlier[-1] if earlier else None
        if (
            last is not None
            and last.dep_ in ("dobj", "pobj", "dative")
            and not _calls_someone_named(last, index)
        ):
            return False
        return any(e.type == "person" and _of_its_sex(index, e, phrase) for e in index.entities)
    # "the source said": a source news writing leaves unnamed, though not a WordNet person noun.
    return (
        definite
        and phrase.pos_ == "NOUN"
        and phrase.lemma_.lower() not in PERSON_NOUNS
        and not is_unnamed_source(phrase)
    )


# "his doctor", "my father": a person's own, the pronoun someone the story speaks of.
_PERSONAL_POSSESSIVES = {"his", "her", "my", "our", "their", "your"}


def _kin_of_someone(phrase: Token) -> bool:
    """ "according to his longtime physician", "my father often said": one person described by
    what they are to someone a personal pronoun stands for, the story's subject or its writer.
    The story names them or leaves them its own: no source of the kind news writing leaves
    unnamed ("his spokesman"), and no description a reader takes for a name."""
    head = phrase.lemma_.lower()
    return (
        phrase.pos_ == "NOUN"
        and phrase.tag_ == "NN"
        and head in PERSON_NOUNS
        and head not in UNNAMED_SOURCES
        and any(c.dep_ == "poss" and c.lower_ in _PERSONAL_POSSESSIVES for c in phrase.children)
    )


def _calls_someone_named(noun: Token, index: ArticleEntities) -> bool:
    """Is `noun` a word for a named person: part of the name ("Senator Ana Ruiz"), a title set
    before it or beside it ("lawyer Ana Ruiz", "Ana Ruiz, a lawyer")?"""
    while noun.dep_ == "conj" and noun.head != noun:  # "Ana Ruiz, a lawyer and former senator"
        noun = noun.head
    beside = [noun, *(c for c in noun.children if c.dep_ == "appos")]
    if noun.dep_ in ("compound", "appos", "nmod"):
        beside.append(noun.head)
    return any(getattr(index.entity_at(t), "type", None) == "person" for t in beside)


_ISSUING_VERBS = words("issuing-verbs")


def author_of(document: Token, index: ArticleEntities) -> Entity | None:
    """Who a statement, letter or report is from: "the union's statement", "the Harbour
    Union statement", "a letter from Weber", "Weber issued a statement"."""
    for child in document.children:
        if child.dep_ in ("poss", "compound"):
            entity = index.entity_at(child)
            if entity is not None and entity.type in SPEAKER_TYPES:
                return entity
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                entity = index.entity_at(pobj)
                if entity is not None and entity.type in SPEAKER_TYPES:
                    return entity
    issuer = document.head
    if document.dep_ == "pobj" and issuer.lower_ == "in" and issuer.head.lemma_.lower() in SPEECH_LEMMAS:
        issuer = issuer.head  # "Weber said in a statement", "In a letter, the union wrote"
    elif document.dep_ != "dobj" or issuer.lemma_.lower() not in _ISSUING_VERBS:
        return None
    for subject in (c for c in issuer.children if c.dep_ == "nsubj"):
        entity = index.entity_at(subject)
        if entity is not None and entity.type in SPEAKER_TYPES:
            return entity
    return None


def earlier_author(document: Token, index: ArticleEntities) -> Entity | None:
    """ "The union issued a statement on Monday. ... “...,” the statement said": a document
    the story has spoken of ("the statement"), whose author it does not give again, is by the
    author of the one document of that name told before it, where every such document told
    before has that author; else no one."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in document.children if c.i < document.i):
        return None
    told = [
        t
        for t in document.doc[: document.i]
        if t.lemma_ == document.lemma_
        and not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children if c.i < t.i)
    ]
    authors = {author_of(t, index) for t in told}
    return authors.pop() if len(authors) == 1 else None


def pronoun_speaker(
    pronoun: Token, index: ArticleEntities, speakers: list[tuple[Token, Entity]], inside: set[int]
) -> tuple[Entity | None, str]:
    """ "..., he noted": whom the pronoun agrees with, read as a reader reads it. In the
    nearest sentence before it (outside quotations: a name inside a quotation is what was
    said, not who said it) that speaks of a person: its main subject, if that is a person
    the pronoun fits; else the person last reported speaking, a few sentences back at most,
    unless a sentence before the pronoun's own names only others it fits (two readings);
    else the one person there it fits. Where two readings remain, or that sentence's
    subject is someone the article leaves unnamed, the pronoun stays as written, with no
    entity: a wrong name is worse than none."""
    entity = agreeing_person(pronoun, index, speakers, inside, 0)
    return (entity, entity.name) if entity is not None else (None, pronoun.text)


def agreeing_person(
    pronoun: Token, index: ArticleEntities, speakers: list[tuple[Token, Entity]], inside: set[int], depth: int
) -> Entity | None:
    doc = pronoun.doc
    last = last_speaker(speakers, pronoun, lambda e: fits_reference(index, e, pronoun))
    sentence = pronoun.sent
    limit = pronoun.i  # the pronoun's own sentence counts up to the pronoun
    looked = 0
    while looked <= SPEAKER_REACH:
        if limit != pronoun.i and in_credit_paragraph(sentence):
            # a photo's caption and credit set inside the story: no one there speaks
            words = []
        else:
            words = [t for t in doc[sentence.start : limit] if t.idx not in inside and not t.is_space]
        if limit != pronoun.i and _quoted_subject(sentence, pronoun, index, inside):
            return None  # quoted narration of someone it fits: two readings
        if words:
            looked += 1
            if any(_unknown_name(t, sentence, index) for t in words):
                return None  # its subject may be someone the entity layer missed: two readings
            found = _fitting_people(words, sentence, pronoun, index, speakers, inside, depth)
            if found is not None:
                people, main = found
                if not people:
                    return last  # its subject is someone we cannot name, or cannot tell
                if limit == pronoun.i and main and _second_reading(words, pronoun, people, main, index):
                    return None
                if len(set(main)) == 1:
                    return main[0]
                if last is not None and last not in people and pronoun.pos_ == "PRON" and limit != pronoun.i:
                    # "X said .... / It became an issue, with Y attacking the plan. / “...,” she
                    # said": Y, named just before, or X, the last to speak: two readings.
                    return None
                if last is not None:
                    return last
                return people[0] if len(set(people)) == 1 else None
        if sentence.start == 0:
            break
        sentence = doc[sentence.start - 1].sent
        limit = sentence.end
    return last


def _quoted_subject(sentence: Span, pronoun: Token, index: ArticleEntities, inside: set[int]) -> bool:
    """Is a sentence inside quotation marks, before the pronoun's own, of a person the
    pronoun fits, as its main subject ("\"Ruiz thought the ruling unfair.", an excerpt of
    another paper's story)? Names inside quotations are never taken for the pronoun; such
    a one is a second reading beside whoever is found outside them."""
    return any(
        t.idx in inside
        and t.dep_ in ("nsubj", "nsubjpass")
        and (entity := index.entity_at(t)) is not None
        and entity.type == "person"
        and fits_reference(index, entity, pronoun)
        for t in sentence.root.children
    )


def _second_reading(
    words: list[Token], pronoun: Token, people: list[Entity], main: list[Entity], index: ArticleEntities
) -> bool:
    """ "Weber said Ruiz was right when he said ...", "Weber praised Ruiz after she said ...":
    in the pronoun's own sentence, a person it fits who is the subject or the object of a
    clause the pronoun's clause hangs on is a second reading beside the main subject."""
    governing = set(pronoun.head.ancestors)
    return any(
        t.dep_ in ("nsubj", "nsubjpass", "dobj")
        and t.head in governing
        and t not in governing  # "praised Weber, who he said ...": the clause is of Weber
        and (entity := index.entity_at(t)) in people
        and entity not in main
        for t in words
    )


def _fitting_people(
    words: list[Token],
    sentence: Span,
    pronoun: Token,
    index: ArticleEntities,
    speakers: list[tuple[Token, Entity]],
    inside: set[int],
    depth: int,
) -> tuple[list[Entity], list[Entity]] | None:
    """The people named in one sentence's words that `pronoun` can stand for, and those of
    them that are its main subject; None where the sentence names no person. A name that
    only modifies a noun ("the Weber campaign") names no one here. Where the main subject is
    a person the article leaves unnamed ("the official said"), no one: ([], [])."""
    people: list[Entity] = []
    main: list[Entity] = []
    for token in words:
        is_main = token.dep_ in ("nsubj", "nsubjpass") and (
            token.head == sentence.root or token.head.dep_ == "conj" and token.head.head == sentence.root
        )
        if (
            is_person_pronoun(token)
            and token.dep_ in ("nsubj", "nsubjpass")
            and token.lower_ == pronoun.lower_
        ):
            # The same pronoun again: the same person, as far as it can be told.
            entity = (
                agreeing_person(token, index, speakers, inside, depth + 1) if depth < PRONOUN_CHAIN else None
            )
            if entity is None:
                return [], []
        else:
            entity = index.entity_at(token)
            if entity is None and is_main:
                # "One such member was Karel Brandt. / In May, he told the Courier", "Zelin's
                # coach Karel Brandt said ... / “...,” he told the Courier": the person the
                # sentence says its subject is.
                entity = _person_in_apposition(token, index) or _identified_by_copula(token, index)
            if entity is None and is_main and token.lemma_.lower() in TITLE_HEADS:
                # "Senator Ana Ruiz ... The senator was challenged. / “...,” she said": the one
                # the story called so; else someone we cannot name.
                entity = named_as(token, index)
                if entity is None:
                    return [], []
        if entity is None or entity.type != "person" or token.dep_ == "compound":
            continue
        if index.entity_at(token.head) == entity and token.head != token:
            continue  # one token a name
        if not fits_reference(index, entity, pronoun):
            continue
        people.append(entity)
        if is_main:
            main.append(entity)
    return (people, main) if people else None


def _person_in_apposition(subject: Token, index: ArticleEntities) -> Entity | None:
    """ "Zelin's coach Karel Brandt said", "The fund's chief economist, Ana Ruiz, said": for a
    person noun subject that names no one itself, the one person set beside it."""
    if (
        subject.pos_ != "NOUN"
        or subject.lemma_.lower() not in PERSON_NOUNS
        or index.entity_at(subject) is not None
    ):
        return None
    people = {
        entity
        for c in subject.children
        if c.dep_ == "appos" and (entity := index.entity_at(c)) is not None and entity.type == "person"
    }
    return people.pop() if len(people) == 1 else None


def _identified_by_copula(subject: Token, index: ArticleEntities) -> Entity | None:
    """ "One such member was Karel Brandt", "The winner is Ana Ruiz": for a person noun
    subject of "be" that names no one itself, the one person its attribute names; None
    for any other subject, one described as someone's ("Weber's adviser is Ruiz"), or
    where the attribute names no person or several ("the candidates are Brandt and Ruiz")."""
    verb = subject.head
    if (
        subject.dep_ != "nsubj"
        or subject.pos_ != "NOUN"
        or subject.lemma_.lower() not in PERSON_NOUNS
        or verb.lemma_ != "be"
        or index.entity_at(subject) is not None
        # "Weber's chief adviser is Ana Ruiz": described by whose it is, where the owner is
        # as much the pronoun's reading as the one named.
        or any(c.dep_ == "poss" for c in subject.children)
    ):
        return None
    attributes = [c for c in verb.children if c.dep_ == "attr" and c.i > verb.i]
    people = {
        entity
        for a in attributes
        for t in (a, *a.conjuncts)
        if (entity := index.entity_at(t)) is not None and entity.type == "person"
    }
    others = [t for a in attributes for t in (a, *a.conjuncts) if index.entity_at(t) is None]
    return people.pop() if len(people) == 1 and not others else None


def _unknown_name(token: Token, sentence: Span, index: ArticleEntities) -> bool:
    """ "After Ruiz asked him, D’Arcy replied. / “...,” he added": a main subject written as
    a name (capitalised, not as the sentence's first word only) that the entity layer took
    for no one, nor for a place or group, is as likely a person it missed as not. A pronoun
    after it has that reading beside any other person the sentence names."""
    if token.dep_ != "nsubj" or token.head != sentence.root:
        return False
    if token.i == sentence.start and token.pos_ != "PROPN" and token.text[1:].islower():
        return False  # any word opening a sentence is capitalised
    if not token.text[:1].isupper() or token.ent_type_ not in ("", "PERSON") or index.entity_at(token):
        return False
    return token.pos_ in ("PROPN", "NOUN") and token.tag_ not in ("NNS", "NNPS")


def paragraphs_between(a: Token, b: Token) -> int:
    """0 for the same paragraph, 1 for the next one, ..."""
    between = parsed_text(a.doc)[a.idx : b.idx]
    return sum(1 for line in between.split("\n")[1:] if line.strip())


def named_speaker(token: Token, index: ArticleEntities) -> tuple[Entity | None, str]:
    """The entity a speaker phrase names and its name, or no entity and the phrase's words
    ("a senior official")."""
    entity = index.entity_at(token)
    if entity is None:
        # "a Harbour Union spokesman, Ana Ruiz": the person in apposition speaks, not the
        # body the noun is compounded with. A person described by a role the name only
        # anchors ("the Harbour County senator", "a Harbour Union member", "a Weber adviser") is not
        # the place, body or person named in it.
        # Nor is one of a kind the name is compounded with ("a Port Authority controller", "a Harbour
        # Council panel"): "a" picks one of them, not the body.
        a_kind = indefinite(token)
        role = token.lemma_.lower() in _PERSON_ROLE_NOUNS
        kinds = ("appos",) if role or a_kind else ("appos", "compound")
        named = [e for c in token.children if c.dep_ in kinds and (e := index.entity_at(c))]
        people = [
            e
            for c in token.children
            if c.dep_ == "appos" and (e := index.entity_at(c)) and e.type == "person"
        ]
        entity = next(iter(people or named), None) or holder_after_complement(token, index)
    if entity is not None and entity.type not in SPEAKER_TYPES:
        entity = None
    if entity is not None:
        return entity, entity.name
    return None, _description_text(token)


def holder_after_complement(title: Token, index: ArticleEntities) -> Entity | None:
    """ "Zelin's ambassador to Velonia Ana Ruiz said", "the special envoy for the Harbour
    League Karel Brandt said": a title whose "to", "for" or "of" phrase names a country or body
    and then, run on behind it, a person (the parser making the name the phrase's object) is
    that person's title. Not "an aide to Ana Ruiz", whose phrase names the one the aide
    serves, nor "an aide to Velonia's President Ana Ruiz": only the body's name and "the"
    stand between the preposition and the name."""
    if title.lemma_.lower() not in TITLE_HEADS or indefinite(title):
        return None  # "a spokesman for the Harbour Forum": one of its spokesmen, unnamed
    for obj in prep_objects(title, ("to", "for", "of")):
        person = index.entity_at(obj)
        span = index.span_of(obj)
        if person is None or person.type != "person" or span is None:
            continue
        between = title.doc[obj.head.i + 1 : span.start]
        bodies = [index.entity_at(t) for t in between if t.lower_ != "the"]
        if bodies and all(b is not None and b.type in ("country", "organization") for b in bodies):
            return person
    return None


# Words before a name that are not part of it: "Dr.", "Rep.", "Senator".
_NOT_OF_A_NAME = {w.rstrip(".") for w in HONORIFICS} | set(TITLE_ABBREVIATIONS) | TITLE_HEADS


def _bare_name(token: Token) -> str:
    """ "said Dr. Ana Ruiz, the mayor of Velmar", where the tagger took no name: the proper
    name the phrase is, its compounded proper nouns before it, without the titles and
    honorifics that open it or the description set beside it."""
    doc = token.doc
    start = token.i
    while (
        start > 0
        and doc[start - 1].head == token
        and doc[start - 1].dep_ == "compound"
        and doc[start - 1].pos_ == "PROPN"
    ):
        start -= 1
    words = list(doc[start : token.i + 1])
    while len(words) > 1 and words[0].lower_.rstrip(".") in _NOT_OF_A_NAME:
        words = words[1:]
    return " ".join(t.text for t in words)


def _description_text(token: Token) -> str:
    """ "a senior official", "the spokesman": the speaker's noun phrase without clauses."""
    if token.pos_ == "PROPN" and token.text[:1].isupper():
        return _bare_name(token)
    # "Weber's network colleague, Ana Ruiz,": the person set beside the description, not it.
    for appos in (c for c in token.children if c.dep_ == "appos"):
        if appos.pos_ == "PROPN" and appos.text[:1].isupper():
            return _bare_name(appos)
    words = [t for t in token.subtree if t.dep_ not in ("relcl", "acl", "prep") or t == token]
    words = [t for t in words if t.i <= token.i or t.head == token and t.dep_ in ("appos", "compound")]
    words = [t for t in words if not t.is_space and not t.is_punct]
    # As written: "Weber's aide", not "Weber 's aide"; a space where words were left out.
    return "".join(
        t.text + (t.whitespace_ if i + 1 < len(words) and words[i + 1].i == t.i + 1 else " ")
        for i, t in enumerate(words)
    ).strip()
