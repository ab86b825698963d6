"""Networks over chosen relations: a store's relations filtered or changed in memory (a window
around an event, hypothetical additions) but still checked for copied documents against the
store's texts.

>>> from realpolitik.model import Relation
>>> G = network_from([Relation("d", "IRN", "hostility", "ISR", "asserted", "Foes.", (0, 5))])
>>> G["IRN"]["ISR"]["sign"]
-1
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import networkx as nx

from ..model import Relation
from .graph import build_network

__all__ = ["TextLookup", "network_from"]


class TextLookup(Mapping[str, str]):
    """A read-only mapping document id -> text over a lookup function (texts read on demand)."""

    def __init__(self, text: Callable[[str], str | None]) -> None:
        self._text = text

    def __getitem__(self, doc: str) -> str:
        got = self._text(doc)
        if got is None:
            raise KeyError(doc)
        return got

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def network_from(
    relations: Iterable[Relation], text: Callable[[str], str | None] | None = None, **options: Any
) -> nx.Graph:
    """:func:`~realpolitik.analysis.graph.build_network` over a list of relations, with ``text``
    (document id -> text, e.g. from :func:`~realpolitik.analysis.graph.store_text`) for copy
    detection; ``options`` are passed on (``modalities``, ``layer``...)."""
    return build_network(list(relations), texts=TextLookup(text) if text else None, **options)
