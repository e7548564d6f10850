"""Titles and offices written with a name: the words that make a title ("Sen.", "President",
"first lady"), the title right before a name, the office it names without its tenure, and
the offices the story gives each person it names in full.

The entity layer (entities.py) reads them to tell apart people who share a surname; the
role and speaker finders (facts/roles.py, facts/title_words.py, facts/speakers.py) share the
word lists."""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Span, Token

from kg.model import Entity
from kg.nlp import gazetteer
from kg.nlp.gender import gender_of_title
from kg.nlp.lexicon import phrasal_verbs, words
from kg.nlp.pipeline import NAME_ABBREVIATIONS

# Honorifics with and without a full stop ("Sen. Ruiz", "Mr Ruiz"); the dotted ones also
# keep a name on its sentence (pipeline.NAME_ABBREVIATIONS), so they are listed once there.
HONORIFICS = words("honorifics") | NAME_ABBREVIATIONS
_TITLE_WORDS = HONORIFICS | gazetteer.TITLE_HEADS | gazetteer.TITLE_MODIFIERS


# What a minister or secretary is "of" when that is part of the title ("Secretary of State").
PORTFOLIO_NOUNS = words("portfolio-nouns")

# Words written with a rank before a name that are no title alone ("Marine Sgt.", "Staff
# Sgt.", "Sgt. 1st Class"), and titles of rank written before a given name alone ("Prince
# Tomas", "Duchess Ilona").
RANK_WORDS = words("rank-words")
ROYAL_TITLES = words("royal-titles")


# Words that stand in a title only before the word given beside them (bound-title-modifiers.txt).
# A hyphen joins "under-secretary" (and "Vice-President").
HYPHENS = {"-", "–"}
BOUND_TITLE_MODIFIERS = phrasal_verbs("bound-title-modifiers")


# Honorifics of two words ("Tan Sri", "Datuk Seri"), by each of their words.
_HONORIFIC_PHRASES: dict[str, list[tuple[str, ...]]] = {}
for _phrase in sorted(words("honorific-phrases")):
    for _word in _phrase.split():
        _HONORIFIC_PHRASES.setdefault(_word, []).append(tuple(_phrase.split()))


def is_title_word(token: Token) -> bool:
    return (
        token.lower_ in _TITLE_WORDS
        or is_bound_title_modifier(token)
        or is_split_abbreviation(token)
        or is_split_stop(token)
        or in_honorific_phrase(token)
    )


def in_honorific_phrase(token: Token) -> bool:
    """ "Tan" and "Sri" in "Tan Sri Ana Ruiz": a word of an honorific of two words, written
    beside its other word (honorific-phrases.txt); not "Tan" in "Lina Tan"."""
    doc = token.doc
    for phrase in _HONORIFIC_PHRASES.get(token.lower_, ()):
        start = token.i - phrase.index(token.lower_)
        if start >= 0 and tuple(t.lower_ for t in doc[start : start + len(phrase)]) == phrase:
            return True
    return False


def is_bound_title_modifier(token: Token) -> bool:
    """ "Pro" in "President Pro Tempore Ana Ruiz", not in "the pro-Western president"; "Under"
    in "Under Secretary Ruiz" and "under-secretary", not in "the agency under President X"."""
    bound = BOUND_TITLE_MODIFIERS.get(token.lower_)
    if not bound:
        return False
    doc, k = token.doc, token.i + 1
    if k < len(doc) and doc[k].text in HYPHENS and token.lower_ == "under":
        k += 1
    return k < len(doc) and any(doc[k].lower_.startswith(word) for word in bound)


def only_title_words(name: str) -> bool:
    """Is a name all title words, one of them no mere modifier ("National Security Advisor",
    not "Army")? Such a name is a description of whoever holds the title, no name of theirs
    (names.titled.only_a_title drops it where the holder's name stands beside it)."""
    lowered = name.lower().split()
    return (
        bool(lowered)
        and all(w in _TITLE_WORDS for w in lowered)
        and any(w not in gazetteer.TITLE_MODIFIERS for w in lowered)
    )


