"""Full names the tagger left untagged: a run of proper nouns ending in a surname the story
uses for a person ("Karim Aziz Haddon" with "Haddon said" elsewhere), a short run after a
title of rank ("King Oskar") or after a title's field ("Minister for Water and Power Ana
Ruiz"), and a family name written first after a title ("Vice Premier Cui Renshan")."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from kg.nlp import gazetteer
from kg.nlp.cached import tokens_with_pos
from kg.nlp.dates import MONTHS_AND_DAYS
from kg.nlp.gazetteer import ORG_WORDS
from kg.nlp.names.furniture import opening_furniture_end
from kg.nlp.names.openings import common_word_opening, plural_title
from kg.nlp.names.run_together import after_title_preposition, country_name
from kg.nlp.titles import PORTFOLIO_NOUNS, ROYAL_TITLES, is_title_word


def untagged_full_names(doc: Doc, votes: dict[str, Counter[str]]) -> list[Span]:
    """ "Karim Aziz Haddon" left untagged while "Haddon" is tagged PERSON elsewhere: a run of
    proper nouns ending in a surname the article uses for a person is that person's name;
    so is a short run right after a title of rank ("King Oskar", "Duchess Ilona")."""
    surnames = {k for k, c in votes.items() if " " not in k and c["PERSON"] > sum(c.values()) / 2}
    found: list[Span] = []
    i = 0  # where the next run may start
    for proper_noun in tokens_with_pos(doc, "PROPN"):
        if proper_noun.i < i:
            continue
        i = proper_noun.i
        if proper_noun.ent_type_ or not proper_noun.text[:1].isupper():
            continue
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and not doc[j].ent_type_:
            j += 1
        # "Related Story Ana Ruiz wins ...": a page's furniture opens no name.
        i = opening_furniture_end(doc[i:j]) or i
        while i < j and (is_title_word(doc[i]) or doc[i].lower_ in ROYAL_TITLES):
            i += 1
        while j - i >= 2 and (common_word_opening(doc[i]) or plural_title(doc[i])):
            i += 1  # "Further Ruiz stated", "Senators Ana Ruiz and ..."
        if j - i >= 3 and country_name(doc, i) and after_title_preposition(doc, i):
            # "Deputy Minister of Velonia Ana Ruiz" left untagged: the title's country, then
            # the holder's name.
            found.append(Span(doc, i, i + 1, label="GPE"))
            i += 1
        titled = i > 0 and doc[i - 1].is_title and doc[i - 1].lower_ in ROYAL_TITLES
        # "Vice Premier Cui Renshan" left untagged while "Cui said" is tagged elsewhere: after a
        # title, a short run that opens with a name the story uses for a person alone is that
        # person's whole name, the family name written first.
        family_first = (
            i > 0
            and 2 <= j - i <= 3
            and doc[i].lower_ in surnames
            and is_title_word(doc[i - 1])
            and doc[i - 1].text[:1].isupper()
        )
        fielded = _after_a_title_field(doc, i) or _after_a_title_complement(doc, i, j)
        if fielded:
            # "Minister for Water and Power Ana Ruiz": the field's last words, then the name.
            while i < j and doc[i].lower_ in PORTFOLIO_NOUNS:
                i += 1
        # A title of rank takes a name of one word, a field's title two or more (both: one).
        if (
            (j - i >= 2 and doc[j - 1].lower_ in surnames)
            or family_first
            or (
                (titled or fielded)
                and (1 if titled else 2) <= j - i <= 3
                and not any(t.lower_ in MONTHS_AND_DAYS for t in doc[i:j])
            )
        ):
            # "Prince Tomas and Duchess Ilona" left untagged: a title of rank before
            # capitalised words names a person (royal-titles.txt).
            found.append(doc[i:j])
        i = max(j, i + 1)
    return found


def _after_a_title_complement(doc: Doc, i: int, j: int) -> bool:
    """Capitalised words at `i` (the run to `j`) right after the country or body a title's phrase names
    ("Ambassador to Velonia", "Envoy for the Harbour League", "Minister of Zelin"), the tagger
    having tagged that and not the name after it: "Ambassador to Velonia Ana Ruiz". Not a
    body's name going on ("the president of the Velonia Harbour Chamber of Commerce"), nor
    after a title that is itself another title's complement ("the Adviser of the President
    of Velonia Ana Ruiz": the name is the adviser's; "the wife of the President of Velonia
    Karel Brandt" names the president)."""
    if i < 1 or i >= len(doc):
        return False
    before = doc[i - 1]
    if not (
        before.ent_type_ in ("GPE", "ORG", "NORP")
        and doc[i].ent_iob_ != "I"
        and (country_name(doc, before.i) or before.ent_type_ == "ORG")
        and after_title_preposition(doc, before.i)
    ):
        return False
    if any(t.lower_ in ORG_WORDS for t in doc[i:j]) or (j < len(doc) and doc[j].lower_ == "of"):
        return False
    k = before.i
    while k > 0 and doc[k].lower_ not in ("of", "for", "to"):
        k -= 1
    title = k - 1
    while title > 0 and is_title_word(doc[title - 1]):
        title -= 1
    opening = title - 1 if title > 0 and doc[title - 1].lower_ == "the" else title
    return not (
        opening > 1 and doc[opening - 1].lower_ in ("of", "to", "for") and is_title_word(doc[opening - 2])
    )


def _after_a_title_field(doc: Doc, i: int) -> bool:
    """Capitalised words at `i` that follow a title and its field ("Minister of Foreign
    Affairs", "Minister for Water and"): the field's words (portfolio-nouns.txt) and "and"
    back to "of" or "for" right after a capitalised title noun."""
    k = i - 1
    while k > 1 and (doc[k].lower_ == "and" or (doc[k].lower_ in PORTFOLIO_NOUNS and doc[k].is_title)):
        k -= 1
    return (
        k >= 1
        and doc[k].lower_ in ("of", "for")
        and doc[k - 1].is_title
        and doc[k - 1].lower_ in gazetteer.TITLE_HEADS
    )
