"""An encounter as one clause tells it (a Mention) and the trigger word that names it: what
events.py finds and assembly.py joins into facts. Also the evidence span every fact
carries, and the distance in sentences between two words.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.model import Entity, Evidence, Status
from kg.nlp.cached import article_text
from kg.nlp.factuality import has_to
from kg.nlp.lexicon import phrasal_verbs, single_words


def indefinite(token: Token) -> bool:
    """Has the noun "a" or "an" before it ("a spokesman", "an honorary medal")?"""
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)


@dataclass
class Trigger:
    type: str  # "meeting" or "call"
    token: Token  # the word that names the event
    predicate: Token | None = None  # the verb carrying its tense, when the trigger is a noun


@dataclass
class Mention:
    type: str
    trigger: Token
    predicate: Token | None
    participants: list[Entity]
    date: str | None
    place: Entity | None
    status: Status | None
    anaphoric: bool
    sents: list[Span] = field(default_factory=list)
    at_occasion: bool = False  # "on the sidelines of the summit": held at the story's occasion
    # The encounter an anaphoric mention names: a link between mentions, not part of what
    # this one says, so two mentions are compared without following it.
    antecedent: Mention | None = field(default=None, compare=False)


TriggerFinder = Callable[[Token], Trigger | None]


@dataclass(frozen=True)
class Finder:
    """A trigger finder with every word it may take: a word whose lower-cased lemma is none
    of `lemmas` and whose lower-case form is none of `forms` gets None from `find`, so
    events.py looks these words up instead of showing it every word of the story."""

    find: TriggerFinder
    lemmas: frozenset[str]
    forms: frozenset[str]


# "alongside X"; "along with X", "together with X" (first word -> the preposition after it).
ACCOMPANYING = single_words("accompanying-words")
ACCOMPANYING_PAIRS = phrasal_verbs("accompanying-words")


def agent_objects(verb: Token) -> list[Token]:
    """Who a passive verb's "by" phrase names ("was asked by host Ana Ruiz", "was received by
    X"): the objects of each of its agent children, agent by agent."""
    return [o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]


def prep_objects(token: Token, preps: Collection[str]) -> list[Token]:
    """The objects of the token's own prepositions among `preps`: X in "talks with X"."""
    return [
        p
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ in preps
        for p in prep.children
        if p.dep_ == "pobj"
    ]


def slipped_with_party(verb: Token) -> list[Token]:
    """X in "spoke today with X to discuss Y", where the parser read "with X to discuss" as a
    clause: "with" its mark (or a preposition over the clause), X the subject of the
    infinitive. A "with" after the verb that opens a purpose infinitive names the party; an
    absolute clause ("with X leaving office, they met") has no "to" and usually comes first."""
    clauses = [c for c in verb.children if c.dep_ == "advcl" and _opened_by_with(c, verb)]
    clauses += [
        c
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ == "with" and prep.i > verb.i
        for c in prep.children
        if c.dep_ == "pcomp"
    ]
    return [
        subject
        for clause in clauses
        if clause.tag_ == "VB" and has_to(clause)
        for subject in clause.children
        if subject.dep_ == "nsubj"
    ]


def _opened_by_with(clause: Token, verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "with" and c.i > verb.i for c in clause.children)


def companions(noun: Token) -> list[Token]:
    """Whom an encounter noun puts beside its subject: "a news conference alongside X", "a
    press conference held along with X" (also through the participle that tells the
    occasion, where the parser hangs the phrase)."""
    found: list[Token] = []
    for holder in [noun, *(c for c in noun.children if c.dep_ == "acl")]:
        for word in holder.children:
            if word.dep_ == "prep" and word.lower_ in ACCOMPANYING:
                found.extend(p for p in word.children if p.dep_ == "pobj")
            elif word.lower_ in ACCOMPANYING_PAIRS and word.i + 1 < len(word.doc):
                # "along with": the parser hangs "with" from "along" or beside it.
                prep = word.doc[word.i + 1]
                if prep.dep_ == "prep" and prep.lower_ in ACCOMPANYING_PAIRS[word.lower_]:
                    found.extend(p for p in prep.children if p.dep_ == "pobj")
    return found


def evidence_of(article_id: str, span: Span) -> Evidence:
    text = span.text
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    start, end = span.start_char + lead, span.end_char - trail
    return Evidence(article_id, start, end, article_text(span.doc)[start:end])


def dated_by_possessive(noun: Token) -> bool:
    """ "Thursday's call", "this week's conference": a date that owns the event noun names
    one encounter, as "the" does, and gives its day."""
    return any(c.dep_ == "poss" and c.ent_type_ == "DATE" for c in noun.children)


def last_told(before: list[Mention]) -> Mention | None:
    """The last encounter told in its own right among `before` (not one looking back on
    another): what "the meeting" refers to, where anything does."""
    return next((m for m in reversed(before) if not m.anaphoric), None)


def sentence_distance(a: Token, b: Token) -> int:
    """How many sentence starts lie between two tokens (0: the same sentence)."""
    first, second = sorted((a.sent.start, b.sent.start))
    if first == second:
        return 0
    return sum(1 for t in a.doc[first + 1 : second + 1] if t.is_sent_start)
