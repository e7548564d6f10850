"""Entities of one article: canonical names, types decided by the whole article, and the
mapping from tokens to entities that every extractor uses.

"Revik" is "Tomas Revik" when the article gives the full name; a name tagged PERSON most
of the time is a person every time; outlets are recognised from a gazetteer of well-known
outlets and from context ("French newspaper X", "news agency X").

Beside it: names/ (where a name mention begins and ends), outlets.py (the outlets
a story names), titles.py (the title and office written with a name) and short_forms.py
(which full name a short form is). index_entities builds the registry in named steps.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.model import Entity, EntityType
from kg.nlp import gazetteer
from kg.nlp.cached import tokens_with_lower
from kg.nlp.dateline import dateline_span
from kg.nlp.dates import MONTHS_AND_DAYS
from kg.nlp.gender import (
    gender_of_name,
    gender_of_title,
    genders_from_pronouns,
    is_given_name,
    mark_title_gender,
)
from kg.nlp.lexicon import words
from kg.nlp.names.endings import NAME_SUFFIXES
from kg.nlp.names.run_together import is_given_named
from kg.nlp.names.spans import name_spans
from kg.nlp.names.titled import titled_name_start
from kg.nlp.names.untagged import untagged_full_names
from kg.nlp.outlets import gazetteer_outlets, is_outlet_context, opens_with_known_outlet, outlets_by_kind
from kg.nlp.short_forms import (
    BUILDING_NOUNS,
    DOMINANCE,
    People,
    mostly_person,
    names_a_body,
    one_longer,
    organisations_named_short,
    people_named,
)
from kg.nlp.titles import full_title_word, is_title_word, office_of, offices_held, title_before

_LABEL_TYPE: dict[str, EntityType] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
# "Tarek El- Masrawi": a wire story's line break left after a hyphen inside a name.
_HYPHEN_BREAK = re.compile(r"(?<=\w)-\s+(?=\w)")
_STRIP_PREFIX = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_STRIP_SUFFIX = re.compile(r"(?:\s*['’]s?|\s*[,.;:]+)$")
# "Tomas Revik Jr.", "Anna K.": the full stop of a generational suffix or an initial ending
# the name is the name's, not the sentence's.
_ABBREVIATION_END = re.compile(r"(\b(?:Jr|Sr)|(?<![A-Za-z])[A-Z])\.[,;:]*$")


# "Tomas Revik, Jr." is written "Tomas Revik Jr.", as most stories write it.
_SUFFIX_COMMA = re.compile(
    r",\s+(?=(?:" + "|".join(re.escape(s.rstrip(".")) for s in sorted(NAME_SUFFIXES)) + r")\b)", re.IGNORECASE
)


# Before the name's last word only: "Velgaz (Norland) Trading Ltd" keeps its bracket.
_BRACKET_INSIDE = re.compile(r"(?<=\w)\)\s+(?=[A-Z][\w'-]*$)")


def clean_name(text: str) -> str:
    """Surface name without a leading article, trailing possessive or line breaks; a
    typographic apostrophe written as a plain one, so that "O’Neill" and "O'Neill", both in
    one story, are one name; no space after a hyphen ("El- Masrawi", a wire story's line
    break); no comma before a generational suffix, whose full stop stays ("Tomas Revik
    Jr.", as an initial's: "Anna K.")."""
    text = _SUFFIX_COMMA.sub(" ", " ".join(text.split()).replace("’", "'"))
    text = _HYPHEN_BREAK.sub("-", text)
    # "Marek) Dovan": an editor's bracket closing inside a name (see
    # names.endings._past_editors_bracket) is no part of it.
    if "(" not in text:
        text = _BRACKET_INSIDE.sub(" ", text)
    text = _STRIP_PREFIX.sub("", text)
    abbreviation = _ABBREVIATION_END.search(text)
    text = text[: abbreviation.end(1) + 1] if abbreviation else _STRIP_SUFFIX.sub("", text)
    return text.strip(" -–—\"'“”‘’()[]")


@dataclass
class ArticleEntities:
    """Who is who in one Doc."""

    doc: Doc
    by_token: dict[int, Entity] = field(default_factory=dict)
    spans: dict[int, Span] = field(default_factory=dict)  # token index -> its mention span
    entities: set[Entity] = field(default_factory=set)
    # person -> (title, organisation or country name or None), filled by descriptions.py
    titles: dict[Entity, set[tuple[str, str | None]]] = field(default_factory=dict)
    # (person, title, org name, sentence) from a description the article links to a name
    described_roles: list[tuple[Entity, str, str, Span]] = field(default_factory=list)
    # person -> "male" / "female" where a title says so ("Mrs", "King"), "unknown" if both
    genders: dict[Entity, str] = field(default_factory=dict)
    # token index of a plural reference ("their", "the two leaders") -> the group it names,
    # filled by groups.py
    groups: dict[int, tuple[Entity, ...]] = field(default_factory=dict)

    def entity_at(self, token: Token) -> Entity | None:
        return self.by_token.get(token.i)

    def named(self, text: str) -> Entity | None:
        """The one entity of the story that `text` names: a country or nationality word, an
        entity's full name, or the surname of exactly one person ("Lindqvist" in "the
        Lindqvist-Varga talks", where the tagger saw no name of its own)."""
        country = gazetteer.country_of(text)
        if country:
            return Entity(country, "country")
        key = text.strip().lower()
        exact = [e for e in self.entities if e.name.lower() == key]
        if len(exact) == 1:
            return exact[0]
        by_surname = [e for e in self.entities if e.type == "person" and e.name.lower().split()[-1] == key]
        return by_surname[0] if len(by_surname) == 1 else None

    def span_of(self, token: Token) -> Span | None:
        return self.spans.get(token.i)

    def surname_bearers(self, person: Entity) -> set[Entity]:
        """The people the story names in full whose surname a one-word person's name is
        ("Ruiz": Ana Ruiz and Tomas Ruiz); none for a full name. Where there are two or more,
        the entity layer leaves the one-word name as written: which of them it is, is for
        the reader of the sentence to say (the quotations' speaker chain)."""
        if person.type != "person" or " " in person.name:
            return set()
        key = person.name.lower()
        return {
            e
            for e in self.entities
            if e.type == "person" and " " in e.name and e.name.lower().split()[-1] == key
        }


_STATEMENT_LEMMAS = words("statement-verbs")
_PERSONS_VERBS = gazetteer.SPEECH_LEMMAS | words("meeting-verbs")  # speech verbs hold the statement verbs
_PERSONS_NOUNS = words("visit-nouns") | words("meeting-nouns") | words("conversation-nouns")
AREA_UNIT_NOUNS = words("area-unit-nouns")


def _is_speaking_name(span: Span, min_words: int = 2) -> bool:
    """ "Karim Haddon told Norpress": a two- or three-word proper name with no organisation word,
    speaking as the subject of a speech verb, is a person the tagger took for an
    organisation."""
    root = span.root
    return (
        min_words <= len(span) <= 3
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span)
        and not any(t.lower_ in gazetteer.ORG_WORDS for t in span)
        and root.dep_ == "nsubj"
        and root.head.lemma_.lower() in _STATEMENT_LEMMAS
    )


