"""From a parsed article to its typed facts: one module per fact type."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.ingest.articles import Article
from kg.model import ArticleFacts, Entity, Event, Role
from kg.nlp.cached import indexed_sentences
from kg.nlp.dates import parse_published
from kg.nlp.descriptions import link_descriptions
from kg.nlp.entities import index_entities
from kg.nlp.facts.calls import CALL_FINDER
from kg.nlp.facts.events import extract_events
from kg.nlp.facts.interviews import extract_interviews
from kg.nlp.facts.meetings import MEETING_FINDER
from kg.nlp.facts.quotes import bind_first_person, extract_quotes, link_outlets
from kg.nlp.facts.roles import extract_roles
from kg.nlp.groups import resolve_groups

# Same-length replacements only: character offsets into the parsed text stay offsets into
# the article. A no-break space glued to a name otherwise derails the parser.
_SPACES = str.maketrans({"\xa0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\t": " "})

# spaCy's tokenizer takes time quadratic in the length of a run without white space made
# of punctuation it splits off one character at a time: 16,000 quotation marks in a row take
# 26 s, 100,000 would take a quarter of an hour. No word or link in news is this long, so a
# longer run gets a space every MAX_RUN characters (in the parsed text only; evidence quotes
# the article as it is).
MAX_RUN = 100
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def _break_run(match: re.Match[str]) -> str:
    step = MAX_RUN + 1
    return "".join(" " if i % step == MAX_RUN else char for i, char in enumerate(match.group()))


# Some archives write a double quotation mark as two apostrophes (''Yes,'' she said). The
# parser and the quotation finder know the curly marks, so each pair becomes one, with a
# space for its second character on the side of the quoted words (the quotation finder
# leaves that space out; outside the marks the text stays as it was): an opening pair stands
# before a word, a closing pair after one (of three apostrophes, the last two close).
_OPENING_PAIR = re.compile(r"(?:^|(?<=[\s(\[]))''(?=[^\s'])", re.MULTILINE)
_CLOSING_PAIR = re.compile(r"(?<=\S)''(?!')")


# Web pages of some outlets, taken as text, carry a site's inline link boxes inside the
# sentence: after a person's name, the full name glued to the headlines of related stories,
# ended by "MORE" ("... said Sen. Ana Ruiz Ana Maria RuizSenate passes bill Ruiz meets
# donors MORE (D-Calif.) on Monday"). The parser reads the name and the headlines as one
# phrase: names grow ("Ana Ruiz Ana Maria RuizSenate"), and a headline's "meets" becomes an
# encounter of the sentence. The box, from the full name to "MORE", is blanked in the parsed
# text; the name as written stays. The full name ends in the shown name's surname, glued to
# the first headline, or opens with the shown name's given name ("Ana Ruiz Ana Ruiz Senate
# passes bill ... MORE"). A card with no headline ends in "MORE" glued to the full name
# ("Ana Maria RuizMORE").
_LINK_BOX_GLUED = re.compile(
    r"\b(?P<surname>[A-Z][\w'\u2019.-]*[a-z]) (?!(?:Jr|Sr)\.)"
    r"(?P<box>(?:[A-Z(][^\s]* ){0,5}?(?P=surname)(?=[^\sa-z])[^\n]{0,700}?(?:\b|(?<=[a-z]))MORE\b)"
)
_LINK_BOX_REPEATED = re.compile(
    r"\b(?P<given>[A-Z][a-z]+)(?: [A-Z][\w'\u2019.-]*){1,3} ?"
    r"(?P<box>(?P=given)\b[^\n]{0,700}?(?:\b|(?<=[a-z]))MORE\b)"
)


def _blank_link_boxes(text: str) -> str:
    boxes = [m.span("box") for m in _LINK_BOX_GLUED.finditer(text)]
    ends = {end for _, end in boxes}
    # The repeated given name only where no glued surname found the box ("Jr." shown
    # between the two names keeps it from the glued form).
    boxes += [m.span("box") for m in _LINK_BOX_REPEATED.finditer(text) if m.end("box") not in ends]
    for start, end in boxes:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def text_for_nlp(text: str) -> str:
    if "''" in text:
        text = _CLOSING_PAIR.sub(" \u201d", _OPENING_PAIR.sub("\u201c ", text))
    if "MORE" in text:
        text = _blank_link_boxes(text)
    return _LONG_RUN.sub(_break_run, text.translate(_SPACES))


def _with_two_parties(events: list[Event], roles: list[Role]) -> list[Event]:
    """An encounter of a person with the body or country they hold a title at, and no one
    else ("Director General Ana Lopes of the Harbour Union attended the meeting the Union
    hosted"), is one party, not two: no encounter."""
    own = {(role.person, role.org) for role in roles}
    return [
        event
        for event in events
        if len(event.participants) != 2
        or (tuple(event.participants) not in own and tuple(reversed(event.participants)) not in own)
    ]


def extract_facts(doc: Doc, article: Article) -> ArticleFacts:
    """Every fact in one article. `doc` is the parse of `text_for_nlp(article.text)`."""
    with indexed_sentences(doc):
        return _extract_facts(doc, article)


def _extract_facts(doc: Doc, article: Article) -> ArticleFacts:
    doc.user_data["kg_text"] = article.text
    # The headline may give the medium the body leaves out ("X's Call with Y": calls.py).
    doc.user_data["kg_title"] = article.title
    published = parse_published(article.published)
    index = index_entities(doc)
    link_descriptions(index)
    resolve_groups(doc, index)
    bind_first_person(doc, index)
    # A call finder runs first: "talks by telephone" are a call, not a meeting.
    events = extract_events(doc, index, article.id, published, [CALL_FINDER, MEETING_FINDER])
    interviews = extract_interviews(doc, index, article.id, published)
    roles = extract_roles(doc, index, article.id)
    events = _with_two_parties(events, roles)
    quotes = link_outlets(extract_quotes(doc, index, article.id, published), interviews)
    used: set[Entity] = set()
    for event in events:
        used.update(event.participants)
        if event.place:
            used.add(event.place)
    for interview in interviews:
        used.update((interview.outlet, interview.person))
    for role in roles:
        used.update((role.person, role.org))
    for quote in quotes:
        used.update(
            e for e in (quote.speaker, quote.outlet, quote.relayed_by, *quote.mentions) if e is not None
        )
    return ArticleFacts(
        article_id=article.id,
        published=article.published,
        outlet=article.outlet,
        title=article.title,
        url=article.url,
        content_hash=article.content_hash,
        text_hash=article.text_hash,
        entities=tuple(sorted(used)),
        events=tuple(events),
        interviews=tuple(sorted(interviews, key=lambda i: (i.outlet, i.person))),
        roles=tuple(sorted(roles, key=lambda r: (r.person, r.title, r.org))),
        quotes=tuple(quotes),
    )
