"""The store's schema as an ordered list of migrations, and the optional full-text index.

The schema version lives in ``PRAGMA user_version``: a fresh file is version 0 and
each step ``(version, sql)`` with a higher number is applied, in order, in its own
transaction together with the version bump, so a crash leaves the file at the last
complete step. A file whose version is higher than the last step here was written by
a newer realpolitik and is refused rather than guessed at. To change the schema,
append a step; never edit a step that has shipped.

The FTS5 index over relation evidence is not a numbered step because it depends on
the SQLite build, not on the file: :func:`ensure_fts` creates it (and its sync
triggers) when the module exists, and when it does not, drops the triggers so writes
keep working; search then falls back to ``LIKE``. A file written without the
triggers is re-indexed the next time it is opened with FTS5 available.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from realpolitik.errors import StoreError

# "REAL" in ASCII: marks the file as a realpolitik store (``PRAGMA application_id``).
APPLICATION_ID = 0x5245414C

_V1 = """
CREATE TABLE documents (
    id                TEXT PRIMARY KEY,
    hash              TEXT NOT NULL,
    text              TEXT NOT NULL,
    date              TEXT,
    url               TEXT,
    title             TEXT,
    origin            TEXT,
    ingested_at       TEXT NOT NULL,
    extractor_version TEXT NOT NULL DEFAULT ''
);

