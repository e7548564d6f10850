"""A web page's furniture run into a name: "Related Story" + "Velonia", "Image copyright" + a
photo's credit words + "Image" before the name they stand beside; never part of it."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.nlp.captions import PHOTO_CREDIT_WORDS
from kg.nlp.lexicon import words

PAGE_FURNITURE = words("page-furniture-words")


# Each word of a photo credit's closing words (PHOTO_CREDIT_WORDS: "photo", "images", "via", an
# agency's name), and the "Image" of "Image caption", which a crawled credit runs into.
_CREDIT_WORDS = {w for entry in PHOTO_CREDIT_WORDS for w in entry.split()} | {"image"}


def ends_page_furniture(doc: Doc, end: int) -> bool:
    """Do the two words before `end` make a page's furniture ("Related Story")?"""
    return end >= 2 and doc[end - 2 : end].text.lower() in PAGE_FURNITURE


def opening_furniture_end(ent: Span) -> int | None:
    """Where a page's furniture that a span opens with ends: after "Related Story" or "Image
    caption" in it (and a photo's credit words after those), or over the credit words right
    after "copyright" before it; None where the span has none."""
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].lower_ in PAGE_FURNITURE:
        return _past_credit_words(doc, ent.start, ent.end)  # "Image copyright" + credit words + "Image"
    # "Related" + "Story Velonia's ...": the furniture's first word left out of the span.
    return page_furniture_end(doc, max(ent.start - 1, 0), ent.end)


def page_furniture_end(doc: Doc, start: int, end: int) -> int | None:
    """Where the page's furniture among the words from `start` to `end` ends ("Related
    Story", "Image caption" and the photo's credit words after them); None where there is
    none. A furniture word is written small there ("Image copyright"); capitalised it is a
    name's own ("the US Copyright Office", "Closed Caption Partners")."""
    last = None
    for token in doc[start:end]:
        pair = doc[token.i - 1 : token.i + 1].text.lower() if token.i > start else ""
        if (token.lower_ in PAGE_FURNITURE and token.is_lower) or pair in PAGE_FURNITURE:
            last = token.i + 1
    return None if last is None else _past_credit_words(doc, last, end)


def _past_credit_words(doc: Doc, start: int, end: int) -> int:
    while start < end and doc[start].lower_ in _CREDIT_WORDS:
        start += 1
    return start
