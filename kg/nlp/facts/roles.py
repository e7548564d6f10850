"""Who holds which title where: "Estonian President Tomas Revik", "Palace spokesperson
Ilse Brandt", "Lindqvist, the Swedish foreign minister", "the head of the
Alpine Council, Franz Weber", "his Polish counterpart Piotr Varga"."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.model import Entity, Evidence, Role
from kg.nlp import gazetteer
from kg.nlp.entities import ArticleEntities
from kg.nlp.facts.mention import evidence_of
from kg.nlp.factuality import PLANNED_ADJECTIVES
from kg.nlp.lexicon import words
from kg.nlp.titles import PORTFOLIO_NOUNS, TITLE_ABBREVIATIONS

ORG_TYPES = {"country", "organization", "place", "outlet"}
# Who may employ the holder of an office whose reach is a region ("the Union's Africa director").
EMPLOYER_TYPES = ORG_TYPES - {"place"}
# Words before a nationality that stay in the title, and words that are in neither.
TITLE_PREFIXES = words("title-prefixes")
LOOSE_MODIFIERS = words("loose-modifiers")
# Titles of people posted somewhere ("ambassador to the UN", "envoy to Somalia").
POSTED_TITLES = words("posted-titles")
# "pro-Norland President X": whom the holder sides with, not where the title is held.
STANCE_PREFIXES = words("stance-prefixes")
# "a potential US senator": an office not held (yet).
# Nouns that end the name of a body ("army information service"), not a title.
ORGANISATION_WORDS = words("organisation-words") | words("body-nouns")
_SINGULAR = {
    "spokesmen": "spokesman",
    "spokeswomen": "spokeswoman",
    "chairmen": "chairman",
    "presidents": "president",
    "ministers": "minister",
    "secretaries": "secretary",
}


def normalise_title(words: list[str]) -> str:
    """Lower case, singular, spokesperson for spokesman and spokeswoman; the rest as written,
    so an abbreviation keeps its full stop ("Sen." -> "sen.", never "senator")."""
    words = [w.lower() for w in words]
    last = _SINGULAR.get(words[-1], words[-1])
    if last in ("spokesman", "spokeswoman"):
        last = "spokesperson"
    # "secretary - general" as the tokenizer split it is written "secretary-general".
    return " ".join([*words[:-1], last]).replace(" - ", "-").replace(" – ", "-")


def extract_roles(doc: Doc, index: ArticleEntities, article_id: str) -> list[Role]:
    found: dict[tuple[Entity, str, Entity], list[Evidence]] = {}
    # index.spans maps each token to its mention: one span per start, in text order.
    for _start, span in sorted({s.start: s for s in index.spans.values()}.items()):
        person = index.entity_at(span.root)
        if person is None or person.type != "person":
            continue
        for title, org in _roles_of(span, index):
            key = (person, title, org)
            evidence = evidence_of(article_id, span.root.sent)
            found.setdefault(key, [])
            if evidence not in found[key]:
                found[key].append(evidence)
    for person, title, org_name, sentence in index.described_roles:
        named = next((e for e in index.entities if e.name == org_name and e.type in ORG_TYPES), None)
        org = named or Entity(org_name, "country")
        found.setdefault((person, title, org), []).append(evidence_of(article_id, sentence))
    return [
        Role(person=p, title=t, org=o, evidence=tuple(sorted(set(ev)))) for (p, t, o), ev in found.items()
    ]


def _premodifier_roles(name: Span, index: ArticleEntities) -> list[tuple[str, Entity]]:
    """The title read before the name, no comma between (the first reader that finds one)."""
    if role := _premodifier_role(name, index):
        return [role]
    if roles := _title_run_roles(name, index):
        return roles
    role = _bracketed_body_role(name, index) or _title_of_body_role(name, index)
    return [role] if role else []


def _roles_of(name: Span, index: ArticleEntities) -> list[tuple[str, Entity]]:
    premodifier = _premodifier_roles(name, index)
    roles: list[tuple[str, Entity]] = list(premodifier)
    head = name.root
    # "Lindqvist, the Swedish foreign minister": the title in apposition after the name.
    read: set[int] = set()
    for child in head.children:
        if child.dep_ == "appos" and child.i >= name.end and child.i not in read:
            if _person_between(name.end, child.left_edge.i, index):
                continue  # "X, Y, head of the Council": the title is the nearer name's
            unit = _hyphen_word(child)
            read.update(t.i for t in unit)
            role = _hyphen_title_role(unit, index) if len(unit) > 1 else _title_phrase_role(child, index)
            if role:
                roles.append(role)
            # "X, party chief and mayor of Harbourtown", "president and chief executive of the
            # Alpine Trust": the "of" phrase after the last title, which the parser hangs on
            # the first, is each title's.
            pair = [c for c in child.conjuncts if c.i > child.i and _is_title(c)]
            if pair:
                shared = tuple(p for p in child.children if p.dep_ == "prep" and p.i > pair[-1].i)
                paired = [r for c in pair if (r := _title_phrase_role(c, index, shared))]
                roles += paired
                if role is None and paired and (bare := _bare_title(child)):
                    # "X, deputy prime minister and minister of science of Norland": a title
                    # with no body of its own is held at the body the last one names.
                    roles.append((bare, paired[-1][1]))
            # "X, head of the Council and president of Norland": the parser hangs the next
            # title on the name or on the first title's body.
            for later in _titles_joined_after(unit, head, name, index):
                read.add(later.i)
                if role := _title_phrase_role(later, index):
                    roles.append(role)
    # "the head of the Alpine Council, Franz Weber" / "his Polish counterpart, Piotr Varga".
    if (
        head.dep_ == "appos"
        and head.head.i < name.start
        and (not premodifier or any(t.is_punct for t in name.doc[head.head.i + 1 : name.start]))
    ):
        # (A title run into the name, no comma between, is the premodifier already read.)
        unit = _hyphen_word(head.head)
        role = (
            _hyphen_title_role(unit, index)
            if len(unit) > 1
            else _title_phrase_role(head.head, index) or _counterpart_role(head.head, index)
        )
        placed = head.head
        if (
            role is None
            and placed.dep_ == "pobj"
            and placed.head.dep_ == "prep"
            and placed.head.head.i < placed.i
        ):
            # "the Alpine Front representative in Harbourtown, X": the parser hangs the name on
            # the place of the posting, not on the title before it.
            role = _title_phrase_role(placed.head.head, index)
        if role:
            roles.append(role)
    after = _apposition_written_after(name, index)
    if after is not None and (role := _title_phrase_role(after, index)):
        roles.append(role)
    if not roles:
        role = _listed_title_role(name, index)
        if role:
            roles.append(role)
    return roles


def _bare_title(head: Token) -> str | None:
    """The title a title noun and its modifiers make where they name no body and have no
    phrase after them ("deputy prime minister")."""
    if any(c.dep_ == "prep" for c in head.children):
        return None
    left = [t for t in head.lefts if t.dep_ in ("compound", "amod", "nmod")]
    split = _split_title([w for t in left for w in t.subtree if w.i < head.i] + [head])
    if split is None or split[0]:
        return None
    return normalise_title([t.text for t in split[1]])


def _titles_joined_after(unit: list[Token], head: Token, name: Span, index: ArticleEntities) -> list[Token]:
    """Title nouns joined by "and" after the title in apposition (`unit`, its words) that the
    parser hung on the name's head or inside the title's "of" phrase, not on the title: "Hu,
    general secretary of the party and president of China", "vice-president of the Council
    and minister of the Armed Forces". Not one that comes with a name of its own."""
    doc = name.doc
    # (A named body's: the parser hangs a title on a common noun as on a body of its own.)
    hosts = {head.i} | {
        t.i for word in unit for t in word.subtree if t.dep_ == "pobj" and index.entity_at(t) is not None
    }
    own = {c.i for word in unit for c in word.conjuncts}
    found = []
    for host in sorted(hosts):
        for later in doc[host].children:
            if (
                later.dep_ == "conj"
                and later.i > unit[-1].i
                and later.i not in own
                and _is_title(later)
                and doc[later.left_edge.i - 1].lower_ == "and"
                and not any(_person_span(t, index) is not None for t in later.subtree)
                and not _person_between(name.end, later.i, index)
            ):
                found.append(later)
    return found


