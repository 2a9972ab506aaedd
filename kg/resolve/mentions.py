"""What a document has said so far: mentions, and the memory of names, places and countries.

The resolver of one document keeps these so that later mentions can be read against earlier
ones: "hij" and "the group" look back a few sentences; "Okafor" finds the "Chidi Okafor"
introduced before (and not a gazetteer person who shares the surname); "the government"
belongs to a country only when the document has established which one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher

from kg.gazetteer import Gazetteer
from kg.ids import fold
from kg.types import ACTOR_TYPES, Actor, Entity

#: a country is the document's when it has at least this share of the country mentions ...
_DOMINANT_SHARE = 2 / 3
#: ... and at least this many of them (a single mention among several countries is no proof)
_DOMINANT_MIN = 2


@dataclass(slots=True)
class Mention:
    """An actor seen in the document, kept for pronouns and role nouns later on."""

    start: int
    end: int
    entity: Entity
    sentence: int
    is_subject: bool
    actor: Actor | None
    how: str = "name"  # "context" when the document's country made it (see triples)


@dataclass(slots=True)
class Resolved:
    entity: Entity
    how: str


@dataclass(slots=True)
class DocumentMemory:
    """Names, places and countries of one document, unbounded by sentence distance."""

    countries: Counter[str] = field(default_factory=Counter)
    places: set[str] = field(default_factory=set)
    people: dict[str, Entity] = field(default_factory=dict)
    #: countries named in the current sentence, with the token index that names them
    current: list[tuple[int, str]] = field(default_factory=list)

    def next_sentence(self) -> None:
        self.countries.update(code for _, code in self.current)
        self.current.clear()

    def count_country(self, code: str | None, at: int) -> None:
        if code:
            self.current.append((at, code))

    def established_country(self, before: int) -> str | None:
        """The country the document is about, from the sentences before and the words of
        this one before token ``before``: the only one named, or one named at least twice
        and in two thirds of all country mentions; else None."""
        counts = self.countries + Counter(code for i, code in self.current if i < before)
        if not counts:
            return None
        (top, n), *rest = counts.most_common()
        if not rest:
            return top
        total = sum(counts.values())
        return top if n >= _DOMINANT_MIN and n / total >= _DOMINANT_SHARE else None

    def add_person(self, entity: Entity) -> None:
        """A full name introduced in the document: its surname finds it later."""
        words = entity.name.split()
        if len(words) > 1:
            self.people[fold(words[-1])] = entity

    def person(self, surname: str) -> Entity | None:
        """The person introduced with this surname ("Okafor" after "Chidi Okafor")."""
        return self.people.get(fold(surname))


@cache
def phrase_matcher(gazetteer: Gazetteer, nlp: Language) -> PhraseMatcher:
    """A PhraseMatcher over every alias, built once per gazetteer and pipeline."""
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_actor: dict[str, list[str]] = {}
    for alias, actor_id in gazetteer.alias_patterns():
        by_actor.setdefault(actor_id, []).append(alias)
    for actor_id, aliases in by_actor.items():
        matcher.add(actor_id, list(nlp.tokenizer.pipe(aliases)))
    return matcher


def actor_entity(actor: Actor, text: str) -> Entity:
    return Entity(name=actor.name, text=text, type=actor.type, id=actor.id)


def compatible(entity: Entity, wanted: tuple[str, ...]) -> bool:
    """Whether a pronoun that wants ``wanted`` kinds can stand for ``entity``."""
    if entity.type == "PERSON":
        return "PERSON" in wanted
    return entity.type in ACTOR_TYPES and ("ORG" in wanted or "GROUP" in wanted)
