"""Punctuation that ends a name the tagger ran on over it: a dash set apart by spaces
("Ana Ruiz - Weber's partner") and a bracket the span opens but does not close ("the
Harbour Workers Party (HWP")."""

from __future__ import annotations

from spacy.tokens import Span

# A dash between words, as written with spaces around it.
_DASHES = {"-", "–", "—", "―", "--"}


def apart_at_dashes(ents: tuple[Span, ...]) -> list[Span]:
    """ "Ana Ruiz - Weber's partner" or "Weak - Weber - weak" tagged one name: a dash set
    apart by a space ends a name (a hyphened surname is written close, "Ruiz-Weber"), so
    each side is a mention of its own, where it has a capitalised proper noun."""
    out: list[Span] = []
    for ent in ents:
        doc = ent.doc
        cuts = [t.i for t in ent[1:-1] if t.text in _DASHES and (t.whitespace_ or doc[t.i - 1].whitespace_)]
        start = ent.start
        for cut in [*cuts, ent.end]:
            side = doc[start:cut]
            if not cuts or any(t.pos_ == "PROPN" and t.text[:1].isupper() for t in side):
                out.append(Span(doc, start, cut, label=ent.label_) if cuts else ent)
            start = cut + 1
    return out


def within_brackets(ent: Span) -> tuple[Span | None, Span | None]:
    """A span the tagger ran on into a bracket it does not close, and a function word it
    ended on: "the Harbour Workers Party (HWP" + ")", "the Harbour Party of" + "Norland".
    The name ends before the bracket, whose acronym (if that is all it holds) is a mention of
    its own; no name ends in "of" or "and" (the ORG repairs below may carry it on, over its
    own phrase). Returns the span left (None if nothing is) and the acronym's span (None
    too then)."""
    doc = ent.doc
    start, end, acronym = ent.start, ent.end, None
    opening = next((t.i for t in ent if t.text == "("), None)
    if opening is not None and not any(t.text == ")" for t in doc[opening : ent.end]):
        end = opening
        inner = doc[opening + 1 : ent.end]
        if len(inner) == 1 and inner[0].is_upper and inner[0].is_alpha:
            acronym = Span(doc, inner.start, inner.end, label=ent.label_)
    while end > start and doc[end - 1].is_lower and doc[end - 1].pos_ in ("ADP", "CCONJ", "DET"):
        end -= 1
    if end <= start:
        return None, None  # nothing of the name is left: its acronym neither
    return (ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label_)), acronym
