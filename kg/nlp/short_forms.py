"""Which longer name of a story a short or variant form of a name stands for, read from the
names alone (their lower-cased keys and the labels their mentions vote), not from the
parse: "Revik" and "Anna K. Revik" are Anna Revik, unless another person of the story
bears that surname about as often; "the Security Council" and "U.N. Security Council" are
the United Nations Security Council the story names, "IMF" the International Monetary
Fund. The entity layer (entities.py) reads the names from the parse and decides the
entities."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from kg.nlp.facts.title_words import CHAMBER_NOUNS, ORGANISATION_WORDS
from kg.nlp.gender import gender_of_given, is_given_name
from kg.nlp.lexicon import words
from kg.nlp.names.endings import NAME_PARTICLES
from kg.nlp.names.organisations import initials
from kg.nlp.pipeline import dictionary_parts

# How many times more often one full name must be given than another sharing its surname
# for the bare surname to be theirs.
DOMINANCE = 2


@dataclass(frozen=True)
class People:
    """The people a story names in full, and the full names each short form may be."""

    full: set[str]  # full names that are people by their own mentions
    by_short: dict[str, set[str]]  # short form -> the full names it may be
    shared_surnames: dict[str, set[str]]  # short forms several full names bear
    named_times: Counter[str]  # full name -> how often the story names them


BUILDING_NOUNS = words("building-nouns")


def mostly_person(votes: Counter[str]) -> bool:
    """Do at least half of a name's mentions (and one at least) call it a person?"""
    return votes["PERSON"] >= max(1, sum(votes.values()) / 2)


def names_a_body(key: str) -> bool:
    """Is the name (its lower-cased key) a body's, whatever its mentions vote: ending in a
    word for a body or a chamber ("the velonia senate", "the harbour coalition") or opening
    with one ("team ruiz", the campaign of Ana Ruiz), its first word no given name ("Mara
    Church" is a person); or a photo credit run into a caption ("Ana Lind/Norpress White
    House")? Such a name is no person's, so none of its words is a person's short form."""
    parts = key.split()
    if any("/" in part for part in parts):
        return True
    return not is_given_name(parts[0]) and (
        parts[-1] in ORGANISATION_WORDS or parts[-1] in CHAMBER_NOUNS or parts[0] in ORGANISATION_WORDS
    )


def people_named(votes: Mapping[str, Counter[str]], inside_sentence: AbstractSet[str]) -> People:
    """The people named in full among the story's names (`votes`: each name's key -> the
    labels its mentions vote; `inside_sentence`: the keys written somewhere inside a
    sentence), each under their fullest spelling, and their short forms."""
    # Not a building's name the tagger reads as a building as often as a person's ("Varga
    # Tower", where the context votes of "at Varga Tower in which Varga says" add PERSON):
    # its first word would be taken for that building's short form.
    full = {
        key
        for key, counter in votes.items()
        if len(key.split()) >= 2
        and mostly_person(counter)
        and not (counter["FAC"] >= counter["PERSON"] and key.split()[-1] in BUILDING_NOUNS)
        and not names_a_body(key)
    }
    # "Following Ruiz, ..." at a sentence's start, where the story names Ana Ruiz: the
    # common word run into the surname makes no namesake of hers.
    run_in = _common_word_run_into_a_surname(full, inside_sentence)
    full -= run_in
    fullest = _fullest_spellings(full, inside_sentence)
    by_short = _short_forms(full, fullest)
    # "Ruiz" where the story names Ana Ruiz often and her father once: the surname alone is the
    # person the story is about, when their full name clearly outnumbers the others'.
    shared_surnames = {k: set(v) for k, v in by_short.items() if len(v) > 1 and k not in full}
    named_times: Counter[str] = Counter()
    for key in full:
        named_times[fullest[_without_initials(key)]] += sum(votes[key].values())
    for short, fulls in shared_surnames.items():
        (dominant, most), (_, next_most) = Counter({f: named_times[f] for f in fulls}).most_common(2)
        if most >= DOMINANCE * next_most:
            by_short[short] = {dominant}
    for key in run_in:
        by_short[key] = set(by_short[key.split()[-1]])
    return People(full, by_short, shared_surnames, named_times)


def _common_word_run_into_a_surname(full: set[str], inside_sentence: AbstractSet[str]) -> set[str]:
    """The names of two words (keys) that are a common word at a sentence's start run into
    the surname of another person the story names in full ("Following Ruiz", "Outspoken
    Ruiz", "Bashing Ruiz" where the story names Ana Ruiz, or "WATCH RUIZ" in an upper-case
    heading): never written inside a sentence, their first word no given name but a word
    the dictionary knows as an adjective, an adverb or a verb, a verb's "-ing" form or a
    function word."""
    run_in = set()
    for key in full - inside_sentence:
        first, _, surname = key.partition(" ")
        if " " in surname or is_given_name(first):
            continue
        # "FIRES BACK AT RUIZ" in an upper-case heading: a function word ("at", "with") too.
        if dictionary_parts(first) & {"adj", "adv", "verb"} or _verb_in_ing(first) or first in STOP_WORDS:
            run_in.add(key)
    bearers = {key.split()[-1] for key in full - run_in}
    return {key for key in run_in if key.split()[-1] in bearers}


