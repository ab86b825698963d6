"""Line-level boilerplate removal for plain text scraped from web pages.

trafilatura needs markup; a page saved as text keeps its furniture as lines: share buttons,
photo credits, section labels, newsletter prompts, and, after the article, teasers of other
articles. Relations must not come from those. The filter works in three passes:

1. **classify** every line: ``junk`` (furniture, always dropped: share/follow prompts, credits,
   captions, breadcrumbs, image file names, cookie notices...), ``end`` (an end-of-article marker:
   a disclaimer, "Related articles", "More from...", "keep reading", a newsletter prompt, a
   copyright line), ``meta`` (a "Published ..." line, kept for the dateline), ``label`` (a short
   line without final punctuation), ``head`` (a title-like line) or ``text`` (a paragraph);
2. **cut** at the first end marker after the article has started when what follows it, up to the
   next marker, looks like teasers (titles, credits and labels as many as paragraphs) rather than
   more article; a "keep reading" marker also takes the teaser block just before it;
3. **drop** labels and title-like lines that sit among furniture rather than next to a paragraph,
   keeping the headline just above the first paragraph and genuine subheadings.

Paragraphs stay separated by blank lines; kept lines are not rewritten.
"""

from __future__ import annotations

import re
import string
from collections import deque
from collections.abc import Callable, Sequence

__all__ = ["strip_boilerplate", "classify_line"]

NOISE, JUNK, CREDIT, END, WEAK_END, META, LABEL, HEAD, TEXT, BLANK = (
    "noise",
    "junk",
    "credit",
    "end",
    "weak_end",
    "meta",
    "label",
    "head",
    "text",
    "blank",
)
_DROPPED_ALWAYS = frozenset({NOISE, JUNK, CREDIT, END, WEAK_END})
_NEUTRAL = frozenset({NOISE, META})  # neither paragraph nor furniture to their neighbours


def _full(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?:" + "|".join(alternatives) + r")")


# --- The tables. Each matches a *normalised key* (lower case, camelCase split, outer punctuation
# trimmed, spaces collapsed) with fullmatch unless said otherwise.

