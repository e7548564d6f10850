"""Extraction throughput against the bare parse, in one run on the same texts.

    .venv/bin/python benchmarks/throughput.py [--corpus ../shared/corpus/te3-silver.jsonl] [--limit N]

Prints words per second for raw `nlp.pipe` and for the full per-article work of `kg build`
minus the store (parse + extract + RDF quads), and their ratio (1.0 = extraction is free).
The two passes alternate in rounds so that machine noise falls on both alike.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import add_corpus_options, selected_articles  # noqa: E402

from kg.extract import extract_facts, text_for_nlp  # noqa: E402
from kg.nlp import load_nlp  # noqa: E402
from kg.rdf import article_quads  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_corpus_options(parser)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    articles = selected_articles(args)
    words = sum(len(a.text.split()) for a in articles)
    nlp = load_nlp()
    texts = [text_for_nlp(a.text) for a in articles]
    list(nlp.pipe(texts[:5]))  # warm up
    raw = full = 0.0
    for _ in range(args.rounds):
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=32):
            pass
        raw += time.perf_counter() - start
        start = time.perf_counter()
        for doc, article in nlp.pipe(zip(texts, articles, strict=True), as_tuples=True, batch_size=32):
            article_quads(extract_facts(doc, article))
        full += time.perf_counter() - start
    raw_wps = words * args.rounds / raw
    full_wps = words * args.rounds / full
    print(f"articles {len(articles)}, words {words:,}, rounds {args.rounds}")
    print(f"raw nlp.pipe        {raw_wps:10,.0f} words/s")
    print(f"parse+extract+RDF   {full_wps:10,.0f} words/s")
    print(f"ratio               {full_wps / raw_wps:10.3f}  (target >= 0.85)")


if __name__ == "__main__":
    main()
