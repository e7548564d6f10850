"""Word lists as data: kg/resources/lexicon/NAME.txt, one entry a line, `#` for comments,
read once per process.

The lists are general English (modal verbs, verbs of planning and cancelling, trigger words,
titles): what a careful reader brings to any story. Each file's header says what uses it
and why; a new word is a new line, not a code change.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def words(name: str) -> frozenset[str]:
    text = resources.files("kg.resources").joinpath("lexicon", f"{name}.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )
