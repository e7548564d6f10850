"""The body a title is held at: the organisation or country that the words before a title
name ("Baltic Union", "Norlandic army", a possessive "Ruritania's"), or its "of" phrase after
a name or a title ("of the Harbour police", "of the Vardholm company", "(HA)"). Used by the
role readers (kg/nlp/facts/roles.py) once the title's words are read (title_words.py)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.model import Entity
from kg.nlp import gazetteer
from kg.nlp.dates import MONTHS_AND_DAYS
from kg.nlp.entities import ArticleEntities
from kg.nlp.facts.title_words import LOOSE_MODIFIERS, ORGANISATION_WORDS, PARTY_WORDS, is_title, participle
from kg.nlp.lexicon import words
from kg.nlp.names.furniture import page_furniture_end
from kg.nlp.titles import HYPHENS, PORTFOLIO_NOUNS

ORG_TYPES = {"country", "organization", "place", "outlet"}
# Who may employ the holder of an office whose reach is a region ("the Union's Africa director").
EMPLOYER_TYPES = ORG_TYPES - {"place"}
# "pro-Norland President X": whom the holder sides with, not where the title is held.
STANCE_PREFIXES = words("stance-prefixes")


def body_after(name: Span, index: ArticleEntities) -> Entity | None:
    """The body in an "of" phrase right after a name ("X of Norland", "X of the Harbour
    police", "X of the Norlandic Supreme Court")."""
    doc = name.doc
    k = name.end
    if k + 1 >= len(doc) or doc[k].lower_ != "of":
        return None
    k += 1
    if doc[k].lower_ == "the":
        k += 1
    if k >= len(doc):
        return None
    end = k
    while end < len(doc) and doc[end].pos_ in ("PROPN", "ADJ", "NOUN"):
        end += 1
    words = list(doc[k:end])
    entity = index.entity_at(doc[k])
    span = index.span_of(doc[k])
    named = entity if entity is not None and entity.type in ORG_TYPES else None
    if named is not None and span is not None and span.end >= end:
        return named
    # A body noun after a name or nationality: "the Harbour police", "the Norlandic army".
    if len(words) > 1 and words[-1].lower_ in ORGANISATION_WORDS:
        # "the Norlandic Supreme Court": capitalised words the tagger left out name a body too.
        capitalised = all(t.is_title for t in words)
        body = Entity(doc[k:end].text, "organization") if capitalised else org_entity(words, index)
        if body is not None:
            return body
    if named is not None and span is not None:
        return named
    # A country the tagger left out: the longest run of capitalised words the gazetteer knows.
    for stop in range(min(len(doc), k + 4), k, -1):
        country = gazetteer.country_of(doc[k:stop].text)
        if country:
            return Entity(country, "country")
    return None


def inner_title_words(
    org_tokens: list[Token], title_tokens: list[Token], index: ArticleEntities, owner_elsewhere: bool
) -> tuple[list[Token], list[Token]]:
    """Move the common words between the body and the title noun into the title: "Norland's
    chief nuclear negotiator", "Baltic Union foreign policy chief", "Alpine Front delegation
    representative". Lower-case words after the last word of a name or country are the
    title's, unless they end in a noun of a body ("army information service", "coalition"); where the
    body is named elsewhere (a possessive, an "of" phrase), all such words are."""
    naming = [
        k for k, t in enumerate(org_tokens) if index.entity_at(t) is not None or gazetteer.country_of(t.text)
    ]
    if not naming and not owner_elsewhere:
        return org_tokens, title_tokens
    cut = naming[-1] + 1 if naming else 0
    tail = org_tokens[cut:]
    while tail and tail[0].lower_ in LOOSE_MODIFIERS:
        tail = tail[1:]
    if not tail or not all(t.is_lower and t.pos_ in ("NOUN", "ADJ") and not participle(t) for t in tail):
        return org_tokens, title_tokens
    if tail[-1].lower_ in ORGANISATION_WORDS:
        return org_tokens, title_tokens
    # In text order: a prefix moved out of the body ("deputy Harbour Link program manager") stands first.
    return org_tokens[:cut], sorted([*tail, *title_tokens], key=lambda t: t.i)


def org_entity(tokens: list[Token], index: ArticleEntities) -> Entity | None:
    """The organisation or country that org words name."""
    if not tokens:
        return None
    doc = tokens[0].doc
    furniture_end = page_furniture_end(doc, tokens[0].i, tokens[-1].i + 1)
    if furniture_end is not None:
        # "Related Story US Attorney-General X": the page's furniture is no part of the body.
        tokens = [t for t in tokens if t.i >= furniture_end]
    # "On Thursday Norpec secretary-general X": the day the title reader ran over is no part
    # of the body.
    while tokens and tokens[0].lower_ in MONTHS_AND_DAYS and tokens[0].ent_type_ in ("DATE", "TIME"):
        tokens = tokens[1:]
    if not tokens:
        return None
    if any(
        doc[i].lower_ in STANCE_PREFIXES and doc[i + 1].text in HYPHENS
        for i in range(max(tokens[0].i - 2, 0), tokens[-1].i)
    ):
        return None  # "pro-Norland President X", "anti-Union minister X"
    if len(tokens) == 1 and tokens[0].ent_type_ in ("NORP", "GPE", "ORG"):
        # "Swedish Cabinet Secretary": the tagger's span runs into the title; the
        # nationality word alone is the country.
        country = gazetteer.country_of(tokens[0].text)
        if country:
            return Entity(country, "country")
    state = tokens[0]
    if (
        len(tokens) == 1
        and state.ent_type_ == "GPE"
        and state.i + 1 < len(doc)
        and doc[state.i + 1].lower_ in PARTY_WORDS
        and (named := index.entity_at(state)) is not None
        and named.type == "person"
        and named.name == state.text
    ):
        # "the former Vermont Democratic governor": the title reader set the party word
        # aside, and the entity layer read "former Vermont" as a person's; the tagger's
        # place is the body.
        return Entity(state.text, "place")
    entities = {index.entity_at(t) for t in tokens}
    entities.discard(None)
    if len(entities) == 1 and all(index.entity_at(t) is not None for t in tokens):
        entity = next(iter(entities))
        assert entity is not None
        if entity.type not in ORG_TYPES:
            return None
        return _body_before_title_words(tokens, entity, index)
    if len(tokens) == 1:
        country = gazetteer.country_of(tokens[0].text)
        return Entity(country, "country") if country else _named_elsewhere(tokens[0], index)
    # "French army information service": a body named by words around a name.
    if any(index.entity_at(t) is not None for t in tokens) and all(
        t.pos_ in ("PROPN", "NOUN", "ADJ") for t in tokens
    ):
        place = _place_after_a_description(tokens, index)
        if place is not None:
            return place
        name = " ".join(t.text for t in tokens)
        return Entity(name, "organization")
    return None


def _place_after_a_description(tokens: list[Token], index: ArticleEntities) -> Entity | None:
    """ "fellow candidate Norland Senator X", "civil rights icon Harbour State Rep. X": words
    that describe the holder, a lower-case noun among them, before the country or place the
    title is held for; the place alone is where it is held, the description no body."""
    last = index.entity_at(tokens[-1])
    span = index.span_of(tokens[-1])
    if last is None or span is None or last.type not in ("country", "place"):
        return None
    before = [t for t in tokens if t.i < span.start]
    if before and any(t.pos_ == "NOUN" and t.is_lower for t in before):
        return last
    return None


def body_words_given_back(
    org_tokens: list[Token], title_tokens: list[Token], index: ArticleEntities
) -> tuple[list[Token], list[Token]]:
    """ "Alpine Liberation Army commander X", "Norland Communist Party leader X": a tagged
    body's name that ends in a body noun keeps the words the title reader took from it
    ("army", "party" also begin titles: "army commander")."""
    if not org_tokens or not title_tokens:
        return org_tokens, title_tokens
    span = index.span_of(org_tokens[0])
    if span is None or span.start != org_tokens[0].i or span[-1].lower_ not in ORGANISATION_WORDS:
        return org_tokens, title_tokens
    given = [t for t in title_tokens if org_tokens[-1].i < t.i < span.end]
    rest = [t for t in title_tokens if t not in given]
    if not given or len(given) != span.end - 1 - org_tokens[-1].i or not any(map(is_title, rest)):
        return org_tokens, title_tokens
    return [*org_tokens, *given], rest


def _body_before_title_words(tokens: list[Token], entity: Entity, index: ArticleEntities) -> Entity:
    """ "Harbour Ledger National Security editor X": the tagger ran the body's name into the
    title's field words, which the title has taken; the body is the words before them (the
    story's entity of that name where it has one)."""
    span = index.span_of(tokens[0])
    if span is None or span.start != tokens[0].i or span.end <= tokens[-1].i + 1:
        return entity
    text = " ".join(t.text for t in tokens)
    return index.named(text) or Entity(text, "organization")


def _named_elsewhere(token: Token, index: ArticleEntities) -> Entity | None:
    """A body's name the tagger missed here but read elsewhere in the story: "BU Secretary
    General X" where a later "BU" is the Baltic Union. Only a capitalised word, and only
    where every other mention of it names the same body."""
    if not (token.is_title or token.is_upper) or token.ent_type_:
        return None
    found = {index.entity_at(t) for t in token.doc if t.i != token.i and t.text == token.text and t.ent_type_}
    if len(found) != 1:
        return None
    entity = found.pop()
    return entity if entity is not None and entity.type in ("country", "organization") else None


def possessive_mark(token: Token) -> bool:
    """ "'s", or the bare apostrophe after a name ending in s ("the Harbour News' editor"),
    which the tagger may take for a quotation mark."""
    return token.tag_ == "POS" or (
        token.text in ("'", "’")
        and token.i > 0
        and token.nbor(-1).lower_.endswith("s")
        and not token.nbor(-1).whitespace_
    )


def marked_owner(mark: Token, index: ArticleEntities) -> Entity | None:
    """The body whose possessive mark this is, where the parser hung no possessive on the title."""
    if mark.i == 0:
        return None
    owner = index.entity_at(mark.nbor(-1))
    return owner if owner is not None and owner.type in EMPLOYER_TYPES else None


def portfolio_word(token: Token, index: ArticleEntities) -> bool:
    """A word of the field an office is "of" or "for" ("Minister for Water and Power",
    "Director of National Intelligence"): a known portfolio noun, or a capitalised word that
    names no body, country or place (those make the phrase the body: "Minister of Uganda")."""
    if token.lower_ in PORTFOLIO_NOUNS:
        return True
    return (
        token.is_title
        and token.pos_ in ("PROPN", "NOUN", "ADJ")
        and index.entity_at(token) is None
        and not token.ent_type_
        and token.lower_ not in ORGANISATION_WORDS
        and not gazetteer.country_of(token.text)
    )


def employer_over_region(
    region: Entity, owner: Entity | None, org_tokens: list[Token], title_tokens: list[Token]
) -> tuple[Entity, list[Token]]:
    """ "the Union's Africa director X": where the possessor is a body that employs, it is the
    employer and the region before the title is the office's reach, part of the title; else
    the region stays the body and the title is unchanged."""
    if owner is not None and owner.type in EMPLOYER_TYPES:
        return owner, [*org_tokens, *title_tokens]
    return region, title_tokens


def bracketed_body(doc: Doc, close: int, index: ArticleEntities) -> Entity | None:
    """The body a one-word bracket closing at `close` names: its short name as linked
    ("(HA)"), else the body whose name stands right before the brackets ("Alpine League (AL)",
    where the tagger saw no name in the short one)."""
    if close < 3 or doc[close].text != ")" or doc[close - 2].text != "(":
        return None
    for token in (doc[close - 1], doc[close - 3]):
        body = index.entity_at(token) if token.i >= doc[close].sent.start else None
        if body is not None:
            return body if body.type in ORG_TYPES else None
    return None


def possessor(head: Token, index: ArticleEntities) -> Entity | None:
    """The country or organisation in a possessive before a title: "Ruritania's"."""
    owners = (index.entity_at(c) for c in head.children if c.dep_ == "poss")
    return next((e for e in owners if e is not None and e.type in ORG_TYPES), None)


def possessor_among(tokens: tuple[Token, ...], index: ArticleEntities) -> Entity | None:
    """The first possessor (`possessor`) any of `tokens` has: the parser hangs "Ruritania's"
    on the name or on any word of the title."""
    return next((owner for t in tokens if (owner := possessor(t, index)) is not None), None)


def possessed_body(noun: Token, index: ArticleEntities) -> Entity | None:
    """A body the text names only by a possessor and common nouns, ending in a noun for a
    body: "Norland's joint chiefs of staff committee" (its words after the possessive)."""
    owners = [
        c
        for c in noun.children
        if c.dep_ == "poss" and (e := index.entity_at(c)) is not None and e.type in EMPLOYER_TYPES
    ]
    if not owners:
        return None
    start = owners[0].right_edge.i + 1
    if start < len(noun.doc) and noun.doc[start].tag_ == "POS":
        start += 1
    words_ = list(noun.doc[start : noun.right_edge.i + 1])
    if not words_ or words_[-1].lower_ not in ORGANISATION_WORDS or any(t.is_punct for t in words_):
        return None
    return Entity(" ".join(t.text for t in words_), "organization")


def body_of_its_part(noun: Token, index: ArticleEntities) -> Entity | None:
    """The named body a part of it stands for: "the chief of the Harbour Front bloc", "the
    leader of the powerful Alpine Alliance list", "head of the Union mission": the body
    compounded into a common noun that is no portfolio."""
    if noun.pos_ != "NOUN" or noun.lower_ in PORTFOLIO_NOUNS:
        return None
    for part in (c for c in noun.lefts if c.dep_ == "compound"):
        entity = index.entity_at(part)
        if entity is not None and entity.type == "organization":
            return entity
    return _body_named_by_one_word(noun, index)


def _body_named_by_one_word(noun: Token, index: ArticleEntities) -> Entity | None:
    """A noun for a body after the one word that names it: a nationality, which makes the
    body's name with it ("the Norlandic army"), or a capitalised name the tagger did not
    read as a body's, which is the body's name ("the Vardholm company")."""
    mods = [c for c in noun.lefts if c.dep_ in ("amod", "compound", "nmod")]
    if noun.lower_ not in ORGANISATION_WORDS or len(mods) != 1 or mods[0].i != noun.i - 1:
        return None
    word = mods[0]
    if not word.is_title or not word.is_alpha:
        return None
    if gazetteer.country_of(word.text):
        return Entity(f"{word.text} {noun.text}", "organization") if word.ent_type_ == "NORP" else None
    named = index.entity_at(word)
    if word.pos_ == "PROPN" and (named is None or named.type == "person"):
        return Entity(word.text, "organization")
    return None


def body_of(portfolio: Token, index: ArticleEntities) -> Token | None:
    """The "of" preposition after a portfolio that names a body: "of the X Army"."""
    for prep in (c for c in portfolio.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            entity = index.entity_at(pobj)
            if entity is not None and entity.type in ORG_TYPES:
                return prep
    return None
