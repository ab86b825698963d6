"""The contract of ``shared/ONTOLOGY.md``: relation types, their sign, symmetry and layer.

Everything that needs to know what a relation type *means* (the extractor, the
scorer, the analysis) reads it from here, so the table exists once.
"""

from __future__ import annotations

from dataclasses import dataclass

MODALITIES = ("asserted", "possible", "negated")


@dataclass(frozen=True, slots=True)
class RelationType:
    name: str
    sign: int  # +1 cooperative, -1 conflictual, 0 neutral (membership)
    symmetric: bool
    layer: str  # military | economic | diplomatic | rhetorical | violent


_TABLE = [
    ("arms_supply", +1, False, "military"),
    ("military_cooperation", +1, True, "military"),
    ("intelligence_cooperation", +1, True, "military"),
    ("energy_supply", +1, False, "economic"),
    ("trade", +1, True, "economic"),
    ("aid", +1, False, "economic"),
    ("sanction", -1, False, "economic"),
    ("diplomatic_recognition", +1, False, "diplomatic"),
    ("diplomatic_upgrade", +1, True, "diplomatic"),
    ("diplomatic_downgrade", -1, True, "diplomatic"),
    ("agreement", +1, True, "diplomatic"),
    ("mediation", +1, False, "diplomatic"),
    ("consultation", +1, True, "diplomatic"),
    ("membership", 0, False, "diplomatic"),
    ("support", +1, False, "rhetorical"),
    ("criticism", -1, False, "rhetorical"),
    ("threat", -1, False, "rhetorical"),
    ("alignment", +1, True, "rhetorical"),
    ("hostility", -1, True, "rhetorical"),
    ("armed_conflict", -1, True, "violent"),
]

RELATION_TYPES: dict[str, RelationType] = {
    name: RelationType(name, sign, sym, layer) for name, sign, sym, layer in _TABLE
}
LAYERS = ("military", "economic", "diplomatic", "rhetorical", "violent")


def relation_key(source: str, relation: str, target: str) -> tuple[str, str, str]:
    """The scoring key of a relation: the two actors sorted for symmetric types.

    >>> relation_key("TUR", "trade", "ISR")
    ('ISR', 'trade', 'TUR')
    >>> relation_key("TUR", "arms_supply", "AZE")
    ('TUR', 'arms_supply', 'AZE')
    """
    rt = RELATION_TYPES.get(relation)
    if rt is not None and rt.symmetric and target < source:
        source, target = target, source
    return (source, relation, target)
