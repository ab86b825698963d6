"""The store through its verbs, on a real SQLite file in ``tmp_path``."""

from __future__ import annotations

import re
import sqlite3

import pytest

from realpolitik import model
from realpolitik.errors import StoreError, UsageError
from realpolitik.store import Store, db, migrations

V1 = "rules-1"

BAKU = (
    "BAKU, Oct. 5 - Israel has supplied Azerbaijan with drones that now make up more than 60 percent "
    "of its arsenal, officials said. Iran condemned Israel's role in the fighting. "
    "Turkey and Azerbaijan held joint military exercises in 2020."
)
YEREVAN = (
    "Armenia and Azerbaijan fought a war over Nagorno-Karabakh in 1994. "
    "Russia could mediate between Yerevan and Baku, a diplomat said."
)
UNDATED = "Israel and Azerbaijan describe their ties as a strategic partnership."


def span(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return (start, start + len(sentence))


def rel(doc: model.Document, source: str, relation: str, target: str, sentence: str, **kw) -> model.Relation:
    return model.Relation(
        doc=doc.id,
        source=source,
        relation=relation,
        target=target,
        modality=kw.pop("modality", "asserted"),
        evidence=sentence,
        span=span(doc.text, sentence),
        **kw,
    )


def sentences_of(text: str) -> list[model.Sentence]:
    """Split after a full stop that follows a lowercase letter or digit ("Oct. 5" stays whole)."""
    out, start = [], 0
    for boundary in [m.start() for m in re.finditer(r"(?<=[a-z0-9]\.) (?=[A-Z])", text)] + [len(text)]:
        out.append(model.Sentence(start, boundary, text[start:boundary]))
        start = boundary + 1
    return out


def baku(text: str = BAKU, version: str = V1) -> model.Extraction:
    doc = model.Document(id="baku", text=text, date="2020-10-05", title="Drones", url="https://x.test/a")
    s1 = text[: text.index("said.") + 5]
    s2 = "Iran condemned Israel's role in the fighting."
    s3 = "Turkey and Azerbaijan held joint military exercises in 2020."
    arms = {
        "quantity": model.Quantity(60, "percent", "more than 60 percent of its arsenal"),
        "confidence": 0.9,
        "trigger": "supplied",
        "actors_text": ("Israel", "Azerbaijan"),
    }
    candidates = [
        ("ISR", "arms_supply", "AZE", s1, arms),
        ("IRN", "criticism", "ISR", s2, {"trigger": "condemned"}),
        ("TUR", "military_cooperation", "AZE", s3, {"date": "2020"}),
    ]
    relations = [rel(doc, a, r, b, s, **kw) for a, r, b, s, kw in candidates if s in text]
    mentions = [
        model.Mention(actor, start, start + len(word), word, kind)
        for actor, word, kind in [
            ("AZE", "BAKU", "capital"),
            ("ISR", "Israel", "name"),
            ("AZE", "Azerbaijan", "name"),
            ("IRN", "Iran", "name"),
            ("TUR", "Turkey", "name"),
        ]
        if (start := text.find(word)) >= 0
    ]
    outcomes = [model.Outcome(doc="baku", actor="AZE", polarity=1, evidence=s1, span=span(text, s1))]
    return model.Extraction(doc, sentences_of(text), mentions, relations, outcomes, extractor_version=version)


def yerevan() -> model.Extraction:
    doc = model.Document(id="yerevan", text=YEREVAN, date="2021-03-01")
    s1 = "Armenia and Azerbaijan fought a war over Nagorno-Karabakh in 1994."
    s2 = "Russia could mediate between Yerevan and Baku, a diplomat said."
    relations = [
        rel(doc, "ARM", "armed_conflict", "AZE", s1, date="1994"),
        rel(doc, "RUS", "mediation", "ARM", s2, modality="possible"),
        rel(doc, "RUS", "mediation", "AZE", s2, modality="possible"),
    ]
    mentions = [
        model.Mention("ARM", 0, 7, "Armenia", "name"),
        model.Mention("AZE", 12, 22, "Azerbaijan", "name"),
    ]
    return model.Extraction(doc, sentences_of(YEREVAN), mentions, relations, extractor_version=V1)


def undated() -> model.Extraction:
    doc = model.Document(id="undated", text=UNDATED)
    return model.Extraction(
        doc, relations=[rel(doc, "AZE", "alignment", "ISR", UNDATED)], extractor_version=V1
    )


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "rp.db") as s:
        yield s


