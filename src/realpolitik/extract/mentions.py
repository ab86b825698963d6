"""Decide which gazetteer hits really stand for an actor in this document.

Rules (general English, not tied to any article):
- a blocker phrase ("Persian Gulf", "Washington Post") consumes its span;
- an *ambiguous* form ("Georgia", "Jordan", "Chad") counts only when the same actor is also
  named unambiguously in the document and the form is not part of a longer proper name;
- an adjective before a non-state head ("Azerbaijani media", "Armenian diaspora") is not the
  state; an ethnic group inside another state ("Iranian Azeris", "ethnic Armenians") is neither;
- a person is the state they serve only while in office at the document's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..knowledge import Knowledge
from ..nlp.gazetteer import Entry, Hit

# Heads after a national adjective that name people or bodies that are not the state.
NON_STATE_HEADS = frozenset(
    ["media", "press", "newspaper", "newspapers", "news", "journalist", "journalists", "reporter", "reporters", "outlet", "outlets", "channel", "television", "tv", "radio", "businessman", "businessmen", "businesswoman", "investor", "investors", "community", "communities", "minority", "minorities", "diaspora", "citizen", "citizens", "people", "peoples", "population", "populations", "national", "nationals", "tourist", "tourists", "student", "students", "fan", "fans", "team", "teams", "club", "clubs", "player", "players", "football", "soccer", "athlete", "athletes", "artist", "artists", "writer", "writers", "author", "authors", "poet", "scholar", "scholars", "academic", "academics", "analyst", "analysts", "expert", "experts", "think-tank", "opposition", "dissident", "dissidents", "activist", "activists", "protester", "protesters", "protestors", "demonstrators", "refugee", "refugees", "migrant", "migrants", "worker", "workers", "civilian", "civilians", "inhabitant", "inhabitants", "villagers", "residents", "origin", "descent", "heritage", "ancestry", "language", "literature", "cuisine", "food", "music", "film", "films", "culture", "caller", "callers", "viewers", "audience", "audiences", "voters", "consumers", "families", "family", "children", "women", "men", "man", "woman", "youth", "émigrés", "emigres", "expatriates", "expats", "exiles", "immigrants", "settlers", "pilgrims", "rebels", "insurgents", "separatist-held", "republics", "think", "era", "times", "period"]
)
ETHNIC_MARKERS = frozenset({"ethnic", "ethnically"})
_TITLE_BEFORE_RE = re.compile(r"(?:^|\s)[A-Z][a-z]+\s+$")


@dataclass(frozen=True, slots=True)
class Mention:
    actor: str
    start: int
    end: int
    kind: str
    official: str | None = None  # the person's name when kind == "official"


def resolve(
    hits: list[Hit], text: str, knowledge: Knowledge, date: str | None
) -> list[Mention]:
    """Turn raw gazetteer hits into the mentions that count, in text order."""
    firm: set[str] = set()
    for h in hits:
        for e in h.entries:
            if e.actor and not e.ambiguous and e.kind != "block":
                firm.add(e.actor)
    out: list[Mention] = []
    for idx, h in enumerate(hits):
        if any(e.kind == "block" for e in h.entries):
            continue
        m = _choose(h, hits, idx, text, knowledge, date, firm)
        if m is not None:
            out.append(m)
    return out


def _choose(
    h: Hit, hits: list[Hit], idx: int, text: str, knowledge: Knowledge, date: str | None, firm: set[str]
) -> Mention | None:
    officials = [e for e in h.entries if e.kind == "official"]
    actors = [e for e in h.entries if e.actor]
    if officials and not actors:
        return _official(h, officials, text, date)
    if not actors:
        return None
    unambiguous = [e for e in actors if not e.ambiguous]
    # An ambiguous capital ("Washington") counts unless it opens or ends a longer name
    # ("George Washington", "Washington Post"); an ambiguous name needs the actor named plainly too.
    pool = unambiguous or [e for e in actors if e.actor in firm or e.kind in ("capital", "metonym")]
    if not pool and _acts_as_subject(text, h.start, h.end):
        # "Chad expelled the German ambassador", "Jordan condemned the raid": a bare name that is
        # the subject of a finite verb, with no first name or surname glued on, is the state.
        pool = [e for e in actors if e.kind == "name"]
    if not pool:
        return None
    entry = pool[0]
    if entry.kind in ("adjective", "name") and _FORMER_BEFORE.search(text, max(0, h.start - 12), h.start):
        return None  # "former US President Obama", "an ex-Soviet officer": no longer the state's voice
    if (entry.ambiguous or (len(actors) > 1 and not unambiguous)) and _inside_longer_name(text, h.start, h.end):
        return None
    if entry.kind in ("adjective", "demonym") and _not_the_state(text, h, hits, idx, entry):
        return None
    if entry.kind in ("capital", "name") and _head_after(text, h.end) in NON_STATE_HEADS:
        return None  # "Washington think tanks", "Baku media"
    if entry.kind in ("name", "capital") and _inside_longer_name(text, h.start, h.end, after_only=True):
        # "Israel Aerospace", "Washington Institute": a name that opens a longer proper name.
        nxt = text[h.end : h.end + 2]
        if nxt[:1] == " " and nxt[1:2].isupper() and not _is_actor_at(hits, idx + 1, h.end + 1):
            return None
    return Mention(entry.actor, h.start, h.end, entry.kind)


def _official(h: Hit, officials: list[Entry], text: str, date: str | None) -> Mention | None:
    # News reports on officials just gone from office (killed, resigned) for a while after.
    grace = _days_before(date, 31) if date else None
    in_office = [e for e in officials if e.official and (e.official.in_office(date) or e.official.in_office(grace))]
    if not in_office:
        if date:
            return None  # out of office at the time: a private person for the ontology
        in_office = sorted(officials, key=lambda e: e.official.start if e.official else "")[-1:]
    states = {e.official.actor for e in in_office if e.official}
    if len(states) != 1:
        return None
    best = in_office[0].official
    assert best is not None
    # "former President X" speaks of a person out of office.
    before = text[max(0, h.start - 24) : h.start].lower()
    if re.search(r"\b(former|ex-|late|then-opposition)\s*(\w+\s+){0,2}$", before):
        return None
    return Mention(best.actor, h.start, h.end, "official", official=best.name)


def _days_before(date: str, days: int) -> str | None:
    import datetime as dt

    try:
        d = dt.date.fromisoformat(date[:10]) if len(date) >= 10 else None
    except ValueError:
        return None
    return (d - dt.timedelta(days=days)).isoformat() if d else None


_VERB_AFTER = re.compile(r"\s+(?:has|had|have|is|was|will|would|said|says|also|on\s+\w+day)?\s*[a-z]+(?:ed|es)\b"
                         r"|\s+(?:has|had|will|would|said|says|is|was)\b")


_FORMER_BEFORE = re.compile(r"\b(?:[Ff]ormer|[Ee]x-)\s*$")


def _acts_as_subject(text: str, start: int, end: int) -> bool:
    """The span is followed by a finite verb ("Chad expelled", "Jordan has condemned") and glued
    to no other capitalised word."""
    if _inside_longer_name(text, start, end) or text[end : end + 2] == "'s":
        return False
    return bool(_VERB_AFTER.match(text, end))


def _inside_longer_name(text: str, start: int, end: int, *, after_only: bool = False) -> bool:
    """True if capitalised words glue onto the span ("Michael Jordan", "Georgia Tech")."""
    if not after_only:
        before = text[max(0, start - 30) : start]
        m = re.search(r"([A-Z][a-z]+)\s+$", before)
        if m and not re.search(r"(^|[.!?:;\"“]\s*|\n)\s*[A-Z][a-z]+\s+$", before):
            word = m.group(1)
            if word not in _FUNCTION_CAPS:
                return True
    after = text[end : end + 30]
    return bool(re.match(r"\s+[A-Z][a-z]+", after)) and not re.match(
        r"\s+(?:" + "|".join(_FUNCTION_CAPS) + r")\b", after
    )


_FUNCTION_CAPS = ["The", "A", "An", "In", "On", "At", "By", "For", "From", "With", "And", "But", "Or", "Of", "To", "As", "If", "When", "While", "Since", "After", "Before", "During", "Under", "Over", "Between", "Against", "Both", "Its", "Their", "His", "Her", "President", "King", "Prime", "Minister", "Foreign", "Defence", "Defense", "Chancellor", "Premier", "Emir", "Sultan", "Secretary", "Ambassador", "Supreme", "Leader", "General", "Mr", "Mrs", "Ms", "Dr", "Sheikh", "Crown", "Prince", "Queen", "Ayatollah", "Said", "Says", "Told",
    # Words after a state name inside the name of one of its bodies or wars: still the state.
    "War", "Wars", "Army", "Navy", "Air", "Armed", "Forces", "Force", "Government", "Ministry", "Parliament", "Embassy", "Border", "Coast", "National", "Security", "Council", "State", "Department", "Military", "Revolutionary", "Guard", "Guards", "Cabinet", "Senate", "Congress", "Deputy", "Interior", "Economy", "Energy", "Finance", "Central", "Administration", "Authority", "Authorities",
]


def _head_after(text: str, end: int) -> str:
    m = re.match(r"\s+([a-z][\w-]*)", text[end : end + 30])
    return m.group(1) if m else ""


def _is_actor_at(hits: list[Hit], idx: int, start: int) -> bool:
    return idx < len(hits) and hits[idx].start == start and any(e.actor for e in hits[idx].entries)


def _not_the_state(text: str, h: Hit, hits: list[Hit], idx: int, entry: Entry) -> bool:
    # ethnic Armenians / Iranian Azeris: an ethnic group, not a state.
    before = text[max(0, h.start - 12) : h.start].lower().split()
    if before and before[-1] in ETHNIC_MARKERS:
        return True
    if entry.kind == "demonym" and idx > 0:
        prev = hits[idx - 1]
        gap = text[prev.end : h.start]
        if gap.strip() == "" and any(e.kind == "adjective" and e.actor != entry.actor for e in prev.entries):
            return True
    if entry.kind == "adjective" and idx + 1 < len(hits):
        nxt = hits[idx + 1]
        if text[h.end : nxt.start].strip() == "" and any(
            e.kind in ("demonym", "adjective") and e.actor != entry.actor for e in nxt.entries
        ):
            # "Iranian Azeris", "Iranian Azerbaijani community": the first is the host state.
            head = re.match(r"\s*([\w-]+)", text[nxt.end : nxt.end + 30])
            if any(e.kind == "demonym" for e in nxt.entries) or (
                head and head.group(1).lower() in NON_STATE_HEADS
            ):
                return True
    if entry.kind == "adjective":
        m = re.match(r"(?:-(?:American|born|based)\b)|\s+([\w-]+)(?:\s+([\w-]+))?", text[h.end : h.end + 40])
        if m is None:
            return False
        if m.group(0).startswith("-"):
            return True
        words = [w.lower() for w in m.groups() if w]
        if words and words[0] in NON_STATE_HEADS:
            return True
        # "Azerbaijani national consciousness": adjective + adjective + head.
        if len(words) == 2 and words[1] in NON_STATE_HEADS and words[0] not in ("state", "government"):
            return words[0] in {"ethnic", "local", "national", "young", "ordinary", "many", "some"}
    return False
