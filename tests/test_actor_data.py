"""Checks on the shipped actor tables (data/actors.jsonl, data/non_actors.jsonl)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from importlib import resources

import pycountry
import pytest

from realpolitik.knowledge import Actor, load_knowledge

# ISO 3166-1 entries that are not UN member states: dependent territories and other areas,
# plus the observers Taiwan, Palestine and the Holy See (which the tables carry anyway).
NOT_UN_MEMBERS = {
    "ABW", "AIA", "ALA", "ASM", "ATA", "ATF", "BES", "BLM", "BMU", "BVT", "CCK", "COK", "CUW",
    "CXR", "CYM", "ESH", "FLK", "FRO", "GGY", "GIB", "GLP", "GRL", "GUF", "GUM", "HKG", "HMD",
    "IMN", "IOT", "JEY", "MAC", "MAF", "MNP", "MSR", "MTQ", "MYT", "NCL", "NFK", "NIU", "PCN",
    "PRI", "PYF", "REU", "SGS", "SHN", "SJM", "SPM", "SXM", "TCA", "TKL", "UMI", "VGB", "VIR",
    "WLF",
    "TWN", "PSE", "VAT",
}  # fmt: skip
EXTRA_STATES = {"XKX", "PSE", "TWN", "VAT"}
HISTORICAL_STATES = {"SUN", "YUG", "CSK", "DDR"}

ORGANISATIONS = {
    "UN", "EU", "NATO", "OIC", "ARAB_LEAGUE", "AU", "ASEAN", "GCC", "CSTO", "OSCE", "SCO", "IAEA",
    "OPEC", "BRICS", "G7", "G20", "CIS", "EAEU", "WTO", "IMF", "WORLD_BANK", "ICC", "ICJ",
}  # fmt: skip
GROUPS = {"HAMAS", "HEZBOLLAH", "HOUTHIS", "ISIS", "AL_QAEDA", "TALIBAN", "PKK", "WAGNER"}

FIELDS = {
    "id", "kind", "name", "names", "adjectives", "demonyms", "capitals", "metonyms", "ambiguous",
    "valid_from", "valid_until",
}  # fmt: skip
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


def forms(a: Actor) -> tuple[str, ...]:
    return a.names + a.adjectives + a.demonyms + a.capitals + a.metonyms


def raw_lines(name: str) -> list[dict]:
    text = (resources.files("realpolitik") / "data" / name).read_text(encoding="utf-8")
    return [json.loads(s) for s in text.splitlines() if s.strip() and not s.lstrip().startswith("#")]


def test_raw_records_use_known_fields_only():
    seen = set()
    for obj in raw_lines("actors.jsonl"):
        assert set(obj) <= FIELDS, (obj["id"], set(obj) - FIELDS)
        assert obj["id"] not in seen, f"duplicate id {obj['id']}"
        seen.add(obj["id"])
        for key in ("names", "adjectives", "demonyms", "capitals", "metonyms", "ambiguous"):
            assert isinstance(obj.get(key, []), list), (obj["id"], key)


def test_every_un_member_is_present(knowledge):
    assert {c.alpha_3 for c in pycountry.countries} >= NOT_UN_MEMBERS
    members = {c.alpha_3 for c in pycountry.countries} - NOT_UN_MEMBERS
    assert len(members) == 193
    missing = members - set(knowledge.actors)
    assert not missing, sorted(missing)


def test_observers_kosovo_taiwan_and_historical_states_present(knowledge):
    for code in EXTRA_STATES | HISTORICAL_STATES:
        assert code in knowledge.actors, code
        assert knowledge.actors[code].kind == "state"


def test_state_ids_are_iso_codes(knowledge):
    current = {c.alpha_3 for c in pycountry.countries}
    historic = {c.alpha_3 for c in pycountry.historic_countries}
    for a in knowledge.actors.values():
        if a.kind != "state":
            continue
        assert a.id in current or a.id in EXTRA_STATES or a.id in historic, a.id
        if a.id in historic and a.id not in current:
            assert a.valid_from and a.valid_until, f"{a.id} needs valid_from/valid_until"


def test_validity_dates(knowledge):
    sun = knowledge.actors["SUN"]
    assert (sun.valid_from, sun.valid_until) == ("1922-12-30", "1991-12-26")
    for a in knowledge.actors.values():
        for d in (a.valid_from, a.valid_until):
            assert d is None or DATE.match(d), (a.id, d)
        if a.valid_from and a.valid_until:
            assert a.valid_from < a.valid_until, a.id


def test_organisations_and_groups_present(knowledge):
    kinds = defaultdict(set)
    for a in knowledge.actors.values():
        kinds[a.kind].add(a.id)
    assert kinds["organisation"] >= ORGANISATIONS, sorted(ORGANISATIONS - kinds["organisation"])
    assert kinds["group"] >= GROUPS, sorted(GROUPS - kinds["group"])


def test_every_actor_has_its_name_among_its_names(knowledge):
    for a in knowledge.actors.values():
        assert a.names, a.id
        assert a.name in a.names, a.id


def test_surface_forms_are_clean(knowledge):
    for a in knowledge.actors.values():
        fs = forms(a)
        for f in fs:
            assert f and f == f.strip(), (a.id, f)
            assert "  " not in f, (a.id, f)
            assert not f.lower().startswith("the "), (a.id, f)
        assert len(fs) == len(set(fs)), (a.id, [f for f in fs if fs.count(f) > 1])


def test_ambiguous_entries_are_own_surface_forms(knowledge):
    for a in knowledge.actors.values():
        stray = a.ambiguous - set(forms(a))
        assert not stray, (a.id, sorted(stray))


def test_shared_forms_are_flagged(knowledge):
    owners = defaultdict(set)
    for a in knowledge.actors.values():
        for f in forms(a):
            owners[f].add(a.id)
    unflagged = {
        f: sorted(ids)
        for f, ids in owners.items()
        if len(ids) > 1 and not any(f in knowledge.actors[i].ambiguous for i in ids)
    }
    assert not unflagged, unflagged


@pytest.mark.parametrize(
    ("form", "actor_id"),
    [
        ("U.S.", "USA"), ("Britain", "GBR"), ("Türkiye", "TUR"), ("Burma", "MMR"),
        ("Côte d'Ivoire", "CIV"), ("DPRK", "PRK"), ("Czechia", "CZE"), ("Swaziland", "SWZ"),
        ("DR Congo", "COD"), ("Congo-Brazzaville", "COG"), ("Azeri", "AZE"), ("Emirati", "ARE"),
        ("Kremlin", "RUS"), ("Elysee", "FRA"), ("Kyiv", "UKR"), ("Soviet", "SUN"),
        ("East German", "DDR"), ("U.N.", "UN"), ("Nato", "NATO"), ("Ansar Allah", "HOUTHIS"),
        ("Daesh", "ISIS"), ("al-Qaida", "AL_QAEDA"), ("Kurdistan Workers' Party", "PKK"),
        ("Holy See", "VAT"), ("Chinese Taipei", "TWN"), ("Palestinian Authority", "PSE"),
    ],
)  # fmt: skip
def test_known_forms(knowledge, form, actor_id):
    assert form in forms(knowledge.actors[actor_id])


def test_excluded_forms(knowledge):
    everything = {f for a in knowledge.actors.values() for f in forms(a)}
    for f in ("PA", "IS", "Persia", "European", "Delhi", "Peking"):
        assert f not in everything, f


def _contains(text: str, form: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text) is not None


def test_non_actors_are_clean_and_matter(knowledge):
    texts = knowledge.non_actors
    assert len(texts) == len(set(texts))
    all_forms = {f for a in knowledge.actors.values() for f in forms(a)}
    for t in texts:
        assert t and t == t.strip(), t
        assert t not in all_forms, f"{t!r} is itself an actor form"
        assert any(_contains(t, f) for f in all_forms), f"{t!r} contains no actor form"


def test_non_actor_records_have_notes():
    for obj in raw_lines("non_actors.jsonl"):
        assert set(obj) == {"text", "note"}, obj
        assert obj["note"], obj
