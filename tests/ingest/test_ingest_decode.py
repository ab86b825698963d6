from __future__ import annotations

import codecs
import random

import pytest

from realpolitik.errors import InputRejected
from realpolitik.ingest.decode import decode_bytes, sniff_binary

TEXT = "Türkiye and Greece agreed on “confidence-building measures” in the Aegean – again.\nSecond line."


@pytest.mark.parametrize(
    "raw",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
        TEXT.encode("utf-16-le"),  # no BOM: every other byte NUL
        TEXT.encode("utf-16-be"),
        TEXT.encode("cp1252"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "utf32le-bom",
        "utf16le-nobom",
        "utf16be-nobom",
        "cp1252",
    ],
)
def test_encodings_decode_to_the_same_text(raw: bytes) -> None:
    assert decode_bytes(raw) == TEXT


def test_latin1_is_the_last_resort() -> None:
    # 0x81 is undefined in cp1252, so only latin-1 reads this.
    raw = "Caf\u00e9 in Ankara, the minister said.".encode("latin-1") + b" \x81"
    assert decode_bytes(raw).startswith("Café in Ankara")


def test_mostly_utf8_with_a_broken_byte_stays_utf8() -> None:
    raw = ("Erdoğan met Mitsotakis in Athens. " * 5).encode("utf-8") + b"\xff" + " Škoda.".encode()
    text = decode_bytes(raw)
    assert "Erdoğan" in text and "Škoda" in text  # no cp1252 mojibake such as "ErdoÄŸan"


def test_newlines_are_normalised_and_nul_stripped() -> None:
    assert decode_bytes(b"Iran\r\nIraq\rSyria\x00 and Turkey") == "Iran\nIraq\nSyria and Turkey"


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(50), "ZIP archive"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"\x1f\x8b\x08\x00" + bytes(20), "GZIP archive"),
    ],
)
def test_known_binary_formats_are_named(raw: bytes, kind: str) -> None:
    with pytest.raises(InputRejected) as caught:
        decode_bytes(raw, origin="x.txt")
    assert caught.value.reason.startswith("binary content")
    assert kind in caught.value.reason
    assert caught.value.source == "x.txt"
    assert kind in (sniff_binary(raw) or "")


def test_random_bytes_are_binary() -> None:
    raw = random.Random(7).randbytes(4096)
    with pytest.raises(InputRejected, match="binary content"):
        decode_bytes(raw)


def test_nul_laden_file_is_binary() -> None:
    raw = b"Iran and Iraq\x00\x00\x00\x00 signed a deal.\x00\x00" * 20
    with pytest.raises(InputRejected, match=r"binary content \(NUL bytes\)"):
        decode_bytes(raw)


def test_control_characters_are_binary() -> None:
    raw = bytes(range(1, 9)) * 50 + b"some text"
    with pytest.raises(InputRejected, match="control characters"):
        decode_bytes(raw)


def test_garbage_after_decoding_is_rejected() -> None:
    with pytest.raises(InputRejected, match="mostly symbols"):
        decode_bytes(b"%%%% ---- #### 1234 5678 !!!! ???? //// ;;;; " * 20)


def test_blank_text_is_not_garbage() -> None:
    assert decode_bytes(b"  \n\n ") == "  \n\n "


def test_replacement_characters_are_garbage() -> None:
    raw = codecs.BOM_UTF8 + b"Iran \xff\xfe\xfd\xfc and \xc3\x28\xa0\xa1 Iraq " * 10
    with pytest.raises(InputRejected, match="undecodable characters"):
        decode_bytes(raw)


def test_a_table_of_figures_is_not_garbage() -> None:
    table = "Shr 23 cts vs 18 cts\n\nNet 509,144 vs 277,834\n\nRevs 2,258,341 vs 1,328,634\n"
    assert decode_bytes(table.encode()) == table
