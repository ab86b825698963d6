"""Structural balance on signed graphs: triads, the frustration index, k-bloc splits and implied signs.

A *signed graph* is an undirected :class:`networkx.Graph` whose edges carry ``sign`` (+1 alliance,
-1 hostility) and optionally a positive ``weight`` (default 1; pass ``weight=None`` to ignore
weights). Self-loops, directed graphs and multigraphs are refused with a
:class:`~realpolitik.errors.UsageError` (:func:`realpolitik.analysis.signed_io.read_signed_edgelist`
combines parallel evidence into one edge).

A graph is *balanced* (Cartwright & Harary 1956) when its nodes split into two blocs with every
positive edge inside a bloc and every negative edge between them; equivalently, every cycle has an
even number of negative edges. The *frustration index* (Harary's line index of balance) is the least
total weight of edges whose removal, or sign flip, makes the graph balanced; those edges are the
*frustrated* edges of an optimal two-bloc split.

Functions (all pure, none touches the store):

- :func:`triad_census` -- balanced and unbalanced triangles, counted and weighted.
- :func:`frustration_index` -- the frustration index with its optimal split, exactly (integer
  programming with HiGHS through :func:`scipy.optimize.milp`) or by local search.
- :func:`k_partition` -- generalised balance with up to ``k`` blocs (Doreian & Mrvar 1996).
- :func:`implied_signs` -- "the enemy of my enemy" inference for unlinked or contested pairs.

How the exact frustration index is computed, and why:

1. The index is additive over *blocks* (biconnected components): every cycle lies inside one
   block, so each block is solved on its own and bridges are never frustrated.
2. Inside a block, nodes of degree <= 2 are eliminated (series-parallel reduction): a chain
   ``u - v - w`` is exactly replaced by one edge ``u - w`` whose cost for "same side" and
   "different sides" is the best over ``v``; parallel edges are merged and a constant is carried.
   News networks are sparse, so this often removes most of the graph; the eliminated nodes are put
   back afterwards, each on its cheaper side given its neighbours.
3. A multi-start local search (below) gives an upper bound and a start; a packing of edge-disjoint
   unbalanced cycles gives a lower bound. When they meet, the answer is proved optimal at once.
4. Otherwise the "XOR" model of Aref, Mason & Wilson (binary side ``x_i`` per node, continuous
   frustration ``f_ij`` per edge, two inequalities per edge, one node per component fixed to break
   the symmetry of swapping the two blocs) is strengthened before HiGHS sees it: a cutting-plane
   loop on the linear relaxation adds violated *cycle inequalities* -- for every cycle ``C`` and
   every edge set ``T`` in ``C`` whose size has the wrong parity for ``C``'s sign,
   ``sum(f, C - T) + sum(1 - f, T) >= 1`` -- found exactly by shortest paths in a doubled graph
   (Barahona & Mahjoub 1986). Unbalanced-triangle inequalities, the valid inequalities of Aref et
   al., are the smallest case. The binding ones go into the integer program, which HiGHS solves with
   the local-search value as an objective cut-off. :func:`scipy.optimize.milp` cannot take a
   starting solution or branching priorities, so those two devices of the papers are replaced by
   the cut-off and by HiGHS's own branching.

References: Harary (1959) "On the measurement of structural balance"; Barahona & Mahjoub (1986)
"On the cut polytope"; Aref, Mason & Wilson (2018) "Computing the line index of balance using
integer programming optimisation"; Aref, Mason & Wilson (2020) "A modeling and computational study
of the frustration index in signed networks"; Doreian & Mrvar (1996) "A partitioning approach to
structural balance".
"""

from __future__ import annotations

import heapq
import math
import random
import time
import warnings
from collections import deque
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse.csgraph import connected_components, dijkstra
from scipy.sparse.linalg import ArpackError, eigsh

from ..errors import UsageError

__all__ = ["BalanceResult", "frustration_index", "implied_signs", "k_partition", "triad_census"]

Node = Hashable
SignedEdge = tuple[Node, Node, int, float]

METHODS = ("auto", "exact", "heuristic")
#: ``method="auto"`` uses the exact path for blocks with at most this many edges after reduction.
#: On random graphs with half the edges negative (the hardest case) the exact path proves
#: optimality in seconds up to ~100 nodes / 500 edges and beyond that returns the local-search
#: answer with a certified gap; on bloc-structured graphs it proves far larger ones.
#: Above this size building the cut loop costs more than it tends to return.
AUTO_EXACT_MAX_EDGES = 5000
#: ``k_partition`` tries the exact model only up to this many (edges x blocs).
K_EXACT_MAX_SIZE = 3000

# HiGHS options scipy passes through verbatim: strong branching spends most of the time on these
# models for little gain (measured: ~2-3x faster without it).
_HIGHS_EXTRA = {"mip_pscost_minreliable": 0}


# ---------------------------------------------------------------------------------------------
# Input checking and small helpers


def _signed_edges(G: nx.Graph, weight: str | None) -> list[SignedEdge]:
    """Check ``G`` once and return its edges as ``(u, v, sign, weight)`` with sign in {+1, -1}."""
    if not isinstance(G, nx.Graph) or G.is_directed() or G.is_multigraph():
        raise UsageError(
            "balance analysis needs an undirected networkx.Graph (not directed, not a multigraph); "
            "combine parallel edges first, e.g. with signed_io.combine_signed_edges"
        )
    out: list[SignedEdge] = []
    for u, v, d in G.edges(data=True):
        if u == v:
            raise UsageError(f"self-loop on {u!r}: an actor cannot be its own ally or enemy")
        s = d.get("sign")
        if isinstance(s, bool) or s not in (1, -1):
            raise UsageError(f"edge ({u!r}, {v!r}) has sign {s!r}; expected +1 or -1")
        w = 1.0 if weight is None else d.get(weight, 1.0)
        try:
            w = float(w)
        except (TypeError, ValueError):
            raise UsageError(f"edge ({u!r}, {v!r}) has non-numeric {weight} {w!r}") from None
        if not (math.isfinite(w) and w > 0):
            raise UsageError(f"edge ({u!r}, {v!r}) has {weight} {w!r}; weights must be finite and > 0")
        out.append((u, v, 1 if s > 0 else -1, w))
    return out


def _sorted(nodes: Iterable[Node]) -> list[Node]:
    """Sort node names; mixed, unorderable types fall back to their repr."""
    nodes = list(nodes)
    try:
        return sorted(nodes)
    except TypeError:
        return sorted(nodes, key=repr)


def _rng(seed: int | random.Random | None) -> random.Random:
    return seed if isinstance(seed, random.Random) else random.Random(seed)


def _remaining(deadline: float | None) -> float:
    return math.inf if deadline is None else deadline - time.perf_counter()


def _solve_milp(c, integrality, bounds, constraints, options) -> Any:
    # scipy warns that options it does not know are passed to HiGHS verbatim: that is intended.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Unrecognized options", category=RuntimeWarning)
        return milp(c, integrality=integrality, bounds=bounds, constraints=constraints, options=options)


