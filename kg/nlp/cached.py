"""Per-article values spaCy recomputes at every access, computed once.

`Doc.text` joins every token anew, `Doc.ents` rebuilds the entity list from the tokens, and
`Span.ents` filters the whole of `Doc.ents`: each costs time proportional to the article.
Asked once per quotation, date or sentence, they made extraction quadratic in the length
of an article (31 s on a 200,000-character one). The caches live in `doc.user_data` and are
valid because nothing changes a Doc's text or entities after the pipeline.

The same goes for the dozen passes over every token that look for trigger words
(`tokens_with_lemma`): one pass over an array of lemmas serves them all; so do indexes of
the tokens' lower-case forms, texts, dependency labels and parts of speech
(`tokens_with_lower`, `tokens_with_text`, `tokens_with_dep`, `tokens_with_pos`) for the
passes that test every word against a list. `Token.sent` is answered from a table while
extraction runs (`indexed_sentences`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import cast

from spacy.attrs import DEP, LEMMA, LOWER, ORTH, POS
from spacy.tokens import Doc, Span, Token


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


def ent_text_labels(doc: Doc) -> Counter[tuple[str, str]]:
    """(text, label) -> how many of the story's entities have that text and label."""
    counts = doc.user_data.get("kg_ent_text_labels")
    if counts is None:
        counts = doc.user_data["kg_ent_text_labels"] = Counter((e.text, e.label_) for e in doc_ents(doc))
    return cast("Counter[tuple[str, str]]", counts)


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


def ent_ending_at(doc: Doc, end: int) -> Span | None:
    """The entity whose last token is just before `end`, if any (entities never overlap, so
    it is the last one starting before `end`)."""
    ents, starts = _ents_and_starts(doc)
    i = bisect_right(starts, end - 1) - 1
    return ents[i] if i >= 0 and ents[i].end == end else None


def tokens_with_lemma(doc: Doc, lemmas: frozenset[str]) -> list[Token]:
    """The tokens whose lemma, lower-cased, is one of `lemmas`, in text order: what a loop
    over every token testing `token.lemma_.lower() in lemmas` finds."""
    by_lemma = _lemma_positions(doc)
    return [doc[i] for i in sorted(i for lemma in lemmas & by_lemma.keys() for i in by_lemma[lemma])]


def tokens_with_lower(doc: Doc, forms: Iterable[str]) -> list[Token]:
    """The tokens whose lower-case form is one of `forms`, in text order: what a loop over
    every token testing `token.lower_ in forms` finds."""
    by_id = _positions_by_id(doc, LOWER, "kg_lower_positions")
    strings = doc.vocab.strings  # a string's id, as the Doc's arrays hold it
    return [doc[i] for i in sorted(i for form in set(forms) for i in by_id.get(strings[form], ()))]


def tokens_with_lemma_or_lower(doc: Doc, lemmas: frozenset[str], forms: Iterable[str]) -> list[Token]:
    """The tokens whose lemma, lower-cased, is one of `lemmas` or whose lower-case form is one
    of `forms`, each once, in text order."""
    found = {t.i: t for t in tokens_with_lemma(doc, lemmas)}
    found.update((t.i, t) for t in tokens_with_lower(doc, forms))
    return [found[i] for i in sorted(found)]


def tokens_with_dep(doc: Doc, labels: Iterable[str]) -> list[Token]:
    """The tokens whose dependency label is one of `labels`, in text order."""
    by_id = _positions_by_id(doc, DEP, "kg_dep_positions")
    strings = doc.vocab.strings
    return [doc[i] for i in sorted(i for label in set(labels) for i in by_id.get(strings[label], ()))]


def tokens_with_pos(doc: Doc, tag: str) -> list[Token]:
    """The tokens of one coarse part of speech ("PROPN"), in text order."""
    by_id = _positions_by_id(doc, POS, "kg_pos_positions")
    return [doc[i] for i in by_id.get(doc.vocab.strings[tag], ())]


def tokens_with_text(doc: Doc, test: Callable[[str], bool]) -> list[Token]:
    """The tokens whose text passes `test`, in text order: the test is run once for each
    distinct word of the story rather than for every token."""
    passing = (i for text, positions in _texts(doc) if test(text) for i in positions)
    return [doc[i] for i in sorted(passing)]


def _texts(doc: Doc) -> list[tuple[str, list[int]]]:
    """Each distinct word of the story (its text) with the positions of its tokens."""
    cached = doc.user_data.get("kg_texts")
    if cached is None:
        strings = doc.vocab.strings
        by_id = _positions_by_id(doc, ORTH, "kg_orth_positions")
        cached = doc.user_data["kg_texts"] = [
            (strings[value], positions) for value, positions in by_id.items()
        ]
    return cast("list[tuple[str, list[int]]]", cached)


def _positions_by_id(doc: Doc, attr: int, key: str) -> dict[int, list[int]]:
    """The string id of an attribute (LEMMA, LOWER, ORTH, DEP, POS) -> the positions of its
    tokens, in text order."""
    cached = doc.user_data.get(key)
    if cached is None:
        # One pass in Python over the ids: faster on a news story than numpy's sort and split.
        cached = {}
        values = cast("list[int]", doc.to_array([attr]).reshape(-1).tolist())
        for i, value in enumerate(values):
            positions = cached.get(value)
            if positions is None:
                cached[value] = [i]
            else:
                positions.append(i)
        doc.user_data[key] = cached
    return cached


def _lemma_positions(doc: Doc) -> dict[str, list[int]]:
    """Lower-cased lemma -> the positions of its tokens."""
    cached = doc.user_data.get("kg_lemma_positions")
    if cached is None:
        # One string lookup a distinct lemma (7% of extraction went to passes over every
        # word before this index).
        strings = doc.vocab.strings
        cached = {}
        for value, positions in _positions_by_id(doc, LEMMA, "kg_lemma_ids").items():
            # Lemmas differing in case only share one list, in no particular order: the
            # callers sort the positions they take.
            cached.setdefault(strings[value].lower(), []).extend(positions)
        doc.user_data["kg_lemma_positions"] = cached
    return cached


@contextmanager
def indexed_sentences(doc: Doc) -> Iterator[None]:
    """Within the block, `token.sent` and `span.sent` look their sentence up in a table
    made once. spaCy walks the tokens to the sentence's both ends and builds a new Span at
    every call; extraction asks about half a million times on the 2,720 stories of the
    development pool (a twentieth of its time). The table gives the same sentence, as one
    shared Span, through spaCy's own hooks for `sent` (`Doc.user_token_hooks`,
    `Doc.user_span_hooks`), which are removed on leaving: the Doc is the caller's. A Doc
    made inside the block from one of its spans (`Span.as_doc()`) would share these hooks
    and read the wrong sentences; extraction makes none. A Doc without sentence boundaries
    (where spaCy raises) or with hooks of its own is left as it is."""
    if (
        len(doc) == 0
        or "sent" in doc.user_token_hooks
        or "sent" in doc.user_span_hooks
        or "sents" in doc.user_hooks
        or not doc.has_annotation("SENT_START")
    ):
        yield
        return
    sentence_at = []  # token position -> its sentence
    for sentence in doc.sents:
        sentence_at.extend([sentence] * len(sentence))
    last = len(doc) - 1
    # A span's sentence is its first token's (an empty span at the end: the last one's).
    doc.user_token_hooks["sent"] = lambda token: sentence_at[token.i]
    doc.user_span_hooks["sent"] = lambda span: sentence_at[min(span.start, last)]
    try:
        yield
    finally:
        del doc.user_token_hooks["sent"], doc.user_span_hooks["sent"]
