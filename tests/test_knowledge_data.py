"""The package's knowledge files: officials with their terms, and the trigger lexicons."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from realpolitik.extract.lexicon import load_lexicon, noun_forms, verb_forms
from realpolitik.knowledge import ROLES, load_knowledge
from realpolitik.ontology import RELATION_TYPES


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


def _day(iso: str, end: bool = False) -> date:
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 2:
        return date(parts[0], parts[1], 28 if end else 1)
    return date(*parts)


def test_every_official_serves_a_known_actor(knowledge) -> None:
    unknown = {o.actor for o in knowledge.officials} - set(knowledge.actors)
    assert not unknown


def test_terms_are_well_formed(knowledge) -> None:
    for o in knowledge.officials:
        assert o.role in ROLES
        assert _day(o.start) <= _day(o.end or "2100-01-01", end=True), o


def test_terms_of_one_office_do_not_overlap(knowledge) -> None:
    terms = defaultdict(list)
    for o in knowledge.officials:
        if o.role != "other":
            terms[(o.actor, o.role)].append(o)
    clashes = []
    for (actor, role), ts in terms.items():
        ts.sort(key=lambda o: _day(o.start))
        for a, b in zip(ts, ts[1:], strict=False):
            if a.end is None or (_day(a.end, end=True) - _day(b.start)).days > 31:
                clashes.append((actor, role, a.name, b.name))
    assert not clashes


def test_at_least_eighty_states_have_leaders(knowledge) -> None:
    states = {o.actor for o in knowledge.officials if knowledge.actors[o.actor].kind == "state"}
    assert len(states) >= 80


def test_a_leader_resolves_by_date(knowledge) -> None:
    nets = [o for o in knowledge.officials if "Netanyahu" in o.aliases and o.role == "head_of_government"]
    assert any(o.in_office("1998-05-01") for o in nets)
    assert any(o.in_office("2024-05-01") for o in nets)
    assert not any(o.in_office("2002-01-01") for o in nets)


def test_every_trigger_names_a_known_type() -> None:
    lex = load_lexicon()
    assert lex.triggers
    for t in lex.triggers:
        assert t.type == "" or t.type in RELATION_TYPES
    covered = {t.type for t in lex.triggers} | set(lex.theme_types.values())
    assert covered >= set(RELATION_TYPES)


def test_inflections() -> None:
    assert {"withdrew", "withdrawn", "withdrawing", "withdraws"} <= verb_forms("withdraw")
    assert {"expelled", "expelling"} <= verb_forms("expel")
    assert {"normalized", "normalizing"} <= verb_forms("normalize")
    assert noun_forms("embassy") == {"embassy", "embassies"}


def test_irregular_verbs_are_listed_once() -> None:
    import json
    from importlib import resources

    text = resources.files("realpolitik.data").joinpath("morphology.jsonl").read_text(encoding="utf-8")
    lemmas = [json.loads(line)["lemma"] for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert len(lemmas) == len(set(lemmas)), sorted({x for x in lemmas if lemmas.count(x) > 1})
