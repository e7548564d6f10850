"""Entities of one article: canonical names, types decided by the whole article, and the
mapping from tokens to entities that every extractor uses.

"Revik" is "Tomas Revik" when the article gives the full name; a name tagged PERSON most
of the time is a person every time; outlets are recognised from a gazetteer of well-known
outlets and from context ("French newspaper X", "news agency X").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.model import Entity, EntityType
from kg.nlp import gazetteer
from kg.nlp.cached import doc_ents
from kg.nlp.dateline import dateline_span
from kg.nlp.dates import MONTHS, WEEKDAYS
from kg.nlp.gender import (
    FEMALE_TITLES,
    MALE_TITLES,
    gender_of_name,
    genders_from_pronouns,
    is_given_name,
    mark_title_gender,
)
from kg.nlp.lexicon import words
from kg.nlp.pipeline import NAME_ABBREVIATIONS

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
_LABEL_TYPE: dict[str, EntityType] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
_STRIP_PREFIX = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_STRIP_SUFFIX = re.compile(r"(?:\s*['’]s?|\s*[,.;:]+)$")
# How many times more often one full name must be given than another sharing its surname
# for the bare surname to be theirs.
DOMINANCE = 2


def clean_name(text: str) -> str:
    """Surface name without a leading article, trailing possessive or line breaks; a
    typographic apostrophe written as a plain one, so that "O’Neill" and "O'Neill", both in
    one story, are one name."""
    text = " ".join(text.split()).replace("’", "'")
    text = _STRIP_PREFIX.sub("", text)
    text = _STRIP_SUFFIX.sub("", text)
    return text.strip(" -–—\"'“”‘’()[]")


def name_key(text: str) -> str:
    return clean_name(text).lower()


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


# Words that mark a name as an organisation's, whatever its verb.
_ORG_WORDS = words("organisation-words")
# Common nouns for a person ("billionaire", "activist"): capitalised before a name ("Rapper
# Anna Lind", at a sentence's start or in a headline) they describe the person, they are
# no part of the name.
_DESCRIBING_NOUNS = words("person-nouns") | words("person-role-nouns")
_STATEMENT_LEMMAS = words("statement-verbs")
_PERSONS_VERBS = _STATEMENT_LEMMAS | gazetteer.SPEECH_LEMMAS | words("meeting-verbs")
_PERSONS_NOUNS = words("visit-nouns") | words("meeting-nouns") | words("conversation-nouns")
BUILDING_NOUNS = words("building-nouns")
AREA_UNIT_NOUNS = words("area-unit-nouns")


def _is_speaking_name(span: Span, min_words: int = 2) -> bool:
    """ "Karim Hadad told AFP": a two- or three-word proper name with no organisation word,
    speaking as the subject of a speech verb, is a person the tagger took for an
    organisation."""
    root = span.root
    return (
        min_words <= len(span) <= 3
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span)
        and not any(t.lower_ in _ORG_WORDS for t in span)
        and root.dep_ == "nsubj"
        and root.head.lemma_.lower() in _STATEMENT_LEMMAS
    )


def _is_given_named(span: Span) -> bool:
    """ "Anna Marit Lindqvist" tagged an organisation: two or three capitalised proper nouns
    (a hyphenated surname counts as one), the first a common given name, with no
    organisation word, acronym, outlet or country among them, name a person. Not where the
    story tags that first word a place more often than a person ("Harbourtown Energy"
    after "in Harbourtown")."""
    words_ = span.text.split()
    first = span[0]
    return (
        2 <= len(words_) <= 3
        and len(first) > 2
        and is_given_name(first.text)
        # "Harbour Rovers": a plural is a team's or a firm's name.
        and all((t.pos_ == "PROPN" and t.tag_ != "NNPS" and t.is_title) or t.text == "-" for t in span)
        and not any(t.lower_ in _ORG_WORDS for t in span)
        and not any(gazetteer.country_of(t.text) for t in [span, *span])
        and not gazetteer.is_known_outlet(span.text)
        and _times_tagged(first, ("GPE", "LOC")) <= _times_tagged(first, ("PERSON",))
    )


def _times_tagged(token: Token, labels: tuple[str, ...]) -> int:
    """How often the tagger gives the story's mentions of this word alone one of `labels`."""
    return sum(e.label_ in labels and e.text == token.text for e in doc_ents(token.doc))


def _possessor_end(ent: Span) -> int | None:
    """Where the possessive "'s" stands in a non-person span that ends in a person's given
    name and surname after it ("the Harbour Courier's Anna Lind"); None elsewhere."""
    if ent.label_ not in ("ORG", "GPE", "FAC", "NORP"):
        return None
    for token in ent[1:-2]:
        if token.tag_ == "POS":
            return token.i if _is_given_named(ent.doc[token.i + 1 : ent.end]) else None
    return None


MASTHEAD_WORDS = words("masthead-words")


def _is_outlet_context(span: Span) -> bool:
    """'Norvale newspaper Le Matin', 'news agency Norpress', 'the Harbour news agency', and a
    name that says it is an outlet itself: 'the Harbour Bay Times', 'Norvale Radio'."""
    doc = span.doc
    if len(span) > 1 and span[-1].lower_ in MASTHEAD_WORDS and span[-1].text[:1].isupper():
        return True
    if span.start > 0 and doc[span.start - 1].lower_ in gazetteer.OUTLET_NOUNS:
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
    return any(c.dep_ == "appos" and c.lower_ in gazetteer.OUTLET_NOUNS for c in head.children)


# Honorifics with and without a full stop ("Sen. Ruiz", "Mr Ruiz"); the dotted ones also
# keep a name on its sentence (pipeline.NAME_ABBREVIATIONS), so they are listed once there.
HONORIFICS = words("honorifics") | NAME_ABBREVIATIONS
# What a minister or secretary is "of" when that is part of the title ("Secretary of State").
PORTFOLIO_NOUNS = words("portfolio-nouns")


