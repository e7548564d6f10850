"""Plural references resolved across the story: "their meeting", "they met", "the two
leaders", "both sides", "the three ministers" name a group the story has just put together
("Weber and Lindqvist", or the parties of the encounter just told).

A pass over the story before events are read: each plural reference gets the most recent
group of two or more named people or countries within `REACH` sentences before it (in its
own sentence, only before it), of the size its numeral says, if any. Where no group is
there, a numeral disagrees, two groups are in reach, or its own sentence names someone
else before it, it gets none: an unresolved reference costs a fact, a wrong one invents
one.

People described by office and country ("the presidents of Aland, Brask and Carel",
"defence chiefs from A and B") stand for the one person the story gives such a title for
each country (`member_or_body`: else the country itself; two candidates give no one).
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from kg.model import Entity
from kg.nlp import gazetteer
from kg.nlp.cached import tokens_with_dep, tokens_with_lemma_or_lower, tokens_with_text
from kg.nlp.entities import ArticleEntities
from kg.nlp.factuality import base_form
from kg.nlp.lexicon import words
from kg.nlp.pronouns import fronted_subjects, is_person_pronoun, resolve_pronoun
from kg.nlp.titles import HYPHENS
from kg.nlp.visits import LEADER_TITLES

# Sentences back a plural reference may look for its group.
REACH = 2
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "both"}
# Heads of plural descriptions that stand for people or countries: "the two leaders".
GROUP_HEADS = words("plural-heads")
_NUMBERS = {"two": 2, "three": 3, "four": 4, "both": 2, "pair": 2}
_GROUP_TYPES = {"person", "country", "organization"}
# "defence chiefs": whoever heads the portfolio its modifiers name, minister or secretary.
PORTFOLIO_HEADS = words("portfolio-heads")


# What the readers of resolve_groups take: a plural pronoun or determiner, a noun, a verb or
# a name (_plural_reference, _encounter_group, hyphen_parties), or an argument with
# conjuncts (_coordinated_group).
_GROUP_POS = frozenset({"PRON", "DET", "NOUN", "PROPN", "VERB"})
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


def resolve_groups(doc: Doc, index: ArticleEntities) -> None:
    """Fill `index.groups`: token index of a plural reference -> the entities it names."""
    groups: list[tuple[int, int, tuple[Entity, ...]]] = []  # (sentence number, token, group)
    sentences = list(doc.sents)
    readable = _readable_words(doc)
    hyphens = [t.i for t in tokens_with_text(doc, lambda text: text in HYPHENS)]
    for number, sent in enumerate(sentences):
        # A word after a hyphen of its sentence may end a hyphened run; elsewhere only the
        # words `_readable_words` finds are read.
        k = bisect_left(hyphens, sent.start)
        every_from = hyphens[k] + 1 if k < len(hyphens) and hyphens[k] < sent.end else sent.end
        before = readable[bisect_left(readable, sent.start) : bisect_left(readable, every_from)]
        for i in [*before, *range(every_from, sent.end)]:
            token = doc[i]
            if token.pos_ not in _GROUP_POS and token.dep_ not in _ARGUMENT_DEPS:
                continue  # (a cheap test first: no reading below takes such a word)
            size = _plural_reference(token)
            if size is not None:
                group = _group_ahead(token, index) or _recent_group(groups, number, token.i, size)
                if group is None and (size == 2 or token.lower_ == "their"):
                    group = _pair_named_before(token, index)
                if group is None and size == 2 and token.pos_ == "NUM":
                    group = _pair_of_people(token, sentences, number, index)
                if group is None and size == 2 and token.pos_ == "NOUN":
                    group = _pair_of_that_kind(token, sentences, number, index)
                    # A person named before "the two countries" is no second reading of them.
                    if group is None and (bodies := _pair_of_bodies(token, sentences, number, index)):
                        index.groups[token.i] = bodies
                if group and not _others_named_before(token, group, index):
                    index.groups[token.i] = group
            group = (
                _coordinated_group(token, index)
                or _encounter_group(token, index)
                or (tuple(hyphen_parties(token, index)) if token.pos_ in ("NOUN", "PROPN") else None)
            )
            if group:
                groups.append((number, token.i, group))


def _readable_words(doc: Doc) -> list[int]:
    """The positions, in text order, of the words the readers of resolve_groups may take
    but for a hyphened run's noun: a plural pronoun or head (_plural_reference), an
    encounter's noun or verb (_encounter_group), a word with conjuncts to its right
    (_coordinated_group). Looked up once, not tested on every word of the story."""
    found = {t.i for t in tokens_with_lemma_or_lower(doc, _READABLE_LEMMAS, PLURAL_PRONOUNS | {"two"})}
    found.update(t.head.i for t in tokens_with_dep(doc, ("conj",)) if t.head.i < t.i)
    return sorted(found)


def _plural_reference(token: Token) -> int | None:
    """0 for a plural reference of any size, N for one that says its size, None for none."""
    lower = token.lower_
    if lower in PLURAL_PRONOUNS and token.pos_ in ("PRON", "DET"):
        return _NUMBERS.get(lower, 0)
    if lower == "two" and token.pos_ == "NUM" and token.dep_ in ("nsubj", "nsubjpass"):
        # "The two had met in Zelin": the numeral alone as the subject.
        return 2 if any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) else None
    if token.pos_ == "NOUN" and token.tag_ == "NNS" and token.lemma_.lower() in GROUP_HEADS:
        determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "nummod", "predet")}
        if not determiners & {"the", "both", "these", "those", "two", "three", "four"}:
            return None  # "leaders met": which leaders is not said
        if any(c.dep_ in ("amod", "compound", "poss", "prep") for c in token.children):
            return None  # "the two Korean leaders", "the leaders of X": a group of its own
        sizes = [_NUMBERS[d] for d in determiners if d in _NUMBERS]
        return sizes[0] if sizes else 0
    return None


def stated_size(noun: Token) -> int | None:
    """ "the three ministers": the size its numeral says; None where it says none."""
    sizes = [_NUMBERS[c.lower_] for c in noun.children if c.dep_ == "nummod" and c.lower_ in _NUMBERS]
    return sizes[0] if sizes else None


def _group_ahead(token: Token, index: ArticleEntities) -> tuple[Entity, ...] | None:
    """ "During their meeting, Weber and Varga agreed": the named people or countries the
    clause's subject lists, where "their" opens the clause."""
    members: list[Entity] = []
    for item in fronted_subjects(token):
        entity = index.entity_at(item)
        if entity is None or entity.type not in _GROUP_TYPES:
            return None
        if entity not in members:
            members.append(entity)
    return tuple(members) if len(members) >= 2 else None