@pytest.fixture
def full(store):
    for extraction in (baku(), yerevan(), undated()):
        assert store.put(extraction) == "added"
    return store


def counts(store: Store) -> dict[str, int]:
    return store.stats()


def triples(relations) -> list[tuple[str, str, str]]:
    return [(r.source, r.relation, r.target) for r in relations]


# --- put -------------------------------------------------------------------


def test_put_then_same_again_is_unchanged_and_writes_nothing(store, monkeypatch):
    assert store.put(baku()) == "added"
    before = counts(store)
    stamp = store.documents()[0]["ingested_at"]
    changes = store._conn.total_changes
    monkeypatch.setattr(db, "_now", lambda: "2099-01-01T00:00:00+00:00")

    assert store.put(baku()) == "unchanged"

    assert store._conn.total_changes == changes
    assert (
        counts(store)
        == before
        == {
            "documents": 1,
            "relations": 3,
            "mentions": 5,
            "actors": 4,
            "sentences": 3,
            "outcomes": 1,
        }
    )
    assert store.documents()[0]["ingested_at"] == stamp


def test_changed_text_replaces_and_drops_old_rows(store):
    store.put(baku())
    shorter = BAKU[: BAKU.index(" Turkey")]
    assert store.put(baku(shorter)) == "replaced"

    assert triples(store.relations(doc="baku")) == [
        ("ISR", "arms_supply", "AZE"),
        ("IRN", "criticism", "ISR"),
    ]
    assert store.document("baku").text == shorter
    assert "TUR" not in {m.actor for m in store.mentions("baku")}
    assert store.search("exercises") == []  # the index forgot the old evidence
    assert counts(store)["documents"] == 1


def test_new_extractor_version_replaces(store, monkeypatch):
    store.put(baku())
    monkeypatch.setattr(db, "_now", lambda: "2099-01-01T00:00:00+00:00")
    assert store.put(baku(version="rules-2")) == "replaced"
    assert store.documents()[0]["ingested_at"] == "2099-01-01T00:00:00+00:00"
    assert {r.extractor_version for r in store.relations()} == {"rules-2"}
    assert counts(store)["relations"] == 3
    assert store.put(baku(version="rules-2")) == "unchanged"


def test_round_trip_of_every_field(store):
    extraction = baku()
    store.put(extraction)

    assert store.document("baku") == extraction.document
    assert store.document("missing") is None
    assert store.sentences("baku") == extraction.sentences
    assert store.mentions("baku") == sorted(extraction.mentions, key=lambda m: m.start)
    arms = store.relations(type="arms_supply")[0]
    expected = extraction.relations[0]
    assert arms.quantity == expected.quantity
    assert arms.quantity.to_dict()["value"] == 60
    assert (arms.span, arms.evidence, arms.trigger) == (expected.span, expected.evidence, "supplied")
    assert (arms.confidence, arms.actors_text, arms.extractor_version) == (0.9, ("Israel", "Azerbaijan"), V1)
    assert BAKU[arms.span[0] : arms.span[1]] == arms.evidence
    assert store.outcomes() == extraction.outcomes
    assert store.outcomes(actor="ISR") == []


def test_relation_of_another_document_is_refused(store):
    extraction = baku()
    extraction.relations[0].doc = "elsewhere"
    with pytest.raises(UsageError):
        store.put(extraction)
    assert not store.has("baku")


def test_has_delete_and_documents(full):
    digest = full.document("baku").hash
    assert full.has("baku") and full.has("baku", digest)
    assert not full.has("baku", "0" * 64)

    listing = full.documents()
    assert [d["id"] for d in listing] == ["baku", "yerevan", "undated"]  # by date, undated last
    assert {d["id"]: d["n_relations"] for d in listing} == {"baku": 3, "yerevan": 3, "undated": 1}
    assert listing[0]["title"] == "Drones" and listing[0]["url"] == "https://x.test/a"

    assert full.delete("baku") is True
    assert full.delete("baku") is False
    assert not full.has("baku")
    assert full.relations(doc="baku") == [] and full.mentions("baku") == [] and full.sentences("baku") == []
    assert full.outcomes() == []
    assert full.search("drones") == []
    assert counts(full)["relations"] == 4


