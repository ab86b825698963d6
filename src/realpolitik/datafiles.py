"""JSON Lines data files: the one reader for the package's tables and the user's extra tables.

Blank lines and lines starting with ``#`` are comments; every other line is one JSON object. A
bad line is a :class:`~realpolitik.errors.DataError` naming the file and the line.

>>> list(parse_jsonl('# a comment\\n{"id": "ISR"}\\n\\n{"id": "AZE"}', "t.jsonl"))
[(2, {'id': 'ISR'}), (4, {'id': 'AZE'})]
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

from .errors import DataError, RealpolitikError

__all__ = ["cue_words", "package_jsonl", "parse_jsonl", "read_jsonl"]


def parse_jsonl(text: str, where: str, error: type[RealpolitikError] = DataError) -> Iterator[tuple[int, dict]]:
    """(line number, object) for every data line of ``text``; ``where`` names it in errors,
    raised as ``error`` (a :class:`DataError` for the package's tables, a ``UsageError`` for a
    file the user gave)."""
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise error(f"{where}:{n}: not valid JSON ({exc.msg}, column {exc.colno})") from None
        if not isinstance(obj, dict):
            raise error(f"{where}:{n}: expected a JSON object, got {type(obj).__name__}")
        yield n, obj


def read_jsonl(path: Path | str) -> Iterator[tuple[int, dict]]:
    """The data lines of a file on disk."""
    return parse_jsonl(Path(path).read_text(encoding="utf-8"), str(path))


def package_jsonl(name: str) -> Iterator[tuple[int, dict]]:
    """The data lines of ``src/realpolitik/data/<name>``."""
    node = resources.files("realpolitik") / "data" / name
    return parse_jsonl(node.read_text(encoding="utf-8"), f"data/{name}")


@cache
def cue_words(name: str) -> frozenset[str]:
    """A named word list of ``data/triggers/_cues.jsonl`` (modality cues, phrase heads, verb classes).

    >>> "launched" in cue_words("wage_verbs")
    True
    """
    for _, obj in package_jsonl("triggers/_cues.jsonl"):
        if obj.get("cue") == name:
            return frozenset(w.lower() for w in obj["words"])
    raise DataError(f"data/triggers/_cues.jsonl: no word list {name!r}")
