"""Score extracted relations against gold, exactly as ``ONTOLOGY.md`` ("Scoring") defines it.

Per document every record is reduced to its key ``(source, relation, target)`` (actors
sorted for symmetric types, see :func:`realpolitik.ontology.relation_key`) with one
modality per key (asserted > negated > possible). A *strict* match needs the same key
and modality, a *relaxed* match the same key. Counts are summed over documents
(micro-average) before precision, recall and F1 are taken.

Decisions where the ontology's text leaves room (each pinned by a test):

* A document "has gold" when any gold record names it, even one later dropped for an
  unknown actor; a gold line with only ``{"doc": ...}`` therefore marks a document
  annotated with no relations, so every prediction there is a false positive.
* Records whose source or target is not a known actor are dropped from gold and
  predictions alike. Gold records with a relation outside the 20 are kept as gold keys.
* A gold key is required if any of its records is required; its modality is then
  reduced over its required records only, so that predicting exactly the required
  records always scores perfectly (an optional record cannot change the target).
* A predicted key equal to an optional gold key is left out of ``predicted`` for both
  strict and relaxed scoring, whatever its modality.
* A required key predicted with another modality is, under strict scoring, both a
  miss and a false positive.
* A record without a modality counts as asserted; an unknown modality ranks below
  ``possible`` and never matches strictly.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..datafiles import parse_jsonl
from ..errors import UsageError
from ..ontology import RELATION_TYPES, relation_key

__all__ = [
    "GROUP_IDS",
    "ORGANISATION_IDS",
    "is_actor_id",
    "load_records",
    "score",
]

#: Intergovernmental organisations of ONTOLOGY.md's actor table.
ORGANISATION_IDS = frozenset(
    {
        "UN", "EU", "NATO", "OIC", "ARAB_LEAGUE", "AU", "ASEAN", "GCC", "CSTO", "OSCE", "SCO",
        "IAEA", "OPEC", "BRICS", "G7", "G20", "CIS", "EAEU", "WTO", "IMF", "WORLD_BANK", "ICC", "ICJ",
    }
)  # fmt: skip
#: Armed non-state groups of ONTOLOGY.md's actor table.
GROUP_IDS = frozenset({"HAMAS", "HEZBOLLAH", "HOUTHIS", "ISIS", "AL_QAEDA", "TALIBAN", "PKK", "WAGNER"})

_STATE_ID = re.compile(r"[A-Z]{3}")
# Higher wins when the records of one key disagree.
_MODALITY_RANK = {"asserted": 3, "negated": 2, "possible": 1}

Key = tuple[str, str, str]


def is_actor_id(actor: object) -> bool:
    """Whether ``actor`` looks like an ontology actor id (a state code or a listed organisation/group).

    >>> is_actor_id("AZE"), is_actor_id("NATO"), is_actor_id("Azerbaijan"), is_actor_id("aze")
    (True, True, False, False)
    """
    return isinstance(actor, str) and (
        _STATE_ID.fullmatch(actor) is not None or actor in ORGANISATION_IDS or actor in GROUP_IDS
    )


def load_records(path: str | Path) -> list[dict]:
    """Read a JSONL file of records (gold or predicted); blank lines are skipped.

    Raises :class:`~realpolitik.errors.UsageError` naming the file and line when a line is
    not a JSON object, and when the file cannot be read.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read records: {exc}") from exc
    return [record for _, record in parse_jsonl(text, str(path), UsageError)]


# ---------------------------------------------------------------------------------------------
# Reduction of records to keys


@dataclass(slots=True)
class _KeyInfo:
    """What the records of one key in one document say, once reduced."""

    modality: str
    required: bool = True
    dates: list[str] = field(default_factory=list)  # of every record, one per dated record
    required_dates: list[str] = field(default_factory=list)  # gold: of the required records only
    evidence: list[str] = field(default_factory=list)


def _modality(record: dict) -> str:
    value = record.get("modality")
    return "asserted" if value is None else str(value)


def _reduce_modality(modalities: Iterable[str]) -> str:
    return max(modalities, key=lambda m: _MODALITY_RANK.get(m, 0))


def _relation(record: dict) -> str:
    rel = record.get("relation")
    return rel if isinstance(rel, str) and rel else "?"


def _key(record: dict) -> Key:
    return relation_key(record["source"], _relation(record), record["target"])


def _known(record: dict, known_actors: Container[str] | None) -> bool:
    source, target = record.get("source"), record.get("target")
    if known_actors is None:
        return is_actor_id(source) and is_actor_id(target)
    return (
        isinstance(source, str)
        and isinstance(target, str)
        and source in known_actors
        and target in known_actors
    )


def _reduce(records: list[dict], *, gold: bool) -> dict[Key, _KeyInfo]:
    """Group one document's records by key; for gold, required records decide the modality."""
    by_key: dict[Key, list[dict]] = defaultdict(list)
    for record in records:
        by_key[_key(record)].append(record)
    out: dict[Key, _KeyInfo] = {}
    for key, recs in by_key.items():
        required = [r for r in recs if not r.get("optional")] if gold else recs
        deciding = required or recs
        info = _KeyInfo(modality=_reduce_modality(_modality(r) for r in deciding), required=bool(required))
        for r in recs:
            date = r.get("date")
            if date not in (None, ""):
                info.dates.append(str(date))
                if gold and not r.get("optional"):
                    info.required_dates.append(str(date))
            evidence = r.get("evidence")
            if isinstance(evidence, str) and evidence and evidence not in info.evidence:
                info.evidence.append(evidence)
        out[key] = info
    return out