# Whole lines that are page furniture.
_JUNK_LINES = _full(
    r"share|share (this|the) (article|story|page|post|video)|share (on|via|to) [\w ]{1,20}|sharing is caring",
    r"follow us( on [\w ]{1,20})?|follow( \w+){0,2} on (twitter|facebook|instagram|x|linkedin|social( media)?)",
    r"tweet( this)?|e-?mail( this( article| story)?)?|print( this( article| page| story)?)?|copy( the)? link|link copied",
    r"facebook|twitter|linkedin|whatsapp|telegram|reddit|pinterest|instagram|youtube|flipboard|messenger|threads|bluesky|x",
    r"(\d+ )?comments?|view comments|leave a (comment|reply)|save( article| for later)?|bookmark|gift( this)? article",
    r"listen( to (this|the) (article|story))?( \d+ min(ute)?s?)?|(\d+|a) min(ute)?s? (read|listen)|reading time:? [\w ]{1,20}",
    r"give feedback|report an error|contact us|skip to (the )?(main )?content|skip navigation|back to top|(open |close )?menu|search",
    r"home|log ?in|sign ?in|log ?out|register|my account|account|subscriber only|subscribers only|premium",
    r"accept( all)?( cookies)?|reject( all)?|i agree|got it|ok|manage (cookies|preferences|settings)|cookie (settings|policy|preferences)",
    r"privacy( policy| notice)?|terms (of (use|service)|and conditions)|about us|careers|advertise( with us)?",
    r"advertisement|advertising|ads?|sponsored( content)?|promoted( content)?|paid (content|post)|partner content",
    r"story continues below( this)?( advertisement)?|article continues (below|after (this )?advertisement)",
    r"continue reading (below|the main story)|scroll (down )?to continue( reading)?|loading|image|photo|photos|video|gallery",
    r"watch|play|play video|next|previous|next (article|story)|previous (article|story)|top|close|open|expand|collapse",
    r"(click|tap) (here|to) [\w ]{1,40}|enlarge this image|toggle caption|hide caption|view (image|gallery|slideshow)",
)
# Lines starting like a credit or a caption: "Top photo credit: ...", "IMAGE: An Aerostar ...".
_CREDIT_START = re.compile(
    r"(?:(?:top|featured|header|lead|main|cover|hero) )?(?:photo|image|picture|video|graphic|illustration|cover)s?"
    r"(?: (?:credit|courtesy|source|by)s?)? ?[:\-|]\s"
    r"|(?:(?:top|featured|header|lead|main|cover|hero) )?(?:photo|image|picture|video|graphic|illustration)s? (?:credit|courtesy)s?\b"
    r"|(?:credits?|caption|pictured|source)\s*:\s|file photo\b"
    r"|(?:photo(?:graph)?|image|illustration|picture)s? (?:by|courtesy of|via)\s"
)
# A caption ending in a parenthesised credit: "Benjamin Netanyahu. (Papparazza/Shutterstock)",
# "(Official White House Photo by Daniel Torok)": an agency or photo word, or a short "A/B" pair.
_TRAILING_PAREN = re.compile(r"\(([^()]*)\)\s*$")
_CREDIT_WORDS = re.compile(
    r"\b(?:photo|image|getty|shutterstock|reuters|afp|ap|epa|alamy|istock|wikimedia|creative commons|"
    r"courtesy|credit|via|xinhua|anadolu|tass|sputnik|pool)\b",
    re.IGNORECASE,
)
_SLASHED = re.compile(r"[^\W\d_]\s?/\s?[^\W\d_]")
# Lines of links to other pages: "Read more: Iran says ...", "Related: ...".
_LINK_START = re.compile(
    r"(?:read more|read also|also read|see also|related|more|watch|listen|recommended|further reading|"
    r"don'?t miss|must read|read next|up next|latest)\s*[:|\u00bb\u203a>\-\u2013\u2014]\s"
)
# Newsletter, subscription and sign-up prompts: an imperative at the start of the line, or a short
# line about the newsletter.
_NEWSLETTER_START = re.compile(
    r"(?:subscribe|sign ?up|register|join|get|receive|enter your e-?mail)\b.*\b(?:newsletters?|updates|"
    r"e-?mails?|inbox|briefings?|round-?up|digest|alerts|mailing list|podcasts?|subscription)\b"
    r"|subscribe\b|sign up\b"
)
_NEWSLETTER_WORD = re.compile(r"\bnewsletters?\b")
_NEWSLETTER_ACTION = re.compile(r"\b(?:sign up|subscribe|inbox|e-?mail|delivered|free)\b")
_COOKIE = re.compile(
    r"\bcookies?\b.*\b(?:we use|this (?:web)?site|accept|consent|browsing|privacy|your (?:experience|browser|device))\b"
    r"|\b(?:we use|accept(?: all)?)\b.*\bcookies?\b"
)
_COPYRIGHT_START = re.compile(r"\u00a9|(?:\([cC]\)|[cC]opyright\s*(?:\u00a9|\([cC]\))?)\s*(?:19|20)\d\d")
_RESERVED = re.compile(r"\ball rights reserved\b")
# "This article reflects the personal views of the author and not necessarily..."
_DISCLAIMER = re.compile(
    r".*\b(?:this|the) (?:article|piece|op-?ed|column|commentary|post|essay|blog) (?:reflects|represents|expresses|"
    r"contains)\b.{0,40}\b(?:views?|opinions?)\b"
    r"|.*\b(?:views?|opinions?)(?: expressed)?(?: (?:here|herein|in this \w+|on this \w+))? (?:are|is) "
    r"(?:solely |strictly |entirely )?(?:those of |the )?(?:the )?(?:authors?|writers?|contributors?)\b"
    r"|.*\b(?:views|opinions) expressed\b.*\bnot necessarily\b"
    r"|.*\bauthors?'?s? own (?:views|opinions)\b|.*\b(?:are|is) the authors?'?s?'? own\b"
)
# Headings of the lists that follow an article, and teaser expanders.
_SECTION_END = _full(
    r"related|related (articles?|stories|content|coverage|posts|news|reading|topics|links|videos?)",
    r"more (stories|articles|news|from [\w'&.\- ]{1,40}|on (this|the|that) (story|topic)|in [\w'&.\- ]{1,30}|like this|to read)",
    r"most (popular|read|viewed|shared|commented|recent)( [\w ]{1,20})?|(top|trending|popular|latest|recent|featured) (stories|news|articles|posts|now|videos?|headlines)",
    r"latest|trending|popular|recommended( for you| stories| articles| reading| videos?)?|you (may|might) (also )?(like|enjoy|be interested in)",
    r"(editor'?s|editors'?|our|staff) picks?|in case you missed it|what to read next|further reading|read next|up next|around the web",
    r"from (our|the) partners?|sponsored (links|stories)|join the (conversation|discussion)|about the author|more from (the|this) author",
    r"share your (thoughts|views|story)|tags?|topics?|filed under|categories",
)
# Expanders of teasers ("keep reading", "Show less"), possibly glued together by the scrape.
_TEASER_WORDS = re.compile(
    r"(?:(?:keep|continue) reading|read (?:more|the (?:full|rest of the) (?:story|article)|full (?:story|article))"
    r"|show (?:less|more)|see more|load more|view (?:more|all)|full story|more)\b"
)
_TAGS_LINE = re.compile(r"(?:tags?|topics?|filed under|categories|keywords)\s*:")
_META = re.compile(
    r"(?:published|updated|posted|first published|last updated|date)\b(?: on)?\s*:?\s*.{0,30}\b(?:19|20)\d\d\b"
)
_BYLINE = re.compile(
    r"By\s+[A-Z][\w.'\-]+(?:\s+(?:[A-Z][\w.'\-]*|and|&|de|van|von|al|bin|der|la|le)){0,6}\s*(?:[,|].*)?"
)
_BREADCRUMB_SPLIT = re.compile(r"\s+[|\u00bb\u203a>\u00b7\u2022]\s+")
_FILE_NAME = re.compile(
    r"\S*(?:_|\d{4,})\S*|\S+\.(?:jpe?g|png|gif|webp|svg|tiff?|bmp|avif|mp4|mov)|(?:https?://|www\.)\S+",
    re.IGNORECASE,
)

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_OUTER = re.compile(r"^[\W_]+|[\W_]+$")
_SPACES = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[.!;:,\u2026](?:[\"'\u201d\u2019)\]]*)$|[.!?][\"'\u201d\u2019)\]]+$")

_PARAGRAPH_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
_CLOSERS = "\"'\u201d\u2019)]"  # the closing marks _SENTENCE_END allows after the final stop
_INNER = re.compile(r"[^\W_](?:.*[^\W_])?", re.DOTALL)  # first to last letter or digit
_CAMEL_PAIR = re.compile(r"[a-z][A-Z]")
# ASCII lower-case letters to "a", capitals to "A": a camelCase join shows as b"aA".
_LETTER_CASES = bytes.maketrans(
    (string.ascii_lowercase + string.ascii_uppercase).encode(), b"a" * 26 + b"A" * 26
)

# Screens: most lines of news are prose that no furniture pattern can match, and the patterns
# that scan a whole line are the costly ones. Each of them is tried only if the key holds a
# literal it cannot match without ("cookie" for _COOKIE; "view", "opinion" or "author" for
# _DISCLAIMER...); the first word of every teaser expander is listed for _TEASER_WORDS, whose
# match must start the line. A pattern changed or added needs its literals checked here too:
# tests/ingest/test_ingest_fast_paths.py compares screened and unscreened classification.
_TEASER_HEADS = ("keep", "continue", "read", "show", "see", "load", "view", "full", "more")
_BREADCRUMB_MARKS = re.compile(r"[|\u00bb\u203a>\u00b7\u2022]")

_LOOKAHEAD = 500  # units looked at after an end marker: teaser lists are shorter
_MAX_FURNITURE_WORDS = 60  # no furniture line is longer: longer lines are paragraphs
_LABEL_WORDS = 4
_HEAD_WORDS = 15


def _key(line: str) -> str:
    """The line normalised for the tables: camelCase split, outer punctuation trimmed, spaces
    collapsed, lower case (what ``_SPACES.sub(" ", _OUTER.sub("", _CAMEL.sub(" ", line.strip()))).lower()``
    gives, in a third of the time).

    >>> _key("  ** Keep readingShow   less >> ")
    'keep reading show less'
    """
    text = line.strip()
    if _has_camel_pair(text):
        text = _CAMEL.sub(" ", text)
    inner = _INNER.search(text)
    if inner is None:
        return ""
    text = inner.group()
    # Every whitespace character but the space is unprintable: a printable text without double
    # spaces is already collapsed.
    if "  " in text or not text.isprintable():
        text = " ".join(text.split())
    return text.lower()


def _has_camel_pair(text: str) -> bool:
    """Whether a lower-case ASCII letter is followed by a capital (``_CAMEL_PAIR.search``, for ASCII
    text by a byte translation, three times faster).

    >>> _has_camel_pair("keep readingShow less"), _has_camel_pair("Keep reading. Show less")
    (True, False)
    """
    if text.isascii():
        return b"aA" in text.encode("ascii").translate(_LETTER_CASES)
    return _CAMEL_PAIR.search(text) is not None


def _ends_sentence(text: str) -> bool:
    """``_SENTENCE_END.search(text)``, looking only at the end: the mark it needs is the last
    character before the closing quotes and brackets.

    >>> _ends_sentence('He said "no."'), _ends_sentence("Why?"), _ends_sentence('"Why?"')
    (True, False, True)
    """
    core = len(text.rstrip(_CLOSERS))
    if core == 0 or text.endswith("\n"):  # "$" also matches before a final newline
        return _SENTENCE_END.search(text) is not None
    return _SENTENCE_END.match(text, core - 1) is not None


def classify_line(line: str) -> str:
    """The kind of one line: ``noise``, ``junk``, ``credit``, ``end``, ``weak_end``, ``meta``,
    ``label``, ``head``, ``text`` or ``blank``.

    >>> classify_line("Top photo credit: lev radin / Shutterstock.com"), classify_line("keep readingShow less")
    ('credit', 'end')
    """
    return _classify(line, screen=True)


def _classify(line: str, *, screen: bool) -> str:
    """:func:`classify_line`; ``screen=False`` tries every pattern on every line (the reference
    the screens are tested against)."""
    stripped = line.strip()
    if not stripped:
        return BLANK
    if not _LETTER.search(stripped):
        # Figures are a table's rows; "|", "•", "***" are decoration.
        return LABEL if _DIGIT.search(stripped) else NOISE
    n_words = len(stripped.split())
    if n_words > _MAX_FURNITURE_WORDS:
        return TEXT
    ends_sentence = _ends_sentence if screen else _SENTENCE_END.search
    key = _key(stripped)
    if (not screen or "view" in key or "opinion" in key or "author" in key) and _DISCLAIMER.match(key):
        return END
    if (not screen or "cookie" in key) and _COOKIE.search(key):
        return JUNK
    if _CREDIT_START.match(key):
        return CREDIT  # captions run long: "IMAGE: An Aerostar ... (Photo by .../Getty Images)"
    if n_words <= 40:
        if _is_credit_tail(stripped):
            return CREDIT
        if _NEWSLETTER_START.match(key) or (
            (not screen or "newsletter" in key)
            and _NEWSLETTER_WORD.search(key)
            and (n_words <= 6 or _NEWSLETTER_ACTION.search(key))
        ):
            return WEAK_END
        if _COPYRIGHT_START.match(stripped) or ((not screen or "reserved" in key) and _RESERVED.search(key)):
            return END
    if n_words == 1 and _FILE_NAME.fullmatch(stripped):
        return CREDIT  # "Shutterstock_1315077194-scaled", "IMG_2041.jpg", a bare link
    if n_words <= 25:
        if _JUNK_LINES.fullmatch(key) or _TAGS_LINE.match(key):
            return JUNK
        if _SECTION_END.fullmatch(key) or (
            (not screen or key.startswith(_TEASER_HEADS)) and not _TEASER_WORDS.sub("", key).strip()
        ):
            return END
        if _LINK_START.match(key):
            return JUNK
        if _META.match(key) and n_words <= 12:
            return META
        if _BYLINE.fullmatch(stripped) and n_words <= 8 and not ends_sentence(stripped):
            return JUNK
        if (not screen or _BREADCRUMB_MARKS.search(stripped)) and _is_breadcrumb(stripped, ends_sentence):
            return CREDIT
    if ends_sentence(stripped):
        return TEXT
    if n_words <= _LABEL_WORDS:
        return LABEL
    if n_words <= _HEAD_WORDS:
        return HEAD
    return TEXT


def _is_credit_tail(line: str) -> bool:
    match = _TRAILING_PAREN.search(line)
    if not match:
        return False
    inner = match.group(1)
    return bool(_CREDIT_WORDS.search(inner)) or (len(inner.split()) <= 6 and bool(_SLASHED.search(inner)))


def _is_breadcrumb(line: str, ends_sentence: Callable[[str], object] = _ends_sentence) -> bool:
    """ "Analysis | Middle East", "Home > World > Europe": short labels joined by separators."""
    parts = _BREADCRUMB_SPLIT.split(line)
    if not 2 <= len(parts) <= 6:
        return False
    return all(0 < len(part.split()) <= 4 and not ends_sentence(part) for part in parts)


def _neighbours(kinds: Sequence[str], index: int) -> tuple[int | None, int | None]:
    """Indices of the nearest non-blank lines before and after ``index``."""
    before = index - 1
    while before >= 0 and kinds[before] == BLANK:
        before -= 1
    after = index + 1
    while after < len(kinds) and kinds[after] == BLANK:
        after += 1
    return (before if before >= 0 else None), (after if after < len(kinds) else None)


def _looks_like_teasers(kinds: Sequence[str], start: int, *, weak: bool) -> bool:
    """Whether the lines from ``start`` to the next end marker (after some text) are teasers.

    Titles and labels count one, credits and captions two (they head teasers); a strong marker
    cuts on a tie, a weak one (a newsletter prompt, often boxed inside an article) needs more.
    """
    text = other = 0
    for kind in kinds[start : start + _LOOKAHEAD]:
        if kind in (END, WEAK_END):
            if text:
                break
            continue
        if kind == TEXT:
            text += 1
        elif kind == CREDIT:
            other += 2
        elif kind in (JUNK, LABEL, HEAD):
            other += 1
    if text == 0:
        return True
    return other > text if weak else other >= text


def _teaser_start(kinds: Sequence[str], marker: int) -> int:
    """Where the teaser closed by a "keep reading" marker begins, or ``marker`` if unsure.

    Going up: at most four paragraphs, then a block of titles, labels and credits that
    contains a credit or a caption (the teaser's picture).
    """
    index = marker - 1
    paragraphs = 0
    while index >= 0 and kinds[index] in (TEXT, BLANK):
        paragraphs += kinds[index] == TEXT
        index -= 1
    if paragraphs > 4 or index < 0:
        return marker
    header_start, has_credit = index + 1, False
    while index >= 0 and kinds[index] in (CREDIT, JUNK, LABEL, HEAD, BLANK):
        has_credit = has_credit or kinds[index] == CREDIT
        if kinds[index] != BLANK:
            header_start = index
        index -= 1
    return header_start if has_credit else marker


def _cut_point(lines: Sequence[str], kinds: Sequence[str]) -> int:
    """Index of the first unit of the trailing teasers, or ``len(lines)`` if there are none."""
    seen_text = False
    for index, kind in enumerate(kinds):
        if kind == TEXT:
            seen_text = True
        elif (
            kind in (END, WEAK_END)
            and seen_text
            and _looks_like_teasers(kinds, index + 1, weak=kind == WEAK_END)
        ):
            if _TEASER_WORDS.match(_key(lines[index])):
                return min(index, _teaser_start(kinds, index))
            return index
    return len(lines)


def _keep_mask(kinds: Sequence[str]) -> list[bool]:
    """Which lines survive: no furniture; labels and titles only next to a paragraph."""
    keep = [kind not in _DROPPED_ALWAYS and kind != BLANK for kind in kinds]
    if TEXT not in kinds:
        return keep  # a few title-like lines and nothing else: nothing to judge them against
    # The headline: the last title-like line above the first paragraph, wherever it sits.
    first_text = kinds.index(TEXT)
    headline = max((i for i in range(first_text) if kinds[i] == HEAD), default=None)

    # A label or title with no paragraph next to it, but furniture, goes; dropping one exposes
    # its neighbours (a list of headlines), so they are looked at again.
    def exposed(index: int) -> bool:
        sides = [side for side in _neighbours(kinds, index) if side is not None]
        if any(kinds[side] == TEXT for side in sides):
            return False
        return any(not keep[side] and kinds[side] not in _NEUTRAL for side in sides)

    pending = deque(range(len(kinds)))
    while pending:
        index = pending.popleft()
        if keep[index] and kinds[index] in (LABEL, HEAD) and index != headline and exposed(index):
            keep[index] = False
            pending.extend(side for side in _neighbours(kinds, index) if side is not None)
    return keep


_CONTINUES = re.compile(
    r"(?:[,\-\u2010(]|\b(?:the|a|an|of|to|in|on|and|or|for|with|by|at|from|that|as|its|their|his|her))$"
)


def _is_wrapped(block: Sequence[str]) -> bool:
    """Whether a block of lines is one hard-wrapped paragraph (lines of a fixed width that run on)."""
    if len(block) < 2:
        return False
    widths = [len(line.rstrip()) for line in block[:-1]]
    widest = max(widths)
    if not 40 <= widest <= 100 or sum(w >= widest - 20 for w in widths) < 0.6 * len(widths):
        return False
    runs_on = sum(
        1
        for line, following in zip(block, block[1:], strict=False)
        if _CONTINUES.search(line.rstrip()) or following.lstrip()[:1].islower()
    )
    return runs_on >= 0.5 * (len(block) - 1)


def _units(lines: Sequence[str], line_kinds: Sequence[str]) -> tuple[list[list[str]], list[str]]:
    """The lines (of the kinds given) as units with their kinds: one line each, except
    hard-wrapped paragraphs.

    Furniture lines are units of their own, so "Advertisement" above a wrapped paragraph
    neither hides the wrapping nor joins the paragraph.
    """
    units: list[list[str]] = []
    kinds: list[str] = []
    run: list[str] = []
    run_kinds: list[str] = []

    def flush() -> None:
        if _is_wrapped(run):
            units.append(list(run))
            kinds.append(classify_line(" ".join(line.strip() for line in run)))
        else:
            units.extend([line] for line in run)
            kinds.extend(run_kinds)
        run.clear()
        run_kinds.clear()

    for line, kind in zip(lines, line_kinds, strict=True):
        if kind == BLANK and kinds and kinds[-1] == BLANK and not run:
            continue  # one blank unit stands for a run of blank lines
        if kind in _DROPPED_ALWAYS or kind in _NEUTRAL or kind == BLANK:
            flush()
            units.append([line])
            kinds.append(kind)
        else:
            run.append(line)
            run_kinds.append(kind)
    flush()
    return units, kinds


def strip_boilerplate(text: str) -> str:
    """Remove web furniture and trailing teasers from scraped plain text.

    Paragraphs come back separated by one blank line; kept lines are only right-stripped.

    >>> strip_boilerplate("Share this article\\n\\nIran and Iraq signed a pact.\\n\\nAdvertisement\\n\\nIt was signed in Baghdad.")
    'Iran and Iraq signed a pact.\\n\\nIt was signed in Baghdad.'
    """
    lines = text.split("\n")
    kinds = [classify_line(line) for line in lines]
    if _is_plain(kinds):
        # Paragraphs of one line between blank lines, and nothing else (most news files):
        # nothing to join, cut or drop, so each line is a paragraph.
        return "\n\n".join(line.rstrip() for line, kind in zip(lines, kinds, strict=True) if kind == TEXT)
    return _strip(lines, kinds)


def _is_plain(kinds: Sequence[str]) -> bool:
    """Whether every line is a paragraph or blank, and no two paragraph lines touch."""
    previous = BLANK
    for kind in kinds:
        if kind == TEXT:
            if previous == TEXT:
                return False
        elif kind != BLANK:
            return False
        previous = kind
    return True


def _strip(lines: Sequence[str], line_kinds: Sequence[str]) -> str:
    """:func:`strip_boilerplate` on lines of the kinds given, every step taken."""
    units, kinds = _units(lines, line_kinds)
    cut = _cut_point([unit[0] for unit in units], kinds)
    units, kinds = units[:cut], kinds[:cut]
    keep = _keep_mask(kinds)
    paragraphs: list[list[str]] = []
    current: list[str] = []
    kept = [i for i, k in enumerate(keep) if k]
    for position, index in enumerate(kept):
        current.extend(line.rstrip() for line in units[index])
        following = kept[position + 1] if position + 1 < len(kept) else None
        if following is None or following != index + 1 or _ends_paragraph(units, kinds, index, following):
            paragraphs.append(current)
            current = []
    return "\n\n".join("\n".join(paragraph) for paragraph in paragraphs)


def _ends_paragraph(units: Sequence[Sequence[str]], kinds: Sequence[str], index: int, following: int) -> bool:
    """Whether two adjacent kept units belong to different paragraphs.

    Scrapes often put one paragraph per line: a sentence end, a "Published" line, or a title
    followed by a paragraph closes a paragraph; table rows and wrapped lines stay together.
    """
    kind = kinds[index]
    if kind == META:
        return True
    if kind == TEXT:
        return bool(_PARAGRAPH_END.search(units[index][-1].rstrip()))
    return kind in (HEAD, LABEL) and kinds[following] == TEXT