def _determined(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in token.children)


def _surname_in_persons_place(
    span: Span, name: str, votes: dict[str, Counter[str]], after_the: AbstractSet[str]
) -> str | None:
    """The full name (its key) a one-word place or organisation mention is the surname of,
    where it stands as a person stands: the subject of a speech or meeting verb, the
    possessor of a visit or talks. Never a country, a capital or a known outlet ("Nordhaven
    said"), and only where exactly one full name of the story ends with it."""
    if len(span) != 1 or span.label_ not in ("GPE", "ORG", "LOC", "FAC") or not span[0].is_title:
        return None
    if gazetteer.country_of(name) or gazetteer.country_of_capital(name) or gazetteer.is_known_outlet(name):
        return None
    token = span[0]
    head = token.head.lemma_.lower()
    if not (
        (token.dep_ in ("nsubj", "nsubjpass") and head in _PERSONS_VERBS)
        or (token.dep_ == "poss" and head in _PERSONS_NOUNS)
    ):
        return None
    key = name.lower()
    # "Wang" for "Wang Lei": the family name written first, where no name ends with it.
    names = [w for k in votes if len(w := k.split()) in (2, 3) and not set(w) & gazetteer.ORG_WORDS]
    # (written first only in a name the story never writes after "the": "the Vondrak
    # Express", a rally's or a train's name, is no one's)
    # (nor in a name the tagger reads as a place: "Wang Tower", a building named after someone)
    fulls = {" ".join(w) for w in names if w[-1] == key} or {
        " ".join(w)
        for w in names
        if w[0] == key
        and " ".join(w) not in after_the
        and _majority_label(votes[" ".join(w)]) not in ("FAC", "GPE", "LOC")
    }
    return fulls.pop() if len(fulls) == 1 else None


