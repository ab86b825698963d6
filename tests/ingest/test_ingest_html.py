from __future__ import annotations

import pytest

from realpolitik.ingest.html import html_to_text, looks_like_html

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Turkey and Greece agree to talks | World News</title>
<meta property="og:title" content="Turkey and Greece agree to talks">
<meta property="article:published_time" content="2020-09-22T10:00:00Z">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav></header>
<div class="cookie">We use cookies to improve your experience. <button>Accept all</button></div>
<main><article>
<h1>Turkey and Greece agree to talks</h1>
<p>Turkey and Greece agreed on Tuesday to resume exploratory talks over their maritime disputes in the
eastern Mediterranean, after<br>weeks of naval tension.</p>
<p>The announcement followed a call between the two leaders brokered by <b>Germany</b>, which holds the
rotating presidency of the European Union.</p>
<h2>Background</h2>
<p>The dispute flared in August when Turkey sent a survey ship into waters claimed by Greece, and both
countries staged naval exercises.</p>
<div class="ad">Advertisement</div>
<p>France deployed warships to the region in support of Greece, angering Ankara, which accused Paris of bullying.</p>
<table><tr><td>Ship</td><td>Oruc Reis</td></tr></table>
<div class="share">Share this article <a>Facebook</a> <a>Twitter</a></div>
</article></main>
<aside><h3>Related Articles</h3><ul><li><a href="/a">Russia and China hold joint drills</a></li>
<li><a href="/b">US sanctions Iran again over nuclear programme</a></li></ul></aside>
<section class="comments"><p>Great article, Greece is right!</p></section>
<footer><p>Sign up for our newsletter</p><p>&copy; 2024 World News Ltd. All rights reserved.</p></footer>
<script>var x = "<p>not text</p>";</script>
</body></html>
"""


def test_main_text_title_and_date() -> None:
    page = html_to_text(ARTICLE, url="https://news.example/world/1")
    paragraphs = page.text.split("\n\n")
    assert paragraphs[0] == "Turkey and Greece agree to talks"
    assert (
        "Turkey and Greece agreed on Tuesday to resume exploratory talks over their maritime disputes in the "
        "eastern Mediterranean, after weeks of naval tension." in paragraphs
    )
    assert "brokered by Germany, which holds" in page.text  # inline markup joined without stray spaces
    assert "France deployed warships" in page.text
    for gone in (
        "Home",
        "cookies",
        "Related Articles",
        "joint drills",
        "Oruc Reis",
        "not text",
        "rights reserved",
    ):
        assert gone not in page.text, gone
    assert page.title == "Turkey and Greece agree to talks"
    assert page.date == "2020-09-22"
    assert page.url == "https://news.example/world/1"


def test_copyright_year_is_not_taken_for_the_date() -> None:
    html = ARTICLE.replace('<meta property="article:published_time" content="2020-09-22T10:00:00Z">', "")
    assert html_to_text(html).date is None


def test_small_page_falls_back_to_body_paragraphs() -> None:
    page = html_to_text("<html><head><title>T</title></head><body><p>Iran and Iraq met.</p></body></html>")
    assert page.text == "Iran and Iraq met."
    assert page.title == "T"


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><p>Iran and <b>Iraq</b> signed a deal.<p>Unclosed <div>second",
        "<p>" * 3000 + "deep",
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Iran met Iraq.</p></body></html>',
        "<<<>>></p></div></html>",
        "",
    ],
)
def test_broken_html_never_raises(html: str) -> None:
    page = html_to_text(html)
    assert isinstance(page.text, str)


def test_broken_html_keeps_its_text() -> None:
    page = html_to_text("<html><body><p>Iran and <b>Iraq</b> signed a deal.<p>Unclosed second paragraph")
    assert page.text.startswith("Iran and Iraq signed a deal.")


def test_script_only_page_has_no_text() -> None:
    assert (
        html_to_text(
            "<html><head><script>document.write('Iran and Iraq')</script></head><body></body></html>"
        ).text
        == ""
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
        ("  <html lang='en'>", True),
        ("<div><p>a</p><p>b</p><span>c</span></div>", True),
        ("BP North America is a subsidiary of British Petroleum Co Plc <BP>, which owns 55 pct.", False),
        ("Iran said x < y and y > z.", False),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected
