"""The JSON endpoints: each one opens the store, calls one function of the API or the analysis
engine, and returns its plain data. No SQL and no NLP here.

Read: ``/api/meta``, ``/api/stats``, ``/api/actors``, ``/api/actors/{actor}``, ``/api/relations``,
``/api/search``, ``/api/documents``, ``/api/documents/{id}``, ``/api/network``,
``/api/export/{format}``, and from :mod:`realpolitik.analysis`: ``/api/balance``, ``/api/blocs``,
``/api/infer``, ``/api/dyads/{a}/{b}``, ``/api/leverage``, ``/api/contradictions``,
``/api/actors/{actor}/brief``. Write: ``POST /api/documents`` (pasted text or HTML, or a URL to
fetch) and ``POST /api/documents/upload?name=FILE`` (the file's bytes as the body), through the
same gate, extractor and store as ``realpolitik ingest``, with the same idempotency.

An analysis endpoint is registered only when this version of :mod:`realpolitik.analysis` has its
function (:data:`OPTIONAL`); ``/api/meta`` says which are there.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePosixPath, PureWindowsPath
from typing import Annotated, Any

import networkx as nx
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from .. import __version__, api
from ..analysis.graph import build_network, network_dict
from ..errors import InputRejected
from ..ingest import admit, iter_documents
from ..ingest.gate import size_reason
from ..knowledge import Knowledge, cached_knowledge
from ..model import Document, Extraction, Relation, Skip
from ..ontology import LAYERS, MODALITIES, RELATION_TYPES
from ..settings import Settings
from ..store import Store
from . import export as export_mod
from .http import ApiError

__all__ = ["build_router", "relation_dict"]

Layer = StrEnum("Layer", {name: name for name in LAYERS})  # type: ignore[misc]
RelationType = StrEnum("RelationType", {name: name for name in RELATION_TYPES})  # type: ignore[misc]
Modality = StrEnum("Modality", {name: name for name in MODALITIES})  # type: ignore[misc]
ExportFormat = StrEnum("ExportFormat", {name: name for name in export_mod.FORMATS})  # type: ignore[misc]

#: Extraction is serialised: one document at a time through the extractor and the store.
_INGEST_LOCK = threading.Lock()


# --- plumbing ----------------------------------------------------------------------------------


def _settings(request: Request) -> Settings:
    return request.app.state.settings


def open_store(request: Request) -> Store:
    """A connection to the app's store, opened in the thread that uses it (SQLite connections
    may not cross threads, and FastAPI runs dependencies and endpoints on different ones)."""
    return Store(_settings(request).db)


def _knowledge(request: Request) -> Knowledge:
    return cached_knowledge(tuple(str(p) for p in _settings(request).actors_files))


def analysis_function(name: str) -> Callable[..., Any] | None:
    """The analysis engine's public function ``name``, or None if this version lacks it."""
    import realpolitik.analysis as analysis

    fn = getattr(analysis, name, None)
    return fn if callable(fn) and not isinstance(fn, type(analysis)) else None


def relation_dict(r: Relation) -> dict[str, Any]:
    """A stored relation as the ontology's record plus ``date_source``, ``layer`` and ``sign``.

    >>> r = Relation("d", "ISR", "arms_supply", "AZE", "asserted", "Israel arms Azerbaijan.", (0, 23))
    >>> d = relation_dict(r)
    >>> d["layer"], d["sign"], d["date_source"]
    ('military', 1, 'text')
    """
    rt = RELATION_TYPES.get(r.relation)
    return r.to_record() | {
        "date_source": r.date_source,
        "layer": rt.layer if rt else None,
        "sign": rt.sign if rt else None,
    }