def _is_title_word(token: Token) -> bool:
    word = token.lower_
    return word in HONORIFICS or word in gazetteer.TITLE_HEADS or word in gazetteer.TITLE_MODIFIERS


def _describes_person(token: Token) -> bool:
    """ "Billionaire" in "Billionaire Thomas Revik": a common noun for a person, not also a
    given name ("Hunter"), before a name that opens with a given name (not "Marine" in
    "Marine Le Marin", a given name the lists lack)."""
    after = token.nbor() if token.i + 1 < len(token.doc) else None
    return (
        token.lower_ in _DESCRIBING_NOUNS
        and not is_given_name(token.text)
        and after is not None
        and is_given_name(after.text)
    )


def _name_spans(doc: Doc) -> list[Span]:
    """Named mentions; a person's name loses a title the tagger took into it
    ("President Revik" is "Revik")."""
    spans = []
    covered_until = 0  # a name carried on over the next span the tagger made of its rest
    released: set[int] = set()  # a name's first word the tagger ran into the body before it
    for ent in doc_ents(doc):
        if ent.label_ not in NAME_LABELS or ent.start < covered_until:
            continue
        if ent[0].is_lower and ent.label_ != "PERSON":
            # "to meet Piotr Varga" tagged as one organisation: no name starts with a
            # lower-case word.
            start = next((t.i for t in ent if not t.is_lower), ent.end)
            if start == ent.end:
                continue
            ent = Span(doc, start, ent.end, label=ent.label_)
        first = ent[0]
        if (
            len(ent) >= 3
            and first.is_upper
            and first.is_alpha
            and len(first) > 1
            and first.head.i not in range(ent.start, ent.end)
            and all(t.is_title for t in ent[1:])
        ):
            # "Ambassador to the UN Tomas Revik" tagged as one span: the acronym hangs from
            # "to", the name from the verb; two mentions, not one.
            spans.append(Span(doc, ent.start, ent.start + 1, label="ORG"))
            ent = Span(doc, ent.start + 1, ent.end, label=ent.label_)
        if ent.label_ != "PERSON" and len(ent) > 1 and _first_name_of_next(ent):
            # "Speaker of the Harbour Assembly Jan" tagged one body, "Karel Vondrak" a person:
            # the body's last word is compounded into the name that follows it.
            released.add(ent.end - 1)
            ent = Span(doc, ent.start, ent.end - 1, label=ent.label_)
        if ent.label_ != "PERSON" and len(ent) > 1 and _before_a_name(doc, ent.end):
            # "the Harbour Union Executive" + "Chairman Karel Vondrak", "the Joint Staff Gen." +
            # "Tom Berg": the title words the tagger ran into a body's name are the title's.
            end = ent.end
            while end - 1 > ent.start and _is_title_word(doc[end - 1]) and not doc[end - 1].is_lower:
                end -= 1
            ent = Span(doc, ent.start, end, label=ent.label_)
        owner = _possessor_end(ent)
        if owner is not None:
            # "the Harbour Courier's Anna Lind" tagged one organisation: the owner's name, then
            # a person's.
            spans.append(Span(doc, ent.start, owner, label=ent.label_))
            ent = Span(doc, owner + 1, ent.end, label="PERSON")
        if ent.label_ == "PERSON":
            start = ent.start
            # Titles, nationality words and lower-case words the tagger ran into the name:
            # "President Revik", "Norlandic King Otto", "to meet Tomas Revik" (a lower-case
            # particle inside a name, "Anna van der Berg", is never first).
            while start < ent.end - 1 and (
                _is_title_word(doc[start])
                or (doc[start].is_lower and not _joined_particle(doc[start]))
                or (doc[start].pos_ == "ADJ" and gazetteer.country_of(doc[start].text) is not None)
                or _describes_person(doc[start])
            ):
                start += 1
            end = ent.end
            # "Ana" untagged before "Maria Lopes": a capitalised proper noun compounded
            # into the name, not a title, is its first word. Not the last word of a body's
            # name ("Chief of the General Staff Anton Varga"), which has words of its own.
            while (
                start > 0
                and doc[start - 1].pos_ == "PROPN"
                and (doc[start - 1].ent_type_ == "" or start - 1 in released)
                and doc[start - 1].text[:1].isupper()
                and doc[start - 1].dep_ == "compound"
                and doc[start - 1].head.i in range(start, end)
                and not _is_title_word(doc[start - 1])
                and not _describes_person(doc[start - 1])
                and doc[start - 1].lower_ not in _ORG_WORDS  # "... Holdings Limited Ana Maria Lopes"
                and not any(c.dep_ == "compound" and c.i < start - 1 for c in doc[start - 1].children)
            ):
                start -= 1
            # "Karel" tagged, "Vondrak" not: an untagged capitalised proper noun that the
            # name's last word modifies belongs to the name.
            while (
                end < len(doc)
                and doc[end].pos_ == "PROPN"
                and doc[end].ent_type_ == ""
                and doc[end].text[:1].isupper()
                and doc[end - 1].head == doc[end]
                and doc[end - 1].dep_ == "compound"
                and not _is_title_word(doc[end])  # "Mali President ...": the title is no name
            ):
                end += 1
            end = _name_rest_end(doc, _past_nickname(doc, end))
            covered_until = end
            if (start, end) != (ent.start, ent.end):
                ent = Span(doc, start, end, label="PERSON")
        elif _titled_name(ent):
            # "King Haakon" or "President Ortega" tagged an organisation: the title marks a
            # person, and the name is what follows it.
            ent = Span(doc, ent.start + 1, ent.end, label="PERSON")
        elif ent.label_ in ("ORG", "WORK_OF_ART") and gazetteer.is_known_outlet(ent.text):
            ent = Span(doc, ent.start, _connected_title_end(doc, ent.end), label=ent.label_)
        elif ent.label_ == "ORG" and len(ent) > 1 and not gazetteer.is_known_outlet(ent.text):
            # "told AFP Stockholm itself would ...": a known outlet run into the next name.
            for end in range(ent.end - 1, ent.start, -1):
                if gazetteer.is_known_outlet(doc[ent.start : end].text):
                    if _connected_title_end(doc, end) < ent.end:
                        ent = Span(doc, ent.start, end, label="ORG")
                    break
        spans.append(ent)
    return spans


