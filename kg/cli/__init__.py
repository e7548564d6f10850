"""The `kg` command line: parse options, call one library function, render the result.

A library module that brings a heavy dependency is imported inside the command that uses
it (networkx for `kg export` and `kg draw`, rdflib for `kg validate`), and spaCy, pyshacl,
matplotlib, trafilatura and requests further down, where they are used: `kg --help` or `kg
query` should not wait for them. No import cycle is hidden that way (the package has none;
tests/unit/test_layout.py checks).

One module a command or two (`build.py`, `listing.py`, `pictures.py`, `serving.py`,
`store.py`, `scoring.py`), each registering on the one app in `common.py`; importing them
here, in this order, gives `kg --help` its order."""

from __future__ import annotations

from kg.cli import build, listing, pictures, scoring, serving, store  # noqa: F401 (registers the commands)
from kg.cli.common import app

__all__ = ["app", "main"]


def main() -> None:  # pragma: no cover - console script entry point
    app()