def _actor(request: Request, text: str) -> str:
    """An actor id from an id or a name (``AZE``, ``aze``, ``Azerbaijan``)."""
    k = _knowledge(request)
    if text.upper() in k.actors:
        return text.upper()
    low = text.strip().lower()
    for a in k.actors.values():
        if low in (n.lower() for n in (a.name, *a.names)):
            return a.id
    raise ApiError(404, "unknown_actor", f"unknown actor {text!r} (use an id such as ISR, or a country name)")


@dataclass(frozen=True, slots=True)
class Window:
    """The network filters shared by every endpoint that builds the signed network."""

    at: str | None
    since: str | None
    until: str | None
    layer: str | None
    types: list[str] | None

    def network(self, request: Request) -> nx.Graph:
        with open_store(request) as store:
            return build_network(store, at=self.at, since=self.since, until=self.until, layer=self.layer,
                                 types=self.types)


def window(
    at: Annotated[str | None, Query(description="Everything up to this ISO date (YYYY[-MM[-DD]]).")] = None,
    since: Annotated[str | None, Query(description="From this ISO date, inclusive.")] = None,
    until: Annotated[str | None, Query(description="Up to this ISO date, inclusive.")] = None,
    layer: Annotated[Layer | None, Query(description="Only relation types of this layer.")] = None,
    type: Annotated[list[RelationType] | None, Query(description="Only these relation types (repeat).")] = None,
) -> Window:
    return Window(at, since, until, layer.value if layer else None, [t.value for t in type] if type else None)


WindowDep = Annotated[Window, Depends(window)]


def _names(request: Request, ids: Any) -> dict[str, str]:
    k = _knowledge(request)
    return {i: k.name(i) for i in ids}


def _plain(obj: Any) -> Any:
    """Tuples to lists, recursively, so results read the same as JSON."""
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set | frozenset):
        return [_plain(v) for v in obj]
    if hasattr(obj, "to_dict"):
        return _plain(obj.to_dict())
    return obj


# --- read endpoints ----------------------------------------------------------------------------


def _meta(request: Request) -> dict[str, Any]:
    """What this server offers: versions, limits, the ontology's layers and types, features."""
    settings = _settings(request)
    return {
        "version": __version__,
        "extractor_version": api.EXTRACTOR_VERSION,
        "auth": settings.token is not None,
        "max_bytes": settings.max_bytes,
        "layers": list(LAYERS),
        "modalities": list(MODALITIES),
        "types": [
            {"name": t.name, "layer": t.layer, "sign": t.sign, "symmetric": t.symmetric}
            for t in RELATION_TYPES.values()
        ],
        "features": {name: analysis_function(name) is not None for name in OPTIONAL},
        "export_formats": list(export_mod.FORMATS),
    }


def _stats(request: Request) -> dict[str, Any]:
    """Counts of the store and the first and last relation dates (for the time filter)."""
    with open_store(request) as store:
        dates = sorted(r.date for r in store.relations() if r.date)
        counts = store.stats()
    return counts | {"first_date": dates[0] if dates else None, "last_date": dates[-1] if dates else None}


def _actors(request: Request) -> list[dict[str, Any]]:
    """Every actor in the store with its name and counts, most relations first."""
    k = _knowledge(request)
    with open_store(request) as store:
        rows = store.actors()
    out = []
    for row in rows:
        a = k.actor(row["id"])
        out.append(row | {"name": k.name(row["id"]), "kind": a.kind if a else None})
    return out


def _actor_view(request: Request, actor: Annotated[str, Path(description="Id or name.")]) -> dict[str, Any]:
    """One actor: its name, counts and every relation it is part of."""
    aid = _actor(request, actor)
    k = _knowledge(request)
    a = k.actor(aid)
    with open_store(request) as store:
        row = next((r for r in store.actors() if r["id"] == aid), None)
        relations = store.relations(actor=aid)
    row = row or {"id": aid, "mentions": 0, "documents": 0, "relations": 0}
    return row | {
        "name": k.name(aid),
        "kind": a.kind if a else None,
        "relation_list": [relation_dict(r) for r in relations],
    }


