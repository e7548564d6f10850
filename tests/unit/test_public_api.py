"""kg's public API: the names the package docstring promises, cheap to import."""

from __future__ import annotations

import subprocess
import sys

import kg


def test_every_public_name_resolves():
    for name in kg.__all__:
        assert getattr(kg, name) is not None, name
    assert set(kg.__all__) <= set(dir(kg))


def test_importing_kg_loads_neither_spacy_nor_rdf():
    # The CLI imports the package first: spaCy or RDF there would slow every command.
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import kg, sys; print(sorted({'spacy', 'pyoxigraph', 'rdflib'} & set(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert loaded == "[]"


def test_an_unknown_name_is_an_attribute_error():
    try:
        kg.no_such_name  # noqa: B018
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:
        raise AssertionError("kg.no_such_name resolved")


def test_the_docstring_example_runs(seeds_store):
    store = kg.open_store(seeds_store, read_only=True)
    table = kg.run_query(store, kg.load_query("meetings").text)
    facts = list(kg.iter_facts(store))
    assert table.rows and any(f["type"] == "meeting" for f in facts)