def _recent_group(
    groups: list[tuple[int, int, tuple[Entity, ...]]], sentence: int, before: int, size: int
) -> tuple[Entity, ...] | None:
    """The one group within reach; None where two different groups are (two readings)."""
    within = {
        frozenset(group): group
        for number, at, group in groups
        if at < before and sentence - number <= REACH and size in (0, len(group))
    }
    return next(iter(within.values())) if len(within) == 1 else None


def _pair_named_before(token: Token, index: ArticleEntities) -> tuple[Entity, ...] | None:
    """ "Weber invited Varga to Oslo after a call between the two leaders", "Weber pressed
    Varga during their summit": where no clause put a group together, "the two" or "their"
    in a sentence that has named exactly two people before it, in two different parts of a
    clause, are those two. Not two named in one phrase
    ("Weber and the Brasken envoy Varga, the mediators, said the two foes would meet"): a
    list the story did not make a group of is no pair for later words."""
    people: dict[Entity, Token] = {}
    for t in token.sent:
        if t.i >= token.i:
            break
        entity = index.entity_at(t)
        if entity is not None and entity.type == "person" and entity not in people:
            people[entity] = t
        if entity is None and _unnamed_holder(t):
            # "Weber did not press Brask's president about Varga's case during their
            # call": a third person, told by title alone, may be the other of the pair.
            return None
    if len(people) != 2:
        return None
    first, second = (_argument(t) for t in people.values())
    return tuple(people) if first != second else None


def _unnamed_holder(token: Token) -> bool:
    """Is the word a title that stands for a person the clause leaves unnamed, as a
    subject or object ("pressed the president", "Brask's foreign minister said")?"""
    return (
        token.pos_ == "NOUN"
        and token.dep_ in ("nsubj", "nsubjpass", "dobj")
        and token.lower_ in gazetteer.TITLE_HEADS
        and not any(c.pos_ == "PROPN" and c.dep_ in ("compound", "appos") for c in token.children)
    )