def is_split_abbreviation(token: Token) -> bool:
    """ "Sgt" in "Sgt. Ana Ruiz" where the tokenizer cut the stop off a title it does not
    know ("Sgt" "."): a dotted title (name-abbreviations.txt) all the same."""
    doc = token.doc
    return (
        token.i + 1 < len(doc)
        and not token.whitespace_
        and doc[token.i + 1].text == "."
        and token.lower_ + "." in NAME_ABBREVIATIONS
    )


def is_split_stop(token: Token) -> bool:
    """The stop the tokenizer cut off such a title ("Sgt" "."): part of the title."""
    return token.text == "." and token.i > 0 and is_split_abbreviation(token.doc[token.i - 1])


TITLE_ABBREVIATIONS = dict(entry.split(" ", 1) for entry in words("title-abbreviations"))


TENURE_WORDS = words("tenure-words")


STANDING_TITLES = words("standing-titles")


def full_title_word(word: str) -> str:
    """ "sen." -> "senator": a lower-case title word written out, its stop dropped."""
    word = word.rstrip(".")
    return TITLE_ABBREVIATIONS.get(word, word)


def title_before(doc: Doc, start: int) -> tuple[str, ...]:
    """The title written right before a name, its words in order: ("first", "lady") for
    "first lady Eva Lindqvist", ("senator",) for "Sen. Ruiz"; () where there is none. A
    title whose stop the tokenizer cut off ("Capt" ".") is not read here: the offices of
    "Lt. Gen. Ana Ruiz" and a later "Gen. Ruiz" would differ."""

    def read(token: Token) -> bool:
        return is_title_word(token) and not is_split_stop(token)

    if start == 0 or not read(doc[start - 1]):
        return ()
    i = start - 1
    while i > 0 and doc[i - 1].sent.start == doc[start].sent.start and read(doc[i - 1]):
        i -= 1
    return tuple(full_title_word(t.lower_) for t in doc[i:start])


def office_of(title: tuple[str, ...]) -> str | None:
    """The office a title names, without when it is held ("former president" ->
    "president"): a title head ("president", "senator") or a modified man's or woman's
    title ("first lady"); None for a bare honorific ("Mr", "Lady")."""
    words_ = [w for w in title if w not in TENURE_WORDS]
    if not words_:
        return None
    head = words_[-1]
    if head in gazetteer.TITLE_HEADS or (len(words_) > 1 and gender_of_title(head) is not None):
        return " ".join(words_)
    return None


def offices_held(
    doc: Doc, mentions: list[tuple[Span, str]], by_token: Mapping[int, Entity], standing: bool = False
) -> dict[Entity, set[str]]:
    """The offices the story gives each person it names in full: the title before the name
    ("President Eva Lindqvist") or in apposition to it ("the first lady, Eva Lindqvist";
    "Eva Lindqvist, the senator"); with `standing`, titles of standing ("leader") too."""
    held: dict[Entity, set[str]] = {}
    for span, name in mentions:
        person = by_token.get(span.start)
        if " " not in name or person is None or person.type != "person":
            continue
        titles = [title_before(doc, span.start)]
        root = span.root
        nouns = [root.head] if root.dep_ == "appos" else []
        nouns += [c for c in root.children if c.dep_ == "appos"]
        for noun in nouns:
            if is_title_word(noun) or full_title_word(noun.lower_) in gazetteer.TITLE_HEADS:
                modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound") and is_title_word(c)]
                titles.append(
                    tuple(full_title_word(t.lower_) for t in sorted([*modifiers, noun], key=lambda t: t.i))
                )
        for title in titles:
            office = office_of(title)
            if office is not None and (standing or office.split()[-1] not in STANDING_TITLES):
                held.setdefault(person, set()).add(office)
    return held
