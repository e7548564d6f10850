"""Plural references resolved across the story: "their meeting", "they met", "the two
leaders", "both sides", "the three ministers" name a group the story has just put together
("Weber and Lindqvist", or the parties of the encounter just told).

A pass over the story before events are read: each plural reference gets the most recent
group of two or more named people or countries within `REACH` sentences before it (in its
own sentence, only before it), of the size its numeral says, if any. Where no group is
there, a numeral disagrees, two groups are in reach, or its own sentence names someone
else before it, it gets none: an unresolved reference costs a fact, a wrong one invents
one.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.model import Entity
from kg.nlp.entities import ArticleEntities, fronted_subjects, is_person_pronoun, resolve_pronoun
from kg.nlp.lexicon import words

# Sentences back a plural reference may look for its group.
REACH = 2
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "both"}
# Heads of plural descriptions that stand for people or countries: "the two leaders".
GROUP_HEADS = words("plural-heads")
_NUMBERS = {"two": 2, "three": 3, "four": 4, "both": 2, "pair": 2}
_GROUP_TYPES = {"person", "country", "organization"}


def resolve_groups(doc: Doc, index: ArticleEntities) -> None:
    """Fill `index.groups`: token index of a plural reference -> the entities it names."""
    groups: list[tuple[int, int, tuple[Entity, ...]]] = []  # (sentence number, token, group)
    for number, sent in enumerate(doc.sents):
        for token in sent:
            size = _plural_reference(token)
            if size is not None:
                group = _group_ahead(token, index) or _recent_group(groups, number, token.i, size)
                if group is None and (size == 2 or token.lower_ == "their"):
                    group = _pair_named_before(token, index)
                if group and not _others_named_before(token, group, index):
                    index.groups[token.i] = group
            group = (
                _coordinated_group(token, index)
                or _encounter_group(token, index)
                or (tuple(hyphen_parties(token, index)) if token.pos_ in ("NOUN", "PROPN") else None)
            )
            if group:
                groups.append((number, token.i, group))


def _plural_reference(token: Token) -> int | None:
    """0 for a plural reference of any size, N for one that says its size, None for none."""
    lower = token.lower_
    if lower in PLURAL_PRONOUNS and token.pos_ in ("PRON", "DET"):
        return _NUMBERS.get(lower, 0)
    if token.pos_ == "NOUN" and token.tag_ == "NNS" and token.lemma_.lower() in GROUP_HEADS:
        determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "nummod", "predet")}
        if not determiners & {"the", "both", "these", "those", "two", "three", "four"}:
            return None  # "leaders met": which leaders is not said
        if any(c.dep_ in ("amod", "compound", "poss", "prep") for c in token.children):
            return None  # "the two Korean leaders", "the leaders of X": a group of its own
        sizes = [_NUMBERS[d] for d in determiners if d in _NUMBERS]
        return sizes[0] if sizes else 0
    return None


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
    ("Weber and the Latvian envoy Varga, the mediators, said the two foes would meet"): a
    list the story did not make a group of is no pair for later words."""
    people: dict[Entity, Token] = {}
    for t in token.sent:
        if t.i >= token.i:
            break
        entity = index.entity_at(t)
        if entity is not None and entity.type == "person" and entity not in people:
            people[entity] = t
    if len(people) != 2:
        return None
    first, second = (_argument(t) for t in people.values())
    return tuple(people) if first != second else None


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
    return tuple(members) if len(members) >= 2 else None


# Verbs whose subject and object meet: after "Weber met Lindqvist", "the two" are those two.
ENCOUNTER_VERBS = (
    words("meeting-verbs") | words("hosting-verbs") | words("call-verbs") | words("speaking-verbs")
)


def _encounter_group(token: Token, index: ArticleEntities) -> tuple[Entity, ...] | None:
    """ "Weber met Lindqvist", "Weber received Lindqvist": the two parties of an encounter."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in ENCOUNTER_VERBS:
        return None
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    objects = [c for c in token.children if c.dep_ == "dobj"] + [
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


def hyphen_run(noun: Token) -> Span | None:
    """The hyphenated names right before an event noun ("the Lindqvist-Varga talks")."""
    doc = noun.doc
    if noun.i == 0 or not _may_join(doc[noun.i - 1]):
        return None  # the common case, decided before finding the sentence
    start, first = noun.i, noun.sent.start
    while start > first and _may_join(doc[start - 1]):
        start -= 1
    run = doc[start : noun.i]
    return run if any(t.text in ("-", "–") for t in run) else None


def _may_join(token: Token) -> bool:
    return token.pos_ != "DET" and (token.text in ("-", "–") or token.is_title or token.is_upper)


def hyphen_parties(noun: Token, index: ArticleEntities) -> list[Entity]:
    """ "the Lindqvist-Varga talks", "the EU-Canada summit", "US-Mexican talks": the parties
    joined by hyphens right before the event noun, each one the story names (the tagger
    often makes one odd name of the whole)."""
    run = hyphen_run(noun)
    if run is None:
        return []
    parts: list[list[str]] = [[]]
    for t in run:
        if t.text in ("-", "–"):
            parts.append([])
        else:
            parts[-1].append(t.text)
    found: list[Entity] = []
    for part in parts:
        entity = index.named(" ".join(part)) if part else None
        if entity is None or entity.type not in _GROUP_TYPES:
            return []  # "the Bush-era talks": not every part a party
        if entity not in found:
            found.append(entity)
    return found if len(found) >= 2 else []
