"""What-if: hypothetical relations added or removed, and what changes."""

from __future__ import annotations

import pytest

from realpolitik.analysis import whatif
from realpolitik.analysis.whatif import parse_spec
from realpolitik.errors import UsageError

from .conftest import rel

BASE = [
    rel("d", "AZE", "alignment", "ISR", "Azerbaijan and Israel are partners."),
    rel("d", "IRN", "hostility", "ISR", "Iran calls Israel its main enemy.", start=40),
    rel("d", "AZE", "alignment", "IRN", "Baku and Tehran stress their friendship.", start=80),
    rel("d", "ARM", "alignment", "IRN", "Armenia is an ally of Iran.", start=120),
    rel("d", "ARM", "armed_conflict", "AZE", "Armenia and Azerbaijan are at war.", start=160),
    rel("d", "TUR", "diplomatic_upgrade", "ARM", "Turkey may normalise relations with Armenia.", modality="possible", start=200),
]


def test_a_hostility_that_cancels_the_odd_tie_resolves_the_tension() -> None:
    r = whatif(BASE, add=["AZE hostility IRN"])
    before, after = r["before"], r["after"]
    # before: AZE is tied to both ISR and IRN, which are hostile to each other; AZE-IRN breaks
    assert before["frustration_index"] == 4.0 and after["frustration_index"] == 0.0
    assert r["changes"]["frustration_index"] == [4.0, 0.0]
    assert sorted(map(sorted, after["blocs"])) == [["ARM", "IRN"], ["AZE", "ISR"]]
    (resolved,) = r["changes"]["tensions_resolved"]
    assert resolved["pair"] == ["AZE", "IRN"] and resolved["tension"].endswith("which are hostile to each other")
    assert r["changes"]["tensions_gained"] == [] and r["changes"]["moved"] == []
    # alignment (+4) and the hypothetical hostility (-4) cancel: the tie disappears
    assert r["changes"]["edges"] == [{"pair": ["AZE", "IRN"], "before": {"sign": 1, "weight": 4.0}, "after": None}]
    assert r["added"] == [{"source": "AZE", "relation": "hostility", "target": "IRN"}]
    # the texts' possible relations are offered as candidates
    assert [c["add"] for c in r["candidates"]] == ["ARM diplomatic_upgrade TUR"]


def test_removing_a_key_or_a_pair_and_adding_supply() -> None:
    r = whatif(BASE, remove=["AZE alignment IRN"], add=["ISR arms_supply AZE"])
    assert r["removed"] == [{"spec": "AZE alignment IRN", "statements": 1}]
    assert r["after"]["frustration_index"] == 0.0
    assert r["changes"]["moved"] == []
    assert r["changes"]["leverage_gained"] == [["ISR", "AZE", "arms"]]
    pair = whatif(BASE, remove=["ARM AZE"])
    assert pair["removed"] == [{"spec": "ARM AZE", "statements": 1}]
    assert ["ARM", "AZE"] in [e["pair"] for e in pair["changes"]["edges"]]


def test_an_actor_changes_side() -> None:
    rels = [
        rel("d", "AZE", "military_cooperation", "IRN", "Azerbaijan and Iran hold joint exercises.", start=0),
        rel("d", "AZE", "alignment", "ISR", "Azerbaijan and Israel are partners.", start=50),
        rel("d", "ISR", "arms_supply", "AZE", "Israel arms Azerbaijan.", start=210),
        rel("d", "IRN", "hostility", "ISR", "Iran calls Israel its main enemy.", start=90),
        rel("d", "ARM", "armed_conflict", "AZE", "Armenia and Azerbaijan are at war.", start=130),
    ]
    r = whatif(rels, add=["ISR armed_conflict IRN"])
    assert sorted(map(sorted, r["before"]["blocs"])) == [["ARM"], ["AZE", "IRN", "ISR"]]
    assert r["changes"]["moved"] == [{"actor": "IRN", "left": ["AZE", "IRN", "ISR"], "joined": ["ARM", "IRN"]}]


def test_specs_are_checked() -> None:
    assert parse_spec("arm azE", pair_ok=True) == ("ARM", None, "AZE")
    for bad in ("AZE ISR", "AZE friendship ISR", "AZE alignment AZE", "AZE"):
        with pytest.raises(UsageError):
            whatif(BASE, add=[bad])
    with pytest.raises(UsageError):
        whatif(BASE)