def _pair_of_that_kind(
    noun: Token, sentences: list[Span], number: int, index: ArticleEntities
) -> tuple[Entity, ...] | None:
    """ "Lindqvist flew to Tallinn to see Varga. The two leaders met on Monday": where no
    clause put a pair together, "the two leaders" are the two people named in the `REACH`
    sentences before, when there are just two and the story gives each a title of that
    kind (a leader's title for "leaders", one with "minister" for "ministers")."""
    start = sentences[max(0, number - REACH)].start
    people = _distinct_named(noun.doc[start : noun.i], index, ("person",))
    kind = base_form(noun)
    if len(people) != 2 or not all(
        any(_of_kind(title, kind, set()) for title, _ in index.titles.get(p, ())) for p in people
    ):
        return None
    return tuple(people)


def _pair_of_people(
    two: Token, sentences: list[Span], number: int, index: ArticleEntities
) -> tuple[Entity, ...] | None:
    """ "Ruiz picked Varga on Monday. The two had met in Zelin on Saturday": where no clause
    put a pair together, "the two" standing alone are the two people named in the `REACH`
    sentences before it, when there are just two; a third one named there is a second
    reading."""
    start = sentences[max(0, number - REACH)].start
    people = _distinct_named(two.doc[start : two.i], index, ("person",))
    return tuple(people) if len(people) == 2 else None


# "the two sides", "the two countries": heads that stand for countries or organisations.
BODY_PAIR_HEADS = words("body-pair-heads")


def _pair_of_bodies(
    noun: Token, sentences: list[Span], number: int, index: ArticleEntities
) -> tuple[Entity, ...] | None:
    """ "Aland's ruling party gave the Popular Front a day ... after talks between the two
    sides failed", "Norland seeks more trade with Brask ... Officials from the two countries
    met": where no clause put a pair together, "the two sides (countries)" are the two
    countries or organisations named in the `REACH` sentences before, when there are just
    two; a third one named there is a second reading."""
    if base_form(noun) not in BODY_PAIR_HEADS:
        return None
    # Sentences with words in them: a closing quote mark the parser split off is none.
    before = [s for s in sentences[:number] if any(t.is_alpha for t in s)]
    start = before[-REACH].start if len(before) >= REACH else 0
    bodies = _distinct_named(noun.doc[start : noun.i], index, ("country", "organization"))
    return tuple(bodies) if len(bodies) == 2 else None


def _distinct_named(span: Span, index: ArticleEntities, types: tuple[str, ...]) -> list[Entity]:
    """The different entities of `types` the span names, in order."""
    found: list[Entity] = []
    for t in span:
        entity = index.entity_at(t)
        if entity is None or entity.type not in types or entity in found:
            continue
        found.append(entity)
    return found


def _argument(token: Token) -> Token:
    """The phrase of its clause a word belongs to: the word right below the nearest verb."""
    while token.head != token and token.head.pos_ not in ("VERB", "AUX"):
        token = token.head
    return token


def _others_named_before(token: Token, group: tuple[Entity, ...], index: ArticleEntities) -> bool:
    """Does the reference's own sentence name, before it, someone outside the group? Then
    "their talks" may well be theirs ("Weber spoke alongside Varga after their
    talks"): a second reading."""
    for t in token.sent:
        if t.i >= token.i:
            break
        entity = index.entity_at(t)
        if entity is not None and entity.type == "person" and entity not in group:
            return True
    return False


def _coordinated_group(token: Token, index: ArticleEntities) -> tuple[Entity, ...] | None:
    """ "Weber and Lindqvist" (a subject or an object and its conjuncts), "X met Y", "X held
    talks with Y": the people or countries the clause puts together, when two or more."""
    if token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj") or not token.conjuncts:
        return None
    if any(c.i < token.i for c in token.conjuncts):
        return None  # counted from the list's first item
    members: list[Entity] = []
    for item in (token, *token.conjuncts):
        entity = index.entity_at(item)
        if entity is None and is_person_pronoun(item):
            entity = resolve_pronoun(item, index)
        if entity is None or entity.type not in _GROUP_TYPES:
            return None  # "Weber and his aides": not all of them named
        if entity not in members:
            members.append(entity)
    if len(members) >= 2 and _under_leaders(token):
        # "The leaders of Aland, Brask and Carel ... As they met": the leaders, not the countries.
        return leaders_of(members, index)
    return tuple(members) if len(members) >= 2 else None


# Verbs whose subject and object meet: after "Weber met Lindqvist", "the two" are those two.
ENCOUNTER_VERBS = (
    words("meeting-verbs") | words("hosting-verbs") | words("call-verbs") | words("speaking-verbs")
)


