"""The ``realpolitik`` command: a thin shell over :mod:`realpolitik.api`.

Exit status: 0 when every input was processed or skipped for a stated reason; 2 for usage
errors, missing paths and failed fetches (the rest of the batch is still processed).
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .. import api
from ..errors import RealpolitikError
from ..ingest import iter_documents, load_meta
from ..knowledge import cached_knowledge
from ..model import Extraction, Skip
from ..ontology import RELATION_TYPES
from ..settings import Settings

app = typer.Typer(
    name="realpolitik",
    help="Read geopolitical news and turn it into an evidence-backed model of who does what to whom.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# soft_wrap: a message stays one line whatever its length (batch logs are read by grep);
# user text (paths, ids, evidence) always goes through escape(), or "[b]" in a name would vanish.
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False)
#: Width of tables written to a file or a pipe, where there is no terminal width to follow.
TABLE_WIDTH = 200


class Format(StrEnum):
    jsonl = "jsonl"
    table = "table"


DbOpt = Annotated[Path | None, typer.Option("--db", help="SQLite file (default ./realpolitik.db or $REALPOLITIK_DB).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable JSON output.")]
ActorsOpt = Annotated[
    list[Path] | None, typer.Option("--actors", help="Extra actors/officials file (JSONL, package format).")
]
InputsArg = Annotated[list[str] | None, typer.Argument(help="Files, directories, URLs, or - for stdin.")]
MetaOpt = Annotated[Path | None, typer.Option("--meta", help="JSONL with id, published, url, title per document.")]
JobsOpt = Annotated[int | None, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")]
MaxOpt = Annotated[int | None, typer.Option("--max-bytes", help="Largest input accepted (default 20 MB).")]


def _settings(db: Path | None = None, jobs: int | None = None, max_bytes: int | None = None,
              actors: list[Path] | None = None) -> Settings:
    s = Settings.from_env()
    return s.with_(db=db, jobs=jobs, max_bytes=max_bytes,
                   actors_files=tuple(actors) + s.actors_files if actors else None)


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(code)


def _report_skip(s: Skip) -> None:
    colour = "red" if s.error else "yellow"
    err.print(f"[{colour}]skipped[/{colour}] {escape(s.origin)}: {escape(s.reason)}")


def _progress(total: int | None) -> Progress | None:
    if not sys.stderr.isatty():
        return None
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True)


def _inputs(inputs: list[str] | None, feeds: list[str] | None) -> list[str]:
    if not inputs and not feeds:
        raise _fail("give at least one file, directory, URL or - (stdin)")
    return list(inputs or [])


@app.command()
def extract(
    inputs: InputsArg = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="jsonl (the ontology's records) or table.")] = Format.jsonl,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    meta: MetaOpt = None,
    jobs: JobsOpt = None,
    max_bytes: MaxOpt = None,
    actors: ActorsOpt = None,
) -> None:
    """Extract relations from documents and print them (no store needed)."""
    settings = _settings(jobs=jobs, max_bytes=max_bytes, actors=actors)
    show_progress = sys.stderr.isatty()
    try:
        meta_map = load_meta(meta) if meta else None
        items = iter_documents(_inputs(inputs, None), settings=settings, meta=meta_map, stdin=sys.stdin.buffer)
        if show_progress:
            items = list(items)  # the bar needs its total; without one, reading overlaps extraction
    except RealpolitikError as exc:
        raise _fail(str(exc)) from None
    n_docs = sum(1 for i in items if not isinstance(i, Skip)) if show_progress else None
    try:
        sink = output.open("w", encoding="utf-8") if output else sys.stdout
    except OSError as exc:
        raise _fail(f"cannot write {output}: {exc.strerror or exc}") from None
    errors = 0
    rows: list = []
    progress = _progress(n_docs) if show_progress else None
    task = progress.add_task("extracting", total=n_docs) if progress else None
    try:
        if progress:
            progress.start()
        for res in api.extract_stream(items, jobs=settings.jobs, actors_files=settings.actors_files):
            if isinstance(res, Skip):
                _report_skip(res)
                errors += res.error
                continue
            if progress and task is not None:
                progress.advance(task)
            for r in res.relations:
                if format is Format.jsonl:
                    sink.write(json.dumps(r.to_record(), ensure_ascii=False) + "\n")
                else:
                    rows.append(r)
        if format is Format.table:
            _relation_table(rows, _table_console(sink))
    except RealpolitikError as exc:
        raise _fail(str(exc)) from None
    finally:
        if progress:
            progress.stop()
        if output:
            sink.close()
    raise typer.Exit(2 if errors else 0)


@app.command()
def ingest(
    inputs: InputsArg = None,
    db: DbOpt = None,
    meta: MetaOpt = None,
    feed: Annotated[list[str] | None, typer.Option("--feed", help="RSS/Atom feed URL: ingest each entry's page.")] = None,
    jobs: JobsOpt = None,
    max_bytes: MaxOpt = None,
    actors: ActorsOpt = None,
) -> None:
    """Extract documents and store them (idempotent: identical content again changes nothing)."""
    settings = _settings(db=db, jobs=jobs, max_bytes=max_bytes, actors=actors)
    if not inputs and not feed:  # before opening the store, so no empty database is left behind
        raise _fail("give at least one file, directory, URL, - (stdin) or --feed URL")
    try:
        meta_map = load_meta(meta) if meta else None
        with api.Store(settings.db) as store:
            items = iter_documents(list(inputs or []), settings=settings, meta=meta_map, feeds=feed or (),
                                   stdin=sys.stdin.buffer, skip_ids=store.has)

            def show(item: Extraction | Skip, status: str) -> None:
                if isinstance(item, Skip) and status == "skipped":
                    _report_skip(item)

            report = api.ingest(items, store, jobs=settings.jobs, actors_files=settings.actors_files,
                                on_item=show)
    except RealpolitikError as exc:
        raise _fail(str(exc)) from None
    err.print(escape(f"{settings.db}: {report.summary()}"))
    raise typer.Exit(2 if report.errors else 0)


@app.command()
def reextract(
    db: DbOpt = None,
    all_documents: Annotated[bool, typer.Option("--all", help="Re-run on every document, not only older versions.")] = False,
    jobs: JobsOpt = None,
    actors: ActorsOpt = None,
) -> None:
    """Re-run extraction on stored documents after the rules improved."""
    settings = _settings(db=db, jobs=jobs, actors=actors)
    with _store(settings) as store:
        report = api.reextract(store, jobs=settings.jobs, actors_files=settings.actors_files,
                               all_documents=all_documents)
    err.print(escape(f"{settings.db}: {report.replaced} re-extracted, {report.unchanged} unchanged; "
                     f"{report.relations} relations written"))


@app.command()
def delete(doc: Annotated[str, typer.Argument(help="Document id.")], db: DbOpt = None) -> None:
    """Remove a document and everything extracted from it."""
    settings = _settings(db=db)
    with _store(settings) as store:
        if not store.delete(doc):
            raise _fail(f"no document {doc!r} in {settings.db}")
    err.print(f"deleted {escape(doc)}")


@app.command()
def documents(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Documents in the store with their dates and relation counts."""
    with _store(_settings(db=db)) as store:
        docs = store.documents()
    if as_json:
        out.print_json(data=docs)
        return
    t = Table("id", "date", "relations", "title")
    for d in docs:
        t.add_row(*map(escape, (d["id"], d["date"] or "", str(d["n_relations"]), (d["title"] or "")[:60])))
    out.print(t)


