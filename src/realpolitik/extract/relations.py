"""Triggers to relations in one sentence: match the lexicon, read each frame's two actors."""

from __future__ import annotations

from dataclasses import dataclass

from ..datafiles import cue_words
from ..ontology import RELATION_TYPES
from . import frames as F
from .lexicon import Lexicon, Trigger
from .modality import finite as _finite
from .modality import modality

EVENT_TARGET_TYPES = frozenset({"criticism", "support", "sanction", "threat"})


@dataclass(slots=True)
class Candidate:
    source: str
    target: str
    type: str
    modality: str
    trigger_i: int
    trigger_j: int
    trigger_text: str
    source_ref: int
    target_ref: int
    confidence: float
    frame: str


def match_triggers(sent: F.Sent, lex: Lexicon) -> list[tuple[Trigger, int, int]]:
    """Every lexicon match as (trigger, first token, end token); longer matches hide those inside."""
    lows = sent.lows
    n = len(lows)
    found: list[tuple[Trigger, int, int]] = []
    for i, w in enumerate(lows):
        if sent.ref_at[i] >= 0 and sent.refs[sent.ref_at[i]].kind not in ("coref", "event"):
            continue  # "Organization of Islamic Cooperation" names an actor, it is no trigger
        if i > 0 and _in_title(sent, i):
            continue  # "Foreign Trade Minister", "the Defence Cooperation Agency": part of a name
        if i >= 2 and lows[i - 1] == "-" and sent.ref_at[i - 2] < 0 and lows[i - 2] not in ("pro", "anti"):
            continue  # "post-war", "non-aggression": a word inside a compound modifier
        hyphen_next = (i + 2 < len(lows) and lows[i + 1] == "-" and sent.tokens[i + 1].start == sent.tokens[i].end
                       and w not in ("pro", "anti"))
        on_coref = sent.ref_at[i] >= 0 and sent.refs[sent.ref_at[i]].kind == "coref"
        for trig in lex.by_first.get(w, ()):
            if on_coref and trig.frame in ("verb", "verb_rev", "transfer"):
                continue  # "the two sides" holds a noun, never the verb "sides"
            if hyphen_next and not (len(trig.elements) > 1 and "-" in trig.elements[1].forms):
                continue  # "war-torn", "arms-length"; a pattern may spell its hyphen: "intelligence - sharing"
            end = _match_rest(trig, lows, i + 1, 1)
            if end is not None:
                found.append((trig, i, end))
    if not found:
        return []
    found.sort(key=lambda m: -(m[2] - m[1]))
    kept: list[tuple[Trigger, int, int]] = []
    covered: list[tuple[set[int], str]] = []
    for trig, i, j in found:
        span = set(range(i, j))
        # Inside a longer match of its type, or of a compound noun that specialises it ("military
        # aid" is arms supply, not aid); overlapping a longer one of its type (one event, read
        # once). A verb's own reading, or its object's, survives a verb phrase of another type:
        # "brokered a truce" is mediation and agreement, "signed a defence pact" (or "a security
        # cooperation agreement") agreement and military cooperation.
        if any(len(span) < len(c) and (
                (span <= c and (t == trig.type or f in ("noun", "noun_rev", "origin") or h
                                or not ((i == min(c) and trig.keep_inside)
                                        or (j - 1 >= max(c) - 1 and trig.frame == "noun" and trig.weight >= 1))))
                or (span & c and t == trig.type))
               for c, t, f, h in covered):
            continue
        kept.append((trig, i, j))
        covered.append((span, trig.type, trig.frame, trig.hides))
    del n
    # A compound that overrides ("trade war") takes the reading from a longer phrase of another
    # type that ends with it ("launched a trade war" is no fighting).
    return [(t, i, j) for t, i, j in kept
            if not any(o.overrides and o.type != t.type and i <= oi and oj == j and oj - oi < j - i
                       for o, oi, oj in kept)]


