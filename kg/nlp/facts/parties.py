"""Who takes part in a clause's encounter: the subjects of its verb (borrowed from the
governing verb where it has none), its objects and "with" phrases, the lists, groups and
titles that name each party, and a visitor's separate meetings with each host. events.py
builds each clause's mention (its date, place and status) around these participants.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.model import Entity
from kg.nlp import gazetteer
from kg.nlp.anchoring import looks_like_place
from kg.nlp.cached import doc_ents
from kg.nlp.entities import ArticleEntities
from kg.nlp.facts.calls import is_courtesy_call, named_callee
from kg.nlp.facts.meetings import honoured, visited, visits_with_someone
from kg.nlp.facts.mention import (
    Mention,
    Trigger,
    agent_objects,
    companions,
    prep_objects,
    slipped_with_party,
)
from kg.nlp.facts.quotes import quoting_subject
from kg.nlp.facts.speakers import PERSON_NOUNS
from kg.nlp.factuality import (
    PROSPECTIVE_PHRASES,
    adjunct_head,
    base_form,
    is_light_verb_object,
    object_purpose,
    opens_within,
)
from kg.nlp.frames import OCCASION_NOUNS
from kg.nlp.groups import (
    bodies_listed,
    hyphen_parties,
    hyphen_run,
    is_group_noun,
    member_or_body,
    people_listed,
    standing_for,
)
from kg.nlp.lexicon import words
from kg.nlp.pronouns import is_person_pronoun, person_before, resolve_pronoun
from kg.nlp.titles import is_title_word

PARTICIPANT_TYPES = {"person", "organization", "country"}
# Verbs whose subject and object both take part in the event they govern: "invited X for talks".
INVITING_VERBS = words("inviting-verbs")
OBJECT_CONTROL_VERBS = words("object-control-verbs")
# "Russian or Chinese counterparts": either one, not both.
EITHER = {"or", "nor"}
# "during a meeting in Beijing, X and Y agreed": an encounter the clause's subjects took part
# in, even with no "with" partner named.
ADJUNCT_EVENT_PREPS = {"during", "at"}
# "senior officials, including A and B": the named members of a group.
INCLUDING_WORDS = words("including-words")
ATTENDANCE_VERBS = words("attendance-verbs")
# "their respective meetings with X": each of them met on their own.
DISTRIBUTIVE_MODIFIERS = words("distributive-modifiers")


def conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def resolve_mention(token: Token, index: ArticleEntities) -> Entity | None:
    """The entity a noun phrase headed by `token` names, if the article says."""
    entity = index.entity_at(token)
    if entity is not None:
        return entity
    if is_person_pronoun(token):
        attributes, speaker = quoting_subject(token, index)
        # "“...,” he told reporters after talks with X": the one heard saying the words.
        return speaker if attributes else resolve_pronoun(token, index)
    lemma = token.lemma_.lower()
    if token.ent_type_ == "DATE":
        # "with Prime Minister Piotr Varga Thursday": the parser made the day
        # the head and the name its compound.
        for child in token.children:
            named = index.entity_at(child) if child.dep_ == "compound" else None
            if named is not None and named.type == "person":
                return named
    # "his Polish counterpart, Piotr Varga": the name in apposition.
    for child in token.children:
        if child.dep_ == "appos":
            named = index.entity_at(child)
            if named is not None and named.type == "person":
                return named
    # "Egyptian officials", "European Union leaders": the group's country or organisation,
    # only where the article names none of its people (then the people are the participants).
    if lemma in gazetteer.GROUP_NOUNS or token.lower_ in gazetteer.GROUP_NOUNS:
        for child in token.children:
            if child.dep_ in ("amod", "compound", "nmod", "poss"):
                named = index.entity_at(child)
                if named is not None and named.type == "place" and child.dep_ == "poss":
                    # "Canberra's envoys": a capital speaks for its country.
                    country = gazetteer.country_of_capital(named.name)
                    named = Entity(country, "country") if country else None
                if named is not None and named.type in ("country", "organization"):
                    return member_or_body(named, token, index, distributed=False)
    return None


def _participants_of(tokens: list[Token], index: ArticleEntities) -> list[Entity]:
    found: list[Entity] = []
    for token in tokens:
        for item in _listed(token):
            if item.i in index.groups:  # "their", "the two leaders": the story's group
                found.extend(e for e in index.groups[item.i] if e not in found)
                continue
            if is_group_noun(item):
                people = people_listed(item, index)
                if people:
                    # "the foreign ministers of A, B and C, X, Y and Z": the people, not the countries.
                    found.extend(e for e in people if e not in found)
                    continue
                if _others_beside_a_name(item, index):
                    continue
                # "the leaders of Poland and Czechia": the countries they stand for, where
                # the story names none of their people.
                bodies = bodies_listed(item, index)
                # "South Korean and Japanese foreign ministers": one for each country listed
                # (not "Russian or Chinese counterparts": either one).
                listed = [
                    e
                    for modifier in item.children
                    if modifier.dep_ == "amod" and not any(c.lower_ in EITHER for c in modifier.children)
                    for member in conjuncts(modifier)
                    if (e := index.entity_at(member)) is not None and e.type == "country"
                ]
                bodies += listed if len(listed) > 1 else []
                standing = standing_for(bodies, item, index)
                found.extend(e for e in standing if e is not None and e not in found)
                if bodies:
                    continue
            entity = resolve_mention(item, index)
            if entity is None:
                cut = _name_cut_off(item, index)
                named = index.entity_at(cut) if cut is not None else None
                entity = named if named is not None and named.type == "person" else None
            if entity is None or entity.type not in PARTICIPANT_TYPES or entity in found:
                continue
            # An apposition beside a named body, country or person is that body again ("the
            # Political Force (PF)") or what the person belongs to ("Karel Vos, member of the
            # Standing Committee of the NWP Political Bureau"); beside a description it names
            # the one described ("his counterpart, Karel Vondrak").
            named_beside = item.dep_ == "appos" and entity.type != "person"
            if named_beside and resolve_mention(item.head, index) is not None:
                continue
            if _bracketed_name_of_person(item, index):
                continue  # "Tomas Berg Jr. (Tom)": the same person's short name
            if item.dep_ in ("nmod", "compound") and item not in tokens and entity.type != "person":
                continue  # "Trade and Harbour Minister Lind" (_names_run_into): the portfolio
            found.append(entity)
    return found


def _others_beside_a_name(group: Token, index: ArticleEntities) -> bool:
    """ "met Prime Minister Varga and other key Norway leaders", "with President Ruiz and
    other top US officials": the rest of a side whose member the list names; the side is
    that person, not a country or body standing for the unnamed others."""
    if not any(c.lower_ == "other" and c.dep_ == "amod" for c in group.children):
        return False
    return any(
        item != group and (e := index.entity_at(item)) is not None and e.type == "person"
        for item in conjuncts(group)
    )


def _name_cut_off(title: Token, index: ArticleEntities) -> Token | None:
    """ "held talks with Velonian party chief Karel Brandt.", "met with his counterpart from
    Velonia, Karel Brandt.", "his meeting with Minister for Water and Power Ana Lind.": the
    parser may cut the name that ends a title's phrase off it, or hang it in the wrong place
    inside it (a modifier of the verb, an apposition of the country). The name that ends the
    sentence right after the title's own words (a comma between or none) is the one the
    title describes. Only for a title word that names no one itself; whether the name is a
    person's is for the story's entities to say (_participants_of)."""
    if title.ent_type_ or base_form(title) not in gazetteer.TITLE_HEADS | gazetteer.COUNTERPART_NOUNS:
        return None
    doc = title.doc
    end = title.sent.end
    while end > title.i + 1 and (doc[end - 1].is_space or doc[end - 1].text in _SENTENCE_ENDS):
        end -= 1
    start = end
    while start > title.i + 1 and (doc[start - 1].pos_ == "PROPN" or doc[start - 1].text == "-"):
        start -= 1
    if start == end or end - start > 5:
        return None
    between = doc[title.i + 1 : start]
    subtree = {t.i for t in title.subtree}
    if any(
        (t.i not in subtree and t.text != ",")
        or (t.pos_ == "ADP" and t.lower_ not in _TITLE_PREPS)
        or t.pos_ in ("VERB", "AUX", "PRON", "SCONJ")
        for t in between
    ):
        # A word of the clause, a phrase of place or time ("at the home of X"), or a clause of
        # the title's own ("members who have endorsed X").
        return None
    name = doc[end - 1]
    span = index.span_of(name)
    if span is not None and span.start == start and doc[start - 1].pos_ == "ADP":
        return None  # "representatives of X", "the envoy of X": whom the title serves
    return name


# What may end a sentence after a name; the prepositions of a title's own phrase ("Minister
# for Trade", "counterpart from Velonia", "Ambassador in Oslo", "envoy to the Union").
_SENTENCE_ENDS = frozenset({".", ";", "!", "?", '"', "\u201d"})
_TITLE_PREPS = frozenset({"of", "for", "from", "in", "to"})


def _bracketed_name_of_person(item: Token, index: ArticleEntities) -> bool:
    """ "Tomas Berg Jr. (Tom)", "William (Bill) Smit": a name in brackets set beside a
    person's name is another name of that person, not someone else taking part."""
    if item.dep_ != "appos" or item.ent_type_ != "PERSON":
        return False
    doc = item.doc
    # The brackets may be the name's own children or stand just outside them.
    first, last = item.left_edge.i, item.right_edge.i
    opens = doc[first].text == "(" or (first > 0 and doc[first - 1].text == "(")
    closes = doc[last].text == ")" or (last + 1 < len(doc) and doc[last + 1].text == ")")
    if not (opens and closes):
        return False
    head = resolve_mention(item.head, index)
    return head is not None and head.type == "person"