def _encounter_group(token: Token, index: ArticleEntities) -> tuple[Entity, ...] | None:
    """ "Weber met Lindqvist", "Weber received Lindqvist": the two parties of an encounter.
    Also of one told by its noun, with the partner after "with" and the clause's subject as
    the other party: "Weber said he had discussed trade during talks with Lindqvist" (the
    talks' own clause, or the clause it is an adjunct of)."""
    if token.pos_ == "NOUN" and base_form(token) in ENCOUNTER_NOUNS:
        verb = _clause_of(token)
        subjects = [c for c in verb.children if c.dep_ == "nsubj"] if verb is not None else []
    elif token.pos_ == "VERB" and token.lemma_.lower() in ENCOUNTER_VERBS:
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
    else:
        return None
    objects = [c for c in token.children if c.dep_ == "dobj" and token.pos_ == "VERB"] + [
        p
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == "with"
        for p in c.children
        if p.dep_ == "pobj"
    ]
    members: list[Entity] = []
    for item in subjects + objects:
        entity = index.entity_at(item)
        if entity is None and is_person_pronoun(item):
            entity = resolve_pronoun(item, index)
        if entity is None or entity.type not in _GROUP_TYPES:
            return None
        if entity not in members:
            members.append(entity)
    return tuple(members) if len(members) >= 2 and subjects and objects else None


# Nouns for an encounter whose parties "the two", "they" may name afterwards.
ENCOUNTER_NOUNS = words("meeting-nouns") | words("conversation-nouns")
# The lemmas _plural_reference and _encounter_group take (a plural the tagger took for a
# proper noun keeps its "s" in the lemma: base_form).
_READABLE_LEMMAS = GROUP_HEADS | ENCOUNTER_VERBS | ENCOUNTER_NOUNS | {noun + "s" for noun in ENCOUNTER_NOUNS}


def _clause_of(noun: Token) -> Token | None:
    """The verb whose clause an encounter noun belongs to: "held talks with X", "during
    five hours of talks with X" (through prepositions and the nouns they hang from)."""
    head = noun.head
    for _ in range(5):
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.dep_ not in ("prep", "pobj", "dobj") or head.head == head:
            return None
        head = head.head
    return None


def hyphen_run(noun: Token) -> Span | None:
    """The hyphenated names right before an event noun ("the Lindqvist-Varga talks")."""
    doc = noun.doc
    if noun.i == 0 or not _may_join(doc[noun.i - 1]):
        return None  # the common case, decided before finding the sentence
    start, first = noun.i, noun.sent.start
    while start > first and _may_join(doc[start - 1]):
        start -= 1
    run = doc[start : noun.i]
    return run if any(t.text in HYPHENS for t in run) else None


def _may_join(token: Token) -> bool:
    return token.pos_ != "DET" and (token.text in HYPHENS or token.is_title or token.is_upper)


def hyphen_parties(noun: Token, index: ArticleEntities) -> list[Entity]:
    """ "the Lindqvist-Varga talks", "the EU-Canada summit", "US-Mexican talks": the parties
    joined by hyphens right before the event noun, each one the story names (the tagger
    often makes one odd name of the whole)."""
    run = hyphen_run(noun)
    if run is None:
        return []
    parts: list[list[str]] = [[]]
    for t in run:
        if t.text in HYPHENS:
            parts.append([])
        else:
            parts[-1].append(t.text)
    found: list[Entity] = []
    for part in parts:
        entity = index.named(" ".join(part)) if part else None
        if entity is None or entity.type not in _GROUP_TYPES:
            return []  # "the Weber-era talks": not every part a party
        if entity not in found:
            found.append(entity)
    return found if len(found) >= 2 else []


# ---------------------------------------------------------------- people described by office


def is_group_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and (
        token.lower_ in gazetteer.GROUP_NOUNS or token.lemma_.lower() in gazetteer.GROUP_NOUNS
    )


def bodies_listed(noun: Token, index: ArticleEntities) -> list[Entity]:
    """The countries and organisations an "of" or "from" phrase lists after a plural noun
    ("the leaders of Norland and Brask", "defence chiefs from Aland, Brask and Carel"),
    through the conjuncts and appositions the parser makes of a long list."""
    return _listed_after(noun, index, ("country", "organization"))


def people_listed(noun: Token, index: ArticleEntities) -> list[Entity]:
    """ "the foreign ministers of Norland, Brask and Carel, A, B and C": the people a list of
    bodies goes on to name, one for each body listed (the parser makes them all one list).
    Those people are the ministers; fewer or more than the bodies name no one for sure."""
    bodies = bodies_listed(noun, index)
    people = _listed_after(noun, index, ("person",))
    return people if len(bodies) > 1 and len(people) == len(bodies) else []


