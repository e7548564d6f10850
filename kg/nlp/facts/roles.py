"""Who holds which title where: "Estonian President Tomas Revik", "Palace spokesperson
Ilse Brandt", "Lindqvist, the Swedish foreign minister", "the head of the
Alpine Council, Franz Weber", "his Polish counterpart Piotr Varga"."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.model import Entity, Evidence, Role
from kg.nlp import gazetteer
from kg.nlp.entities import ArticleEntities
from kg.nlp.facts.bodies import (
    ORG_TYPES,
    body_after,
    body_of,
    body_of_its_part,
    body_words_given_back,
    bracketed_body,
    employer_over_region,
    inner_title_words,
    marked_owner,
    org_entity,
    portfolio_word,
    possessed_body,
    possessive_mark,
    possessor,
    possessor_among,
)
from kg.nlp.facts.mention import evidence_of
from kg.nlp.facts.title_words import (
    BEAT_TITLES,
    CHAMBER_NOUNS,
    FIELD_TITLES,
    LEANING_WORDS,
    OPPOSITION_TITLE_WORDS,
    ORGANISATION_WORDS,
    POSTED_TITLES,
    TITLE_PREFIXES,
    bare_title,
    hyphen_word,
    in_title_run,
    is_title,
    left_modifiers,
    normalise_title,
    of_an_earlier_title,
    plural_title_before,
    posting_start,
    rank_start,
    shed_leading_words,
    split_title,
    title_words_from,
    title_words_start,
)
from kg.nlp.lexicon import words
from kg.nlp.outlets import MASTHEAD_WORDS, known_outlet_ends
from kg.nlp.short_forms import BUILDING_NOUNS
from kg.nlp.titles import HYPHENS, PORTFOLIO_NOUNS

# Titles held for a portfolio named before them ("Coastal Affairs Secretary").
PORTFOLIO_TITLES = words("portfolio-titles")
# "the South's President X": a compass word alone stands for a country of the story.
COMPASS_WORDS = words("compass-words")
# "left-wing", "centre-right": the parts that join a leaning word into a compound.
LEANING_WORD_PARTS = words("leaning-word-parts")
# Seats of government a journalist's beat may be: "the Palace correspondent", "a Senate reporter".
BEAT_SEATS = BUILDING_NOUNS | CHAMBER_NOUNS


def extract_roles(doc: Doc, index: ArticleEntities, article_id: str) -> list[Role]:
    found: dict[tuple[Entity, str, Entity], list[Evidence]] = {}
    # index.spans maps each token to its mention: one span per start, in text order.
    for _start, span in sorted({s.start: s for s in index.spans.values()}.items()):
        person = index.entity_at(span.root)
        if person is None or person.type != "person":
            continue
        for title, body in _roles_of(span, index):
            org = _country_of_a_compass_word(_with_its_complement(body, span.root.sent, index), index)
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


def _country_of_a_compass_word(org: Entity, index: ArticleEntities) -> Entity:
    """ "the South's President X", "the North's foreign minister X": a compass word alone
    stands for the one country of the story whose name opens with it ("South Norland")."""
    if org.name.lower() not in COMPASS_WORDS or not org.name.istitle():
        return org
    countries = {e for e in index.entities if e.type == "country" and e.name.startswith(org.name + " ")}
    return countries.pop() if len(countries) == 1 else org


def _with_its_complement(org: Entity, sentence: Span, index: ArticleEntities) -> Entity:
    """ "bishop of the Holy Diocese of Zelin", "head of the Harbour Agency for Tourism
    Development", "head of the Norland Ministry of Foreign Affairs": where the tagger cut a
    body's name before its own "of" or "for" phrase of capitalised words, the body is the
    whole name. Only a body whose name ends in a body noun (or in the "of" the tagger cut
    it at), and not a phrase naming a country or place ("the Harbour Council of Norland")."""
    if org.type != "organization":
        return org
    doc = sentence.doc
    for token in sentence:
        span = index.span_of(token)
        if span is None or span.start != token.i or index.entity_at(token) != org:
            continue
        last = span[-1]
        cut_at_of = last.lower_ in ("of", "for")
        if (joined := _field_joined_on(span, sentence, index)) is not None:
            return index.named(joined) or Entity(joined, "organization")
        if cut_at_of:
            k = span.end
        elif (
            last.lower_ in ORGANISATION_WORDS
            and span.end < sentence.end
            and doc[span.end].lower_ in ("of", "for")
        ):
            k = span.end + 1
        else:
            continue
        if k < sentence.end and doc[k].lower_ == "the":
            k += 1
        end = k
        while (
            end < sentence.end
            and not _person_span(doc[end], index)
            and (
                doc[end].is_title
                or doc[end].is_upper
                or (
                    doc[end].lower_ in ("of", "for", "and", "the", "&")
                    and end + 1 < sentence.end
                    and (doc[end + 1].is_title or doc[end + 1].lower_ == "the")
                )
            )
        ):
            end += 1
        while end > k and not (doc[end - 1].is_title or doc[end - 1].is_upper):
            end -= 1
        if end == k:
            continue
        complement = doc[k:end]
        named = index.entity_at(complement[0])
        if not cut_at_of and named is not None and named.type in ("country", "place"):
            continue
        name = doc[span.start : end].text
        if name.lower().startswith("the "):
            name = name[4:]
        return index.named(name) or Entity(name, "organization")
    return org


def _field_joined_on(span: Span, sentence: Span, index: ArticleEntities) -> str | None:
    """ "the Harbour Centers for Tourism and Fisheries Services", "the Office for Trade and
    Development": a body named for its field ("of" or "for" inside its name) that the tagger
    cut at the "and" joining a second field on. The name runs on over "and" and the
    capitalised words after it, up to the first word in lower case, where those words are one
    field or end in a body noun. Not where they are a title ("and Defence Minister X"), a
    person's name, a country or place, or a body the story names on its own ("and the Alpine
    Union")."""
    doc = sentence.doc
    joint = (
        span[-1] if span[-1].lower_ in ("and", "&") else doc[span.end] if span.end < sentence.end else None
    )
    if joint is None or joint.lower_ not in ("and", "&") or joint.i + 1 >= sentence.end:
        return None  # (the tagger may end the name on the "and" itself)
    if not any(t.lower_ in ("of", "for") for t in doc[span.start + 1 : min(joint.i, span.end) - 1]):
        return None
    k = end = joint.i + 1
    while end < sentence.end and (doc[end].is_title or doc[end].is_upper) and doc[end].is_alpha:
        end += 1
    words = doc[k:end]
    if not words or len(words) > 4 or (end < sentence.end and doc[end].tag_ == "POS"):
        return None
    if len(words) > 1 and words[-1].lower_ not in ORGANISATION_WORDS:
        return None
    name = doc[span.start : end].text
    name = name[4:] if name.lower().startswith("the ") else name
    first = doc[span.start + (span[0].lower_ == "the") : joint.i].text
    for token in words:
        entity = index.entity_at(token)
        if is_title(token) or gazetteer.country_of(token.text) or (len(token) > 1 and token.is_upper):
            return None
        if entity is not None and entity.name.startswith(first) and entity.type == "organization":
            continue  # the story's whole name of the body, written out elsewhere ("X & Y")
        if entity is not None and (
            entity.type in ("person", "country", "place") or _named_apart(entity, words, index)
        ):
            return None
    return name


