"""Fixtures for the ingest tests: a real HTTP server on 127.0.0.1, settings, the shared seeds."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from realpolitik.settings import Settings

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


class LocalServer:
    """A threaded http.server on 127.0.0.1 serving routes a test sets up; it records requests."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                server.requests.append(self.path)
                route = server.routes.get(self.path, Route(404, b"not found", {"Content-Type": "text/plain"}))
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def url(self, path: str) -> str:
        return self.base + path

    def page(
        self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8", **kw: str
    ) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(200, data, {"Content-Type": content_type, **kw})
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        self.routes[path] = Route(status, b"", {"Location": to})
        return self.url(path)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    local = LocalServer()
    local.thread.start()
    try:
        yield local
    finally:
        local.httpd.shutdown()
        local.httpd.server_close()


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    # trust_env=False: no proxy from the environment may see loopback traffic.
    with httpx.Client(trust_env=False) as http:
        yield http


@pytest.fixture
def settings() -> Settings:
    return Settings(fetch_timeout=5.0, fetch_max_redirects=3, fetch_max_bytes=200_000, max_bytes=100_000)


@pytest.fixture
def seed() -> object:
    def read(name: str) -> str:
        matches = sorted(SEEDS.glob(f"{name}_*.txt"))
        if not matches:
            pytest.skip(f"seed {name} not available in {SEEDS}")
        return matches[0].read_text(encoding="utf-8")

    return read
