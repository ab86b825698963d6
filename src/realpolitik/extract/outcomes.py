"""Outcome statements: sentences that say an actor gained or lost ("Azerbaijan emerged victorious",
"detrimental to Iran's interests", "Israel is a winner").

The cues live in ``data/outcomes.jsonl``; this module reads them once (:func:`load_cues`) and
matches them (:func:`find_outcomes`) over each sentence of a document in which every actor
mention has become one token. The format, as the file's header gives it:

- ``{"cue": "pattern", "polarity": 1|-1, "role": "subject|object|possessor|after_colon"}``.
  A pattern is matched token by token (lower case, accents folded). ``@`` is where the actor
  stands, as a noun phrase: ``Iran``, ``Iran's interests`` (``@'s`` followed by a word of class
  ``stake``), ``the Iranian government`` (an adjective followed by a word of class ``seat``).
  ``@'s`` is a possessor: ``Iran's``, ``Iranian``, or ``its`` / ``their`` standing for the last
  actor named before it in the sentence.
- ``a|b`` are alternatives for one token; ``<class>`` is one word of a class, ``<class>*`` zero
  to three of them; ``*`` is a gap of up to 3 tokens and ``**`` of up to 8 (a gap never crosses
  ``, ; :``, brackets or another actor); ``!a|b`` means the next token is none of these (the end
  of the sentence qualifies).
- ``role`` says where ``@`` stands and is checked on load: ``subject`` (the first element; the
  actor must not be the object of a preposition, i.e. follow a word of class ``prep``),
  ``possessor`` (``@'s`` somewhere), ``object`` (the last element), ``after_colon`` (the last
  element, right after ``:``).
- ``{"class": name, "words": [...]}`` defines a word class; ``{"blockers": [...]}`` are words
  that keep a cue from counting when they stand in its clause (the tokens between the nearest
  ``, ; :`` or sentence edge on either side of the match; a comma-delimited aside of one or two
  words, such as ", thus," or ", however,", does not end a clause); ``{"sentence_blockers":
  [...]}`` keep it from counting when they stand anywhere before it in the sentence ("If Armenia
  loses, Iran is the winner").

Hyphenated words are one token (``cease-fire``, ``empty-handed``); peoples (demonym mentions such
as "Azerbaijanis") are not the state unless preceded by "the", as in the relation extractor.

>>> from realpolitik.model import Document, Mention, Sentence
>>> text = "On the face of it, Israel is a winner in such an outcome."
>>> doc = Document("d", text, date="2020-11-12")
>>> [(o.actor, o.polarity, o.date) for o in find_outcomes(doc, [Mention("ISR", 19, 25, "Israel", "name")],
...                                                        [Sentence(0, len(text), text)])]
[('ISR', 1, '2020-11-12')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources

from ..datafiles import parse_jsonl
from ..errors import DataError
from ..model import Document, Mention, Outcome, Sentence
from ..nlp.text import fold, tokenize

__all__ = ["Cue", "CueTable", "find_outcomes", "load_cues", "parse_cues"]

ROLES = ("subject", "object", "possessor", "after_colon")
_SEPARATORS = frozenset({",", ";", ":", "(", ")", "[", "]", "{", "}"})
_PRONOUNS = frozenset({"its", "their"})
# Words too common to tell whether a sentence may hold a cue.
_COMMON = frozenset({"a", "an", "the", "to", "for", "of", "is", "are", "was", "were", "in", "on", ":", "with", "by"})
_WORDS = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_ACTOR = "\x00actor"  # the lower form of an actor token: matches no word of any pattern


# ---------------------------------------------------------------------------------------------
# The cue table


@dataclass(frozen=True, slots=True)
class Cue:
    """One compiled pattern: ``elements`` are tuples ``(kind, ...)`` (see :func:`_compile`)."""

    text: str
    polarity: int
    role: str
    elements: tuple[tuple, ...]
    needs: tuple[frozenset[str], ...]  # literal alternatives a sentence must contain (pre-check)


@dataclass(frozen=True, slots=True)
class CueTable:
    classes: dict[str, frozenset[str]]
    blockers: frozenset[str]
    sentence_blockers: frozenset[str]
    cues: tuple[Cue, ...]
    anchors: frozenset[str]  # a sentence without any of these words matches no cue


def _compile(pattern: str, polarity: int, role: str, classes: dict[str, frozenset[str]], where: str) -> Cue:
    elements: list[tuple] = []
    for part in pattern.split():
        if part == "@":
            elements.append(("np",))
        elif part == "@'s":
            elements.append(("poss",))
        elif part in ("*", "**"):
            elements.append(("gap", 3 if part == "*" else 8))
        elif part.startswith("<"):
            star = part.endswith("*")
            name = part.strip("<>*")
            if name not in classes:
                raise DataError(f"{where}: unknown word class <{name}> in {pattern!r}")
            elements.append(("cls", classes[name], 0 if star else 1, 3 if star else 1))
        elif part.startswith("!"):
            elements.append(("not", frozenset(part[1:].split("|"))))
        else:
            elements.append(("words", frozenset(part.split("|"))))
    kinds = [e[0] for e in elements]
    ok = {
        "subject": kinds[:1] == ["np"],
        "possessor": "poss" in kinds,
        "object": kinds[-1:] == ["np"],
        "after_colon": kinds[-1:] == ["np"] and len(elements) > 1 and elements[-2] == ("words", frozenset({":"})),
    }.get(role)
    if ok is None:
        raise DataError(f"{where}: unknown role {role!r}; expected one of {', '.join(ROLES)}")
    if not ok or kinds.count("np") + kinds.count("poss") != 1:
        raise DataError(f"{where}: pattern {pattern!r} does not put one actor where role {role!r} says")
    needs = tuple(e[1] for e in elements if e[0] == "words")
    return Cue(pattern, polarity, role, tuple(elements), needs)


def parse_cues(text: str, where: str = "outcomes.jsonl") -> CueTable:
    """Parse and check the cue file's text (see the module docstring for its format)."""
    classes: dict[str, frozenset[str]] = {}
    blockers: frozenset[str] = frozenset()
    sentence_blockers: frozenset[str] = frozenset()
    raw: list[tuple[int, dict]] = []
    for n, obj in parse_jsonl(text, where):
        if "class" in obj:
            classes[obj["class"]] = frozenset(w.lower() for w in obj["words"])
        elif "blockers" in obj:
            blockers = frozenset(w.lower() for w in obj["blockers"])
        elif "sentence_blockers" in obj:
            sentence_blockers = frozenset(w.lower() for w in obj["sentence_blockers"])
        elif "cue" in obj:
            raw.append((n, obj))
        else:
            raise DataError(f"{where}:{n}: a line needs 'class', 'blockers', 'sentence_blockers' or 'cue'")
    cues = []
    for n, obj in raw:
        try:
            polarity = int(obj["polarity"])
            role = obj["role"]
            pattern = obj["cue"]
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(f"{where}:{n}: bad or missing field ({exc})") from None
        if polarity not in (1, -1):
            raise DataError(f"{where}:{n}: polarity must be 1 or -1, not {polarity}")
        cues.append(_compile(fold(pattern).lower(), polarity, role, classes, f"{where}:{n}"))
    anchors: set[str] = set()
    for cue in cues:
        rare = [need for need in cue.needs if need.isdisjoint(_COMMON)]
        anchors |= rare[0] if rare else (cue.needs[0] if cue.needs else {""})
    return CueTable(classes, blockers, sentence_blockers, tuple(cues), frozenset(anchors))


