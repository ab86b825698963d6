"""Dependency and leverage: who supplies what share of whose oil, arms, trade -- and what each side
could withhold.

Supply relations are the types that carry a good in ``data/weights.jsonl`` (``arms_supply``,
``energy_supply``, ``trade``, ``aid``); only ``asserted`` ones count. Each becomes a *line*
``supplier -> dependent: good``:

- the good is the first of the type's goods (in the file's order) whose words occur in the
  quantity phrase or, failing that, in the evidence sentence; else the type's last, most general
  good (``energy`` for ``energy_supply``);
- the *share* is read from a quantity in percent whose phrase says what it is a share of
  (``data/leverage.jsonl``: consumption, imports, arsenal...) and whose possessor, if it names
  one, is the dependent ("some 40 percent of Israel's consumption" on Azerbaijan's oil to
  Israel). A share is refused, with the reason kept, when the phrase is a share of the
  supplier's own imports or of a third actor's, or names another good ("40 percent of Israel's
  arms imports" on an oil relation); refused readings are what
  :mod:`realpolitik.analysis.contradictions` reports;
- several statements of one line are combined: ``sources`` counts independent documents (copies
  merged, as in the network), ``share`` is the median of the accepted readings;
- ``single_supplier`` is true when the dependent has no other known supplier of that good;
  ``counter`` lists what the dependent supplies back to the supplier (what it could withhold in
  return); ``withhold`` says both in a sentence.

>>> from realpolitik.model import Quantity, Relation
>>> rels = [Relation("d1", "AZE", "energy_supply", "ISR", "asserted",
...                  "To this day, Azeri oil accounts for some 40 percent of Israel's consumption.", (0, 76),
...                  quantity=Quantity(40, "percent", "some 40 percent of Israel's consumption"))]
>>> [(x["supplier"], x["dependent"], x["good"], x["share"], x["reference"]) for x in leverage(rels)]
[('AZE', 'ISR', 'oil', 0.4, 'consumption')]
"""

from __future__ import annotations

import functools
import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..datafiles import package_jsonl
from ..errors import DataError
from ..knowledge import Knowledge, cached_knowledge
from ..model import Relation
from ..nlp.text import fold
from ..ontology import RELATION_TYPES
from .cite import evidence
from .graph import Good, load_weights, relations_of, score_relations

__all__ = ["Reference", "ShareReading", "exposure", "good_of", "leverage", "load_references", "read_share"]

_QUALIFIERS = (
    ("more than", "at least"), ("over", "at least"), ("at least", "at least"), ("up to", "at most"),
    ("less than", "at most"), ("fewer than", "at most"), ("some", "about"), ("about", "about"),
    ("around", "about"), ("nearly", "about"), ("almost", "about"), ("roughly", "about"),
)
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class Reference:
    """A kind of total a share can be of (``data/leverage.jsonl``)."""

    name: str
    side: str  # "dependent" or "supplier"
    words: frozenset[str]


@functools.cache
def load_references() -> tuple[Reference, ...]:
    """The package's share references, read and checked once.

    >>> [r.name for r in load_references()][:3]
    ['arsenal', 'imports', 'consumption']
    """
    out = []
    for n, obj in package_jsonl("leverage.jsonl"):
        try:
            side = obj["side"]
            if side not in ("dependent", "supplier"):
                raise ValueError(f"side {side!r}")
            out.append(Reference(obj["reference"], side, frozenset(w.lower() for w in obj["words"])))
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(f"data/leverage.jsonl:{n}: bad line ({exc})") from None
    return tuple(out)


_FORMS: dict[int, tuple[Knowledge, dict[tuple[str, ...], str]]] = {}


