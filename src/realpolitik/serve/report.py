"""A self-contained HTML report of a store: one file, inline CSS and SVG, no script, nothing fetched.

Sections: the network plot, blocs with their cohesion, tensions, the strongest ties, dyad timelines,
implied ties, dependencies and leverage, contradictions (and, with an actor, its brief). Every
claim carries footnotes; the notes at the end quote each source sentence with its document and
offsets. The analysis comes from :mod:`realpolitik.analysis`; a section whose function this
version of the engine lacks says so instead of computing anything here.

>>> from realpolitik.store import Store
>>> with Store(":memory:") as store:
...     html = render_report(store)
>>> html.startswith("<!DOCTYPE html>") and "<script" not in html
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from html import escape
from typing import Any

import networkx as nx

from .. import __version__
from ..analysis.graph import build_network, edges
from ..knowledge import cached_knowledge
from ..ontology import RELATION_TYPES
from .svg import BLOC_COLOURS, network_svg, timeline_svg

__all__ = ["Notes", "render_report"]

#: Dyads drawn as timelines: the actor's (or the network's) heaviest ties.
MAX_DYADS = 8
#: Source sentences cited per claim; the rest are counted.
CITES_PER_CLAIM = 3

_CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1d232b;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { margin-bottom: 0; } h2 { margin-top: 2rem; border-bottom: 1px solid #d9dee4; padding-bottom: .2rem; }
.muted { color: #65717e; } sup a { text-decoration: none; }
svg { width: 100%; height: auto; display: block; }
svg.network line.edge { stroke-linecap: round; }
svg.network line.pos { stroke: #1b8a4a; } svg.network line.neg { stroke: #c8283c; }
svg.network line.mixed { stroke-dasharray: 10 5; }
svg.network text { font-size: 13px; font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 4px; }
svg.timeline text { font-size: 11px; fill: #65717e; }
svg.timeline .axis { stroke: #65717e; } svg.timeline .score { fill: none; stroke: #1d232b; stroke-width: 2; }
svg.timeline .dot.pos { fill: #1b8a4a; } svg.timeline .dot.neg { fill: #c8283c; } svg.timeline .dot.zero { fill: #95a5a6; }
.tag { display: inline-block; font-size: .8em; padding: 0 .4em; border-radius: 3px; background: #eef1f5; }
.pos { color: #145c33; } .neg { color: #7a1020; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 50%; margin-right: .3em; vertical-align: middle; }
ol.notes li { margin-bottom: .4em; } ol.notes q { display: block; }
table { border-collapse: collapse; } td, th { padding: .2rem .6rem; border-bottom: 1px solid #d9dee4; text-align: left; }
"""


class Notes:
    """Footnotes: each source sentence ``(doc, span)`` numbered once, in the order first cited.

    >>> notes = Notes()
    >>> ev = {"doc": "d1", "span": [0, 10], "evidence": "Foes, now."}
    >>> notes.cite([ev, ev])
    '<sup><a href="#fn-1">1</a></sup>'
    """

    def __init__(self) -> None:
        self._index: dict[tuple[str, int, int], int] = {}
        self.notes: list[dict[str, Any]] = []

    def number(self, ev: Mapping[str, Any]) -> int:
        key = (str(ev["doc"]), int(ev["span"][0]), int(ev["span"][1]))
        n = self._index.get(key)
        if n is None:
            n = self._index[key] = len(self.notes) + 1
            self.notes.append({"n": n, "doc": key[0], "span": key[1:], "sentence": ev.get("evidence", ""),
                               "date": ev.get("date")})
        return n

    def cite(self, evidence: Iterable[Mapping[str, Any]], limit: int = CITES_PER_CLAIM) -> str:
        """Footnote marks for up to ``limit`` distinct sentences, and how many more there are."""
        numbers: list[int] = []
        for ev in evidence:
            n = self.number(ev)
            if n not in numbers:
                numbers.append(n)
        shown = numbers[:limit]
        marks = ",".join(f'<a href="#fn-{n}">{n}</a>' for n in shown)
        more = f" +{len(numbers) - limit} more" if len(numbers) > limit else ""
        return f"<sup>{marks}{escape(more)}</sup>" if shown else ""

    def html(self) -> str:
        items = []
        for n in self.notes:
            where = f"{n['doc']}, characters {n['span'][0]}–{n['span'][1]}" + (f", {n['date']}" if n["date"] else "")
            items.append(f'<li id="fn-{n["n"]}"><q>{escape(n["sentence"])}</q>'
                         f'<span class="muted">{escape(where)}</span></li>')
        return '<ol class="notes">' + "".join(items) + "</ol>"