def _match_rest(trig: Trigger, lows: list[str], k: int, e: int) -> int | None:
    elements = trig.elements
    if e == len(elements):
        return k
    el = elements[e]
    if el.gap:
        nxt = elements[e + 1]
        for skip in range(0, el.gap + 1):
            pos = k + skip
            if pos >= len(lows):
                return None
            if skip and lows[pos - 1] in F.CLAUSE_BREAKS | {",", "."}:
                return None
            if lows[pos] in nxt.forms:
                end = _match_rest(trig, lows, pos + 1, e + 2)
                if end is not None:
                    return end
        return None
    if k < len(lows) and lows[k] in el.forms:
        return _match_rest(trig, lows, k + 1, e + 1)
    return None


def sentence_candidates(sent: F.Sent, lex: Lexicon) -> list[Candidate]:
    """All relation candidates of one sentence (before dates and quantities are attached)."""
    if not sent.refs:
        return []
    out: list[Candidate] = []
    lows = sent.lows
    quoted = _empty_quotes(sent)
    for trig, i, j in match_triggers(sent, lex):
        rtype = trig.type
        reverse = trig.frame == "verb_rev"
        frame = trig.frame
        extra_types: list[str] = []
        if frame == "transfer":
            rtype = _theme_type(sent, j, lex)
            if not rtype:
                continue
            extra_types = [t for t in _coordinated_theme_types(sent, j, lex) if t != rtype]
            reverse = trig.reverse or lows[i] in _REVERSE_FORMS(lex)
        if not rtype:
            continue
        if frame == "noun" and i in quoted:
            continue  # "the enemy of my enemy is my friend": a saying, not a tie between the actors around it
        if trig.not_after and i > 0 and sent.ref_at[i - 1] < 0 and (
                lows[i - 1] in cue_words(trig.not_after) or lows[i - 1].endswith("ed")):
            continue  # "invited back", "hit back": an adverb after a verb, not "to back"
        if frame in ("verb", "verb_rev", "transfer") and not trig.pattern.startswith("N:") and _after_determiner(lows, i) and not (
                i >= 1 and sent.ref_at[i - 1] >= 0 and lows[i - 1] != "'s") and not (
                i >= 1 and (lows[i - 1] in _PERSON_HEADS or lows[i - 1] in F.SEAT_HEADS)):
            continue  # "the air strike", "a visit": a noun here, not a verb ("X's president criticized" is one)
        if frame == "verb" and i >= 2 and lows[i].endswith("ed") and (
                (lows[i - 2] == "to" and lows[i - 1] in F.INFINITIVES and lows[i - 1] not in ("be", "have", "get"))
                or (lows[i - 1].endswith("ing") and lows[i - 1] not in ("having", "being", "getting")
                    and i + 1 < len(lows) and sent.ref_at[i + 1] >= 0)):
            continue  # "agreed to guard captured fighters", "guarding captured fighters": an adjective
        pairs, conf = _roles(sent, trig, frame, rtype, i, j, reverse, lex)
        if not pairs:
            continue
        cstart = F.clause_start(sent, i)
        if frame in ("noun", "noun_rev"):
            cstart = max(cstart, _presupposed_from(sent, i))  # a possessed noun: cues before the possessor do not reach it
        mod = trig.modality or modality(sent.tokens, i, cstart, lex, j)
        if mod == "possible" and rtype == "support" and F.word_before(sent, i) in _PLEDGES:
            mod = "asserted"  # "pledged its support for Kyiv": the pledge is the support
        text = " ".join(t.text for t in sent.tokens[i:j])
        for s, t in pairs:
            a, b = sent.refs[s].actor, sent.refs[t].actor
            if a == b:
                continue
            if sent.refs[s].kind == "event" or (sent.refs[t].kind == "event" and rtype not in EVENT_TARGET_TYPES):
                continue  # "the attack" can be condemned or backed; it does not itself act
            for kind in [rtype, *extra_types]:  # "buys Russian gas and missiles": energy and arms
                out.append(Candidate(a, b, kind, mod, i, j, text, s, t, conf * trig.weight, frame))
    return out