def _listed(token: Token, depth: int = 0) -> list[Token]:
    """The phrases a list names, through its conjuncts and the appositions that name each
    item: "his allies, the Polish prime minister, Piotr Varga, and the Swedish foreign
    minister, Anna Lindqvist" gives the allies, Varga and Lindqvist (the parser hangs such
    lists in many shapes)."""
    out: list[Token] = []
    for item in conjuncts(token):
        named = _named_in_title(item)
        if named is not None and depth < 3:
            _add_listed(named, depth, out)
        members = _named_members(item) if depth < 3 else []
        # "met with senior officials, including A and B": the people named are the
        # participants, not the group they stand in.
        for member in members:
            _add_listed(member, depth, out)
        if not members:
            out.append(item)
        if depth < 3:
            # "A, who chairs the Union, B and C": the names the parser hung inside A's clause.
            for later in _items_after_relative(item):
                if later not in out:
                    out.append(later)
                for child in later.children:
                    if child.dep_ == "appos":
                        _add_listed(child, depth, out)
            for child in item.children:
                if child.dep_ == "appos":
                    _add_listed(child, depth, out)
            # The name alone: what the parser made its conjunct is mangled with it
            # ("Japan's premier A and Korea('s) President B": "Korea" is B's).
            out.extend(child for child in _names_run_into(item) if child not in out)
    return out