def _analysis(name: str) -> Callable[..., Any] | None:
    import realpolitik.analysis as analysis

    fn = getattr(analysis, name, None)
    return fn if callable(fn) and not isinstance(fn, type(analysis)) else None


def _missing(what: str) -> str:
    return f'<p class="muted">This version of the analysis engine has no {escape(what)}.</p>'


def _pct(x: float | None) -> str:
    return "" if x is None else f"{round(x * 100):g}%"


def _edge_evidence(edge: Any) -> list[dict[str, Any]]:
    return [ev for line in edge.evidence for ev in line.to_dict()["evidence"]]


def _section_network(G: nx.Graph, names: Mapping[str, str], partition: Mapping[str, int] | None,
                     blocs: dict[str, Any] | None, focus: str | None) -> str:
    out = ["<h2>The network</h2>", network_svg(G, names=names, partition=partition, focus=focus)]
    out.append('<p class="muted"><span class="pos">green</span>: cooperative ties, <span class="neg">red</span>: '
               "hostile ties, dashed: mixed evidence; thickness: strength; colour of an actor: its bloc.</p>")
    if blocs is not None:
        rows = []
        figures = blocs.get("cohesion") or []
        for i, members in enumerate(blocs.get("blocs", [])):
            fig = figures[i] if i < len(figures) else {}
            cohesion = fig.get("cohesion")
            opposition = fig.get("opposition")
            who = ", ".join(f"{escape(names.get(m, m))} ({escape(m)})" for m in members)
            colour = BLOC_COLOURS[i % len(BLOC_COLOURS)]
            rows.append(f'<tr><td><span class="swatch" style="background:{colour}"></span>bloc {i + 1}</td>'
                        f"<td>{who}</td><td>{_pct(cohesion) or '–'}</td><td>{_pct(opposition) or '–'}</td></tr>")
        out.append("<h2>Blocs</h2><p>The split into opposed blocs that leaves the least frustration "
                   f"(cost {blocs.get('cost', 0):g}, {escape(str(blocs.get('method', '')))}"
                   f"{', optimal' if blocs.get('optimal') else ''}).</p>"
                   "<table><tr><th></th><th>members</th><th>cohesion</th><th>opposition</th></tr>"
                   + "".join(rows) + "</table>"
                   '<p class="muted">cohesion: share of the weight inside a bloc that is cooperative; opposition: '
                   "share of the weight from it to other blocs that is hostile.</p>")
    else:
        out.append("<h2>Blocs</h2>" + _missing("blocs"))
    return "".join(out)


def _section_tensions(G: nx.Graph, notes: Notes, focus: str | None) -> str:
    fn = _analysis("balance_report")
    if fn is None:
        return "<h2>Tensions</h2>" + _missing("structural balance")
    report = fn(G, time_limit=10.0)
    items = report.get("frustrated_edges", [])
    if focus:
        items = [t for t in items if focus in (t["a"], t["b"]) or any(focus in x["nodes"] for x in t.get("triads", []))]
    head = (f"<p>Frustration index {report['frustration_index']:g} ({escape(report['method'])}"
            f"{', optimal' if report.get('optimal') else ''}): the least total weight of ties that break the "
            "two-bloc split. Those ties are the system's tensions:</p>")
    if not items:
        return "<h2>Tensions</h2>" + head + '<p class="muted">None' + (" involving this actor" if focus else "") + ".</p>"
    lines = "".join(f"<li>{escape(t['tension'])} ({escape(t.get('kind', ''))}, weight {t['weight']:g})"
                    f"{notes.cite(t.get('evidence', []))}</li>" for t in items)
    return "<h2>Tensions</h2>" + head + f"<ul>{lines}</ul>"


def _section_ties(G: nx.Graph, names: Mapping[str, str], notes: Notes, focus: str | None) -> str:
    rows = []
    for e in edges(G):
        if focus and focus not in (e.a, e.b):
            continue
        types = ", ".join(dict.fromkeys(r.relation.replace("_", " ") for r in e.relations))
        sign = '<span class="pos">cooperative</span>' if e.sign > 0 else '<span class="neg">hostile</span>'
        mixed = f" (mixed: +{e.positive:g} / −{e.negative:g})" if e.mixed else ""
        rows.append(f"<li><strong>{escape(names.get(e.a, e.a))} – {escape(names.get(e.b, e.b))}</strong>: {sign}, "
                    f"weight {e.weight:g}{mixed}; {escape(types)}{notes.cite(_edge_evidence(e))}</li>")
    if not rows:
        return ""
    return "<h2>Ties</h2><p>Heaviest first; weights from the documented table of per-type weights.</p><ul>" + "".join(rows) + "</ul>"


