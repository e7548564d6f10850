"""Content negotiation and result writers: a SPARQL answer in the format a client asks for,
cut at the row and byte limits."""

from __future__ import annotations

import json
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.graph import vocab as T
from kg.serve.limits import DEFAULT_MAX_BYTES

# media type -> (pyoxigraph format, Content-Type sent)
SOLUTION_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
# `format=` shorthands, as several endpoints accept them
FORMAT_NAMES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes
    # The limit that cut the answer, for the KG-Results-Truncated header: the row limit
    # ("10000") or the size limit ("50000000 bytes"); empty when the answer is whole.
    truncated: str = ""


def _error(status: HTTPStatus, message: str) -> Answer:
    return Answer(status.value, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode())


# ---------------------------------------------------------------- content negotiation


def _accepted(accept: str) -> list[str]:
    """Media types of an Accept header, best first (q-values honoured, order breaks ties)."""
    ranked = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for param in fields[1:]:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, position, fields[0].lower()))
    return [media for _, _, media in sorted(ranked)]


def choose_type(accept: str, table: dict[str, Any], default: str) -> str | None:
    """The media type to answer in, or None when the client accepts none we write."""
    wanted = _accepted(accept) or ["*/*"]
    for media in wanted:
        if media in table:
            return media
        if media in ("*/*", "application/*", "text/*"):
            return default
    return None


# ---------------------------------------------------------------- running a query


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}


def run(store: Any, sparql: str, accept: str, max_rows: int, max_bytes: int = DEFAULT_MAX_BYTES) -> Answer:
    """Run one query on an open kg `Store` and write its answer: at most `max_rows` rows (or
    triples) and `max_bytes` bytes of them."""
    try:
        result = store.query(sparql)
    except QueryError as exc:
        return _error(HTTPStatus.BAD_REQUEST, str(exc))
    if isinstance(result, ox.QueryBoolean):
        media = choose_type(accept, SOLUTION_TYPES, "application/sparql-results+json")
        if media is None:
            return _error(
                HTTPStatus.NOT_ACCEPTABLE, "an ASK answer is written as " + ", ".join(SOLUTION_TYPES)
            )
        return Answer(200, media, _bytes(result.serialize(format=SOLUTION_TYPES[media])))
    if isinstance(result, ox.QueryTriples):
        media = choose_type(accept, GRAPH_TYPES, "text/turtle")
        if media is None:
            return _error(HTTPStatus.NOT_ACCEPTABLE, "a graph answer is written as " + ", ".join(GRAPH_TYPES))
        triples: list[ox.Triple] = []
        size, cut = 0, ""
        for triple in result:
            if len(triples) == max_rows:
                cut = str(max_rows)
                break
            size += len(str(triple).encode()) + 3  # as an N-Triples line
            if size > max_bytes:
                cut = f"{max_bytes} bytes"
                break
            triples.append(triple)
        return _fitted(triples, lambda part: _graph(part, media), media, max_bytes, cut)
    media = choose_type(accept, SOLUTION_TYPES, "application/sparql-results+json")
    if media is None:
        return _error(HTTPStatus.NOT_ACCEPTABLE, "a SELECT answer is written as " + ", ".join(SOLUTION_TYPES))
    names = [v.value for v in result.variables]
    rows: list[str] = []  # each a binding of SPARQL JSON, ASCII: its length is its size
    size, cut = 0, ""
    for solution in result:
        if len(rows) == max_rows:
            cut = str(max_rows)
            break
        row = json.dumps({n: _json_term(solution[n]) for n in names if solution[n] is not None})
        size += len(row) + 1
        if size > max_bytes:
            cut = f"{max_bytes} bytes"
            break
        rows.append(row)
    head = json.dumps({"vars": names})
    fmt = SOLUTION_TYPES[media]

    def write(part: list[str]) -> bytes:
        # Written as SPARQL JSON, then by Oxigraph in whatever format was asked for.
        data = f'{{"head": {head}, "results": {{"bindings": [{", ".join(part)}]}}}}'.encode()
        if fmt == ox.QueryResultsFormat.JSON:
            return data
        solutions = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        return _bytes(solutions.serialize(format=fmt))

    return _fitted(rows, write, media, max_bytes, cut)


def _fitted(items: list[Any], write: Any, media: str, max_bytes: int, cut: str) -> Answer:
    """The answer `write` makes of `items`, with as many of them as fit in `max_bytes` once
    written (escaping and markup make some formats longer than the count above)."""
    body = write(items)
    while len(body) > max_bytes and items:
        items = items[: int(len(items) * max_bytes / len(body) * 0.9)]
        body = write(items)
        cut = f"{max_bytes} bytes"
    return Answer(200, media, body, cut)


def _graph(triples: list[ox.Triple], media: str) -> bytes:
    fmt = GRAPH_TYPES[media]
    prefixes = T.PREFIXES if fmt == ox.RdfFormat.TURTLE else None
    return _bytes(ox.serialize(triples, format=fmt, prefixes=prefixes))


def _bytes(data: bytes | None) -> bytes:
    """pyoxigraph's writers return the bytes when given no output file."""
    return data or b""