def _forms(k: Knowledge) -> dict[tuple[str, ...], str]:
    """Word tuples of every actor name, adjective, demonym and capital -> actor id (cached per
    knowledge object, which is kept alive with its table)."""
    got = _FORMS.get(id(k))
    if got is not None and got[0] is k:
        return got[1]
    forms: dict[tuple[str, ...], str] = {}
    for a in k.actors.values():
        for form in (a.name, *a.names, *a.adjectives, *a.demonyms, *a.capitals, *a.metonyms):
            if form and form not in a.ambiguous:
                forms.setdefault(tuple(_WORD.findall(fold(form).lower())), a.id)
    _FORMS[id(k)] = (k, forms)
    return forms


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text).lower().replace("'s", ""))


def _has(words: list[str], phrase_words: Iterable[str]) -> bool:
    joined = " " + " ".join(words) + " "
    return any(f" {w} " in joined for w in phrase_words)


def good_of(r: Relation) -> str | None:
    """The good a supply relation carries (see the module docstring); ``None`` for other types.

    >>> from realpolitik.model import Relation
    >>> good_of(Relation("d", "RUS", "energy_supply", "TUR", "asserted", "Russia pipes gas to Turkey.", (0, 27)))
    'gas'
    """
    goods = [g for g in load_weights().goods if r.relation in g.types]
    if not goods:
        return None
    for text in (r.quantity.text if r.quantity else "", r.evidence):
        words = _words(text)
        for g in goods:
            if _has(words, g.words):
                return g.name
    return goods[-1].name


@dataclass(frozen=True, slots=True)
class ShareReading:
    """What a percent quantity on a supply relation says, and whether it is a share for the line."""

    value: float  # a fraction in [0, 1]
    bound: str  # "exact", "at least", "at most", "about"
    text: str
    reference: str | None  # consumption, imports, arsenal... (None when the phrase names none)
    side: str | None  # whose total: "dependent" or "supplier" (None when unknown)
    possessor: str | None  # the actor the total belongs to, when named
    goods_named: tuple[str, ...]  # goods the phrase names
    accepted: bool
    reason: str  # why it was refused ("" when accepted)

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value, "bound": self.bound, "text": self.text, "reference": self.reference,
            "side": self.side, "possessor": self.possessor, "goods_named": list(self.goods_named),
            "accepted": self.accepted, "reason": self.reason,
        }


def read_share(r: Relation, good: str, *, supplier: str | None = None, dependent: str | None = None,
               knowledge: Knowledge | None = None) -> ShareReading | None:
    """Read the percent quantity of relation ``r`` as a share of ``dependent``'s total of ``good``
    (``None`` when ``r`` has no percent quantity). ``supplier``/``dependent`` default to the
    relation's source and target.

    >>> from realpolitik.model import Quantity, Relation
    >>> r = Relation("d", "AZE", "energy_supply", "ISR", "asserted", "...", (0, 3),
    ...              quantity=Quantity(40, "percent", "up to 40 percent of Israel's arms imports"))
    >>> s = read_share(r, "oil")
    >>> s.value, s.reference, s.possessor, s.accepted, s.reason
    (0.4, 'imports', 'ISR', False, 'a share of arms imports, not of oil')
    """
    q = r.quantity
    if q is None or q.unit != "percent":
        return None
    supplier = supplier or r.source
    dependent = dependent or r.target
    k = knowledge or cached_knowledge()
    low = fold(q.text).lower()
    bound = "exact"
    for prefix, meaning in _QUALIFIERS:
        if low.startswith(prefix + " "):
            bound = meaning
            break
    tail = low.split(" of ", 1)[1] if " of " in low else ""
    words = _words(tail)
    forms = _forms(k)
    possessor = None
    for size in (4, 3, 2, 1):
        for i in range(len(words) - size + 1):
            actor = forms.get(tuple(words[i : i + size]))
            if actor:
                possessor = actor
                break
        if possessor:
            break
    reference = side = None
    for ref in load_references():
        if any(w in ref.words for w in words):
            reference, side = ref.name, ref.side
            break
    goods: dict[str, Good] = {g.name: g for g in load_weights().goods}
    refs = {w for ref in load_references() for w in ref.words}
    named = tuple(g.name for g in goods.values() if _has(words, [w for w in g.words if w not in refs]))
    value = round(float(q.value) / 100.0, 6)
    reason = ""
    if not 0.0 <= value <= 1.0:
        reason = f"{q.value:g} percent is not a share"
    elif possessor is not None and possessor not in (supplier, dependent):
        reason = f"a share of {possessor}'s total, not of {dependent}'s or {supplier}'s"
    elif named and good not in named and not any(_has(list(goods[n].words), goods[good].words) for n in named):
        reason = f"a share of {' and '.join(named)} {reference or 'total'}, not of {good}"
    elif side == "supplier" and possessor not in (None, supplier):
        reason = f"a share of {possessor}'s {reference}, which the supplier {supplier} makes"
    elif side == "dependent" and possessor == supplier:
        reason = f"a share of the supplier {supplier}'s own {reference}"
    elif side is None and possessor == supplier:
        reason = f"a share of the supplier {supplier}'s total"
    if side is None and possessor is not None:
        side = "dependent" if possessor == dependent else "supplier"
    return ShareReading(value, bound, q.text, reference, side, possessor, named, not reason, reason)


