"""The HTTP server: a FastAPI app over :mod:`realpolitik.api` and :mod:`realpolitik.analysis`.

:func:`create_app` builds it from one :class:`~realpolitik.settings.Settings`. It serves

- the JSON API under ``/api`` (:mod:`realpolitik.serve.routes`), described by ``/openapi.json``;
- the interactive API docs at ``/docs``, whose Swagger UI files come from the installed
  ``fastapi-offline`` package (FastAPI's default page loads them from a CDN);
- the web page at ``/`` (``serve/web/``: plain JavaScript and CSS, no CDN, nothing from outside).

Errors, all of them, have one shape (pinned by a test)::

    {"error": {"code": "not_found", "message": "no document 'x'"}}

``code`` is a stable machine word (:data:`CODES` for HTTP statuses, plus ``input_rejected``,
``unknown_actor``, ``fetch_failed``...); ``message`` is one line for people.

Guards, in the order a request meets them:

1. Host header: when bound to a loopback address only ``127.0.0.1``, ``localhost`` and ``[::1]``
   are accepted, so a web page elsewhere cannot reach the API through DNS rebinding.
2. Writes (POST, PUT, PATCH, DELETE) from another origin (``Origin`` or ``Sec-Fetch-Site``) are
   refused: a page on another site cannot post articles into the analyst's store.
3. Request bodies larger than ``settings.max_bytes`` plus 64 KiB (room for the JSON around a
   pasted article) are refused with 413, whether or not they declare a ``Content-Length``.
4. With ``settings.token`` set, every ``/api`` request needs ``Authorization: Bearer <token>``.
   The page, the docs and the OpenAPI schema stay readable: they hold no data.

Every response carries ``X-Content-Type-Options: nosniff`` and a Content-Security-Policy that
allows nothing but the app's own origin, and no inline script on the page: article text is
escaped by the page, and the policy is a second wall behind it.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from importlib import resources
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import DataError, FetchError, InputRejected, RealpolitikError, StoreError, UsageError
from ..settings import Settings
from ..store import Store

__all__ = ["CODES", "ApiError", "body_limit", "create_app", "error_body"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The ``code`` of an error answered with a bare HTTP status.
CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal_error",
    502: "fetch_failed",
    503: "unavailable",
}

#: Room left in a request body for what surrounds an article (JSON keys, quoting, metadata).
BODY_SLACK = 64 * 1024

_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_WEB = resources.files("realpolitik") / "serve" / "web"
_DOCS_STATIC = "/docs-static"

# The page: its own files only, no inline script or style, no framing.
_CSP_PAGE = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI starts from an inline script that FastAPI writes; still nothing from elsewhere.
_CSP_DOCS = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


class ApiError(Exception):
    """An error answered as ``{"error": {"code", "message"}}`` with an HTTP status.

    >>> ApiError(404, "not_found", "no document 'x'").body()
    {'error': {'code': 'not_found', 'message': "no document 'x'"}}
    """

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.message)


def error_body(code: str, message: str) -> dict[str, Any]:
    """The one error shape of the API.

    >>> error_body("too_large", "request body over 1 MB")
    {'error': {'code': 'too_large', 'message': 'request body over 1 MB'}}
    """
    return {"error": {"code": code, "message": message}}


def body_limit(settings: Settings) -> int:
    """The largest request body accepted: one document of ``max_bytes`` plus room around it.

    >>> body_limit(Settings(max_bytes=1000))
    66536
    """
    return settings.max_bytes + BODY_SLACK


def _json_error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


def _status_of(exc: RealpolitikError) -> tuple[int, str]:
    """The HTTP status and code of a library error."""
    if isinstance(exc, InputRejected):
        return 422, "input_rejected"
    if isinstance(exc, FetchError):
        return 502, "fetch_failed"
    if isinstance(exc, UsageError):
        return 400, "bad_request"
    if isinstance(exc, StoreError):
        return 503, "store_error"
    if isinstance(exc, DataError):
        return 500, "data_error"
    return 500, "internal_error"


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("body", "query", "path"))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return _json_error(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(RealpolitikError)
    async def _library_error(request: Request, exc: RealpolitikError) -> JSONResponse:
        status, code = _status_of(exc)
        return _json_error(status, code, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such resource: {request.url.path}"
        return _json_error(exc.status_code, code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _json_error(422, "invalid_request", _validation_message(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        return _json_error(500, "internal_error", f"internal error ({type(exc).__name__})")


class _BodyTooLarge(StarletteHTTPException):
    """Raised while a body is read past the limit; an HTTPException so FastAPI passes it on."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body over the {limit:,}-byte limit")


