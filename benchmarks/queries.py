"""Query latency on a big store, and `kg facts` and GraphML export against store size.

    .venv/bin/python benchmarks/queries.py --source STORE [--triples 5000000] [--runs 7]

STORE is a store built from a real corpus (`kg build ../shared/corpus/te3-silver.jsonl
--store STORE`). Its article graphs are copied under new article ids until the store holds
at least --triples quads: each copy gets its own articles, evidence, events, interviews,
roles and statements (a bigger archive tells more events), while the people, places and
organisations stay shared (the same people come back in the news). Then:

- every canned query (queries/*.rq, with its header's example for required parameters)
  runs --runs times on the full store; the median and worst are printed (target: each
  median under 100 ms);
- `kg facts` (every fact as JSONL) and the GraphML export run on stores of a quarter, a
  half and all of the copies; time per million quads stays flat where they are linear.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import queries as q  # noqa: E402
from kg import terms as T  # noqa: E402
from kg.export import write_graphml  # noqa: E402
from kg.facts import iter_facts, to_jsonl  # noqa: E402
from kg.resolve import RESOLUTION_GRAPH  # noqa: E402
from kg.store import LocalStore  # noqa: E402

SHARED = T.ID + "entity/"


def renamed(term: ox.NamedNode | ox.Literal | ox.BlankNode, copy: int, ids: set[str]):
    if isinstance(term, ox.NamedNode) and term.value.startswith(T.ID) and not term.value.startswith(SHARED):
        return ox.NamedNode(f"{term.value}-r{copy}")
    if isinstance(term, ox.Literal) and term.value in ids and term.datatype.value.endswith("#string"):
        return ox.Literal(f"{term.value}-r{copy}")
    return term


def grow(graphs: dict[ox.NamedNode, list[ox.Quad]], ids: set[str], target: Path, copies: int) -> int:
    """A store at `target` holding `graphs` and copies-1 renamed copies of them."""
    store = ox.Store(str(target))
    store.bulk_extend(quad for quads in graphs.values() for quad in quads)
    for copy in range(1, copies):
        store.bulk_extend(
            ox.Quad(
                renamed(quad.subject, copy, ids),
                quad.predicate,
                renamed(quad.object, copy, ids),
                renamed(quad.graph_name, copy, ids),
            )
            for graph, quads in graphs.items()
            if graph != RESOLUTION_GRAPH  # one set of cross-article links
            for quad in quads
        )
    store.flush()
    size = len(store)
    del store
    return size


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--source", type=Path, required=True, help="a store built from a corpus")
    parser.add_argument("--triples", type=int, default=5_000_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    source = LocalStore(args.source, read_only=True)
    graphs: dict[ox.NamedNode, list[ox.Quad]] = defaultdict(list)
    for quad in source.quads():  # read once, copied into every store
        graphs[quad.graph_name].append(quad)
    ids = set(source.article_ids())
    per_copy = len(source)
    copies = -(-args.triples // per_copy)
    print(f"source: {per_copy:,} quads, {len(source.article_ids()):,} articles; {copies} copies")
    with tempfile.TemporaryDirectory() as tmp:
        sizes = {}
        for share in (copies // 4, copies // 2, copies):
            start = time.perf_counter()
            sizes[share] = grow(graphs, ids, Path(tmp) / f"x{share}", max(1, share))
            print(f"grew a store of {sizes[share]:,} quads in {time.perf_counter() - start:.0f} s")

        big = LocalStore(Path(tmp) / f"x{copies}", read_only=True)
        print(f"\ncanned queries on {sizes[copies]:,} quads ({args.runs} runs each):")
        for named in q.list_queries():
            params = named.example_bindings()
            times, rows = [], 0
            for _ in range(args.runs):
                start = time.perf_counter()
                rows = len(q.run_query(big, named.text, params).rows)
                times.append((time.perf_counter() - start) * 1000)
            print(
                f"  {named.name:<13} median {statistics.median(times):8.1f} ms   worst {max(times):8.1f} ms"
                f"   {rows:,} rows"
            )

        print("\nkg facts and GraphML export by store size:")
        for share, size in sizes.items():
            store = LocalStore(Path(tmp) / f"x{share}", read_only=True)
            start = time.perf_counter()
            facts = sum(1 for fact in iter_facts(store) if to_jsonl(fact))
            facts_s = time.perf_counter() - start
            start = time.perf_counter()
            graph = write_graphml(store, Path(tmp) / "out.graphml")
            graphml_s = time.perf_counter() - start
            millions = size / 1e6
            print(
                f"  {size:>11,} quads: facts {facts_s:7.1f} s ({facts:,} facts,"
                f" {facts_s / millions:5.1f} s per M quads)"
                f"   graphml {graphml_s:7.1f} s ({graph.number_of_edges():,} edges,"
                f" {graphml_s / millions:5.1f} s per M quads)"
            )


if __name__ == "__main__":
    main()
