"""Whether a person is a man or a woman, where the story lets a careful reader say: so
that "he" is never given to Anna Lindqvist nor "she" to a king.

The evidence, surest first: a title or honorific before a name ("Mrs", "King"), a given
name common for one sex only (`female-given-names.txt`, `male-given-names.txt`: the US
Census Bureau's 1990 name frequencies), and the story's own pronouns ("Revik said he ...").
Where two kinds disagree the person's gender is unknown, and unknown fits any pronoun.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from kg.model import Entity
from kg.nlp import gazetteer
from kg.nlp.cached import tokens_with_lemma
from kg.nlp.lexicon import words

if TYPE_CHECKING:
    from kg.nlp.entities import ArticleEntities

# Titles and honorifics that say whether a person is a man or a woman.
MALE_TITLES = words("male-titles")
FEMALE_TITLES = words("female-titles")
MALE_NAMES = words("male-given-names")
FEMALE_NAMES = words("female-given-names")
PRONOUN_GENDER = {
    "he": "male",
    "him": "male",
    "his": "male",
    "himself": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
    "herself": "female",
}


def _plain(word: str) -> str:
    """ "José" -> "jose": the name lists are written in lower case without accents."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def is_given_name(word: str) -> bool:
    """Is the word a common given name ("Anna", "Tomás")?"""
    return gender_of_given(word) is not None


def gender_of_given(word: str) -> str | None:
    """ "female" for "anna", "male" for "tomas" and "Tomás", None for a word that is neither.
    (The two lists share no name.)"""
    plain = _plain(word)
    return "female" if plain in FEMALE_NAMES else "male" if plain in MALE_NAMES else None


def gender_of_name(person: Entity) -> str | None:
    """ "female" for Anna Lindqvist, "male" for Tomas Revik and Tomás Revik, None for a name
    that says neither."""
    return gender_of_given(person.name.split()[0]) if " " in person.name else None


def gender_of_title(title: str) -> str | None:
    """ "male" for "king", "female" for "queen", None for a title that says neither."""
    return "male" if title in MALE_TITLES else "female" if title in FEMALE_TITLES else None


def mark_title_gender(index: ArticleEntities, person: Entity, title: str) -> None:
    """Record a man's or woman's title; a person given both (or a title against their
    given name) keeps neither."""
    gender = gender_of_title(title)
    if gender is None:
        return
    known = index.genders.get(person)
    index.genders[person] = gender if known in (None, gender) else "unknown"


def genders_from_pronouns(doc: Doc, index: ArticleEntities, unsure: set[int]) -> dict[Entity, str]:
    """ "Revik said he would stay", "Lindqvist said she ...": a person who reports that
    he or she will do something, with no other person named in the sentence before the
    pronoun; not a pronoun in the words quoted ("“He cares,” Okoro said" is of someone
    else). A person the story calls both is left out, and so is a subject at a token in
    `unsure` (a surname several people share)."""
    seen: dict[Entity, set[str]] = defaultdict(set)
    for verb in tokens_with_lemma(doc, gazetteer.SPEECH_LEMMAS):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.i in unsure:
            continue
        person = index.entity_at(subject)
        if person is None or person.type != "person":
            continue
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            pronoun = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if pronoun is None or pronoun.lower_ not in PRONOUN_GENDER:
                continue
            if any(t.is_quote for t in doc[min(verb.i, pronoun.i) : max(verb.i, pronoun.i)]):
                continue  # "“He loves us,” Ruiz said": what she said, of someone else
            others = {
                e
                for t in doc[verb.sent.start : pronoun.i]
                if (e := index.entity_at(t)) is not None and e.type == "person" and e != person
            }
            if not others:
                seen[person].add(PRONOUN_GENDER[pronoun.lower_])
    return {person: genders.pop() for person, genders in seen.items() if len(genders) == 1}


def fits_pronoun(index: ArticleEntities, person: Entity | None, pronoun: Token) -> Entity | None:
    """The person, unless what the story says of them rules this pronoun out."""
    if person is None:
        return None
    known = index.genders.get(person)
    wanted = PRONOUN_GENDER.get(pronoun.lower_)
    if known in ("male", "female") and wanted is not None and known != wanted:
        return None
    return person
