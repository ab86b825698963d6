"""``extract_stream`` with workers: the same extractions as without, in input order, over several
batches, with a bounded read-ahead; and the packing of a worker's result for the way back."""

from __future__ import annotations

import pickle
from collections.abc import Iterator

import pytest

import realpolitik
from realpolitik import api
from realpolitik.model import Document, Extraction, Sentence, Skip

TEXTS = [
    "Israel sold drones to Azerbaijan in 2012.",
    "Egypt and Sudan signed a defence pact in Khartoum on Monday.",
    "Turkey condemned Israel on Monday.",
    "The weather was mild in Paris.",
]


def _items(n: int) -> list[Document | Skip]:
    """``n`` inputs, every seventh a skip, the documents cycling through ``TEXTS``."""
    return [
        Skip(f"bad{i}.txt", "empty file") if i % 7 == 3 else Document(f"d{i}", TEXTS[i % len(TEXTS)])
        for i in range(n)
    ]


def _shape(results: list[Extraction | Skip]) -> list[object]:
    return [
        r.origin if isinstance(r, Skip) else (r.document.id, [x.to_record() for x in r.relations])
        for r in results
    ]


def test_several_batches_come_back_in_input_order() -> None:
    items = _items(2 * api._BATCH + 37)  # two full batches and a partial one
    one_results = list(realpolitik.extract_stream(items, jobs=1))
    two_results = list(realpolitik.extract_stream(items, jobs=2))
    assert two_results == one_results  # documents, sentences, mentions, relations, outcomes
    one, two = _shape(one_results), _shape(two_results)
    assert two == one
    assert [s[0] if isinstance(s, tuple) else s for s in two] == [
        i.origin if isinstance(i, Skip) else i.id for i in items
    ]
    assert any(isinstance(s, tuple) and s[1] for s in two)  # relations were extracted


def test_workers_read_at_most_two_batches_ahead() -> None:
    items = _items(5 * api._BATCH)
    pulled = 0

    def source() -> Iterator[Document | Skip]:
        nonlocal pulled
        for item in items:
            pulled += 1
            yield item

    seen = []
    for _result in realpolitik.extract_stream(source(), jobs=2):
        seen.append(pulled)
        if len(seen) == api._BATCH + 1:
            break
    # The first batch comes back while the second is read; never more than two are held.
    assert api._BATCH < seen[0] <= 2 * api._BATCH
    assert max(seen) <= 3 * api._BATCH


class _Replacing:
    """An extractor whose result holds its own copy of the document and a sentence that is not
    a slice of the text: what the packing must send back whole."""

    def extract(self, doc: Document) -> Extraction:
        copy = Document(doc.id, doc.text, date="2020-01-01")
        sentences = [Sentence(0, 6, doc.text[0:6]), Sentence(7, 12, "other")]
        return Extraction(copy, sentences, extractor_version="test")


def test_packing_round_trip_keeps_what_the_parent_cannot_rebuild(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = Document("d", "Israel sold drones.")
    monkeypatch.setattr(api, "_WORKER", _Replacing())
    packed = pickle.loads(pickle.dumps(api._work(doc)))
    assert api._unpack(doc, packed) == _Replacing().extract(doc)
    assert packed["sentences"][0] == (0, 6) and isinstance(packed["sentences"][1], Sentence)


def test_packing_leaves_out_the_document_and_sentence_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = Document("d", " ".join(TEXTS))
    monkeypatch.setattr(api, "_WORKER", api._extractor())
    extraction = api._extractor().extract(doc)
    packed = api._work(doc)
    assert packed["document"] is None and all(isinstance(s, tuple) for s in packed["sentences"])
    assert api._unpack(doc, pickle.loads(pickle.dumps(packed))) == extraction
    # Neither the text nor its sentences travel back: that is more than the text's length saved.
    assert len(pickle.dumps(packed)) < len(pickle.dumps(extraction)) - 1.5 * len(doc.text)
