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


def _dateline(doc: Doc) -> tuple[int, int, str] | None:
    """The dateline's character span and its city as written, at the story's start or after
    a headline, a first paragraph of one line ("Senator visits Rome.\n\nROME - ..."); read
    once per story (every subject after it and every lead asks)."""
    if "kg_dateline" not in doc.user_data:
        doc.user_data["kg_dateline"] = _read_dateline(article_text(doc))
    found: tuple[int, int, str] | None = doc.user_data["kg_dateline"]
    return found


def _read_dateline(text: str) -> tuple[int, int, str] | None:
    offset = 0
    match = _match(text)
    if match is None:
        headline_end = text.find("\n\n", 0, 400)
        if headline_end < 0 or "\n" in text[:headline_end].strip():
            return None
        offset, match = headline_end, _match(text[headline_end:])
        if match is None:
            return None
    end = max(match.end(g) for g in ("city", "region", "day", "agency") if match.group(g))
    return offset + match.start("city"), offset + end, match.group("city")


def dateline_span(doc: Doc) -> Span | None:
    """The dateline's tokens (city, region, day, agency), where the story opens with one."""
    found = _dateline(doc)
    if found is None:
        return None
    start, end, _city = found
    return doc.char_span(start, end, alignment_mode="expand")


def dateline_place(doc: Doc) -> Entity | None:
    """The dateline's city, named as a place ("HELSINKI" -> Helsinki)."""
    found = _dateline(doc)
    if found is None:
        return None
    city = " ".join(w.capitalize() if w.isupper() else w for w in found[2].split())
    return Entity(city, "place")
