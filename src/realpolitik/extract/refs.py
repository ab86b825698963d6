"""The actor references of one sentence: what the frames read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Ref:
    """A span of a sentence that stands for an actor, at token positions ``[i, j)``."""

    actor: str
    i: int
    j: int
    start: int
    end: int
    text: str
    kind: str  # name | adjective | demonym | capital | metonym | official | learned | coref
    possessive: bool = False  # followed by 's
