"""Titles beside a name: a span of title and rank words that is a named person's title, no
name of its own ("Staff Sgt", "Navy Cmdr"); the title, or the title before a name, that
begins at a word; a rank word inside a title; and a span that is a title and the name after
it ("King Oskar", "President Varga")."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.nlp import gazetteer
from kg.nlp.gazetteer import ORG_WORDS
from kg.nlp.titles import HONORIFICS, PORTFOLIO_NOUNS, RANK_WORDS, in_honorific_phrase, is_title_word


def only_a_title(ent: Span) -> bool:
    """Is a span all title words and rank words ("Staff Sgt", "Air Force 1st"), one of them
    no mere modifier ("Army" alone stays the army), that is a named person's title: right
    before the name or its title, before the name after the title's field ("National
    Security Advisor" + "for Cyber and Emerging Technology Ana Ruiz"), or in apposition
    after the name ("Ana Ruiz, Spokesperson and Chief Advisor to the President")? Not "the
    Pope" alone, where the title names the one who holds it."""
    return (
        all(is_title_word(t) or t.lower_ in RANK_WORDS for t in ent)
        and any(is_title_word(t) and t.lower_ not in gazetteer.TITLE_MODIFIERS for t in ent)
        and (
            before_a_name(ent.doc, ent.end)
            or before_a_name(ent.doc, _field_end(ent.doc, ent.end))
            or _after_a_name(ent.doc, ent.start)
        )
    )


def _field_end(doc: Doc, end: int) -> int:
    """Where a title's field ends that opens at `end` with "for" ("for Cyber and Emerging
    Technology", "for European Integration"): after its capitalised words, "and", "of" and
    "the"; `end` itself where no field opens there. (An "of" opens the body the title is
    held at, "Director of the Harbour Office", which the roles read from the title.)"""
    if end >= len(doc) or doc[end].lower_ != "for":
        return end
    k = end + 1
    while k < len(doc) and (
        doc[k].lower_ in ("and", "of", "the") or (doc[k].is_title and doc[k].ent_type_ != "PERSON")
    ):
        k += 1
    return k if k > end + 1 else end


def _after_a_name(doc: Doc, start: int) -> bool:
    """Does a person's name end right before `start`, and a comma ("Ana Ruiz, Spokesperson
    ...")?"""
    return (
        start >= 2
        and doc[start - 1].text == ","
        and doc[start - 2].pos_ == "PROPN"
        and doc[start - 2].text[:1].isupper()
        and not is_title_word(doc[start - 2])
        and doc[start - 2].ent_type_ in ("", "PERSON")
    )


def before_a_name(doc: Doc, end: int) -> bool:
    """Does a person's name, or a title before one, begin at `end`?"""
    return end < len(doc) and (
        (doc[end].ent_iob_ == "B" and doc[end].ent_type_ == "PERSON")
        or (is_title_word(doc[end]) and not doc[end].is_lower)
    )


def rank_in_title(token: Token) -> bool:
    """A rank word inside a title: after a title's word ("Sgt. 1st Class") or before one
    ("Fire Marshal", "Staff Sgt."); not "Marine" before a name ("Marine Le Marin")."""
    if token.lower_ not in RANK_WORDS:
        return False
    doc, i = token.doc, token.i
    if i > 0 and (is_title_word(doc[i - 1]) or doc[i - 1].lower_ in RANK_WORDS):
        return not (doc[i - 1].is_alpha and doc[i - 1].is_lower) or _rank_before_title(doc, i)
    return _rank_before_title(doc, i)


def _rank_before_title(doc: Doc, i: int) -> bool:
    """Do rank words from `i` on run into a title word ("Staff Sgt.", "Fire Marshal")?"""
    while i < len(doc) and doc[i].lower_ in RANK_WORDS:
        i += 1
    return i < len(doc) and is_title_word(doc[i])


def titled_name_start(ent: Span) -> int | None:
    """Where the name begins in a non-person span that is a title followed by one to three
    capitalised proper nouns: "King Oskar", "President Varga", "Tan Sri Ana Ruiz" (not
    "President Hotel Group": a longer name or one with common nouns stays what the tagger
    said). None for any other span."""
    if ent.label_ not in ("ORG", "NORP", "GPE") or not 2 <= len(ent) <= 5:
        return None
    first = ent[0].lower_
    # "Secretary of Defense Tomas Weber" tagged from the portfolio on: the portfolio ends
    # the title the "of" began, and the name follows it.
    portfolio = first in PORTFOLIO_NOUNS and ent.start > 0 and ent.doc[ent.start - 1].lower_ == "of"
    start = ent.start + 1
    while start < ent.end - 1 and all(in_honorific_phrase(t) for t in ent.doc[start - 1 : start + 1]):
        start += 1  # "Tan Sri" + "Ana Ruiz"
    titled = first in gazetteer.TITLE_HEADS or first in HONORIFICS or portfolio or start > ent.start + 1
    rest = ent.doc[start : ent.end]
    if not titled or len(rest) > 3:
        return None
    # (not "an official of Interior Ministry": a body's word is no person's name)
    named = all(t.pos_ == "PROPN" and t.is_title and t.lower_ not in ORG_WORDS for t in rest)
    return start if named and not gazetteer.is_known_outlet(ent.text) else None


def country_before_title(ent: Span) -> int | None:
    """Where a country's name ends that opens a non-person span before a title word and one
    to three capitalised proper nouns ("Velonia PM Ruiz", "United States President Ana
    Ruiz's"): the rest is a titled name (titled_name_start). None elsewhere."""
    if ent.label_ == "PERSON":
        return None
    doc = ent.doc
    end = ent.end - 1 if ent[-1].tag_ == "POS" else ent.end
    for length in (1, 2):
        title = ent.start + length
        rest = doc[title + 1 : end]
        if (
            1 <= len(rest) <= 3
            and gazetteer.country_of(doc[ent.start : title].text) is not None
            and (doc[title].lower_ in gazetteer.TITLE_HEADS or doc[title].lower_ in HONORIFICS)
            and not doc[title].is_lower
            and all(t.pos_ == "PROPN" and t.is_title and t.lower_ not in ORG_WORDS for t in rest)
        ):
            return title
    return None