def _surname_in_persons_place(span: Span, name: str, votes: dict[str, Counter[str]]) -> str | None:
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
    names = [k.split() for k in votes if len(k.split()) in (2, 3) and not set(k.split()) & _ORG_WORDS]
    fulls = {" ".join(w) for w in names if w[-1] == key} or {" ".join(w) for w in names if w[0] == key}
    return fulls.pop() if len(fulls) == 1 else None


def _one_longer(key: str, names: Iterable[str], resolve: Callable[[str], str]) -> str | None:
    """The one name (as `resolve` gives it) of the story's `names` that ends with the whole
    words of `key` and is not `key`'s own: "Amir Reza Tavana" for "Reza Tavana". None
    where there is none, or more than one."""
    own = resolve(key)
    longer = {resolve(o) for o in names if o.endswith(" " + key) and resolve(o) != own}
    return longer.pop() if len(longer) == 1 else None


NAME_PARTICLES = words("name-particles")


def _past_nickname(doc: Doc, end: int) -> int:
    """Where a name ends that the tagger cut inside a quoted nickname: 'Anna C. "Annie' or
    'Anna C. "' tagged, the rest not. The name runs on through the closing mark to the
    family name ('Anna C. "Annie" Lind'), and the tagger's span of that name, if any."""
    k = end + 1 if 0 < end < len(doc) and doc[end - 1].text in ('"', "“") else end
    if not (
        2 <= k < len(doc) - 1
        and doc[k].text in ('"', "”")
        and doc[k - 2].text in ('"', "“")
        and doc[k - 1].text[:1].isupper()
        and doc[k + 1].pos_ == "PROPN"
        and doc[k + 1].text[:1].isupper()
        and doc[k + 1].sent.start == doc[k - 1].sent.start
    ):
        return end
    end = k + 2
    while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == "PERSON":
        end += 1
    return end


def _name_rest_end(doc: Doc, end: int) -> int:
    """Where a person's name ends that the tagger cut at a particle or split in two:
    "Anna von der" + "Brinck", "Paulo Mendes" + "dos Reis", "Luis Carlos" + "Ortega
    Ruiz" (a second person's name straight after the first, in the same sentence)."""
    after = end
    while after < len(doc) and doc[after].is_lower and doc[after].lower_ in NAME_PARTICLES:
        after += 1
    if after >= len(doc) or doc[after].pos_ != "PROPN" or not doc[after].text[:1].isupper():
        return end
    if doc[after].sent.start != doc[end - 1].sent.start:
        return end
    if after > end or (doc[end - 1].is_lower and doc[end - 1].lower_ in NAME_PARTICLES):
        end = after + 1  # the family name after the particles
    elif (
        # "Harbourtown Mayor Anna Lind": a place, then a titled name.
        _is_title_word(doc[end - 1])
        or _is_title_word(doc[after])
        or (doc[after].ent_type_ not in ("", "PERSON") and not _tagged_surname(doc, end - 1, after))
        or doc[after].lower_ in MONTHS_AND_DAYS
        or gazetteer.country_of(doc[after].text) is not None
    ):
        return end
    else:
        end = after + 1
    # The rest of the tagger's second span, or of the untagged words.
    untagged = doc[after].ent_type_ == ""
    while end < len(doc) and (
        (doc[end].ent_iob_ == "I" and doc[end].ent_type_ == "PERSON")
        or (untagged and doc[end].ent_type_ == "" and doc[end].pos_ == "PROPN" and doc[end].is_title)
    ):
        end += 1
    return end


SETTLEMENT_NOUNS = words("settlement-nouns")


def _called_a_settlement(span: Span) -> bool:
    """ "Vardsund, a port city in the north", "Vardsund, the provincial capital": the name
    stands beside a noun that says it is a settlement."""
    return any(
        c.dep_ == "appos" and c.i >= span.end and c.lemma_.lower() in SETTLEMENT_NOUNS
        for c in span.root.children
    )


def _before_a_name(doc: Doc, end: int) -> bool:
    """Does a person's name, or a title before one, begin at `end`?"""
    return end < len(doc) and (
        (doc[end].ent_iob_ == "B" and doc[end].ent_type_ == "PERSON")
        or (_is_title_word(doc[end]) and not doc[end].is_lower)
    )


def _first_name_of_next(ent: Span) -> bool:
    """Is a non-person span's last word the first word of the person's name tagged right
    after it, compounded into that name ("the Harbour Assembly Jan" + "Karel Vondrak")? Not
    a title or a word that names bodies ("Council"), nor the body's own head, which its
    other words modify ("the Harbour Fleet" + "Karel Vondrak")."""
    doc, last = ent.doc, ent[-1]
    return (
        not any(c.i in range(ent.start, ent.end - 1) for c in last.children)
        and ent.end < len(doc)
        and doc[ent.end].ent_iob_ == "B"
        and doc[ent.end].ent_type_ == "PERSON"
        and last.pos_ == "PROPN"
        and last.is_title
        and last.dep_ == "compound"
        and last.head.ent_type_ == "PERSON"
        and last.head.i >= ent.end
        and not _is_title_word(last)
        and last.lower_ not in _ORG_WORDS
        and not gazetteer.country_of(last.text)
    )


