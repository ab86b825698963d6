"""Tokens and sentences, built in bulk, are what the plain match-by-match loops give, on real text.

``tokenize`` builds a sentence's tokens from one ``re.split`` and ``split_sentences`` scans with a
boundary pattern that opens with a character class; the references here are the loops over
``finditer`` they replace. The texts are the shared seeds, the dev-wikinews articles, the
repository's examples and every 40th Reuters-21578 document when the corpus is there, folded as
the extractor folds them, plus edge cases written for this module.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from realpolitik.errors import InputRejected
from realpolitik.ingest.decode import decode_bytes
from realpolitik.nlp.text import ABBREVIATIONS, Span, Token, fold, split_sentences, tokenize

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"  # beside the repository
REPO = Path(__file__).resolve().parents[2]

EDGES = [
    "", " ", "\n\n", "'", "''", "x '", "it's'", "don't", "'s", "a 's b", "Jones's' x", "dogs'", "dogs' ",
    "dogs'.", "the United States' role", "O'Neil's", "rock 'n' roll", "\u00a0'tis", "ab'", "'ab", "a'b'c",
    "U.S.-Israeli ties", "$5.5 billion, 60% of 1,200.50", "Mr. X. Y. met Dr. Z.\n\nA.B. said. U.S.A. b",
    "...", ". . .", "a.\n.b", 'End!? "Quote." (Yes.) [No.] Next', "Wait...  What?  \n  Line\n\n\n Para",
    "approx. 5 km. Next", "No. 10 Downing St. said so. Then", "in 1991. 2020 was", "\u2026 Ellipsis. A",
    "Tabs\tand\u00a0spaces\u2003here. And", "e.g. this. And i.e. that. So",
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    files = sorted((CORPUS / "seeds").glob("*.txt")) + sorted((CORPUS / "dev-wikinews").glob("*.txt"))
    files += sorted((REPO / "examples").glob("*.txt"))
    files += sorted((CORPUS / "reuters21578" / "docs").glob("*.txt"))[::40]
    found = []
    for path in files:
        try:
            found.append(fold(decode_bytes(path.read_bytes(), origin=str(path))))
        except InputRejected:
            continue
    if len(found) < 10:
        pytest.skip(f"the shared corpus is not in {CORPUS}")
    return found + EDGES


_TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|\$?\d+(?:[.,]\d+)*%?|[^\W_]+(?:'[^\W_]+)*|\S")


def _tokenize_by_finditer(text: str, offset: int = 0) -> list[tuple[int, int, str, str]]:
    """The loop ``tokenize`` replaced: one match at a time."""
    out: list[tuple[int, int, str, str]] = []
    for m in _TOKEN_RE.finditer(text):
        s, e = m.span()
        w = m.group()
        if "'" in w and len(w) > 2:
            low = w.lower()
            if low.endswith("'s"):
                out.append((s + offset, e - 2 + offset, w[:-2], low[:-2]))
                out.append((e - 2 + offset, e + offset, w[-2:], "'s"))
                continue
            if low.endswith("n't"):
                out.append((s + offset, e - 3 + offset, w[:-3], low[:-3]))
                out.append((e - 3 + offset, e + offset, w[-3:], "n't"))
                continue
        if w == "'" and out and out[-1][1] == s + offset and out[-1][3].endswith("s") and (
                e == len(text) or text[e].isspace()):
            out.append((s + offset, e + offset, w, "'s"))
            continue
        out.append((s + offset, e + offset, w, w.lower()))
    return out


_BOUNDARY_RE = re.compile(r"[.!?]+[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])|\n\s*\n|\n(?=\S)")


def _split_by_finditer(text: str) -> list[tuple[int, int]]:
    """The loop ``split_sentences`` replaced, with its boundary pattern as first written."""
    spans: list[tuple[int, int]] = []

    def push(start: int, end: int) -> None:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))

    start = 0
    for m in _BOUNDARY_RE.finditer(text):
        end = m.end()
        if text[m.start()] == ".":
            i = j = m.start()
            while i > start and (text[i - 1].isalnum() or text[i - 1] == "."):
                i -= 1
            word = text[i:j].lower().rstrip(".")
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or (
                "." in word and len(word) <= 6
            ):
                continue
        push(start, end)
        start = end
    push(start, len(text))
    return spans


def test_sentences_are_those_of_the_match_by_match_loop(texts: list[str]) -> None:
    n = 0
    for text in texts:
        spans = split_sentences(text)
        assert [(s.start, s.end) for s in spans] == _split_by_finditer(text), text[:80]
        n += len(spans)
    assert n > 1000


def test_tokens_are_those_of_the_match_by_match_loop(texts: list[str]) -> None:
    apostrophes = 0
    for text in texts:
        for span in split_sentences(text) or [Span(0, len(text))]:
            sentence = text[span.start : span.end]
            apostrophes += "'" in sentence
            for offset in (0, span.start):
                expected = _tokenize_by_finditer(sentence, offset)
                assert [tuple(t) for t in tokenize(sentence, offset)] == expected
        assert [tuple(t) for t in tokenize(text, 3)] == _tokenize_by_finditer(text, 3)
    assert apostrophes > 50  # the apostrophe path was exercised


def test_token_and_span_are_immutable_named_records() -> None:
    token = tokenize("Iran's drones", 10)[0]
    assert token == Token(10, 14, "Iran", "iran")
    assert (token.start, token.end, token.text, token.lower) == (10, 14, "Iran", "iran")
    with pytest.raises(AttributeError):
        token.start = 0  # type: ignore[misc]
    span = split_sentences("One. Two.")[1]
    assert (span.start, span.end) == (5, 9)
    with pytest.raises(AttributeError):
        span.end = 0  # type: ignore[misc]