SETTLEMENT_NOUNS = words("settlement-nouns")


def _called_a_settlement(span: Span) -> bool:
    """ "Vardsund, a port city in the north", "Vardsund, the provincial capital": the name
    stands beside a noun that says it is a settlement."""
    return any(
        c.dep_ == "appos" and c.i >= span.end and c.lemma_.lower() in SETTLEMENT_NOUNS
        for c in span.root.children
    )


WEAK_LABELS = {"NORP", "PRODUCT", "WORK_OF_ART"}


@dataclass
class _Mentions:
    """The story's name mentions as read so far: each span with its cleaned name, what its
    mentions vote each name (by key) is, and the names that are outlets'. Weak mentions,
    whose tag is unreliable for names ("Vondrak" as NORP, "Courier am Sonntag" as a work of
    art), wait apart: kept only where the rest of the article says what they are."""

    named: list[tuple[Span, str]] = field(default_factory=list)  # (span, cleaned surface name)
    votes: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    outlet_names: set[str] = field(default_factory=set)
    weak: list[tuple[Span, str]] = field(default_factory=list)

    def add(self, span: Span, name: str, label: str) -> None:
        self.named.append((span, name))
        self.votes[name.lower()][label] += 1

    def add_outlet(self, span: Span, name: str) -> None:
        self.outlet_names.add(name.lower())
        self.add(span, name, "ORG")


def index_entities(doc: Doc) -> ArticleEntities:
    """Cluster the article's name mentions into entities with canonical names and types:
    the mentions read and labelled, weighed in their context; the people named in full and
    their short forms; each name's canonical key and entity; then the surnames under a
    title, the genders, and the short forms the tagger missed."""
    mentions = _read_mentions(doc)
    _vote_by_context(doc, mentions)
    for span in untagged_full_names(doc, mentions.votes):
        mentions.add(span, clean_name(span.text), span.label_ or "PERSON")
    # "Rival Anna Lindqvist" at a sentence's start may carry a word that is no part of a name;
    # so may an upper-case heading ("WATCH ANNA LINDQVIST"), whose sentence the parse cannot
    # tell from the words run into its names.
    inside_sentence = {
        name.lower()
        for span, name in mentions.named
        if not span[0].is_sent_start and not name.split()[0].isupper()
    }
    _end_of_a_persons_name(mentions.votes)
    people = people_named(mentions.votes, inside_sentence)
    _admit_weak(mentions, people.by_short)
    names = _names(mentions, _canonical_keys(mentions, people.by_short), people.full)
    index = ArticleEntities(doc)
    _register(index, mentions.named, names)
    _genders_by_name(index)
    alone, fitted = _titled_surnames(doc, index, mentions.named, people.shared_surnames, names)
    by_surname = _surnames_of_the_titled(index, mentions.named, alone, fitted, people, names)
    _family_names_written_first(doc, index, mentions.named)
    _genders_by_title_and_pronoun(doc, index, mentions.named, people.shared_surnames)
    _untagged_short_forms(doc, index, mentions.votes, people.by_short, names, by_surname)
    return index


