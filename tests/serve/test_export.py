"""``realpolitik export`` and ``realpolitik report`` on the seeds' store: what the files hold is
read back with networkx, csv, json and an HTML parser and compared with the analysis itself."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

import realpolitik.analysis as analysis
from realpolitik.analysis.graph import build_network, network_dict
from realpolitik.model import Relation
from realpolitik.serve.cli import app
from realpolitik.serve.export import CSV_COLUMNS, export, flat_graph
from realpolitik.store import Store

from .conftest import build_store

runner = CliRunner()


def cli(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def network(db: Path, **window: str) -> nx.Graph:
    with Store(db) as store:
        return build_network(store, **window)


def edge_set(G: nx.Graph) -> set[tuple[str, str, int, float]]:
    return {(*sorted((a, b)), int(d["sign"]), round(float(d["weight"]), 6)) for a, b, d in G.edges(data=True)}


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_gephi_formats_hold_the_network(seeds_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"net.{fmt}"
    result = cli("export", "--format", fmt, "-o", out, "--db", seeds_db)
    assert result.exit_code == 0, result.output
    G = network(seeds_db)
    read = nx.read_gexf(out) if fmt == "gexf" else nx.read_graphml(out)
    assert set(read.nodes) == set(G.nodes)
    assert edge_set(read) == edge_set(G)
    blocs = analysis.blocs(G)["blocs"]
    for i, members in enumerate(blocs):
        for m in members:
            assert int(read.nodes[m]["bloc"]) == i
    assert read.nodes["AZE"]["label"] == "Azerbaijan"
    for a, b, d in read.edges(data=True):
        assert set(d["types"].split("; ")) == {r.relation for r in G[a][b]["relations"]}
        assert int(d["relations"]) == len(G[a][b]["relations"])
        assert all(s.strip() for s in d["evidence"].split(" | "))


def test_csv_has_one_row_per_tie(seeds_db: Path) -> None:
    result = cli("export", "--format", "csv", "--db", seeds_db)
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CSV_COLUMNS
    G = network(seeds_db)
    assert {(r["a"], r["b"], int(r["sign"]), round(float(r["weight"]), 6)) for r in rows} == edge_set(G)
    for r in rows:
        d = G[r["a"]][r["b"]]
        assert float(r["positive"]) == pytest.approx(d["positive"])
        assert r["documents"].split("; ") == d["documents"]


def test_json_is_the_network_dict(seeds_db: Path) -> None:
    result = cli("export", "--format", "json", "--db", seeds_db, "--layer", "military")
    data = json.loads(result.stdout)
    G = network(seeds_db, layer="military")
    expected = json.loads(json.dumps(network_dict(G)))
    assert {k: data[k] for k in expected} == expected
    assert set(data["blocs"]) == set(G.nodes)


def test_export_at_a_date(seeds_db: Path) -> None:
    result = cli("export", "--format", "csv", "--at", "1995", "--db", seeds_db)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    G = network(seeds_db, at="1995")
    assert {(r["a"], r["b"], int(r["sign"]), round(float(r["weight"]), 6)) for r in rows} == edge_set(G)
    assert len(rows) < network(seeds_db).number_of_edges()


def test_export_as_a_subprocess(seeds_db: Path, tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("realpolitik")
    proc = subprocess.run([str(exe), "export", "--format", "gexf", "--db", str(seeds_db)], capture_output=True,
                          cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert nx.read_gexf(io.BytesIO(proc.stdout)).number_of_edges() == network(seeds_db).number_of_edges()


def test_export_usage_errors(seeds_db: Path, tmp_path: Path) -> None:
    assert cli("export", "--format", "pdf", "--db", seeds_db).exit_code == 2
    missing = cli("export", "--format", "csv", "--db", tmp_path / "none.db")
    assert missing.exit_code == 2 and "no store" in missing.output
    bad_date = cli("export", "--format", "csv", "--at", "last week", "--db", seeds_db)
    assert bad_date.exit_code == 2 and "ISO date" in bad_date.output


def test_flat_graph_holds_only_scalars() -> None:
    rels = [Relation("d1", "ARM", "armed_conflict", "AZE", "asserted", "War.", (0, 4), date="2020"),
            Relation("d2", "ARM", "agreement", "AZE", "asserted", "Truce.", (5, 11), date="2020-11")]
    F = flat_graph(build_network(rels), blocs={"ARM": 0, "AZE": 1})
    scalars = (str, int, float, bool)
    for _, d in F.nodes(data=True):
        assert all(isinstance(v, scalars) for v in d.values())
    for _, _, d in F.edges(data=True):
        assert all(isinstance(v, scalars) for v in d.values())
        assert d["mixed"] is True and d["types"] == "armed_conflict; agreement"
    body, media = export(build_network(rels), "graphml")
    assert media == "application/graphml+xml" and nx.read_graphml(io.BytesIO(body)).number_of_edges() == 1


# --- the HTML report ---------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Collects what matters in the report: resources it would load, footnote links and notes."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.scripts = 0
        self.refs: list[str] = []
        self.notes: dict[str, str] = {}
        self._note: str | None = None
        self._text: list[str] = []
        self.headings: list[str] = []
        self._heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag in ("img", "link", "iframe", "source", "video", "audio") or (tag == "script" and a.get("src")):
            self.loads.append(a.get("src") or a.get("href") or "")
        if tag == "a" and (a.get("href") or "").startswith("#fn-"):
            self.refs.append(a["href"][1:])
        if tag == "li" and (a.get("id") or "").startswith("fn-"):
            self._note, self._text = a["id"], []
        if tag == "h2":
            self._heading = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "q" and self._note:
            self.notes[self._note] = "".join(self._text)
            self._note = None
        if tag == "h2":
            self._heading = False

    def handle_data(self, data: str) -> None:
        if self._note:
            self._text.append(data)
        if self._heading:
            self.headings.append(data)


def read_report(path: Path) -> tuple[str, _Page]:
    html = path.read_text(encoding="utf-8")
    page = _Page()
    page.feed(html)
    return html, page


def test_report_is_self_contained_and_every_claim_cites_a_stored_sentence(seeds_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = cli("report", "-o", out, "--db", seeds_db)
    assert result.exit_code == 0, result.output
    html, page = read_report(out)
    assert page.loads == [] and page.scripts == 0
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)
    for section in ("The network", "Blocs", "Tensions", "Ties", "Dyads over time", "Implied ties",
                    "Dependencies and leverage", "Contradictions", "Sources"):
        assert section in page.headings, section
    assert page.refs and set(page.refs) <= set(page.notes)
    with Store(seeds_db) as store:
        sentences = {r.evidence for r in store.relations()}
    assert set(page.notes.values()) <= sentences
    # The blocs and tensions are the analysis engine's.
    G = network(seeds_db)
    for members in analysis.blocs(G)["blocs"]:
        assert ", ".join(f"{analysis_name(m)} ({m})" for m in members) in html
    for t in analysis.balance_report(G)["frustrated_edges"]:
        assert t["tension"] in html
    assert html.count("<svg") >= 2  # the network and at least one dyad timeline


def analysis_name(actor: str) -> str:
    from realpolitik.knowledge import cached_knowledge

    return cached_knowledge().name(actor)


def test_report_on_one_actor(seeds_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "aze.html"
    result = cli("report", "--actor", "Azerbaijan", "-o", out, "--db", seeds_db)
    assert result.exit_code == 0, result.output
    html, page = read_report(out)
    assert "<h1>realpolitik report: Azerbaijan (AZE)</h1>" in html
    assert "Brief" in page.headings
    assert page.refs and set(page.refs) <= set(page.notes)
    # Only the actor's dyads are drawn.
    dyads = re.findall(r"<h3 class=\"dyad\">([^<]*) and ([^<]*)</h3>", html)
    assert dyads and all("Azerbaijan" in pair for pair in dyads)
    assert cli("report", "--actor", "Atlantis", "-o", out, "--db", seeds_db).exit_code == 2


def test_report_escapes_article_text(tmp_path: Path) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text(
        "Israel sold drones to Azerbaijan in 2016 <script>alert(1)</script> and Turkey condemned Israel "
        '<img src=x onerror="alert(2)"> on Monday.\n', encoding="utf-8")
    db = build_store(tmp_path / "h.db", [article])
    out = tmp_path / "r.html"
    assert cli("report", "-o", out, "--db", db).exit_code == 0
    html, page = read_report(out)
    assert page.scripts == 0 and page.loads == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "onerror=&quot;alert(2)&quot;" in html