def _verb_in_ing(word: str) -> bool:
    """ "painting", "nipping", "writing": a verb's "-ing" form the dictionary knows by its stem."""
    if not word.endswith("ing") or len(word) < 6:
        return False
    stem = word[:-3]
    return any("verb" in dictionary_parts(s) for s in (stem, stem + "e", stem[:-1]))


def _longest_first(keys: Iterable[str]) -> list[str]:
    """Name keys in a fixed order, names of more words first. The readers below write what a
    name stands for while reading what others stand for ("the courier" -> "harbour courier" ->
    "daily harbour courier"): a set's order, which changes with Python's hash seed from run
    to run, would change the facts; longer names first settles each chain before its short
    forms are read."""
    return sorted(keys, key=lambda key: (-len(key.split()), key))


def _fullest_spellings(full: set[str], inside_sentence: AbstractSet[str]) -> dict[str, str]:
    """Each full name without initials or accents -> the spelling that names its person."""
    # "Anna K. Lindqvist" and "Anna Lindqvist", "François" and "Francois": one person, named
    # by the fuller spelling, accents kept.
    fullest: dict[str, str] = {}
    # (A hyphen a line break left spaced, "Hans -Peter", is the same spelling, not a longer one.)
    for key in sorted(full, key=lambda k: (-len(_HYPHEN_SPACED.sub("-", k)), " -" in k, k.isascii(), k)):
        fullest.setdefault(_without_initials(key), key)
    # 'Anna C. "Annie" Lind' and "Annie Lind": one person, named by the fuller spelling.
    for key in _longest_first(full):
        called = _by_nickname(key)
        if called is not None and called in full:
            fullest[_without_initials(called)] = fullest[_without_initials(key)]
    # "Ken Revik" and "Kenneth Revik": a given name that opens the one longer given name
    # of a full name with the same other words is its short form, one person.
    by_rest: dict[str, list[str]] = defaultdict(list)
    for key in _longest_first(full):
        first, _, rest = _without_initials(key).partition(" ")
        by_rest[rest].append(first)
    for rest, firsts in by_rest.items():
        for first in firsts:
            longer = {f for f in firsts if f != first and _short_given_name(first, f)}
            if len(longer) == 1:
                fullest[f"{first} {rest}"] = fullest[f"{longer.pop()} {rest}"]
    # "Rival Anna Lindqvist" at a sentence's start: a word the tagger ran into a name the
    # story gives without it elsewhere, never written inside a sentence, is no part of it.
    for key in _longest_first(full - inside_sentence):
        first, _, rest = key.partition(" ")
        if " " in rest and rest in full and not is_given_name(first):
            fullest[_without_initials(key)] = fullest[_without_initials(rest)]
    # "Reza Tavana" where the story also writes "Amir Reza Tavana": a name of two words
    # or more that ends exactly one longer name of a person is that person, cut short;
    # unless it starts with a common given name ("Maria Lopez" is whole, and a word
    # written before it, "Crooked Maria Lopez", is no part of the name).
    for key in _longest_first(full):
        if is_given_name(key.split()[0]):
            continue
        whole = one_longer(key, full, lambda k: fullest[_without_initials(k)])
        if whole is not None:
            fullest[_without_initials(key)] = whole
    return fullest


def _short_forms(full: set[str], fullest: dict[str, str]) -> dict[str, set[str]]:
    """Persons: multi-word names own their single-word short forms ("Revik" -> "Tomas
    Revik"): short form -> the full names it may be."""
    by_short: dict[str, set[str]] = defaultdict(set)
    first_names: dict[str, set[str]] = defaultdict(set)
    for key in _longest_first(full):
        words = key.split()
        whole = fullest[_without_initials(key)]
        by_short[words[-1]].add(whole)
        by_short[key].add(whole)
        # "Tamimi" for "Karim al-Tamimi": the family name without its hyphened particle.
        particle, hyphen, bare = words[-1].partition("-")
        if hyphen and bare and particle in NAME_PARTICLES:
            by_short[bare].add(whole)
        # "Li" for "Li Wei": family name first; used only when no other person shares it.
        # "Kasongo" for "Jean Kasongo Mbala": a middle name used alone, likewise.
        for word in words[:-1]:
            if len(word.rstrip(".")) > 1:
                first_names[word].add(whole)
    for first, fulls in first_names.items():
        if first not in by_short and len(fulls) == 1:
            by_short[first] = set(fulls)
    return by_short


