"""The corpus options every benchmark takes, and the articles they select."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.ingest.articles import Article, load_articles  # noqa: E402


def add_corpus_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "te3-silver.jsonl")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")


def selected_articles(args: argparse.Namespace) -> list[Article]:
    if not args.corpus.exists():
        sys.exit(f"no corpus at {args.corpus}")
    articles = [a for a in load_articles([args.corpus]) if isinstance(a, Article)]
    return articles[: args.limit] if args.limit else articles
