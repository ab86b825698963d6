"""Contradictions: amounts, references, dates, asserted vs negated, and signs across documents."""

from __future__ import annotations

from pathlib import Path

from realpolitik.analysis import contradictions

from .conftest import rel, store_of


def kinds(rels) -> list[tuple[str, list[str]]]:  # noqa: ANN001
    return [(c["kind"], c["key"]) for c in contradictions(rels)]


def test_same_supply_with_different_amounts_or_references() -> None:
    consumption = rel("b", "AZE", "energy_supply", "ISR", "Azeri oil is some 40 percent of Israel's consumption.",
                      quantity=(40, "percent", "some 40 percent of Israel's consumption"))
    arms_imports = rel("a", "AZE", "energy_supply", "ISR", "Israel buys its oil (up to 40 percent of Israel's arms imports).",
                       quantity=(40, "percent", "up to 40 percent of Israel's arms imports"))
    (c,) = contradictions([consumption, arms_imports])
    assert c["kind"] == "reference" and c["key"] == ["AZE", "energy_supply", "ISR"]
    assert "arms imports" in c["summary"] and "consumption" in c["summary"]
    assert {x["doc"] for x in c["claims"]} == {"a", "b"}
    assert c["claims"][0]["reading"]["reference"] in ("imports", "consumption")
    sixty = rel("c", "ISR", "arms_supply", "AZE", "Israeli arms are more than 60 percent of Azerbaijan's stockpile.",
                quantity=(60, "percent", "more than 60 percent of Azerbaijan's stockpile"))
    forty = rel("d", "ISR", "arms_supply", "AZE", "Israeli arms are 40 percent of Azerbaijan's stockpile.",
                quantity=(40, "percent", "40 percent of Azerbaijan's stockpile"))
    assert kinds([sixty, forty]) == [("quantity", ["ISR", "arms_supply", "AZE"])]
    # the same amount of the same thing is agreement
    same = rel("e", "ISR", "arms_supply", "AZE", "Israeli arms form 61 percent of Azerbaijan's stockpile.",
               quantity=(61, "percent", "61 percent of Azerbaijan's stockpile"))
    assert kinds([sixty, same]) == []


def test_one_event_with_two_dates() -> None:
    a = rel("a", "ISR", "diplomatic_recognition", "AZE", "Israel recognised Azerbaijan in 1991.", date="1991-12-25")
    b = rel("b", "ISR", "diplomatic_recognition", "AZE", "Israel recognised Azerbaijan in 1992.", date="1992")
    assert kinds([a, b]) == [("date", ["ISR", "diplomatic_recognition", "AZE"])]
    coarse = rel("c", "ISR", "diplomatic_recognition", "AZE", "Israel recognised Azerbaijan in 1991.", date="1991")
    assert kinds([a, coarse]) == []
    # the same report in two papers with different dates; different reports may differ
    r1 = rel("p1", "ARM", "diplomatic_downgrade", "ISR", "Armenia recalled its ambassador to Israel on Thursday.", date="2020-10-01")
    r2 = rel("p2", "ARM", "diplomatic_downgrade", "ISR", "Armenia recalled its ambassador to Israel on Thursday.", date="2020-10-08")
    other = rel("p3", "ARM", "diplomatic_downgrade", "ISR", "Yerevan again cut ties with Jerusalem after the flotilla raid.", date="2010")
    assert kinds([r1, r2]) == [("date", ["ARM", "diplomatic_downgrade", "ISR"])]
    assert kinds([r1, other]) == []


def test_asserted_and_negated_unless_they_are_years_apart() -> None:
    war = rel("a", "ARM", "armed_conflict", "AZE", "Armenia and Azerbaijan are at war.")
    peace = rel("b", "AZE", "armed_conflict", "ARM", "There is no war between Azerbaijan and Armenia.", modality="negated")
    (c,) = contradictions([war, peace])
    assert c["kind"] == "modality" and c["documents"] == ["a", "b"]
    then = rel("a", "ARM", "armed_conflict", "AZE", "They fought in 1992.", date="1992")
    now = rel("b", "AZE", "armed_conflict", "ARM", "There was no fighting in 2019.", modality="negated", date="2019")
    assert kinds([then, now]) == []


def test_opposite_signs_from_different_documents_in_one_period(tmp_path: Path) -> None:
    friend = rel("a", "TUR", "alignment", "ISR", "Turkey and Israel are partners.")
    foe = rel("b", "TUR", "hostility", "ISR", "Turkey and Israel are rivals.")
    mixed_one_doc = rel("a", "TUR", "criticism", "ISR", "Turkey criticised Israel.", start=40)
    assert kinds([friend, foe]) == [("sign", ["ISR", "TUR"])]
    # one document describing a mixed relationship disagrees with no one
    assert kinds([friend, mixed_one_doc]) == []
    store = store_of(tmp_path / "s.db", {
        "a": ("2014-01-01", [friend], []), "b": ("2019-01-01", [foe], []), "c": ("2019-06-01", [
            rel("c", "ISR", "trade", "TUR", "Israel and Turkey still trade.")], []),
    })
    with store:
        (c,) = contradictions(store)
    assert (c["kind"], c["period"], c["documents"]) == ("sign", "2019", ["c", "b"])