def _add_listed(phrase: Token, depth: int, out: list[Token]) -> None:
    """Add to `out` what `phrase` lists, one level down, each item once and in order."""
    out.extend(t for t in _listed(phrase, depth + 1) if t not in out)


def _items_after_relative(item: Token) -> list[Token]:
    """ "Ruiz, who chairs the Harbour Union, Varga and Lind met ...", "talks between Ruiz, who
    is Minister for Trade, Varga and Lind": the parser hangs the list's later names as
    conjuncts of a word of the relative clause after its first item. Names joined after a
    comma to a word of that clause that is no person's name, where no comma closes the clause
    after them (then they were in it: "Ruiz, who praised the Union, Varga and Lind, said")."""
    found: list[Token] = []
    doc = item.doc
    for clause in (c for c in item.children if c.dep_ == "relcl"):
        for token in clause.subtree:
            if not (
                token.dep_ == "conj"
                and token.pos_ == "PROPN"
                and token.head.pos_ in ("PROPN", "NOUN")
                and token.head.ent_type_ != "PERSON"
                and doc[token.left_edge.i - 1].text == ","
            ):
                continue
            # The list from this name on (a token's conjuncts include the word it hangs on).
            items = [t for t in conjuncts(token) if t.i >= token.i]
            end = max(t.right_edge.i for t in items)
            if end + 1 < len(doc) and doc[end + 1].text == ",":
                continue
            found.extend(t for t in items if t not in found)
    return found


def _names_run_into(item: Token) -> list[Token]:
    """ "met Vondrak and Sen. Anna Lind", "with wife Eva, Weber and first lady Lind", "a call
    between President Weber and Latvian Prime Minister Lind": the parser may hang the names
    before the last as modifiers of it, or of the title words before it; a name that ends in
    a comma or "and" is an item of the list, not a part of the next name ("Anna Maria Lind"
    has neither). The tagger often calls a bare surname an organisation: such a name counts
    only where the story makes it a person's (_participants_of)."""
    if item.ent_type_ != "PERSON":
        return []
    holders = [item]
    for _ in range(3):  # the title words compounded into the name ("Prime Minister")
        holders += [c for h in holders for c in h.children if c.dep_ == "compound" and c not in holders]
    modifiers = [
        c for h in holders for c in h.children if c.dep_ in ("nmod", "compound") and c.pos_ == "PROPN"
    ]
    # "President Weber and Latvian leader Lind": the first name in apposition to its own
    # title, the title hung on the second's.
    modifiers += [
        a
        for m in modifiers
        if not m.ent_type_
        for a in m.children
        if a.dep_ == "appos" and a.ent_type_ == "PERSON"
    ]
    return [
        child
        for child in modifiers
        if child.ent_type_ in ("PERSON", "ORG")
        and any(g.dep_ == "cc" or (g.dep_ == "punct" and g.text == ",") for g in child.children)
    ]


def _ministers_named(group: Token, index: ArticleEntities) -> list[Entity]:
    """ "the foreign ministers of A, B and C, X, Y and Z": the people named for each body."""
    return people_listed(group, index) if is_group_noun(group) else []


def _named_members(group: Token) -> list[Token]:
    """ "senior officials, including A and B", "top party leaders, among them A": the named
    members a group's own "including" phrase lists (names only: "talks with local leaders,
    including a meeting with X" names a part of the talks, read as a trigger of its own)."""
    return [
        p for p in prep_objects(group, INCLUDING_WORDS) if p.ent_type_ != "" or _named_in_title(p) is not None
    ]


def _named_in_title(title: Token) -> Token | None:
    """ "Chief of the General Staff Anton Varga", "Chairman of the Joint Chiefs Gen. Karel
    Weber", "the deputy first minister of Northern Vesterland Anna Lind": the parser makes
    the title the phrase's head and hangs the name, with the body's own words, from its
    "of"; the name is the one meant. Only where words of the
    body stand between "of" and the name, so "the envoy of President Varga" stays an envoy."""
    if base_form(title) not in gazetteer.TITLE_HEADS:
        return None
    for prep in title.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for name in prep.children:
            if name.dep_ != "pobj" or name.ent_type_ != "PERSON":
                continue
            start = name.i
            while start > prep.i + 1 and name.doc[start - 1].ent_type_ == "PERSON":
                start -= 1
            body = [t for t in name.doc[prep.i + 1 : start] if t.dep_ != "det" and not t.is_punct]
            if any(t.text[:1].isupper() and base_form(t) not in gazetteer.TITLE_HEADS for t in body):
                return name
    return None


def governing_verb(token: Token) -> Token:
    """The nearest verb above a word ("a visit to X" -> the verb the visit hangs from); the
    root where there is none."""
    verb = token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    return verb


# "was arrested after meeting Y", "was pictured while meeting Y": what the passive's subject did.
TOLD_PARTICIPLE_MARKS = words("told-participle-marks")


