"""Modality of a relation from the cue words of its clause: asserted, possible or negated."""

from __future__ import annotations

from ..nlp.text import Token
from .lexicon import Lexicon

POSSIBLE_WINDOW = 8
NEGATION_WINDOW = 6
_CONDITION_PHRASES = (("should", "the", "need", "arise"), ("if", "need", "be"))


def modality(tokens: list[Token], trigger_start: int, clause_start: int, lex: Lexicon) -> str:
    """Read back from the trigger to the clause start; the nearest cue decides.

    "continue"/"still" mark an ongoing state ("will continue allowing"): asserted.
    """
    neg, pos, cont = lex.cues["negated"], lex.cues["possible"], lex.cues["continue"]
    lows = [t.lower for t in tokens]
    for a in range(len(lows)):
        for phrase in _CONDITION_PHRASES:
            if tuple(lows[a : a + len(phrase)]) == phrase:
                return "possible"
    if lows[trigger_start] in pos:
        return "possible"  # the trigger itself promises: "pledged funds", "offered assistance"
    lo = max(clause_start, trigger_start - POSSIBLE_WINDOW)
    for k in range(trigger_start - 1, lo - 1, -1):
        w = lows[k]
        if w == ",":
            break  # "Likely sensing defeat, Armenia signed": a cue before the comma is another clause's
        if w in cont:
            return "asserted"
        if w in neg and trigger_start - k <= NEGATION_WINDOW:
            return "negated"
        if w in pos or w == "will":
            return "possible"
    return "asserted"
