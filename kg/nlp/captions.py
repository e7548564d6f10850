"""A story's leading photo captions: "Vice President Ana Ruiz leaves the Capitol, Tuesday,
March 12, 2019. (AP Photo/Jane Roe)", "FILE - In this Jan. 9, 2020, file photo, ...". Crawled
news often opens with the picture's caption (once with its credit, once more without), which
tells the day and place the picture was taken, not the story's news: the story's lead
(frames.py) is the first sentence after them."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kg.nlp.cached import article_text
from kg.nlp.lexicon import words

PHOTO_CREDIT_WORDS = words("photo-credit-words")

# How many paragraphs a story may open with before its lead: a caption, its repetition and a
# headline or byline line at most.
MAX_LEADING_PARAGRAPHS = 3

# "(AP Photo/Jane Roe)", "(Jane Roe/Norpress)", "(Norpress via AP)" at the paragraph's end
_CREDIT_IN_PARENTHESES = re.compile(r"\(([^()]{2,80})\)\s*$")
# "JANE ROE/Getty Images", "Harbour Shipping | AP"
_CREDIT_AFTER_MARK = re.compile(r"[/|]\s*([A-Za-z][A-Za-z .]{0,30}?)\s*$")
# Any credit word as a whole word: one pattern, built once.
_CREDIT_WORD = re.compile("|".join(rf"\b{re.escape(w)}\b" for w in sorted(PHOTO_CREDIT_WORDS)))
# "FILE - In this ...", "FILE PHOTO: ...", "In this March 19, 2020 photo, ..."
_FILE_PHOTO = re.compile(r"^(?:FILE\b|In this\b[^.]{0,40}\b(?:photo|file frame)\b)")


def _credit(text: str) -> bool:
    parenthesised = _CREDIT_IN_PARENTHESES.search(text)
    if parenthesised is not None:
        credit = parenthesised.group(1)
        if "/" in credit or _CREDIT_WORD.search(credit.lower()):
            return True
    marked = _CREDIT_AFTER_MARK.search(text)
    return marked is not None and marked.group(1).lower().strip() in PHOTO_CREDIT_WORDS


def _is_caption(paragraph: str, before: str | None) -> bool:
    return (
        _credit(paragraph)
        or _FILE_PHOTO.match(paragraph) is not None
        # the caption told again without its credit
        or (before is not None and len(paragraph) > 40 and before.startswith(paragraph[:40]))
    )


def body_start(doc: Doc) -> int:
    """The character where the story's text starts after its leading captions (0 where it
    opens with none); read once per story."""
    if "kg_body_start" not in doc.user_data:
        doc.user_data["kg_body_start"] = _body_start(article_text(doc))
    found: int = doc.user_data["kg_body_start"]
    return found


def _body_start(text: str) -> int:
    start, before = 0, None
    for _ in range(MAX_LEADING_PARAGRAPHS):
        end = text.find("\n\n", start)
        if end < 0:
            return start  # a story of one paragraph is no caption
        paragraph = text[start:end].strip()
        if not _is_caption(paragraph, before):
            return start
        start, before = end + 2, paragraph
    return start


def in_credit_paragraph(sent: Span) -> bool:
    """Is the sentence part of a paragraph that ends in a photo's credit ("The meeting in
    Zelin on Thursday. Photograph: Jane Roe/Norpress/Getty Images", "toggle caption Jane
    Roe/AP")? Such a paragraph is a picture's caption set inside the story, not its telling."""
    text = sent.doc.text
    # The sentence's own words: the parser hangs the paragraph's closing blank line on it.
    words_end = sent.start_char + len(sent.text.rstrip())
    start = text.rfind("\n\n", 0, sent.start_char)
    end = text.find("\n\n", words_end)
    paragraph = text[start + 2 if start >= 0 else 0 : end if end >= 0 else len(text)].strip()
    return bool(paragraph) and _credit(paragraph)