def subjects_of(verb: Token) -> list[Token]:
    """The verb's subjects, borrowed from the governing verb where it has none of its own
    ("agreed to meet", "met X and discussed", "Revik, who met Varga")."""
    current = verb
    came_from = ""
    participle = below_participle = False
    for step in range(4):
        # Above an infinitive, a passive subject is the one who will act: "X is expected
        # (scheduled, due, set, invited) to meet Y"; so it is above a participle of manner
        # or time: "X was pictured meeting Y", "X was arrested after meeting Y".
        deps = ("nsubj", "nsubjpass") if step and (came_from == "xcomp" or participle) else ("nsubj",)
        subjects = [c for c in current.children if c.dep_ in deps]
        if not below_participle:
            # (not "X was welcomed by Y after meeting Z": Y welcomed, X met Z)
            subjects += agent_objects(current)
        if subjects and current.dep_ == "relcl" and subjects[0].tag_ in ("WP", "WDT"):
            # "Vondrak, who met Weber": the relative pronoun's antecedent; "A and B were
            # among five senators who met Weber": the ones counted among them, where the
            # clause is the encounter's own ("X was among those who opposed Y's plan to
            # invite Z" names who opposed, not who would invite).
            return (counted_among(current.head) if step == 0 else []) or [current.head]
        if _object_of_small_clause(current, subjects):
            subjects = []  # "Weber made it clear in talks with X": "it" is what Weber made clear
        if subjects:
            return subjects
        came_from = current.dep_
        below_participle = current.tag_ == "VBG" and came_from in ("advcl", "pcomp")
        participle = current.tag_ == "VBG" and (
            (
                came_from == "advcl"
                and all(c.lower_ in TOLD_PARTICIPLE_MARKS for c in current.children if c.dep_ == "mark")
            )
            or (came_from == "pcomp" and current.head.lower_ in TOLD_PARTICIPLE_MARKS)
        )
        if current.dep_ == "xcomp" and base_form(current.head) in OBJECT_CONTROL_VERBS:
            # "urged Varga to visit Tallinn": the one urged visits, not the one urging.
            objects = [c for c in current.head.children if c.dep_ == "dobj"]
            if objects:
                return objects
        if current.dep_ in ("xcomp", "conj", "advcl", "acomp", "ccomp") and current.head != current:
            current = current.head
        elif current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = adjunct_head(current.head)  # "told reporters before heading into talks"
        elif current.dep_ == "acl" and current.head.pos_ == "NOUN":
            # "his refusal to hold talks", "Weber's plan to meet": the possessor acts.
            owners = [c for c in current.head.children if c.dep_ == "poss"]
            return owners or [current.head]
        elif object_purpose(current):
            current = current.head.head  # "vowed to deepen ties to deter threats during talks"
        elif current.dep_ in ("relcl", "acl"):
            return [current.head]  # "Revik, who met Varga" / "Vondrak, speaking after talks"
        else:
            return []
    return []


def counted_among(group: Token) -> list[Token]:
    """ "A and B were among five senators (who ...)", "X is one of the pastors (who ...)":
    the subject of the "be" the group hangs from by "among" or "one of", who are said to be
    members of it."""
    head = group.head
    if group.dep_ != "pobj":
        return []
    if head.lower_ == "of" and head.head.lower_ == "one" and head.head.dep_ == "attr":
        head = head.head  # "one of the pastors"
    elif head.lower_ != "among":
        return []
    verb = head.head
    if verb.lemma_ != "be" or head.dep_ not in ("prep", "attr"):
        return []
    return [c for c in verb.children if c.dep_ == "nsubj" and c.tag_ not in ("WP", "WDT", "EX")]


def _object_of_small_clause(word: Token, subjects: list[Token]) -> bool:
    """ "made it clear", "found it hard": the parser makes "it" the subject of the
    adjective, which is a complement of the verb whose subject acts."""
    return (
        word.pos_ == "ADJ"
        and word.dep_ in ("ccomp", "xcomp", "oprd")
        and bool(subjects)
        and all(s.lower_ == "it" for s in subjects)
    )


# Adjectives that stand before a name ("talks with visiting President X").
NAME_ADJECTIVES = words("neutral-adjectives")


def is_name_adjective(token: Token) -> bool:
    """ "met with visiting Minister X": the parser may read the adjective as a verb whose
    object is the name."""
    return token.dep_ == "pcomp" and token.lower_ in NAME_ADJECTIVES


def _with_objects(token: Token) -> list[Token]:
    objects: list[Token] = []
    callee = named_callee(token)
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "dative") or child == callee:
            objects.append(child)
        elif (
            child.dep_ == "prep"
            and child.lower_ in ("with", "between", "among", "to")
            or child.dep_ == "agent"
            # "called on the president": the one visited (meetings.py tells a visit from an appeal).
            or child.dep_ == "prep"
            and child.lower_ in ("on", "upon")
            and token.lemma_ == "call"
        ):
            objects.extend(p for p in child.children if p.dep_ == "pobj")
            objects.extend(
                o for p in child.children if is_name_adjective(p) for o in p.children if o.dep_ == "dobj"
            )
        elif child.dep_ == "prep" and child.lower_ in ("by", "over", "via"):
            # "spoke by telephone with X": the parser hangs "with X" on the telephone.
            for means in (p for p in child.children if p.dep_ == "pobj"):
                objects.extend(_with_objects(means))
    return objects + slipped_with_party(token)  # "spoke with X to discuss", misparsed


