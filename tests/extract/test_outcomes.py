"""Outcome statements: the cues of data/outcomes.jsonl over real sentences, and their place in
the pipeline (stored with the document, never emitted as relation records)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import realpolitik
from realpolitik.errors import DataError
from realpolitik.extract.outcomes import load_cues, parse_cues
from realpolitik.model import Document


def outcomes(text: str, date: str | None = None) -> list[tuple[str, int]]:
    ex = realpolitik.extract_document(Document("t", text, date=date))
    return [(o.actor, o.polarity) for o in ex.outcomes]


@pytest.mark.parametrize(("text", "expected"), [
    # winners: subject, possessor (name or adjective), object, after a colon
    ("On the face of it, Israel is a winner in such an outcome.", [("ISR", 1)]),
    ("Azerbaijan emerged from the conflict reclaiming the majority of its territory.", [("AZE", 1)]),
    ("Peacekeepers secure the new status quo that cements Azerbaijani gains.", [("AZE", 1)]),
    ("Turkey celebrated Azerbaijan's victory in the Karabakh war.", [("AZE", 1)]),
    ("There is a second and more remote beneficiary of this conflict: Israel.", [("ISR", 1)]),
    ("The deal was a boon for Egypt.", [("EGY", 1)]),
    # losers
    ("One point of the truce agreement is detrimental to Iran's interests.", [("IRN", -1)]),
    ("Armenia suffered a humiliating defeat in the autumn war.", [("ARM", -1)]),
    ("The war exposed Russia's weakness in the region.", [("RUS", -1)]),
    ("The Iranian regime emerged weakened from the crisis.", [("IRN", -1)]),
    # both sides of one sentence
    ("Azerbaijan's victory over Armenia reshaped the Caucasus.", [("AZE", 1), ("ARM", -1)]),
    # "its" stands for the last actor named before it
    ("Iran's plans were ignored, which exposed its isolation.", [("IRN", -1)]),
])
def test_cues_find_gains_and_losses(text: str, expected: list[tuple[str, int]]) -> None:
    assert outcomes(text) == expected


@pytest.mark.parametrize("text", [
    "If Armenia loses, Iran is the winner.",                       # a condition before the cue
    "Azerbaijani victory would galvanize the opposition.",          # a modal in the clause
    "Azerbaijani victory, thus, would be a gain for Israel.",       # a short aside does not end the clause
    "Israel is not a winner in this war.",                          # negation
    "Iran hopes to emerge victorious from the talks.",              # a hope is not an outcome
    "The battle between Azerbaijan and Armenia was fairly obvious.",  # no cue
    "The victory of the Azerbaijanis was celebrated in the streets.",  # a people, not the state
])
def test_speculation_conditions_and_denials_do_not_count(text: str) -> None:
    assert outcomes(text) == []


def test_outcomes_carry_their_sentence_span_and_document_date() -> None:
    text = "Talks went on for weeks. In the end, Azerbaijan prevailed."
    ex = realpolitik.extract_document(Document("d", text, date="2020-11-12"))
    (o,) = ex.outcomes
    assert (o.doc, o.actor, o.polarity, o.date) == ("d", "AZE", 1, "2020-11-12")
    assert text[o.span[0] : o.span[1]] == o.evidence == "In the end, Azerbaijan prevailed."


def test_outcomes_are_stored_and_not_emitted_as_relations(tmp_path: Path) -> None:
    text = "Armenia and Azerbaijan fought a war in 2020. Azerbaijan emerged victorious."
    with realpolitik.Store(tmp_path / "s.db") as store:
        realpolitik.ingest([Document("war", text, date="2021-01-01")], store)
        assert [(o.actor, o.polarity, o.date) for o in store.outcomes("AZE")] == [("AZE", 1, "2021-01-01")]
        assert store.stats()["outcomes"] == 1
    records = [r.to_record() for r in realpolitik.extract(text)]
    assert records and all("polarity" not in r and "actor" not in r for r in records)
    assert all(json.loads(json.dumps(r))["relation"] != "outcome" for r in records)


def test_the_cue_file_is_checked() -> None:
    table = load_cues()
    assert {c.role for c in table.cues} == {"subject", "object", "possessor", "after_colon"}
    assert table.anchors and "victorious" in table.anchors
    good = '{"class": "aux", "words": ["has"]}\n'
    with pytest.raises(DataError, match="unknown word class"):
        parse_cues(good + '{"cue": "@ <nope> won", "polarity": 1, "role": "subject"}')
    with pytest.raises(DataError, match="does not put one actor"):
        parse_cues(good + '{"cue": "won by @", "polarity": 1, "role": "subject"}')
    with pytest.raises(DataError, match="polarity"):
        parse_cues(good + '{"cue": "@ won", "polarity": 2, "role": "subject"}')
    with pytest.raises(DataError, match="unknown role"):
        parse_cues(good + '{"cue": "@ won", "polarity": 1, "role": "agent"}')
    with pytest.raises(DataError, match="a line needs"):
        parse_cues('{"word": "x"}')
    assert len(parse_cues(good + '{"cue": "@ <aux>* won", "polarity": 1, "role": "subject"}').cues) == 1
