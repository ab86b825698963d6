from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx
import pytest

from realpolitik.errors import FetchError
from realpolitik.ingest.fetch import FEED_TYPES, fetch, make_client
from realpolitik.settings import Settings

if TYPE_CHECKING:
    from conftest import LocalServer  # the fixture's type; conftest is not imported at run time

PAGE = "<html><body><p>Iran and Iraq signed a deal.</p></body></html>"


def test_page_is_fetched_through_a_redirect(
    server: LocalServer, client: httpx.Client, settings: Settings
) -> None:
    target = server.page("/article", PAGE)
    start = server.redirect("/old", "/article", status=301)
    fetched = fetch(start, settings=settings, client=client)
    assert fetched.url == start and fetched.final_url == target
    assert fetched.status == 200
    assert fetched.content_type == "text/html; charset=utf-8"
    assert fetched.body == PAGE.encode()
    assert server.requests == ["/old", "/article"]


def test_redirect_chain_over_the_limit_fails(
    server: LocalServer, client: httpx.Client, settings: Settings
) -> None:
    server.page("/r0", PAGE)
    for hop in range(1, 6):
        server.redirect(f"/r{hop}", f"/r{hop - 1}")
    with pytest.raises(FetchError, match=r"too many redirects \(more than 3\)"):
        fetch(server.url("/r5"), settings=settings, client=client)
    assert len(server.requests) == 4  # the first request and three redirects, no more
    # Within the limit it works.
    assert fetch(server.url("/r3"), settings=settings, client=client).final_url == server.url("/r0")


def test_wrong_content_type_fails_before_the_body_is_read(
    server: LocalServer, client: httpx.Client, settings: Settings
) -> None:
    url = server.page("/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(100), content_type="image/png")
    with pytest.raises(FetchError, match=r"unsupported content type image/png \(expected .*text/html"):
        fetch(url, settings=settings, client=client)


def test_http_errors_give_the_status(server: LocalServer, client: httpx.Client, settings: Settings) -> None:
    with pytest.raises(FetchError, match="HTTP 404 Not Found"):
        fetch(server.url("/missing"), settings=settings, client=client)


def test_declared_size_over_the_limit(server: LocalServer, client: httpx.Client, settings: Settings) -> None:
    url = server.page("/big", b"x" * 300_000, content_type="text/plain")
    with pytest.raises(FetchError, match="larger than the fetch limit of 200000 bytes"):
        fetch(url, settings=settings, client=client)


def test_streamed_body_stops_at_the_limit(settings: Settings) -> None:
    produced: list[int] = []

    def endless() -> Iterator[bytes]:
        for index in range(1000):  # 64 MB if read to the end
            produced.append(index)
            yield b"a" * 65536

    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, headers={"Content-Type": "text/plain"}, content=endless())
    )
    with httpx.Client(transport=transport) as mock, pytest.raises(FetchError, match="stopped reading"):
        fetch("https://news.example/stream", settings=settings, client=mock)
    assert len(produced) <= 5


def test_only_http_and_https(settings: Settings, server: LocalServer, client: httpx.Client) -> None:
    with pytest.raises(FetchError, match="unsupported URL scheme 'ftp'"):
        fetch("ftp://example.org/a.txt", settings=settings, client=client)
    url = server.redirect("/to-file", "file:///etc/passwd")
    with pytest.raises(
        FetchError, match=r"unsupported URL scheme 'file' \(redirected to file:///etc/passwd\)"
    ):
        fetch(url, settings=settings, client=client)


def test_connection_errors_and_timeouts_are_fetch_errors(settings: Settings) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    with (
        httpx.Client(transport=httpx.MockTransport(refuse)) as mock,
        pytest.raises(FetchError, match="connection failed"),
    ):
        fetch("https://news.example/a", settings=settings, client=mock)
    with (
        httpx.Client(transport=httpx.MockTransport(slow)) as mock,
        pytest.raises(FetchError, match="timed out after 5 s"),
    ):
        fetch("https://news.example/a", settings=settings, client=mock)


def test_feed_types_are_accepted_only_when_asked(
    server: LocalServer, client: httpx.Client, settings: Settings
) -> None:
    url = server.page(
        "/feed", b"<rss version='2.0'><channel></channel></rss>", content_type="application/rss+xml"
    )
    with pytest.raises(FetchError, match="unsupported content type application/rss\\+xml"):
        fetch(url, settings=settings, client=client)
    assert fetch(url, settings=settings, client=client, accept=FEED_TYPES).status == 200


def test_missing_content_type_is_left_to_the_gate(settings: Settings) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=b"Iran and Iraq met."))
    with httpx.Client(transport=transport) as mock:
        fetched = fetch("https://news.example/a", settings=settings, client=mock)
    assert fetched.content_type is None and fetched.body == b"Iran and Iraq met."


def test_user_agent_and_default_client(settings: Settings) -> None:
    seen: list[str] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["user-agent"])
        return httpx.Response(200, headers={"Content-Type": "text/plain"}, content=b"ok")

    with httpx.Client(transport=httpx.MockTransport(record)) as mock:
        fetch("https://news.example/a", settings=settings, client=mock)
    assert seen == [settings.user_agent]
    with make_client(settings) as default:
        assert default.timeout.read == settings.fetch_timeout
        assert default.headers["user-agent"] == settings.user_agent
        assert default.follow_redirects is False
