"""Outlets a story names: well-known ones the tagger missed (the gazetteer's), ones named
by their kind ("the daily Al-Norra", "Norland's KESTA news agency"), a name its context
or masthead makes an outlet's ("news agency Norpress", "the Harbour Bay Times"), and a
known outlet's title carried on by a connector ("Gazzetta della Riva")."""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Set as AbstractSet

from spacy.tokens import Doc, Span, Token

from kg.nlp import gazetteer
from kg.nlp.cached import ent_ending_at, tokens_with_lower, tokens_with_text
from kg.nlp.dates import MONTHS_AND_DAYS, WEEKDAYS
from kg.nlp.lexicon import words

MASTHEAD_WORDS = words("masthead-words")
AFFILIATE_NOUNS = words("affiliate-nouns")


def after_affiliate_noun(doc: Doc, i: int) -> bool:
    """Does the word at `i` follow a known outlet and a word that ties a local outlet to it:
    "KVBN" in "Norpress affiliate KVBN"?"""
    return (
        i >= 2
        and doc[i - 1].lower_ in AFFILIATE_NOUNS
        and any(gazetteer.is_known_outlet(doc[k : i - 1].text) for k in range(max(0, i - 5), i - 1))
    )


def is_outlet_context(span: Span) -> bool:
    """'Norvale newspaper Le Phare', 'news agency Norpress', 'the Harbour news agency', and a
    name that says it is an outlet itself: 'the Harbour Bay Times', 'Norvale Radio'."""
    doc = span.doc
    if len(span) > 1 and span[-1].lower_ in MASTHEAD_WORDS and span[-1].text[:1].isupper():
        return True
    if (
        span.start > 0
        and doc[span.start - 1].lower_ in gazetteer.OUTLET_NOUNS
        and not _modifies_noun_after(doc, span.end)
    ):
        return True

    after = doc[span.end : span.end + 2]
    if after and (
        after[0].lower_ in gazetteer.OUTLET_NOUNS
        or (after[0].lower_ == "news" and len(after) > 1 and after[1].lower_ in gazetteer.OUTLET_NOUNS)
    ):
        return True
    head = span.root
    # The name in apposition to, or compounded with, an outlet noun.
    if head.dep_ in ("appos", "compound") and head.head.lower_ in gazetteer.OUTLET_NOUNS:
        return True
    # (an apposition right after the name: "Norpress, the news agency", not the parser's
    # "Varga was at Harbour TV, the network he founded" with "network" hung on Varga)
    return any(
        c.dep_ == "appos" and c.lower_ in gazetteer.OUTLET_NOUNS and c.left_edge.i <= span.end + 1
        for c in head.children
    )


OUTLET_SECTION_WORDS = words("outlet-section-words") | MASTHEAD_WORDS | gazetteer.OUTLET_NOUNS


def opens_with_known_outlet(span: Span) -> bool:
    """ "Norpress Vesterland Service", "Norpress Magazine": a known outlet's name compounded
    into a longer one that ends in a word for an outlet's section, service or edition."""
    if len(span) < 2 or span[-1].lower_ not in OUTLET_SECTION_WORDS:
        return False
    ends = known_outlet_ends(span.doc, span.start, span.end)
    return any(span.doc[end - 1].dep_ == "compound" for end in ends)


def known_outlet_ends(doc: Doc, start: int, end: int) -> Iterator[int]:
    """Where a known outlet's name that opens the words from `start` up to `end` (not all of
    them) ends, longest first."""
    for stop in range(end - 1, start, -1):
        if gazetteer.is_known_outlet(doc[start:stop].text):
            yield stop


NAME_CONNECTORS = words("name-connectors")


def connected_title_end(doc: Doc, end: int, covered: AbstractSet[int] = frozenset()) -> int:
    """ "Courier am Sonntag", "Gazzetta della Riva": a known outlet's name carried on by a
    lower-case connector and a capitalised word is a longer title; where it ends."""
    while (
        end + 1 < len(doc)
        and doc[end].lower_ in NAME_CONNECTORS
        and doc[end + 1].text[:1].isupper()
        and not ({end, end + 1} & covered)
    ):
        end += 2
    return end


def gazetteer_outlets(doc: Doc, covered: set[int]) -> list[Span]:
    """Well-known outlets the tagger missed ("told Norpress Wednesday")."""
    found: list[Span] = []
    resume = 0  # past the last outlet found
    for opening in tokens_with_text(doc, _may_open_outlet):
        i = opening.i
        if i < resume or i in covered:
            continue
        match = None
        for length in (4, 3, 2, 1):
            span = doc[i : i + length]
            if (
                len(span) == length
                and not any(t.i in covered for t in span)
                and gazetteer.is_known_outlet(span.text)
            ):
                match = span
                break
        if match is not None:
            end = connected_title_end(doc, match.end, covered)
            found.append(Span(doc, match.start, end, label="ORG"))
            resume = end
    return found


def _may_open_outlet(text: str) -> bool:
    return text[:1].isupper() and gazetteer.may_open_outlet(text)