_REVERSE_CACHE: dict[int, frozenset[str]] = {}


def _REVERSE_FORMS(lex: Lexicon) -> frozenset[str]:  # noqa: N802
    key = id(lex)
    if key not in _REVERSE_CACHE:
        from .lexicon import verb_forms

        forms: set[str] = set()
        for v in ("buy", "purchase", "import", "receive", "acquire", "obtain", "procure", "order", "get"):
            forms |= verb_forms(v)
        _REVERSE_CACHE[key] = frozenset(forms)
    return _REVERSE_CACHE[key]


# A noun after these sits inside another phrase ("and criticism of", "with support for"), so the
# clause subject is not its source; after "during", "after", "in" it is ("quipped during a visit").
_PHRASE_OPENERS = frozenset({"and", "or", ",", "with", "of", "for", "to", "from", "by", "between", "against",
                             "about", "over", "into", "toward", "towards", "among", "amid"})
_NOUN_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those",
                               "our", "my", "your", "'s"})


def _after_determiner(lows: list[str], i: int) -> bool:
    if i >= 1 and lows[i - 1] in _NOUN_DETERMINERS:
        return True
    return i >= 2 and lows[i - 2] in _NOUN_DETERMINERS and lows[i - 1].isalpha() and not lows[i - 1].endswith("ly")


def _coordinated_theme_types(sent: F.Sent, j: int, lex: Lexicon) -> list[str]:
    """The types of every theme word in the object phrase, up to its end: "gas and missiles"."""
    lows = sent.lows
    end = min(F.clause_end(sent, j), j + 10)
    types: list[str] = []
    last = -1  # position of the last theme word
    for k in range(j, end):
        if lows[k] in (",", ";", ".") or sent.ref_at[k] >= 0 and last >= 0 or lows[k] in F.FINITE_VERBS or (
                lows[k] in F.PREPOSITIONS and k > j and lows[k] != "of"):
            break
        cls = lex.theme_of.get(lows[k]) or lex.theme_of.get(sent.tokens[k].text)
        if not cls:
            continue
        if last >= 0 and not (k - last <= 4 and any(w in ("and", "or") for w in lows[last + 1 : k])):
            break  # only a coordination of what is moved: "gas and missiles"
        kind = "arms_supply" if cls == "aid" and k > 0 and lows[k - 1] in _MILITARY else lex.theme_types.get(cls, "")
        if kind and kind not in types:
            types.append(kind)
        last = k
    return types


_MILITARY = cue_words("military_modifiers")


def _theme_type(sent: F.Sent, j: int, lex: Lexicon) -> str:
    """The relation type of what a transfer verb moves: its object, else (passive) its subject."""
    lows = sent.lows
    end = min(F.clause_end(sent, j), j + 8)
    for k in range(j, end):
        cls = lex.theme_of.get(lows[k]) or lex.theme_of.get(sent.tokens[k].text)
        if cls:
            if cls == "aid" and k > 0 and lows[k - 1] in _MILITARY:
                return "arms_supply"  # "military aid", "security assistance"
            return lex.theme_types.get(cls, "")
    if F.is_passive(sent, j - 1):  # "Weapons were supplied to Armenia"
        for k in range(j - 2, max(F.clause_start(sent, j - 1), j - 10) - 1, -1):
            cls = lex.theme_of.get(lows[k]) or lex.theme_of.get(sent.tokens[k].text)
            if cls:
                return lex.theme_types.get(cls, "")
    return ""


def _pairs(src: list[int], tgt: list[int]) -> list[tuple[int, int]]:
    return [(s, t) for s in src for t in tgt if s != t]


def _within(group: list[int]) -> list[tuple[int, int]]:
    return [(group[a], group[b]) for a in range(len(group)) for b in range(a + 1, len(group))]


