"""Scoring as ONTOLOGY.md ("Scoring") defines it; every expected figure is worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from realpolitik.errors import UsageError
from realpolitik.evaluate import load_records, render, score
from realpolitik.ontology import RELATION_TYPES, relation_key

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "gold" / "seeds.jsonl"


def rec(doc, source, relation, target, modality="asserted", *, date=None, optional=None, evidence=""):
    """A record; ``optional`` given makes it a gold record."""
    r = {
        "doc": doc,
        "source": source,
        "relation": relation,
        "target": target,
        "modality": modality,
        "date": date,
        "quantity": None,
        "evidence": evidence or f"{source} {relation} {target}",
    }
    if optional is not None:
        r["optional"] = optional
    return r


def write(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def run(tmp_path, gold, predicted, **kwargs):
    """Score through real files, as ``realpolitik eval`` does."""
    g = load_records(write(tmp_path / "gold.jsonl", gold))
    p = load_records(write(tmp_path / "pred.jsonl", predicted))
    return score(g, p, **kwargs)


def figures(m):
    return (m["tp"], m["predicted"], m["gold"], m["precision"], m["recall"], m["f1"])


# --- load_records ---------------------------------------------------------------------------


def test_load_records_skips_blank_lines(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text('\n{"doc": "a"}\n   \n{"doc": "b"}\n\n', encoding="utf-8")
    assert load_records(path) == [{"doc": "a"}, {"doc": "b"}]
    assert load_records(str(path)) == [{"doc": "a"}, {"doc": "b"}]


def test_load_records_malformed_line_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"doc": "a"}\n\n{"doc": \n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"bad\.jsonl:3"):
        load_records(path)


def test_load_records_non_object_line(tmp_path):
    path = tmp_path / "list.jsonl"
    path.write_text('{"doc": "a"}\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"list\.jsonl:2"):
        load_records(path)


def test_load_records_missing_file(tmp_path):
    with pytest.raises(UsageError, match="nope.jsonl"):
        load_records(tmp_path / "nope.jsonl")


# --- result shape ---------------------------------------------------------------------------


def test_result_shape(tmp_path):
    result = run(tmp_path, [rec("d", "ISR", "arms_supply", "AZE", optional=False)], [])
    assert set(result) >= {"strict", "relaxed", "per_relation", "date_accuracy"}
    for name in ("strict", "relaxed"):
        assert set(result[name]) == {"precision", "recall", "f1", "tp", "predicted", "gold"}
    assert set(RELATION_TYPES) <= set(result["per_relation"])
    for m in result["per_relation"].values():
        assert set(m) == {"f1", "tp", "pred", "gold"}
    json.dumps(result)  # plain data, ready for --json


# --- the rules ------------------------------------------------------------------------------


def test_symmetric_key_sorting(tmp_path):
    gold = [
        rec("d", "TUR", "trade", "ISR", optional=False),
        rec("d", "TUR", "arms_supply", "AZE", optional=False),  # not symmetric
    ]
    pred = [
        rec("d", "ISR", "trade", "TUR"),  # same key as TUR-trade-ISR once sorted
        rec("d", "AZE", "arms_supply", "TUR"),  # the reverse direction is another key
    ]
    result = run(tmp_path, gold, pred)
    # 2 predicted keys, 1 hit (trade); 2 required gold → P = 1/2, R = 1/2, F1 = 1/2
    assert figures(result["strict"]) == (1, 2, 2, 0.5, 0.5, 0.5)
    assert figures(result["relaxed"]) == (1, 2, 2, 0.5, 0.5, 0.5)


def test_modality_reduction(tmp_path):
    gold = [
        rec("d", "ISR", "support", "AZE", "asserted", optional=False),
        rec("d", "IRN", "criticism", "AZE", "negated", optional=False),
        rec("d", "RUS", "threat", "ARM", "possible", optional=False),
    ]
    pred = [
        # asserted beats negated and possible → asserted: strict hit
        rec("d", "ISR", "support", "AZE", "possible"),
        rec("d", "ISR", "support", "AZE", "negated"),
        rec("d", "ISR", "support", "AZE", "asserted"),
        # negated beats possible → negated: strict hit
        rec("d", "IRN", "criticism", "AZE", "possible"),
        rec("d", "IRN", "criticism", "AZE", "negated"),
        # asserted beats possible → asserted, gold says possible: relaxed hit only
        rec("d", "RUS", "threat", "ARM", "possible"),
        rec("d", "RUS", "threat", "ARM", "asserted"),
    ]
    result = run(tmp_path, gold, pred)
    # 7 records → 3 predicted keys; strict: 2 hits of 3 predicted, 3 gold → P = R = F1 = 2/3
    assert figures(result["strict"]) == (2, 3, 3, 2 / 3, 2 / 3, pytest.approx(2 / 3))
    # relaxed: all 3 keys match → 1.0
    assert figures(result["relaxed"]) == (3, 3, 3, 1.0, 1.0, 1.0)


def test_gold_modality_is_reduced_too(tmp_path):
    # two gold records of one key: possible + asserted → asserted
    gold = [
        rec("d", "ISR", "aid", "PSE", "possible", optional=False),
        rec("d", "ISR", "aid", "PSE", "asserted", optional=False),
    ]
    result = run(tmp_path, gold, [rec("d", "ISR", "aid", "PSE", "asserted")])
    # 1 gold key, 1 predicted key, strict hit → 1.0
    assert figures(result["strict"]) == (1, 1, 1, 1.0, 1.0, 1.0)


def test_relaxed_vs_strict_modality_mismatch_is_both_miss_and_false_positive(tmp_path):
    gold = [
        rec("d", "ISR", "arms_supply", "AZE", "asserted", optional=False),
        rec("d", "AZE", "energy_supply", "ISR", "asserted", optional=False),
        rec("d", "TUR", "mediation", "ARM", "possible", optional=False),
        rec("d", "USA", "sanction", "IRN", "asserted", optional=False),
    ]
    pred = [
        rec("d", "ISR", "arms_supply", "AZE", "asserted"),  # strict hit
        rec("d", "AZE", "energy_supply", "ISR", "asserted"),  # strict hit
        rec("d", "TUR", "mediation", "ARM", "asserted"),  # relaxed only
        rec("d", "RUS", "threat", "UKR", "asserted"),  # false positive both ways
        # USA sanction IRN missed
    ]
    result = run(tmp_path, gold, pred)
    # strict: 4 predicted keys, 2 hits; 4 gold → P = 2/4, R = 2/4, F1 = 1/2
    assert figures(result["strict"]) == (2, 4, 4, 0.5, 0.5, 0.5)
    # relaxed: 3 hits → P = 3/4, R = 3/4, F1 = 3/4
    assert figures(result["relaxed"]) == (3, 4, 4, 0.75, 0.75, 0.75)
    errs = result["errors"]["d"]
    fps = {
        (e["source"], e["relation"], e["target"], e["modality"], e["gold_modality"])
        for e in errs["false_positives"]
    }
    misses = {
        (e["source"], e["relation"], e["target"], e["modality"], e["predicted_modality"])
        for e in errs["misses"]
    }
    assert fps == {
        ("TUR", "mediation", "ARM", "asserted", "possible"),
        ("RUS", "threat", "UKR", "asserted", None),
    }
    assert misses == {
        ("TUR", "mediation", "ARM", "possible", "asserted"),
        ("USA", "sanction", "IRN", "asserted", None),
    }
    # evidence travels with the errors so a developer can read them
    assert all(e["evidence"] for e in errs["false_positives"] + errs["misses"])


def test_optional_keys_both_ways(tmp_path):
    gold = [
        rec("d", "ISR", "arms_supply", "AZE", optional=False),
        rec("d", "ISR", "hostility", "IRN", optional=False),
        rec("d", "AZE", "alignment", "ISR", optional=True),  # present in predictions
        rec("d", "IRN", "support", "AZE", optional=True),  # absent from predictions
    ]
    pred = [
        rec("d", "ISR", "arms_supply", "AZE"),  # hit
        rec("d", "ISR", "alignment", "AZE", "possible"),  # hits the optional key (sorted), any modality
        rec("d", "TUR", "support", "AZE"),  # false positive
    ]
    result = run(tmp_path, gold, pred)
    # 3 predicted keys, 1 hits an optional key → 2 counted; 1 strict match;
    # 2 required gold (the absent optional one is not a miss) → P = 1/2, R = 1/2, F1 = 1/2
    assert figures(result["strict"]) == (1, 2, 2, 0.5, 0.5, 0.5)
    assert figures(result["relaxed"]) == (1, 2, 2, 0.5, 0.5, 0.5)
    # the optional hit is not listed among the false positives, the absent optional not among the misses
    errs = result["errors"]["d"]
    assert [e["relation"] for e in errs["false_positives"]] == ["support"]
    assert [e["relation"] for e in errs["misses"]] == ["hostility"]


def test_key_both_optional_and_required_is_required(tmp_path):
    gold = [
        rec("d", "ISR", "arms_supply", "AZE", "possible", optional=True),
        rec("d", "ISR", "arms_supply", "AZE", "asserted", optional=False),
        rec("d", "RUS", "mediation", "ARM", "asserted", optional=False),
        # the required record decides the modality; the optional "asserted" cannot change it
        rec("d", "RUS", "mediation", "AZE", "possible", optional=False),
        rec("d", "RUS", "mediation", "AZE", "asserted", optional=True),
    ]
    result = run(tmp_path, gold, [rec("d", "RUS", "mediation", "AZE", "possible")])
    # 3 required gold keys; 1 predicted key, strict hit (possible == possible)
    # → P = 1/1, R = 1/3, F1 = 2 * 1 * 1/3 / (4/3) = 1/2
    assert figures(result["strict"]) == (1, 1, 3, 1.0, 1 / 3, pytest.approx(0.5))


def test_unknown_actor_dropped(tmp_path):
    gold = [
        rec("d", "ISR", "arms_supply", "AZE", optional=False),
        rec("d", "Azeris", "criticism", "IRN", optional=False),  # not an actor id: dropped from gold
    ]
    pred = [
        rec("d", "ISR", "arms_supply", "AZE"),
        rec("d", "Iranian Azeris", "criticism", "IRN"),  # not an actor id: dropped
        rec("d", "ISR", "support", "reuters"),  # not an actor id: dropped
        rec("d", "NATO", "criticism", "HAMAS"),  # organisation and group ids are fine → a false positive
    ]
    result = run(tmp_path, gold, pred)
    # 2 predicted keys survive, 1 hit; 1 required gold → P = 1/2, R = 1, F1 = 2/3
    assert figures(result["strict"]) == (1, 2, 1, 0.5, 1.0, pytest.approx(2 / 3))


def test_known_actors_replaces_the_default(tmp_path):
    gold = [
        rec("d", "ISR", "arms_supply", "AZE", optional=False),
        rec("d", "ISR", "trade", "XYZ", optional=False),
    ]
    pred = [rec("d", "ISR", "arms_supply", "AZE"), rec("d", "ISR", "trade", "XYZ")]
    # XYZ looks like a state code but is not in the given set: both XYZ records dropped
    result = run(tmp_path, gold, pred, known_actors={"ISR", "AZE"})
    # 1 predicted key, 1 hit, 1 gold → 1.0
    assert figures(result["strict"]) == (1, 1, 1, 1.0, 1.0, 1.0)
    # by default XYZ passes: 2 predicted, 2 hits, 2 gold
    assert figures(run(tmp_path, gold, pred)["strict"]) == (2, 2, 2, 1.0, 1.0, 1.0)


def test_unknown_relation_type_counted_as_false_positive(tmp_path):
    gold = [rec("d", "ISR", "arms_supply", "AZE", optional=False)]
    pred = [
        rec("d", "ISR", "arms_supply", "AZE"),
        rec("d", "ISR", "territorial_control", "AZE"),  # outside the 20 → a false key
    ]
    result = run(tmp_path, gold, pred)
    # 2 predicted keys, 1 hit; 1 gold → P = 1/2, R = 1, F1 = 2/3
    assert figures(result["strict"]) == (1, 2, 1, 0.5, 1.0, pytest.approx(2 / 3))
    assert result["per_relation"]["territorial_control"] == {"f1": 0.0, "tp": 0, "pred": 1, "gold": 0}
    assert [e["relation"] for e in result["errors"]["d"]["false_positives"]] == ["territorial_control"]


def test_documents_without_gold_ignored(tmp_path):
    gold = [rec("a", "ISR", "arms_supply", "AZE", optional=False)]
    pred = [
        rec("a", "ISR", "arms_supply", "AZE"),
        rec("b", "RUS", "armed_conflict", "UKR"),  # document b has no gold: ignored
        rec("b", "USA", "sanction", "IRN"),
    ]
    result = run(tmp_path, gold, pred)
    # 1 predicted key (doc a only), 1 hit, 1 gold → 1.0
    assert figures(result["strict"]) == (1, 1, 1, 1.0, 1.0, 1.0)
    assert set(result["per_document"]) == {"a"}


def test_document_with_only_dropped_gold_is_still_annotated(tmp_path):
    # the only gold record of doc "a" has a non-actor: the document is annotated, with no keys
    gold = [rec("a", "ethnic Azeris", "support", "AZE", optional=False)]
    result = run(tmp_path, gold, [rec("a", "ISR", "support", "AZE")])
    # 1 predicted key, 0 hits, 0 gold → P = 0/1 = 0, R = 0/0 → 0.0, F1 = 0.0
    assert figures(result["strict"]) == (0, 1, 0, 0.0, 0.0, 0.0)


def test_micro_average_over_documents(tmp_path):
    gold = [
        rec("a", "ISR", "arms_supply", "AZE", optional=False),
        rec("b", "RUS", "armed_conflict", "UKR", optional=False),
        rec("b", "USA", "aid", "UKR", optional=False),
        rec("b", "USA", "sanction", "RUS", optional=False),
    ]
    pred = [
        rec("a", "ISR", "arms_supply", "AZE"),  # a: 1 of 1
        rec("a", "RUS", "armed_conflict", "UKR"),  # right key, wrong document: a false positive in a
        rec("b", "UKR", "armed_conflict", "RUS"),  # b: hit (symmetric)
    ]
    result = run(tmp_path, gold, pred)
    # a: tp 1, pred 2, gold 1; b: tp 1, pred 1, gold 3 → summed: tp 2, pred 3, gold 4
    # P = 2/3, R = 2/4, F1 = 2 * (2/3)(1/2) / (2/3 + 1/2) = (2/3) / (7/6) = 4/7
    assert figures(result["strict"]) == (2, 3, 4, 2 / 3, 0.5, pytest.approx(4 / 7))
    assert figures(result["per_document"]["a"]["strict"]) == (1, 2, 1, 0.5, 1.0, pytest.approx(2 / 3))
    assert figures(result["per_document"]["b"]["strict"]) == (1, 1, 3, 1.0, 1 / 3, pytest.approx(0.5))


def test_zero_denominators(tmp_path):
    # nothing predicted: P = 0/0 → 0.0, R = 0/1 = 0, F1 = 0.0
    result = run(tmp_path, [rec("d", "ISR", "arms_supply", "AZE", optional=False)], [])
    assert figures(result["strict"]) == (0, 0, 1, 0.0, 0.0, 0.0)
    # only optional gold, nothing predicted: every ratio is 0/0 → 0.0
    result = run(tmp_path, [rec("d", "ISR", "arms_supply", "AZE", optional=True)], [])
    assert figures(result["relaxed"]) == (0, 0, 0, 0.0, 0.0, 0.0)
    assert result["date_accuracy"] is None
    # no gold, no predictions at all
    result = score([], [])
    assert figures(result["strict"]) == (0, 0, 0, 0.0, 0.0, 0.0)
    assert all(m == {"f1": 0.0, "tp": 0, "pred": 0, "gold": 0} for m in result["per_relation"].values())


def test_per_relation_strict(tmp_path):
    gold = [
        rec("d", "ISR", "support", "AZE", optional=False),
        rec("d", "IRN", "support", "ARM", optional=False),
        rec("d", "TUR", "support", "AZE", "possible", optional=False),
        rec("d", "ARM", "armed_conflict", "AZE", optional=False),
        rec("d", "ISR", "hostility", "IRN", optional=True),
    ]
    pred = [
        rec("d", "ISR", "support", "AZE"),  # support hit
        rec("d", "TUR", "support", "AZE"),  # support: relaxed only → strict FP + miss
        rec("d", "RUS", "support", "ARM"),  # support FP
        rec("d", "AZE", "armed_conflict", "ARM"),  # armed_conflict hit (sorted)
        rec("d", "IRN", "hostility", "ISR"),  # optional: not counted anywhere
    ]
    per = run(tmp_path, gold, pred)["per_relation"]
    # support: 3 predicted, 1 strict hit, 3 gold → P = R = F1 = 1/3
    assert per["support"]["tp"] == 1 and per["support"]["pred"] == 3 and per["support"]["gold"] == 3
    assert per["support"]["f1"] == pytest.approx(1 / 3)
    # armed_conflict: 1 of 1 → F1 = 1
    assert per["armed_conflict"] == {"f1": 1.0, "tp": 1, "pred": 1, "gold": 1}
    # hostility: only an optional key → nothing counted
    assert per["hostility"] == {"f1": 0.0, "tp": 0, "pred": 0, "gold": 0}


# --- date accuracy --------------------------------------------------------------------------


def test_date_accuracy(tmp_path):
    gold = [
        rec("d", "ISR", "arms_supply", "AZE", date="1991", optional=False),  # year only
        rec("d", "ISR", "diplomatic_upgrade", "AZE", date="1992-07", optional=False),  # year-month
        rec("d", "ARM", "armed_conflict", "AZE", date="2020-09-27", optional=False),  # full date
        rec("d", "RUS", "mediation", "ARM", date="2020-11-10", optional=False),  # wrong month predicted
        rec("d", "TUR", "support", "AZE", date="2020", optional=False),  # not predicted: not counted
        rec("d", "AZE", "energy_supply", "ISR", optional=False),  # no date: not counted
        rec("d", "IRN", "criticism", "AZE", date="2012", optional=True),  # optional: not counted
    ]
    pred = [
        rec("d", "ISR", "arms_supply", "AZE", date="1991-12-25"),  # starts with 1991 → right
        rec(
            "d", "ISR", "diplomatic_upgrade", "AZE", "possible", date="1992-07-01"
        ),  # relaxed key is enough → right
        rec("d", "AZE", "armed_conflict", "ARM", date=None),
        rec("d", "AZE", "armed_conflict", "ARM", date="2020-09-27"),  # some record of the key → right
        rec("d", "RUS", "mediation", "ARM", date="2020-10-10"),  # wrong month → wrong
        rec("d", "AZE", "energy_supply", "ISR", date="2020"),
        rec("d", "IRN", "criticism", "AZE", date="1999"),
    ]
    result = run(tmp_path, gold, pred)
    # 4 counted dated gold records (1991, 1992-07, 2020-09-27, 2020-11-10), 3 right → 3/4
    assert result["date_accuracy"] == 0.75


def test_date_accuracy_needs_the_gold_precision(tmp_path):
    gold = [
        rec("d", "ISR", "arms_supply", "AZE", date="2020-10", optional=False),
        rec("d", "USA", "sanction", "IRN", date="2020-01-02", optional=False),
    ]
    pred = [
        rec("d", "ISR", "arms_supply", "AZE", date="2020"),  # less precise than gold → wrong
        rec("d", "USA", "sanction", "IRN", date="2020-01-2"),  # not the same day string → wrong
    ]
    # 2 counted, 0 right → 0.0 (a ratio, not None)
    assert run(tmp_path, gold, pred)["date_accuracy"] == 0.0
    # "2020-1" is no prefix match for "2020-10": months compare whole
    gold = [rec("d", "ISR", "arms_supply", "AZE", date="2020-1", optional=False)]
    assert (
        run(tmp_path, gold, [rec("d", "ISR", "arms_supply", "AZE", date="2020-10")])["date_accuracy"] == 0.0
    )


def test_date_accuracy_none_without_dated_gold(tmp_path):
    gold = [rec("d", "ISR", "arms_supply", "AZE", optional=False)]
    pred = [rec("d", "ISR", "arms_supply", "AZE", date="1991")]
    # no dated required gold record → None
    assert run(tmp_path, gold, pred)["date_accuracy"] is None
    # a dated gold record whose key is not predicted → still none counted → None
    gold = [rec("d", "ISR", "arms_supply", "AZE", date="1991", optional=False)]
    assert run(tmp_path, gold, [rec("d", "TUR", "arms_supply", "AZE", date="1991")])["date_accuracy"] is None


# --- render ---------------------------------------------------------------------------------


def test_render(tmp_path):
    gold = [
        rec("d", "ISR", "support", "AZE", optional=False),
        rec("d", "IRN", "support", "ARM", optional=False),
        rec("d", "TUR", "mediation", "ARM", "possible", optional=False, evidence="Turkey offered to mediate"),
        rec("d", "ARM", "armed_conflict", "AZE", date="2020", optional=False),
    ]
    pred = [
        rec("d", "ISR", "support", "AZE"),
        rec("d", "TUR", "mediation", "ARM", evidence="Turkey mediated"),
        rec("d", "AZE", "armed_conflict", "ARM", date="2020-09-27"),
    ]
    result = run(tmp_path, gold, pred)
    text = render(result)
    lines = text.splitlines()
    assert lines[0].split() == ["match", "precision", "recall", "f1", "tp", "predicted", "gold"]
    # strict: 3 predicted, 2 hits, 4 gold → P = 66.7, R = 50.0, F1 = 2(2/3)(1/2)/(7/6) = 4/7 = 57.1
    assert lines[2].split() == ["strict", "66.7", "50.0", "57.1", "2", "3", "4"]
    # relaxed: 3 hits → P = 100.0, R = 75.0, F1 = 6/7 = 85.7
    assert lines[3].split() == ["relaxed", "100.0", "75.0", "85.7", "3", "3", "4"]
    # per type sorted by gold count: support (2) before the others (1 each); empty types left out
    rel_rows = [ln.split()[0] for ln in lines[lines.index("per relation type (strict)") + 3 :] if ln.strip()]
    assert rel_rows[0] == "support"
    assert "threat" not in text
    assert "date accuracy: 100.0%" in text
    assert "FP" not in text
    with_errors = render(result, errors=True)
    assert "FP    TUR mediation ARM [asserted] (gold says possible)" in with_errors
    assert "MISS  TUR mediation ARM [possible] (predicted asserted)" in with_errors
    assert (
        "MISS  ARM support IRN" not in with_errors
        and "MISS  IRN support ARM [asserted] (not predicted)" in with_errors
    )
    assert "Turkey mediated" in with_errors and "Turkey offered to mediate" in with_errors


def test_render_empty():
    text = render(score([], []), errors=True)
    assert "date accuracy: n/a" in text
    assert "none" in text


# --- the shared gold ------------------------------------------------------------------------


@pytest.mark.skipif(not SEEDS.exists(), reason="shared seeds gold file not present")
def test_seeds_gold_against_itself():
    gold = load_records(SEEDS)
    predicted = [r for r in gold if not r.get("optional")]
    result = score(gold, predicted)
    assert result["strict"]["f1"] == 1.0
    assert result["relaxed"]["f1"] == 1.0
    assert result["strict"]["gold"] == len(
        {(r["doc"], relation_key(r["source"], r["relation"], r["target"])) for r in predicted}
    )
    assert result["errors"] == {}
    assert result["date_accuracy"] in (None, 1.0)
