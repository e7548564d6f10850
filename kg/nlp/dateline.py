"""A story's dateline, "HELSINKI —", "MEXICO CITY (Norpress) -", "CAPRI, Italy (Norpress) —",
"OSLO, Nov. 15 (Norpress) --" (a wire's, with the day it was filed): the city the story
was filed from, opening the story or its first paragraph after a one-line headline. It is
where the reporter is, so it is never a party to an event; it is what "here" means, and
where the news of the lead happened unless the lead says otherwise."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kg.model import Entity
from kg.nlp.cached import article_text
from kg.nlp.dates import MONTHS

# The city in capitals, maybe its country, maybe the day filed, maybe the agency, then a
# dash (a wire may glue the story's first word to it: "(Norpress) --The").
_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3})"
    r"(?:, (?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2}))?"
    r"(?:, (?P<month>[A-Z][a-z]+)\.? (?P<day>\d{1,2}))?"
    r"(?: \((?P<agency>[A-Za-z .]+)\))?\s+(?:[—–-]{1,2}\s|--(?=[A-Z]))"
)


def _match(text: str) -> re.Match[str] | None:
    match = _DATELINE.match(text[:120])
    if match is None or (match.group("month") and match.group("month").lower() not in MONTHS):
        return None
    return match


def _dateline(doc: Doc) -> tuple[re.Match[str], int] | None:
    """The dateline and the offset of the text it was read from: at the story's start, or
    after a headline, a first paragraph of one line ("Senator visits Rome.\n\nROME - ...")."""
    text = article_text(doc)
    match = _match(text)
    if match is not None:
        return match, 0
    headline_end = text.find("\n\n", 0, 400)
    if headline_end < 0 or "\n" in text[:headline_end].strip():
        return None
    match = _match(text[headline_end:])
    return (match, headline_end) if match is not None else None


def dateline_span(doc: Doc) -> Span | None:
    """The dateline's tokens (city, region, day, agency), where the story opens with one."""
    found = _dateline(doc)
    if found is None:
        return None
    match, offset = found
    end = max(match.end(g) for g in ("city", "region", "day", "agency") if match.group(g))
    return doc.char_span(offset + match.start("city"), offset + end, alignment_mode="expand")


def dateline_place(doc: Doc) -> Entity | None:
    """The dateline's city, named as a place ("HELSINKI" -> Helsinki)."""
    found = _dateline(doc)
    if found is None:
        return None
    match = found[0]
    city = " ".join(w.capitalize() if w.isupper() else w for w in match.group("city").split())
    return Entity(city, "place")
