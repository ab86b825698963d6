from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.errors import UsageError
from realpolitik.ingest.meta import load_meta, normalise_date

WIKINEWS_META = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev-wikinews" / "meta.jsonl"


def test_load_meta_keys_by_id_and_normalises_dates(tmp_path: Path) -> None:
    path = tmp_path / "meta.jsonl"
    path.write_text(
        '{"id": "a", "published": "2019-01-23T10:00:00Z", "url": "https://example.org/a", "title": "A"}\n'
        "\n"
        '{"id": "b", "published": "January 2020", "extra": 1}\n'
        '{"id": "c"}\n',
        encoding="utf-8",
    )
    meta = load_meta(path)
    assert meta["a"] == {"id": "a", "published": "2019-01-23", "url": "https://example.org/a", "title": "A"}
    assert meta["b"]["published"] == "2020-01" and meta["b"]["extra"] == 1
    assert meta["c"] == {"id": "c"}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "a", "published": }', r":2: not valid JSON"),
        ('{"published": "2019-01-01"}', r':2: missing or empty "id"'),
        ('["a"]', r":2: expected a JSON object"),
        ('{"id": "x", "published": "someday"}', r':2: "published" is not a date'),
        ('{"id": "x", "url": 3}', r':2: "url" must be a string'),
        ('{"id": "ok"}', r":2: id 'ok' already given on line 1"),
    ],
)
def test_bad_lines_name_the_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "meta.jsonl"
    path.write_text('{"id": "ok"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        load_meta(path)


def test_missing_meta_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not found"):
        load_meta(tmp_path / "nope.jsonl")


def test_shared_wikinews_meta_loads() -> None:
    if not WIKINEWS_META.exists():
        pytest.skip("shared corpus not available")
    meta = load_meta(WIKINEWS_META)
    assert meta["x01_wikinews_germany_bans_iran_mahan_air"]["published"] == "2019-01-23"
    assert len(meta) == 20


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019", "2019"),
        ("2019-07", "2019-07"),
        ("2019-07-10", "2019-07-10"),
        ("Mon, 12 May 2019 10:00:00 GMT", "2019-05-12"),
    ],
)
def test_normalise_date(value: str, expected: str) -> None:
    assert normalise_date(value) == expected


@pytest.mark.parametrize("value", ["Tuesday", "2019-02-30", "2019-13", "soon"])
def test_normalise_date_refuses(value: str) -> None:
    with pytest.raises(ValueError):
        normalise_date(value)
