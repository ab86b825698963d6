from __future__ import annotations

import codecs
from collections.abc import Callable

import pytest

from realpolitik.errors import InputRejected
from realpolitik.ingest.gate import admit, size_reason
from realpolitik.model import Document

ENGLISH = "Iran and Iraq signed a border security agreement in Baghdad on Sunday, officials said."


def _reason(raw: bytes, **kw: object) -> str:
    with pytest.raises(InputRejected) as caught:
        admit(raw, doc_id="d", origin=str(kw.pop("origin", "d.txt")), **kw)  # type: ignore[arg-type]
    return caught.value.reason


def test_plain_text_becomes_a_document() -> None:
    doc = admit(ENGLISH.encode(), doc_id="d", origin="in/d.txt")
    assert doc == Document(id="d", text=ENGLISH, origin="in/d.txt")
    assert doc.hash and doc.date is None and doc.url is None


def test_empty_and_too_large() -> None:
    assert _reason(b"") == "empty file"
    assert _reason(ENGLISH.encode() * 10, max_bytes=100) == "larger than the 100 bytes limit (860 bytes)"
    assert size_reason(21 * 1024 * 1024, 20 * 1024 * 1024) == "larger than the 20 MB limit (21 MB)"


def test_binary_and_garbage() -> None:
    assert _reason(b"\x89PNG\r\n\x1a\n" + bytes(64)) == "binary content (PNG image)"
    assert _reason(b"\x00\x01\x02\x03" * 100) == "binary content (NUL bytes)"
    assert _reason(b"### 123 ### 456 ### 789 ###" * 10).startswith("garbage content")


def test_nothing_left_after_cleaning() -> None:
    assert _reason(b"Share this article\nAdvertisement\n\nFollow us on Twitter\n") == "no article text"
    assert _reason(b"   \n\n  ") == "no article text"
    assert (
        _reason(b"<html><body><script>alert('Iran')</script></body></html>", origin="p.html")
        == "no article text"
    )


def test_not_english() -> None:
    french = "La France et l'Allemagne ont signé jeudi un accord sur la défense avec la Pologne et les États baltes."
    assert _reason(french.encode()) == "not English"


def test_html_by_content_type_suffix_or_sniffing() -> None:
    html = (
        f"<html><head><title>Deal</title></head><body><nav>Home</nav><p>{ENGLISH}</p></body></html>".encode()
    )
    for kw in (
        {"content_type": "text/html; charset=utf-8", "origin": "https://x.example/a"},
        {"origin": "a.htm"},
        {"origin": "a"},
    ):
        doc = admit(html, doc_id="a", **kw)  # type: ignore[arg-type]
        assert doc.text == ENGLISH, kw
        assert doc.title == "Deal"
    # Declared text/plain is trusted: the markup stays text.
    doc = admit(html, doc_id="a", origin="https://x.example/a", content_type="text/plain")
    assert doc.text.startswith("<html>")


def test_reuters_angle_brackets_are_not_html() -> None:
    text = "BP North America is a subsidiary of British Petroleum Co Plc <BP>, which also owns a stake in Standard Oil <SRD>."
    assert admit(text.encode(), doc_id="r", origin="r.txt").text == text


def test_utf16_text_file() -> None:
    doc = admit(codecs.BOM_UTF16_LE + ENGLISH.encode("utf-16-le"), doc_id="u", origin="u.txt")
    assert doc.text == ENGLISH


def test_date_order_meta_then_html_then_dateline() -> None:
    html = (
        '<html><head><meta property="article:published_time" content="2020-09-22">'
        f"</head><body><p>BAKU, Oct. 1, 2020 - {ENGLISH}</p></body></html>"
    ).encode()
    meta = {"published": "2019-05-01", "url": "https://m.example/x", "title": "Meta title"}
    doc = admit(html, doc_id="x", origin="x.html", meta=meta)
    assert (doc.date, doc.url, doc.title) == ("2019-05-01", "https://m.example/x", "Meta title")
    assert admit(html, doc_id="x", origin="x.html").date == "2020-09-22"
    text = f"BAKU, Azerbaijan \u2014 Oct. 1, 2020: {ENGLISH}".encode()
    assert admit(text, doc_id="x", origin="x.txt").date == "2020-10-01"
    assert admit(ENGLISH.encode(), doc_id="x", origin="x.txt").date is None


def test_dateline_without_year_takes_the_year_from_the_url() -> None:
    text = f"WASHINGTON, March 24 (Reuters) - {ENGLISH}".encode()
    doc = admit(text, doc_id="x", origin="https://wire.example/2021/03/24/story", content_type="text/plain")
    assert doc.date == "2021-03-24"
    assert doc.url == "https://wire.example/2021/03/24/story"


def test_date_from_a_dropped_published_line() -> None:
    text = f"Home | World\nBy Jane Doe | Published 12 May 2019\nShare this article\n\n{ENGLISH}\n".encode()
    doc = admit(text, doc_id="x", origin="x.txt")
    assert doc.text == ENGLISH
    assert doc.date == "2019-05-12"


def test_seed_000_through_the_gate(seed: Callable[[str], str]) -> None:
    raw = seed("000").encode("utf-8")
    doc = admit(raw, doc_id="000", origin="seeds/000.txt", meta={"published": "2020-11-30"})
    assert doc.date == "2020-11-30"
    assert doc.text.endswith("armchair warriors in Washington think tanks.")
    assert "Fort Bragg" not in doc.text
