"""The extractor: a document in, mentions and relations out, in an ordered list of small steps.

    find actors (gazetteer + mention rules) -> split sentences -> per sentence: coreference,
    tokens, triggers and frames (relations), modality, dates, quantities -> document rules
    (ceasefire and mediation parties) -> one record per key and sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date as date_cls

from ..datafiles import cue_words
from ..knowledge import Knowledge, cached_knowledge
from ..model import Document, Extraction, Mention, Relation, Sentence
from ..nlp.gazetteer import Gazetteer
from ..nlp.text import fold, split_sentences, tokenize
from . import frames as F
from .coref import FIRST_PERSON, PERSON_KINDS, SPEECH_VERBS, STATE_KINDS, find_cues
from .dates import find_dates
from .lexicon import Lexicon, load_lexicon
from .mentions import resolve
from .people import learn
from .quantities import find_quantities
from .refs import Ref
from .relations import Candidate, sentence_candidates

EXTRACTOR_VERSION = "0.2.0"
_DIGIT = re.compile(r"\d")
QUANTITY_TYPES = frozenset({"arms_supply", "energy_supply", "trade", "aid", "sanction", "mediation"})


# Relations that are events, dated by the report when the sentence gives no date; states of
# affairs (alignment, hostility, supply, trade, membership, cooperation) have no such date.
EVENT_TYPES = frozenset({"armed_conflict", "criticism", "consultation", "threat", "sanction", "agreement",
                         "mediation", "support", "diplomatic_upgrade", "diplomatic_downgrade",
                         "diplomatic_recognition"})


@dataclass(slots=True)
class _DocState:
    """What earlier sentences leave for later ones."""

    history: list[tuple[str, bool]] = field(default_factory=list)  # (actor, was_subject) per sentence
    last_subject: str | None = None
    recent: list[str] = field(default_factory=list)  # distinct actors, most recent last
    anchor: str | None = None  # last absolute date
    conflict_pair: tuple[str, str] | None = None
    attacker: str | None = None  # source of the last asserted armed_conflict
    pact: tuple[str, str] | None = None  # parties of the last asserted agreement
    proposer: str | None = None  # who last called for, proposed or urged something
    day_anchor: str | None = None  # the last day named, in the fortnight before the report
    meeting: tuple[str, ...] = ()  # participants of the last meeting, summit or talks
    last_person: str | None = None  # actor of the first person (official, learned) of the last sentence naming one


class Extractor:
    """Compiled knowledge and lexicons; call :meth:`extract` on documents.

    >>> ex = Extractor()
    >>> rels = ex.extract(Document("d", "Israel sold drones to Azerbaijan in 2012.")).relations
    >>> [(r.source, r.relation, r.target, r.date) for r in rels]
    [('ISR', 'arms_supply', 'AZE', '2012')]
    """

    def __init__(self, knowledge: Knowledge | None = None, lexicon: Lexicon | None = None) -> None:
        self.knowledge = knowledge or cached_knowledge()
        self.lexicon = lexicon or load_lexicon()
        self.gazetteer = Gazetteer(self.knowledge)

    def extract(self, doc: Document) -> Extraction:
        text = doc.text
        folded = fold(text)
        hits = self.gazetteer.scan(text, folded=folded)
        found = learn(folded, resolve(hits, folded, self.knowledge, doc.date))
        mentions = [Mention(m.actor, m.start, m.end, text[m.start : m.end], m.kind) for m in found]
        spans = split_sentences(folded)
        sentences = [Sentence(s.start, s.end, text[s.start : s.end]) for s in spans]
        relations: list[Relation] = []
        state = _DocState()
        mi = 0
        for sp in spans:
            sent_mentions = []
            while mi < len(mentions) and mentions[mi].start < sp.end:
                if mentions[mi].start >= sp.start:
                    sent_mentions.append(mentions[mi])
                mi += 1
            relations.extend(self._sentence(doc, text, folded, sp.start, sp.end, sent_mentions, state))
        from .outcomes import find_outcomes  # the outcome step: stored, never emitted as relations

        outcomes = find_outcomes(doc, mentions, sentences, folded=folded)
        return Extraction(doc, sentences, mentions, _dedupe(relations), outcomes, EXTRACTOR_VERSION)

    def _sentence(self, doc: Document, text: str, folded: str, s: int, e: int,
                  mentions: list[Mention], state: _DocState) -> list[Relation]:
        stext = folded[s:e]
        cues = find_cues(stext) if (mentions or state.recent) else []
        if not mentions and not cues:
            return []
        has_digit = _DIGIT.search(stext) is not None
        dates = (find_dates(stext, s, doc.date, state.anchor, state.day_anchor)
                 if has_digit or _has_date_word(stext) else [])
        tokens = tokenize(stext, s)
        refs = _refs(tokens, mentions)
        refs = self._add_coref(tokens, refs, cues, s, state)
        refs = _add_speaker(tokens, refs)
        refs.sort(key=lambda r: r.i)
        ref_at = [-1] * len(tokens)
        for idx, r in enumerate(refs):
            for k in range(r.i, r.j):
                ref_at[k] = idx
        sent = F.Sent(tokens, refs, ref_at)
        cands = sentence_candidates(sent, self.lexicon) if len({r.actor for r in refs}) >= 2 else []
        cands = self._document_rules(sent, cands, state)
        cands = _expand_meeting(cands, state.meeting)
        cands = [_as_threat(c, sent) for c in cands]
        # A state has no members: "a coalition led by X, joined by Y" is not Y joining X.
        cands = [c for c in cands if not (c.type == "membership" and self._kind(c.target) == "state")]
        out: list[Relation] = []
        quantities = find_quantities(stext, s) if has_digit or "half" in stext or "third" in stext else []
        for c in cands:
            a = tokens[c.trigger_i].start
            date = _nearest(dates, a)
            date_source = "text" if date else "none"
            if date is None and doc.date and c.type in EVENT_TYPES and c.modality == "asserted":
                # A news report's undated event ("Merkel demanded an explanation") is the news of the
                # day the report last named ("On Wednesday, ..."), else of the report's own date.
                date, date_source = (state.day_anchor, "context") if _recent(state.day_anchor, doc.date) \
                    else (doc.date, "document")
            qty = None
            if c.type in QUANTITY_TYPES and quantities:
                q = min(quantities, key=lambda q: abs(q.start - a))
                qty = q.quantity
            names = tuple(
                text[refs[x].start : refs[x].end] if x >= 0 else "" for x in (c.source_ref, c.target_ref)
            )
            out.append(Relation(
                doc=doc.id, source=c.source, relation=c.type, target=c.target, modality=c.modality,
                evidence=text[s:e], span=(s, e), date=date, quantity=qty, confidence=c.confidence,
                trigger=c.trigger_text, actors_text=(names[0], names[1]),
                extractor_version=EXTRACTOR_VERSION, date_source=date_source,
            ))
            if c.type == "armed_conflict" and c.modality == "asserted":
                state.conflict_pair = (c.source, c.target)
                state.attacker = c.source
            if c.type == "agreement" and c.modality == "asserted":
                state.pact = (c.source, c.target)
        met = {a for c in cands if c.type == "consultation" and c.modality == "asserted" for a in (c.source, c.target)}
        if len(met) >= 2:
            state.meeting = tuple(sorted(met))
        proposer = _proposer(sent)
        if proposer:
            state.proposer = proposer
        for d in dates:
            if d.absolute:
                state.anchor = d.value
            if len(d.value) == 10 and _recent(d.value, doc.date):
                state.day_anchor = d.value
        # The sentence's topic for "it"/"the country" next: a main verb's subject outranks a noun's.
        verbal = [c.source for c in cands if c.modality == "asserted" and c.frame in ("verb", "transfer", "verb_rev")]
        self._remember(refs, state, out, verbal[0] if verbal else None)
        return out

    def _kind(self, actor: str) -> str:
        a = self.knowledge.actors.get(actor)
        return a.kind if a else ""

    def _add_coref(self, tokens, refs: list[Ref], cues, offset: int, state: _DocState) -> list[Ref]:  # noqa: ANN001
        if not cues:
            return refs
        starts = {t.start: k for k, t in enumerate(tokens)}
        ends = {t.end: k for k, t in enumerate(tokens)}
        taken = {k for r in refs for k in range(r.i, r.j)}
        new: list[Ref] = []
        for cs, ce, kind in cues:
            i, j = starts.get(cs + offset), ends.get(ce + offset)
            if i is None or j is None or any(k in taken for k in range(i, j + 1)):
                continue
            before = [r for r in refs if r.j <= i]
            if kind == "pair":
                actors = _last_distinct(before, state, 2)
                if len(actors) == 2:
                    t = tokens[i]
                    new.append(Ref(actors[0], i, j + 1, t.start, tokens[j].end, "", "coref"))
                    # The pair stands as a coordination of two refs on the same tokens.
                    new.append(Ref(actors[1], i, j + 1, t.start, tokens[j].end, "", "coref"))
                continue
            if kind == "violent":
                if state.attacker:
                    new.append(Ref(state.attacker, i, j + 1, tokens[i].start, tokens[j].end, "", "event"))
                continue
            if kind == "meeting":
                if len(state.meeting) >= 2:
                    new.append(Ref(MEETING, i, j + 1, tokens[i].start, tokens[j].end, "", "event"))
                continue
            if kind == "proposal":
                if state.proposer:
                    new.append(Ref(state.proposer, i, j + 1, tokens[i].start, tokens[j].end, "", "event"))
                continue
            if kind == "pact":
                if state.pact:
                    t = tokens[i]
                    new.append(Ref(state.pact[0], i, j + 1, t.start, tokens[j].end, "", "event"))
                    new.append(Ref(state.pact[1], i, j + 1, t.start, tokens[j].end, "", "event"))
                continue
            if kind == "person":
                people = [r for r in before if r.kind in PERSON_KINDS]
                actor = people[0].actor if people else None
                if actor is None and not _unknown_name_before(tokens, i, refs):
                    actor = state.last_person
                if actor:
                    new.append(Ref(actor, i, j + 1, tokens[i].start, tokens[j].end, "", "coref"))
                continue
            if kind in ("latter", "former"):
                actors = _last_distinct(before, state, 2)
                if len(actors) == 2:
                    actor = actors[1] if kind == "latter" else actors[0]
                    new.append(Ref(actor, i, j + 1, tokens[i].start, tokens[j].end, "", "coref"))
                continue
            if tokens[i].lower == "it" and _expletive(tokens, i):
                continue  # "It is likely that ...", "it was agreed to ...": no referent
            antecedent = None
            # Prefer a noun phrase head over an adjective ("allowing Israeli spies on its territory").
            near = [r for r in before if r.kind in STATE_KINDS and (r.kind != "adjective" or _heads_seat(tokens, r))]
            if near:
                antecedent = near[-1].actor
            elif state.last_subject:
                antecedent = state.last_subject
            if antecedent:
                poss = tokens[i].lower == "its"
                new.append(Ref(antecedent, i, j + 1, tokens[i].start, tokens[j].end, "", "coref", poss))
        if not new:
            return refs
        return _merge_pairs(refs + new)

    def _document_rules(self, sent: F.Sent, cands: list[Candidate], state: _DocState) -> list[Candidate]:
        """A ceasefire, a mediator or peacekeepers whose parties the sentence leaves out stand
        between the warring parties the document last named ("a Russian-brokered truce")."""
        if state.conflict_pair is None:
            return cands
        lows = sent.lows
        cease = self.lexicon.cues.get("ceasefire", frozenset())
        keepers = self.lexicon.cues.get("peacekeeping", frozenset())
        a, b = state.conflict_pair
        have = {(c.source, c.type, c.target) for c in cands}
        named = {r.actor for r in sent.refs}
        for k, w in enumerate(lows):
            mediators: list[str] = []
            if w in cease:
                if not any(c.type == "agreement" for c in cands) and (a not in named or b not in named):
                    cands.append(Candidate(a, b, "agreement", "asserted", k, k + 1, w, -1, -1, 0.6, "context"))
                # "X-brokered truce": the actor before the hyphen mediates.
                if k >= 3 and lows[k - 2] == "-" and sent.ref_at[k - 3] >= 0:
                    mediators.append(sent.refs[sent.ref_at[k - 3]].actor)
            elif w in keepers:
                keeper = F.modifier(sent, k) or F.subject(sent, k)
                mediators.extend(sent.refs[r].actor for r in keeper)
            for m in mediators:
                for party in (a, b):
                    if (m, "mediation", party) not in have and m != party:
                        have.add((m, "mediation", party))
                        cands.append(Candidate(m, party, "mediation", "asserted", k, k + 1, w, -1, -1, 0.6,
                                               "context"))
        return cands

    def _remember(self, refs: list[Ref], state: _DocState, found: list[Relation], verbal: str | None = None) -> None:
        # The sentence's topic: the subject of its first asserted verb, else the source of its first
        # asserted relation, else its first actor.
        firm = [r for r in refs if r.kind not in ("coref", "event", "demonym")]
        topic = verbal or next((r.source for r in found if r.modality == "asserted"), None)
        if topic or firm:
            state.last_subject = topic or firm[0].actor
        person = next((r for r in refs if r.kind in PERSON_KINDS), None)
        if person:
            state.last_person = person.actor
        for r in refs:
            if r.actor in state.recent:
                state.recent.remove(r.actor)
            state.recent.append(r.actor)
        del state.recent[:-8]


def _add_speaker(tokens, refs: list[Ref]) -> list[Ref]:  # noqa: ANN001
    """Inside quotation marks, first-person pronouns stand for the speaker's actor.

    The speaker is the actor next to a speech verb outside the quotes ("..., Saree said";
    "Erdogan said: ...")."""
    quotes = [k for k, t in enumerate(tokens) if t.text == '"']
    if not quotes:
        return refs
    if len(quotes) % 2:
        quotes.append(len(tokens))  # a quotation that runs on past this sentence
    inside = set()
    for a, b in zip(quotes[::2], quotes[1::2], strict=False):
        inside.update(range(a + 1, b))
    lows = [t.lower for t in tokens]
    speaker = None
    for k, w in enumerate(lows):
        if w in SPEECH_VERBS and k not in inside:
            near = [r for r in refs if r.kind != "event" and r.i not in inside and abs(r.i - k) <= 3]
            if near:
                speaker = min(near, key=lambda r: abs(r.i - k)).actor
                break
    if speaker is None:
        # "Trump, on Twitter, defended his decision: "I will ...": the person who opens the sentence.
        people = [r for r in refs if r.kind in PERSON_KINDS and r.i < quotes[0]]
        if people:
            speaker = people[0].actor
    if speaker is None:
        return refs
    taken = {k for r in refs for k in range(r.i, r.j)}
    new = [Ref(speaker, k, k + 1, tokens[k].start, tokens[k].end, "", "coref", lows[k] in ("our", "ours"))
           for k in sorted(inside) if lows[k] in FIRST_PERSON and k not in taken]
    return sorted(refs + new, key=lambda r: r.i) if new else refs


def _as_threat(c: Candidate, sent: F.Sent) -> Candidate:
    """A speaker's own announced violence ("I will destroy the economy of Turkey", "we will strike
    back") is a threat, stated as a fact, not a possible attack."""
    if c.type != "armed_conflict" or c.modality != "possible" or c.source_ref < 0:
        return c
    ref = sent.refs[c.source_ref]
    if ref.kind == "coref" and sent.tokens[ref.i].lower in ("i", "we"):
        return replace(c, type="threat", modality="asserted")
    return c


