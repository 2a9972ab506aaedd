"""Role nouns, institutions and generic agents: who "de Russische president", "the
government", "Turkish troops" and "the insurgents" are.

A mixin of :class:`kg.resolve.document.DocumentResolver`.  Precision comes first, because a
wrong identity in an analyst's graph is worse than a missing edge: a role phrase with the
holder's own name beside it takes that name; a role resolves through the gazetteer only when
its holder is unique ("the Russian president", never "a commander"); an institution ("the
government", "het leger") belongs to a country only when the phrase or the document names
it; a generic group ("protesters") takes the document's country when there is one.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.agents import Agents
from kg.resolve.mentions import DocumentMemory, Mention, Resolved, actor_entity

if TYPE_CHECKING:
    from kg.extract import ArgumentFinder
    from kg.gazetteer import Gazetteer
    from kg.lexicon import Grammar
    from kg.resolve.names import NameReader
    from kg.types import Document

PRONOUN_WINDOW = 3  # sentences back
#: articles that make a noun indefinite: "a commander" is no one in particular
_INDEFINITE = frozenset({"a", "an", "een", "some", "enkele", "several", "verscheidene"})
#: dependency labels that attach a name to the noun before it ("commandant Ibrahim Musa")
_NAME_DEPS = frozenset({"appos", "flat", "flat:name", "compound", "nmod", "npadvmod"})


#: what "fighters of X" can be X: an organisation or armed group, not a country or person
_GROUP_TYPES = frozenset({"ARMED_GROUP", "REBEL", "ORGANIZATION", "ACTOR", "OPPOSITION"})
#: organisation kinds of roles.json that are a country's military
_MILITARY_KINDS = frozenset({"armed_forces", "army", "navy", "air_force"})


class RoleMixin:
    """Role, institution and agent lookups; the host provides the mention machinery."""

    document: Document
    lang: str
    g: Grammar
    gaz: Gazetteer
    finder: ArgumentFinder
    agents: Agents
    names: NameReader
    memory: DocumentMemory
    history: deque[Mention]
    sentence: int

    def _name(self, tok: Token) -> Resolved | None:  # pragma: no cover - the host's
        raise NotImplementedError

    def _mention_at(self, tok: Token) -> Mention | None:  # pragma: no cover - the host's
        raise NotImplementedError

    def _role_noun(self, tok: Token) -> tuple[str, str] | None:
        """What the noun denotes (see ``Gazetteer.role_noun``), by its lemma or its form."""
        return self.gaz.role_noun(tok.lemma_, self.lang) or self.gaz.role_noun(tok.text, self.lang)

    def _role(self, tok: Token) -> Resolved | None:
        """Role phrases: de Russische president, de Wagner-baas, de Amerikaanse denktank."""
        named = self._named_holder(tok)
        if named is not None:
            return named
        if any(c.lower_ in _INDEFINITE for c in tok.children):
            return self._agent(tok)  # "a commander", "een woordvoerder": no one known
        phrase = self._role_phrase(tok)
        holder = self.gaz.resolve_role(phrase, self.lang, self.document.date)
        if holder is not None:
            return Resolved(actor_entity(holder, phrase), "role")
        if "-" in tok.text.strip("-"):  # Houthi-rebellen, Wagner-troepen: the group itself
            left, right = tok.text.rsplit("-", 1)
            owner = self.gaz.lookup(left, self.lang)
            if owner is not None and (self.gaz.role_noun(right, self.lang) is not None
                                      or self.agents.noun(right, self.lang) is not None):
                return Resolved(actor_entity(owner, tok.text), "role")
        agent = self._agent(tok)
        if agent is not None:
            return agent
        noun = self._role_noun(tok)
        if noun is None and tok.lemma_.lower() in self.g.anaphors and any(
                c.lower_ in self.g.articles for c in tok.children):
            return self._anaphor(tok)  # "de groep" / "the group": the one named before
        if noun is None or noun[0] == "role":
            return None
        if noun[0] == "org":  # "de luchtverdediging" in a story about Russia
            named = self._owner(tok)  # "het leger van Tsjaad", "the Chad army"
            if named is not None and self.gaz.country(named) is None:
                named = None  # "the <president> administration": a person, no country
            owner = named or self._possessor_country(tok)
            org = self.gaz.org_by_kind(noun[1], owner) if owner else None
            if org is not None:
                return Resolved(actor_entity(org, phrase), "group" if named else "context")
            troops = self.agents.groups.get("troops")
            if named and noun[1] in _MILITARY_KINDS and troops is not None:
                # a country whose armed forces the gazetteer lacks: its troops as a group
                return Resolved(self.agents.entity(troops, named, self.gaz, tok.text), "group")
            return None
        of = self._owner(tok)  # "de Amerikaanse denktank": the one introduced earlier
        for m in reversed(self.history):
            if m.actor is not None and noun[1] in self.gaz.tags(m.actor.id) and (
                    of is None or m.actor.country == of):
                return Resolved(m.entity, "role")
        return None

    def _named_holder(self, tok: Token) -> Resolved | None:
        """"militia commander Ibrahim Musa", "de commandant, Ibrahim Musa": the name beside
        a title is who it is, whatever the gazetteer says held a similar office."""
        if not self.names.is_title(tok) or tok.pos_ == "PROPN":
            return None
        for child in tok.children:
            if child.i > tok.i and child.pos_ == "PROPN" and child.dep_ in _NAME_DEPS:
                found = self._mention_name(child)
                if found is not None and found.entity.type in ("PERSON", "ACTOR"):
                    return found
        head = tok.head  # "commander" as a compound of the name: the name is the head
        if head.i > tok.i and head.pos_ == "PROPN" and tok.dep_ in ("compound", "nmod"):
            found = self._mention_name(head)
            if found is not None and found.entity.type in ("PERSON", "ACTOR"):
                return found
        return None

    def _mention_name(self, tok: Token) -> Resolved | None:
        m = self._mention_at(tok)
        return Resolved(m.entity, "name") if m is not None else self._name(tok)

    def _agent(self, tok: Token) -> Resolved | None:
        """"Turkish troops", "Egyptische agenten", "Assads troepen", "the insurgents"."""
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        group = None
        for left in [c for c in tok.children if c.i < tok.i and c.dep_ in ("amod", "compound")]:
            group = group or self.agents.noun(f"{left.text} {tok.text}", self.lang)
        group = group or self.agents.noun(tok.text, self.lang)
        if group is None:
            return None
        if any(c.dep_ in ("poss", "nmod:poss") and c.pos_ == "PRON" for c in tok.children):
            return None  # "his fighters": whose is not known here
        for prep, noun in self.finder.preps(tok):  # "strijders van <group>": that group,
            if prep in ("van", "of") and noun.pos_ == "PROPN":  # known or not
                found = self._mention_name(noun)
                if found is not None and found.entity.type in _GROUP_TYPES:
                    return Resolved(found.entity, "role")
        owner = self._owner(tok)
        if owner is not None and self.gaz.country(owner) is None:
            actor = self.gaz.actor(owner)  # "Wagner troops", "Hamas fighters": the group
            return Resolved(actor_entity(actor, tok.text), "role") if actor else None
        how = "group"
        if owner is None and group.context_country:
            owner = self._possessor_country(tok)
            how = "context"
        if owner is None and group.sector in self.agents.needs_country:
            return None  # "the troops" of no named country are no one
        return Resolved(self.agents.entity(group, owner, self.gaz, tok.text), how)

    def _possessor_country(self, tok: Token) -> str | None:
        """Whose institution: a named possessor's country ("Assads troepen"), else the
        country the document is about ("the country's army", "het leger"), else None."""
        owners = [c for c in tok.children if c.dep_ in ("poss", "nmod:poss")]
        if owners and owners[0].lemma_.lower() not in self.g.anaphors and (
                owners[0].pos_ == "PROPN"):
            found = self._name(owners[0])
            return self._country_of(found.entity.id) if found is not None else None
        if owners and owners[0].pos_ == "PRON":
            return None  # "his troops": whose is not known here
        # the country of the document so far, not one named in the phrase itself
        # ("Moscow-backed separatists": backed by Moscow, not Russian)
        return self.memory.established_country(before=tok.left_edge.i)

    def _anaphor(self, tok: Token) -> Resolved | None:
        wanted = self.g.anaphors[tok.lemma_.lower()]
        for m in reversed(self.history):
            if self.sentence - m.sentence >= PRONOUN_WINDOW:
                break
            if m.entity.type in wanted and (m.sentence < self.sentence or m.end <= tok.i):
                return Resolved(m.entity, "pronoun")
        return None

    def _country_of(self, actor_id: str) -> str | None:
        actor = self.gaz.actor(actor_id)
        return actor.country if actor is not None else None

    def _role_phrase(self, tok: Token) -> str:
        """The token with its adjectives and a following "van X"/"of X" phrase."""
        doc = tok.doc
        left = [c.i for c in tok.children if c.i < tok.i and c.dep_ in (
            "amod", "compound", "nmod", "flat", "poss", "nmod:poss") and c.pos_ != "PRON"]
        lo = min([*left, tok.i])
        hi = tok.i + 1
        for prep, noun in self.finder.preps(tok):
            if prep in ("van", "of") and noun.i > tok.i:
                hi = max(hi, noun.i + 1)
        return doc[lo:hi].text

    def _owner(self, tok: Token) -> str | None:
        """Whose role: a demonym adjective (Russische) or a "van Rusland" / "of Russia"."""
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "nmod", "flat") and child.i < tok.i:
                code = self.gaz.demonym(child.text, self.lang)
                if code:
                    return code
                if child.pos_ == "PROPN" and (m := self._mention_at(child)) and m.actor:
                    return m.actor.country if m.actor.type == "COUNTRY" else m.actor.id
        for prep, noun in self.finder.preps(tok):
            if prep in ("van", "of"):
                m = self._mention_at(noun)
                if m is not None and m.actor is not None:
                    return m.actor.country if m.actor.type == "COUNTRY" else m.actor.id
        return None
