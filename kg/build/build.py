"""`kg build`: read articles, parse them in batches, extract, write each article's graph."""

from __future__ import annotations

import gc
import json
import queue
import shutil
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.build.parallel import CHUNK_SIZE, extract_all
from kg.errors import InputError
from kg.graph.resolve import links_pending, mark_links_pending, write_links
from kg.graph.store import GraphStore, is_url, open_store
from kg.graph.triples import article_quads
from kg.ingest import web
from kg.ingest.articles import Article, Skip, load_articles
from kg.model import FACT_TYPES, ArticleFacts
from kg.nlp.fingerprint import extraction_fingerprint

# A build holds its input's text in memory (to find changed articles and copies before
# parsing). Past this it stops with a clear error rather than exhaust memory: an archive
# this large is built in parts, each `kg build` adding to the store.
MAX_BUILD_CHARS = 2_000_000_000
# The writer flushes the store every this many articles. Each update deletes and rewrites the
# store's counters and a scratch graph (kg/graph/stats.py, summary.py); until a flush, the
# deleted entries stay in RocksDB's memory table, and every later update steps over all of
# them: one article an update, a write took 5 ms at the start of a 2,452-story build and
# 25 ms at its end (42 s of writing in all; 15 s flushing every 100 articles). Written in
# batches (below), there are fewer such entries, and a flush every 500 articles costs less
# than one every 100.
FLUSH_EVERY = 500
# The writer writes this many articles in one update (one transaction): the update's
# operations on the counters and summaries then run once for all of them, not once each.
# Replaying te3-silver's 2,452 article graphs: 13.2 s one an update (a flush every 100),
# 10.2 s 20 an update, 7.8 s 50 an update (a flush every 500). A build killed or
# interrupted loses at most the batch it was gathering (its articles parsed again by the
# next build): every stored article is whole.
WRITE_EVERY = 50

# Articles gathered for one write, each with its facts.
_Batch = list[tuple[Article, ArticleFacts]]


@dataclass
class BuildReport:
    read: int = 0
    built: int = 0
    unchanged: int = 0
    # of `built`: unchanged articles extracted again because kg's extraction changed since
    # they were stored (kg/nlp/fingerprint.py)
    reextracted: int = 0
    removed: int = 0  # stored articles no longer in the input (--prune)
    skipped: list[Skip] = field(default_factory=list)
    notes: list[Skip] = field(default_factory=list)  # built, but read otherwise than written
    facts: Counter[str] = field(default_factory=Counter)
    triples: int = 0
    same_people: int = 0  # surname-only people linked to a full name in other articles

    def as_json(self) -> dict[str, object]:
        """The report as `kg build --format json` prints it: counts as numbers, each fact
        kind counted as `kg facts` counts it, every skip and note with its source."""
        return {
            "read": self.read,
            "built": self.built,
            "unchanged": self.unchanged,
            "reextracted": self.reextracted,
            "removed": self.removed,
            "facts": {kind: self.facts[kind] for kind in FACT_TYPES},
            "triples": self.triples,
            "same_people": self.same_people,
            "skipped": [{"source": s.source, "reason": s.reason} for s in self.skipped],
            "notes": [{"source": n.source, "note": n.reason} for n in self.notes],
        }


