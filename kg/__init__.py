"""kg: news articles to an RDF knowledge graph of meetings, calls, interviews and roles.

The public API, for use from Python (a notebook, a script, another service):

    import kg
    report = kg.build(["seeds/"], "kg-store")        # what `kg build seeds/` does
    store = kg.open_store("kg-store", read_only=True)
    table = kg.run_query(store, kg.load_query("meetings").text)   # `kg query meetings`
    facts = list(kg.iter_facts(store))              # what `kg facts` writes

Each name is imported on first use: `import kg` loads neither spaCy nor RDF (the CLI
starts in a third of a second because of that).
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# name -> the module that owns it: one owner for each, the package only re-exports.
_EXPORTS = {
    "build": "kg.build.build",
    "BuildReport": "kg.build.build",
    "load_articles": "kg.ingest.articles",
    "Article": "kg.ingest.articles",
    "Skip": "kg.ingest.articles",
    "extract_facts": "kg.nlp.extract",
    "load_nlp": "kg.nlp.pipeline",
    "open_store": "kg.graph.store",
    "GraphStore": "kg.graph.store",
    "list_queries": "kg.graph.queries",
    "load_query": "kg.graph.queries",
    "run_query": "kg.graph.queries",
    "iter_facts": "kg.exports.facts",
    "export": "kg.exports.formats",
    "validate": "kg.quality.validate",
    "load_gold": "kg.quality.evaluate",
    "score": "kg.quality.evaluate",
    "ArticleFacts": "kg.model",
    "Entity": "kg.model",
    "Event": "kg.model",
    "Evidence": "kg.model",
    "Interview": "kg.model",
    "Quote": "kg.model",
    "Role": "kg.model",
    "KgError": "kg.errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
