"""Evidence as plain data: every analysis line points back to the sentences that support it.

:func:`evidence` turns a relation into the dict every analysis uses for its ``evidence`` lists;
:class:`Footnotes` numbers cited sentences once each, for texts with footnotes (the brief).

>>> from realpolitik.model import Relation
>>> r = Relation("d1", "ISR", "arms_supply", "AZE", "asserted", "Israel sold drones to Azerbaijan.", (0, 33))
>>> notes = Footnotes()
>>> notes.cite(r), notes.cite(r), notes.to_list()[0]["sentence"]
(1, 1, 'Israel sold drones to Azerbaijan.')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model import Outcome, Relation

__all__ = ["Footnotes", "evidence", "outcome_dict"]


def evidence(r: Relation) -> dict[str, Any]:
    """One relation with its sentence, offsets, date (and where the date came from) and quantity."""
    return {
        "doc": r.doc,
        "source": r.source,
        "relation": r.relation,
        "target": r.target,
        "modality": r.modality,
        "evidence": r.evidence,
        "span": [r.span[0], r.span[1]],
        "date": r.date,
        "date_source": r.date_source,
        "quantity": r.quantity.to_dict() if r.quantity else None,
    }


def outcome_dict(o: Outcome) -> dict[str, Any]:
    """An outcome statement as plain data."""
    return {
        "doc": o.doc,
        "actor": o.actor,
        "polarity": o.polarity,
        "evidence": o.evidence,
        "span": [o.span[0], o.span[1]],
        "date": o.date,
    }


class Footnotes:
    """Numbers sources ``(doc, sentence)`` in the order they are first cited, each once."""

    def __init__(self) -> None:
        self._index: dict[tuple[str, int, int], int] = {}
        self._notes: list[dict[str, Any]] = []

    def cite(self, item: Relation | Outcome | dict[str, Any]) -> int:
        """The footnote number of one relation, outcome or evidence dict (added if new)."""
        if isinstance(item, dict):
            doc, span, sentence = item["doc"], tuple(item["span"]), item["evidence"]
        else:
            doc, span, sentence = item.doc, item.span, item.evidence
        key = (doc, int(span[0]), int(span[1]))
        n = self._index.get(key)
        if n is None:
            n = len(self._notes) + 1
            self._index[key] = n
            self._notes.append({"n": n, "doc": doc, "span": [key[1], key[2]], "sentence": sentence})
        return n

    def cite_all(self, items: Iterable[Relation | Outcome | dict[str, Any]], limit: int | None = 3) -> list[int]:
        """Footnote numbers of several items, distinct, at most ``limit`` of them."""
        out: list[int] = []
        for item in items:
            n = self.cite(item)
            if n not in out:
                out.append(n)
            if limit is not None and len(out) >= limit:
                break
        return out

    def to_list(self) -> list[dict[str, Any]]:
        return [dict(n) for n in self._notes]
