"""Acceptance of the analysis engine on the store built from the two seed articles."""

from __future__ import annotations

import pytest

from realpolitik.analysis import (
    blocs,
    brief,
    build_network,
    contradictions,
    impact,
    infer,
    leverage,
    render_brief,
)


def sides(result: dict) -> dict[str, int]:
    return {x: i for i, b in enumerate(result["blocs"]) for x in b}


def test_leverage_oil_and_arms(seeds) -> None:  # noqa: ANN001
    lines = {(x["supplier"], x["dependent"], x["good"]): x for x in leverage(seeds)}
    oil = lines[("AZE", "ISR", "oil")]
    assert oil["share"] == pytest.approx(0.40, abs=0.02) and oil["reference"] == "consumption"
    arms = lines[("ISR", "AZE", "arms")]
    assert arms["share"] >= 0.60 and arms["bound"] == "at least"
    assert all(0.0 <= x["share"] <= 1.0 for x in lines.values() if x["share"] is not None)
    assert oil["evidence"] and all(e["evidence"] for e in oil["evidence"])


def test_blocs_put_israel_azerbaijan_turkey_together_against_armenia(seeds) -> None:  # noqa: ANN001
    result = blocs(build_network(seeds))
    side = sides(result)
    assert side["ISR"] == side["AZE"] == side["TUR"] != side["ARM"]
    assert result["optimal"] and result["method"] == "exact"
    # AZE-IRN is at the heart of a named tension, with its evidence
    assert any("AZE" in t["tension"] and "IRN" in t["tension"] for t in result["frustrated_edges"])
    assert all(t["evidence"] for t in result["frustrated_edges"])


def test_iran_sides_with_armenia_and_aze_irn_is_a_frustrated_tie(seeds) -> None:  # noqa: ANN001
    result = blocs(build_network(seeds))
    assert sides(result)["IRN"] == sides(result)["ARM"]
    assert ("AZE", "IRN") in [(t["a"], t["b"]) for t in result["frustrated_edges"]]


def test_infer_israel_turkey_positive(seeds) -> None:  # noqa: ANN001
    (d,) = [x for x in infer(build_network(seeds)) if (x["a"], x["b"]) == ("ISR", "TUR")]
    assert d["sign"] == 1 and d["triads"]


def test_infer_israel_turkey_through_iran(seeds) -> None:  # noqa: ANN001
    (d,) = [x for x in infer(build_network(seeds)) if (x["a"], x["b"]) == ("ISR", "TUR")]
    assert "IRN" in d["via"]


def test_tensions_and_inference_are_explained_by_their_triads(seeds) -> None:  # noqa: ANN001
    G = build_network(seeds)
    (tension,) = [t for t in blocs(G)["frustrated_edges"] if (t["a"], t["b"]) == ("AZE", "IRN")]
    assert "AZE is tied to both ISR and IRN, which are hostile to each other" in [t["text"] for t in tension["triads"]]
    (d,) = [x for x in infer(G) if (x["a"], x["b"]) == ("ISR", "TUR")]
    (triad,) = [t for t in d["triads"] if t["via"] == "IRN"]
    assert triad["text"] == "ISR and TUR are both hostile to IRN"


def test_the_two_oil_figures_disagree_on_what_they_measure(seeds) -> None:  # noqa: ANN001
    found = {(c["kind"], tuple(c["key"])) for c in contradictions(seeds)}
    assert ("reference", ("AZE", "energy_supply", "ISR")) in found


def test_outcomes_and_impact_follow_the_articles(seeds) -> None:  # noqa: ANN001
    stated = {(o.actor, o.polarity) for o in seeds.outcomes()}
    assert {("AZE", 1), ("ISR", 1), ("IRN", -1)} <= stated
    r = impact(seeds, "2020-11-10")
    assert {"AZE", "ISR"} <= set(r["winners"]) and "IRN" in r["losers"]


@pytest.mark.parametrize(("actor", "ally", "phrases"), [
    ("ISR", "AZE", ["Israel supplies arms to Azerbaijan", "Azerbaijan supplies oil to Israel"]),
    ("AZE", "ISR", ["Azerbaijan depends on Israel for arms", "Israel depends on Azerbaijan for oil"]),
])
def test_briefs_read_like_the_articles(seeds, actor: str, ally: str, phrases: list[str]) -> None:  # noqa: ANN001
    b = brief(seeds, actor)
    titles = {s["title"]: s["lines"] for s in b["sections"]}
    assert titles["Allies"][0]["actor"] == ally
    assert any(x["actor"] == "ARM" for x in titles["Adversaries"])
    page = render_brief(b)
    for p in phrases:
        assert p in page
    assert "winner" in b["summary"]["text"]
    for n in b["footnotes"]:
        doc = seeds.document(n["doc"])
        assert doc.text[n["span"][0] : n["span"][1]] == n["sentence"]
    assert all(line["notes"] for s in b["sections"] if s["title"] != "Bloc" for line in s["lines"])