def noun_participants(noun: Token, index: ArticleEntities, kind: str) -> tuple[list[Entity], Token | None]:
    """Participants of a nominal trigger, and the verb that carries its tense if any. Where
    the noun's own "between" names two parties or more ("the Zelin meeting between A and B",
    "China offered more at the dinner between A and B"), those are all its parties: a place
    that qualifies the noun, or the subject of the clause it is told in, is none."""
    found, predicate = _noun_participants(noun, index, kind)
    between = _participants_of(prep_objects(noun, ("between",)), index)
    if len(between) >= 2:
        found = [e for e in found if e in between] + [e for e in between if e not in found]
    with_partners = [t for p in prep_objects(noun, ("with",)) for t in (p, *p.conjuncts)]
    if _several(noun) and len(with_partners) >= 2 and _only_partners(noun, found, index):
        # "the premier's address and meetings with A and B", "officials held phone calls
        # with A and B": one side's separate encounters with each, whose side the clause
        # does not name; A and B did not meet each other.
        return [], predicate
    within = _participants_of(told_within(noun), index)
    if len(within) >= 2:
        # "the Harbour Office meeting in which A asked B": the clause told inside the
        # encounter names its parties (and the noun's own partners stay: "the call with B in
        # which A asked him"); a word that qualifies the noun is none.
        partners = _participants_of(_with_objects(noun), index)
        found = [e for e in found if e in within or e in partners] + [e for e in within if e not in found]
    return found, predicate


def _names_building(token: Token) -> bool:
    """Is the token the head of a name the tagger read as a body that names a building
    ("the Oval Office", "the White House")?"""
    ent = next((e for e in doc_ents(token.doc) if e.start <= token.i < e.end), None)
    return ent is not None and ent.root == token and ent.label_ in ("ORG", "FAC") and looks_like_place(ent)


def _noun_participants(noun: Token, index: ArticleEntities, kind: str) -> tuple[list[Entity], Token | None]:
    tokens = _with_objects(noun) + companions(noun) + _bodies_meeting(noun, index)
    if is_courtesy_call(noun):
        tokens += visited(noun)  # "paid a courtesy call on X"
    tokens += honoured(noun)  # "hosted a dinner for X"
    if kind == "call":
        # "received a call from X": who rang takes part in the call.
        tokens += prep_objects(noun, ("from",))
    # "an Oval Office meeting": a building compounded with the noun is where, not who.
    tokens += [c for c in noun.children if c.dep_ in ("poss", "compound", "nmod") and not _names_building(c)]
    tokens += _attendees(noun)
    predicate: Token | None = None
    head = noun.head
    if is_light_verb_object(noun):
        predicate = head
        tokens += subjects_of(head) + [o for o in _with_objects(head) if o != noun]
    elif noun.dep_ in ("nsubj", "nsubjpass"):
        predicate = head  # "the meeting took place", "talks were held"
    elif (
        noun.dep_ == "pobj"
        and head.dep_ == "prep"
        and head.lower_ in ("for", "to")
        and head.head.lemma_ in INVITING_VERBS
    ):
        verb = head.head
        tokens += subjects_of(verb) + [c for c in verb.children if c.dep_ == "dobj"]
    elif (
        noun.dep_ == "pobj"
        and head.dep_ == "prep"
        and (
            head.head.pos_ in ("VERB", "AUX", "ADJ")
            or (_phrase_verb(head) is not None and _has_partner(noun) and not _named_owner(noun))
        )
        and (
            _has_partner(noun)
            or head.lower_ in ADJUNCT_EVENT_PREPS
            or (kind == "call" and head.lower_ == "in")  # "asked X in a phone call"
            or (head.lower_ == "in" and _addresses_within(noun, adjunct_head(head)) is not None)
        )
    ):
        # "said after talks with X", "went into talks with X", "was satisfied with talks
        # with X", "took a firm line ahead of a meeting with X": the clause's subject is the
        # other party, since the noun names only the partner.
        verb = _phrase_verb(head) or adjunct_head(head)
        if _owned_by_name(noun, index):
            # "X was referring to Y's meeting with a lawyer", "X spoke of Y's call with Z":
            # the named possessor is the side the clause's subject would stand for.
            return _participants_of(tokens, index), None
        actors = _participants_of(subjects_of(verb), index)
        teller = None
        if not actors and _has_partner(noun) and verb.sent.root != verb:
            # "X raised the possibility that Y would face pressure to act in a call with Z":
            # where the clause the call hangs from has no one acting, the sentence's does,
            # and its tense is the call's.
            teller = verb.sent.root
            actors = _participants_of(subjects_of(teller), index)
        found = _participants_of(tokens, index)
        found += [e for e in actors if e not in found]
        if kind == "call" and not _has_partner(noun):
            # "X sought support from Y in a telephone conversation", "X assured Y in a call":
            # a call names no partner, so the person the clause addresses is the other party.
            found += [
                e for e in _participants_of(_addressed(verb), index) if e.type == "person" and e not in found
            ]
        addressing = _addresses_within(noun, verb) if kind == "meeting" and actors else None
        if addressing is not None:
            # "In a meeting in Zelin, Ruiz told Varga that ...", "During the talks, Ruiz urged
            # Varga to ...": an encounter that names no partner, told as the setting of one
            # named person telling or asking another, was between the two. Not "he": a
            # pronoun object is read too loosely to be the only other party.
            addressed = [t for t in _addressed(addressing) if not is_person_pronoun(t)]
            found += [e for e in _participants_of(addressed, index) if e.type == "person" and e not in found]
        if len(found) < 2:
            extra = person_before(verb, index)
            if extra is not None and extra not in found:
                found.append(extra)
        return found, teller if actors else None
    found = _participants_of(tokens, index)
    parties = hyphen_parties(noun, index) if len(found) < 2 else []
    if parties:
        # The tagger's one name for the whole run ("Lindqvist-Varga") is no party.
        run = hyphen_run(noun)
        joined = {index.entity_at(t) for t in run} if run is not None else set()
        found = [e for e in found if e not in joined or e in parties]
        found += [e for e in parties if e not in found]
    if (
        (len(found) < 2 or _only_partners(noun, found, index))
        and noun.dep_ == "dobj"
        and _has_partner(noun)
        and not _owned_by_name(noun, index)
    ):
        # "X ruled out (sought, refused) a meeting with Y", "X was arranging calls with A and
        # B": the noun names only the partners, so the verb's subject is the other party.
        found += [e for e in _participants_of(subjects_of(head), index) if e not in found]
    return found, predicate


