"""`python -m kg.cli`: the same as `kg`."""

from kg.cli import app

app()
