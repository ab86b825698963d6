"""Balance read as alliances: blocs, cohesion, tensions named by their triangles, with evidence."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from realpolitik.analysis import balance_report, blocs, cohesion, network_balance
from realpolitik.analysis.signed_io import read_signed_edgelist
from realpolitik.errors import UsageError

from .conftest import rel, store_of

HIGHLAND = Path(__file__).resolve().parents[1] / "data" / "highland_tribes.csv"


def signed(*edges: tuple[str, str, int, float]) -> nx.Graph:
    G = nx.Graph()
    for a, b, s, w in edges:
        G.add_edge(a, b, sign=s, weight=w)
    return G


def test_a_balanced_network_has_no_tension() -> None:
    G = signed(("A", "B", 1, 2), ("C", "D", 1, 1), ("A", "C", -1, 1), ("B", "D", -1, 3), ("A", "D", -1, 1))
    r = balance_report(G)
    assert r["frustration_index"] == 0 and r["optimal"] and r["method"] == "exact"
    assert sorted(map(sorted, r["blocs"])) == [["A", "B"], ["C", "D"]]
    assert r["frustrated_edges"] == []
    assert r["normalised"] == 1.0
    assert r["triads"]["unbalanced"] == 0 and r["triads"]["balanced"] == 2


def test_one_frustrated_triangle_names_the_actor_between_two_foes() -> None:
    # AZE is tied to ISR (5) and IRN (2); ISR and IRN are hostile (4): the weakest tie breaks.
    G = signed(("AZE", "ISR", 1, 5), ("AZE", "IRN", 1, 2), ("ISR", "IRN", -1, 4))
    r = balance_report(G)
    assert r["frustration_index"] == 2.0
    (t,) = r["frustrated_edges"]
    assert (t["a"], t["b"], t["sign"], t["kind"]) == ("AZE", "IRN", 1, "tie across blocs")
    assert t["tension"] == "AZE is tied to both ISR and IRN, which are hostile to each other"
    assert t["triads"][0]["nodes"] == ["AZE", "ISR", "IRN"]
    # make the hostility the weakest edge: the same triangle, now named from the hostile pair
    G["ISR"]["IRN"]["weight"] = 1
    (t,) = balance_report(G)["frustrated_edges"]
    assert (t["a"], t["b"], t["kind"]) == ("IRN", "ISR", "hostility within a bloc")
    assert t["tension"] == "AZE is tied to both ISR and IRN, which are hostile to each other"


def test_three_mutual_enemies_and_edges_on_no_triangle() -> None:
    r = balance_report(signed(("A", "B", -1, 1), ("B", "C", -1, 1), ("A", "C", -1, 1)))
    assert r["frustration_index"] == 1
    assert r["frustrated_edges"][0]["tension"] == "A, B and C are all hostile to one another"
    # a square with one negative edge: frustrated, but on no triangle
    r = balance_report(signed(("A", "B", 1, 1), ("B", "C", 1, 1), ("C", "D", 1, 1), ("D", "A", -1, 1)))
    (t,) = r["frustrated_edges"]
    assert t["triads"] == []
    assert "bloc" in t["tension"] and t["a"] in t["tension"] and t["b"] in t["tension"]


def test_highland_tribes_published_index_through_the_report() -> None:
    if not HIGHLAND.exists():
        pytest.skip(f"{HIGHLAND} is absent")
    G = read_signed_edgelist(HIGHLAND)
    r = balance_report(G)
    assert (r["frustration_index"], r["method"], r["optimal"], r["gap"]) == (7.0, "exact", True, 0.0)
    assert len(r["frustrated_edges"]) == 7
    assert all(t["tension"] and t["kind"] in ("tie across blocs", "hostility within a bloc") for t in r["frustrated_edges"])
    b = blocs(G)
    assert b["cost"] == 7.0 and b["blocs"] == r["blocs"]
    assert sum(len(x) for x in b["blocs"]) == 16


def test_cohesion_figures_by_hand() -> None:
    G = signed(("A", "B", 1, 3), ("A", "C", -1, 1), ("B", "C", 1, 1), ("C", "D", 1, 2), ("B", "D", -1, 4))
    c = cohesion(G, [["A", "B"], ["C", "D"]])
    assert c[0]["cohesion"] == 1.0 and c[1]["cohesion"] == 1.0
    assert c[0]["external_negative"] == 5 and c[0]["external_positive"] == 1
    assert c[0]["opposition"] == pytest.approx(5 / 6)
    mixed = cohesion(G, [["A", "B", "C"], ["D"]])
    assert mixed[0]["cohesion"] == pytest.approx(4 / 5) and mixed[1]["cohesion"] is None


def test_k_blocs_and_their_tensions() -> None:
    G = signed(("A", "B", 1, 1), ("C", "D", 1, 1), ("E", "F", 1, 2),
               ("A", "C", -1, 1), ("A", "E", -1, 2), ("C", "E", -1, 1), ("B", "F", 1, 1))
    three = blocs(G, 3)
    assert three["k"] == 3 and three["cost"] == 1.0 and three["optimal"]
    assert len(three["blocs"]) == 3
    assert [(t["a"], t["b"]) for t in three["frustrated_edges"]] == [("B", "F")]
    assert three["between_negative"] == pytest.approx(4 / 5)
    assert three["cohesion"][0]["cohesion"] == 1.0
    with pytest.raises(UsageError):
        blocs(G, 1)


def test_the_store_network_report_cites_its_sentences(tmp_path: Path) -> None:
    store = store_of(tmp_path / "s.db", {
        "d1": ("2021-01-05", [
            rel("d1", "AZE", "alignment", "ISR", "Azerbaijan and Israel are close allies."),
            rel("d1", "IRN", "hostility", "ISR", "Iran calls Israel its main enemy."),
            rel("d1", "AZE", "support", "IRN", "Azerbaijan thanked Iran for its support."),
        ], []),
    })
    with store:
        r = network_balance(store)
        assert r["frustration_index"] == 3.0
        (t,) = r["frustrated_edges"]
        assert (t["a"], t["b"]) == ("AZE", "IRN")
        assert [e["evidence"] for e in t["evidence"]] == ["Azerbaijan thanked Iran for its support."]
        doc = store.document("d1")
        s, e = t["evidence"][0]["span"]
        assert doc is not None and doc.text[s:e] == t["evidence"][0]["evidence"]
        assert network_balance(store, until="2020")["edges"] == 0