# ---------------------------------------------------------------------------------------------
# Triads


def triad_census(G: nx.Graph, *, weight: str | None = "weight") -> dict[str, Any]:
    """Count balanced and unbalanced triangles of a signed graph.

    A triangle is balanced when the product of its three signs is positive (``+++``: friends of
    friends; ``+--``: the enemy of my enemy). ``++-`` and ``---`` are unbalanced; ``---`` is the
    triad Davis's *weak* balance accepts, so ``by_type`` keeps the four kinds apart.

    The weight of a triangle is the geometric mean of its three edge weights (as in Onnela et al.'s
    weighted clustering): it stays in edge-weight units, equals 1 when the graph is unweighted, and a
    triangle with one faint tie counts less than one of three strong ties.

    Returns a dict with ``triangles``, ``balanced``, ``unbalanced``, ``by_type`` (counts of
    ``+++``, ``++-``, ``+--``, ``---``), ``balance_ratio`` (share of triangles balanced, ``None``
    when there are none), ``weighted_balanced``, ``weighted_unbalanced``,
    ``weighted_balance_ratio`` and ``unbalanced_triangles`` (sorted tuples of three nodes).

    >>> G = nx.Graph()
    >>> G.add_edge("A", "B", sign=-1); G.add_edge("B", "C", sign=-1); G.add_edge("A", "C", sign=1)
    >>> G.add_edge("C", "D", sign=1); G.add_edge("B", "D", sign=1)
    >>> census = triad_census(G)
    >>> census["balanced"], census["unbalanced"], census["unbalanced_triangles"]
    (1, 1, [('B', 'C', 'D')])
    """
    edges = _signed_edges(G, weight)
    order = {v: i for i, v in enumerate(G)}
    adj: dict[Node, dict[Node, tuple[int, float]]] = {v: {} for v in G}
    for u, v, s, w in edges:
        adj[u][v] = (s, w)
        adj[v][u] = (s, w)
    by_type = {"+++": 0, "++-": 0, "+--": 0, "---": 0}
    names = ("+++", "++-", "+--", "---")
    wb = wu = 0.0
    unbalanced: list[tuple[Node, ...]] = []
    for u in G:
        higher = [v for v in adj[u] if order[v] > order[u]]
        for v in higher:
            for x in adj[v]:
                if order[x] <= order[v] or x not in adj[u]:
                    continue
                (s1, w1), (s2, w2), (s3, w3) = adj[u][v], adj[v][x], adj[u][x]
                negatives = (s1 < 0) + (s2 < 0) + (s3 < 0)
                by_type[names[negatives]] += 1
                tw = (w1 * w2 * w3) ** (1.0 / 3.0)
                if negatives % 2 == 0:
                    wb += tw
                else:
                    wu += tw
                    unbalanced.append(tuple(_sorted((u, v, x))))
    balanced = by_type["+++"] + by_type["+--"]
    n_unbalanced = by_type["++-"] + by_type["---"]
    total = balanced + n_unbalanced
    return {
        "triangles": total,
        "balanced": balanced,
        "unbalanced": n_unbalanced,
        "by_type": by_type,
        "balance_ratio": balanced / total if total else None,
        "weighted_balanced": wb,
        "weighted_unbalanced": wu,
        "weighted_balance_ratio": wb / (wb + wu) if total else None,
        "unbalanced_triangles": _sorted(unbalanced),
    }


# ---------------------------------------------------------------------------------------------
# The frustration index


@dataclass(frozen=True, slots=True)
class BalanceResult:
    """The frustration index of a signed graph and the two-bloc split that attains it.

    ``frustration_index`` is L, the total weight of the frustrated edges of the best split found
    (optimal when ``optimal`` is true; otherwise an upper bound with ``lower_bound <= true L``).
    ``normalised`` is the normalised line index of balance ``1 - 2L / W`` with W the total edge
    weight (Aref & Wilson): 1 for a balanced graph, 0 for one as far from balance as any signed
    graph can be (L never exceeds W/2); 1 for a graph without edges.
    ``gap`` is ``(L - lower_bound) / L`` (0 when L is 0). ``partition`` maps each node to 0 or 1,
    with 0 the larger bloc; ``blocs`` lists the two blocs, each sorted, the larger first.
    ``frustrated_edges`` lists ``(u, v, sign, weight)``, heaviest first. ``method`` is ``"exact"``
    when every block went through the integer program, else ``"heuristic"``.
    """

    frustration_index: float
    normalised: float
    method: str
    optimal: bool
    lower_bound: float
    gap: float
    partition: dict[Node, int]
    blocs: list[list[Node]]
    frustrated_edges: list[SignedEdge]
    seconds: float


class _Problem:
    """A signed graph on nodes ``0..n-1`` in array form: edge k joins ``u[k]``-``v[k]``."""

    __slots__ = ("n", "u", "v", "s", "w")

    def __init__(self, n: int, u: Sequence[int], v: Sequence[int], s: Sequence[int], w: Sequence[float]):
        self.n = n
        self.u = np.asarray(u, dtype=np.int64)
        self.v = np.asarray(v, dtype=np.int64)
        self.s = np.asarray(s, dtype=np.int64)
        self.w = np.asarray(w, dtype=np.float64)

    @property
    def m(self) -> int:
        return len(self.w)

    def cost(self, x: np.ndarray) -> float:
        """Total weight of edges frustrated by the 0/1 split ``x``."""
        if not self.m:
            return 0.0
        same = x[self.u] == x[self.v]
        frustrated = np.where(self.s > 0, ~same, same)
        return float(self.w[frustrated].sum())

    def integral(self) -> bool:
        return bool(np.all(self.w == np.round(self.w)))

    def adjacency(self) -> list[list[tuple[int, float]]]:
        adj: list[list[tuple[int, float]]] = [[] for _ in range(self.n)]
        for a, b, sw in zip(self.u.tolist(), self.v.tolist(), (self.s * self.w).tolist(), strict=True):
            adj[a].append((b, sw))
            adj[b].append((a, sw))
        return adj


