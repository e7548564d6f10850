"""Named SPARQL queries (queries/*.rq) and parameters bound as RDF terms."""

from __future__ import annotations

import calendar
import csv
import difflib
import io
import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox

from kg import resources
from kg.errors import QueryError
from kg.graph import summary
from kg.graph import vocab as T
from kg.graph.federation import update_word
from kg.graph.store import GraphStore

QUERY_DIR = resources.folder("queries")
# "#   person (required, a name): the person's name ...": a parameter, whether it must be
# given, whether it is an entity's name (matched as users type names, see resolve_name).
_PARAM_LINE = re.compile(r"^#\s+(\w+)\s+\((required|optional)(, a name)?\):\s*(.*)$")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    question: str
    params: dict[str, bool]  # name -> required
    examples: dict[str, str]  # name -> the example value the header gives ('e.g. "..."')
    # Parameters that take an entity's name ("the person's name as the graph gives it"),
    # matched the way a user types it (see resolve_name).
    names: frozenset[str] = frozenset()

    def example_bindings(self) -> dict[str, ox.NamedNode | ox.Literal]:
        """The required parameters bound to their examples: the query as its header shows it.
        A required parameter with no example is left out (check_params then says so)."""
        needed = [
            f"{p}={self.examples[p]}"
            for p, required in self.params.items()
            if required and p in self.examples
        ]
        return parse_params(needed)


def parse_header(name: str, text: str) -> NamedQuery:
    lines = [line for line in text.splitlines() if line.startswith("#")]
    question = lines[0].lstrip("# ").strip() if lines else ""
    params: dict[str, bool] = {}
    examples: dict[str, str] = {}
    names: set[str] = set()
    for line in lines:
        match = _PARAM_LINE.match(line)
        if match:
            params[match.group(1)] = match.group(2) == "required"
            example = re.search(r'e\.g\. "([^"]+)"', match.group(4))
            if example:
                examples[match.group(1)] = example.group(1)
            if match.group(3):
                names.add(match.group(1))
    return NamedQuery(name, text, question, params, examples, frozenset(names))


def bind_names(
    store: GraphStore, query: NamedQuery, params: dict[str, ox.NamedNode | ox.Literal]
) -> dict[str, ox.NamedNode | ox.Literal]:
    """The parameters with each name a user typed ("tomas revik", "Lindqvist") replaced by
    the name the graph gives (resolve_name); an IRI is taken as it is."""
    return {
        param: ox.Literal(resolve_name(store, value.value))
        if param in query.names and isinstance(value, ox.Literal)
        else value
        for param, value in params.items()
    }


_LABELS = "SELECT DISTINCT ?label WHERE { ?e rdfs:label ?label }"
_HAS_LABEL = "ASK { ?e rdfs:label ?label }"


