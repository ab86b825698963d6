"""Fetch one URL with the limits of :class:`~realpolitik.settings.Settings`.

http and https only; redirects followed by hand so each hop is checked and counted; the content
type is checked before the body is read, and the body is read in chunks that stop at
``fetch_max_bytes``. Every failure is a :class:`~realpolitik.errors.FetchError` saying why. The
``httpx.Client`` is injectable: tests pass one bound to a local server or a ``MockTransport``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from realpolitik.errors import FetchError
from realpolitik.settings import Settings

if TYPE_CHECKING:  # imported where used: a batch of local files never loads httpx
    import httpx

__all__ = ["Fetched", "fetch", "PAGE_TYPES", "FEED_TYPES", "make_client"]

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
)
_SCHEMES = ("http", "https")


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched body and where it finally came from."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    body: bytes


def make_client(settings: Settings) -> httpx.Client:
    """The client :func:`fetch` uses when none is given: the settings' timeout and user agent."""
    import httpx

    return httpx.Client(
        timeout=settings.fetch_timeout,
        headers={"User-Agent": settings.user_agent},
        follow_redirects=False,
    )


def _check_scheme(url: str, original: str) -> None:
    """Refuse anything but http(s), also as a redirect target (``file://``, ``ftp://``...)."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in _SCHEMES:
        shown = f"{scheme!r}" if scheme else "none"
        where = "" if url == original else f" (redirected to {url})"
        raise FetchError(f"unsupported URL scheme {shown}{where}; only http and https")


def _mime(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return content_type.split(";")[0].strip().lower() or None


def _read_limited(response: httpx.Response, limit: int) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchError(f"larger than the fetch limit of {limit} bytes ({declared} bytes declared)")
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > limit:
            raise FetchError(f"larger than the fetch limit of {limit} bytes (stopped reading)")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(
    url: str,
    *,
    settings: Settings,
    client: httpx.Client | None = None,
    accept: Collection[str] = PAGE_TYPES,
) -> Fetched:
    """GET ``url`` within the settings' limits and return its body, or raise :class:`FetchError`.

    ``accept`` lists the content types allowed (pages by default; :data:`FEED_TYPES` for
    feeds). A response without a content type is let through for the gate to sniff. Error
    messages are short reasons ("HTTP 404 Not Found"); the caller knows the URL.
    """
    import httpx

    _check_scheme(url, url)
    own_client = client is None
    http = make_client(settings) if client is None else client
    current = url
    try:
        for _hop in range(settings.fetch_max_redirects + 1):
            request = http.build_request(
                "GET",
                current,
                headers={"User-Agent": settings.user_agent},
                timeout=settings.fetch_timeout,
            )
            response = http.send(request, stream=True, follow_redirects=False)
            try:
                if response.is_redirect:
                    location = response.headers.get("location", "")
                    current = urljoin(str(response.url), location)
                    _check_scheme(current, url)
                    continue
                if not response.is_success:
                    raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
                content_type = response.headers.get("content-type")
                mime = _mime(content_type)
                if mime is not None and mime not in accept:
                    wanted = ", ".join(sorted(accept))
                    raise FetchError(f"unsupported content type {mime} (expected {wanted})")
                body = _read_limited(response, settings.fetch_max_bytes)
                return Fetched(
                    url=url,
                    final_url=str(response.url),
                    status=response.status_code,
                    content_type=content_type,
                    body=body,
                )
            finally:
                response.close()
        raise FetchError(f"too many redirects (more than {settings.fetch_max_redirects})")
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {settings.fetch_timeout:g} s") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise FetchError(f"invalid URL ({exc})") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"connection failed: {exc or type(exc).__name__}") from None
    finally:
        if own_client:
            http.close()