def _orient(r: Relation, good: str, k: Knowledge) -> tuple[str, str, bool]:
    """Supplier, dependent and whether the flow is mutual: as stated, except for a symmetric type
    (trade), which is mutual unless its share names whose total it is."""
    if not RELATION_TYPES[r.relation].symmetric:
        return r.source, r.target, False
    if r.quantity is not None and r.quantity.unit == "percent":
        s = read_share(r, good, knowledge=k)
        if s is not None and s.possessor in (r.source, r.target) and s.side == "dependent":
            other = r.target if s.possessor == r.source else r.source
            return other, s.possessor, False
    a, b = sorted((r.source, r.target))
    return a, b, True


def _fmt_share(value: float, bound: str) -> str:
    pct = f"{value * 100:.0f} %"
    return {"at least": f"more than {pct}", "at most": f"up to {pct}", "about": f"~{pct}"}.get(bound, pct)


def leverage(store: Any, actor: str | None = None) -> list[dict[str, Any]]:
    """Supply dependencies from a store (or an iterable of relations), of one actor if given.

    Each line: ``supplier``, ``dependent``, ``good``, ``relations`` (types), ``share`` (a fraction
    in [0, 1] or ``None``), ``share_text``, ``bound``, ``reference``, ``shares`` (every percent
    reading with whether it was accepted and why not), ``supplier_share`` (a share of the
    supplier's exports the dependent takes, when stated), ``amounts`` (other quantities, e.g.
    USD), ``sources``, ``documents``, ``evidence``, ``single_supplier``, ``other_suppliers``,
    ``counter`` (goods the dependent supplies back) and ``withhold`` (a sentence). Largest share
    first, then most sources.
    """
    goods_types = {t for g in load_weights().goods for t in g.types}
    relations, text = relations_of(store, types=sorted(goods_types))
    k = cached_knowledge()
    groups: dict[tuple[str, str, str, bool], list[Relation]] = {}
    for r in relations:
        if r.relation not in goods_types or r.modality != "asserted" or r.source == r.target:
            continue
        good = good_of(r)
        assert good is not None
        supplier, dependent, mutual = _orient(r, good, k)
        groups.setdefault((supplier, dependent, good, mutual), []).append(r)
    lines = []
    for (supplier, dependent, good, mutual), rels in groups.items():
        readings = []
        for r in rels:
            s = read_share(r, good, supplier=supplier, dependent=dependent, knowledge=k)
            if s is not None:
                readings.append((s, r))
        accepted = [s for s, _ in readings if s.accepted and s.side != "supplier"]
        market = [s for s, _ in readings if s.accepted and s.side == "supplier"]
        share = statistics.median(s.value for s in accepted) if accepted else None
        best = min(accepted, key=lambda s: abs(s.value - share)) if accepted else None
        scored = score_relations(rels, text=text)
        lines.append(
            {
                "supplier": supplier,
                "dependent": dependent,
                "good": good,
                "mutual": mutual,
                "relations": sorted({r.relation for r in rels}),
                "share": share,
                "bound": best.bound if best else None,
                "share_text": best.text if best else None,
                "reference": best.reference if best else None,
                "shares": [{**s.to_dict(), "doc": r.doc, "evidence": r.evidence} for s, r in readings],
                "supplier_share": statistics.median(s.value for s in market) if market else None,
                "amounts": [
                    {**r.quantity.to_dict(), "doc": r.doc} for r in rels if r.quantity and r.quantity.unit != "percent"
                ],
                "sources": max((e.sources for e in scored), default=0),
                "documents": sorted({r.doc for r in rels}),
                "evidence": [evidence(r) for r in rels],
            }
        )
    by_dependent: dict[tuple[str, str], set[str]] = {}
    for x in lines:
        by_dependent.setdefault((x["dependent"], x["good"]), set()).add(x["supplier"])
        if x["mutual"]:
            by_dependent.setdefault((x["supplier"], x["good"]), set()).add(x["dependent"])
    for x in lines:
        others = sorted(by_dependent[(x["dependent"], x["good"])] - {x["supplier"]})
        x["other_suppliers"] = others
        x["single_supplier"] = not others and not x["mutual"]
        x["counter"] = sorted({y["good"] for y in lines if y["supplier"] == x["dependent"] and y["dependent"] == x["supplier"]})
        x["withhold"] = _withhold(x, lines)
    if actor is not None:
        lines = [x for x in lines if actor in (x["supplier"], x["dependent"])]
    lines.sort(key=lambda x: (x["share"] is None, -(x["share"] or 0.0), -x["sources"], x["supplier"], x["dependent"], x["good"]))
    return lines


