"""Does a SPARQL query reach outside the store? `SERVICE` makes the engine send a request to
any address the query names, so an endpoint open to browsers refuses it (see kg serve).

Why not the parsed algebra: pyoxigraph exposes no parse of a query, and rdflib's parser,
which does, rejects queries Oxigraph runs (kg's own `person`, `sources` and `quoted-about`
use LATERAL). So the query is read with SPARQL's own lexical grammar (SPARQL 1.1 section
19.8): codepoint escapes decoded first, as every SPARQL parser does, then comments,
strings, IRIs, variables, blank nodes and language tags passed over. What is left are
keywords, names and prefixed names. Oxigraph's parser matches a keyword with no word
boundary (`true` then `SERVICE` in `trueSERVICE<x>{}`; `SERVICE` then `:x` in
`SERVICE:x{}`), so any such word that *contains* "service" counts: the check errs towards
refusing a query, never towards letting one call out. tests/test_federation.py checks it
against rdflib's parse on generated queries.

The same reading measures how deep a query nests `{`, `(` and `[`: past a depth the engine's
parser runs out of stack and the process dies (`check_nesting`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.errors import QueryError

# Codepoint escapes are undone before tokenising (SPARQL 1.1, 19.2): \u0053ERVICE is SERVICE.
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PN_LOCAL = f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
_ECHAR = r"\\[tbnrf\\\"']"

# Tokens that can hold no keyword, each matched whole at the current position. The order
# matters only where two could start at one character; the longer reading comes first.
_OPAQUE = re.compile(
    "|".join(
        [
            r"[ \t\r\n]+",
            r"#[^\r\n]*",  # a comment (inside IRIs and strings '#' is matched with them)
            r"<[^<>\"{}|^`\\\x00-\x20]*>",  # IRIREF
            rf"'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}))*'''",
            rf'"""(?:(?:"|"")?(?:[^"\\]|{_ECHAR}))*"""',
            rf"'(?:[^'\\\n\r]|{_ECHAR})*'",
            rf'"(?:[^"\\\n\r]|{_ECHAR})*"',
            rf"[?$][{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*",  # variable
            rf"_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?",  # blank node label
            r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*",  # language tag
            r"[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?",  # number
        ]
    )
)
# A prefixed name: its prefix is a word a keyword could hide in; its local part is not.
_PNAME = re.compile(f"({_PN_PREFIX})?:(?:{_PN_LOCAL})?")
_WORD = re.compile(f"[{_PN_CHARS}]+")


def decode_codepoints(sparql: str) -> str:
    return _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql)


def _tokens(sparql: str) -> Iterator[tuple[str, str]]:
    """The tokens of `sparql` outside strings, IRIs, comments and variables, in order:
    ("word", a keyword, name or the prefix of a prefixed name) or ("mark", one character of
    punctuation or an operator)."""
    text = decode_codepoints(sparql)
    at, end = 0, len(text)
    while at < end:
        match = _OPAQUE.match(text, at)
        if match:
            at = match.end()
            continue
        match = _PNAME.match(text, at)
        if match:
            word = match.group(1) or ""
        else:
            match = _WORD.match(text, at)
            if match is None:  # punctuation or an operator: one character
                yield "mark", text[at]
                at += 1
                continue
            word = match.group(0)
        yield "word", word
        at = match.end()


def keyword_words(sparql: str) -> Iterator[str]:
    """The words of `sparql` a SPARQL parser could read keywords in, in order: keywords,
    names and the prefixes of prefixed names. Strings, IRIs, comments and variables never
    count."""
    return (token for kind, token in _tokens(sparql) if kind == "word")


def service_word(sparql: str) -> str | None:
    """The word of `sparql` in which a SPARQL parser could read the SERVICE keyword, or None
    when it has none."""
    return next((w for w in keyword_words(sparql) if "service" in w.casefold()), None)


# The operations of SPARQL 1.1 Update (section 3): a request that opens with one writes.
UPDATE_KEYWORDS = {"insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"}


def update_word(sparql: str) -> str | None:
    """The keyword that makes `sparql` an update rather than a query, or None: the first
    word after the prologue (BASE and PREFIX declarations)."""
    words = keyword_words(sparql)
    for word in words:
        folded = word.casefold()
        if folded == "base":
            continue
        if folded == "prefix":
            next(words, None)  # the declared prefix ("ex" of "ex:"); its IRI is opaque
            continue
        return word if folded in UPDATE_KEYWORDS else None
    return None


# How deep `{ }`, `( )` and `[ ]` may nest, together. Measured with pyoxigraph 0.5.13 on
# x86_64 Linux, the query run in a process's main thread (8 MiB stack), each depth in a
# subprocess: 2,189 nested `{ }` kill the process with SIGSEGV (2,188 run), and so do about
# 4,700 nested `( )` (4,600 run), in the parser, on an empty store too. `[ ]` did not crash
# by 400 levels, but its time grows with the cube of the depth (200: 0.7 s, 400: 5.2 s).
# `oxigraph serve` (same version) aborts whole, "stack overflow", at 2,185 `{ }` and 4,642
# `( )` in one request.
# A hand-written query nests a dozen levels; 100 stays 20 times under the first crash and
# costs `[ ]` 0.2 s.
MAX_NESTING = 100
_OPENS, _CLOSES = "{([", "})]"


def nesting_depth(sparql: str) -> int:
    """How deep `{`, `(` and `[` nest in `sparql` (counted together), outside comments,
    strings and IRIs."""
    depth = deepest = 0
    for kind, token in _tokens(sparql):
        if kind != "mark":
            continue
        if token in _OPENS:
            depth += 1
            deepest = max(deepest, depth)
        elif token in _CLOSES:
            depth = max(0, depth - 1)
    return deepest


def check_nesting(sparql: str) -> None:
    """Refuse a query nested past `MAX_NESTING`, before it reaches an engine it would crash."""
    depth = nesting_depth(sparql)
    if depth > MAX_NESTING:
        raise QueryError(
            f"the query nests brackets ({{ }}, ( ) and [ ]) {depth} deep; at most {MAX_NESTING} "
            "levels are allowed (much deeper ones crash the query engine)"
        )