def _joined_particle(token: Token) -> bool:
    """ "al-" in "al-Tamimi": a particle hyphened to the family name is part of it, also
    where the name stands alone."""
    doc = token.doc
    return (
        token.lower_ in NAME_PARTICLES
        and not token.whitespace_
        and token.i + 2 < len(doc)
        and doc[token.i + 1].text == "-"
        and not doc[token.i + 1].whitespace_
    )


def _tagged_surname(doc: Doc, last: int, after: int) -> bool:
    """ "Karel Jan" tagged a person and "Vondrak" a place: a word the tagger took alone for
    another kind of name, that the name's words are compounded into, is its last word. Not
    a country, a capital or a known outlet, and not the first word of a longer name."""
    word = doc[after]
    return (
        doc[last].dep_ == "compound"
        and doc[last].head == word
        and word.ent_iob_ == "B"
        and (after + 1 >= len(doc) or doc[after + 1].ent_iob_ != "I")
        and not gazetteer.country_of_capital(word.text)
        and not gazetteer.is_known_outlet(word.text)
    )


def _titled_name(ent: Span) -> bool:
    """A non-person span that is a title word followed by one to three capitalised proper
    nouns: "King Haakon", "President Ortega" (not "President Hotel Group": a longer name
    or one with common nouns stays what the tagger said)."""
    if ent.label_ not in ("ORG", "NORP", "GPE") or not 2 <= len(ent) <= 4:
        return False
    first = ent[0].lower_
    # "Secretary of Defense Tomas Weber" tagged from the portfolio on: the portfolio ends
    # the title the "of" began, and the name follows it.
    portfolio = first in PORTFOLIO_NOUNS and ent.start > 0 and ent.doc[ent.start - 1].lower_ == "of"
    if first not in gazetteer.TITLE_HEADS and first not in HONORIFICS and not portfolio:
        return False
    rest = ent[1:]
    return all(t.pos_ == "PROPN" and t.is_title for t in rest) and not gazetteer.is_known_outlet(ent.text)


WEAK_LABELS = {"NORP", "PRODUCT", "WORK_OF_ART"}


def index_entities(doc: Doc) -> ArticleEntities:
    """Cluster the article's name mentions into entities with canonical names and types."""
    index = ArticleEntities(doc)
    mentions: list[tuple[Span, str]] = []  # (span, cleaned surface name)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    outlet_names: set[str] = set()
    # Mentions whose tag is unreliable for names ("Vondrak" as NORP, "Spiegel am Sonntag" as a
    # work of art): kept only where the rest of the article says what they are.
    weak: list[tuple[Span, str]] = []
    dateline = dateline_span(doc)
    by_kind = _outlets_by_kind(doc)
    kind_tokens = {t.i for span in by_kind for t in span}
    for span in by_kind:
        name = clean_name(span.text)
        outlet_names.add(name.lower())
        mentions.append((span, name))
        votes[name.lower()]["ORG"] += 1
    for span in _name_spans(doc):
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
        key = name.lower()
        label = span.label_
        if label in ("GPE", "NORP") and gazetteer.country_of(name):
            label = "COUNTRY"
        elif label == "PERSON" and gazetteer.country_of(name) and not _titled_name(span):
            label = "COUNTRY"  # a country's name the tagger took for a person ("Jordan's King")
        elif (
            label == "PERSON"
            and len(span) > 1
            and span[-1].lower_ in BUILDING_NOUNS
            and not is_given_name(span[0].text)  # "Anna Hall" is a person
        ):
            label = "FAC"  # "the Revik White House": a building a person's name qualifies
        elif label == "PERSON" and len(span) > 1 and span[0].lower_ in AREA_UNIT_NOUNS:
            label = "GPE"  # "County Ardmore": a division of a country, not a person
        elif label == "PERSON" and gazetteer.country_of_capital(name) and not _titled_name(span):
            label = "GPE"  # a capital the tagger took for a person ("urged Varga to visit Tallinn")
        elif label == "NORP" and _is_speaking_name(span, min_words=1):
            label = "PERSON"  # "Vondrak told AFP": a name, not a nationality
        elif label in WEAK_LABELS:
            if gazetteer.is_known_outlet(name) or (label != "NORP" and _is_outlet_context(span)):
                outlet_names.add(key)
                mentions.append((span, name))
                votes[key]["ORG"] += 1
            else:
                weak.append((span, name))
            continue
        if gazetteer.is_known_outlet(name) or (
            label in ("ORG", "FAC", "PERSON") and _is_outlet_context(span)
        ):
            outlet_names.add(key)
            label = "ORG"  # "the weekly Al-Masa", tagged a person
        elif label == "ORG" and (_is_speaking_name(span) or _is_given_named(span)):
            label = "PERSON"
        mentions.append((span, name))
        votes[key][label] += 1
    covered = {t.i for span, _ in mentions for t in span} | {t.i for span, _ in weak for t in span}
    for span in _gazetteer_outlets(doc, covered):
        name = clean_name(span.text)
        outlet_names.add(name.lower())
        mentions.append((span, name))
        votes[name.lower()]["ORG"] += 1
    for span, name in mentions:
        # "envoy Jean Kasongo Mbala", "Mr Denholm": a title before a name marks a person.
        if (
            span.label_ != "PERSON"
            and span.start > 0
            and _is_title_word(doc[span.start - 1])
            and doc[span.start - 1].lower_ not in gazetteer.OUTLET_NOUNS
            # "a former Swedish ski champion": a nationality after a title modifier.
            and not gazetteer.country_of(name)
            # "former Vesterland governor X", "the former UN secretary general": a place or
            # body before a title noun is where the title is held, not a person.
            and not (span.end < len(doc) and doc[span.end].lower_ in gazetteer.TITLE_HEADS)
        ):
            votes[name.lower()]["PERSON"] += 2
    # "visited Vardsund, a port city in the north": a name the story itself calls a city,
    # a town or a province is a place, however the tagger took it there or elsewhere.
    for span, name in mentions:
        if span.label_ not in ("GPE", "LOC") and _called_a_settlement(span):
            votes[name.lower()]["GPE"] += sum(votes[name.lower()].values()) + 1
    # "Vondrak said", "Vondrak's visit" with "Vondrak" tagged a place: the surname of the one
    # full name the story gives, standing where a person stands, is that person's.
    for span, name in mentions:
        full = _surname_in_persons_place(span, name, votes)
        if full is not None:
            votes[name.lower()]["PERSON"] += 1
            votes[full]["PERSON"] += 1
    for span in _untagged_full_names(doc, votes):
        name = clean_name(span.text)
        mentions.append((span, name))
        votes[name.lower()]["PERSON"] += 1

    # Persons: multi-word names own their single-word short forms ("Revik" -> "Tomas Revik").
    first_names: dict[str, set[str]] = defaultdict(set)

    person_full: dict[str, set[str]] = defaultdict(set)  # short form -> full names
    full_people: set[str] = set()  # full names that are people by their own mentions
    for key in votes:
        words = key.split()
        if len(words) >= 2 and votes[key]["PERSON"] >= max(1, sum(votes[key].values()) / 2):
            full_people.add(key)
    # "Anna K. Lindqvist" and "Anna Lindqvist", "François" and "Francois": one person, named
    # by the fuller spelling, accents kept.
    fullest: dict[str, str] = {}
    for key in sorted(full_people, key=lambda k: (-len(k), k.isascii(), k)):
        fullest.setdefault(_without_initials(key), key)
    # 'Anna C. "Annie" Lind' and "Annie Lind": one person, named by the fuller spelling.
    for key in full_people:
        called = _by_nickname(key)
        if called is not None and called in full_people:
            fullest[_without_initials(called)] = fullest[_without_initials(key)]
    # "Rival Anna Lindqvist" at a sentence's start: a word the tagger ran into a name the
    # story gives without it elsewhere, never written inside a sentence, is no part of it.
    inside_sentence = {name.lower() for span, name in mentions if not span[0].is_sent_start}
    for key in full_people - inside_sentence:
        first, _, rest = key.partition(" ")
        if " " in rest and rest in full_people and not is_given_name(first):
            fullest[_without_initials(key)] = fullest[_without_initials(rest)]
    # "Reza Tavana" where the story also writes "Amir Reza Tavana": a name of two words
    # or more that ends exactly one longer name of a person is that person, cut short;
    # unless it starts with a common given name ("Maria Lopez" is whole, and a word
    # written before it, "Crooked Maria Lopez", is no part of the name).
    for key in full_people:
        if is_given_name(key.split()[0]):
            continue
        whole = _one_longer(key, full_people, lambda k: fullest[_without_initials(k)])
        if whole is not None:
            fullest[_without_initials(key)] = whole
    for key in full_people:
        words = key.split()
        full = fullest[_without_initials(key)]
        person_full[words[-1]].add(full)
        person_full[key].add(full)
        # "Tamimi" for "Karim al-Tamimi": the family name without its hyphened particle.
        particle, hyphen, bare = words[-1].partition("-")
        if hyphen and bare and particle in NAME_PARTICLES:
            person_full[bare].add(full)
        # "Li" for "Li Wei": family name first; used only when no other person shares it.
        # "Kasongo" for "Jean Kasongo Mbala": a middle name used alone, likewise.
        for word in words[:-1]:
            if len(word.rstrip(".")) > 1:
                first_names[word].add(full)
    for first, fulls in first_names.items():
        if first not in person_full and len(fulls) == 1:
            person_full[first] = set(fulls)
    # "Ruiz" where the story names Ana Ruiz often and her father once: the surname alone is the
    # person the story is about, when their full name clearly outnumbers the others'.
    shared_surnames = {k: set(v) for k, v in person_full.items() if len(v) > 1 and k not in full_people}
    named_times: Counter[str] = Counter()
    for key in full_people:
        named_times[fullest[_without_initials(key)]] += sum(votes[key].values())
    for short, fulls in person_full.items():
        if len(fulls) > 1 and short not in full_people:
            (dominant, most), (_, next_most) = Counter({f: named_times[f] for f in fulls}).most_common(2)
            if most >= DOMINANCE * next_most:
                person_full[short] = {dominant}
    for span, name in weak:
        key = name.lower()
        single_person = key in votes and len(key.split()) == 1 and _majority_label(votes[key]) == "PERSON"
        if (key in person_full and len(person_full[key]) == 1) or single_person:
            mentions.append((span, name))
            votes[key]["PERSON"] += 1
    canonical: dict[str, str] = {}  # key -> canonical key
    for key in votes:
        fulls = person_full.get(key, set())
        if len(fulls) == 1:
            canonical[key] = next(iter(fulls))
        elif fulls and key in fulls:
            canonical[key] = key
        else:
            canonical[key] = key
    # "the Security Council" where the story names the United Nations Security Council, "the
    # Courier" for The Harbour Courier: an organisation's name that ends exactly one longer
    # organisation's name of the story is that organisation. One word is a short form of
    # an outlet's name only ("the House" is not the White House).
    organisations = {k for k in votes if _majority_label(votes[k]) == "ORG" or k in outlet_names}
    # "the U.N. Security Council" where the story names the United Nations Security Council:
    # a name that opens with an acronym is the one name that spells it out before the same
    # words (so that "the Security Council" ends one name, not two).
    for key in organisations:
        acronym, _, rest = key.partition(" ")
        letters = acronym.replace(".", "")
        if not rest or "." not in acronym or not letters.isalpha():
            continue
        spelled_out = {
            canonical[o]
            for o in organisations
            if o.endswith(" " + rest) and _initials(o[: -len(rest)]) == letters
        }
        if len(spelled_out) == 1:
            canonical[key] = spelled_out.pop()
    for key in organisations:
        names = organisations if " " in key else organisations & outlet_names
        # "the United Nations" is not the Security Council of the United Nations: a name
        # after "of the" is the body the longer one belongs to, not its short form (after
        # a bare "of" it may be: "Homeland Security", "Department of Homeland Security").
        names = {o for o in names if not o.endswith(" of the " + key)}
        whole = _one_longer(key, names, canonical.__getitem__)
        if whole is not None:
            canonical[key] = whole
    # "IMF" for the International Monetary Fund the story names: an acronym is the one
    # longer name whose capitalised words it spells.
    spelled: dict[str, set[str]] = defaultdict(set)
    for span, name in mentions:
        if len(span) > 1 and span.label_ != "PERSON":
            spelled[_initials(name)].add(name.lower())
    for _span, name in mentions:
        if name.isupper() and len(name) > 1 and len(spelled.get(name.lower(), ())) == 1:
            canonical[name.lower()] = canonical[next(iter(spelled[name.lower()]))]

    # Type by the votes of every mention of the canonical entity.
    cluster_votes: dict[str, Counter[str]] = defaultdict(Counter)
    for key, counter in votes.items():
        cluster_votes[canonical[key]].update(counter)
    surface: dict[str, str] = {}
    for _span, name in mentions:
        key = name.lower()
        ckey = canonical[key]
        # The canonical surface form: the longest spelling seen of the canonical key.
        if ckey == key and len(name) >= len(surface.get(ckey, "")):
            surface.setdefault(ckey, name)

    # "told The New York Times": a capitalised "The" inside a sentence is part of the name,
    # which the article's fullest spelling then keeps. At a sentence's start it is part of a
    # newspaper's name too ("The Hill reported"), unless the article writes "the Hill".
    with_the, without_the = set(), set()
    for span, name in mentions:
        ckey = canonical[name.lower()]
        the = _the_before(span)
        if the is None or name.isupper():  # an acronym is never named with "The"
            continue
        if the.text == "the":
            without_the.add(ckey)
        elif not the.is_sent_start or ckey in outlet_names:
            with_the.add(ckey)
    with_the -= without_the

    def entity_for(key: str) -> Entity:
        ckey = canonical[key]
        counter = cluster_votes[ckey]
        name = surface.get(ckey, ckey)
        if ckey in with_the:
            the_name = "The " + name
            if ckey in outlet_names or key in outlet_names:
                return Entity(the_name, "outlet")
            if _majority_label(counter) == "ORG":
                return Entity(the_name, "organization")
        if ckey in outlet_names or key in outlet_names:
            return Entity(gazetteer.outlet_name(name), "outlet")
        top = _majority_label(counter)
        if top == "COUNTRY":
            return Entity(gazetteer.country_of(name) or name, "country")
        # The tagger often calls a bare surname ("Vondrak") an organisation; a full name it
        # calls a person decides for all its short forms.
        if top == "PERSON" or ckey in full_people:
            return Entity(name, "person")
        return Entity(name, _LABEL_TYPE.get(top, "organization"))

    for span, name in mentions:
        entity = entity_for(name.lower())
        index.entities.add(entity)
        for token in span:
            index.by_token[token.i] = entity
            index.spans[token.i] = span

    # A person's gender, where the story says it: a given name common for one sex only and
    # the titles it gives them ("Mrs", "King"; where the two disagree, neither), then the
    # pronouns it uses for them ("Revik said he ...", the least sure).
    for entity in index.entities:
        by_name = gender_of_name(entity) if entity.type == "person" else None
        if by_name is not None:
            index.genders[entity] = by_name
    # "Mr. Lindqvist" is not Anna Lindqvist, nor "President Lindqvist" the first lady Eva
    # Lindqvist: a surname under a title goes to the one person bearing it whom the title
    # fits, and to no one where none or several do. A man's or woman's title ("Mrs",
    # "Prince") rules out bearers of the other sex; an office ("President") rules out a
    # bearer the story gives other offices and never this one, and picks the one bearer it
    # gives this office.
    offices = _offices_held(doc, mentions, index)
    alone: dict[str, list[str]] = defaultdict(list)  # surname -> titled mentions that fit no bearer
    for span, name in mentions:
        person = index.by_token.get(span.start)
        title = _title_before(doc, span.start)
        if not title or person is None or person.type != "person" or " " in name:
            continue
        wanted = _title_gender(title[-1])
        office = _office(title)
        if wanted is None and office is None:
            continue  # "under Ruiz": no title that says who
        bearers = shared_surnames.get(name.lower()) or {canonical[name.lower()]}
        fitting = [
            e
            for e in (entity_for(c) for c in sorted(bearers))
            if (wanted is None or index.genders.get(e, wanted) == wanted)
            and (office is None or offices.get(e) is None or office in offices[e])
        ]
        holding = [e for e in fitting if office is not None and office in offices.get(e, ())]
        pool = holding or fitting
        chosen = pool[0] if len(pool) == 1 else Entity(name, "person")
        if not pool:
            alone[name.lower()].append(name)
        if chosen != person:
            index.entities.add(chosen)
            for token in span:
                index.by_token[token.i] = chosen
    # "Lindqvist said" where "President Lindqvist" is none of the Lindqvists named in full:
    # the bare surname is that president as much as anyone, unless a full name clearly
    # outnumbers the titled mentions (DOMINANCE, as for any shared surname).
    by_surname: dict[str, Entity] = {}
    for key, titled in alone.items():
        bearers = shared_surnames.get(key) or {canonical[key]} - {key}
        if bearers and max(named_times[b] for b in bearers) < DOMINANCE * len(titled):
            by_surname[key] = Entity(titled[0], "person")
    for span, name in mentions:
        alike = by_surname.get(name.lower())
        if alike is not None and index.by_token.get(span.start) == entity_for(name.lower()):
            index.entities.add(alike)
            for token in span:
                index.by_token[token.i] = alike
    for span, name in mentions:
        person = index.by_token.get(span.start)
        if person is None or person.type != "person" or span.start == 0:
            continue
        if name.lower() not in shared_surnames:
            mark_title_gender(index, person, doc[span.start - 1].lower_.rstrip("."))
    unsure = {t.i for span, name in mentions if name.lower() in shared_surnames for t in span}
    for person, gender in genders_from_pronouns(doc, index, unsure).items():
        index.genders.setdefault(person, gender)

    # Short forms the tagger missed: an untagged proper noun equal to a person's surname.
    short_forms = {k: v for k, v in canonical.items() if k != v or len(k.split()) == 1}
    for token in doc:
        if token.i in index.by_token or not (token.pos_ == "PROPN" or _surname_taken_for_noun(token)):
            continue
        key = token.lower_
        if key in by_surname:
            entity = by_surname[key]
        elif key in short_forms and key in votes:
            entity = entity_for(key)
        elif len(person_full.get(key, ())) == 1 and token.text[:1].isupper():
            # "..., Revesz said": the surname of the one full name that bears it.
            entity = entity_for(next(iter(person_full[key])))
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
    return index


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