def _named_apart(entity: Entity, words: Span, index: ArticleEntities) -> bool:
    """Does the story name this entity anywhere but in these words, on its own (not itself
    the second field of a name joined on by "and" or "&")?"""
    doc = words.doc
    return any(
        not words.start <= span.start < words.end
        and index.entity_at(span.root) == entity
        and not (span.start > 0 and doc[span.start - 1].lower_ in ("and", "&"))
        for span in index.spans.values()
    )


def _covered_words_given_to_title(
    org_tokens: list[Token], title_tokens: list[Token], index: ArticleEntities
) -> tuple[list[Token], list[Token]]:
    """The words before a title that name what its holder covers, not their employer: the
    beat of a journalist ("Harbour Radio Palace correspondent": the outlet's, the palace is
    the beat; "the veteran Palace correspondent", "our Lakeview correspondent": no employer
    named there) and the country an expert studies ("a Norland expert with the Harbour
    Institute"). Those words become the title's; the employer, if any, is the outlet before
    them or is named elsewhere ("for the Harbour Courier"). So are the portfolio words of an
    opposition party's "shadow" office."""
    if not org_tokens or not title_tokens:
        return org_tokens, title_tokens
    doc = org_tokens[0].doc
    opening = [
        t for t in doc[max(org_tokens[0].i - 1, 0) : org_tokens[-1].i] if t.lower_ in OPPOSITION_TITLE_WORDS
    ]
    if opening:
        # "the Harbour Party's shadow Norland secretary", "shadow cabinet office minister": the
        # portfolio shadowed, not the body served (the party, where a possessive names it).
        return [], sorted({*opening, *org_tokens, *title_tokens}, key=lambda t: t.i)
    leaning = [t for t in org_tokens if t.text not in HYPHENS and t.lower_ not in LEANING_WORD_PARTS]
    if leaning and all(t.lower_ in LEANING_WORDS for t in leaning):
        # "Progressive Rep. X", "Norland's left-wing President X": the holder's leaning.
        return [], title_tokens
    head = title_tokens[-1].lemma_.lower()
    if head in PORTFOLIO_TITLES and (cut := _portfolio_start(org_tokens, title_tokens, index)) is not None:
        # "Coastal Affairs Secretary X", "Norwegian Coastal Affairs Minister X": the tagger's
        # name ran over the portfolio's first words; they are the title's.
        return org_tokens[:cut], [*org_tokens[cut:], *title_tokens]
    if head in FIELD_TITLES and _names_a_place(org_tokens, index):
        return [], [*org_tokens, *title_tokens]
    if head not in BEAT_TITLES:
        return org_tokens, title_tokens
    start, end = org_tokens[0].i, org_tokens[-1].i + 1
    if gazetteer.is_known_outlet(doc[start:end].text) or doc[end - 1].lower_ in MASTHEAD_WORDS:
        return org_tokens, title_tokens
    stop = next(known_outlet_ends(doc, start, end), None)
    if stop is None:
        stop = next((t.i + 1 for t in reversed(org_tokens[:-1]) if t.lower_ in MASTHEAD_WORDS), None)
    first, span = index.entity_at(org_tokens[0]), index.span_of(org_tokens[0])
    if stop is None and first is not None and first.type == "outlet" and span is not None and span.end < end:
        stop = span.end
    if stop is None:
        # No outlet before the title: the words are a beat only where they name a place or
        # a seat of government ("Palace", "Senate"), not an outlet the tagger did not know.
        beat = _names_a_place(org_tokens, index) or org_tokens[-1].lower_ in BEAT_SEATS
        return ([], [*org_tokens, *title_tokens]) if beat else (org_tokens, title_tokens)
    while stop < end and doc[stop].lower_ in gazetteer.OUTLET_NOUNS:
        stop += 1  # "Harbour News Channel Palace correspondent"
    cut = stop - start
    return org_tokens[:cut], [*org_tokens[cut:], *title_tokens]


