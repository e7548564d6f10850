"""Word lists as data: kg/resources/lexicon/NAME.txt, one entry a line, `#` for comments,
read once per process.

The lists are general English (modal verbs, verbs of planning and cancelling, trigger words,
titles): what a careful reader brings to any story. Each file's header says what uses it
and why; a new word is a new line, not a code change.
"""

from __future__ import annotations

from functools import cache

from kg import resources


@cache
def words(name: str) -> frozenset[str]:
    text = resources.read_text("lexicon", f"{name}.txt")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


def single_words(name: str) -> frozenset[str]:
    """The one-word entries of a list."""
    return frozenset(w for w in words(name) if " " not in w)


def phrasal_verbs(name: str) -> dict[str, frozenset[str]]:
    """The two-word entries of a list, verb -> its particles: "call off" -> {"call": {"off"}}."""
    table: dict[str, set[str]] = {}
    for entry in words(name):
        verb, _, particle = entry.partition(" ")
        if particle:
            table.setdefault(verb, set()).add(particle)
    return {verb: frozenset(particles) for verb, particles in table.items()}
