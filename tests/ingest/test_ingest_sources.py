from __future__ import annotations

import io
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from realpolitik.errors import UsageError
from realpolitik.ingest import SUFFIXES, iter_documents
from realpolitik.model import Document, Skip
from realpolitik.settings import Settings

if TYPE_CHECKING:
    from conftest import LocalServer  # the fixture's type; conftest is not imported at run time

ENGLISH = "Iran and Iraq signed a border security agreement in Baghdad on Sunday, officials said."
OTHER = "Turkey and Greece agreed to resume exploratory talks over their maritime disputes on Tuesday."
FRENCH = (
    "La France et l'Allemagne ont signé jeudi un accord sur la défense avec la Pologne et les États baltes."
)
PAGE = (
    "<html><head><title>Talks</title></head><body><nav><a href='/'>Home</a></nav>"
    f"<article><p>{OTHER}</p><p>Share this article</p></article></body></html>"
)


def _by_origin(results: list[Document | Skip]) -> dict[str, Document | Skip]:
    return {(r.origin or ""): r for r in results}


def test_directory_batch_skips_bad_files_and_keeps_good_ones(tmp_path: Path, settings: Settings) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text(f"Share this article\n\n{ENGLISH}\n\nAdvertisement\n", encoding="utf-8")
    (corpus / "sub" / "b.html").write_text(PAGE, encoding="utf-8")
    (corpus / "c.md").write_bytes(b"")
    (corpus / "d.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (corpus / "e.txt").write_text(FRENCH, encoding="utf-8")
    (corpus / "f.txt").write_bytes(b"x" * (settings.max_bytes + 1))
    (corpus / "g.txt").write_bytes(os.urandom(2048))
    (corpus / "meta.jsonl").write_text('{"id": "a"}\n', encoding="utf-8")
    (corpus / ".hidden.txt").write_text(ENGLISH, encoding="utf-8")
    (corpus / ".git").mkdir()
    (corpus / ".git" / "x.txt").write_text(ENGLISH, encoding="utf-8")

    results = list(iter_documents([str(corpus)], settings=settings))

    assert [r.origin for r in results] == [
        str(corpus / name)
        for name in ("a.txt", "c.md", "d.txt", "e.txt", "f.txt", "g.txt", "meta.jsonl", "sub/b.html")
    ]
    got = _by_origin(results)
    a = got[str(corpus / "a.txt")]
    assert isinstance(a, Document) and a.id == "a" and a.text == ENGLISH
    b = got[str(corpus / "sub" / "b.html")]
    assert isinstance(b, Document) and b.id == "b" and b.text == OTHER and b.title == "Talks"
    reasons = {Path(r.origin).name: (r.reason, r.error) for r in results if isinstance(r, Skip)}
    assert reasons == {
        "c.md": ("empty file", False),
        "d.txt": ("binary content (PNG image)", False),
        "e.txt": ("not English", False),
        "f.txt": ("larger than the 100,000 bytes limit (100,001 bytes)", False),
        "g.txt": (reasons["g.txt"][0], False),
        "meta.jsonl": ("not a text or HTML file (.jsonl)", False),
    }
    assert reasons["g.txt"][0].startswith("binary content")


def test_fifo_is_skipped_without_blocking(tmp_path: Path, settings: Settings) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "ok.txt").write_text(ENGLISH, encoding="utf-8")
    results: list[Document | Skip] = []

    def run() -> None:
        results.extend(iter_documents([str(tmp_path), str(tmp_path / "pipe.txt")], settings=settings))

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive(), "reading a FIFO blocked"
    assert [(type(r).__name__, Path(r.origin or "").name) for r in results] == [
        ("Document", "ok.txt"),
        ("Skip", "pipe.txt"),
        ("Skip", "pipe.txt"),
    ]
    assert all(r.reason == "not a regular file" and not r.error for r in results if isinstance(r, Skip))


def test_devices_are_not_regular_files(settings: Settings) -> None:
    if not os.path.exists(os.devnull) or os.name != "posix":
        pytest.skip("no /dev/null")
    assert list(iter_documents([os.devnull], settings=settings)) == [Skip(os.devnull, "not a regular file")]


def test_missing_path_is_an_error_skip(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "ok.txt").write_text(ENGLISH, encoding="utf-8")
    results = list(iter_documents([str(tmp_path / "nope.txt"), str(tmp_path / "ok.txt")], settings=settings))
    assert results[0] == Skip(str(tmp_path / "nope.txt"), "no such file or directory", error=True)
    assert isinstance(results[1], Document)


def test_duplicate_ids_fail_before_anything_is_yielded(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "b" / "x.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a" / "first.txt").write_text(ENGLISH, encoding="utf-8")
    batch = iter_documents([str(tmp_path / "a"), str(tmp_path / "b")], settings=settings)
    with pytest.raises(UsageError) as caught:
        next(batch)
    message = str(caught.value)
    assert "'x'" in message
    assert str(tmp_path / "a" / "x.txt") in message and str(tmp_path / "b" / "x.html") in message


