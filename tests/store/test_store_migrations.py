"""Schema versions: ordered steps, applied once, newer files refused."""

from __future__ import annotations

import sqlite3

import pytest

from realpolitik import model
from realpolitik.errors import StoreError
from realpolitik.store import Store, migrations


def test_new_file_is_at_the_latest_version(tmp_path):
    with Store(tmp_path / "rp.db") as s:
        assert s.schema_version == migrations.latest_version() >= 1
        app_id = s._conn.execute("PRAGMA application_id").fetchone()[0]
        assert app_id == migrations.APPLICATION_ID


def test_versions_are_increasing():
    versions = [v for v, _ in migrations.MIGRATIONS]
    assert versions == sorted(set(versions)) and versions[0] == 1


def test_reopening_keeps_everything_and_does_not_rerun(tmp_path, monkeypatch):
    path = tmp_path / "rp.db"
    doc = model.Document(id="d1", text="Turkey and Israel restored ties.", date="2022-08-17")
    rel = model.Relation("d1", "TUR", "diplomatic_upgrade", "ISR", "asserted", doc.text, (0, len(doc.text)))
    with Store(path) as s:
        s.put(model.Extraction(doc, relations=[rel], extractor_version="1"))
    # were step 1 run again it would fail loudly
    monkeypatch.setattr(migrations, "MIGRATIONS", [(1, "SELECT no_such_function();")])
    with Store(path) as s:
        assert s.document("d1") == doc
        assert s.put(model.Extraction(doc, relations=[rel], extractor_version="1")) == "unchanged"
        assert len(s.search("restored")) == 1


def test_a_new_step_is_applied_once_in_order(tmp_path, monkeypatch):
    path = tmp_path / "rp.db"
    Store(path).close()
    steps = [*migrations.MIGRATIONS, (2, "CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('a;b');")]
    monkeypatch.setattr(migrations, "MIGRATIONS", steps)
    with Store(path) as s:
        assert s.schema_version == 2
        assert [tuple(row) for row in s._conn.execute("SELECT x FROM notes")] == [("a;b",)]
    with Store(path) as s:  # not re-applied (CREATE TABLE would fail)
        assert s._conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 1


def test_a_failing_step_leaves_the_previous_version(tmp_path, monkeypatch):
    path = tmp_path / "rp.db"
    Store(path).close()
    steps = [*migrations.MIGRATIONS, (2, "CREATE TABLE half (x); SELECT no_such_function();")]
    monkeypatch.setattr(migrations, "MIGRATIONS", steps)
    with pytest.raises(StoreError):
        Store(path)
    monkeypatch.undo()
    with Store(path) as s:
        assert s.schema_version == 1
        assert s._conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half'").fetchone()[0] == 0


def test_a_newer_database_is_refused(tmp_path):
    path = tmp_path / "rp.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this realpolitik"):
        Store(path)


def test_statements_keep_trigger_bodies_whole():
    script = "CREATE TABLE t (x); CREATE TRIGGER g AFTER INSERT ON t BEGIN SELECT 1; SELECT 2; END; "
    assert list(migrations.statements(script)) == [
        "CREATE TABLE t (x);",
        "CREATE TRIGGER g AFTER INSERT ON t BEGIN SELECT 1; SELECT 2; END;",
    ]


def test_a_database_of_another_application_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 42")
    conn.close()
    with pytest.raises(StoreError, match="another application"):
        Store(path)


def test_two_stores_on_one_file_see_each_others_writes(tmp_path):
    path = tmp_path / "rp.db"
    doc = model.Document(id="d1", text="Iran and Saudi Arabia restored relations.", date="2023-03-10")
    with Store(path) as writer, Store(path) as reader:
        assert writer.put(model.Extraction(doc)) == "added"
        assert reader.has("d1", doc.hash)
        assert reader.put(model.Extraction(doc)) == "unchanged"
