"""Benchmark the frustration index: exact (integer programming) against the local search.

Random signed graphs G(n, m = 5n), half the edges negative (the hardest kind: little structure
for the bounds to use), and optionally graphs with two planted blocs and 10% of the signs
flipped (closer to real alliance networks). Fixed seeds; timings depend on the machine and on
whatever else runs on it, so read them as approximate.

    .venv/bin/python benchmarks/balance.py                         # default sizes, 30 s limit
    .venv/bin/python benchmarks/balance.py --sizes 20 40 60 --time-limit 10 --naive
    .venv/bin/python benchmarks/balance.py --planted --sizes 100 200 400 800

``--naive`` adds the textbook model (a binary side per node, a binary frustration per edge, four
inequalities per edge, nothing else) as a reference point.
"""

from __future__ import annotations

import argparse
import random
import time

import networkx as nx
import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_matrix

from realpolitik.analysis.balance import frustration_index


def random_signed(n: int, m: int, seed: int, negative: float = 0.5) -> nx.Graph:
    G = nx.gnm_random_graph(n, m, seed=seed)
    rng = random.Random(seed)
    for u, v in G.edges:
        G[u][v]["sign"] = -1 if rng.random() < negative else 1
    return G


def planted_signed(n: int, m: int, seed: int, noise: float = 0.1) -> nx.Graph:
    G = nx.gnm_random_graph(n, m, seed=seed)
    rng = random.Random(seed)
    side = {v: rng.random() < 0.5 for v in G}
    for u, v in G.edges:
        s = 1 if side[u] == side[v] else -1
        G[u][v]["sign"] = -s if rng.random() < noise else s
    return G


def naive(G: nx.Graph, time_limit: float) -> tuple[float | None, float, float]:
    """The textbook model; returns (value or None, gap, seconds)."""
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    n, m = len(nodes), G.number_of_edges()
    rows, cols, vals, lo, hi = [], [], [], [], []
    r = 0
    for k, (a, b, s) in enumerate(G.edges(data="sign")):
        i, j, f = index[a], index[b], n + k
        if s > 0:  # f = x_i XOR x_j
            spec = [
                ((1, -1, 1), 0, np.inf),
                ((1, 1, -1), 0, np.inf),
                ((1, -1, -1), -np.inf, 0),
                ((1, 1, 1), -np.inf, 2),
            ]
        else:  # f = 1 - (x_i XOR x_j)
            spec = [
                ((1, -1, -1), -1, np.inf),
                ((1, 1, 1), 1, np.inf),
                ((1, -1, 1), -np.inf, 1),
                ((1, 1, -1), -np.inf, 1),
            ]
        for coef, low, high in spec:
            rows += [r, r, r]
            cols += [f, i, j]
            vals += list(coef)
            lo.append(low)
            hi.append(high)
            r += 1
    A = csr_matrix((vals, (rows, cols)), shape=(r, n + m))
    c = np.concatenate([np.zeros(n), np.ones(m)])
    start = time.perf_counter()
    res = milp(
        c,
        integrality=np.ones(n + m),
        bounds=Bounds(0, 1),
        constraints=LinearConstraint(A, lo, hi),
        options={"time_limit": time_limit},
    )
    seconds = time.perf_counter() - start
    gap = res.mip_gap if res.mip_gap is not None else float("nan")
    return (None if res.fun is None else round(res.fun)), gap, seconds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 40, 60, 80, 120, 200])
    parser.add_argument("--degree", type=float, default=5.0, help="edges per node (m = degree * n)")
    parser.add_argument("--time-limit", type=float, default=30.0, help="seconds per exact solve")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--planted", action="store_true", help="two planted blocs, 10%% of signs flipped")
    parser.add_argument("--naive", action="store_true", help="also time the textbook model")
    args = parser.parse_args()

    head = f"{'n':>5} {'edges':>6} | {'L exact':>8} {'bound':>8} {'gap':>6} {'opt':>4} {'time s':>7} | {'L heur':>7} {'time s':>7}"
    if args.naive:
        head += f" | {'L naive':>7} {'gap':>6} {'time s':>7}"
    print(head)
    print("-" * len(head))
    for n in args.sizes:
        m = int(args.degree * n)
        G = (planted_signed if args.planted else random_signed)(n, m, seed=args.seed * 1000 + n)
        ex = frustration_index(G, method="exact", time_limit=args.time_limit, seed=args.seed)
        he = frustration_index(G, method="heuristic", time_limit=args.time_limit, seed=args.seed)
        line = (
            f"{n:>5} {G.number_of_edges():>6} | {ex.frustration_index:>8g} {ex.lower_bound:>8g} "
            f"{ex.gap:>6.1%} {'yes' if ex.optimal else 'no':>4} {ex.seconds:>7.2f} | "
            f"{he.frustration_index:>7g} {he.seconds:>7.2f}"
        )
        if args.naive:
            value, gap, seconds = naive(G, args.time_limit)
            line += f" | {value if value is not None else '-':>7} {gap:>6.1%} {seconds:>7.2f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
