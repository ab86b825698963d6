"""Find every surface form of every known actor in a text, fast (Aho-Corasick over folded text).

The gazetteer only *finds* candidate spans; deciding which of them really stand for an actor
(ambiguous names, ethnic groups, persons out of office) is :mod:`realpolitik.extract.actors`.
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from ..knowledge import Knowledge, Official
from .text import fold

# Kinds of surface form, in the order a form defined twice keeps the first.
KINDS = ("name", "metonym", "capital", "adjective", "demonym", "official", "block")


@dataclass(frozen=True, slots=True)
class Entry:
    actor: str  # actor id; "" for blockers and officials
    kind: str
    official: Official | None = None
    ambiguous: bool = False


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    entries: tuple[Entry, ...]


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


class Gazetteer:
    """All surface forms of a :class:`Knowledge`, compiled once.

    >>> from realpolitik.knowledge import Knowledge, Actor
    >>> k = Knowledge(actors={"ISR": Actor("ISR", "state", "Israel", names=("Israel",),
    ...                                      adjectives=("Israeli",))})
    >>> g = Gazetteer(k)
    >>> [(h.start, h.end, h.entries[0].kind) for h in g.scan("Israeli arms to Israelis in Israel.")]
    [(0, 7, 'adjective'), (28, 34, 'name')]
    """

    def __init__(self, knowledge: Knowledge) -> None:
        table: dict[str, list[Entry]] = {}

        def add(form: str, entry: Entry) -> None:
            form = form.strip()
            if not form:
                return
            for variant in {form, fold(form)}:
                entries = table.setdefault(variant, [])
                if entry not in entries:
                    entries.append(entry)

        for actor in knowledge.actors.values():
            for kind, forms in (
                ("name", actor.names),
                ("metonym", actor.metonyms),
                ("capital", actor.capitals),
                ("adjective", actor.adjectives),
                ("demonym", actor.demonyms),
            ):
                for form in forms:
                    add(form, Entry(actor.id, kind, ambiguous=form in actor.ambiguous))
        for official in knowledge.officials:
            for form in (official.name, *official.aliases):
                add(form, Entry("", "official", official=official))
        for form in knowledge.non_actors:
            add(form, Entry("", "block"))

        self._automaton = ahocorasick.Automaton()
        for form, entries in table.items():
            self._automaton.add_word(form, (len(form), tuple(entries)))
        if table:
            self._automaton.make_automaton()
        self._empty = not table

    def scan(self, text: str, *, folded: str | None = None) -> list[Hit]:
        """Leftmost-longest, non-overlapping hits on word boundaries (blockers included)."""
        if self._empty:
            return []
        t = folded if folded is not None else fold(text)
        n = len(t)
        candidates: list[tuple[int, int, tuple[Entry, ...]]] = []
        for end_idx, (length, entries) in self._automaton.iter(t):
            start = end_idx - length + 1
            end = end_idx + 1
            if start > 0 and _is_word_char(t[start - 1]):
                continue
            if end < n and _is_word_char(t[end]) and _is_word_char(t[end - 1]):
                continue
            candidates.append((start, end, entries))
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        hits: list[Hit] = []
        last_end = -1
        for start, end, entries in candidates:
            if start < last_end:
                continue
            hits.append(Hit(start, end, entries))
            last_end = end
        return hits
