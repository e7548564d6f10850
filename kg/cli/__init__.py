"""The `kg` command line: parse options, call one library function, render the result.

Library modules are imported inside the commands that use them, not here, and spaCy,
pyshacl, matplotlib, trafilatura and requests further down, where they are used: `kg
--help` or `kg query` should not wait for them. Even the light ones (the build, the scorer,
the counts) add 50 ms together, and a Ctrl-C test sends its signal 0.5 s after `kg build`
starts, expecting the command to be running by then. No import cycle is hidden that way
(the package has none; tests/unit/test_layout.py checks).

One module a command or two (`build.py`, `listing.py`, `pictures.py`, `serving.py`,
`store.py`, `scoring.py`), each registering on the one app in `common.py`; importing them
here, in this order, gives `kg --help` its order."""

from __future__ import annotations

from kg.cli import build, listing, pictures, scoring, serving, store  # noqa: F401 (registers the commands)
from kg.cli.common import app

__all__ = ["app"]
