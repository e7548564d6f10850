"""The one place that builds the spaCy pipeline."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, TypeVar

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.errors import KgError
from kg.nlp.fingerprint import DEFAULT_MODELS
from kg.nlp.lexicon import words

T = TypeVar("T")

# A line that ends with one of these continues on the next line.
_CONTINUES = {",", ";", ":", "-", "–", "—", "and", "or", "of", "the", "a", "with", "to"}
# Past this many tokens without a full stop, question or exclamation mark or line break, a
# "sentence" is a list, a table or junk: it is cut there. News sentences are far shorter,
# and every step after the parser works sentence by sentence, so one sentence of 100,000
# tokens would cost time quadratic in its length.
MAX_SENTENCE_TOKENS = 250
_ENDS = {".", "!", "?"}
NAME_ABBREVIATIONS = words("name-abbreviations")
CONTRACTION_LEMMAS = dict(entry.split() for entry in words("contraction-lemmas"))


def _runs_on(prev: Token, token: Token) -> bool:
    """Whether `token` goes on the sentence of `prev`, the word before it on the same line.

    The small parser ends sentences where no writer did: between two words ("will meet |
    Vice Premier Ana Lind", "Prime Minister Orla | May"), at a lower-case word ("U.S. |
    officials", "?” | she said"), and after a title's full stop ("Pres. | Ruiz", "J. |
    Ruiz"). A sentence starts after an end mark (a full stop, a question, a closing
    quotation), never after a word, and a lower-case word starts none.
    """
    if prev.text[-1:].isalnum():
        return True
    if token.is_lower and token.is_alpha:
        return True
    if not token.text[:1].isupper():
        return False
    initial = len(prev.text) == 2 and prev.text[0].isupper() and prev.text[1] == "."
    if prev.text == "." and prev.i > 0 and not prev.nbor(-1).whitespace_:
        prev = prev.nbor(-1)  # the tokenizer split the stop off a title it does not know: "Pres" "."
        return prev.lower_ + "." in NAME_ABBREVIATIONS
    return initial or prev.lower_ in NAME_ABBREVIATIONS


@Language.component("kg_line_breaks")
def mark_line_breaks(doc: Doc) -> Doc:
    """Headlines, captions and paragraphs end at line breaks, though they carry no full stop.

    The parser would otherwise run a headline into the first sentence and attach its words
    to the wrong verbs. A blank line always ends a sentence; a single line break ends one
    unless the line plainly continues (a trailing comma, a conjunction) or the next line
    starts in lower case. And a run of `MAX_SENTENCE_TOKENS` tokens without an end is cut.
    Within a line, the parser may not start a sentence where `_runs_on` says it goes on.

    The starts are written at once, at the end: spaCy's `token.is_sent_start = True`
    looks through the whole document each time (is it parsed yet?), so a start at each
    line break made a long story quadratic (a million characters: 22 s in this step alone).
    """
    starts: list[int] = []
    inside: list[int] = []  # tokens that start no sentence
    since_end = 0
    for i in range(1, len(doc) - 1):
        token = doc[i]
        since_end = 0 if doc[i - 1].text in _ENDS else since_end + 1
        prev = doc[i - 2] if doc[i - 1].is_space and "\n" not in doc[i - 1].text and i > 1 else doc[i - 1]
        if not (token.is_space or prev.is_space) and _runs_on(prev, token):
            inside.append(i)
        if since_end >= MAX_SENTENCE_TOKENS:
            starts.append(i)
            since_end = 0
        if not token.is_space or "\n" not in token.text:
            continue
        nxt = doc[i + 1]
        prev = doc[i - 1]
        if "\n\n" in token.text or (prev.text.lower() not in _CONTINUES and not nxt.text[:1].islower()):
            starts.append(i + 1)
            since_end = -1  # the next token starts the count
            # Nor does the line's first word stand alone: the parser, told a sentence starts
            # at "Anna", ended it there ("Anna" | "Lindqvist met ..."), no stop between.
            after = i + 2
            if after < len(doc) and nxt.is_alpha and not (doc[after].is_punct or doc[after].is_space):
                inside.append(after)
    if starts or inside:
        # One value a token: 1 starts a sentence, -1 does not, 0 is the parser's to say.
        values: Any = doc.to_array([SENT_START]).astype("int64")
        values[inside] = -1
        values[starts] = 1
        doc.from_array([SENT_START], values.astype("uint64"))
    return doc


@Language.component("kg_apostrophes")
def lemmatise_apostrophes(doc: Doc) -> Doc:
    """ "he’s hosting": a verb's contraction written with a typographic apostrophe has the
    lemma it has written with a straight one ("be"), not itself."""
    for token in doc:
        if "’" in token.text and token.pos_ in ("AUX", "VERB"):
            lemma = CONTRACTION_LEMMAS.get(token.lower_.replace("’", "'"))
            if lemma is not None and token.lemma_ == token.text:
                token.lemma_ = lemma
    return doc


# The pipelines load_nlp has loaded in this process, first first (see _dictionary).
_LOADED: list[Language] = []


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> Language:
    """Load `model`, or the first default English model that is installed."""
    candidates = (model,) if model else DEFAULT_MODELS
    for name in candidates:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("kg_line_breaks", before="parser")
        if "lemmatizer" in nlp.pipe_names:
            nlp.add_pipe("kg_apostrophes", after="lemmatizer")
        _LOADED.append(nlp)
        return nlp
    wanted = model or " or ".join(DEFAULT_MODELS)
    raise KgError(f"spaCy model {wanted} is not installed; `pip install -e .` installs the default one")


def parse(nlp: Language, items: Iterable[tuple[str, T]], batch_size: int = 32) -> Iterator[tuple[Doc, T]]:
    """Parse texts in batches, keeping each text's context object beside its Doc."""
    yield from nlp.pipe(items, as_tuples=True, batch_size=batch_size)


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, frozenset[str]]:
    """The words of the lemmatizer index by part of speech ("noun", "verb", "adj", "adv"),
    from the pipeline this process parses with (a build with --model loads no second one);
    empty where the model has none."""
    nlp = _LOADED[0] if _LOADED else load_nlp()
    if "lemmatizer" not in nlp.pipe_names:
        return {}
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return {}
    table = lookups.get_table("lemma_index")
    return {part: frozenset(table.get(part, ())) for part in ("noun", "verb", "adj", "adv")}


def dictionary_parts(word: str) -> set[str]:
    """The parts of speech the lower-case word has in the dictionary: {"adv"} for
    "initially", {"noun"} for "restaurateur", {"verb", ...} for "related" (a verb's "-ed" and
    "-s" forms count by their stem); empty for a word it lacks ("anders", most surnames)."""
    stems = {word}
    if word.endswith("ed"):
        stems |= {word[:-1], word[:-2]}
    if word.endswith("s"):
        stems.add(word[:-1])
    return {part for part, words_ in _dictionary().items() if stems & words_}
