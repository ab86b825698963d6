"""Impact of an event: who gained and who lost, from the structure and from the texts themselves.

:func:`impact` compares each actor's position in the window before an event date with the
window after it (``[event - window, event)`` and ``[event, event + window]``):

- ``ties``: the total weight of its positive and of its negative edges in each network;
- ``bloc``: its bloc (the two-bloc split of least frustration) and that bloc's cohesion;
- ``tensions``: the frustrated edges it is part of, ``gained`` and ``resolved``;
- ``dependencies``: supply lines it is part of (:func:`realpolitik.analysis.leverage.leverage`),
  gained and lost;
- ``stated``: outcome statements about it (``"Azerbaijan emerged ... victorious"``) dated within
  the window after the event, or undated (marked so).

``change`` sums the structural movement: positive weight gained, minus negative weight gained,
minus the weight of tensions gained (resolved ones count for it). The ``verdict`` follows the texts
when they state an outcome (the sum of the stated polarities), else the sign of ``change``:
``winner``, ``loser`` or ``unchanged``; ``basis`` says which. An actor without relations in one
of the two windows and no stated outcome is ``unknown``: silence is not a loss.

Dates compare at the precision a relation has: a relation dated only ``2020`` cannot be placed
before or after ``2020-11-10`` and is counted in ``ambiguous``; undated relations (no date of
their own and none from their document) are counted in ``undated``.

>>> from realpolitik.model import Relation
>>> rels = [Relation("d1", "ARM", "armed_conflict", "AZE", "asserted", "War.", (0, 4), date="2020-10", date_source="text"),
...         Relation("d2", "ARM", "agreement", "AZE", "asserted", "Truce.", (0, 6), date="2020-12", date_source="text")]
>>> r = impact(rels, "2020-11-10", window="1y")
>>> [(a["actor"], a["change"], a["verdict"]) for a in r["actors"]]
[('ARM', 15.0, 'winner'), ('AZE', 15.0, 'winner')]
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from dateutil.relativedelta import relativedelta

from ..errors import UsageError
from ..model import Outcome, Relation
from .blocs import cohesion
from .cite import outcome_dict
from .graph import is_store, relations_of
from .leverage import leverage
from .views import network_from

__all__ = ["impact", "parse_window", "split_by_event"]

_WINDOW = re.compile(r"(\d+)\s*([ymwd])")
_UNITS = {"y": "years", "m": "months", "w": "weeks", "d": "days"}


def parse_window(text: str) -> relativedelta:
    """``"2y"``, ``"18m"``, ``"6w"``, ``"30d"`` or combinations (``"1y6m"``) as a relativedelta.

    >>> parse_window("1y6m")
    relativedelta(years=+1, months=+6)
    """
    t = text.strip().lower().replace(" ", "")
    if not t or _WINDOW.sub("", t):
        raise UsageError(f"window must look like 2y, 18m, 6w, 30d or 1y6m, not {text!r}")
    delta = relativedelta()
    for n, unit in _WINDOW.findall(t):
        delta += relativedelta(**{_UNITS[unit]: int(n)})
    if delta == relativedelta():
        raise UsageError(f"window {text!r} is empty")
    return delta


def _day(text: str) -> dt.date:
    parts = text.split("-")
    try:
        if len(parts) == 1:
            return dt.date(int(parts[0]), 1, 1)
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"event must be an ISO date (YYYY-MM-DD, YYYY-MM or YYYY), not {text!r}") from None


def split_by_event(relations: list[Relation], event: str, window: str = "2y") -> dict[str, Any]:
    """Relations in the windows before and after ``event``: ``before``, ``after``, ``ambiguous``
    (too coarse to place), ``undated``, and the windows' bounds."""
    ev = _day(event)
    delta = parse_window(window)
    lo, hi = ev - delta, ev + delta
    ev_s, lo_s, hi_s = ev.isoformat(), lo.isoformat(), hi.isoformat()
    before, after, ambiguous, undated = [], [], 0, 0
    for r in relations:
        d = r.date if r.date and r.date_source != "none" else None
        if d is None:
            undated += 1
            continue
        p = len(d)
        if d == ev_s[:p] and p < 10:
            ambiguous += 1
        elif lo_s[:p] <= d < ev_s[:p]:
            before.append(r)
        elif ev_s[:p] <= d <= hi_s[:p]:
            after.append(r)
    last_before = (ev - dt.timedelta(days=1)).isoformat()
    return {
        "before": before, "after": after, "ambiguous": ambiguous, "undated": undated,
        "windows": {"before": [lo_s, last_before], "after": [ev_s, hi_s]},
    }


