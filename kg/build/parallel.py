"""Where parsing and extraction run: in this process, in worker processes on this machine
(`kg build --workers N`), or on a Dask cluster (`kg build --cluster ADDRESS`).

All three run `extract_chunk` on chunks of articles. A chunk goes out as plain `Article`
records and its facts come back as plain `ArticleFacts` (a few kilobytes), never spaCy
documents; results are taken in input order, so the one writer in the main process
writes the same store whatever ran the work. At most two chunks per worker are in flight,
which bounds memory however long the input. A worker ends when the process that started it
ends, killed or not.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

from kg.errors import KgError
from kg.ingest.articles import Article
from kg.model import ArticleFacts
from kg.processes import deaf_to_ctrl_c, exit_with, started_deaf_to_ctrl_c

T = TypeVar("T")

# spaCy (kg.nlp) is imported where parsing starts, not here: a rebuild with
# nothing to parse should not spend a second importing it.

CHUNK_SIZE = 16  # articles a task: a second or two of parsing, so work spreads evenly


def cpu_count() -> int:
    """The cores this process may use (a container's or taskset's limit, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _extracted(articles: Iterable[Article], model: str | None, batch_size: int) -> Iterator[ArticleFacts]:
    """Parse and extract articles as one stream, in order."""
    # spaCy is imported where it is used: a build into a remote store or with nothing new to
    # parse never pays for it.
    from kg.nlp.extract import extract_facts, text_for_nlp
    from kg.nlp.pipeline import load_nlp, parse

    nlp = load_nlp(model)  # cached: loaded once per process
    pairs = ((text_for_nlp(a.text), a) for a in articles)
    for doc, article in parse(nlp, pairs, batch_size):
        yield extract_facts(doc, article)


def extract_chunk(articles: Sequence[Article], model: str | None, batch_size: int) -> list[ArticleFacts]:
    """Parse and extract a chunk of articles: the unit of work sent to a worker."""
    return list(_extracted(articles, model, batch_size))


def _start_worker(model: str | None, parent: int) -> None:
    """A worker's first step: bind its life to its parent's, then load the model."""
    # Ctrl-C reaches every process of the terminal's group. The parent alone answers it (it
    # says what is stored and ends the workers); a worker would print a traceback.
    deaf_to_ctrl_c()
    exit_with(parent)
    from kg.nlp.pipeline import load_nlp

    load_nlp(model)
    # The model's objects live as long as the worker: left out of every cycle collection
    # from now on (once, never undone: freezing anew for each chunk kept each chunk's
    # uncollected garbage alive and grew a worker by about 110 MiB in 800 stories).
    gc.freeze()


@contextmanager
def _long_lived_left_out_of_gc() -> Iterator[None]:
    """A build that parses in its own process: the objects alive when it starts (the
    model's, the word lists', the input's, about 100,000) left out of Python's cycle
    collections while it parses, which otherwise go through every one of them each time
    they reach the oldest generation, for nothing. Given back to the collector at the end;
    left alone where a caller froze objects itself."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class _Submitter(Protocol):
    def submit(self, fn: Any, /, *args: Any) -> Any: ...


def extract_all(
    articles: Sequence[Article],
    *,
    model: str | None = None,
    batch_size: int = 32,
    workers: int = 1,
    cluster: str | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[tuple[Article, ArticleFacts]]:
    """Each article with its facts, in input order."""
    chunks = [list(articles[i : i + chunk_size]) for i in range(0, len(articles), chunk_size)]
    if cluster is None and (workers <= 1 or len(chunks) <= 1):
        # Not worth starting processes: parse here, as one stream for the best batching.
        with _long_lived_left_out_of_gc():
            yield from zip(articles, _extracted(articles, model, batch_size), strict=True)
        return
    opener = _dask(cluster, workers) if cluster is not None else _processes(workers, model)
    with opener as (pool, slots):
        pending: deque[tuple[list[Article], Any]] = deque()
        for chunk in chunks:
            pending.append((chunk, pool.submit(extract_chunk, chunk, model, batch_size)))
            if len(pending) >= 2 * slots:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())


def _collect(
    chunk: list[Article], future: Future[list[ArticleFacts]]
) -> Iterator[tuple[Article, ArticleFacts]]:
    try:
        facts = future.result()
    except BrokenProcessPool as exc:
        raise KgError("a worker process died while parsing (out of memory?); try fewer --workers") from exc
    yield from zip(chunk, facts, strict=True)


class _QuietStart:
    """The pool's `submit`, which starts its workers, deaf to Ctrl-C (see above)."""

    def __init__(self, pool: ProcessPoolExecutor) -> None:
        self.pool = pool

    def submit(self, fn: Any, /, *args: Any) -> Any:
        return started_deaf_to_ctrl_c(lambda: self.pool.submit(fn, *args))


@contextmanager
def _processes(workers: int, model: str | None) -> Iterator[tuple[_Submitter, int]]:
    # spawn, not fork: the parent may run threads (the progress bar) that fork would copy
    # mid-flight; each worker loads the model once, as it starts.
    context = multiprocessing.get_context("spawn")
    # Each worker ends when this process does, even killed by SIGKILL.
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(model, os.getpid())
    )
    try:
        yield _QuietStart(pool), workers
    except BaseException:
        # Interrupted, or failed: stop at once rather than wait for the chunks in hand (the
        # workers ignore Ctrl-C, and a build waited 10 s for them).
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        # Let the pool's manager thread see its workers gone and close its wake-up pipe
        # before the interpreter exits: CPython's exit hook (concurrent.futures'
        # _python_exit) writes to that pipe unlocked, and racing the thread's close it
        # printed an "OSError: Bad file descriptor" traceback under the one-line message.
        manager = getattr(pool, "_executor_manager_thread", None)
        if manager is not None:
            manager.join(timeout=2.0)
        raise
    pool.shutdown(wait=True)


@contextmanager
def _dask(address: str, workers: int) -> Iterator[tuple[_Submitter, int]]:
    try:  # an optional dependency (kg[cluster]), imported only for --cluster
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise KgError("--cluster needs Dask: pip install 'kg[cluster]'") from exc
    if address == "local":
        slots = max(1, workers)
        with (
            LocalCluster(
                n_workers=slots, threads_per_worker=1, processes=True, dashboard_address=None
            ) as local,
            Client(local) as client,
        ):
            yield _DaskSubmitter(client), slots
        return
    try:
        client = Client(address, timeout=30)
    except (OSError, TimeoutError) as exc:
        raise KgError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    with client:
        yield _DaskSubmitter(client), sum(client.nthreads().values()) or 1


class _DaskSubmitter:
    """Dask's `submit` with `pure=False`: each task gets a fresh key instead of one made by
    hashing its articles (time spent for nothing: no chunk is sent twice)."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def submit(self, fn: Any, /, *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)
