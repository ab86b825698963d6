"""The ``realpolitik`` command end to end: real files in ``tmp_path``, the real SQLite file, typer's
``CliRunner`` in-process and the installed command as a subprocess. Nothing leaves loopback.

Assertions on what is extracted are kept to plain sentences every version must get right;
the extraction rules themselves are tested elsewhere.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from realpolitik import EXTRACTOR_VERSION, Store, extract_document
from realpolitik.ingest import admit
from realpolitik.model import Document
from realpolitik.serve.cli import app

# Three short news items written for these tests, one of them an HTML page with furniture.
ARTICLES: dict[str, str] = {
    "s400.txt": (
        "Russia sold S-400 missiles to Turkey in 2017.\n\n"
        "The deal, worth about $2.5 billion, alarmed officials in Washington, who said the Russian "
        "system could not operate alongside NATO air defences. Turkey condemned Israel on Monday "
        "over the raid on the aid convoy.\n"
    ),
    "nile.txt": (
        "Egypt and Sudan signed a defence pact on Tuesday.\n\n"
        "The agreement follows months of stalled negotiations over the giant dam that Ethiopia is "
        "building on the Blue Nile. The foreign ministers of Egypt and Sudan met in Khartoum on "
        "Wednesday to discuss joint air drills.\n"
    ),
    "sanctions.html": (Path(__file__).resolve().parents[1] / "data" / "sanctions.html").read_text(encoding="utf-8"),
}

RECORD_FIELDS = {"doc", "source", "relation", "target", "modality", "date", "quantity", "evidence", "span"}


# --- helpers -------------------------------------------------------------------------------------


def write_articles(directory: Path, names: tuple[str, ...] = tuple(ARTICLES)) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name in names:
        (directory / name).write_text(ARTICLES[name], encoding="utf-8")
    return directory


def cli(*args: str | Path, input: str | bytes | None = None):
    """Run the command in-process; ``catch_exceptions=False`` so a traceback fails the test."""
    return CliRunner().invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)


def command() -> list[str]:
    """The installed console script next to this interpreter, else the module."""
    script = Path(sys.executable).with_name("realpolitik")
    return [str(script)] if script.exists() else [sys.executable, "-m", "realpolitik.serve.cli"]


def run(*args: str | Path, cwd: Path, input: bytes | None = None, env: dict[str, str] | None = None):
    """Run the real command as a subprocess, stdin closed unless given."""
    return subprocess.run(
        [*command(), *map(str, args)],
        cwd=cwd,
        input=input if input is not None else b"",
        capture_output=True,
        timeout=120,
        env={**os.environ, "NO_PROXY": "127.0.0.1,localhost", **(env or {})},
    )


def records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def keys(recs: list[dict]) -> set[tuple[str, str, str, str]]:
    return {(r["doc"], r["source"], r["relation"], r["target"]) for r in recs}


def stored_relations(db: Path) -> list[dict]:
    result = cli("relations", "--db", db, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def stored_ids(db: Path) -> set[str]:
    with Store(db) as store:
        return {d["id"] for d in store.documents()}


@pytest.fixture
def news(tmp_path: Path) -> Path:
    return write_articles(tmp_path / "news")


@pytest.fixture
def db(tmp_path: Path, news: Path) -> Path:
    """A store holding the three articles."""
    path = tmp_path / "store.db"
    result = cli("ingest", news, "--db", path, "--jobs", "1")
    assert result.exit_code == 0, result.output
    return path


class Pages:
    """A threaded http.server on 127.0.0.1 serving fixed pages."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                body = pages.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def add(self, path: str, html: str) -> str:
        self.pages[path] = html.encode("utf-8")
        return self.base + path


