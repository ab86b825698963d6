"""The signed network as files other tools open: GEXF and GraphML (Gephi), CSV (edges), JSON.

GEXF and GraphML hold only scalar attributes, so :func:`flat_graph` turns each edge's lists
(layers, relation types, documents, evidence sentences) into ``"; "``-joined strings and counts.
Node attributes: ``label`` (the actor's name) and ``bloc`` (when blocs are given; -1 for none).

>>> from realpolitik.model import Relation
>>> from realpolitik.analysis.graph import build_network
>>> G = build_network([Relation("d1", "IRN", "hostility", "ISR", "asserted", "Iran and Israel are foes.", (0, 25))])
>>> body, media = export(G, "csv")
>>> print(body.decode().splitlines()[1])
IRN,ISR,Iran,Israel,-1,4.0,0.0,4.0,False,rhetorical,hostility,1,d1,Iran and Israel are foes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..knowledge import cached_knowledge

if TYPE_CHECKING:  # networkx is loaded by the functions that need it, not by every CLI start
    import networkx as nx

__all__ = ["FORMATS", "MEDIA_TYPES", "CSV_COLUMNS", "export", "flat_graph"]

FORMATS = ("gexf", "graphml", "csv", "json")
MEDIA_TYPES = {
    "gexf": "application/gexf+xml",
    "graphml": "application/graphml+xml",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
CSV_COLUMNS = (
    "a", "b", "a_name", "b_name", "sign", "weight", "positive", "negative", "mixed",
    "layers", "types", "relations", "documents", "evidence",
)  # fmt: skip
SEP = "; "


def _names(G: nx.Graph, names: Mapping[str, str] | None) -> dict[str, str]:
    if names is None:
        k = cached_knowledge()
        return {n: k.name(n) for n in G}
    return {n: names.get(n, n) for n in G}


def _edge_row(a: str, b: str, d: dict[str, Any]) -> dict[str, Any]:
    relations = d.get("relations", ())
    sentences = list(dict.fromkeys(r.evidence for r in relations))
    positive = float(d.get("positive", d["weight"] if d["sign"] > 0 else 0.0))
    negative = float(d.get("negative", d["weight"] if d["sign"] < 0 else 0.0))
    return {
        "sign": int(d["sign"]),
        "weight": float(d["weight"]),
        "positive": positive,
        "negative": negative,
        "mixed": positive > 0 and negative > 0,
        "layers": SEP.join(d.get("layers", ())),
        "types": SEP.join(dict.fromkeys(r.relation for r in relations)),
        "relations": len(relations),
        "documents": SEP.join(d.get("documents", ())),
        "evidence": " | ".join(sentences),
    }


def flat_graph(
    G: nx.Graph, *, blocs: Mapping[str, int] | None = None, names: Mapping[str, str] | None = None
) -> nx.Graph:
    """A copy of a network from :func:`~realpolitik.analysis.graph.build_network` whose node, edge
    and graph attributes are all scalars (what GEXF and GraphML can hold)."""
    import networkx as nx

    label = _names(G, names)
    F = nx.Graph()
    for key in ("since", "until", "layer"):
        if G.graph.get(key) is not None:
            F.graph[key] = str(G.graph[key])
    for n in sorted(G):
        attrs: dict[str, Any] = {"label": label[n]}
        if blocs is not None:
            attrs["bloc"] = int(blocs.get(n, -1))
        F.add_node(n, **attrs)
    for a, b, d in sorted(G.edges(data=True), key=lambda e: (min(e[0], e[1]), max(e[0], e[1]))):
        lo, hi = sorted((a, b))
        F.add_edge(lo, hi, **_edge_row(lo, hi, d))
    return F


def export(
    G: nx.Graph,
    fmt: str,
    *,
    blocs: Mapping[str, int] | None = None,
    names: Mapping[str, str] | None = None,
) -> tuple[bytes, str]:
    """The network ``G`` in format ``fmt`` (one of :data:`FORMATS`): the file's bytes and media type."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; one of: {', '.join(FORMATS)}")
    if fmt == "json":
        from ..analysis.graph import network_dict

        data = network_dict(G) | {"names": _names(G, names)}
        if blocs is not None:
            data["blocs"] = {n: int(blocs.get(n, -1)) for n in sorted(G)}
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), MEDIA_TYPES[fmt]
    F = flat_graph(G, blocs=blocs, names=names)
    if fmt == "csv":
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for a, b, d in F.edges(data=True):
            writer.writerow({"a": a, "b": b, "a_name": F.nodes[a]["label"], "b_name": F.nodes[b]["label"]} | d)
        return text.getvalue().encode("utf-8"), MEDIA_TYPES[fmt]
    import networkx as nx

    buffer = io.BytesIO()
    if fmt == "gexf":
        nx.write_gexf(F, buffer)
    else:
        nx.write_graphml(F, buffer)
    return buffer.getvalue(), MEDIA_TYPES[fmt]