def _read_mentions(doc: Doc) -> _Mentions:
    """The story's name mentions, each labelled: the outlets it names by their kind, the
    tagger's names (repaired, and outside the dateline), then well-known outlets the tagger
    missed."""
    mentions = _Mentions()
    dateline = dateline_span(doc)
    by_kind = outlets_by_kind(doc)
    kind_tokens = {t.i for span in by_kind for t in span}
    for span in by_kind:
        mentions.add_outlet(span, clean_name(span.text))
    for span in name_spans(doc):
        if any(t.i in kind_tokens for t in span):
            continue  # the outlet named by its kind, read above
        if dateline is not None and span.start < dateline.end and span.end > dateline.start:
            # "OSLO (Norpress) —": where the reporter is, told once as a place; a name the
            # tagger ran on into ("ROME - Anna Lind met ...") is the name after the dash.
            start = next((t.i for t in doc[dateline.end : span.end] if not t.is_punct), span.end)
            if start == span.end:
                continue
            span = Span(doc, start, span.end, label=span.label_)
        name = clean_name(span.text)
        if not name or not any(ch.isalpha() for ch in name) or name.islower():
            continue  # the tagger's lower-case "names" ("state") are common nouns
        label = _relabelled(span, name)
        if gazetteer.is_known_outlet(name) or (
            label in ("ORG", "FAC", "PERSON", "PRODUCT", "WORK_OF_ART")
            and (is_outlet_context(span) or opens_with_known_outlet(span))
        ):
            mentions.add_outlet(span, name)  # "the weekly Al-Norra", tagged a person
        elif label in WEAK_LABELS:
            mentions.weak.append((span, name))
        elif label == "ORG" and (_is_speaking_name(span) or is_given_named(span)):
            mentions.add(span, name, "PERSON")
        else:
            mentions.add(span, name, label)
    covered = {t.i for span, _ in mentions.named for t in span} | {
        t.i for span, _ in mentions.weak for t in span
    }
    for span in gazetteer_outlets(doc, covered):
        mentions.add_outlet(span, clean_name(span.text))
    return mentions


def _relabelled(span: Span, name: str) -> str:
    """The tagger's label of a name mention, or what the name itself says it is where the
    tagger was wrong: a country, a building, a division of a country, a capital, a person."""
    label = span.label_
    if label in ("GPE", "NORP") and gazetteer.country_of(name):
        return "COUNTRY"
    if label == "PERSON" and gazetteer.country_of(name) and titled_name_start(span) is None:
        return "COUNTRY"  # a country's name the tagger took for a person ("Jordan's King")
    if (
        label == "PERSON"
        and len(span) > 1
        and span[-1].lower_ in BUILDING_NOUNS
        and not is_given_name(span[0].text)  # "Anna Hall" is a person
    ):
        return "FAC"  # "the Revik White House": a building a person's name qualifies
    if label == "PERSON" and len(span) > 1 and span[0].lower_ in AREA_UNIT_NOUNS:
        return "GPE"  # "County Ardmore": a division of a country, not a person
    if label == "PERSON" and gazetteer.country_of_capital(name) and titled_name_start(span) is None:
        return "GPE"  # a capital the tagger took for a person ("urged Varga to visit Tallinn")
    if label == "NORP" and _is_speaking_name(span, min_words=1) and not _determined(span.root):
        # "Vondrak told Norpress": a name, not a nationality. Not "the Ohio Democrat told
        # Norpress": a name takes no article; that is a description of someone.
        return "PERSON"
    return label


def _vote_by_context(doc: Doc, mentions: _Mentions) -> None:
    """Votes the words around a mention cast (added to `mentions.votes`): a title before
    it, a settlement noun beside it, a person's place in the clause."""
    votes = mentions.votes
    for span, name in mentions.named:
        # "envoy Jean Kasongo Mbala", "Mr Denholm": a title before a name marks a person; so
        # "President Vondrak" tagged a person, against the tagger's other reads of the bare
        # surname ("Vondrak's allies" as a body). Not a full name the tagger took for a person:
        # its votes count its mentions, which weigh namesakes against each other.
        if (
            (span.label_ != "PERSON" or " " not in name)
            and span.start > 0
            and is_title_word(doc[span.start - 1])
            and doc[span.start - 1].lower_ not in gazetteer.OUTLET_NOUNS
            # "a former Swedish ski champion": a nationality after a title modifier.
            and not gazetteer.country_of(name)
            # "former Vesterland governor X", "the former UN secretary general": a place or
            # body before a title noun is where the title is held, not a person; so before
            # its abbreviation ("former Vesterland Gov. X").
            and not (span.end < len(doc) and full_title_word(doc[span.end].lower_) in gazetteer.TITLE_HEADS)
            # "the main opposition Harbour Workers Party", "the senior Harbour Senate
            # member": a name ending in a word for a body or a chamber is the body's,
            # whatever stands before it.
            and span[-1].lower_ not in gazetteer.ORG_WORDS
            and not names_a_body(name.lower())
        ):
            votes[name.lower()]["PERSON"] += 2
    # "visited Vardsund, a port city in the north": a name the story itself calls a city,
    # a town or a province is a place, however the tagger took it there or elsewhere.
    for span, name in mentions.named:
        if span.label_ not in ("GPE", "LOC") and _called_a_settlement(span):
            votes[name.lower()]["GPE"] += sum(votes[name.lower()].values()) + 1
    # "Vondrak said", "Vondrak's visit" with "Vondrak" tagged a place: the surname of the one
    # full name the story gives, standing where a person stands, is that person's.
    after_the = {
        name.lower()
        for span, name in mentions.named
        if span[0].lower_ == "the" or (span.start > 0 and doc[span.start - 1].lower_ == "the")
    }
    for span, name in mentions.named:
        full = _surname_in_persons_place(span, name, votes, after_the)
        if full is not None:
            votes[name.lower()]["PERSON"] += 1
            votes[full]["PERSON"] += 1