def _portfolio_start(
    org_tokens: list[Token], title_tokens: list[Token], index: ArticleEntities
) -> int | None:
    """Where the portfolio's words start among the body words before a minister's or
    secretary's title that opens on a capitalised portfolio noun ("Coastal" before "Affairs
    Secretary"): back over capitalised words and "and" to a country or nationality, a short
    name in capitals or a possessive, which stay the body's. None where no such word
    precedes the title, or where the words are a body's name running on ("Department of
    Coastal Affairs Secretary": the body is named, not a portfolio)."""
    first = title_tokens[0]
    if len(title_tokens) < 2 or first.lower_ not in PORTFOLIO_NOUNS or not first.is_title:
        return None
    if not org_tokens or org_tokens[-1].i != first.i - 1:
        return None
    k = len(org_tokens)
    while k > 0:
        token = org_tokens[k - 1]
        entity = index.entity_at(token)
        if token.lower_ != "and" and not token.is_title:
            break
        if token.is_upper or gazetteer.country_of(token.text) or token.lower_ in ORGANISATION_WORDS:
            break
        if entity is not None and entity.type in ("country", "place", "outlet", "person"):
            break
        k -= 1
    if k == len(org_tokens) or org_tokens[k].lower_ == "and":
        return None
    if k > 0 and not org_tokens[k - 1].is_title and not org_tokens[k - 1].is_upper:
        return None  # "Department of Coastal Affairs Secretary", "Norland's Coastal ..."
    return k


def _names_a_place(tokens: list[Token], index: ArticleEntities) -> bool:
    """Do these words name one country or place by its name (not a nationality adjective)?"""
    entities = {index.entity_at(t) for t in tokens}
    if len(entities) != 1 or any(t.pos_ != "PROPN" for t in tokens):
        return False
    entity = entities.pop()
    return entity is not None and entity.type in ("country", "place")


def _premodifier_roles(name: Span, index: ArticleEntities) -> list[tuple[str, Entity]]:
    """The title read before the name, no comma between (the first reader that finds one)."""
    if role := _town_before_region_role(name, index):
        return [role]
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
            if _title_of_a_joined_name(name, child, index):
                continue  # "X (D) and Harbour City Mayor Y": the next name's title
            if _titles_the_next_name(child, index):
                continue  # "X, Harbour Board Director Dr. Y, ...": the title is Y's
            unit = hyphen_word(child)
            read.update(t.i for t in unit)
            role = _hyphen_title_role(unit, index) if len(unit) > 1 else _title_phrase_role(child, index)
            if role:
                roles.append(role)
            # "X, party chief and mayor of Harbourtown", "president and chief executive of the
            # Alpine Trust": the "of" phrase after the last title, which the parser hangs on
            # the first, is each title's.
            pair = [c for c in child.conjuncts if c.i > child.i and is_title(c)]
            if pair:
                shared = tuple(p for p in child.children if p.dep_ == "prep" and p.i > pair[-1].i)
                paired = [r for c in pair if (r := _title_phrase_role(c, index, shared))]
                roles += paired
                if role is None and paired and (bare := bare_title(child)):
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
        unit = hyphen_word(head.head)
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


