"""Find the two actors of a trigger from its position in the clause (no parser needed).

A sentence is a list of tokens with actor references (:class:`Ref`) on some of them. Each
frame reads the clause around its trigger the way English grammar places the roles:

- ``verb``: the subject (left) acts on the object (right; directly or after a preposition);
  in the passive ("was attacked by X") the two swap.
- ``verb_rev``: the subject receives from the actor after "from" ("Y bought arms from X").
- ``noun``: the modifier ("Israeli arms sales", "Israel's relationship", "X-Y ties") or, with a
  light verb, the clause subject is the source; the target follows a preposition ("to",
  "with", "between X and Y").
- ``compound`` "X-backed Y", ``prefix`` "pro-X", ``origin`` "Israeli drones ... Azerbaijan".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..datafiles import cue_words
from ..nlp.text import Token
from .refs import Ref

CLAUSE_BREAKS = frozenset({";", ":", "(", ")", "[", "]", "but", "while", "whereas", "although", "though",
                           "however", "meanwhile", "because"})
PREPOSITIONS = frozenset(
    ["to", "with", "against", "on", "into", "onto", "for", "from", "in", "at", "by", "of", "over", "between", "among", "toward", "towards", "about", "near", "under", "during", "after", "before", "since", "through", "across", "within", "inside", "outside", "via", "per", "upon", "amid", "behind", "alongside", "beyond", "despite"]
)
DEFAULT_VERB_PREPS = frozenset({"to", "with", "against", "on", "into", "toward", "towards", "for"})
DETERMINERS = frozenset(
    ["the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those", "such", "another", "other", "both", "all", "some", "any", "newly", "independent", "entire", "whole", "former", "fellow", "neighbouring", "neighboring"]
)
SEAT_HEADS = frozenset({"leadership", "government", "governments", "authorities", "officials", "regime",
                        "administration", "leaders", "rulers", "junta", "members", "forces", "army", "armies",
                        "navy", "navies", "military", "troops", "people", "president", "parliament"})
# Verbs that follow an infinitive "to" in news prose (the lexicon's verbs are added at load).
INFINITIVES = {"be", "have", "do", "make", "counter", "defeat", "fight", "help", "join", "protect", "defend",
               "stop", "prevent", "contain", "deter", "keep", "ensure", "secure", "build", "bring", "end",
               "guard", "allow", "let", "take", "give", "put", "set", "get", "go", "come", "work", "hold",
               "release", "return", "resume", "reduce", "increase", "raise", "cut", "lift", "ease", "expand",
               "boost", "strengthen", "improve", "deepen", "create", "form", "launch", "start", "begin",
               "continue", "consider", "accept", "pursue", "seek", "find", "discuss", "review", "study",
               "implement", "enforce", "respect", "honour", "honor", "abide", "comply", "pay", "buy", "use",
               "move", "pull", "withdraw", "remove", "rebuild", "restore", "settle", "resolve", "avoid",
               "address", "tackle", "combat", "investigate", "monitor", "patrol", "escort", "host", "attend",
               "reconsider", "repatriate", "extradite", "hand", "transfer", "share", "exchange", "open", "close"}
# "40 percent of Hungary's gas": the share's owner is the object.
SHARE_WORDS = frozenset({"percent", "%", "share", "half", "third", "quarter", "bulk", "most", "majority", "all",
                         "much", "part", "fraction", "two-thirds", "three-quarters"})
# "denounced the conclusions of the summit", "criticised the actions of Russia": what an actor
# said or did stands for the actor.
OF_HEADS = cue_words("of_heads")
FINITE_VERBS = frozenset("""would will was were is are has had have said says can could should may might did
    does shall must""".split())
BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "got", "gets"})
MAX_SUBJECT_DISTANCE = 30
MAX_OBJECT_DISTANCE = 12


@dataclass(slots=True)
class Sent:
    tokens: list[Token]
    refs: list[Ref]
    ref_at: list[int]  # token index -> index into refs, or -1
    lows: list[str] = field(init=False, repr=False)  # lower-case tokens, read by every frame

    def __post_init__(self) -> None:
        self.lows = [t.lower for t in self.tokens]


# Words after which a noun phrase is a clause's subject: "Ethiopia and Somalia are ..." is one subject.
_SUBJECT_OPENERS = frozenset({"", ",", "that", "while", "as", "after", "when", "since", "because", "if",
                              "whereas", "though", "although", "said", "says"})


def group(sent: Sent, r: int) -> list[int]:
    """The coordination group of ref ``r``: "Turkish and Israeli", "China, Iran, and Russia",
    "German Chancellor Angela Merkel and British Prime Minister Boris Johnson"."""
    r = _np_head(sent, r)
    members = [r]
    lows = sent.lows
    # Extend right.
    cur = r
    while True:
        j = sent.refs[cur].j + (1 if sent.refs[cur].possessive else 0)
        k = j
        while k < len(lows) and lows[k] in {",", "and", "or", "as", "well", "the"}:
            k += 1
        adjacent_pair = (k == j and k < len(lows) and sent.ref_at[k] >= 0
                         and sent.refs[cur].kind in ("coref", "event")
                         and sent.refs[sent.ref_at[k]].kind in ("coref", "event"))
        if (adjacent_pair or k > j) and k < len(lows) and sent.ref_at[k] >= 0 and k - j <= 4:
            nxt = sent.refs[sent.ref_at[k]].j
            opens_clause = word_before(sent, sent.refs[members[0]].i) in _SUBJECT_OPENERS | {"between", "among"}
            if nxt < len(lows) and lows[nxt] in FINITE_VERBS and not adjacent_pair and not opens_clause:
                break  # "defeated ISIS and Turkey would...": Turkey opens a new clause
            cur = _np_head(sent, sent.ref_at[k])
            members.append(cur)
        else:
            break
    # Extend left.
    cur = r
    while True:
        i = sent.refs[cur].i
        k = i - 1
        while k >= 0 and lows[k] in {",", "and", "or", "the"}:
            k -= 1
        if k >= 2 and lows[k] in ("his", "her", "its", "their") and lows[k - 1] == "and":
            # "Shoukry and his Greek and Cypriot counterparts", "Japan's foreign minister and his
            # Indian counterpart": the possessor is one of them.
            m = k - 2
            while m >= 0 and m > k - 6 and sent.ref_at[m] < 0 and (lows[m] == "'s" or sent.tokens[m].text.islower()):
                m -= 1
            if m >= 0 and sent.ref_at[m] >= 0:
                k = m
                i = sent.refs[sent.ref_at[m]].j + 1  # the distance check below is from the possessor
        adjacent_pair = (k == i - 1 and k >= 0 and sent.ref_at[k] >= 0 and sent.ref_at[k] != cur
                         and sent.refs[cur].kind in ("coref", "event")
                         and sent.refs[sent.ref_at[k]].kind in ("coref", "event"))
        if (adjacent_pair or k < i - 1) and k >= 0 and sent.ref_at[k] >= 0 and i - k <= 3:
            cur = sent.ref_at[k]
            members.insert(0, cur)
        else:
            break
    if len(members) > 1:
        # "X, Y" without "and"/"or" is an apposition or a fronted phrase, not a list -- except in a
        # headline: "Israel, UAE sign normalisation deal".
        lo = sent.refs[members[0]].i
        hi = sent.refs[members[-1]].j
        if not any(w in ("and", "or") for w in lows[lo:hi]) and not all(
            sent.refs[m].kind in ("coref", "event") for m in members
        ) and not _headline_pair(sent, members):
            return [r]
    return members


def _headline_pair(sent: Sent, members: list[int]) -> bool:
    """Two names opening a sentence, joined by a bare comma, then a lowercase verb."""
    refs = [sent.refs[m] for m in members]
    if refs[0].i != 0 or any(r.kind not in ("name", "capital") for r in refs):
        return False
    nxt = refs[-1].j
    return nxt < len(sent.tokens) and sent.tokens[nxt].text.isalpha() and sent.tokens[nxt].text.islower()


def _np_head(sent: Sent, r: int) -> int:
    """"German Chancellor Angela Merkel": the adjective's phrase ends in a name of the same actor."""
    ref = sent.refs[r]
    if ref.kind != "adjective":
        return r
    k = ref.j
    steps = 0
    while k < len(sent.tokens) and steps < 4 and sent.ref_at[k] < 0 and sent.tokens[k].text[:1].isupper():
        k += 1
        steps += 1
    if steps and k < len(sent.tokens) and sent.ref_at[k] >= 0 and sent.refs[sent.ref_at[k]].actor == ref.actor:
        return sent.ref_at[k]
    return r


