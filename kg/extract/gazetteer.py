"""General-knowledge word lists: countries and nationality adjectives, news outlets, titles.

Nothing here is an answer for a particular article: these are the lists a careful
reader brings to any news story.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("kg.data").joinpath(name).read_text(encoding="utf-8")
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


def capital_of(country: str) -> str | None:
    """The capital a country's adjective names: "the Chinese capital" -> "Beijing". The
    first listed where a country has two spellings."""
    return next((city for city, owner in capitals().items() if owner == country), None)


@lru_cache(maxsize=1)
def outlets() -> frozenset[str]:
    return frozenset(line.strip().lower() for line in _lines("outlets.txt"))


def is_known_outlet(name: str) -> bool:
    key = name.strip().lower()
    return key in outlets() or (key.startswith("the ") and key[4:] in outlets())


# Nouns that introduce a news outlet: "French newspaper X", "news agency X", "X daily".
OUTLET_NOUNS = frozenset(
    [
        "newspaper",
        "daily",
        "weekly",
        "magazine",
        "agency",
        "outlet",
        "broadcaster",
        "television",
        "tv",
        "radio",
        "channel",
        "network",
        "website",
        "paper",
        "tabloid",
        "station",
        "journal",
        "gazette",
        "wire",
    ]
)

# Head nouns of titles. "spokesman" and "spokeswoman" are normalised to "spokesperson".
TITLE_HEADS = frozenset(
    [
        "president",
        "premier",
        "minister",
        "chancellor",
        "secretary",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "chairman",
        "chairwoman",
        "chairperson",
        "chair",
        "leader",
        "head",
        "chief",
        "director",
        "governor",
        "ambassador",
        "envoy",
        "king",
        "queen",
        "prince",
        "emperor",
        "monarch",
        "sultan",
        "emir",
        "sheikh",
        "pope",
        "archbishop",
        "bishop",
        "cardinal",
        "mayor",
        "senator",
        "congressman",
        "congresswoman",
        "representative",
        "deputy",
        "lawmaker",
        "legislator",
        "general",
        "commander",
        "admiral",
        "colonel",
        "major",
        "captain",
        "lieutenant",
        "sergeant",
        "corporal",
        "professor",
        "coach",
        "imam",
        "rabbi",
        "marshal",
        "official",
        "diplomat",
        "negotiator",
        "adviser",
        "advisor",
        "counsellor",
        "counselor",
        "councillor",
        "attorney",
        "justice",
        "judge",
        "prosecutor",
        "speaker",
        "vice-president",
        "vice-chairman",
        "founder",
        "ceo",
        "executive",
        "coordinator",
        "commissioner",
        "administrator",
        "treasurer",
        "delegate",
        "consul",
        "attache",
        "member",
        "chief-of-staff",
        "superintendent",
        "inspector",
        "president-elect",
        "premier-designate",
        "journalist",
        "correspondent",
        "editor",
        "analyst",
        "economist",
    ]
)

# Words that may stand inside a title before its head: "deputy foreign minister".
TITLE_MODIFIERS = frozenset(
    [
        "deputy",
        "vice",
        "prime",
        "foreign",
        "interior",
        "defence",
        "defense",
        "finance",
        "economy",
        "economic",
        "trade",
        "justice",
        "health",
        "education",
        "culture",
        "labour",
        "labor",
        "agriculture",
        "energy",
        "environment",
        "transport",
        "transportation",
        "communications",
        "information",
        "industry",
        "commerce",
        "home",
        "state",
        "general",
        "chief",
        "senior",
        "junior",
        "acting",
        "former",
        "interim",
        "first",
        "second",
        "executive",
        "special",
        "permanent",
        "assistant",
        "under",
        "associate",
        "principal",
        "supreme",
        "top",
        "lead",
        "military",
        "armed",
        "naval",
        "air",
        "army",
        "police",
        "security",
        "intelligence",
        "national",
        "federal",
        "regional",
        "provincial",
        "cabinet",
        "presidential",
        "humanitarian",
        "aid",
        "foreign-affairs",
        "affairs",
        "development",
        "planning",
        "tourism",
        "sports",
        "youth",
        "fisheries",
        "mines",
        "mining",
        "oil",
        "petroleum",
        "water",
        "housing",
        "works",
        "social",
        "welfare",
        "budget",
        "treasury",
        "immigration",
        "telecommunications",
        "science",
        "technology",
        "research",
        "public",
        "international",
        "external",
        "internal",
        "customs",
        "revenue",
        "parliamentary",
        "majority",
        "minority",
        "opposition",
        "party",
    ]
)

# Nouns that stand for a person only in relation to someone else's title.
COUNTERPART_NOUNS = frozenset({"counterpart", "opposite", "opposite number"})

# A group of unnamed people standing for their country or organisation.
GROUP_NOUNS = frozenset(
    [
        "officials",
        "leaders",
        "delegation",
        "delegations",
        "negotiators",
        "diplomats",
        "representatives",
        "envoys",
        "ministers",
        "officers",
        "authorities",
        "government",
        "counterparts",
        "team",
    ]
)

# Verbs that report speech: "said", "told", "added", "warned".
SPEECH_LEMMAS = frozenset(
    {
        "say",
        "tell",
        "add",
        "note",
        "ask",
        "write",
        "tweet",
        "explain",
        "insist",
        "declare",
        "argue",
        "claim",
        "warn",
        "continue",
        "state",
        "reply",
        "respond",
        "answer",
        "conclude",
        "recall",
        "admit",
        "acknowledge",
        "complain",
        "suggest",
        "urge",
        "predict",
        "remark",
        "observe",
        "announce",
        "quip",
        "joke",
        "boast",
        "concede",
        "stress",
        "emphasize",
        "emphasise",
        "assert",
        "contend",
        "charge",
        "counter",
        "muse",
        "post",
        "report",
        "demand",
        "wonder",
        "exclaim",
        "shout",
        "yell",
        "scream",
        "plead",
        "retort",
        "interject",
        "whisper",
        "mutter",
        "chime",
    }
)

# Verbs that attribute quoted words only where the words are part of their own clause:
# "called the plan “a disgrace”", "described him as “a con artist”", "urged voters to
# “stay home”". Unlike "said", they do not make their subject the speaker of a quotation
# that merely stands beside them.
ATTRIBUTING_LEMMAS = frozenset(
    {
        "call",
        "describe",
        "brand",
        "label",
        "dub",
        "term",
        "characterize",
        "characterise",
        "refer",
        "accuse",
        "praise",
        "hail",
        "criticize",
        "criticise",
        "condemn",
        "denounce",
        "decry",
        "blast",
        "slam",
        "mock",
        "dismiss",
        "compare",
        "liken",
        "rate",
        "promise",
        "vow",
        "pledge",
        "deny",
        "demand",
        "question",
        "lament",
        "ask",
        "sing",
        "chant",
        "testify",
        "scold",
        "tout",
        "say",
    }
)
