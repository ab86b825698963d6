"""The one entrance: raw bytes in, a clean :class:`~realpolitik.model.Document` out, or a reason.

    size → decode → HTML or text → main text / boilerplate removal → empty? → English? → date

Nothing downstream re-checks what passed here. Every refusal is an
:class:`~realpolitik.errors.InputRejected` whose ``reason`` is a short phrase a batch summary can
count ("empty file", "binary content (PNG image)", "not English"...).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from realpolitik.errors import InputRejected
from realpolitik.ingest.boilerplate import strip_boilerplate
from realpolitik.ingest.dateline import find_dateline_date
from realpolitik.ingest.decode import decode_bytes
from realpolitik.ingest.html import html_to_text, looks_like_html
from realpolitik.ingest.language import is_english
from realpolitik.ingest.meta import normalise_date
from realpolitik.model import Document

__all__ = ["admit", "size_reason", "DEFAULT_MAX_BYTES", "HTML_SUFFIXES", "TEXT_SUFFIXES"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_LETTER = re.compile(r"[^\W\d_]")
_URL_YEAR = re.compile(r"/((?:19|20)\d\d)/")


def _human(size: int) -> str:
    """A byte count for people: ``20 MB``, ``1.5 KB``, ``300 bytes``."""
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= factor:
            value = size / factor
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size} bytes"


def size_reason(size: int, limit: int) -> str:
    """The rejection reason for an input over the size limit.

    >>> size_reason(25 * 1024 * 1024, 20 * 1024 * 1024)
    'larger than the 20 MB limit (25 MB)'
    """
    shown_size, shown_limit = _human(size), _human(limit)
    if shown_size == shown_limit:  # 100,001 bytes over a 100,000 limit: rounding would hide it
        shown_size, shown_limit = f"{size:,} bytes", f"{limit:,} bytes"
    return f"larger than the {shown_limit} limit ({shown_size})"


def _suffix(origin: str) -> str:
    """The lower-cased suffix of a path or URL, as ``PurePosixPath(...).suffix`` gives it.

    >>> _suffix("news/Article.HTML"), _suffix("https://x.org/a/page.htm?id=3"), _suffix("a/.hidden")
    ('.html', '.htm', '')
    """
    path = urlsplit(origin).path if "://" in origin else origin
    path = path.replace("\\", "/")
    name = path.rpartition("/")[2]
    if name in ("", ".", ".."):  # a directory-like ending: pathlib normalises those
        return PurePosixPath(path).suffix.lower()
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def _is_html(text: str, *, content_type: str | None, origin: str) -> bool:
    """HTML by the declared content type, else by the file suffix, else by sniffing."""
    if content_type:
        mime = content_type.split(";")[0].strip().lower()
        if mime in _HTML_TYPES:
            return True
        if mime == "text/plain":
            return False
    suffix = _suffix(origin)
    if suffix in HTML_SUFFIXES:
        return True
    if suffix in TEXT_SUFFIXES:
        # A page saved as .txt is still markup if it opens like a page.
        return looks_like_html(text[:4096]) and text.lstrip()[:1] == "<"
    return looks_like_html(text)


def _meta_date(meta: dict[str, Any]) -> str | None:
    published = meta.get("published")
    if not published:
        return None
    try:
        return normalise_date(str(published))
    except ValueError:
        return None


def admit(
    raw: bytes,
    *,
    doc_id: str,
    origin: str,
    content_type: str | None = None,
    meta: dict[str, Any] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Turn one input's bytes into a :class:`Document`, or raise :class:`InputRejected`.

    ``origin`` is the path or URL it came from (its suffix helps tell HTML from text);
    ``meta`` is the user's metadata record for ``doc_id`` (``published``, ``url``, ``title``),
    which wins over what the page says. The date is, in order: ``meta["published"]``, the
    page's metadata, a dateline at the start of the text, or None.

    >>> doc = admit(b"BAKU, Oct. 1, 2020 - Azerbaijan and Turkey held talks.", doc_id="d1", origin="d1.txt")
    >>> doc.date, doc.text[:13]
    ('2020-10-01', 'BAKU, Oct. 1,')
    """
    meta = meta or {}
    if not raw:
        raise InputRejected("empty file", source=origin)
    if len(raw) > max_bytes:
        raise InputRejected(size_reason(len(raw), max_bytes), source=origin)
    decoded = decode_bytes(raw, origin=origin)
    url = meta.get("url") or (origin if "://" in origin else None)
    title = meta.get("title") or None
    page_date = None
    is_html = _is_html(decoded, content_type=content_type, origin=origin)
    if is_html:
        page = html_to_text(decoded, url=url)
        text = strip_boilerplate(page.text)
        title = title or page.title
        page_date = page.date
    else:
        text = strip_boilerplate(decoded)
    if not _LETTER.search(text):
        raise InputRejected("no article text", source=origin)
    if not is_english(text):
        raise InputRejected("not English", source=origin)
    date = _meta_date(meta) or page_date
    if date is None:
        year = _URL_YEAR.search(url or "")
        hint = int(year.group(1)) if year else None
        date = find_dateline_date(text, year_hint=hint)
        if date is None and not is_html:
            # Cleaning may have dropped a furniture line that carried the date.
            date = find_dateline_date(decoded.lstrip(), year_hint=hint)
    return Document(id=doc_id, text=text, date=date, url=url, title=title, origin=origin)