TITLE_ABBREVIATIONS = dict(entry.split(" ", 1) for entry in words("title-abbreviations"))
TENURE_WORDS = words("tenure-words")
STANDING_TITLES = words("standing-titles")


def _title_word(token: Token) -> str:
    """ "Sen." -> "senator", "President" -> "president"."""
    word = token.lower_.rstrip(".")
    return TITLE_ABBREVIATIONS.get(word, word)


def _title_before(doc: Doc, start: int) -> tuple[str, ...]:
    """The title written right before a name, its words in order: ("first", "lady") for
    "first lady Eva Lindqvist", ("senator",) for "Sen. Ruiz"; () where there is none."""
    if start == 0 or not _is_title_word(doc[start - 1]):
        return ()
    i = start - 1
    while i > 0 and doc[i - 1].sent.start == doc[start].sent.start and _is_title_word(doc[i - 1]):
        i -= 1
    return tuple(_title_word(t) for t in doc[i:start])


def _title_gender(head: str) -> str | None:
    return "male" if head in MALE_TITLES else "female" if head in FEMALE_TITLES else None


def _office(title: tuple[str, ...]) -> str | None:
    """The office a title names, without when it is held ("former president" ->
    "president"): a title head ("president", "senator") or a modified man's or woman's
    title ("first lady"); None for a bare honorific ("Mr", "Lady")."""
    words_ = [w for w in title if w not in TENURE_WORDS]
    if not words_:
        return None
    head = words_[-1]
    if head in gazetteer.TITLE_HEADS or (len(words_) > 1 and _title_gender(head) is not None):
        return " ".join(words_)
    return None