def _fold(name: str) -> str:
    """ "Sauli Niinistö", "sauli  NIINISTO" -> "sauli niinisto": case, accents, punctuation."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", bare.casefold()).split())


def resolve_name(store: GraphStore, given: str) -> str:
    """The entity name the graph gives for what a user typed: the name itself, else the one
    name equal to it but for case, accents and punctuation, else the one full name whose
    surname it is. No match, or several, is an error that says what there is."""
    if store.query(_HAS_LABEL, {"label": ox.Literal(given)}):
        return given
    labels = [row["label"].value for row in store.query(_LABELS)]
    folded: dict[str, list[str]] = {}
    for label in labels:
        folded.setdefault(_fold(label), []).append(label)
    wanted = _fold(given)
    same = folded.get(wanted, [])
    if not same and wanted and " " not in wanted:
        same = sorted(
            {label for key, group in folded.items() if key.split()[-1:] == [wanted] for label in group}
        )
    if len(same) == 1:
        return same[0]
    if same:
        raise QueryError(f"several entities are named like {given!r}: {', '.join(sorted(same)[:5])}")
    close = difflib.get_close_matches(wanted, list(folded), n=3, cutoff=0.75)
    suggestion = f"; did you mean {', '.join(repr(folded[c][0]) for c in close)}?" if close else ""
    raise QueryError(f"no entity named {given!r}{suggestion}")


def list_queries() -> list[NamedQuery]:
    if not QUERY_DIR.is_dir():
        return []
    return [parse_header(p.stem, p.read_text(encoding="utf-8")) for p in sorted(QUERY_DIR.glob("*.rq"))]


def load_query(name_or_path: str) -> NamedQuery:
    """A name from queries/ ("meetings") or the path of an .rq file."""
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.is_file():
        return parse_header(path.stem, path.read_text(encoding="utf-8"))
    candidate = QUERY_DIR / f"{name_or_path}.rq"
    if candidate.is_file():
        return parse_header(name_or_path, candidate.read_text(encoding="utf-8"))
    known = ", ".join(q.name for q in list_queries()) or "(none found)"
    raise QueryError(f"no query named {name_or_path!r}; known queries: {known}")


def parse_params(pairs: list[str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """`name=value` pairs; `<...>` is an IRI, anything else a plain string literal. A relative
    IRI is one of kg's own, as tables show them: `<meeting/5ac5…>`."""
    params: dict[str, ox.NamedNode | ox.Literal] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.fullmatch(r"\w+", name):
            raise QueryError(f"--param takes name=value, got {pair!r}")
        if value.startswith("<") and value.endswith(">"):
            try:
                iri = value[1:-1]
                params[name] = ox.NamedNode(iri if ":" in iri else T.ID + iri)
            except ValueError as exc:
                raise QueryError(f"--param {name}: not a valid IRI: {value}") from exc
        else:
            params[name] = ox.Literal(value)
    return params


def check_params(query: NamedQuery, params: Mapping[str, object]) -> None:
    unknown = sorted(set(params) - set(query.params))
    if unknown:
        takes = f"it takes: {', '.join(query.params)}" if query.params else "it takes none"
        raise QueryError(f"query {query.name!r} takes no parameter {', '.join(unknown)}; {takes}")
    missing = [p for p, required in query.params.items() if required and p not in params]
    if missing:
        raise QueryError(
            f"query {query.name!r} needs --param {missing[0]}=VALUE ({query.name}.rq says what it is)"
        )


@dataclass
class Table:
    """A query's answer: its columns and, for each row, its RDF terms (None where unbound;
    plain text for an ASK's or a graph's answer). Each view of a value is made from the term when asked
    for, for the rows asked for: a table shows a page, CSV the text, JSON typed values."""

    columns: list[str]
    terms: list[list[object]]

    @property
    def rows(self) -> list[list[str]]:
        """Each value as text ("" where unbound), for tables and CSV."""
        return [[_term_text(t) for t in row] for row in self.terms]

    @property
    def values(self) -> list[list[object]]:
        """Each value as JSON gives it: numbers as numbers, booleans as booleans, unbound as
        None, everything else its text."""
        return [[_term_value(t) for t in row] for row in self.terms]

    @property
    def shown(self) -> list[list[str]]:
        """Each value as a person reads it in a table: a fact's IRI short, a date without a
        year spelled out."""
        return [[_term_shown(t) for t in row] for row in self.terms]


def _term_text(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal | ox.NamedNode | ox.BlankNode):
        return term.value
    return str(term)


@dataclass
class Rows:
    """A query's answer as the engine yields it: its columns, and its rows of RDF terms (as
    in Table) read one at a time, so a writer holds one row however long the answer."""

    columns: list[str]
    terms: Iterator[list[object]]