def _relations(
    request: Request,
    actor: Annotated[str | None, Query(description="Either end is this actor (id or name).")] = None,
    other: Annotated[str | None, Query(description="With actor: the other end.")] = None,
    source: Annotated[str | None, Query(description="The source is this actor.")] = None,
    target: Annotated[str | None, Query(description="The target is this actor.")] = None,
    type: Annotated[list[RelationType] | None, Query(description="Relation types (repeat).")] = None,
    sign: Annotated[int | None, Query(ge=-1, le=1, description="-1, 0 or 1.")] = None,
    modality: Annotated[Modality | None, Query()] = None,
    since: Annotated[str | None, Query(description="ISO date, inclusive.")] = None,
    until: Annotated[str | None, Query(description="ISO date, inclusive.")] = None,
    doc: Annotated[str | None, Query(description="Only this document.")] = None,
    limit: Annotated[int | None, Query(ge=1, le=100_000)] = None,
) -> list[dict[str, Any]]:
    """Stored relations matching every filter given (dates: the relation's, else its document's)."""
    ids = {name: _actor(request, value) if value else None
           for name, value in (("actor", actor), ("other", other), ("source", source), ("target", target))}
    with open_store(request) as store:
        rows = store.relations(
            **ids,
            types=[t.value for t in type] if type else None,
            sign=sign,
            modality=modality.value if modality else None,
            since=since,
            until=until,
            doc=doc,
            limit=limit,
        )
    return [relation_dict(r) for r in rows]


def _search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words the evidence must hold.")],
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> list[dict[str, Any]]:
    """Relations whose evidence sentence holds every word of ``q`` (best first)."""
    with open_store(request) as store:
        return [relation_dict(r) for r in store.search(q, limit=limit)]


def _documents(request: Request) -> list[dict[str, Any]]:
    """Stored documents with their dates and relation counts."""
    with open_store(request) as store:
        return store.documents()


def _document(request: Request, doc_id: Annotated[str, Path(description="Document id (may be a URL).")]
              ) -> dict[str, Any]:
    """A document's cleaned text with its sentences, actor mentions and relations (offsets in the text)."""
    with open_store(request) as store:
        doc = store.document(doc_id)
        if doc is None:
            raise ApiError(404, "not_found", f"no document {doc_id!r}")
        sentences = store.sentences(doc.id)
        mentions = store.mentions(doc.id)
        relations = store.relations(doc=doc.id)
    return {
        "id": doc.id,
        "title": doc.title,
        "date": doc.date,
        "url": doc.url,
        "origin": doc.origin,
        "hash": doc.hash,
        "text": doc.text,
        "sentences": [{"start": s.start, "end": s.end} for s in sentences],
        "mentions": [
            {"actor": m.actor, "start": m.start, "end": m.end, "text": m.text, "kind": m.kind} for m in mentions
        ],
        "relations": [relation_dict(r) for r in relations],
    }


def _network(request: Request, w: WindowDep) -> dict[str, Any]:
    """The signed network (asserted relations), each edge with the relations and sentences under it."""
    G = w.network(request)
    data = network_dict(G)
    data["at"] = w.at
    data["types"] = w.types
    data["names"] = _names(request, G.nodes)
    return data


def _balance(
    request: Request,
    w: WindowDep,
    time_limit: Annotated[float, Query(gt=0, le=120, description="Seconds for the exact solver.")] = 10.0,
) -> dict[str, Any]:
    """Structural balance: frustration index, the two blocs, triad census, tensions with evidence."""
    G = w.network(request)
    data = _plain(_required("balance_report")(G, time_limit=time_limit))
    data["names"] = _names(request, G.nodes)
    return data


