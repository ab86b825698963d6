"""Coreference: "the two countries", "the latter", "its", "the Hebrew state" to the actors they mean.

Heuristics, in the order news prose uses them: a pair noun phrase takes the last two distinct
actors; "the latter"/"the former" the second/first of them; a possessive or subject pronoun at
the start of a sentence takes the previous sentence's subject, elsewhere the nearest actor
before it in the sentence; "he"/"she"/"him" the sentence's first person (its subject: "X met Y, where he
said" is X), else the last person named before, unless an unknown name stands between.
"""

from __future__ import annotations

import re

PAIR_RE = re.compile(
    r"\b(?:the two|both(?: the)?(?: two)?|the two sides'?|the pair of)\s+"
    r"(?:countries|nations|states|governments|sides|neighbou?rs|allies|capitals|leaders|powers|rivals|"
    r"countries'|nations'|states'|governments'|allies'|neighbou?rs')",
    re.I,
)
LATTER_RE = re.compile(r"\bthe (latter|former)\b", re.I)
SINGLE_RE = re.compile(
    r"\b([Ii]ts|[Ii]t|[Tt]he country|[Tt]he nation|[Tt]he regime|[Tt]he kingdom|[Tt]he republic|[Tt]he government)"
    r"\b(?!-)(?!\s+of\b)"
)
# Subject pronouns for people: the sentence's first person (its subject), else the last one named.
PERSON_RE = re.compile(r"\b([Hh]e|[Ss]he|him)\b(?!-)")
# SINGLE_RE and PERSON_RE as find_cues runs them: opening with the class of the first letter, so
# that re skips every other character in C (a leading "\b" defeats that); the lookbehinds put
# back the word boundary and which letter each alternative starts with.
_SINGLE_SCAN = re.compile(
    r"[IiTt](?<!\w.)(?:(?<=[Ii])ts|(?<=[Ii])t|(?<=[Tt])he country|(?<=[Tt])he nation|(?<=[Tt])he regime"
    r"|(?<=[Tt])he kingdom|(?<=[Tt])he republic|(?<=[Tt])he government)\b(?!-)(?!\s+of\b)"
)
_PERSON_SCAN = re.compile(r"[HhSs](?<!\w.)(?:(?<=[Hh])e|(?<=[Ss])he|(?<=h)im)\b(?!-)")
PERSON_KINDS = frozenset({"official", "learned"})
# "the attack", "the border agreement": an event named before stands for its actors.
EVENT_RE = re.compile(
    r"\b[Tt]he\s+(?:[a-z-]+\s+){0,3}?(?P<violent>attacks?|strikes?|airstrikes?|operation|offensive|invasion|"
    r"incursion|assault|bombing|killing|raid|shelling)\b|\b[Tt]he\s+(?:[a-z-]+\s+){0,3}?"
    r"(?P<pact>agreement|deal|accord|pact|treaty|memorandum)\b"
    r"|\b[Tt]he\s+(?:[a-z-]+\s+){0,2}?(?P<proposal>call|proposal|initiative|suggestion|appeal|peace plan)\b"
    r"|\b[Tt]he\s+(?:[a-z-]+\s+){0,2}?(?P<meeting>summit|meeting|conference|gathering|talks)\b"
)
# Reported speech: inside a quotation, "we", "our", "us" are the speaker's side.
FIRST_PERSON = frozenset({"we", "our", "us", "ours", "i", "me", "my"})
SPEECH_VERBS = frozenset("""said says say told tells added adds stated states tweeted wrote writes declared
    declares warned warns announced announces insisted insists claimed claims argued argues noted notes""".split())
STATE_KINDS = frozenset({"name", "adjective", "capital", "metonym", "official", "learned", "demonym"})


def find_cues(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of coreference cues in a (folded) sentence.

    kind: pair | latter | former | single | person (he, she) | violent (an attack) | pact (an agreement)
    | proposal (a call, an initiative: its author) | meeting (a summit: its participants).
    """
    out: list[tuple[int, int, str]] = []
    low = sentence.lower()
    # The case-blind patterns cannot match without these words: most sentences skip them.
    if "two" in low or "both" in low or "pair" in low:
        for m in PAIR_RE.finditer(sentence):
            out.append((m.start(), m.end(), "pair"))
    if "latter" in low or "former" in low:
        for m in LATTER_RE.finditer(sentence):
            out.append((m.start(), m.end(), m.group(1).lower()))
    taken = [(s, e) for s, e, _ in out]
    for m in EVENT_RE.finditer(sentence):
        if not any(s <= m.start() < e for s, e in taken):
            kind = next(k for k in ("violent", "pact", "proposal", "meeting") if m.group(k))
            out.append((m.start(), m.end(), kind))
    taken = [(s, e) for s, e, _ in out]
    for m in _SINGLE_SCAN.finditer(sentence):
        if any(s <= m.start() < e for s, e in taken):
            continue
        out.append((m.start(), m.end(), "single"))
    for m in _PERSON_SCAN.finditer(sentence):
        out.append((m.start(), m.end(), "person"))
    out.sort()
    return out
