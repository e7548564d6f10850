"""The words before a person's name that are no part of it, though the tagger ran them into
the name or the parser compounded them onto it: a title, a rank, a nationality, a lower-case
word ("President Revik", "Norlandic King Otto", "to meet Tomas Revik"), a common noun for a
person ("Billionaire Thomas Revik"), a verb ("Said Ana Ruiz: ...", "Addressing Anna Lind"), a
sentence's capitalised adverb ("Initially Ruiz said"), a page's furniture ("Related Story
Ruiz"), a title's plural ("Senators Ana Ruiz and ..."), a title's country ("President of
Belarus Mara Lind") and a weekday ("said Monday Ana Ruiz")."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.nlp import gazetteer
from kg.nlp.dates import WEEKDAYS
from kg.nlp.gazetteer import ORG_WORDS
from kg.nlp.gender import is_given_name
from kg.nlp.lexicon import words
from kg.nlp.names.endings import NAME_PARTICLES, joined_particle
from kg.nlp.names.furniture import ends_page_furniture
from kg.nlp.names.run_together import body_in_complement
from kg.nlp.names.titled import rank_in_title
from kg.nlp.pipeline import dictionary_parts
from kg.nlp.titles import is_title_word


def name_start(ent: Span) -> int:
    """Where a person's name begins in the tagger's span: past the titles, nationality words
    and lower-case words run into it (a lower-case particle inside a name, "Anna van der
    Berg", is never first)."""
    doc, start = ent.doc, ent.start
    while start < ent.end - 1 and (
        is_title_word(doc[start])
        or rank_in_title(doc[start])
        or (doc[start].is_lower and not joined_particle(doc[start]))
        or (doc[start].pos_ == "ADJ" and gazetteer.country_of(doc[start].text) is not None)
        or _country_of_title(doc[start], ent.end)
        or _describes_person(doc[start])
        or _verb_of_the_name(doc[start], ent.end)
        or _inverted_speech_verb(doc[start], ent.end)
        or common_word_opening(doc[start])
        or ends_page_furniture(doc, start + 1)  # "Related Story Ruiz"
        or plural_title(doc[start])
        or body_in_complement(doc[start], ent.end)
        or (doc[start].lower_ in WEEKDAYS and ent.end - start >= 3)  # "said Monday Ana Ruiz"
    ):
        start += 1
    return start


def carried_back_start(doc: Doc, start: int, end: int, released: set[int]) -> int:
    """Where a person's name begins whose first words the tagger left out: "Ana" untagged
    before "Maria Lopes", a capitalised proper noun compounded into the name, not a title,
    is its first word; so is a word in `released`, that the tagger ran into the body's name
    before it. Not the last word of a body's name ("Chief of the General Staff Anton
    Varga"), which has words of its own."""
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and (doc[start - 1].ent_type_ == "" or start - 1 in released)
        and doc[start - 1].text[:1].isupper()
        and doc[start - 1].dep_ == "compound"
        and doc[start - 1].head.i in range(start, end)
        and not is_title_word(doc[start - 1])
        and not _describes_person(doc[start - 1])
        and not _describes_name_after(doc[start - 1], doc[start])
        and not rank_in_title(doc[start - 1])  # "Sgt. 1st Class Ana Ruiz"
        and doc[start - 1].lower_ not in ORG_WORDS  # "... Holdings Limited Ana Maria Lopes"
        and doc[start - 1].lower_ not in WEEKDAYS  # "said Monday Ana Ruiz"
        # "Initially Ruiz said", "Further Ruiz stated": a sentence's capitalised first
        # word the tagger left out of the name is no part of it unless a given name.
        and not common_word_opening(doc[start - 1])
        and not ends_page_furniture(doc, start)  # "Related Story" + "Ruiz"
        and not body_in_complement(doc[start - 1], end)  # "President of Belarus" + "Mara Lind"
        and not any(c.dep_ == "compound" and c.i < start - 1 for c in doc[start - 1].children)
    ):
        start -= 1
    return start