class Guard:
    """ASGI middleware: host check, cross-origin writes, body size limit, security headers."""

    def __init__(self, app: ASGIApp, *, limit: int, allowed_hosts: frozenset[str] | None) -> None:
        self.app = app
        self.limit = limit
        self.allowed_hosts = allowed_hosts

    async def _refuse(self, scope: Scope, send: Send, status: int, code: str, message: str) -> None:
        response = _json_error(status, code, message)
        await response(scope, _no_receive, _with_headers(send, "/api"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if self.allowed_hosts is not None and _hostname(host) not in self.allowed_hosts:
            await self._refuse(scope, send, 400, "bad_host", f"unexpected Host header {host!r}")
            return
        if scope["method"] in _UNSAFE:
            origin = headers.get("origin")
            if origin is not None and urlsplit(origin).netloc.lower() != host.lower():
                await self._refuse(scope, send, 403, "cross_origin", "writes from another origin are refused")
                return
            if headers.get("sec-fetch-site") == "cross-site":
                await self._refuse(scope, send, 403, "cross_origin", "writes from another site are refused")
                return
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, send, 413, "too_large", f"request body over the {self.limit:,}-byte limit")
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _BodyTooLarge(self.limit)
            return message

        started = False
        wrapped = _with_headers(send, scope.get("path", "/"))

        async def tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await wrapped(message)

        try:
            await self.app(scope, counted, tracking)
        except _BodyTooLarge:
            if started:
                raise
            await self._refuse(scope, send, 413, "too_large", f"request body over the {self.limit:,}-byte limit")


async def _no_receive() -> Message:  # pragma: no cover - a JSON error response never reads
    return {"type": "http.disconnect"}


def _hostname(host: str) -> str:
    """``Host`` header value without its port: ``[::1]:8000`` -> ``::1``.

    >>> _hostname("127.0.0.1:8000"), _hostname("[::1]:80"), _hostname("LocalHost")
    ('127.0.0.1', '::1', 'localhost')
    """
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if ":" in host else host


def _with_headers(send: Send, path: str) -> Send:
    csp = _CSP_DOCS if path.startswith(("/docs", _DOCS_STATIC)) else _CSP_PAGE

    async def sender(message: Message) -> None:
        if message["type"] == "http.response.start":
            raw = list(message.get("headers", []))
            names = {k.lower() for k, _ in raw}
            extra = {
                b"x-content-type-options": b"nosniff",
                b"referrer-policy": b"no-referrer",
                b"x-frame-options": b"DENY",
                b"content-security-policy": csp.encode(),
            }
            raw.extend((k, v) for k, v in extra.items() if k not in names)
            message["headers"] = raw
        await send(message)

    return sender


def allowed_hosts_for(host: str) -> frozenset[str] | None:
    """The Host names accepted when bound to ``host``: loopback names for loopback, else any.

    >>> sorted(allowed_hosts_for("127.0.0.1")), allowed_hosts_for("0.0.0.0")
    (['127.0.0.1', '::1', 'localhost'], None)
    """
    return _LOOPBACK if host.strip("[]").lower() in _LOOPBACK else None


_bearer = HTTPBearer(auto_error=False, description="The token given to `realpolitik serve --token`.")


def _require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    token: str | None = request.app.state.settings.token
    if token is None:
        return
    given = credentials.credentials if credentials is not None else ""
    if not secrets.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
        raise ApiError(
            401,
            "unauthorized",
            "this server needs a token: send Authorization: Bearer <token>",
            headers={"WWW-Authenticate": "Bearer"},
        )


def create_app(settings: Settings | None = None, *, host: str = "127.0.0.1") -> FastAPI:
    """The FastAPI app serving the store ``settings.db`` (created if missing).

    ``host`` is the address the server binds: on loopback, only loopback ``Host`` headers are
    accepted (see the module docstring).

    >>> paths = create_app(Settings(db=":memory:")).openapi()["paths"]
    >>> "/api/network" in paths, "/api/documents/upload" in paths
    (True, True)
    """
    from fastapi_offline import __file__ as offline_init

    from . import routes

    settings = settings or Settings.from_env()
    if str(settings.db) != ":memory:":
        Store(settings.db).close()  # create the file (and check it) before the first request
    app = FastAPI(
        title="realpolitik",
        version=__version__,
        summary="Relations between actors read from geopolitical news, with the sentences behind them.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    _install_error_handlers(app)
    auth = [Depends(_require_token)] if settings.token else []
    app.include_router(routes.build_router(), dependencies=auth)

    docs_static = Path(offline_init).parent / "static"
    app.mount(_DOCS_STATIC, StaticFiles(directory=docs_static), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="realpolitik API",
            swagger_js_url=f"{_DOCS_STATIC}/swagger-ui-bundle.js",
            swagger_css_url=f"{_DOCS_STATIC}/swagger-ui.css",
            swagger_favicon_url=f"{_DOCS_STATIC}/favicon.png",
            swagger_ui_parameters={"validatorUrl": None, "persistAuthorization": False},
        )

    web = Path(str(_WEB))
    app.mount("/static", StaticFiles(directory=web), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(web / "index.html", media_type="text/html; charset=utf-8")

    app.add_middleware(Guard, limit=body_limit(settings), allowed_hosts=allowed_hosts_for(host))
    return app