def _phrase_verb(prep: Token) -> Token | None:
    """ "took a firm line ahead of (prior to, in advance of, on the eve of) talks with X": the
    verb a preposition of two words hangs from, whose clause the encounter is told in; the
    parser hangs the preposition on its first word ("ahead", "advance"), not on the verb.
    None for any other preposition."""
    word = prep.head
    if f"{word.lower_} {prep.lower_}" not in PROSPECTIVE_PHRASES or word.pos_ in ("VERB", "AUX"):
        return None
    for _ in range(3):
        if word.dep_ not in ("advmod", "npadvmod", "pobj", "prep") or word.head == word:
            return None
        word = word.head
        if word.pos_ in ("VERB", "AUX"):
            return word
    return None


def _named_owner(noun: Token) -> bool:
    """ "ahead of Lind's summit with X": a name owns the encounter, whether or not the story
    resolves it to a person; it, not the clause's subject, is the partner's other side."""
    return any(
        c.pos_ == "PROPN"
        # the parser hangs some possessives as modifiers with their "'s" as a case marker
        and (c.dep_ == "poss" or (c.dep_ == "nmod" and any(m.dep_ == "case" for m in c.children)))
        for c in noun.children
    )


def _only_partners(noun: Token, found: list[Entity], index: ArticleEntities) -> bool:
    """Are all the parties found the noun's own "with" partners (its side unnamed)?"""
    partners = _participants_of(prep_objects(noun, ("with",)), index)
    return bool(found) and all(e in partners for e in found)


