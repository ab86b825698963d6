"""The ``serve``, ``export`` and ``report`` commands: thin shells over :mod:`realpolitik.serve.http`,
:mod:`realpolitik.serve.export` and :mod:`realpolitik.serve.report`."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from ..errors import RealpolitikError
from .cli import DbOpt, MaxOpt, _actor_id, _fail, _settings, _store, err
from .export import FORMATS

__all__ = ["register"]

ExportFormat = StrEnum("ExportFormat", {name: name for name in FORMATS})  # type: ignore[misc]

AtOpt = Annotated[str | None, typer.Option("--at", help="The network up to this ISO date (YYYY[-MM[-DD]]).")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="Only relations from this ISO date.")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Only relations up to this ISO date.")]
LayerOpt = Annotated[
    str | None, typer.Option("--layer", help="military, economic, diplomatic, rhetorical or violent.")
]


def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to bind (default: loopback only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option("--token", help="Require 'Authorization: Bearer TOKEN' on the API (or $REALPOLITIK_TOKEN)."),
    ] = None,
    max_bytes: MaxOpt = None,
) -> None:
    """Serve the store: the web page at /, the JSON API under /api, its docs at /docs."""
    import uvicorn

    from .http import create_app

    settings = _settings(db=db, max_bytes=max_bytes).with_(token=token)
    new = not Path(settings.db).exists()
    try:
        app = create_app(settings, host=host)
    except RealpolitikError as exc:
        raise _fail(str(exc)) from None
    if host not in ("127.0.0.1", "localhost", "::1") and settings.token is None:
        err.print(f"[yellow]warning:[/yellow] serving on {escape(host)} without --token: anyone who can "
                  "reach this address can read the store and add to it")
    shown = f"[{host}]" if ":" in host else host
    store = f"{settings.db} (a new, empty store)" if new else str(settings.db)
    err.print(escape(f"serving {store} at http://{shown}:{port}/ (API docs at /docs); Ctrl-C stops"))
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="gexf, graphml (Gephi), csv or json.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    at: AtOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    layer: LayerOpt = None,
    db: DbOpt = None,
) -> None:
    """Export the signed network for Gephi (GEXF, GraphML) or as CSV edges or JSON."""
    from ..analysis.graph import build_network
    from .export import export as export_network
    from .routes import blocs_of

    settings = _settings(db=db)
    with _store(settings) as store:
        try:
            G = build_network(store, at=at, since=since, until=until, layer=layer)
            found = blocs_of(G)
            body, _ = export_network(G, format.value, blocs=found["partition"] if found else None)
        except RealpolitikError as exc:
            raise _fail(str(exc)) from None
    _write(body, output)
    err.print(escape(f"{G.number_of_nodes()} actors, {G.number_of_edges()} ties"
                     + (f" written to {output}" if output else "")))


def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")],
    actor: Annotated[str | None, typer.Option("--actor", help="Centre the report on this actor.")] = None,
    at: AtOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    db: DbOpt = None,
) -> None:
    """Write a self-contained HTML report: network, blocs, tensions, dyads, leverage, contradictions."""
    from .report import render_report

    settings = _settings(db=db)
    actor_id = _actor_id(actor)
    with _store(settings) as store:
        try:
            html = render_report(store, actor=actor_id, at=at, since=since, until=until)
        except RealpolitikError as exc:
            raise _fail(str(exc)) from None
    _write(html.encode("utf-8"), output)
    err.print(escape(f"report written to {output}"))


def _write(body: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
        return
    try:
        output.write_bytes(body)
    except OSError as exc:
        raise _fail(f"cannot write {output}: {exc.strerror or exc}") from None


def register(app: typer.Typer) -> None:
    """Add ``serve``, ``export`` and ``report`` to the ``realpolitik`` command."""
    app.command()(serve)
    app.command()(export)
    app.command()(report)
