""""The enemy of my enemy": signs implied by common neighbours, with the triads that imply them.

:func:`infer` looks at pairs of actors with no direct tie, and at pairs whose ties contradict each
other (a *mixed* edge, with both cooperative and hostile evidence, or a pair whose evidence
cancels out), and gives the sign their common neighbours imply: each common neighbour C implies
``sign(A, C) x sign(C, B)`` -- two actors hostile to the same third are implied allies, two tied to
it implied friends, one tied and one hostile implied adversaries. The majority wins (0 on a tie);
each triad is listed with its reading and its evidence.

>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_edge("ISR", "IRN", sign=-1, weight=4); G.add_edge("TUR", "IRN", sign=-1, weight=4)
>>> [(d["a"], d["b"], d["sign"], d["via"], d["triads"][0]["text"]) for d in infer(G)]
[('ISR', 'TUR', 1, ['IRN'], 'ISR and TUR are both hostile to IRN')]
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from .blocs import edge_evidence

__all__ = ["contested_pairs", "infer"]

#: Evidence sentences shown per edge of a triad.
EVIDENCE_PER_EDGE = 2


def contested_pairs(G: nx.Graph) -> list[tuple[Any, Any]]:
    """Pairs whose direct evidence contradicts itself: mixed edges and cancelled pairs."""
    pairs = [(a, b) for a, b, d in G.edges(data=True) if d.get("positive", 0) > 0 and d.get("negative", 0) > 0]
    pairs += [tuple(p) for p in G.graph.get("cancelled", ()) if p[0] in G and p[1] in G]
    return pairs


def _reading(a: Any, b: Any, c: Any, s_ac: int, s_cb: int) -> str:
    if s_ac < 0 and s_cb < 0:
        return f"{a} and {b} are both hostile to {c}"
    if s_ac > 0 and s_cb > 0:
        return f"{a} and {b} are both tied to {c}"
    tied, hostile = (a, b) if s_ac > 0 else (b, a)
    return f"{tied} is tied to {c}, which is hostile to {hostile}"


def infer(G: nx.Graph, *, min_paths: int = 1, contested: list[tuple[Any, Any]] | None = None) -> list[dict[str, Any]]:
    """Implied signs for unlinked and contested pairs (see the module docstring).

    Each result: ``a``, ``b``, ``sign`` (+1, -1, or 0 when the neighbours disagree evenly),
    ``via`` (the common neighbours that agree with the sign), ``via_against``, ``support``,
    ``against``, ``edge_sign`` (the direct tie's sign, ``None`` without one), ``status`` (``"no
    direct tie"``, ``"contested tie"`` or ``"cancelled"``), and ``triads``: per common neighbour its
    two signs, what it implies, a reading ("ISR and TUR are both hostile to IRN") and the evidence
    of both edges. ``contested`` defaults to :func:`contested_pairs`. Most supported first.
    """
    from .balance import implied_signs  # scipy on first use (see blocs.py)

    pairs = contested_pairs(G) if contested is None else list(contested)
    cancelled = {frozenset(p) for p in G.graph.get("cancelled", ())}
    out = []
    for d in implied_signs(G, min_paths=min_paths, contested=pairs):
        a, b = d["a"], d["b"]
        triads = []
        for c in [*d["via"], *d["via_against"]]:
            s_ac, s_cb = G[a][c]["sign"], G[c][b]["sign"]
            triads.append(
                {
                    "via": c,
                    "signs": [s_ac, s_cb],
                    "implies": s_ac * s_cb,
                    "text": _reading(a, b, c, s_ac, s_cb),
                    "evidence": {
                        f"{a}-{c}": edge_evidence(G, a, c, EVIDENCE_PER_EDGE),
                        f"{c}-{b}": edge_evidence(G, c, b, EVIDENCE_PER_EDGE),
                    },
                }
            )
        if d["edge_sign"] is not None:
            status = "contested tie"
        elif frozenset((a, b)) in cancelled:
            status = "cancelled"
        else:
            status = "no direct tie"
        out.append({**d, "status": status, "triads": triads})
    return out
