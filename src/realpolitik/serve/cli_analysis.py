"""The analysis commands of ``realpolitik``: thin shells over :mod:`realpolitik.analysis`.

``dyad``, ``network``, ``balance``, ``blocs``, ``infer``, ``leverage``, ``contradictions``,
``impact``, ``whatif`` and ``brief``; each reads the store (``--db``) and prints text, or JSON with
``--json``. :func:`register` adds them to the main typer app (``serve/cli.py``).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from ..errors import RealpolitikError


class _Analysis:
    """``realpolitik.analysis``, imported on first use: ``realpolitik extract`` need not load
    networkx and scipy."""

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module("realpolitik.analysis"), name)


an = _Analysis()


def edge_list(G: Any) -> list:
    from ..analysis.graph import edges

    return edges(G)


def read_signed_edgelist(path: Path) -> Any:
    from ..analysis.signed_io import read_signed_edgelist as read

    return read(path)


__all__ = ["register"]

T = TypeVar("T")

DbOpt = Annotated[Path | None, typer.Option("--db", help="SQLite file (default ./realpolitik.db or $REALPOLITIK_DB).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable JSON output.")]
AtOpt = Annotated[str | None, typer.Option("--at", help="Everything up to this ISO date.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="ISO date, inclusive (relation date, else document date).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="ISO date, inclusive.")]
LayerOpt = Annotated[
    str | None, typer.Option("--layer", help="Only one layer: military, economic, diplomatic, rhetorical, violent.")
]
TimeOpt = Annotated[float, typer.Option("--time-limit", help="Seconds for the exact solver before it reports a gap.")]


def _cli():  # noqa: ANN202 - the main module, imported late: it imports this one at its end
    from . import cli

    return cli


def _emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run an analysis; its errors become one-line messages and exit status 2."""
    try:
        return fn(*args, **kwargs)
    except RealpolitikError as exc:
        raise _cli()._fail(str(exc)) from None


def _open(db: Path | None):  # noqa: ANN202
    cli = _cli()
    return cli._store(cli._settings(db=db))


def _actor(text: str) -> str:
    return _cli()._actor_id(text)


