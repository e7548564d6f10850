"""Shared fixtures: the spaCy pipeline, a store built from the seeds, and helpers for
parsing short sentences written for the tests."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from kg.build.build import build
from kg.graph import vocab as T
from kg.graph.stats import count_store, recount
from kg.graph.store import GraphStore, open_store
from kg.ingest.articles import Article
from kg.model import ArticleFacts
from kg.nlp.extract import extract_facts, text_for_nlp
from kg.nlp.pipeline import load_nlp

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    # A shell without job control starts its background jobs with Ctrl-C ignored, and an
    # ignored signal stays ignored in every process started below (a CI script run with
    # `&`, say). The Ctrl-C tests need it answered, by this process and the commands they
    # start, as in a terminal.
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


@pytest.fixture(scope="session")
def facts_of(nlp):
    """Extract facts from a text written for a test."""

    def run(
        text: str, published: str | None = None, article_id: str = "t", title: str | None = None
    ) -> ArticleFacts:
        article = Article(id=article_id, text=text, published=published, title=title)
        return extract_facts(nlp(text_for_nlp(text)), article)

    return run


def _built(tmp_path_factory, name: str, source: Path) -> Path:
    path = tmp_path_factory.mktemp(name) / "store"
    build([source], path)
    return path


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory) -> Path:
    return _built(tmp_path_factory, "seeds", SEEDS)


@pytest.fixture()
def seeds_db(seeds_store) -> GraphStore:
    return open_store(seeds_store, read_only=True)


# A short story written for the tests: an interview, an agency relaying it, and two
# speakers quoting the same third person.
STATEMENTS = Path(__file__).parent / "data" / "statements.txt"


@pytest.fixture(scope="session")
def statements_db(tmp_path_factory) -> GraphStore:
    return open_store(_built(tmp_path_factory, "statements", STATEMENTS), read_only=True)


def shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (it lives beside the project, not in it)")
    return path


# Two short stories written for the tests, with publication dates: dated meetings and a
# call for the timeline (GEXF spells, pictures, the notebook's plot).
TIMELINE = Path(__file__).parent / "data" / "timeline.jsonl"


@pytest.fixture(scope="session")
def timeline_store(tmp_path_factory) -> Path:
    return _built(tmp_path_factory, "timeline", TIMELINE)


@pytest.fixture()
def timeline_db(timeline_store) -> GraphStore:
    return open_store(timeline_store, read_only=True)


def view(store: GraphStore) -> set[tuple[str, str, str]]:
    """The triples queries see (the store's merged view), but for the listings' summaries
    and the counts the writer keeps beside it (kg/graph/summary.py, kg/graph/stats.py); each must appear
    once. The counts must be what counting the store from scratch gives."""
    assert count_store(store) == recount(store)
    summaries = ", ".join(f"<{p}>" for p in (*T.SUMMARY_PREDICATES, T.COUNT))
    rows = store.select(f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o FILTER(?p NOT IN ({summaries})) }}")
    triples = [(str(r["s"]), str(r["p"]), str(r["o"])) for r in rows]
    assert len(triples) == len(set(triples)), "a triple appears more than once in the view"
    return set(triples)


def union(store: GraphStore) -> set[tuple[str, str, str]]:
    """The distinct triples of the named graphs, which the view must equal."""
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in store.quads()}


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium driven by Playwright (the system's Chromium: nothing is downloaded)."""
    import shutil

    playwright_api = pytest.importorskip("playwright.sync_api")
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.skip("Chromium is not installed (.ci/run installs it)")
    with playwright_api.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield chromium
        chromium.close()