MEETING = "@meeting"  # stands for the participants of the last meeting until expanded


def _expand_meeting(cands: list[Candidate], participants: tuple[str, ...]) -> list[Candidate]:
    """"Turkey denounced the conclusions of the summit": one relation to each participant."""
    out: list[Candidate] = []
    for c in cands:
        if c.source == MEETING:
            continue
        if c.target != MEETING:
            out.append(c)
            continue
        for p in participants:
            if p != c.source:
                out.append(replace(c, target=p))
    return out


_PROPOSE = cue_words("propose_verbs")


def _recent(day: str | None, doc_date: str | None) -> bool:
    """``day`` falls in the fortnight up to the report's date (the news the report is about)."""
    if not day or not doc_date or len(day) != 10 or len(doc_date) < 10:
        return False
    try:
        gap = (date_cls.fromisoformat(doc_date[:10]) - date_cls.fromisoformat(day)).days
    except ValueError:
        return False
    return 0 <= gap <= 14


def _proposer(sent: F.Sent) -> str | None:
    """The actor who "called for", "proposed" or "urged" something in this sentence."""
    lows = sent.lows
    for k, w in enumerate(lows):
        if w in _PROPOSE or (w in ("called", "calls", "call") and k + 1 < len(lows) and lows[k + 1] == "for"):
            subj = F.subject(sent, k)
            if subj:
                return sent.refs[subj[0]].actor
    return None