def clause_start(sent: Sent, i: int) -> int:
    lows = sent.lows
    k = i - 1
    while k >= 0:
        if lows[k] in CLAUSE_BREAKS and lows[k] not in ("(", ")"):
            return k + 1
        k -= 1
    return 0


def clause_end(sent: Sent, j: int) -> int:
    lows = sent.lows
    k = j
    while k < len(lows):
        if lows[k] in CLAUSE_BREAKS:
            return k
        k += 1
    return len(lows)


def word_before(sent: Sent, i: int) -> str:
    """The first word before token ``i`` that is not a determiner ("" at the sentence start)."""
    lows = sent.lows
    k = i - 1
    while k >= 0 and (lows[k] in DETERMINERS or (lows[k].endswith("ly") and lows[k].isalpha())):
        k -= 1
    return lows[k] if k >= 0 else ""


def subject(sent: Sent, i: int) -> list[int]:
    """The nearest actor left of token ``i`` that is not the object of a preposition or a verb.

    A fronted phrase ("Despite labelling X ..., Erdogan noted") has its subject after the comma.
    """
    lows = sent.lows
    start = clause_start(sent, i)
    lo = max(start, i - MAX_SUBJECT_DISTANCE)
    k = i - 1
    depth = 0
    inserted = _inserted_spans(sent, i)
    while k >= lo:
        if k in inserted:
            k = inserted[k]  # "Qatar, which hosts a US base, maintains ties": skip the inserted clause
            continue
        w = lows[k]
        if w in REPORTING_VERBS and sent.ref_at[k] < 0 and _named_subject_between(sent, k + 1, i):
            return []  # "Washington claims Mahan flies arms to Syria": Mahan, not Washington, flies them
        if w == ")":
            depth += 1
        elif w == "(":
            depth = max(0, depth - 1)
        elif depth == 0 and sent.ref_at[k] >= 0:
            r = sent.ref_at[k]
            ref = sent.refs[r]
            before = word_before(sent, ref.i)
            if ref.possessive:
                # "From Israel's vantage point" is a subject-like topic; "purchase its oil" is not.
                ok = before in PREPOSITIONS or before in ("", ",", "and", "while", "that", "-") or not before.isalpha()
            else:
                # "after", "before", "since" also open clauses: "after Trump had a call".
                ok = before not in PREPOSITIONS or before in ("of", "by", "after", "before", "since", "until")
                if before == "in" and ref.i >= 2 and lows[ref.i - 2] in SEAT_HEADS:
                    ok = True  # "the leadership in Ankara" is Turkey
            if ok:
                return group(sent, r)
            k = ref.i - 1
            continue
        k -= 1
    # Fronted participial or prepositional phrase: the subject follows its comma ("Despite labelling
    # X ..., Erdogan noted"). Only when the clause opens with such a phrase.
    k0 = i - 1
    while k0 > start and lows[k0] != ",":
        k0 -= 1
    k0 = k0 + 1 if lows[k0] == "," else start
    first = lows[k0] if k0 < len(lows) else ""
    if not (first in PREPOSITIONS or first in _FRONTED_OPENERS or first.endswith("ing")):
        return []
    end = clause_end(sent, i)
    for k in range(i + 1, end):
        if lows[k] == ",":
            for m in range(k + 1, min(k + 4, end)):
                if sent.ref_at[m] >= 0:
                    return group(sent, sent.ref_at[m])
            break
    return []


