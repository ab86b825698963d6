"""Modality of a relation from the cue words of its clause: asserted, possible or negated."""

from __future__ import annotations

from ..nlp.text import Token
from .lexicon import Lexicon

POSSIBLE_WINDOW = 8
NEGATION_WINDOW = 6
_CONDITION_PHRASES = (("should", "the", "need", "arise"), ("if", "need", "be"))


def modality(tokens: list[Token], trigger_start: int, clause_start: int, lex: Lexicon,
             trigger_end: int | None = None) -> str:
    """Read back from the trigger to the clause start; the nearest cue decides.

    "continue"/"still" mark an ongoing state ("will continue allowing"): asserted. A cue does not
    reach over "and" into a coordinated finite verb: in "urged X to reconsider and spoke with Y"
    the talk took place.
    """
    neg, pos, cont = lex.cues["negated"], lex.cues["possible"], lex.cues["continue"]
    lows = [t.lower for t in tokens]
    for a in range(len(lows)):
        for phrase in _CONDITION_PHRASES:
            if tuple(lows[a : a + len(phrase)]) == phrase:
                return "possible"
    one_word = trigger_end is None or trigger_end - trigger_start == 1
    if lows[trigger_start] in pos and one_word:
        # The trigger itself promises ("pledged funds", "offered assistance"); a longer trigger that
        # starts with such a word is a deed of its own ("demanded an explanation from").
        return "possible"
    lo = max(clause_start, trigger_start - POSSIBLE_WINDOW)
    for k in range(trigger_start - 1, lo - 1, -1):
        w = lows[k]
        if w == ",":
            break
        if w in ("and", "but") and k == trigger_start - 1 and finite(lows[trigger_start]):
            break  # "Likely sensing defeat, Armenia signed": a cue before the comma is another clause's
        if w in cont:
            return "asserted"
        if w in neg and trigger_start - k <= NEGATION_WINDOW:
            return "negated"
        if w in pos or w == "will":
            return "possible"
    return "asserted"


_IRREGULAR_PAST: frozenset[str] | None = None


def finite(word: str) -> bool:
    """A past-tense verb form: "spoke", "signed" (the coordinated verb of its own clause)."""
    global _IRREGULAR_PAST
    if _IRREGULAR_PAST is None:
        from .lexicon import irregular_verbs

        _IRREGULAR_PAST = frozenset(f for forms in irregular_verbs().values() for f in forms
                                    if not f.endswith("ing"))
    return word.endswith("ed") or word in _IRREGULAR_PAST