@app.command()
def actors(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Actors in the store with their mention, document and relation counts."""
    settings = _settings(db=db)
    k = cached_knowledge(tuple(str(p) for p in settings.actors_files))
    with _store(settings) as store:
        rows = store.actors()
    for r in rows:
        r["name"] = k.name(r["id"])
    if as_json:
        out.print_json(data=rows)
        return
    t = Table("id", "name", "mentions", "documents", "relations")
    for r in rows:
        t.add_row(*map(escape, (r["id"], r["name"], str(r["mentions"]), str(r["documents"]), str(r["relations"]))))
    out.print(t)


@app.command()
def relations(
    actor: Annotated[str | None, typer.Option("--actor", help="Either end is this actor id.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="Relation type, e.g. arms_supply.")] = None,
    modality: Annotated[str | None, typer.Option("--modality", help="asserted, possible or negated.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="ISO date (relation date, else document date).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="ISO date, inclusive.")] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document.")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Stored relations, filtered."""
    if type and type not in RELATION_TYPES:
        raise _fail(f"unknown relation type {type!r}; one of: {', '.join(RELATION_TYPES)}")
    with _store(_settings(db=db)) as store:
        try:
            rows = store.relations(actor=_actor_id(actor), type=type, modality=modality, since=since,
                                   until=until, doc=doc)
        except RealpolitikError as exc:
            raise _fail(str(exc)) from None
    if as_json:
        out.print_json(data=[r.to_record() | {"date_source": r.date_source} for r in rows])
        return
    _relation_table(rows, _table_console(sys.stdout))


@app.command()
def evidence(
    a: Annotated[str, typer.Argument(help="Actor id, e.g. ISR.")],
    b: Annotated[str, typer.Argument(help="Actor id, e.g. AZE.")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Every relation between two actors, with its sentence and document."""
    with _store(_settings(db=db)) as store:
        rows = store.relations(actor=_actor_id(a), other=_actor_id(b))
    if as_json:
        out.print_json(data=[r.to_record() for r in rows])
        return
    if not rows:
        err.print(f"no relation between {escape(a)} and {escape(b)}")
        return
    for r in rows:
        out.print(f"[bold]{r.source} {r.relation} {r.target}[/bold] ({r.modality}, {r.date or 'undated'}) "
                  f"[dim]{escape(r.doc)} {r.span[0]}-{r.span[1]}[/dim]", soft_wrap=True)
        out.print(f"  {escape(r.evidence)}", soft_wrap=True)


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL (ontology format, with optional flags).")],
    predicted: Annotated[Path, typer.Argument(help="Predicted JSONL from `realpolitik extract`.")],
    as_json: JsonOpt = False,
    errors: Annotated[bool, typer.Option("--errors", help="List false positives and misses per document.")] = False,
) -> None:
    """Score predictions against gold exactly as ONTOLOGY.md defines it."""
    from ..evaluate import load_records, render, score

    try:
        k = cached_knowledge()
        result = score(load_records(gold), load_records(predicted), known_actors=set(k.actors))
    except RealpolitikError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        public = {key: result[key] for key in ("strict", "relaxed", "per_relation", "date_accuracy")}
        if errors:
            public["errors"] = result.get("errors")
        print(json.dumps(public, indent=2))
        return
    print(render(result, errors=errors))


def _actor_id(text: str | None) -> str | None:
    if text is None:
        return None
    k = cached_knowledge()
    if text.upper() in k.actors:
        return text.upper()
    for a in k.actors.values():
        if text.lower() in (n.lower() for n in (a.name, *a.names)):
            return a.id
    raise _fail(f"unknown actor {text!r} (use an id such as ISR, or a country name)")


def _store(settings: Settings) -> api.Store:
    if not Path(settings.db).exists():
        raise _fail(f"no store at {settings.db}: run `realpolitik ingest` first (or give --db)")
    try:
        return api.Store(settings.db)
    except RealpolitikError as exc:
        raise _fail(str(exc)) from None


def _table_console(file) -> Console:
    """A console for a table written to ``file``: its terminal's width, else a wide fixed one."""
    return Console(file=file, highlight=False, width=None if file.isatty() else TABLE_WIDTH)


def _relation_table(rows: list, console: Console) -> None:
    t = Table()
    # Ids, types and dates never wrap or shrink (an ellipsis there loses the value); the evidence gives way.
    for name in ("doc", "source", "relation", "target", "modality", "date"):
        t.add_column(name, no_wrap=True)
    t.add_column("quantity")
    t.add_column("evidence")
    for r in rows:
        q = r.quantity.text if r.quantity else ""
        t.add_row(*map(escape, (r.doc, r.source, r.relation, r.target, r.modality, r.date or "", q,
                                r.evidence[:90])))
    console.print(t)


if __name__ != "__main__":  # run as a script, the real module is imported below and registers itself
    from .cli_serve import register as _register_serve  # noqa: E402 (its commands use the helpers above)

    _register_serve(app)

    from .cli_analysis import register as _register_analysis  # noqa: E402 (its commands use the helpers above)

    _register_analysis(app)


def main() -> None:
    """Console entry point."""
    app()


if __name__ == "__main__":
    from realpolitik.serve.cli import main as _main  # the module with every command registered

    _main()
