"""The analysis commands end to end: the real store built from the sample articles by the real
``ingest`` command, commands run in-process (CliRunner) and as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from realpolitik import Store
from realpolitik.analysis import network_balance
from realpolitik.serve.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def cli(*args: str | Path):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def as_json(*args: str | Path):
    res = cli(*args, "--json")
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "seeds.db"
    res = cli("ingest", *sorted(EXAMPLES.glob("*.txt")), "--db", path, "--jobs", "1")
    assert res.exit_code == 0, res.output
    return path


def test_blocs_infer_leverage_json_shapes(db: Path) -> None:
    b = as_json("blocs", "--db", db)
    assert all(isinstance(x, list) and x for x in b["blocs"]) and len(b["blocs"]) == 2
    assert {"cohesion", "cost", "method", "optimal", "frustrated_edges"} <= set(b)
    three = as_json("blocs", "-k", "3", "--db", db)
    assert three["k"] == 3 and three["cost"] <= b["cost"]
    rows = as_json("infer", "--db", db)
    assert rows and all({"a", "b", "sign", "via"} <= set(d) and d["sign"] in (-1, 0, 1) for d in rows)
    assert all(isinstance(v, str) for d in rows for v in d["via"])
    lines = as_json("leverage", "--db", db)
    assert {("AZE", "ISR", "oil"), ("ISR", "AZE", "arms")} <= {(x["supplier"], x["dependent"], x["good"]) for x in lines}
    assert all({"supplier", "dependent", "good", "share", "evidence"} <= set(x) for x in lines)
    assert all(x["share"] is None or 0 <= x["share"] <= 1 for x in lines)
    only = as_json("leverage", "Israel", "--db", db)
    assert only and all("ISR" in (x["supplier"], x["dependent"]) for x in only)


def test_balance_on_the_store_and_on_a_csv(db: Path, tmp_path: Path) -> None:
    r = as_json("balance", "--db", db)
    with Store(db) as store:
        direct = network_balance(store)
    assert {k: v for k, v in r.items() if k != "seconds"} == {k: v for k, v in direct.items() if k != "seconds"}
    for key in ("frustration_index", "method", "optimal", "lower_bound", "blocs", "frustrated_edges"):
        assert key in r
    assert r["method"] in ("exact", "heuristic") and r["lower_bound"] <= r["frustration_index"]
    assert all(t["tension"] and t["evidence"] for t in r["frustrated_edges"])
    csv = tmp_path / "edges.csv"
    csv.write_text("source,target,sign,weight\nAZE,ISR,+,5\nAZE,IRN,+,2\nISR,IRN,-,4\n", encoding="utf-8")
    r = as_json("balance", "--edges", csv, "--time-limit", "5")
    assert (r["frustration_index"], r["optimal"], r["blocs"]) == (2.0, True, [["AZE", "ISR"], ["IRN"]])
    assert r["frustrated_edges"][0]["tension"] == "AZE is tied to both ISR and IRN, which are hostile to each other"
    text = cli("balance", "--edges", csv)
    assert text.exit_code == 0 and "frustration index L = 2" in text.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("source,target,sign\nA,B,maybe\n", encoding="utf-8")
    for args in (("--edges", bad), ("--edges", csv, "--at", "2020"), ("--edges", csv, "--time-limit", "0")):
        res = cli("balance", *args)
        assert res.exit_code == 2 and res.stderr.count("\n") == 1, res.output


def test_dyad_network_contradictions_impact_whatif_brief(db: Path) -> None:
    d = as_json("dyad", "Israel", "AZE", "--db", db)
    assert (d["a"], d["b"]) == ("ISR", "AZE") and d["layers"] and d["timeline"]
    assert "military" in cli("dyad", "ISR", "AZE", "--db", db).stdout
    n = as_json("network", "--layer", "military", "--db", db)
    assert n["edges"] and all(layer == "military" for e in n["edges"] for layer in e["layers"])
    assert "x 2 = +12" in cli("network", "--db", db).stdout
    c = as_json("contradictions", "--db", db)
    assert ("reference", ["AZE", "energy_supply", "ISR"]) in [(x["kind"], x["key"]) for x in c]
    assert as_json("contradictions", "--actor", "TUR", "--db", db) == [x for x in c if "TUR" in x["key"]]
    i = as_json("impact", "--event", "2020-11-10", "--window", "2y", "--db", db)
    assert "IRN" in i["losers"] and "AZE" in i["winners"]
    w = as_json("whatif", "--add", "Azerbaijan diplomatic_upgrade Israel", "--db", db)
    assert w["added"] == [{"source": "AZE", "relation": "diplomatic_upgrade", "target": "ISR"}]
    assert w["candidates"] and "frustration index" in cli("whatif", "--add", "AZE diplomatic_upgrade ISR", "--db", db).stdout
    b = as_json("brief", "AZE", "--db", db)
    assert b["footnotes"] and b["sections"][0]["title"] == "Allies"
    page = cli("brief", "AZE", "--db", db).stdout
    assert page.startswith("Brief: Azerbaijan (AZE)") and "Sources" in page


@pytest.mark.parametrize("args", [
    ("brief", "Atlantis"),
    ("dyad", "ISR", "ISR"),
    ("network", "--at", "2020", "--since", "2019"),
    ("network", "--layer", "cultural"),
    ("impact", "--event", "yesterday"),
    ("impact", "--event", "2020-11-10", "--window", "soon"),
    ("whatif",),
    ("whatif", "--add", "AZE befriends ISR"),
    ("blocs", "-k", "1"),
])
def test_bad_requests_are_one_line_errors(db: Path, args: tuple[str, ...]) -> None:
    res = cli(*args, "--db", db)
    assert res.exit_code == 2, res.output
    assert res.stderr.startswith("error:") and res.stderr.count("\n") == 1


def test_a_missing_store_is_an_error(tmp_path: Path) -> None:
    res = cli("blocs", "--db", tmp_path / "none.db")
    assert res.exit_code == 2 and "no store" in res.stderr
    assert not (tmp_path / "none.db").exists()


def test_the_installed_command(db: Path, tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("realpolitik")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "realpolitik.serve.cli"]
    res = subprocess.run([*command, "leverage", "AZE", "--db", str(db), "--json"],
                         capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    lines = json.loads(res.stdout)
    oil = next(x for x in lines if (x["supplier"], x["good"]) == ("AZE", "oil"))
    assert oil["share"] == pytest.approx(0.4)
