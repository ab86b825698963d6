"""Read signed edge lists (CSV) into the signed graphs that :mod:`realpolitik.analysis.balance` expects.

Format: UTF-8 CSV (a byte-order mark is allowed) with a header row naming at least the columns
``source``, ``target`` and ``sign``, and optionally ``weight``, in any order; other columns are
ignored (notes, dates). Blank lines are skipped. One row per observed tie::

    source,target,sign,weight
    GAVEV,KOTUN,+1,2
    GAVEV,OVE,-,1

- ``sign`` is one of ``+1``, ``-1``, ``1``, ``-1``, ``+``, ``-`` (a typographic minus counts as ``-``).
- ``weight`` is a positive finite number; empty or missing means 1.
- ``source`` and ``target`` are non-empty names (surrounding spaces removed), and must differ: a
  self-loop is refused.

The graph is undirected. Rows naming the same pair, in either order, are *combined by summing
their signed weights*: net = sum(sign * weight). The edge gets ``sign`` = the sign of the net,
``weight`` = its absolute value, and keeps the evidence on each side in ``positive`` and
``negative`` (total weight of the + rows and of the - rows) and the number of rows in ``rows``.
A pair whose evidence cancels exactly (net 0) gets no edge -- its nodes are still added -- and is
listed in ``G.graph["cancelled"]``; pairs with evidence both ways are easy to find from
``positive``/``negative`` and suit :func:`~realpolitik.analysis.balance.implied_signs`'s
``contested``.

Every bad row raises :class:`~realpolitik.errors.UsageError` naming the file and line.
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

import networkx as nx

from ..errors import UsageError

__all__ = ["SIGNS", "combine_signed_edges", "parse_sign", "read_signed_edgelist"]

#: Accepted spellings of a sign.
SIGNS = {"+1": 1, "1": 1, "+": 1, "-1": -1, "-": -1, "\u22121": -1, "\u2212": -1}
REQUIRED = ("source", "target", "sign")


def parse_sign(text: str) -> int:
    """``+1`` or ``-1`` from one of the spellings in :data:`SIGNS`; ``ValueError`` otherwise.

    >>> parse_sign("+"), parse_sign("-1"), parse_sign(" 1 ")
    (1, -1, 1)
    """
    try:
        return SIGNS[text.strip()]
    except KeyError:
        raise ValueError(f"sign {text.strip()!r} is not one of +1, -1, 1, +, -") from None


def combine_signed_edges(rows: Iterable[tuple[str, str, int, float]]) -> nx.Graph:
    """Build an undirected signed graph from ``(source, target, sign, weight)`` rows, combining
    repeated pairs by summing signed weights (see the module docstring).

    >>> G = combine_signed_edges([("A", "B", 1, 2.0), ("B", "A", -1, 0.5), ("A", "C", 1, 1.0), ("C", "A", -1, 1.0)])
    >>> G["A"]["B"]
    {'sign': 1, 'weight': 1.5, 'positive': 2.0, 'negative': 0.5, 'rows': 2}
    >>> G.has_edge("A", "C"), G.graph["cancelled"]
    (False, [('A', 'C')])
    """
    evidence: dict[frozenset, list] = {}
    order: list[tuple[str, str]] = []
    G = nx.Graph()
    for a, b, s, w in rows:
        if a == b:
            raise UsageError(f"self-loop on {a!r}: an actor cannot be its own ally or enemy")
        G.add_node(a)
        G.add_node(b)
        key = frozenset((a, b))
        if key not in evidence:
            evidence[key] = [0.0, 0.0, 0]
            order.append((a, b))
        item = evidence[key]
        item[0 if s > 0 else 1] += w
        item[2] += 1
    cancelled = []
    for a, b in order:
        pos, neg, count = evidence[frozenset((a, b))]
        net = pos - neg
        if net == 0:
            cancelled.append((a, b))
            continue
        G.add_edge(a, b, sign=1 if net > 0 else -1, weight=abs(net), positive=pos, negative=neg, rows=count)
    G.graph["cancelled"] = cancelled
    return G


def read_signed_edgelist(source: str | os.PathLike[str] | TextIO) -> nx.Graph:
    """Read a signed edge list CSV (format in the module docstring) into an undirected graph.

    ``source`` is a path or an open text file.

    >>> import io
    >>> G = read_signed_edgelist(io.StringIO("source,target,sign\\nA,B,+\\nB,C,-1\\n"))
    >>> sorted(G.edges(data="sign"))
    [('A', 'B', 1), ('B', 'C', -1)]
    """
    if isinstance(source, str | os.PathLike):
        name = str(source)
        try:
            with Path(source).open(encoding="utf-8-sig", newline="") as fh:
                return combine_signed_edges(list(_rows(fh, name)))
        except OSError as exc:
            raise UsageError(f"{name}: cannot read: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise UsageError(f"{name}: not UTF-8 text") from None
    name = getattr(source, "name", "<stream>")
    return combine_signed_edges(list(_rows(source, str(name))))


def _rows(fh: Iterable[str], name: str):
    reader = csv.reader(fh)
    header = None
    for fields in reader:
        if any(f.strip() for f in fields):
            header = [f.strip().lstrip("\ufeff").lower() for f in fields]
            break
    if header is None:
        raise UsageError(f"{name}: empty file; expected a header source,target,sign[,weight]")
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise UsageError(
            f"{name}:{reader.line_num}: header lacks {', '.join(missing)}; "
            f"expected source,target,sign[,weight], got {','.join(header)}"
        )
    col = {c: header.index(c) for c in (*REQUIRED, "weight") if c in header}
    for fields in reader:
        line = reader.line_num
        if not any(f.strip() for f in fields):
            continue
        where = f"{name}:{line}"
        if len(fields) <= max(col[c] for c in REQUIRED):
            raise UsageError(f"{where}: {len(fields)} fields, expected {len(header)}")
        a, b = fields[col["source"]].strip(), fields[col["target"]].strip()
        if not a or not b:
            raise UsageError(f"{where}: empty source or target")
        if a == b:
            raise UsageError(f"{where}: self-loop on {a!r}: an actor cannot be its own ally or enemy")
        try:
            s = parse_sign(fields[col["sign"]])
        except ValueError as exc:
            raise UsageError(f"{where}: {exc}") from None
        w = 1.0
        if "weight" in col and col["weight"] < len(fields) and fields[col["weight"]].strip():
            text = fields[col["weight"]].strip()
            try:
                w = float(text)
            except ValueError:
                raise UsageError(f"{where}: weight {text!r} is not a number") from None
            if not (math.isfinite(w) and w > 0):
                raise UsageError(f"{where}: weight {text!r} must be a positive finite number")
        yield a, b, s, w
