"""A plain-text rendering of a :func:`~realpolitik.evaluate.scoring.score` result."""

from __future__ import annotations

from typing import Any

__all__ = ["render"]


def _pct(value: float) -> str:
    return f"{100 * value:5.1f}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    """Left-align the first column, right-align the others."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        cells = [row[0].ljust(widths[0])] + [
            cell.rjust(w) for cell, w in zip(row[1:], widths[1:], strict=True)
        ]
        return "  ".join(cells).rstrip()

    return [line(header), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


def _key_text(item: dict[str, Any]) -> str:
    return f"{item['source']} {item['relation']} {item['target']}"


def render(result: dict[str, Any], *, errors: bool = False) -> str:
    """Figures as text: strict and relaxed P/R/F1, per relation type (by gold count), date accuracy.

    With ``errors=True`` each document's false positives and misses follow, with the
    modality on both sides and the evidence, so the mistakes can be read.

    >>> from realpolitik.evaluate.scoring import score
    >>> print(render(score([], [])).splitlines()[0])
    match    precision  recall     f1  tp  predicted  gold
    """
    out = _table(
        ["match", "precision", "recall", "f1", "tp", "predicted", "gold"],
        [
            [
                name,
                _pct(m["precision"]),
                _pct(m["recall"]),
                _pct(m["f1"]),
                str(m["tp"]),
                str(m["predicted"]),
                str(m["gold"]),
            ]
            for name in ("strict", "relaxed")
            for m in [result[name]]
        ],
    )

    per_relation = result.get("per_relation", {})
    rows = sorted(
        ((name, m) for name, m in per_relation.items() if m["gold"] or m["pred"]),
        key=lambda item: (-item[1]["gold"], -item[1]["pred"], item[0]),
    )
    if rows:
        out += ["", "per relation type (strict)"]
        out += _table(
            ["relation", "f1", "tp", "pred", "gold"],
            [[name, _pct(m["f1"]), str(m["tp"]), str(m["pred"]), str(m["gold"])] for name, m in rows],
        )

    date_accuracy = result.get("date_accuracy")
    out += [
        "",
        "date accuracy: "
        + (
            "n/a (no required dated gold key was predicted)"
            if date_accuracy is None
            else f"{_pct(date_accuracy).strip()}%"
        ),
    ]

    if errors:
        out += ["", "errors (strict)"]
        mistakes = result.get("errors", {})
        if not mistakes:
            out.append("  none")
        for doc, found in mistakes.items():
            out += ["", f"{doc}"]
            for item in found["false_positives"]:
                gold_modality = item.get("gold_modality")
                why = "not in gold" if gold_modality is None else f"gold says {gold_modality}"
                out.append(f"  FP    {_key_text(item)} [{item['modality']}] ({why})")
                out += [f"          | {e}" for e in item["evidence"]]
            for item in found["misses"]:
                predicted_modality = item.get("predicted_modality")
                why = "not predicted" if predicted_modality is None else f"predicted {predicted_modality}"
                out.append(f"  MISS  {_key_text(item)} [{item['modality']}] ({why})")
                out += [f"          | {e}" for e in item["evidence"]]
    return "\n".join(out) + "\n"