def stream_query(
    store: GraphStore, text: str, params: dict[str, ox.NamedNode | ox.Literal] | None = None
) -> Rows:
    update = update_word(text)
    if update is not None:
        raise QueryError(f"updates are not allowed here ({update} ...): kg query only reads; kg build writes")
    if "kg:summary" in text and not summary.present(store):
        raise QueryError(
            f"the store at {store.location} was written before kg kept the listings' summaries: "
            "open it for writing once (any kg build into it) to add them"
        )
    result = store.query(text, params)
    if isinstance(result, ox.QueryBoolean):
        return Rows(["result"], iter([[str(bool(result)).lower()]]))
    if isinstance(result, ox.QueryTriples):
        # As text: a graph's answer is read as text in every format.
        return Rows(
            ["subject", "predicate", "object"],
            ([_term_text(t.subject), _term_text(t.predicate), _term_text(t.object)] for t in result),
        )
    columns = [v.value for v in result.variables]
    return Rows(columns, ([row[c] for c in columns] for row in result))


def run_query(
    store: GraphStore, text: str, params: dict[str, ox.NamedNode | ox.Literal] | None = None
) -> Table:
    """The whole answer, held in memory (stream_query reads it a row at a time)."""
    rows = stream_query(store, text, params)
    return Table(rows.columns, list(rows.terms))


_MONTH_DAY = "http://www.w3.org/2001/XMLSchema#gMonthDay"
_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _term_shown(term: object) -> str:
    """A term as a table shows it: kg's own IRIs as `<meeting/…>`, which `--param` takes back
    (parse_params), and a day whose year the article did not give as "15 August (no year
    given)" rather than XML Schema's `--08-15`. Everything else as its text."""
    if isinstance(term, ox.NamedNode) and term.value.startswith(T.ID):
        return f"<{term.value[len(T.ID) :]}>"
    # Typed, or as the listings give it (the most precise of several dates, as text).
    if isinstance(term, ox.Literal) and term.datatype.value in (_MONTH_DAY, _STRING):
        found = re.fullmatch(r"--(\d\d)-(\d\d)", term.value)
        if found and 1 <= int(found.group(1)) <= 12:
            return f"{int(found.group(2))} {calendar.month_name[int(found.group(1))]} (no year given)"
    return _term_text(term)


_NUMBERS = {
    "http://www.w3.org/2001/XMLSchema#" + kind: number
    for kind, number in (
        ("integer", int),
        ("int", int),
        ("long", int),
        ("nonNegativeInteger", int),
        ("decimal", float),
        ("double", float),
        ("float", float),
    )
}


def _term_value(term: object) -> object:
    """A term as JSON gives it: a number, a boolean, None for unbound, else its text."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        kind = term.datatype.value
        if kind in _NUMBERS:
            try:
                return _NUMBERS[kind](term.value)
            except ValueError:
                return term.value
        if kind == "http://www.w3.org/2001/XMLSchema#boolean":
            return term.value == "true"
    return _term_text(term)


def write_csv(rows: Rows, out: TextIO, delimiter: str = ",") -> int:
    """Each row written to `out` as it comes (CSV, or TSV with a tab); returns the rows written."""
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(rows.columns)
    count = 0
    for row in rows.terms:
        writer.writerow([_term_text(t) for t in row])
        count += 1
    return count


def write_json(rows: Rows, out: TextIO) -> int:
    """A JSON array of one object a row, written to `out` a row at a time, as json.dumps
    would lay it out with indent=2; returns the rows written."""
    count = 0
    for row in rows.terms:
        item = json.dumps(
            dict(zip(rows.columns, [_term_value(t) for t in row], strict=True)), ensure_ascii=False, indent=2
        )
        out.write(("[\n" if count == 0 else ",\n") + "  " + item.replace("\n", "\n  "))
        count += 1
    out.write("\n]\n" if count else "[]\n")
    return count


def to_csv(table: Table) -> str:
    buffer = io.StringIO()
    write_csv(Rows(table.columns, iter(table.terms)), buffer)
    return buffer.getvalue()


def to_json(table: Table) -> str:
    buffer = io.StringIO()
    write_json(Rows(table.columns, iter(table.terms)), buffer)
    return buffer.getvalue()
