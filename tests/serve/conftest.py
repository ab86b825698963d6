"""Fixtures for the serving tests: the seed articles' store and a real server on 127.0.0.1.

The store is built once per session from ``examples/*.txt`` (copies of the seed corpus, always
in the repository) through the same API the CLI uses; tests that write get their own copy.
The server is uvicorn in a thread, bound to a socket on a free loopback port.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import uvicorn

from realpolitik import api
from realpolitik.ingest import iter_documents
from realpolitik.serve.http import create_app
from realpolitik.settings import Settings
from realpolitik.store import Store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))


class LiveServer:
    """``create_app(settings)`` served by uvicorn in a thread on 127.0.0.1."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.app = create_app(settings)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(self.app, log_level="warning", access_log=False, lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()

    def url(self, path: str) -> str:
        return self.base + path


def build_store(db: Path, paths: list[Path] | None = None) -> Path:
    """Ingest files into a new store at ``db`` with :func:`realpolitik.api.ingest`."""
    settings = Settings(db=db, jobs=1)
    with Store(db) as store:
        items = iter_documents([str(p) for p in (paths or EXAMPLES)], settings=settings)
        report = api.ingest(items, store, jobs=1)
    assert report.added == len(paths or EXAMPLES), report.summary()
    return db


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed articles' store (read-only: tests that write use :func:`fresh_db`)."""
    assert EXAMPLES, "examples/*.txt is missing"
    return build_store(tmp_path_factory.mktemp("seeds") / "seeds.db")


@pytest.fixture
def fresh_db(seeds_db: Path, tmp_path: Path) -> Path:
    """A copy of the seeds' store this test may write to."""
    target = tmp_path / "store.db"
    shutil.copyfile(seeds_db, target)
    return target


@pytest.fixture(scope="session")
def seeds_server(seeds_db: Path) -> Iterator[LiveServer]:
    """A server over the seeds' store, shared by tests that only read."""
    server = LiveServer(Settings(db=seeds_db, jobs=1)).start()
    yield server
    server.stop()


@pytest.fixture
def serve() -> Iterator[Callable[..., LiveServer]]:
    """Start servers with given settings for one test; all are stopped after it."""
    started: list[LiveServer] = []

    def start(db: Path, **changes: object) -> LiveServer:
        server = LiveServer(replace(Settings(db=db, jobs=1), **changes)).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
