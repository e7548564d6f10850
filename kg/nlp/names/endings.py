"""How far a person's name runs on past the tagger's span: over a name's particles and the
family name after them ("Anna von der" + "Brinck"), a second span of the same name ("Luis
Carlos" + "Ortega Ruiz"), a quoted nickname ('Anna C. "Annie" Lind'), a generational suffix
("Tomas Revik, Jr."), a hyphen ("Tarek Ali El-" + "Masrawi") and an editor's bracket
("(Velonian President Marek) Dovan")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.nlp import gazetteer
from kg.nlp.dates import MONTHS_AND_DAYS
from kg.nlp.lexicon import words
from kg.nlp.titles import is_title_word

NAME_PARTICLES = words("name-particles")


NAME_SUFFIXES = words("name-suffixes")


# "the Brandt-led coalition", "a Varga-era rule": English words written after a name's
# hyphen, which end no name.
HYPHEN_COMBINING_WORDS = words("hyphen-combining-words")


def joined_particle(token: Token) -> bool:
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


def _past_editors_bracket(doc: Doc, start: int, end: int) -> int:
    """Where a name ends that an editor's bracket cuts: "(Velonian President Marek) Dovan",
    a quotation's "Dovan" with the title and given name the editor put before it. The
    bracket opens before the name in its sentence and closes right after it; the
    capitalised proper noun after the bracket is the rest of the name (the bracket's
    closing mark is dropped from the name by entities.clean_name)."""
    if not (
        end + 1 < len(doc)
        and doc[end].text == ")"
        and doc[end + 1].pos_ == "PROPN"
        and doc[end + 1].text[:1].isupper()
        and not doc[end + 1].is_upper  # "(Harbour Union) HWU": an acronym after it
        # The tagger may type the surname left alone after the bracket anything ("Dovan"
        # an organisation); a country's name or a title is no surname.
        and not is_title_word(doc[end + 1])
        and gazetteer.country_of(doc[end + 1].text) is None
        and doc[end + 1].sent.start == doc[start].sent.start
    ):
        return end
    for t in reversed(doc[doc[start].sent.start : start]):
        if t.text == ")":
            return end
        if t.text == "(":
            after = end + 2
            while after < len(doc) and doc[after].ent_iob_ == "I" and doc[after].text[:1].isupper():
                after += 1
            return after
    return end


def _past_suffix(doc: Doc, end: int) -> int:
    """Where a name ends that is followed by its generational suffix set off by a comma
    ("Tomas Revik, Jr., the mayor"): the suffix is the name's; "Revik" alone is his father."""
    if (
        end + 1 < len(doc)
        and doc[end].text == ","
        and doc[end + 1].lower_ in NAME_SUFFIXES
        and doc[end + 1].text[:1].isupper()
        and doc[end + 1].sent.start == doc[end - 1].sent.start
    ):
        return end + 2
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
        is_title_word(doc[end - 1])
        or is_title_word(doc[after])
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


def _past_hyphen(doc: Doc, end: int) -> int:
    """Where a person's name ends that the tagger cut at a hyphen: "Kamal Nour El" +
    "-Wardani", "Tarek Ali El-" + "Masrawi" (a wire story's line break left in the word). The
    name runs on over a hyphen written onto its last word and the capitalised word after it,
    in the same sentence."""
    while end < len(doc):
        last = doc[end - 1]
        if last.text == "-" and end >= 2 and _syllable_after_hyphen(doc, end - 1):
            return end + 1  # "Baek Jae-" + "in"
        if last.text.endswith("-") and len(last) > 1:
            after = end  # "El-" + "Masrawi"
        elif doc[end].text == "-" and not last.whitespace_ and end + 1 < len(doc):
            after = end + 1  # "El" + "-" + "Wardani"
        else:
            return end
        word = doc[after]
        if after == end + 1 and _syllable_after_hyphen(doc, end):
            return after + 1
        if not (
            word.text[:1].isupper()
            and word.text.rstrip("-").isalpha()
            and word.sent.start == last.sent.start
            and word.ent_type_ in ("", "PERSON")
            and not gazetteer.country_of(word.text)
        ):
            return end
        end = after + 1
    return end


def _syllable_after_hyphen(doc: Doc, hyphen: int) -> bool:
    """ "Baek Jae" + "-" + "in", "Yoon Hae" + "-" + "wol": a given name of two syllables
    joined by a hyphen writes its second one in lower case. A short lower-case word glued
    to the hyphen ends the name, where the name has two words at least, the last a short
    capitalised syllable, and the word is no English word put after a name's hyphen."""
    after = hyphen + 1
    if hyphen < 2 or after >= len(doc):
        return False
    last, word = doc[hyphen - 1], doc[after]
    return (
        doc[hyphen].text == "-"
        and not last.whitespace_
        and not doc[hyphen].whitespace_
        and doc[hyphen - 2].text[:1].isupper()
        and last.text[:1].isupper()
        and last.is_alpha
        and len(last) <= 5
        and word.is_lower
        and word.is_alpha
        and len(word) <= 4
        and word.lower_ not in HYPHEN_COMBINING_WORDS
        and (after + 1 == len(doc) or bool(word.whitespace_) or doc[after + 1].is_punct)
    )


def name_end(doc: Doc, start: int, end: int) -> int:
    """Where a person's name ends whose words from `start` the tagger tagged up to `end`."""
    # "Karel" tagged, "Vondrak" not: an untagged capitalised proper noun that the name's
    # last word modifies belongs to the name.
    while (
        end < len(doc)
        and doc[end].pos_ == "PROPN"
        and doc[end].ent_type_ == ""
        and doc[end].text[:1].isupper()
        and doc[end - 1].head == doc[end]
        and doc[end - 1].dep_ == "compound"
        and not is_title_word(doc[end])  # "Mali President ...": the title is no name
    ):
        end += 1
    end = _past_hyphen(doc, _past_suffix(doc, _name_rest_end(doc, _past_nickname(doc, end))))
    return _past_editors_bracket(doc, start, end)
