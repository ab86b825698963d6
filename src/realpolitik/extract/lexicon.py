"""Trigger lexicons: the words and phrases that license a relation, with the frame that finds
its two actors. The knowledge lives in ``data/triggers/<type>.jsonl``; this module compiles it.

One entry per line::

    {"p": "V:withdraw * N:ambassador|N:envoy", "frame": "verb"}
    {"p": "~weapon N:sale|N:delivery", "frame": "noun", "preps": ["to", "for"]}

Pattern elements, separated by spaces:

- ``word`` a literal (lower case); ``a|b`` alternatives for ONE token (each may carry a prefix;
  a multi-word alternative needs a line of its own);
- ``V:lemma`` every inflection of a verb (``withdraw withdraws withdrew withdrawn withdrawing``);
- ``N:noun`` singular and plural;
- ``~class`` any head word of a theme class in ``data/triggers/_themes.jsonl`` (``~weapon``);
- ``*`` a gap of up to 3 tokens, ``**`` up to 6 (never across a clause boundary).

Frames (see :mod:`realpolitik.extract.frames`): ``verb``, ``verb_rev``, ``noun``, ``noun_rev``,
``compound`` (``X-backed``), ``prefix`` (``pro-X``), ``origin`` (``Israeli drones``),
``transfer`` (a give/sell verb whose type comes from its theme: arms, oil, aid), ``members``
("NATO is an alliance of ... states: A, B and C": each listed actor to the subject).
Optional fields: ``preps`` (prepositions that may introduce the target), ``only_preps``
(the target needs one of them: no direct object), ``target: "subject"`` (the clause subject
is the target: "Turkey is under EU sanctions"), ``target: "modifier"`` (the noun's possessor or
adjective is the target and the clause subject the source: "X is Y's main arms supplier"),
``reverse`` (a transfer whose subject receives, from the actor after one of ``preps``: "X
relies on Y for arms"), ``hides`` (no other match survives inside this one: "settled their border dispute" is no
dispute), ``not_after`` (a word list of ``_cues.jsonl``: the trigger is no verb after one of them or
after a past participle: "came back", "invited back"), ``overrides`` (a compound that wins
over a longer phrase of another type ending with it: "launched a trade war" is no fighting),
``object: "person"`` (the object must be a person or a delegation: "received the Saudi crown
prince", not "received Russian arms"), ``mutual`` (a group subject acts on each other both ways: "X and Y traded
accusations"), ``keep_inside`` (the trigger also reads its own relation inside a longer match of another type
that starts with it: "brokered" in "brokered a truce between X and Y" is mediation as well as the
truce's agreement), ``source: "clause_subject"`` (the first actor
of the clause is the source, past any object: "US troops fight ISIS in cooperation with Iraq"),
``type`` (overrides the
file's type), ``modality`` (forces ``possible`` or ``negated``), ``weight`` (confidence).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..datafiles import package_jsonl
from ..errors import DataError
from ..ontology import RELATION_TYPES
from .frames import INFINITIVES

FRAMES = ("verb", "verb_rev", "noun", "noun_rev", "compound", "prefix", "origin", "transfer", "members")
GAP_SHORT, GAP_LONG = 3, 8


@dataclass(frozen=True, slots=True)
class Element:
    forms: frozenset[str]  # lower-case token forms; empty for a gap
    gap: int = 0  # > 0: a gap of up to this many tokens


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str  # relation type, or "" for transfer (decided by theme)
    frame: str
    elements: tuple[Element, ...]
    pattern: str
    preps: frozenset[str] = frozenset()
    modality: str | None = None
    weight: float = 1.0
    only_preps: bool = False
    target_is_subject: bool = False
    source_is_clause_subject: bool = False
    target_is_modifier: bool = False
    keep_inside: bool = False
    reverse: bool = False
    hides: bool = False
    mutual: bool = False
    person_object: bool = False
    not_after: str = ""
    overrides: bool = False


@dataclass(slots=True)
class Lexicon:
    triggers: list[Trigger] = field(default_factory=list)
    by_first: dict[str, list[Trigger]] = field(default_factory=dict)
    themes: dict[str, frozenset[str]] = field(default_factory=dict)  # class -> head words
    theme_of: dict[str, str] = field(default_factory=dict)  # head word -> class
    theme_types: dict[str, str] = field(default_factory=dict)  # class -> relation type
    cues: dict[str, frozenset[str]] = field(default_factory=dict)  # modality cue sets


def _data_text(name: str) -> str:
    return (resources.files("realpolitik") / "data" / name).read_text(encoding="utf-8")


def _jsonl(name: str) -> list[dict]:
    return [obj for _, obj in package_jsonl(name)]


@lru_cache(maxsize=1)
def irregular_verbs() -> dict[str, tuple[str, ...]]:
    return {d["lemma"]: tuple(d["forms"]) for d in _jsonl("morphology.jsonl")}


_BASE_VERBS: set[str] = set()


def verb_forms(lemma: str) -> set[str]:
    """Every inflection of an English verb (regular rules plus the irregular table).

    >>> sorted(verb_forms("supply"))
    ['supplied', 'supplies', 'supply', 'supplying']
    >>> sorted(verb_forms("sell"))
    ['sell', 'selling', 'sells', 'sold']
    >>> sorted(verb_forms("transfer"))
    ['transfer', 'transfered', 'transfering', 'transferred', 'transferring', 'transfers']
    """
    irregular = irregular_verbs()
    _BASE_VERBS.add(lemma)
    forms = {lemma}
    if lemma in irregular:
        forms.update(irregular[lemma])
    vowels = "aeiou"
    if lemma.endswith("e"):
        past, ing = lemma + "d", lemma[:-1] + "ing"
        third = lemma + "s"
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in vowels:
        past, ing, third = lemma[:-1] + "ied", lemma + "ing", lemma[:-1] + "ies"
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        past, ing, third = lemma + "ed", lemma + "ing", lemma + "es"
    elif (
        len(lemma) >= 3
        and lemma[-1] not in vowels + "wxy"
        and lemma[-2] in vowels
        and lemma[-3] not in vowels
        and _one_syllable(lemma)
    ):
        past, ing, third = lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing", lemma + "s"
    else:
        past, ing, third = lemma + "ed", lemma + "ing", lemma + "s"
    if lemma in irregular:
        forms.update({ing, third})
    else:
        forms.update({past, ing, third})
    if (len(lemma) >= 4 and lemma[-1] in "lrtpmngbd" and lemma[-2] in vowels and lemma[-3] not in vowels
            and lemma not in irregular):
        # Final stress or British spelling doubles the consonant ("transferred", "expelled",
        # "labelled"); matching both spellings costs nothing.
        forms.update({lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing", lemma + "ed", lemma + "ing"})
    return forms


def _one_syllable(word: str) -> bool:
    groups, prev = 0, False
    for ch in word:
        v = ch in "aeiouy"
        if v and not prev:
            groups += 1
        prev = v
    return groups == 1 or word in {"ban", "bar", "plan", "stop", "ship", "equip", "commit", "admit", "permit"}


def noun_forms(noun: str) -> set[str]:
    """Singular and plural (regular rules; a ``noun/plural`` pair gives an irregular plural)."""
    if "/" in noun:
        return set(noun.split("/"))
    if noun.endswith(("s", "sh", "ch", "x", "z")):
        return {noun, noun + "es"}
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in "aeiou":
        return {noun, noun[:-1] + "ies"}
    return {noun, noun + "s"}


def _element(text: str, themes: dict[str, frozenset[str]], where: str) -> Element:
    if text == "*":
        return Element(frozenset(), GAP_SHORT)
    if text == "**":
        return Element(frozenset(), GAP_LONG)
    forms: set[str] = set()
    for alt in text.split("|"):
        if alt.startswith("V:"):
            forms |= verb_forms(alt[2:])
        elif alt.startswith("N:"):
            forms |= noun_forms(alt[2:])
        elif alt.startswith("~"):
            if alt[1:] not in themes:
                raise DataError(f"{where}: unknown theme class {alt}")
            forms |= themes[alt[1:]]
        else:
            forms.add(alt)
    return Element(frozenset(f.lower() for f in forms))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Compile every trigger file of the package (cached per process)."""
    lex = Lexicon()
    for d in _jsonl("triggers/_themes.jsonl"):
        words = frozenset(w.lower() for w in d["words"])
        lex.themes[d["class"]] = words
        if d.get("type"):
            lex.theme_types[d["class"]] = d["type"]
        for w in words:
            lex.theme_of.setdefault(w, d["class"])
    for d in _jsonl("triggers/_cues.jsonl"):
        lex.cues[d["cue"]] = frozenset(w.lower() for w in d["words"])
    root = resources.files("realpolitik") / "data" / "triggers"
    for child in sorted(root.iterdir(), key=lambda c: c.name):
        name = child.name
        if not name.endswith(".jsonl") or name.startswith("_"):
            continue
        file_type = name[: -len(".jsonl")]
        if file_type != "transfer" and file_type not in RELATION_TYPES:
            raise DataError(f"data/triggers/{name}: not a relation type of the ontology")
        for n, d in enumerate(_jsonl(f"triggers/{name}"), 1):
            where = f"data/triggers/{name}:{n}"
            frame = d.get("frame", "verb")
            if frame not in FRAMES:
                raise DataError(f"{where}: unknown frame {frame!r}")
            rtype = d.get("type", "" if file_type == "transfer" else file_type)
            if rtype and rtype not in RELATION_TYPES:
                raise DataError(f"{where}: unknown relation type {rtype!r}")
            elements = tuple(_element(e, lex.themes, where) for e in d["p"].split())
            if not elements or elements[0].gap or elements[-1].gap:
                raise DataError(f"{where}: a pattern must start and end with a word")
            trig = Trigger(
                type=rtype,
                frame=frame,
                elements=elements,
                pattern=d["p"],
                preps=frozenset(d.get("preps", ())),
                modality=d.get("modality"),
                weight=float(d.get("weight", 1.0)),
                only_preps=bool(d.get("only_preps", False)),
                target_is_subject=d.get("target") == "subject",
                target_is_modifier=d.get("target") == "modifier",
                keep_inside=bool(d.get("keep_inside", False)),
                reverse=bool(d.get("reverse", False)),
                hides=bool(d.get("hides", False)),
                mutual=bool(d.get("mutual", False)),
                person_object=d.get("object") == "person",
                not_after=d.get("not_after", ""),
                overrides=bool(d.get("overrides", False)),
                source_is_clause_subject=d.get("source") == "clause_subject",
            )
            lex.triggers.append(trig)
            for el in elements:
                for form in el.forms:
                    if form in _BASE_VERBS:
                        INFINITIVES.add(form)
            for form in elements[0].forms:
                lex.by_first.setdefault(form, []).append(trig)
    return lex
