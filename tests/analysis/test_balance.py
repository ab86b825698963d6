"""Structural balance: answers checked by hand, by brute force, and on Read's Highland tribes."""

from __future__ import annotations

import doctest
import io
import itertools
import random
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from realpolitik.analysis import balance, signed_io
from realpolitik.analysis.balance import (
    BalanceResult,
    frustration_index,
    implied_signs,
    k_partition,
    triad_census,
)
from realpolitik.analysis.signed_io import combine_signed_edges, read_signed_edgelist
from realpolitik.errors import UsageError

HIGHLAND = Path(__file__).resolve().parents[1] / "data" / "highland_tribes.csv"


def signed(edges, *, weights=None) -> nx.Graph:
    """Graph from "A+B", "A-B" strings (or (a, b, sign[, weight]) tuples)."""
    G = nx.Graph()
    for e in edges:
        if isinstance(e, str):
            sign = 1 if "+" in e else -1
            a, b = e.replace("+", " ").replace("-", " ").split()
            G.add_edge(a, b, sign=sign, weight=1.0)
        else:
            a, b, sign, *w = e
            G.add_edge(a, b, sign=sign, weight=w[0] if w else 1.0)
    return G


def brute_force(G: nx.Graph, k: int = 2) -> float:
    nodes = list(G)
    best = float("inf")
    for rest in itertools.product(range(k), repeat=len(nodes) - 1):
        side = dict(zip(nodes, (0, *rest), strict=True))
        cost = sum(d["weight"] for u, v, d in G.edges(data=True) if (side[u] == side[v]) != (d["sign"] > 0))
        best = min(best, cost)
    return best


def random_signed(n: int, p: float, seed: int, weights=(1.0,)) -> nx.Graph:
    rng = random.Random(seed)
    G = nx.gnp_random_graph(n, p, seed=seed)
    for u, v in G.edges:
        G[u][v]["sign"] = rng.choice((1, -1))
        G[u][v]["weight"] = rng.choice(weights)
    return G


def check_consistent(G: nx.Graph, r: BalanceResult) -> None:
    """The reported edges are exactly those the partition frustrates, and the figures agree."""
    frustrated = {
        frozenset((u, v))
        for u, v, d in G.edges(data=True)
        if (r.partition[u] == r.partition[v]) != (d["sign"] > 0)
    }
    assert {frozenset(e[:2]) for e in r.frustrated_edges} == frustrated
    assert r.frustration_index == pytest.approx(sum(e[3] for e in r.frustrated_edges))
    assert r.lower_bound <= r.frustration_index + 1e-9
    assert set(r.partition) == set(G)
    assert sorted(r.blocs[0] + r.blocs[1]) == sorted(G)
    assert len(r.blocs[0]) >= len(r.blocs[1])
    assert all(r.partition[x] == 0 for x in r.blocs[0])
    if r.optimal:
        assert r.lower_bound == pytest.approx(r.frustration_index)
        assert r.gap == 0


# --- frustration index: hand-checked graphs -----------------------------------------------------


@pytest.mark.parametrize("method", ["exact", "heuristic", "auto"])
def test_all_positive_graph_is_one_bloc(method):
    G = signed(["A+B", "B+C", "C+A", "C+D", "D+E"])
    r = frustration_index(G, method=method)
    assert r.frustration_index == 0 and r.optimal and r.normalised == 1.0
    assert r.blocs == [["A", "B", "C", "D", "E"], []]
    check_consistent(G, r)


@pytest.mark.parametrize("method", ["exact", "heuristic"])
def test_balanced_two_blocs(method):
    G = signed(["A+B", "B+C", "A+C", "D+E", "A-D", "B-E", "C-D", "C-E"])
    r = frustration_index(G, method=method)
    assert (r.frustration_index, r.optimal, r.frustrated_edges) == (0, True, [])
    assert r.blocs == [["A", "B", "C"], ["D", "E"]]
    check_consistent(G, r)


@pytest.mark.parametrize("method", ["exact", "heuristic"])
def test_single_unbalanced_triangle(method):
    r = frustration_index(signed(["A+B", "B+C", "A-C"]), method=method)
    assert r.frustration_index == 1 and r.optimal
    assert r.normalised == pytest.approx(1 - 2 / 3)
    # weighted: the lightest edge goes
    G = signed([("A", "B", 1, 3.0), ("B", "C", 1, 0.25), ("A", "C", -1, 2.0)])
    r = frustration_index(G, method=method)
    assert r.frustration_index == 0.25 and r.frustrated_edges == [("B", "C", 1, 0.25)]
    assert r.blocs == [["A", "B"], ["C"]]
    check_consistent(G, r)


