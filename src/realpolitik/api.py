"""The Python API: everything the CLI, HTTP server and web page do goes through here.

>>> import realpolitik
>>> [r.relation for r in realpolitik.extract("Turkey condemned Israel on Monday.")]
['criticism']
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .extract.pipeline import EXTRACTOR_VERSION, Extractor
from .knowledge import cached_knowledge
from .model import Document, Extraction, Relation, Skip
from .store import Store

__all__ = [
    "EXTRACTOR_VERSION",
    "BatchReport",
    "Extractor",
    "Store",
    "extract",
    "extract_document",
    "extract_stream",
    "ingest",
    "reextract",
]

_WORKER: Extractor | None = None


def _extractor(actors_files: Sequence[str | Path] = ()) -> Extractor:
    global _WORKER
    if _WORKER is None or actors_files:
        knowledge = cached_knowledge(tuple(str(p) for p in actors_files))
        ex = Extractor(knowledge)
        if actors_files:
            return ex
        _WORKER = ex
    return _WORKER


def extract(text: str, *, doc_id: str = "doc", date: str | None = None,
            actors_files: Sequence[str | Path] = ()) -> list[Relation]:
    """Relations in a piece of text (already clean: no boilerplate removal here)."""
    return _extractor(actors_files).extract(Document(doc_id, text, date=date)).relations


def extract_document(doc: Document, *, actors_files: Sequence[str | Path] = ()) -> Extraction:
    """Mentions, sentences and relations of one document."""
    return _extractor(actors_files).extract(doc)


def _init_worker(actors_files: tuple[str, ...]) -> None:
    global _WORKER
    _WORKER = Extractor(cached_knowledge(actors_files))


def _work(doc: Document) -> Extraction:
    assert _WORKER is not None
    return _WORKER.extract(doc)


def extract_stream(items: Iterable[Document | Skip], *, jobs: int = 1,
                   actors_files: Sequence[str | Path] = ()) -> Iterator[Extraction | Skip]:
    """Extract a stream of documents in input order; ``jobs > 1`` uses worker processes.

    Skips pass through in place, so the output order is the input order for any ``jobs``.
    """
    files = tuple(str(p) for p in actors_files)
    if jobs <= 1:
        ex = _extractor(actors_files)
        for item in items:
            yield item if isinstance(item, Skip) else ex.extract(item)
        return
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(files,)) as pool:
        pending: list[Document | Skip] = []

        def flush() -> Iterator[Extraction | Skip]:
            docs = [p for p in pending if isinstance(p, Document)]
            done = iter(pool.imap(_work, docs, chunksize=max(1, len(docs) // (jobs * 4) or 1)))
            for p in pending:
                yield p if isinstance(p, Skip) else next(done)
            pending.clear()

        for item in items:
            pending.append(item)
            if len(pending) >= 256:
                yield from flush()
        yield from flush()


@dataclass(slots=True)
class BatchReport:
    """What a batch did: counts per outcome and the reason for every skip."""

    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    relations: int = 0
    skipped: list[Skip] = field(default_factory=list)

    @property
    def errors(self) -> list[Skip]:
        return [s for s in self.skipped if s.error]

    def summary(self) -> str:
        parts = [f"{self.added} added", f"{self.replaced} replaced", f"{self.unchanged} unchanged"]
        if self.skipped:
            reasons: dict[str, int] = {}
            for s in self.skipped:
                reasons[s.reason] = reasons.get(s.reason, 0) + 1
            detail = ", ".join(f"{n} {r}" for r, n in sorted(reasons.items(), key=lambda x: -x[1]))
            parts.append(f"{len(self.skipped)} skipped ({detail})")
        return "; ".join(parts) + f"; {self.relations} relations written"


def ingest(items: Iterable[Document | Skip], store: Store, *, jobs: int = 1,
           actors_files: Sequence[str | Path] = (),
           on_item: Callable[[Extraction | Skip, str], None] | None = None) -> BatchReport:
    """Extract and store each document in its own transaction; a bad one never stops the batch."""
    report = BatchReport()
    stored = {d["id"]: (d["hash"], d["extractor_version"]) for d in store.documents()}

    def fresh(item: Document | Skip) -> Document | Skip:
        # Identical content already extracted by this version: skip the extraction work too.
        if isinstance(item, Document) and stored.get(item.id) == (item.hash, EXTRACTOR_VERSION):
            return Skip(item.origin or item.id, "unchanged")
        return item

    for out in extract_stream((fresh(i) for i in items), jobs=jobs, actors_files=actors_files):
        if isinstance(out, Skip):
            if out.reason == "unchanged":
                report.unchanged += 1
                status = "unchanged"
            else:
                report.skipped.append(out)
                status = "skipped"
        else:
            status = store.put(out)
            if status == "added":
                report.added += 1
            elif status == "replaced":
                report.replaced += 1
            else:
                report.unchanged += 1
            if status != "unchanged":
                report.relations += len(out.relations)
        if on_item:
            on_item(out, status)
    return report


def reextract(store: Store, *, jobs: int = 1, actors_files: Sequence[str | Path] = (),
              all_documents: bool = False) -> BatchReport:
    """Run the current extractor again on stored documents (those of an older version by default)."""
    docs = list(store.iter_documents(stale_for=None if all_documents else EXTRACTOR_VERSION))
    report = BatchReport()
    for out in extract_stream(docs, jobs=jobs, actors_files=actors_files):
        assert isinstance(out, Extraction)
        if all_documents:
            out.extractor_version = EXTRACTOR_VERSION
        status = store.put(out)
        if status == "replaced":
            report.replaced += 1
            report.relations += len(out.relations)
        else:
            report.unchanged += 1
    return report