_RELATIVIZERS = frozenset({"which", "who", "whose", "whom", "where"})


def _inserted_spans(sent: Sent, i: int) -> dict[int, int]:
    """Relative clauses and appositions set off by commas before token ``i`` (", which ...,",
    ", a major buyer of Russian oil,"): each of their positions maps to the token before them."""
    lows = sent.lows
    commas = [k for k in range(i) if lows[k] == ","]
    out: dict[int, int] = {}
    for a, b in zip(commas, commas[1:], strict=False):
        if b >= i or a + 1 >= len(lows):
            continue
        opener = lows[a + 1]
        if opener in _RELATIVIZERS or (opener in ("a", "an") and a > 0 and sent.ref_at[a - 1] >= 0):
            for k in range(a, b + 1):
                out[k] = a - 1
    return out


def clause_subject(sent: Sent, i: int) -> list[int]:
    """The first actor of the clause of token ``i`` that is not the object of a preposition."""
    lows = sent.lows
    start = clause_start(sent, i)
    for k in range(i - 1, start - 1, -1):
        if lows[k] in REPORTING_VERBS and sent.ref_at[k] < 0 and _named_subject_between(sent, k + 1, i):
            return []  # the reported clause has a subject of its own, and it is no actor
    for k in range(start, i):
        r = sent.ref_at[k]
        if r >= 0 and sent.refs[r].i == k:
            before = word_before(sent, k)
            if before in INFINITIVES:
                continue  # "to fight Islamic State": the object of a verb
            head = lows[sent.refs[r].j] if sent.refs[r].j < len(lows) else ""
            agent_np = head in SEAT_HEADS and before not in ("against", "on", "at", "with")
            if before not in PREPOSITIONS or before in ("by", "of") or agent_np:
                return group(sent, r)
    return []


