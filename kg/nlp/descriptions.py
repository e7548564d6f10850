"""Definite descriptions that stand for a named person: "the Egyptian leader", "the
premier", "the foreign minister", "The Estonian Chancellor", once the article has introduced
the person with that title ("Egyptian President Karim Haddon", "Estonian Premier Tomas
Revik").

A description is linked only where exactly one person introduced before it fits; an
unlinked description loses a fact, a wrong link invents one.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.model import Entity
from kg.nlp import gazetteer
from kg.nlp.cached import tokens_with_lemma
from kg.nlp.entities import ArticleEntities
from kg.nlp.facts.roles import titles_of_people
from kg.nlp.facts.title_words import normalise_title
from kg.nlp.lexicon import words
from kg.nlp.pronouns import is_person_pronoun, resolve_pronoun

# Titles that "the leader" can stand for: heads of a state, government, party or movement.
LEADER_TITLES = words("leader-titles")
# Adjectives that say nothing about which person is meant: "the visiting premier".
NEUTRAL_ADJECTIVES = words("neutral-adjectives")


_SINGULAR_TAGS = ("NN", "NNP")
_NOUN_POS = ("NOUN", "PROPN")


def link_descriptions(index: ArticleEntities) -> None:
    """Map each linkable description's head noun to its person in `index`."""
    titles = index.titles = titles_of_people(index)
    first_seen: dict[Entity, int] = {}
    for i, entity in sorted(index.by_token.items()):
        first_seen.setdefault(entity, i)
    _link_lead_description(index, first_seen)
    _link_counterparts(index)
    # Both readers below take a title's head noun only: those words are looked up.
    for token in tokens_with_lemma(index.doc, gazetteer.TITLE_HEADS):
        # "the Estonian Chancellor": the tagger takes a capitalised title for a proper noun.
        if token.i in index.by_token or token.tag_ not in _SINGULAR_TAGS or token.pos_ not in _NOUN_POS:
            continue
        named = _named_in_apposition(token, index)
        if named is not None:
            # "the union's representative in Harbourtown, Anna Lind,": the name it gives.
            index.by_token[token.i] = named
            continue
        wanted = _description(token, index)
        if wanted is None:
            continue
        title, country = wanted
        fits = {
            person
            for person, held in titles.items()
            if first_seen.get(person, token.i) < token.i
            and any(_fits(title, country, t, org) for t, org in held)
        }
        if len(fits) == 1:
            index.by_token[token.i] = fits.pop()


