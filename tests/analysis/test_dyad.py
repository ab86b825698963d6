"""Dyads: relations of one pair by layer, scored with the weights table, by year, with quantities."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.analysis import build_network, dyad
from realpolitik.analysis.graph import load_weights
from realpolitik.errors import UsageError

from .conftest import rel, store_of

W = load_weights()


def test_layers_scores_and_corroboration_follow_the_weights_table() -> None:
    rels = [
        rel("d1", "ISR", "arms_supply", "AZE", "Israel sold drones to Azerbaijan.", date="2012"),
        rel("d2", "ISR", "arms_supply", "AZE", "Israeli drones reached Baku in 2016.", date="2016"),
        # a repeat inside one document is emphasis, not corroboration
        rel("d2", "ISR", "arms_supply", "AZE", "Israel keeps arming Azerbaijan.", date="2016", start=40),
        rel("d1", "AZE", "criticism", "ISR", "Baku condemned Israel at the UN.", date="2012", start=40),
        rel("d3", "AZE", "diplomatic_upgrade", "ISR", "Azerbaijan may open an embassy in Israel.", modality="possible"),
        rel("d3", "AZE", "alignment", "ISR", "Azerbaijan is not an ally of Israel.", modality="negated", start=50),
    ]
    d = dyad(rels, "AZE", "ISR")
    arms = W.types["arms_supply"] * 2
    crit = W.types["criticism"]
    upgrade = W.types["diplomatic_upgrade"] * W.modalities["possible"]
    assert d["score"] == pytest.approx(arms + crit + upgrade)
    assert d["positive"] == pytest.approx(arms + upgrade) and d["negative"] == pytest.approx(-crit)
    # the network figure is the asserted part only, and equals the tie build_network makes
    G = build_network(rels)
    assert d["network"]["weight"] == pytest.approx(G["AZE"]["ISR"]["weight"]) == pytest.approx(arms + crit)
    assert d["network"]["mixed"] is True and d["network"]["sign"] == 1
    layers = {x["layer"]: x for x in d["layers"]}
    assert set(layers) == {"military", "diplomatic", "rhetorical"}
    (arms_line,) = layers["military"]["lines"]
    assert arms_line["sources"] == 2 and arms_line["documents"] == ["d1", "d2"]
    assert len(arms_line["evidence"]) == 3
    assert [e["doc"] for e in d["against"]] == ["d3"]
    assert d["relations"] == 6 and d["documents"] == ["d1", "d2", "d3"]


def test_copies_of_one_sentence_count_once() -> None:
    same = "Turkey and Israel are allies, officials said."
    rels = [rel(doc, "TUR", "alignment", "ISR", same) for doc in ("wire1", "wire2", "wire3")]
    d = dyad(rels, "ISR", "TUR")
    assert d["score"] == W.types["alignment"]
    assert d["layers"][0]["lines"][0]["sources"] == 1


def test_timeline_by_year_and_windows() -> None:
    rels = [
        rel("a", "ARM", "armed_conflict", "AZE", "Armenia and Azerbaijan fought in 2016.", date="2016-04"),
        rel("a", "ARM", "armed_conflict", "AZE", "War broke out in September 2020.", date="2020-09", start=50),
        rel("b", "ARM", "agreement", "AZE", "They signed a truce in November 2020.", date="2020-11-10"),
        rel("c", "ARM", "agreement", "AZE", "The two signed a deal."),
    ]
    d = dyad(rels, "ARM", "AZE")
    years = [(y["year"], y["score"]) for y in d["timeline"]]
    assert years == [("2016", -10.0), ("2020", -5.0), (None, 5.0)]
    windowed = dyad(rels, "AZE", "ARM", since="2020")
    assert [y["year"] for y in windowed["timeline"]] == ["2020"]
    assert windowed["undated_left_out"] == 1 and windowed["relations"] == 2
    assert dyad(rels, "AZE", "ARM", until="2019")["score"] == -10.0


def test_quantities_carry_their_share_and_evidence() -> None:
    rels = [rel("d", "AZE", "energy_supply", "ISR", "Azeri oil is some 40 percent of Israel's consumption.",
                quantity=(40, "percent", "some 40 percent of Israel's consumption")),
            rel("d", "ISR", "trade", "TUR", "Trade exceeded $5 billion.", quantity=(5e9, "USD", "$5 billion"))]
    (q,) = dyad(rels, "ISR", "AZE")["quantities"]
    assert (q["share"], q["unit"], q["text"]) == (0.4, "percent", "some 40 percent of Israel's consumption")
    assert q["evidence"][0]["evidence"].startswith("Azeri oil")
    (usd,) = dyad(rels, "TUR", "ISR")["quantities"]
    assert usd["share"] is None and usd["value"] == 5_000_000_000


def test_a_store_places_undated_relations_at_their_documents_date(tmp_path: Path) -> None:
    store = store_of(tmp_path / "s.db", {
        "old": ("2014-05-01", [rel("old", "ISR", "trade", "TUR", "Trade between Israel and Turkey grew.")], []),
        "new": ("2021-02-01", [rel("new", "TUR", "criticism", "ISR", "Turkey condemned Israel.")], []),
    })
    with store:
        d = dyad(store, "TUR", "ISR")
        assert [(y["year"], y["score"]) for y in d["timeline"]] == [("2014", 2.0), ("2021", -3.0)]
        assert {r["date_source"] for y in d["timeline"] for r in y["relations"]} == {"document"}
        assert dyad(store, "TUR", "ISR", since="2020")["score"] == -3.0


def test_a_dyad_needs_two_actors_and_valid_dates() -> None:
    with pytest.raises(UsageError):
        dyad([], "ISR", "ISR")
    with pytest.raises(UsageError):
        dyad([], "ISR", "AZE", since="last year")
    assert dyad([], "ISR", "AZE")["relations"] == 0
