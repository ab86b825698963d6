"""Bytes to text: pick the encoding, refuse binary files and undecodable garbage.

The order is fixed and cheap: byte-order marks first (UTF-8, UTF-32, UTF-16), then known binary
signatures, then NUL and control-character counts, then strict UTF-8, then cp1252, then latin-1
(which never fails). The result has ``\\n`` newlines and no NUL characters.
"""

from __future__ import annotations

import codecs
import re

from realpolitik.errors import InputRejected

__all__ = ["decode_bytes", "sniff_binary"]

# Signatures of formats people feed to text tools by mistake, checked at offset 0.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x1f\x8b", "GZIP archive"),
    (b"BZh91AY&SY", "BZIP2 archive"),
    (b"\xfd7zXZ\x00", "XZ archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "Zstandard archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document (old Microsoft Office)"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ\x90\x00", "Windows executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"\x00asm", "WebAssembly module"),
    (b"\x1a\x45\xdf\xa3", "Matroska/WebM video"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
)

# Bytes below 0x20 that never occur in text, plus DEL. Tab, LF, VT, FF, CR and ESC are allowed.
_CONTROL = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B)) + b"\x7f"
_CONTROL_SHARE = 0.05  # random bytes have ~11 %; text has none
_NUL_SHARE = 0.001  # a stray NUL is stripped, a NUL-laden file is binary
_SAMPLE = 1 << 16  # bytes looked at for UTF-16 sniffing
_CHECKED_CHARS = 200_000  # characters looked at for the garbage check: enough to judge, cheap

_MAGIC_PREFIXES = tuple(magic for magic, _ in _MAGIC)

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_WORD_CHAR = re.compile(r"[^\W_]")  # letters and digits: a table of figures is not garbage
_VISIBLE = re.compile(r"\S")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# The same two classes over ASCII bytes, for bytes.translate (re's \s is str.isspace, [^\W_] str.isalnum).
_ASCII_SPACE = bytes(b for b in range(128) if chr(b).isspace())
_ASCII_NOT_WORD = bytes(b for b in range(128) if not chr(b).isalnum())


def sniff_binary(raw: bytes) -> str | None:
    """The kind of binary content ``raw`` starts with ("PNG image"...), or None if it may be text.

    >>> sniff_binary(b"\\x89PNG\\r\\n\\x1a\\n....")
    'PNG image'
    """
    if raw.startswith(_MAGIC_PREFIXES):
        for magic, kind in _MAGIC:
            if raw.startswith(magic):
                return kind
    # RIFF containers (WAV, AVI, WEBP) and ISO media (MP4, MOV) carry the type a few bytes in.
    if raw[:4] == b"RIFF" and raw[8:12] in (b"WAVE", b"AVI ", b"WEBP"):
        return {b"WAVE": "WAV audio", b"AVI ": "AVI video", b"WEBP": "WEBP image"}[raw[8:12]]
    if raw[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    if raw[:3] == b"ID3" and raw[3:4] in (b"\x02", b"\x03", b"\x04"):
        return "MP3 audio"
    return None


def _utf16_without_bom(raw: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when every other byte is NUL (ASCII-range UTF-16), else None."""
    sample = raw[:_SAMPLE]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul > 0.9 and even_nul < 0.1:
        return "utf-16-le"
    if even_nul > 0.9 and odd_nul < 0.1:
        return "utf-16-be"
    return None


def _decode_unmarked(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Mostly valid UTF-8 with a few broken bytes (a truncated or spliced file) is still UTF-8:
    # reading it as cp1252 would turn every accented letter into mojibake.
    lenient = raw.decode("utf-8", errors="replace")
    broken = lenient.count("\ufffd")
    non_ascii = len(lenient) - len(lenient.encode("ascii", errors="ignore"))
    # Legacy-encoded text almost never forms valid multi-byte sequences by chance.
    if broken * 2 <= non_ascii - broken:
        return lenient
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte.
        return raw.decode("latin-1")


def _reject(reason: str, origin: str) -> InputRejected:
    return InputRejected(reason, source=origin or None)


def decode_bytes(raw: bytes, *, origin: str = "") -> str:
    """Decode a file's bytes to text with ``\\n`` newlines, or raise :class:`InputRejected`.

    Binary content (known signatures, NUL bytes outside UTF-16, many control characters) and
    text that decodes to mostly symbols or replacement characters are rejected with a short reason.

    >>> decode_bytes("Caf\\u00e9\\r\\nno\\u00ebl".encode("cp1252"))
    'Café\\nnoël'
    """
    text: str | None = None
    if raw.startswith(codecs.BOM_UTF8):
        text = raw[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    elif raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        text = raw.decode("utf-32", errors="replace")
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = raw.decode("utf-16", errors="replace")
    else:
        kind = sniff_binary(raw)
        if kind:
            raise _reject(f"binary content ({kind})", origin)
        utf16 = _utf16_without_bom(raw)
        if utf16:
            text = raw.decode(utf16, errors="replace")
        else:
            nul = raw.count(0)
            if nul > 2 and nul > len(raw) * _NUL_SHARE:
                raise _reject("binary content (NUL bytes)", origin)
            controls = len(raw) - len(raw.translate(None, _CONTROL)) - nul
            if controls > len(raw) * _CONTROL_SHARE:
                raise _reject("binary content (control characters)", origin)
            text = _decode_unmarked(raw)
    text = text.replace("\x00", "")
    if "\r" in text or not text.isascii():
        text = _NEWLINES.sub("\n", text)
    _check_readable(text, origin)
    return text


def _check_readable(text: str, origin: str) -> None:
    """Refuse text that decoded but is not text: replacement characters, or symbols more than
    letters and digits."""
    text = text[:_CHECKED_CHARS]
    visible, word_chars = _visible_and_word_chars(text)
    if not visible:
        return  # blank text is the gate's "no article text", not garbage
    if text.count("\ufffd") > max(3, visible * 0.02):
        raise _reject("garbage content (undecodable characters)", origin)
    if word_chars < visible * 0.5:
        raise _reject("garbage content (mostly symbols)", origin)


def _visible_and_word_chars(text: str) -> tuple[int, int]:
    """How many characters of ``text`` match ``\\S`` and ``[^\\W_]``: ASCII ones counted by
    ``bytes.translate``, the rest (usually a few quotes and accents) by the regexes.

    >>> _visible_and_word_chars("Caf\u00e9 \u2014 12 %\\n")
    (8, 6)
    """
    if text.isascii():
        ascii_bytes, others = text.encode("ascii"), ""
    else:
        ascii_bytes, others = text.encode("ascii", errors="ignore"), "".join(_NON_ASCII.findall(text))
    visible = len(ascii_bytes.translate(None, _ASCII_SPACE))
    word_chars = len(ascii_bytes.translate(None, _ASCII_NOT_WORD))
    if others:
        visible += len(_VISIBLE.findall(others))
        word_chars += len(_WORD_CHAR.findall(others))
    return visible, word_chars
