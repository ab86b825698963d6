"""The brief: every line footnoted, every footnote a real sentence of a stored document."""

from __future__ import annotations

import re
from pathlib import Path

from realpolitik.analysis import brief, render_brief
from realpolitik.analysis.brief import load_phrases, phrase
from realpolitik.model import Outcome
from realpolitik.ontology import RELATION_TYPES

from .conftest import rel, store_of


def _store(tmp_path: Path):
    return store_of(tmp_path / "s.db", {
        "a": ("2020-12-01", [
            rel("a", "ISR", "arms_supply", "AZE", "Israeli arms are more than 60 percent of Azerbaijan's stockpile.",
                quantity=(60, "percent", "more than 60 percent of Azerbaijan's stockpile")),
            rel("a", "AZE", "energy_supply", "ISR", "Azeri oil is some 40 percent of Israel's consumption.",
                quantity=(40, "percent", "some 40 percent of Israel's consumption")),
            rel("a", "AZE", "criticism", "ISR", "Azerbaijan votes for anti-Israel resolutions."),
            rel("a", "ARM", "armed_conflict", "AZE", "Armenia and Azerbaijan fought a war in 2020.", date="2020-09"),
            rel("a", "ARM", "alignment", "IRN", "Armenia is an ally of Iran."),
            rel("a", "AZE", "alignment", "IRN", "Baku stresses its friendship with Tehran."),
            rel("a", "IRN", "hostility", "ISR", "Iran calls Israel its main enemy."),
        ], [Outcome("a", "AZE", 1, "Azerbaijan emerged victorious.", (0, 0), "2020-12-01")]),
    })


def test_every_line_is_footnoted_with_real_sentences(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        b = brief(store, "AZE")
        texts = {d["id"]: store.document(d["id"]).text for d in store.documents()}
    titles = {s["title"]: s["lines"] for s in b["sections"]}
    assert [x["actor"] for x in titles["Allies"]] == ["ISR", "IRN"]
    assert [x["actor"] for x in titles["Adversaries"]] == ["ARM"]
    israel = titles["Allies"][0]
    assert israel["text"].startswith("Israel (+")
    assert "Israel supplies arms to Azerbaijan (more than 60 percent of Azerbaijan's stockpile)" in israel["text"]
    assert "but Azerbaijan criticises Israel" in israel["text"]
    assert any("only known supplier" in x["text"] for x in titles["Dependencies"])
    assert titles["Outcomes stated"][0]["text"].startswith("The texts state 1 gain for Azerbaijan")
    assert titles["Recent changes"][0]["text"].startswith("2020-09: Armenia and Azerbaijan fought")
    assert any("which are hostile to each other" in x["text"] for x in titles["Tensions"])
    numbers = {n["n"] for n in b["footnotes"]}
    for section in b["sections"]:
        for line in section["lines"]:
            marks = {int(m) for m in re.findall(r"\[(\d+)\]", line["text"])}
            assert marks <= numbers and marks == set(line["notes"]), line["text"]
    for n in b["footnotes"]:
        s, e = n["span"]
        assert texts[n["doc"]][s:e] == n["sentence"]
    assert "Azerbaijan depends on Israel for arms" in b["summary"]["text"]
    assert "The texts describe Azerbaijan as a winner" in b["summary"]["text"]
    page = render_brief(b)
    assert page.startswith("Brief: Azerbaijan (AZE)") and "\nSources\n[1] a " in page


def test_an_actor_without_relations(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        b = brief(store, "FRA")
    assert b["summary"]["text"] == "No relation of France is stored."
    assert all(not s["lines"] for s in b["sections"]) and b["footnotes"] == []


def test_every_type_has_a_phrase() -> None:
    assert set(load_phrases()) == set(RELATION_TYPES)
    assert phrase(rel("d", "AZE", "diplomatic_upgrade", "ISR", "x", modality="negated")) == \
        "not: Azerbaijan and Israel upgraded relations"
