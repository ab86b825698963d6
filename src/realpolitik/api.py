"""The Python API: everything the CLI, HTTP server and web page do goes through here.

>>> import realpolitik
>>> [r.relation for r in realpolitik.extract("Turkey condemned Israel on Monday.")]
['criticism']
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .extract.pipeline import EXTRACTOR_VERSION, Extractor
from .knowledge import cached_knowledge
from .model import Document, Extraction, Relation, Sentence, Skip
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
_BATCH = 256  # documents handed to the workers at a time


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


def _work(doc: Document) -> dict[str, Any]:
    """Extract in a worker and pack the result for the way back.

    The parent holds the document already, and sentence texts are slices of it: sent back, they
    were nine tenths of the bytes, and unpickling them in the one parent took a second over the
    Reuters corpus. So the document goes back only if the extractor replaced it, and a sentence
    whose text is the slice of its offsets goes back as ``(start, end)``.
    """
    assert _WORKER is not None
    out = _WORKER.extract(doc)
    packed = {f.name: getattr(out, f.name) for f in fields(out)}
    text = doc.text
    packed["document"] = None if out.document is doc else out.document
    packed["sentences"] = [
        (s.start, s.end) if s.text == text[s.start : s.end] else s for s in out.sentences
    ]
    return packed


def _unpack(doc: Document, packed: dict[str, Any]) -> Extraction:
    """The :class:`Extraction` :func:`_work` packed, rebuilt around the parent's copy of ``doc``."""
    text = doc.text
    values = dict(packed)
    values["document"] = packed["document"] or doc
    values["sentences"] = [
        Sentence(s[0], s[1], text[s[0] : s[1]]) if isinstance(s, tuple) else s for s in packed["sentences"]
    ]
    return Extraction(**values)


def extract_stream(items: Iterable[Document | Skip], *, jobs: int = 1,
                   actors_files: Sequence[str | Path] = ()) -> Iterator[Extraction | Skip]:
    """Extract a stream of documents in input order; ``jobs > 1`` uses worker processes.

    Skips pass through in place, so the output order is the input order for any ``jobs``.
    With workers, the input is read in batches: while the workers extract one batch, the next
    is read (a lazy ``items`` runs the ingest gate meanwhile); at most two are held at a time.
    """
    files = tuple(str(p) for p in actors_files)
    if jobs <= 1:
        ex = _extractor(actors_files)
        for item in items:
            yield item if isinstance(item, Skip) else ex.extract(item)
        return
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(files,)) as pool:

        def submit(batch: list[Document | Skip]) -> tuple[list[Document | Skip], Iterator[dict[str, Any]]]:
            docs = [p for p in batch if isinstance(p, Document)]
            return batch, pool.imap(_work, docs, chunksize=max(1, len(docs) // (jobs * 4) or 1))

        def results(
            batch: list[Document | Skip], done: Iterator[dict[str, Any]]
        ) -> Iterator[Extraction | Skip]:
            for p in batch:
                yield p if isinstance(p, Skip) else _unpack(p, next(done))

        in_flight: tuple[list[Document | Skip], Iterator[dict[str, Any]]] | None = None
        pending: list[Document | Skip] = []
        for item in items:
            pending.append(item)
            if len(pending) >= _BATCH:
                previous, in_flight, pending = in_flight, submit(pending), []
                if previous is not None:
                    yield from results(*previous)
        if in_flight is not None:
            yield from results(*in_flight)
        if pending:
            yield from results(*submit(pending))


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