def organisations_named_short(
    canonical: dict[str, str],
    organisations: set[str],
    outlet_names: set[str],
    longer: Iterable[str],
    names: Iterable[str],
    people: AbstractSet[str] = frozenset(),
) -> None:
    """An organisation's short form -> its longer name, written into `canonical` (each name's
    key -> the key it stands for): `organisations` are the keys of organisations' and
    outlets' names, `longer` the names of several words, `names` every name as written,
    `people` the keys of the story's people's names and their surnames."""
    # "the U.N. Security Council" where the story names the United Nations Security Council:
    # a name that opens with an acronym is the one name that spells it out before the same
    # words (so that "the Security Council" ends one name, not two).
    for key in _longest_first(organisations):
        acronym, _, rest = key.partition(" ")
        letters = acronym.replace(".", "")
        if not rest or "." not in acronym or not letters.isalpha():
            continue
        spelled_out = {
            canonical[o]
            for o in organisations
            if o.endswith(" " + rest) and initials(o[: -len(rest)]) == letters
        }
        if len(spelled_out) == 1:
            canonical[key] = spelled_out.pop()
    # "the Security Council" where the story names the United Nations Security Council, "the
    # Courier" for The Harbour Courier: an organisation's name that ends exactly one longer
    # organisation's name of the story is that organisation. One word is a short form of
    # an outlet's name only ("the House" is not the White House).
    for key in _longest_first(organisations):
        candidates = organisations if " " in key else organisations & outlet_names
        # "the United Nations" is not the Security Council of the United Nations: a name
        # after "of the" is the body the longer one belongs to, not its short form (after
        # a bare "of" it may be: "Homeland Security", "Department of Homeland Security").
        candidates = {o for o in candidates if not o.endswith(" of the " + key)}
        # "the Revik White House", "Revik's White House": a person's name before the words is
        # whose time in the body it was, not the body's fuller name.
        candidates = {o for o in candidates if not _held_by_a_person(o, key, people)}
        whole = one_longer(key, candidates, canonical.__getitem__)
        if whole is not None:
            canonical[key] = whole
    # "IMF" for the International Monetary Fund the story names: an acronym is the one
    # longer name whose capitalised words it spells.
    spelled: dict[str, set[str]] = defaultdict(set)
    for name in longer:
        spelled[initials(name)].add(name.lower())
    for name in names:
        if name.isupper() and len(name) > 1 and len(spelled.get(name.lower(), ())) == 1:
            canonical[name.lower()] = canonical[next(iter(spelled[name.lower()]))]


def _held_by_a_person(longer: str, key: str, people: AbstractSet[str]) -> bool:
    """Is `longer` the organisation `key` names with a person's name before it?"""
    if not longer.endswith(" " + key):
        return False
    owner = longer[: -len(key) - 1]
    for mark in ("'s", "’s", "'", "’"):
        if owner.endswith(mark):
            owner = owner[: -len(mark)]
            break
    return owner in people


def one_longer(key: str, names: Iterable[str], resolve: Callable[[str], str]) -> str | None:
    """The one name (as `resolve` gives it) of the story's `names` that ends with the whole
    words of `key` and is not `key`'s own: "Amir Reza Tavana" for "Reza Tavana". None
    where there is none, or more than one."""
    own = resolve(key)
    longer = {resolve(o) for o in names if o.endswith(" " + key) and resolve(o) != own}
    return longer.pop() if len(longer) == 1 else None


# Fewer letters than this are no short form of a given name ("Al" for "Alan" or "Alice").
_SHORT_GIVEN_MIN = 3


# Short forms of given names that are not their opening letters: "bill" -> {"william"}.
_SHORT_FORMS: dict[str, set[str]] = defaultdict(set)
for _entry in words("given-name-short-forms"):
    _short, _given = _entry.split()
    _SHORT_FORMS[_short].add(_given)


def _short_given_name(short: str, given: str) -> bool:
    """Is `short` a short form of the given name `given` ("ken" of "kenneth"): its opening
    letters, a word of three letters or more, both given names of one sex ("paul" is not
    "paula"; a word the name lists do not know may be another name: "dan" and "dana")?"""
    if given in _SHORT_FORMS.get(short, ()):
        return True  # "bill" of "william": a short form that is not the name's opening
    if len(short) < _SHORT_GIVEN_MIN or len(short) >= len(given) or not given.startswith(short):
        return False
    sex = gender_of_given(short)
    return sex is not None and sex == gender_of_given(given)


def _without_initials(key: str) -> str:
    """ "anna k. lindqvist" -> "anna lindqvist": the middle initials left out, and accents
    and hyphens ("françois" and "francois", "seo min-ji" and "seo min ji", both in one
    story, are one name)."""
    # "seo sun-ho" and "seo sun ho": one name, written with a hyphen or without.
    folded = unicodedata.normalize("NFKD", key).replace("-", " ")
    words = "".join(ch for ch in folded if not unicodedata.combining(ch)).split()
    return " ".join([words[0], *(w for w in words[1:-1] if len(w.rstrip(".")) > 1), words[-1]])


_HYPHEN_SPACED = re.compile(r"\s*-\s*")
_NICKNAMED = re.compile(r"[\"“”]([^\"“”]+)[\"“”]\s+(.+)$")


def _by_nickname(key: str) -> str | None:
    """The name a person with a quoted nickname goes by: 'anna c. "annie" lind' -> "annie
    lind"; None for a name with none."""
    match = _NICKNAMED.search(key)
    return f"{match.group(1)} {match.group(2)}" if match else None