def _title_of_a_joined_name(name: Span, title: Token, index: ArticleEntities) -> bool:
    """Is the title the parser hung on the name as an apposition one that "and" joins on
    after it, running into another person's name before any comma: "X (D) and Harbour City
    Mayor Y (D)", "X and Vice-Chairman of the Alpine Council Y"? Not "X, a Republican and,
    at the time, chairman of the Council": no name follows."""
    doc = name.doc
    if not any(t.lower_ in ("and", "or") for t in doc[name.end : title.left_edge.i]):
        return False
    return _runs_into_a_name(title, index)


def _runs_into_a_name(title: Token, index: ArticleEntities) -> bool:
    """Does a person's name follow the title, nothing but its body's name between ("Mayor
    Y", "Vice-Chairman of the Alpine Council (AC) Y"; not "chief of staff during the Y
    administration")?"""
    for token in title.doc[title.i + 1 : title.sent.end]:
        if _person_span(token, index) is not None:
            return True
        if not (token.lower_ in ("of", "the", "'s", "’s", "(", ")", "&") or token.text[:1].isupper()):
            return False
    return False


def _titles_joined_after(unit: list[Token], head: Token, name: Span, index: ArticleEntities) -> list[Token]:
    """Title nouns joined by "and" after the title in apposition (`unit`, its words) that the
    parser hung on the name's head or inside the title's "of" phrase, not on the title: "Lind,
    general secretary of the party and president of Norland", "vice-president of the Council
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
                and is_title(later)
                and doc[later.left_edge.i - 1].lower_ == "and"
                and not any(_person_span(t, index) is not None for t in later.subtree)
                and not _runs_into_a_name(later, index)  # "X (D) and Harbour Mayor Y (D)"
                and not _person_between(name.end, later.i, index)
            ):
                found.append(later)
    return found


def _titles_the_next_name(title: Token, index: ArticleEntities) -> bool:
    """Does the title after a name run on into another person's name, its body's capitalised
    words straight before that name ("Ana Ruiz, Harbour Board Director of Planning Dr.
    Karel Vondrak, and ..."; "X, President of the Republic of Norland Karel Vondrak, and
    ..." in a list of titled names)? Then it is that name's premodifier, which the parser
    hung on the name before as an apposition. Not a name after a lower-case word ("press
    secretary to X", "under President X") or a possessor ("chairman of X's Council")."""
    doc = index.doc
    for token in doc[title.i + 1 : title.sent.end]:
        span = _person_span(token, index)
        if span is not None:
            before = doc[span.start - 1]
            # (a full name: a word the tagger took for a one-word name, "Velgaz Worldwide", is not)
            return (
                len(span) >= 2
                and not before.is_lower
                and before.i > title.i
                and not (span.end < len(doc) and doc[span.end].tag_ == "POS")
            )
        if not (token.lower_ in ("of", "for", "the") or token.text[:1].isupper() or token.text in ("&", ".")):
            return False
    return False


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


def _listed_title_role(name: Span, index: ArticleEntities) -> tuple[str, Entity] | None:
    """People listed in text order after one plural title, each with a body of their own:
    "Presidents Tomas Revik of Norland, Karel Vondrak of Ostmark and Anna Lind of Vesterland"
    (the body of each one's "of" phrase), "the Norlandic and Ostmarkian premiers, Tomas
    Revik and Karel Vondrak" (the nationality in the same place of its list)."""
    doc, first = name.doc, name.sent.start
    own = body_after(name, index)
    if own is not None and (start := _list_start(name, index)) > first:
        # (The list's first name too: "Sens. X of Ohio and Y of Kansas".)
        title = plural_title_before(doc, start, first)
        if title is not None and (start < name.start or _listed_after(name, index)):
            return title, own
    return _nationalities_role(name, index)


def _listed_after(name: Span, index: ArticleEntities) -> bool:
    """Does another name follow this one and its "of" phrase, after "and" or a comma?"""
    doc = name.doc
    k = name.end
    while k < name.sent.end and doc[k].lower_ not in (",", "and"):
        k += 1
    while k < name.sent.end and doc[k].lower_ in (",", "and"):
        k += 1
    return k < name.sent.end and _person_span(doc[k], index) is not None


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
    if j <= first or doc[j + 1].text != "," or not (doc[j].tag_ in ("NNS", "NNPS") and is_title(doc[j])):
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


def _hyphen_title_role(unit: list[Token], index: ArticleEntities) -> tuple[str, Entity] | None:
    """A hyphenated title in apposition and the body its "of" phrase names: "X, the
    secretary-general of the Alpine Union", "vice-president of the Council of State"."""
    if not any(is_title(t) for t in unit if t.text not in HYPHENS):
        return None
    inside = {t.i for t in unit}
    for token in unit:
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "at", "for")):
            if prep.i in inside:
                continue
            for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                entity = index.entity_at(pobj) or body_of_its_part(pobj, index)
                if entity is not None and entity.type in ORG_TYPES:
                    return normalise_title(["".join(t.text for t in unit)]), entity
    return None