def _listed_after(noun: Token, index: ArticleEntities, types: tuple[str, ...]) -> list[Entity]:
    found: list[Entity] = []
    queue = [
        p
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from")
        for p in prep.children
        if p.dep_ == "pobj"
    ]
    while queue:
        item = queue.pop(0)
        queue.extend(c for c in item.children if c.dep_ in ("conj", "appos"))
        # "officials from the two countries": the pair the story has just named (groups).
        for entity in index.groups.get(item.i, ()) or (index.entity_at(item),):
            if entity is not None and entity.type in types and entity not in found:
                found.append(entity)
    return found


def member_or_body(body: Entity, noun: Token, index: ArticleEntities, distributed: bool) -> Entity | None:
    """Who "the leaders of Norland and Brask", "Brasken officials" name for one country or
    organisation: the body itself where the story gives none of its people a title of that
    kind (a leader's title for "leaders", a title with the noun and its modifiers for
    "foreign ministers"; no title says who "officials" or a "delegation" are). Where a list
    gives each body its one ("the leaders of Norland and Brask"), the one person the story
    gives such a title there; nobody where several could be meant ("other Brasken leaders")."""
    kind = base_form(noun)
    modifiers = {
        c.lower_ for c in noun.children if c.dep_ in ("amod", "compound") and index.entity_at(c) is None
    }
    return _holder_or_body(body, kind, modifiers, index, distributed)


def _holder_or_body(
    body: Entity, kind: str, modifiers: set[str], index: ArticleEntities, distributed: bool
) -> Entity | None:
    """The body where the story titles none of its people so; else, where `distributed`, the
    one person it does; None where several are, or where the noun does not go body by body."""
    holders = _title_holders(body, kind, modifiers, index)
    if not holders:
        return body
    return holders.pop() if distributed and len(holders) == 1 else None


def _title_holders(body: Entity, kind: str, modifiers: set[str], index: ArticleEntities) -> set[Entity]:
    """The people the story gives a title of that kind at the body."""
    return {
        person
        for person, held in index.titles.items()
        for title, org in held
        if org == body.name and _of_kind(title, kind, modifiers)
    }


def standing_for(bodies: list[Entity], noun: Token, index: ArticleEntities) -> list[Entity | None]:
    """Who a plural noun names for each of the bodies it lists (`member_or_body`): a person
    for each body only where it lists several ("the leaders of Norland and Brask")."""
    return [member_or_body(b, noun, index, distributed=len(bodies) > 1) for b in bodies]


def _of_kind(title: str, kind: str, modifiers: set[str]) -> bool:
    if kind == "leader":
        return title in LEADER_TITLES
    words_of_title = set(title.split())
    if kind in PORTFOLIO_HEADS:
        return bool(modifiers) and modifiers <= words_of_title
    return kind in words_of_title and modifiers <= words_of_title


def leaders_of(
    bodies: list[Entity] | tuple[Entity, ...], index: ArticleEntities
) -> tuple[Entity, ...] | None:
    """Who met where a meeting of leaders is told through their countries ("a summit between
    the three countries", "the leaders of Aland, Brask and Carel ... as they met"): each
    country is the one person the story gives a leader's title at that country, and stays
    the country where the story gives none. None where that is unsure: a country with two
    such people, or a country left while the story titles a leader without saying of which
    country ("President Weber"): he may be that country's, and the countries are then no
    reading of who met."""
    found: list[Entity] = []
    left = False
    for body in bodies:
        if body.type != "country":
            found.append(body)
            continue
        member = _holder_or_body(body, "leader", set(), index, distributed=True)
        if member is None:
            return None
        found.append(member)
        left = left or member is body  # (the story titles people only, never a country)
    if left and any(
        org is None and title in LEADER_TITLES
        for person, held in index.titles.items()
        if person not in found
        for title, org in held
    ):
        return None
    return tuple(dict.fromkeys(found))


def _under_leaders(token: Token) -> bool:
    """Is the list `token` opens the object of "of"/"from" after "leaders" ("the leaders of
    Aland and Brask")?"""
    prep = token.head
    return (
        token.dep_ == "pobj"
        and prep.lower_ in ("of", "from")
        and prep.head.pos_ == "NOUN"
        and prep.head.tag_ == "NNS"
        and base_form(prep.head) == "leader"
    )
