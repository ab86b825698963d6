"""One exception tree for the whole package; the CLI and HTTP layers translate it at the edges.

    RealpolitikError
    ├── InputRejected      a document that cannot be read (empty, binary, too large, not English...)
    ├── FetchError         a URL or feed that could not be fetched
    ├── UsageError         a request that makes no sense (unknown actor, bad option value, id collision)
    ├── DataError          a package or user data file that is malformed
    └── StoreError         the database cannot be opened or is of an unknown schema
"""

from __future__ import annotations


class RealpolitikError(Exception):
    """Base class of every error this package raises on purpose."""


class InputRejected(RealpolitikError):
    """A document was refused at the gate; ``reason`` is a short phrase for the user."""

    def __init__(self, reason: str, *, source: str | None = None) -> None:
        super().__init__(reason if source is None else f"{source}: {reason}")
        self.reason = reason
        self.source = source


class FetchError(RealpolitikError):
    """A URL or feed could not be fetched (network error, HTTP status, content type, size)."""


class UsageError(RealpolitikError):
    """The caller asked for something impossible (unknown actor id, duplicate document id...)."""


class DataError(RealpolitikError):
    """A data file (package or user-supplied) is malformed."""


class StoreError(RealpolitikError):
    """The store cannot be opened, or its schema is newer than this version understands."""