@functools.cache
def load_cues() -> CueTable:
    """The package's outcome cues, read and checked once per process.

    >>> len(load_cues().cues) > 20, "winner" in load_cues().cues[2].text
    (True, True)
    """
    node = resources.files("realpolitik") / "data" / "outcomes.jsonl"
    return parse_cues(node.read_text(encoding="utf-8"), str(node))


# ---------------------------------------------------------------------------------------------
# Sentences as tokens, each actor mention one token


@dataclass(frozen=True, slots=True)
class _Tok:
    lower: str
    start: int
    end: int
    actor: str | None = None
    kind: str = ""  # the mention's kind for actor tokens


def _tokens(folded: str, s: int, e: int, mentions: Sequence[Mention]) -> list[_Tok]:
    raw = tokenize(folded[s:e], s)
    out: list[_Tok] = []
    mi = 0
    k = 0
    while k < len(raw):
        t = raw[k]
        while mi < len(mentions) and mentions[mi].end <= t.start:
            mi += 1
        m = mentions[mi] if mi < len(mentions) else None
        if m is not None and m.start <= t.start < m.end:
            j = k
            while j < len(raw) and raw[j].start < m.end:
                j += 1
            people = m.kind == "demonym" and not (out and out[-1].lower == "the")
            if not people:
                out.append(_Tok(_ACTOR, raw[k].start, raw[j - 1].end, m.actor, m.kind))
                k = j
                mi += 1
                continue
        # "cease-fire", "empty-handed": hyphenated words are one token
        if out and t.lower != "-" and out[-1].actor is None and out[-1].end == t.start and out[-1].lower.endswith("-"):
            prev = out.pop()
            out.append(_Tok(prev.lower + t.lower, prev.start, t.end))
        elif t.lower == "-" and out and out[-1].actor is None and out[-1].end == t.start and out[-1].lower[-1:].isalnum() \
                and k + 1 < len(raw) and raw[k + 1].start == t.end and raw[k + 1].lower[:1].isalnum():
            prev = out.pop()
            out.append(_Tok(prev.lower + "-", prev.start, t.end))
        else:
            out.append(_Tok(t.lower, t.start, t.end))
        k += 1
    return out


