"""Where the quotations are: the quotation marks of an article's text, read paragraph by
paragraph (curly or straight marks, mixed as scraped news mixes them, a quote left open at the
end of a paragraph running on into the next), and where a quotation's marks stand. Pure text
work, no attribution: quotes.py reads who said each quotation found here."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from kg.nlp.cached import parsed_text

OPENING = {"“": "”", '"': '"', "«": "»", "„": "“"}
# The marks a quotation may open on, single ones too.
OPENING_MARKS = "“\"‘'«„"
# A markup tag a scraped page left in the text (<tweet id="..." author="...">): the marks
# around its attributes' values quote no one, and an embed's content (a post set into the
# page, up to its closing tag) is not the article's telling.
_TAG = re.compile(r"<([A-Za-z][\w-]*)(\s[^<>\n]*=[^<>\n]*)?/?>|</[A-Za-z][\w-]*>")
# Where reading a paragraph stops: an opening mark or a tag's "<" (the characters between
# are skipped at C speed rather than one by one).
_MARK_OR_TAG = re.compile("[" + re.escape("".join(OPENING)) + "<]")


@dataclass
class Segment:
    start: int  # characters of the quoted words, marks excluded
    end: int
    paragraph: int
    continues: bool = False  # the paragraph ended before the quotation closed


def quoted_segments(text: str) -> list[Segment]:
    """Every quotation in `text`, paragraph by paragraph. A quotation left open at the end
    of a paragraph runs on (news style opens each paragraph of a long quote again). Marks
    inside a markup tag left in the text, or in an embed it opens, are none."""
    segments: list[Segment] = []
    position = 0
    for number, paragraph in enumerate(text.split("\n")):
        i = 0
        while (found := _MARK_OR_TAG.search(paragraph, i)) is not None:
            i = found.start()
            closing = OPENING.get(paragraph[i])
            if closing is None:  # "<"
                i = _past_markup(paragraph, i)
                continue
            j = _closing(paragraph, i + 1, closing)
            if j == -1:
                # An opening mark with no close in its paragraph: the quote runs on.
                if paragraph[i + 1 :].strip():
                    start, end = _words_between(paragraph, i + 1, len(paragraph))
                    segments.append(Segment(position + start, position + end, number, True))
                break
            if paragraph[i + 1 : j].strip():
                start, end = _words_between(paragraph, i + 1, j)
                segments.append(Segment(position + start, position + end, number))
            i = j + 1
        position += len(paragraph) + 1
    return segments


def _past_markup(paragraph: str, i: int) -> int:
    """Where reading goes on after the "<" at `i`: past a tag, and past an embed (a tag with
    attributes) up to its closing tag where the paragraph has one; else the next character."""
    tag = _TAG.match(paragraph, i)
    if tag is None:
        return i + 1
    if tag.group(2) is None or tag.group(0).endswith("/>"):
        return tag.end()
    name = re.escape(tag.group(1))
    close = re.compile(rf"</{name}>|<{name}\s*/>").search(paragraph, tag.end())
    return close.end() if close else tag.end()


def _words_between(paragraph: str, start: int, end: int) -> tuple[int, int]:
    """The quoted words between two marks, without the spaces next to the marks."""
    while paragraph[start] == " ":
        start += 1
    while paragraph[end - 1] == " ":
        end -= 1
    return start, end


# Scraped news mixes its marks (“...", "...”): a curly opening may close straight, and back.
_ALSO_CLOSES = {"”": '"', '"': "”"}


def _closing(paragraph: str, start: int, closing: str) -> int:
    """Where the quotation opened before `start` closes in its paragraph, or -1."""
    ends = [paragraph.find(mark, start) for mark in (closing, _ALSO_CLOSES.get(closing, closing))]
    if closing == "”":
        ends.append(_turned_close(paragraph, start))
    found = [e for e in ends if e != -1]
    return min(found) if found else -1


def _turned_close(paragraph: str, start: int) -> int:
    """ "an “expedited review“ of the pipes", "“Why?“ he asked": an opening curly mark set
    where the closing one belongs closes the quotation. Marks lean on their words: one
    written right after a word or a punctuation mark, with no word right after it, ends the
    words before it; one that opens stands before its first word. -1 where there is none."""
    k = paragraph.find("“", start)
    while k != -1:
        after = paragraph[k + 1 : k + 2]
        if k > start and not paragraph[k - 1].isspace() and not after.isalnum():
            return k
        k = paragraph.find("“", k + 1)
    return -1


def continues_quotation(prev: Segment, segment: Segment, doc: Doc) -> bool:
    """Does `segment` go on with the quotation before it? The next paragraph of a quote
    left open, or a second part in the same paragraph ("...," he said. "...")."""
    if prev.continues and segment.paragraph > prev.paragraph:
        text = parsed_text(doc)
        return starts_paragraph(text, segment) and not _has_text_between(text, prev, segment)
    return segment.paragraph == prev.paragraph


def _has_text_between(text: str, prev: Segment, segment: Segment) -> bool:
    """Is there a paragraph between the two that is not part of the quotation?"""
    return any(line.strip() for line in text[prev.end : opening(text, segment)].split("\n")[1:-1])


def starts_paragraph(text: str, segment: Segment) -> bool:
    line_start = text.rfind("\n", 0, segment.start) + 1
    return not text[line_start : opening(text, segment)].strip()


def opening(text: str, segment: Segment) -> int:
    """Where the quotation's opening mark stands: right before its words, or before the
    space an archive's two-apostrophe mark left there (''Yes: “ Yes)."""
    i = segment.start - 1
    while i > 0 and text[i] == " ":
        i -= 1
    return i


def after_close(text: str, segment: Segment) -> int:
    """Where the text after the quotation's closing mark starts (Yes,'': Yes, ”)."""
    i = segment.end
    while i < len(text) and text[i] == " ":
        i += 1
    return i + 1