_EXPLETIVE_VERBS = frozenset({"is", "was", "'s", "seems", "seemed", "appears", "appeared", "remains", "remained",
                              "became", "has", "had", "will", "would", "may", "might", "could", "takes", "took"})


def _expletive(tokens, i: int) -> bool:  # noqa: ANN001
    """"It is unclear whether ...", "it remains to be seen", "It was agreed that": a dummy subject."""
    lows = [t.lower for t in tokens[i + 1 : i + 7]]
    return bool(lows) and lows[0] in _EXPLETIVE_VERBS and any(w in ("that", "to", "whether", "if", "how", "why")
                                                             for w in lows[1:])


def _unknown_name_before(tokens, i: int, refs: list[Ref]) -> bool:  # noqa: ANN001
    """A capitalised word before token ``i`` (not the first word) that is no actor: a person we do
    not know, who may be the one "he" means."""
    inside = {k for r in refs for k in range(r.i, r.j)}
    return any(tokens[k].text[:1].isupper() and tokens[k].text.isalpha() and k not in inside
               for k in range(1, i))


def _heads_seat(tokens, ref: Ref) -> bool:  # noqa: ANN001
    """"the Cuban government" stands for the state as a whole, "Israeli spies" does not."""
    return ref.j < len(tokens) and tokens[ref.j].lower in F.SEAT_HEADS


