"""Where sources disagree.

:func:`contradictions` reads every stored relation and reports, with the conflicting statements
side by side:

``quantity``
    one supply relation (same key) stated with different amounts ("more than 60 percent" vs "up
    to 40 percent"), or in different units;
``reference``
    the same amount stated as a share of different things: another total, another actor's, or
    another good ("40 percent of Israel's consumption" vs "40 percent of Israel's arms imports"
    for Azerbaijan's oil to Israel), read by :func:`realpolitik.analysis.leverage.read_share`;
``date``
    one event given different dates: a key of a once-only type (a recognition) dated differently,
    or near-identical sentences (the same report) from different documents with different dates;
    dates compare at the coarser precision, so ``1991`` and ``1991-12-25`` agree;
``modality``
    one key both asserted and negated, unless the two statements are dated in different years (a
    change, not a disagreement);
``sign``
    one pair described as cooperative by one document and as hostile by another in the same
    period (the same year, or both without a date): each document's statements about the pair are
    summed with the weights table and the signs of the sums compared.

>>> from realpolitik.model import Relation
>>> rels = [Relation("d1", "ARM", "armed_conflict", "AZE", "asserted", "Armenia and Azerbaijan are at war.", (0, 34)),
...         Relation("d2", "AZE", "armed_conflict", "ARM", "negated", "There is no war between them.", (0, 29))]
>>> [(c["kind"], c["key"]) for c in contradictions(rels)]
[('modality', ['ARM', 'armed_conflict', 'AZE'])]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..model import Relation
from ..ontology import relation_key
from .cite import evidence
from .graph import load_weights, relations_of
from .leverage import good_of, read_share

__all__ = ["ONCE_ONLY", "contradictions"]

#: Relation types that happen once per pair and direction: two dates for one are a disagreement.
ONCE_ONLY = frozenset({"diplomatic_recognition"})
#: Word-set Jaccard similarity above which two sentences are taken to report the same event.
SAME_REPORT = 0.6
#: Relative difference above which two amounts disagree.
AMOUNT_TOLERANCE = 0.05
KINDS = ("quantity", "reference", "date", "modality", "sign")

_WORD = re.compile(r"\w+")


def _claim(r: Relation, **extra: Any) -> dict[str, Any]:
    return {**evidence(r), **extra}


def _key(r: Relation) -> tuple[str, str, str]:
    return relation_key(r.source, r.relation, r.target)


def _dates_agree(a: str, b: str) -> bool:
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _similar(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= SAME_REPORT


def _amounts_differ(a: Relation, b: Relation) -> bool:
    qa, qb = a.quantity, b.quantity
    assert qa is not None and qb is not None
    if qa.unit != qb.unit:
        return True
    top = max(abs(qa.value), abs(qb.value))
    return top > 0 and abs(qa.value - qb.value) > AMOUNT_TOLERANCE * top


def _quantities(rels: list[Relation]) -> list[dict[str, Any]]:
    out = []
    groups: dict[tuple[str, str, str], list[Relation]] = {}
    for r in rels:
        if r.quantity is not None and r.modality == "asserted" and good_of(r) is not None:
            groups.setdefault(_key(r), []).append(r)
    for key, group in sorted(groups.items()):
        if len(group) < 2:
            continue
        good = good_of(group[0]) or ""
        readings = {id(r): read_share(r, good_of(r) or good) for r in group}

        def ref(r: Relation, readings: dict = readings) -> tuple:
            s = readings[id(r)]
            return (None,) if s is None else (s.reference, s.possessor, s.goods_named)

        pairs = [(a, b) for i, a in enumerate(group) for b in group[i + 1 :]]
        differ = [p for p in pairs if _amounts_differ(*p)]
        kind = "quantity" if differ else ("reference" if any(ref(a) != ref(b) for a, b in pairs) else None)
        if kind is None:
            continue
        claims = []
        for r in group:
            s = readings[id(r)]
            claims.append(_claim(r, value=r.quantity.to_dict() if r.quantity else None,
                                 reading=s.to_dict() if s is not None else None))
        texts = " vs ".join(f'"{r.quantity.text}" ({r.doc})' for r in group if r.quantity)
        out.append({"kind": kind, "key": list(key), "summary": f"{' '.join(key)}: {texts}", "claims": claims,
                    "documents": sorted({r.doc for r in group})})
    return out


def _dates(rels: list[Relation]) -> list[dict[str, Any]]:
    out = []
    groups: dict[tuple[str, str, str], list[Relation]] = {}
    for r in rels:
        if r.modality == "asserted" and r.date and r.date_source == "text":
            groups.setdefault(_key(r), []).append(r)
    for key, group in sorted(groups.items()):
        clash: list[Relation] = []
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if _dates_agree(a.date or "", b.date or ""):
                    continue
                once = key[1] in ONCE_ONLY
                same_report = a.doc != b.doc and _similar(a.evidence, b.evidence)
                if once or same_report:
                    clash += [x for x in (a, b) if x not in clash]
        if clash:
            dates = " vs ".join(f"{r.date} ({r.doc})" for r in clash)
            out.append({"kind": "date", "key": list(key), "summary": f"{' '.join(key)} dated {dates}",
                        "claims": [_claim(r) for r in clash], "documents": sorted({r.doc for r in clash})})
    return out


def _modalities(rels: list[Relation]) -> list[dict[str, Any]]:
    out = []
    groups: dict[tuple[str, str, str], list[Relation]] = {}
    for r in rels:
        if r.modality in ("asserted", "negated"):
            groups.setdefault(_key(r), []).append(r)
    for key, group in sorted(groups.items()):
        yes = [r for r in group if r.modality == "asserted"]
        no = [r for r in group if r.modality == "negated"]
        if not yes or not no:
            continue

        def year(r: Relation) -> str | None:
            return r.date[:4] if r.date and r.date_source == "text" else None

        clashing = [
            (a, b) for a in yes for b in no if year(a) is None or year(b) is None or year(a) == year(b)
        ]
        if not clashing:
            continue
        ys = list({id(a): a for a, _ in clashing}.values())
        ns = list({id(b): b for _, b in clashing}.values())
        out.append({
            "kind": "modality", "key": list(key),
            "summary": f"{' '.join(key)} asserted in {', '.join(sorted({r.doc for r in ys}))} "
                       f"and negated in {', '.join(sorted({r.doc for r in ns}))}",
            "claims": [_claim(r) for r in ys + ns], "documents": sorted({r.doc for r in ys + ns}),
        })
    return out


def _signs(rels: list[Relation]) -> list[dict[str, Any]]:
    w = load_weights()
    per: dict[tuple[tuple[str, str], str | None], dict[str, list[Relation]]] = {}
    for r in rels:
        if r.modality != "asserted" or r.source == r.target or w.types[r.relation] == 0:
            continue
        pair = tuple(sorted((r.source, r.target)))
        period = r.date[:4] if r.date and r.date_source != "none" else None
        per.setdefault((pair, period), {}).setdefault(r.doc, []).append(r)  # type: ignore[arg-type]
    out = []
    for (pair, period), docs in sorted(per.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        net = {d: sum(w.types[r.relation] for r in {(_key(r)): r for r in rs}.values()) for d, rs in docs.items()}
        pos = sorted(d for d, v in net.items() if v > 0)
        neg = sorted(d for d, v in net.items() if v < 0)
        if not pos or not neg:
            continue
        claims = []
        for d in pos + neg:
            sign = 1 if d in pos else -1
            claims += [_claim(r, doc_sign=sign) for r in docs[d] if (w.types[r.relation] > 0) == (sign > 0)][:3]
        when = f"in {period}" if period else "(undated)"
        out.append({
            "kind": "sign", "key": list(pair), "period": period,
            "summary": f"{pair[0]}-{pair[1]} {when}: cooperative in {', '.join(pos)}, hostile in {', '.join(neg)}",
            "claims": claims, "documents": pos + neg,
        })
    return out


def contradictions(store: Any) -> list[dict[str, Any]]:
    """Disagreements between statements in a store (or an iterable of relations): see the module
    docstring. Each: ``kind``, ``key`` (a relation key, or a pair for ``sign``), ``summary``,
    ``claims`` (the statements, with their evidence), ``documents``; ordered by kind, then key."""
    rels, _text = relations_of(store)
    return [*_quantities(rels), *_dates(rels), *_modalities(rels), *_signs(rels)]


def involving(items: Iterable[dict[str, Any]], actor: str) -> list[dict[str, Any]]:
    """The contradictions whose key names ``actor``."""
    return [c for c in items if actor in c["key"]]