def blocs_of(G: nx.Graph, k: int = 2, *, time_limit: float | None = 10.0) -> dict[str, Any] | None:
    """The analysis engine's blocs of a network, with ``partition`` (actor -> bloc index) added;
    None when this version of the engine has no ``blocs``."""
    fn = analysis_function("blocs")
    if fn is None:
        return None
    data = _plain(fn(G, k=k, time_limit=time_limit))
    data.setdefault("partition", {x: i for i, members in enumerate(data.get("blocs", [])) for x in members})
    return data


def _blocs(
    request: Request,
    w: WindowDep,
    k: Annotated[int, Query(ge=2, le=10, description="Most blocs allowed.")] = 2,
    time_limit: Annotated[float, Query(gt=0, le=120, description="Seconds for the exact solver.")] = 10.0,
) -> dict[str, Any]:
    """The split of actors into at most k opposed blocs that leaves the least frustration."""
    G = w.network(request)
    data = blocs_of(G, k, time_limit=time_limit) or {}
    data["names"] = _names(request, G.nodes)
    return data


def _infer(request: Request, w: WindowDep) -> list[dict[str, Any]]:
    """Signs implied by common neighbours ("the enemy of my enemy") for unlinked or contested pairs."""
    G = w.network(request)
    return _plain(_required("infer")(G))


def _dyad(
    request: Request,
    a: Annotated[str, Path(description="Actor id or name.")],
    b: Annotated[str, Path(description="Actor id or name.")],
    since: Annotated[str | None, Query(description="ISO date, inclusive.")] = None,
    until: Annotated[str | None, Query(description="ISO date, inclusive.")] = None,
) -> dict[str, Any]:
    """A pair of actors: relations by layer, signed score, timeline by year, quantities, evidence."""
    fn = _required("dyad")
    with open_store(request) as store:
        return _plain(fn(store, _actor(request, a), _actor(request, b), since=since, until=until))


def _leverage(
    request: Request,
    actor: Annotated[str | None, Query(description="Only dependencies involving this actor.")] = None,
) -> list[dict[str, Any]]:
    """Asymmetric dependencies from quantified supply relations (supplier, dependent, good, share)."""
    fn = _required("leverage")
    with open_store(request) as store:
        return _plain(fn(store, actor=_actor(request, actor) if actor else None))


def _contradictions(request: Request) -> list[dict[str, Any]]:
    """Where sources disagree: quantities, references, dates, asserted vs negated, opposite signs."""
    fn = _required("contradictions")
    with open_store(request) as store:
        return _plain(fn(store))


def _brief(request: Request, actor: Annotated[str, Path(description="Id or name.")]) -> dict[str, Any]:
    """An analyst's brief on one actor: allies, adversaries, dependencies, tensions, with sources."""
    fn = _required("brief")
    with open_store(request) as store:
        return _plain(fn(store, _actor(request, actor)))


def _export(
    request: Request,
    w: WindowDep,
    format: Annotated[ExportFormat, Path(description="gexf, graphml, csv or json.")],
) -> Response:
    """The signed network as a file for Gephi (GEXF, GraphML), a spreadsheet (CSV) or a program (JSON)."""
    G = w.network(request)
    found = blocs_of(G)
    body, media = export_mod.export(G, format.value, blocs=found["partition"] if found else None)
    return Response(
        body,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="realpolitik-network.{format.value}"'},
    )


def _required(name: str) -> Callable[..., Any]:
    fn = analysis_function(name)
    if fn is None:  # pragma: no cover - the route exists only when the function does
        raise ApiError(404, "not_found", f"this version has no {name} analysis")
    return fn


#: Endpoints served only when :mod:`realpolitik.analysis` has the function of that name.
OPTIONAL: dict[str, tuple[str, Callable[..., Any], str]] = {
    "balance_report": ("/balance", _balance, "Structural balance"),
    "blocs": ("/blocs", _blocs, "Blocs"),
    "infer": ("/infer", _infer, "Implied signs"),
    "dyad": ("/dyads/{a}/{b}", _dyad, "A dyad's profile and timeline"),
    "leverage": ("/leverage", _leverage, "Dependencies and leverage"),
    "contradictions": ("/contradictions", _contradictions, "Where sources disagree"),
    "brief": ("/actors/{actor}/brief", _brief, "An actor's brief"),
}


