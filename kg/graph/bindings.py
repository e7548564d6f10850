"""Query parameters bound as RDF terms: a VALUES block opening the WHERE clause.

Both stores bind `--param` values this way. Oxigraph's own pre-binding (`substitutions`)
gives the same answers, but its query planner does not see substituted variables as bound:
measured on the te3-silver store, `quoted-about` took 115 ms with substitutions and 28 ms
with the VALUES block, which the planner starts its joins from.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from kg.errors import QueryError

Bindings = dict[str, ox.NamedNode | ox.Literal]

# SPARQL tokens that can hide a brace or the word WHERE: comments, strings, IRIs.
_TOKENS = re.compile(
    r"""
      (?P<skip> \#[^\n]*
              | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              | '''(?:[^'\\]|\\.|'(?!''))*'''
              | "(?:[^"\\\n]|\\.)*"
              | '(?:[^'\\\n]|\\.)*'
              | <[^<>"{}|^`\\\s]*> )
    | (?P<where> (?<![\w:?$])WHERE\b )
    | (?P<open> \{ )
    | (?P<close> \} )
    """,
    re.IGNORECASE | re.VERBOSE,
)
_SUBSELECT = re.compile(r"\s*(?:#[^\n]*\s*)*SELECT\b", re.IGNORECASE)


def with_values(sparql: str, bindings: Bindings) -> str:
    """`sparql` with `bindings` as a VALUES block opening its WHERE clause, so the bound
    variables hold their values in every pattern and FILTER of that group (what Oxigraph's
    substitutions do); the values are RDF terms in their N-Triples form, never query text."""
    names = list(bindings)
    block = "VALUES ({}) {{ ({}) }}".format(
        " ".join(f"?{n}" for n in names), " ".join(str(bindings[n]) for n in names)
    )
    tokens = _TOKENS.finditer(sparql)
    where_seen = False
    start = None
    for match in tokens:
        if match.lastgroup == "where":
            where_seen = True
        elif match.lastgroup == "open":
            head = _strip_prologue(sparql[: match.start()])
            if where_seen or re.match(r"(?:SELECT|ASK)\b", head, re.IGNORECASE):
                start = match.end()
                break
    if start is None:  # DESCRIBE <iri> with no WHERE: a trailing VALUES joins the same
        return f"{sparql}\n{block}"
    if not _SUBSELECT.match(sparql[start:]):
        return f"{sparql[:start]} {block}{sparql[start:]}"
    # A sub-select must be a group of its own: { VALUES ... { SELECT ... } }
    depth = 1
    for match in tokens:
        depth += {"open": 1, "close": -1}.get(match.lastgroup or "", 0)
        if depth == 0:
            end = match.start()
            return f"{sparql[:start]} {block} {{{sparql[start:end]}}}{sparql[end:]}"
    raise QueryError("SPARQL syntax error: the WHERE clause is not closed")


def _strip_prologue(head: str) -> str:
    """The query text from its form keyword on (PREFIX/BASE lines and comments removed)."""
    head = re.sub(r"#[^\n]*", " ", head)
    head = re.sub(r"(?is)\b(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s+<[^>]*>)", " ", head)
    return head.lstrip()
