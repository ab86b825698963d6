"""RSS 2.0 and Atom feeds: the list of article links to fetch, with their titles and dates.

The feed is fetched through :func:`~realpolitik.ingest.fetch.fetch` (same limits, same injectable
client) and parsed by feedparser from the bytes, so feedparser never touches the network.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from realpolitik.errors import FetchError
from realpolitik.ingest.fetch import FEED_TYPES, PAGE_TYPES, fetch
from realpolitik.settings import Settings

if TYPE_CHECKING:
    import httpx

__all__ = ["FeedEntry", "read_feed", "parse_feed"]

# Many servers label feeds text/html or text/plain: the parser, not the label, decides.
_FEED_ACCEPT = FEED_TYPES | PAGE_TYPES


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed: the article's link, title and publication date (ISO, or None)."""

    link: str
    title: str | None = None
    published: str | None = None


def _iso(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"


def parse_feed(body: bytes, *, base_url: str, content_type: str | None = None) -> list[FeedEntry]:
    """Entries of an RSS or Atom document, in feed order, links made absolute, duplicates dropped.

    Raises :class:`FetchError` if the bytes are not a feed.
    """
    import feedparser  # here, not at the top: only feeds need it, and it is slow to load

    headers = {"content-location": base_url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        problem = getattr(parsed, "bozo_exception", None)
        detail = f" ({problem})" if problem else ""
        raise FetchError(f"not an RSS or Atom feed{detail}")
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for item in parsed.entries:
        link = (item.get("link") or "").strip()
        if not link:
            continue
        link = urljoin(base_url, link)
        if link in seen:
            continue
        seen.add(link)
        published = _iso(item.get("published_parsed") or item.get("updated_parsed"))
        entries.append(
            FeedEntry(link=link, title=(item.get("title") or "").strip() or None, published=published)
        )
    return entries


def read_feed(url: str, *, settings: Settings, client: httpx.Client | None = None) -> list[FeedEntry]:
    """Fetch and parse the feed at ``url``; raise :class:`FetchError` if it cannot be read."""
    fetched = fetch(url, settings=settings, client=client, accept=_FEED_ACCEPT)
    return parse_feed(fetched.body, base_url=fetched.final_url, content_type=fetched.content_type)
