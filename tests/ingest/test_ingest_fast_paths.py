"""The gate's fast paths give what the plain regular expressions give, on real text.

Each fast path (screens before costly patterns, byte translations for ASCII text, a sized read)
is compared with the straightforward computation it replaces: the classification with every
pattern tried, ``findall`` counts, ``PurePosixPath.suffix``, ``read(limit)``. The texts are the
shared seeds, the dev-wikinews articles, the repository's examples, every 40th Reuters-21578
document when the corpus is there, and lines of web furniture written for this module.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pytest

from realpolitik.errors import InputRejected
from realpolitik.ingest import boilerplate, decode, gate, language, sources
from realpolitik.ingest.decode import decode_bytes

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"  # beside the repository
REPO = Path(__file__).resolve().parents[2]


def _real_files() -> list[Path]:
    files = sorted((CORPUS / "seeds").glob("*.txt")) + sorted((CORPUS / "dev-wikinews").glob("*.txt"))
    files += sorted((REPO / "examples").glob("*.txt"))
    files += sorted((CORPUS / "reuters21578" / "docs").glob("*.txt"))[::40]
    return files


@pytest.fixture(scope="module")
def texts() -> list[str]:
    found = []
    for path in _real_files():
        try:
            found.append(decode_bytes(path.read_bytes(), origin=str(path)))
        except InputRejected:
            continue
    if len(found) < 10:
        pytest.skip(f"the shared corpus is not in {CORPUS}")
    return found


# Web furniture of every kind the screens guard, and prose that mentions the same words.
FURNITURE = [
    "This article reflects the personal views of the author and not necessarily those of the site.",
    "The views expressed in this article are those of the author.",
    "Opinions expressed here are the writer's own.",
    "These remarks are the author's own.",
    "The opinions expressed are the author's own and not necessarily those of Reuters.",
    "We use cookies to give you the best experience on our website.",
    "By continuing to browse you accept our cookie policy.",
    "Sign up for our newsletter",
    "Our free newsletter, delivered to your inbox every morning",
    "Newsletter",
    "\u00a9 2024 World News Ltd. All rights reserved.",
    "All rights reserved.",
    "keep readingShow less",
    "Keep reading",
    "Read more",
    "Show more   ",
    "View all",
    "Continue reading the main story",
    "Analysis | Middle East",
    "Home > World > Europe",
    "News \u00bb Politics \u00bb Europe",
    "Top photo credit: lev radin / Shutterstock.com",
    "Prime Minister Benjamin Netanyahu. (Papparazza/Shutterstock)",
    "IMG_20201001_123456.jpg",
    "Related Articles",
    "READ MORE: Kremlin rejects German accusations",
    "Published 12 May 2019",
    "By Jane Doe",
    "Share on Facebook",
    "Tags: Iran, Israel",
    "   ",
    "* * *",
    "12 | 14 | 16",
    "The newsletter Intelligence Online reported that France sold radars to Egypt.",
    "In an interview, the author of the report said the views of Tehran had not changed.",
    "The cookie industry lobbied for the reserved seats, he said.",
    "Readers may review the author\u2019s opinion piece on the Iran deal \u201cin full.\u201d",
    "More than 300 people were killed, the ministry said.\u201d)",
    "Why?",
    '"Why?"',
    "ProfileOfTheWeek: Iran\u2019s envoy",
    "\tTabbed\tline\twith\u00a0odd\u2003spaces.",
]


def _lines(texts: list[str]) -> Iterator[str]:
    for text in texts:
        yield from text.split("\n")
    yield from FURNITURE


def test_screened_classification_agrees_with_trying_every_pattern(texts: list[str]) -> None:
    kinds: Counter[str] = Counter()
    for line in _lines(texts):
        kind = boilerplate.classify_line(line)
        assert kind == boilerplate._classify(line, screen=False), line
        kinds[kind] += 1
    # The comparison saw furniture, not only prose.
    assert {"text", "end", "weak_end", "junk", "credit", "meta", "label", "head", "blank"} <= set(kinds)


def test_strip_boilerplate_is_the_same_with_and_without_screens(
    texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    screened = [boilerplate.strip_boilerplate(text) for text in texts]
    monkeypatch.setattr(boilerplate, "classify_line", lambda line: boilerplate._classify(line, screen=False))
    assert [boilerplate.strip_boilerplate(text) for text in texts] == screened


def test_plain_texts_come_out_as_every_step_would_give_them(texts: list[str]) -> None:
    plain = 0
    # Paragraph lines that touch: one paragraph when the first does not end a sentence.
    touching = ["Iran and Iraq met on Monday,\nand signed a pact in Baghdad.", "One.\nTwo."]
    wrapped = (
        "Azerbaijan and Israel have maintained close ties since the early 1990s, when,\n"
        "after independence, Baku began to buy drones, radars and missiles from Israeli\n"
        "firms, while Israel imported oil through the Baku-Tbilisi-Ceyhan pipeline.\n"
    )
    edges = [*touching, wrapped, "\n\nOne.\n\n\n\nTwo.  \n", "Title\n\nOne.", ""]
    for text in [*texts, *edges]:
        lines = text.split("\n")
        kinds = [boilerplate.classify_line(line) for line in lines]
        assert boilerplate.strip_boilerplate(text) == boilerplate._strip(lines, kinds)
        plain += boilerplate._is_plain(kinds)
    assert 0 < plain < len(texts)  # both paths were taken


def _key_by_regex(line: str) -> str:
    camel_split = boilerplate._CAMEL.sub(" ", line.strip())
    return boilerplate._SPACES.sub(" ", boilerplate._OUTER.sub("", camel_split)).lower()


def test_key_is_its_regex_definition(texts: list[str]) -> None:
    extra = ["--Keep readingShow less--", "\u00a0\u00a0Caf\u00e9\u2003 au\tlait\u2026", "***", "_x_", "aB",
             "\u00e9A"]
    for line in [*_lines(texts), *extra]:
        assert boilerplate._key(line) == _key_by_regex(line), line


def test_sentence_end_and_camel_checks_are_their_regexes(texts: list[str]) -> None:
    extra = ["Why?", '"Why?"', "Yes.\n", "No.)\n", "end." + "'" * 20, "?)", ")", "", "\u2026",
             "a,", "x;]"]
    for line in [*_lines(texts), *extra]:
        stripped = line.strip()
        assert boilerplate._ends_sentence(stripped) == bool(boilerplate._SENTENCE_END.search(stripped)), line
        assert boilerplate._ends_sentence(line) == bool(boilerplate._SENTENCE_END.search(line)), line
        assert boilerplate._has_camel_pair(line) == bool(boilerplate._CAMEL_PAIR.search(line)), line


def test_visible_and_word_counts_are_the_regex_counts(texts: list[str]) -> None:
    extra = [
        "\u041c\u043e\u0441\u043a\u0432\u0430 \u0438 \u041a\u0438\u0435\u0432",  # Cyrillic
        "\u0623\u0639\u0644\u0646\u062a \u0648\u0632\u0627\u0631\u0629",  # Arabic
        "\u00a0\u2003\u3000 \t\x0b\x0c\x1c\x1d\x1e\x1f",  # spaces of every kind, nothing visible
        "\u00b2\u00bd \u2460 \u0663 _ __ \ufffd\ufffd",  # numerals that are not digits, underscores
        "\u2022 \u2014 \u00a9 | * #",
    ]
    for text in [*texts, *extra]:
        expected = (len(decode._VISIBLE.findall(text)), len(decode._WORD_CHAR.findall(text)))
        assert decode._visible_and_word_chars(text) == expected, text[:60]


def test_newline_fast_path_leaves_text_as_the_regex_would() -> None:
    for raw in (
        "Iran\r\nIraq\rSyria\u2028Turkey\u2029Oman\x85Qatar".encode(),
        b"plain ascii\nno carriage returns\n",
        "caf\u00e9\nna\u00efve".encode(),
    ):
        expected = decode._NEWLINES.sub("\n", raw.decode("utf-8"))
        assert decode_bytes(raw) == expected


def _is_english_by_findall(text: str) -> bool:
    """The vote as first written: regex words, one count per language (the reference)."""
    words = re.findall(r"[^\W\d_]+", text[:4800].lower())[:400]
    if not words:
        return False
    letters = sum(len(w) for w in words)
    latin = len(re.findall(r"[A-Za-z\u00c0-\u024f]", " ".join(words)))
    if latin < letters * 0.5:
        return False
    english = sum(1 for w in words if w in language._ENGLISH)
    foreign = max(sum(1 for w in words if w in vocab) for vocab in language._OTHERS.values())
    if foreign >= 3 and foreign > 1.5 * english:
        return False
    if len(words) >= 12 and english < 0.05 * len(words):
        accented = sum(1 for w in words if re.search(r"[\u00c0-\u024f]", w))
        if accented > 0.1 * len(words):
            return False
    return True


FOREIGN = [
    "Le pr\u00e9sident fran\u00e7ais a rencontr\u00e9 jeudi son homologue allemand \u00e0 Berlin.",
    "Die Bundesregierung hat am Mittwoch zwei russische Diplomaten ausgewiesen, nachdem die Beweise vorlagen.",
    "El gobierno de Espa\u00f1a anunci\u00f3 el lunes que enviar\u00e1 m\u00e1s tropas a Letonia.",
    "Rz\u0105d Polski og\u0142osi\u0142 w \u015brod\u0119 budow\u0119 zapory na granicy z "
    "Bia\u0142orusi\u0105, po tym jak tysi\u0105ce migrant\u00f3w.",
    "\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0438\u043d\u043e\u0441\u0442\u0440\u0430\u043d\u043d\u044b\u0445 "
    "\u0434\u0435\u043b \u0420\u043e\u0441\u0441\u0438\u0438",
    "De regering heeft het voorstel van de minister niet gesteund, maar de Kamer is er voor. " * 60,
]


def test_language_vote_agrees_with_the_reference(texts: list[str]) -> None:
    samples = [*texts, *FOREIGN]
    samples += [text[:300] for text in texts] + [text[-500:] for text in texts]
    samples += [text * 8 for text in texts[:20]]
    decisions = Counter()
    for text in samples:
        decision = language.is_english(text)
        assert decision == _is_english_by_findall(text), text[:80]
        decisions[decision] += 1
    assert decisions[True] and decisions[False]


def test_words_are_the_regex_words(texts: list[str]) -> None:
    for text in [*texts, *FOREIGN, "u.s. trade, 2024's o'neill_x"]:
        sample = text[:4800].lower()
        assert language._words(sample) == language._WORD.findall(sample)


@pytest.mark.parametrize(
    "origin",
    [
        "a.txt", "A.TXT", "news/Article.HTML", "a/b/", "a/.", "a/..", ".bashrc", "..a", "a.", "a..b",
        "x/y.tar.gz", "dir.d/file", "C:\\x\\y.HTM", "", ".", "..", "/", "...", "a/...", ".a.b", "a//b.txt",
        "a/b.txt/", "a/b.txt/.", "https://x.org/a/b.html?q=1#f", "https://x.org/", "https://x.org",
        "http://x/y/.", "/work/shared/corpus/reuters21578/docs/reut-00001.txt",
    ],
)
def test_suffix_is_the_pathlib_suffix(origin: str) -> None:
    path = urlsplit(origin).path if "://" in origin else origin
    assert gate._suffix(origin) == PurePosixPath(path.replace("\\", "/")).suffix.lower()


@pytest.mark.parametrize("size", [0, 5, 99, 100, 101, 250])
@pytest.mark.parametrize("limit", [1, 50, 100, 101, 1000])
def test_sized_read_is_read_of_the_limit(size: int, limit: int) -> None:
    # 250 bytes, whatever size the file had when it was opened (it may have grown since).
    content = bytes(range(200)) + b"x" * 50
    expected = io.BytesIO(content).read(limit)
    assert sources._read_at_most(io.BytesIO(content), limit, size) == expected


def test_sized_read_of_real_files(tmp_path: Path) -> None:
    for n in (0, 1, 4096, 70_000):
        path = tmp_path / f"f{n}.txt"
        path.write_bytes(b"a" * n)
        with path.open("rb") as handle:
            assert sources._read_at_most(handle, 5000 + 1, path.stat().st_size) == b"a" * min(n, 5001)
