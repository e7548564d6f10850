"""Query latency on a big store, and `kg facts` and GraphML export against store size.

    .venv/bin/python benchmarks/queries.py [--corpus ../shared/corpus/te3-silver.jsonl]
        [--triples 5000000] [--runs 7] [--work DIR]

The corpus is parsed once; its facts are then written again and again under new article
ids, by kg's own writer (`kg.graph.triples.article_quads`), until the store's merged view holds at
least --triples distinct triples. So the grown store is the one `kg build` would make if
the same stories came in again under other ids: each copy adds its articles, evidence,
quotations and undated events, while a dated meeting or call, a dated interview and a role
already known gain a source (one node per real-world fact, as in a real archive where many
stories report the same fact). Then:

- every canned query (queries/*.rq) runs --runs times on the full store, through
  kg.graph.queries.run_query as `kg query` runs it: the whole answer, then its first page (the
  query with LIMIT 100 appended); the medians and the worst whole answer are printed.
  A parameter is bound to the busiest value the corpus has (the person in the most
  articles, the speaker with the most quotations, the entity most quoted about), then to a
  typical one (the median of that ranking), not to the header's example, which the corpus
  may not name; `sources` is also run with no parameter (every sentence behind every fact),
  for the record;
- `kg facts` (every fact as JSONL) and the GraphML export run on stores of a quarter, a
  half and all of the copies; time per million triples stays flat where they are linear.

--work keeps the parsed facts and the grown stores in DIR, so a second run skips parsing
and growing. --queries meetings,timeline runs only those; --no-exports skips the second part.
The store is opened for writing once before it is read, so a store grown by an older kg
gets what kg keeps beside the merged view (the listings' summaries, kg/graph/summary.py).
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import add_corpus_options, selected_articles  # noqa: E402

from kg.build.parallel import cpu_count, extract_all  # noqa: E402
from kg.exports.facts import iter_facts, to_jsonl  # noqa: E402
from kg.exports.property_graph import write_graphml  # noqa: E402
from kg.graph import queries as q  # noqa: E402
from kg.graph.resolve import write_links  # noqa: E402
from kg.graph.store import LocalStore  # noqa: E402
from kg.graph.triples import article_quads  # noqa: E402
from kg.model import ArticleFacts, Evidence  # noqa: E402

# For each query's parameter, the values the corpus has (ranked by `ranked`).
BUSIEST = {
    ("person", "person"): "SELECT ?value WHERE { GRAPH ?g { ?p a kg:Person ; rdfs:label ?value } }",
    ("quotes", "person"): (
        "SELECT ?value WHERE { ?s kg:speaker ?p ; kg:evidence ?ev . ?p a kg:Person ; rdfs:label ?value }"
    ),
    ("quoted-about", "entity"): "SELECT ?value WHERE { ?s kg:mentions/rdfs:label ?value ; kg:evidence ?ev }",
    ("sources", "name"): "SELECT ?value WHERE { GRAPH ?g { ?p a kg:Person ; rdfs:label ?value } }",
}


def ranked(store: LocalStore, query: str) -> list[ox.Literal]:
    """The values `query` gives, the most frequent first."""
    rows = store.select(
        f"SELECT ?value (COUNT(*) AS ?n) WHERE {{ {{ {query} }} }} GROUP BY ?value ORDER BY DESC(?n) ?value"
    )
    return [ox.Literal(row["value"].value) for row in rows]


def parsed(args: argparse.Namespace, work: Path) -> list[ArticleFacts]:
    cache = work / "facts.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    start = time.perf_counter()
    articles = selected_articles(args)
    facts = [f for _, f in extract_all(articles, model=None, batch_size=32, workers=cpu_count())]
    cache.write_bytes(pickle.dumps(facts))
    print(f"parsed {len(facts):,} articles in {time.perf_counter() - start:.0f} s")
    return facts


def under_new_id(facts: ArticleFacts, copy: int) -> ArticleFacts:
    """The same facts as if they came from an article with another id."""
    if copy == 0:
        return facts
    new_id = f"{facts.article_id}~{copy}"

    def moved(value: Any) -> Any:
        if isinstance(value, Evidence):
            return replace(value, article=new_id)
        if isinstance(value, tuple):
            return tuple(moved(v) for v in value)
        if hasattr(value, "evidence"):
            return replace(value, evidence=moved(value.evidence))
        return value

    return replace(
        facts,
        article_id=new_id,
        events=moved(facts.events),
        interviews=moved(facts.interviews),
        roles=moved(facts.roles),
        quotes=moved(facts.quotes),
    )


def grow(facts: list[ArticleFacts], target: Path, triples: int, copies: int | None = None) -> int:
    """A store at `target` holding `copies` copies of `facts` (or as many as it takes for
    its merged view to hold `triples` triples), with its view and cross-article links as
    `kg build` leaves them; returns the number of copies."""
    target.parent.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(target))

    def quads(copy: int) -> Iterator[ox.Quad]:
        for article in facts:
            for quad in article_quads(under_new_id(article, copy)):
                yield quad
                yield ox.Quad(quad.subject, quad.predicate, quad.object)  # the view; loading dedups

    def view(store: ox.Store) -> int:
        return sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    if copies is None:  # every copy after the first adds the same number of triples
        store.bulk_extend(quads(0))
        first = view(store)
        store.bulk_extend(quads(1))
        each = view(store) - first
        copies = max(2, 1 + -(-(triples - first) // each))
        done = 2
    else:
        done = 0
    for copy in range(done, copies):
        store.bulk_extend(quads(copy))
    store.flush()
    del store
    write_links(LocalStore(target))
    return copies


def view_size(store: LocalStore) -> int:
    return store.count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_corpus_options(parser)
    parser.add_argument("--triples", type=int, default=5_000_000, help="distinct triples to grow to")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--work", type=Path, help="keep parsed facts and grown stores here")
    parser.add_argument("--queries", help="only these canned queries, comma-separated")
    parser.add_argument("--no-exports", action="store_true", help="skip kg facts and GraphML")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        facts = parsed(args, work)
        full = work / "full"
        if not (full / "copies").exists():
            start = time.perf_counter()
            copies = grow(facts, full / "store", args.triples)
            (full / "copies").write_text(str(copies))
            print(f"grew the store to {copies} copies in {time.perf_counter() - start:.0f} s")
        copies = int((full / "copies").read_text())
        stores = {copies: full / "store"}
        for share in (copies // 4, copies // 2):
            stores[share] = work / f"x{share}"
            if not stores[share].exists():
                grow(facts, stores[share], 0, copies=max(1, share))

        start = time.perf_counter()
        writable = LocalStore(stores[copies])  # adds the summaries to a store grown before them
        writable.flush()
        del writable
        print(f"opened the store for writing in {time.perf_counter() - start:.1f} s")
        big = LocalStore(stores[copies], read_only=True)
        print(
            f"store: {len(facts):,} articles x {copies} copies = {len(big.article_ids()):,} article graphs,"
            f" {len(big):,} quads in them, {view_size(big):,} triples in the merged view"
        )
        print(f"\ncanned queries ({args.runs} runs each):")
        runs = []
        wanted = set(args.queries.split(",")) if args.queries else None
        for named in q.list_queries():
            if wanted is not None and named.name not in wanted:
                continue
            choices = [
                (param, ranked(big, query)) for (name, param), query in BUSIEST.items() if name == named.name
            ]
            if not choices:
                runs.append((named, named.example_bindings()))
            for param, values in choices:  # the busiest value, and a typical one (the median)
                runs += [(named, {param: values[0]}), (named, {param: values[len(values) // 2]})]
        if wanted is None or "sources" in wanted:
            runs.append((q.load_query("sources"), {}))
        for named, params in runs:
            times, firsts, rows = [], [], 0
            first_page = named.text.rstrip() + "\nLIMIT 100\n"
            for _ in range(args.runs):
                start = time.perf_counter()
                rows = len(q.run_query(big, named.text, params).rows)
                times.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                q.run_query(big, first_page, params)
                firsts.append((time.perf_counter() - start) * 1000)
            bound = ", ".join(f"{k}={v.value!r}" for k, v in params.items()) or "no parameter"
            print(
                f"  {named.name:<13} median {statistics.median(times):8.1f} ms   worst {max(times):8.1f} ms"
                f"   first 100 rows {statistics.median(firsts):8.1f} ms   {rows:>7,} rows   {bound}"
            )
        if args.no_exports:
            return

        print("\nkg facts and GraphML export by store size:")
        for share in sorted(stores):
            store = LocalStore(stores[share], read_only=True)
            size = view_size(store)
            start = time.perf_counter()
            count = sum(1 for fact in iter_facts(store) if to_jsonl(fact))
            facts_s = time.perf_counter() - start
            start = time.perf_counter()
            graph = write_graphml(store, work / "out.graphml")
            graphml_s = time.perf_counter() - start
            millions = size / 1e6
            print(
                f"  {share:>3} copies, {size:>10,} triples: facts {facts_s:6.1f} s ({count:,} facts,"
                f" {facts_s / millions:5.1f} s per M triples)   graphml {graphml_s:6.1f} s"
                f" ({graph.number_of_edges():,} edges, {graphml_s / millions:5.1f} s per M triples)"
            )


if __name__ == "__main__":
    main()
