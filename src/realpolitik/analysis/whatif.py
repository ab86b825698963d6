"""What-if: recompute balance, blocs, tensions and leverage with hypothetical relations.

:func:`whatif` takes the store's relations, adds hypothetical ones (``"AZE diplomatic_upgrade
ISR"``: source, type, target, each counted as one more independent asserted statement) and
removes others (``"ARM armed_conflict AZE"``: every statement of that key; ``"ARM AZE"``: every
statement between the pair), then compares the two worlds: the frustration index, the blocs
(and who changed side), the tensions gained and resolved, the edges whose sign or weight changed,
and the supply lines gained or lost. The ``possible`` relations the texts mention ("Turkey may
normalise relations with Armenia") are listed as ``candidates``, each ready to be added.

>>> from realpolitik.model import Relation
>>> rels = [Relation("d", "AZE", "hostility", "IRN", "asserted", "Baku and Tehran are rivals.", (0, 27)),
...         Relation("d", "IRN", "hostility", "ISR", "asserted", "Iran and Israel are foes.", (28, 53))]
>>> r = whatif(rels, add=["AZE alignment ISR"])
>>> r["before"]["frustration_index"], r["after"]["frustration_index"], r["changes"]["edges"][0]["pair"]
(0.0, 0.0, ['AZE', 'ISR'])
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..errors import UsageError
from ..model import Relation
from ..ontology import RELATION_TYPES, relation_key
from .blocs import balance_report
from .cite import evidence
from .graph import relations_of
from .leverage import leverage
from .views import network_from

__all__ = ["HYPOTHETICAL_DOC", "candidates", "parse_spec", "whatif"]

#: The document id hypothetical relations carry.
HYPOTHETICAL_DOC = "what-if"


def parse_spec(spec: str, *, pair_ok: bool = False) -> tuple[str, str | None, str]:
    """``"AZE diplomatic_upgrade ISR"`` -> ``("AZE", "diplomatic_upgrade", "ISR")``; with
    ``pair_ok``, ``"ARM AZE"`` -> ``("ARM", None, "AZE")``.

    >>> parse_spec("aze diplomatic_upgrade isr")
    ('AZE', 'diplomatic_upgrade', 'ISR')
    """
    parts = spec.split()
    if len(parts) == 2 and pair_ok:
        a, b = (p.upper() for p in parts)
        return a, None, b
    if len(parts) != 3:
        form = '"SOURCE TYPE TARGET"' + (' or "A B"' if pair_ok else "")
        raise UsageError(f"a hypothetical relation is written {form}, e.g. \"AZE diplomatic_upgrade ISR\"; got {spec!r}")
    source, rel, target = parts
    if rel not in RELATION_TYPES:
        raise UsageError(f"unknown relation type {rel!r} in {spec!r}; known: {', '.join(RELATION_TYPES)}")
    if source.upper() == target.upper():
        raise UsageError(f"{spec!r}: an actor cannot relate to itself")
    return source.upper(), rel, target.upper()


def candidates(relations: Iterable[Relation]) -> list[dict[str, Any]]:
    """The ``possible`` relations, one per key, with their evidence, most documents first."""
    groups: dict[tuple[str, str, str], list[Relation]] = {}
    for r in relations:
        if r.modality == "possible" and r.source != r.target:
            groups.setdefault(relation_key(r.source, r.relation, r.target), []).append(r)
    out = [
        {"add": " ".join(key), "source": key[0], "relation": key[1], "target": key[2],
         "documents": sorted({r.doc for r in rels}), "evidence": [evidence(r) for r in rels]}
        for key, rels in groups.items()
    ]
    out.sort(key=lambda c: (-len(c["documents"]), c["add"]))
    return out


def _summary(report: dict[str, Any], lines: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "frustration_index": report["frustration_index"],
        "normalised": report["normalised"],
        "method": report["method"],
        "optimal": report["optimal"],
        "blocs": report["blocs"],
        "tensions": [{k: t[k] for k in ("a", "b", "sign", "weight", "tension")} for t in report["frustrated_edges"]],
        "leverage": [{k: x[k] for k in ("supplier", "dependent", "good", "share")} for x in lines],
    }


def _moved(before: list[list[str]], after: list[list[str]]) -> list[dict[str, Any]]:
    """Actors whose bloc changed: blocs are matched one to one, largest overlap first (the labels
    of blocs mean nothing), and an actor moved when its after-bloc is not matched to its
    before-bloc."""
    overlaps = sorted(
        ((len(set(a) & set(b)), -i, -j, i, j) for i, b in enumerate(before) for j, a in enumerate(after)),
        reverse=True,
    )
    match: dict[int, int] = {}  # after index -> before index
    used: set[int] = set()
    for size, _, _, i, j in overlaps:
        if size and j not in match and i not in used:
            match[j] = i
            used.add(i)
    where_before = {x: i for i, b in enumerate(before) for x in b}
    out = []
    for j, group in enumerate(after):
        for x in group:
            if x in where_before and match.get(j) != where_before[x]:
                out.append({"actor": x, "left": before[where_before[x]], "joined": group})
    return out


def whatif(
    store: Any,
    add: Iterable[str] = (),
    remove: Iterable[str] = (),
    *,
    time_limit: float | None = 10.0,
) -> dict[str, Any]:
    """Compare the network of a store (or an iterable of relations) with the same network plus the
    relations in ``add`` and minus those in ``remove`` (see the module docstring)."""
    adds = [parse_spec(s) for s in add]
    removes = [parse_spec(s, pair_ok=True) for s in remove]
    if not adds and not removes:
        raise UsageError("give at least one relation to --add or --remove")
    base, text = relations_of(store)
    changed = list(base)
    removed_count = {}
    for a, rel, b in removes:
        if rel is None:
            keep = [r for r in changed if {r.source, r.target} != {a, b}]
        else:
            key = relation_key(a, rel, b)
            keep = [r for r in changed if relation_key(r.source, r.relation, r.target) != key]
        removed_count[" ".join(x for x in (a, rel, b) if x)] = len(changed) - len(keep)
        changed = keep
    hypothetical = [
        Relation(HYPOTHETICAL_DOC, a, rel, b, "asserted", f"hypothetical: {a} {rel} {b}", (0, 0),
                 date=None, date_source="none", trigger="what-if")
        for a, rel, b in adds
        if rel is not None
    ]
    changed += hypothetical
    G0, G1 = network_from(base, text), network_from(changed, text)
    r0, r1 = balance_report(G0, time_limit=time_limit), balance_report(G1, time_limit=time_limit)
    l0, l1 = leverage(base), leverage(changed)
    t0 = {(t["a"], t["b"]): t for t in r0["frustrated_edges"]}
    t1 = {(t["a"], t["b"]): t for t in r1["frustrated_edges"]}
    edges = []
    for a, b in sorted({tuple(sorted(e)) for e in (*G0.edges, *G1.edges)}):
        e0 = G0.get_edge_data(a, b)
        e1 = G1.get_edge_data(a, b)
        f0 = (e0["sign"], e0["weight"]) if e0 else None
        f1 = (e1["sign"], e1["weight"]) if e1 else None
        if f0 != f1:
            edges.append({
                "pair": [a, b],
                "before": None if f0 is None else {"sign": f0[0], "weight": f0[1]},
                "after": None if f1 is None else {"sign": f1[0], "weight": f1[1]},
            })
    k0 = {(x["supplier"], x["dependent"], x["good"]): x for x in l0}
    k1 = {(x["supplier"], x["dependent"], x["good"]): x for x in l1}
    return {
        "added": [{"source": a, "relation": rel, "target": b} for a, rel, b in adds],
        "removed": [{"spec": k, "statements": n} for k, n in removed_count.items()],
        "before": _summary(r0, l0),
        "after": _summary(r1, l1),
        "changes": {
            "frustration_index": [r0["frustration_index"], r1["frustration_index"]],
            "moved": _moved(r0["blocs"], r1["blocs"]),
            "tensions_gained": [{"pair": list(k), "tension": t1[k]["tension"]} for k in sorted(set(t1) - set(t0))],
            "tensions_resolved": [{"pair": list(k), "tension": t0[k]["tension"]} for k in sorted(set(t0) - set(t1))],
            "edges": edges,
            "leverage_gained": [list(k) for k in sorted(set(k1) - set(k0))],
            "leverage_lost": [list(k) for k in sorted(set(k0) - set(k1))],
        },
        "candidates": candidates(base),
    }
