"""The date in an article's dateline: "WASHINGTON, March 24 (Reuters) -", "Published 12 May 2019".

Only the head of the text is searched, and only at the start of a line, after an optional place
("BAKU, Azerbaijan —") or a "Published/Updated" label: a date inside the first sentence ("The war
began on March 3, 2021") is an event date, not the publication date. The spans are found here
and handed to python-dateutil, which validates them (no 31 April).
"""

from __future__ import annotations

import re
from datetime import datetime

__all__ = ["find_dateline_date"]

_HEAD_CHARS = 200

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:19|20)\d\d(?!\d)"

# What may precede the date on its line: a byline ("By Jane Doe |"), then a place in capitals,
# optionally with a region ("BAKU, Azerbaijan —"), or a publication label ("Published").
_PLACE = r"(?:[A-Z][A-Z.'\-]+(?:\s+[A-Z][A-Z.'\-]+){0,3}(?:,\s*[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,2})?\s*[,:\-\u2013\u2014]\s*)"
_LABEL = r"(?:(?:Published|Updated|Posted|Last\s+updated|First\s+published|Date)(?:\s+on)?\s*:?\s*)"
_BYLINE = r"(?:By\s+[A-Z][\w.'\-]+(?:\s+(?:[A-Z][\w.'\-]+|and|&)){0,6}\s*[|,\u2013\u2014\u00b7\u2022]\s*)"

_DATE = (
    rf"(?P<date>{_WEEKDAY}?(?:"
    rf"(?P<dmy>{_DAY}\s+{_MONTH},?\s+{_YEAR})"
    rf"|(?P<mdy>{_MONTH}\s+{_DAY},?\s+{_YEAR})"
    rf"|(?P<md>{_MONTH}\s+{_DAY})"
    rf"|(?P<dm>{_DAY}\s+{_MONTH})"
    rf"|(?P<my>{_MONTH},?\s+{_YEAR})"
    rf"|(?P<iso>{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))"
    r"))"
)
# What must follow a date that has no label: a dash, colon, an agency tag, a time, or the line end.
_AFTER = (
    r"(?=\s*(?:(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?\s*)?"
    r"(?:\([^)\n]{1,40}\)\s*)?(?:[\-\u2013\u2014:|/]|$))"
)
_DATELINE = re.compile(rf"^[ \t]*{_BYLINE}?(?:(?P<label>{_LABEL})|{_PLACE})?{_DATE}", re.MULTILINE)
_AFTER_RE = re.compile(_AFTER, re.MULTILINE)


def find_dateline_date(text: str, *, year_hint: int | None = None) -> str | None:
    """The ISO date of a dateline at the start of ``text`` (YYYY-MM-DD or YYYY-MM), else None.

    A date without a year ("WASHINGTON, March 24 (Reuters) -") takes ``year_hint``; without a
    hint it is not returned.

    >>> find_dateline_date("BAKU, Azerbaijan \\u2014 Oct. 1, 2020: Azerbaijan said...")
    '2020-10-01'
    >>> find_dateline_date("WASHINGTON, March 24 (Reuters) - The U.S. said...", year_hint=2021)
    '2021-03-24'
    """
    head = text[:_HEAD_CHARS]
    for match in _DATELINE.finditer(head):
        if not match.group("label") and not _AFTER_RE.match(head, match.end()):
            continue
        iso = _to_iso(match, year_hint)
        if iso:
            return iso
    return None


def _to_iso(match: re.Match[str], year_hint: int | None) -> str | None:
    span = match.group("date")
    has_year = bool(match.group("dmy") or match.group("mdy") or match.group("my") or match.group("iso"))
    if not has_year and year_hint is None:
        return None
    from dateutil import parser as dateutil_parser  # here: most texts have no dateline to parse

    default = datetime(year_hint or 2000, 1, 1)
    try:
        parsed = dateutil_parser.parse(span, default=default, fuzzy=False)
    except (ValueError, OverflowError):
        return None
    if match.group("my"):
        return f"{parsed.year:04d}-{parsed.month:02d}"
    return parsed.date().isoformat()
