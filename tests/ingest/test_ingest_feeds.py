from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest

from realpolitik.errors import FetchError
from realpolitik.ingest.feeds import FeedEntry, parse_feed, read_feed
from realpolitik.settings import Settings

if TYPE_CHECKING:
    from conftest import LocalServer  # the fixture's type; conftest is not imported at run time

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>World desk</title><link>{base}/</link><description>News</description>
<item><title>Iran and Iraq sign pact</title><link>{base}/a/1</link><pubDate>Sun, 19 Mar 2023 08:00:00 GMT</pubDate></item>
<item><title>Turkey ratifies Finland's NATO bid</title><link>/a/2</link><pubDate>Thu, 30 Mar 2023 21:00:00 +0300</pubDate></item>
<item><title>No date here</title><link>{base}/a/3</link></item>
<item><title>Duplicate</title><link>{base}/a/1</link></item>
<item><title>No link</title></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Analysis</title><id>urn:x</id><updated>2020-11-30T00:00:00Z</updated>
<entry><title>Israel and Azerbaijan</title><link href="{base}/b/1"/><id>urn:1</id><published>2020-11-30T10:00:00Z</published><updated>2020-12-01T00:00:00Z</updated></entry>
<entry><title>Russia's peacekeepers</title><link rel="alternate" href="{base}/b/2"/><id>urn:2</id><updated>2020-11-12T00:00:00Z</updated></entry>
<entry><title>Iran's northern flank</title><link href="{base}/b/3"/><id>urn:3</id><updated>2020-11-10T00:00:00Z</updated></entry>
</feed>
"""


def test_rss(server: LocalServer, client: httpx.Client, settings: Settings) -> None:
    url = server.page("/rss.xml", RSS.format(base=server.base), content_type="application/rss+xml")
    entries = read_feed(url, settings=settings, client=client)
    assert entries == [
        FeedEntry(server.url("/a/1"), "Iran and Iraq sign pact", "2023-03-19"),
        FeedEntry(server.url("/a/2"), "Turkey ratifies Finland's NATO bid", "2023-03-30"),
        FeedEntry(server.url("/a/3"), "No date here", None),
    ]


def test_atom_served_as_text_xml(server: LocalServer, client: httpx.Client, settings: Settings) -> None:
    url = server.page("/atom", ATOM.format(base=server.base), content_type="text/xml")
    entries = read_feed(url, settings=settings, client=client)
    assert [(e.link, e.published) for e in entries] == [
        (server.url("/b/1"), "2020-11-30"),  # published wins over updated
        (server.url("/b/2"), "2020-11-12"),
        (server.url("/b/3"), "2020-11-10"),
    ]


def test_not_a_feed(server: LocalServer, client: httpx.Client, settings: Settings) -> None:
    url = server.page("/page", "<html><body><p>Just a page</p></body></html>")
    with pytest.raises(FetchError, match="not an RSS or Atom feed"):
        read_feed(url, settings=settings, client=client)
    with pytest.raises(FetchError, match="HTTP 404"):
        read_feed(server.url("/nope"), settings=settings, client=client)


def test_parse_feed_makes_links_absolute() -> None:
    entries = parse_feed(RSS.format(base="").encode(), base_url="https://desk.example/rss")
    assert entries[0].link == "https://desk.example/a/1"
