"""Blocs and tensions: structural balance read as alliances.

Over a signed network (:func:`realpolitik.analysis.graph.build_network`, or any signed graph such
as :func:`realpolitik.analysis.signed_io.read_signed_edgelist` gives):

- :func:`balance_report` -- the frustration index with its method, optimality, lower bound and
  gap, the two opposed blocs that attain it, the triad census, and the frustrated edges named
  as the system's *tensions*, each with the triangles that make it one and its evidence;
- :func:`blocs` -- the partition into ``k`` opposed blocs (2 by default) that minimises
  frustration, with cohesion figures per bloc;
- :func:`network_balance` -- :func:`balance_report` on a store's network (what ``realpolitik
  balance --json`` prints);
- :func:`tensions` -- the naming of frustrated edges on its own.

A frustrated edge is a tie across the bloc line or a hostility inside a bloc. It is named by the
unbalanced triangles it lies on: in a ``+ + -`` triangle one actor is tied to two actors hostile to
each other ("AZE is tied to both ISR and IRN, which are hostile to each other"); in a ``- - -``
triangle all three are hostile to one another. An edge on no triangle is named by its blocs.

>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_edge("AZE", "ISR", sign=1, weight=5); G.add_edge("AZE", "IRN", sign=1, weight=2)
>>> G.add_edge("ISR", "IRN", sign=-1, weight=4)
>>> report = balance_report(G)
>>> report["frustration_index"], report["blocs"]
(2.0, [['AZE', 'ISR'], ['IRN']])
>>> report["frustrated_edges"][0]["tension"]
'AZE is tied to both ISR and IRN, which are hostile to each other'
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..errors import UsageError
from .cite import evidence
from .graph import build_network, load_weights

__all__ = ["balance_report", "blocs", "cohesion", "network_balance", "tensions"]

# The solver (:mod:`.balance`) imports scipy, which costs a quarter of a second: it is imported
# where it is used, so that importing the package (every CLI start) does not pay for it.

#: How many evidence sentences each tension carries.
EVIDENCE_PER_EDGE = 5


def _sign(G: nx.Graph, a: Any, b: Any) -> int:
    return G[a][b]["sign"]


def _weight(G: nx.Graph, a: Any, b: Any) -> float:
    return float(G[a][b].get("weight", 1.0))


def edge_evidence(G: nx.Graph, a: Any, b: Any, limit: int | None = EVIDENCE_PER_EDGE) -> list[dict[str, Any]]:
    """Evidence under the edge ``a``-``b``, the statements agreeing with its sign first, heaviest
    type first; empty for graphs without relations on their edges (e.g. read from CSV)."""
    d = G[a][b]
    rels = list(d.get("relations", ()))
    w = load_weights()
    rels.sort(key=lambda r: (-(w.types[r.relation] * d["sign"]), r.doc, r.span[0]))
    out = [evidence(r) for r in rels]
    return out if limit is None else out[:limit]


def _triad_text(pivot_or_nodes: tuple, kind: str) -> str:
    if kind == "++-":
        p, x, y = pivot_or_nodes
        return f"{p} is tied to both {x} and {y}, which are hostile to each other"
    x, y, z = pivot_or_nodes
    return f"{x}, {y} and {z} are all hostile to one another"


def _unbalanced_triads(G: nx.Graph, a: Any, b: Any) -> list[dict[str, Any]]:
    s_ab = _sign(G, a, b)
    out = []
    for c in nx.common_neighbors(G, a, b):
        s_ac, s_bc = _sign(G, a, c), _sign(G, b, c)
        if s_ab * s_ac * s_bc > 0:
            continue
        signs = {(a, b): s_ab, (a, c): s_ac, (b, c): s_bc}
        negatives = [pair for pair, s in signs.items() if s < 0]
        if len(negatives) == 1:
            x, y = negatives[0]
            pivot = ({a, b, c} - {x, y}).pop()
            if s_ab > 0:  # the edge a-b is the odd tie: its far end is named last
                x, y = c, (b if pivot == a else a)
            else:  # a-b is the hostility: the pivot's stronger tie first
                x, y = sorted((a, b), key=lambda n: (-_weight(G, pivot, n), str(n)))
            text, nodes = _triad_text((pivot, x, y), "++-"), [pivot, x, y]
        else:
            nodes = sorted((a, b, c), key=str)
            text = _triad_text(tuple(nodes), "---")
        strength = min(_weight(G, a, c), _weight(G, b, c))
        out.append({"nodes": nodes, "via": c, "text": text, "strength": strength})
    out.sort(key=lambda t: (-t["strength"], str(t["via"])))
    return out


def tensions(G: nx.Graph, partition: dict[Any, int], frustrated: list[tuple]) -> list[dict[str, Any]]:
    """Name each frustrated edge ``(u, v, sign, weight)`` of a split ``partition`` (node -> bloc)."""
    blocs: dict[int, list[Any]] = {}
    for x, p in partition.items():
        blocs.setdefault(p, []).append(x)
    out = []
    for u, v, s, w in frustrated:
        a, b = sorted((u, v), key=str)
        triads = _unbalanced_triads(G, a, b)
        kind = "tie across blocs" if s > 0 else "hostility within a bloc"
        if triads:
            text = triads[0]["text"]
        elif s > 0:
            mates_a = [x for x in sorted(blocs[partition[a]], key=str) if x != a][:3]
            mates_b = [x for x in sorted(blocs[partition[b]], key=str) if x != b][:3]
            text = (f"{a} and {b} are tied across the bloc line"
                    + (f" ({a} sides with {', '.join(map(str, mates_a))}" if mates_a else f" ({a} alone")
                    + (f"; {b} with {', '.join(map(str, mates_b))})" if mates_b else f"; {b} alone)"))
        else:
            mates = [x for x in sorted(blocs[partition[a]], key=str) if x not in (a, b)][:3]
            text = f"{a} and {b} are hostile inside one bloc" + (
                f" (with {', '.join(map(str, mates))})" if mates else "")
        d = G[a][b]
        out.append(
            {
                "a": a,
                "b": b,
                "sign": s,
                "weight": float(w),
                "kind": kind,
                "tension": text,
                "triads": [{k: t[k] for k in ("nodes", "via", "text")} for t in triads],
                "evidence": edge_evidence(G, a, b),
                "against": [evidence(r) for r in d.get("against", ())],
            }
        )
    return out


def cohesion(G: nx.Graph, groups: list[list[Any]], *, weight: str | None = "weight") -> list[dict[str, Any]]:
    """Per bloc: its members, the positive and negative weight inside it, ``cohesion`` (the share of
    the weight inside it that is positive; ``None`` without inner edges) and ``opposition`` (the
    share of the weight from it to other blocs that is negative; ``None`` without such edges).

    >>> G = nx.Graph(); G.add_edge("A", "B", sign=1); G.add_edge("A", "C", sign=-1)
    >>> [c["cohesion"] for c in cohesion(G, [["A", "B"], ["C"]], weight=None)]
    [1.0, None]
    """
    where = {x: i for i, g in enumerate(groups) for x in g}
    inner_pos = [0.0] * len(groups)
    inner_neg = [0.0] * len(groups)
    out_pos = [0.0] * len(groups)
    out_neg = [0.0] * len(groups)
    for a, b, d in G.edges(data=True):
        w = 1.0 if weight is None else float(d.get(weight, 1.0))
        pa, pb = where.get(a), where.get(b)
        if pa is None or pb is None:
            continue
        if pa == pb:
            (inner_pos if d["sign"] > 0 else inner_neg)[pa] += w
        else:
            for p in (pa, pb):
                (out_pos if d["sign"] > 0 else out_neg)[p] += w
    result = []
    for i, g in enumerate(groups):
        inner = inner_pos[i] + inner_neg[i]
        outer = out_pos[i] + out_neg[i]
        result.append(
            {
                "members": list(g),
                "internal_positive": inner_pos[i],
                "internal_negative": inner_neg[i],
                "cohesion": inner_pos[i] / inner if inner else None,
                "external_positive": out_pos[i],
                "external_negative": out_neg[i],
                "opposition": out_neg[i] / outer if outer else None,
            }
        )
    return result


def balance_report(
    G: nx.Graph, *, time_limit: float | None = 30.0, method: str = "auto", seed: int | None = 0
) -> dict[str, Any]:
    """Structural balance of a signed graph as plain data (see the module docstring).

    Keys: ``nodes``, ``edges``, ``frustration_index`` (L, the least total weight of frustrated
    edges), ``normalised`` (``1 - 2L/W``, W the total edge weight; named in ``normalisation``),
    ``method`` (``"exact"`` or ``"heuristic"``), ``optimal``, ``lower_bound``, ``gap``, ``seconds``,
    ``blocs`` (two lists, larger first), ``cohesion`` (per bloc, see :func:`cohesion`), ``triads``
    (:func:`~realpolitik.analysis.balance.triad_census`) and ``frustrated_edges`` (the tensions,
    see :func:`tensions`, heaviest first).
    """
    from .balance import frustration_index, triad_census

    r = frustration_index(G, time_limit=time_limit, method=method, seed=seed)
    census = triad_census(G)
    census["unbalanced_triangles"] = [list(t) for t in census["unbalanced_triangles"]]
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "frustration_index": r.frustration_index,
        "normalised": r.normalised,
        "normalisation": "1 - 2L/W, W = total edge weight (1 balanced, 0 as far from balance as possible)",
        "method": r.method,
        "optimal": r.optimal,
        "lower_bound": r.lower_bound,
        "gap": r.gap,
        "seconds": r.seconds,
        "blocs": r.blocs,
        "cohesion": cohesion(G, r.blocs),
        "triads": census,
        "frustrated_edges": tensions(G, r.partition, r.frustrated_edges),
    }


def network_balance(
    store: Any,
    *,
    at: str | None = None,
    since: str | None = None,
    until: str | None = None,
    layer: str | None = None,
    time_limit: float | None = 30.0,
) -> dict[str, Any]:
    """:func:`balance_report` on the signed network of a store (or of a list of relations) at a
    date or over a window, optionally one layer: the dict ``realpolitik balance --json`` prints."""
    G = build_network(store, at=at, since=since, until=until, layer=layer)
    report = balance_report(G, time_limit=time_limit)
    report["window"] = {"since": G.graph.get("since"), "until": G.graph.get("until"), "layer": layer}
    report["undated_left_out"] = G.graph.get("undated", 0)
    return report


def blocs(
    G: nx.Graph, k: int = 2, *, time_limit: float | None = 30.0, seed: int | None = 0
) -> dict[str, Any]:
    """The partition of the actors into at most ``k`` opposed blocs that minimises frustration.

    For ``k = 2`` this is the split of :func:`balance_report` (the frustration index); for larger
    ``k`` generalised balance (:func:`~realpolitik.analysis.balance.k_partition`): the least
    weight of ties between blocs plus hostilities inside them. Returns ``k``, ``blocs`` (lists of
    ids, largest first), ``cost``, ``method``, ``optimal``, ``lower_bound``, ``cohesion`` (per bloc,
    see :func:`cohesion`), ``between_negative`` (the share of the weight between blocs that is
    hostile) and ``frustrated_edges`` (the ties that break the split, named as in
    :func:`tensions`).

    >>> G = nx.Graph()
    >>> for a, b in [("A", "B"), ("C", "D"), ("E", "F")]:
    ...     G.add_edge(a, b, sign=1)
    >>> for a, b in [("A", "C"), ("A", "E"), ("C", "E")]:
    ...     G.add_edge(a, b, sign=-1)
    >>> blocs(G, 3)["blocs"], blocs(G)["cost"]
    ([['A', 'B'], ['C', 'D'], ['E', 'F']], 1.0)
    """
    from .balance import frustration_index, k_partition

    if isinstance(k, bool) or not isinstance(k, int) or k < 2:
        raise UsageError(f"k must be an integer >= 2, not {k!r}")
    if k == 2:
        r = frustration_index(G, time_limit=time_limit, seed=seed)
        groups = [g for g in r.blocs if g]
        partition, frustrated = r.partition, r.frustrated_edges
        head = {"cost": r.frustration_index, "method": r.method, "optimal": r.optimal,
                "lower_bound": r.lower_bound}
    else:
        res = k_partition(G, k, time_limit=time_limit, seed=seed)
        groups, partition = res["blocs"], res["partition"]
        frustrated = []
        for a, b, d in G.edges(data=True):
            if (partition[a] == partition[b]) != (d["sign"] > 0):
                frustrated.append((a, b, d["sign"], float(d.get("weight", 1.0))))
        frustrated.sort(key=lambda e: (-e[3], str(e[0]), str(e[1])))
        head = {k_: res[k_] for k_ in ("cost", "method", "optimal", "lower_bound")}
    figures = cohesion(G, groups)
    between = sum(c["external_positive"] + c["external_negative"] for c in figures) / 2
    between_neg = sum(c["external_negative"] for c in figures) / 2
    return {
        "k": k,
        "blocs": groups,
        **head,
        "cohesion": figures,
        "between_negative": between_neg / between if between else None,
        "frustrated_edges": tensions(G, partition, frustrated),
    }