def _end_of_a_persons_name(votes: dict[str, Counter[str]]) -> None:
    """ "Ruizmoore Lind" where the story names Maya Ruizmoore Lind: a name of two or three
    words, no given name first, that ends exactly one person's longer name is that person,
    however the tagger took it (an organisation, for two surnames that look like a firm's)."""
    people = [k for k, c in votes.items() if len(k.split()) >= 3 and mostly_person(c)]
    for key, counter in votes.items():
        words = key.split()
        if (
            not 2 <= len(words) <= 3
            or counter["PERSON"] >= sum(counter.values()) / 2
            or is_given_name(words[0])
            or names_a_body(key)  # "White House" ending a caption's "Ana Lind/Norpress White House"
        ):
            continue
        if one_longer(key, people, str) is not None:
            counter["PERSON"] += sum(counter.values())


def _admit_weak(mentions: _Mentions, by_short: dict[str, set[str]]) -> None:
    """A weak mention (see _Mentions) is a person where its name is the short form of one
    person's full name, or a one-word name the story's other mentions make a person's."""
    votes = mentions.votes
    for span, name in mentions.weak:
        key = name.lower()
        single_person = key in votes and len(key.split()) == 1 and _majority_label(votes[key]) == "PERSON"
        if (key in by_short and len(by_short[key]) == 1) or single_person:
            mentions.add(span, name, "PERSON")


def _canonical_keys(mentions: _Mentions, by_short: dict[str, set[str]]) -> dict[str, str]:
    """Each name's key -> the key of the name it is short for, or its own: a person's
    short form the one full name it may be, an organisation's its longer name."""
    canonical = {}
    for key in mentions.votes:
        fulls = by_short.get(key, set())
        canonical[key] = next(iter(fulls)) if len(fulls) == 1 else key
    organisations = {
        k for k in mentions.votes if _majority_label(mentions.votes[k]) == "ORG" or k in mentions.outlet_names
    }
    organisations_named_short(
        canonical,
        organisations,
        mentions.outlet_names,
        longer=[name for span, name in mentions.named if len(span) > 1 and span.label_ != "PERSON"],
        names=[name for _, name in mentions.named],
        people=_people_keys(mentions),
    )
    return canonical


def _people_keys(mentions: _Mentions) -> set[str]:
    """The keys of the names the story's mentions make people's, and their surnames."""
    people = {k for k, votes in mentions.votes.items() if _majority_label(votes) == "PERSON"}
    return people | {k.split()[-1] for k in people}


