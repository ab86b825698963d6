"""Per-document metadata supplied by the user: a JSON Lines file keyed by document id.

Each line is an object with ``id`` (required) and optionally ``published`` (an ISO date, or any
date python-dateutil reads), ``url`` and ``title``; other keys are kept as they are::

    {"id": "x01_wikinews_germany_bans_iran_mahan_air", "published": "2019-01-23", "url": "https://..."}
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..datafiles import parse_jsonl
from ..errors import UsageError

__all__ = ["load_meta", "normalise_date"]

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|[T ])")
_TEXT_FIELDS = ("url", "title")


def normalise_date(value: str) -> str:
    """An ISO date at the precision given (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).

    Timestamps lose their time; other spellings go through python-dateutil. Raises ValueError.

    >>> normalise_date("2019-01-23T10:00:00Z"), normalise_date("2019-01"), normalise_date("23 Jan 2019")
    ('2019-01-23', '2019-01', '2019-01-23')
    """
    value = value.strip()
    match = _ISO.match(value)
    if match:
        year, month, day = match.groups()
        date(int(year), int(month or 1), int(day or 1))  # validates, raises ValueError
        return "-".join(part for part in (year, month, day) if part)
    from dateutil import parser as dateutil_parser  # here: ISO dates, the usual case, do without

    # Parsing twice with different defaults shows which parts the text really gave.
    try:
        one = dateutil_parser.parse(value, default=datetime(1904, 1, 1))
        two = dateutil_parser.parse(value, default=datetime(1908, 2, 2))
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"not a date: {value!r}") from exc
    if one.year != two.year:
        raise ValueError(f"not a date (no year): {value!r}")
    if one.month != two.month:
        return f"{one.year:04d}"
    if one.day != two.day:
        return f"{one.year:04d}-{one.month:02d}"
    return one.date().isoformat()


def load_meta(path: str | Path) -> dict[str, dict[str, Any]]:
    """Read a metadata JSONL file into ``{id: record}``; raise :class:`UsageError` naming the line.

    ``published`` is normalised to an ISO date; blank lines are ignored; a repeated id is an error.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise UsageError(f"{path}: metadata file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read metadata file: {exc}") from None
    records: dict[str, dict[str, Any]] = {}
    first_line: dict[str, int] = {}
    for number, record in parse_jsonl("\n".join(lines), str(path), UsageError):
        where = f"{path}:{number}"
        doc_id = record.get("id")
        if not isinstance(doc_id, str) or not doc_id.strip():
            raise UsageError(f'{where}: missing or empty "id"')
        if doc_id in records:
            raise UsageError(f"{where}: id {doc_id!r} already given on line {first_line[doc_id]}")
        for key in _TEXT_FIELDS:
            if record.get(key) is not None and not isinstance(record[key], str):
                raise UsageError(f'{where}: "{key}" must be a string')
        published = record.get("published")
        if published is not None:
            if not isinstance(published, str):
                raise UsageError(f'{where}: "published" must be a string date')
            try:
                record["published"] = normalise_date(published)
            except ValueError:
                raise UsageError(f'{where}: "published" is not a date: {published!r}') from None
        records[doc_id] = record
        first_line[doc_id] = number
    return records
