"""The words of a title as written around a name: where a title before a name starts and
ends ("US Secretary of State", "former Ostmark governor", "Secretary-General"), which of the
words before its title noun are the title's and which name the body it is held at where the
words alone tell, and the title as FACTS.md writes it (lower case, singular,
"spokesperson"). Word-level only: where the story's entities tell, kg/nlp/facts/bodies.py
re-splits those words (inner_title_words, body_words_given_back) and says which body they
name; who holds the title is kg/nlp/facts/roles.py's."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.nlp import gazetteer
from kg.nlp.factuality import PLANNED_ADJECTIVES
from kg.nlp.lexicon import words
from kg.nlp.titles import (
    BOUND_TITLE_MODIFIERS,
    HYPHENS,
    PORTFOLIO_NOUNS,
    TITLE_ABBREVIATIONS,
    full_title_word,
    is_bound_title_modifier,
    is_split_stop,
)

# Words before a nationality that stay in the title, and words that are in neither.
TITLE_PREFIXES = words("title-prefixes")
LOOSE_MODIFIERS = words("loose-modifiers")
# Words of tenure written joined to what follows by a hyphen ("then-Senate Majority Leader").
HYPHENED_TENURE = words("hyphened-tenure")
# Titles of people posted somewhere ("ambassador to the UN", "envoy to Somalia").
POSTED_TITLES = words("posted-titles")
BEAT_TITLES = words("beat-titles")
FIELD_TITLES = words("field-titles")
OPPOSITION_TITLE_WORDS = words("opposition-title-words")
LEANING_WORDS = words("leaning-words")
# Military and police ranks, no part of an office's title ("police chief Colonel X").
MILITARY_RANKS = words("military-ranks")
STYLES = words("styles")
# Offices a place elects ("Sen.", "governor"), and the party words that may stand before
# them without naming a body ("Ohio Republican Sen. X").
PLACE_OFFICE_TITLES = words("place-office-titles")
PARTY_WORDS = words("party-words")
CHAMBER_NOUNS = words("chamber-nouns")
# Words that end a body's name ("Harbour Workers Party", "the Zelin Trade Council").
ORGANISATION_WORDS = words("organisation-words") | words("body-nouns")
_NAME_PARTICLES = words("name-particles")
_SINGULAR = {
    "spokesmen": "spokesman",
    "spokeswomen": "spokeswoman",
    "chairmen": "chairman",
    "presidents": "president",
    "ministers": "minister",
    "secretaries": "secretary",
}


def is_plural_title(title: Token) -> bool:
    """ "Presidents", "ministers": a plural title noun, one for several people."""
    return title.tag_ in ("NNS", "NNPS") or title.lower_ in _SINGULAR


def plural_title_before(doc: Doc, end: int, floor: int) -> str | None:
    """The plural title written right before `end`, as FACTS.md writes one holder's
    ("presidents" -> "president", "Sens." -> "sen.", also where the tokenizer cut the stop
    off: "Sens" "."); None where there is none."""
    k = end - 1
    stop = k > floor and is_split_stop(doc[k])
    if stop:
        k -= 1
    if k < floor:
        return None
    title = doc[k]
    word = title.lower_.rstrip(".")
    if (stop or title.lower_.endswith(".")) and word.endswith("s") and word[:-1] in TITLE_ABBREVIATIONS:
        return word[:-1] + "."  # "Sens.", "Reps.", "Govs."
    if not stop and is_title(title) and is_plural_title(title):
        return normalise_title([title.lemma_])
    return None


def normalise_title(words: list[str]) -> str:
    """Lower case, singular, spokesperson for spokesman and spokeswoman; the rest as written,
    so an abbreviation keeps its full stop ("Sen." -> "sen.", never "senator")."""
    words = [w.lower() for w in words]
    last = _SINGULAR.get(words[-1], words[-1])
    if last in ("spokesman", "spokeswoman"):
        last = "spokesperson"
    # "secretary - general" as the tokenizer split it is written "secretary-general", and
    # "lt . gov." (the stop cut off "Lt") "lt. gov.".
    text = " ".join([*words[:-1], last]).replace(" - ", "-").replace(" – ", "-")
    return text.replace(" . ", ". ")


def bare_title(head: Token) -> str | None:
    """The title a title noun and its modifiers make where they name no body and have no
    phrase after them ("deputy prime minister")."""
    if any(c.dep_ == "prep" for c in head.children):
        return None
    left = [t for t in head.lefts if t.dep_ in ("compound", "amod", "nmod")]
    split = split_title([w for t in left for w in t.subtree if w.i < head.i] + [head])
    if split is None or split[0]:
        return None
    return normalise_title([t.text for t in split[1]])


def hyphen_word(token: Token) -> list[Token]:
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


def left_modifiers(name: Span) -> list[Token]:
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


def split_title(tokens: list[Token]) -> tuple[list[Token], list[Token]] | None:
    """(org words, title words) where the title ends in a title noun."""
    if not tokens:
        return None
    last = tokens[-1]
    hyphen_suffix = (
        last.lower_ in HYPHEN_SUFFIXES
        and len(tokens) > 2
        and tokens[-2].text in HYPHENS
        and is_title(tokens[-3])
    )
    if not (is_title(last) or hyphen_suffix):
        return None
    cut = len(tokens) - 1
    while cut > 0:
        word = tokens[cut - 1].lower_
        # "Secretary-General", "Vice-President", "President-elect": the tokenizer splits
        # at the hyphen; a title word on its left keeps both halves in the title.
        if (
            word in HYPHENS
            and cut > 1
            and (is_title(tokens[cut - 2]) or tokens[cut - 2].lower_ in TITLE_PREFIXES)
        ):
            cut -= 2
            continue
        if (
            cut > 1
            and is_split_stop(tokens[cut - 1])
            and full_title_word(tokens[cut - 2].lower_) in gazetteer.TITLE_HEADS
        ):
            # "Lt. Gov.", "Lt. Gen." where the tokenizer cut the stop off "Lt": both halves
            # are the title's.
            cut -= 2
            continue
        if is_title_modifier(tokens[cut - 1]) or word in gazetteer.TITLE_HEADS:
            if tokens[cut - 1].ent_type_ in ("NORP", "GPE") and gazetteer.country_of(word):
                break
            cut -= 1
        else:
            break
    return shed_leading_words(tokens[:cut], tokens[cut:])


def _without_party_words(org: list[Token], title: list[Token]) -> list[Token]:
    """ "Ohio Republican Sen. X", "the Ohio Democratic congressman X": a party word before
    an office a place elects tells the holder's party; the place before it is the body.
    "GOP Sen. X" names no body at all (the senator is not the party's)."""
    if not title or full_title_word(title[-1].lower_) not in PLACE_OFFICE_TITLES:
        return org
    while org and org[-1].lower_ in PARTY_WORDS:
        org = org[:-1]
    return org


def shed_leading_words(org: list[Token], title: list[Token]) -> tuple[list[Token], list[Token]]:
    """ "former Austrian chancellor", "top US envoy", "the chief Swedish negotiator": words
    before the country belong to the title ("former", a lower-case title word such as
    "chief") or to neither ("top", and a describing word the tagger left out of the name
    after it, as in "exiled Alpine Front leader": _describing_word_before_name). A party
    word before an elected office belongs to neither (_without_party_words)."""
    # "then-Ostmark Gov. X", "ex-Harbour Army officer X": a word of tenure joined by a hyphen
    # to the body's name is the title's ("then-gov.", "ex-officer"), not the body's.
    if len(org) > 1 and _joining_hyphen(org[0]) and org[0].nbor(-1).lower_ in HYPHENED_TENURE:
        title, org = [org[0].nbor(-1), org[0], *title], org[1:]
    elif len(org) > 2 and org[0].lower_ in HYPHENED_TENURE and _joining_hyphen(org[1]):
        title, org = [org[0], org[1], *title], org[2:]
    while len(org) > 1:
        if (
            org[0].lower_ in TITLE_PREFIXES
            or org[0].lower_ in LOOSE_MODIFIERS
            or _title_word_before_body(org)
            or _describing_word_before_name(org)
            or _affiliation_before_place(org)
        ):
            if org[0].lower_ not in LOOSE_MODIFIERS and (
                org[0].lower_ in TITLE_PREFIXES or org[0].lower_ in gazetteer.TITLE_MODIFIERS
            ):
                title = [org[0], *title]
        elif not _lower_word_before_name(org, title):
            break
        org = org[1:]
    org, title = _party_by_chamber(org, title)
    org, title = _field_after_nationality(org, title)
    return _without_party_words(org, title), title


def _field_after_nationality(org: list[Token], title: list[Token]) -> tuple[list[Token], list[Token]]:
    """ "Ruritanian Regional Cooperation Minister X", "Norland Migration Minister X",
    "Ostmark Surgeon General X": capitalised words the tagger left out of any name, between
    a nationality (or country) it tagged alone and the title noun, are the office's field,
    not a body: the country is the body ("regional cooperation minister", Ruritania). A
    word that ends a body's name ("Board", "Council", "Party") keeps them a body, unless it
    is also a minister's field ("Cooperation", "Affairs")."""
    if len(org) < 2 or not title:
        return org, title
    country, field = org[0], org[1:]
    if country.ent_type_ not in ("NORP", "GPE") or not gazetteer.country_of(country.text):
        return org, title
    for word in field:
        if not word.is_title or word.ent_type_ or word.pos_ not in ("PROPN", "NOUN", "ADJ"):
            return org, title
        if gazetteer.country_of(word.text):
            return org, title
        if word.lower_ in (ORGANISATION_WORDS | CHAMBER_NOUNS) and word.lower_ not in PORTFOLIO_NOUNS:
            return org, title
    return [country], [*field, *title]


def _party_by_chamber(org: list[Token], title: list[Token]) -> tuple[list[Token], list[Token]]:
    """A party word by a legislature's chamber: before it, the holder's party and in neither
    ("Democratic House Speaker X", "former Republican Senate Majority Leader X": the House's
    speaker); after it, the title's ("Senate Republican leader X", "House GOP whip X": the
    Republican leader of the Senate). Only the chamber alone is the body: "Democratic
    National Committee" and "House Democratic Caucus" are bodies of their own."""
    if len(org) != 2 or not title:
        return org, title
    first, second = org
    if first.lower_ in PARTY_WORDS and first.is_title and second.lower_ in CHAMBER_NOUNS and second.is_title:
        return [second], title
    if first.lower_ in CHAMBER_NOUNS and first.is_title and second.lower_ in PARTY_WORDS:
        return [first], [second, *title]
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


def _lower_word_before_name(org: list[Token], title: list[Token]) -> bool:
    """ "the late Harbour Court Justice X", "the future SAR chief executive X": a lower-case
    word before the capitalised words of a body or place is no part of its name, nor of the
    title (a name particle is: "al Qaeda"; a body noun before no capitalised word is the
    body: "foreign ministry"). A word joined by a hyphen ("co-sponsored independent Vardsund
    Sen. X", "the two-term Vardsund governor X") only before an office a place elects: before
    others it may describe someone else ("a high-ranking Norland official said")."""
    first = org[0]
    hyphened = first.text in HYPHENS or org[1].text in HYPHENS
    if hyphened and not (title and full_title_word(title[-1].lower_) in PLACE_OFFICE_TITLES):
        return False
    if first.text in HYPHENS:
        return org[1].is_lower
    return (
        first.is_lower
        and first.is_alpha
        and first.lower_ not in _NAME_PARTICLES
        and first.lower_ not in ORGANISATION_WORDS
        and any(t.is_title or t.is_upper for t in org[1:])
    )


def _affiliation_before_place(org: list[Token]) -> bool:
    """ "Republican Vardsund Sen. X", "Independent Vardsund Sen. X", "Democratic U.S. Rep. X":
    a capitalised word the tagger leaves out of the place's name after it (a party or
    other affiliation, no country of its own) describes the holder; the place is the body."""
    first, name = org[0], org[1]
    return (
        first.is_title
        and first.ent_type_ in ("", "NORP")
        and name.ent_type_ == "GPE"
        and name.ent_iob_ == "B"
        and not gazetteer.country_of(first.text)
    )


def _title_word_before_body(org: list[Token]) -> bool:
    """A lower-case title word before the body's name: "chief" in "the chief Swedish
    negotiator" is the title's, not the body's. Capitalised ("Chief Swedish negotiator",
    "Chief UN investigator"), where the tagger starts a nationality, a country or a body's
    acronym after it: a title word left out of such a name is no part of it (a body's full
    name may open on one the tagger left out: "State Senate", "National Assembly")."""
    first, name = org[0], org[1]
    if first.lower_ not in gazetteer.TITLE_MODIFIERS or name.is_lower:
        return False
    return first.is_lower or (
        first.is_title
        and not first.ent_type_
        and (name.ent_type_ in ("NORP", "GPE") or (name.ent_type_ == "ORG" and name.is_upper))
    )


def participle(token: Token) -> bool:
    """A participle tells the holder's state, not the office: "exiled king", "deposed
    king" (the tagger often calls them adjectives)."""
    return token.tag_ in ("VBN", "VBG") or token.lower_.endswith("ed")


# Second halves of hyphenated titles: "president-elect", "premier-designate".
HYPHEN_SUFFIXES = {"elect", "designate"}


def is_title(token: Token) -> bool:
    return (
        token.lower_ in gazetteer.TITLE_HEADS
        or token.lemma_.lower() in gazetteer.TITLE_HEADS
        or _abbreviated(token.lower_)
    )


def is_title_modifier(token: Token) -> bool:
    """A word that may stand in a title before its head ("deputy", "foreign"); "under" only
    in "under secretary" and "pro" only in "pro tempore" (titles.is_bound_title_modifier):
    "the agency under President X", "the party under former premier X" read it as the
    preposition it is."""
    if token.lower_ in BOUND_TITLE_MODIFIERS:
        return is_bound_title_modifier(token)
    return token.lower_ in gazetteer.TITLE_MODIFIERS


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


def of_an_earlier_title(first: Token) -> bool:
    """ "Chairman of the Joint Staff Gen. X": the body before this title closes the "of"
    phrase of a title before it, and is that title's body, not this one's."""
    k = first.i - 1
    if k > first.sent.start and first.doc[k].lower_ == "the":
        k -= 1
    return k > first.sent.start and first.doc[k].lower_ == "of" and is_title(first.doc[k - 1])


def title_words_start(run: list[Token], head: int) -> int:
    """Where the title words before the title noun `run[head]` start: its modifiers, other
    title words and prefixes, up to a country's name or adjective."""
    left = head
    while left > 0 and (
        is_title_modifier(run[left - 1])
        or is_title(run[left - 1])
        or run[left - 1].lower_ in TITLE_PREFIXES
        or _joining_hyphen(run[left - 1])
    ):
        if run[left - 1].ent_type_ in ("NORP", "GPE") and gazetteer.country_of(run[left - 1].text):
            break
        left -= 1
    return left


def title_words_from(doc: Doc, end: int, floor: int) -> int:
    """Where the title words (title nouns, modifiers, prefixes) ending before `end` start, no
    further back than `floor`."""
    k = end
    while k > floor and (
        is_title(doc[k - 1]) or is_title_modifier(doc[k - 1]) or doc[k - 1].lower_ in TITLE_PREFIXES
    ):
        k -= 1
    return k


def posting_start(name: Span) -> int:
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


def rank_start(doc: Doc, end: int, floor: int) -> int:
    """Where a rank written between an office and the name at `end` begins: at "Colonel" in
    "police chief Colonel X", at "Lieutenant" in "military spokesman Lieutenant Colonel X"
    (the holder's rank, no part of the office's title), so at a style ("President Sheikh
    X", styles.txt); `end` where there is none. Not
    "Attorney General X": a written-out "general" right after a title noun is the title's."""
    k = end
    while k > floor and (
        is_split_stop(doc[k - 1])
        or (
            doc[k - 1].text[:1].isupper()
            and (full_title_word(doc[k - 1].lower_) in MILITARY_RANKS or doc[k - 1].lower_ in STYLES)
        )
    ):
        k -= 1
    if k == end or k <= floor or doc[k].lower_ == "general" or is_split_stop(doc[k]):
        return end
    return k if is_title(doc[k - 1]) and doc[k - 1].text != "." else end


def in_title_run(token: Token) -> bool:
    """Can the word stand in a title before a name? Title words, hyphens, "of", and the
    capitalised words of a body or portfolio ("Bank of Japan", "of State")."""
    if token.is_space or token.pos_ in ("DET", "VERB", "AUX", "PRON", "CCONJ", "SCONJ", "PUNCT"):
        return _joining_hyphen(token) or _joining_and(token)
    word = token.lower_
    return (
        word in ("of", "for")
        or is_title(token)
        or is_title_modifier(token)
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
