"""Extraction quality is a gate: strict F1 on the development gold sets must not fall below a floor.

The floors are the figures measured when they were last raised, minus a small margin; raise them
when extraction improves. The gold sets live in the shared folder beside the repository; without
it the gate is skipped (and says so).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik import api
from realpolitik.evaluate import load_records, score
from realpolitik.ingest import iter_documents, load_meta
from realpolitik.knowledge import cached_knowledge
from realpolitik.model import Skip
from realpolitik.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"

# (corpus folder, gold file, meta file or None, strict F1 floor)
GATES = {
    "seeds": ("corpus/seeds", "gold/seeds.jsonl", None, 0.92),
    "dev-wikinews": ("corpus/dev-wikinews", "gold/dev-wikinews.jsonl", "corpus/dev-wikinews/meta.jsonl", 0.72),
}


@pytest.mark.parametrize("name", sorted(GATES))
def test_strict_f1_stays_above_its_floor(name: str, tmp_path: Path) -> None:
    corpus, gold, meta, floor = GATES[name]
    if not (SHARED / gold).exists():
        pytest.skip(f"{SHARED / gold} is not here")
    meta_map = load_meta(SHARED / meta) if meta else None
    docs = [d for d in iter_documents([str(SHARED / corpus)], settings=Settings.from_env(), meta=meta_map)
            if not isinstance(d, Skip)]
    predicted = [r.to_record() for res in api.extract_stream(docs) for r in res.relations]  # type: ignore[union-attr]
    result = score(load_records(SHARED / gold), predicted, known_actors=set(cached_knowledge().actors))
    f1 = result["strict"]["f1"]
    assert f1 >= floor, f"{name}: strict F1 {f1:.3f} fell below its floor {floor}"