def _roles(sent: F.Sent, trig: Trigger, frame: str, rtype: str, i: int, j: int, reverse: bool,
           lex: Lexicon) -> tuple[list[tuple[int, int]], float]:
    symmetric = RELATION_TYPES[rtype].symmetric
    preps = trig.preps
    lows = sent.lows
    if frame in ("verb", "verb_rev", "transfer"):
        if reverse:
            tgt = F.subject(sent, i)
            tgt_actors = {sent.refs[t].actor for t in tgt}
            from_preps = trig.preps if trig.reverse and trig.preps else frozenset({"from"})
            # A pattern that ends with its preposition ("relies on") reads its object from there.
            # "thanked Britain for the missiles": a reverse verb without prepositions names the giver directly.
            src, _ = F.prep_object(sent, j - 1 if lows[j - 1] in from_preps else j, from_preps,
                                   direct=trig.reverse and not trig.preps)
            while src and {sent.refs[x].actor for x in src} <= tgt_actors:
                # "imports most of its oil from X": the share's owner is the buyer, go on to "from".
                src, _ = F.prep_object(sent, sent.refs[src[-1]].j, from_preps)
            if not src:
                src = _theme_modifier(sent, i, lex)
            return _pairs(src, tgt), 0.9
        if F.is_passive(sent, j - 1):
            src = F.by_agent(sent, j)
            tgt = F.subject(sent, i)
            if trig.person_object and not (tgt and _is_person(sent, tgt[0])):
                return [], 0.0
            if not tgt and frame == "transfer":
                tgt, _ = F.prep_object(sent, j, frozenset({"to", "for"}))  # "Arms were sold to X by Y"
            return _pairs(src, tgt), 0.9
        # "labeled X a terrorist and levied sanctions": a coordinated verb shares the clause's subject.
        coordinated = (i >= 2 and lows[i - 1] == "and" and (_finite(lows[i]) or lows[i].endswith("s"))
                       and sent.ref_at[i - 2] < 0)
        if trig.source_is_clause_subject or coordinated or _participial(sent, i):
            src = F.clause_subject(sent, i)
        else:
            src = F.subject(sent, i)
        allowed = preps if trig.only_preps else (preps or frozenset()) | F.DEFAULT_VERB_PREPS
        tgt, prep = F.prep_object(sent, j, allowed, direct=not trig.only_preps)
        if not tgt or {sent.refs[t].actor for t in tgt} <= {sent.refs[s].actor for s in src}:
            # "Athens expelled the Libyan ambassador to Greece": the other side is inside the trigger.
            tgt = _inside(sent, i, j, src) or tgt
        if not tgt and src:
            tgt = _relative_antecedent(sent, src)
        if trig.person_object and not (tgt and _is_person(sent, tgt[0])):
            return [], 0.0  # "received the Saudi crown prince" is a visit; "received Russian arms" is not
        if tgt and rtype in ("criticism", "support") and prep in ("on", "against", "in") and _violent_head_before(sent, tgt[0], lex):
            return [], 0.0  # "condemned the strike on Syria": Syria was struck, not condemned
        if tgt and rtype == "armed_conflict" and _abstract_object(sent, tgt):
            return [], 0.0  # "would fight the Japanese government's attempt", "attacked Iran's policy"
        if prep == "between" and len(tgt) >= 2 and symmetric:
            return _within(tgt), 0.9
        if not tgt and trig.mutual and len(src) >= 2:
            return [(a, b) for a in src for b in src if a != b], 0.9  # "X and Y traded accusations"
        if not tgt and symmetric and len(src) >= 2 and frame != "transfer":
            return _within(src), 0.9  # "X and Y signed a pact"; but "X and Y sold cars" is no trade between them
        return _pairs(src, tgt), 1.0
    if frame in ("noun", "noun_rev"):
        mod = F.modifier(sent, i)
        if symmetric and len(mod) >= 2:
            return _within(mod), 1.0  # "the Israel-Azerbaijan alliance", "Turkish-Armenian normalization"
        noun_preps = preps or frozenset({"to", "with", "between", "against", "on", "for"})
        tgt, prep = F.prep_object(sent, j, noun_preps, first_prep_within=2)
        if not tgt and not mod and j - i > 2:
            # "Relations between Rwanda and Uganda have soured": the roles sit inside the pattern.
            tgt, prep = F.prep_object(sent, i + 1, noun_preps, first_prep_within=1)
        if not tgt and j < len(lows) and sent.ref_at[j] >= 0 and rtype in ("alignment", "hostility"):
            tgt = [sent.ref_at[j]]  # apposition: "its closest ally Turkey"
        if prep == "between" and symmetric and len(tgt) == 1:
            return [], 0.0  # "talks between Colombia and the rebels": the other side is no known actor
        if prep == "between" and len(tgt) >= 2:
            if symmetric:
                return _within(tgt), 1.0
            src = mod or F.subject(sent, i)
            return _pairs(src, tgt), 0.9
        conf = 1.0
        if frame == "noun_rev":
            src, _ = F.prep_object(sent, j, frozenset({"from"}))
            if mod and src:
                return _pairs(src, mod), 1.0
            return [], 0.0
        if trig.target_is_modifier:
            # "Russia is India's largest arms supplier": the possessor receives, the subject gives.
            # Only with a copula: "Russia remains India's arms supplier", not "the GCC groups four OPEC members".
            tgt = mod or tgt
            return _pairs(_copula_subject(sent, i) if mod else [], tgt), 0.9
        if trig.target_is_subject:
            # "Turkey is under EU sanctions": the source modifies the noun inside the pattern.
            return _pairs(F.modifier(sent, j - 1) or _inside(sent, i, j, []), F.subject(sent, i)), 0.9
        if mod and not tgt and frame == "noun" and not symmetric and F.word_before(sent, i) == "for":
            # "Kyiv thanked Warsaw for its support": the supporter's help goes to the thanker.
            mod_actors = {sent.refs[m].actor for m in mod}
            tgt = [t for t in F.clause_subject(sent, i) if sent.refs[t].actor not in mod_actors]
            if tgt:
                return _pairs(mod, tgt), 0.8
        if not mod and not tgt and symmetric and frame == "noun":
            mod = _perspective(sent)  # "For Beijing, Pakistan remains an indispensable partner"
        if mod and not tgt and symmetric and frame == "noun":
            # "Serbia is Russia's closest ally": the copula's subject is the other side.
            subj = _copula_subject(sent, i)
            if subj:
                return _pairs(mod, subj), 0.9
        src = mod
        if not src:
            src = F.by_agent(sent, j)
        manner = not src and F.word_before(sent, i) == "in"
        if manner:
            # "US troops fought ISIS in cooperation with Iraq": the manner phrase is the subject's.
            src = F.clause_subject(sent, i)
            conf = 0.8
        if not src and not manner and (F.word_before(sent, i) not in _PHRASE_OPENERS or _instrument(sent, i)) \
                and not _in_phrase(sent, i) and not (rtype == "armed_conflict" and not _waged(sent, i)):
            # A light verb's object ("X imposed sanctions on Y"), not a noun inside a phrase.
            src = F.clause_subject(sent, i) if _participial(sent, i) else F.subject(sent, i)
            conf = 0.7
        if not tgt:
            tgt = _inside(sent, i, j, src)
        if not tgt and symmetric and len(src) >= 2:
            return _within(src), conf
        return _pairs(src, tgt), conf
    if frame == "members":
        org = [r for r in F.subject(sent, i) if sent.refs[r].kind in ("name", "metonym")]
        for k in range(j, len(lows)):
            if sent.ref_at[k] >= 0:
                listed = F.group(sent, sent.ref_at[k])
                return _pairs(listed, org), 0.8
        return [], 0.0
    if frame == "compound":
        if i >= 2 and lows[i - 1] == "-" and sent.ref_at[i - 2] >= 0:
            src = [sent.ref_at[i - 2]]
            tgt, _ = F.prep_object(sent, j, frozenset(), direct=True)
            if tgt and sent.refs[tgt[0]].i - j <= 2:
                return _pairs(src, tgt), 0.9
        return [], 0.0
    if frame == "prefix":
        if i + 2 < len(lows) and lows[i + 1] == "-" and sent.ref_at[i + 2] >= 0:
            ref = sent.refs[sent.ref_at[i + 2]]
            head = lows[ref.j] if ref.j < len(lows) else ""
            heads = lex.cues.get("prefix_heads", frozenset())
            if head in heads or (ref.j + 1 < len(lows) and lows[ref.j + 1] in heads):
                src = F.subject(sent, i) or _seat_after(sent, ref.j)
                return _pairs(src, [sent.ref_at[i + 2]]), 0.8
        return [], 0.0
    if frame == "origin":
        mod = F.modifier(sent, i)
        if not mod or (j < len(lows) and lows[j] in _NOT_SUPPLY_HEADS):
            return [], 0.0  # "the Iran arms scandal", "Soviet arms control": no supply named
        tgt = _inside(sent, i, j, mod) if j - i > 1 else []  # "US troops in Iraqi bases"
        if not tgt:
            tgt, prep = F.prep_object(sent, j, preps or frozenset({"to", "for"}))
        if not tgt:
            tgt = _recipient(sent, i, mod)
        return _pairs(mod, tgt), 0.7
    return [], 0.0


