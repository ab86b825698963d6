"""Quantities in a sentence: percentages, money, counts of people, with the phrase they head."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Quantity

_SCALE = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
          "trillion": 1e12, "tn": 1e12}
_WORDNUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "a fourth": 25, "a quarter": 25, "a third": 33.3, "half": 50,
            "two-thirds": 66.7, "three-quarters": 75, "nine-tenths": 90}
_NUM = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_PHRASE_TAIL = r"(?:\s+of\s+(?:\w+(?:'s)?\s+){0,4}\w+)?"
_CURRENCY = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_RX = [
    ("percent", re.compile(r"(?:(?:more|less|fewer) than|up to|some|about|around|nearly|almost|over|roughly)?\s*" + _NUM + r"\s*(?:%|percent\b|per cent\b)" + _PHRASE_TAIL, re.I)),
    ("fraction", re.compile(r"\b(a fourth|a quarter|a third|half|two-thirds|three-quarters|nine-tenths)\s+of\s+(?:\w+(?:'s)?\s+){0,4}\w+", re.I)),
    ("money", re.compile(r"(US\$|\$|€|£|¥)\s?" + _NUM + r"(?:\s*(thousand|million|billion|trillion|bn|mn|tn|m|b)\b)?", re.I)),
    ("money_words", re.compile(_NUM + r"\s*(thousand|million|billion|trillion)?\s*(dollars|euros|pounds|yuan|rubles|roubles)\b", re.I)),
    ("persons", re.compile(r"\b" + _NUM + r"\s+(?:\w+\s+){0,2}?(troops|soldiers|peacekeepers|people|civilians|refugees|fighters|personnel|advisers|advisors|diplomats)\b", re.I)),
]


# Words each (case-blind) pattern cannot match without, looked for in the lower-cased sentence:
# most sentences hold none, and the percent pattern alone cost 25 us a sentence.
_NEEDS = {
    "percent": ("%", "percent", "per cent"),
    "fraction": ("fourth", "quarter", "third", "half", "tenths"),
    "money": ("$", "\u20ac", "\u00a3", "\u00a5"),
    "money_words": ("dollars", "euros", "pounds", "yuan", "rubles", "roubles"),
    "persons": ("troops", "soldiers", "peacekeepers", "people", "civilians", "refugees", "fighters",
                "personnel", "advisers", "advisors", "diplomats"),
}


@dataclass(frozen=True, slots=True)
class QuantityMention:
    start: int
    end: int
    quantity: Quantity


def _num(text: str) -> float:
    return float(text.replace(",", ""))


def find_quantities(sentence: str, offset: int) -> list[QuantityMention]:
    """Quantities of a sentence with their offsets.

    >>> [q.quantity.to_dict() for q in find_quantities("trade exceeded $5 billion in 2014", 0)]
    [{'value': 5000000000, 'unit': 'USD', 'text': '$5 billion'}]
    """
    out: list[QuantityMention] = []
    taken: list[tuple[int, int]] = []
    low = sentence.lower()
    for kind, rx in _RX:
        if not any(w in low for w in _NEEDS[kind]):
            continue
        for m in rx.finditer(sentence):
            s, e = m.span()
            text = m.group().strip()
            s = s + (len(m.group()) - len(m.group().lstrip()))
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "percent":
                q = Quantity(_num(m.group(1)), "percent", text)
            elif kind == "fraction":
                q = Quantity(_WORDNUM[m.group(1).lower()], "percent", text)
            elif kind == "money":
                scale = _SCALE.get((m.group(3) or "").lower(), 1)
                q = Quantity(_num(m.group(2)) * scale, _CURRENCY.get(m.group(1).lower(), "USD"), text)
            elif kind == "money_words":
                scale = _SCALE.get((m.group(2) or "").lower(), 1)
                unit = {"dollars": "USD", "euros": "EUR", "pounds": "GBP", "yuan": "CNY"}.get(
                    m.group(3).lower(), "RUB")
                q = Quantity(_num(m.group(1)) * scale, unit, text)
            else:
                q = Quantity(_num(m.group(1)), "persons", text)
            taken.append((s, e))
            out.append(QuantityMention(s + offset, e + offset, q))
    out.sort(key=lambda q: q.start)
    return out
