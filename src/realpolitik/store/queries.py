"""The SQL the store runs, and the builders that turn filter arguments into WHERE clauses.

Nothing outside ``realpolitik.store`` writes SQL; :mod:`realpolitik.store.db` only
strings these together. ``"end"`` and ``"trigger"`` are SQL keywords, hence quoted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from realpolitik.errors import UsageError
from realpolitik.ontology import MODALITIES, RELATION_TYPES

# --- documents ---------------------------------------------------------------

DOCUMENT_STATE = "SELECT hash, extractor_version FROM documents WHERE id = ?"
DOCUMENT_EXISTS = "SELECT 1 FROM documents WHERE id = ?"
DOCUMENT_EXISTS_WITH_HASH = "SELECT 1 FROM documents WHERE id = ? AND hash = ?"
DOCUMENT = "SELECT id, text, date, url, title, origin, hash FROM documents WHERE id = ?"
DOCUMENT_IDS = "SELECT id FROM documents ORDER BY id"
DOCUMENT_IDS_STALE = "SELECT id FROM documents WHERE extractor_version != ? ORDER BY id"
DOCUMENT_LIST = """
SELECT d.id, d.date, d.title, d.url, d.origin, d.ingested_at, d.hash, d.extractor_version,
       (SELECT count(*) FROM relations r WHERE r.doc = d.id) AS n_relations
FROM documents d
ORDER BY d.date IS NULL, d.date, d.id
"""
INSERT_DOCUMENT = """
INSERT INTO documents (id, hash, text, date, url, title, origin, ingested_at, extractor_version)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
# Children first: explicit deletes keep the FTS triggers firing without relying on
# cascade semantics, and make the order of a replace obvious.
DELETE_DOCUMENT = (
    "DELETE FROM relations WHERE doc = ?",
    "DELETE FROM mentions WHERE doc = ?",
    "DELETE FROM sentences WHERE doc = ?",
    "DELETE FROM outcomes WHERE doc = ?",
    "DELETE FROM documents WHERE id = ?",
)

# --- children ----------------------------------------------------------------

INSERT_SENTENCE = 'INSERT INTO sentences (doc, idx, start, "end") VALUES (?, ?, ?, ?)'
INSERT_MENTION = 'INSERT INTO mentions (doc, actor, start, "end", text, kind) VALUES (?, ?, ?, ?, ?, ?)'
INSERT_RELATION = """
INSERT INTO relations (doc, source, relation, target, modality, date, date_source,
                       quantity_value, quantity_unit, quantity_text, evidence, span_start, span_end,
                       confidence, "trigger", source_text, target_text, extractor_version)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
INSERT_OUTCOME = """
INSERT INTO outcomes (doc, actor, polarity, evidence, span_start, span_end, date)
VALUES (?, ?, ?, ?, ?, ?, ?)
"""

SENTENCES = 'SELECT start, "end" FROM sentences WHERE doc = ? ORDER BY idx'
MENTIONS = 'SELECT actor, start, "end", text, kind FROM mentions WHERE doc = ? ORDER BY start, "end", rowid'
OUTCOMES = """
SELECT doc, actor, polarity, evidence, span_start, span_end, date FROM outcomes
{where}
ORDER BY date IS NULL, date, doc, span_start, rowid
"""

# --- relations ---------------------------------------------------------------

# ``eff_date``: the relation's own date, else its document's (ONTOLOGY: a relation
# without a date is placed at its document's date).
RELATIONS = """
SELECT r.id, r.doc, r.source, r.relation, r.target, r.modality, r.date, r.date_source,
       r.quantity_value, r.quantity_unit, r.quantity_text, r.evidence, r.span_start, r.span_end,
       r.confidence, r."trigger", r.source_text, r.target_text, r.extractor_version,
       d.date AS doc_date
FROM relations r JOIN documents d ON d.id = r.doc
{where}
ORDER BY COALESCE(r.date, d.date) IS NULL, COALESCE(r.date, d.date), r.doc, r.span_start, r.span_end, r.id
{limit}
"""

SEARCH_FTS = """
SELECT r.id, r.doc, r.source, r.relation, r.target, r.modality, r.date, r.date_source,
       r.quantity_value, r.quantity_unit, r.quantity_text, r.evidence, r.span_start, r.span_end,
       r.confidence, r."trigger", r.source_text, r.target_text, r.extractor_version,
       d.date AS doc_date
FROM relations_fts f
JOIN relations r ON r.id = f.rowid
JOIN documents d ON d.id = r.doc
WHERE relations_fts MATCH ?
ORDER BY f.rank, COALESCE(r.date, d.date), r.doc, r.span_start, r.id
LIMIT ?
"""

# --- overviews ---------------------------------------------------------------

# A relation whose two ends are the same actor counts once for it.
ACTORS = """
WITH ends AS (
    SELECT doc, source AS actor FROM relations
    UNION ALL
    SELECT doc, target FROM relations WHERE target != source
),
rel AS (SELECT actor, count(*) AS n FROM ends GROUP BY actor),
men AS (SELECT actor, count(*) AS n FROM mentions GROUP BY actor),
docs AS (
    SELECT actor, count(DISTINCT doc) AS n
    FROM (SELECT actor, doc FROM mentions UNION SELECT actor, doc FROM ends)
    GROUP BY actor
)
SELECT docs.actor AS id, COALESCE(men.n, 0) AS mentions, docs.n AS documents, COALESCE(rel.n, 0) AS relations
FROM docs LEFT JOIN men USING (actor) LEFT JOIN rel USING (actor)
ORDER BY relations DESC, mentions DESC, id
"""

STATS = """
SELECT (SELECT count(*) FROM documents) AS documents,
       (SELECT count(*) FROM relations) AS relations,
       (SELECT count(*) FROM mentions) AS mentions,
       (SELECT count(*) FROM (SELECT actor FROM mentions
                              UNION SELECT source FROM relations
                              UNION SELECT target FROM relations)) AS actors,
       (SELECT count(*) FROM sentences) AS sentences,
       (SELECT count(*) FROM outcomes) AS outcomes
