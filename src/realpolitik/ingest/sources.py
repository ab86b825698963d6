"""Where documents come from: files, directories, stdin, URLs and feeds, in one batch.

:func:`iter_documents` first *scans* every input (stat for paths, the feed itself for feeds) to
settle each document's id, so that two inputs claiming one id are a :class:`UsageError` before
anything is yielded; then it reads each input through the gate and yields a
:class:`~realpolitik.model.Document` or a :class:`~realpolitik.model.Skip` with the reason. One
bad input never stops the batch.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from realpolitik.errors import FetchError, InputRejected, UsageError
from realpolitik.ingest.feeds import read_feed
from realpolitik.ingest.fetch import fetch, make_client
from realpolitik.ingest.gate import HTML_SUFFIXES, TEXT_SUFFIXES, admit, size_reason
from realpolitik.model import Document, Skip
from realpolitik.settings import Settings

if TYPE_CHECKING:
    import httpx

__all__ = ["SUFFIXES", "iter_documents"]

#: File suffixes read from directories (a file named explicitly is read whatever its suffix).
SUFFIXES: tuple[str, ...] = tuple(sorted(TEXT_SUFFIXES | HTML_SUFFIXES))

STDIN_ID = "stdin"
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


@dataclass(slots=True)
class _Item:
    """One planned input: what to read, under which id, with which metadata."""

    kind: str  # file | stdin | url | skip
    origin: str
    doc_id: str = ""
    path: Path | None = None
    size: int = 0
    meta: dict[str, Any] = field(default_factory=dict)
    skip: Skip | None = None


def _path_skip(origin: str, exc: OSError, *, error: bool = True) -> _Item:
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        reason = "no such file or directory"
    elif isinstance(exc, PermissionError):
        reason = "permission denied"
    else:
        reason = (exc.strerror or str(exc)).lower()
    return _Item("skip", origin, skip=Skip(origin, reason, error=error))


class _Planner:
    """Turns the inputs into an ordered list of items and checks that ids are unique."""

    def __init__(self, meta: dict[str, dict[str, Any]], settings: Settings) -> None:
        self.meta = meta
        self.settings = settings
        self.by_url = {record["url"]: doc_id for doc_id, record in meta.items() if record.get("url")}
        self.items: list[_Item] = []
        self.owner: dict[str, str] = {}  # doc id -> origin that claimed it
        self.clashes: list[str] = []
        self.seen_files: set[tuple[int, int]] = set()

    def claim(self, item: _Item) -> None:
        """Add a readable item unless the same source is already planned; note id clashes."""
        first = self.owner.get(item.doc_id)
        if first == item.origin:
            return  # the same URL twice (an input and a feed entry, two feeds): read once
        if first is not None:
            self.clashes.append(f"{item.doc_id!r} ({first} and {item.origin})")
            return
        self.owner[item.doc_id] = item.origin
        self.items.append(item)

    def add_path(self, origin: str) -> None:
        try:
            info = os.stat(origin)
        except OSError as exc:
            self.items.append(_path_skip(origin, exc))
            return
        if stat.S_ISDIR(info.st_mode):
            self.add_directory(Path(origin))
        else:
            self.add_file(Path(origin), info, explicit=True)

    def add_directory(self, directory: Path) -> None:
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as exc:
            self.items.append(_path_skip(str(directory), exc))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue  # hidden files and directories (.git, .DS_Store)
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                self.add_directory(path)
                continue
            try:
                info = os.stat(path)
            except OSError as exc:
                self.items.append(_path_skip(str(path), exc, error=False))
                continue
            self.add_file(path, info, explicit=False)

    def add_file(self, path: Path, info: os.stat_result, *, explicit: bool) -> None:
        origin = str(path)
        if not stat.S_ISREG(info.st_mode):
            # FIFOs, sockets, devices, linked directories: never opened, so nothing blocks.
            self.items.append(_Item("skip", origin, skip=Skip(origin, "not a regular file")))
            return
        if (info.st_dev, info.st_ino) in self.seen_files:
            return  # named twice (a file and its directory): read once
        self.seen_files.add((info.st_dev, info.st_ino))
        suffix = path.suffix.lower()
        if not explicit and suffix not in SUFFIXES:
            reason = f"not a text or HTML file ({suffix or 'no suffix'})"
            self.items.append(_Item("skip", origin, skip=Skip(origin, reason)))
            return
        doc_id = path.stem if path.stem else path.name
        self.claim(
            _Item("file", origin, doc_id, path=path, size=info.st_size, meta=self.meta.get(doc_id, {}))
        )

    def add_url(self, url: str, extra: dict[str, Any] | None = None) -> None:
        doc_id = self.by_url.get(url, url)
        merged = dict(extra or {})
        merged.update({key: value for key, value in self.meta.get(doc_id, {}).items() if value is not None})
        self.claim(_Item("url", url, doc_id, meta=merged))

    def add_stdin(self) -> None:
        self.claim(_Item("stdin", "<stdin>", STDIN_ID, meta=self.meta.get(STDIN_ID, {})))

    def add_feed(
        self, feed_url: str, client: httpx.Client | None, skip_ids: Callable[[str], bool] | None
    ) -> None:
        try:
            entries = read_feed(feed_url, settings=self.settings, client=client)
        except FetchError as exc:
            self.items.append(_Item("skip", feed_url, skip=Skip(feed_url, str(exc), error=True)))
            return
        for entry in entries:
            doc_id = self.by_url.get(entry.link, entry.link)
            if self.owner.get(doc_id) == entry.link:
                continue
            if skip_ids is not None and skip_ids(doc_id):
                self.items.append(_Item("skip", entry.link, skip=Skip(entry.link, "already stored")))
                continue
            extra = {"url": entry.link, "title": entry.title, "published": entry.published}
            self.add_url(entry.link, {key: value for key, value in extra.items() if value})


def _read_file(item: _Item, settings: Settings) -> Document | Skip:
    assert item.path is not None
    if item.size > settings.max_bytes:
        return Skip(item.origin, size_reason(item.size, settings.max_bytes))
    try:
        # O_NONBLOCK: if the file was swapped for a FIFO since the scan, opening must not hang.
        fd = os.open(item.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        skip = _path_skip(item.origin, exc).skip
        assert skip is not None
        return skip
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return Skip(item.origin, "not a regular file")
        raw = _read_at_most(handle, settings.max_bytes + 1, info.st_size)  # never more than the limit
    return _admit(raw, item, settings)


def _read_at_most(handle: BinaryIO, limit: int, size: int) -> bytes:
    """The first ``limit`` bytes of ``handle`` (all of them if fewer), asking first for the
    ``size`` the file had when opened: ``read(limit)`` would allocate ``limit`` bytes for each
    small file."""
    first = min(limit, size + 1)
    raw = handle.read(first)
    if len(raw) == first < limit:  # the file grew since: read on, up to the limit
        raw += handle.read(limit - first)
    return raw


def _admit(raw: bytes, item: _Item, settings: Settings, content_type: str | None = None) -> Document | Skip:
    try:
        return admit(
            raw,
            doc_id=item.doc_id,
            origin=item.origin,
            content_type=content_type,
            meta=item.meta,
            max_bytes=settings.max_bytes,
        )
    except InputRejected as exc:
        return Skip(item.origin, exc.reason)


def _read_url(item: _Item, settings: Settings, client: httpx.Client | None) -> Document | Skip:
    try:
        fetched = fetch(item.origin, settings=settings, client=client)
    except FetchError as exc:
        return Skip(item.origin, str(exc), error=True)
    item.meta.setdefault("url", fetched.final_url)
    return _admit(fetched.body, item, settings, content_type=fetched.content_type)


def iter_documents(
    inputs: Sequence[str],
    *,
    settings: Settings,
    meta: dict[str, dict[str, Any]] | None = None,
    feeds: Sequence[str] = (),
    stdin: BinaryIO | None = None,
    skip_ids: Callable[[str], bool] | None = None,
    client: httpx.Client | None = None,
) -> Iterator[Document | Skip]:
    """Yield a Document or a Skip for every input, in input order (directories sorted).

    ``inputs`` are paths (files, directories read recursively for :data:`SUFFIXES`, hidden
    entries skipped), ``-`` for ``stdin`` (id ``stdin``), and http(s) URLs (id: the URL, or the
    ``meta`` id whose ``url`` it is); ``feeds`` are RSS/Atom URLs whose entries are fetched
    unless ``skip_ids(id)`` says they are stored already. A file's id is its name without the
    suffix. Raises :class:`UsageError` before yielding anything if two inputs share an id.

    >>> import io
    >>> stdin = io.BytesIO(b"Iran and Iraq signed a border treaty on Monday.")
    >>> [(doc.id, doc.text[:13]) for doc in iter_documents(["-"], settings=Settings(), stdin=stdin)]
    [('stdin', 'Iran and Iraq')]
    """
    meta = meta or {}
    needs_network = bool(feeds) or any(_URL.match(value) for value in inputs)
    own_client = client is None and needs_network
    http = make_client(settings) if own_client else client
    try:
        planner = _Planner(meta, settings)
        for value in inputs:
            if value == "-":
                planner.add_stdin()
            elif _URL.match(value):
                planner.add_url(value)
            else:
                planner.add_path(value)
        for feed_url in feeds:
            planner.add_feed(feed_url, http, skip_ids)
        if planner.clashes:
            raise UsageError("duplicate document id " + "; ".join(planner.clashes))
        for item in planner.items:
            if item.kind == "skip":
                assert item.skip is not None
                yield item.skip
            elif item.kind == "file":
                yield _read_file(item, settings)
            elif item.kind == "stdin":
                stream = stdin if stdin is not None else sys.stdin.buffer
                yield _admit(stream.read(settings.max_bytes + 1), item, settings)
            else:
                yield _read_url(item, settings, http)
    finally:
        if own_client and http is not None:
            http.close()
