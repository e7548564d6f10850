"""Extraction on every development set at once: seeds, te3-dev, modern-dev, polnear-dev.

    python benchmarks/dev_eval.py                  # the figures, one table per set
    python benchmarks/dev_eval.py --errors /tmp/e  # and every miss and false fact, per set

Each set is parsed once and the parses kept in `--cache` (keyed by text, model and kg's
pipeline), so a change to the extractors is measured in seconds. Facts are scored exactly
as `kg eval` scores the store's facts (kg/quality/evaluate.py, FACTS.md). The README's
figures come from `kg build` and `kg eval`: the store also merges two events of one article
that mint the same node, so its counts can differ from these by a fact or two.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from spacy.tokens import DocBin

from kg.ingest.articles import Article, load_articles
from kg.nlp.extract import extract_facts, text_for_nlp
from kg.nlp.pipeline import load_nlp

# The scorer's own matching, not a copy, pairs gold and system facts in the error lists.
from kg.quality.evaluate import _match, _Names, load_gold, score, summarise

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SETS = {
    "seeds": (ROOT / "seeds", SHARED / "gold" / "seeds.jsonl"),
    "te3-dev": (SHARED / "corpus" / "te3-silver.jsonl", SHARED / "gold" / "te3-dev.jsonl"),
    "modern-dev": (SHARED / "corpus" / "modern-dev.jsonl", SHARED / "gold" / "modern-dev.jsonl"),
    "polnear-dev": (SHARED / "corpus" / "polnear.jsonl", SHARED / "gold" / "polnear-dev-quotes.jsonl"),
}
COLUMNS = ["type", "gold", "system", "matched", "precision", "recall", "f1"]
EVENT_COLUMNS = ["date_acc", "place_acc", "status_acc", "occurred_precision"]


# What the parse depends on besides the model and the texts as the parser gets them
# (`text_for_nlp`): kg's pipeline (its sentence rules, its lemmas of contractions and their
# word lists). A change to any parses the sets again.
PIPELINE_SOURCE = b"".join(
    (ROOT / part).read_bytes()
    for part in (
        "kg/nlp/pipeline.py",
        "kg/resources/lexicon/name-abbreviations.txt",
        "kg/resources/lexicon/contraction-lemmas.txt",
    )
)


def parsed(nlp, articles: list[Article], cache: Path):
    """(doc, article) for each article, parsing only what the cache lacks."""
    texts = [text_for_nlp(a.text) for a in articles]
    key = hashlib.sha256(
        (nlp.meta["name"] + nlp.meta["version"]).encode()
        + PIPELINE_SOURCE
        + b"".join(t.encode() + b"\0" for t in texts)
    ).hexdigest()[:16]
    path = cache / f"{key}.spacy"
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe(texts, batch_size=16))
        cache.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=True, docs=docs).to_disk(path)
    return zip(docs, articles, strict=True)


def run_set(nlp, name: str, cache: Path) -> tuple[list[dict[str, Any]], Any, list[dict[str, Any]]]:
    source, gold_path = SETS[name]
    gold = load_gold(gold_path)
    articles = [a for a in load_articles([source]) if isinstance(a, Article) and a.id in gold.articles]
    system: list[dict[str, Any]] = []
    for doc, article in parsed(nlp, articles, cache):
        system.extend(extract_facts(doc, article).records())
    return summarise(score(system, gold)), gold, system


def markdown(name: str, rows: list[dict[str, Any]]) -> str:
    lines = [f"{name}:", "", "| " + " | ".join(COLUMNS + EVENT_COLUMNS) + " |"]
    lines.append("|" + "---|" * (len(COLUMNS) + len(EVENT_COLUMNS)))
    for row in rows:
        if row.get("scored") is False:
            continue  # a type the gold does not annotate
        cells = [str(row.get(c, "")) if row.get(c) is not None else "" for c in COLUMNS + EVENT_COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def write_errors(path: Path, gold, system: list[dict[str, Any]]) -> None:
    """Per article: gold facts and system facts side by side, the unmatched marked."""
    lines: list[str] = []
    for article in sorted(gold.articles):
        for kind in ("meeting", "call", "interview", "role", "quote"):
            g = [f for f in gold.facts if f["article"] == article and f["type"] == kind]
            s = [f for f in system if f["article"] == article and f["type"] == kind]
            if not g and not s:
                continue
            pairs = _match(kind, s, g, _Names(gold.aliases.get(article, {})))
            ms, mg = {i for i, _ in pairs}, {j for _, j in pairs}
            for i, j in pairs:
                diff = [
                    k
                    for k in ("date", "place", "status")
                    if kind in ("meeting", "call") and s[i].get(k) != g[j].get(k)
                ]
                if diff:
                    lines.append(
                        json.dumps(
                            {"err": "attr:" + ",".join(diff), "gold": g[j], "sys": s[i]}, ensure_ascii=False
                        )
                    )
            for j, f in enumerate(g):
                if j not in mg and not f.get("optional"):
                    lines.append(json.dumps({"err": "missed", "gold": f}, ensure_ascii=False))
            for i, f in enumerate(s):
                if i not in ms:
                    lines.append(json.dumps({"err": "false", "sys": f}, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="*", default=list(SETS), choices=list(SETS))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/kg-dev-parses"))
    parser.add_argument("--errors", type=Path, help="write each set's misses and false facts here")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    nlp = load_nlp()
    results = {}
    for name in args.sets:
        if not SETS[name][1].exists():
            print(f"{name}: {SETS[name][1]} is absent; skipped", file=sys.stderr)
            continue
        rows, gold, system = run_set(nlp, name, args.cache)
        results[name] = rows
        if args.errors:
            args.errors.mkdir(parents=True, exist_ok=True)
            write_errors(args.errors / f"{name}.jsonl", gold, system)
        if not args.json:
            print(markdown(name, rows))
    if args.json:
        print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
