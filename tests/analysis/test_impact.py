"""Impact of an event: positions before and after, and the outcomes the texts state."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.analysis import impact
from realpolitik.analysis.impact import parse_window, split_by_event
from realpolitik.errors import UsageError
from realpolitik.model import Outcome

from .conftest import rel, store_of


def test_windows_and_placement_at_each_dates_precision() -> None:
    assert parse_window("2y") == parse_window("24m")
    for bad in ("", "2", "two years", "0d", "2y!"):
        with pytest.raises(UsageError):
            parse_window(bad)
    with pytest.raises(UsageError):
        impact([], "2020-13-01")
    rels = [
        rel("a", "ARM", "armed_conflict", "AZE", "Fighting in October 2020.", date="2020-10"),
        rel("a", "ARM", "agreement", "AZE", "Truce in November 2020.", date="2020-11"),  # the event's month
        rel("a", "ARM", "agreement", "AZE", "Talks on 2020-11-10.", date="2020-11-10"),  # the day counts after
        rel("a", "ARM", "consultation", "AZE", "Talks in 2021.", date="2021"),
        rel("a", "ARM", "consultation", "AZE", "Talks in 2016.", date="2016"),  # outside a 2y window
        rel("a", "ARM", "consultation", "AZE", "Talks at some time."),
    ]
    s = split_by_event(rels, "2020-11-10", "2y")
    assert [r.date for r in s["before"]] == ["2020-10"]
    assert [r.date for r in s["after"]] == ["2020-11-10", "2021"]
    assert (s["ambiguous"], s["undated"]) == (1, 1)
    assert s["windows"] == {"before": ["2018-11-10", "2020-11-09"], "after": ["2020-11-10", "2022-11-10"]}


def test_winners_and_losers_from_structure_and_from_the_texts(tmp_path: Path) -> None:
    war = "Azerbaijan and Armenia went to war in September 2020."
    truce = "Armenia signed a truce with Azerbaijan in December 2020."
    iran = "Iran and Azerbaijan were partners in 2019."
    cold = "Iran criticised Azerbaijan in 2021."
    won = "Azerbaijan emerged victorious."
    harm = "The truce is detrimental to Iran's interests."
    store = store_of(tmp_path / "s.db", {
        "before": ("2020-10-01", [rel("before", "AZE", "armed_conflict", "ARM", war, date="2020-09"),
                                  rel("before", "IRN", "alignment", "AZE", iran, date="2019")], []),
        "after": ("2021-01-15", [rel("after", "ARM", "agreement", "AZE", truce, date="2020-12"),
                                 rel("after", "IRN", "criticism", "AZE", cold, date="2021")],
                  [Outcome("after", "AZE", 1, won, (0, 0), "2021-01-15"),
                   Outcome("after", "IRN", -1, harm, (0, 0), "2021-01-15")]),
        "old": ("2015-01-01", [], [Outcome("old", "ARM", 1, "Armenia emerged victorious.", (0, 0), "2015-01-01")]),
    })
    with store:
        r = impact(store, "2020-11-10", window="1y")
    rows = {a["actor"]: a for a in r["actors"]}
    assert r["winners"] == ["AZE", "ARM"] and r["losers"] == ["IRN"]
    assert (rows["AZE"]["verdict"], rows["AZE"]["basis"], rows["AZE"]["stated_polarity"]) == ("winner", "stated", 1)
    # ARM: war (-10) before, truce (+5) after: +15, from the structure; the 2015 outcome is outside the window
    assert (rows["ARM"]["basis"], rows["ARM"]["change"], rows["ARM"]["stated"]) == ("structure", 15.0, [])
    assert rows["IRN"]["ties"] == {"before": {"positive": 4.0, "negative": 0.0}, "after": {"positive": 0.0, "negative": 3.0}}
    assert rows["IRN"]["stated"][0]["evidence"] == harm
    assert r["relations"] == {"before": 2, "after": 2, "ambiguous": 0, "undated": 0}


def test_silence_after_an_event_is_not_a_loss() -> None:
    rels = [rel("a", "TUR", "aid", "HAMAS", "Turkey financed Hamas in 2018.", date="2018-12"),
            rel("b", "ISR", "trade", "TUR", "Israel and Turkey traded in 2021.", date="2021")]
    rows = {a["actor"]: a for a in impact(rels, "2020-11-10")["actors"]}
    assert rows["HAMAS"]["verdict"] == "unknown" and "after" in rows["HAMAS"]["basis"]
    assert rows["ISR"]["verdict"] == "unknown" and "before" in rows["ISR"]["basis"]
    assert rows["TUR"]["verdict"] == "loser" and rows["TUR"]["change"] == -2.0
    assert rows["TUR"]["dependencies"]["lost"] == [{"supplier": "TUR", "dependent": "HAMAS", "good": "aid", "share": None}]