REPORTING_VERBS = cue_words("reporting_verbs")


def _named_subject_between(sent: Sent, a: int, b: int) -> bool:
    """A capitalised name that is no actor opens the reported clause between ``a`` and ``b``."""
    k = a
    if k < b and sent.lows[k] == "that":
        k += 1
    while k < b and sent.lows[k] in DETERMINERS:
        k += 1
    return k < b and sent.ref_at[k] < 0 and sent.tokens[k].text[:1].isupper() and sent.tokens[k].text.isalpha()


_FRONTED_OPENERS = frozenset({"a", "an", "despite", "unlike", "like", "amid", "as", "while", "although", "though",
                              "following", "having", "once", "when", "if", "whereas", "besides"})


def _skip_np_left(lows: list[str], k: int) -> int:
    """Move left over determiners and adjectives; return the first index not skipped."""
    steps = 0
    while k >= 0 and steps < 3 and (lows[k] in DETERMINERS or (lows[k].isalpha() and lows[k].endswith("ly"))):
        k -= 1
        steps += 1
    return k


def modifier(sent: Sent, i: int) -> list[int]:
    """Actors that modify the noun starting at ``i``: "Israeli", "Israel's", "X-Y", "its"."""
    lows = sent.lows
    k = i - 1
    steps = 0
    while k >= 0 and steps < 3:
        if sent.ref_at[k] >= 0:
            g = group(sent, sent.ref_at[k])
            # "Israel-Azerbaijan relations": hyphen pair.
            ref = sent.refs[sent.ref_at[k]]
            if ref.i >= 2 and lows[ref.i - 1] == "-" and sent.ref_at[ref.i - 2] >= 0:
                g = [sent.ref_at[ref.i - 2]] + g
            return g
        w = lows[k]
        if w == "'s" or w == "-":
            k -= 1
            continue
        if w in PREPOSITIONS or w in CLAUSE_BREAKS or w in {",", ".", "and", "or"} or not w.isalpha():
            return []
        if w in BE_FORMS:
            return []
        if w.endswith("ed") and k > 0 and sent.ref_at[k - 1] >= 0 and not sent.refs[sent.ref_at[k - 1]].possessive:
            return []  # "Iran launched missiles": subject and verb, not a modifier
        k -= 1
        steps += 1
    return []