def test_same_file_twice_is_read_once(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "x.txt").write_text(ENGLISH, encoding="utf-8")
    results = list(iter_documents([str(tmp_path), str(tmp_path / "x.txt")], settings=settings))
    assert len(results) == 1 and isinstance(results[0], Document)


def test_explicit_file_with_another_suffix_is_tried_as_text(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "wire.dat").write_text(ENGLISH, encoding="utf-8")
    (doc,) = iter_documents([str(tmp_path / "wire.dat")], settings=settings)
    assert isinstance(doc, Document) and doc.id == "wire" and doc.text == ENGLISH


def test_meta_dates_urls_and_titles_are_applied(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "x01.txt").write_text(f"BAKU, Oct. 1, 2020 - {ENGLISH}", encoding="utf-8")
    (tmp_path / "x02.txt").write_text(f"BAKU, Oct. 1, 2020 - {ENGLISH}", encoding="utf-8")
    meta = {"x01": {"id": "x01", "published": "2019-01-23", "url": "https://w.example/x01", "title": "T"}}
    first, second = iter_documents([str(tmp_path)], settings=settings, meta=meta)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.date, first.url, first.title) == ("2019-01-23", "https://w.example/x01", "T")
    assert second.date == "2020-10-01"  # no meta: the dateline


def test_stdin(settings: Settings) -> None:
    results = list(iter_documents(["-"], settings=settings, stdin=io.BytesIO(ENGLISH.encode())))
    assert results == [Document(id="stdin", text=ENGLISH, origin="<stdin>")]


def test_url_is_fetched_and_cleaned(server: LocalServer, client: httpx.Client, settings: Settings) -> None:
    url = server.page("/2020/09/22/talks.html", PAGE)
    bad = server.url("/gone")
    image = server.page("/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    meta = {"greece-talks": {"id": "greece-talks", "url": url, "published": "2020-09-22"}}
    results = list(iter_documents([url, bad, image], settings=settings, meta=meta, client=client))
    doc = results[0]
    assert isinstance(doc, Document)
    assert (doc.id, doc.text, doc.date, doc.url, doc.origin) == (
        "greece-talks",
        OTHER,
        "2020-09-22",
        url,
        url,
    )
    assert results[1] == Skip(bad, "HTTP 404 Not Found", error=True)
    assert isinstance(results[2], Skip) and results[2].error
    assert results[2].reason.startswith("unsupported content type image/png")


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title><link>{base}/</link>
<description>d</description>
<item><title>One</title><link>{base}/n/1</link><pubDate>Sun, 19 Mar 2023 08:00:00 GMT</pubDate></item>
<item><title>Two</title><link>{base}/n/2</link><pubDate>Mon, 20 Mar 2023 08:00:00 GMT</pubDate></item>
<item><title>Three</title><link>{base}/n/3</link><pubDate>Tue, 21 Mar 2023 08:00:00 GMT</pubDate></item>
</channel></rss>"""


def test_feed_entries_are_fetched_unless_stored(
    server: LocalServer, client: httpx.Client, settings: Settings
) -> None:
    feed = server.page("/rss", RSS.format(base=server.base), content_type="application/rss+xml")
    server.page("/n/1", f"<html><body><p>{ENGLISH}</p></body></html>")
    server.page("/n/2", "should not be fetched")
    server.page("/n/3", f"<html><head><title>Page title</title></head><body><p>{OTHER}</p></body></html>")
    stored = {server.url("/n/2")}
    meta = {"three": {"id": "three", "url": server.url("/n/3"), "published": "2023-01-01"}}

    results = list(
        iter_documents(
            [], settings=settings, feeds=[feed], skip_ids=stored.__contains__, client=client, meta=meta
        )
    )

    one, two, three = results
    assert isinstance(one, Document) and one.id == server.url("/n/1") and one.text == ENGLISH
    assert (one.date, one.title, one.url) == ("2023-03-19", "One", server.url("/n/1"))
    assert two == Skip(server.url("/n/2"), "already stored")
    assert isinstance(three, Document) and three.id == "three" and three.date == "2023-01-01"  # meta wins
    assert "/n/2" not in server.requests
    assert server.requests == ["/rss", "/n/1", "/n/3"]


def test_failed_feed_is_an_error_skip(server: LocalServer, client: httpx.Client, settings: Settings) -> None:
    feed = server.url("/no-feed")
    assert list(iter_documents([], settings=settings, feeds=[feed], client=client)) == [
        Skip(feed, "HTTP 404 Not Found", error=True)
    ]


def test_suffixes() -> None:
    assert SUFFIXES == (".htm", ".html", ".md", ".text", ".txt", ".xhtml")
