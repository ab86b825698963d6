"""The web page in a real browser: Playwright for Python driving Debian's Chromium (never a
downloaded browser) against the real server on 127.0.0.1. Every request the page makes outside
that server is refused and recorded, and each test checks there was none.

What the page shows is compared with what the API returns for the same question. A screenshot of
the main view is saved to ``test-output/main-view.png`` for people to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from .conftest import ROOT, LiveServer

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium (/usr/bin/chromium) is not installed")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
OUTPUT = ROOT / "test-output"

ARTICLE = (
    "KHARTOUM, March 3, 2021 - Egypt and Sudan signed a defence pact on Tuesday.\n\n"
    "The agreement follows months of stalled negotiations over the dam that Ethiopia is building on the "
    "Blue Nile. Egypt condemned Ethiopia over the filling of the reservoir.\n"
)
HOSTILE = (
    "Israel sold drones to Azerbaijan in 2016 <script>window.__pwned = 1</script> and Turkey condemned "
    'Israel <img src=x onerror="window.__pwned = 2"> on Monday.\n\n'
    "Iran criticised Azerbaijan <b onmouseover=\"window.__pwned = 3\">loudly</b> over the sale."
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield b
        b.close()


class Tab:
    """A page in a fresh browser context that may talk only to ``server``."""

    def __init__(self, browser: Any, server: LiveServer) -> None:
        self.server = server
        self.context = browser.new_context(viewport={"width": 1500, "height": 900})
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.server.base + "/") or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: str = "/", *, ready: bool = True) -> Any:
        self.page.goto(self.server.url(path))
        if ready:
            self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=20_000)
        return self.page

    def api(self, path: str, **kw: Any) -> Any:
        return httpx.get(self.server.url(path), timeout=60, **kw).json()

    def close(self) -> None:
        self.context.close()
        assert self.outside == [], f"the page reached outside the server: {self.outside}"
        assert self.errors == [], self.errors
        assert self.dialogs == [], f"a script opened a dialog: {self.dialogs}"


@pytest.fixture
def tab(browser: Any, seeds_server: LiveServer) -> Iterator[Tab]:
    t = Tab(browser, seeds_server)
    yield t
    t.close()


@pytest.fixture
def writable_tab(browser: Any, serve, fresh_db: Path) -> Iterator[Tab]:
    t = Tab(browser, serve(fresh_db))
    yield t
    t.close()


def wait_for_status(page: Any, network: dict) -> None:
    # Locator assertions, not wait_for_function: the page's CSP forbids the eval that one needs.
    from playwright.sync_api import expect

    text = f"{len(network['nodes'])} actors, {len(network['edges'])} ties"
    expect(page.locator("#net-status")).to_have_text(re.compile("^" + re.escape(text) + "($|;)"), timeout=20_000)


def shown_edges(page: Any) -> set[str]:
    return set(page.eval_on_selector_all("#graph [data-edge]", "els => els.map(e => e.dataset.edge)"))


def test_main_view_draws_the_network_and_an_edge_shows_its_evidence(tab: Tab) -> None:
    page = tab.open()
    network = tab.api("/api/network")
    wait_for_status(page, network)
    assert shown_edges(page) == {f"{e['a']}|{e['b']}" for e in network["edges"]}
    assert page.locator("#graph [data-node]").count() == len(network["nodes"])
    # Nodes are coloured by bloc: actors of one bloc share a colour, the two blocs differ.
    blocs = tab.api("/api/blocs")["blocs"]
    fills = {n: page.get_attribute(f'#graph [data-node="{n}"] circle', "fill") for n in network["nodes"]}
    assert len({fills[m] for m in blocs[0]}) == 1 and fills[blocs[0][0]] != fills[blocs[1][0]]
    # Positive ties and negative ties are drawn differently.
    for e in network["edges"]:
        cls = page.get_attribute(f'#graph [data-edge="{e["a"]}|{e["b"]}"]', "class")
        assert ("pos" in cls.split()) == (e["sign"] > 0) and ("mixed" in cls.split()) == e["mixed"]
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "main-view.png"))

    heaviest = network["edges"][0]
    page.click(f'#graph [data-edge="{heaviest["a"]}|{heaviest["b"]}"]')
    names = network["names"]
    page.wait_for_selector(f'#details h2[data-edge-title="{heaviest["a"]}|{heaviest["b"]}"]')
    assert page.inner_text("#details h2") == f"{names[heaviest['a']]} – {names[heaviest['b']]}"
    quotes = page.eval_on_selector_all("#details blockquote.evidence", "els => els.map(e => e.textContent)")
    expected = [ev["evidence"] for line in heaviest["evidence"] for ev in line["evidence"]]
    assert quotes[: len(expected)] == expected and expected
    page.screenshot(path=str(OUTPUT / "edge-evidence.png"))

    # The evidence links to the document view, where the sentence is highlighted in the text.
    first = heaviest["evidence"][0]["evidence"][0]
    page.click("#details blockquote.evidence + .cite a")
    page.wait_for_selector(".doctext .focus")
    focused = "".join(page.eval_on_selector_all(".doctext .focus", "els => els.map(e => e.textContent)"))
    assert focused == first["evidence"]
    doc = tab.api(f"/api/documents/{first['doc']}")
    assert page.inner_text(".doctext") == doc["text"].strip() or page.text_content(".doctext") == doc["text"]
    mentions = page.locator(".doctext .mention").count()
    assert mentions >= len({(m["start"], m["end"]) for m in doc["mentions"]}) > 0


def test_time_and_layer_filters_redraw_the_network(tab: Tab) -> None:
    page = tab.open()
    stats = tab.api("/api/stats")
    whole = tab.api("/api/network")
    wait_for_status(page, whole)
    first, last = int(stats["first_date"][:4]), int(stats["last_date"][:4])
    # The first window, from the first year on, whose network is smaller than all time and not empty.
    for until in range(first, last + 1):
        window = tab.api(f"/api/network?since={first}&until={until}")
        if 0 < len(window["edges"]) < len(whole["edges"]):
            break
    else:
        pytest.fail("no year window differs from all time on this store")
    page.uncheck("#f-alltime")
    page.fill("#f-from", str(first))
    page.fill("#f-to", str(until))
    wait_for_status(page, window)
    assert shown_edges(page) == {f"{e['a']}|{e['b']}" for e in window["edges"]}
    assert page.inner_text("#f-to-out") == str(until)
    page.screenshot(path=str(OUTPUT / "time-filter.png"))
    # Back to all time, then one layer.
    page.check("#f-alltime")
    wait_for_status(page, whole)
    page.select_option("#f-layer", "military")
    military = tab.api("/api/network?layer=military")
    wait_for_status(page, military)
    assert shown_edges(page) == {f"{e['a']}|{e['b']}" for e in military["edges"]}
    types = page.eval_on_selector_all("#f-type option", "els => els.map(e => e.value).filter(Boolean)")
    assert types == [t["name"] for t in tab.api("/api/meta")["types"] if t["layer"] == "military"]


def test_an_actor_shows_its_brief(tab: Tab) -> None:
    page = tab.open()
    wait_for_status(page, tab.api("/api/network"))
    page.click('#graph [data-node="ISR"]')
    page.wait_for_selector("#details .summary")
    brief = tab.api("/api/actors/ISR/brief")
    assert page.text_content("#details .summary") == brief["summary"]["text"]
    links = page.eval_on_selector_all("#details .summary a.cite", "els => els.map(e => e.getAttribute('title'))")
    notes = {n["n"]: n["sentence"] for n in brief["footnotes"]}
    marks = [int(n) for n in re.findall(r"\[(\d+)\]", brief["summary"]["text"])]
    assert marks and links == [notes[n] for n in marks]


def test_dyad_timeline(tab: Tab) -> None:
    page = tab.open("/#dyad/ISR/AZE")
    page.wait_for_selector("#dyad-out .timeline svg")
    dyad = tab.api("/api/dyads/ISR/AZE")
    # One bar per year and relation type among the dated relations.
    bars = {(y["year"], r["relation"]) for y in dyad["timeline"] if y["year"] for r in y["relations"]}
    assert page.locator("#dyad-out .timeline rect.bar").count() == len(bars)
    assert page.locator("#dyad-out .timeline circle").count() == sum(1 for y in dyad["timeline"] if y["year"])
    quotes = page.eval_on_selector_all("#dyad-out .ev-line blockquote", "els => els.map(e => e.textContent)")
    expected = {ev["evidence"] for layer in dyad["layers"] for line in layer["lines"] for ev in line["evidence"]}
    assert set(quotes) == expected


def test_a_pasted_article_shows_its_relations(writable_tab: Tab) -> None:
    page = writable_tab.open("/#add")
    page.fill("#add-text", ARTICLE)
    page.fill("#add-title", "Nile pact")
    page.click("#add-submit")
    page.wait_for_selector("#add-out .result")
    assert page.get_attribute("#add-out .result", "data-status") == "added"
    docs = writable_tab.api("/api/documents")
    doc = next(d for d in docs if d["title"] == "Nile pact")
    relations = writable_tab.api(f"/api/relations?doc={doc['id']}")
    assert relations
    rows = page.eval_on_selector_all("#add-out tr[data-relation]", "els => els.map(e => e.dataset.relation)")
    assert rows == [f"{r['source']}|{r['relation']}|{r['target']}" for r in relations]
    # The network now has the new tie.
    page.click('.tabs a[data-view="network"]')
    network = writable_tab.api("/api/network")
    wait_for_status(page, network)
    new = {f"{min(r['source'], r['target'])}|{max(r['source'], r['target'])}" for r in relations
           if r["modality"] == "asserted" and r["sign"] != 0}
    assert new and new <= shown_edges(page)
    # Pasting it again changes nothing.
    page.click('.tabs a[data-view="add"]')
    page.fill("#add-text", ARTICLE)
    page.click("#add-submit")
    page.wait_for_selector('#add-out .result[data-status="unchanged"]')


def test_an_uploaded_html_page_shows_its_relations(writable_tab: Tab) -> None:
    page = writable_tab.open("/#add")
    html = ("<!DOCTYPE html><html><head><title>Sanctions on Tehran</title></head><body>"
            "<nav><a href='/'>Home</a></nav><article><p>The United States imposed sanctions on Iran in 2018 "
            "after withdrawing from the nuclear accord.</p></article><footer>Copyright Example</footer></body></html>")
    page.set_input_files("#add-file", files=[{"name": "tehran.html", "mimeType": "text/html",
                                              "buffer": html.encode()}])
    page.click("#add-submit")
    page.wait_for_selector('#add-out .result[data-status="added"]')
    assert page.inner_text("#add-out .result a") == "Sanctions on Tehran"
    relations = writable_tab.api("/api/relations?doc=tehran")
    rows = page.eval_on_selector_all("#add-out tr[data-relation]", "els => els.map(e => e.dataset.relation)")
    assert "USA|sanction|IRN" in rows and rows == [f"{r['source']}|{r['relation']}|{r['target']}" for r in relations]


def test_a_hostile_article_is_shown_as_text(writable_tab: Tab) -> None:
    page = writable_tab.open("/#add")
    page.fill("#add-text", HOSTILE)
    page.click("#add-submit")
    page.wait_for_selector("#add-out .result")
    evidence = page.eval_on_selector_all("#add-out td a", "els => els.map(e => e.textContent)")
    assert any("<script>window.__pwned = 1</script>" in e for e in evidence), evidence
    assert any('<img src=x onerror="window.__pwned = 2">' in e for e in evidence), evidence
    assert page.locator("#add-out img, #add-out script, #add-out b").count() == 0
    # The document view shows the same text as text.
    page.click("#add-out .result a")
    page.wait_for_selector(".doctext")
    text = page.text_content(".doctext")
    assert "<script>window.__pwned = 1</script>" in text and 'onerror="window.__pwned = 2"' in text
    assert page.locator(".doctext img, .doctext script, .doctext b").count() == 0
    page.hover(".doctext")
    # The edge details show it as text too.
    page.click('.tabs a[data-view="network"]')
    wait_for_status(page, writable_tab.api("/api/network"))
    page.click('#graph [data-edge="AZE|ISR"]')
    page.wait_for_selector("#details blockquote.evidence")
    assert page.locator("#details img, #details script").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert page.locator("script").count() == 1  # the page's own app.js, nothing else


def test_the_token_is_asked_once_per_session(browser: Any, serve, fresh_db: Path) -> None:
    from playwright.sync_api import expect

    server = serve(fresh_db, token="letmein")
    t = Tab(browser, server)
    try:
        page = t.open(ready=False)
        page.wait_for_selector("#token-dialog[open]")
        page.fill("#token-input", "wrong")
        page.click("#token-form button[type=submit]")
        expect(page.locator("#token-message")).to_contain_text("refused")
        page.fill("#token-input", "letmein")
        page.click("#token-form button[type=submit]")
        page.wait_for_selector("body[data-ready=true]", state="attached")
        assert page.evaluate("sessionStorage.getItem('realpolitik.token')") == "letmein"
        page.reload()
        page.wait_for_selector("body[data-ready=true]", state="attached")
        assert page.locator("#token-dialog[open]").count() == 0
    finally:
        t.close()
    other = Tab(browser, server)  # a new session asks again
    try:
        page = other.open(ready=False)
        page.wait_for_selector("#token-dialog[open]")
    finally:
        other.close()


def test_api_docs_work_offline(tab: Tab) -> None:
    page = tab.open("/docs", ready=False)
    page.wait_for_selector(".opblock", timeout=20_000)
    paths = tab.api("/openapi.json")["paths"]
    operations = sum(len(methods) for methods in paths.values())
    assert page.locator(".opblock").count() == operations
    assert page.get_by_text("/api/network", exact=True).count() >= 1