def _withhold(x: dict[str, Any], lines: list[dict[str, Any]]) -> str:
    s, d = x["supplier"], x["dependent"]
    if x["mutual"]:
        amounts = ", ".join(a["text"] for a in x["amounts"])
        return f"{s} and {d} exchange {x['good']}" + (f" ({amounts})" if amounts else "") + "; either could cut it"
    what = f"{s} could withhold {x['good']}"
    if x["share"] is not None:
        what += f" ({_fmt_share(x['share'], x['bound'])} of {d}'s {x['reference'] or 'supply'})"
    if x["single_supplier"]:
        what += f", {d}'s only known supplier of it"
    back = [y for y in lines if y["supplier"] == d and y["dependent"] == s]
    if back:
        parts = []
        for y in back:
            part = y["good"]
            if y["share"] is not None:
                part += f" ({_fmt_share(y['share'], y['bound'])} of {s}'s {y['reference'] or 'supply'})"
            parts.append(part)
        what += f"; {d} could withhold {', '.join(parts)} in return"
    else:
        what += f"; {d} supplies nothing back that is known"
    return what


def exposure(lines: list[dict[str, Any]], actor: str) -> dict[str, Any]:
    """One actor's side of the leverage lines: what it depends on, what it supplies, where it has a
    single supplier and what it could withhold from whom.

    >>> x = exposure([{"supplier": "A", "dependent": "B", "good": "oil", "share": 0.4, "single_supplier": True}], "B")
    >>> x["single_supplier"][0]["good"], x["supplies"]
    ('oil', [])
    """
    depends = [x for x in lines if x["dependent"] == actor]
    supplies = [x for x in lines if x["supplier"] == actor]
    return {
        "actor": actor,
        "depends_on": depends,
        "supplies": supplies,
        "single_supplier": [x for x in depends if x.get("single_supplier")],
        "could_withhold": [
            {"from": x["dependent"], "good": x["good"], "share": x.get("share")} for x in supplies
        ],
    }