def outlets_by_kind(doc: Doc) -> list[Span]:
    """Outlets the story names by their kind, whatever the tagger made of the name: "the
    state-run broadcaster Norland Today" (a country and a date to the tagger), "Norland's
    KESTA news agency", "the daily Al-Norra". The capitalised words right after the kind
    noun, or right before it (not a nationality: "Turkish newspapers" names no outlet)."""
    found: list[Span] = []
    for tie in tokens_with_lower(doc, AFFILIATE_NOUNS):
        # "told Norpress affiliate KVBN": the local outlet after a network's.
        end = tie.i + 1
        while end < len(doc) and _name_word(doc[end]):
            end += 1
        if end > tie.i + 1 and after_affiliate_noun(doc, tie.i + 1):
            found.append(Span(doc, tie.i + 1, end, label="ORG"))
    for kind in tokens_with_lower(doc, gazetteer.OUTLET_NOUNS):
        end = kind.i + 1
        while end < len(doc) and _name_word(doc[end]) and doc[end].lower_ not in gazetteer.OUTLET_NOUNS:
            end += 1
        if end > kind.i + 1:
            if _modifies_noun_after(doc, end):
                continue
            if _channel_number(doc, end):
                end += 1  # "radio station Harbour 1 last week": the channel's number ends its name
            if kind.text[0].isupper():
                continue  # "The Daily Lantern": the kind word begins the name itself
            # "the weekly Kuste am Sonntag", "news outlet Brask i Norra"
            found.append(Span(doc, kind.i + 1, connected_title_end(doc, end), label="ORG"))
            continue
        before = kind.i - 1
        if before >= 0 and doc[before].lower_ == "news":
            before -= 1
        elif kind.text[0].isupper() and not kind.is_sent_start:
            # "the Harbour Energy Agency", "the Harbour Evening Journal": the kind word ends the
            # name itself, which is not an outlet's without it ("the Harbour News Agency" is).
            continue
        start = before + 1
        while start > kind.sent.start and (_name_word(doc[start - 1]) or _joining_hyphen(doc, start - 1)):
            start -= 1
        if (
            start - 2 >= kind.sent.start
            and start <= before
            and doc[start - 1].is_title
            and doc[start - 1].lower_ in WEEKDAYS
            and doc[start - 2].lower_ == "the"
        ):
            start -= 1  # "the Sunday Lantern newspaper": a weekday after "the" opens the title
        tagged = _tagged_name_before(doc, kind.i)
        if tagged is not None and (tagged.start < start or tagged.end > before + 1):
            found.append(tagged)
            continue
        if start == kind.sent.start and start <= before and doc[start].pos_ != "PROPN":
            # "Conservative radio host X": a sentence's first word is capitalised anyway;
            # only a proper noun there begins a name.
            start += 1
        run = doc[start : before + 1]
        if not len(run) or (len(run) == 1 and gazetteer.country_of(run.text)):
            continue
        if all(t.lower_ in gazetteer.OUTLET_NOUNS for t in run):
            continue  # "told another TV station", "the TV channel of ...": a kind, no name
        if all(t.ent_type_ in ("GPE", "LOC") for t in run):
            # A place before the kind word says where the outlet is, unless the two are its
            # name: "told Vesterland magazine" (no article), not "told the Vesterland daily".
            if before == kind.i - 1 and not (start > 0 and doc[start - 1].pos_ == "DET"):
                found.append(Span(doc, start, kind.i + 1, label="ORG"))
            continue
        found.append(Span(doc, start, before + 1, label="ORG"))
    return found


def _modifies_noun_after(doc: Doc, end: int) -> bool:
    """Do the capitalised words ending before `end` modify the common noun after them: "the
    daily Harbour Hall briefing" (the kind word before them an adjective, "every day", and
    the words no outlet's name)?"""
    return (
        end < len(doc)
        and doc[end].pos_ == "NOUN"
        and doc[end - 1].head == doc[end]
        and doc[end - 1].dep_ == "compound"
    )


def _tagged_name_before(doc: Doc, end: int) -> Span | None:
    """The tagger's organisation name that ends right before the kind noun at `end`, where
    it names the outlet further than the capitalised words read back from the noun: over a
    connector ("the Gazeta de Norra daily") or the capitalised "News" of its name ("Harbour
    News television"). (A weekday that opens a title the tagger reads as a date: the caller
    joins it.)"""
    ent = ent_ending_at(doc, end)
    if ent is None or ent.label_ != "ORG":
        return None
    start = ent.start
    while start < end and doc[start].pos_ == "DET":
        start += 1  # "the Gazeta de Norra": the article is no part of the name
    name = doc[start:end]
    if len(name) < 2 or not name[0].text[:1].isupper():
        return None
    if not all(t.text[:1].isupper() or t.lower_ in NAME_CONNECTORS for t in name):
        return None
    return Span(doc, start, end, label="ORG")


def _name_word(token: Token) -> bool:
    """A word of an outlet's name: capitalised ("Today", "KESTA") or a digit-led token
    ("7HTV"), never a weekday or month ("told the daily Monday")."""
    if token.is_punct or token.is_space or token.lower_.rstrip(".") in MONTHS_AND_DAYS:
        return False
    return token.is_title or token.is_upper or (token.text[:1].isdigit() and not token.is_digit)


def _joining_hyphen(doc: Doc, k: int) -> bool:
    """A hyphen written without spaces between two words of a name ("Al-Norra television")."""
    return (
        doc[k].text == "-"
        and k > 0
        and not doc[k - 1].whitespace_
        and not doc[k].whitespace_
        and _name_word(doc[k - 1])
    )


def _channel_number(doc: Doc, k: int) -> bool:
    """A one- or two-digit number that ends a channel's name ("Harbour 1", "Norland 24"), not
    a count of what follows ("the daily Courier 5 times")."""
    return (
        k < len(doc)
        and doc[k].is_digit
        and len(doc[k]) <= 2
        and (k + 1 >= len(doc) or doc[k + 1].pos_ not in ("NOUN", "PROPN", "NUM"))
    )
