"""One pair of actors over time: what ties them, layer by layer, how strongly, since when.

:func:`dyad` reads every relation between two actors (all modalities) and returns plain data:

- ``layers``: the relations grouped by the ontology's layers (military, economic, diplomatic,
  rhetorical, violent), one line per relation key and modality with its weight, the number of
  independent sources and its contribution (``weight x factor x sources``, the rules of
  :mod:`realpolitik.analysis.graph`: the weights table, modality factors, corroboration by
  distinct documents with copies counted once), and the evidence behind it;
- ``score``: the signed sum of every line (``possible`` statements count at their factor,
  ``negated`` at 0 and are listed as evidence against); ``network``: the asserted part alone,
  which is the pair's edge in the signed network (both figures of a mixed pair are kept);
- ``timeline``: the same, year by year (a relation without a date of its own is placed at its
  document's date; with neither it is listed under ``undated``);
- ``quantities``: every quantity stated for the pair (``60 percent of the arsenal``), with its
  evidence.

>>> from realpolitik.model import Quantity, Relation
>>> rels = [
...     Relation("d1", "ISR", "arms_supply", "AZE", "asserted", "Israel sold drones to Azerbaijan.", (0, 33),
...              date="2012", date_source="text"),
...     Relation("d2", "ISR", "arms_supply", "AZE", "asserted", "Israeli arms are 60 percent of its arsenal.",
...              (0, 44), date="2016", quantity=Quantity(60, "percent", "60 percent of its arsenal")),
...     Relation("d2", "AZE", "criticism", "ISR", "possible", "Baku may condemn Israel.", (45, 69)),
... ]
>>> d = dyad(rels, "AZE", "ISR")
>>> d["score"], d["network"]["weight"], [y["year"] for y in d["timeline"]]
(11.1, 12.0, ['2012', '2016', None])
>>> d["quantities"][0]["share"]
0.6
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import UsageError
from ..model import Relation
from ..ontology import LAYERS
from .cite import evidence
from .graph import check_window, is_store, load_weights, score_relations, store_text, window_relations

__all__ = ["dyad", "pair_relations"]


def pair_relations(
    source: Any, a: str, b: str, *, since: str | None = None, until: str | None = None
) -> tuple[list[Relation], int, Callable[[str], str | None] | None]:
    """Relations between ``a`` and ``b`` (either direction) from a store or a list, within the
    window; returns ``(relations, undated_left_out, text_lookup)``."""
    since, until = check_window(None, since, until)
    if is_store(source):
        rels = source.relations(actor=a, other=b)
        text = store_text(source)
    else:
        rels = [r for r in source if {r.source, r.target} == {a, b}]
        text = None
    kept, undated = window_relations(rels, since, until)
    return kept, undated, text


def _figures(lines: list[dict[str, Any]]) -> dict[str, float]:
    pos = sum(x["contribution"] for x in lines if x["contribution"] > 0)
    neg = -sum(x["contribution"] for x in lines if x["contribution"] < 0)
    return {"score": _r(pos - neg), "positive": _r(pos), "negative": _r(neg)}


def _r(x: float) -> float:
    return round(x, 9) + 0.0


def _lines(rels: list[Relation], text: Callable[[str], str | None] | None) -> list[dict[str, Any]]:
    return [e.to_dict() for e in score_relations(rels, text=text, weights=load_weights())]


def dyad(store: Any, a: str, b: str, *, since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """Everything between actors ``a`` and ``b`` (a store, or an iterable of relations), grouped by
    layer, scored, by year, with quantities and evidence; see the module docstring."""
    if a == b:
        raise UsageError(f"a dyad needs two different actors, not {a!r} twice")
    rels, undated, text = pair_relations(store, a, b, since=since, until=until)
    lines = _lines(rels, text)
    layers = []
    for layer in LAYERS:
        inside = [x for x in lines if x["layer"] == layer]
        if inside:
            layers.append({"layer": layer, **_figures(inside), "lines": inside})
    asserted = [x for x in lines if x["modality"] == "asserted"]
    net = _figures(asserted)
    network = {
        "sign": (net["score"] > 0) - (net["score"] < 0),
        "weight": abs(net["score"]),
        "positive": net["positive"],
        "negative": net["negative"],
        "mixed": net["positive"] > 0 and net["negative"] > 0,
    }
    years: dict[str | None, list[Relation]] = {}
    for r in rels:
        years.setdefault(r.date[:4] if r.date and r.date_source != "none" else None, []).append(r)
    timeline = []
    for year in sorted(years, key=lambda y: (y is None, y or "")):
        year_lines = _lines(years[year], text)
        timeline.append(
            {
                "year": year,
                **_figures(year_lines),
                "relations": [
                    {k: e[k] for k in ("source", "relation", "target", "modality", "date", "date_source", "doc")}
                    for x in year_lines
                    for e in x["evidence"]
                ],
            }
        )
    quantities = []
    for r in rels:
        if r.quantity is None:
            continue
        q = r.quantity
        quantities.append(
            {
                "source": r.source,
                "relation": r.relation,
                "target": r.target,
                "modality": r.modality,
                "value": q.to_dict()["value"],
                "unit": q.unit,
                "text": q.text,
                "share": round(q.value / 100.0, 6) if q.unit == "percent" else None,
                "evidence": [evidence(r)],
            }
        )
    return {
        "a": a,
        "b": b,
        "since": since,
        "until": until,
        **_figures(lines),
        "network": network,
        "relations": len(rels),
        "documents": sorted({r.doc for r in rels}),
        "undated_left_out": undated,
        "layers": layers,
        "timeline": timeline,
        "quantities": quantities,
        "against": [evidence(r) for r in rels if r.modality == "negated"],
    }