_COPULAS = frozenset({"is", "are", "was", "were", "remains", "remain", "remained", "became", "become",
                      "becomes", "be", "been"})


_AUXILIARIES = frozenset({"has", "have", "had", "long", "always", "also", "still", "now", "not", "never", "since",
                          "will", "would", "may", "might", "could", "can", "to", "once", "again"})


def _copula_subject(sent: F.Sent, i: int) -> list[int]:
    """The subject of "X is/remains/became [the] Y's N" for the noun at ``i``, if that is the shape."""
    lows = sent.lows
    k = i - 1
    steps = 0
    while k >= 0 and steps < 6 and lows[k] not in _COPULAS:
        if lows[k] in (",", ";", "and", "or") or lows[k] in F.PREPOSITIONS:
            return []
        k -= 1
        steps += 1
    if k < 1 or lows[k] not in _COPULAS:
        return []
    k -= 1
    while k >= 1 and sent.ref_at[k] < 0 and (lows[k] in _AUXILIARIES or (lows[k].endswith("ly") and lows[k].isalpha())):
        k -= 1  # "Washington has long been", "Serbia is also"
    r = sent.ref_at[k]
    return F.group(sent, r) if r >= 0 and not sent.refs[r].possessive else []


def _seat_after(sent: F.Sent, k: int) -> list[int]:
    """"the pro-Russian government in Belgrade": the seat named after the head noun."""
    lows = sent.lows
    if k + 2 < len(lows) and lows[k] in F.SEAT_HEADS and lows[k + 1] in ("in", "of") and sent.ref_at[k + 2] >= 0:
        return [sent.ref_at[k + 2]]
    return []