def prep_object(sent: Sent, j: int, preps: frozenset[str], *, direct: bool = False,
                first_prep_within: int = MAX_OBJECT_DISTANCE) -> tuple[list[int], str]:
    """The first actor after token ``j`` introduced by one of ``preps`` (or directly).

    Returns the group and the preposition (``""`` for a direct object). After a comma only
    "between" can still introduce it; a preposition that heads a gerund ("to countering
    Iran") introduces no actor.
    """
    lows = sent.lows
    end = min(clause_end(sent, j), j + MAX_OBJECT_DISTANCE)
    k = j
    last_prep = ""
    since_prep = 0
    after_comma = False
    seen_prep = False
    past_infinitive = False
    while k < end:
        w = lows[k]
        if sent.ref_at[k] >= 0:
            r = sent.ref_at[k]
            usable = (last_prep and last_prep in preps and not after_comma) or (
                direct and not last_prep and not after_comma
            )
            if usable:
                return group(sent, _apposed(sent, r)), last_prep
            k = sent.refs[r].j
            continue
        if w == "of" and k > 0 and (lows[k - 1] in SEAT_HEADS or lows[k - 1] in SHARE_WORDS or lows[k - 1] in OF_HEADS):
            k += 1  # "supporting the government of X" is supporting X
            if not last_prep and not past_infinitive:
                direct = True
            continue
        if w in _SUBORDINATORS:
            break  # "lost an ally when Nauru switched ties": a new clause
        if w in PREPOSITIONS:
            if not seen_prep and k - j > first_prep_within:
                return [], ""
            seen_prep = True
            nxt = lows[k + 1] if k + 1 < len(lows) else ""
            # "to countering Iran" heads a gerund; "with neighbouring Iran" an adjective.
            gerund = nxt.endswith("ing") and nxt not in ("during",) and not (
                k + 2 < len(lows) and sent.ref_at[k + 2] >= 0)
            infinitive = w == "to" and nxt in INFINITIVES
            last_prep = "" if gerund or infinitive else w
            if infinitive:
                direct = False  # "agreed to guard captured fighters": the object is the infinitive's
                past_infinitive = True
            since_prep = 0
        elif w in (",", "."):
            after_comma = True
            direct = False
        else:
            since_prep += 1
            if since_prep > 4 and last_prep:
                last_prep = ""
            if not last_prep and w not in DETERMINERS and direct and k - j > 3:
                direct = False  # a direct object comes (almost) at once
        k += 1
    return [], ""


_SUBORDINATORS = frozenset({"when", "where", "which", "who", "whose", "whom", "unless", "if", "whether"})


def _apposed(sent: Sent, r: int) -> int:
    """"with its closest ally Turkey": a possessor followed by the actor it qualifies is that actor."""
    ref = sent.refs[r]
    if not (ref.possessive or sent.tokens[ref.i].lower in ("its", "their")):
        return r
    lows = sent.lows
    for k in range(ref.j + (1 if ref.possessive else 0), min(ref.j + 6, len(lows))):
        if sent.ref_at[k] >= 0 and sent.ref_at[k] != r:
            return sent.ref_at[k] if not sent.refs[sent.ref_at[k]].possessive else r
        if lows[k] in PREPOSITIONS or lows[k] in CLAUSE_BREAKS or not lows[k].isalpha():
            break
    return r


def by_agent(sent: Sent, j: int) -> list[int]:
    """The agent of a passive: "condemned by members of the European Union" is the EU."""
    lows = sent.lows
    end = min(clause_end(sent, j), j + 6)
    for k in range(j, end):
        if lows[k] == "by":
            for m in range(k + 1, min(k + 6, len(lows))):
                if sent.ref_at[m] >= 0:
                    return group(sent, sent.ref_at[m])
                if not (lows[m] in DETERMINERS or lows[m] in SEAT_HEADS or lows[m] == "of"):
                    break
            return []
    return []


def is_passive(sent: Sent, i: int) -> bool:
    lows = sent.lows
    w = lows[i]
    if not (w.endswith("ed") or w.endswith("en") or w in {"sold", "built", "led", "held", "sent", "struck",
                                                          "fought", "shot", "made", "bought", "cut"}):
        return False
    k = i - 1
    steps = 0
    while k >= 0 and steps < 3:
        if lows[k] in BE_FORMS:
            return True
        if not (lows[k].endswith("ly") or lows[k] in {"not", "never", "also", "reportedly", "allegedly"}):
            break
        k -= 1
        steps += 1
    return i + 1 < len(lows) and lows[i + 1] == "by"