def _short(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _signed(x: float) -> str:
    return f"{x:+g}"


# --- text renderers ------------------------------------------------------------------------------


def _print_evidence(items: list[dict[str, Any]], indent: str = "      ", limit: int = 2) -> None:
    for e in items[:limit]:
        typer.echo(f"{indent}{e['doc']}: {_short(e['evidence'])}")


def _print_tensions(tensions: list[dict[str, Any]]) -> None:
    if not tensions:
        typer.echo("tensions: none (the network is balanced)")
        return
    typer.echo("tensions (frustrated ties, heaviest first):")
    for t in tensions:
        typer.echo(f"  {t['a']}-{t['b']} ({'+' if t['sign'] > 0 else '-'}{t['weight']:g}, {t['kind']}): {t['tension']}")
        _print_evidence(t["evidence"], "      ")


def _print_balance(r: dict[str, Any]) -> None:
    state = "optimal" if r["optimal"] else f"not proved optimal; lower bound {r['lower_bound']:g}, gap {r['gap']:.1%}"
    typer.echo(f"frustration index L = {r['frustration_index']:g} ({r['method']}, {state}; {r['seconds']:.2f} s)")
    typer.echo(f"normalised {r['normalised']:.3f} ({r['normalisation']})")
    typer.echo(f"{r['nodes']} actors, {r['edges']} ties")
    t = r["triads"]
    if t["triangles"]:
        typer.echo(f"triads: {t['balanced']} balanced, {t['unbalanced']} unbalanced of {t['triangles']} "
                   f"(weighted balance ratio {t['weighted_balance_ratio']:.2f}); by type {t['by_type']}")
    for i, (b, c) in enumerate(zip(r["blocs"], r["cohesion"], strict=True), 1):
        coh = "n/a" if c["cohesion"] is None else f"{c['cohesion']:.2f}"
        typer.echo(f"bloc {i}: {', '.join(map(str, b))} (cohesion {coh})")
    _print_tensions(r["frustrated_edges"])


# --- registration --------------------------------------------------------------------------------


def register(app: typer.Typer) -> None:
    """Add the analysis commands to ``app``."""

    @app.command()
    def dyad(
        a: Annotated[str, typer.Argument(help="Actor id or name, e.g. ISR.")],
        b: Annotated[str, typer.Argument(help="Actor id or name, e.g. AZE.")],
        since: SinceOpt = None,
        until: UntilOpt = None,
        db: DbOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """One pair over time: relations by layer, signed score, timeline, quantities, evidence."""
        a_id, b_id = _actor(a), _actor(b)
        with _open(db) as store:
            d = _call(an.dyad, store, a_id, b_id, since=since, until=until)
        if as_json:
            _emit_json(d)
            return
        if not d["relations"]:
            typer.echo(f"no relation between {a_id} and {b_id}" + (" in that window" if since or until else ""))
            return
        n = d["network"]
        typer.echo(f"{a_id}-{b_id}: score {_signed(d['score'])} (positive {d['positive']:g}, negative {d['negative']:g}); "
                   f"network tie {'+' if n['sign'] > 0 else '-' if n['sign'] < 0 else ''}{n['weight']:g}"
                   f"{' (mixed)' if n['mixed'] else ''}; {d['relations']} statements in {len(d['documents'])} documents")
        for layer in d["layers"]:
            typer.echo(f"{layer['layer']} {_signed(layer['score'])}")
            for x in layer["lines"]:
                typer.echo(f"  {x['source']} {x['relation']} {x['target']} [{x['modality']}] "
                           f"{x['weight']:g} x {x['sources']} source(s) = {_signed(x['contribution'])}")
                _print_evidence(x["evidence"], "      ")
        typer.echo("timeline:")
        for y in d["timeline"]:
            rels = ", ".join(sorted({f"{r['source']} {r['relation']} {r['target']}" for r in y["relations"]}))
            typer.echo(f"  {y['year'] or 'undated'}: {_signed(y['score'])}  {rels}")
        if d["quantities"]:
            typer.echo("quantities:")
            for q in d["quantities"]:
                typer.echo(f"  {q['source']} {q['relation']} {q['target']}: {q['text']} ({q['evidence'][0]['doc']})")
        if d["undated_left_out"]:
            typer.echo(f"{d['undated_left_out']} undated statement(s) left out of the window")

    @app.command()
    def network(
        at: AtOpt = None,
        since: SinceOpt = None,
        until: UntilOpt = None,
        layer: LayerOpt = None,
        db: DbOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """The signed network at a date or over a window, each tie explained by its relations."""
        with _open(db) as store:
            G = _call(an.build_network, store, at=at, since=since, until=until, layer=layer)
            data = an.network_dict(G)
        if as_json:
            _emit_json(data)
            return
        typer.echo(f"{G.number_of_nodes()} actors, {G.number_of_edges()} ties")
        for e in edge_list(G):
            mixed = f" (mixed: +{e.positive:g} / -{e.negative:g})" if e.mixed else ""
            typer.echo(f"{e.a}-{e.b} {'+' if e.sign > 0 else '-'}{e.weight:g}{mixed}; {len(e.documents)} document(s); "
                       f"{', '.join(e.layers)}")
            for ev in e.evidence:
                typer.echo(f"    {ev.source} {ev.relation} {ev.target}: {ev.weight:g} x {ev.sources} = {_signed(ev.contribution)}"
                           f"  ({ev.relations[0].doc}: {_short(ev.relations[0].evidence, 110)})")
            for r in e.against:
                typer.echo(f"    against: {r.source} {r.relation} {r.target} negated ({r.doc}: {_short(r.evidence, 110)})")
        for a, b in data["cancelled"]:
            typer.echo(f"{a}-{b}: evidence cancels out (no tie)")
        if data["undated"]:
            typer.echo(f"{data['undated']} undated relation(s) left out of the window")

    @app.command()
    def balance(
        edges: Annotated[Path | None, typer.Option("--edges", help="A signed edge list CSV: source,target,sign[,weight].")] = None,
        time_limit: TimeOpt = 30.0,
        at: AtOpt = None,
        since: SinceOpt = None,
        until: UntilOpt = None,
        layer: LayerOpt = None,
        db: DbOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Structural balance: frustration index (exact or heuristic, with gap), blocs, tensions."""
        if time_limit <= 0:
            raise _cli()._fail("--time-limit must be positive")
        if edges is not None:
            if at or since or until or layer:
                raise _cli()._fail("--edges takes no --at/--since/--until/--layer: the file is the network")
            G = _call(read_signed_edgelist, edges)
            report = _call(an.balance_report, G, time_limit=time_limit)
        else:
            with _open(db) as store:
                report = _call(an.network_balance, store, at=at, since=since, until=until, layer=layer,
                               time_limit=time_limit)
        if as_json:
            _emit_json(report)
            return
        _print_balance(report)

    @app.command()
    def blocs(
        k: Annotated[int, typer.Option("-k", "--k", help="Number of blocs (2 by default).")] = 2,
        time_limit: TimeOpt = 30.0,
        at: AtOpt = None,
        since: SinceOpt = None,
        until: UntilOpt = None,
        layer: LayerOpt = None,
        db: DbOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Opposed blocs that minimise frustration (k = 2 by default), with cohesion figures."""
        if time_limit <= 0:
            raise _cli()._fail("--time-limit must be positive")
        with _open(db) as store:
            G = _call(an.build_network, store, at=at, since=since, until=until, layer=layer)
        r = _call(an.blocs, G, k, time_limit=time_limit)
        if as_json:
            _emit_json(r)
            return
        state = "optimal" if r["optimal"] else f"lower bound {r['lower_bound']:g}"
        typer.echo(f"{len(r['blocs'])} bloc(s) of at most {k}; frustration {r['cost']:g} ({r['method']}, {state})")
        for i, c in enumerate(r["cohesion"], 1):
            coh = "n/a" if c["cohesion"] is None else f"{c['cohesion']:.2f}"
            opp = "n/a" if c["opposition"] is None else f"{c['opposition']:.2f}"
            typer.echo(f"bloc {i}: {', '.join(map(str, c['members']))}  cohesion {coh} "
                       f"(+{c['internal_positive']:g} / -{c['internal_negative']:g} inside), opposition {opp}")
        if r["between_negative"] is not None:
            typer.echo(f"share of the weight between blocs that is hostile: {r['between_negative']:.2f}")
        _print_tensions(r["frustrated_edges"])

    @app.command()
    def infer(
        min_paths: Annotated[int, typer.Option("--min-paths", help="Least number of common neighbours.")] = 1,
        at: AtOpt = None,
        since: SinceOpt = None,
        until: UntilOpt = None,
        layer: LayerOpt = None,
        db: DbOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Signs implied by common neighbours for unlinked or contested pairs, with the triads."""
        with _open(db) as store:
            G = _call(an.build_network, store, at=at, since=since, until=until, layer=layer)
        rows = _call(an.infer, G, min_paths=min_paths)
        if as_json:
            _emit_json(rows)
            return
        if not rows:
            typer.echo("no pair to infer")
        for d in rows:
            sign = {1: "+", -1: "-", 0: "?"}[d["sign"]]
            edge = "" if d["edge_sign"] is None else f", direct tie {'+' if d['edge_sign'] > 0 else '-'}"
            typer.echo(f"{d['a']}-{d['b']}: implied {sign} via {', '.join(map(str, d['via'])) or '-'}"
                       f"{' (against: ' + ', '.join(map(str, d['via_against'])) + ')' if d['via_against'] else ''}"
                       f" [{d['status']}{edge}]")
            for t in d["triads"]:
                typer.echo(f"    {t['text']} -> {'+' if t['implies'] > 0 else '-'}")

    @app.command()
    def leverage(
        actor: Annotated[str | None, typer.Argument(help="Only this actor's dependencies.")] = None,
        db: DbOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Supply dependencies: shares, single-supplier exposure, what each side could withhold."""
        actor_id = _actor(actor) if actor else None
        with _open(db) as store:
            rows = _call(an.leverage, store, actor_id)
        if as_json:
            _emit_json(rows)
            return
        if not rows:
            typer.echo("no supply relation" + (f" of {actor_id}" if actor_id else ""))
        for x in rows:
            share = "" if x["share"] is None else f" {x['share']:.2f} ({x['share_text']})"
            typer.echo(f"{x['supplier']} -> {x['dependent']} {x['good']}{share}; {x['sources']} source(s)")
            typer.echo(f"    {x['withhold']}")
            for s in x["shares"]:
                if not s["accepted"]:
                    typer.echo(f"    not read as a share: \"{s['text']}\" ({s['doc']}): {s['reason']}")

    @app.command()
    def contradictions(
        actor: Annotated[str | None, typer.Option("--actor", help="Only those naming this actor.")] = None,
        db: DbOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Where sources disagree: quantities, references, dates, asserted vs negated, signs."""
        actor_id = _actor(actor) if actor else None
        with _open(db) as store:
            rows = _call(an.contradictions, store)
        if actor_id:
            rows = [c for c in rows if actor_id in c["key"]]
        if as_json:
            _emit_json(rows)
            return
        if not rows:
            typer.echo("no contradiction found")
        for c in rows:
            typer.echo(f"{c['kind']}: {c['summary']}")
            _print_evidence(c["claims"], "    ", limit=4)

    @app.command()
    def impact(
        event: Annotated[str, typer.Option("--event", help="The event's ISO date, e.g. 2020-11-10.")],
        window: Annotated[str, typer.Option("--window", help="Before/after window: 2y, 18m, 6w, 30d.")] = "2y",
        db: DbOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Winners and losers of an event: positions before and after, plus stated outcomes."""
        with _open(db) as store:
            r = _call(an.impact, store, event, window=window)
        if as_json:
            _emit_json(r)
            return
        w = r["windows"]
        n = r["relations"]
        typer.echo(f"event {r['event']}: before {w['before'][0]}..{w['before'][1]} ({n['before']} relations), "
                   f"after {w['after'][0]}..{w['after'][1]} ({n['after']}); {n['ambiguous']} too coarse to place, "
                   f"{n['undated']} undated")
        typer.echo(f"winners: {', '.join(r['winners']) or '-'}; losers: {', '.join(r['losers']) or '-'}")
        for a in r["actors"]:
            t = a["ties"]
            typer.echo(f"{a['actor']}: {a['verdict']} ({a['basis']}); change {_signed(a['change'])} "
                       f"[ties +{t['before']['positive']:g}/-{t['before']['negative']:g} -> "
                       f"+{t['after']['positive']:g}/-{t['after']['negative']:g}]")
            for p in a["tensions"]["gained"]:
                typer.echo(f"    tension gained: {'-'.join(p)}")
            for p in a["tensions"]["resolved"]:
                typer.echo(f"    tension resolved: {'-'.join(p)}")
            for o in a["stated"]:
                when = "undated" if o["undated"] else o["date"]
                typer.echo(f"    stated {'gain' if o['polarity'] > 0 else 'loss'} ({o['doc']}, {when}): {_short(o['evidence'], 120)}")

    @app.command()
    def whatif(
        add: Annotated[list[str] | None, typer.Option("--add", help='A hypothetical relation: "AZE diplomatic_upgrade ISR".')] = None,
        remove: Annotated[list[str] | None, typer.Option("--remove", help='Drop a relation key ("ARM armed_conflict AZE") or a pair ("ARM AZE").')] = None,
        time_limit: TimeOpt = 10.0,
        db: DbOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Recompute balance, blocs, tensions and leverage with hypothetical relations."""

        def resolve(spec: str) -> str:
            parts = spec.split()
            if len(parts) in (2, 3):
                parts[0], parts[-1] = _actor(parts[0]), _actor(parts[-1])
            return " ".join(parts)

        adds = [resolve(s) for s in add or []]
        removes = [resolve(s) for s in remove or []]
        with _open(db) as store:
            r = _call(an.whatif, store, adds, removes, time_limit=time_limit)
        if as_json:
            _emit_json(r)
            return
        c = r["changes"]
        typer.echo(f"frustration index {c['frustration_index'][0]:g} -> {c['frustration_index'][1]:g}")
        for label, side in (("before", r["before"]), ("after", r["after"])):
            typer.echo(f"blocs {label}: " + " | ".join(", ".join(b) for b in side["blocs"]))
        for m in c["moved"]:
            typer.echo(f"  {m['actor']} changes side: now with {', '.join(x for x in m['joined'] if x != m['actor'])}")
        for e in c["edges"]:
            def fmt(x: dict | None) -> str:
                return "none" if x is None else f"{'+' if x['sign'] > 0 else '-'}{x['weight']:g}"
            typer.echo(f"  tie {'-'.join(e['pair'])}: {fmt(e['before'])} -> {fmt(e['after'])}")
        for t in c["tensions_gained"]:
            typer.echo(f"  tension gained {'-'.join(t['pair'])}: {t['tension']}")
        for t in c["tensions_resolved"]:
            typer.echo(f"  tension resolved {'-'.join(t['pair'])}: {t['tension']}")
        for k in c["leverage_gained"]:
            typer.echo(f"  dependency gained: {k[0]} -> {k[1]} {k[2]}")
        for k in c["leverage_lost"]:
            typer.echo(f"  dependency lost: {k[0]} -> {k[1]} {k[2]}")
        if r["candidates"]:
            typer.echo("candidates (possible relations in the texts):")
            for cand in r["candidates"]:
                typer.echo(f"  --add \"{cand['add']}\"  ({cand['evidence'][0]['doc']}: {_short(cand['evidence'][0]['evidence'], 100)})")

    @app.command()
    def brief(
        actor: Annotated[str, typer.Argument(help="Actor id or name, e.g. AZE.")],
        db: DbOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """A one-page analyst brief on an actor, every line footnoted with its sources."""
        actor_id = _actor(actor)
        with _open(db) as store:
            b = _call(an.brief, store, actor_id)
        if as_json:
            _emit_json(b)
            return
        typer.echo(an.render_brief(b), nl=False)