def _person_between(start: int, end: int, index: ArticleEntities) -> bool:
    return any(_person_span(t, index) is not None for t in index.doc[start:end])


def _apposition_written_after(name: Span, index: ArticleEntities) -> Token | None:
    """A title written right after this name, comma between, that the parser hung on an
    earlier name: "Lind, Varga, head of the Council" and "Weber and his son Tomas Weber,
    the former attorney general of X" describe Varga and Tomas Weber."""
    doc = name.doc
    if name.end + 1 >= len(doc) or doc[name.end].text != ",":
        return None
    title = doc[name.end + 1]
    while title.head.i != title.i and title.head.left_edge.i == name.end + 1:
        title = title.head
    earlier = title.head
    if title.dep_ != "appos" or earlier.i >= name.start or _person_span(earlier, index) is None:
        return None
    return title


def _person_span(token: Token, index: ArticleEntities) -> Span | None:
    span = index.span_of(token)
    entity = index.entity_at(token)
    return span if span is not None and entity is not None and entity.type == "person" else None


def _body_after(name: Span, index: ArticleEntities) -> Entity | None:
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
        body = Entity(doc[k:end].text, "organization") if capitalised else _org_entity(words, index)
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


def _listed_title_role(name: Span, index: ArticleEntities) -> tuple[str, Entity] | None:
    """People listed in text order after one plural title, each with a body of their own:
    "Presidents Tomas Revik of Norland, Karel Vondrak of Ostmark and Anna Lind of Vesterland"
    (the body of each one's "of" phrase), "the Norlandic and Ostmarkian premiers, Tomas
    Revik and Karel Vondrak" (the nationality in the same place of its list)."""
    doc, first = name.doc, name.sent.start
    own = _body_after(name, index)
    if own is not None and (start := _list_start(name, index)) < name.start:
        title = doc[start - 1] if start > first else None
        if (
            title is not None
            and _is_title(title)
            and (title.tag_ in ("NNS", "NNPS") or title.lower_ in _SINGULAR)
        ):
            return normalise_title([title.lemma_]), own
    return _nationalities_role(name, index)


