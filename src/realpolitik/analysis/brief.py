"""The analyst brief: one page on one actor, every line footnoted with its sources.

:func:`brief` gathers, for an actor, from the store's signed network and the other analyses:

- a short summary (whom it sides with and against, what it depends on, what the texts say it
  gained or lost);
- **allies** and **adversaries**: its positive and negative ties, strongest first, each told
  through the relations under it (``data/phrases.jsonl`` says each type in words), a mixed tie
  keeping both sides ("but ...");
- **bloc**: its side in the two-bloc split of least frustration;
- **dependencies**: supply lines it is part of, with shares and what either side could withhold;
- **tensions**: the frustrated ties it is part of or stands at the corner of;
- **outcomes**: what the texts say it gained or lost;
- **recent changes**: its latest dated relations;
- **contradictions**: where the sources about it disagree.

Every line carries footnote numbers; ``footnotes`` lists each cited sentence once with its
document id. :func:`render_brief` prints the whole as text.

>>> from realpolitik.model import Relation
>>> rels = [Relation("d1", "ISR", "arms_supply", "AZE", "asserted", "Israel sold drones to Azerbaijan.", (0, 33)),
...         Relation("d1", "IRN", "hostility", "ISR", "asserted", "Iran and Israel are foes.", (34, 59))]
>>> b = brief(rels, "ISR")
>>> [line["text"] for line in b["sections"][0]["lines"]]
['Azerbaijan (+6): Israel supplies arms to Azerbaijan [1]']
>>> b["footnotes"][0]["sentence"]
'Israel sold drones to Azerbaijan.'
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ..datafiles import package_jsonl
from ..errors import DataError
from ..knowledge import cached_knowledge
from ..model import Relation
from ..ontology import RELATION_TYPES
from .blocs import balance_report
from .cite import Footnotes, outcome_dict
from .contradictions import contradictions, involving
from .graph import RelationEvidence, build_network, is_store, relations_of
from .leverage import good_of, leverage

__all__ = ["brief", "load_phrases", "phrase", "render_brief"]

#: Lines per section and parts per tie shown.
MAX_LINES = 8
MAX_PARTS = 5
RECENT = 6


@functools.cache
def load_phrases() -> dict[str, str]:
    """Relation type -> phrase template, read and checked once.

    >>> load_phrases()["arms_supply"]
    '{source} supplies {good} to {target}'
    """
    node = "data/phrases.jsonl"
    out: dict[str, str] = {}
    for n, obj in package_jsonl("phrases.jsonl"):
        try:
            if obj["type"] not in RELATION_TYPES:
                raise ValueError(f"unknown type {obj['type']!r}")
            out[obj["type"]] = obj["phrase"]
            obj["phrase"].format(source="", target="", good="")
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise DataError(f"{node}:{n}: bad line ({exc})") from None
    missing = [t for t in RELATION_TYPES if t not in out]
    if missing:
        raise DataError(f"{node}: no phrase for {', '.join(missing)}")
    return out


def _name(actor: str) -> str:
    return cached_knowledge().name(actor)


def phrase(r: Relation) -> str:
    """A relation in words ("Israel supplies arms to Azerbaijan"), with its modality.

    >>> from realpolitik.model import Relation
    >>> phrase(Relation("d", "TUR", "diplomatic_upgrade", "ARM", "possible", "...", (0, 3)))
    'possibly: Turkey and Armenia upgraded relations'
    """
    text = load_phrases()[r.relation].format(source=_name(r.source), target=_name(r.target), good=good_of(r) or "")
    if r.modality == "possible":
        return "possibly: " + text
    if r.modality == "negated":
        return "not: " + text
    return text


def _notes(notes: Footnotes, items: Any, limit: int = 2) -> list[int]:
    return notes.cite_all(items, limit)


def _marks(ns: list[int]) -> str:
    return "".join(f"[{n}]" for n in ns)


def _part(notes: Footnotes, e: RelationEvidence, shares: dict[tuple[str, str, str], str]) -> dict[str, Any]:
    r = e.relations[0]
    text = phrase(r)
    extra = shares.get((r.source, r.target, good_of(r) or "")) if e.relation in ("arms_supply", "energy_supply", "aid", "trade") else None
    if extra:
        text += f" ({extra})"
    if e.sources > 1:
        text += f", {e.sources} sources"
    quantified = sorted(e.relations, key=lambda x: x.quantity is None or (extra is not None and x.quantity.text != extra))
    return {"text": text, "notes": _notes(notes, quantified)}


def _tie_line(G, actor: str, other: str, notes: Footnotes, shares) -> dict[str, Any]:  # noqa: ANN001
    d = G[actor][other]
    evs: list[RelationEvidence] = sorted(d["evidence"], key=lambda e: -abs(e.contribution))
    main = [e for e in evs if (e.contribution > 0) == (d["sign"] > 0) and e.contribution != 0][:MAX_PARTS]
    other_side = [e for e in evs if (e.contribution > 0) != (d["sign"] > 0) and e.contribution != 0][:2]
    parts = [_part(notes, e, shares) for e in main]
    against = [_part(notes, e, shares) for e in other_side]
    sign = "+" if d["sign"] > 0 else "-"
    text = f"{_name(other)} ({sign}{d['weight']:g}): " + "; ".join(f"{p['text']} {_marks(p['notes'])}" for p in parts)
    if against:
        text += "; but " + "; ".join(f"{p['text']} {_marks(p['notes'])}" for p in against)
    return {
        "actor": other, "name": _name(other), "sign": d["sign"], "weight": d["weight"],
        "positive": d["positive"], "negative": d["negative"], "text": text.strip(),
        "notes": sorted({n for p in parts + against for n in p["notes"]}), "parts": parts, "but": against,
    }


def _with_names(text: str, ids: list[str]) -> str:
    for x in sorted(set(ids), key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(x)}\b", _name(x), text)
    return text


def _share_words(x: dict[str, Any]) -> str | None:
    return x["share_text"] if x.get("share") is not None else None


def brief(store: Any, actor: str, *, time_limit: float | None = 10.0) -> dict[str, Any]:
    """A one-page brief on ``actor`` from a store (or an iterable of relations): see the module
    docstring. Returns ``actor``, ``name``, ``summary`` (text and notes), ``sections`` (each a
    ``title`` and ``lines`` with ``text`` and ``notes``), ``footnotes`` (``n``, ``doc``, ``span``,
    ``sentence``) and the structured data behind the lines."""
    notes = Footnotes()
    relations, _text = relations_of(store)
    G = build_network(store if is_store(store) else relations)
    lines = leverage(store if is_store(store) else relations)
    shares = {(x["supplier"], x["dependent"], x["good"]): _share_words(x) for x in lines}
    shares = {k: v for k, v in shares.items() if v}
    name = _name(actor)

    allies, adversaries = [], []
    if actor in G:
        for other in sorted(G[actor], key=lambda o: (-G[actor][o]["weight"], o)):
            line = _tie_line(G, actor, other, notes, shares)
            (allies if line["sign"] > 0 else adversaries).append(line)
    allies, adversaries = allies[:MAX_LINES], adversaries[:MAX_LINES]

    report = balance_report(G, time_limit=time_limit) if G.number_of_edges() else None
    bloc_lines = []
    side = against = None
    if report and actor in G:
        side = next(b for b in report["blocs"] if actor in b)
        against = next((b for b in report["blocs"] if actor not in b), [])
        mates = [_name(x) for x in side if x != actor]
        text = f"In the two-bloc split of least frustration (L = {report['frustration_index']:g}, " \
               f"{report['method']}{', optimal' if report['optimal'] else ''}) {name} sits with " \
               f"{', '.join(mates) or 'no one'} against {', '.join(_name(x) for x in against) or 'no one'}"
        bloc_lines.append({"text": text, "notes": []})

    dep_lines = []
    for x in lines:
        if actor not in (x["supplier"], x["dependent"]):
            continue
        s, d = _name(x["supplier"]), _name(x["dependent"])
        text = f"{s} and {d} exchange {x['good']}" if x["mutual"] else f"{s} supplies {x['good']} to {d}"
        if x["share"] is not None:
            text += f": {x['share_text']} (share {x['share']:.2f})"
        amounts = [a["text"] for a in x["amounts"]]
        if amounts:
            text += f" ({', '.join(amounts)})"
        if x["single_supplier"]:
            text += f"; {s} is {d}'s only known supplier of {x['good']}"
        if x["counter"]:
            text += f"; {d} could withhold {', '.join(x['counter'])} in return"
        ev = sorted(x["evidence"], key=lambda e: (e["quantity"] or {}).get("text") != x["share_text"])
        ns = _notes(notes, ev)
        dep_lines.append({"text": f"{text} {_marks(ns)}", "notes": ns, "line": x})

    tension_lines = []
    if report:
        for t in report["frustrated_edges"]:
            corners = {t["a"], t["b"], *(n for tr in t["triads"] for n in tr["nodes"])}
            if actor not in corners:
                continue
            ids = [t["a"], t["b"], *(n for tr in t["triads"] for n in tr["nodes"])]
            ns = _notes(notes, t["evidence"])
            text = _with_names(t["tension"], ids)
            tension_lines.append({"text": f"{text} {_marks(ns)}", "notes": ns, "tension": t})

    outcome_lines = []
    outs = store.outcomes(actor) if is_store(store) else []
    for polarity, word in ((1, "gain"), (-1, "loss")):
        said = [o for o in outs if o.polarity == polarity]
        if said:
            ns = notes.cite_all(said, limit=4)
            plural = "" if len(said) == 1 else ("es" if word == "loss" else "s")
            text = f"The texts state {len(said)} {word}{plural} for {name} {_marks(ns)}"
            outcome_lines.append({"text": text, "notes": ns, "outcomes": [outcome_dict(o) for o in said]})

    recent = [r for r in relations if actor in (r.source, r.target) and r.date and r.date_source == "text"
              and r.modality != "possible"]
    recent.sort(key=lambda r: (r.date or "", r.doc, r.span[0]), reverse=True)
    recent_lines = []
    seen = set()
    for r in recent:
        key = (r.date, r.source, r.relation, r.target, r.modality)
        if key in seen:
            continue
        seen.add(key)
        ns = _notes(notes, [r])
        recent_lines.append({"text": f"{r.date}: {phrase(r)} {_marks(ns)}", "notes": ns})
        if len(recent_lines) >= RECENT:
            break

    contra_lines = []
    for c in involving(contradictions(store if is_store(store) else relations), actor):
        ns = _notes(notes, c["claims"], limit=4)
        text = f"{c['kind']}: {_with_names(c['summary'], list(c['key']))}"
        contra_lines.append({"text": f"{text} {_marks(ns)}", "notes": ns, "contradiction": c})

    summary_parts: list[tuple[str, list[int]]] = []
    if allies or adversaries:
        s = name
        if allies:
            s += " sides with " + _join([a["name"] for a in allies[:4]])
        if adversaries:
            s += (" and" if allies else "") + " is opposed to " + _join([a["name"] for a in adversaries[:4]])
        ns = sorted({n for line in (allies[:1] + adversaries[:1]) for n in line["notes"][:2]})
        summary_parts.append((s, ns))
    if allies and allies[0]["parts"]:
        top = allies[0]
        parts = top["parts"][:2]
        summary_parts.append((f"Its strongest tie is with {top['name']}: " + "; ".join(p["text"] for p in parts),
                              sorted({n for p in parts for n in p["notes"]})))
    for dl in dep_lines:
        x = dl["line"]
        if x["share"] is None or x["mutual"]:
            continue
        if x["dependent"] == actor:
            text = f"{name} depends on {_name(x['supplier'])} for {x['good']} ({x['share_text']})"
        else:
            text = f"{_name(x['dependent'])} depends on {name} for {x['good']} ({x['share_text']})"
        summary_parts.append((text, dl["notes"]))
    if outcome_lines:
        gains = sum(1 for o in outs if o.polarity > 0)
        losses = sum(1 for o in outs if o.polarity < 0)
        verdict = "a winner" if gains > losses else ("a loser" if losses > gains else "both a winner and a loser")
        summary_parts.append((f"The texts describe {name} as {verdict}", sorted({n for o in outcome_lines for n in o["notes"]})[:4]))
    summary_text = ". ".join(f"{t} {_marks(ns)}".strip() for t, ns in summary_parts)
    summary_text = summary_text + "." if summary_text else f"No relation of {name} is stored."

    sections = [
        {"title": "Allies", "lines": allies},
        {"title": "Adversaries", "lines": adversaries},
        {"title": "Bloc", "lines": bloc_lines},
        {"title": "Dependencies", "lines": dep_lines},
        {"title": "Tensions", "lines": tension_lines},
        {"title": "Outcomes stated", "lines": outcome_lines},
        {"title": "Recent changes", "lines": recent_lines},
        {"title": "Contradictions", "lines": contra_lines},
    ]
    return {
        "actor": actor,
        "name": name,
        "summary": {"text": summary_text, "notes": sorted({n for _, ns in summary_parts for n in ns})},
        "sections": sections,
        "bloc": side,
        "opposed_bloc": against,
        "footnotes": notes.to_list(),
    }


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def render_brief(b: dict[str, Any], *, width: int = 100) -> str:
    """The brief as plain text: title, summary, sections, footnotes."""
    import textwrap

    out = [f"Brief: {b['name']} ({b['actor']})", "", textwrap.fill(b["summary"]["text"], width), ""]
    for sec in b["sections"]:
        if not sec["lines"]:
            continue
        out.append(sec["title"])
        for line in sec["lines"]:
            out.append(textwrap.fill(line["text"], width, initial_indent="- ", subsequent_indent="  "))
        out.append("")
    if b["footnotes"]:
        out.append("Sources")
        for n in b["footnotes"]:
            out.append(textwrap.fill(f"[{n['n']}] {n['doc']} {n['span'][0]}-{n['span'][1]}: {n['sentence']}", width,
                                     subsequent_indent="    "))
    return "\n".join(out).rstrip() + "\n"
