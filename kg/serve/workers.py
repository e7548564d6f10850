"""The worker pool: processes that hold the store open read-only and answer one query at a
time, killed and replaced past the time limit or their memory, all answering from one
snapshot of the store."""

from __future__ import annotations

import multiprocessing as mp
import queue
import resource
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable
from http import HTTPStatus
from multiprocessing.connection import Connection
from pathlib import Path

from kg.errors import KgError, StoreError
from kg.graph.store import LocalStore, is_url, open_store
from kg.processes import deaf_to_ctrl_c, started_deaf_to_ctrl_c
from kg.serve.answers import Answer, _error, run
from kg.serve.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT

_OUT_OF_MEMORY = 3  # a worker's exit code after a MemoryError
RELOAD_EVERY = 2.0  # seconds between looks at the store for a change, with --reload
# A worker that cannot start is tried again after this many seconds, twice as long each time
# up to the most.
RETRY_FIRST, RETRY_MOST = 0.5, 30.0


def _worker(store: str, jobs: Connection, max_memory: int, time_limit: float) -> None:
    """A worker process: open the store read-only, answer queries until told to stop. It may
    use `max_memory` MB: past that the engine cannot allocate, and the process ends. A
    server store is given the time limit where it takes one; the ready message says where
    it does not."""

    deaf_to_ctrl_c()  # the server answers Ctrl-C and stops the workers
    limit = max_memory * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    try:
        opened = open_store(store, read_only=True, time_limit=time_limit)
    except KgError as exc:
        jobs.send(("error", str(exc)))
        return
    jobs.send(("ready", opened.time_limit_note()))
    while True:
        try:
            job = jobs.recv()
        except EOFError:
            return
        if job is None:
            return
        sparql, accept, max_rows, max_bytes = job
        try:
            jobs.send(run(opened, sparql, accept, max_rows, max_bytes))
        except MemoryError:
            sys.exit(_OUT_OF_MEMORY)  # the pool says why; a fresh worker takes this one's place
        except Exception as exc:  # noqa: BLE001 - a worker must answer, whatever happened
            jobs.send(_error(HTTPStatus.INTERNAL_SERVER_ERROR, f"the query failed: {exc}"))