def _list_start(name: Span, index: ArticleEntities) -> int:
    """Where the list `name` ends ("A of X, B of Y and `name`") starts: back along each
    earlier name and its "of" phrase to the first name (`name`'s own start if none)."""
    doc, first = name.doc, name.sent.start
    start = name.start
    while True:
        j = start - 1
        if j <= first or doc[j].lower_ not in (",", "and"):
            return start
        while j > first and doc[j].lower_ in (",", "and"):
            j -= 1
        body = index.span_of(doc[j])
        if body is None or (e := index.entity_at(doc[j])) is None or e.type not in ORG_TYPES:
            if not gazetteer.country_of(doc[j].text) and not doc[j].is_title:
                return start
            k = j
            while k > first and doc[k - 1].lower_ != "of":
                k -= 1
            body_start = k
        else:
            body_start = body.start
        j = body_start - 1
        if j > first and doc[j].lower_ == "the":
            j -= 1
        if j <= first or doc[j].lower_ != "of" or (person := _person_span(doc[j - 1], index)) is None:
            return start
        start = person.start


def _nationalities_role(name: Span, index: ArticleEntities) -> tuple[str, Entity] | None:
    """'the Norlandic and Ostmarkian premiers, A and B': the names pair off with the
    nationalities in order."""
    doc, first = name.doc, name.sent.start
    j = name.start - 1
    while j > first:
        person = _person_span(doc[j], index)
        if person is not None:
            j = person.start - 1
        elif doc[j].lower_ in (",", "and"):
            j -= 1
        else:
            break
    if j <= first or doc[j + 1].text != "," or not (doc[j].tag_ in ("NNS", "NNPS") and _is_title(doc[j])):
        return None
    title = doc[j]
    countries = [
        gazetteer.country_of(t.text) for t in title.subtree if t.i < title.i and gazetteer.country_of(t.text)
    ]
    people: list[Span] = []
    k = j + 2
    while k < len(doc) and (span := _person_span(doc[k], index)) is not None:
        people.append(span)
        k = span.end
        while (
            k < len(doc)
            and doc[k].lower_ in (",", "and")
            and k + 1 < len(doc)
            and _person_span(doc[k + 1], index)
        ):
            k += 1
        if k < len(doc) and doc[k].lower_ in (",", "and") and _person_span(doc[k], index) is None:
            k += 1
    starts = [p.start for p in people]
    if len(countries) < 2 or len(countries) != len(people) or name.start not in starts:
        return None
    country = countries[starts.index(name.start)]
    assert country is not None
    return normalise_title([title.lemma_]), Entity(country, "country")


def _hyphen_word(token: Token) -> list[Token]:
    """The tokens of the hyphenated word `token` is part of ("vice-president",
    "commander-in-chief"), which the parser may have scattered over the phrase."""
    doc = token.doc
    start = end = token.i
    while start > 1 and doc[start - 1].text in HYPHENS and not doc[start - 1].whitespace_:
        if doc[start - 2].whitespace_:
            break
        start -= 2
    while end + 2 < len(doc) and doc[end + 1].text in HYPHENS and not doc[end].whitespace_:
        if doc[end + 1].whitespace_:
            break
        end += 2
    return list(doc[start : end + 1])


def _hyphen_title_role(unit: list[Token], index: ArticleEntities) -> tuple[str, Entity] | None:
    """A hyphenated title in apposition and the body its "of" phrase names: "X, the
    secretary-general of the Alpine Union", "vice-president of the Council of State"."""
    if not any(_is_title(t) for t in unit if t.text not in HYPHENS):
        return None
    inside = {t.i for t in unit}
    for token in unit:
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "at", "for")):
            if prep.i in inside:
                continue
            for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                entity = index.entity_at(pobj) or _body_of_its_part(pobj, index)
                if entity is not None and entity.type in ORG_TYPES:
                    return normalise_title(["".join(t.text for t in unit)]), entity
    return None


def _left_modifiers(name: Span) -> list[Token]:
    """The words before a name that modify it: "Chinese Foreign Ministry spokesman"."""
    doc = name.doc
    tokens: list[Token] = []
    i = name.start - 1
    while i >= name.sent.start:
        token = doc[i]
        if token.dep_ not in ("compound", "amod", "nmod") and token.tag_ != "HYPH":
            break
        if token.is_space or token.pos_ in ("DET", "PRON", "VERB"):
            break
        tokens.insert(0, token)
        i -= 1
    return tokens


def _split_title(tokens: list[Token]) -> tuple[list[Token], list[Token]] | None:
    """(org words, title words) where the title ends in a title noun."""
    if not tokens:
        return None
    last = tokens[-1]
    hyphen_suffix = (
        last.lower_ in HYPHEN_SUFFIXES
        and len(tokens) > 2
        and tokens[-2].text in HYPHENS
        and _is_title(tokens[-3])
    )
    if not (_is_title(last) or hyphen_suffix):
        return None
    cut = len(tokens) - 1
    while cut > 0:
        word = tokens[cut - 1].lower_
        # "Secretary-General", "Vice-President", "President-elect": the tokenizer splits
        # at the hyphen; a title word on its left keeps both halves in the title.
        if (
            word in HYPHENS
            and cut > 1
            and (_is_title(tokens[cut - 2]) or tokens[cut - 2].lower_ in TITLE_PREFIXES)
        ):
            cut -= 2
            continue
        if word in gazetteer.TITLE_MODIFIERS or word in gazetteer.TITLE_HEADS:
            if tokens[cut - 1].ent_type_ in ("NORP", "GPE") and gazetteer.country_of(word):
                break
            cut -= 1
        else:
            break
    return _shed_leading_words(tokens[:cut], tokens[cut:])