def _offices_held(
    doc: Doc, mentions: list[tuple[Span, str]], index: ArticleEntities
) -> dict[Entity, set[str]]:
    """The offices the story gives each person it names in full: the title before the name
    ("President Eva Lindqvist") or in apposition to it ("the first lady, Eva Lindqvist";
    "Eva Lindqvist, the senator")."""
    held: dict[Entity, set[str]] = {}
    for span, name in mentions:
        person = index.by_token.get(span.start)
        if " " not in name or person is None or person.type != "person":
            continue
        titles = [_title_before(doc, span.start)]
        root = span.root
        nouns = [root.head] if root.dep_ == "appos" else []
        nouns += [c for c in root.children if c.dep_ == "appos"]
        for noun in nouns:
            if _is_title_word(noun) or _title_word(noun) in gazetteer.TITLE_HEADS:
                modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound") and _is_title_word(c)]
                titles.append(tuple(_title_word(t) for t in sorted([*modifiers, noun], key=lambda t: t.i)))
        for title in titles:
            office = _office(title) if title else None
            if office is not None and office.split()[-1] not in STANDING_TITLES:
                held.setdefault(person, set()).add(office)
    return held


_ACRONYM_SMALL_WORDS = {"of", "for", "the", "and", "on", "in", "de", "des", "du", "la", "&"}


def _initials(name: str) -> str:
    """ "International Monetary Fund" -> "imf"; "Organization of American States" -> "oas"."""
    return "".join(w[0] for w in name.lower().replace("-", " ").split() if w not in _ACRONYM_SMALL_WORDS)


def _without_initials(key: str) -> str:
    """ "anna k. lindqvist" -> "anna lindqvist": the middle initials left out, and accents
    ("françois" and "francois", both in one story, are one name)."""
    folded = unicodedata.normalize("NFKD", key)
    words = "".join(ch for ch in folded if not unicodedata.combining(ch)).split()
    return " ".join([words[0], *(w for w in words[1:-1] if len(w.rstrip(".")) > 1), words[-1]])


_NICKNAMED = re.compile(r"[\"“”]([^\"“”]+)[\"“”]\s+(.+)$")


def _by_nickname(key: str) -> str | None:
    """The name a person with a quoted nickname goes by: 'anna c. "annie" lind' -> "annie
    lind"; None for a name with none."""
    match = _NICKNAMED.search(key)
    return f"{match.group(1)} {match.group(2)}" if match else None