@dataclass(frozen=True)
class _Names:
    """Which entity each name key of the story names: its canonical key's, typed by the
    votes of all the mentions that key stands for and named by its fullest spelling."""

    canonical: dict[str, str]  # key -> canonical key
    cluster_votes: dict[str, Counter[str]]  # canonical key -> the votes of all its mentions
    surface: dict[str, str]  # canonical key -> the first spelling seen of it
    with_the: set[str]  # canonical keys written with a capital "The"
    outlet_names: set[str]
    full_people: set[str]

    def entity(self, key: str) -> Entity:
        ckey = self.canonical[key]
        counter = self.cluster_votes[ckey]
        name = self.surface.get(ckey, ckey)
        if ckey in self.outlet_names or (key in self.outlet_names and not self._surname_of_one(key, ckey)):
            return Entity("The " + name if ckey in self.with_the else gazetteer.outlet_name(name), "outlet")
        top = _majority_label(counter)
        if ckey in self.with_the and top == "ORG":
            return Entity("The " + name, "organization")
        if top == "COUNTRY":
            return Entity(gazetteer.country_of(name) or name, "country")
        # The tagger often calls a bare surname ("Vondrak") an organisation; a full name it
        # calls a person decides for all its short forms.
        if top == "PERSON" or ckey in self.full_people:
            return Entity(name, "person")
        return Entity(name, _LABEL_TYPE.get(top, "organization"))

    def _surname_of_one(self, key: str, ckey: str) -> bool:
        """ "Norpress" where the story names Anna Norpress: a known outlet's one-word name
        that is the surname of the one person the story names in full is hers."""
        return ckey != key and ckey in self.full_people and ckey.split()[-1] == key


def _names(mentions: _Mentions, canonical: dict[str, str], full_people: set[str]) -> _Names:
    """The entity each name key names, once the canonical keys are known."""
    # Type by the votes of every mention of the canonical entity.
    cluster_votes: dict[str, Counter[str]] = defaultdict(Counter)
    for key, counter in mentions.votes.items():
        cluster_votes[canonical[key]].update(counter)
    surface: dict[str, str] = {}
    for _span, name in mentions.named:
        key = name.lower()
        ckey = canonical[key]
        # The canonical surface form: the first spelling seen of the canonical key.
        if ckey == key:
            surface.setdefault(ckey, name)
    with_the = _written_with_the(mentions.named, canonical, mentions.outlet_names)
    return _Names(canonical, cluster_votes, surface, with_the, mentions.outlet_names, full_people)


def _written_with_the(
    named: list[tuple[Span, str]], canonical: dict[str, str], outlet_names: set[str]
) -> set[str]:
    """ "told The Harbour Courier": a capitalised "The" inside a sentence is part of the name,
    which the article's fullest spelling then keeps. At a sentence's start it is part of a
    newspaper's name too ("The Quay reported"), unless the article writes "the Quay"."""
    with_the, without_the = set(), set()
    for span, name in named:
        ckey = canonical[name.lower()]
        the = _the_before(span)
        if the is None or name.isupper():  # an acronym is never named with "The"
            continue
        if the.text == "the":
            without_the.add(ckey)
        elif not the.is_sent_start or ckey in outlet_names:
            with_the.add(ckey)
    return with_the - without_the


def _register(index: ArticleEntities, named: list[tuple[Span, str]], names: _Names) -> None:
    """Each mention's entity, on every token of it."""
    for span, name in named:
        _assign(index, span, names.entity(name.lower()))
        for token in span:
            index.spans[token.i] = span


def _assign(index: ArticleEntities, span: Span, entity: Entity) -> None:
    """The story names `entity` at `span`: every token of the span points at it."""
    index.entities.add(entity)
    for token in span:
        index.by_token[token.i] = entity


def _genders_by_name(index: ArticleEntities) -> None:
    """A person's gender, where the story says it: first a given name common for one sex
    only; then the titles it gives them ("Mrs", "King"; where the two disagree, neither),
    then the pronouns it uses for them ("Revik said he ...", the least sure), in
    _genders_by_title_and_pronoun."""
    for entity in index.entities:
        by_name = gender_of_name(entity) if entity.type == "person" else None
        if by_name is not None:
            index.genders[entity] = by_name


