"""Errors the library raises; the CLI turns them into one red line and exit code 1."""

from __future__ import annotations

from collections.abc import Sequence


class KgError(Exception):
    """Base class for every error kg reports to a user."""


class InputError(KgError):
    """An input file or article could not be read (with --strict, or nothing usable at all).
    `skipped` holds every input left out before it, each with its reason, for the report."""

    def __init__(self, message: str, skipped: Sequence[object] = ()) -> None:
        super().__init__(message)
        self.skipped = list(skipped)


class StoreError(KgError):
    """The store could not be opened, read or written."""


class QueryError(KgError):
    """A query is unknown, malformed, or its parameters are wrong."""


class GoldError(KgError):
    """A gold file is malformed."""