_ABSTRACT = cue_words("abstract_objects")


_NOT_SUPPLY_HEADS = cue_words("not_supply_heads")


_PERSON_HEADS = cue_words("person_heads")


def _is_person(sent: F.Sent, r: int) -> bool:
    """The ref is a person, or heads a phrase naming one ("the Saudi crown prince", "Japan's envoy")."""
    ref = sent.refs[r]
    if ref.kind in ("official", "learned"):
        return True
    k = ref.j + (1 if ref.possessive else 0)
    return k < len(sent.lows) and sent.lows[k] in _PERSON_HEADS


def _abstract_object(sent: F.Sent, tgt: list[int]) -> bool:
    """The object is what an actor does or says ("the government's attempt", "Iran's policy"), not the actor."""
    ref = sent.refs[tgt[0]]
    lows = sent.lows
    k = ref.j + (1 if ref.possessive else 0)
    while k < len(lows) and k < ref.j + 4:
        if lows[k] in _ABSTRACT:
            return True
        if lows[k] != "'s" and (not (lows[k].isalpha() and lows[k] not in F.PREPOSITIONS) or lows[k] in ("and", "or")):
            return False
        k += 1
    return False


# Verbs whose subject carries out the violent act their object names ("launched an offensive");
# "condemned the strike" or "reported the attack" say nothing of who struck.
_WAGE = cue_words("wage_verbs")