def _the_before(span: Span) -> Token | None:
    """The article "the" or "The" a name is written with, if any."""
    the = span[0] if span[0].lower_ == "the" else span.doc[span.start - 1] if span.start > 0 else None
    if the is None or the.lower_ != "the":
        return None
    # "The Reuters poll": the article belongs to the noun the name modifies (a lower-case
    # "the" there still says the article writes the name without one).
    return the if the.text == "the" or the.head in span or the in span and the.dep_ != "det" else None


def _untagged_full_names(doc: Doc, votes: dict[str, Counter[str]]) -> list[Span]:
    """ "Karim Aziz Hadad" left untagged while "Hadad" is tagged PERSON elsewhere: a run of
    proper nouns ending in a surname the article uses for a person is that person's name;
    so is a short run right after a title of rank ("King Oskar", "Duchess Ilona")."""
    surnames = {k for k, c in votes.items() if " " not in k and c["PERSON"] > sum(c.values()) / 2}
    found: list[Span] = []
    i = 0
    while i < len(doc):
        if doc[i].pos_ != "PROPN" or doc[i].ent_type_ or not doc[i].text[:1].isupper():
            i += 1
            continue
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and not doc[j].ent_type_:
            j += 1
        while i < j and (_is_title_word(doc[i]) or doc[i].lower_ in ROYAL_TITLES):
            i += 1
        titled = i > 0 and doc[i - 1].is_title and doc[i - 1].lower_ in ROYAL_TITLES
        if (j - i >= 2 and doc[j - 1].lower_ in surnames) or (
            titled and 1 <= j - i <= 3 and not any(t.lower_ in MONTHS_AND_DAYS for t in doc[i:j])
        ):
            # "Prince Tomas and Duchess Ilona" left untagged: a title of rank before
            # capitalised words names a person (royal-titles.txt).
            found.append(doc[i:j])
        i = max(j, i + 1)
    return found


NAME_CONNECTORS = words("name-connectors")
ROYAL_TITLES = words("royal-titles")
MONTHS_AND_DAYS = set(MONTHS) | set(WEEKDAYS)


def _connected_title_end(doc: Doc, end: int, covered: AbstractSet[int] = frozenset()) -> int:
    """ "Spiegel am Sonntag", "Corriere della Sera": a known outlet's name carried on by a
    lower-case connector and a capitalised word is a longer title; where it ends."""
    while (
        end + 1 < len(doc)
        and doc[end].lower_ in NAME_CONNECTORS
        and doc[end + 1].text[:1].isupper()
        and not ({end, end + 1} & covered)
    ):
        end += 2
    return end


def _gazetteer_outlets(doc: Doc, covered: set[int]) -> list[Span]:
    """Well-known outlets the tagger missed ("told AFP Wednesday")."""
    found: list[Span] = []
    i = 0
    while i < len(doc):
        if i in covered or not doc[i].text[:1].isupper() or not gazetteer.may_open_outlet(doc[i].text):
            i += 1
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
            end = _connected_title_end(doc, match.end, covered)
            found.append(Span(doc, match.start, end, label="ORG"))
            i = end
        else:
            i += 1
    return found


def _outlets_by_kind(doc: Doc) -> list[Span]:
    """Outlets the story names by their kind, whatever the tagger made of the name: "the
    state-run broadcaster Russia Today" (a country and a date to the tagger), "Afghanistan's
    TOLO news agency", "the daily Al-Masa". The capitalised words right after the kind
    noun, or right before it (not a nationality: "Turkish newspapers" names no outlet)."""
    found: list[Span] = []
    for kind in doc:
        if kind.lower_ not in gazetteer.OUTLET_NOUNS:
            continue
        end = kind.i + 1
        while end < len(doc) and _name_word(doc[end]) and doc[end].lower_ not in gazetteer.OUTLET_NOUNS:
            end += 1
        if end > kind.i + 1:
            if kind.text[0].isupper():
                continue  # "The Daily Lantern": the kind word begins the name itself
            # "the weekly Welt am Sonntag", "news outlet Argumenty i Fakty"
            found.append(Span(doc, kind.i + 1, _connected_title_end(doc, end), label="ORG"))
            continue
        before = kind.i - 1
        if before >= 0 and doc[before].lower_ == "news":
            before -= 1
        elif kind.text[0].isupper() and not kind.is_sent_start:
            # "the Harbour Energy Agency", "the Harbour Evening Journal": the kind word ends the
            # name itself, which is not an outlet's without it ("the Harbour News Agency" is).
            continue
        start = before + 1
        while start > kind.sent.start and _name_word(doc[start - 1]):
            start -= 1
        if start == kind.sent.start and start <= before and doc[start].pos_ != "PROPN":
            # "Conservative radio host X": a sentence's first word is capitalised anyway;
            # only a proper noun there begins a name.
            start += 1
        run = doc[start : before + 1]
        if len(run) and not (len(run) == 1 and gazetteer.country_of(run.text)):
            found.append(Span(doc, start, before + 1, label="ORG"))
    return found


def _name_word(token: Token) -> bool:
    """A word of an outlet's name: capitalised ("Today", "TOLO") or a digit-led token
    ("1TV"), never a weekday or month ("told the daily Monday")."""
    if token.is_punct or token.is_space or token.lower_.rstrip(".") in MONTHS_AND_DAYS:
        return False
    return token.is_title or token.is_upper or (token.text[:1].isdigit() and not token.is_digit)


def _majority_label(counter: Counter[str]) -> str:
    # Ties go to the more specific reading; sorting keeps the choice deterministic.
    order = {"PERSON": 0, "COUNTRY": 1, "ORG": 2, "GPE": 3, "FAC": 4, "LOC": 5}
    return min(counter, key=lambda label: (-counter[label], order.get(label, 9), label))
