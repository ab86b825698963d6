"""HTML to the article's main text, with its title and date, via trafilatura.

trafilatura finds the article body (no comments, no tables, precision over recall); when it
finds nothing, the paragraphs of ``<body>`` are taken instead, so a short or odd page still gives
its text. Broken markup never raises: the worst case is empty text, which the gate rejects.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["HtmlPage", "html_to_text", "looks_like_html"]

log = logging.getLogger(__name__)

# Elements of trafilatura's output tree that hold one paragraph each.
_BLOCKS = frozenset({"p", "head", "item", "quote", "code", "cell"})
# Elements of a raw page that never hold article text.
_NOT_TEXT = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg")
_FALLBACK_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre")

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TAG = re.compile(r"<(?:html|head|body|meta|title)\b[^>]*>", re.I)
_BLOCK_TAG = re.compile(r"</(?:p|div|span|a|li|td|h[1-6]|article|section|em|strong|b|i)>", re.I)
_SPACE = re.compile(r"\s+")
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*>")


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """The main text of a page (paragraphs separated by blank lines) and its metadata."""

    text: str
    title: str | None = None
    date: str | None = None  # ISO date from the page's metadata
    url: str | None = None


def looks_like_html(text: str) -> bool:
    """True if ``text`` is markup: it opens like an HTML page or is full of closing tags.

    Angle brackets in prose ("Standard Oil <SRD>") are not enough.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("BP North America is a subsidiary of British Petroleum Co Plc <BP>.")
    False
    """
    head = text[:20_000]
    if _HTML_START.match(head):
        return True
    return bool(_HTML_TAG.search(head)) or len(_BLOCK_TAG.findall(head)) >= 3


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _blocks_text(body: Any) -> str:
    """Paragraphs of trafilatura's output tree, one per block, line breaks inside made spaces."""
    for line_break in body.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")
    paragraphs = []
    for element in body.iter():
        if element.tag not in _BLOCKS:
            continue
        if any(child.tag in _BLOCKS for child in element.iterdescendants()):
            continue  # a quote or list item holding paragraphs: the inner blocks are taken
        text = _squash("".join(element.itertext()))
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _parse(html: str) -> Any:
    """lxml's tolerant parse, or None; an XML declaration in a str would make lxml refuse it."""
    import lxml.html  # here, not at the top: plain-text batches never pay for loading it
    from lxml import etree

    try:
        return lxml.html.document_fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (etree.ParserError, ValueError):
        return None


def _fallback_text(html: str) -> str:
    """The paragraphs of ``<body>`` once scripts, navigation and forms are dropped."""
    root = _parse(html)
    if root is None:
        return ""
    for element in root.xpath("|".join(f"//{tag}" for tag in _NOT_TEXT)):
        element.drop_tree()
    paragraphs = []
    for element in root.iter(*_FALLBACK_BLOCKS):
        if any(child.tag in _FALLBACK_BLOCKS for child in element.iterdescendants()):
            continue
        text = _squash(element.text_content())
        if text:
            paragraphs.append(text)
    if not paragraphs:
        body = root.find("body")
        source = body if body is not None else root
        lines = (_squash(line) for line in source.text_content().split("\n"))
        paragraphs = [line for line in lines if line]
    return "\n\n".join(paragraphs)


def _title(root: Any) -> str | None:
    try:
        title = root.findtext(".//title")
    except (AttributeError, ValueError):
        return None
    return (_squash(title) or None) if title else None


def html_to_text(html: str, *, url: str | None = None) -> HtmlPage:
    """Extract the main article text, title and date of an HTML page.

    >>> page = html_to_text("<html><head><title>T</title></head><body><p>Iran and Iraq met.</p></body></html>")
    >>> page.text, page.title
    ('Iran and Iraq met.', 'T')
    """
    import trafilatura  # here, not at the top: it takes 0.1 s to load, and plain text never needs it

    document = None
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=True,
            # The extensive search guesses from any date on the page (a "© 2024" footer).
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura on hostile markup: fall back rather than fail the batch
        log.debug("trafilatura failed on %s: %s", url or "page", exc)
    text = title = date = None
    if document is not None:
        body = getattr(document, "body", None)
        text = _blocks_text(body) if body is not None else ""
        if not text and document.text:
            text = "\n\n".join(line for line in (_squash(x) for x in document.text.split("\n")) if line)
        title = document.title or None
        date = document.date or None
    if not text:
        text = _fallback_text(html)
    if title is None:
        root = _parse(html)
        title = _title(root) if root is not None else None
    return HtmlPage(text=text, title=title, date=date, url=url)