# ---------------------------------------------------------------------------------------------
# Counting


@dataclass(slots=True)
class _Counts:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: _Counts) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    def prf(self) -> dict[str, float | int]:
        p = _ratio(self.tp, self.predicted)
        r = _ratio(self.tp, self.gold)
        return {
            "precision": p,
            "recall": r,
            "f1": _ratio(2 * p * r, p + r),
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
        }


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def _date_matches(gold_date: str, predicted_date: str) -> bool:
    """Same year, and same month and day where the gold gives them (``2020`` matches ``2020-10-01``)."""
    gold_parts = gold_date.split("T")[0].split("-")
    pred_parts = predicted_date.split("T")[0].split("-")
    return pred_parts[: len(gold_parts)] == gold_parts


def _key_record(key: Key, info: _KeyInfo, **extra: Any) -> dict[str, Any]:
    source, relation, target = key
    return {
        "source": source,
        "relation": relation,
        "target": target,
        "modality": info.modality,
        **extra,
        "evidence": list(info.evidence),
    }


def score(
    gold: Iterable[dict],
    predicted: Iterable[dict],
    *,
    known_actors: Container[str] | None = None,
) -> dict[str, Any]:
    """Precision, recall and F1 of ``predicted`` against ``gold``, strict and relaxed, micro-averaged.

    ``known_actors`` is the set of valid actor ids; by default an id is valid when it looks
    like the ontology's (see :func:`is_actor_id`). Returns plain, JSON-ready data:
    ``strict`` and ``relaxed`` (``precision``, ``recall``, ``f1``, ``tp``, ``predicted``,
    ``gold``), ``per_relation`` (strict ``f1``, ``tp``, ``pred``, ``gold`` for each of the 20
    types and any other type predicted), ``date_accuracy`` (``None`` when no required dated
    gold key was predicted), ``per_document`` (strict and relaxed figures per gold document)
    and ``errors`` (per document with a strict mistake: ``false_positives`` and ``misses``,
    each with the key, modality, the other side's modality and the evidence).

    >>> gold = [{"doc": "d", "source": "TUR", "relation": "trade", "target": "ISR",
    ...          "modality": "asserted", "optional": False}]
    >>> pred = [{"doc": "d", "source": "ISR", "relation": "trade", "target": "TUR",
    ...          "modality": "possible"}]
    >>> result = score(gold, pred)
    >>> result["relaxed"]["f1"], result["strict"]["f1"]
    (1.0, 0.0)
    """
    gold_docs: dict[Any, list[dict]] = defaultdict(list)
    for record in gold:
        # The document is annotated even if this record is dropped below.
        docs = gold_docs[record.get("doc")]
        if _known(record, known_actors):
            docs.append(record)
    pred_docs: dict[Any, list[dict]] = defaultdict(list)
    for record in predicted:
        if record.get("doc") in gold_docs and _known(record, known_actors):
            pred_docs[record.get("doc")].append(record)

    strict, relaxed = _Counts(), _Counts()
    per_relation: dict[str, _Counts] = {name: _Counts() for name in RELATION_TYPES}
    per_document: dict[str, dict[str, Any]] = {}
    errors: dict[str, dict[str, list]] = {}
    dated = dated_right = 0

    for doc in sorted(gold_docs, key=str):
        gold_keys = _reduce(gold_docs[doc], gold=True)
        pred_keys = _reduce(pred_docs.get(doc, []), gold=False)
        doc_strict, doc_relaxed = _Counts(), _Counts()
        false_positives: list[dict] = []
        misses: list[dict] = []

        for key, g in gold_keys.items():
            if not g.required:
                continue
            p = pred_keys.get(key)
            rel = per_relation.setdefault(key[1], _Counts())
            doc_strict.gold += 1
            doc_relaxed.gold += 1
            rel.gold += 1
            if p is None:
                misses.append(_key_record(key, g, predicted_modality=None))
                continue
            doc_relaxed.tp += 1
            if p.modality == g.modality:
                doc_strict.tp += 1
                rel.tp += 1
            else:
                misses.append(_key_record(key, g, predicted_modality=p.modality))
            for gold_date in g.required_dates:
                dated += 1
                dated_right += any(_date_matches(gold_date, d) for d in p.dates)

        for key, p in pred_keys.items():
            g = gold_keys.get(key)
            if g is not None and not g.required:
                continue  # an optional gold key: neither a hit nor a false positive
            rel = per_relation.setdefault(key[1], _Counts())
            doc_strict.predicted += 1
            doc_relaxed.predicted += 1
            rel.predicted += 1
            if g is None or g.modality != p.modality:
                false_positives.append(_key_record(key, p, gold_modality=None if g is None else g.modality))

        strict.add(doc_strict)
        relaxed.add(doc_relaxed)
        per_document[str(doc)] = {"strict": doc_strict.prf(), "relaxed": doc_relaxed.prf()}
        if false_positives or misses:
            errors[str(doc)] = {"false_positives": false_positives, "misses": misses}

    return {
        "strict": strict.prf(),
        "relaxed": relaxed.prf(),
        "per_relation": {
            name: {"f1": c.prf()["f1"], "tp": c.tp, "pred": c.predicted, "gold": c.gold}
            for name, c in per_relation.items()
        },
        "date_accuracy": _ratio(dated_right, dated) if dated else None,
        "per_document": per_document,
        "errors": errors,
    }
