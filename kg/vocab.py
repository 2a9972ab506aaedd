"""The fixed relation vocabulary: every relationship type kg writes comes from here.

The data file ``kg/data/relations.json`` maps each relation to its PLOVER event type,
CAMEO code and PLOVER quad class.  Writers use :func:`relation_type` as the whitelist,
so a Neo4j relationship type is never built from text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kg.errors import LexiconError

QUAD_HOSTILE = frozenset({"VERBAL_CONFLICT", "MATERIAL_CONFLICT"})
QUAD_COOPERATIVE = frozenset({"VERBAL_COOPERATION", "MATERIAL_COOPERATION"})


@dataclass(frozen=True, slots=True)
class Relation:
    name: str
    plover: str | None
    cameo: str
    quad: int
    quad_class: str
    description: str
    places: bool = False  # its target may be a place ("attacked facilities in Russia")


@cache
def relations() -> dict[str, Relation]:
    """All relations by name, read once from the packaged data file."""
    raw = json.loads(resources.files("kg.data").joinpath("relations.json").read_text("utf-8"))
    table: dict[str, Relation] = {}
    for row in raw["relations"]:
        rel = Relation(**row)
        if not rel.name.isidentifier() or not rel.name.isupper():
            raise LexiconError(f"relation name {rel.name!r} must be an upper-case identifier")
        table[rel.name] = rel
    return table


def relation_type(name: str) -> str:
    """Return ``name`` if it is in the vocabulary, else raise: the Cypher-injection guard."""
    if name not in relations():
        raise LexiconError(f"unknown relation {name!r}; see kg/data/relations.json")
    return name
