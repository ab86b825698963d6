"""Implied signs: the enemy of my enemy, with the triads and their evidence."""

from __future__ import annotations

import networkx as nx

from realpolitik.analysis import build_network, infer

from .conftest import rel


def test_two_actors_hostile_to_a_third_are_implied_allies_with_the_triad() -> None:
    rels = [rel("d", "ISR", "hostility", "IRN", "Israel calls Iran its main enemy."),
            rel("d", "TUR", "hostility", "IRN", "Turkey and Iran are on opposing axes.", start=40)]
    (d,) = infer(build_network(rels))
    assert (d["a"], d["b"], d["sign"], d["via"], d["status"]) == ("ISR", "TUR", 1, ["IRN"], "no direct tie")
    (t,) = d["triads"]
    assert t["signs"] == [-1, -1] and t["implies"] == 1
    assert t["text"] == "ISR and TUR are both hostile to IRN"
    assert t["evidence"]["ISR-IRN"][0]["evidence"] == "Israel calls Iran its main enemy."
    assert t["evidence"]["IRN-TUR"][0]["evidence"] == "Turkey and Iran are on opposing axes."


def test_contested_and_cancelled_pairs_are_inferred_linked_consistent_ones_not() -> None:
    rels = [
        rel("d", "ISR", "hostility", "IRN", "Israel calls Iran its main enemy."),
        rel("d", "TUR", "hostility", "IRN", "Turkey and Iran are rivals.", start=40),
        # ISR-TUR: a working relationship and a criticism -- a mixed tie
        rel("d", "ISR", "trade", "TUR", "Israel and Turkey trade.", start=80),
        rel("d", "TUR", "criticism", "ISR", "Turkey condemned Israel.", start=110),
        # AZE-ARM: evidence that cancels out exactly
        rel("d", "AZE", "alignment", "IRN", "Azerbaijan and Iran are partners.", start=140),
        rel("d", "ARM", "alignment", "IRN", "Armenia and Iran are partners.", start=180),
        rel("d", "AZE", "alignment", "ARM", "Azerbaijan and Armenia are partners.", start=220),
        rel("d", "AZE", "hostility", "ARM", "Azerbaijan and Armenia are rivals.", start=260),
    ]
    G = build_network(rels)
    assert G["ISR"]["TUR"]["sign"] == -1 and ("ARM", "AZE") in G.graph["cancelled"]
    by_pair = {(d["a"], d["b"]): d for d in infer(G)}
    contested = by_pair[("ISR", "TUR")]
    assert contested["status"] == "contested tie" and contested["edge_sign"] == -1
    assert contested["sign"] == 1 and contested["via"] == ["IRN"]
    cancelled = by_pair[("ARM", "AZE")]
    assert cancelled["status"] == "cancelled" and cancelled["sign"] == 1
    assert cancelled["triads"][0]["text"] == "ARM and AZE are both tied to IRN"
    # a consistent direct tie is not re-inferred
    assert ("ARM", "IRN") not in by_pair and ("AZE", "IRN") not in by_pair


def test_neighbours_that_disagree_give_no_sign() -> None:
    G = nx.Graph()
    G.add_edge("A", "C", sign=1, weight=1)
    G.add_edge("C", "B", sign=1, weight=1)
    G.add_edge("A", "D", sign=1, weight=1)
    G.add_edge("D", "B", sign=-1, weight=1)
    (d,) = [x for x in infer(G) if (x["a"], x["b"]) == ("A", "B")]
    assert d["sign"] == 0 and d["via"] == ["C"] and d["via_against"] == ["D"]
    readings = {t["via"]: t["text"] for t in d["triads"]}
    assert readings == {"C": "A and B are both tied to C", "D": "A is tied to D, which is hostile to B"}
    assert all(t["evidence"] == {f"A-{t['via']}": [], f"{t['via']}-B": []} for t in d["triads"])