CREATE TABLE sentences (
    doc   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx   INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;

CREATE TABLE mentions (
    doc   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text  TEXT NOT NULL,
    kind  TEXT NOT NULL
);
CREATE INDEX mentions_doc ON mentions(doc, start);
CREATE INDEX mentions_actor ON mentions(actor);

CREATE TABLE relations (
    id                INTEGER PRIMARY KEY,
    doc               TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source            TEXT NOT NULL,
    relation          TEXT NOT NULL,
    target            TEXT NOT NULL,
    modality          TEXT NOT NULL,
    date              TEXT,
    date_source       TEXT NOT NULL DEFAULT 'text',
    quantity_value    REAL,
    quantity_unit     TEXT,
    quantity_text     TEXT,
    evidence          TEXT NOT NULL,
    span_start        INTEGER NOT NULL,
    span_end          INTEGER NOT NULL,
    confidence        REAL NOT NULL DEFAULT 1.0,
    "trigger"         TEXT NOT NULL DEFAULT '',
    source_text       TEXT NOT NULL DEFAULT '',
    target_text       TEXT NOT NULL DEFAULT '',
    extractor_version TEXT NOT NULL DEFAULT ''
);
CREATE INDEX relations_source ON relations(source, relation);
CREATE INDEX relations_target ON relations(target, relation);
CREATE INDEX relations_relation ON relations(relation);
CREATE INDEX relations_doc ON relations(doc, span_start);

CREATE TABLE outcomes (
    doc        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor      TEXT NOT NULL,
    polarity   INTEGER NOT NULL,
    evidence   TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    date       TEXT
);
CREATE INDEX outcomes_actor ON outcomes(actor);
CREATE INDEX outcomes_doc ON outcomes(doc);
"""

MIGRATIONS: list[tuple[int, str]] = [
    (1, _V1),
]

_FTS_TABLE = """
CREATE VIRTUAL TABLE IF NOT EXISTS relations_fts USING fts5(
    evidence, content='relations', content_rowid='id', tokenize='porter unicode61'
)
"""
_FTS_TRIGGERS = {
    "relations_fts_insert": """
CREATE TRIGGER relations_fts_insert AFTER INSERT ON relations BEGIN
    INSERT INTO relations_fts(rowid, evidence) VALUES (new.id, new.evidence);
END""",
    "relations_fts_delete": """
CREATE TRIGGER relations_fts_delete AFTER DELETE ON relations BEGIN
    INSERT INTO relations_fts(relations_fts, rowid, evidence) VALUES ('delete', old.id, old.evidence);
END""",
    "relations_fts_update": """
CREATE TRIGGER relations_fts_update AFTER UPDATE OF evidence ON relations BEGIN
    INSERT INTO relations_fts(relations_fts, rowid, evidence) VALUES ('delete', old.id, old.evidence);
    INSERT INTO relations_fts(rowid, evidence) VALUES (new.id, new.evidence);
END""",
}


@contextmanager
def atomic(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction on an autocommit connection: all of the block or nothing of it."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # some errors (disk full) have already rolled back
            conn.execute("ROLLBACK")
        raise


def latest_version() -> int:
    """The schema version this code writes."""
    return MIGRATIONS[-1][0]


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the file (0 for a new file)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def statements(script: str) -> Iterator[str]:
    """Split a script into complete statements (trigger bodies and quoted ``;`` stay whole).

    >>> list(statements("CREATE TABLE t(x); INSERT INTO t VALUES (';');"))
    ['CREATE TABLE t(x);', "INSERT INTO t VALUES (';');"]
    """
    buffer = ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            code = [
                line for line in buffer.splitlines() if line.strip() and not line.strip().startswith("--")
            ]
            if "".join(code).strip() != ";":  # skip empty and comment-only pieces
                yield buffer.strip()
            buffer = ""


def migrate(conn: sqlite3.Connection, path: str = "") -> int:
    """Bring the file up to :func:`latest_version`; return the version it was at.

    ``conn`` must be in autocommit mode (``isolation_level=None``): each step runs
    in its own ``BEGIN IMMEDIATE`` so two processes opening a new file do not both
    apply it.
    """
    found = schema_version(conn)
    if found > latest_version():
        raise StoreError(
            f"{path or 'the store'} has schema version {found}, newer than this realpolitik "
            f"understands (up to {latest_version()}); upgrade realpolitik to open it"
        )
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if app_id not in (0, APPLICATION_ID):
        raise StoreError(f"{path or 'the file'} is a SQLite database of another application")
    for version, script in MIGRATIONS:
        if version <= found:
            continue
        with atomic(conn):
            current = schema_version(conn)  # under the lock: another process may have just migrated
            if current == 0 and _has_tables(conn):
                raise StoreError(f"{path or 'the file'} is a SQLite database but not a realpolitik store")
            if current < version:
                for statement in statements(script):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {int(version)}")
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    return found


def _has_tables(conn: sqlite3.Connection) -> bool:
    return (
        conn.execute("SELECT 1 FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' LIMIT 1").fetchone()
        is not None
    )


def fts5_available(conn: sqlite3.Connection) -> bool:
    """Whether this SQLite build has the FTS5 module."""
    try:
        row = conn.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')").fetchone()
        if row and row[0]:
            return True
        # FTS5 may also be loaded as an extension; probing is the only sure test.
        conn.execute("CREATE VIRTUAL TABLE temp._fts5_probe USING fts5(x)")
        conn.execute("DROP TABLE temp._fts5_probe")
        return True
    except sqlite3.Error:
        return False


def ensure_fts(conn: sqlite3.Connection, available: bool) -> bool:
    """Create (or, when ``available`` is false, detach) the evidence index; return whether it is usable."""
    existing = {
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'relations_fts_%'"
        )
    }
    if not available:
        if existing:
            # Without the module the triggers would make every write fail; the index is
            # rebuilt from the relations when a build with FTS5 opens the file again.
            with atomic(conn):
                for name in existing:
                    conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        return False
    if existing == set(_FTS_TRIGGERS):
        return True
    with atomic(conn):
        conn.execute(_FTS_TABLE)
        for name, sql in _FTS_TRIGGERS.items():
            conn.execute(f"DROP TRIGGER IF EXISTS {name}")
            conn.execute(sql)
        conn.execute("INSERT INTO relations_fts(relations_fts) VALUES ('rebuild')")
    return True