# Common nouns for a person ("billionaire", "activist"): capitalised before a name ("Rapper
# Anna Lind", at a sentence's start or in a headline) they describe the person, they are
# no part of the name.
_DESCRIBING_NOUNS = words("person-nouns") | words("person-role-nouns")


def _describes_person(token: Token) -> bool:
    """ "Billionaire" in "Billionaire Thomas Revik": a common noun for a person, not also a
    given name ("Hunter"), before a name that opens with a given name (not "Marine" in
    "Marine Le Marin", a given name the lists lack)."""
    after = token.nbor() if token.i + 1 < len(token.doc) else None
    return (
        token.lower_ in _DESCRIBING_NOUNS
        and not is_given_name(token.text)
        and after is not None
        and is_given_name(after.text)
    )


def _country_of_title(token: Token, end: int) -> bool:
    """ "Velonia" in "Velonia PM Ana Ruiz", "United" and "States" in "United States President
    Ana Ruiz" tagged one name: a country's name written before a title word is the title's
    country, no part of the name after it."""
    doc = token.doc
    for length in (1, 2):
        for first in range(max(token.i - length + 1, 0), token.i + 1):
            after = first + length
            if (
                after < end - 1
                and is_title_word(doc[after])
                and gazetteer.country_of(doc[first:after].text) is not None
            ):
                return True
    return False


def _describes_name_after(token: Token, first: Token) -> bool:
    """ "Actress" before "Marit Dale", "Businessman" before "Karel Brandt", names the tagger
    tagged without it: a common noun for a person, not also a given name, describes the
    name, whatever its given name. Not before a name that opens with a particle ("Marine" +
    "Le Marin"), which wants the given name before it."""
    return (
        token.lower_ in _DESCRIBING_NOUNS
        and not is_given_name(token.text)
        and first.lower_ not in NAME_PARTICLES
    )


def _verb_of_the_name(token: Token, end: int) -> bool:
    """ "Addressing" in "Addressing Anna Lind earlier, Ruiz said", "Telling" in a headline's
    "Booed After Telling Anna Lind To Stop": a capitalised participle whose object is the
    name after it, no part of that name."""
    return (
        token.tag_ == "VBG"
        and token.pos_ == "VERB"
        and any(t.head == token and t.dep_ == "dobj" for t in token.doc[token.i + 1 : end])
    )


def _inverted_speech_verb(token: Token, end: int) -> bool:
    """ "Said" in "Said Ana Ruiz: ..." tagged one name: a verb opening the sentence whose
    subject is the name after it (not "Said" as a given name, which the parser compounds
    into the name)."""
    subjects = (t for t in token.doc[token.i + 1 : end] if t.dep_ == "nsubj")
    return token.pos_ == "VERB" and any(t.head == token for t in subjects)


def common_word_opening(token: Token) -> bool:
    """ "Initially" in "Initially Ruiz said", "Further" in "Further Ruiz stated": a
    sentence's capitalised first word, no given name ("Anders" and "Karen" stay), that the
    dictionary knows as an adverb or a verb's "-ed" or "-ing" form is no part of the name
    after it. (Not a noun or a bare verb: "Wu", "Park", "Ban" and "Win" open names.)"""
    if not _opens_sentence(token) or is_given_name(token.text):
        return False
    lower = token.lower_
    inflected = lower.endswith(("ed", "ing")) and "verb" in dictionary_parts(lower)
    return inflected or "adv" in dictionary_parts(lower)


def _opens_sentence(token: Token) -> bool:
    """Is the token its sentence's first word (past a paragraph break's blank token)?"""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    return bool(token.is_sent_start or (before is not None and before.is_space and before.is_sent_start))


def plural_title(token: Token) -> bool:
    """ "Senators" in "Senators Ana Ruiz and Karel Brandt", "Congresswomen": a title's plural,
    the title of the names it heads, no part of the first."""
    lower = token.lower_
    return token.text[:1].isupper() and (
        (lower.endswith("s") and lower[:-1] in gazetteer.TITLE_HEADS)
        or (lower.endswith("men") and lower[:-3] + "man" in gazetteer.TITLE_HEADS)
    )
