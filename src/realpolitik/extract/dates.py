"""Dates in a sentence, absolute or relative to the document date or to the last date mentioned.

Returns ISO strings at the precision the text gives: ``1991-12-25``, ``2020-10``, ``2012``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    m: i
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        1,
    )
    for m in names
}
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday",
                                        "saturday", "sunday"])}
SEASONS = {"spring": 4, "summer": 7, "fall": 10, "autumn": 10, "winter": 1}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None}

_MON = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_PATTERNS = [
    ("mdy", re.compile(_MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b")),
    ("dmy", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r",?\s+((?:19|20)\d\d)\b")),
    ("my", re.compile(r"\b" + _MON + r",?\s+((?:19|20)\d\d)\b")),
    ("md", re.compile(r"\b" + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*(?:19|20)\d\d)")),
    ("y", re.compile(r"(?<![\d$.,])((?:19|20)\d\d)(?!\s*(?:percent|per cent|%|people|troops|soldiers))(?![\d,.]\d)(?!s)")),
    ("weekday", re.compile(r"(?:\b(?:[Oo]n|[Ll]ast|[Tt]his|[Nn]ext|[Ee]arly|[Ll]ate|[Ss]ince|[Bb]y)\s+|^\s*)"
                           r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    ("last", re.compile(r"\b(last|this|next)\s+(year|month|week|spring|summer|fall|autumn|winter)\b", re.I)),
    ("inmonth", re.compile(r"\b(?:in|since|until|by|during|from|early|late|mid-?)\s+" + _MON + r"(?![\w.]*\s+\d)")),
    ("rel", re.compile(r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+(day|week|month|year)s?\s+(later|after|afterwards|prior|earlier|before|ago)\b", re.I)),
    ("nextday", re.compile(r"\b(?:the\s+)?(?:(following|next|previous|preceding)\s+day|day\s+(after|before))\b",
                           re.I)),
    ("following", re.compile(r"\b(?:the\s+)?(following|next|previous|preceding)\s+(year|month)\b", re.I)),
    ("earlier", re.compile(r"\b(earlier|later)\s+(?:in\s+)?(?:that\s+|this\s+|the\s+)?(?:same\s+)?(month|year)\b", re.I)),
]


# A pattern runs only on a sentence holding a literal it cannot match without: a month for the
# month patterns, "19"/"20" for years, "day" for weekdays; the re.I patterns' words are looked
# for in the lower-cased sentence.
_MONTH_NAMES = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_MONTH_KINDS = frozenset({"mdy", "dmy", "my", "md", "inmonth"})
_NEEDS_CASED = {"y": ("19", "20"), "weekday": ("day",)}
_NEEDS_LOWER = {
    "last": ("last", "this", "next"),
    "rel": ("later", "after", "prior", "earlier", "before", "ago"),
    "nextday": ("day",),
    "following": ("following", "next", "previous", "preceding"),
    "earlier": ("earlier", "later"),
}


def _may_match(kind: str, sentence: str, low: str, has_month: bool) -> bool:
    if kind in _MONTH_KINDS:
        return has_month
    if kind in _NEEDS_CASED:
        return any(w in sentence for w in _NEEDS_CASED[kind])
    return any(w in low for w in _NEEDS_LOWER[kind])


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    value: str
    absolute: bool  # True if the text names a year itself


def _ym_add(year: int, month: int, months: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + months
    return total // 12, total % 12 + 1


def _parts(iso: str | None) -> tuple[int | None, int | None, int | None]:
    if not iso:
        return None, None, None
    bits = [int(b) for b in iso[:10].split("-") if b.isdigit()]
    bits += [None] * (3 - len(bits))
    return bits[0], bits[1], bits[2]


def find_dates(sentence: str, offset: int, doc_date: str | None, anchor: str | None,
               day_anchor: str | None = None) -> list[DateMention]:
    """All date mentions of a sentence; ``anchor`` is the last absolute date seen before it,
    ``day_anchor`` the last day named ("the following day" counts from it, else from the report).

    >>> [d.value for d in find_dates("The next day, it left.", 0, "2020-01-10", None, "2020-01-08")]
    ['2020-01-09']

    >>> [d.value for d in find_dates("On Oct. 1, 2020, it left a month prior.", 0, None, None)]
    ['2020-10-01', '2020-09']
    >>> [d.value for d in find_dates("Just seven months later, it agreed.", 0, None, "1991-12-25")]
    ['1992-07']
    >>> [d.value for d in find_dates("Last fall's war.", 0, "2021-03-10", None)]
    ['2020']
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    dy, dm, _dd = _parts(doc_date)
    low = sentence.lower()
    has_month = _MONTH_NAMES.search(sentence) is not None
    for kind, rx in _PATTERNS:
        if not _may_match(kind, sentence, low, has_month):
            continue
        for m in rx.finditer(sentence):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            value = _value(kind, m, dy, dm, doc_date, anchor, found) if kind != "nextday" else \
                _next_day(m, day_anchor or (doc_date if doc_date and len(doc_date) == 10 else None))
            if value is None:
                continue
            taken.append((s, e))
            found.append(DateMention(s + offset, e + offset, value, kind in ("mdy", "dmy", "my", "y")))
    found.sort(key=lambda d: d.start)
    return found