def _town_before_region_role(name: Span, index: ArticleEntities) -> tuple[str, Entity] | None:
    """ "Lakeview, Ohio, Mayor X", "former Lakeview, Ohio Mayor X": a title after a town and
    the region it lies in, set off by commas, is held at the town; the region only places
    it (the parser hangs the title on the region, and the other readers would take the
    region for the body or find none). Not after a preposition or another place ("in
    Lakeview, Ohio Gov. X" may be anyone's governor) unless "former" binds the town to the
    title, nor where the town is a country."""
    doc = name.doc
    end = rank_start(doc, name.start, name.sent.start)
    start = end
    while start > name.sent.start and doc[start - 1].ent_type_ != "GPE" and in_title_run(doc[start - 1]):
        start -= 1
    if start == end or not is_title(doc[end - 1]):
        return None
    if not all(t.is_title or t.is_upper or is_title(t) or t.lower_ in TITLE_PREFIXES for t in doc[start:end]):
        return None  # "the Lakeview, Ohio, home of Harbour Courier editor X": no title run
    i = start - 1 - (start > 0 and doc[start - 1].text == ",")
    if i < 1 or doc[i].ent_type_ != "GPE":
        return None
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1  # the region's first word
    town_end = i - 1
    if town_end < 1 or doc[town_end].text != "," or doc[town_end - 1].ent_type_ not in ("GPE", "LOC"):
        return None
    first = town_end - 1
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    if gazetteer.country_of(doc[first:town_end].text):
        return None
    town = index.entity_at(doc[first])
    if town is None or town.type != "place":
        if town is not None and town.name != doc[first:town_end].text:
            return None  # "Governor Asa Lindholm, Ohio Governor X": a name's last word
        # "former Lakeview, Ohio, Mayor X": the entity layer reads "former" as a person's;
        # the town set off by its region is a place whatever it made of the word.
        town = Entity(doc[first:town_end].text, "place")
    prefix = [doc[first - 1]] if first > 0 and doc[first - 1].lower_ in TITLE_PREFIXES else []
    before = first - 1
    word = doc[before]
    if (
        not prefix
        and before >= name.sent.start
        and (word.pos_ == "ADP" or word.text == "," or (word.pos_ == "PROPN" and word.is_title))
    ):
        return None  # "Governor Asa Lakeview, Ohio Governor X": the town word ends a name
    return normalise_title([t.text for t in (*prefix, *doc[start:end])]), town


def _premodifier_role(name: Span, index: ArticleEntities) -> tuple[str, Entity] | None:
    # "police chief Colonel X": the rank between the office and the name is no part of it.
    rank = rank_start(name.doc, name.start, name.sent.start)
    modifiers = [t for t in left_modifiers(name) if t.i < rank]
    split = split_title(modifiers)
    if split is None or (split[0] and of_an_earlier_title(split[0][0])):
        return None
    org_tokens, title_tokens = body_words_given_back(*split, index)
    org_tokens, title_tokens = inner_title_words(org_tokens, title_tokens, index, owner_elsewhere=False)
    org_tokens, title_tokens = _covered_words_given_to_title(org_tokens, title_tokens, index)
    org = org_entity(org_tokens, index)
    if org is None and all(index.entity_at(t) is None for t in org_tokens):
        # "Ruritania's deposed King Otto", "Ruritania's foreign minister Otto Kern": the
        # parser hangs the possessive on the name or on any word of the title.
        org = possessor_among((name.root, *modifiers), index)
        if org is not None:
            org_tokens, title_tokens = inner_title_words(
                org_tokens, title_tokens, index, owner_elsewhere=True
            )
        if org is not None and len(org_tokens) > 1 and org_tokens[-1].lower_ in ORGANISATION_WORDS:
            # "Ruritania's foreign ministry spokesman X": the body the possessor owns.
            org = Entity(" ".join(t.text for t in org_tokens), "organization")
    elif (
        org is not None
        and modifiers
        and modifiers[0].i > name.sent.start
        and possessive_mark(modifiers[0].nbor(-1))
    ):
        # "Ruritania's UN envoy X": the possessive names whom the holder serves; the body
        # between it and the title noun is where they serve, and part of the title. A
        # country's is where an envoy is posted, not an office held in the body there
        # ("Ruritania's Freedom Party leader X").
        owner = possessor_among((name.root, *modifiers), index) or marked_owner(modifiers[0].nbor(-1), index)
        posted = title_tokens[-1].lemma_.lower() in POSTED_TITLES
        if owner is not None and owner != org and (posted or owner.type != "country"):
            org, title_tokens = owner, [*org_tokens, *title_tokens]
    if org is None:
        return None
    return normalise_title([t.text for t in title_tokens]), org


