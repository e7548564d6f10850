"""A build killed at any point (SIGKILL, so no cleanup runs) leaves a store in which every
article is whole or absent, and the next `kg build` finishes the work: the store then holds
exactly what one uninterrupted build writes, cross-article links included."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from kg.build.build import build
from kg.graph.resolve import PENDING_GRAPH, RESOLUTION_GRAPH
from kg.graph.store import GraphStore, open_store
from tests.conftest import SEEDS, STATEMENTS, TIMELINE, union, view

pytestmark = pytest.mark.slow

KILLED_BUILD = Path(__file__).parent / "killed_build.py"

# A third dated story names a minister by surname alone, beside two people the other
# stories name in full: the build links it to the full name, from the whole store, after
# every article is written; so a kill before that step leaves links to finish.
SURNAME_ONLY = {
    "id": "timeline-3",
    "published": "2024-06-02",
    "text": "Foreign Minister Lindqvist met Austrian Chancellor Franz Weber and Polish President "
    "Piotr Varga in Prague on Tuesday.",
}

# The store's writes in a build of these six articles, written two an update (WRITE_EVERY=2,
# set by killed_build.py, so a kill can land between articles): 1 marks the links pending,
# 2-4 write the articles, 5 the links, 6 clears the mark, 7 flushes. (write, delay of the
# kill in s; the kill lands in that write if the write takes longer than the delay and
# about 3 ms for `kill` to start, else just after it)
KILL_POINTS = [
    (1, 1.0),  # while the model loads or the articles are parsed
    (2, 0.0),  # in the first two articles' write
    (3, 0.0),  # in the next two's write (about 15 ms), before it commits
    (3, 0.006),  # late in it, or just after it commits
    (4, 0.0),  # in or after the last two's write
    (4, 0.05),  # after the last articles' write: every article in, the links not yet
    (5, 0.0),  # after the links' write, the mark still there
    (6, 0.0),  # after clearing the mark
    (7, 0.0),  # in or after the flush
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    extra = tmp_path_factory.mktemp("inputs") / "surname.jsonl"
    extra.write_text(json.dumps(SURNAME_ONLY) + "\n", encoding="utf-8")
    return [SEEDS, TIMELINE, STATEMENTS, extra]


def graphs(store: GraphStore) -> dict[str, set[str]]:
    by_graph: dict[str, set[str]] = defaultdict(set)
    for quad in store.quads():
        by_graph[str(quad.graph_name)].add(str(quad))
    return dict(by_graph)


@pytest.fixture(scope="module")
def reference(inputs, tmp_path_factory) -> dict[str, set[str]]:
    store = tmp_path_factory.mktemp("reference") / "store"
    report = build(inputs, store)
    assert (report.built, report.same_people) == (6, 1)
    return graphs(open_store(store, read_only=True))


def test_the_build_writes_what_the_kill_points_assume(inputs, reference, tmp_path):
    log = tmp_path / "log"
    args = ["build", *map(str, inputs), "--store", str(tmp_path / "store")]
    done = subprocess.run([sys.executable, str(KILLED_BUILD), "99", "0", str(log), *args], check=False)
    assert done.returncode == 0
    assert log.read_text().split().count("end") == 7


@pytest.mark.parametrize(("kill_at", "delay"), KILL_POINTS)
def test_a_killed_build_leaves_whole_articles_and_the_next_build_finishes(
    inputs, reference, tmp_path, kill_at, delay
):
    store_path, log = tmp_path / "store", tmp_path / "log"
    args = ["build", *map(str, inputs), "--store", str(store_path)]
    killed = subprocess.run(
        [sys.executable, str(KILLED_BUILD), str(kill_at), str(delay), str(log), *args],
        capture_output=True,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()[-2000:]

    store = open_store(store_path)
    stored = graphs(store)
    articles = {g for g in stored if "/graph/" in g}
    # Each article graph is all of the article or absent; nothing else is half there.
    for graph in articles:
        assert stored[graph] == reference[graph]
    assert set(stored) <= set(reference) | {str(PENDING_GRAPH)}
    assert view(store) == union(store)
    if articles and str(RESOLUTION_GRAPH) not in stored:
        assert str(PENDING_GRAPH) in stored  # the next build knows the links are stale
    del store

    report = build(inputs, store_path)
    assert report.built == 6 - len(articles)
    finished = open_store(store_path, read_only=True)
    assert graphs(finished) == reference
    assert view(finished) == union(finished)


def _alive(pid: int) -> bool:
    """Whether `pid` still runs (a zombie waiting for a parent to reap it has exited)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGKILL])
def test_a_killed_build_leaves_no_worker_running(tmp_path, sent):
    # Three chunks of 16 short stories, so two workers are parsing when the build is killed
    # (as it writes its first article).
    stories = tmp_path / "stories.jsonl"
    with stories.open("w", encoding="utf-8") as out:
        for n in range(48):
            text = f"Minister Anna Holm met Mayor Tomas Berg {n} in Oslo on Monday to talk about roads."
            out.write(json.dumps({"id": f"story-{n}", "text": text}) + "\n")
    log = tmp_path / "log"
    args = ["build", str(stories), "--store", str(tmp_path / "store"), "--workers", "2"]
    # Output to a file, not a pipe: a worker left running would hold a pipe open.
    with (tmp_path / "stderr").open("wb") as stderr:
        killed = subprocess.run(
            [sys.executable, str(KILLED_BUILD), "2", "0", str(log), *args],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            check=False,
            env={**os.environ, "KILL_SIGNAL": str(int(sent))},
            timeout=120,
        )
    assert killed.returncode == -sent, (tmp_path / "stderr").read_text()[-2000:]
    line = next(line for line in log.read_text().splitlines() if line.startswith("children"))
    workers = [int(pid) for pid in line.split()[1:]]
    assert len(workers) >= 2  # the two workers (and multiprocessing's resource tracker)
    deadline = time.monotonic() + 10
    try:
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [pid for pid in workers if _alive(pid)]
        assert not left, f"processes of the killed build still run: {left}"
    finally:
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
