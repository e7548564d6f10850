"""Parallel builds (worker processes, a Dask LocalCluster) write what a serial build writes;
rebuilds parse only what changed, and adding articles later gives the graph one build of
everything would give."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

import kg.build.build
from kg.build.build import build
from kg.errors import InputError, StoreError
from kg.exports.facts import iter_facts
from kg.exports.formats import sorted_nquads
from kg.graph.store import open_store
from kg.graph.store.local import LocalStore
from tests.conftest import SEEDS, STATEMENTS, TIMELINE

INPUTS = [SEEDS, TIMELINE, STATEMENTS]  # five articles


def nquads(store: Path) -> str:
    return sorted_nquads(open_store(store, read_only=True))


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> str:
    store = tmp_path_factory.mktemp("serial") / "store"
    assert build(INPUTS, store, workers=1).built == 5
    return nquads(store)


@pytest.mark.slow
def test_worker_processes_write_what_a_serial_build_writes(serial, tmp_path):
    # One article a chunk, so both workers get work and results come back out of order.
    report = build(INPUTS, tmp_path / "store", workers=2, chunk_size=1)
    assert report.built == 5
    assert nquads(tmp_path / "store") == serial


@pytest.mark.slow
def test_a_dask_local_cluster_writes_what_a_serial_build_writes(serial, tmp_path):
    pytest.importorskip("dask.distributed", reason="the cluster extra is not installed")
    report = build(INPUTS, tmp_path / "store", cluster="local", workers=2, chunk_size=2)
    assert report.built == 5
    assert nquads(tmp_path / "store") == serial


def test_articles_added_later_give_the_graph_of_one_build(serial, tmp_path):
    store = tmp_path / "store"
    build([SEEDS], store)
    report = build([TIMELINE, STATEMENTS], store)  # the seeds are not read again
    assert (report.read, report.built) == (3, 3)
    assert nquads(store) == serial


def test_a_rebuild_of_unchanged_articles_parses_nothing(tmp_path, monkeypatch):
    store = tmp_path / "store"
    build(INPUTS, store)
    before = nquads(store)

    def no_parsing(*_args, **_kwargs):
        raise AssertionError("an unchanged article was parsed again")

    monkeypatch.setattr("kg.nlp.pipeline.load_nlp", no_parsing)
    report = build(INPUTS, store, workers=2)
    assert (report.built, report.unchanged) == (0, 5)
    assert nquads(store) == before


def test_the_writer_flushes_as_it_goes_and_stores_the_same(serial, tmp_path, monkeypatch):
    # Deleted entries pile up in RocksDB's memory table until a flush, and each article's
    # update steps over all of them (kg/build/build.py, FLUSH_EVERY).
    flushes: list[int] = []
    real_flush = LocalStore.flush

    def counted(self: LocalStore) -> None:
        flushes.append(1)
        real_flush(self)

    monkeypatch.setattr("kg.build.build.FLUSH_EVERY", 2)
    monkeypatch.setattr("kg.build.build.WRITE_EVERY", 1)
    monkeypatch.setattr(LocalStore, "flush", counted)
    assert build(INPUTS, tmp_path / "store", workers=1).built == 5
    assert len(flushes) == 3  # after the 2nd and 4th article, and at the end
    # One article an update stores what the serial build's single update of all five did.
    assert nquads(tmp_path / "store") == serial


def test_the_writer_writes_articles_in_batches_and_stores_the_same(serial, tmp_path, monkeypatch):
    # Several articles in one update: the counters' and summaries' operations run once for
    # all of them (kg/build/build.py, WRITE_EVERY).
    writes: list[str] = []
    real_update = LocalStore.update

    def counted(self: LocalStore, sparql: str, what: str) -> None:
        writes.append(what)
        real_update(self, sparql, what)

    monkeypatch.setattr("kg.build.build.WRITE_EVERY", 2)
    monkeypatch.setattr(LocalStore, "update", counted)
    assert build(INPUTS, tmp_path / "store", workers=1).built == 5
    assert sum(what.startswith("article") for what in writes) == 3  # 2 + 2 + 1
    assert nquads(tmp_path / "store") == serial
    # Removed together (--prune of an input that names none of them) as they were written.
    writes.clear()
    report = build([TIMELINE], tmp_path / "store", prune=True)
    assert report.removed == 3
    assert sum(what.startswith("article") for what in writes) == 2  # 2 + 1


def test_ctrl_c_keeps_the_articles_parsed_before_it(tmp_path, monkeypatch):
    real_extract_all = kg.build.build.extract_all

    def interrupted(todo, **options):
        for done, item in enumerate(real_extract_all(todo, **options)):
            if done == 3:
                raise KeyboardInterrupt
            yield item

    monkeypatch.setattr("kg.build.build.extract_all", interrupted)
    stored: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        build(INPUTS, tmp_path / "store", on_article=lambda article: stored.append(article.id))
    assert len(stored) == 3  # gathered for one update, written as Ctrl-C came
    assert len(open_store(tmp_path / "store", read_only=True).article_ids()) == 3


def test_a_failed_write_stops_the_build_with_its_error(tmp_path, monkeypatch):
    # Batches are written in a thread beside the parse (kg/build/build.py, _Writer): a write's
    # failure still ends the build with that write's error, and nothing after it is written.
    real_update = LocalStore.update
    writes: list[str] = []

    def failing(self: LocalStore, sparql: str, what: str) -> None:
        if what.startswith("article"):
            writes.append(what)
            raise StoreError("the disk is full")
        real_update(self, sparql, what)

    monkeypatch.setattr("kg.build.build.WRITE_EVERY", 1)
    monkeypatch.setattr(LocalStore, "update", failing)
    with pytest.raises(StoreError, match="the disk is full"):
        build(INPUTS, tmp_path / "store", workers=1)
    assert len(writes) == 1


def test_the_writer_writes_in_its_own_thread_in_input_order(tmp_path, monkeypatch):
    threads: set[str] = set()
    order: list[str] = []
    real_update = LocalStore.update

    def counted(self: LocalStore, sparql: str, what: str) -> None:
        if what.startswith("article"):
            threads.add(threading.current_thread().name)
            order.append(what)
        real_update(self, sparql, what)

    monkeypatch.setattr("kg.build.build.WRITE_EVERY", 1)
    monkeypatch.setattr(LocalStore, "update", counted)
    stored: list[str] = []
    build(INPUTS, tmp_path / "store", workers=1, on_article=lambda article: stored.append(article.id))
    assert threads == {"kg-build-writer"}
    assert order == [f"article {article_id!r}" for article_id in stored]


def test_progress_moves_per_article_not_per_written_batch(tmp_path, monkeypatch):
    # Articles are written 50 to an update: a bar that moved only when a batch was written
    # would stand still for the first 50 articles of every build.
    events: list[str] = []
    real_update = LocalStore.update

    def counted(self: LocalStore, sparql: str, what: str) -> None:
        events.append("write " + what)
        real_update(self, sparql, what)

    monkeypatch.setattr(LocalStore, "update", counted)
    build(INPUTS, tmp_path / "store", workers=1, on_article=lambda article: events.append("article"))
    first_write = next(i for i, event in enumerate(events) if event.startswith("write article"))
    assert events[:first_write].count("article") == 5


def _story(path: Path, text: str) -> Path:
    path.write_text(json.dumps({"id": "story", "text": text, "published": "2025-03-04"}) + "\n")
    return path


def test_a_changed_article_replaces_its_old_facts(tmp_path):
    store = tmp_path / "store"
    story = _story(tmp_path / "story.jsonl", "Karel Vondrak met Franz Weber in Vienna on Monday.")
    build([story], store)
    _story(story, "Karel Vondrak phoned Anna Lindqvist on Tuesday.")
    report = build([story, SEEDS], store)
    assert (report.built, report.unchanged) == (3, 0)
    facts = list(iter_facts(open_store(store, read_only=True), "story"))
    assert [f["type"] for f in facts if f["type"] in ("meeting", "call")] == ["call"]
    assert "Franz Weber" not in json.dumps(facts)


def test_prune_removes_articles_no_longer_in_the_input(serial, tmp_path):
    store = tmp_path / "store"
    story = _story(tmp_path / "story.jsonl", "Karel Vondrak met Franz Weber in Vienna on Monday.")
    build([*INPUTS, story], store)
    assert "Franz Weber" in nquads(store)
    assert build(INPUTS, store).removed == 0  # without --prune nothing goes
    report = build(INPUTS, store, prune=True)
    assert (report.removed, report.built) == (1, 0)
    assert nquads(store) == serial
    assert open_store(store, read_only=True).named_graph_count() == 5  # one per article, none left empty


def test_prune_with_an_id_list_is_refused(tmp_path):
    with pytest.raises(InputError, match="--prune with --ids"):
        build(INPUTS, tmp_path / "store", ids={"x"}, prune=True)