def _position(G, lines) -> dict[str, Any]:  # noqa: ANN001
    from .balance import frustration_index  # scipy on first use (see blocs.py)

    r = frustration_index(G, time_limit=10.0) if G.number_of_edges() else None
    figures = cohesion(G, r.blocs) if r else []
    out: dict[str, Any] = {"frustration_index": r.frustration_index if r else 0.0, "blocs": r.blocs if r else [],
                           "actors": {}}
    for x in G.nodes:
        pos = sum(d["weight"] for _, _, d in G.edges(x, data=True) if d["sign"] > 0)
        neg = sum(d["weight"] for _, _, d in G.edges(x, data=True) if d["sign"] < 0)
        bloc = next((i for i, b in enumerate(r.blocs) if x in b), None) if r else None
        tensions = {}
        for a, b, s, w in r.frustrated_edges if r else ():
            if x in (a, b):
                tensions[tuple(sorted((a, b)))] = (s, w)
        out["actors"][x] = {
            "positive": pos,
            "negative": neg,
            "bloc": [m for m in r.blocs[bloc] if m != x] if r and bloc is not None else [],
            "cohesion": figures[bloc]["cohesion"] if bloc is not None else None,
            "tensions": tensions,
        }
    for line in lines:
        for x in (line["supplier"], line["dependent"]):
            out["actors"].setdefault(x, {"positive": 0.0, "negative": 0.0, "bloc": [], "cohesion": None,
                                         "tensions": {}})
    return out


def _lines_key(lines: list[dict[str, Any]], actor: str) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(x["supplier"], x["dependent"], x["good"]): x for x in lines if actor in (x["supplier"], x["dependent"])}


def impact(store: Any, event: str, *, window: str = "2y") -> dict[str, Any]:
    """Winners and losers of an event (a store or an iterable of relations; outcome statements come
    from the store): see the module docstring. Actors sorted winners first."""
    relations, text = relations_of(store)
    split = split_by_event(relations, event, window)
    outcomes: list[Outcome] = store.outcomes() if is_store(store) else []
    ev = _day(event).isoformat()
    hi = split["windows"]["after"][1]
    stated: dict[str, list[Outcome]] = {}
    for o in outcomes:
        if o.date is None or (ev[: len(o.date)] <= o.date <= hi[: len(o.date)]):
            stated.setdefault(o.actor, []).append(o)
    views = {}
    for side in ("before", "after"):
        rels = split[side]
        G = network_from(rels, text)
        lines = leverage(rels)
        views[side] = (G, lines, _position(G, lines))
    actors = sorted(set(views["before"][2]["actors"]) | set(views["after"][2]["actors"]) | set(stated))
    empty = {"positive": 0.0, "negative": 0.0, "bloc": [], "cohesion": None, "tensions": {}}
    rows = []
    for x in actors:
        b = views["before"][2]["actors"].get(x, empty)
        a = views["after"][2]["actors"].get(x, empty)
        gained = sorted(set(a["tensions"]) - set(b["tensions"]))
        resolved = sorted(set(b["tensions"]) - set(a["tensions"]))
        dep_b, dep_a = _lines_key(views["before"][1], x), _lines_key(views["after"][1], x)
        change = (a["positive"] - b["positive"]) - (a["negative"] - b["negative"])
        change -= sum(a["tensions"][p][1] for p in gained) - sum(b["tensions"][p][1] for p in resolved)
        said = stated.get(x, [])
        polarity = sum(o.polarity for o in said)
        seen_before = x in views["before"][2]["actors"]
        seen_after = x in views["after"][2]["actors"]
        if polarity:
            verdict, basis = ("winner" if polarity > 0 else "loser"), "stated"
        elif not (seen_before and seen_after):
            verdict, basis = "unknown", "no relations " + ("after" if seen_before else "before") + " the event"
        elif change:
            verdict, basis = ("winner" if change > 0 else "loser"), "structure"
        else:
            verdict, basis = "unchanged", "structure"
        rows.append({
            "actor": x,
            "verdict": verdict,
            "basis": basis,
            "change": round(change, 9) + 0.0,
            "stated_polarity": polarity,
            "ties": {"before": {"positive": b["positive"], "negative": b["negative"]},
                     "after": {"positive": a["positive"], "negative": a["negative"]}},
            "bloc": {"before": b["bloc"], "after": a["bloc"],
                     "cohesion_before": b["cohesion"], "cohesion_after": a["cohesion"]},
            "tensions": {"gained": [list(p) for p in gained], "resolved": [list(p) for p in resolved]},
            "dependencies": {
                "gained": [{k: v for k, v in dep_a[k_].items() if k in ("supplier", "dependent", "good", "share")}
                           for k_ in sorted(set(dep_a) - set(dep_b))],
                "lost": [{k: v for k, v in dep_b[k_].items() if k in ("supplier", "dependent", "good", "share")}
                         for k_ in sorted(set(dep_b) - set(dep_a))],
            },
            "stated": [outcome_dict(o) | {"undated": o.date is None} for o in said],
        })
    order = {"winner": 0, "unchanged": 1, "unknown": 2, "loser": 3}
    rows.sort(key=lambda r: (order[r["verdict"]], -r["stated_polarity"] if r["verdict"] == "winner" else r["stated_polarity"],
                             -r["change"] if r["verdict"] == "winner" else r["change"], r["actor"]))
    return {
        "event": ev,
        "window": window,
        "windows": split["windows"],
        "relations": {"before": len(split["before"]), "after": len(split["after"]),
                      "ambiguous": split["ambiguous"], "undated": split["undated"]},
        "before": {"frustration_index": views["before"][2]["frustration_index"], "blocs": views["before"][2]["blocs"]},
        "after": {"frustration_index": views["after"][2]["frustration_index"], "blocs": views["after"][2]["blocs"]},
        "winners": [r["actor"] for r in rows if r["verdict"] == "winner"],
        "losers": [r["actor"] for r in rows if r["verdict"] == "loser"],
        "actors": rows,
    }