def _shed_leading_words(org: list[Token], title: list[Token]) -> tuple[list[Token], list[Token]]:
    """ "former Austrian chancellor", "top US envoy", "the chief Swedish negotiator": words
    before the country belong to the title ("former", a lower-case title word such as
    "chief") or to neither ("top", and a describing word the tagger left out of the name
    after it, as in "exiled Alpine Front leader": _describing_word_before_name)."""
    while len(org) > 1 and (
        org[0].lower_ in TITLE_PREFIXES
        or org[0].lower_ in LOOSE_MODIFIERS
        or _title_word_before_body(org)
        or _describing_word_before_name(org)
    ):
        if org[0].lower_ not in LOOSE_MODIFIERS and (
            org[0].lower_ in TITLE_PREFIXES or org[0].lower_ in gazetteer.TITLE_MODIFIERS
        ):
            title = [org[0], *title]
        org = org[1:]
    return org, title


def _describing_word_before_name(org: list[Token]) -> bool:
    """ "exiled Alpine Front leader", "incoming US envoy", "Special UN envoy" (first in its
    sentence): an adjective or participle the tagger left out of the name after it tells the
    holder's state or the kind of office; it is no part of the body."""
    first, name = org[0], org[1]
    return (
        not first.ent_type_
        and name.ent_type_ in ("ORG", "GPE", "NORP")
        and (first.is_lower or (first.i == first.sent.start and first.is_title))
        and (first.pos_ in ("ADJ", "VERB") or first.tag_ in ("JJ", "VBN", "VBG"))
        and not gazetteer.country_of(first.text)
        and first.lower_ not in PLANNED_ADJECTIVES  # "potential US senator X" holds no office yet
    )


def _title_word_before_body(org: list[Token]) -> bool:
    """A lower-case title word before the body's name: "chief" in "the chief Swedish
    negotiator" is the title's, not the body's."""
    return org[0].is_lower and org[0].lower_ in gazetteer.TITLE_MODIFIERS and not org[1].is_lower


