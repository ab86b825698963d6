"""Evaluation: score extracted relations against gold files, as ``ONTOLOGY.md`` defines it.

>>> from realpolitik.evaluate import score
>>> gold = [{"doc": "d", "source": "ISR", "relation": "arms_supply", "target": "AZE",
...          "modality": "asserted", "optional": False}]
>>> score(gold, gold)["strict"]["f1"]
1.0
"""

from __future__ import annotations

from .report import render
from .scoring import GROUP_IDS, ORGANISATION_IDS, is_actor_id, load_records, score

__all__ = ["GROUP_IDS", "ORGANISATION_IDS", "is_actor_id", "load_records", "render", "score"]