def test_index_is_additive_over_components():
    G = signed(["A+B", "B+C", "A-C", "X-Y", "Y-Z", "X-Z"])
    r = frustration_index(G)
    assert r.frustration_index == 2 and r.optimal
    check_consistent(G, r)


@pytest.mark.parametrize("method", ["exact", "heuristic"])
def test_all_negative_k4(method):
    # a 2-2 split leaves one negative edge inside each side; 1-3 leaves three; 0-4 leaves six
    G = signed([f"{a}-{b}" for a, b in itertools.combinations("ABCD", 2)])
    r = frustration_index(G, method=method)
    assert r.frustration_index == 2
    # the four unbalanced triangles share edges, so the packing bound of the heuristic is only 1
    assert r.optimal == (method == "exact") and r.lower_bound == (2 if method == "exact" else 1)
    assert [len(b) for b in r.blocs] == [2, 2]
    check_consistent(G, r)


@pytest.mark.parametrize(
    ("shared", "expected", "frustrated"),
    [(1.5, 1.5, {frozenset("AB")}), (2.5, 2.0, None)],
)
def test_one_heavy_edge_or_two_light_ones(shared, expected, frustrated):
    # Triangles ABC and ABD are unbalanced and share the negative edge AB: either AB goes, or one
    # light positive edge from each triangle.
    G = signed(
        [
            ("A", "B", -1, shared),
            ("A", "C", 1, 1.0),
            ("B", "C", 1, 1.0),
            ("A", "D", 1, 1.0),
            ("B", "D", 1, 1.0),
        ]
    )
    for method in ("exact", "heuristic"):
        r = frustration_index(G, method=method)
        assert r.frustration_index == pytest.approx(expected) and r.optimal
        got = {frozenset(e[:2]) for e in r.frustrated_edges}
        if frustrated is not None:
            assert got == frustrated
        else:
            assert len(got) == 2 and frozenset("AB") not in got
        check_consistent(G, r)


def test_chains_and_pendant_trees_are_reduced_exactly():
    # A ring of 12 with one negative edge, a pendant tree and a second ring sharing a node.
    ring = [(f"r{i}", f"r{(i + 1) % 12}", 1, 1.0 + i / 10) for i in range(12)]
    ring[5] = ("r5", "r6", -1, 1.5)
    other = [("r0", "s1", -1, 2.0), ("s1", "s2", -1, 0.7), ("s2", "r0", -1, 3.0)]
    tree = [("r3", "t1", -1, 1.0), ("t1", "t2", 1, 1.0), ("t1", "t3", -1, 1.0)]
    G = signed(ring + other + tree)
    r = frustration_index(G, method="exact")
    assert r.frustration_index == pytest.approx(1.0 + 0.7) and r.optimal
    check_consistent(G, r)


def test_empty_and_edgeless_graphs():
    r = frustration_index(nx.Graph())
    assert (r.frustration_index, r.normalised, r.blocs, r.partition) == (0, 1.0, [[], []], {})
    G = nx.Graph()
    G.add_nodes_from("XYZ")
    r = frustration_index(G)
    assert r.blocs == [["X", "Y", "Z"], []] and r.optimal


def test_weight_none_ignores_weights():
    G = signed([("A", "B", 1, 3.0), ("B", "C", 1, 0.25), ("A", "C", -1, 2.0)])
    assert frustration_index(G, weight=None).frustration_index == 1


# --- Read's Highland tribes ------------------------------------------------------------------


@pytest.fixture(scope="module")
def highland() -> nx.Graph:
    return read_signed_edgelist(HIGHLAND)


def test_highland_tribes_exact(highland):
    r = frustration_index(highland, method="exact")
    assert r.frustration_index == 7
    assert r.normalised == pytest.approx(0.7586, abs=1e-4)
    assert (r.method, r.optimal, r.lower_bound, r.gap) == ("exact", True, 7, 0)
    assert r.blocs[1] == ["GAMA", "GAVEV", "KOTUN", "NAGAD"]
    assert len(r.frustrated_edges) == 7
    check_consistent(highland, r)


def test_highland_tribes_heuristic(highland):
    r = frustration_index(highland, method="heuristic", seed=3)
    assert r.frustration_index == 7 and r.method == "heuristic"
    assert r.lower_bound <= 7
    check_consistent(highland, r)


