"""General-knowledge word lists: countries and nationality adjectives, news outlets, titles.

Nothing here is an answer for a particular article: these are the lists a careful
reader brings to any news story.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg import resources
from kg.nlp.lexicon import words


def _lines(name: str) -> list[str]:
    text = resources.read_text("gazetteer", name)
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """Country names, short forms and nationality adjectives -> the country's name."""
    table: dict[str, str] = {}
    for line in _lines("countries.tsv"):
        name, country = line.split("\t")
        table[name.lower()] = country
    return table


def country_of(text: str) -> str | None:
    """'Russian' -> 'Russia', 'U.S.' -> 'United States', 'Paris' -> None."""
    key = text.strip().lower()
    if key.startswith("the "):
        key = key[4:]
    return countries().get(key)


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Capital city -> its country ("Canberra" -> "Australia")."""
    return dict(line.split("\t") for line in _lines("capitals.tsv"))


def country_of_capital(name: str) -> str | None:
    return capitals().get(name.strip())


def capital_of(country: str, text: str = "") -> str | None:
    """The capital a country's adjective names: "the Chinese capital" -> "Beijing". Where a
    country's capital has two spellings, the one `text` (the story) uses, else the first listed."""
    spellings = [city for city, owner in capitals().items() if owner == country]
    return next((city for city in spellings if city in text), spellings[0] if spellings else None)


@lru_cache(maxsize=1)
def outlets() -> frozenset[str]:
    return frozenset(line.strip().lower() for line in _lines("outlets.txt"))


def is_known_outlet(name: str) -> bool:
    key = name.strip().lower()
    return key in outlets() or (key.startswith("the ") and key[4:] in outlets())


_LEADING_WORD = re.compile(r"\w*")


def _leading_word(text: str) -> str:
    """The word characters a text opens with ("" where it opens with none)."""
    match = _LEADING_WORD.match(text)
    return match.group() if match else ""


@lru_cache(maxsize=1)
def _outlet_openings() -> frozenset[str]:
    """Every beginning of the first word of a known outlet's name, and "the"."""
    firsts = {_leading_word(name) for name in outlets()} | {"the"}
    return frozenset(first[:end] for first in firsts for end in range(len(first) + 1))


def may_open_outlet(word: str) -> bool:
    """Can a known outlet's name start with this token? False rules it out cheaply: the
    letters the token opens with begin no outlet's first word."""
    return _leading_word(word.lower()) in _outlet_openings()


@lru_cache(maxsize=1)
def _outlets_named_with_the() -> frozenset[str]:
    return frozenset(line.strip()[4:].lower() for line in _lines("outlets.txt") if line.startswith("The "))


def outlet_name(name: str) -> str:
    """An outlet's name as it calls itself: "The Harbour Courier" for "Harbour Courier"."""
    return "The " + name if name.lower() in _outlets_named_with_the() else name


# Nouns that introduce a news outlet: "French newspaper X", "news agency X", "X daily".
OUTLET_NOUNS = words("outlet-nouns")

# Words that mark a name as an organisation's, whatever its verb ("Council", "Holdings").
ORG_WORDS = words("organisation-words")

# Head nouns of titles. "spokesman" and "spokeswoman" are normalised to "spokesperson".
TITLE_HEADS = words("title-heads")

# Words that may stand inside a title before its head: "deputy foreign minister".
TITLE_MODIFIERS = words("title-modifiers")

# Nouns that stand for a person only in relation to someone else's title.
COUNTERPART_NOUNS = words("counterpart-nouns")

# A group of unnamed people standing for their country or organisation.
GROUP_NOUNS = words("group-nouns")

# Verbs that report speech: "said", "told", "added", "warned".
SPEECH_LEMMAS = words("speech-verbs")

# Verbs that attribute quoted words only where the words are part of their own clause:
# "called the plan “a disgrace”", "described him as “a con artist”", "urged voters to
# “stay home”". Unlike "said", they do not make their subject the speaker of a quotation
# that merely stands beside them.
ATTRIBUTING_LEMMAS = words("attributing-verbs")