def test_iter_documents_for_re_extraction(full):
    assert [d.id for d in full.iter_documents()] == ["baku", "undated", "yerevan"]
    full.put(baku(version="rules-2"))
    stale = []
    for document in full.iter_documents(stale_for="rules-2"):
        stale.append(document.id)
        full.put(model.Extraction(document, extractor_version="rules-2"))  # writing while iterating
    assert stale == ["undated", "yerevan"]
    assert list(full.iter_documents(stale_for="rules-2")) == []


# --- relations -------------------------------------------------------------


def test_actor_and_pair_filters(full):
    assert triples(full.relations(actor="ISR")) == [
        ("ISR", "arms_supply", "AZE"),
        ("IRN", "criticism", "ISR"),
        ("AZE", "alignment", "ISR"),
    ]
    forward = full.relations(actor="ISR", other="AZE")
    assert triples(forward) == [("ISR", "arms_supply", "AZE"), ("AZE", "alignment", "ISR")]
    assert triples(full.relations(actor="AZE", other="ISR")) == triples(forward)
    assert triples(full.relations(source="ISR")) == [("ISR", "arms_supply", "AZE")]
    assert triples(full.relations(target="ISR", actor="AZE")) == [("AZE", "alignment", "ISR")]
    with pytest.raises(UsageError):
        full.relations(other="AZE")


def test_type_modality_sign_doc_and_limit_filters(full):
    assert triples(full.relations(type="mediation")) == [
        ("RUS", "mediation", "ARM"),
        ("RUS", "mediation", "AZE"),
    ]
    assert len(full.relations(types=["mediation", "criticism"])) == 3
    assert full.relations(types=[]) == []
    assert {r.modality for r in full.relations(modality="possible")} == {"possible"}
    assert len(full.relations(modality="possible")) == 2
    assert {r.relation for r in full.relations(sign=-1)} == {"criticism", "armed_conflict"}
    assert full.relations(sign="-") == full.relations(sign=-1)
    assert len(full.relations(sign=+1)) == 5
    assert full.relations(sign=0) == []
    assert len(full.relations(doc="yerevan")) == 3
    assert len(full.relations(limit=2)) == 2
    for bad in ({"type": "arms_suply"}, {"modality": "certain"}, {"sign": 2}, {"since": "Oct 2020"}):
        with pytest.raises(UsageError):
            full.relations(**bad)


def test_dates_fall_back_to_the_document_and_order_results(full):
    placed = {(r.source, r.relation, r.target): (r.date, r.date_source) for r in full.relations()}
    assert placed[("ARM", "armed_conflict", "AZE")] == ("1994", "text")
    assert placed[("ISR", "arms_supply", "AZE")] == ("2020-10-05", "document")
    assert placed[("RUS", "mediation", "AZE")] == ("2021-03-01", "document")
    assert placed[("AZE", "alignment", "ISR")] == (None, "none")
    # by date (undated last), then document, then span
    assert [r.date for r in full.relations()] == [
        "1994",
        "2020",
        "2020-10-05",
        "2020-10-05",
        "2021-03-01",
        "2021-03-01",
        None,
    ]


def test_since_and_until_compare_iso_prefixes(full):
    assert triples(full.relations(until="2000")) == [("ARM", "armed_conflict", "AZE")]
    in_2020 = full.relations(since="2020", until="2020")
    assert triples(in_2020) == [
        ("TUR", "military_cooperation", "AZE"),  # "2020" sorts before "2020-10-05"
        ("ISR", "arms_supply", "AZE"),
        ("IRN", "criticism", "ISR"),
    ]
    # "2020" (a year) may fall in October: kept at the coarser precision
    assert len(full.relations(since="2020-10", until="2020-10-31")) == 3
    assert triples(full.relations(since="2020-11", until="2020-12")) == [
        ("TUR", "military_cooperation", "AZE")
    ]
    assert len(full.relations(since="2021-03-01")) == 2  # the undated relation is never in a range
    assert full.relations(since="2022") == []


# --- overviews and search --------------------------------------------------


