"""A story's dateline, "HELSINKI —", "MEXICO CITY (Reuters) -", "CAPRI, Italy (AP) —": the
city the story was filed from. It is where the reporter is, so it is never a party to an
event; it is what "here" means, and where the news of the lead happened unless the lead
says otherwise."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kg.model import Entity
from kg.nlp.cached import article_text

# The city in capitals, maybe its country, maybe the agency, then a dash.
_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3})"
    r"(?:, (?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2}))?"
    r"(?: \((?P<agency>[A-Za-z .]+)\))?\s+[—–-]{1,2}\s"
)


def dateline_span(doc: Doc) -> Span | None:
    """The dateline's tokens (city, region, agency), where the story opens with one."""
    match = _DATELINE.match(article_text(doc)[:120])
    if match is None:
        return None
    end = max(match.end(g) for g in ("city", "region", "agency") if match.group(g))
    return doc.char_span(match.start("city"), end, alignment_mode="expand")


def dateline_place(doc: Doc) -> Entity | None:
    """The dateline's city, named as a place ("HELSINKI" -> Helsinki)."""
    match = _DATELINE.match(article_text(doc)[:120])
    if match is None:
        return None
    city = " ".join(w.capitalize() if w.isupper() else w for w in match.group("city").split())
    return Entity(city, "place")