# --- write endpoints ---------------------------------------------------------------------------


class IngestRequest(BaseModel):
    """An article to ingest: its text (plain or an HTML page) or a URL to fetch."""

    text: str | None = Field(None, description="The article: plain text or a whole HTML page.")
    url: str | None = Field(None, description="Fetch this http(s) page instead (text must be empty).")
    id: str | None = Field(None, max_length=500, description="Document id (default: from the content).")
    title: str | None = Field(None, max_length=1000)
    date: str | None = Field(None, max_length=40, description="Publication date (ISO or a common form).")
    content_type: str | None = Field(
        None, max_length=100, description="text/html or text/plain; default: recognised from the text."
    )


def _ingest_one(request: Request, store: Store, item: Document | Skip) -> dict[str, Any]:
    """Run one gate result through :func:`realpolitik.api.ingest`; the status and what is stored."""
    if isinstance(item, Skip):
        if item.error:
            raise ApiError(502, "fetch_failed", f"{item.origin}: {item.reason}")
        raise ApiError(422, "input_rejected", f"{item.origin}: {item.reason}")
    settings = _settings(request)
    statuses: list[str] = []

    def seen(out: Extraction | Skip, status: str) -> None:
        statuses.append(status)

    with _INGEST_LOCK:
        report = api.ingest([item], store, jobs=1, actors_files=settings.actors_files, on_item=seen)
    if report.skipped:
        raise ApiError(422, "input_rejected", f"{item.origin or item.id}: {report.skipped[0].reason}")
    summary = next((d for d in store.documents() if d["id"] == item.id), {"id": item.id})
    return {
        "status": statuses[0] if statuses else "unchanged",
        "document": summary,
        "relations": [relation_dict(r) for r in store.relations(doc=item.id)],
        "report": {
            "added": report.added,
            "replaced": report.replaced,
            "unchanged": report.unchanged,
            "relations_written": report.relations,
            "summary": report.summary(),
        },
    }


def _admit(request: Request, raw: bytes, *, doc_id: str, origin: str, content_type: str | None,
           meta: dict[str, Any]) -> Document:
    settings = _settings(request)
    if len(raw) > settings.max_bytes:
        raise ApiError(413, "too_large", f"{origin}: {size_reason(len(raw), settings.max_bytes)}")
    try:
        return admit(raw, doc_id=doc_id, origin=origin, content_type=content_type, meta=meta,
                     max_bytes=settings.max_bytes)
    except InputRejected as exc:
        raise ApiError(422, "input_rejected", f"{origin}: {exc.reason}") from None


def _post_document(request: Request, body: IngestRequest, response: Response) -> dict[str, Any]:
    """Ingest pasted text, a pasted HTML page or a fetched URL (same pipeline as `realpolitik ingest`).

    Identical content again is ``unchanged``; without an ``id`` the id is derived from the content,
    so pasting the same article twice stores it once; changed content under a given ``id`` is
    ``replaced``. Status 201 when a document was added, 200 otherwise.
    """
    if bool(body.text) == bool(body.url):
        raise ApiError(422, "invalid_request", "give either text or url")
    meta = {k: v for k, v in (("published", body.date), ("title", body.title)) if v}
    if body.url:
        if not body.url.lower().startswith(("http://", "https://")):
            raise ApiError(422, "invalid_request", "url must start with http:// or https://")
        # Keyed by the id wanted (or the URL itself): the planner then names the document so.
        records = {body.id or body.url: meta | {"url": body.url}}
        items = list(iter_documents([body.url], settings=_settings(request), meta=records))
        item: Document | Skip = items[0] if items else Skip(body.url, "nothing fetched", error=True)
    else:
        assert body.text is not None
        raw = body.text.encode("utf-8")
        doc_id = body.id or "paste-" + hashlib.sha256(raw).hexdigest()[:16]
        item = _admit(request, raw, doc_id=doc_id, origin=doc_id, content_type=body.content_type, meta=meta)
    with open_store(request) as store:
        result = _ingest_one(request, store, item)
    if result["status"] == "added":
        response.status_code = 201
    return result