@pytest.fixture
def pages(monkeypatch: pytest.MonkeyPatch) -> Iterator[Pages]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    server = Pages()
    thread = threading.Thread(target=server.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


# --- help ------------------------------------------------------------------------------------------


def test_no_arguments_shows_the_commands() -> None:
    result = CliRunner().invoke(app, [])
    assert "extract" in result.output and "ingest" in result.output


# --- extract -------------------------------------------------------------------------------------


def test_extract_subprocess_writes_ontology_records(tmp_path: Path, news: Path) -> None:
    proc = run("extract", news, "--jobs", "1", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""
    recs = records(proc.stdout.decode("utf-8"))
    assert recs, "no relation found in three relation-rich articles"
    texts = {}
    for name in ARTICLES:
        path = news / name
        texts[path.stem] = admit(path.read_bytes(), doc_id=path.stem, origin=str(path)).text
    for r in recs:
        assert r.keys() >= RECORD_FIELDS
        assert r["doc"] in texts  # the file name without its suffix
        start, end = r["span"]
        assert r["evidence"] == texts[r["doc"]][start:end]
        assert r["modality"] in {"asserted", "possible", "negated"}
        assert r["quantity"] is None or {"value", "unit", "text"} <= r["quantity"].keys()
    found = keys(recs)
    assert ("s400", "RUS", "arms_supply", "TUR") in found
    assert ("nile", "EGY", "agreement", "SDN") in found or ("nile", "SDN", "agreement", "EGY") in found
    assert ("sanctions", "USA", "sanction", "IRN") in found
    # Page furniture of the HTML file is not text: no evidence comes from the footer or menu.
    assert not any("Copyright" in r["evidence"] or "Home" in r["evidence"] for r in recs)


def test_extract_same_output_for_one_and_two_jobs(news: Path) -> None:
    one = cli("extract", news, "--jobs", "1")
    two = cli("extract", news, "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    assert records(one.stdout)


def test_extract_table(news: Path) -> None:
    result = cli("extract", news, "--format", "table", "--jobs", "1")
    assert result.exit_code == 0, result.output
    for word in ("doc", "relation", "evidence", "sanctions", "USA", "sanction", "IRN"):
        assert word in result.stdout
    assert "diplomatic_downgrade" in result.stdout  # shown whole, not cut to "diplomatic_d…"
    assert "…" not in result.stdout


def test_extract_to_a_file(tmp_path: Path, news: Path) -> None:
    out = tmp_path / "out" / "relations.jsonl"
    out.parent.mkdir()
    result = cli("extract", news, "-o", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert keys(records(out.read_text("utf-8"))) == keys(records(cli("extract", news, "--jobs", "1").stdout))

    table = tmp_path / "out" / "relations.txt"
    result = cli("extract", news, "--format", "table", "--output", table, "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "sanction" in table.read_text("utf-8")


def test_extract_to_an_unwritable_place_is_a_usage_error(tmp_path: Path, news: Path) -> None:
    result = cli("extract", news, "-o", tmp_path / "no" / "such" / "dir" / "x.jsonl")
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


def test_extract_stdin_subprocess(tmp_path: Path) -> None:
    text = ARTICLES["nile.txt"].encode("utf-8")
    proc = run("extract", "-", cwd=tmp_path, input=text)
    assert proc.returncode == 0, proc.stderr.decode()
    recs = records(proc.stdout.decode())
    assert recs and {r["doc"] for r in recs} == {"stdin"}
    for r in recs:
        assert r["evidence"] == ARTICLES["nile.txt"][r["span"][0] : r["span"][1]]


def test_extract_meta_sets_dates(tmp_path: Path, news: Path) -> None:
    meta = tmp_path / "meta.jsonl"
    meta.write_text(json.dumps({"id": "nile", "published": "4 March 2021"}) + "\n", encoding="utf-8")
    without = {r["relation"]: r for r in records(cli("extract", news / "nile.txt").stdout)}
    result = cli("extract", news / "nile.txt", "--meta", meta)
    assert result.exit_code == 0, result.output
    dated = {r["relation"]: r for r in records(result.stdout)}
    assert without["agreement"]["date"] is None  # "on Tuesday" and no date for the document
    assert dated["agreement"]["date"].startswith("2021")  # resolved against the publication date


def test_extract_meta_sets_the_id_of_a_url(pages: Pages, tmp_path: Path) -> None:
    html = "<html><body><article><p>" + ARTICLES["nile.txt"].replace("\n\n", "</p><p>") + "</p></article>"
    url = pages.add("/world/2021/03/04/nile-pact.html", html + "</body></html>")
    meta = tmp_path / "meta.jsonl"
    meta.write_text(json.dumps({"id": "nile-pact", "url": url, "published": "2021-03-04"}) + "\n", "utf-8")
    result = cli("extract", url, "--meta", meta, "--jobs", "1")
    assert result.exit_code == 0, result.output
    recs = records(result.stdout)
    assert recs and {r["doc"] for r in recs} == {"nile-pact"}


def test_extract_without_inputs_is_a_usage_error() -> None:
    result = cli("extract")
    assert result.exit_code == 2
    assert "give at least one" in result.stderr


def test_extract_bad_meta_file_is_a_usage_error(tmp_path: Path, news: Path) -> None:
    meta = tmp_path / "meta.jsonl"
    meta.write_text('{"id": "nile", "published": "yesterday-ish"}\n', encoding="utf-8")
    result = cli("extract", news, "--meta", meta)
    assert result.exit_code == 2
    assert "meta.jsonl:1:" in result.stderr


# --- a hostile batch -----------------------------------------------------------------------------


def hostile_batch(directory: Path) -> dict[str, str]:
    """Two good files and one of each kind of bad input; returns {bad path: expected reason}."""
    write_articles(directory, ("s400.txt", "nile.txt"))
    bad = {
        "empty.txt": b"",
        "logo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00" + bytes(200),
        "huge.txt": ("Iran and Iraq held talks in Baghdad on the border dispute. " * 200).encode(),
        "broken.html": b"<html><body><div class='x'><script>var a = '<p>';</script></div",
        "francais.txt": (
            "La France et l'Allemagne ont sign\u00e9 mardi un accord de d\u00e9fense \u00e0 Paris, "
            "a annonc\u00e9 le gouvernement fran\u00e7ais dans un communiqu\u00e9. Les deux pays "
            "veulent renforcer leur coop\u00e9ration militaire dans les ann\u00e9es \u00e0 venir.\n"
        ).encode("utf-8"),
    }
    for name, data in bad.items():
        (directory / name).write_bytes(data)
    os.mkfifo(directory / "pipe.txt")  # never opened: reading it would block forever
    return {
        str(directory / "empty.txt"): "empty",
        str(directory / "logo.txt"): "binary",
        str(directory / "huge.txt"): "larger than",
        str(directory / "broken.html"): "no article text",
        str(directory / "francais.txt"): "not English",
        str(directory / "pipe.txt"): "not a regular file",
    }


def check_skip_lines(stderr: str, expected: dict[str, str]) -> None:
    """Exactly one stderr line per bad input, naming it and its reason; no traceback."""
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    for path, reason in expected.items():
        mine = [line for line in lines if f"{path}:" in line]
        assert len(mine) == 1, (path, lines)
        assert reason in mine[0], (reason, mine[0])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_extract_hostile_batch_subprocess(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    expected = hostile_batch(batch)

    proc = run("extract", batch, "--max-bytes", "4000", "--jobs", "2", cwd=tmp_path)
    stderr = proc.stderr.decode()
    assert proc.returncode == 0, stderr
    check_skip_lines(stderr, expected)
    assert {r["doc"] for r in records(proc.stdout.decode())} == {"s400", "nile"}

    missing = tmp_path / "not-there.txt"
    proc = run("extract", batch, missing, "--max-bytes", "4000", "--jobs", "1", cwd=tmp_path)
    stderr = proc.stderr.decode()
    assert proc.returncode == 2, stderr
    check_skip_lines(stderr, {**expected, str(missing): "no such file"})
    assert {r["doc"] for r in records(proc.stdout.decode())} == {"s400", "nile"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_ingest_hostile_batch_keeps_what_was_stored(tmp_path: Path, db: Path) -> None:
    before = stored_relations(db)
    batch = tmp_path / "batch"
    expected = hostile_batch(batch)
    (batch / "s400.txt").unlink()  # a good file of the first batch, so its id does not clash
    (batch / "gulf.txt").write_text("Iran and Iraq held talks in Baghdad on Monday.\n", encoding="utf-8")
    missing = tmp_path / "gone.html"

    result = cli("ingest", batch, missing, "--db", db, "--max-bytes", "4000", "--jobs", "1")
    assert result.exit_code == 2  # the missing path
    check_skip_lines(result.stderr, {**expected, str(missing): "no such file"})
    assert "skipped" in result.stderr.splitlines()[-1]  # the summary counts the skips

    assert stored_ids(db) == {"s400", "nile", "sanctions", "gulf"}
    after = stored_relations(db)
    assert [r for r in after if r["doc"] != "gulf"] == before


# --- ingest and the store ------------------------------------------------------------------------


def test_ingest_twice_changes_nothing(tmp_path: Path, news: Path) -> None:
    db = tmp_path / "rp.db"
    first = cli("ingest", news, "--db", db)
    assert first.exit_code == 0, first.output
    assert "3 added" in first.stderr
    relations = stored_relations(db)
    assert relations

    second = cli("ingest", news, "--db", db)
    assert second.exit_code == 0, second.output
    assert "0 added" in second.stderr and "3 unchanged" in second.stderr
    assert "0 relations written" in second.stderr
    assert stored_relations(db) == relations
    with Store(db) as store:
        assert store.stats()["documents"] == 3
        assert store.stats()["relations"] == len(relations)


def test_ingest_changed_content_replaces(tmp_path: Path, db: Path, news: Path) -> None:
    (news / "nile.txt").write_text("Turkey condemned Israel on Monday over the raid.\n", encoding="utf-8")
    result = cli("ingest", news, "--db", db)
    assert result.exit_code == 0, result.output
    assert "1 replaced" in result.stderr and "2 unchanged" in result.stderr
    nile = [r for r in stored_relations(db) if r["doc"] == "nile"]
    assert {(r["source"], r["relation"], r["target"]) for r in nile} == {("TUR", "criticism", "ISR")}
    with Store(db) as store:
        assert store.document("nile").text.startswith("Turkey condemned Israel")


def test_ingest_stdin_and_environment_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REALPOLITIK_DB", str(tmp_path / "from-env.db"))
    result = cli("ingest", "-", input=ARTICLES["s400.txt"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "from-env.db").exists() and not (tmp_path / "realpolitik.db").exists()
    assert stored_ids(tmp_path / "from-env.db") == {"stdin"}

    monkeypatch.delenv("REALPOLITIK_DB")
    result = cli("ingest", "-", input=ARTICLES["nile.txt"])
    assert result.exit_code == 0, result.output
    assert stored_ids(tmp_path / "realpolitik.db") == {"stdin"}  # the default: ./realpolitik.db


def test_ingest_without_inputs_leaves_no_database(tmp_path: Path) -> None:
    result = cli("ingest", "--db", tmp_path / "x.db")
    assert result.exit_code == 2
    assert not (tmp_path / "x.db").exists()


def test_documents(db: Path) -> None:
    result = cli("documents", "--db", db, "--json")
    assert result.exit_code == 0, result.output
    docs = {d["id"]: d for d in json.loads(result.stdout)}
    assert set(docs) == {"s400", "nile", "sanctions"}
    assert docs["sanctions"]["title"] == "Washington tightens the screws on Tehran"
    table = cli("documents", "--db", db)
    assert table.exit_code == 0 and "sanctions" in table.stdout


def test_delete(db: Path) -> None:
    result = cli("delete", "nile", "--db", db)
    assert result.exit_code == 0, result.output
    assert stored_ids(db) == {"s400", "sanctions"}
    assert not [r for r in stored_relations(db) if r["doc"] == "nile"]

    again = cli("delete", "nile", "--db", db)
    assert again.exit_code == 2
    assert "no document 'nile'" in again.stderr


def test_actors(db: Path) -> None:
    result = cli("actors", "--db", db, "--json")
    assert result.exit_code == 0, result.output
    actors = {a["id"]: a for a in json.loads(result.stdout)}
    assert {"RUS", "TUR", "EGY", "SDN", "USA", "IRN"} <= set(actors)
    assert actors["IRN"]["name"] == "Iran"
    assert actors["EGY"]["documents"] >= 1 and actors["EGY"]["relations"] >= 1
    table = cli("actors", "--db", db)
    assert table.exit_code == 0 and "Egypt" in table.stdout


def test_relations_filtered(db: Path) -> None:
    result = cli("relations", "--actor", "RUS", "--type", "arms_supply", "--json", "--db", db)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows
    assert all(r["relation"] == "arms_supply" and "RUS" in (r["source"], r["target"]) for r in rows)
    assert ("RUS", "TUR") in {(r["source"], r["target"]) for r in rows}

    by_name = cli("relations", "--actor", "Russia", "--type", "arms_supply", "--json", "--db", db)
    assert json.loads(by_name.stdout) == rows

    table = cli("relations", "--actor", "IRN", "--db", db)
    assert table.exit_code == 0 and "sanction" in table.stdout


def test_relations_bad_filters_are_usage_errors(db: Path) -> None:
    unknown_type = cli("relations", "--type", "friendship", "--db", db)
    assert unknown_type.exit_code == 2 and "unknown relation type" in unknown_type.stderr
    unknown_actor = cli("relations", "--actor", "Atlantis", "--db", db)
    assert unknown_actor.exit_code == 2 and "unknown actor" in unknown_actor.stderr


def test_evidence(db: Path) -> None:
    result = cli("evidence", "USA", "IRN", "--db", db)
    assert result.exit_code == 0, result.output
    assert "USA sanction IRN" in result.stdout
    assert "The United States imposed sanctions on Iran in 2018" in result.stdout
    assert "sanctions" in result.stdout  # the document id

    as_json = json.loads(cli("evidence", "IRN", "USA", "--json", "--db", db).stdout)
    assert {(r["source"], r["relation"], r["target"]) for r in as_json} >= {("USA", "sanction", "IRN")}

    none = cli("evidence", "EGY", "IRN", "--db", db)
    assert none.exit_code == 0 and "no relation between EGY and IRN" in none.stderr


def test_reextract_updates_documents_of_an_older_version(db: Path) -> None:
    with Store(db) as store:
        old = extract_document(Document("old", "Turkey condemned Israel on Monday.", origin="old.txt"))
        old.extractor_version = "0.0.0-old"
        for r in old.relations:
            r.extractor_version = "0.0.0-old"
        assert store.put(old) == "added"

    result = cli("reextract", "--db", db, "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "1 re-extracted, 0 unchanged" in result.stderr
    with Store(db) as store:
        versions = {d["id"]: d["extractor_version"] for d in store.documents()}
    assert set(versions.values()) == {EXTRACTOR_VERSION}

    again = cli("reextract", "--db", db)
    assert "0 re-extracted" in again.stderr


def test_commands_on_a_missing_store(tmp_path: Path) -> None:
    for args in (["actors"], ["documents"], ["relations"], ["evidence", "ISR", "AZE"], ["delete", "x"],
                 ["reextract"]):
        result = cli(*args, "--db", tmp_path / "nothing.db")
        assert result.exit_code == 2, args
        assert "no store at" in result.stderr
    assert not (tmp_path / "nothing.db").exists()


def test_a_file_that_is_not_sqlite_subprocess(tmp_path: Path, news: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database\n" * 100, encoding="utf-8")
    for args in (["ingest", news], ["actors"], ["relations", "--json"]):
        proc = run(*args, "--db", bogus, cwd=tmp_path)
        stderr = proc.stderr.decode()
        assert proc.returncode == 2, (args, stderr)
        assert "Traceback" not in stderr
        assert stderr.count("\n") == 1 and "notes.db" in stderr and "not a database" in stderr
    assert bogus.read_text(encoding="utf-8").startswith("these are my notes")


def test_names_with_brackets_are_shown_as_they_are(tmp_path: Path) -> None:
    batch = tmp_path / "b"
    batch.mkdir()
    (batch / "draft[b].txt").write_text("Turkey condemned Israel on Monday.\n", encoding="utf-8")
    (batch / "empty[i].txt").write_bytes(b"")
    result = cli("ingest", batch, "--db", tmp_path / "s.db")
    assert result.exit_code == 0, result.output
    assert f"{batch / 'empty[i].txt'}: empty file" in result.stderr
    assert "draft[b]" in cli("documents", "--db", tmp_path / "s.db").stdout
    assert "no document 'x[b]'" in cli("delete", "x[b]", "--db", tmp_path / "s.db").stderr


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    with Store(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 9999")
    conn.close()
    result = cli("actors", "--db", path)
    assert result.exit_code == 2
    assert result.stderr.startswith("error:")


# --- eval ----------------------------------------------------------------------------------------


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def rec(doc: str, source: str, relation: str, target: str, modality: str = "asserted", **extra) -> dict:
    return {"doc": doc, "source": source, "relation": relation, "target": target, "modality": modality,
            **extra}


@pytest.fixture
def gold_and_pred(tmp_path: Path) -> tuple[Path, Path]:
    gold = write_jsonl(tmp_path / "gold.jsonl", [
        rec("d1", "ISR", "arms_supply", "AZE", date="2016", optional=False),
        rec("d1", "ARM", "armed_conflict", "AZE", optional=False),
        rec("d1", "TUR", "support", "AZE", optional=True),
        rec("d2", "IRN", "criticism", "ISR", optional=False),
    ])  # fmt: skip
    pred = write_jsonl(tmp_path / "pred.jsonl", [
        rec("d1", "ISR", "arms_supply", "AZE", date="2016"),  # strict match, date right
        rec("d1", "AZE", "armed_conflict", "ARM", "possible"),  # symmetric key, wrong modality
        rec("d1", "TUR", "support", "AZE"),  # optional gold: neither counted nor missed
        rec("d1", "RUS", "arms_supply", "AZE"),  # false positive
        rec("d3", "USA", "sanction", "IRN"),  # no gold for d3: ignored
    ])  # fmt: skip
    return gold, pred


def test_eval_json_scores_computed_by_hand(gold_and_pred: tuple[Path, Path]) -> None:
    gold, pred = gold_and_pred
    result = cli("eval", gold, pred, "--json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    # Required gold keys: ISR>AZE arms, ARM-AZE conflict, IRN>ISR criticism = 3.
    # Predicted keys (optional and undocumented left out): ISR>AZE arms, ARM-AZE conflict, RUS>AZE arms = 3.
    strict, relaxed = scores["strict"], scores["relaxed"]
    assert (strict["tp"], strict["predicted"], strict["gold"]) == (1, 3, 3)
    assert strict["precision"] == pytest.approx(1 / 3)
    assert strict["recall"] == pytest.approx(1 / 3)
    assert strict["f1"] == pytest.approx(1 / 3)
    assert (relaxed["tp"], relaxed["predicted"], relaxed["gold"]) == (2, 3, 3)
    assert relaxed["f1"] == pytest.approx(2 / 3)
    arms = scores["per_relation"]["arms_supply"]
    assert (arms["tp"], arms["pred"], arms["gold"]) == (1, 2, 1)
    assert arms["f1"] == pytest.approx(2 * 0.5 * 1 / 1.5)
    assert scores["per_relation"]["criticism"]["f1"] == 0.0
    assert scores["date_accuracy"] == 1.0  # one dated required gold key predicted, with the right year


def test_eval_text_and_errors(gold_and_pred: tuple[Path, Path]) -> None:
    gold, pred = gold_and_pred
    result = cli("eval", gold, pred)
    assert result.exit_code == 0, result.output
    assert "strict" in result.stdout and "relaxed" in result.stdout
    with_errors = cli("eval", gold, pred, "--errors")
    assert "RUS" in with_errors.stdout and "IRN" in with_errors.stdout  # a false positive, a miss
    listed = json.loads(cli("eval", gold, pred, "--json", "--errors").stdout)
    assert listed["errors"]


def test_eval_bad_input_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    result = cli("eval", bad, bad)
    assert result.exit_code == 2
    assert "bad.jsonl:1" in result.stderr
    missing = cli("eval", tmp_path / "nope.jsonl", bad)
    assert missing.exit_code == 2 and "nope.jsonl" in missing.stderr


FREEDONIA = {"id": "FRD", "kind": "state", "name": "Freedonia", "names": ["Freedonia"],
             "adjectives": ["Freedonian"], "capitals": ["Fredville"]}


def _freedonia_story(tmp_path: Path) -> Path:
    story = tmp_path / "story.txt"
    story.write_text("Freedonia sold artillery shells to Ukraine on Monday.", encoding="utf-8")
    return story


def test_user_actors_file_extends_the_package(tmp_path: Path) -> None:
    table = tmp_path / "mine.jsonl"
    table.write_text(json.dumps(FREEDONIA) + "\n", encoding="utf-8")
    story = _freedonia_story(tmp_path)
    assert "FRD" not in cli("extract", story).stdout
    records = [json.loads(x) for x in cli("extract", story, "--actors", table).stdout.splitlines()]
    assert ("FRD", "arms_supply", "UKR") in {(r["source"], r["relation"], r["target"]) for r in records}


def test_user_data_folder_is_read_without_flags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "rp-data"
    folder.mkdir()
    (folder / "freedonia.jsonl").write_text(json.dumps(FREEDONIA) + "\n", encoding="utf-8")
    monkeypatch.setenv("REALPOLITIK_DATA_DIR", str(folder))
    records = [json.loads(x) for x in cli("extract", _freedonia_story(tmp_path), "-j", "1").stdout.splitlines()]
    assert ("FRD", "arms_supply", "UKR") in {(r["source"], r["relation"], r["target"]) for r in records}
