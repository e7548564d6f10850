"""`kg build`: read articles, parse them in batches, extract, write each article's graph."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.articles import Article, Skip, load_articles
from kg.errors import InputError
from kg.parallel import CHUNK_SIZE, extract_all
from kg.rdf import article_quads
from kg.resolve import links_pending, mark_links_pending, write_links
from kg.store import open_store


@dataclass
class BuildReport:
    read: int = 0
    built: int = 0
    unchanged: int = 0
    removed: int = 0  # stored articles no longer in the input (--prune)
    skipped: list[Skip] = field(default_factory=list)
    facts: Counter[str] = field(default_factory=Counter)
    triples: int = 0
    same_people: int = 0  # surname-only people linked to a full name in other articles


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


def collect_articles(
    paths: Iterable[Path], ids: set[str] | None, strict: bool, report: BuildReport
) -> list[Article]:
    """Read every input; a later article with the same id replaces an earlier one."""
    by_id: dict[str, Article] = {}
    for item in load_articles(paths):
        if isinstance(item, Skip):
            if strict:
                raise InputError(f"{item} (--strict stops at the first unusable input)")
            report.skipped.append(item)
            continue
        if ids is not None and item.id not in ids:
            continue
        report.read += 1
        by_id.pop(item.id, None)
        by_id[item.id] = item
    return list(by_id.values())


def build(
    paths: Iterable[Path],
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
) -> BuildReport:
    """Build or update the store from `paths`: new and changed articles are parsed (by
    `workers` local processes, or on the Dask `cluster`), unchanged ones skipped, and with
    `prune` stored articles absent from the input are removed."""
    if prune and ids is not None:
        raise InputError("--prune with --ids would remove every stored article the id list leaves out")
    report = BuildReport()
    articles = collect_articles(paths, ids, strict, report)
    store = open_store(store_location)
    known = store.article_hashes()
    todo = [a for a in articles if force or known.get(a.id) != a.content_hash]
    report.unchanged = len(articles) - len(todo)
    gone = sorted(set(known) - {a.id for a in articles}) if prune else []
    if on_start:
        on_start(len(todo))
    # Each article is written in one transaction; the links are recomputed from the whole
    # at the end. The mark makes the next build finish that step if this one is killed first.
    pending = links_pending(store)
    if (todo or gone) and not pending:
        mark_links_pending(store)
    if todo:
        extracted = extract_all(
            todo, model=model, batch_size=batch_size, workers=workers, cluster=cluster, chunk_size=chunk_size
        )
        for article, facts in extracted:
            quads = article_quads(facts)
            store.replace_article(article.id, quads)
            report.built += 1
            report.triples += len(quads)
            report.facts["meeting"] += sum(e.type == "meeting" for e in facts.events)
            report.facts["call"] += sum(e.type == "call" for e in facts.events)
            report.facts["interview"] += len(facts.interviews)
            report.facts["role"] += len(facts.roles)
            report.facts["quote"] += len(facts.quotes)
            if on_article:
                on_article(article)
    for article_id in gone:
        store.remove_article(article_id)
    report.removed = len(gone)
    if report.built or report.removed or pending:
        report.same_people = write_links(store)  # cross-article identity, from the new whole
    store.flush()
    if not articles and report.skipped and not report.read:
        raise InputError(
            f"no usable article in the input ({len(report.skipped)} skipped: {report.skipped[0]})"
        )
    return report