def test_actors_counts(full):
    table = {row["id"]: row for row in full.actors()}
    assert table["AZE"] == {"id": "AZE", "mentions": 3, "documents": 3, "relations": 5}
    assert table["ISR"] == {"id": "ISR", "mentions": 1, "documents": 2, "relations": 3}
    assert table["RUS"] == {"id": "RUS", "mentions": 0, "documents": 1, "relations": 2}
    assert [row["id"] for row in full.actors()][:2] == ["AZE", "ISR"]
    relations = [row["relations"] for row in full.actors()]
    assert relations == sorted(relations, reverse=True)
    assert full.stats()["actors"] == len(table) == 6


def test_search_is_stemmed_prefixed_and_safe(full):
    assert full.fts
    assert triples(full.search("drones arsenal")) == [("ISR", "arms_supply", "AZE")]
    assert triples(full.search("exercise")) == [("TUR", "military_cooperation", "AZE")]  # stemmed
    assert len(full.search("mediat*")) == 2
    assert full.search("mediate", limit=1)[0].date_source == "document"
    assert full.search('NOT "( AND') == []  # user text is never FTS syntax
    assert full.search("  ") == []


def test_search_without_fts5_falls_back_to_like(tmp_path, monkeypatch):
    path = tmp_path / "rp.db"
    with Store(path) as s:
        s.put(baku())
    monkeypatch.setattr(migrations, "fts5_available", lambda conn: False)
    with Store(path) as s:
        assert not s.fts
        assert s.put(yerevan()) == "added"  # writes work without the sync triggers
        assert triples(s.search("mediate")) == [("RUS", "mediation", "ARM"), ("RUS", "mediation", "AZE")]
        assert triples(s.search("Drones 60%")) == []
        assert triples(s.search("drones arsenal")) == [("ISR", "arms_supply", "AZE")]
    monkeypatch.undo()
    with Store(path) as s:  # FTS5 is back: the index is rebuilt and sees what was written without it
        assert s.fts
        assert len(s.search("mediate")) == 2


# --- atomicity -------------------------------------------------------------


def test_failing_write_rolls_back_only_that_document(full, monkeypatch):
    before = counts(full)
    old = full.relations(doc="baku")
    real_row = db._relation_row
    calls = []

    def second_relation_fails(*args):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return real_row(*args)

    monkeypatch.setattr(db, "_relation_row", second_relation_fails)
    with pytest.raises(RuntimeError):
        full.put(baku(version="rules-2"))  # a replace: old rows were deleted before the failure

    assert counts(full) == before
    assert full.relations(doc="baku") == old
    assert full.document("baku").text == BAKU
    assert {d["extractor_version"] for d in full.documents()} == {V1}
    assert len(full.relations(doc="yerevan")) == 3
    assert triples(full.search("drones")) == [("ISR", "arms_supply", "AZE")]
    assert not full._conn.in_transaction


def test_failing_insert_in_sqlite_rolls_back_a_new_document(store):
    store.put(yerevan())
    store._conn.execute(
        "CREATE TEMP TRIGGER refuse BEFORE INSERT ON relations WHEN new.relation = 'criticism' "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    with pytest.raises(StoreError, match="refused"):
        store.put(baku())
    assert not store.has("baku")
    assert store.mentions("baku") == [] and store.relations(actor="IRN") == []
    assert counts(store)["relations"] == 3


# --- opening ---------------------------------------------------------------


def test_memory_store_and_pragmas(tmp_path):
    with Store(":memory:") as s:
        assert s.put(undated()) == "added"
        assert len(s.relations()) == 1
    with Store(tmp_path / "rp.db") as s:
        assert s._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert s._conn.execute("PRAGMA busy_timeout").fetchone()[0] == db.BUSY_TIMEOUT_MS


def test_closed_store_raises_store_error(tmp_path):
    s = Store(tmp_path / "rp.db")
    s.close()
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.stats()


def test_unopenable_paths_raise_store_error(tmp_path):
    with pytest.raises(StoreError, match="cannot open"):
        Store(tmp_path / "no" / "such" / "dir" / "rp.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database, just text" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        Store(junk)
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE stuff (x)")
    conn.close()
    with pytest.raises(StoreError, match="not a realpolitik store"):
        Store(foreign)
