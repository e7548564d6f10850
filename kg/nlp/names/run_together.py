"""A body's name and a person's that the tagger ran into one span: "the Vesterland Governor
Anna Lind", "the Harbour Courier's Anna Lind", "President of Belarus Mara Lind", "the Harbour
Assembly Jan" + "Karel Vondrak". Where the body's name ends and the person's begins, and the
test that tells a person's name by its given name ("Anna Marit Lindqvist" tagged a body)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.nlp import gazetteer
from kg.nlp.cached import ent_text_labels
from kg.nlp.dates import MONTHS_AND_DAYS
from kg.nlp.gazetteer import ORG_WORDS
from kg.nlp.gender import is_given_name
from kg.nlp.outlets import MASTHEAD_WORDS
from kg.nlp.titles import is_title_word


def is_given_named(span: Span) -> bool:
    """ "Anna Marit Lindqvist" tagged an organisation: two or three capitalised proper nouns
    (a hyphenated surname counts as one), the first a common given name, with no
    organisation word, acronym, outlet or country among them, name a person. Not where the
    story tags that first word a place more often than a person ("Harbourtown Energy"
    after "in Harbourtown")."""
    words_ = span.text.split()
    first = span[0]
    return (
        2 <= len(words_) <= 3
        and len(first) > 2
        and is_given_name(first.text)
        # "Harbour Rovers": a plural is a team's or a firm's name.
        and all((t.pos_ == "PROPN" and t.tag_ != "NNPS" and t.is_title) or t.text == "-" for t in span)
        and not any(t.lower_ in ORG_WORDS for t in span)
        and not any(gazetteer.country_of(t.text) for t in [span, *span])
        and not gazetteer.is_known_outlet(span.text)
        and _times_tagged(first, ("GPE", "LOC")) <= _times_tagged(first, ("PERSON",))
    )


def _times_tagged(token: Token, labels: tuple[str, ...]) -> int:
    """How often the tagger gives the story's mentions of this word alone one of `labels`."""
    counts = ent_text_labels(token.doc)  # counted once per story, not at every call
    return sum(counts[token.text, label] for label in labels)


def absorbed_name(ent: Span) -> tuple[int, int, int] | None:
    """(end of the body's name, start and end of the person's) where a non-person span runs
    a body's name on into a person's name: after a capitalised title word ("Vesterland
    Governor Anna Lind"), or after the body's last word, where the name is a given name and
    surname or one the story tags a person alone ("the Harbour Committee Ole Lind" with
    "Lind said" later), or after the country of a title ("Prime Minister of Velonia Ana
    Ruiz"). The name may run on over untagged capitalised words after the span."""
    if ent.label_ not in ("ORG", "GPE", "FAC", "LOC") or len(ent) < 3:
        return None
    doc = ent.doc
    end = ent.end
    while end < len(doc) and doc[end].pos_ == "PROPN" and not doc[end].ent_type_ and doc[end].is_title:
        end += 1
    for k in range(ent.start + 1, ent.end):
        name = doc[k:end]
        if not (
            2 <= len(name) <= 3
            and all(t.pos_ == "PROPN" and t.is_title and t.is_alpha for t in name)
            and not any(t.lower_ in ORG_WORDS or t.lower_ in MONTHS_AND_DAYS for t in name)
            and not any(is_title_word(t) or gazetteer.country_of(t.text) for t in name)
        ):
            continue
        before = doc[k - 1]
        if before.lower_ in gazetteer.TITLE_HEADS and not before.is_lower and k - 1 > ent.start:
            return k - 1, k, end
        if (before.lower_ in ORG_WORDS or before.tag_ == "NNPS" or body_in_complement(before, end)) and (
            is_given_named(name) or _times_tagged(name[-1], ("PERSON",)) > 0
        ):
            return k, k, end
        if country_name(doc, before.i) and after_title_preposition(doc, before.i):
            # "Prime Minister of Velonia Ana Ruiz" tagged one body: after a title's country
            # the capitalised words are the holder's name.
            return k, k, end
    return None


# Words between a title's "of" and the word a name run on from it starts at: "President of
# the French Republic", "Commissioner for Harbour Owners' Rights".
_COMPLEMENT_GLUE = {"the", "and", "'", "’", "'s", "’s"}