def _section_dyads(store: Any, G: nx.Graph, names: Mapping[str, str], notes: Notes, focus: str | None,
                   since: str | None, until: str | None) -> str:
    fn = _analysis("dyad")
    if fn is None:
        return "<h2>Dyads over time</h2>" + _missing("dyad profiles")
    pairs = [(e.a, e.b) for e in edges(G) if not focus or focus in (e.a, e.b)][:MAX_DYADS]
    if not pairs:
        return ""
    sign_of = {t: rt.sign for t, rt in RELATION_TYPES.items()}
    out = ["<h2>Dyads over time</h2>"]
    for a, b in pairs:
        if focus and b == focus:
            a, b = b, a
        d = fn(store, a, b, since=since, until=until)
        evid = [ev for layer in d.get("layers", []) for line in layer["lines"] for ev in line["evidence"]]
        layer_text = "; ".join(f"{escape(x['layer'])} {x['score']:+g}" for x in d.get("layers", []))
        out.append(f"<h3 class=\"dyad\">{escape(names.get(a, a))} and {escape(names.get(b, b))}</h3>"
                   f"<p>Signed score {d['score']:+g} over {d['relations']} relations in {len(d['documents'])} "
                   f"documents ({layer_text}){notes.cite(evid)}.</p>")
        out.append(timeline_svg(d.get("timeline", []), sign_of))
        undated = next((y for y in d.get("timeline", []) if y.get("year") is None), None)
        if undated:
            out.append(f'<p class="muted">{len(undated["relations"])} undated relations are not on the timeline.</p>')
        for q in d.get("quantities", []):
            out.append(f"<p>{escape(q['source'])} {escape(q['relation'].replace('_', ' '))} {escape(q['target'])}: "
                       f"{escape(q['text'])}{notes.cite(q.get('evidence', []))}</p>")
    return "".join(out)


def _section_infer(G: nx.Graph, names: Mapping[str, str], notes: Notes, focus: str | None) -> str:
    fn = _analysis("infer")
    if fn is None:
        return "<h2>Implied ties</h2>" + _missing("sign inference")
    items = [x for x in fn(G) if x["sign"] != 0 and (not focus or focus in (x["a"], x["b"]))][:15]
    if not items:
        return ""
    lines = []
    for x in items:
        word = '<span class="pos">implied allies</span>' if x["sign"] > 0 else '<span class="neg">implied adversaries</span>'
        readings = []
        for t in x.get("triads", []):
            ev = [e for part in t.get("evidence", {}).values() for e in part]
            readings.append(f"{escape(t['text'])}{notes.cite(ev, limit=2)}")
        lines.append(f"<li><strong>{escape(names.get(x['a'], x['a']))} – {escape(names.get(x['b'], x['b']))}</strong>: "
                     f"{word} ({escape(x.get('status', ''))}): " + "; ".join(readings) + "</li>")
    return ("<h2>Implied ties</h2><p>\"The enemy of my enemy\": signs implied by common neighbours "
            "for pairs with no direct tie or contradicting ties.</p><ul>" + "".join(lines) + "</ul>")


def _section_leverage(store: Any, notes: Notes, focus: str | None) -> str:
    fn = _analysis("leverage")
    if fn is None:
        return "<h2>Dependencies and leverage</h2>" + _missing("leverage analysis")
    lines = fn(store, actor=focus)
    if not lines:
        return '<h2>Dependencies and leverage</h2><p class="muted">No supply relations.</p>'
    items = []
    for x in lines:
        share = f", {_pct(x['share'])} of {escape(x.get('reference') or 'supply')}" if x.get("share") is not None else ""
        single = ", the only known supplier" if x.get("single_supplier") else ""
        items.append(f"<li><strong>{escape(x['supplier'])} → {escape(x['dependent'])}: {escape(x['good'])}</strong>"
                     f"{share}{single}{notes.cite(x.get('evidence', []))}"
                     + (f"<br><span class=\"muted\">{escape(x['withhold'])}</span>" if x.get("withhold") else "")
                     + "</li>")
    return "<h2>Dependencies and leverage</h2><ul>" + "".join(items) + "</ul>"


