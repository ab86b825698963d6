"""The signed, dated network of actors built from stored relations.

:func:`build_network` turns relations into an undirected :class:`networkx.Graph` whose nodes are
actor ids and whose edges carry ``sign`` (+1 / -1) and ``weight`` (> 0): the graph every function
of :mod:`realpolitik.analysis.balance` takes. Each edge also says why it is there.

Weights (``data/weights.jsonl``, read once by :func:`load_weights`)
    Every relation type has a signed weight on a cooperation--conflict scale in the spirit of the
    Goldstein scale for CAMEO events and of PLOVER's categories; each line names its CAMEO / PLOVER
    counterpart and gives the reason for its value::

        armed_conflict -10   sanction -7   threat -6   diplomatic_downgrade -5   hostility -4
        criticism -3   membership 0   consultation +1   mediation +2   trade +2   support +3
        alignment +4   diplomatic_upgrade +4   energy_supply +4   aid +4   agreement +5
        diplomatic_recognition +5   military_cooperation +6   arms_supply +6
        intelligence_cooperation +6

    Modality scales it: ``asserted`` x 1, ``possible`` x 0.3, ``negated`` x 0.

Rules
    - Only ``asserted`` relations build the network (``modalities=`` widens it, e.g. for what-if
      views, each modality counted at its factor). ``negated`` relations of a linked pair are kept
      on the edge as ``against``: evidence against the tie, never weight.
    - Corroboration: a relation *key* -- ``(source, type, target)``, the actors sorted for symmetric
      types (:func:`realpolitik.ontology.relation_key`) -- counts once per distinct document, so its
      contribution is ``weight x factor x sources``. Repeats inside one document count once
      (emphasis is not corroboration). Copies count as one document: two statements of a key whose
      evidence sentences are equal once normalised (case, punctuation, spacing), or two documents
      whose texts have a Jaccard similarity of word 5-shingles >= 0.8 (syndicated wire stories).
      Only documents that share a key are compared, and only when their shingle counts are close
      enough for the threshold to be reachable, so this stays cheap.
    - A pair's contributions are summed: ``positive`` and ``negative`` totals are kept apart (a mixed
      pair keeps both figures); the edge's ``sign`` is the sign of ``positive - negative`` and its
      ``weight`` the absolute value. A pair whose totals cancel exactly gets no edge and is listed in
      ``G.graph["cancelled"]``. ``membership`` (weight 0) never makes an edge; its pairs are listed in
      ``G.graph["membership"]``.
    - Time: a relation without a date of its own is placed at its document's date
      (``Relation.date_source == "document"``; the store does this). With neither it counts only in
      all-time views (no ``at``/``since``/``until``); how many were left out is
      ``G.graph["undated"]``. ``at=DATE`` is everything up to that date; bounds are inclusive ISO
      prefixes compared at the coarser precision of bound and date, as in
      :meth:`realpolitik.store.Store.relations` (a relation dated ``2020`` is within ``2020-06``).

>>> from realpolitik.model import Relation
>>> rels = [
...     Relation("d1", "ISR", "arms_supply", "AZE", "asserted", "Israel sold arms to Azerbaijan.", (0, 31)),
...     Relation("d2", "ISR", "arms_supply", "AZE", "asserted", "Israeli drones reached Baku.", (0, 28)),
...     Relation("d2", "AZE", "criticism", "ISR", "asserted", "Baku condemned Israel.", (29, 51)),
... ]
>>> G = build_network(rels)
>>> e = G["AZE"]["ISR"]
>>> e["sign"], e["weight"], e["positive"], e["negative"], e["documents"]
(1, 9.0, 12.0, 3.0, ['d1', 'd2'])
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import networkx as nx

from ..datafiles import parse_jsonl
from ..errors import DataError, UsageError
from ..model import Relation
from ..ontology import LAYERS, MODALITIES, RELATION_TYPES, relation_key
from .cite import evidence as cite_evidence

__all__ = [
    "Edge",
    "Good",
    "RelationEvidence",
    "Weights",
    "build_network",
    "check_window",
    "edge",
    "edges",
    "in_window",
    "is_store",
    "load_weights",
    "network_dict",
    "relations_of",
    "score_relations",
    "store_text",
    "window_relations",
]

Key = tuple[str, str, str]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


# ---------------------------------------------------------------------------------------------
# The weights table


@dataclass(frozen=True, slots=True)
class Good:
    """A supplied good (``oil``, ``arms``...): the relation types that carry it and its words."""

    name: str
    types: tuple[str, ...]
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Weights:
    """The contents of ``data/weights.jsonl``.

    ``types`` maps each relation type to its signed weight, ``modalities`` each modality to its
    factor, ``notes`` each type to its line (``cameo``, ``plover``, ``note``); ``shingle`` and
    ``jaccard`` set the copy detection; ``goods`` lists supplied goods in the file's order.
    """

    types: dict[str, float]
    modalities: dict[str, float]
    notes: dict[str, dict[str, Any]]
    shingle: int
    jaccard: float
    goods: tuple[Good, ...]

    def weight(self, relation: str, modality: str = "asserted") -> float:
        """The signed weight of one statement of ``relation`` with ``modality``.

        >>> w = load_weights()
        >>> w.weight("arms_supply"), w.weight("criticism", "possible"), w.weight("threat", "negated")
        (6.0, -0.9, 0.0)
        """
        try:
            # rounded so that -3 x 0.3 prints as -0.9; "+ 0.0" turns -0.0 into 0.0
            return round(self.types[relation] * self.modalities[modality], 9) + 0.0
        except KeyError as exc:
            raise UsageError(f"unknown relation type or modality {exc.args[0]!r}") from None


def _parse_weights(text: str, where: str) -> Weights:
    types: dict[str, float] = {}
    modalities: dict[str, float] = {}
    notes: dict[str, dict[str, Any]] = {}
    goods: list[Good] = []
    rule: dict[str, Any] = {}
    for n, obj in parse_jsonl(text, where):
        try:
            if "type" in obj:
                name = obj["type"]
                rt = RELATION_TYPES.get(name)
                if rt is None:
                    raise DataError(f"{where}:{n}: unknown relation type {name!r}")
                w = float(obj["weight"])
                if (w > 0) - (w < 0) != rt.sign:
                    raise DataError(f"{where}:{n}: weight {w} of {name} disagrees with its sign {rt.sign:+d}")
                types[name] = w
                notes[name] = obj
            elif "modality" in obj:
                if obj["modality"] not in MODALITIES:
                    raise DataError(f"{where}:{n}: unknown modality {obj['modality']!r}")
                f = float(obj["factor"])
                if not 0.0 <= f <= 1.0:
                    raise DataError(f"{where}:{n}: factor {f} outside [0, 1]")
                modalities[obj["modality"]] = f
            elif obj.get("rule") == "corroboration":
                rule = obj
            elif "good" in obj:
                unknown = [t for t in obj["types"] if t not in RELATION_TYPES]
                if unknown:
                    raise DataError(f"{where}:{n}: unknown relation type {unknown[0]!r}")
                goods.append(Good(obj["good"], tuple(obj["types"]), tuple(w.lower() for w in obj["words"])))
            else:
                raise DataError(f"{where}:{n}: a line needs 'type', 'modality', 'rule' or 'good'")
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(f"{where}:{n}: bad or missing field ({exc})") from None
    missing = [t for t in RELATION_TYPES if t not in types] + [m for m in MODALITIES if m not in modalities]
    if missing:
        raise DataError(f"{where}: no weight for {', '.join(missing)}")
    return Weights(
        types=types,
        modalities=modalities,
        notes=notes,
        shingle=int(rule.get("shingle", 5)),
        jaccard=float(rule.get("jaccard", 0.8)),
        goods=tuple(goods),
    )


@functools.cache
def load_weights() -> Weights:
    """The package's weights table, read and checked once per process.

    >>> load_weights().types["armed_conflict"], load_weights().modalities["possible"]
    (-10.0, 0.3)
    """
    node = resources.files("realpolitik") / "data" / "weights.jsonl"
    return _parse_weights(node.read_text(encoding="utf-8"), str(node))


# ---------------------------------------------------------------------------------------------
# Time windows


def check_window(
    at: str | None = None, since: str | None = None, until: str | None = None
) -> tuple[str | None, str | None]:
    """Check date bounds and turn ``at`` into ``until``; returns ``(since, until)``.

    >>> check_window(at="2020-11")
    (None, '2020-11')
    """
    if at is not None and (since is not None or until is not None):
        raise UsageError("give either 'at' or 'since'/'until', not both")
    if at is not None:
        until = at
    for name, bound in (("since", since), ("until", until)):
        if bound is not None and not _DATE.match(bound):
            raise UsageError(f"{name} must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), not {bound!r}")
    return since, until


def in_window(date: str | None, since: str | None = None, until: str | None = None) -> bool:
    """Whether ``date`` falls within the inclusive bounds, compared at the coarser precision.

    Without bounds everything is in, undated relations too; with a bound an undated one is out.

    >>> in_window("2020", since="2020-06"), in_window("2019-12-31", since="2020"), in_window(None)
    (True, False, True)
    """
    if since is None and until is None:
        return True
    if not date:
        return False
    if since is not None:
        n = min(len(date), len(since))
        if date[:n] < since[:n]:
            return False
    if until is not None:
        n = min(len(date), len(until))
        if date[:n] > until[:n]:
            return False
    return True


# ---------------------------------------------------------------------------------------------
# Corroboration: distinct documents, copies counted once


_WORD = re.compile(r"\w+")


def _normalise(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


class _Copies:
    """Decides whether two documents are copies; texts are fetched and shingled lazily."""

    def __init__(self, text: Callable[[str], str | None] | None, shingle: int, threshold: float) -> None:
        self._text = text
        self._k = shingle
        self._threshold = threshold
        self._shingles: dict[str, frozenset[int]] = {}
        self._pairs: dict[tuple[str, str], bool] = {}

    def _of(self, doc: str) -> frozenset[int]:
        got = self._shingles.get(doc)
        if got is None:
            text = self._text(doc) if self._text else None
            words = _WORD.findall((text or "").lower())
            k = self._k
            got = frozenset(hash(tuple(words[i : i + k])) for i in range(max(0, len(words) - k + 1)))
            self._shingles[doc] = got
        return got

    def same(self, a: str, b: str) -> bool:
        if a == b:
            return True
        if self._text is None:
            return False
        pair = (a, b) if a < b else (b, a)
        known = self._pairs.get(pair)
        if known is None:
            sa, sb = self._of(a), self._of(b)
            small, large = sorted((len(sa), len(sb)))
            # Jaccard <= small / large: skip the intersection when the threshold is out of reach.
            if not small or small < self._threshold * large:
                known = False
            else:
                inter = len(sa & sb)
                known = inter / (len(sa) + len(sb) - inter) >= self._threshold
            self._pairs[pair] = known
        return known


def _source_groups(relations: list[Relation], copies: _Copies) -> list[list[str]]:
    """Group the documents of one key's statements into independent sources (copies merged)."""
    docs = list(dict.fromkeys(r.doc for r in relations))
    parent = {d: d for d in docs}

    def find(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    by_sentence: dict[str, str] = {}
    for r in relations:
        norm = _normalise(r.evidence)
        if norm:
            if norm in by_sentence:
                union(by_sentence[norm], r.doc)
            else:
                by_sentence[norm] = r.doc
    for i, a in enumerate(docs):
        for b in docs[i + 1 :]:
            if find(a) != find(b) and copies.same(a, b):
                union(a, b)
    groups: dict[str, list[str]] = {}
    for d in docs:
        groups.setdefault(find(d), []).append(d)
    return list(groups.values())


@dataclass(frozen=True, slots=True)
class RelationEvidence:
    """One relation key in one modality, with its weight and the statements behind it.

    ``weight`` is the signed weight of one source (type weight x modality factor), ``sources`` the
    number of independent documents (copies merged), ``contribution = weight x sources``.
    """

    key: Key
    relation: str
    layer: str
    modality: str
    weight: float
    sources: int
    contribution: float
    documents: tuple[str, ...]
    relations: tuple[Relation, ...]

    @property
    def source(self) -> str:
        return self.key[0]

    @property
    def target(self) -> str:
        return self.key[2]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: the key, the figures and each statement's evidence."""
        return {
            "source": self.key[0],
            "relation": self.relation,
            "target": self.key[2],
            "layer": self.layer,
            "modality": self.modality,
            "weight": self.weight,
            "sources": self.sources,
            "contribution": self.contribution,
            "documents": list(self.documents),
            "evidence": [_evidence(r) for r in self.relations],
        }


def _evidence(r: Relation) -> dict[str, Any]:
    return cite_evidence(r)  # one record shape for every analysis


def score_relations(
    relations: Iterable[Relation],
    *,
    text: Callable[[str], str | None] | None = None,
    weights: Weights | None = None,
    _copies: _Copies | None = None,
) -> list[RelationEvidence]:
    """Weigh relations per key and modality, counting independent documents.

    ``text`` returns a document's text by id (e.g. ``lambda d: store.document(d).text``) so that
    near-duplicate documents can be found; without it only equal evidence sentences merge copies.
    The result is sorted by the size of the contribution, largest first.

    >>> from realpolitik.model import Relation
    >>> same = "Turkey and Israel are allies."
    >>> rels = [Relation(d, "TUR", "alignment", "ISR", "asserted", same, (0, 29)) for d in ("a", "b")]
    >>> [(e.key, e.sources, e.contribution) for e in score_relations(rels)]
    [(('ISR', 'alignment', 'TUR'), 1, 4.0)]
    """
    w = weights or load_weights()
    copies = _copies or _Copies(text, w.shingle, w.jaccard)
    groups: dict[tuple[Key, str], list[Relation]] = {}
    for r in relations:
        if r.relation not in RELATION_TYPES:
            raise UsageError(f"unknown relation type {r.relation!r}")
        groups.setdefault((relation_key(r.source, r.relation, r.target), r.modality), []).append(r)
    out = []
    for (key, modality), rels in groups.items():
        per_source = w.weight(key[1], modality)
        n = len(_source_groups(rels, copies))
        out.append(
            RelationEvidence(
                key=key,
                relation=key[1],
                layer=RELATION_TYPES[key[1]].layer,
                modality=modality,
                weight=per_source,
                sources=n,
                contribution=per_source * n,
                documents=tuple(dict.fromkeys(r.doc for r in rels)),
                relations=tuple(rels),
            )
        )
    out.sort(key=lambda e: (-abs(e.contribution), e.key, e.modality))
    return out


# ---------------------------------------------------------------------------------------------
# The network


@dataclass(frozen=True, slots=True)
class Edge:
    """A pair of actors in the signed network and everything under it (``a < b``)."""

    a: str
    b: str
    sign: int
    weight: float
    positive: float
    negative: float
    relations: tuple[Relation, ...]
    documents: tuple[str, ...]
    layers: tuple[str, ...]
    evidence: tuple[RelationEvidence, ...] = field(default=())
    against: tuple[Relation, ...] = field(default=())

    @property
    def mixed(self) -> bool:
        """Whether evidence points both ways (a positive and a negative total)."""
        return self.positive > 0 and self.negative > 0

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "a": self.a,
            "b": self.b,
            "sign": self.sign,
            "weight": self.weight,
            "positive": self.positive,
            "negative": self.negative,
            "mixed": self.mixed,
            "documents": list(self.documents),
            "layers": list(self.layers),
            "evidence": [e.to_dict() for e in self.evidence],
            "against": [_evidence(r) for r in self.against],
        }