def _inner_title_words(
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
    if not tail or not all(t.is_lower and t.pos_ in ("NOUN", "ADJ") and not _participle(t) for t in tail):
        return org_tokens, title_tokens
    if tail[-1].lower_ in ORGANISATION_WORDS:
        return org_tokens, title_tokens
    # In text order: a prefix moved out of the body ("deputy Harbour Link program manager") stands first.
    return org_tokens[:cut], sorted([*tail, *title_tokens], key=lambda t: t.i)


def _participle(token: Token) -> bool:
    """A participle tells the holder's state, not the office: "exiled king", "deposed
    king" (the tagger often calls them adjectives)."""
    return token.tag_ in ("VBN", "VBG") or token.lower_.endswith("ed")


HYPHENS = {"-", "–"}
# Second halves of hyphenated titles: "president-elect", "premier-designate".
HYPHEN_SUFFIXES = {"elect", "designate"}


def _is_title(token: Token) -> bool:
    return (
        token.lower_ in gazetteer.TITLE_HEADS
        or token.lemma_.lower() in gazetteer.TITLE_HEADS
        or _abbreviated(token.lower_)
    )


def _joining_hyphen(token: Token) -> bool:
    """A hyphen inside a title ("Secretary-General", split by the tokenizer), written with no
    space on either side; a spaced dash ("the candidates - Sen. X") ends the title."""
    return (
        token.text in HYPHENS
        and not token.whitespace_
        and token.i > 0
        and not token.doc[token.i - 1].whitespace_
    )


def _abbreviated(word: str) -> bool:
    """A title's abbreviation with its full stop: "sen." for "senator" (it makes the token a
    title; the role's title text stays as written)."""
    return word.endswith(".") and word[:-1] in TITLE_ABBREVIATIONS


def _org_entity(tokens: list[Token], index: ArticleEntities) -> Entity | None:
    """The organisation or country that org words name."""
    if not tokens:
        return None
    doc = tokens[0].doc
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
        name = " ".join(t.text for t in tokens)
        return Entity(name, "organization")
    return None


def _body_words_given_back(
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
    if not given or len(given) != span.end - 1 - org_tokens[-1].i or not any(map(_is_title, rest)):
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


def _premodifier_role(name: Span, index: ArticleEntities) -> tuple[str, Entity] | None:
    modifiers = _left_modifiers(name)
    split = _split_title(modifiers)
    if split is None or (split[0] and _of_an_earlier_title(split[0][0])):
        return None
    org_tokens, title_tokens = _body_words_given_back(*split, index)
    org_tokens, title_tokens = _inner_title_words(org_tokens, title_tokens, index, owner_elsewhere=False)
    org = _org_entity(org_tokens, index)
    if org is None and all(index.entity_at(t) is None for t in org_tokens):
        # "Ruritania's deposed King Otto", "Ruritania's foreign minister Otto Kern": the
        # parser hangs the possessive on the name or on any word of the title.
        org = _possessor_among((name.root, *modifiers), index)
        if org is not None:
            org_tokens, title_tokens = _inner_title_words(
                org_tokens, title_tokens, index, owner_elsewhere=True
            )
        if org is not None and len(org_tokens) > 1 and org_tokens[-1].lower_ in ORGANISATION_WORDS:
            # "Ruritania's foreign ministry spokesman X": the body the possessor owns.
            org = Entity(" ".join(t.text for t in org_tokens), "organization")
    elif (
        org is not None
        and modifiers
        and modifiers[0].i > name.sent.start
        and _possessive_mark(modifiers[0].nbor(-1))
    ):
        # "Ruritania's UN envoy X": the possessive names whom the holder serves; the body
        # between it and the title noun is where they serve, and part of the title. A
        # country's is where an envoy is posted, not an office held in the body there
        # ("Ruritania's Freedom Party leader X").
        owner = _possessor_among((name.root, *modifiers), index) or _marked_owner(
            modifiers[0].nbor(-1), index
        )
        posted = title_tokens[-1].lemma_.lower() in POSTED_TITLES
        if owner is not None and owner != org and (posted or owner.type != "country"):
            org, title_tokens = owner, [*org_tokens, *title_tokens]
    if org is None:
        return None
    return normalise_title([t.text for t in title_tokens]), org


def _possessive_mark(token: Token) -> bool:
    """ "'s", or the bare apostrophe after a name ending in s ("the Harbour News' editor"),
    which the tagger may take for a quotation mark."""
    return token.tag_ == "POS" or (
        token.text in ("'", "’")
        and token.i > 0
        and token.nbor(-1).lower_.endswith("s")
        and not token.nbor(-1).whitespace_
    )


def _marked_owner(mark: Token, index: ArticleEntities) -> Entity | None:
    """The body whose possessive mark this is, where the parser hung no possessive on the title."""
    if mark.i == 0:
        return None
    owner = index.entity_at(mark.nbor(-1))
    return owner if owner is not None and owner.type in EMPLOYER_TYPES else None


def _of_an_earlier_title(first: Token) -> bool:
    """ "Chairman of the Joint Staff Gen. X": the body before this title closes the "of"
    phrase of a title before it, and is that title's body, not this one's."""
    k = first.i - 1
    if k > first.sent.start and first.doc[k].lower_ == "the":
        k -= 1
    return k > first.sent.start and first.doc[k].lower_ == "of" and _is_title(first.doc[k - 1])


def _title_words_start(run: list[Token], head: int) -> int:
    """Where the title words before the title noun `run[head]` start: its modifiers, other
    title words and prefixes, up to a country's name or adjective."""
    left = head
    while left > 0 and (
        run[left - 1].lower_ in gazetteer.TITLE_MODIFIERS
        or _is_title(run[left - 1])
        or run[left - 1].lower_ in TITLE_PREFIXES
        or _joining_hyphen(run[left - 1])
    ):
        if run[left - 1].ent_type_ in ("NORP", "GPE") and gazetteer.country_of(run[left - 1].text):
            break
        left -= 1
    return left


def _title_run_roles(name: Span, index: ArticleEntities) -> list[tuple[str, Entity]]:
    """A title read in text order before a name, whatever the parser made of it: "US
    Secretary of State Anna Lindqvist", "Bank of Estonia governor Tomas Revik", "Prime
    Minister Karel Vondrak of Slovakia". The title is the title words around its last title
    noun, with an "of" phrase that names no body ("of State"); the body is what stands
    before the title, else the name's own "of" phrase."""
    doc = name.doc
    end = _posting_start(name)
    start = end
    while start > name.sent.start and _in_title_run(doc[start - 1]):
        start -= 1
    run = list(doc[start:end])
    heads = [k for k, t in enumerate(run) if _is_title(t)]
    if not heads:
        return []
    head = heads[-1]
    portfolio = run[head + 1 :]
    # After the title noun only its portfolio may follow ("of State", "for Foreign Affairs"):
    # "Bank of Estonia governor" has none, "Minister of Uganda X" names a body there instead.
    if portfolio and not (
        portfolio[0].lower_ in ("of", "for")
        and portfolio[-1].lower_ not in ("of", "for", "and", "the")
        and all(_portfolio_word(t, index) or t.lower_ in ("of", "for", "and", "the") for t in portfolio[1:])
    ):
        return []
    left = _title_words_start(run, head)
    joint: Token | None = None  # the "and" between two titles of one holder
    if left > 1 and run[left - 1].lower_ == "and" and (first := _title_words_start(run, left - 1)) < left - 1:
        if _is_title(run[left - 2]):
            joint = run[left - 1]  # "Deputy Prime Minister and Finance Minister X": one body, two titles
        left = first  # else "Economy and Finance Minister X": two fields, one title
    # "former Ostmark governor X", as the parser may leave it out of the name's modifiers.
    org_tokens, title_tokens = _shed_leading_words(run[:left], run[left : head + 1] + portfolio)
    if org_tokens and (org_tokens[-1].lower_ in ("of", "for", "and") or _of_an_earlier_title(org_tokens[0])):
        return []
    org = _org_entity(org_tokens, index) if org_tokens else None
    if org is None and not org_tokens:
        for prep in (c for c in name.root.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                entity = index.entity_at(pobj)
                if entity is not None and entity.type in ORG_TYPES:
                    org = entity
        if org is None and (after := _body_after(name, index)) is not None:
            # "Lieutenant X of the Harbour police", "President X of Norland": the "of" phrase
            # read in text order, where the parser or the tagger missed the body.
            org = after
    if org is None and not org_tokens and start > 0 and doc[start - 1].tag_ == "POS":
        # "Ruritania's Minister of Defence X": the possessive just before the title, which
        # the parser hangs on any word of it or on the name.
        org = _possessor_among((*run, name.root), index)
    elif (
        org is not None
        and org.type == "place"
        and org_tokens
        and start > 0
        and _possessive_mark(doc[start - 1])
    ):
        # "the Union's Africa director X": the employer in the possessive, the region its reach.
        owner = _possessor_among((*run, name.root), index) or _marked_owner(doc[start - 1], index)
        org, title_tokens = _employer_over_region(org, owner, org_tokens, title_tokens)
    if org is None:
        return []
    if joint is not None:
        cut = title_tokens.index(joint)
        return [
            (normalise_title([t.text for t in part]), org)
            for part in (title_tokens[:cut], title_tokens[cut + 1 :])
        ]
    return [(normalise_title([t.text for t in title_tokens]), org)]


def _portfolio_word(token: Token, index: ArticleEntities) -> bool:
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


def _employer_over_region(
    region: Entity, owner: Entity | None, org_tokens: list[Token], title_tokens: list[Token]
) -> tuple[Entity, list[Token]]:
    """ "the Union's Africa director X": where the possessor is a body that employs, it is the
    employer and the region before the title is the office's reach, part of the title; else
    the region stays the body and the title is unchanged."""
    if owner is not None and owner.type in EMPLOYER_TYPES:
        return owner, [*org_tokens, *title_tokens]
    return region, title_tokens


def _title_words_from(doc: Doc, end: int, floor: int) -> int:
    """Where the title words (title nouns, modifiers, prefixes) ending before `end` start, no
    further back than `floor`."""
    k = end
    while k > floor and (
        _is_title(doc[k - 1])
        or doc[k - 1].lower_ in gazetteer.TITLE_MODIFIERS
        or doc[k - 1].lower_ in TITLE_PREFIXES
    ):
        k -= 1
    return k


def _bracketed_body_role(name: Span, index: ArticleEntities) -> tuple[str, Entity] | None:
    """A title after a body's short name in brackets: "Harbour Authority (HA) acting
    director X", "peacekeeping force (HPF) spokesman X". The bracketed name, linked to
    its full name where the story gives it, is the body."""
    doc = name.doc
    k = _title_words_from(doc, name.start, name.sent.start)
    title = list(doc[k : name.start])
    if not title or not _is_title(title[-1]) or k - 3 < name.sent.start:
        return None
    body = _bracketed_body(doc, k - 1, index)
    if body is None:
        return None
    return normalise_title([t.text for t in title]), body


def _bracketed_body(doc: Doc, close: int, index: ArticleEntities) -> Entity | None:
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


def _title_of_body_role(name: Span, index: ArticleEntities) -> tuple[str, Entity] | None:
    """A title whose "of" phrase ends in a body's name, run into the holder's name without a
    comma: "President of the Alpine Commission Anna Lind", "Governor of the Norlandic
    province of Vesterland Tom Berg". The parser hangs the name in the "of" phrase; the
    body is the name just before the holder's."""
    if name.start == 0:
        return None
    # "the Alpine Resistance Movement (ARM) Anna Lind": the body in brackets before the name.
    body = index.entity_at(name.doc[name.start - 1]) or _bracketed_body(name.doc, name.start - 1, index)
    if body is None or body.type not in ORG_TYPES:
        return None
    head = _title_hung_over(name.root) or _title_written_before(name, index)
    if head is None:
        return None
    title = list(name.doc[_title_words_from(name.doc, head.i, 0) : head.i + 1])
    before = index.entity_at(title[0].nbor(-1)) if title[0].i > 0 else None
    if before is not None and before.type in ORG_TYPES:
        # "US Chairman of the Joint Chiefs X": the body before the title is the
        # holder's, and the "of" phrase is the title's own.
        return None
    return normalise_title([t.text for t in title]), body


def _title_hung_over(token: Token) -> Token | None:
    """The title noun whose "of" phrase the parser hung the name in: the title's own "of"
    phrase, or one "of" phrase down."""
    for _ in range(2):
        if token.dep_ != "pobj" or token.head.lower_ != "of":
            return None
        token = token.head.head
        if _is_title(token):
            return token
    return None


def _title_written_before(name: Span, index: ArticleEntities) -> Token | None:
    """The title noun right before "of (the) BODY (SHORT NAME)", read in text order where the
    brackets made the parser take the name for a phrase of its own: "the leader of the Alpine
    Resistance Movement (ARM) X"."""
    doc = name.doc
    k = name.start - 4  # the last word before the brackets
    if k < name.sent.start or doc[name.start - 1].text != ")":
        return None
    body = index.span_of(doc[k])
    j = (body.start if body is not None else k) - 1
    if j > name.sent.start and doc[j].lower_ == "the":
        j -= 1
    if j > name.sent.start and doc[j].lower_ == "of" and _is_title(doc[j - 1]):
        return doc[j - 1]
    return None


def _posting_start(name: Span) -> int:
    """Where a title before `name` ends: before "to the UN" in "Estonian Ambassador to the UN
    X" (where the envoy is posted is no part of the title, and the body is the one that sends
    them), else at the name."""
    doc, first = name.doc, name.sent.start
    k = name.start - 1
    while k > first and (doc[k].is_title or doc[k].is_upper) and doc[k].lemma_.lower() not in POSTED_TITLES:
        k -= 1
    if k > first and doc[k].lower_ == "the":
        k -= 1
    if (
        k > first
        and k < name.start - 1
        and doc[k].lower_ == "to"
        and doc[k - 1].lemma_.lower() in POSTED_TITLES
    ):
        return k
    return name.start


def _in_title_run(token: Token) -> bool:
    """Can the word stand in a title before a name? Title words, hyphens, "of", and the
    capitalised words of a body or portfolio ("Bank of Japan", "of State")."""
    if token.is_space or token.pos_ in ("DET", "VERB", "AUX", "PRON", "CCONJ", "SCONJ", "PUNCT"):
        return _joining_hyphen(token) or _joining_and(token)
    word = token.lower_
    return (
        word in ("of", "for")
        or _is_title(token)
        or word in gazetteer.TITLE_MODIFIERS
        or word in TITLE_PREFIXES
        or token.is_title
        or token.is_upper
    )


def _joining_and(token: Token) -> bool:
    """ "and" between two capitalised words of a title that name nothing of their own:
    "Minister of Trade and Industry", "Deputy Prime Minister and Finance Minister" (not "X
    and Baltic Union foreign policy chief Y")."""
    doc = token.doc
    return (
        token.lower_ == "and"
        and 0 < token.i < len(doc) - 1
        # (a portfolio the tagger took alone for a body's name is still a title's word:
        # "Deputy Prime Minister and Defense Minister X")
        and all(
            t.is_title and (not t.ent_type_ or t.lower_ in PORTFOLIO_NOUNS)
            for t in (doc[token.i - 1], doc[token.i + 1])
        )
    )


def _possessor(head: Token, index: ArticleEntities) -> Entity | None:
    """The country or organisation in a possessive before a title: "Ruritania's"."""
    owners = (index.entity_at(c) for c in head.children if c.dep_ == "poss")
    return next((e for e in owners if e is not None and e.type in ORG_TYPES), None)


def _possessor_among(tokens: tuple[Token, ...], index: ArticleEntities) -> Entity | None:
    """The first possessor (`_possessor`) any of `tokens` has: the parser hangs "Ruritania's"
    on the name or on any word of the title."""
    return next((owner for t in tokens if (owner := _possessor(t, index)) is not None), None)


def _title_phrase_role(
    head: Token, index: ArticleEntities, borrowed: tuple[Token, ...] = ()
) -> tuple[str, Entity] | None:
    """A title noun phrase: "the US secretary of state", "head of the Alpine Council".
    `borrowed`: prepositions the parser hung on another word that are this title's."""
    if head.lower_ not in gazetteer.TITLE_HEADS and head.lemma_.lower() not in gazetteer.TITLE_HEADS:
        return None
    # The modifiers with their own modifiers: "the US national security adviser".
    left = sorted(
        {w for t in head.lefts if t.dep_ in ("compound", "amod", "nmod") for w in t.subtree if w.i < head.i},
        key=lambda t: t.i,
    )
    split = _split_title([*left, head])
    if split is None:
        return None
    org_tokens, title_tokens = _body_words_given_back(*split, index)
    org_tokens, title_tokens = _inner_title_words(org_tokens, title_tokens, index, owner_elsewhere=False)
    org = _org_entity(org_tokens, index) if org_tokens else None
    if org is None and all(
        index.entity_at(t) is None and not gazetteer.country_of(t.text) for t in org_tokens
    ):
        # "Ruritania's chief veterinary inspector", "political leader of the Alpine Front":
        # the body is named elsewhere, and the words before the title noun are the title's.
        org_tokens, title_tokens = _inner_title_words(org_tokens, title_tokens, index, owner_elsewhere=True)
    if org is None and all(index.entity_at(t) is None for t in org_tokens):
        org = _possessor(head, index)  # "Ruritania's deputy defence minister, Jan Novak"
    elif org is not None and org.type == "place" and org_tokens:
        # "the Union's Africa director, X": the body in the possessive is the employer, the
        # region before the title the office's reach, and part of the title.
        org, title_tokens = _employer_over_region(org, _possessor(head, index), org_tokens, title_tokens)
    title_words = [t.text for t in title_tokens]
    # "a researcher with the Baltic Institute": "with" names the employer as "at" does.
    for prep in (
        c
        for c in (*head.children, *borrowed)
        if c.dep_ == "prep" and c.lower_ in ("of", "at", "for", "to", "with", "on")
    ):
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            entity = index.entity_at(pobj)
            if prep.lower_ == "of":
                if entity is not None and entity.name.lower() in PORTFOLIO_NOUNS:
                    # "a former secretary of State": the tagger's lone capitalised portfolio is
                    # part of the title, not a body called "State".
                    entity = None
                if org is None:
                    if _owner_only(pobj, prep):
                        continue  # "secretary of Norland's Security Council": the council, not Norland
                    entity = entity or _possessed_body(pobj, index) or _body_of_its_part(pobj, index)
            if entity is not None and entity.type in ORG_TYPES and org is None:
                org = entity
            elif prep.lower_ in ("for", "on") and org is not None and _field_of_office(prep, pobj, entity):
                # "Norland's Minister for Europe, X", "a State Department adviser on Norland":
                # the body named before, the region or field the office is for is part of
                # the title.
                title_words += [prep.text, *[t.text for t in pobj.subtree]]
            elif (
                entity is not None
                and entity.type == "organization"
                and prep.lower_ in ("at", "with")
                and org is not None
                and org.type == "place"
                and org_tokens
            ):
                # "Asia-Pacific chief strategist at Nordbank": the region before the title
                # is the office's reach, the body after "at" the employer.
                title_words = [t.text for t in org_tokens] + title_words
                org = entity
            elif (
                entity is None
                and prep.lower_ == "of"
                and (pobj.pos_ == "NOUN" or pobj.lower_ in PORTFOLIO_NOUNS)
            ):
                # "chief of general staff of the X Army", "minister of foreign affairs of X":
                # the portfolio's own "of" phrase names the body.
                body = _body_of(pobj, index)
                portfolio = [
                    t
                    for t in pobj.subtree
                    if body is None or not body.left_edge.i <= t.i <= body.right_edge.i
                ]
                if any(t.dep_ in ("det", "poss") for t in portfolio):
                    # "secretary general of the summit's organizing committee": a body
                    # the text does not name, so not the one before the title.
                    return None
                # "secretary of state": the phrase is the title itself.
                title_words += [prep.text, *[t.text for t in portfolio]]
                if body is not None and org is None:
                    org = index.entity_at(next(p for p in body.children if p.dep_ == "pobj"))
    if org is None:
        return None
    return normalise_title(title_words), org


def _field_of_office(prep: Token, pobj: Token, entity: Entity | None) -> bool:
    """Is the "for" or "on" phrase after a title the region or field of the office: a place
    ("for Europe", "on Norland"), or after "for" a capitalised field that names nothing
    ("for Foreign Affairs")?"""
    if entity is not None:
        return entity.type == "place" or (prep.lower_ == "on" and entity.type == "country")
    return prep.lower_ == "for" and pobj.pos_ == "PROPN"


def _owner_only(pobj: Token, prep: Token) -> bool:
    """A possessor the parser took for an "of" phrase's object of its own: "Norland" in
    "secretary of Norland's Security Council", where the council is the phrase's other object."""
    doc = pobj.doc
    return (
        pobj.i + 1 < len(doc)
        and doc[pobj.i + 1].tag_ == "POS"
        and any(p.dep_ == "pobj" and p.i > pobj.i for p in prep.children)
    )


def _possessed_body(noun: Token, index: ArticleEntities) -> Entity | None:
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


def _body_of_its_part(noun: Token, index: ArticleEntities) -> Entity | None:
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


def _body_of(portfolio: Token, index: ArticleEntities) -> Token | None:
    """The "of" preposition after a portfolio that names a body: "of the X Army"."""
    for prep in (c for c in portfolio.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            entity = index.entity_at(pobj)
            if entity is not None and entity.type in ORG_TYPES:
                return prep
    return None


def _counterpart_role(head: Token, index: ArticleEntities) -> tuple[str, Entity] | None:
    """'his American counterpart': the possessor's title, at the counterpart's country."""
    if head.lemma_.lower() not in gazetteer.COUNTERPART_NOUNS:
        return None
    org: Entity | None = None
    for child in head.children:
        if child.dep_ in ("amod", "compound", "nmod"):
            country = gazetteer.country_of(child.text)
            if country:
                org = Entity(country, "country")
    if org is None:
        return None
    # The possessor is the person named before in the same sentence with a title of their own.
    sent = head.sent
    for token in reversed(list(sent.doc[sent.start : head.i])):
        span = index.span_of(token)
        if span is None or token != span.root:
            continue
        owner = index.entity_at(token)
        if owner is None or owner.type != "person":
            continue
        role = _premodifier_role(span, index)
        if role is not None:
            return role[0], org
    return None


def titles_of_people(index: ArticleEntities) -> dict[Entity, set[tuple[str, str | None]]]:
    """Every title the article gives each named person, with its country or organisation
    where stated: "President Karim Haddon" gives ("president", None), "Egyptian President
    Karim Haddon" ("president", "Egypt"). Descriptions ("the Egyptian leader") are matched
    against these."""
    titles: dict[Entity, set[tuple[str, str | None]]] = {}
    for _start, span in sorted({s.start: s for s in index.spans.values()}.items()):
        person = index.entity_at(span.root)
        if person is None or person.type != "person":
            continue
        found = titles.setdefault(person, set())
        split = _split_title(_left_modifiers(span))
        if split is not None:
            org_tokens, title_tokens = split
            org = _org_entity(org_tokens, index)
            found.add((normalise_title([t.text for t in title_tokens]), org.name if org else None))
        for title, org_entity in _roles_of(span, index):
            found.add((title, org_entity.name))
        # "his Thai counterpart Piotr Varga": no title, but a country.
        head = span.root
        if head.dep_ == "appos" and head.head.lemma_.lower() in gazetteer.COUNTERPART_NOUNS:
            for child in head.head.children:
                country = gazetteer.country_of(child.text) if child.dep_ in ("amod", "compound") else None
                if country:
                    found.add(("counterpart", country))
    return titles