def _has_date_word(stext: str) -> bool:
    low = stext.lower()
    return any(w in low for w in ("last ", "later", "prior", "earlier", "day", "following", "previous",
                                  "this year", "next "))


def _refs(tokens, mentions: list[Mention]) -> list[Ref]:  # noqa: ANN001
    refs: list[Ref] = []
    k = 0
    n = len(tokens)
    for m in mentions:
        while k < n and tokens[k].end <= m.start:
            k += 1
        i = k
        j = i
        while j < n and tokens[j].start < m.end:
            j += 1
        if j == i:
            continue
        if m.kind == "demonym" and not (i > 0 and tokens[i - 1].lower == "the"):
            continue  # "Many Azerbaijanis" are people; "the Saudis" is the government
        poss = j < n and tokens[j].lower == "'s"
        refs.append(Ref(m.actor, i, j, m.start, m.end, m.text, m.kind, poss))
    return refs


def _merge_pairs(refs: list[Ref]) -> list[Ref]:
    """Two coref refs on the same tokens (a pair) become adjacent one-token-wide refs."""
    refs.sort(key=lambda r: (r.i, r.j))
    out: list[Ref] = []
    for r in refs:
        if out and out[-1].i == r.i and out[-1].j == r.j and r.kind in ("coref", "event"):
            first = out[-1]
            if first.j - first.i >= 2:
                # Split the span: the first actor on the first token(s), the second on the last.
                out[-1] = Ref(first.actor, first.i, first.j - 1, first.start, first.end, "", first.kind)
                out.append(Ref(r.actor, first.j - 1, first.j, first.start, first.end, "", r.kind))
            continue
        out.append(r)
    return out


def _last_distinct(before: list[Ref], state: _DocState, n: int) -> list[str]:
    """The last ``n`` distinct actors named before (peoples, "Palestinians", are not states here)."""
    seen: list[str] = []
    for r in reversed([r for r in before if r.kind != "demonym"]):
        if r.actor not in seen:
            seen.insert(0, r.actor)
        if len(seen) == n:
            return seen
    for a in reversed(state.recent):
        if a not in seen:
            seen.insert(0, a)
        if len(seen) == n:
            break
    return seen


def _nearest(dates, pos: int) -> str | None:  # noqa: ANN001
    if not dates:
        return None
    return min(dates, key=lambda d: abs(d.start - pos)).value


def _dedupe(relations: list[Relation]) -> list[Relation]:
    best: dict[tuple, Relation] = {}
    for r in relations:
        key = (r.source, r.relation, r.target, r.modality, r.span)
        if key not in best or r.confidence > best[key].confidence:
            best[key] = r
    return sorted(best.values(), key=lambda r: (r.span[0], r.relation, r.source, r.target))