def after_title_preposition(doc: Doc, i: int) -> bool:
    """Does the word at `i` stand in the "of" (or "for") phrase of a capitalised title before
    it: "President of Belarus", "Director General of the Velgaz company", "Commissioner for
    Harbour Owners' Rights"? Or of a title word written small: "the leader of Belarus", "the
    governor of Vesterland"? Or in the "to" phrase of a title word: "Ambassador to Velonia"."""
    k = i - 1
    while k > 0 and i - k <= 6 and (doc[k].text[:1].isupper() or doc[k].lower_ in _COMPLEMENT_GLUE):
        k -= 1
    return k > 0 and (
        (doc[k].lower_ in ("of", "for") and (doc[k - 1].text[:1].isupper() or is_title_word(doc[k - 1])))
        # "Ambassador to Velonia", "the envoy to the Harbour League": only a title word's "to"
        # (a "trip to Velonia" names no one after it).
        or (doc[k].lower_ == "to" and is_title_word(doc[k - 1]))
    )


def country_name(doc: Doc, i: int) -> bool:
    """Is the word at `i` a country's name, or the end of one ("Saudi" + "Arabia")? Not an
    adjective ("the Syrian Arab Republic", "the Kyrgyz Republic": the body's name goes on)."""
    return any(gazetteer.country_of(doc[k : i + 1].text) == doc[k : i + 1].text for k in (i, i - 1) if k >= 0)


def body_in_complement(token: Token, end: int) -> bool:
    """ "President of Belarus Mara Lind", "General Director of Velgaz Karel Vondrak" tagged one
    person: a title's "of" phrase names the country or body, the person's name follows it.
    The first word of such a span is the body's where it is a country, a body's word, an
    acronym, a plural, or a word the story tags a place or a body rather than a person; the
    name keeps two words at least."""
    doc = token.doc
    if end - token.i < 3 or not after_title_preposition(doc, token.i):
        return False
    return bool(
        country_name(doc, token.i)
        or token.lower_ in ORG_WORDS
        or token.tag_ == "NNPS"
        or (token.is_upper and token.is_alpha and len(token) > 1)
        or _times_tagged(token, ("GPE", "LOC", "ORG", "NORP")) > _times_tagged(token, ("PERSON",))
    )


def possessor_end(ent: Span) -> int | None:
    """Where the possessive "'s" stands in a non-person span that ends in a person's given
    name and surname after it ("the Harbour Courier's Anna Lind"); None elsewhere."""
    if ent.label_ not in ("ORG", "GPE", "FAC", "NORP"):
        return None
    for token in ent[1:-2]:
        if token.tag_ == "POS":
            rest = ent.doc[token.i + 1 : ent.end]
            owner = ent.doc[ent.start : token.i]
            return token.i if is_given_named(rest) or _staff_of_outlet(owner, rest) else None
    return None


def _staff_of_outlet(owner: Span, rest: Span) -> bool:
    """ "the Harbour Broadcasting Network's Ilse Varga": two or three capitalised proper nouns
    after an outlet's name (a known one, or one its last word says is an outlet's) are a
    person of its staff, whatever their given name."""
    return (
        2 <= len(rest) <= 3
        and all(t.pos_ == "PROPN" and t.is_title for t in rest)
        and (
            gazetteer.is_known_outlet(owner.text)
            or owner[-1].lower_ in gazetteer.OUTLET_NOUNS
            or owner[-1].lower_ in MASTHEAD_WORDS
        )
    )


def first_name_of_next(ent: Span) -> bool:
    """Is a non-person span's last word the first word of the person's name tagged right
    after it, compounded into that name ("the Harbour Assembly Jan" + "Karel Vondrak")? Not
    a title or a word that names bodies ("Council"), nor the body's own head, which its
    other words modify ("the Harbour Fleet" + "Karel Vondrak")."""
    doc, last = ent.doc, ent[-1]
    return (
        not any(c.i in range(ent.start, ent.end - 1) for c in last.children)
        and ent.end < len(doc)
        and doc[ent.end].ent_iob_ == "B"
        and doc[ent.end].ent_type_ == "PERSON"
        and last.pos_ == "PROPN"
        and last.is_title
        and last.dep_ == "compound"
        and last.head.ent_type_ == "PERSON"
        and last.head.i >= ent.end
        and not is_title_word(last)
        and last.lower_ not in ORG_WORDS
        and not gazetteer.country_of(last.text)
    )
