"""Tokens and sentences with character offsets, by regular expressions (no model to download).

Offsets always refer to the document's cleaned text. ``fold`` maps accented Latin letters to
their base letter one character for one character, so folded text has the same offsets.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0xC0, 0x250):
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if len(base) == 1 and base != ch:
            table[cp] = base
    # Typographic variants that news text mixes freely.
    for a, b in {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                 "‑": "-", "‐": "-", "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d",
                 "Đ": "D", "ð": "d", "þ": "t", "æ": "a", "Æ": "A", "œ": "o", "Œ": "O", "ß": "s"}.items():
        table[ord(a)] = b
    return table


def fold(text: str) -> str:
    """Same-length accent and punctuation folding: ``fold("Erdoğan’s") == "Erdogan's"``."""
    return text.translate(_fold_table())


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str  # folded surface form
    lower: str


# Order matters: abbreviations with inner dots, numbers with separators, words (with inner
# apostrophes split off below), then any other single non-space character.
_TOKEN_RE = re.compile(
    r"(?:[A-Z]\.){2,}"
    r"|\$?\d+(?:[.,]\d+)*%?"
    r"|[^\W_]+(?:'[^\W_]+)*"
    r"|\S"
)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text`` (already folded) with offsets shifted by ``offset``.

    >>> [t.text for t in tokenize("Israel's arms sales to the U.S. didn't stop.")]
    ['Israel', "'s", 'arms', 'sales', 'to', 'the', 'U.S.', 'did', "n't", 'stop', '.']
    >>> [t.lower for t in tokenize("the United States' role")]
    ['the', 'united', 'states', "'s", 'role']
    """
    out: list[Token] = []
    append = out.append
    for m in _TOKEN_RE.finditer(text):
        s, e = m.span()
        w = m.group()
        if "'" in w and len(w) > 2:
            low = w.lower()
            if low.endswith("'s"):
                append(Token(s + offset, e - 2 + offset, w[:-2], low[:-2]))
                append(Token(e - 2 + offset, e + offset, w[-2:], "'s"))
                continue
            if low.endswith("n't"):
                append(Token(s + offset, e - 3 + offset, w[:-3], low[:-3]))
                append(Token(e - 3 + offset, e + offset, w[-3:], "n't"))
                continue
        if w == "'" and out and out[-1].end == s + offset and out[-1].lower.endswith("s") and (
                e == len(text) or text[e].isspace()):
            append(Token(s + offset, e + offset, w, "'s"))  # "the United States' killing": a possessive
            continue
        append(Token(s + offset, e + offset, w, w.lower()))
    return out


# Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "rep", "sen", "gov", "pres", "amb", "st", "mt", "ft", "no", "nos", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp", "co", "ltd", "jr", "sr", "approx", "dept", "est", "fig", "al", "u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c"]
)

_BOUNDARY_RE = re.compile(r"[.!?]+[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])|\n\s*\n|\n(?=\S)")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def split_sentences(text: str) -> list[Span]:
    """Sentence spans over ``text`` (folded or not: only ASCII punctuation is read).

    Lines are sentences of their own (headlines, list items); a full stop after a known
    abbreviation or a single capital initial does not end a sentence.

    >>> t = "Gen. Smith met Dr. Lee in the U.S. on Monday. They agreed.\\nNext line"
    >>> [t[s.start:s.end] for s in split_sentences(t)]
    ['Gen. Smith met Dr. Lee in the U.S. on Monday.', 'They agreed.', 'Next line']
    """
    spans: list[Span] = []
    start = 0
    n = len(text)
    for m in _BOUNDARY_RE.finditer(text):
        end = m.end()
        if text[m.start()] in ".":
            # Look at the word before the full stop.
            j = m.start()
            i = j
            while i > start and (text[i - 1].isalnum() or text[i - 1] == "."):
                i -= 1
            word = text[i:j].lower().rstrip(".")
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or (
                "." in word and len(word) <= 6
            ):
                continue
        _push(spans, text, start, end)
        start = end
    _push(spans, text, start, n)
    return spans


def _push(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))