class _Reduction:
    """Exact elimination of nodes of degree <= 2 (series-parallel reduction) with a carried constant.

    Each kept edge stores ``t``: its cost is ``max(t, 0)`` when its ends are on different sides and
    ``max(-t, 0)`` when on the same side, so ``t > 0`` is a positive edge of weight ``t`` and
    ``t < 0`` a negative edge of weight ``-t``; the rest of every cost is moved into ``const``.
    """

    def __init__(self, n: int, edges: Iterable[tuple[int, int, int, float]]):
        self.n = n
        self.const = 0.0
        self.adj: list[dict[int, float]] = [{} for _ in range(n)]
        for a, b, s, w in edges:
            self._add(a, b, 0.0 if s > 0 else w, w if s > 0 else 0.0)
        self.removed: list[tuple[int, list[tuple[int, float]]]] = []
        alive = [True] * n
        queue = deque(i for i in range(n) if len(self.adj[i]) <= 2)
        while queue:
            v = queue.popleft()
            if not alive[v] or len(self.adj[v]) > 2:
                continue
            links = list(self.adj[v].items())
            for j, _ in links:
                del self.adj[j][v]
            self.adj[v] = {}
            alive[v] = False
            self.removed.append((v, links))
            if len(links) == 2:
                (a, t1), (b, t2) = links
                same = min(max(-t1, 0) + max(-t2, 0), max(t1, 0) + max(t2, 0))
                diff = min(max(-t1, 0) + max(t2, 0), max(t1, 0) + max(-t2, 0))
                self._add(a, b, same, diff)
            for j, _ in links:
                if alive[j] and len(self.adj[j]) <= 2:
                    queue.append(j)
        self.kept = [i for i in range(n) if alive[i]]
        index = {old: new for new, old in enumerate(self.kept)}
        u, v, s, w = [], [], [], []
        for a in self.kept:
            for b, t in self.adj[a].items():
                if a < b:
                    u.append(index[a])
                    v.append(index[b])
                    s.append(1 if t > 0 else -1)
                    w.append(abs(t))
        self.problem = _Problem(len(self.kept), u, v, s, w)

    def _add(self, a: int, b: int, same: float, diff: float) -> None:
        t_old = self.adj[a].get(b)
        if t_old is not None:
            same += max(-t_old, 0.0)
            diff += max(t_old, 0.0)
        low = min(same, diff)
        self.const += low
        t = diff - same
        if abs(t) <= 1e-12 * max(1.0, same + diff):
            if t_old is not None:
                del self.adj[a][b]
                del self.adj[b][a]
            return
        self.adj[a][b] = t
        self.adj[b][a] = t

    def restore(self, x_kept: np.ndarray) -> np.ndarray:
        """Sides for all n nodes, given sides for the kept ones: each eliminated node, in reverse
        order, takes the side that is cheaper for the edges it had when it was eliminated."""
        x = np.zeros(self.n, dtype=np.int64)
        x[self.kept] = x_kept
        for v, links in reversed(self.removed):
            cost = [0.0, 0.0]
            for side in (0, 1):
                for j, t in links:
                    cost[side] += max(-t, 0.0) if x[j] == side else max(t, 0.0)
            x[v] = 0 if cost[0] <= cost[1] else 1
        return x


# --- local search ----------------------------------------------------------------------------