# ---------------------------------------------------------------------------------------------
# Matching


class _Matcher:
    def __init__(self, toks: list[_Tok], table: CueTable) -> None:
        self.toks = toks
        self.seat = table.classes.get("seat", frozenset())
        self.stake = table.classes.get("stake", frozenset())
        self.mod = table.classes.get("mod", frozenset())

    def _np(self, i: int) -> Iterator[tuple[int, str]]:
        """Noun phrases standing for an actor at ``i``: (end, actor), longest first."""
        toks = self.toks
        t = toks[i] if i < len(toks) else None
        if t is None or t.actor is None:
            return
        n = len(toks)
        if t.kind == "adjective":
            if i + 1 < n and toks[i + 1].lower in self.seat:
                yield i + 2, t.actor
            return
        if i + 1 < n and toks[i + 1].lower == "'s":
            j = i + 2
            while j < n and j - i - 2 < 3 and toks[j].lower in self.mod and toks[j].lower not in self.stake:
                j += 1
            if j < n and toks[j].lower in self.stake:
                yield j + 1, t.actor
        yield i + 1, t.actor

    def _poss(self, i: int) -> Iterator[tuple[int, str]]:
        toks = self.toks
        n = len(toks)
        if i >= n:
            return
        t = toks[i]
        if t.actor is not None:
            if t.kind == "adjective":
                if i + 2 < n and toks[i + 1].lower in self.seat and toks[i + 2].lower == "'s":
                    yield i + 3, t.actor
                yield i + 1, t.actor
            elif i + 1 < n and toks[i + 1].lower == "'s":
                yield i + 2, t.actor
        elif t.lower in _PRONOUNS:
            before = [x for x in toks[:i] if x.actor is not None]
            if before:
                yield i + 1, before[-1].actor

    def match(self, elements: tuple[tuple, ...], k: int, i: int, actor: str | None) -> Iterator[tuple[int, str]]:
        """Every way ``elements[k:]`` matches from token ``i``: (end, actor)."""
        if k == len(elements):
            if actor is not None:
                yield i, actor
            return
        toks = self.toks
        n = len(toks)
        e = elements[k]
        kind = e[0]
        if kind == "np":
            for j, a in self._np(i):
                yield from self.match(elements, k + 1, j, a)
        elif kind == "poss":
            for j, a in self._poss(i):
                yield from self.match(elements, k + 1, j, a)
        elif kind == "words":
            if i < n and toks[i].lower in e[1]:
                yield from self.match(elements, k + 1, i + 1, actor)
        elif kind == "not":
            if i >= n or toks[i].lower not in e[1]:
                yield from self.match(elements, k + 1, i, actor)
        elif kind == "cls":
            words, lo, hi = e[1], e[2], e[3]
            j = i
            spans = []
            while True:
                if j - i >= lo:
                    spans.append(j)
                if j - i >= hi or j >= n or toks[j].lower not in words:
                    break
                j += 1
            for j in reversed(spans):
                yield from self.match(elements, k + 1, j, actor)
        else:  # gap
            limit = e[1]
            for size in range(limit + 1):
                j = i + size
                if j > n:
                    break
                if size and (toks[j - 1].actor is not None or toks[j - 1].lower in _SEPARATORS):
                    break
                yield from self.match(elements, k + 1, j, actor)


