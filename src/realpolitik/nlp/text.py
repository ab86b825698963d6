"""Tokens and sentences with character offsets, by regular expressions (no model to download).

Offsets always refer to the document's cleaned text. ``fold`` maps accented Latin letters to
their base letter one character for one character, so folded text has the same offsets.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import accumulate, repeat
from typing import NamedTuple


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


class Token(NamedTuple):
    """One token: offsets in the document, folded surface form, lower case.

    A named tuple rather than a dataclass: a news corpus makes millions of them, and a tuple is
    built in C (``tokenize`` builds a sentence's tokens in one ``map``).
    """

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


# The same alternatives captured, for re.split: every non-space character starts a token, so
# what lies between two tokens is whitespace, and the pieces' lengths give the offsets.
_PIECES_RE = re.compile(f"({_TOKEN_RE.pattern})")
_new_tuple = tuple.__new__


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text`` (already folded) with offsets shifted by ``offset``.

    >>> [t.text for t in tokenize("Israel's arms sales to the U.S. didn't stop.")]
    ['Israel', "'s", 'arms', 'sales', 'to', 'the', 'U.S.', 'did', "n't", 'stop', '.']
    >>> [t.lower for t in tokenize("the United States' role")]
    ['the', 'united', 'states', "'s", 'role']
    """
    pieces = _PIECES_RE.split(text)  # space, token, space, token, ..., space
    words = pieces[1::2]
    if not words:
        return []
    at = list(accumulate(map(len, pieces), initial=offset))
    starts, ends = at[1:-1:2], at[2::2]
    lowers = list(map(str.lower, words))
    tokens = list(map(_new_tuple, repeat(Token), zip(starts, ends, words, lowers, strict=True)))
    if "'" not in text:
        return tokens
    # Apostrophes: "'s" and "n't" split off, a lone "'" after a plural made a possessive.
    out: list[Token] = []
    append = out.append
    done = 0
    for k, w in enumerate(words):
        if "'" not in w:
            continue
        out.extend(tokens[done:k])
        done = k + 1
        s, e = starts[k], ends[k]
        if len(w) > 2:
            low = lowers[k]
            if low.endswith("'s"):
                append(Token(s, e - 2, w[:-2], low[:-2]))
                append(Token(e - 2, e, w[-2:], "'s"))
                continue
            if low.endswith("n't"):
                append(Token(s, e - 3, w[:-3], low[:-3]))
                append(Token(e - 3, e, w[-3:], "n't"))
                continue
        elif w == "'" and out and out[-1].end == s and out[-1].lower.endswith("s") and (
                e - offset == len(text) or text[e - offset].isspace()):
            append(Token(s, e, w, "'s"))  # "the United States' killing": a possessive
            continue
        append(tokens[k])
    out.extend(tokens[done:])
    return out


# Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "rep", "sen", "gov", "pres", "amb", "st", "mt", "ft", "no", "nos", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp", "co", "ltd", "jr", "sr", "approx", "dept", "est", "fig", "al", "u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c"]
)

# A sentence ends at a full stop, "!" or "?" (closing quotes and brackets included) before a
# capital or a figure, at a blank line, and at a line break before text. Written to open with the
# class of its first character, so that re skips every other character in C.
_BOUNDARY_RE = re.compile(
    r"[.!?\n](?:(?<=[.!?])[.!?]*[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])|(?<=\n)(?:\s*\n|(?=\S)))"
)


class Span(NamedTuple):
    """A sentence's offsets."""

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
    ends: list[int] = []
    start = 0
    for m in _BOUNDARY_RE.finditer(text):
        j = m.start()
        if text[j] == "." and _after_abbreviation(text, j, start):
            continue
        start = m.end()
        ends.append(start)
    ends.append(len(text))
    spans: list[Span] = []
    append = spans.append
    start = 0
    for end in ends:
        # The span between two boundaries, without the spaces around it.
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            append(Span(s, e))
        start = end
    return spans


def _after_abbreviation(text: str, j: int, start: int) -> bool:
    """Whether the full stop at ``j`` follows a known abbreviation or an initial (the word is
    looked for back to ``start``, where the sentence began)."""
    i = j
    while i > start and (text[i - 1].isalnum() or text[i - 1] == "."):
        i -= 1
    word = text[i:j].lower().rstrip(".")
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or ("." in word and len(word) <= 6)