def _named_in_apposition(token: Token, index: ArticleEntities) -> Entity | None:
    """The person a description names in apposition ("the union's representative, Anna
    Lind"), where it is a title's head; None otherwise. The parser may hang the name on
    the description's last place ("the representative in Harbourtown, Anna Lind")."""
    if token.lemma_.lower() not in gazetteer.TITLE_HEADS:
        return None
    places = [p for c in token.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    doc = token.doc
    for holder in (token, *places):
        for child in holder.children:
            # Set off by a comma: "foreign minister Ana Ruiz" is a title before a name,
            # which the title readers take care of.
            if child.dep_ != "appos" or child.left_edge.i == 0 or doc[child.left_edge.i - 1].text != ",":
                continue
            entity = index.entity_at(child)
            if entity is not None and entity.type == "person":
                return entity
    return None


def _link_lead_description(index: ArticleEntities, first_seen: dict[Entity, int]) -> None:
    """ "The Swedish foreign minister said here Friday ... / Anna Lindqvist told reporters":
    a wire lead often describes its protagonist and names him in the next sentence. The
    description's title is his where the next sentence's subject is a person named there
    for the first time who has no other title in the article."""
    sentences = [s for s in index.doc.sents if any(t.is_alpha for t in s)][:2]
    if len(sentences) < 2:
        return
    lead, second = sentences
    described = next((c for c in lead.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    named = next((c for c in second.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if described is None or named is None or described.i in index.by_token:
        return
    wanted = _description(described, index, determiners=("the", "a", "an"))
    person = index.entity_at(named)
    if wanted is None or wanted[1] is None or person is None or person.type != "person":
        return
    title, org = wanted[0], wanted[1]
    if first_seen.get(person, -1) < second.start or index.titles.get(person):
        return
    index.by_token[described.i] = person
    index.titles.setdefault(person, set()).add((title, org))
    index.described_roles.append((person, title, org, lead))


def _description(
    token: Token, index: ArticleEntities, determiners: tuple[str, ...] = ("the",)
) -> tuple[str, str | None] | None:
    """(title, country or organisation) of "the [Egyptian] [foreign] minister", or None
    where the noun phrase is not a definite description of one titled person."""
    head = token.lemma_.lower()
    if head not in gazetteer.TITLE_HEADS:
        return None
    # "Latvian President is to confer with X": a capitalised title opening the
    # sentence without an article, as some wire copy writes it, is a description too.
    bare = (
        token.pos_ == "PROPN"
        and token.left_edge.i == token.sent.start
        and not any(c.dep_ == "det" for c in token.children)
    )
    if not (
        bare
        or any(c.dep_ == "det" and c.lower_ in determiners for c in token.children)
        or ("the" in determiners and _possessed_by_body(token, index))
    ):
        return None
    if token.dep_ in ("appos", "compound") or any(
        c.dep_ in ("appos", "compound") and _is_person(index.entity_at(c)) for c in token.children
    ):
        return None  # named right there, or part of a longer name
    words: list[str] = []
    org: str | None = None
    for child in token.children:
        if child.dep_ == "det" or child.i > token.i:
            continue
        if child.dep_ not in ("amod", "compound", "nmod", "poss"):
            return None
        entity = index.entity_at(child)
        country = gazetteer.country_of(child.text) if child.ent_type_ in ("NORP", "GPE") else None
        if country or (entity is not None and entity.type in ("country", "organization")):
            if org is not None:
                return None
            org = country or (entity.name if entity else None)
        elif child.lower_ in gazetteer.TITLE_MODIFIERS:
            words.append(child.lower_)
        elif child.lower_ not in NEUTRAL_ADJECTIVES:
            return None
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            entity = index.entity_at(pobj)
            if entity is None or entity.type not in ("country", "organization") or org is not None:
                return None
            org = entity.name
    if bare and org is None:
        return None
    return normalise_title([*words, token.text]), org


def _possessed_by_body(token: Token, index: ArticleEntities) -> bool:
    """ "Brask's president", "the union's chairman": a country or organisation as the
    possessor makes the title as definite as "the" does; the possessor is its org."""
    return any(
        c.dep_ == "poss"
        and (entity := index.entity_at(c)) is not None
        and entity.type in ("country", "organization")
        for c in token.children
    )


def _is_person(entity: Entity | None) -> bool:
    return entity is not None and entity.type == "person"


# Nouns that describe anyone who speaks for an organisation: "the Kremlin representative".
GENERIC_TITLES = words("generic-titles")


def _fits(title: str, org: str | None, held: str, held_org: str | None) -> bool:
    if org is not None and org != held_org:
        return False
    head = title.split()[-1]
    if head in GENERIC_TITLES and org is not None and title == head:
        return True
    if head == "leader":
        return held in LEADER_TITLES or held.split()[-1] == "leader"
    if head == "premier":
        return held in ("premier", "prime minister")
    held_words = held.split()
    return held_words[-1] == head and set(title.split()) <= set(held_words)


def _link_counterparts(index: ArticleEntities) -> None:
    """ "Ruiz told his Velonian counterpart", where the article names the one person who
    holds Ruiz's title in Velonia ("Velonian Foreign Minister Karel Brandt"), before or
    after: the counterpart is that person. Only with a stated country and a possessor
    whose title the article gives; where no one or more than one person fits, no link."""
    titles = index.titles
    for token in tokens_with_lemma(index.doc, gazetteer.COUNTERPART_NOUNS):
        if token.i in index.by_token or token.tag_ != "NN" or token.dep_ in ("appos", "compound"):
            continue
        if any(c.dep_ == "appos" and _is_person(index.entity_at(c)) for c in token.children):
            continue  # named right there
        owners = [c for c in token.children if c.dep_ == "poss"]
        countries = {
            gazetteer.country_of(c.text)
            for c in token.children
            if c.dep_ in ("amod", "compound") and c.i < token.i and c.ent_type_ in ("NORP", "GPE")
        } - {None}
        if len(owners) != 1 or len(countries) != 1:
            continue
        owner = owners[0]
        possessor = resolve_pronoun(owner, index) if is_person_pronoun(owner) else index.entity_at(owner)
        if possessor is None or possessor.type != "person":
            continue
        country = countries.pop()
        own = {t for t, _org in titles.get(possessor, ())}
        fits = {
            person
            for person, held in titles.items()
            if person != possessor
            and any(org == country and any(_fits(t, None, mine, None) for mine in own) for t, org in held)
        }
        if len(fits) == 1:
            index.by_token[token.i] = fits.pop()
