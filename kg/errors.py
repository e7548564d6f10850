"""Errors the library raises; the CLI turns them into one red line and exit code 1."""


class KgError(Exception):
    """Base class for every error kg reports to a user."""


class InputError(KgError):
    """An input file or article could not be read (with --strict, or nothing usable at all)."""


class StoreError(KgError):
    """The store could not be opened, read or written."""


class QueryError(KgError):
    """A query is unknown, malformed, or its parameters are wrong."""


class GoldError(KgError):
    """A gold file is malformed."""
