"""People introduced with a role count for their state for the rest of the document.

    "Hikmet Hajiyev, a top foreign policy adviser to President Ilham Aliyev"  -> Hajiyev is AZE
    "Egyptian foreign minister Sameh Shoukry"                                   -> Shoukry is EGY
    "Adil Abdul-Mahdi, the acting Prime Minister of Iraq"                       -> Abdul-Mahdi is IRQ

A learned name (and its surname) is then found wherever it recurs in the document.
"""

from __future__ import annotations

import re

from .mentions import Mention

ROLE_WORDS = frozenset(
    """president prime premier chancellor minister ministers secretary ambassador envoy spokesman spokeswoman
    spokesperson adviser advisor aide general commander king queen emir sultan prince ayatollah leader
    official diplomat negotiator representative counterpart head chief deputy foreign defence defense
    state mayor governor senator lawmaker""".split()
)
_NAME = r"((?:[A-Z][\w'-]+|al-|el-|bin|de|van|von|Le|La)(?:\s+(?:[A-Z][\w'-]+|al-\w+|el-\w+|bin|de|van|von|Le|La)){1,3})"
_BEFORE_APPOSITION = re.compile(_NAME + r",\s+(?:a|an|the)\s+$")


_FORMER = re.compile(r"\b(?:[Ff]ormer|ex-|[Ll]ate|[Ee]x)\s*(?:[\w-]+\s+){0,1}$")


def learn(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions of people learned from role phrases, added to ``mentions`` (text order kept)."""
    learned: dict[str, str] = {}
    for m in mentions:
        if m.kind not in ("adjective", "name", "capital", "official"):
            continue
        if _FORMER.search(text[max(0, m.start - 25) : m.start]):
            continue  # "former US President Barack Obama" speaks for himself, not the state
        # A: actor + role words + Name  ("US Secretary of State Mike Pompeo").
        tail = text[m.end : m.end + 100]
        if tail.startswith("'s"):
            tail = tail[2:]
        name = _name_after_role(tail)
        if name:
            learned.setdefault(name, m.actor)
        # B: Name, a/the ... actor ... role  ("Zalmay Khalilzad, a US peace envoy").
        head = text[max(0, m.start - 120) : m.start]
        cut = re.search(r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}$", head)
        if cut:
            after = text[m.end : m.end + 40].split()
            around = head[cut.start() :].split() + after[:3]
            if any(w.strip(",.").lower() in ROLE_WORDS for w in around):
                n = re.search(_NAME + r"$", head[: cut.start()])
                if n and _plausible(n.group(1)):
                    learned.setdefault(n.group(1), m.actor)
    if not learned:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    found: list[Mention] = []
    forms: dict[str, str] = {}
    for name, actor in learned.items():
        forms[name] = actor
        surname = name.split()[-1]
        if len(surname) >= 4 and surname[0].isupper():
            forms.setdefault(surname, actor)
    for form, actor in sorted(forms.items(), key=lambda kv: -len(kv[0])):
        for hit in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text):
            s, e = hit.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            found.append(Mention(actor, s, e, "learned"))
    return sorted(mentions + found, key=lambda m: m.start)


_WORD_RE = re.compile(r"[\w'-]+|[^\w\s]")
_PARTICLES = frozenset({"al-", "el-", "bin", "de", "van", "von", "Le", "La", "al", "el"})


def _name_after_role(tail: str) -> str | None:
    """The capitalised name right after role words: " Foreign Minister Nikos Dendias said" -> Nikos Dendias."""
    words = _WORD_RE.findall(tail)[:10]
    last_role = -1
    for k, w in enumerate(words[:6]):
        if w.lower() in ROLE_WORDS:
            last_role = k
        elif not (w[:1].isupper() or w.lower() in ("of", "for", "the")):
            break
    if last_role < 0:
        return None
    name: list[str] = []
    for w in words[last_role + 1 :]:
        if (w[:1].isupper() and w.lower() not in ROLE_WORDS) or (name and w in _PARTICLES):
            name.append(w)
            if len(name) == 4:
                break
        else:
            break
    if len(name) >= 2 and _plausible(" ".join(name)):
        return " ".join(name)
    return None


_NOT_NAMES = frozenset("""The A An In On At And But Of For With Monday Tuesday Wednesday Thursday Friday Saturday
    Sunday January February March April May June July August September October November December""".split())


def _plausible(name: str) -> bool:
    parts = name.split()
    return len(parts) >= 2 and parts[0] not in _NOT_NAMES and not any(p.lower() in ROLE_WORDS for p in parts)
