"""A fallback for the clause reader (parties.py): the named people an encounter's own clause
gives where the parser hung them outside the positions parties.py reads: a name at the end of
a long title's "of" or "for" phrase ("met Chairman of the Standing Committee of the Assembly
X"), a name after an adjective read as a verb ("met with visiting Minister X"), a subject's
name hung as the last conjunct of a fronted phrase ("Prior to the talks between A and B, X
met Y").

Only for an encounter whose reader found fewer than two parties, and only people named in
positions an encounter's frame allows: its clause's subject side, its object or "with" side,
their conjuncts, appositions and the names of titles that hold them. Never a name in
another verb's clause (a relative clause, a reported clause, an infinitive), in a quotation,
a possessor of something else, or a name in a phrase about something else ("in London",
"the wife of X"). Where the names found could make more than one set of counterparts, none
is taken.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.model import Entity
from kg.nlp.entities import ArticleEntities
from kg.nlp.facts.parties import is_name_adjective
from kg.nlp.factuality import is_light_verb_object
from kg.nlp.lexicon import words

# Dependents that open a clause of their own: what they name is another verb's frame.
OTHER_CLAUSE_DEPS = frozenset(
    {"relcl", "acl", "ccomp", "advcl", "parataxis", "csubj", "csubjpass", "xcomp", "pcomp", "prt", "mark"}
)
# How a name may hang below the encounter's clause head and still be a party.
FRAME_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "dative", "conj", "appos", "compound", "pobj", "prep", "agent", "attr"}
)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent"})
# The prepositions that name the other party of an encounter ("talks with X").
PARTY_PREPS = words("party-prepositions")
_QUOTES = frozenset('"\u201c\u201d')


def clause_parties(trigger: Token, found: list[Entity], index: ArticleEntities) -> list[Entity]:
    """The people the trigger's clause names as its parties beside `found` (the clause
    reader's), or none where the clause does not tell one set of them on the side `found`
    leaves open."""
    if len(found) >= 2:
        return []
    head = trigger if trigger.pos_ in ("VERB", "AUX") else _clause_head(trigger)
    quoted = _quoted(trigger.sent)
    lists: dict[int, tuple[bool, list[Entity]]] = {}  # list head -> (subject side, people)
    sides: set[bool] = set()  # the sides the reader's parties stand on
    joined = False  # a subject's name the parser hung in a fronted phrase
    for token in _clause(head, trigger):
        entity = index.entity_at(token)
        span = index.span_of(token)
        if entity is None or token.i in quoted or (span is not None and token != span.root):
            continue
        side, fronted = _frame_side(token, head, trigger)
        joined = joined or fronted
        if entity in found:
            if side is not None:
                sides.add(side)
            continue
        if entity.type != "person":
            continue
        if side is None:
            return []  # a name of the clause in a place no party stands: the clause is not plain
        _, people = lists.setdefault(_list_head(token).i, (side, []))
        if entity not in people:
            people.append(entity)
    sets = list(lists.values())
    if len(found) == 1 and len(sets) == 1 and len(sides) == 1 and (joined or sets[0][0] not in sides):
        return sets[0][1]
    if not found and joined and len(sets) == 1 and sets[0][0] and len(sets[0][1]) >= 2:
        return sets[0][1]  # "During his stay in X, A and his counterpart B held talks"
    if not found and len(sets) == 2 and sets[0][0] != sets[1][0]:
        return sets[0][1] + [e for e in sets[1][1] if e not in sets[0][1]]
    return []


def _clause_head(noun: Token) -> Token:
    """Where an encounter noun's parties are told: the light verb it is the object of ("X
    held talks with Y"), else the noun's own phrase ("a meeting with A and B"). The clause
    of any other verb is that verb's frame, not the encounter's."""
    if is_light_verb_object(noun):
        return noun.head
    return noun


def _clause(head: Token, trigger: Token) -> list[Token]:
    """The words of the head's own clause (not of the clauses inside it)."""
    found: list[Token] = []
    stack = [head]
    while stack:
        token = stack.pop()
        found.append(token)
        for child in token.children:
            if child.dep_ in OTHER_CLAUSE_DEPS and child != trigger and not is_name_adjective(child):
                continue
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
                continue  # a clause of its own: "met X and thanked Y"
            stack.append(child)
    return found


def _frame_side(token: Token, head: Token, trigger: Token) -> tuple[bool | None, bool]:
    """Whether a name stands on the subject side (True) or the object side (False) of the
    encounter's clause head, None where it stands in no party's position; and whether the
    parser hung it in a fronted phrase beside the subject (see _fronted_subject)."""
    side = False
    while token != head:
        if _fronted_subject(token, head):
            return True, True
        dep = token.dep_
        parent = token.head
        if dep not in FRAME_DEPS and not is_name_adjective(token):
            return None, False
        if dep == "prep" and not (
            (parent in (head, trigger) and token.lower_ in PARTY_PREPS) or _is_title_word(parent)
        ):
            return None, False  # "in London", "the wife of X"
        if parent == head and dep in SUBJECT_DEPS:
            side = True
        token = parent
    return side, False


def _fronted_subject(token: Token, head: Token) -> bool:
    """ "During his stay in Zelin, Ruiz and his counterpart Varga held talks", "Prior to the
    talks between A and B, Ruiz met with Varga": the parser may hang the subject's name that
    follows a fronted phrase as the last conjunct of that phrase's object. A name right after
    the phrase's closing comma and before the verb is the subject where the verb has none of
    its own or the name is joined by "and" to it."""
    doc = token.doc
    start = token.left_edge.i
    if token.dep_ != "conj" or token.i > head.i or start == 0 or doc[start - 1].text != ",":
        return False
    opener = next(
        (
            c
            for c in head.children
            if c.i < token.i and c.left_edge.i == head.sent.start and c.dep_ in ("prep", "advmod", "npadvmod")
        ),
        None,
    )
    if opener is None or not opener.left_edge.i <= token.i <= opener.right_edge.i:
        return False
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    after = token.i + 1  # the name's head word ends it
    return not subjects or (doc[after].lower_ == "and" and any(after < s.i < head.i for s in subjects))


def _is_title_word(token: Token) -> bool:
    """ "Chairman of the Standing Committee", "Minister for Trade": a capitalised title whose
    phrase ends in the holder's name."""
    return token.pos_ in ("NOUN", "PROPN") and token.text[:1].isupper() and not token.is_sent_start


def _list_head(token: Token) -> Token:
    """The first item of the list a name is part of ("A, B and C"; "X, the envoy"; "Chairman
    of the Assembly X and Speaker Y")."""
    while token.head != token:
        if token.dep_ in ("conj", "appos", "compound"):
            token = token.head
        elif token.dep_ == "pobj" and token.head.dep_ == "prep" and _is_title_word(token.head.head):
            token = token.head.head
        else:
            break
    return token


def _quoted(sent: Span) -> set[int]:
    """Token indices of the sentence inside quotation marks."""
    inside = False
    found: set[int] = set()
    for token in sent:
        if token.text in _QUOTES:
            inside = not inside if token.text == '"' else token.text == "\u201c"
            continue
        if inside:
            found.add(token.i)
    return found
