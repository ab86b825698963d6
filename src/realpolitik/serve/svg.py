"""Inline SVG drawings for the HTML report: the signed network and a dyad's timeline.

Plain strings, every text escaped; nothing is loaded from anywhere.

>>> import networkx as nx
>>> G = nx.Graph(); G.add_edge("IRN", "ISR", sign=-1, weight=4.0)
>>> svg = network_svg(G, names={"IRN": "Iran", "ISR": "Israel"})
>>> svg.startswith("<svg") and 'class="edge neg"' in svg and "Iran" in svg
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

import networkx as nx

__all__ = ["BLOC_COLOURS", "network_svg", "timeline_svg"]

BLOC_COLOURS = ("#2f6fbd", "#e07b1a", "#8e44ad", "#17a2a2", "#b5a20a", "#7f8c8d", "#c0392b", "#27ae60")
POSITIVE = ("#1b8a4a", "#4caf72", "#86d0a0", "#0f5e31", "#b5e3c4")
NEGATIVE = ("#c8283c", "#e2606f", "#f09aa4", "#8c1424", "#f7c6cc")
NEUTRAL = ("#95a5a6", "#bdc3c7")


def _f(x: float) -> str:
    return f"{x:.1f}"


def _layout(G: nx.Graph, seed: int) -> dict[Any, tuple[float, float]]:
    """Spring layout where allies pull harder than enemies, so blocs come out as clusters."""
    L = nx.Graph()
    L.add_nodes_from(sorted(G))
    top = max((d.get("weight", 1.0) for _, _, d in G.edges(data=True)), default=1.0) or 1.0
    for a, b, d in G.edges(data=True):
        strength = 0.6 + 0.4 * math.sqrt(d.get("weight", 1.0) / top)
        L.add_edge(a, b, pull=strength * (1.0 if d.get("sign", 1) > 0 else 0.3))
    if len(L) == 1:
        return {n: (0.0, 0.0) for n in L}
    pos = nx.spring_layout(L, seed=seed, weight="pull", iterations=300)
    return {n: (float(p[0]), float(p[1])) for n, p in pos.items()}


def network_svg(
    G: nx.Graph,
    *,
    names: Mapping[str, str] | None = None,
    partition: Mapping[str, int] | None = None,
    focus: str | None = None,
    width: int = 900,
    height: int = 560,
    seed: int = 7,
) -> str:
    """The signed network: ties coloured by sign (dashed when mixed), as thick as they are strong;
    actors coloured by bloc (``partition``), sized by the weight of their ties."""
    names = names or {}
    partition = partition or {}
    if G.number_of_nodes() == 0:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 80" role="img">'
                '<text x="20" y="45">No ties in this window.</text></svg>')
    raw = _layout(G, seed)
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    pad = 50
    span_x = max(xs) - min(xs) or 1.0
    span_y = max(ys) - min(ys) or 1.0
    scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    pos = {n: (width / 2 + (x - cx) * scale, height / 2 + (y - cy) * scale) for n, (x, y) in raw.items()}
    top = max((d.get("weight", 1.0) for _, _, d in G.edges(data=True)), default=1.0) or 1.0
    strength = {n: sum(d.get("weight", 1.0) for _, _, d in G.edges(n, data=True)) for n in G}
    top_s = max(strength.values()) or 1.0
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
           'aria-label="The signed network of actors" class="network">']
    for a, b, d in sorted(G.edges(data=True), key=lambda e: e[2].get("weight", 1.0)):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        sign = d.get("sign", 1)
        mixed = d.get("positive", 0) > 0 and d.get("negative", 0) > 0
        w = 1.5 + 6 * math.sqrt(d.get("weight", 1.0) / top)
        cls = "edge " + ("pos" if sign > 0 else "neg") + (" mixed" if mixed else "")
        title = f"{names.get(a, a)} – {names.get(b, b)}: {'+' if sign > 0 else '−'}{d.get('weight', 1.0):g}"
        out.append(f'<line class="{cls}" x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" '
                   f'stroke-width="{w:.2f}"><title>{escape(title)}</title></line>')
    for n in sorted(G):
        x, y = pos[n]
        r = 7 + 11 * math.sqrt(strength[n] / top_s)
        bloc = partition.get(n)
        colour = "#95a5a6" if bloc is None else BLOC_COLOURS[bloc % len(BLOC_COLOURS)]
        ring = ' stroke="#1d232b" stroke-width="3"' if n == focus else ' stroke="#fff" stroke-width="2"'
        label = names.get(n, n) + ("" if bloc is None else f" (bloc {bloc + 1})")
        out.append(f'<g class="node"><title>{escape(label)}</title>'
                   f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{r:.1f}" fill="{colour}"{ring}/>'
                   f'<text x="{_f(x)}" y="{_f(y - r - 5)}" text-anchor="middle">{escape(str(n))}</text></g>')
    out.append("</svg>")
    return "".join(out)


def _colours(types: Sequence[str], sign_of: Mapping[str, int]) -> dict[str, str]:
    used = {1: 0, -1: 0, 0: 0}
    out = {}
    for t in types:
        s = sign_of.get(t, 0)
        palette = POSITIVE if s > 0 else NEGATIVE if s < 0 else NEUTRAL
        out[t] = palette[used[s] % len(palette)]
        used[s] += 1
    return out


def timeline_svg(timeline: Sequence[Mapping[str, Any]], sign_of: Mapping[str, int], *, width: int = 720) -> str:
    """Relations per year stacked by type (green cooperative, red conflictual) and, when the
    entries carry a ``score``, the year's signed score as a line. ``timeline`` is the
    :func:`realpolitik.analysis.dyad.dyad` timeline: ``{"year", "relations": [{"relation"...}], "score"?}``
    (``year`` None for undated relations, which are left off the chart).

    >>> svg = timeline_svg([{"year": "2012", "score": 6.0, "relations": [{"relation": "arms_supply"}]}],
    ...                    {"arms_supply": 1})
    >>> "2012" in svg and "arms supply" in svg
    True
    """
    dated = [y for y in timeline if y.get("year")]
    if not dated:
        return ""
    first, last = int(dated[0]["year"]), int(dated[-1]["year"])
    years = [str(y) for y in range(first, last + 1)]
    by_year = {y["year"]: y for y in dated}
    types = sorted({r["relation"] for y in dated for r in y["relations"]}, key=lambda t: (-sign_of.get(t, 0), t))
    colour = _colours(types, sign_of)
    left, top, chart_h = 36, 14, 150
    chart_w = width - left - 20
    bw = chart_w / len(years)
    most = max(len(y["relations"]) for y in dated) or 1
    scores = [y for y in dated if isinstance(y.get("score"), int | float)]
    top_score = max((abs(y["score"]) for y in scores), default=0.0) or 1.0
    legend_rows = math.ceil(len(types) / 4) or 1
    height = top + chart_h + 30 + 18 * legend_rows + (18 if scores else 0)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
           'aria-label="Relations per year by type" class="timeline">',
           f'<line class="axis" x1="{left}" y1="{top + chart_h}" x2="{left + chart_w}" y2="{top + chart_h}"/>',
           f'<text x="4" y="{top + 10}">{most}</text>']
    step = max(1, math.ceil(len(years) / 24))
    for i, year in enumerate(years):
        x = left + i * bw
        if i % step == 0:
            shown = year[2:] if len(years) > 16 else year
            out.append(f'<text x="{_f(x + bw / 2)}" y="{top + chart_h + 14}" text-anchor="middle">{shown}</text>')
        entry = by_year.get(year)
        if not entry:
            continue
        counts: dict[str, int] = {}
        for r in entry["relations"]:
            counts[r["relation"]] = counts.get(r["relation"], 0) + 1
        y = top + chart_h
        for t in types:
            c = counts.get(t)
            if not c:
                continue
            h = c / most * (chart_h - 8)
            y -= h
            out.append(f'<rect x="{_f(x + bw * 0.15)}" y="{_f(y)}" width="{_f(bw * 0.7)}" height="{_f(h)}" '
                       f'fill="{colour[t]}"><title>{escape(f"{year}: {c} × {t}")}</title></rect>')
    if scores:
        mid = top + chart_h / 2
        pts = [(left + (int(y["year"]) - first + 0.5) * bw, mid - y["score"] / top_score * (chart_h / 2 - 8))
               for y in scores]
        out.append('<polyline class="score" points="' + " ".join(f"{_f(a)},{_f(b)}" for a, b in pts) + '"/>')
        for (px, py), y in zip(pts, scores, strict=True):
            kind = "pos" if y["score"] > 0 else "neg" if y["score"] < 0 else "zero"
            out.append(f'<circle class="dot {kind}" cx="{_f(px)}" cy="{_f(py)}" r="3.5">'
                       f'<title>{escape(str(y["year"]))}: signed score {y["score"]:g}</title></circle>')
    ly = top + chart_h + 34
    for i, t in enumerate(types):
        lx = left + (i % 4) * (chart_w / 4)
        row_y = ly + (i // 4) * 18
        out.append(f'<rect x="{_f(lx)}" y="{row_y - 9}" width="10" height="10" fill="{colour[t]}"/>'
                   f'<text x="{_f(lx + 14)}" y="{row_y}">{escape(t.replace("_", " "))}</text>')
    if scores:
        out.append(f'<text x="{left}" y="{ly + 18 * legend_rows}">line: signed score per year '
                   "(above the middle: cooperative)</text>")
    out.append("</svg>")
    return "".join(out)
