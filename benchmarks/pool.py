"""Every fact kg extracts from the development pool: unannotated stories to judge by hand.

    python benchmarks/pool.py --out /tmp/pool.jsonl             # te3 and polnear parts
    python benchmarks/pool.py --out /tmp/pool.jsonl --set polnear --ids ids.txt
    python benchmarks/pool.py --out /tmp/modern.jsonl --stories ~/modern-pool.jsonl
    python benchmarks/pool.py --out /tmp/pool.jsonl --time   # CPU seconds of extraction alone

The gold sets are small and were selected for meetings and quotes; the mistakes kg makes on
news in general (a negotiation read as a meeting, a surname left unexpanded) are counted on
samples of this pool's facts, judged by hand against their sentences, and a change is
checked by every fact it adds or removes here. The pool: te3-silver's splits silver-0 to
silver-4 less the te3-dev stories (AFP 1997, AFP and Xinhua 2005-06) and polnear's train
split (US political news 2015-16). silver-5 and polnear's test split are never read: they
stay unseen. Parses are cached in `--cache` as dev_eval.py caches its sets, so a second
run takes about a minute. `--stories` runs any other article JSONL the same way instead: a
pool of another genre, kept outside the project.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from dev_eval import SETS, SHARED, parsed  # benchmarks/ is on the path when run as a script
from spacy.tokens import Doc

from kg.ingest.articles import Article, load_articles
from kg.nlp.extract import extract_facts
from kg.nlp.pipeline import load_nlp
from kg.quality.evaluate import load_gold

PARTS = {"te3": "te3-silver.jsonl", "polnear": "polnear.jsonl"}


def pool_ids() -> dict[str, set[str]]:
    """The pool's article ids, per part."""
    dev = load_gold(SETS["te3-dev"][1]).articles
    kept = {
        "te3": lambda record: record["split"] != "silver-5" and record["id"] not in dev,
        "polnear": lambda record: record["split"] == "train",
    }
    found: dict[str, set[str]] = {}
    for part, name in PARTS.items():
        records = (json.loads(line) for line in (SHARED / "corpus" / name).open(encoding="utf-8"))
        found[part] = {record["id"] for record in records if kept[part](record)}
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="facts as JSONL (kg facts' shape)")
    parser.add_argument("--set", default="all", choices=[*PARTS, "all"], help="one part of the pool")
    parser.add_argument("--ids", type=Path, help="only these article ids (whitespace-separated)")
    parser.add_argument("--stories", type=Path, help="every article of this JSONL instead")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/kg-pool-parses"))
    parser.add_argument(
        "--time", action="store_true", help="print the CPU seconds spent in extract_facts alone"
    )
    args = parser.parse_args(argv)
    clock = _ExtractionClock()
    wanted = set(args.ids.read_text(encoding="utf-8").split()) if args.ids else None
    if args.stories is not None:
        loaded = [a for a in load_articles([args.stories]) if isinstance(a, Article)]
        with args.out.open("w", encoding="utf-8") as out:
            write_facts(out, parsed(load_nlp(), loaded, args.cache), wanted, clock)
        clock.report(args.time)
        return 0
    if not (SHARED / "corpus").is_dir():
        print(f"no corpus at {SHARED / 'corpus'}", file=sys.stderr)
        return 1
    nlp = load_nlp()
    ids = pool_ids()
    with args.out.open("w", encoding="utf-8") as out:
        for part, name in PARTS.items():
            if args.set not in (part, "all"):
                continue
            loaded = load_articles([SHARED / "corpus" / name])
            articles = [a for a in loaded if isinstance(a, Article) and a.id in ids[part]]
            # The whole part is parsed (and cached) whatever --ids keeps, so every run shares it.
            write_facts(out, parsed(nlp, articles, args.cache), wanted, clock)
    clock.report(args.time)
    return 0


class _ExtractionClock:
    """CPU seconds spent in extract_facts: what kg's own rules cost, without the loading of
    the model, the corpus and the cached parses around it."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.stories = 0

    def report(self, wanted: bool) -> None:
        if wanted:
            print(f"extraction: {self.seconds:.1f} s CPU, {self.stories:,} stories", file=sys.stderr)


def write_facts(
    out: TextIO, docs: Iterable[tuple[Doc, Article]], wanted: set[str] | None, clock: _ExtractionClock
) -> None:
    """Every fact of the wanted articles (all where None), in kg facts' JSONL shape."""
    for doc, article in docs:
        if wanted is None or article.id in wanted:
            started = time.process_time()
            records = extract_facts(doc, article).records()
            clock.seconds += time.process_time() - started
            clock.stories += 1
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    sys.exit(main())
