from __future__ import annotations

import pytest

from realpolitik.ingest.dateline import find_dateline_date


@pytest.mark.parametrize(
    ("text", "year_hint", "expected"),
    [
        ("WASHINGTON, March 24 (Reuters) - The United States imposed sanctions", 2021, "2021-03-24"),
        ("BAKU, Azerbaijan \u2014 Oct. 1, 2020: Azerbaijan said its forces advanced", None, "2020-10-01"),
        ("March 3, 2021 \u2014 Ethnic Azerbaijanis in Iran protested", None, "2021-03-03"),
        ("Published 12 May 2019\n\nIran said it would stop complying", None, "2019-05-12"),
        ("Published 12 May 2019 10:32 BST\n\nIran said", None, "2019-05-12"),
        ("LONDON, 12 May (Reuters) - Britain said", 2019, "2019-05-12"),
        ("SALVADOR, Feb 26 - Showers continued throughout the week", 1987, "1987-02-26"),
        ("May 2019 \u2014 A month of tension in the Gulf", None, "2019-05"),
        ("Sept. 11, 2001 - The attacks", None, "2001-09-11"),
        ("2021-03-04 \u2014 Talks resumed", None, "2021-03-04"),
        ("Israel and Azerbaijan deepen ties\n\nUpdated: Monday, March 1, 2021\n\nText", None, "2021-03-01"),
        ("Posted on 3rd June 2020 | by a correspondent", None, "2020-06-03"),
        ("By Jane Doe | Published 12 May 2019\nText", None, "2019-05-12"),
        ("By Jane Doe and John Roe, March 3, 2021\nText", None, "2021-03-03"),
    ],
)
def test_datelines(text: str, year_hint: int | None, expected: str) -> None:
    assert find_dateline_date(text, year_hint=year_hint) == expected


@pytest.mark.parametrize(
    ("text", "year_hint"),
    [
        ("WASHINGTON, March 24 (Reuters) - no year and no hint", None),
        ("The war began on March 3, 2021 when Azerbaijan attacked.", None),  # an event, not a dateline
        ("March 3, 2021 was the day the talks collapsed.", None),
        ("SALVADOR, Feb 29 - not a leap year", 1987),
        ("NEW YORK, April 31, 2020 - no such day", None),
        ("x" * 250 + "\nMarch 3, 2021 \u2014 too far into the text", None),
    ],
)
def test_no_dateline(text: str, year_hint: int | None) -> None:
    assert find_dateline_date(text, year_hint=year_hint) is None
