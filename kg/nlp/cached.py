"""Per-article values spaCy recomputes at every access, computed once.

`Doc.text` joins every token anew, `Doc.ents` rebuilds the entity list from the tokens, and
`Span.ents` filters the whole of `Doc.ents`: each costs time proportional to the article.
Asked once per quotation, date or sentence, they made extraction quadratic in the length
of an article (31 s on a 200,000-character one). The caches live in `doc.user_data` and are
valid because nothing changes a Doc's text or entities after the pipeline.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span


def parsed_text(doc: Doc) -> str:
    """The text the parser saw (`text_for_nlp` of the article)."""
    text = doc.user_data.get("kg_parsed_text")
    if text is None:
        text = doc.user_data["kg_parsed_text"] = doc.text
    return str(text)


def article_text(doc: Doc) -> str:
    """The article's own characters, which evidence quotes (the parsed text may differ in
    its kind of spaces, never in length)."""
    text = doc.user_data.get("kg_text")
    return str(text) if text is not None else parsed_text(doc)


def _ents_and_starts(doc: Doc) -> tuple[tuple[Span, ...], list[int]]:
    cached = doc.user_data.get("kg_ents")
    if cached is None:
        ents = tuple(doc.ents)
        cached = doc.user_data["kg_ents"] = (ents, [e.start for e in ents])
    return cached


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, in text order."""
    return _ents_and_starts(doc)[0]


def ents_in(span: Span) -> list[Span]:
    """`span.ents`: the entities wholly inside `span`, in text order."""
    ents, starts = _ents_and_starts(span.doc)
    found = []
    for i in range(bisect_left(starts, span.start), len(ents)):
        ent = ents[i]
        if ent.start >= span.end:
            break
        if ent.end <= span.end:
            found.append(ent)
    return found