"""

# --- builders ----------------------------------------------------------------

_ISO_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_SIGNS = {"+": 1, "-": -1, "\u2212": -1, "0": 0, "+1": 1, "-1": -1, "1": 1}


def _date_bound(name: str, value: str) -> str:
    if not isinstance(value, str) or not _ISO_PREFIX.fullmatch(value):
        raise UsageError(f"{name} must be an ISO date prefix (YYYY, YYYY-MM or YYYY-MM-DD), not {value!r}")
    return value


def _relation_type(name: str) -> str:
    if name not in RELATION_TYPES:
        raise UsageError(f"unknown relation type {name!r}; known: {', '.join(sorted(RELATION_TYPES))}")
    return name


def _placeholders(n: int) -> str:
    return ", ".join("?" * n)


def relation_filter(
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
) -> tuple[str, list[Any]]:
    """The ``WHERE`` clause (possibly empty) and its parameters for :data:`RELATIONS`.

    Raises :class:`UsageError` for an unknown type, modality or sign, a malformed
    date bound, or ``other`` without ``actor``.

    >>> relation_filter(actor="ISR", type="trade")
    ('WHERE (r.source = ? OR r.target = ?) AND r.relation = ?', ['ISR', 'ISR', 'trade'])
    """
    clauses: list[str] = []
    params: list[Any] = []
    if other is not None and actor is None:
        raise UsageError("'other' needs 'actor': it names the second end of a pair")
    if actor is not None and other is not None:
        clauses.append("((r.source = ? AND r.target = ?) OR (r.source = ? AND r.target = ?))")
        params += [actor, other, other, actor]
    elif actor is not None:
        clauses.append("(r.source = ? OR r.target = ?)")
        params += [actor, actor]
    if source is not None:
        clauses.append("r.source = ?")
        params.append(source)
    if target is not None:
        clauses.append("r.target = ?")
        params.append(target)
    if type is not None:
        clauses.append("r.relation = ?")
        params.append(_relation_type(type))
    if types is not None:
        names = [_relation_type(t) for t in ([types] if isinstance(types, str) else types)]
        clauses.append(f"r.relation IN ({_placeholders(len(names))})" if names else "0")
        params += names
    if modality is not None:
        if modality not in MODALITIES:
            raise UsageError(f"unknown modality {modality!r}; known: {', '.join(MODALITIES)}")
        clauses.append("r.modality = ?")
        params.append(modality)
    if sign is not None:
        wanted = _SIGNS.get(sign.strip()) if isinstance(sign, str) else sign
        if wanted not in (-1, 0, 1) or isinstance(wanted, bool):
            raise UsageError(f"sign must be -1, 0 or +1, not {sign!r}")
        names = [name for name, rt in RELATION_TYPES.items() if rt.sign == wanted]
        clauses.append(f"r.relation IN ({_placeholders(len(names))})")
        params += names
    # Bounds compare at the coarser of the two precisions, inclusively: a relation
    # dated "2020" is within since="2020-06", and until="2020" takes all of 2020.
    effective = "COALESCE(r.date, d.date)"
    common = f"min(length({effective}), length(?))"
    if since is not None:
        clauses.append(f"substr({effective}, 1, {common}) >= substr(?, 1, {common})")
        bound = _date_bound("since", since)
        params += [bound, bound, bound]
    if until is not None:
        clauses.append(f"substr({effective}, 1, {common}) <= substr(?, 1, {common})")
        bound = _date_bound("until", until)
        params += [bound, bound, bound]
    if doc is not None:
        clauses.append("r.doc = ?")
        params.append(doc)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def limit_clause(limit: int | None) -> tuple[str, list[Any]]:
    """``LIMIT ?`` for a positive limit, nothing for ``None``."""
    if limit is None:
        return "", []
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise UsageError(f"limit must be a non-negative integer, not {limit!r}")
    return "LIMIT ?", [limit]


def search_terms(query: str) -> list[str]:
    """The words of a search query (whitespace-separated, empty ones dropped)."""
    return [term for term in query.split() if term.strip('"*')]


def fts_query(terms: Sequence[str]) -> str:
    """An FTS5 query matching every term, each quoted so user input is never FTS syntax.

    A trailing ``*`` keeps its meaning (prefix search).

    >>> print(fts_query(["arms", "drone*", "NOT"]))
    "arms" AND "drone"* AND "NOT"
    """
    parts = []
    for term in terms:
        prefix = term.endswith("*")
        word = term.rstrip("*").replace('"', '""')
        parts.append(f'"{word}"' + ("*" if prefix else ""))
    return " AND ".join(parts)


def like_search(terms: Sequence[str]) -> tuple[str, list[Any]]:
    """The ``WHERE`` clause for the no-FTS fallback: every term is a substring of the evidence."""
    clauses, params = [], []
    for term in terms:
        word = term.rstrip("*").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        clauses.append("r.evidence LIKE ? ESCAPE '\\'")
        params.append(f"%{word}%")
    return "WHERE " + " AND ".join(clauses), params


def outcome_filter(actor: str | None) -> tuple[str, list[Any]]:
    """The ``WHERE`` clause for :data:`OUTCOMES`."""
    return ("WHERE actor = ?", [actor]) if actor is not None else ("", [])
