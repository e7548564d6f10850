"""The files kg ships beside its code, read through here and nowhere else, so an installed
wheel finds what a checkout does:

- lexicon/*.txt     word lists (kg.nlp.lexicon reads them)
- gazetteer/*       countries, capitals, news outlets (kg.nlp.gazetteer)
- templates/*.html  the pages of `kg draw` and `kg serve` (kg.pages)
- sparql/*.rq       the queries kg's exports run, which are no user's named query (kg.exports)
- queries/*.rq      the named queries (kg.graph.queries)
- ontology/*.ttl    the ontology and its SHACL shapes (kg.quality.validate)

queries/ and ontology/ are links to the project's top-level folders of those names, which
stay where a user looks for them; the wheel carries their files (pyproject's package-data).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def folder(name: str) -> Path:
    """The folder of shipped files called `name`. kg is installed as files on disk (never
    imported from a zip), so this is a plain path that globbing and rdflib can read."""
    return Path(str(resources.files(__name__).joinpath(name)))


def read_text(folder_name: str, file_name: str) -> str:
    return (folder(folder_name) / file_name).read_text(encoding="utf-8")