def _local_search(
    prob: _Problem, rng: random.Random, deadline: float | None, *, starts: int = 8, stall: int = 40
) -> np.ndarray:
    """Multi-start Fiduccia-Mattheyses local search with perturbation; returns a 0/1 split.

    Spins ``sigma = +-1``; flipping node i changes the frustrated weight by ``sigma_i * h_i`` with
    ``h_i`` the signed, weighted sum of its neighbours' spins. One *pass* flips every node once at
    most, always the one whose flip is cheapest now (even if it costs), and keeps the best prefix of
    the sequence: that climbs out of the shallow local minima plain greedy flipping stops in. Passes
    repeat until none improves. Starts: the signs of the leading eigenvector of the signed adjacency
    matrix (exact for a balanced graph), then random splits; the best is then repeatedly perturbed
    (a random connected ball of nodes flipped) and re-optimised until ``stall`` perturbations in a
    row bring nothing or the deadline passes. At least one start always completes.
    """
    n = prob.n
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    adj = prob.adjacency()
    tol = 1e-9 * (1.0 + float(prob.w.sum()))
    give_up = 50 + n // 50  # a pass stops after this many moves without a new best

    def deltas(sig: list[int]) -> list[float]:
        return [sig[i] * sum(sw * sig[j] for j, sw in adj[i]) for i in range(n)]

    def flip(i: int, sig: list[int], delta: list[float]) -> None:
        sig[i] = -sig[i]
        delta[i] = -delta[i]
        si = sig[i]
        for j, sw in adj[i]:
            delta[j] += 2.0 * sw * si * sig[j]

    def fm_pass(sig: list[int], delta: list[float]) -> float:
        heap = [(delta[i], rng.random(), i) for i in range(n)]
        heapq.heapify(heap)
        locked = bytearray(n)
        seq: list[int] = []
        total = best = 0.0
        best_len = 0
        while heap:
            d, _, i = heapq.heappop(heap)
            if locked[i] or d != delta[i]:
                continue
            locked[i] = 1
            total += d
            flip(i, sig, delta)
            seq.append(i)
            for j, _sw in adj[i]:
                if not locked[j]:
                    heapq.heappush(heap, (delta[j], rng.random(), j))
            if total < best - tol:
                best, best_len = total, len(seq)
            elif len(seq) - best_len > give_up:
                break
        for i in reversed(seq[best_len:]):
            flip(i, sig, delta)
        return best

    def descend(sig: list[int]) -> float:
        delta = deltas(sig)
        while fm_pass(sig, delta) < -tol:
            pass
        return prob.cost(np.array([(1 - s) // 2 for s in sig]))

    inits: list[list[int]] = []
    spectral = _spectral_signs(prob, rng)
    if spectral is not None:
        inits.append(spectral)
    inits += [[rng.choice((1, -1)) for _ in range(n)] for _ in range(starts)]
    best_sig: list[int] | None = None
    best_cost = math.inf
    for sig in inits:
        if best_sig is not None and _remaining(deadline) <= 0:
            break
        c = descend(sig)
        if c < best_cost - tol:
            best_sig, best_cost = sig, c
    assert best_sig is not None
    misses = 0
    ball_max = max(2, min(30, n // 4))
    while misses < stall and best_cost > tol and _remaining(deadline) > 0:
        sig = list(best_sig)
        size = rng.randint(2, ball_max) if ball_max > 2 else 2
        start = rng.randrange(n)
        seen = {start}
        frontier = deque([start])
        while frontier and len(seen) < size:
            a = frontier.popleft()
            for b, _ in adj[a]:
                if b not in seen and len(seen) < size and rng.random() < 0.7:
                    seen.add(b)
                    frontier.append(b)
        for i in seen:
            sig[i] = -sig[i]
        c = descend(sig)
        if c < best_cost - tol:
            best_sig, best_cost, misses = sig, c, 0
        else:
            misses += 1
    return np.array([(1 - s) // 2 for s in best_sig], dtype=np.int64)


def _spectral_signs(prob: _Problem, rng: random.Random) -> list[int] | None:
    """Signs of the eigenvector of the largest eigenvalue of the signed, weighted adjacency matrix."""
    n = prob.n
    if n < 3 or not prob.m:
        return None
    A = sparse.coo_matrix((prob.s * prob.w, (prob.u, prob.v)), shape=(n, n)).tocsr()
    A = A + A.T
    try:
        if n <= 500:
            vec = np.linalg.eigh(A.toarray())[1][:, -1]
        else:
            v0 = np.array([rng.random() + 0.5 for _ in range(n)])
            vec = eigsh(A, k=1, which="LA", v0=v0, maxiter=20 * n)[1][:, 0]
    except (np.linalg.LinAlgError, ArpackError):
        return None
    return [1 if val >= 0 else -1 for val in vec.tolist()]


# --- lower bounds ----------------------------------------------------------------------------


def _packing_bound(prob: _Problem, deadline: float | None) -> float:
    """A lower bound from a packing of unbalanced cycles.

    Every unbalanced cycle holds at least one frustrated edge, so cycles that share no capacity give
    a bound: each takes the least residual weight on its edges, which is removed from all of them
    (with unit weights: edge-disjoint unbalanced cycles). Unbalanced triangles go first, then cycles
    closed by a sign conflict in a breadth-first 2-colouring of the edges with capacity left.
    """
    n, m = prob.n, prob.m
    if not m:
        return 0.0
    r = prob.w.tolist()
    sg = prob.s.tolist()
    tol = 1e-12 * (1.0 + sum(r))
    adj: list[dict[int, int]] = [{} for _ in range(n)]
    for k, (a, b) in enumerate(zip(prob.u.tolist(), prob.v.tolist(), strict=True)):
        adj[a][b] = k
        adj[b][a] = k
    bound = 0.0

    def take(cycle: list[int]) -> bool:
        nonlocal bound
        amount = min(r[k] for k in cycle)
        if amount <= tol:
            return False
        bound += amount
        for k in cycle:
            r[k] -= amount
        return True

    for a in range(n):
        for b, k1 in adj[a].items():
            if b <= a:
                continue
            for c, k2 in adj[b].items():
                if c <= b:
                    continue
                k3 = adj[a].get(c)
                if k3 is not None and sg[k1] * sg[k2] * sg[k3] < 0:
                    take([k1, k2, k3])
    roots = sorted(range(n), key=lambda i: -len(adj[i]))
    for _sweep in range(max(50, min(m, 1000))):
        if _remaining(deadline) <= 0:
            break
        colour = [0] * n
        parent = [-1] * n
        parent_edge = [-1] * n
        depth = [0] * n
        conflicts: list[tuple[int, int, int]] = []
        seen_conflict: set[int] = set()
        for root in roots:
            if colour[root]:
                continue
            colour[root] = 1
            queue = deque([root])
            while queue:
                a = queue.popleft()
                for b, k in adj[a].items():
                    if r[k] <= tol or k == parent_edge[a]:
                        continue
                    if not colour[b]:
                        colour[b] = colour[a] * sg[k]
                        parent[b], parent_edge[b], depth[b] = a, k, depth[a] + 1
                        queue.append(b)
                    elif colour[a] * colour[b] != sg[k] and k not in seen_conflict:
                        seen_conflict.add(k)
                        conflicts.append((a, b, k))
        if not conflicts:
            break
        progress = False
        for a, b, k in conflicts:
            cycle = [k]
            while depth[a] > depth[b]:
                cycle.append(parent_edge[a])
                a = parent[a]
            while depth[b] > depth[a]:
                cycle.append(parent_edge[b])
                b = parent[b]
            while a != b:
                cycle += (parent_edge[a], parent_edge[b])
                a, b = parent[a], parent[b]
            progress |= take(cycle)
        if not progress:
            break
    return bound


# --- cycle inequalities (cutting planes) -----------------------------------------------------

# A cut is (edges kept as f, edges taken as 1 - f): sum(f[NT]) + sum(1 - f[T]) >= 1.
_Cut = tuple[tuple[int, ...], tuple[int, ...]]


class _CycleSeparator:
    """Finds violated cycle inequalities by shortest paths in a doubled graph.

    Node i has copies i (layer 0) and i + n (layer 1). Edge k gives two kinds of arcs: "as f"
    costing ``f_k`` and changing layer iff k is negative, and "as 1 - f" costing ``1 - f_k`` and
    changing layer iff k is positive. A path from i to i + n is a closed walk whose inequality is
    violated exactly when the path is shorter than 1; it is cut down to a simple cycle.
    """

    def __init__(self, prob: _Problem, rng: random.Random):
        self.prob = prob
        self.rng = rng
        n = prob.n
        self.pair = {}
        for k, (a, b) in enumerate(zip(prob.u.tolist(), prob.v.tolist(), strict=True)):
            self.pair[a, b] = k
            self.pair[b, a] = k
        neg = (prob.s < 0).astype(np.int64)
        rows, cols, kinds = [], [], []
        for layer in (0, 1):
            for as_t in (0, 1):
                switch = neg if not as_t else 1 - neg
                rows.append(prob.u + layer * n)
                cols.append(prob.v + np.where(switch == 1, 1 - layer, layer) * n)
                kinds.append(np.full(prob.m, as_t))
        self.rows = np.concatenate(rows)
        self.cols = np.concatenate(cols)
        self.as_t = np.concatenate(kinds).astype(bool)
        self.neg = prob.s < 0

    def separate(self, f: np.ndarray, max_sources: int = 400) -> list[_Cut]:
        n = self.prob.n
        f = np.clip(f, 0.0, 1.0)
        fk = np.tile(f, 4)
        data = np.where(self.as_t, 1.0 - fk, fk) + 1e-9
        graph = sparse.csr_matrix((data, (self.rows, self.cols)), shape=(2 * n, 2 * n))
        sources = list(range(n))
        if n > max_sources:
            sources = self.rng.sample(sources, max_sources)
        found: dict[_Cut, float] = {}
        for chunk in range(0, len(sources), 64):
            idx = sources[chunk : chunk + 64]
            dist, pred = dijkstra(graph, directed=False, indices=idx, return_predecessors=True, limit=1.0)
            for row, s in enumerate(idx):
                if dist[row, s + n] >= 1.0 - 1e-6:
                    continue
                walk = [s + n]
                while walk[-1] != s:
                    walk.append(int(pred[row, walk[-1]]))
                cut = self._simple_cut(walk[::-1])
                if cut is not None and cut not in found:
                    found[cut] = float(dist[row, s + n])
        return list(found)

    def _simple_cut(self, walk: list[int]) -> _Cut | None:
        n = self.prob.n
        nodes = [p % n for p in walk]
        change = [int((walk[i] >= n) != (walk[i + 1] >= n)) for i in range(len(walk) - 1)]
        # Split at repeated nodes: of the two closed walks, keep the one of odd parity (it is no
        # more expensive, costs being non-negative).
        while True:
            first: dict[int, int] = {}
            for j, node in enumerate(nodes[:-1]):
                if node in first:
                    i = first[node]
                    if sum(change[i:j]) % 2:
                        nodes, change = nodes[i : j + 1], change[i:j]
                    else:
                        nodes, change = nodes[:i] + nodes[j:], change[:i] + change[j:]
                    break
                first[node] = j
            else:
                break
        if len(change) < 3:
            return None
        as_f, as_t = [], []
        for i in range(len(change)):
            k = self.pair[nodes[i], nodes[i + 1]]
            # "as f" arcs change layer iff the edge is negative
            if bool(change[i]) == bool(self.neg[k]):
                as_f.append(k)
            else:
                as_t.append(k)
        return tuple(sorted(as_f)), tuple(sorted(as_t))


def _cut_matrix(cuts: list[_Cut], m: int, offset: int = 0, width: int | None = None):
    rows, cols, vals, rhs = [], [], [], []
    for r, (as_f, as_t) in enumerate(cuts):
        rows += [r] * (len(as_f) + len(as_t))
        cols += [offset + k for k in as_f] + [offset + k for k in as_t]
        vals += [1.0] * len(as_f) + [-1.0] * len(as_t)
        rhs.append(1.0 - len(as_t))
    A = sparse.csr_matrix((vals, (rows, cols)), shape=(len(cuts), width or m))
    return A, np.array(rhs)


def _root_cuts(
    prob: _Problem,
    ub: float,
    deadline: float | None,
    rng: random.Random,
    *,
    max_rounds: int = 300,
    max_age: int = 5,
) -> tuple[list[_Cut], float]:
    """Cutting-plane loop on the linear relaxation; returns the binding cuts and the LP bound.

    A cut that has been slack for ``max_age`` rounds in a row is dropped: dropping slack cuts at
    once keeps the LPs small but makes the loop zig-zag (measured: 5x more rounds).
    """
    m = prob.m
    sep = _CycleSeparator(prob, rng)
    f = np.zeros(m)
    pool: dict[_Cut, int] = {}  # cut -> rounds slack in a row
    binding: list[_Cut] = []
    bound = 0.0
    history: list[float] = []
    integral = prob.integral()
    for _ in range(max_rounds):
        if _remaining(deadline) <= 0:
            break
        new = [c for c in sep.separate(f) if c not in pool]
        if not new:
            break
        for c in new:
            pool[c] = 0
        cuts = list(pool)
        A, rhs = _cut_matrix(cuts, m)
        res = linprog(prob.w, A_ub=-A, b_ub=-rhs, bounds=(0, 1), method="highs")
        if res.status != 0:
            break
        f = res.x
        bound = float(res.fun)
        slack = A @ f - rhs
        binding = []
        for c, sl in zip(cuts, slack, strict=True):
            if sl < 1e-6:
                pool[c] = 0
                binding.append(c)
            elif pool[c] >= max_age:
                del pool[c]
            else:
                pool[c] += 1
        history.append(bound)
        if _proved(bound, ub, integral):
            break
        if len(history) > 20 and history[-1] - history[-21] < 1e-4 * max(1.0, bound):
            break  # tailing off: leave the rest to branch and bound
    return binding, bound


def _proved(lb: float, ub: float, integral: bool) -> bool:
    if integral:
        return math.ceil(lb - 1e-6) >= ub - 1e-6
    return lb >= ub - 1e-9 * max(1.0, ub)


def _frustration_milp(
    prob: _Problem, cuts: list[_Cut], x_start: np.ndarray, ub: float, seconds: float | None
) -> tuple[np.ndarray | None, float, bool]:
    """The XOR model with cycle cuts; returns (split or None, lower bound, proved optimal)."""
    n, m = prob.n, prob.m
    u, v = prob.u, prob.v
    rows = np.repeat(np.arange(2 * m), 3)
    e = np.arange(m)
    f_col = n + e
    pos = prob.s > 0
    # positive: f - x_u + x_v >= 0, f + x_u - x_v >= 0;  negative: f - x_u - x_v >= -1, f + x_u + x_v >= 1
    cols = np.stack([f_col, u, v, f_col, u, v], axis=1).reshape(-1)
    vals = np.stack(
        [np.ones(m), -np.ones(m), np.where(pos, 1.0, -1.0), np.ones(m), np.ones(m), np.where(pos, -1.0, 1.0)],
        axis=1,
    ).reshape(-1)
    lo = np.stack([np.where(pos, 0.0, -1.0), np.where(pos, 0.0, 1.0)], axis=1).reshape(-1)
    A_link = sparse.csr_matrix((vals, (rows, cols)), shape=(2 * m, n + m))
    A_cut, rhs = _cut_matrix(cuts, m, offset=n, width=n + m)
    A = sparse.vstack([A_link, A_cut]).tocsr()
    lower = np.concatenate([lo, rhs])
    c = np.concatenate([np.zeros(n), prob.w])
    integrality = np.concatenate([np.ones(n), np.zeros(m)])
    lb, ubx = np.zeros(n + m), np.ones(n + m)
    # Swapping the two blocs changes nothing: fix the busiest node of each component.
    graph = sparse.coo_matrix((np.ones(m), (u, v)), shape=(n, n))
    n_comp, labels = connected_components(graph, directed=False)
    degree = np.bincount(np.concatenate([u, v]), minlength=n)
    for comp in range(n_comp):
        members = np.flatnonzero(labels == comp)
        hub = members[np.argmax(degree[members])]
        lb[hub] = ubx[hub] = x_start[hub]
    options: dict[str, Any] = {"mip_rel_gap": 1e-6, **_HIGHS_EXTRA}
    # Prune with the local-search value (HiGHS "objective_bound"; scipy passes it through).
    options["objective_bound"] = ub + 1e-6 * max(1.0, ub)
    if seconds is not None:
        options["time_limit"] = max(seconds, 0.01)
    res = _solve_milp(c, integrality, Bounds(lb, ubx), LinearConstraint(A, lower, np.inf), options)
    x = None if res.x is None else np.round(res.x[:n]).astype(np.int64)
    dual = res.mip_dual_bound if res.mip_dual_bound is not None else 0.0
    if not math.isfinite(dual):
        dual = 0.0
    # With an objective cut-off HiGHS can report a bound above the cut-off once it has shown that
    # nothing beats it; the cut-off itself is then the valid bound.
    return x, min(float(dual), options["objective_bound"]), res.status == 0


def _solve_reduced(
    prob: _Problem, exact: bool, deadline: float | None, rng: random.Random
) -> tuple[np.ndarray, float, bool, bool]:
    """Best split of one reduced block: (x, lower bound, optimal, went through the exact path)."""
    if prob.m == 0:
        return np.zeros(prob.n, dtype=np.int64), 0.0, True, exact
    heuristic_deadline = deadline
    if exact and deadline is not None:
        heuristic_deadline = time.perf_counter() + 0.1 * max(_remaining(deadline), 0.0)
    x = _local_search(prob, rng, heuristic_deadline, stall=20 if exact else 40)
    ub = prob.cost(x)
    integral = prob.integral()
    lb = _packing_bound(prob, deadline)
    if _proved(lb, ub, integral):
        return x, ub, True, exact
    if not exact or _remaining(deadline) <= 0:
        return x, lb, False, exact
    cut_deadline = None if deadline is None else time.perf_counter() + 0.3 * _remaining(deadline)
    cuts, lp_bound = _root_cuts(prob, ub, cut_deadline, rng)
    lb = max(lb, math.ceil(lp_bound - 1e-6) if integral else lp_bound)
    if _proved(lb, ub, integral):
        return x, ub, True, True
    if _remaining(deadline) <= 0:
        return x, lb, False, True
    seconds = None if deadline is None else _remaining(deadline)
    x_milp, dual, optimal = _frustration_milp(prob, cuts, x, ub, seconds)
    if x_milp is not None and prob.cost(x_milp) < ub:
        x, ub = x_milp, prob.cost(x_milp)
    lb = max(lb, math.ceil(dual - 1e-6) if integral else dual)
    if optimal or _proved(lb, ub, integral):
        return x, ub, True, True
    return x, min(lb, ub), False, True


def frustration_index(
    G: nx.Graph,
    *,
    weight: str | None = "weight",
    time_limit: float | None = 30.0,
    method: str = "auto",
    seed: int | None = 0,
) -> BalanceResult:
    """The frustration index (line index of balance) of a signed graph, and its optimal split.

    ``method="exact"`` proves optimality with integer programming (HiGHS via
    :func:`scipy.optimize.milp`; see the module docstring for the model); ``"heuristic"`` runs
    the local search only and reports a packing lower bound; ``"auto"`` (default) is exact for
    blocks of up to :data:`AUTO_EXACT_MAX_EDGES` edges after reduction and heuristic beyond.
    Either way the answer is exact -- ``optimal=True`` -- whenever the bounds meet.

    ``time_limit`` (seconds, ``None`` for none) bounds the whole call, shared across blocks
    (smallest first). When it runs out, the best split found so far is returned with
    ``optimal=False``, the best proven ``lower_bound`` and ``gap``; the local search always
    finishes one start, so a tiny limit still gives an answer. ``seed`` makes the local search
    reproducible (run times near the limit can still change the result).

    >>> G = nx.Graph()
    >>> G.add_edge("A", "B", sign=1, weight=3); G.add_edge("B", "C", sign=1)
    >>> G.add_edge("A", "C", sign=-1, weight=2)
    >>> r = frustration_index(G)
    >>> r.frustration_index, r.optimal, r.blocs
    (1.0, True, [['A', 'B'], ['C']])
    >>> r.frustrated_edges
    [('B', 'C', 1, 1.0)]
    """
    start = time.perf_counter()
    if method not in METHODS:
        raise UsageError(f"unknown method {method!r}; expected one of {', '.join(METHODS)}")
    if time_limit is not None and not time_limit > 0:
        raise UsageError(f"time_limit must be positive or None, not {time_limit!r}")
    edges = _signed_edges(G, weight)
    deadline = None if time_limit is None else start + time_limit
    rng = _rng(seed)
    total_weight = sum(e[3] for e in edges)
    data = {}
    for u, v, s, w in edges:
        data[u, v] = data[v, u] = (s, w)

    prepared = []
    for block in nx.biconnected_component_edges(G):
        if len(block) < 3:
            continue  # a bridge: on no cycle, never frustrated
        nodes = list(dict.fromkeys(x for e in block for x in e))
        index = {x: i for i, x in enumerate(nodes)}
        red = _Reduction(len(nodes), ((index[a], index[b], *data[a, b]) for a, b in block))
        prepared.append((red.problem.m, nodes, block, red))
    prepared.sort(key=lambda p: p[0])

    frustrated: set[tuple[Node, Node]] = set()
    lower = 0.0
    optimal = True
    all_exact = True
    for m_reduced, nodes, block, red in prepared:
        exact = method == "exact" or (method == "auto" and m_reduced <= AUTO_EXACT_MAX_EDGES)
        x_red, lb, opt, went_exact = _solve_reduced(red.problem, exact, deadline, rng)
        x = red.restore(x_red)
        index = {x_: i for i, x_ in enumerate(nodes)}
        cost = 0.0
        for a, b in block:
            s, w = data[a, b]
            if (x[index[a]] == x[index[b]]) != (s > 0):
                frustrated.add((a, b))
                cost += w
        lower += red.const + lb if not opt else cost
        optimal &= opt
        all_exact &= went_exact

    partition = _two_colour(G, data, frustrated)
    flist = sorted(
        ((a, b, *data[a, b]) for a, b in frustrated), key=lambda e: (-e[3], repr(e[0]), repr(e[1]))
    )
    value = float(sum(e[3] for e in flist))
    lower = min(lower, value)
    if optimal:
        lower = value
    blocs = [_sorted(x for x, side in partition.items() if side == b) for b in (0, 1)]
    return BalanceResult(
        frustration_index=value,
        normalised=1.0 - 2.0 * value / total_weight if total_weight else 1.0,
        method="exact" if all_exact else "heuristic",
        optimal=optimal,
        lower_bound=lower,
        gap=(value - lower) / value if value > 0 else 0.0,
        partition=partition,
        blocs=blocs,
        frustrated_edges=flist,
        seconds=time.perf_counter() - start,
    )


def _two_colour(G: nx.Graph, data: dict, frustrated: set[tuple[Node, Node]]) -> dict[Node, int]:
    """Sides for every node once the frustrated edges' signs are flipped (then G is balanced).

    In each connected component the larger side is labelled 0, so bloc 0 is the larger overall.
    """
    partition: dict[Node, int] = {}
    for comp in nx.connected_components(G):
        root = _sorted(comp)[0]
        side = {root: 0}
        queue = deque([root])
        while queue:
            a = queue.popleft()
            for b in G[a]:
                s = data[a, b][0]
                if (a, b) in frustrated or (b, a) in frustrated:
                    s = -s
                want = side[a] if s > 0 else 1 - side[a]
                if b not in side:
                    side[b] = want
                    queue.append(b)
                elif side[b] != want:  # pragma: no cover - would be a bug in the solver
                    raise AssertionError("frustrated edges do not leave the graph balanced")
        ones = sum(side.values())
        flip = ones * 2 > len(side)
        for x, sd in side.items():
            partition[x] = 1 - sd if flip else sd
    return partition


# ---------------------------------------------------------------------------------------------
# Generalised balance: k blocs


def k_partition(
    G: nx.Graph,
    k: int,
    *,
    weight: str | None = "weight",
    seed: int | None = 0,
    time_limit: float | None = 30.0,
) -> dict[str, Any]:
    """Split a signed graph into at most ``k`` blocs, minimising the weight of positive edges
    between blocs plus negative edges within them (generalised balance, Doreian & Mrvar 1996).

    Blocs may stay empty when fewer fit better (an all-positive graph is one bloc); only non-empty
    blocs are returned, largest first. For ``k = 2`` the cost is the frustration index.

    Method: a relocation local search (each node moved to the bloc where its edges cost least,
    repeated; random starts and perturbations, seeded) gives an upper bound; when the graph is
    small (``edges * k <= K_EXACT_MAX_SIZE``) an integer program -- a bloc indicator per node and
    bloc, a "same bloc" variable per edge, nodes kept out of higher-numbered blocs than their rank
    to break bloc relabelling -- is solved by HiGHS within ``time_limit``. The lower bound of the
    heuristic packs cycles with exactly one negative edge (each must hold an error whatever k).

    Returns a dict: ``blocs`` (sorted lists), ``partition`` (node -> bloc index), ``cost``,
    ``lower_bound``, ``method`` (``"exact"`` or ``"heuristic"``), ``optimal``, ``cohesion``
    (per bloc: share of the weight inside it that is positive; ``None`` when it has no inner edge),
    ``opposition`` (per bloc: share of the weight from it to other blocs that is negative),
    ``between_negative`` (share of all between-bloc weight that is negative) and ``seconds``.

    >>> G = nx.Graph()
    >>> for a, b in [("A", "B"), ("C", "D"), ("E", "F")]:
    ...     G.add_edge(a, b, sign=1)
    >>> for a, b in [("A", "C"), ("A", "E"), ("C", "E"), ("B", "D"), ("D", "F"), ("B", "F")]:
    ...     G.add_edge(a, b, sign=-1)
    >>> res = k_partition(G, 3)
    >>> res["blocs"], res["cost"], res["optimal"]
    ([['A', 'B'], ['C', 'D'], ['E', 'F']], 0.0, True)
    """
    start = time.perf_counter()
    if isinstance(k, bool) or not isinstance(k, int) or k < 2:
        raise UsageError(f"k must be an integer >= 2, not {k!r}")
    if time_limit is not None and not time_limit > 0:
        raise UsageError(f"time_limit must be positive or None, not {time_limit!r}")
    edges = _signed_edges(G, weight)
    deadline = None if time_limit is None else start + time_limit
    rng = _rng(seed)
    nodes = list(G)
    index = {x: i for i, x in enumerate(nodes)}
    n = len(nodes)
    E = [(index[a], index[b], s, w) for a, b, s, w in edges]
    exact = len(E) * k <= K_EXACT_MAX_SIZE
    heuristic_deadline = deadline
    if exact and deadline is not None:
        heuristic_deadline = start + 0.2 * time_limit
    assign = _relocation_search(n, E, k, rng, heuristic_deadline)
    cost = _k_cost(E, assign)
    lower = _one_negative_cycle_bound(n, E, deadline)
    optimal = cost <= lower + 1e-9 * max(1.0, cost)
    method = "heuristic"
    if exact and not optimal and _remaining(deadline) > 0:
        method = "exact"
        x, dual, opt = _k_milp(n, E, k, assign, cost, None if deadline is None else _remaining(deadline))
        if x is not None and _k_cost(E, x) < cost:
            assign, cost = x, _k_cost(E, x)
        lower = max(lower, dual)
        optimal = opt or cost <= lower + 1e-9 * max(1.0, cost)
    elif exact:
        method = "exact" if optimal else "heuristic"
    if optimal:
        lower = cost
    # Relabel blocs: non-empty, largest first, ties by their first node.
    groups: dict[int, list[Node]] = {}
    for i, b in enumerate(assign):
        groups.setdefault(b, []).append(nodes[i])
    ordered = sorted((_sorted(g) for g in groups.values()), key=lambda g: (-len(g), repr(g[0])))
    partition = {x: bi for bi, g in enumerate(ordered) for x in g}
    inner_pos = [0.0] * len(ordered)
    inner = [0.0] * len(ordered)
    out_neg = [0.0] * len(ordered)
    out = [0.0] * len(ordered)
    between = between_neg = 0.0
    for a, b, s, w in edges:
        pa, pb = partition[a], partition[b]
        if pa == pb:
            inner[pa] += w
            inner_pos[pa] += w if s > 0 else 0.0
        else:
            between += w
            between_neg += w if s < 0 else 0.0
            for p in (pa, pb):
                out[p] += w
                out_neg[p] += w if s < 0 else 0.0
    return {
        "blocs": ordered,
        "partition": partition,
        "cost": float(cost),
        "lower_bound": float(min(lower, cost)),
        "method": method,
        "optimal": optimal,
        "cohesion": [ip / t if t else None for ip, t in zip(inner_pos, inner, strict=True)],
        "opposition": [on / t if t else None for on, t in zip(out_neg, out, strict=True)],
        "between_negative": between_neg / between if between else None,
        "seconds": time.perf_counter() - start,
    }


def _k_cost(E: list[tuple[int, int, int, float]], assign: Sequence[int]) -> float:
    return float(sum(w for a, b, s, w in E if (assign[a] == assign[b]) != (s > 0)))


def _relocation_search(
    n: int, E: list[tuple[int, int, int, float]], k: int, rng: random.Random, deadline: float | None
) -> list[int]:
    """Relocation local search with random starts and perturbation; returns a bloc per node."""
    if n == 0:
        return []
    adj: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for a, b, s, w in E:
        adj[a].append((b, s * w))
        adj[b].append((a, s * w))
    tol = 1e-9 * (1.0 + sum(e[3] for e in E))

    def descend(assign: list[int]) -> float:
        order = list(range(n))
        improved = True
        while improved:
            improved = False
            rng.shuffle(order)
            for i in order:
                # g[c] = (negative weight to c) - (positive weight to c): lower is better
                g = [0.0] * k
                for j, sw in adj[i]:
                    g[assign[j]] -= sw
                here = assign[i]
                best = min(range(k), key=lambda c: (g[c], c != here))
                if g[best] < g[here] - tol:
                    assign[i] = best
                    improved = True
        return _k_cost(E, assign)

    best_assign: list[int] | None = None
    best_cost = math.inf
    for _ in range(8):
        if best_assign is not None and _remaining(deadline) <= 0:
            break
        assign = [rng.randrange(k) for _ in range(n)]
        c = descend(assign)
        if c < best_cost - tol:
            best_assign, best_cost = assign, c
    assert best_assign is not None
    misses = 0
    while misses < 60 and best_cost > tol and _remaining(deadline) > 0:
        assign = list(best_assign)
        for i in rng.sample(range(n), min(n, rng.randint(1, max(1, min(20, n // 5))))):
            assign[i] = rng.randrange(k)
        c = descend(assign)
        if c < best_cost - tol:
            best_assign, best_cost, misses = assign, c, 0
        else:
            misses += 1
    return best_assign


def _one_negative_cycle_bound(n: int, E: list[tuple[int, int, int, float]], deadline: float | None) -> float:
    """Pack cycles made of one negative edge and a path of positive edges: whatever the number of
    blocs, each such cycle has a positive edge between blocs or its negative edge inside one."""
    r = [w for *_, w in E]
    tol = 1e-12 * (1.0 + sum(r))
    pos_adj: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for k, (a, b, s, _w) in enumerate(E):
        if s > 0:
            pos_adj[a].append((b, k))
            pos_adj[b].append((a, k))
    bound = 0.0
    for k, (a, b, s, _w) in enumerate(E):
        if s > 0 or _remaining(deadline) <= 0:
            continue
        while r[k] > tol:
            prev: dict[int, tuple[int, int]] = {a: (-1, -1)}
            queue = deque([a])
            while queue and b not in prev:
                x = queue.popleft()
                for y, e in pos_adj[x]:
                    if y not in prev and r[e] > tol:
                        prev[y] = (x, e)
                        queue.append(y)
            if b not in prev:
                break
            cycle = [k]
            y = b
            while y != a:
                y, e = prev[y]
                cycle.append(e)
            amount = min(r[e] for e in cycle)
            bound += amount
            for e in cycle:
                r[e] -= amount
    return bound


def _k_milp(
    n: int, E: list[tuple[int, int, int, float]], k: int, start: list[int], ub: float, seconds: float | None
) -> tuple[list[int] | None, float, bool]:
    m = len(E)
    # columns: y[i, c] = i * k + c, then same[e] = n * k + e
    ny = n * k
    rows, cols, vals, lo, hi = [], [], [], [], []
    r = 0
    for i in range(n):
        rows += [r] * k
        cols += [i * k + c for c in range(k)]
        vals += [1.0] * k
        lo.append(1.0)
        hi.append(1.0)
        r += 1
    c_obj = np.zeros(ny + m)
    constant = 0.0
    for e, (a, b, s, w) in enumerate(E):
        col = ny + e
        for c in range(k):
            if s > 0:  # cost w * (1 - same); same <= 1 - y[a,c] + y[b,c]
                rows += [r, r, r]
                cols += [col, a * k + c, b * k + c]
                vals += [1.0, 1.0, -1.0]
                lo.append(-np.inf)
                hi.append(1.0)
            else:  # cost w * same; same >= y[a,c] + y[b,c] - 1
                rows += [r, r, r]
                cols += [col, a * k + c, b * k + c]
                vals += [1.0, -1.0, -1.0]
                lo.append(-1.0)
                hi.append(np.inf)
            r += 1
        if s > 0:
            constant += w
            c_obj[col] = -w
        else:
            c_obj[col] = w
    A = sparse.csr_matrix((vals, (rows, cols)), shape=(r, ny + m))
    lb, ubx = np.zeros(ny + m), np.ones(ny + m)
    # The i-th busiest node may only use blocs 0..i (blocs are interchangeable).
    degree = [0] * n
    for a, b, *_ in E:
        degree[a] += 1
        degree[b] += 1
    for rank, i in enumerate(sorted(range(n), key=lambda i: -degree[i])):
        for c in range(rank + 1, k):
            ubx[i * k + c] = 0.0
    integrality = np.concatenate([np.ones(ny), np.zeros(m)])
    options: dict[str, Any] = {"mip_rel_gap": 1e-6, "objective_bound": ub - constant + 1e-6 * max(1.0, ub)}
    if seconds is not None:
        options["time_limit"] = max(seconds, 0.01)
    res = _solve_milp(c_obj, integrality, Bounds(lb, ubx), LinearConstraint(A, lo, hi), options)
    x = None
    if res.x is not None:
        y = res.x[:ny].reshape(n, k)
        x = [int(v) for v in np.argmax(y, axis=1)]
    dual = res.mip_dual_bound
    dual = 0.0 if dual is None or not math.isfinite(dual) else min(dual + constant, ub)
    return x, max(dual, 0.0), res.status == 0


# ---------------------------------------------------------------------------------------------
# Implied signs


def implied_signs(
    G: nx.Graph, *, min_paths: int = 1, contested: Iterable[tuple[Node, Node]] = ()
) -> list[dict[str, Any]]:
    """Signs implied by common neighbours: "the enemy of my enemy is my friend".

    For every pair of nodes that are not linked but share at least ``min_paths`` neighbours -- and
    for each pair listed in ``contested`` (e.g. linked by contradicting evidence), linked or not --
    each common neighbour c implies ``sign(a, c) * sign(c, b)``. The pair's ``sign`` is the
    majority (0 on a tie); ``via`` lists the neighbours that agree with it (``support`` of them) and
    ``via_against`` those that do not (``against``); ``edge_sign`` is the pair's present sign or
    ``None``. Sorted by support (most first), then fewest against, then names.

    >>> G = nx.Graph()
    >>> G.add_edge("A", "B", sign=-1); G.add_edge("A", "C", sign=-1)
    >>> implied_signs(G)
    [{'a': 'B', 'b': 'C', 'sign': 1, 'via': ['A'], 'support': 1, 'against': 0, 'via_against': [], 'edge_sign': None}]
    """
    if isinstance(min_paths, bool) or not isinstance(min_paths, int) or min_paths < 1:
        raise UsageError(f"min_paths must be a positive integer, not {min_paths!r}")
    edges = _signed_edges(G, None)
    sign: dict[Node, dict[Node, int]] = {x: {} for x in G}
    for a, b, s, _w in edges:
        sign[a][b] = s
        sign[b][a] = s
    order = {x: i for i, x in enumerate(_sorted(G))}
    wanted: set[tuple[Node, Node]] = set()
    for a, b in contested:
        if a not in sign or b not in sign:
            raise UsageError(f"contested pair ({a!r}, {b!r}) names a node not in the graph")
        if a != b:
            wanted.add((a, b) if order[a] < order[b] else (b, a))
    votes: dict[tuple[Node, Node], list[tuple[Node, int]]] = {}
    for c in _sorted(G):
        nbrs = sorted(sign[c], key=order.__getitem__)
        for i, a in enumerate(nbrs):
            for b in nbrs[i + 1 :]:
                if b in sign[a] and (a, b) not in wanted:
                    continue
                votes.setdefault((a, b), []).append((c, sign[a][c] * sign[c][b]))
    for pair in wanted:
        votes.setdefault(pair, [])
    out = []
    for (a, b), paths in votes.items():
        if len(paths) < min_paths and (a, b) not in wanted:
            continue
        total = sum(s for _, s in paths)
        verdict = (total > 0) - (total < 0)
        agree = [c for c, s in paths if s == verdict or verdict == 0]
        disagree = [c for c, s in paths if s != verdict and verdict != 0]
        if verdict == 0:
            agree, disagree = [c for c, s in paths if s > 0], [c for c, s in paths if s < 0]
        out.append(
            {
                "a": a,
                "b": b,
                "sign": verdict,
                "via": agree,
                "support": len(agree),
                "against": len(disagree),
                "via_against": disagree,
                "edge_sign": sign[a].get(b),
            }
        )
    out.sort(key=lambda d: (-d["support"], d["against"], order[d["a"]], order[d["b"]]))
    return out
