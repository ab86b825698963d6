"""The embedded SQLite store: :class:`Store` is the one way in and out of the database."""

from realpolitik.store.db import PutResult, Store

__all__ = ["PutResult", "Store"]