async def _read_body(request: Request, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "too_large", f"upload: {size_reason(size, limit)}")
        chunks.append(chunk)
    return b"".join(chunks)


async def _upload(
    request: Request,
    response: Response,
    name: Annotated[str, Query(min_length=1, max_length=255, description="The file's name, e.g. article.html.")],
) -> dict[str, Any]:
    """Ingest an uploaded file (its bytes as the request body), as `realpolitik ingest FILE` would:
    the id is the file name without its suffix; HTML is recognised by the suffix or content type."""
    base = PureWindowsPath(PurePosixPath(name).name).name  # never a path, whatever the client sends
    stem = PurePosixPath(base).stem
    if not stem or stem.startswith("."):
        raise ApiError(422, "invalid_request", f"unusable file name {name!r}")
    settings = _settings(request)
    raw = await _read_body(request, settings.max_bytes)
    content_type = request.headers.get("content-type")
    if content_type and content_type.split(";")[0].strip().lower() in ("application/octet-stream", ""):
        content_type = None

    def work() -> dict[str, Any]:
        doc = _admit(request, raw, doc_id=stem, origin=base, content_type=content_type, meta={})
        with open_store(request) as store:
            return _ingest_one(request, store, doc)

    result = await run_in_threadpool(work)
    if result["status"] == "added":
        response.status_code = 201
    return result


# --- the router --------------------------------------------------------------------------------


def build_router() -> APIRouter:
    """The ``/api`` router, with the analysis endpoints this version of the engine supports."""
    r = APIRouter(prefix="/api")
    r.add_api_route("/meta", _meta, methods=["GET"], tags=["meta"], summary="What this server offers")
    r.add_api_route("/stats", _stats, methods=["GET"], tags=["meta"], summary="Store counts and date range")
    r.add_api_route("/actors", _actors, methods=["GET"], tags=["store"], summary="Actors")
    r.add_api_route("/relations", _relations, methods=["GET"], tags=["store"], summary="Relations, filtered")
    r.add_api_route("/search", _search, methods=["GET"], tags=["store"], summary="Search evidence text")
    r.add_api_route("/documents", _documents, methods=["GET"], tags=["documents"], summary="Documents")
    r.add_api_route("/documents", _post_document, methods=["POST"], tags=["documents"],
                    summary="Ingest pasted text, an HTML page or a URL")
    r.add_api_route(
        "/documents/upload", _upload, methods=["POST"], tags=["documents"], summary="Ingest an uploaded file",
        openapi_extra={"requestBody": {"required": True, "content": {
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
        }}},
    )
    r.add_api_route("/documents/{doc_id:path}", _document, methods=["GET"], tags=["documents"],
                    summary="A document with mentions and relations")
    r.add_api_route("/network", _network, methods=["GET"], tags=["analysis"], summary="The signed network")
    r.add_api_route("/export/{format}", _export, methods=["GET"], tags=["analysis"],
                    summary="The network as GEXF, GraphML, CSV or JSON", response_class=Response)
    for name, (path, endpoint, summary) in OPTIONAL.items():
        if analysis_function(name) is not None:
            r.add_api_route(path, endpoint, methods=["GET"], tags=["analysis"], summary=summary)
    # After /actors/{actor}/brief, so that route wins over this one.
    r.add_api_route("/actors/{actor}", _actor_view, methods=["GET"], tags=["store"], summary="One actor")
    return r