def read_id_filter(path: Path) -> set[str]:
    """Article ids to keep: one a line, or JSONL lines with an `article` or `id` key (a gold
    file works as it is)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the id list {path}: {exc}") from exc
    ids: set[str] = set()
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("{"):
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}: malformed JSON line: {exc.msg}") from exc
            value = record.get("article") or record.get("id")
            if isinstance(value, str):
                ids.add(value)
        else:
            ids.add(line)
    return ids


def read_inputs(inputs: Iterable[Path | str]) -> Iterator[Article | Skip]:
    """Every article of the inputs, in order: files and folders, and http(s) URLs of pages
    and feeds (kg/ingest/web.py); a Skip for each input that cannot be used."""
    for item in inputs:
        if isinstance(item, str) and is_url(item):
            yield from web.load_url(item)
        else:
            yield from load_articles([Path(item)])


def collect_articles(
    paths: Iterable[Path | str], ids: set[str] | None, strict: bool, report: BuildReport
) -> list[Article]:
    """Read every input. A later article with the same id is a newer version of it: it
    replaces the earlier one, which is reported as skipped."""
    by_id: dict[str, Article] = {}
    held = 0
    for item in read_inputs(paths):
        if isinstance(item, Skip):
            if strict:
                raise InputError(f"{item} (--strict stops at the first unusable input)")
            report.skipped.append(item)
            continue
        if ids is not None and item.id not in ids:
            continue
        report.read += 1
        report.notes.extend(Skip(item.source, note) for note in item.notes)
        held += len(item.text)
        if held > MAX_BUILD_CHARS:
            raise InputError(
                f"the input holds more than {MAX_BUILD_CHARS:,} characters of article text (at "
                f"{item.source}); build it in parts: each kg build adds to the store",
                skipped=report.skipped,
            )
        older = by_id.pop(item.id, None)
        if older is not None:
            report.skipped.append(
                Skip(
                    older.source,
                    f"id {item.id!r} is given again later ({item.source}); the later one is kept",
                )
            )
        by_id[item.id] = item
    return list(by_id.values())


def drop_copies(
    articles: list[Article], stored_texts: dict[str, str], staying: set[str]
) -> tuple[list[Article], list[tuple[Article, str]]]:
    """One story under two ids is kept once, so its facts are not counted twice: the
    articles to write, and each copy left out with the id it copies. An article already
    stored with that text keeps it (`staying` are stored ids this build leaves as they are,
    `stored_texts` each stored id's text hash); otherwise the first in the input does."""
    owner: dict[str, str] = {}
    for article_id in sorted(staying):
        if article_id in stored_texts:
            owner.setdefault(stored_texts[article_id], article_id)
    # Stored articles whose text is unchanged come first: a rebuild never moves a story
    # from the id it was stored under to a copy given before it.
    first = sorted(articles, key=lambda a: stored_texts.get(a.id) != a.text_hash)
    copies = []
    for article in first:
        original = owner.setdefault(article.text_hash, article.id)
        if original != article.id:
            copies.append((article, original))
    left_out = {a.id for a, _ in copies}
    return [a for a in articles if a.id not in left_out], copies


def build(
    paths: Iterable[Path | str],
    store_location: str | Path,
    *,
    model: str | None = None,
    strict: bool = False,
    ids: set[str] | None = None,
    force: bool = False,
    batch_size: int = 32,
    workers: int = 1,
    cluster: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    prune: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_article: Callable[[Article], None] | None = None,
    on_note: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build or update the store from `paths`: new and changed articles are parsed (by
    `workers` local processes, or on the Dask `cluster`), unchanged ones skipped, and with
    `prune` stored articles absent from the input are removed. An article stored by another
    extractor (kg's code or word lists, or the model, have changed since) counts as changed;
    `on_note` is told, in one line, how many such articles are extracted again."""
    if prune and ids is not None:
        raise InputError("--prune with --ids would remove every stored article the id list leaves out")
    report = BuildReport()
    paths = list(paths)
    articles = collect_articles(paths, ids, strict, report)
    if not articles:
        # Said before the store is opened: a build with nothing to build creates nothing
        # (nor, with --prune, empties a store because its input was mistyped), and exits 1.
        if report.skipped:
            why = f"{len(report.skipped)} skipped: {report.skipped[0]}"
        elif ids is not None:
            why = "none of its articles is in the id list"
        else:
            why = "no .txt, .jsonl or .html file with text in " + ", ".join(str(p) for p in paths)
        raise InputError(f"no usable article in the input ({why})", skipped=report.skipped)
    fresh = not is_url(store_location) and not Path(store_location).exists()
    store = open_store(store_location)
    try:
        return _build_into(
            store,
            articles,
            report,
            force,
            prune,
            model,
            batch_size,
            workers,
            cluster,
            chunk_size,
            on_start,
            on_article,
            on_note,
        )
    except BaseException:
        if fresh and not report.built:
            # A build that failed before storing anything (an unknown model, --cluster
            # without Dask, Ctrl-C while loading) leaves no empty store to be taken for real.
            del store
            gc.collect()
            shutil.rmtree(store_location, ignore_errors=True)
        raise


def _build_into(
    store: GraphStore,
    articles: list[Article],
    report: BuildReport,
    force: bool,
    prune: bool,
    model: str | None,
    batch_size: int,
    workers: int,
    cluster: str | None,
    chunk_size: int,
    on_start: Callable[[int], None] | None,
    on_article: Callable[[Article], None] | None,
    on_note: Callable[[str], None] | None,
) -> BuildReport:
    stored = store.article_hashes()
    known = {article_id: content for article_id, (content, _) in stored.items()}
    given = {a.id for a in articles}
    staying = set(known) - given if not prune else set()
    texts = {article_id: text for article_id, (_, text) in stored.items() if text}
    articles, copies = drop_copies(articles, texts, staying)
    for copy, original in copies:
        report.skipped.append(
            Skip(copy.source, f"the same text as article {original!r}; kept once, under that id")
        )
    # The hash stored is the content's and the extractor's (`stamped`): an article an older
    # kg, other word lists or another model extracted is extracted again, one by one, so
    # an interrupted rebuild goes on where it stopped. A store written before kg stored the
    # extractor holds the content's hash alone: its articles are extracted again too.
    fingerprint = extraction_fingerprint(model)
    todo = [a for a in articles if force or known.get(a.id) != stamped(a.content_hash, fingerprint)]
    report.unchanged = len(articles) - len(todo)
    if not force:  # in `todo`, the content the same: the extractor is not
        report.reextracted = sum(content_of(known.get(a.id, "")) == a.content_hash for a in todo)
    if report.reextracted and on_note:
        on_note(
            f"kg's extraction (its code, word lists or spaCy model) changed since {report.reextracted} "
            "of these articles were stored: extracting them again"
        )
    # Stored articles the input no longer has (with --prune), and stored ones it now gives as
    # a copy of another: their facts leave the store.
    gone = sorted((set(known) - given if prune else set()) | {c.id for c, _ in copies if c.id in known})
    if on_start:
        on_start(len(todo))
    # Articles are written WRITE_EVERY to a transaction; the links are recomputed from the whole
    # at the end. The mark makes the next build finish that step if this one is killed first.
    pending = links_pending(store)
    if (todo or gone) and not pending:
        mark_links_pending(store)
    if todo:
        extracted = extract_all(
            todo, model=model, batch_size=batch_size, workers=workers, cluster=cluster, chunk_size=chunk_size
        )
        batch: _Batch = []
        with _Writer(store, report) as writer:
            try:
                for article, facts in extracted:
                    facts = replace(facts, content_hash=stamped(facts.content_hash, fingerprint))
                    batch.append((article, facts))
                    if on_article:
                        # Progress counts articles as they are read, not as their batch is
                        # written: a bar that moved in steps of WRITE_EVERY would look stuck.
                        on_article(article)
                    if len(batch) == WRITE_EVERY:
                        writer.write(batch, flush_due=True)
                        batch = []
            except KeyboardInterrupt:
                writer.write(batch)  # what was parsed before Ctrl-C is kept
                raise
            writer.write(batch)
    for start in range(0, len(gone), WRITE_EVERY):
        store.replace_articles([(article_id, []) for article_id in gone[start : start + WRITE_EVERY]])
    report.removed = len(gone)
    if report.built or report.removed or pending:
        report.same_people = write_links(store)  # cross-article identity, from the new whole
    store.flush()
    return report


def stamped(content_hash: str, fingerprint: str) -> str:
    """The hash stored with an article: its content's and the extractor's that made its facts."""
    return f"{content_hash}:{fingerprint}"


def content_of(stored_hash: str) -> str:
    """The content's part of a stored hash (all of one stored before kg added the extractor's)."""
    return stored_hash.partition(":")[0]


class _Writer:
    """Writes the batches handed to it, in order, in a thread of its own, while this one
    parses and extracts the next: the store's update runs in Oxigraph's Rust code, which lets
    the parse go on beside it (on another core). The store gets the same updates in the same
    order as when each batch was written in turn; only the waiting is gone.

    Leaving the `with` block waits until every batch handed over is written, whatever ended
    the block (an error, Ctrl-C): what was handed over is stored, as when it was written at
    once. A write's failure is raised in this thread, at the next batch handed over or on
    leaving the block."""

    def __init__(self, store: GraphStore, report: BuildReport) -> None:
        self.store = store
        self.report = report
        self.error: BaseException | None = None
        # One batch written while one waits: the facts held stay bounded.
        self._queue: queue.Queue[tuple[_Batch, bool] | None] = queue.Queue(maxsize=1)
        self._thread = threading.Thread(target=self._run, name="kg-build-writer")

    def __enter__(self) -> _Writer:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self._queue.put(None)
        self._thread.join()
        if kind is None and self.error is not None:
            raise self.error

    def write(self, batch: _Batch, flush_due: bool = False) -> None:
        """Hand `batch` over to be written (`flush_due`: a full batch, after which the store
        is flushed when the articles written pass a multiple of FLUSH_EVERY)."""
        if self.error is not None:
            raise self.error
        self._queue.put((batch, flush_due))

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if self.error is not None:
                continue  # a write failed: the rest is not written (the error is raised)
            batch, flush_due = item
            try:
                _write(self.store, batch, self.report)
                # A flush each time the articles written (WRITE_EVERY a batch, counted from
                # 0 in `report.built`) pass a multiple of FLUSH_EVERY.
                if flush_due and self.report.built % FLUSH_EVERY < WRITE_EVERY:
                    self.store.flush()
            except BaseException as exc:  # noqa: BLE001 - raised again in the building thread
                self.error = exc


def _write(
    store: GraphStore,
    batch: _Batch,
    report: BuildReport,
) -> None:
    """Write the articles of `batch` in one transaction (whole or not at all), count them in
    the report, and empty the batch."""
    # The graphs' quads are made here, in the writer's thread: beside the parse, where spaCy
    # lets it run.
    items = [(article, facts, article_quads(facts)) for article, facts in batch]
    batch.clear()
    if items:
        store.replace_articles([(article.id, quads) for article, _, quads in items])
    for _, facts, quads in items:
        report.built += 1
        report.triples += len(quads)
        report.facts["meeting"] += sum(e.type == "meeting" for e in facts.events)
        report.facts["call"] += sum(e.type == "call" for e in facts.events)
        report.facts["interview"] += len(facts.interviews)
        report.facts["role"] += len(facts.roles)
        report.facts["quote"] += len(facts.quotes)