def _waged(sent: F.Sent, i: int) -> bool:
    """A verb of _WAGE governs the noun at ``i`` ("began a military offensive")."""
    lows = sent.lows
    for k in range(i - 1, max(-1, i - 5), -1):
        if lows[k] in _WAGE:
            return True
        if sent.ref_at[k] >= 0 or not lows[k].isalpha() or lows[k] in F.PREPOSITIONS:
            return False
    return False


_PLEDGES = cue_words("pledge_verbs")


_VIOLENT_HEADS = cue_words("violent_heads")


def _violent_head_before(sent: F.Sent, r: int, lex: Lexicon) -> bool:
    """The word just before the object's preposition names a violent act: "the strike on Syria"."""
    k = sent.refs[r].i - 2
    while k >= 0 and sent.lows[k] in F.DETERMINERS:
        k -= 1
    return k >= 0 and sent.lows[k] in _VIOLENT_HEADS


def _perspective(sent: F.Sent) -> list[int]:
    """The actor of a fronted "For X," / "To X," whose point of view the sentence takes."""
    lows = sent.lows
    if len(lows) > 3 and lows[0] in ("for", "to") and sent.ref_at[1] >= 0:
        ref = sent.refs[sent.ref_at[1]]
        if ref.j < len(lows) and lows[ref.j] == ",":
            return [sent.ref_at[1]]
    return []


def _relative_antecedent(sent: F.Sent, src: list[int]) -> list[int]:
    """The object of an object relative clause: in "Cyprus, which Turkey does not recognize" the
    verb's object is the actor before ", which"."""
    lows = sent.lows
    k = sent.refs[src[0]].i - 1
    if k >= 2 and lows[k] in ("which", "whom") and lows[k - 1] == "," and sent.ref_at[k - 2] >= 0:
        return [sent.ref_at[k - 2]]
    return []


_TITLE_HEADS = cue_words("title_heads")


def _in_title(sent: F.Sent, i: int) -> bool:
    """A capitalised trigger word inside a proper name: "Foreign Trade Minister Michel Noir",
    "the Trade Representative", "Defence Cooperation Agency"."""
    tok = sent.tokens[i]
    if not tok.text[:1].isupper() or sent.tokens[i - 1].text in (".", '"', ":"):
        return False
    k = i + 1
    while k < len(sent.tokens) and k <= i + 3 and sent.tokens[k].text[:1].isupper():
        if sent.lows[k] in _TITLE_HEADS:
            return True
        k += 1
    return False






def _instrument(sent: F.Sent, i: int) -> bool:
    """"retaliated with tariffs", "responded by sanctions": the noun is the verb's means."""
    lows = sent.lows
    k = i - 1
    while k >= 0 and lows[k] in F.DETERMINERS:
        k -= 1
    return k >= 1 and lows[k] in ("with", "by") and lows[k - 1].endswith("ed") and sent.ref_at[k - 1] < 0