def _titled_surnames(
    doc: Doc,
    index: ArticleEntities,
    named: list[tuple[Span, str]],
    shared_surnames: dict[str, set[str]],
    names: _Names,
) -> tuple[dict[str, list[str]], dict[int, Entity]]:
    """ "Mr. Lindqvist" is not Anna Lindqvist, nor "President Lindqvist" the first lady Eva
    Lindqvist: a surname under a title goes to the one person bearing it whom the title
    fits, and to no one where none or several do. A man's or woman's title ("Mrs",
    "Prince") rules out bearers of the other sex; an office ("President") rules out a
    bearer the story gives other offices and never this one, and picks the one bearer it
    gives this office. Returns, by surname, the titled mentions that fit no bearer, and the
    bearer each titled mention that fits exactly one is (by its first token)."""
    offices = offices_held(doc, named, index.by_token)
    alone: dict[str, list[str]] = defaultdict(list)  # surname -> titled mentions that fit no bearer
    fitted: dict[int, Entity] = {}  # first token of a titled mention -> the one bearer it fits
    for span, name in named:
        person = index.by_token.get(span.start)
        title = title_before(doc, span.start)
        if not title or person is None or person.type != "person" or " " in name:
            continue
        wanted = gender_of_title(title[-1])
        office = office_of(title)
        if wanted is None and office is None:
            continue  # "under Ruiz": no title that says who
        bearers = shared_surnames.get(name.lower()) or {names.canonical[name.lower()]}
        fitting = [
            e
            for e in (names.entity(c) for c in sorted(bearers))
            if (wanted is None or index.genders.get(e, wanted) == wanted)
            and (office is None or offices.get(e) is None or office in offices[e])
        ]
        holding = [e for e in fitting if office is not None and office in offices.get(e, ())]
        pool = holding or fitting
        chosen = pool[0] if len(pool) == 1 else Entity(name, "person")
        if not pool:
            alone[name.lower()].append(name)
        if len(pool) == 1:
            fitted[span.start] = chosen
        if chosen != person:
            _assign(index, span, chosen)
    return alone, fitted


def _surnames_of_the_titled(
    index: ArticleEntities,
    named: list[tuple[Span, str]],
    alone: dict[str, list[str]],
    fitted: dict[int, Entity],
    people: People,
    names: _Names,
) -> dict[str, Entity]:
    """ "Lindqvist said" where "President Lindqvist" is none of the Lindqvists named in full:
    the bare surname is that president as much as anyone, unless a full name clearly
    outnumbers the titled mentions (DOMINANCE, as for any shared surname). A titled mention
    that fits one bearer ("Mrs. Lindqvist" where the story names Anna Lindqvist) names her:
    it stays hers, and counts for her."""
    times = Counter({names.entity(b): n for b, n in people.named_times.items()})
    times.update(fitted.values())
    by_surname: dict[str, Entity] = {}
    for key, titled in alone.items():
        bearers = people.shared_surnames.get(key) or {names.canonical[key]} - {key}
        if bearers and max(times[names.entity(b)] for b in bearers) < DOMINANCE * len(titled):
            by_surname[key] = Entity(titled[0], "person")
    for span, name in named:
        if span.start in fitted:
            continue
        alike = by_surname.get(name.lower())
        if alike is not None and index.by_token.get(span.start) == names.entity(name.lower()):
            _assign(index, span, alike)
    return by_surname


def _family_names_written_first(doc: Doc, index: ArticleEntities, named: list[tuple[Span, str]]) -> None:
    """ "Seo" alone where the story names Zelin leader Seo Sun-ho and the freed sailor Li Seo:
    a family name written first, the short form of none (short forms are last words), is
    still the one titled person whose name opens with it, rather than an untitled person
    whose name ends with it. Where several or none of them are titled, the last word rules."""
    offices = offices_held(doc, named, index.by_token, standing=True)
    openers: dict[str, set[Entity]] = defaultdict(set)
    for entity in offices:
        first, _, rest = entity.name.partition(" ")
        if rest and not is_given_name(first):
            openers[first.lower()].add(entity)
    for span, name in named:
        held = index.by_token.get(span.start)
        titled = openers.get(name.lower())
        if " " in name or held is None or held.type != "person" or not titled or len(titled) != 1:
            continue
        opener = next(iter(titled))
        # Only against a namesake the word ends ("Li Seo"); a bare word that several
        # people's names open ("Seo" of Seo Min-ji and coach Seo Dae-ho) stays unread.
        namesake = " " in held.name and held.name.split()[-1].lower() == name.lower()
        if namesake and held != opener and held not in offices and not title_before(doc, span.start):
            _assign(index, span, opener)