def is_store(obj: Any) -> bool:
    """Whether ``obj`` looks like a :class:`~realpolitik.store.Store` (relations and documents)."""
    return hasattr(obj, "relations") and hasattr(obj, "document")


def store_text(store: Any) -> Callable[[str], str | None]:
    """A document-text lookup over a store, for copy detection."""

    def text(doc: str) -> str | None:
        d = store.document(doc)
        return d.text if d else None

    return text


def relations_of(
    source: Any,
    *,
    types: list[str] | None = None,
    texts: Mapping[str, str] | None = None,
) -> tuple[list[Relation], Callable[[str], str | None] | None]:
    """Relations and a document-text lookup from a store, or from an iterable of relations (with
    ``texts`` mapping document ids to texts, if known)."""
    if is_store(source):
        # Every date is read, the window applied here: the undated ones are counted, not lost.
        return source.relations(types=types), store_text(source)
    if isinstance(source, Relation):
        raise UsageError("give a store or an iterable of relations, not one relation")
    return list(source), (texts.get if texts is not None else None)


def window_relations(relations: Iterable[Relation], since: str | None, until: str | None
                     ) -> tuple[list[Relation], int]:
    """The relations dated inside the window, and how many were left out for having no date.

    With no bound every relation is kept (all-time views count the undated too).

    >>> from realpolitik.model import Relation
    >>> rels = [Relation("d", "A", "trade", "B", "asserted", "x", (0, 1), date="2020"),
    ...         Relation("d", "A", "trade", "B", "asserted", "y", (0, 1))]
    >>> [len(k) for k in window_relations(rels, "2019", None)[:1]], window_relations(rels, "2019", None)[1]
    ([1], 1)
    """
    if since is None and until is None:
        return list(relations), 0
    kept: list[Relation] = []
    undated = 0
    for r in relations:
        if not r.date or r.date_source == "none":
            undated += 1
        elif in_window(r.date, since, until):
            kept.append(r)
    return kept, undated


