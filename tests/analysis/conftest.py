"""Fixtures for the analysis tests: relations written by hand, and the seeds' real store."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik import api
from realpolitik.ingest import iter_documents
from realpolitik.model import Document, Extraction, Outcome, Quantity, Relation
from realpolitik.settings import Settings
from realpolitik.store import Store

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"


def rel(doc: str, source: str, relation: str, target: str, evidence: str, *, modality: str = "asserted",
        date: str | None = None, quantity: tuple[float, str, str] | None = None, start: int = 0) -> Relation:
    """A relation as the extractor would give it; ``date`` counts as stated in the text."""
    return Relation(
        doc, source, relation, target, modality, evidence, (start, start + len(evidence)),
        date=date, date_source="text" if date else "none",
        quantity=Quantity(*quantity) if quantity else None,
    )


def store_of(path: Path, docs: dict[str, tuple[str | None, list[Relation], list[Outcome]]]) -> Store:
    """A real SQLite store holding hand-made extractions: doc id -> (date, relations, outcomes).
    Each document's text is its evidence sentences joined, so spans point at real text."""
    store = Store(path)
    for doc_id, (date, rels, outcomes) in docs.items():
        text = " ".join(dict.fromkeys([r.evidence for r in rels] + [o.evidence for o in outcomes]))
        placed = []
        for r in rels:
            s = text.index(r.evidence)
            r.span = (s, s + len(r.evidence))
            placed.append(r)
        for o in outcomes:
            s = text.index(o.evidence)
            o.span = (s, s + len(o.evidence))
        store.put(Extraction(Document(doc_id, text, date=date), relations=placed, outcomes=outcomes,
                             extractor_version="test"))
    return store


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds ingested once per session into a real SQLite file (skipped without the corpus)."""
    if not SEEDS.is_dir() or not list(SEEDS.glob("*.txt")):
        pytest.skip(f"{SEEDS} is absent")
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with Store(path) as store:
        items = iter_documents([str(SEEDS)], settings=Settings.from_env())
        report = api.ingest(items, store, jobs=1)
        assert not report.errors and report.added >= 2
    return path


@pytest.fixture()
def seeds(seeds_db: Path):
    with Store(seeds_db) as store:
        yield store