def test_highland_census(highland):
    census = triad_census(highland)
    assert census["triangles"] == census["balanced"] + census["unbalanced"]
    assert census["unbalanced"] == len(census["unbalanced_triangles"])
    assert census["by_type"]["++-"] + census["by_type"]["---"] == census["unbalanced"]


# --- against brute force ----------------------------------------------------------------------


def test_random_graphs_against_brute_force():
    for seed in range(60):
        rng = random.Random(seed)
        G = random_signed(rng.randint(3, 11), rng.choice((0.3, 0.6, 0.9)), seed, weights=(1.0, 2.0, 0.5))
        expected = brute_force(G)
        for method in ("exact", "heuristic"):
            r = frustration_index(G, method=method, seed=seed)
            assert r.frustration_index == pytest.approx(expected), (seed, method)
            if method == "exact":
                assert r.optimal
            check_consistent(G, r)


def test_sparse_graphs_against_brute_force():
    # trees plus a few chords: many degree-2 chains for the reduction
    for seed in range(40):
        rng = random.Random(seed)
        n = rng.randint(4, 14)
        G = nx.Graph(nx.random_labeled_tree(n, seed=seed))
        for _ in range(rng.randint(1, n // 2 + 1)):
            G.add_edge(*rng.sample(range(n), 2))
        for u, v in G.edges:
            G[u][v]["sign"] = rng.choice((1, -1))
            G[u][v]["weight"] = rng.choice((1.0, 0.5, 2.25, 1.1))
        r = frustration_index(G, method="exact")
        assert r.frustration_index == pytest.approx(brute_force(G)) and r.optimal, seed
        check_consistent(G, r)


def test_integer_program_alone_matches_brute_force():
    # The cycle bounds usually settle small graphs before HiGHS is called; check the model itself.
    for seed in range(12):
        G = random_signed(10, 0.7, seed, weights=(1.0, 3.0))
        nodes = list(G)
        index = {x: i for i, x in enumerate(nodes)}
        edges = list(G.edges(data=True))
        prob = balance._Problem(
            len(nodes),
            [index[u] for u, _, _ in edges],
            [index[v] for _, v, _ in edges],
            [d["sign"] for *_, d in edges],
            [d["weight"] for *_, d in edges],
        )
        start = np.array([random.Random(seed).randint(0, 1) for _ in nodes])
        x, bound, optimal = balance._frustration_milp(prob, [], start, prob.cost(start), None)
        expected = brute_force(G)
        best = min(prob.cost(start), prob.cost(x) if x is not None else float("inf"))
        assert optimal and best == pytest.approx(expected) and bound <= expected + 1e-6


def test_packing_and_cut_bounds_are_valid():
    for seed in range(15):
        G = random_signed(11, 0.6, seed, weights=(1.0, 2.0))
        expected = brute_force(G)
        edges = list(G.edges(data=True))
        prob = balance._Problem(
            11,
            [u for u, _, _ in edges],
            [v for _, v, _ in edges],
            [d["sign"] for *_, d in edges],
            [d["weight"] for *_, d in edges],
        )
        assert balance._packing_bound(prob, None) <= expected + 1e-9
        cuts, lp = balance._root_cuts(prob, float("inf"), None, random.Random(seed))
        assert lp <= expected + 1e-6


def test_time_limit_is_respected_with_a_valid_bound():
    G = nx.gnm_random_graph(200, 1000, seed=7)
    rng = random.Random(7)
    for u, v in G.edges:
        G[u][v]["sign"] = rng.choice((1, -1))
    r = frustration_index(G, method="exact", time_limit=1.0)
    assert r.method == "exact"
    assert r.lower_bound <= r.frustration_index
    if not r.optimal:  # expected: a random 200-node graph at half negative is too hard for 1 s
        assert 0 < r.gap <= 1
    assert r.seconds < 10  # the limit plus the one local-search start that always completes
    check_consistent(G, r)


def test_seed_makes_the_heuristic_reproducible():
    G = random_signed(40, 0.2, 5)
    a = frustration_index(G, method="heuristic", seed=11)
    b = frustration_index(G, method="heuristic", seed=11)
    assert (a.frustration_index, a.partition) == (b.frustration_index, b.partition)


# --- input checks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("graph", "message"),
    [
        (signed([("A", "B", 2)]), "sign"),
        (signed([("A", "B", 1, 0.0)]), "weight"),
        (signed([("A", "B", 1, -1.0)]), "weight"),
        (signed([("A", "B", 1, float("nan"))]), "weight"),
        (signed([("A", "A", 1)]), "self-loop"),
        (nx.DiGraph([("A", "B", {"sign": 1})]), "undirected"),
        (nx.MultiGraph([("A", "B", {"sign": 1})]), "multigraph"),
    ],
)
def test_bad_graphs_are_refused(graph, message):
    with pytest.raises(UsageError, match=message):
        frustration_index(graph)


def test_bad_options_are_refused():
    G = signed(["A+B"])
    with pytest.raises(UsageError, match="method"):
        frustration_index(G, method="fast")
    with pytest.raises(UsageError, match="time_limit"):
        frustration_index(G, time_limit=0)
    with pytest.raises(UsageError, match="k must"):
        k_partition(G, 1)
    with pytest.raises(UsageError, match="min_paths"):
        implied_signs(G, min_paths=0)


# --- triads ------------------------------------------------------------------------------------


def test_triad_census_by_hand():
    G = signed(["A+B", "B+C", "A+C", "C-D", "B-D", "D-E", "C-E", "E+F"])
    # triangles: ABC is +++, BCD is +-- (balanced), CDE is --- (unbalanced); EF is on none
    census = triad_census(G)
    assert census["by_type"] == {"+++": 1, "++-": 0, "+--": 1, "---": 1}
    assert (census["balanced"], census["unbalanced"], census["triangles"]) == (2, 1, 3)
    assert census["unbalanced_triangles"] == [("C", "D", "E")]
    assert census["balance_ratio"] == pytest.approx(2 / 3)


def test_triad_weights_are_geometric_means():
    G = signed(
        [("A", "B", 1, 1.0), ("B", "C", 1, 8.0), ("A", "C", -1, 1.0), ("C", "D", 1, 1.0), ("B", "D", 1, 1.0)]
    )
    census = triad_census(G)
    assert census["weighted_unbalanced"] == pytest.approx(2.0)  # (1 * 8 * 1) ** (1/3)
    assert census["weighted_balanced"] == pytest.approx(2.0)  # BCD: (8 * 1 * 1) ** (1/3)
    assert triad_census(nx.Graph())["balance_ratio"] is None


# --- k blocs -----------------------------------------------------------------------------------


def three_hostile_cliques() -> nx.Graph:
    groups = [["A1", "A2", "A3", "A4"], ["B1", "B2", "B3"], ["C1", "C2", "C3"]]
    G = nx.Graph()
    for g in groups:
        for a, b in itertools.combinations(g, 2):
            G.add_edge(a, b, sign=1)
    for g, h in itertools.combinations(groups, 2):
        for a in g:
            for b in h:
                G.add_edge(a, b, sign=-1)
    return G


def test_k_partition_three_hostile_cliques():
    res = k_partition(three_hostile_cliques(), 3)
    assert res["blocs"] == [["A1", "A2", "A3", "A4"], ["B1", "B2", "B3"], ["C1", "C2", "C3"]]
    assert (res["cost"], res["optimal"], res["lower_bound"]) == (0.0, True, 0.0)
    assert res["cohesion"] == [1.0, 1.0, 1.0] and res["opposition"] == [1.0, 1.0, 1.0]
    assert res["between_negative"] == 1.0
    # with only two blocs, two of the hostile cliques must share one: 3 * 3 negative edges inside
    two = k_partition(three_hostile_cliques(), 2)
    assert two["cost"] == 9 and two["optimal"]


def test_k_partition_agrees_with_brute_force_and_the_index(highland):
    assert k_partition(highland, 2)["cost"] == 7
    for seed in range(10):
        G = random_signed(7, 0.6, seed, weights=(1.0, 2.0))
        res = k_partition(G, 3, seed=seed)
        assert res["cost"] == pytest.approx(brute_force(G, 3)) and res["optimal"]
        assert res["lower_bound"] <= res["cost"]


def test_k_partition_may_use_fewer_blocs():
    res = k_partition(signed(["A+B", "B+C"]), 4)
    assert res["blocs"] == [["A", "B", "C"]] and res["cost"] == 0 and res["between_negative"] is None


# --- implied signs -----------------------------------------------------------------------------


def test_enemy_of_my_enemy():
    G = signed(["A-B", "A-C"])
    assert implied_signs(G) == [
        {
            "a": "B",
            "b": "C",
            "sign": 1,
            "via": ["A"],
            "support": 1,
            "against": 0,
            "via_against": [],
            "edge_sign": None,
        }
    ]


def test_implied_signs_weigh_paths_and_contested_pairs():
    # X and Y: through A both hostile (+), through B friend/enemy (-), through C both friends (+)
    G = signed(["X-A", "A-Y", "X+B", "B-Y", "X+C", "C+Y", "X-Y", "P-Q"])
    assert all({r["a"], r["b"]} != {"X", "Y"} for r in implied_signs(G))  # linked: skipped
    rows = implied_signs(G, contested=[("Y", "X"), ("P", "X")])
    xy = next(r for r in rows if {r["a"], r["b"]} == {"X", "Y"})
    assert (xy["sign"], xy["support"], xy["against"], xy["edge_sign"]) == (1, 2, 1, -1)
    assert sorted(xy["via"]) == ["A", "C"] and xy["via_against"] == ["B"]
    px = next(r for r in rows if {r["a"], r["b"]} == {"P", "X"})
    assert px["sign"] == 0 and px["support"] == 0
    assert [r["support"] for r in rows] == sorted((r["support"] for r in rows), reverse=True)
    assert all(len(r["via"]) + len(r["via_against"]) >= 2 for r in implied_signs(G, min_paths=2))


# --- CSV reader --------------------------------------------------------------------------------


def test_reads_highland_tribes(highland):
    assert highland.number_of_nodes() == 16 and highland.number_of_edges() == 58
    assert sum(1 for *_, s in highland.edges(data="sign") if s < 0) == 29


def read(text: str) -> nx.Graph:
    return read_signed_edgelist(io.StringIO(text))


def test_reader_sign_spellings_weights_and_extra_columns():
    G = read("note,target,source,sign,weight\nx,B,A,+,2\n,C,A,-,\n\n,D,A,+1,0.5\n,E,A,-1,1\n,F,A,1,3\n")
    assert dict(G["A"]) == {
        "B": {"sign": 1, "weight": 2.0, "positive": 2.0, "negative": 0.0, "rows": 1},
        "C": {"sign": -1, "weight": 1.0, "positive": 0.0, "negative": 1.0, "rows": 1},
        "D": {"sign": 1, "weight": 0.5, "positive": 0.5, "negative": 0.0, "rows": 1},
        "E": {"sign": -1, "weight": 1.0, "positive": 0.0, "negative": 1.0, "rows": 1},
        "F": {"sign": 1, "weight": 3.0, "positive": 3.0, "negative": 0.0, "rows": 1},
    }


def test_reader_combines_duplicate_pairs_by_signed_sum(tmp_path):
    path = tmp_path / "ties.csv"
    path.write_text(
        "\ufeffsource,target,sign,weight\nA,B,+,2\nB,A,-,0.5\nA,B,+,1\nC,D,+,1\nD,C,-,1\n", encoding="utf-8"
    )
    G = read_signed_edgelist(path)
    assert G["A"]["B"] == {"sign": 1, "weight": 2.5, "positive": 3.0, "negative": 0.5, "rows": 3}
    assert not G.has_edge("C", "D") and set(G) == {"A", "B", "C", "D"}
    assert G.graph["cancelled"] == [("C", "D")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ("\n\n", "empty file"),
        ("from,to,sign\nA,B,+\n", "header lacks source, target"),
        ("source,target,sign\nA,B,+\nA,C,maybe\n", r":3: sign 'maybe'"),
        ("source,target,sign\nA,B,2\n", r":2: sign '2'"),
        ("source,target,sign,weight\nA,B,+,heavy\n", r":2: weight 'heavy' is not a number"),
        ("source,target,sign,weight\nA,B,+,0\n", r":2: weight '0' must be a positive"),
        ("source,target,sign,weight\nA,B,+,-2\n", r":2: weight '-2' must be a positive"),
        ("source,target,sign,weight\nA,B,+,inf\n", r":2: weight 'inf' must be a positive"),
        ("source,target,sign\n\nA,A,+\n", r":3: self-loop on 'A'"),
        ("source,target,sign\nA,,+\n", r":2: empty source or target"),
        ("source,target,sign\nA,B\n", r":2: 2 fields, expected 3"),
    ],
)
def test_reader_errors_name_the_line(text, message):
    with pytest.raises(UsageError, match=message):
        read(text)


def test_reader_missing_file_and_binary(tmp_path):
    with pytest.raises(UsageError, match="cannot read"):
        read_signed_edgelist(tmp_path / "absent.csv")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"source,target,sign\n\xff\xfe,B,+\n")
    with pytest.raises(UsageError, match="not UTF-8"):
        read_signed_edgelist(bad)
    with pytest.raises(UsageError, match="self-loop"):
        combine_signed_edges([("A", "A", 1, 1.0)])


# --- docs ------------------------------------------------------------------------------------


@pytest.mark.parametrize("module", [balance, signed_io])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