def _owned_by_name(noun: Token, index: ArticleEntities) -> bool:
    """ "Y's meeting with Z": a person named as possessor (not a pronoun, whose reading may be
    the clause's subject; not a name of the occasion, "the Leaders' Summit") is a party of the
    noun's own."""
    owners = [index.entity_at(c) for c in noun.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
    return any(owner is not None and owner.type == "person" for owner in owners)


def separate_counterparts(noun: Token, found: list[Entity], index: ArticleEntities) -> bool:
    """ "preliminary talks with Peru, Kenya and Canada have finished", "after talks with Peru
    and Kenya, the ministry said": countries listed as the partners of a side the clause
    does not name are each that side's counterpart, not parties who met one another;
    with the side unnamed there is no encounter to write. So are whoever hold "their
    respective meetings": each met someone else, on their own. (People listed after a plural
    "meetings with A and B" are each one side's partner too: noun_participants reads none.)"""
    if any(c.dep_ == "amod" and c.lower_ in DISTRIBUTIVE_MODIFIERS for c in noun.children):
        return True
    # Countries only: the tagger takes many a bare surname for an organisation.
    if len(found) < 2 or not all(e.type == "country" for e in found):
        return False
    partners = prep_objects(noun, ("with",))
    if is_light_verb_object(noun):
        partners += prep_objects(noun.head, ("with",))  # "held talks with A and B"
    # Partners listed one by one ("with Peru and Kenya"), not one group of several countries
    # ("with South Korean and US officials", a joint delegation, who meet as one side).
    phrases = [c for p in partners for c in conjuncts(p)]
    listed = _participants_of(partners, index)
    return len(phrases) >= 2 and len(listed) >= 2 and set(found) <= set(listed)


def _attendees(noun: Token) -> list[Token]:
    """ "the meeting included A and B", "a meeting that included A and B", "a dinner
    involving A and B": the objects of a verb of attendance (ATTENDANCE_VERBS) told of one
    encounter. Not of plural "talks": "the Zelin talks involve A, B and C" tells who
    takes part in a process, not in one round of it."""
    if noun.tag_ not in ("NN", "NNP"):
        return []
    verbs = [
        c
        for c in noun.children
        if (c.dep_ == "acl" and c.tag_ == "VBG")
        or (c.dep_ == "relcl" and any(s.dep_ == "nsubj" and s.tag_ in ("WDT", "WP") for s in c.children))
    ]
    if noun.dep_ == "nsubj":
        verbs.append(noun.head)
    found = [o for v in verbs if v.lemma_.lower() in ATTENDANCE_VERBS for o in v.children if o.dep_ == "dobj"]
    # "a meeting at the palace that included A and B": the parser may hang the clause on the
    # place; a place includes no person, so a person it "included" took part in the meeting.
    slipped = [
        o
        for place in prep_objects(noun, ("at", "in"))
        for v in place.children
        if v.dep_ == "relcl" and v.lemma_.lower() in ATTENDANCE_VERBS
        for o in v.children
        if o.dep_ == "dobj" and o.ent_type_ == "PERSON"
    ]
    return found + slipped


# "talks with A and B": one occasion, not separate encounters with each.
JOINT_PLURAL_NOUNS = words("joint-plural-nouns")
# Verbs whose object is the one addressed: "asked B to", "urged B to", "thanked B".
_ADDRESSING = OBJECT_CONTROL_VERBS | words("addressing-verbs")


def told_within(noun: Token) -> list[Token]:
    """ "the July 5 call in which Weber asked Varga to reopen the port", "the meeting at which
    Ruiz urged Lind to resign", "a call in which Ruiz complained to Lind": a relative clause
    set inside the encounter ("in which", "at which", "during which") tells who spoke in it
    and to whom: its subject, and the one it asks, urges, thanks or tells, or speaks "to".
    Not whom it speaks of ("the call in which Weber criticised Varga"), nor a place or a
    country told to act ("asked Velonia to reopen the port")."""
    found: list[Token] = []
    for clause in noun.children:
        if clause.dep_ != "relcl" or clause.pos_ != "VERB" or not opens_within(clause):
            continue
        lemma = base_form(clause)
        addressed: list[Token] = []
        if lemma in _ADDRESSING:
            addressed += [c for c in clause.children if c.dep_ in ("dobj", "dative")]
        if lemma in gazetteer.SPEECH_LEMMAS:
            addressed += prep_objects(clause, ("to",))
        addressed = [a for a in addressed if a.ent_type_ not in ("GPE", "LOC", "FAC", "NORP")]
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        if subjects and addressed:
            found += subjects + addressed
    return found


def _bodies_meeting(noun: Token, index: ArticleEntities) -> list[Token]:
    """ "hosted a meeting of the Harbour League", "attended a gathering of G9 foreign
    ministers": the body whose meeting someone hosts or attends takes part in it beside them.
    Only a named organisation or country, or people standing for one ("a meeting of his
    advisers" names no one), and only as the object of such a verb: one who "said at a
    meeting of the League" spoke there, which is no encounter with it."""
    if not is_light_verb_object(noun):
        return []
    return [
        p
        for p in prep_objects(noun, ("of",))
        if any(e.type in ("organization", "country") for e in _participants_of([p], index))
    ]


def _addresses_within(noun: Token, verb: Token) -> Token | None:
    """A partnerless encounter noun set before its clause as the scene ("In a meeting on
    Monday, Ruiz told Varga", "During the talks Ruiz thanked Varga and criticised Brask"):
    the verb of the clause (or of its first conjunct) that tells, asks, urges or thanks
    someone; None where there is none."""
    if noun.head.dep_ != "prep" or noun.head.lower_ not in ("in", "during", "at") or _has_partner(noun):
        return None
    if noun.i > verb.i:
        # "thanking Varga for his support at a summit last week": a setting told after the
        # verb may belong to what the clause speaks of, not to the telling.
        return None
    for candidate in (verb, verb.head if verb.dep_ == "conj" else None):
        if candidate is not None and base_form(candidate) in _ADDRESSING:
            return candidate
    return None


def _addressed(verb: Token) -> list[Token]:
    """Whom a clause addresses: its object, or the one asked, told or thanked "from", "to"
    or "with" ("sought support from X", "appealed to X")."""
    return [c for c in verb.children if c.dep_ in ("dobj", "dative")] + [
        p
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in ("from", "to", "with")
        for p in c.children
        if p.dep_ == "pobj"
    ]


def _has_partner(noun: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "with" for c in noun.children) or bool(companions(noun))


def split_visits(mention: Mention, trigger: Trigger, index: ArticleEntities) -> list[Mention]:
    """ "Vondrak will meet A, B and C": one visitor's separate meetings with each host. Only
    for a verb with one subject and a list of two or more named people as its object; a
    meeting *between* several parties stays one fact."""
    token = trigger.token
    if token.pos_ in ("VERB", "AUX") and any(c.dep_ == "nsubjpass" for c in token.children):
        # "A and B were received by X": guests received together, one encounter.
        return [mention]
    with_objects = _with_objects(token)
    if any(_named_members(o) or _ministers_named(o, index) for o in with_objects) and not any(
        _separate(p) for prep in token.children if prep.dep_ == "prep" for p in prep.children
    ):
        # "met with senior officials, including A and B", "with the foreign ministers of A, B
        # and C, X, Y and Z": one meeting with the group (but "met, on separate occasions,
        # with five presidents, including A, B and C").
        return [mention]
    if token.pos_ in ("VERB", "AUX"):
        subjects = _participants_of(subjects_of(token), index)
        objects = [e for e in _participants_of(with_objects, index) if e not in subjects]
    elif (_separate(token) or _several(token)) and (is_light_verb_object(token) or token.dep_ == "dobj"):
        # "held separate talks with A, B and C", "held meetings with A and B", "was arranging
        # calls with both A and B".
        subjects = _participants_of(subjects_of(token.head), index)
        objects = [e for e in _participants_of(with_objects, index) if e not in subjects]
    elif (_separate(token) or _several(token)) and any(c.dep_ == "poss" for c in token.children):
        # "his meetings with A, B and C", "Vondrak's calls with A and B": the owner's
        # encounters, one with each partner.
        subjects = _participants_of([c for c in token.children if c.dep_ == "poss"], index)
        objects = [e for e in _participants_of(with_objects, index) if e not in subjects]
    else:
        return [mention]
    if len(subjects) != 1 or len(objects) < 2 or any(e.type != "person" for e in objects):
        return [mention]
    return [
        Mention(
            mention.type,
            mention.trigger,
            mention.predicate,
            [subjects[0], other],
            mention.date,
            mention.place,
            mention.status,
            mention.anaphoric,
            list(mention.sents),
            mention.at_occasion,
        )
        for other in objects
    ]


def _several(trigger: Token) -> bool:
    """ "calls", "meetings", "visits" (an encounter noun in the plural): several encounters,
    one with each partner; not "talks", "discussions", one joint occasion."""
    return trigger.tag_ == "NNS" and trigger.lemma_.lower() not in JOINT_PLURAL_NOUNS


# "separate talks", "bilateral meetings": encounters one side held with each partner apart.
SEPARATE_ADJECTIVES = words("separate-adjectives")


def _separate(noun: Token) -> bool:
    """ "separate talks", "on separate occasions", "in meetings": one encounter with each
    partner. Also said of a word that is no trigger (what "met with X" is told "in"), so
    the plural is "meetings" alone, not _several's every plural noun."""
    return any(c.dep_ == "amod" and c.lower_ in SEPARATE_ADJECTIVES for c in noun.children) or (
        noun.tag_ == "NNS" and noun.lemma_.lower() == "meeting"
    )


# Verbs whose object is the other party: "telephoned X", "met X", "received X".
TRANSITIVE_ENCOUNTER_VERBS = words("call-verbs") | words("hosting-verbs") | words("meeting-verbs")


def visits_no_one(verb: Token, index: ArticleEntities) -> bool:
    """ "Ruiz and Weber both visited Zelin, the region's biggest city": a visit is a meeting
    with the one visited; those who visit a place together do not meet there."""
    return (
        base_form(verb) == "visit"
        and not any(c.dep_ == "dobj" and _visits_someone(c, index) for c in verb.children)
        and not visits_with_someone(verb)
    )


def verb_participants(verb: Token, index: ArticleEntities) -> list[Entity]:
    if visits_no_one(verb, index):
        return []
    subjects = _participants_of(subjects_of(verb), index)
    others = _other_side(verb)
    found = _participants_of(subjects_of(verb) + others, index)
    if len(subjects) >= 2 and others and set(found) == set(subjects):
        # "he and his wife have talked with him", "the voters they met": the clause tells
        # whom the subjects met, and names no one there; the subjects are one side of the
        # encounter, not two parties who met each other.
        return []
    if not subjects and len(found) >= 2 and _subject_unnamed(verb) and _apart_or_hosted(verb):
        # "an inspector met several times with A and B", "the conference will host A and
        # B": encounters of an unnamed side with each, over and over, or an occasion's
        # guests; A and B are not two parties who met each other.
        return []
    if len(found) < 2 and base_form(verb) in TRANSITIVE_ENCOUNTER_VERBS:
        named = _object_named_after(verb, index)
        if named is not None and named not in found:
            found.append(named)
    return found


def _subject_unnamed(verb: Token) -> bool:
    """Is the verb's subject a common noun that names no one ("an inspector", "the
    conference")? Not a pronoun: "I had breakfast with A and B" is told by a writer the
    story leaves unnamed, and the two named did meet at the one table."""
    subjects = subjects_of(verb)
    return bool(subjects) and all(s.pos_ == "NOUN" for s in subjects)


def _apart_or_hosted(verb: Token) -> bool:
    """ "met several times with A and B", "met three times with A and B": repeated
    encounters, each with one of them or both, none told as one meeting of the two; "the
    conference will host A and B": an occasion (OCCASION_NOUNS) is no one's side, its
    guests are not met at a table. "An aide met with A and B" is left as one encounter, its
    unnamed side left out as FACTS.md says."""
    repeated = any(
        c.dep_ == "npadvmod" and c.tag_ == "NNS" and c.lemma_.lower() == "time" for c in verb.children
    )
    occasion = any(base_form(s) in OCCASION_NOUNS for s in subjects_of(verb))
    return repeated or occasion


# "met each other", "met one another" (the parser may make "one" the object, "another" its
# determiner).
RECIPROCALS = {"other", "another"}


def _other_side(verb: Token) -> list[Token]:
    """Whom the verb's clause says its subjects met: its objects and "with" partners (for a
    relative "whom", the one it follows: "Varga, whom A and B met"), or, in a relative
    clause with no relative word ("the voters they met"), the person the clause tells of (a
    person noun: "the day they met" tells when). None for "each other"."""
    others = [
        verb.head if o.tag_ in ("WP", "WDT") and verb.dep_ == "relcl" else o
        for o in _with_objects(verb)
        if o.lemma_.lower() not in RECIPROCALS and not any(c.lower_ in RECIPROCALS for c in o.children)
    ]
    if (
        not others
        and verb.dep_ == "relcl"
        and verb.head.pos_ == "NOUN"
        and verb.head.lemma_.lower() in PERSON_NOUNS
        and not any(c.tag_ in ("WDT", "WP", "WP$", "WRB") or c.dep_ == "mark" for c in verb.subtree)
    ):
        others = [verb.head]
    return others


def _visits_someone(obj: Token, index: ArticleEntities) -> bool:
    """Is the one visited a person? Only one the story names in full, or gives a title
    ("visited President Varga"): a lone word the tagger took for a name ("visited Vardsund
    in the south for talks") is as often a town."""
    entity = resolve_mention(obj, index)
    if entity is None or entity.type != "person":
        return False
    return (
        len(entity.name.split()) > 1
        or is_person_pronoun(obj)
        or any(c.dep_ == "compound" and is_title_word(c) for c in obj.children)
    )


def _object_named_after(verb: Token, index: ArticleEntities) -> Entity | None:
    """ "telephoned German Chancellor Anna Weber hours before ...": a person named right
    after a verb that takes the other party as its object, where the parser hung the name
    elsewhere (here as a modifier of "hours") and the verb has no object of its own."""
    if any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return None
    for token in verb.doc[verb.i + 1 : min(verb.sent.end, verb.i + 7)]:
        entity = index.entity_at(token)
        if entity is not None and entity.type == "person":
            return entity
        if token.dep_ not in ("compound", "amod", "det", "poss", "case"):
            return None  # "met on Monday", "telephoned to say": no name right after
    return None
