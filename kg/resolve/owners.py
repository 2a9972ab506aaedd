"""Owners and places of non-actor arguments: whose event, whose camps, where a strike hit.

A mixin of :class:`kg.resolve.document.DocumentResolver`: "Russian missile strikes killed"
acted through Russia, "Wagner's field camps" belong to Wagner, "facilities on the territory
of the Russian Federation" are in Russia.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.resolve.mentions import Resolved, actor_entity

if TYPE_CHECKING:
    from kg.extract import ArgumentFinder
    from kg.gazetteer import Gazetteer

_PLACE_PREPS = frozenset({"in", "on", "of", "inside", "near", "op", "van", "bij", "nabij"})
PLACE_TYPES = frozenset({"COUNTRY", "GOVERNMENT", "REGION", "LOCATION"})


class OwnerMixin:
    """Owner, flag and place lookups; the host provides ``resolve``, ``finder``, ``gaz``."""

    finder: ArgumentFinder
    gaz: Gazetteer
    lang: str

    def resolve(self, tok: Token) -> Resolved | None:  # pragma: no cover - the host's
        raise NotImplementedError

    def _possessor(self, tok: Token) -> Resolved | None:
        """The owner of a target that is not an actor itself: "Wagner's field camps"."""
        owners = [c for c in tok.children if c.pos_ == "PROPN" and (
            c.dep_ in ("poss", "nmod:poss") or c.dep_ == "compound" and c.i < tok.i)]
        # "Hezbollah targets"; "doelen van Hezbollah", "de aanval van Rusland", "the positions
        # of the RSF"
        # ... but not the victim of an event noun that takes it ("de invasie van Oekraïne")
        victim = {s.split(">")[0] for f in self.finder.noun_frames(tok) for s in f.targets}
        owners += [n for p, n in self.finder.preps(tok)
                   if p in ("van", "of") and n.i > tok.i and f"prep:{p}" not in victim]
        for owner in owners:
            found = self.resolve(owner)
            if found is not None and found.entity.is_actor:
                return Resolved(found.entity, "owner")
        return None

    def _event_owner(self, tok: Token) -> Resolved | None:
        """Who did the event a target names: "veroordeelde de Russische aanval" -> Russia."""
        if not self.finder.noun_frames(tok):
            return None
        flag = self._flag(tok)
        return Resolved(flag.entity, "owner") if flag is not None else self._possessor(tok)

    def _flag(self, tok: Token) -> Resolved | None:
        """The country a demonym before the noun names: "Russian missile strikes", "een Brits
        vrachtschip"."""
        for left in tok.doc[tok.left_edge.i:tok.i]:
            if left.pos_ == "ADJ" and left.dep_ == "amod":
                found = self._demonym_actor(left)
                if found is not None:
                    return found
        return None

    def _location(self, tok: Token, depth: int = 3) -> Resolved | None:
        """Where a struck object is: "facilities on the territory of the Russian Federation".

        Used only for material conflict (attacks, occupation), where the place named is
        what was hit."""
        if depth == 0:
            return None
        for child in tok.children:
            if child.dep_ == "compound" and child.pos_ == "PROPN":
                found = self.resolve(child)
                if found is not None and found.entity.type in PLACE_TYPES:
                    return Resolved(found.entity, "owner")
        for prep, noun in self.finder.preps(tok):
            if prep not in _PLACE_PREPS:
                continue
            found = self.resolve(noun)
            if found is not None and found.entity.type in PLACE_TYPES:
                return Resolved(found.entity, "owner")
            deeper = self._location(noun, depth - 1)
            if deeper is not None:
                return deeper
        return None

    def _struck_place(self, tok: Token, predicate: Token) -> Resolved | None:
        """Where a struck object is: its own place phrase, else the verb's ("did not attack
        any facilities on the territory of the Russian Federation", the phrase on the verb)."""
        found = self._location(tok)
        if found is None and tok.pos_ == "NOUN":  # else its flag, else the verb's place
            found = self._flag(tok) or self._location(predicate)
        return found

    def _demonym_actor(self, tok: Token) -> Resolved | None:
        code = self.gaz.demonym(tok.text, self.lang)
        country = self.gaz.country(code) if code else None
        if country is None:
            return None
        return Resolved(actor_entity(country, tok.text), "demonym")