def _clause_words(toks: list[_Tok], i: int, j: int) -> set[str]:
    """Lower forms of the tokens of the clause around ``toks[i:j]``: up to the nearest separator on
    each side, stepping over comma-delimited asides of one or two words (", thus,")."""
    seps = [k for k, t in enumerate(toks) if t.lower in _SEPARATORS]
    n = len(toks)

    def before(k: int) -> int:
        return max((s for s in seps if s < k), default=-1)

    def after(k: int) -> int:
        return min((s for s in seps if s > k), default=n)

    def aside(a: int, b: int) -> bool:
        return 0 <= a < b < n and toks[a].lower == "," and toks[b].lower == "," and 1 <= b - a - 1 <= 2

    left = before(i)
    while left >= 0 and aside(before(left), left):
        left = before(before(left))
    right = min((s for s in seps if s >= j), default=n)
    while right < n and aside(right, after(right)):
        right = after(after(right))
    return {t.lower for t in toks[left + 1 : right]}


def _sentence_outcomes(toks: list[_Tok], table: CueTable) -> list[tuple[str, int, int, int]]:
    """(actor, polarity, start token, end token) of every cue that counts in one sentence."""
    words = {t.lower for t in toks}
    matcher = _Matcher(toks, table)
    prep = table.classes.get("prep", frozenset())
    found = []
    actors = [i for i, t in enumerate(toks) if t.actor is not None]
    owners = [i for i, t in enumerate(toks) if t.actor is not None or t.lower in _PRONOUNS]
    for cue in table.cues:
        if any(not (need & words) for need in cue.needs):
            continue
        first = cue.elements[0]
        if first[0] == "np":
            starts = actors
        elif first[0] == "poss":
            starts = owners
        elif first[0] == "words":
            starts = [i for i, t in enumerate(toks) if t.lower in first[1]]
        else:
            starts = list(range(len(toks)))
        for i in starts:
            for j, actor in matcher.match(cue.elements, 0, i, None):
                if cue.role == "subject":
                    k = i - 1
                    while k >= 0 and toks[k].lower in ("the",):
                        k -= 1
                    if k >= 0 and toks[k].lower in prep:
                        continue
                if table.sentence_blockers & {t.lower for t in toks[:i]}:
                    continue
                if table.blockers & _clause_words(toks, i, j):
                    continue
                found.append((actor, cue.polarity, i, j))
                break
    return found


def find_outcomes(
    doc: Document, mentions: Sequence[Mention], sentences: Sequence[Sentence], *, folded: str | None = None
) -> list[Outcome]:
    """Outcome statements of a document, one per actor, polarity and sentence, in text order.

    ``mentions`` are the document's actor mentions (sorted by offset, as the extractor makes
    them), ``sentences`` its sentences; ``folded`` is :func:`realpolitik.nlp.text.fold` of the
    text if already computed. Each outcome's ``date`` is the document's date.
    """
    table = load_cues()
    text = doc.text
    folded = folded if folded is not None else fold(text)
    out: list[Outcome] = []
    seen: set[tuple[str, int, int]] = set()
    mentions = sorted(mentions, key=lambda m: m.start)
    mi = 0
    for sent in sentences:
        while mi < len(mentions) and mentions[mi].end <= sent.start:
            mi += 1
        inside = []
        k = mi
        while k < len(mentions) and mentions[k].start < sent.end:
            if mentions[k].start >= sent.start and mentions[k].end <= sent.end:
                inside.append(mentions[k])
            k += 1
        if not inside:
            continue
        lower = folded[sent.start : sent.end].lower()
        present = set(_WORDS.findall(lower))
        if ":" in lower:
            present.add(":")
        if present.isdisjoint(table.anchors) or not any(
            all(not need.isdisjoint(present) for need in cue.needs) for cue in table.cues
        ):
            continue  # no cue can match: skip tokenizing (most sentences)
        toks = _tokens(folded, sent.start, sent.end, inside)
        for actor, polarity, _i, _j in _sentence_outcomes(toks, table):
            key = (actor, polarity, sent.start)
            if key in seen:
                continue
            seen.add(key)
            out.append(Outcome(doc.id, actor, polarity, text[sent.start : sent.end], (sent.start, sent.end), doc.date))
    return out
