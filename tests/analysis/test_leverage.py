"""Leverage: shares read from quantity phrases, refused when they are shares of something else."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.analysis import exposure, leverage
from realpolitik.analysis.leverage import good_of, read_share

from .conftest import rel, store_of

OIL = rel("d2", "AZE", "energy_supply", "ISR", "To this day, Azeri oil accounts for some 40 percent of Israel's consumption.",
          quantity=(40, "percent", "some 40 percent of Israel's consumption"))
ARMS = rel("d2", "ISR", "arms_supply", "AZE", "Israeli arms are said to comprise more than 60 percent of Azerbaijan's weapons stockpile.",
           quantity=(60, "percent", "more than 60 percent of Azerbaijan's weapons stockpile"), start=100)
BARGAIN = "Israel sells weapons to Azerbaijan and buys its oil (up to 40 percent of Israel's arms imports)."
OIL_WRONG = rel("d1", "AZE", "energy_supply", "ISR", BARGAIN, quantity=(40, "percent", "up to 40 percent of Israel's arms imports"))
ARMS_WRONG = rel("d1", "ISR", "arms_supply", "AZE", BARGAIN, quantity=(40, "percent", "up to 40 percent of Israel's arms imports"))


def test_mutual_dependence_with_shares_read_from_the_right_phrases() -> None:
    lines = {(x["supplier"], x["dependent"], x["good"]): x for x in leverage([OIL, ARMS, OIL_WRONG, ARMS_WRONG])}
    oil = lines[("AZE", "ISR", "oil")]
    assert (oil["share"], oil["bound"], oil["reference"]) == (0.4, "about", "consumption")
    assert oil["sources"] == 2 and oil["documents"] == ["d1", "d2"]
    refused = [s for s in oil["shares"] if not s["accepted"]]
    assert [s["reason"] for s in refused] == ["a share of arms imports, not of oil"]
    arms = lines[("ISR", "AZE", "arms")]
    assert (arms["share"], arms["bound"], arms["reference"]) == (0.6, "at least", "arsenal")
    assert [s["reason"] for s in arms["shares"] if not s["accepted"]] == ["a share of the supplier ISR's own imports"]
    assert oil["counter"] == ["arms"] and arms["counter"] == ["oil"]
    assert oil["single_supplier"] and oil["withhold"].startswith("AZE could withhold oil (~40 % of ISR's consumption)")
    assert "ISR could withhold arms (more than 60 % of AZE's arsenal) in return" in oil["withhold"]


def test_share_readings_one_rule_at_a_time() -> None:
    third = rel("d", "RUS", "energy_supply", "TUR", "x", quantity=(30, "percent", "30 percent of Germany's gas imports"))
    s = read_share(third, "gas")
    assert not s.accepted and s.possessor == "DEU" and "DEU" in s.reason
    adjective = rel("d", "ISR", "arms_supply", "AZE", "x", quantity=(60, "percent", "60 percent of Azerbaijani arms imports"))
    s = read_share(adjective, "arms")
    assert s.accepted and (s.possessor, s.reference, s.side, s.bound) == ("AZE", "imports", "dependent", "exact")
    bare = rel("d", "RUS", "energy_supply", "ARM", "x", quantity=(80, "percent", "about 80 percent of the gas it burns"))
    assert read_share(bare, "gas").accepted and read_share(bare, "gas").possessor is None
    exports = rel("d", "AZE", "energy_supply", "ISR", "x", quantity=(25, "percent", "25 percent of Azerbaijan's oil exports"))
    s = read_share(exports, "oil")
    assert s.accepted and s.side == "supplier"
    assert read_share(rel("d", "ISR", "trade", "TUR", "x", quantity=(5e9, "USD", "$5 billion")), "trade") is None


def test_exports_share_is_the_suppliers_dependence_and_shares_combine_by_median() -> None:
    rels = [
        rel("a", "AZE", "energy_supply", "ISR", "Azeri oil is 30 percent of Israel's needs.", quantity=(30, "percent", "30 percent of Israel's needs")),
        rel("b", "AZE", "energy_supply", "ISR", "Azeri oil is 40 percent of Israel's imports.", quantity=(40, "percent", "40 percent of Israel's imports")),
        rel("c", "AZE", "energy_supply", "ISR", "Azeri oil is 50 percent of Israel's consumption.", quantity=(50, "percent", "50 percent of Israel's consumption")),
        rel("d", "AZE", "energy_supply", "ISR", "Israel takes 25 percent of Azerbaijan's oil exports.", quantity=(25, "percent", "25 percent of Azerbaijan's oil exports")),
    ]
    (line,) = leverage(rels)
    assert line["share"] == 0.4 and line["supplier_share"] == 0.25 and line["sources"] == 4


def test_goods_suppliers_and_mutual_trade() -> None:
    rels = [
        rel("a", "RUS", "energy_supply", "TUR", "Russia pipes natural gas to Turkey."),
        rel("a", "AZE", "energy_supply", "TUR", "Azerbaijan also sells gas to Turkey.", start=40),
        rel("b", "RUS", "energy_supply", "ARM", "Russia provides electricity to Armenia."),
        rel("c", "ISR", "trade", "TUR", "Trade between Israel and Turkey exceeded $5 billion.", quantity=(5e9, "USD", "$5 billion")),
        rel("c", "TUR", "arms_supply", "AZE", "Turkey could sell drones to Azerbaijan.", modality="possible", start=60),
    ]
    assert [good_of(r) for r in rels[:3]] == ["gas", "gas", "energy"]
    lines = {(x["supplier"], x["dependent"], x["good"]): x for x in leverage(rels)}
    assert set(lines) == {("RUS", "TUR", "gas"), ("AZE", "TUR", "gas"), ("RUS", "ARM", "energy"), ("ISR", "TUR", "trade")}
    assert lines[("RUS", "TUR", "gas")]["other_suppliers"] == ["AZE"] and not lines[("RUS", "TUR", "gas")]["single_supplier"]
    assert lines[("RUS", "ARM", "energy")]["single_supplier"]
    trade = lines[("ISR", "TUR", "trade")]
    assert trade["mutual"] and not trade["single_supplier"] and trade["amounts"][0]["value"] == 5_000_000_000
    assert "either could cut it" in trade["withhold"]
    only_arm = leverage(rels, "ARM")
    assert [(x["supplier"], x["good"]) for x in only_arm] == [("RUS", "energy")]
    ex = exposure(leverage(rels), "TUR")
    assert sorted(x["supplier"] for x in ex["depends_on"]) == ["AZE", "ISR", "RUS"]
    assert ex["single_supplier"] == []


def test_a_store_gives_the_same_lines(tmp_path: Path) -> None:
    store = store_of(tmp_path / "s.db", {"d1": (None, [OIL_WRONG, ARMS_WRONG], []), "d2": (None, [OIL, ARMS], [])})
    with store:
        from_store = leverage(store)
    from_list = leverage([OIL, ARMS, OIL_WRONG, ARMS_WRONG])
    strip = [{k: x[k] for k in ("supplier", "dependent", "good", "share", "sources", "withhold")} for x in from_list]
    assert [{k: x[k] for k in strip[0]} for x in from_store] == strip
    assert all(0.0 <= x["share"] <= 1.0 for x in from_store if x["share"] is not None)


@pytest.mark.parametrize("text", ["120 percent of Israel's consumption"])
def test_more_than_everything_is_not_a_share(text: str) -> None:
    s = read_share(rel("d", "AZE", "energy_supply", "ISR", "x", quantity=(120, "percent", text)), "oil")
    assert not s.accepted and "not a share" in s.reason
