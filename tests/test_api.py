"""The public Python API: the names ``realpolitik`` exports, and what they do with real inputs."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import realpolitik
from realpolitik import api
from realpolitik.model import Document, Extraction, Relation, Skip

# Pinned like httpx pins its surface: adding or removing a public name is a decision, so it
# has to change this list too.
PUBLIC_NAMES = [
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

NEWS = {
    "arms": "Russia sold S-400 missiles to Turkey in 2017. Turkey condemned Israel on Monday.",
    "pact": "Egypt and Sudan signed a defence pact on Tuesday.",
    "quiet": "The weather in the capital was mild and dry for most of the week.",
}


def test_all_is_pinned() -> None:
    assert sorted(realpolitik.__all__) == sorted(PUBLIC_NAMES)
    assert sorted(api.__all__) == sorted(PUBLIC_NAMES)
    for name in PUBLIC_NAMES:
        assert getattr(realpolitik, name) is getattr(api, name), name


def test_public_functions_survive_importing_the_subpackages() -> None:
    # ``realpolitik.extract`` and ``realpolitik.ingest`` are also subpackage names; importing a
    # subpackage must not replace the public function of the same name on the package.
    for sub in ("realpolitik.extract", "realpolitik.ingest", "realpolitik.serve.cli", "realpolitik.store"):
        importlib.import_module(sub)
    assert realpolitik.extract is api.extract
    assert realpolitik.ingest is api.ingest


def test_version_strings() -> None:
    assert isinstance(realpolitik.__version__, str) and realpolitik.__version__
    assert isinstance(realpolitik.EXTRACTOR_VERSION, str) and realpolitik.EXTRACTOR_VERSION


def test_extract_returns_relations() -> None:
    text = "Turkey condemned Israel on Monday."
    relations = realpolitik.extract(text, doc_id="d1", date="2021-05-04")
    assert relations and all(isinstance(r, Relation) for r in relations)
    criticism = [r for r in relations if r.relation == "criticism"]
    assert [(r.source, r.target, r.modality) for r in criticism] == [("TUR", "ISR", "asserted")]
    r = criticism[0]
    assert r.doc == "d1"
    assert r.evidence == text[r.span[0] : r.span[1]]
    assert r.date and r.date.startswith("2021-05")  # "on Monday", against the document's date
    assert {"doc", "source", "relation", "target", "modality", "date", "quantity", "evidence", "span"} <= set(
        r.to_record()
    )


def test_extract_plain_arms_sale() -> None:
    relations = realpolitik.extract("Russia sold S-400 missiles to Turkey in 2017.")
    assert ("RUS", "arms_supply", "TUR", "2017") in {(r.source, r.relation, r.target, r.date) for r in relations}


def test_extract_finds_nothing_in_text_without_relations() -> None:
    assert realpolitik.extract(NEWS["quiet"]) == []
    assert realpolitik.extract("") == []


def test_extract_document_gives_mentions_and_sentences() -> None:
    ex = realpolitik.extract_document(Document("pact", NEWS["pact"]))
    assert isinstance(ex, Extraction)
    assert {m.actor for m in ex.mentions} >= {"EGY", "SDN"}
    assert ex.sentences and ex.extractor_version == realpolitik.EXTRACTOR_VERSION


def test_extract_stream_keeps_the_input_order_for_any_jobs() -> None:
    items: list[Document | Skip] = [
        Document("arms", NEWS["arms"]),
        Skip("broken.txt", "empty file"),
        Document("pact", NEWS["pact"]),
        Document("quiet", NEWS["quiet"]),
    ]

    def shape(results: list[Extraction | Skip]) -> list[object]:
        return [
            r.origin if isinstance(r, Skip) else (r.document.id, [x.to_record() for x in r.relations])
            for r in results
        ]

    one = list(realpolitik.extract_stream(items, jobs=1))
    two = list(realpolitik.extract_stream(items, jobs=2))
    assert shape(one) == shape(two)
    assert [s[0] if isinstance(s, tuple) else s for s in shape(one)] == ["arms", "broken.txt", "pact", "quiet"]


def test_store_round_trip_via_ingest(tmp_path: Path) -> None:
    path = tmp_path / "rp.db"
    docs = [Document(doc_id, text, date="2021-03-04") for doc_id, text in NEWS.items()]
    batch: list[Document | Skip] = [*docs, Skip("logo.png", "binary content (PNG image)")]

    with realpolitik.Store(path) as store:
        report = realpolitik.ingest(batch, store)
        assert isinstance(report, realpolitik.BatchReport)
        assert (report.added, report.replaced, report.unchanged) == (3, 0, 0)
        assert [s.origin for s in report.skipped] == ["logo.png"] and not report.errors
        assert "3 added" in report.summary() and "1 skipped" in report.summary()
        written = report.relations
        assert written == store.stats()["relations"] > 0

    with realpolitik.Store(path) as store:  # a new connection reads what the first one wrote
        assert {d["id"] for d in store.documents()} == set(NEWS)
        assert store.document("pact").text == NEWS["pact"]
        stored = store.relations(doc="pact")
        assert {(r.source, r.relation, r.target) for r in stored} >= {("EGY", "agreement", "SDN")}
        for r in stored:
            assert r.evidence == NEWS["pact"][r.span[0] : r.span[1]]

        again = realpolitik.ingest(docs, store)
        assert (again.added, again.unchanged, again.relations) == (0, 3, 0)
        assert store.stats()["relations"] == written

        changed = realpolitik.ingest([Document("quiet", "Turkey condemned Israel on Monday.")], store)
        assert changed.replaced == 1
        assert {r.relation for r in store.relations(doc="quiet")} == {"criticism"}


def test_ingest_reports_errors_without_stopping(tmp_path: Path) -> None:
    with realpolitik.Store(tmp_path / "rp.db") as store:
        seen: list[str] = []
        report = realpolitik.ingest(
            [Skip("gone.txt", "no such file or directory", error=True), Document("pact", NEWS["pact"])],
            store,
            on_item=lambda item, status: seen.append(status),
        )
        assert report.added == 1 and [s.origin for s in report.errors] == ["gone.txt"]
        assert seen == ["skipped", "added"]


def test_reextract_brings_old_documents_up_to_date(tmp_path: Path) -> None:
    with realpolitik.Store(tmp_path / "rp.db") as store:
        old = realpolitik.extract_document(Document("pact", NEWS["pact"]))
        old.extractor_version = "0.0.0-old"
        store.put(old)
        report = realpolitik.reextract(store)
        assert (report.replaced, report.unchanged) == (1, 0)
        assert {d["extractor_version"] for d in store.documents()} == {realpolitik.EXTRACTOR_VERSION}
        assert realpolitik.reextract(store).replaced == 0


@pytest.mark.parametrize("name", ["extract", "extract_document", "extract_stream", "ingest", "reextract"])
def test_public_functions_have_docstrings_and_hints(name: str) -> None:
    fn = getattr(realpolitik, name)
    assert fn.__doc__ and fn.__doc__.strip()
    assert "return" in fn.__annotations__


def test_python_dash_m_runs_the_same_command() -> None:
    import subprocess
    import sys

    for module in ("realpolitik", "realpolitik.serve.cli"):
        done = subprocess.run([sys.executable, "-m", module, "--help"], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert "brief" in done.stdout and "serve" in done.stdout  # every command registered