def _section_contradictions(store: Any, notes: Notes, focus: str | None) -> str:
    fn = _analysis("contradictions")
    if fn is None:
        return "<h2>Contradictions</h2>" + _missing("contradiction finder")
    items = [c for c in fn(store) if not focus or focus in c.get("key", [])]
    if not items:
        return '<h2>Contradictions</h2><p class="muted">None found.</p>'
    lines = "".join(f'<li><span class="tag">{escape(c["kind"])}</span> {escape(c.get("summary", ""))}'
                    f"{notes.cite(c.get('claims', []), limit=6)}</li>" for c in items)
    return "<h2>Contradictions</h2><p>Where sources disagree.</p><ul>" + lines + "</ul>"


_MARK = re.compile(r"\[(\d+)\]")


def _section_brief(store: Any, actor: str, notes: Notes) -> str:
    fn = _analysis("brief")
    if fn is None:
        return "<h2>Brief</h2>" + _missing("brief")
    brief = fn(store, actor)
    own = {n["n"]: n for n in brief.get("footnotes", [])}

    def cited(text: str) -> str:
        # The brief numbers its own notes ("[3]"); they become this report's footnotes.
        def mark(m: re.Match[str]) -> str:
            note = own.get(int(m.group(1)))
            if note is None:
                return m.group(0)
            n = notes.number({"doc": note["doc"], "span": note["span"], "evidence": note.get("sentence", "")})
            return f'<sup><a href="#fn-{n}">{n}</a></sup>'

        return _MARK.sub(mark, escape(text))

    summary = brief.get("summary")
    out = ["<h2>Brief</h2>"]
    if isinstance(summary, dict) and summary.get("text"):
        out.append(f"<p>{cited(summary['text'])}</p>")
    for section in brief.get("sections", []):
        lines = section.get("lines", [])
        if not lines:
            continue
        out.append(f"<h3>{escape(str(section.get('title', '')))}</h3><ul>")
        out += [f"<li>{cited(line if isinstance(line, str) else line.get('text', ''))}</li>" for line in lines]
        out.append("</ul>")
    return "".join(out)


def render_report(
    store: Any,
    *,
    actor: str | None = None,
    at: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> str:
    """The report as one HTML string (see the module docstring); ``actor`` centres it on one actor."""
    G = build_network(store, at=at, since=since, until=until)
    k = cached_knowledge()
    shown = G
    if actor is not None and actor in G:
        shown = G.subgraph([actor, *G[actor]]).copy()
    elif actor is not None:
        shown = nx.Graph()
        shown.add_node(actor)
    names = {n: k.name(n) for n in G}
    if actor is not None:
        names.setdefault(actor, k.name(actor))
    blocs_fn = _analysis("blocs")
    blocs = blocs_fn(G, time_limit=10.0) if blocs_fn is not None and G.number_of_edges() else None
    partition = {m: i for i, members in enumerate(blocs["blocs"]) for m in members} if blocs else None
    notes = Notes()
    window = ("up to " + (at or until or "") if (at or until) and not since else
              f"{since} to {until or 'now'}" if since else "all time")
    stats = store.stats()
    title = "realpolitik report" + (f": {names[actor]} ({actor})" if actor else "")
    body = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="muted">{stats["documents"]} documents, {stats["relations"]} relations, '
        f"{G.number_of_nodes()} actors and {G.number_of_edges()} ties in the signed network ({escape(window)}; "
        "asserted relations only). Numbers in superscript are footnotes: the sentences the claim rests on.</p>",
        _section_network(shown, names, partition, blocs, actor),
    ]
    if actor is not None:
        body.append(_section_brief(store, actor, notes))
    body += [
        _section_tensions(G, notes, actor),
        _section_ties(G, names, notes, actor),
        _section_dyads(store, G, names, notes, actor, since, at or until),
        _section_infer(G, names, notes, actor),
        _section_leverage(store, notes, actor),
        _section_contradictions(store, notes, actor),
        "<h2>Sources</h2>" + (notes.html() if notes.notes else '<p class="muted">No claims, no sources.</p>'),
        f'<p class="muted">realpolitik {escape(__version__)}</p>',
    ]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
            + "".join(body) + "</body></html>\n")