def _in_phrase(sent: F.Sent, i: int) -> bool:
    """The noun at ``i`` heads a phrase after a preposition past one modifier: "over a port deal"."""
    lows = sent.lows
    k = i - 1
    while k >= 0 and lows[k] in F.DETERMINERS:
        k -= 1
    if k >= 0 and lows[k].isalpha() and lows[k].islower() and sent.ref_at[k] < 0 and not lows[k].endswith("ed"):
        k -= 1
        while k >= 0 and lows[k] in F.DETERMINERS:
            k -= 1
        return k >= 0 and lows[k] in ("over", "about", "on", "of", "for", "with", "into", "against", "from")
    return False


def _presupposed_from(sent: F.Sent, i: int) -> int:
    """Where a noun's modality may be read from. A possessed noun ("its conflict with Iran",
    "Israel's alliance with Baku") is presupposed: cues before the possessor ("whether this will
    bring benefits in its conflict") do not reach it; cues inside its phrase ("its planned
    alliance") do. Returns the possessor's position, or 0 (no limit)."""
    lows = sent.lows
    k = i - 1
    steps = 0
    while k >= 0 and steps < 3 and lows[k].isalpha() and lows[k] not in ("its", "their", "his", "her", "our"):
        k -= 1
        steps += 1
    if k >= 0 and (lows[k] in ("its", "their", "his", "her", "our") or lows[k] == "'s"):
        start = k - 1 if lows[k] == "'s" else k
        while start > 0 and sent.ref_at[start - 1] >= 0 and sent.ref_at[start - 1] == sent.ref_at[start]:
            start -= 1
        return max(start, 0)
    return 0



def _empty_quotes(sent: F.Sent) -> set[int]:
    """Token positions inside quoted sayings (five words or more, not scare quotes around a
    term) that hold no actor. Tokens are folded: every quotation mark is '"'."""
    marks = [k for k, t in enumerate(sent.tokens) if t.text == '"']
    inside: set[int] = set()
    for a, b in zip(marks[::2], marks[1::2], strict=False):
        if b - a > 5 and not any(sent.ref_at[k] >= 0 for k in range(a + 1, b)):
            inside.update(range(a + 1, b))
    return inside


def _participial(sent: F.Sent, i: int) -> bool:
    """A trigger in a participle phrase after a comma (", providing airstrikes", ", backing X"):
    its agent is the main clause's subject, not the nearest actor."""
    lows = sent.lows
    k = i - 1
    while k >= 0 and lows[k] in F.DETERMINERS:
        k -= 1
    if lows[i].endswith("ing") and k == i - 1:
        return i >= 1 and lows[i - 1] == ","
    return k >= 1 and lows[k].endswith("ing") and lows[k - 1] == ","


def _theme_modifier(sent: F.Sent, i: int, lex: Lexicon) -> list[int]:
    """The actor modifying the first theme word from ``i`` on: "buyer of Russian weapons"."""
    lows = sent.lows
    end = min(F.clause_end(sent, i), i + 10)
    for k in range(i, end):
        if lex.theme_of.get(lows[k]):
            return F.modifier(sent, k)
    return []


def _recipient(sent: F.Sent, i: int, mod: list[int]) -> list[int]:
    """Who holds or uses what an origin noun names: a possessor, or the clause's subject."""
    lows = sent.lows
    for r, ref in enumerate(sent.refs):
        if r in mod:
            continue
        lo, hi = sorted((ref.i, i))
        if "," in lows[lo:hi] or ";" in lows[lo:hi]:
            continue  # another clause's actor
        before = lows[ref.i - 1] if ref.i > 0 else ""
        if ref.possessive or before in {"to", "for", "allowed", "helped", "enabled", "helps", "allows"}:
            return [r]
    return []


def _inside(sent: F.Sent, i: int, j: int, src: list[int]) -> list[int]:
    """An actor inside the trigger's own gap: "expelled the Israeli ambassador"."""
    src_actors = {sent.refs[s].actor for s in src}
    for k in range(i + 1, j):
        r = sent.ref_at[k]
        if r >= 0 and r not in src and sent.refs[r].actor not in src_actors:
            return [m for m in F.group(sent, r) if i < sent.refs[m].i < j] or [r]
    return []
