"""The ingest stage: raw inputs (files, stdin, URLs, feeds) to clean documents, or skips with reasons.

:func:`admit` is the one gate every input goes through; :func:`iter_documents` drives a batch.
"""

from __future__ import annotations

from realpolitik.ingest.boilerplate import strip_boilerplate
from realpolitik.ingest.dateline import find_dateline_date
from realpolitik.ingest.decode import decode_bytes
from realpolitik.ingest.feeds import FeedEntry, read_feed
from realpolitik.ingest.fetch import Fetched, fetch
from realpolitik.ingest.gate import admit
from realpolitik.ingest.html import HtmlPage, html_to_text, looks_like_html
from realpolitik.ingest.language import is_english
from realpolitik.ingest.meta import load_meta
from realpolitik.ingest.sources import SUFFIXES, iter_documents

__all__ = [
    "SUFFIXES",
    "FeedEntry",
    "Fetched",
    "HtmlPage",
    "admit",
    "decode_bytes",
    "fetch",
    "find_dateline_date",
    "html_to_text",
    "is_english",
    "iter_documents",
    "load_meta",
    "looks_like_html",
    "read_feed",
    "strip_boilerplate",
]