def _genders_by_title_and_pronoun(
    doc: Doc, index: ArticleEntities, named: list[tuple[Span, str]], shared_surnames: dict[str, set[str]]
) -> None:
    """The genders the titles before a name and the pronouns for a person give (see
    _genders_by_name); not from a surname several people of the story bear."""
    for span, name in named:
        person = index.by_token.get(span.start)
        if person is None or person.type != "person" or span.start == 0:
            continue
        if name.lower() not in shared_surnames:
            mark_title_gender(index, person, doc[span.start - 1].lower_.rstrip("."))
    unsure = {t.i for span, name in named if name.lower() in shared_surnames for t in span}
    for person, gender in genders_from_pronouns(doc, index, unsure).items():
        index.genders.setdefault(person, gender)


def _untagged_short_forms(
    doc: Doc,
    index: ArticleEntities,
    votes: dict[str, Counter[str]],
    by_short: dict[str, set[str]],
    names: _Names,
    by_surname: dict[str, Entity],
) -> None:
    """Short forms the tagger missed: an untagged proper noun equal to a person's surname."""
    short_forms = {k: v for k, v in names.canonical.items() if k != v or len(k.split()) == 1}
    # No reading below takes a word that is none of these: they are looked up.
    for token in tokens_with_lower(doc, by_surname.keys() | short_forms.keys() | by_short.keys()):
        key = token.lower_
        if token.i in index.by_token or not (token.pos_ == "PROPN" or _surname_taken_for_noun(token)):
            continue
        if key in by_surname:
            entity = by_surname[key]
        elif key in short_forms and key in votes:
            entity = names.entity(key)
        elif len(by_short.get(key, ())) == 1 and token.text[:1].isupper():
            # "..., Revesz said": the surname of the one full name that bears it.
            entity = names.entity(next(iter(by_short[key])))
        else:
            continue
        surname = entity.name.lower().split()[-1]
        if entity.type == "person" and key != surname and _name_follows(token, entity):
            continue  # "Anna N Tomas Revik": a given name opening another name, not Anna Lind
        if entity.type == "person" or (
            token.pos_ == "PROPN" and entity.type in ("place", "country") and _stands_alone(token)
        ):
            # A place too: "will travel to Vardsund" left untagged in a story that tags Vardsund
            # elsewhere.
            index.by_token[token.i] = entity
            index.spans[token.i] = doc[token.i : token.i + 1]


def _surname_taken_for_noun(token: Token) -> bool:
    """A capitalised word the tagger read as a common noun where a person stands: the
    subject of a verb or a possessor ("..., Banks remarked", a surname that is also a
    plural noun). Only a person's surname makes it a name."""
    return (
        token.pos_ == "NOUN"
        and token.dep_ in ("nsubj", "nsubjpass", "poss")
        and token.text[:1].isupper()
        and not token.text.isupper()
    )


def _name_follows(token: Token, person: Entity) -> bool:
    """A capitalised proper noun right after the token that is no word of the person's
    name, nor a month or weekday."""
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return (
        after is not None
        and after.pos_ == "PROPN"
        and after.text[:1].isupper()
        and after.lower_.rstrip(".") not in person.name.lower().split()
        and after.lower_.rstrip(".") not in MONTHS_AND_DAYS
    )


def _stands_alone(token: Token) -> bool:
    """No proper noun beside it: "to Vardsund on Monday", not "the Vardsund Post"."""
    doc = token.doc
    return not any(0 <= i < len(doc) and doc[i].pos_ == "PROPN" for i in (token.i - 1, token.i + 1))


def _the_before(span: Span) -> Token | None:
    """The article "the" or "The" a name is written with, if any."""
    the = span[0] if span[0].lower_ == "the" else span.doc[span.start - 1] if span.start > 0 else None
    if the is None or the.lower_ != "the":
        return None
    # "The Norpress poll": the article belongs to the noun the name modifies (a lower-case
    # "the" there still says the article writes the name without one).
    return the if the.text == "the" or the.head in span or the in span and the.dep_ != "det" else None


def _majority_label(counter: Counter[str]) -> str:
    # Ties go to the more specific reading; sorting keeps the choice deterministic.
    order = {"PERSON": 0, "COUNTRY": 1, "ORG": 2, "GPE": 3, "FAC": 4, "LOC": 5}
    return min(counter, key=lambda label: (-counter[label], order.get(label, 9), label))