def _value(kind, m, dy, dm, doc_date, anchor, found) -> str | None:  # noqa: ANN001
    if kind == "mdy":
        return f"{int(m.group(3)):04d}-{MONTHS[_mon(m.group(1))]:02d}-{int(m.group(2)):02d}"
    if kind == "dmy":
        return f"{int(m.group(3)):04d}-{MONTHS[_mon(m.group(2))]:02d}-{int(m.group(1)):02d}"
    if kind == "my":
        return f"{int(m.group(2)):04d}-{MONTHS[_mon(m.group(1))]:02d}"
    if kind == "y":
        return m.group(1)
    ref_y, ref_m, _ = _parts(anchor)
    base_y, base_m = (ref_y, ref_m) if ref_y else (dy, dm)
    if kind == "md":
        if m.group(1) == "May" and not m.group(2):
            return None
        mon = MONTHS[_mon(m.group(1))]
        year = dy or ref_y
        if year is None:
            return None
        if dm and mon > dm and dy:
            year = dy - 1
        return f"{year:04d}-{mon:02d}-{int(m.group(2)):02d}"
    if kind == "inmonth":
        if m.group(1) == "May":
            return None
        mon = MONTHS[_mon(m.group(1))]
        if dy is None:
            return None
        year = dy - 1 if dm and mon > dm else dy
        return f"{year:04d}-{mon:02d}"
    if kind == "weekday":
        return _weekday(doc_date, WEEKDAYS[m.group(1).lower()])
    if kind == "last":
        which, unit = m.group(1).lower(), m.group(2).lower()
        if dy is None:
            return None
        step = {"last": -1, "this": 0, "next": 1}[which]
        if unit == "year":
            return f"{dy + step:04d}"
        if unit == "month" and dm:
            y, mo = _ym_add(dy, dm, step)
            return f"{y:04d}-{mo:02d}"
        if unit in SEASONS:
            season_m = SEASONS[unit]
            if which == "last":
                # "last fall" in a March article is the previous year's; in December, this year's.
                return f"{dy - 1 if (dm or 12) <= season_m + 2 else dy:04d}"
            return f"{dy + step:04d}"
        return None
    if kind == "rel":
        n = m.group(1).lower()
        num = int(n) if n.isdigit() else NUMBERS.get(n)
        unit, way = m.group(2).lower(), m.group(3).lower()
        sign = 1 if way in ("later", "after", "afterwards") else -1
        if way == "ago":
            base_y, base_m = dy, dm
        # The date just mentioned in this sentence is the nearer anchor.
        prior = [d for d in found if d.start < m.start()]
        if prior:
            base_y, base_m, _ = _parts(prior[-1].value)
        if num is None or base_y is None:
            return None
        if unit == "year":
            return f"{base_y + sign * num:04d}"
        if unit == "month" and base_m:
            y, mo = _ym_add(base_y, base_m, sign * num)
            return f"{y:04d}-{mo:02d}"
        if unit in ("day", "week") and base_m:
            return f"{base_y:04d}-{base_m:02d}"
        return f"{base_y:04d}"
    if kind == "following":
        unit = m.group(2).lower()
        sign = 1 if m.group(1).lower() in ("following", "next") else -1
        if base_y is None:
            return None
        if unit == "year":
            return f"{base_y + sign:04d}"
        if base_m:
            y, mo = _ym_add(base_y, base_m, sign)
            return f"{y:04d}-{mo:02d}"
        return None
    if kind == "earlier":
        unit = m.group(2).lower()
        if base_y is None:
            return None
        return f"{base_y:04d}" if unit == "year" or not base_m else f"{base_y:04d}-{base_m:02d}"
    return None


def _next_day(m: re.Match, base: str | None) -> str | None:
    """"the following day", "the day before": one day from the last day named."""
    if not base or len(base) != 10:
        return None
    way = (m.group(1) or m.group(2) or "").lower()
    step = 1 if way in ("following", "next", "after") else -1
    try:
        return (date.fromisoformat(base) + timedelta(days=step)).isoformat()
    except ValueError:
        return None


def _mon(text: str) -> str:
    t = text.lower().rstrip(".")
    return t if t in MONTHS else t[:3]


def _weekday(doc_date: str | None, weekday: int) -> str | None:
    if not doc_date or len(doc_date) < 10:
        return None
    import datetime as dt

    d = dt.date.fromisoformat(doc_date[:10])
    delta = (d.weekday() - weekday) % 7
    return (d - dt.timedelta(days=delta)).isoformat()
