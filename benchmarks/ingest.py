"""Ingest: `kg build` with 1 and 2 workers against bare `nlp.pipe`, a rebuild of the
unchanged corpus, and the peak memory of each build, in one run on the same texts.

    .venv/bin/python benchmarks/ingest.py [--corpus ../shared/corpus/te3-silver.jsonl] [--limit N]

- raw: `nlp.pipe` of the same model over the same texts in this process (batch 32), the
  parse alone, nothing kept;
- build 1 / build 2: the real `kg build --workers N --force` into a fresh store, as a child
  process, timed from start to exit (reading, model loading, parsing, extraction, RDF,
  writing, cross-article links);
- rebuild: `kg build` again on the unchanged corpus into the store just built;
- peak memory: the largest sum of resident memory over the build's whole process tree,
  sampled every 50 ms.

Targets: build 1 / raw >= 0.80 (issue 16: within 10% of the build it started from);
build 2 >= 1.7x build 1 where 2 cores are free; rebuild under 5% of the first build; peak
memory of the 2-worker build under 2 GB.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import add_corpus_options, selected_articles  # noqa: E402

from kg.nlp.extract import text_for_nlp  # noqa: E402
from kg.nlp.pipeline import load_nlp  # noqa: E402

KG = str(Path(sys.executable).with_name("kg"))


def timed_build(args: list[str]) -> tuple[float, int]:
    """Run `kg build ARGS`; its wall time and the peak resident memory of its process tree."""
    start = time.perf_counter()
    process = psutil.Popen([KG, "build", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                tree = [process, *process.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode:
        sys.exit(f"kg build {' '.join(args)} failed:\n{stderr.decode()}")
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_corpus_options(parser)
    args = parser.parse_args()
    articles = selected_articles(args)
    words = sum(len(a.text.split()) for a in articles)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        if args.limit:
            lines = args.corpus.read_text(encoding="utf-8").splitlines(keepends=True)[: args.limit]
            corpus.write_text("".join(lines), encoding="utf-8")
        else:
            corpus = args.corpus

        nlp = load_nlp()
        texts = [text_for_nlp(a.text) for a in articles]
        list(nlp.pipe(texts[:5]))  # warm up
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=32):
            pass
        raw = time.perf_counter() - start

        one, one_peak = timed_build([str(corpus), "--store", f"{tmp}/one", "--workers", "1", "--force"])
        two, two_peak = timed_build([str(corpus), "--store", f"{tmp}/two", "--workers", "2", "--force"])
        again, _ = timed_build([str(corpus), "--store", f"{tmp}/two", "--workers", "2"])

    print(
        f"machine: {platform.processor() or platform.machine()}, {psutil.cpu_count()} cores "
        f"({len(os.sched_getaffinity(0))} usable), {psutil.virtual_memory().total / 2**30:.0f} GiB, "
        f"Python {platform.python_version()}, load average before: {load_before:.2f}"
    )
    print(f"corpus: {args.corpus.name}, {len(articles):,} articles, {words:,} words")
    print(f"raw nlp.pipe         {raw:8.1f} s  {words / raw:8,.0f} words/s")
    print(
        f"kg build, 1 worker   {one:8.1f} s  {words / one:8,.0f} words/s  "
        f"ratio to raw {raw / one:.2f} (target >= 0.80)  peak memory {one_peak / 2**20:,.0f} MiB"
    )
    print(
        f"kg build, 2 workers  {two:8.1f} s  {words / two:8,.0f} words/s  "
        f"speed-up {one / two:.2f}x (target >= 1.7)  peak memory {two_peak / 2**20:,.0f} MiB (target < 2048)"
    )
    print(f"rebuild, unchanged   {again:8.1f} s  {again / two:.1%} of the first build (target < 5%)")


if __name__ == "__main__":
    main()