def _types_for(layer: str | None, types: Iterable[str] | None) -> list[str] | None:
    if isinstance(types, str):
        types = [types]
    chosen = None if types is None else list(types)
    for t in chosen or ():
        if t not in RELATION_TYPES:
            raise UsageError(f"unknown relation type {t!r}; known: {', '.join(RELATION_TYPES)}")
    if layer is not None:
        if layer not in LAYERS:
            raise UsageError(f"unknown layer {layer!r}; known: {', '.join(LAYERS)}")
        in_layer = [t for t, rt in RELATION_TYPES.items() if rt.layer == layer]
        chosen = in_layer if chosen is None else [t for t in chosen if t in in_layer]
    return chosen


def build_network(
    store_or_relations: Any,
    *,
    at: str | None = None,
    since: str | None = None,
    until: str | None = None,
    layer: str | None = None,
    types: Iterable[str] | None = None,
    modalities: Iterable[str] = ("asserted",),
    texts: Mapping[str, str] | None = None,
) -> nx.Graph:
    """The signed network of actors from a :class:`~realpolitik.store.Store` or relations.

    Edge attributes: ``sign``, ``weight``, ``positive``, ``negative``, ``relations`` (the
    relations under the pair), ``documents`` (distinct ids), ``layers``, ``evidence``
    (:class:`RelationEvidence` per key and modality) and ``against`` (negated relations of the
    pair). Graph attributes: the window (``since``, ``until``), ``layer``, ``types``,
    ``modalities``, ``cancelled`` and ``membership`` (pairs without an edge) and ``undated``
    (relations left out because a window was asked and they have no date). See the module
    docstring for the rules. ``texts`` (document id -> text) lets relations given as a list be
    checked for copied documents; a store supplies its texts itself.

    >>> from realpolitik.model import Relation
    >>> rels = [Relation("d1", "ARM", "armed_conflict", "AZE", "asserted", "War.", (0, 4), date="2020"),
    ...         Relation("d1", "ARM", "agreement", "AZE", "asserted", "Truce.", (5, 11), date="2020-11")]
    >>> G = build_network(rels, at="2020-10")
    >>> G["ARM"]["AZE"]["sign"], G["ARM"]["AZE"]["weight"]
    (-1, 10.0)
    >>> build_network(rels)["ARM"]["AZE"]["weight"]
    5.0
    """
    since, until = check_window(at, since, until)
    chosen = _types_for(layer, types)
    wanted = tuple(dict.fromkeys(modalities))
    for m in wanted:
        if m not in MODALITIES:
            raise UsageError(f"unknown modality {m!r}; known: {', '.join(MODALITIES)}")
    relations, text = relations_of(store_or_relations, types=chosen, texts=texts)
    kept, undated = window_relations(
        [r for r in relations if chosen is None or r.relation in chosen], since, until)
    w = load_weights()
    copies = _Copies(text, w.shingle, w.jaccard)
    scored = score_relations((r for r in kept if r.modality in wanted), weights=w, _copies=copies)
    against: dict[tuple[str, str], list[Relation]] = {}
    if "negated" not in wanted:
        for r in kept:
            if r.modality == "negated":
                against.setdefault(_pair(r.source, r.target), []).append(r)

    per_pair: dict[tuple[str, str], list[RelationEvidence]] = {}
    membership: list[tuple[str, str]] = []
    for e in scored:
        if e.source == e.target:
            continue
        if e.contribution == 0 and RELATION_TYPES[e.relation].sign == 0:
            membership.append((e.source, e.target))
            continue
        per_pair.setdefault(_pair(e.source, e.target), []).append(e)

    G = nx.Graph(
        since=since,
        until=until,
        layer=layer,
        types=chosen,
        modalities=list(wanted),
        cancelled=[],
        membership=sorted(set(membership)),
        undated=undated,
    )
    for (a, b), evs in sorted(per_pair.items()):
        positive = sum(e.contribution for e in evs if e.contribution > 0)
        negative = -sum(e.contribution for e in evs if e.contribution < 0)
        if positive == 0 and negative == 0:
            continue  # only negated statements (or zero-weight types): no tie either way
        net = positive - negative
        G.add_node(a)
        G.add_node(b)
        if abs(net) <= 1e-9 * (positive + negative):
            G.graph["cancelled"].append((a, b))
            continue
        rels = [r for e in evs for r in e.relations]
        G.add_edge(
            a,
            b,
            sign=1 if net > 0 else -1,
            weight=abs(net),
            positive=positive,
            negative=negative,
            relations=rels,
            documents=sorted({r.doc for r in rels}),
            layers=[layer_ for layer_ in LAYERS if any(e.layer == layer_ for e in evs)],
            evidence=evs,
            against=against.get((a, b), []),
        )
    return G


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def edge(G: nx.Graph, a: str, b: str) -> Edge:
    """The :class:`Edge` between ``a`` and ``b`` of a network from :func:`build_network`."""
    d = G[a][b]
    lo, hi = _pair(a, b)
    return Edge(
        a=lo,
        b=hi,
        sign=d["sign"],
        weight=d["weight"],
        positive=d.get("positive", d["weight"] if d["sign"] > 0 else 0.0),
        negative=d.get("negative", d["weight"] if d["sign"] < 0 else 0.0),
        relations=tuple(d.get("relations", ())),
        documents=tuple(d.get("documents", ())),
        layers=tuple(d.get("layers", ())),
        evidence=tuple(d.get("evidence", ())),
        against=tuple(d.get("against", ())),
    )


def edges(G: nx.Graph) -> list[Edge]:
    """Every edge as an :class:`Edge`, heaviest first.

    >>> from realpolitik.model import Relation
    >>> G = build_network([Relation("d", "IRN", "hostility", "ISR", "asserted", "Foes.", (0, 5))])
    >>> [(e.a, e.b, e.sign, e.weight) for e in edges(G)]
    [('IRN', 'ISR', -1, 4.0)]
    """
    out = [edge(G, a, b) for a, b in G.edges()]
    out.sort(key=lambda e: (-e.weight, e.a, e.b))
    return out


def network_dict(G: nx.Graph) -> dict[str, Any]:
    """The network as plain data: ``nodes``, ``edges`` (heaviest first) and the graph's settings."""
    return {
        "since": G.graph.get("since"),
        "until": G.graph.get("until"),
        "layer": G.graph.get("layer"),
        "modalities": G.graph.get("modalities"),
        "nodes": sorted(G.nodes),
        "edges": [e.to_dict() for e in edges(G)],
        "cancelled": [list(p) for p in G.graph.get("cancelled", [])],
        "membership": [list(p) for p in G.graph.get("membership", [])],
        "undated": G.graph.get("undated", 0),
    }
