"""The store: one SQLite file holding documents and what was extracted from them.

:class:`Store` is the only thing that touches the database. A document is written
whole or not at all; writing the same content with the same extractor version
again changes nothing, so re-running a batch is cheap and safe.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, ParamSpec, TypeVar

from realpolitik import model
from realpolitik.errors import StoreError, UsageError
from realpolitik.store import migrations, queries

PutResult = Literal["added", "unchanged", "replaced"]

_P = ParamSpec("_P")
_T = TypeVar("_T")

BUSY_TIMEOUT_MS = 5000


def _now() -> str:
    """The ``ingested_at`` stamp: UTC, ISO 8601 (a function so tests can pin it)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _sql_errors(method: Callable[_P, _T]) -> Callable[_P, _T]:
    """Turn SQLite's errors (locked, corrupt, disk full) into :class:`StoreError`."""

    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as exc:
            raise StoreError(f"store error: {exc}") from exc

    return wrapper


class Store:
    """An embedded SQLite database of documents, mentions, relations and outcomes.

    Opens (or creates) the file, applies pending migrations and turns on WAL
    journaling, foreign keys and a busy timeout. ``":memory:"`` gives a private
    in-memory store. One connection per ``Store``: use one ``Store`` per thread.

    >>> with Store(":memory:") as store:
    ...     store.stats()["documents"]
    0
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            # Autocommit mode: every write transaction is an explicit BEGIN IMMEDIATE,
            # so the Python module never opens or commits one behind our back.
            conn = sqlite3.connect(self.path, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        try:
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute(
                    "PRAGMA synchronous = NORMAL"
                )  # safe with WAL; an fsync per commit is not needed
            migrations.migrate(conn, self.path)
            self.fts = migrations.ensure_fts(conn, migrations.fts5_available(conn))
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        except BaseException:
            conn.close()
            raise
        self._conn: sqlite3.Connection | None = conn

    # --- lifecycle -------------------------------------------------------------

    @property
    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"store {self.path} is closed")
        return self._conn

    def close(self) -> None:
        """Close the connection (idempotent)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r})"

    @property
    def schema_version(self) -> int:
        """The schema version of the open file."""
        return migrations.schema_version(self._db)

    # --- writing ---------------------------------------------------------------

    @_sql_errors
    def put(self, extraction: model.Extraction) -> PutResult:
        """Store a document and everything extracted from it, in one transaction.

        Returns ``"added"`` for a new id, ``"unchanged"`` when the stored copy has the
        same content hash and extractor version (nothing is written), and
        ``"replaced"`` otherwise (the old sentences, mentions, relations and
        outcomes are dropped first). If any write fails, the store is as before.

        >>> doc = model.Document(id="d1", text="Israel sells drones to Azerbaijan.")
        >>> with Store(":memory:") as store:
        ...     [store.put(model.Extraction(doc, extractor_version="1")) for _ in range(2)]
        ['added', 'unchanged']
        """
        doc = extraction.document
        version = extraction.extractor_version
        for item in (*extraction.relations, *extraction.outcomes):
            if item.doc and item.doc != doc.id:
                raise UsageError(f"a record of document {item.doc!r} was given with document {doc.id!r}")
        stored = self._db.execute(queries.DOCUMENT_STATE, (doc.id,)).fetchone()
        if stored is not None and tuple(stored) == (doc.hash, version):
            return "unchanged"
        with migrations.atomic(self._db):
            # Read again under the write lock: another process may have written it meanwhile.
            stored = self._db.execute(queries.DOCUMENT_STATE, (doc.id,)).fetchone()
            if stored is not None and tuple(stored) == (doc.hash, version):
                return "unchanged"
            if stored is not None:
                self._delete_rows(doc.id)
            self._insert(extraction)
        return "added" if stored is None else "replaced"

    def _insert(self, extraction: model.Extraction) -> None:
        doc = extraction.document
        version = extraction.extractor_version
        db = self._db
        db.execute(
            queries.INSERT_DOCUMENT,
            (doc.id, doc.hash, doc.text, doc.date, doc.url, doc.title, doc.origin, _now(), version),
        )
        db.executemany(
            queries.INSERT_SENTENCE, ((doc.id, i, s.start, s.end) for i, s in enumerate(extraction.sentences))
        )
        db.executemany(
            queries.INSERT_MENTION,
            ((doc.id, m.actor, m.start, m.end, m.text, m.kind) for m in extraction.mentions),
        )
        db.executemany(
            queries.INSERT_RELATION, (_relation_row(doc.id, r, version) for r in extraction.relations)
        )
        db.executemany(
            queries.INSERT_OUTCOME,
            (
                (doc.id, o.actor, o.polarity, o.evidence, o.span[0], o.span[1], o.date)
                for o in extraction.outcomes
            ),
        )

    def _delete_rows(self, doc_id: str) -> int:
        deleted = 0
        for statement in queries.DELETE_DOCUMENT:
            deleted = self._db.execute(statement, (doc_id,)).rowcount
        return deleted  # rows deleted from ``documents``, the last statement

    @_sql_errors
    def delete(self, doc_id: str) -> bool:
        """Remove a document and everything extracted from it; return whether it existed.

        >>> with Store(":memory:") as store:
        ...     store.delete("nope")
        False
        """
        if not self.has(doc_id):
            return False
        with migrations.atomic(self._db):
            return self._delete_rows(doc_id) > 0

    # --- documents -------------------------------------------------------------

    @_sql_errors
    def has(self, doc_id: str, hash: str | None = None) -> bool:
        """Whether the document is stored (with this content hash, if one is given).

        >>> with Store(":memory:") as store:
        ...     store.has("d1")
        False
        """
        if hash is None:
            return self._db.execute(queries.DOCUMENT_EXISTS, (doc_id,)).fetchone() is not None
        return self._db.execute(queries.DOCUMENT_EXISTS_WITH_HASH, (doc_id, hash)).fetchone() is not None

    @_sql_errors
    def document(self, doc_id: str) -> model.Document | None:
        """The stored document, or ``None``.

        >>> with Store(":memory:") as store:
        ...     _ = store.put(model.Extraction(model.Document(id="d1", text="Talks in Baku.")))
        ...     store.document("d1").text
        'Talks in Baku.'
        """
        row = self._db.execute(queries.DOCUMENT, (doc_id,)).fetchone()
        return None if row is None else model.Document(**dict(row))

    @_sql_errors
    def documents(self) -> list[dict[str, Any]]:
        """One summary per document, by date (undated last) then id.

        Keys: ``id, date, title, url, origin, n_relations, ingested_at, hash,
        extractor_version``.

        >>> with Store(":memory:") as store:
        ...     store.documents()
        []
        """
        return [dict(row) for row in self._db.execute(queries.DOCUMENT_LIST)]

    def iter_documents(self, *, stale_for: str | None = None) -> Iterator[model.Document]:
        """Every stored document by id, for re-extraction; with ``stale_for``, only those
        extracted by another extractor version.

        The ids are read first, so calling :meth:`put` while iterating is safe.

        >>> with Store(":memory:") as store:
        ...     _ = store.put(model.Extraction(model.Document(id="d1", text="x"), extractor_version="1"))
        ...     [d.id for d in store.iter_documents(stale_for="2")]
        ['d1']
        """
        try:
            if stale_for is None:
                ids = [row[0] for row in self._db.execute(queries.DOCUMENT_IDS)]
            else:
                ids = [row[0] for row in self._db.execute(queries.DOCUMENT_IDS_STALE, (stale_for,))]
        except sqlite3.Error as exc:
            raise StoreError(f"store error: {exc}") from exc
        for doc_id in ids:
            document = self.document(doc_id)
            if document is not None:  # deleted since the ids were read
                yield document

    @_sql_errors
    def sentences(self, doc_id: str) -> list[model.Sentence]:
        """The document's sentences in order, their text cut from the stored document.

        >>> with Store(":memory:") as store:
        ...     store.sentences("nope")
        []
        """
        row = self._db.execute(queries.DOCUMENT, (doc_id,)).fetchone()
        if row is None:
            return []
        text = row["text"]
        return [
            model.Sentence(start, end, text[start:end])
            for start, end in self._db.execute(queries.SENTENCES, (doc_id,))
        ]

    @_sql_errors
    def mentions(self, doc_id: str) -> list[model.Mention]:
        """The document's actor mentions in text order.

        >>> with Store(":memory:") as store:
        ...     store.mentions("nope")
        []
        """
        return [model.Mention(**dict(row)) for row in self._db.execute(queries.MENTIONS, (doc_id,))]

    @_sql_errors
    def outcomes(self, actor: str | None = None) -> list[model.Outcome]:
        """Outcome statements (winner/loser), of one actor if given, by date then document.

        >>> with Store(":memory:") as store:
        ...     store.outcomes(actor="AZE")
        []
        """
        where, params = queries.outcome_filter(actor)
        rows = self._db.execute(queries.OUTCOMES.format(where=where), params)
        return [
            model.Outcome(
                doc=row["doc"],
                actor=row["actor"],
                polarity=row["polarity"],
                evidence=row["evidence"],
                span=(row["span_start"], row["span_end"]),
                date=row["date"],
            )
            for row in rows
        ]

    # --- relations -------------------------------------------------------------

    @_sql_errors
    def relations(
        self,
        *,
        actor: str | None = None,
        other: str | None = None,
        type: str | None = None,
        types: Iterable[str] | None = None,
        source: str | None = None,
        target: str | None = None,
        modality: str | None = None,
        sign: int | str | None = None,
        since: str | None = None,
        until: str | None = None,
        doc: str | None = None,
        limit: int | None = None,
    ) -> list[model.Relation]:
        """Stored relations matching every filter given, by date, document and span.

        ``actor`` matches either end; with ``other``, the pair in either direction.
        ``source``/``target`` are directed. ``sign`` is -1, 0 or +1 (or ``"+"``,
        ``"-"``, ``"0"``) per the ontology. ``since``/``until`` are inclusive ISO
        prefixes compared at the coarser precision of bound and date. A relation
        without a date of its own is placed at its document's date: the result then
        has that ``date`` and ``date_source="document"`` (``"none"`` if neither has
        one). Unknown types, modalities or signs raise :class:`UsageError`.

        >>> with Store(":memory:") as store:
        ...     store.relations(actor="ISR", other="AZE", sign=+1, since="2020")
        []
        """
        where, params = queries.relation_filter(
            actor=actor,
            other=other,
            type=type,
            types=types,
            source=source,
            target=target,
            modality=modality,
            sign=sign,
            since=since,
            until=until,
            doc=doc,
        )
        limit_sql, limit_params = queries.limit_clause(limit)
        sql = queries.RELATIONS.format(where=where, limit=limit_sql)
        return [_relation(row) for row in self._db.execute(sql, [*params, *limit_params])]

    @_sql_errors
    def search(self, query: str, limit: int = 50) -> list[model.Relation]:
        """Relations whose evidence contains every word of ``query`` (best match first).

        Uses the FTS5 index (stemmed: ``sanction`` finds ``sanctions``; ``drone*`` is a
        prefix) or, on SQLite builds without FTS5, a substring match ordered by date.

        >>> with Store(":memory:") as store:
        ...     store.search("drones")
        []
        """
        terms = queries.search_terms(query)
        limit_sql, limit_params = queries.limit_clause(limit)
        if not terms:
            return []
        if self.fts:
            rows = self._db.execute(queries.SEARCH_FTS, (queries.fts_query(terms), *limit_params))
        else:
            where, params = queries.like_search(terms)
            sql = queries.RELATIONS.format(where=where, limit=limit_sql)
            rows = self._db.execute(sql, [*params, *limit_params])
        return [_relation(row) for row in rows]

    # --- overviews -------------------------------------------------------------

    @_sql_errors
    def actors(self) -> list[dict[str, Any]]:
        """Every actor in mentions or relations with its counts, most relations first.

        Keys: ``id``, ``mentions``, ``documents`` (distinct documents that mention it
        or hold a relation of it), ``relations`` (where it is source or target).

        >>> with Store(":memory:") as store:
        ...     store.actors()
        []
        """
        return [dict(row) for row in self._db.execute(queries.ACTORS)]

    @_sql_errors
    def stats(self) -> dict[str, int]:
        """Counts: ``documents, relations, mentions, actors, sentences, outcomes``.

        >>> with Store(":memory:") as store:
        ...     store.stats()["relations"]
        0
        """
        return dict(self._db.execute(queries.STATS).fetchone())