class _Worker:
    def __init__(
        self, store: str | Path, max_memory: int = DEFAULT_MAX_MEMORY, time_limit: float = DEFAULT_TIMEOUT
    ) -> None:
        context = mp.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_worker, args=(str(store), child, max_memory, time_limit), daemon=True
        )
        started_deaf_to_ctrl_c(self.process.start)  # Ctrl-C is the server's to answer
        child.close()
        try:
            kind, message = self.conn.recv()
        except EOFError:
            self.process.join()
            raise StoreError(
                f"a query worker stopped as it started (exit code {self.process.exitcode})"
            ) from None
        if kind != "ready":
            self.process.join()
            raise StoreError(message)
        self.note = message  # for the operator: a server store that ignores the time limit

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def _fingerprint(folder: str | Path) -> tuple[tuple[str, int, int], ...] | None:
    """What a write to the store at `folder` changes (its files' names, sizes and times), or
    None when it cannot be read."""
    try:
        return tuple(sorted((f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in Path(folder).iterdir()))
    except OSError:
        return None


class QueryPool:
    """Worker processes that run queries under a time limit, all on one view of the store.

    An embedded store is served from a snapshot taken at the start (a checkpoint beside the
    store, see `LocalStore.snapshot`): a worker started later, after a crash or a time limit,
    opens the same snapshot, so every answer comes from one state of the store however it
    is rebuilt meanwhile. With `reload`, a change to the store is taken up by all workers
    together: a new snapshot, a new set of workers, the old ones stopped. A server store is
    the server's: its own state at each query."""

    def __init__(
        self,
        store: str | Path,
        workers: int,
        timeout: float,
        max_rows: int,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_memory: int = DEFAULT_MAX_MEMORY,
        reload: bool = False,
    ) -> None:
        self.store = store
        self.workers = max(1, workers)
        self.timeout = timeout
        self.max_rows = max_rows
        self.max_bytes = max_bytes
        self.max_memory = max_memory
        self.log: Callable[[str], None] = lambda message: None  # the operator's log (kg serve's stderr)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = threading.Event()
        # Why workers are missing ("" while all run), for answers, the page and the log.
        self.trouble = ""
        self._missing = 0  # workers that could not be started again yet
        self._fingerprint = None if is_url(store) else _fingerprint(store)
        self._snapshot: Path | None = None
        self.view = self._take_view()
        try:
            for _ in range(self.workers):
                self._add(self._start())
        except BaseException:
            self.close()
            raise
        # What the operator should know of the store (a server that ignores the time limit).
        self.notes = sorted({w.note for w in self._all if w.note})
        if reload and not is_url(store):
            threading.Thread(target=self._watch, daemon=True).start()

    def _take_view(self) -> str:
        """What workers open: a new snapshot of an embedded store (kept in `_snapshot`), or
        the server store's URL."""
        if is_url(self.store):
            return str(self.store)
        source = LocalStore(self.store, read_only=True)  # a missing store is reported here
        parent = Path(self.store).resolve().parent
        try:  # beside the store: the same file system, so hard links
            folder = Path(tempfile.mkdtemp(prefix=".kg-serve-snapshot-", dir=parent))
        except OSError:
            folder = Path(tempfile.mkdtemp(prefix="kg-serve-snapshot-"))
        try:
            source.snapshot(folder / "store")
        except KgError:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        self._snapshot = folder
        return str(folder / "store")

    def _start(self, view: str | Path | None = None) -> _Worker:
        return _Worker(self.view if view is None else view, self.max_memory, self.timeout)

    def _add(self, worker: _Worker) -> None:
        with self._lock:
            self._all.append(worker)
        self._idle.put(worker)

    def _replace(self) -> None:
        """Start a worker in the place of one that stopped. One that cannot start is tried
        again in the background, less often each time, with the reason in `trouble` and
        the log, until it runs."""
        try:
            self._add(self._start())
        except KgError as exc:
            with self._lock:
                self._missing += 1
                first = self._missing == 1
                self.trouble = f"cannot start a query worker: {exc}"
            if first:
                threading.Thread(target=self._retry, daemon=True).start()

    def _retry(self) -> None:
        wait = RETRY_FIRST
        self.log(f"{self.trouble}; trying again in {wait:g} s")
        while not self._closed.wait(wait):
            try:
                worker = self._start()
            except KgError as exc:
                wait = min(wait * 2, RETRY_MOST)
                self.trouble = f"cannot start a query worker: {exc}"
                self.log(f"{self.trouble}; trying again in {wait:g} s")
                continue
            self._add(worker)
            with self._lock:
                self._missing -= 1
                if self._missing == 0:
                    self.trouble = ""
            if not self.trouble:
                self.log("query workers running again")
                return
            wait = RETRY_FIRST  # start the others at once too

    def unavailable(self) -> str:
        """Why no query can run now ("" when one can): no worker is running."""
        return self.trouble if self.trouble and not self._all else ""

    def _watch(self) -> None:
        while not self._closed.wait(RELOAD_EVERY):
            seen = _fingerprint(self.store)
            if seen is not None and seen != self._fingerprint:
                self._fingerprint = seen
                self.reload()

    def reload(self) -> None:
        """Move every worker to a new snapshot of the store, together. A query running on
        the old one finishes there; its worker then stops."""
        old_snapshot = self._snapshot
        fresh: list[_Worker] = []
        try:
            view = self._take_view()
            for _ in range(self.workers):
                fresh.append(self._start(view))
        except KgError as exc:
            for worker in fresh:  # the ones that did start before one failed
                worker.stop()
            if self._snapshot != old_snapshot and self._snapshot is not None:
                shutil.rmtree(self._snapshot, ignore_errors=True)
            self._snapshot = old_snapshot
            self.log(f"the store changed, but kg serve keeps answering from the old view: {exc}")
            return
        with self._lock:
            self.view, old, self._all = view, self._all, fresh
            idle = []
            while not self._idle.empty():
                idle.append(self._idle.get_nowait())
            for worker in fresh:
                self._idle.put(worker)
        for worker in idle:
            worker.stop()
        if old_snapshot is not None:
            # Queries still running on the old snapshot end within the time limit.
            threading.Timer(self.timeout + 5, shutil.rmtree, (old_snapshot, True)).start()
        self.log(f"the store changed: every worker answers from its new state ({len(old)} workers replaced)")

    def _return(self, worker: _Worker) -> None:
        """A worker that answered goes back to work, unless a reload replaced it meanwhile."""
        with self._lock:
            current = worker in self._all
        if current:
            self._idle.put(worker)
        else:
            worker.stop()

    def answer(self, sparql: str, accept: str) -> Answer:
        if self.unavailable():
            return _error(HTTPStatus.SERVICE_UNAVAILABLE, f"{self.unavailable()} (kg serve is trying again)")
        try:
            # Waiting for a free worker counts against the same limit as running.
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            if self.trouble:
                return _error(HTTPStatus.SERVICE_UNAVAILABLE, f"{self.trouble} (kg serve is trying again)")
            return _error(HTTPStatus.SERVICE_UNAVAILABLE, "the server is busy; try again shortly")
        exitcode = None
        try:
            worker.conn.send((sparql, accept, self.max_rows, self.max_bytes))
            if worker.conn.poll(self.timeout):
                answer = worker.conn.recv()
                self._return(worker)
                return answer
        except (EOFError, OSError):  # it died
            worker.process.join(1.0)
            exitcode = worker.process.exitcode
        # Too slow, or died: kill it, start a fresh one in its place (on the same view).
        with self._lock:
            current = worker in self._all
            if current:
                self._all.remove(worker)
        worker.stop()
        if current:
            self._replace()
        if exitcode is None:
            return _error(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"the query ran past the time limit of {self.timeout:g} s and was stopped "
                "(kg serve --timeout sets the limit)",
            )
        if exitcode in (_OUT_OF_MEMORY, -signal.SIGABRT):  # Python's or the engine's failed allocation
            return _error(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"the query needed more than the {self.max_memory} MB of memory a query may use "
                "and was stopped (kg serve --max-memory sets the limit)",
            )
        return _error(
            HTTPStatus.INTERNAL_SERVER_ERROR, f"the query crashed the query engine (exit code {exitcode})"
        )

    def close(self) -> None:
        self._closed.set()
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            worker.stop()
        if self._snapshot is not None:
            shutil.rmtree(self._snapshot, ignore_errors=True)