def _title_run_roles(name: Span, index: ArticleEntities) -> list[tuple[str, Entity]]:
    """A title read in text order before a name, whatever the parser made of it: "US
    Secretary of State Anna Lindqvist", "Bank of Estonia governor Tomas Revik", "Prime
    Minister Karel Vondrak of Slovakia". The title is the title words around its last title
    noun, with an "of" phrase that names no body ("of State"); the body is what stands
    before the title, else the name's own "of" phrase."""
    doc = name.doc
    end = posting_start(name)
    if end == name.start:
        end = rank_start(doc, end, name.sent.start)  # "police chief Colonel X"
    start = end
    while start > name.sent.start and in_title_run(doc[start - 1]):
        start -= 1
    run = list(doc[start:end])
    heads = [k for k, t in enumerate(run) if is_title(t)]
    if not heads:
        return []
    head = heads[-1]
    portfolio = run[head + 1 :]
    # After the title noun only its portfolio may follow ("of State", "for Foreign Affairs"):
    # "Bank of Estonia governor" has none, "Minister of Uganda X" names a body there instead.
    if portfolio and not (
        portfolio[0].lower_ in ("of", "for")
        and portfolio[-1].lower_ not in ("of", "for", "and", "the")
        and all(portfolio_word(t, index) or t.lower_ in ("of", "for", "and", "the") for t in portfolio[1:])
    ):
        return []
    left = title_words_start(run, head)
    joint: Token | None = None  # the "and" between two titles of one holder
    if left > 1 and run[left - 1].lower_ == "and" and (first := title_words_start(run, left - 1)) < left - 1:
        if is_title(run[left - 2]):
            joint = run[left - 1]  # "Deputy Prime Minister and Finance Minister X": one body, two titles
        left = first  # else "Economy and Finance Minister X": two fields, one title
    # "former Ostmark governor X", as the parser may leave it out of the name's modifiers.
    org_tokens, title_tokens = shed_leading_words(run[:left], run[left : head + 1] + portfolio)
    org_tokens, title_tokens = _covered_words_given_to_title(org_tokens, title_tokens, index)
    if org_tokens and (org_tokens[-1].lower_ in ("of", "for", "and") or of_an_earlier_title(org_tokens[0])):
        return []
    org = org_entity(org_tokens, index) if org_tokens else None
    if org is None and not org_tokens:
        for prep in (c for c in name.root.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                entity = index.entity_at(pobj)
                if entity is not None and entity.type in ORG_TYPES:
                    org = entity
        if org is None and (after := body_after(name, index)) is not None:
            # "Lieutenant X of the Harbour police", "President X of Norland": the "of" phrase
            # read in text order, where the parser or the tagger missed the body.
            org = after
    if org is None and not org_tokens and start > 0 and doc[start - 1].tag_ == "POS":
        # "Ruritania's Minister of Defence X": the possessive just before the title, which
        # the parser hangs on any word of it or on the name.
        org = possessor_among((*run, name.root), index)
    elif (
        org is not None
        and org.type == "place"
        and org_tokens
        and start > 0
        and possessive_mark(doc[start - 1])
    ):
        # "the Union's Africa director X": the employer in the possessive, the region its reach.
        owner = possessor_among((*run, name.root), index) or marked_owner(doc[start - 1], index)
        org, title_tokens = employer_over_region(org, owner, org_tokens, title_tokens)
    if org is None:
        return []
    if joint is not None:
        cut = title_tokens.index(joint)
        return [
            (normalise_title([t.text for t in part]), org)
            for part in (title_tokens[:cut], title_tokens[cut + 1 :])
        ]
    return [(normalise_title([t.text for t in title_tokens]), org)]


def _bracketed_body_role(name: Span, index: ArticleEntities) -> tuple[str, Entity] | None:
    """A title after a body's short name in brackets: "Harbour Authority (HA) acting
    director X", "peacekeeping force (HPF) spokesman X". The bracketed name, linked to
    its full name where the story gives it, is the body."""
    doc = name.doc
    k = title_words_from(doc, name.start, name.sent.start)
    title = list(doc[k : name.start])
    if not title or not is_title(title[-1]) or k - 3 < name.sent.start:
        return None
    body = bracketed_body(doc, k - 1, index)
    if body is None or (body.type == "outlet" and _opens_the_story(doc[k - 3])):
        # "Lakeview (Norpress) President X ...": the outlet's credit in a dateline.
        return None
    return normalise_title([t.text for t in title]), body


def _opens_the_story(bracket: Token) -> bool:
    """Is this bracket the story's first word, or after nothing but a place's name (a few
    capitalised words, a comma between: "Lakeview, Ohio (Norpress)")?"""
    words = [t for t in bracket.doc[: bracket.i] if not t.is_space]
    return len(words) <= 4 and all(t.text == "," or (t.pos_ == "PROPN" and not t.is_lower) for t in words)


def _title_of_body_role(name: Span, index: ArticleEntities) -> tuple[str, Entity] | None:
    """A title whose "of" phrase ends in a body's name, run into the holder's name without a
    comma: "President of the Alpine Commission Anna Lind", "Governor of the Norlandic
    province of Vesterland Tom Berg". The parser hangs the name in the "of" phrase; the
    body is the name just before the holder's."""
    if name.start == 0:
        return None
    # "the Alpine Resistance Movement (ARM) Anna Lind": the body in brackets before the name.
    body = index.entity_at(name.doc[name.start - 1]) or bracketed_body(name.doc, name.start - 1, index)
    if body is None or body.type not in ORG_TYPES or _portfolio_named(body):
        # (not "Secretary of State X": the tagger's "State" is the title's portfolio)
        return None
    head = _title_hung_over(name.root) or _title_written_before(name, index)
    if head is None:
        return None
    # (the whole of a hyphenated title: "Commander-in-Chief of the Harbour Guard X")
    title = list(name.doc[title_words_from(name.doc, hyphen_word(head)[0].i, 0) : head.i + 1])
    before = index.entity_at(title[0].nbor(-1)) if title[0].i > 0 else None
    if before is not None and before.type in ORG_TYPES:
        # "US Chairman of the Joint Chiefs X": the body before the title is the
        # holder's, and the "of" phrase is the title's own.
        return None
    return normalise_title([t.text for t in title + _portfolio_before_body(head, name, index)]), body


def _portfolio_before_body(head: Token, name: Span, index: ArticleEntities) -> list[Token]:
    """The portfolio between a title noun and the "of" phrase of its body: "of Foreign
    Affairs" in "Deputy Minister of Foreign Affairs of Velonia Ana Ruiz" (none where the
    words between name a body or are no portfolio's)."""
    doc = name.doc
    body = index.span_of(doc[name.start - 1])
    j = (body.start if body is not None else name.start - 1) - 1
    if j > head.i and doc[j].lower_ == "the":
        j -= 1
    between = list(doc[head.i + 1 : j])
    if (
        j <= head.i + 2
        or doc[j].lower_ != "of"
        or between[0].lower_ not in ("of", "for")
        or between[-1].lower_ in ("of", "for", "and", "the")
        or not all(portfolio_word(t, index) or t.lower_ in ("and", "the") for t in between[1:])
    ):
        return []
    return between


def _title_hung_over(token: Token) -> Token | None:
    """The title noun whose "of" phrase the parser hung the name in: the title's own "of"
    phrase, or one "of" phrase down."""
    for _ in range(2):
        if token.dep_ != "pobj" or token.head.lower_ != "of":
            return None
        token = token.head.head
        if is_title(token):
            return token
    return None


def _title_written_before(name: Span, index: ArticleEntities) -> Token | None:
    """The title noun right before "of (the) BODY (SHORT NAME)", read in text order where the
    brackets made the parser take the name for a phrase of its own: "the leader of the Alpine
    Resistance Movement (ARM) X"."""
    doc = name.doc
    # The last word before the brackets, or before the name: "the Secretary of the Harbour
    # Council Ana Ruiz", where the parser made the name the clause's subject.
    bracketed = name.start > 0 and doc[name.start - 1].text == ")"  # (doc[-1] is the last word)
    k = name.start - 4 if bracketed else name.start - 1
    if k < name.sent.start or (not bracketed and len(name) < 2):
        # (a one-word "name" run on from a body's, "President of Harbour Radio Worldwide",
        # is the body's own word)
        return None
    body = index.span_of(doc[k])
    j = (body.start if body is not None else k) - 1
    if j > name.sent.start and doc[j].lower_ == "the":
        j -= 1
    if j > name.sent.start and doc[j].lower_ == "of" and is_title(doc[j - 1]):
        return doc[j - 1]
    return None


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
    split = split_title([*left, head])
    if split is None:
        return None
    # "former Treasury minister and chief economist at Nordbank": a title with body words of
    # its own before it does not take the body of the title joined after it, whose phrase the
    # parser may hang on it ("president and chief executive of Nordbank" shares it).
    joined = [c.i for c in head.conjuncts if c.i > head.i and is_title(c)]
    own_words = any(t.ent_type_ in ("ORG", "NORP", "GPE") or index.entity_at(t) is not None for t in left)
    org_tokens, title_tokens = body_words_given_back(*split, index)
    org_tokens, title_tokens = inner_title_words(org_tokens, title_tokens, index, owner_elsewhere=False)
    org_tokens, title_tokens = _covered_words_given_to_title(org_tokens, title_tokens, index)
    org = org_entity(org_tokens, index) if org_tokens else None
    if org is None and all(
        index.entity_at(t) is None and not gazetteer.country_of(t.text) for t in org_tokens
    ):
        # "Ruritania's chief veterinary inspector", "political leader of the Alpine Front":
        # the body is named elsewhere, and the words before the title noun are the title's.
        org_tokens, title_tokens = inner_title_words(org_tokens, title_tokens, index, owner_elsewhere=True)
    if org is None and all(index.entity_at(t) is None for t in org_tokens):
        org = possessor(head, index)  # "Ruritania's deputy defence minister, Jan Novak"
    elif org is not None and org.type == "place" and org_tokens:
        # "the Union's Africa director, X": the body in the possessive is the employer, the
        # region before the title the office's reach, and part of the title.
        org, title_tokens = employer_over_region(org, possessor(head, index), org_tokens, title_tokens)
    title_words = [t.text for t in title_tokens]
    # "a researcher with the Baltic Institute": "with" names the employer as "at" does.
    for prep in (
        c
        for c in (*head.children, *borrowed)
        if c.dep_ == "prep" and c.lower_ in ("of", "at", "for", "to", "with", "on")
    ):
        if prep.lower_ == "to" and head.lemma_.lower() in POSTED_TITLES:
            # "ambassador to Norland", "envoy to the Alpine Union": where the holder is
            # posted, not the body that sends them (see posted-titles.txt).
            continue
        if own_words and joined and prep.i > min(joined):
            continue  # the joined title's phrase, not this one's
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            entity = index.entity_at(pobj)
            if entity is not None and _portfolio_named(entity):
                # "a former secretary of State": the tagger's lone capitalised portfolio is
                # part of the title, not a body called "State".
                entity = None
            if prep.lower_ == "of" and org is None:
                if _owner_only(pobj, prep):
                    continue  # "secretary of Norland's Security Council": the council, not Norland
                entity = entity or possessed_body(pobj, index) or body_of_its_part(pobj, index)
            if org is None and _field_before_employer(head, prep, entity, borrowed, index):
                # "an expert on Norland at the Harbour Institute", "director for Alpine
                # affairs at the Security Council": the country or field the office is for is
                # part of the title; the body after "at" or "with" is the employer.
                title_words += [prep.text, *[t.text for t in pobj.subtree]]
            elif entity is not None and entity.type in ORG_TYPES and org is None:
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
                body = body_of(pobj, index)
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


def _field_before_employer(
    head: Token, prep: Token, entity: Entity | None, borrowed: tuple[Token, ...], index: ArticleEntities
) -> bool:
    """Is this "on" or "for" phrase of a title the field of the office rather than its body:
    a country or place after "on" ("an adviser on Norland"), or any named phrase after "for"
    or "on" where a body follows after "at" or "with" ("director for Alpine Affairs at the
    Security Council")?"""
    if prep.lower_ not in ("on", "for") or entity is None:
        return False
    if prep.lower_ == "on" and entity.type in ("country", "place"):
        return True
    return any(
        (body := index.entity_at(p)) is not None and body.type in ORG_TYPES
        for c in (*head.children, *borrowed)
        if c.dep_ == "prep" and c.lower_ in ("at", "with") and c.i > prep.i
        for p in c.children
        if p.dep_ == "pobj"
    )


def _portfolio_named(entity: Entity) -> bool:
    """Is what the tagger took for a body's name a portfolio, alone or with the field it is
    for: "State" in "secretary of State", "State for Alpine Affairs" in "assistant secretary
    of State for Alpine Affairs" (a field of the office, not a body)?"""
    words_ = entity.name.lower().split()
    return words_[0] in PORTFOLIO_NOUNS and (len(words_) == 1 or words_[1] == "for")


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
        split = split_title(left_modifiers(span))
        if split is not None:
            org_tokens, title_tokens = split
            org = org_entity(org_tokens, index)
            found.add((normalise_title([t.text for t in title_tokens]), org.name if org else None))
        for title, body in _roles_of(span, index):
            found.add((title, body.name))
        # "his Thai counterpart Piotr Varga": no title, but a country.
        head = span.root
        if head.dep_ == "appos" and head.head.lemma_.lower() in gazetteer.COUNTERPART_NOUNS:
            for child in head.head.children:
                country = gazetteer.country_of(child.text) if child.dep_ in ("amod", "compound") else None
                if country:
                    found.add(("counterpart", country))
    return titles