def _relation_row(doc_id: str, r: model.Relation, version: str) -> tuple[Any, ...]:
    """The ``relations`` row of a relation, in :data:`queries.INSERT_RELATION` order."""
    q = r.quantity
    return (
        doc_id,
        r.source,
        r.relation,
        r.target,
        r.modality,
        r.date,
        r.date_source,
        q.value if q else None,
        q.unit if q else None,
        q.text if q else None,
        r.evidence,
        r.span[0],
        r.span[1],
        r.confidence,
        r.trigger,
        r.actors_text[0],
        r.actors_text[1],
        r.extractor_version or version,
    )


def _relation(row: sqlite3.Row) -> model.Relation:
    """A relation from a :data:`queries.RELATIONS` row, placed at its document's date if undated."""
    if row["date"] is not None:
        date, date_source = row["date"], row["date_source"]
    elif row["doc_date"] is not None:
        date, date_source = row["doc_date"], "document"
    else:
        date, date_source = None, "none"
    quantity = None
    if row["quantity_value"] is not None:
        quantity = model.Quantity(
            row["quantity_value"], row["quantity_unit"] or "", row["quantity_text"] or ""
        )
    return model.Relation(
        doc=row["doc"],
        source=row["source"],
        relation=row["relation"],
        target=row["target"],
        modality=row["modality"],
        evidence=row["evidence"],
        span=(row["span_start"], row["span_end"]),
        date=date,
        quantity=quantity,
        confidence=row["confidence"],
        trigger=row["trigger"],
        actors_text=(row["source_text"], row["target_text"]),
        extractor_version=row["extractor_version"],
        date_source=date_source,
    )
