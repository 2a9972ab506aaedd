"""Generic agents: "Turkish troops", "Egyptische agenten", "the insurgents", "stakers".

News names many actors by a country and an agent noun rather than by name. CAMEO codes
them as a country plus a sector (TURMIL, EGYCOP, ...); kg does the same with a typed group
actor, named in English ("Iranian protesters", "protesters") so that Dutch and English text
about the same group give one node.  Where the gazetteer has the organisation that stands
for a whole sector of a country (its armed forces, its government), that actor is used
instead.  The nouns and sectors are data (``kg/data/agents.json``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from kg.gazetteer import Gazetteer, alias_key
from kg.ids import slug
from kg.types import Actor, Entity

#: id prefix of composed group actors: ``group-<country>-<group>`` or ``group-<group>``
GROUP_PREFIX = "group-"


@dataclass(frozen=True, slots=True)
class Group:
    """A kind of generic agent: its key, English name, CAMEO sector and kg type."""

    key: str
    name: str
    sector: str
    type: str
    org: str | None
    #: may take the document's country when the phrase names none ("the rebels" in a Sudan
    #: story); not for captives, who are mostly the other side's people ("hostages")
    context_country: bool = True


class Agents:
    """Agent nouns per language and how to turn them into group actors."""

    def __init__(self, data: dict[str, Any]) -> None:
        sectors = data["sectors"]
        self.groups = {
            key: Group(key, g["name"], g["sector"], sectors[g["sector"]]["type"],
                       sectors[g["sector"]].get("org"), g.get("context_country", True))
            for key, g in data["groups"].items()}
        self.needs_country = frozenset(code for code, s in sectors.items()
                                       if s.get("needs_country"))
        self._by_slug = {slug(key): group for key, group in self.groups.items()}
        self._nouns = {lang: {alias_key(noun): self.groups[key] for noun, key in nouns.items()}
                       for lang, nouns in data["nouns"].items()}

    def noun(self, text: str, lang: str) -> Group | None:
        """The group an agent noun denotes ("troepen" -> troops), or None."""
        return self._nouns.get(lang, {}).get(alias_key(text).replace("_", ""))

    def entity(self, group: Group, owner: str | None, gaz: Gazetteer, text: str) -> Entity:
        """The actor for a group of an owner (ISO code or region id, or None): the sector's
        organisation when the gazetteer has one, else a composed group actor."""
        if owner is not None and group.org is not None and group.key != "junta":
            org = gaz.org_by_kind(group.org, owner)
            if org is not None:
                return Entity(name=org.name, text=text, type=org.type, id=org.id)
        actor = self.actor(group_id(group, owner), gaz)
        assert actor is not None  # a group id built here is always one we can read back
        return Entity(name=actor.name, text=text, type=actor.type, id=actor.id)

    def actor(self, actor_id: str, gaz: Gazetteer) -> Actor | None:
        """The group actor an id stands for ("group-irn-protesters"), with its country."""
        if not actor_id.startswith(GROUP_PREFIX):
            return None
        rest = actor_id[len(GROUP_PREFIX):]
        owner, _, key = rest.partition(":")
        if not key:
            owner, key = "", rest
        group = self._by_slug.get(key)
        if group is None:
            return None
        country = gaz.country(owner.upper()) or gaz.country(owner) if owner else None
        if owner and country is None:
            return None
        name = group.name
        if country is not None:
            name = f"{english_demonym(gaz, country)} {name}"
        return Actor(id=actor_id, name=name, type=group.type,
                     country=country.country if country else None)


def group_id(group: Group, owner: str | None) -> str:
    """``group-irn:protesters`` (country codes lower-case), ``group-protesters`` uncountried."""
    if owner is None:
        return f"{GROUP_PREFIX}{slug(group.key)}"
    return f"{GROUP_PREFIX}{owner.lower()}:{slug(group.key)}"


def english_demonym(gaz: Gazetteer, country: Actor) -> str:
    """"Iranian" for Iran; the country's name when the data has no English demonym."""
    record = gaz.record(country.id) or {}
    words = record.get("demonyms", {}).get("en", [])
    return words[0] if words else country.name


@cache
def default_agents() -> Agents:
    """The packaged agent nouns, loaded once."""
    text = resources.files("kg.data").joinpath("agents.json").read_text(encoding="utf-8")
    return Agents(json.loads(text))
